"""The geometry behind the RegSO maps: drawing paths, the kommun's border, the frame and the
magnified core, each made once per kommun (and scale) and kept.

* **Frame**: the bounds of all areas, less an area that holds few residents but stretches the frame
  several times over (Göteborg's Södra Skärgården reaches over the open sea): it is cut by the frame,
  and the map says so.
* **Core**: where most people live, the densest areas that together hold ``CORE_SHARE`` of the
  residents. When the core is small in the frame (a town in a large rural kommun, Filipstad,
  Kiruna), the map shows it again, magnified, in an inset.
"""

from functools import cache

import numpy as np
import shapely
import shapely.affinity
import shapely.ops
from matplotlib.path import Path

from jamlik.data import regso_outlines

FEW_RESIDENTS = 0.03  # an area with less than this share of the residents may be cut by the frame ...
STRETCH = 0.4  # ... when leaving it out shrinks the frame's area by at least this share
CORE_SHARE = 0.6  # the core holds this share of the residents ...
CORE_SMALL = 0.3  # ... and is magnified when it spans less than this share of the frame's width and height
DETAIL_PX = 0.7  # outlines are simplified to this fraction of a printed pixel


def ring_path(geometry) -> Path:
    """One compound path of all rings, exteriors counter-clockwise and holes clockwise, so that
    lakes inside an area stay open."""
    vertices, codes = [], []
    for polygon in getattr(geometry, "geoms", [geometry]):
        polygon = shapely.geometry.polygon.orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            vertices.append(xy)
            codes.append([Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY])
    if not vertices:
        return Path(np.zeros((1, 2)))
    return Path(np.concatenate(vertices), np.concatenate(codes).astype(Path.code_type))


def shapes(kommun: str) -> dict[str, shapely.Geometry]:
    """The kommun's drawn areas by the values' code (the outlines without values by their own)."""
    return {o.code: o.geometry for o in regso_outlines.outlines(kommun) if o.geometry is not None}


@cache
def paths(kommun: str, tolerance: int) -> dict[str, Path]:
    """The areas as paths, simplified to ``tolerance`` metres (finer than a printed pixel)."""
    return {code: ring_path(shapely.simplify(g, tolerance, preserve_topology=True) if tolerance else g)
            for code, g in shapes(kommun).items()}


@cache
def whole(kommun: str) -> shapely.Geometry:
    """The kommun as one shape: the union of its areas, without the seams between them."""
    union = shapely.union_all(list(shapes(kommun).values()), grid_size=1.0)
    return union.buffer(5.0).buffer(-5.0)


@cache
def border(kommun: str, tolerance: int) -> Path:
    """The kommun's border, without the slivers and specks a union of simplified areas leaves."""
    shape = shapely.simplify(whole(kommun), tolerance) if tolerance else whole(kommun)
    least = (20 * max(tolerance, 10)) ** 2
    parts = [p for p in getattr(shape, "geoms", [shape]) if p.area > least]
    return ring_path(shapely.MultiPolygon(parts)) if parts else ring_path(shape)


def tolerance(bounds, width_in: float, dpi: int) -> int:
    """Metres below which detail is lost in print, in steps of 10 m (a few scales, each kept)."""
    metres_per_px = (bounds[2] - bounds[0]) / (width_in * dpi)
    return int(metres_per_px * DETAIL_PX // 10 * 10)


def _box_area(bounds) -> float:
    return (bounds[2] - bounds[0]) * (bounds[3] - bounds[1])


@cache
def frame(kommun: str, populations: tuple[tuple[str, int], ...]) -> tuple[tuple[float, ...], tuple[str, ...]]:
    """The map's frame (x0, y0, x1, y1) and the codes of the areas it cuts (see the module)."""
    kept = dict(shapes(kommun))
    people = dict(populations)
    total = sum(people.values()) or 1
    cut = []
    while len(kept) > 2:
        before = _box_area(shapely.total_bounds(list(kept.values())))
        sizes = {code: _box_area(shapely.total_bounds([g for c, g in kept.items() if c != code]))
                 for code in kept if people.get(code, 0) / total < FEW_RESIDENTS}
        best = min(sizes, key=sizes.get, default=None)
        if best is None or sizes[best] > (1 - STRETCH) * before:
            break
        cut.append(best)
        del kept[best]
    return _padded(shapely.total_bounds(list(kept.values())), 0.02), tuple(cut)


def _padded(bounds, share: float) -> tuple[float, ...]:
    x0, y0, x1, y1 = (float(v) for v in bounds)
    pad = share * max(x1 - x0, y1 - y0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


@cache
def core(kommun: str, populations: tuple[tuple[str, int], ...], bounds: tuple[float, ...]) -> tuple | None:
    """The bounds of the densest areas holding CORE_SHARE of the residents, when they are small in
    the frame (else None: the map is readable as it is)."""
    drawn = shapes(kommun)
    people = {c: p for c, p in populations if c in drawn}
    total = sum(people.values())
    if not total:
        return None
    dense = sorted(people, key=lambda c: -people[c] / max(drawn[c].area, 1.0))
    held, chosen = 0, []
    for code in dense:
        chosen.append(code)
        held += people[code]
        if held >= CORE_SHARE * total:
            break
    inner = _padded(shapely.total_bounds([drawn[c] for c in chosen]), 0.06)
    small = max((inner[2] - inner[0]) / (bounds[2] - bounds[0]), (inner[3] - inner[1]) / (bounds[3] - bounds[1]))
    return inner if small < CORE_SMALL and len(drawn) > 2 else None


def fit(bounds, width: float, heights: tuple[float, float]) -> tuple[tuple[float, ...], float, float]:
    """The frame widened to the map's box and the box (inches): as wide as ``width`` and as tall as the
    shape asks within ``heights``; a tall shape gets a narrower box, a flat one a taller frame."""
    x0, y0, x1, y1 = bounds
    aspect = (y1 - y0) / (x1 - x0)
    height = float(np.clip(width * aspect, *heights))
    if width * aspect > heights[1]:
        width = height / aspect
    else:  # the frame grows upwards and downwards to fill the box
        grow = (height * (x1 - x0) / width - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return (x0, y0, x1, y1), width, height


def anchor(geometry, bounds) -> tuple[float, float]:
    """The point deepest inside the largest part of the area within ``bounds``: its visual centre,
    where a label reads as the area's own, not a neighbour's."""
    seen = geometry.intersection(shapely.box(*bounds))
    seen = seen if not seen.is_empty else geometry
    part = max(getattr(seen, "geoms", [seen]), key=lambda g: g.area)
    if part.geom_type != "Polygon":
        point = part.representative_point()
    else:
        point = shapely.ops.polylabel(part, tolerance=max(part.length / 500, 1.0))
    return point.x, point.y


def covered(kommun: str, bounds, box_in, place_in) -> float:
    """How much of the kommun (square inches) a box (x0, y0, x1, y1 in inches) would hide on a map of
    ``bounds`` drawn at ``place_in`` (x0, y0, x1, y1 in inches)."""
    px0, py0, px1, py1 = place_in
    sx, sy = (px1 - px0) / (bounds[2] - bounds[0]), (py1 - py0) / (bounds[3] - bounds[1])
    inches = shapely.affinity.affine_transform(whole(kommun), [sx, 0, 0, sy, px0 - bounds[0] * sx,
                                                               py0 - bounds[1] * sy])
    return float(inches.intersection(shapely.box(*box_in)).area)
