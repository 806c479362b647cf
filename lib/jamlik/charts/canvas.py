"""The Agg canvas the charts draw on: one renderer per thread and image size, kept between charts.

Matplotlib caches the size of every text it lays out on the renderer that measured it, and makes a
renderer for each new canvas: without this, every chart measures anew its tick labels, legend
entries and the peer kommuner's names, which repeat from chart to chart (a tenth of a chart's time).
The renderer is cleared before each drawing, as a new one would be blank, so the pixels are the same.

The renderer also keeps the glyph layout of each text it draws (which glyphs, where), which
matplotlib (3.11 on) shapes anew for every text drawn: the same few hundred strings are drawn
thousands of times in a batch (another tenth of a chart's time). The glyphs are still rendered
every time, at each text's own position, so the pixels are the same.
"""

import threading
from collections import OrderedDict

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font

KEPT = 4  # renderers kept (least recently used let go): an indicator chart's is some 6 MB
LAYOUTS_KEPT = 4096  # glyph layouts kept per process; two kommuner's 82 indicator charts draw some 250 strings

# the layout a text is drawn from, as matplotlib 3.11 makes it: older versions draw otherwise
_LAYOUT_API = hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(FT2Font, "_layout")

_renderers: OrderedDict[tuple, RendererAgg] = OrderedDict()
_layouts: dict[tuple, list] = {}
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
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((item.ft_object, size, item.glyph_index, 0, 1, item.x, item.y) for item in items), [])


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
