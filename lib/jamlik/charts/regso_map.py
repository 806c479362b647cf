"""Maps of a kommun's RegSO areas, each area shaded by its class (``writing.map_text.shading``).

* A sequential, colour-blind-safe palette (ColorBrewer YlGnBu, lighter to darker also in greyscale);
  areas of SCB's types 1–2 are hatched as well, so the map never rests on colour alone.
* The kommun's border, a legend with the class limits and each class's count, and labels that never
  cover each other (``labels``).
* The frame and a magnified inset follow where people live (``map_geometry``).
* Up to ``PANEL_AREAS`` areas: the three measures side by side, every area numbered (the key goes
  under the figure). More: one map per measure across the page, the lowest and the highest area
  named; a big city's map takes the page's width with its legend under it.
"""

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.collections import PathCollection
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import Bbox

from jamlik.base.memory import collected_after
from jamlik.charts import figures, labels
from jamlik.charts import map_geometry as geo
from jamlik.charts.figures import Chart
from jamlik.data import regso_outlines
from jamlik.writing import map_text
from jamlik.writing.map_text import Shading

# ColorBrewer YlGnBu, 5 classes (Brewer 2003): safe for colour-blind readers and in greyscale
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
HATCHES = {0: "xxxx", 1: "////"}  # for hatched classes: area types 1 and 2 (classes 0 and 1)
MISSING = dict(facecolor="white", hatch="....")
EDGE = "#6f6f6f"
PANEL_AREAS = 12  # up to this many areas: three small maps side by side, every area numbered
BIG = 60  # more areas than this: the map takes the page's width and its legend goes under it
PANEL_W, WIDE_W = 1.95, 4.15  # inches of map
PANEL_H, WIDE_H, BIG_H = (1.1, 2.3), (2.2, 5.0), (3.0, 6.2)  # the map's least and greatest height, inches
GAP = 0.17  # inches between panels
LEGEND_W = 1.3  # inches a legend beside a map needs
INSET = {"panel": 0.5, "corner": 0.4}  # an inset's width, as a share of the panel's or the map's
FRAME = dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85)
LINE = dict(color="black", lw=0.5)


@dataclass(frozen=True)
class Drawn:
    chart: Chart
    cut: list[str]  # names of areas the frame cuts (said under the map)
    numbered: list[tuple[int, str]]  # the key to the numbers on small maps


@dataclass(frozen=True)
class _Plan:
    """Where the views of one kommun go (inches from the figure's lower left) and what they show."""
    bounds: tuple  # the main map's frame, fitted to its box
    box: tuple  # x0, y0, x1, y1 of the main map
    core: tuple | None  # the inset's frame, fitted to its box
    inset: tuple | None  # x0, y0, x1, y1 of the inset


def _inset_box(kommun: str, plan_bounds, box, core, room, width: float, heights) -> tuple[tuple, tuple]:
    """The inset's frame and box: ``width`` wide, in the corner of ``room`` that hides the least of
    the kommun and none of the core."""
    inner, w, h = geo.fit(core, width, heights)
    x0, y0, x1, y1 = room
    sx = (box[2] - box[0]) / (plan_bounds[2] - plan_bounds[0])
    core_in = (box[0] + (core[0] - plan_bounds[0]) * sx, box[1] + (core[1] - plan_bounds[1]) * sx,
               box[0] + (core[2] - plan_bounds[0]) * sx, box[1] + (core[3] - plan_bounds[1]) * sx)
    corners = [(x0, y1 - h), (x1 - w, y1 - h), (x0, y0), (x1 - w, y0)]

    def cost(corner):
        candidate = (corner[0], corner[1], corner[0] + w, corner[1] + h)
        hides_core = Bbox.from_extents(*candidate).overlaps(Bbox.from_extents(*core_in))
        return hides_core, geo.covered(kommun, plan_bounds, candidate, box)

    best = min(corners, key=cost)
    return inner, (best[0], best[1], best[0] + w, best[1] + h)


