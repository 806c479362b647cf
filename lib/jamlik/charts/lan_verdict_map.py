"""A map of a län's kommuner on one indicator: each kommun shaded by its verdict against Riket, with
a pattern for every verdict (so the map reads in greyscale and without colour vision), and named
with its value. The verdicts are the findings' own (``compare``): "sämre" only where the test
supports it, "märkbart" where no interval exists (a sparser pattern), as everywhere in jamlik."""

import math
import textwrap
from dataclasses import dataclass

import matplotlib.pyplot as plt
import shapely
import shapely.affinity
from matplotlib.patches import Patch, PathPatch
from matplotlib.transforms import Bbox

from jamlik.base.memory import collected_after
from jamlik.base.text import lower_first
from jamlik.charts import figures, labels, maps
from jamlik.charts import map_geometry as geo
from jamlik.charts.figures import OKABE_ITO
from jamlik.data.areas import Area
from jamlik.writing.map_text import genitive

# verdict, and whether it rests on an interval -> (fill, hatch, legend words); a lighter fill and a
# sparser pattern for a difference judged without an interval ("märkbar")
STYLES = {
    ("worse", True): ("#f4c3a3", "////", "sämre än riket"),
    ("worse", False): ("#f9e0d0", "//", "märkbart sämre än riket"),
    ("better", True): ("#a8dcc9", "....", "bättre än riket"),
    ("better", False): ("#d3eee4", "..", "märkbart bättre än riket"),
    ("similar", True): (OKABE_ITO["light"], None, "i nivå med riket"),
    ("higher", False): ("#b9d5ea", "\\\\\\\\", "märkbart högre än riket"),
    ("lower", False): ("#dbe9f4", "--", "märkbart lägre än riket"),
    (None, True): ("white", "xx", "kan inte bedömas"),
    ("missing", True): ("white", None, "uppgift saknas"),
}
MAP_W = 3.7  # inches of map; the legend and any label without room go in the column beside it
HEIGHTS, BIG_HEIGHTS = (2.4, 3.7), (3.0, 7.2)  # a län of up to MANY kommuner: map and ranking on one page
MANY = 20  # more kommuner than this: the map takes the page's width
NO_ROOM = "Utan plats på kartan: "
FRAME = dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.8)
LINE = dict(color="black", lw=0.5)


@dataclass(frozen=True)
class Kommun:
    area: Area
    value: float | None
    shown: str  # the value as printed: "83,4 år"
    verdict: str | None  # "better", "worse", "similar", "higher", "lower"; None: cannot be judged
    interval: bool  # the verdict rests on an interval (säkerställd), not on the spread rule


def _style_key(k: Kommun) -> tuple:
    if k.value is None:
        return "missing", True
    if k.verdict in (None, "similar"):
        return k.verdict, True
    if k.verdict in ("higher", "lower"):  # a neutral indicator is only ever "märkbart" higher or lower
        return k.verdict, False
    return k.verdict, k.interval


def _projected(codes: list[str]) -> dict[str, shapely.Geometry]:
    """Longitude shrunk by the cosine of the län's latitude: true shapes on equal axes."""
    outlines = maps._outlines()  # noqa: SLF001 - the kommun outlines, read once
    found = {c: outlines[c] for c in codes if c in outlines}
    middle = shapely.total_bounds(list(found.values()))
    factor = math.cos(math.radians((middle[1] + middle[3]) / 2))
    return {c: shapely.affinity.scale(g, xfact=factor, yfact=1.0, origin=(0, 0)) for c, g in found.items()}


