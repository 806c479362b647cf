"""Social gradients: one indicator published for ordered groups (income quintiles, education
levels), summarised by the slope and relative index of inequality (``stats.slope_index``).

A gradient is a row of ``data/gradients.csv``: its indicators from the lowest group to the highest,
and their labels. Another gradient (by education, three groups) is another row, not code.

Each group's weight is its share of the population. Kolada gives no population per income quintile
in a kommun, so the groups' own denominators (the catalog's ``denominator``) are used; for national
quintiles that is an approximation, said in the briefing.
"""

import csv
import math
from dataclasses import dataclass
from functools import cache

from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import catalog
from jamlik.statistics import stats
from jamlik.statistics.compare import Result


@dataclass(frozen=True)
class GradientDefinition:
    id: str
    theme: str
    title: str
    indicators: list[str]  # lowest group first
    labels: list[str]
    dimension: str  # "inkomst", "utbildning"


@cache
def definitions() -> dict[str, GradientDefinition]:
    with open(PACKAGE_DATA / "gradients.csv", encoding="utf-8") as f:
        return {row["id"]: GradientDefinition(row["id"], row["theme"], row["title"], row["indicators"].split(),
                                              row["labels"].split(";"), row["dimension"])
                for row in csv.DictReader(f)}


def definition(gradient_id: str) -> GradientDefinition:
    try:
        return definitions()[gradient_id]
    except KeyError:
        raise catalog.UnknownIndicatorError(f"Okänd gradient '{gradient_id}'. Se data/gradients.csv.") from None


@dataclass(frozen=True)
class AreaGradient:
    year: int
    values: list[float]
    gradient: stats.Gradient
    rounding: float = 0.0  # how far the groups' rounding can move the SII (``stats.sii_rounding``)

    @property
    def sure(self) -> bool:
        """The SII's interval, widened by its rounding, excludes zero."""
        sii = self.gradient.sii
        return sii.lower - self.rounding > 0 or sii.upper + self.rounding < 0


def _point(result: Result, series: str, year: int):
    rows = result.history[(result.history["series"] == series) & (result.history["year"] == year)]
    return rows.iloc[0] if len(rows) else None


def of(results: list[Result], series: str, year: int) -> AreaGradient | None:
    """The gradient of one area (a history series: the kommun's total, the län, "Riket") in one year;
    None when a group lacks its value, its denominator or its interval."""
    points = [_point(r, series, year) for r in results]
    if any(p is None or math.isnan(p["value"]) or math.isnan(p["n"]) or math.isnan(p["ci_low"]) for p in points):
        return None
    values = [float(p["value"]) for p in points]
    errors = [(float(p["ci_high"]) - float(p["ci_low"])) / (2 * stats.z_value(0.95)) for p in points]
    populations = [float(p["n"]) for p in points]
    rounding = stats.sii_rounding(populations, max(r.rounding for r in results))
    return AreaGradient(year, values, stats.slope_index(values, populations, errors, repetitions=20_000), rounding)


@dataclass(frozen=True)
class Comparison:
    """A kommun's gradient in the latest year every group has, beside Riket's and the län's, and the
    kommun's at the previous published point."""

    own: AreaGradient
    riket: AreaGradient | None
    lan: AreaGradient | None
    earlier: AreaGradient | None

    @property
    def versus_riket(self) -> str | None:
        """The kommun's SII against Riket's (``versus``); None without Riket's."""
        return versus(self.own, self.riket) if self.riket else None

    @property
    def versus_lan(self) -> str | None:
        return versus(self.own, self.lan) if self.lan else None

    @property
    def change(self) -> str | None:
        """Since the previous point: "larger" or "smaller" when the two SII intervals, each widened by its
        rounding, do not overlap, else "unchanged"; None without an earlier point."""
        if self.earlier is None:
            return None
        now, before = self.own.gradient.sii, self.earlier.gradient.sii
        margin = self.own.rounding + self.earlier.rounding
        if before.lower - margin <= now.upper and now.lower - margin <= before.upper:
            return "unchanged"
        return "larger" if now.value > before.value else "smaller"


def compare(results: list[Result], lan_name: str) -> Comparison | None:
    """The kommun's gradient against Riket and its län; None when the kommun's cannot be computed."""
    found = years(results)
    kommun = f"{results[0].kommun.name}, totalt"
    own = of(results, kommun, found[-1]) if found else None
    if own is None:
        return None
    earlier = of(results, kommun, found[-2]) if len(found) > 1 else None
    return Comparison(own, of(results, "Riket", own.year), of(results, lan_name, own.year), earlier)


def versus(own: AreaGradient, other: AreaGradient) -> str:
    """An SII against another's (bedomning.md §4): "reversed" when they point opposite ways and this one is
    established; "similar" when the other lies inside this one's interval widened by both roundings (an SII
    from whole percentages can move by 1,5 points from rounding alone); else "larger" or "smaller" in size."""
    sii, value = own.gradient.sii, other.gradient.sii.value
    if sii.value * value < 0:
        return "reversed" if own.sure else "similar"
    margin = own.rounding + other.rounding
    if sii.lower - margin <= value <= sii.upper + margin:
        return "similar"
    return "larger" if abs(sii.value) > abs(value) else "smaller"


def years(results: list[Result]) -> list[int]:
    """The years every group has a value for the kommun, up to the year shown."""
    shown = min((r.year for r in results if r.year is not None), default=None)
    if shown is None:
        return []
    sets = [set(r.history.loc[r.history["value"].notna() & (r.history["area"] == r.kommun.code)
                              & (r.history["sex"] == "T"), "year"]) for r in results]
    return sorted(y for y in set.intersection(*sets) if y <= shown)