def _panel_plan(kommun: str, m: Shading, left: float) -> _Plan:
    frame, _ = geo.frame(kommun, m.populations)
    bounds, w, h = geo.fit(frame, PANEL_W, PANEL_H)
    box = (left + (PANEL_W - w) / 2, 0.0, left + (PANEL_W + w) / 2, h)
    core = geo.core(kommun, m.populations, frame)
    if core is None:
        return _Plan(bounds, box, None, None)
    inner, inset = _inset_box(kommun, bounds, box, core, (left, 0.0, left + PANEL_W, h - 0.03),
                              INSET["panel"] * PANEL_W, (0.45, 0.6 * h))
    return _Plan(bounds, box, inner, inset)


def _view(ax, kommun: str, m: Shading, bounds, width_in: float, inset: bool = False) -> None:
    """One view of the map: the areas shaded (one collection per class and hatch, not an artist per
    area) and the kommun's border."""
    tolerance = geo.tolerance(bounds, width_in, figures.DPI)
    drawn = geo.paths(kommun, tolerance)
    groups: dict[tuple, list] = {}
    for code, path in drawn.items():  # an outline without values is drawn as "uppgift saknas"
        k = m.classes.get(code)
        groups.setdefault(("missing",) if k is None else (k, HATCHES.get(k) if k in m.hatched else None),
                          []).append(path)
    # the frame is set below: no data limits to work out from every vertex (autolim)
    for key, found in groups.items():
        style = MISSING if key == ("missing",) else dict(facecolor=PALETTE[key[0]], hatch=key[1])
        ax.add_collection(PathCollection(found, edgecolor=EDGE, linewidth=0.25, transform=ax.transData, **style),
                          autolim=False)
    ax.add_collection(PathCollection([geo.border(kommun, tolerance)], facecolor="none", edgecolor="black",
                                     linewidth=0.8, zorder=4, transform=ax.transData), autolim=False)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")  # SWEREF 99 TM is in metres: true shapes (``fit`` made the box to match)
    if inset:  # a framed window on white, over whatever it covers
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_facecolor("white")
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_linewidth(0.8)
        ax.set_zorder(3)
    else:
        ax.set_axis_off()


def _axes(fig, box, size) -> plt.Axes:
    width, height = size
    return fig.add_axes((box[0] / width, box[1] / height, (box[2] - box[0]) / width, (box[3] - box[1]) / height))


def _views(fig, kommun: str, m: Shading, plan: _Plan, size, ax=None) -> tuple[plt.Axes, plt.Axes | None]:
    ax = ax or _axes(fig, plan.box, size)
    _view(ax, kommun, m, plan.bounds, plan.box[2] - plan.box[0])
    if plan.core is None:
        return ax, None
    x0, y0, x1, y1 = plan.core
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor="none", edgecolor="black", linewidth=0.8, zorder=5))
    inset = _axes(fig, plan.inset, size)
    _view(inset, kommun, m, plan.core, plan.inset[2] - plan.inset[0], inset=True)
    return ax, inset


def _legend_handles(m: Shading, short: bool) -> list[Patch]:
    names = m.short_legend if short else m.legend
    handles = [Patch(facecolor=PALETTE[k], edgecolor=EDGE, linewidth=0.4, hatch=HATCHES.get(k) if k in m.hatched
                     else None, label=names[k]) for k in range(len(PALETTE))]
    if m.missing:
        handles.append(Patch(edgecolor=EDGE, linewidth=0.4, label=m.missing, **MISSING))
    return handles


def _in_core(point, core) -> bool:
    return core is not None and core[0] <= point[0] <= core[2] and core[1] <= point[1] <= core[3]


