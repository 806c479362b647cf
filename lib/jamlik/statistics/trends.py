"""Development over time, and gaps between women and men or between two groups.

Method (printed in plain Swedish in "Om statistiken"):

* **One window** per indicator, used by the chart's shading, the table and the sentence: the last
  five published points; for turnout the last three elections; for life expectancy, a rolling
  five-year mean, three periods that do not overlap (the latest, five and ten years before).
  Fewer than three points: the development "kan inte bedömas".
* **Test**: for shares and rates with a known denominator, the chi-square test for trend in
  proportions over the window (as Fingertips), significant at the 5 % level (``ALPHA``, the one level
  of every test); a significant test whose change is not robust (no larger than the source's rounding,
  its ends against the trend, or gone without the first year) is "uneven" (``UNEVEN``), never "no
  change". A survey, a life-expectancy period or a mean without an interval is "märkbar" at most
  (docs/bedomning.md §3): a fitted straight line whose change over the window exceeds a quarter of the
  standard deviation between kommuner and the rounding, and for a survey with the source's
  osäkerhetstal also a first and last point that differ by more than 1,96 times the standard error of
  their difference; named differently and never called significant.
* **The latest change**: from the previous published value to the one shown, by the values as printed.
  The words never contradict it: a trend that it goes against is said with both (``Latest``).
* Direction (up, down) and judgement (better, worse, by polarity) are kept apart.
* **Against Riket**: whether the distance to Riket grew, shrank or followed Riket ("i samma takt").
* **Gaps** (women minus men, or group against group) in the indicator's own units, with Newcombe's
  interval where both shares have a denominator, against Riket's gap, and how the gap changed
  over the same window.
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jamlik.base.text import rounded
from jamlik.statistics import stats
from jamlik.statistics.compare import (
    AREA_SPECIFIC_LENSES,
    INTERVAL,
    ROLLING_YEARS,
    SIMILAR_SD_FRACTION,
    SPREAD,
    Result,
    verdict,
)
from jamlik.statistics.intervals import MIN_PEOPLE_MARKED, RATE_MULTIPLIERS

WINDOW_POINTS = {"yearly": 5, "survey": 5, "election": 3, "rolling_5y": 3}
MIN_POINTS = 3
ALPHA = 0.05
CHI_SQUARE = "chi2"
Z95 = stats.z_value(0.95)


def window(result: Result) -> list[int]:
    """The years of the trend window, ending at the year shown (see the module's method notes)."""
    years = sorted(result.series_rows(f"{result.kommun.name}, totalt")["year"].unique())
    if result.year is not None:
        years = [y for y in years if y <= result.year]
    if result.indicator.publication == "rolling_5y" and years:
        years = [y for y in years if (years[-1] - y) % ROLLING_YEARS == 0]
    return [int(y) for y in years[-WINDOW_POINTS[result.indicator.publication]:]]


def _rows(result: Result, series: str, years: list[int]) -> pd.DataFrame:
    return result.series_rows(series, years).set_index("year").sort_index()


def straight_line(values: pd.Series) -> tuple[float, float]:
    """The least-squares line through values indexed by year: (change per year, value at year 0)."""
    slope, intercept = np.polyfit(values.index.to_numpy(dtype=float), values.to_numpy(dtype=float), 1)
    return float(slope), float(intercept)


def window_values(result: Result, years: list[int]) -> pd.Series:
    """The kommun's published values (all sexes together) in ``years``, by year."""
    return _rows(result, f"{result.kommun.name}, totalt", years)["value"]


def _scale(result: Result) -> float | None:
    """What turns a value into a proportion: 1/100 for percent, 1/1 000 for a rate per 1 000."""
    unit = result.indicator.unit
    return 0.01 if unit == "procent" else 1 / RATE_MULTIPLIERS[unit] if unit in RATE_MULTIPLIERS else None


def _half_width(row) -> float | None:
    return None if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]) else (row["ci_high"] - row["ci_low"]) / 2


def _chi_square(rows: pd.DataFrame, scale: float) -> stats.TrendTest:
    shares = (rows["value"] * scale).clip(0, 1)
    return stats.chi_square_trend(list(shares * rows["n"]), list(rows["n"]), list(rows.index))


