"""The outlines of SCB's RegSO areas, matched to the areas of the values table.

The outlines are SCB's RegSO 2025 (version ``2025_v2``, reference date 2025-01-01), simplified to
10 m, in SWEREF 99 TM metres (EPSG:3006: draw with equal axes). They are not clipped to land: an
area reaches over lakes and sea (see ``data/SOURCES.md``). The values (``within.regso``) carry the
RegSO 2020 codes. An area of the values gets its outline

* by its code, where the two names are the same up to spelling (``Ella gård``/``Ella Gård``): ``SAME``;
* by its name, where RegSO 2025 gives the same name another code of the kommun (Perstorp, Munkfors,
  Lycksele and Jokkmokk: the names match the places, the 2025 codes were given anew): ``MOVED``;
* by its code, where RegSO 2025 names it otherwise (``RegSO-Ön norr`` is ``RegSO-Ön``): ``RENAMED``,
  drawn with the 2025 outline, which may differ from the 2020 area;

and none where RegSO 2025 has neither (``NO_OUTLINE``). An outline no area of the values takes is
kept as ``NO_VALUES`` (drawn as "uppgift saknas"). Nothing is dropped: the maps say each case.
"""

from dataclasses import dataclass
from functools import cache

import pyarrow.parquet as pq
import shapely

from jamlik.base.names import normalize
from jamlik.data import within

FILE = within.FOLDER / "regso_2025_outlines.parquet"
VERSION = "RegSO 2025"
SPELLING = 2  # letters two names may differ by and still name the same area (Karlsund/Karlslund)
SAME, MOVED, RENAMED, NO_OUTLINE, NO_VALUES = "same", "moved", "renamed", "no_outline", "no_values"


@dataclass(frozen=True)
class Outline:
    code: str  # the values' RegSO code; for an outline without values, its 2025 code
    name: str  # the values' name; for an outline without values, its 2025 name
    geometry: shapely.Geometry | None  # SWEREF 99 TM metres; None where RegSO 2025 has no outline
    outline_code: str  # the 2025 code drawn ("" without an outline)
    outline_name: str  # the 2025 name drawn
    match: str  # SAME, MOVED, RENAMED, NO_OUTLINE or NO_VALUES (see the module)


@cache
def _table() -> dict[str, list[tuple[str, str, shapely.Geometry]]]:
    """Kommun code -> its outlines as (2025 code, 2025 name, geometry), read once."""
    table = pq.read_table(FILE, columns=["regso", "regso_name", "kommun", "geometry"]).to_pydict()
    shapes = shapely.from_wkb(table["geometry"])
    by_kommun: dict[str, list] = {}
    for code, name, kommun, shape in zip(table["regso"], table["regso_name"], table["kommun"], shapes, strict=True):
        by_kommun.setdefault(kommun, []).append((code, name, shape))
    return by_kommun


def _key(name: str) -> str:
    """A name without case, accents, spaces and hyphens: ``Näsby Park`` and ``Näsbypark`` are one."""
    return "".join(c for c in normalize(name) if c.isalnum())


def _distance(a: str, b: str) -> int:
    """Levenshtein's edit distance: the letters to add, drop or change to make ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        before, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            before, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, before + (x != y))
    return row[-1]


def _spelled_alike(a: str, b: str) -> bool:
    return _distance(_key(a), _key(b)) <= SPELLING


@cache
def outlines(kommun: str) -> tuple[Outline, ...]:
    """Every RegSO area of the kommun, in the values' order, then the outlines without values."""
    shapes = {code: (name, shape) for code, name, shape in _table().get(kommun, [])}
    frame = within.regso(kommun)
    names = dict(zip(frame["regso"], frame["regso_name"], strict=True)) if not frame.empty else {}
    found: dict[str, Outline] = {}
    # the same code and the same name: the same area
    for code, name in names.items():
        if code in shapes and _key(shapes[code][0]) == _key(name):
            found[code] = Outline(code, name, shapes[code][1], code, shapes[code][0], SAME)
    taken = {o.outline_code for o in found.values()}
    # the same name under another code of the kommun: the code was given anew in 2025
    by_name = {_key(n): c for c, (n, _) in shapes.items() if c not in taken}
    for code, name in names.items():
        other = by_name.get(_key(name))
        if code not in found and other is not None:
            found[code] = Outline(code, name, shapes[other][1], other, shapes[other][0], MOVED)
            taken.add(other)
    # the same code left: spelled otherwise (the same area) or renamed (perhaps not the same area)
    for code, name in names.items():
        if code not in found and code in shapes and code not in taken:
            match = SAME if _spelled_alike(name, shapes[code][0]) else RENAMED
            found[code] = Outline(code, name, shapes[code][1], code, shapes[code][0], match)
            taken.add(code)
    for code, name in names.items():
        found.setdefault(code, Outline(code, name, None, "", "", NO_OUTLINE))
    spare = [Outline(c, n, shape, c, n, NO_VALUES) for c, (n, shape) in shapes.items() if c not in taken]
    return tuple(found[code] for code in names) + tuple(spare)


def outline_of(kommun: str, code: str) -> Outline | None:
    """One area's outline by its code: the values' (RegSO 2020) code first, then a 2025 code (an
    analyst's file may use either); None for a code that is no RegSO of the kommun with an outline."""
    drawn = [o for o in outlines(kommun) if o.geometry is not None]
    return next((o for o in drawn if o.code == code), None) or next((o for o in drawn if o.outline_code == code), None)