def _label(ax, inset, plan: _Plan, items: list[tuple[str, object]], measure, taken: list, region: Bbox,
           spare: Bbox | None = None, beside: bool = False) -> list:
    """Each (text, geometry) labelled in the view where its area reads best: the inset for an area of
    the core, else the main map; what finds no place there goes to ``spare``. Returns the unplaced."""
    main, magnified = [], []
    for text, shape in items:
        point = geo.anchor(shape, plan.bounds)
        if inset is not None and _in_core(point, plan.core):
            magnified.append(labels.Label(text, *geo.anchor(shape, plan.core)))
        else:
            main.append(labels.Label(text, *point))
    left = []
    if inset is not None:  # inside the inset first; then the inset is a box the main map's labels avoid
        box = inset.get_window_extent(measure)
        left += labels.place(inset, magnified, measure, box, taken, FRAME, LINE, beside)
        taken.append(box)
    left += labels.place(ax, main, measure, region, taken, FRAME, LINE, beside)
    if left and spare is not None:
        left = labels.place(ax, left, measure, spare, taken, FRAME, LINE, beside)
    return left


def _box(ax, measure) -> Bbox:
    ax.apply_aspect()
    return ax.get_window_extent(measure)


def _inches(box, dpi) -> Bbox:
    return Bbox.from_extents(*(v * dpi for v in box))


@collected_after()
def panels(kommun_code: str, maps: list[Shading]) -> Drawn:
    """The measures side by side as small maps, every area numbered alike in all of them."""
    shapes = geo.shapes(kommun_code)
    names = {o.code: o.name for o in regso_outlines.outlines(kommun_code)}
    numbers = {code: i for i, code in enumerate(sorted(shapes, key=lambda c: names[c]), 1)}
    measure = labels.renderer(figures.DPI)
    plans = [_panel_plan(kommun_code, m, i * (PANEL_W + GAP)) for i, m in enumerate(maps)]
    size = (len(maps) * PANEL_W + (len(maps) - 1) * GAP, max(p.box[3] for p in plans))
    with figures._style():
        fig = plt.figure(figsize=size, dpi=figures.DPI)
        alts, unplaced = [], []
        for i, (m, plan) in enumerate(zip(maps, plans, strict=True)):
            ax, inset = _views(fig, kommun_code, m, plan, size)
            slot = (i * (PANEL_W + GAP), 0.0, i * (PANEL_W + GAP) + PANEL_W, size[1])
            items = [(str(numbers[c]), shapes[c]) for c in sorted(shapes, key=numbers.get)]
            unplaced += _label(ax, inset, plan, items, measure, [], _inches(slot, figures.DPI))
            # the title and the legend keep to the panel's width, whatever the map's; both are held by
            # the map's axes, so they stay in place when the canvas grows around it (``figures``)
            w, h = plan.box[2] - plan.box[0], plan.box[3] - plan.box[1]
            x = (slot[0] - plan.box[0]) / w
            ax.text(x, (size[1] + 0.05) / h, m.title, transform=ax.transAxes, fontsize=7.5,
                    fontweight="bold", ha="left", va="bottom")
            legend = ax.legend(handles=_legend_handles(m, short=True), loc="upper left",
                               bbox_to_anchor=(x, -0.03 / h), frameon=False, fontsize=7,
                               handlelength=1.6, handleheight=1.1, borderaxespad=0, title=m.basis,
                               title_fontsize=7, alignment="left")
            _wrap_legend(legend, (PANEL_W - 0.05) * 72, measure)
            alts.append(m.alt)
            magnified = inset is not None
        crowded = {u.text for u in unplaced}  # a number with no free place: the key says so
        key = [(n, names[c] + (map_text.UNNUMBERED if str(n) in crowded else ""))
               for c, n in sorted(numbers.items(), key=lambda x: x[1])]
        alt = " ".join(alts) + (map_text.INSET_ALT if magnified else "") + " " + map_text.key_line(key)
        cut = [names[c] for c in geo.frame(kommun_code, maps[0].populations)[1]]
        return Drawn(figures.at_own_size(figures._to_png(fig), figures._alt(alt)), cut, key)