def _agrees(test: stats.TrendTest, reference: stats.TrendTest) -> bool:
    """The trend without the first point goes the same way, and is significant on its own or at least
    half as steep: fewer points test with less power, but one odd start year leaves the rest flat."""
    same_way = test.slope * reference.slope > 0
    return same_way and (test.p_value < ALPHA or test.slope / reference.slope >= 0.5)


UNEVEN = "uneven"  # the test says the values changed, but the change is not robust (see ``_change``)
# why a significant trend is not robust: its values moved no more than the source's rounding; its first
# and last values moved against the fitted trend; or the trend does not hold without the first year
NOT_ROBUST = ("rounding", "ends", "start")


@dataclass(frozen=True)
class Change:
    direction: str  # "higher", "lower", "similar" or UNEVEN
    method: str  # CHI_SQUARE (säkerställd) or SPREAD (märkbar)
    p_value: float | None = None
    uneven_because: str = ""  # one of NOT_ROBUST where the direction is UNEVEN


def _testable(result: Result, rows: pd.DataFrame) -> bool:
    """The chi-square test for trend can be made: a share or a rate with a known population at every point."""
    return _scale(result) is not None and bool(rows["n"].notna().all())


def _change(result: Result, rows: pd.DataFrame) -> Change:
    """Whether the values in ``rows`` (one series over the window) changed, by the best test the data allow."""
    scale = _scale(result)
    if _testable(result, rows):
        test = _chi_square(rows, scale)
        if test.p_value >= ALPHA:
            return Change("similar", CHI_SQUARE, test.p_value)
        # a change is claimed only when it is robust: values the source rounded (to whole percent) must
        # move by more than one step; the window's first and last values must move the same way as the
        # fitted trend; and the trend must hold without the window's first point, so one odd start
        # year cannot make it. A significant test that fails this is "uneven", never "no change".
        moved = rows["value"].iloc[-1] - rows["value"].iloc[0]
        because = ("rounding" if abs(moved) <= 2 * result.rounding else "ends" if moved * test.slope <= 0
                   else "start" if len(rows) >= 4 and not _agrees(_chi_square(rows.iloc[1:], scale), test) else "")
        if because:
            return Change(UNEVEN, CHI_SQUARE, test.p_value, because)
        return Change("higher" if test.slope > 0 else "lower", CHI_SQUARE, test.p_value)
    first, last = rows.iloc[0], rows.iloc[-1]
    fitted = straight_line(rows["value"])[0] * (rows.index[-1] - rows.index[0])
    # "märkbar" needs a quarter of the spread between kommuner and more than one published unit
    similar = abs(fitted) < max(SIMILAR_SD_FRACTION * result.spread, 2 * result.rounding)
    if result.indicator.is_survey and _half_width(first) and _half_width(last):
        diff = last["value"] - first["value"]
        # and a survey's ends must differ by more than 1,96 × the standard error of their difference
        similar = similar or abs(diff) <= math.hypot(_half_width(first), _half_width(last)) or diff * fitted <= 0
    return Change("similar" if similar else "higher" if fitted > 0 else "lower", SPREAD)


@dataclass(frozen=True)
class Trend:
    years: list[int]  # the window's published points
    first_value: float
    last_value: float
    direction: str  # "higher", "lower", "similar" (no significant or marked change) or UNEVEN
    verdict: str  # "better"/"worse"/"similar"/UNEVEN, or "higher"/"lower" for neutral indicators
    method: str  # CHI_SQUARE (säkerställd) or SPREAD (märkbar)
    p_value: float | None
    riket_first: float | None
    riket_last: float | None
    versus_riket: str | None  # "closer", "further" or "same" (the distance to Riket over the window)
    uneven_because: str = ""  # why a significant test is not taken as a change (NOT_ROBUST)

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def last_year(self) -> int:
        return self.years[-1]


def trend(result: Result) -> Trend | None:
    """The kommun's development over the window; None when it cannot be judged (too few points)."""
    if "trend" not in result.cache:
        result.cache["trend"] = _trend(result)
    return result.cache["trend"]


