"""Labels on a map that never cover each other.

Each label is tried at its area's point, then at growing distances around it (joined to the point
by a thin line), and kept at the first place where its box, with a small margin, stays inside the
allowed region and clear of every label placed before it and of the boxes to avoid. Labels are
placed in the order given, so the ones that matter most come first. A label with no free place is
returned unplaced: the caller lists it elsewhere (a key under the map), never prints it on another.

Text is measured with a renderer of the chart's resolution, so what is checked is what is drawn.
"""

import threading
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text
from matplotlib.transforms import Bbox

# where a label may go around its point, in units of the label's own height (and half widths to the side)
RINGS = (1.0, 2.0, 3.2)
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
MARGIN_PX = 3  # clear space kept around every label box


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # the point it names, in data coordinates
    y: float
    size: float = 7.0  # points
    bold: bool = False


def renderer(dpi: float) -> RendererAgg:
    """A renderer that only measures text: its canvas size does not enter a text's extent. One per
    thread and resolution, kept: matplotlib keeps the sizes of the texts it measured on the renderer,
    and the same labels, names and tick texts are measured chart after chart."""
    return _measuring(threading.get_ident(), dpi)


@lru_cache(maxsize=16)
def _measuring(thread: int, dpi: float) -> RendererAgg:
    return RendererAgg(1, 1, dpi)


def text_box(text: Text, measure) -> Bbox:
    """The box of a text's glyphs in display units (without an annotation's arrow or frame)."""
    if hasattr(text, "update_positions"):  # an annotation finds its place only when drawn
        text.update_positions(measure)
    return Text.get_window_extent(text, measure)


def _grown(box: Bbox, by: float) -> Bbox:
    return Bbox.from_extents(box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by)


def _clear(box: Bbox, region: Bbox, taken: list[Bbox]) -> bool:
    inside = region.x0 <= box.x0 and box.x1 <= region.x1 and region.y0 <= box.y0 and box.y1 <= region.y1
    return inside and not any(box.overlaps(other) for other in taken)


def _offsets(width_pt: float, height_pt: float, beside: bool):
    if not beside:
        yield 0.0, 0.0
    for ring in RINGS:
        for dx, dy in DIRECTIONS:
            yield dx * (width_pt / 2 + ring * height_pt * 0.6), dy * ring * height_pt


def _settle(ax, label: Label, text, offsets, measure, region: Bbox, taken: list[Bbox], line: dict | None,
            dot: bool) -> bool:
    """Move the label's text to the first of ``offsets`` (points from its point) where it is clear,
    join it to its point by a line and mark the point with a dot; remove it where none is."""
    dpi = ax.figure.dpi
    for dx, dy in offsets:
        text.xyann = (dx, dy)
        box = _grown(text_box(text, measure), MARGIN_PX * dpi / 100)
        if _clear(box, region, taken):
            taken.append(box)
            if (dx, dy) != (0.0, 0.0) and line:
                ax.annotate("", (label.x, label.y), xytext=(dx, dy), textcoords="offset points",
                            arrowprops=dict(arrowstyle="-", shrinkA=0, shrinkB=0, **line), zorder=5)
            if dot:
                ax.plot([label.x], [label.y], "o", color="black", markersize=2.5, zorder=7)
            return True
    text.remove()
    return False


def place(ax, labels: list[Label], measure, region: Bbox, taken: list[Bbox], frame: dict | None = None,
          line: dict | None = None, beside: bool = False) -> list[Label]:
    """Draw each label at the first free place (see the module) and return those that found none.
    ``region``: where labels may stand, in display units; ``taken``: boxes already drawn, extended
    by every label placed; ``frame``: the label's background box (``bbox`` of ``annotate``);
    ``beside``: never on the point itself (a small area stays visible, marked by a dot)."""
    unplaced = []
    dpi = ax.figure.dpi
    for label in labels:
        text = ax.annotate(label.text, (label.x, label.y), textcoords="offset points", xytext=(0, 0),
                           ha="center", va="center", fontsize=label.size,
                           fontweight="bold" if label.bold else "normal", bbox=frame, zorder=6)
        size = text_box(text, measure)
        offsets = _offsets(size.width * 72 / dpi, size.height * 72 / dpi, beside)
        if not _settle(ax, label, text, offsets, measure, region, taken, line, beside):
            unplaced.append(label)
    return unplaced


def stack(ax, labels: list[Label], measure, column: Bbox, taken: list[Bbox], frame: dict | None = None,
          line: dict | None = None) -> list[Label]:
    """Labels that found no place near their point, set in a free column beside the map at the height
    nearest their point, each joined to it by a line; returns those the column cannot hold."""
    unplaced = []
    dpi = ax.figure.dpi
    step = 2 * dpi / 100
    for label in sorted(labels, key=lambda item: -item.y):
        x, y = ax.transData.transform((label.x, label.y))
        text = ax.annotate(label.text, (label.x, label.y), textcoords="offset points", xytext=(0, 0), ha="left",
                           va="center", fontsize=label.size, bbox=frame, zorder=6)
        height = text_box(text, measure).height
        target = min(max(y, column.y0 + height / 2), column.y1 - height / 2)
        heights = (target + (k + 1) // 2 * step * (1 if k % 2 else -1)
                   for k in range(2 * (int((column.y1 - column.y0) / step) + 1)))
        offsets = (((column.x0 + 4 - x) * 72 / dpi, (at - y) * 72 / dpi) for at in heights)
        if not _settle(ax, label, text, offsets, measure, column, taken, line, True):
            unplaced.append(label)
    return unplaced