def _wide_plan(kommun: str, m: Shading, legend_bottom: float | None) -> _Plan:
    """The map across the page; its inset beside it under the legend where that column has room,
    else in the map's emptiest corner."""
    frame, _ = geo.frame(kommun, m.populations)
    big = len(geo.shapes(kommun)) > BIG
    bounds, w, h = geo.fit(frame, figures.WIDTH_IN if big else WIDE_W, BIG_H if big else WIDE_H)
    box = (0.0, 0.0, w, h)
    core = geo.core(kommun, m.populations, frame)
    if core is None:
        return _Plan(bounds, box, None, None)
    column = figures.WIDTH_IN - w - 0.2
    if legend_bottom is not None and column >= LEGEND_W - 0.1 and legend_bottom >= 1.0:
        inner, iw, ih = geo.fit(core, column, (0.8, legend_bottom - 0.15))
        return _Plan(bounds, box, inner, (w + 0.2, legend_bottom - 0.15 - ih, w + 0.2 + iw, legend_bottom - 0.15))
    inner, inset = _inset_box(kommun, bounds, box, core, box, INSET["corner"] * w, (0.8, 0.45 * h))
    return _Plan(bounds, box, inner, inset)


@collected_after()
def wide(kommun_code: str, m: Shading) -> Drawn:
    """One measure as a map across the page, the lowest and the highest area named: its legend beside
    the map, or under a big city's map, which takes the page's width."""
    shapes = geo.shapes(kommun_code)
    names = {o.code: o.name for o in regso_outlines.outlines(kommun_code)}
    measure = labels.renderer(figures.DPI)
    with figures._style():
        plan = _wide_plan(kommun_code, m, None)
        under = figures.WIDTH_IN - plan.box[2] < LEGEND_W  # no room beside the map: the legend goes under it
        size = (figures.WIDTH_IN, plan.box[3])
        fig = plt.figure(figsize=size, dpi=figures.DPI)
        ax = _axes(fig, plan.box, size)
        legend = _wide_legend(ax, m, plan, under, measure)
        if not under and plan.core is not None:  # the column under the legend may hold the inset
            bottom = legend.get_window_extent(measure).y0 / figures.DPI
            plan = _wide_plan(kommun_code, m, bottom)
        ax, inset = _views(fig, kommun_code, m, plan, size, ax)
        taken = [legend.get_window_extent(measure)]
        items = [(text, shapes[code]) for code, text in m.ends if code in shapes]
        if items:
            spare = Bbox.from_extents(0, -3 * figures.DPI, size[0] * figures.DPI, (size[1] + 0.5) * figures.DPI)
            _label(ax, inset, plan, items, measure, taken, _box(ax, measure), spare, beside=True)
        alt = m.alt + (map_text.INSET_ALT if inset is not None else "")
        cut = [names[c] for c in geo.frame(kommun_code, m.populations)[1]]
        return Drawn(figures.at_own_size(figures._to_png(fig), figures._alt(alt)), cut, [])


def _wide_legend(ax, m: Shading, plan: _Plan, under: bool, measure):
    """Beside the map at its top, or under it in two columns (held by the map's axes)."""
    w, h = plan.box[2], plan.box[3]
    anchor = (0.0, -0.05 / h) if under else ((w + 0.2) / w, 1.0)
    legend = ax.legend(handles=_legend_handles(m, short=False), loc="upper left", bbox_to_anchor=anchor,
                        ncol=2 if under else 1, frameon=False, fontsize=7, handlelength=1.8, handleheight=1.2,
                        borderaxespad=0, title=m.legend_title, title_fontsize=7.5, alignment="left")
    room = (figures.WIDTH_IN / 2 - 0.3) if under else (figures.WIDTH_IN - w - 0.25)
    _wrap_legend(legend, room * 72, measure)
    return legend


def _wrap_legend(legend, room_pt: float, measure) -> None:
    """Long entries (the area types' names) break over lines, so the legend keeps to its room."""
    dpi = legend.figure.dpi
    handle = (legend.handlelength + legend.handletextpad) * legend._fontsize  # noqa: SLF001 - points
    for text in legend.get_texts():
        if labels.text_box(text, measure).width * 72 / dpi <= room_pt - handle:
            continue  # most entries fit as they are: measured once
        lines: list[str] = []
        for word in text.get_text().split():
            text.set_text(f"{lines[-1]} {word}" if lines else word)
            if lines and labels.text_box(text, measure).width * 72 / dpi > room_pt - handle:
                lines.append(f"  {word}")
            elif lines:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        text.set_text("\n".join(lines))