def _trend(result: Result) -> Trend | None:
    if result.indicator.lens in AREA_SPECIFIC_LENSES:  # the lowest district: its districts change (bedomning.md §6)
        return None
    years = window(result)
    own = _rows(result, f"{result.kommun.name}, totalt", years)
    # without the spread between kommuner (the strategist's own values for one kommun) only the test
    # on the counts can judge a change
    if len(own) < MIN_POINTS or not (result.spread or _testable(result, own)):
        return None
    if result.indicator.is_survey and own[["ci_low", "ci_high"]].isna().any(axis=None):
        return None  # a survey without its osäkerhetstal: its sampling error is unknown
    change = _change(result, own)
    if change.method == SPREAD and result.small_numbers:  # few cases: no judgement from the fallback rule
        return None
    riket = _rows(result, "Riket", years)
    riket_first = float(riket["value"].loc[years[0]]) if years[0] in riket.index else None
    riket_last = float(riket["value"].loc[years[-1]]) if years[-1] in riket.index else None
    versus = None
    if riket_first is not None and riket_last is not None and result.indicator.unit != "antal":
        versus = _versus_riket(result, own, riket_first, riket_last)
    return Trend(years, float(own["value"].iloc[0]), float(own["value"].iloc[-1]), change.direction,
                 verdict(change.direction, result.indicator.polarity), change.method, change.p_value,
                 riket_first, riket_last, versus, change.uneven_because)


def _versus_riket(result: Result, own: pd.DataFrame, riket_first: float, riket_last: float) -> str:
    """How the kommun's distance to Riket changed over the window: "same" (the change in the
    distance is within the intervals, or a quarter of the spread without them), "closer",
    "further", or "crossed" (from one side of Riket to the other)."""
    before, after = own["value"].iloc[0] - riket_first, own["value"].iloc[-1] - riket_last
    widths = [_half_width(own.iloc[0]), _half_width(own.iloc[-1])]
    margin = math.hypot(*widths) if all(widths) else SIMILAR_SD_FRACTION * result.spread
    margin = max(margin, 2 * result.rounding)
    if abs(after - before) <= margin:
        return "same"
    # "låg över riket 2018 men under riket 2022" is a verdict on both years: each beyond Riket by the rules of
    # bedomning.md §1 (the year's interval with the rounding, or the spread rule), not by its point value
    if before * after < 0 and _apart(result, own.iloc[0], riket_first) and _apart(result, own.iloc[-1], riket_last):
        return "crossed"
    return "closer" if abs(after) < abs(before) else "further"


def _apart(result: Result, row, riket: float) -> bool:
    """The kommun's value in one year lies beyond Riket's that year: outside its interval widened by the
    rounding, or without one by more than the spread rule's threshold."""
    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]):
        return abs(row["value"] - riket) >= max(SIMILAR_SD_FRACTION * result.spread, 2 * result.rounding)
    return not row["ci_low"] - result.rounding <= riket <= row["ci_high"] + result.rounding


@dataclass(frozen=True)
class Latest:
    """The latest change: the previous published value before the year shown and the direction to the
    value shown, as a reader sees them printed (equal printed values: "similar")."""

    year: int
    value: float
    direction: str  # "higher", "lower" or "similar"
    crossed_riket: bool  # säkerställt on the other side of Riket in that year (``_crossed_riket``)


def latest(result: Result) -> Latest | None:
    """The previous point of the trend window (the previous published value; for a five-year mean the
    previous period that does not overlap) and the direction since; None without a value or a previous one."""
    if result.value is None:
        return None
    own = result.series_rows(f"{result.kommun.name}, totalt")
    earlier = [y for y in window(result) if y < result.year]
    own = own[own["year"] == earlier[-1]] if earlier else own[own["year"] < result.year]
    if own.empty:
        return None
    before = own.iloc[-1]
    year, value = int(before["year"]), float(before["value"])
    d = result.indicator.decimals
    moved = rounded(result.value, d) - rounded(value, d)
    return Latest(year, value, "similar" if moved == 0 else "higher" if moved > 0 else "lower",
                  _crossed_riket(result, before))


