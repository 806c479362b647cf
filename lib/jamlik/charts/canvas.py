"""The Agg canvas the charts draw on: one renderer per thread and image size, kept between charts.

Matplotlib caches the size of every text it lays out on the renderer that measured it, and makes a
renderer for each new canvas: without this, every chart measures anew its tick labels, legend
entries and the peer kommuner's names, which repeat from chart to chart (a tenth of a chart's time).
The renderer is cleared before each drawing, as a new one would be blank, so the pixels are the same.
"""

import threading
from collections import OrderedDict

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg

KEPT = 4  # renderers kept (least recently used let go): an indicator chart's is some 6 MB

_renderers: OrderedDict[tuple, RendererAgg] = OrderedDict()
_lock = threading.Lock()


class Canvas(FigureCanvasAgg):
    """``FigureCanvasAgg`` drawing on a shared renderer. Read its pixels before the next chart is drawn
    in the same thread: that chart draws over them."""

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = (threading.get_ident(), width, height, self.figure.dpi)
        with _lock:  # a renderer is never shared between threads: each has its own key
            renderer = _renderers.pop(key, None) or RendererAgg(width, height, self.figure.dpi)
            _renderers[key] = renderer
            while len(_renderers) > KEPT:
                _renderers.popitem(last=False)
        self.renderer, self._lastKey = renderer, (width, height, self.figure.dpi)
        return renderer
