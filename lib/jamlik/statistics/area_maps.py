"""What a map of a kommun's RegSO areas shows: each area's value and its class.

Method (said under every map):

* **Five classes, the same for all of Sweden**: the quintiles of the measure over all RegSO areas
  of the country in the year shown, so a shade means the same in every kommun. The limits are
  rounded (whole tkr; shares to a tenth of a percent, where whole percent would move a tenth of the
  areas from one class to the next), and an area's value, rounded as printed (one decimal), is
  classed by them: a value on a limit belongs to the class above it.
* **SCB's area type** (Delmos and SCB, 2022) is a class of its own, 1–5.
* **The analyst's own values** (``jamlik data import-omraden``) have no national distribution:
  their five classes are the quintiles of the kommun's own areas, and the legend says so.

The national limits are computed once per process: a batch draws every kommun's maps from them.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from jamlik.base.text import rounded
from jamlik.data import within

CLASSES = 5
WAGE_INCOME, BORN_ABROAD, AREA_TYPE = "wage_income", "born_abroad", "area_type"
MEASURES = (AREA_TYPE, WAGE_INCOME, BORN_ABROAD)  # the order the maps are shown in
UNITS = {WAGE_INCOME: "tkr", BORN_ABROAD: "procent", AREA_TYPE: "typ"}
DECIMALS = 1  # as the values are printed
LIMIT_DECIMALS = {WAGE_INCOME: 0, BORN_ABROAD: 1}  # the class limits, rounded (see the module)


@dataclass(frozen=True)
class MappedArea:
    code: str  # the values' RegSO code (or the analyst's area code)
    name: str
    value: float | None  # None: no value for the area
    klass: int | None  # 0 (lowest) to 4; the area type 1–5 as 0–4; None without a value
    population: int  # residents in the year shown (0 when unknown): what the map's extent follows


@dataclass(frozen=True)
class AreaMap:
    kommun: str
    measure: str  # WAGE_INCOME, BORN_ABROAD, AREA_TYPE or the analyst's own measure's name
    year: int
    unit: str  # "tkr", "procent", "typ" or "" for an own measure
    limits: tuple[float, ...]  # the four limits between the five classes; () for the area type
    areas: tuple[MappedArea, ...]  # lowest value first, areas without a value last
    national: bool  # True: the classes are Sweden's quintiles; False: the kommun's own

    @property
    def valued(self) -> list[MappedArea]:
        return [a for a in self.areas if a.value is not None]

    def counts(self) -> list[int]:
        """How many of the kommun's areas fall in each class, lowest first."""
        return [sum(a.klass == k for a in self.areas) for k in range(CLASSES)]


def _national_frame() -> pd.DataFrame:
    """Every RegSO and year with the measures the maps show as columns."""
    frame = within.regso()
    return pd.DataFrame({"kommun": frame["kommun"], "regso": frame["regso"], "name": frame["regso_name"],
                         "year": frame["year"], "population": frame["population"],
                         WAGE_INCOME: frame["wage_income_mean_tkr"],
                         BORN_ABROAD: 100 * (1 - frame["born_in_sweden"] / frame["population"]),
                         AREA_TYPE: frame["area_type"]})


@cache
def _measures() -> pd.DataFrame:
    return _national_frame()


def latest_year(measure: str) -> int:
    """The year a map of the measure shows: the latest with values (the area type's only year)."""
    frame = _measures()
    if measure == AREA_TYPE:
        return int(within.AREA_TYPE_YEAR)
    return int(frame.loc[frame[measure].notna(), "year"].max())


def quintile_limits(values, decimals: int = 0) -> tuple[float, ...]:
    """The four limits between five equally large groups of ``values``, rounded half up.

    >>> quintile_limits(range(1, 101))
    (21.0, 41.0, 60.0, 80.0)
    """
    found = np.asarray([v for v in values if v is not None and not pd.isna(v)], dtype=float)
    return tuple(rounded(q, decimals) for q in np.quantile(found, [0.2, 0.4, 0.6, 0.8]))


@cache
def national_limits(measure: str, year: int) -> tuple[float, ...]:
    """Sweden's quintiles of the measure over all RegSO areas in the year, rounded (``LIMIT_DECIMALS``)."""
    frame = _measures()
    return quintile_limits(frame.loc[frame["year"] == year, measure], LIMIT_DECIMALS[measure])


def klass(value: float | None, limits: tuple[float, ...]) -> int | None:
    """The class (0–4) of a value as printed: on a limit, the class above it.

    >>> klass(250.04, (250.0, 280.0, 300.0, 330.0)), klass(249.96, (250.0, 280.0, 300.0, 330.0))
    (1, 1)
    """
    if value is None or pd.isna(value):
        return None
    shown = rounded(value, DECIMALS)
    return int(sum(shown >= limit for limit in limits))


def area_map(kommun: str, measure: str) -> AreaMap:
    """The kommun's areas on one of ``MEASURES``, classed by Sweden's quintiles (the area type by itself)."""
    frame = _measures()
    year = latest_year(measure)
    # the area type describes the area in every year: its residents are the latest year's
    shown_year = int(frame["year"].max()) if measure == AREA_TYPE else year
    rows = frame[(frame["kommun"] == kommun) & (frame["year"] == shown_year)]
    limits = () if measure == AREA_TYPE else national_limits(measure, year)
    found = []
    for r in rows.itertuples():
        value = getattr(r, measure)
        value = None if pd.isna(value) else float(value)
        k = (int(value) - 1 if value is not None else None) if measure == AREA_TYPE else klass(value, limits)
        found.append(MappedArea(r.regso, r.name, value, k, int(r.population) if pd.notna(r.population) else 0))
    return AreaMap(kommun, measure, year, UNITS[measure], limits, _ordered(found), True)


def own_map(kommun: str, measure: str, year: int, values: list[tuple[str, str, float]]) -> AreaMap:
    """The analyst's own values ``(code, name, value)`` of one measure and year, in five classes from
    the kommun's own quintiles (no national distribution exists for them)."""
    limits = quintile_limits([v for _, _, v in values], DECIMALS)
    found = [MappedArea(code, name, value, klass(value, limits), 0) for code, name, value in values]
    return AreaMap(kommun, measure, year, "", limits, _ordered(found), False)


def _ordered(found: list[MappedArea]) -> tuple[MappedArea, ...]:
    return tuple(sorted(found, key=lambda a: (a.value is None, a.value if a.value is not None else 0, a.name)))