def _crossed_riket(result: Result, before) -> bool:
    """The kommun is now säkerställt on one side of Riket and was säkerställt on the other in the earlier
    year: its interval then, widened by the rounding, lay wholly beyond Riket's value then. A crossing of
    the point values alone is no "bättre" or "sämre" (bedomning.md §1)."""
    now = result.riket
    if now is None or now.method != INTERVAL or now.direction not in ("higher", "lower") \
            or pd.isna(before["ci_low"]) or pd.isna(before["ci_high"]):
        return False
    riket = result.series_rows("Riket", [int(before["year"])])["value"]
    if not len(riket):
        return False
    then = float(riket.iloc[0])
    was_higher = bool(before["value"] > then)
    return bool(_apart(result, before, then)) and was_higher != (now.direction == "higher")


def turned(trend: Trend | None, last: Latest | None) -> bool:
    """The window's trend and the latest change go opposite ways: the words must say both (bedomning.md §3)."""
    return bool(trend and last and trend.direction in ("higher", "lower") and last.direction in ("higher", "lower")
                and trend.direction != last.direction)


def agrees(trend: Trend | None, last: Latest | None) -> bool:
    """The trend is confirmed by the latest change, which goes the same way: what "på väg åt fel håll" and
    "det som blir sämre" need (bedomning.md §3)."""
    return bool(trend and last and trend.direction in ("higher", "lower") and trend.direction == last.direction)


# --- gaps --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    year: int
    gap: float  # first group minus second (women minus men), in the indicator's units
    first: float
    second: float
    ci: stats.Interval | None  # 95 %, Newcombe, where both values have a Wilson interval
    riket_gap: float | None
    versus_riket: str | None  # "larger", "smaller" or "similar" (in absolute size), "reversed" (opposite signs)
    earlier_year: int | None
    earlier_gap: float | None
    change: str | None  # "growing", "shrinking" or "unchanged" (in absolute size), "turned" (the other group higher)
    # the gaps as printed: the difference of the two values a reader sees, each rounded as shown
    shown: float | None = None
    riket_shown: float | None = None
    sure: bool = False  # the gap itself is beyond its interval (or the fallback rule) and the rounding
    earlier_shown: float | None = None  # the earlier gap as printed


def _interval(row, unit: str) -> stats.Interval | None:
    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]):
        return None
    return stats.Interval(row["value"], row["ci_low"], row["ci_high"], "Wilson" if unit == "procent" else "")


def _difference(a, b, unit: str) -> stats.Interval | None:
    first, second = _interval(a, unit), _interval(b, unit)
    return stats.difference_of_proportions(first, second) if first and second else None