@collected_after()
def verdict_map(lan: Area, title: str, year: int, kommuner: list[Kommun]) -> figures.Chart | None:
    """The län's kommuner shaded by verdict and named with their values; the alt text lists them all."""
    shapes = _projected([k.area.code for k in kommuner])
    if not shapes:
        return None
    many = len(shapes) > MANY  # a big län's map takes the page's width, its legend under it
    x0, y0, x1, y1 = (float(v) for v in shapely.total_bounds(list(shapes.values())))
    bounds, width, height = geo.fit((x0, y0, x1, y1), figures.WIDTH_IN - 0.2 if many else MAP_W,
                                    BIG_HEIGHTS if many else HEIGHTS)
    measure = labels.renderer(figures.DPI)
    with figures._style():
        fig = plt.figure(figsize=(figures.WIDTH_IN, height), dpi=figures.DPI)
        ax = fig.add_axes((0, 0, width / figures.WIDTH_IN, 1))
        used = set()
        for k in kommuner:
            if k.area.code in shapes:
                fill, hatch, _ = STYLES[_style_key(k)]
                used.add(_style_key(k))
                ax.add_patch(PathPatch(geo.ring_path(shapes[k.area.code]), facecolor=fill, hatch=hatch,
                                       edgecolor="#555555", linewidth=0.6))
        ax.set_xlim(bounds[0], bounds[2])
        ax.set_ylim(bounds[1], bounds[3])
        ax.set_aspect("equal")
        ax.set_axis_off()
        legend = _legend(ax, [key for key in STYLES if key in used], f"{title} {year},\njämfört med riket", width,
                         height, many)
        ax.apply_aspect()
        left = _names(ax, kommuner, shapes, bounds, legend, width, measure, many)
        if left:  # no room on the map or beside it: listed under the legend, never left out
            ax.text(0, -0.02 - (legend.get_window_extent(measure).height + 10) / (height * figures.DPI),
                    textwrap.fill(NO_ROOM + "; ".join(item.text.replace("\n", " ") for item in left), 110),
                    transform=ax.transAxes, fontsize=7, va="top", ha="left")
        alt = _alt_text(lan, title, year, kommuner)
        return figures.at_own_size(figures._to_png(fig), figures._alt(alt))


def _legend(ax, keys: list, title: str, width: float, height: float, under: bool):
    handles = [Patch(facecolor=STYLES[key][0], hatch=STYLES[key][1], edgecolor="#555555", linewidth=0.5,
                     label=STYLES[key][2]) for key in keys]
    anchor = (0.0, -0.02) if under else ((width + 0.2) / width, 1.0)
    return ax.legend(handles=handles, loc="upper left", bbox_to_anchor=anchor, ncol=4 if under else 1,
                     frameon=False, fontsize=7, handlelength=2.0, handleheight=1.3, borderaxespad=0, title=title,
                     title_fontsize=7.5, alignment="left")


def _names(ax, kommuner: list[Kommun], shapes: dict, bounds, legend, width: float, measure, many: bool) -> list:
    """Each kommun named with its value at its own place, the smallest first (they have least room);
    where the map has none, beside it with a line. Returns the names with no place at all."""
    taken = [legend.get_window_extent(measure)]
    drawn = sorted((k for k in kommuner if k.area.code in shapes), key=lambda k: shapes[k.area.code].area)
    items = [labels.Label(f"{k.area.name}\n{k.shown}", *geo.anchor(shapes[k.area.code], bounds)) for k in drawn]
    left = labels.place(ax, items, measure, ax.get_window_extent(measure), taken, FRAME, LINE)
    if left and not many:  # the column beside the map, under the legend
        dpi = figures.DPI
        column = Bbox.from_extents((width + 0.15) * dpi, 0, (figures.WIDTH_IN - 0.1) * dpi, taken[0].y0 - 0.1 * dpi)
        left = labels.stack(ax, left, measure, column, taken, FRAME, LINE)
    return left


def _alt_text(lan: Area, title: str, year: int, kommuner: list[Kommun]) -> str:
    listed = "; ".join(f"{k.area.name} {k.shown} ({STYLES[_style_key(k)][2]})" for k in kommuner)
    return (f"Karta över {genitive(lan.name)} {len(kommuner)} kommuner: {lower_first(title)} {year}, varje kommun "
            f"med sitt värde och mönstrad efter jämförelsen med riket. {listed}.")
