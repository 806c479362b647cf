"""The Agg canvas the charts draw on: one renderer per thread and image size, kept between charts.

Matplotlib caches the size of every text it lays out on the renderer that measured it, and makes a
renderer for each new canvas: without this, every chart measures anew its tick labels, legend
entries and the peer kommuner's names, which repeat from chart to chart (a tenth of a chart's time).
The renderer is cleared before each drawing, as a new one would be blank, so the pixels are the same.

The renderer also keeps the glyph layout of each text it draws (which glyphs, where), which
matplotlib (3.11 on) shapes anew for every text drawn: the same few hundred strings are drawn
thousands of times in a batch (another tenth of a chart's time).

And it keeps each glyph's bitmap by where it falls within a pixel: FreeType places a glyph in 64ths of
a pixel, and a glyph moved by whole pixels is the same bitmap moved, so a glyph drawn again at the same
fraction of a pixel (three draws in four, in a kommun's charts) is copied instead of rasterised. The
pixels are the same.
"""

import math
import threading
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font

try:
    from matplotlib.ft2font import RenderMode
except ImportError:  # before 3.10: texts are drawn as matplotlib draws them (``_LAYOUT_API``)
    RenderMode = None

KEPT = 4  # renderers kept (least recently used let go): an indicator chart's is some 6 MB
LAYOUTS_KEPT = 4096  # glyph layouts kept per process; two kommuner's 82 indicator charts draw some 250 strings
GLYPHS_KEPT = 65536  # glyph bitmaps kept per process; two kommuner's charts draw some 7 000 (a few hundred bytes each)

# the layout a text is drawn from, as matplotlib 3.11 makes it: older versions draw otherwise
_LAYOUT_API = (RenderMode is not None and hasattr(RendererAgg, "_draw_text_glyphs_and_boxes")
               and hasattr(FT2Font, "_layout"))

_renderers: OrderedDict[tuple, RendererAgg] = OrderedDict()
_layouts: dict[tuple, list] = {}
_glyphs: dict[tuple, tuple] = {}
_lock = threading.Lock()


class Renderer(RendererAgg):
    """``RendererAgg`` that shapes each text once: the layout is keyed by the font matplotlib picks
    for the text (the same object while its file and size are the same), the size, the resolution,
    the hinting and the text's font features and language."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or not _LAYOUT_API:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        font = self._prepare_font(prop)  # as matplotlib does: picks the font and sets its size
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size, hinting = prop.get_size_in_points(), get_hinting_flag()
        key = (font, size, self.dpi, s, hinting, None if features is None else tuple(features), language)
        items = _layouts.get(key)
        if items is None:
            items = font._layout(s, flags=hinting, features=features, language=language)
            if len(_layouts) >= LAYOUTS_KEPT:
                _layouts.clear()
            _layouts[key] = items
        self._draw_glyphs(gc, x, y, angle, size, hinting, items)

    def _draw_glyphs(self, gc, x, y, angle, size, hinting, items):
        """What ``RendererAgg._draw_text_glyphs_and_boxes`` does for a text without boxes, slant or
        stretch, with each glyph's bitmap kept by its font, size, turn and fraction of a pixel."""
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        smooth = bool(gc.get_antialiased())
        for item in items:  # y is downwards; FreeType's, and the items', upwards
            px = round(0x40 * (x + item.x * cos - item.y * sin))
            py = round(0x40 * (self.height - y + item.x * sin + item.y * cos))
            key = (item.ft_object, size, self.dpi, item.glyph_index, angle, hinting, smooth, px & 63, py & 63)
            glyph = _glyphs.get(key)
            if glyph is None:
                glyph = _rasterised(item.ft_object, size, self.dpi, item.glyph_index, cos, sin, hinting, smooth,
                                    px & 63, py & 63)
                if len(_glyphs) >= GLYPHS_KEPT:
                    _glyphs.clear()
                _glyphs[key] = glyph
            buffer, left, top = glyph
            left, top = left + (px >> 6), top + (py >> 6)  # whole pixels move the bitmap, nothing else
            self._renderer.draw_text_image(buffer, left, int(self.height) - top + buffer.shape[0], 0, gc)


def _rasterised(font, size, dpi, glyph_index, cos, sin, hinting, smooth, fx, fy) -> tuple:
    """A glyph's bitmap placed at (fx, fy) 64ths of a pixel from the origin, as matplotlib renders it:
    (pixels, left, top)."""
    font.set_size(size, dpi)
    font._set_transform((0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int), [fx, fy])
    bitmap = font._render_glyph(glyph_index, hinting, RenderMode.NORMAL if smooth else RenderMode.MONO)
    buffer = np.array(bitmap.buffer)  # a copy: kept while FreeType reuses its own
    if not smooth:
        buffer *= 0xff
    return buffer, bitmap.left, bitmap.top


class Canvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing on a shared renderer. Read its pixels before the next chart is drawn
    in the same thread: that chart draws over them."""

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = (threading.get_ident(), width, height, self.figure.dpi)
        with _lock:  # a renderer is never shared between threads: each has its own key
            renderer = _renderers.pop(key, None) or Renderer(width, height, self.figure.dpi)
            _renderers[key] = renderer
            while len(_renderers) > KEPT:
                _renderers.popitem(last=False)
        self.renderer, self._lastKey = renderer, (width, height, self.figure.dpi)
        return renderer