def gap_between(result: Result, first: pd.DataFrame, second: pd.DataFrame, riket_first: pd.DataFrame | None,
                riket_second: pd.DataFrame | None, small_groups: bool = False) -> Gap | None:
    """The gap between two series (history rows indexed by year) in the year shown, against
    Riket's gap and against the start of the trend window; ``small_groups``: the two groups are too
    small for the spread rule (``groups_too_small``)."""
    both = first.index.intersection(second.index)
    both = [y for y in both if result.year is None or y <= result.year]
    if not both:
        return None
    year, unit, spread = both[-1], result.indicator.unit, result.spread
    a, b = first.loc[year], second.loc[year]
    gap = float(a["value"] - b["value"])
    ci = _difference(a, b, unit)
    # each published value may be off by half a published step (``rounding``): a gap by two halves,
    # and a gap against Riket's gap by four, before anything is called larger or smaller
    one, two = 2 * result.rounding, 4 * result.rounding
    unjudged = ci is None and (result.indicator.is_survey or result.small_numbers or small_groups)
    sure = not unjudged and (ci.lower - one > 0 or ci.upper + one < 0 if ci
                             else abs(gap) >= max(SIMILAR_SD_FRACTION * spread, one) if spread else False)
    riket_gap = versus = riket_shown = None
    if riket_first is not None and riket_second is not None and year in riket_first.index \
            and year in riket_second.index:
        r_a, r_b = riket_first.loc[year], riket_second.loc[year]
        riket_gap = float(r_a["value"] - r_b["value"])
        riket_shown = _shown(result, r_a["value"], r_b["value"])
        if unjudged:
            outside = None  # no interval and a sampling error that may be large: not judged
        elif ci:  # the two intervals, each widened by its rounding, do not overlap (bedomning.md §4)
            riket_ci = _difference(r_a, r_b, unit) or stats.Interval(riket_gap, riket_gap, riket_gap, "")
            outside = ci.upper + one < riket_ci.lower - one or riket_ci.upper + one < ci.lower - one
        else:
            outside = spread and abs(abs(gap) - abs(riket_gap)) >= max(SIMILAR_SD_FRACTION * spread, two)
        versus = None if outside is None else _versus(_shown(result, a["value"], b["value"]), riket_shown,
                                                      bool(sure), bool(outside))
    years = [y for y in window(result) if y in both]
    earlier_year = earlier_gap = earlier_shown = change = None
    if not unjudged and len(years) >= MIN_POINTS and years[0] != year:
        earlier_year = years[0]
        e_a, e_b = first.loc[earlier_year], second.loc[earlier_year]
        earlier_gap = float(e_a["value"] - e_b["value"])
        earlier_ci = _difference(e_a, e_b, unit)
        delta = abs(gap) - abs(earlier_gap)
        if ci and earlier_ci:
            margin = math.hypot(ci.upper - ci.value, earlier_ci.upper - earlier_ci.value)
        else:
            margin = SIMILAR_SD_FRACTION * spread if spread else math.inf
        margin = max(margin, two)
        change = "unchanged" if abs(delta) <= margin else "growing" if delta > 0 else "shrinking"
        earlier_shown = _shown(result, e_a["value"], e_b["value"])
        if earlier_shown * _shown(result, a["value"], b["value"]) < 0:
            change = "turned"  # the other group was higher then: no size to compare (bedomning.md §4)
    return Gap(int(year), gap, float(a["value"]), float(b["value"]), ci, riket_gap, versus,
               earlier_year, earlier_gap, change, _shown(result, a["value"], b["value"]), riket_shown,
               bool(sure), earlier_shown)


def _versus(shown: float, riket_shown: float, sure: bool, outside: bool) -> str:
    """A gap against Riket's, in size: "larger" or "smaller" only with the same sign and beyond both
    intervals and roundings; "reversed" where the printed gaps point opposite ways and the kommun's is
    established; else "similar" (the two cannot be told apart in size). bedomning.md §4."""
    if shown * riket_shown < 0:
        return "reversed" if sure else "similar"
    if not outside or abs(shown) == abs(riket_shown):
        return "similar"
    return "larger" if abs(shown) > abs(riket_shown) else "smaller"


def _shown(result: Result, first: float, second: float) -> float:
    """A difference as a reader computes it from the two values printed (each rounded as shown)."""
    d = result.indicator.decimals
    return round(rounded(float(first), d) - rounded(float(second), d), d) + 0.0  # no float noise, no −0


def sex_gap(result: Result) -> Gap | None:
    """Women minus men for the kommun, against Riket's; None where such a gap means nothing
    (context indicators, indicators about parents split by the child's sex)."""
    if not result.indicator.sex_split or not result.indicator.sex_gap:
        return None
    rows = {s: result.series_rows(s).set_index("year") for s in ("K", "M", "Riket K", "Riket M")}
    return gap_between(result, rows["K"], rows["M"], rows["Riket K"], rows["Riket M"], groups_too_small(result))


def groups_too_small(result: Result) -> bool:
    """Women and men are each about half of the people behind a value without an interval (the year-9
    cohort behind meritvärde): under ``MIN_PEOPLE_MARKED`` each, their gap gets no verdict by the spread
    rule, as a mean of so few gets none (bedomning.md §1)."""
    people = result.uncertainty.people
    return result.ci is None and people is not None and people / 2 < MIN_PEOPLE_MARKED


def group_gap(first: Result, second: Result) -> Gap | None:
    """The gap between two groups, each published as its own indicator (e.g. born in Sweden or
    abroad), for the kommun against Riket."""
    def rows(result: Result, series: str) -> pd.DataFrame:
        return result.series_rows(series).set_index("year")

    total = f"{first.kommun.name}, totalt"
    return gap_between(first, rows(first, total), rows(second, total), rows(first, "Riket"), rows(second, "Riket"))
