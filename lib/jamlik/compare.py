"""Comparisons of one kommun's indicator against Riket, its län and a peer group, with rank.

Method (also printed in every briefing's "Om statistiken"):

* The year shown is the latest year up to the report year for which the indicator has data.
* **Interval rule**: where the source gives a 95 % interval (survey indicators), the kommun
  differs from a benchmark when the benchmark lies outside the kommun's interval.
* **Spread rule** otherwise: a difference smaller than a quarter of the standard deviation
  between all kommuner that year counts as similar ("likvärdig").
* Better or worse follows the indicator's polarity; neutral indicators are only higher or lower.
* Rank 1 is the best value among the kommuner with a value that year (the highest for
  neutral indicators); quartile 1 is the best quarter.
* The peer value is the unweighted mean of the peer kommuner with a value ("ovägt medel").
* **Distinct published points only**: turnout is kept in election years (Kolada repeats the
  last election's value in the years between), so no flat carried-forward step is drawn or
  counted as a trend.
* **Trend**: a straight line fitted to the kommun's values over the last six points with data
  (the last three elections for turnout; three non-overlapping five-year means for life
  expectancy), at least three; the fitted change over the period counts when it exceeds a
  quarter of the spread between kommuner, otherwise the level is "oförändrad". Pooled survey
  periods may overlap: the text says so.
* **Gap between women and men** (or two groups): the latest gap against the gap at the start
  of the same period; a change smaller than a quarter of the spread counts as unchanged.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import areas
from .areas import Area
from .catalog import Indicator
from .store import SUPPRESSED

SIMILAR_SD_FRACTION = 0.25
TREND_YEARS = 6
TREND_MIN_POINTS = 3
# points in the trend window by how the indicator is published
TREND_POINTS = {"yearly": TREND_YEARS, "survey": TREND_YEARS, "election": 3, "rolling_5y": 3}
ROLLING_YEARS = 5
ABSENT_STATUS = "absent"  # the store holds no value at all for the indicator (e.g. not in the snapshot)


def is_election_year(year) -> bool:
    """Swedish general (and so kommun) elections: 1994, 1998, …, 2022, 2026."""
    return year % 4 == 2


def published_points(indicator: Indicator, frame: pd.DataFrame) -> pd.DataFrame:
    """Only the points the source really published: election years for turnout."""
    if indicator.publication == "election":
        return frame[is_election_year(frame["year"])]
    return frame


@dataclass(frozen=True)
class Benchmark:
    label: str  # "riket", "Örebro län", "liknande kommuner"
    value: float | None
    direction: str | None  # "higher", "lower" or "similar" (kommun relative to benchmark)
    verdict: str | None  # "better", "worse", "similar", or "higher"/"lower" when neutral
    method: str  # "interval" or "spread"


@dataclass
class Result:
    indicator: Indicator
    kommun: Area
    year: int | None  # the year shown; None when the indicator has no data up to the report year
    value: float | None
    status: str  # "" or why the value is missing: "suppressed", "missing"
    ci: tuple[float, float] | None
    by_sex: dict[str, float | None]  # the kommun's K and M values in the year shown
    riket_by_sex: dict[str, float | None]
    benchmarks: list[Benchmark]
    rank: int | None
    ranked: int
    spread: float  # standard deviation between kommuner in the year shown
    peer_values: list[tuple[Area, float | None]]  # each peer's value in the year shown
    distribution: pd.Series  # every kommun's value in the year shown, by code
    history: pd.DataFrame = field(repr=False)  # year, series, value: for charts and trends

    @property
    def riket(self) -> Benchmark | None:
        return self.benchmarks[0] if self.benchmarks else None

    def standardized_gap(self, benchmark: Benchmark) -> float:
        """How far the kommun is from a benchmark, in units of the spread between kommuner."""
        if self.value is None or benchmark.value is None or not self.spread:
            return 0.0
        return (self.value - benchmark.value) / self.spread

    @property
    def quartile(self) -> int | None:
        return None if self.rank is None else min(4, 1 + (4 * (self.rank - 1)) // self.ranked)


def is_count(indicator: Indicator) -> bool:
    return indicator.unit == "antal"


def _direction(difference: float, similar: bool) -> str:
    if similar:
        return "similar"
    return "higher" if difference > 0 else "lower"


def verdict(direction: str | None, polarity: str) -> str | None:
    """Turn higher/lower into better/worse using the indicator's polarity."""
    if direction in (None, "similar") or polarity == "neutral":
        return direction
    return "better" if (direction == "higher") == (polarity == "higher") else "worse"


def _benchmark(label: str, value, kommun_value, ci, spread: float, polarity: str) -> Benchmark:
    method = "interval" if ci else "spread"
    if value is None or kommun_value is None:
        return Benchmark(label, value, None, None, method)
    difference = kommun_value - value
    similar = ci[0] <= value <= ci[1] if ci else abs(difference) < SIMILAR_SD_FRACTION * spread
    direction = _direction(difference, similar)
    return Benchmark(label, value, direction, verdict(direction, polarity), method)


def value_at(frame: pd.DataFrame, area: str, year: int, sex: str = "T") -> float | None:
    """One published value, or None when it is missing or suppressed."""
    rows = frame[(frame["area"] == area) & (frame["year"] == year) & (frame["sex"] == sex)]
    value = rows["value"].iloc[0] if len(rows) else np.nan
    return None if pd.isna(value) else float(value)


def rank_among_kommuner(values: pd.Series, polarity: str) -> pd.Series:
    """Rank 1 = best (highest for neutral), ties share the better rank."""
    return values.rank(ascending=polarity == "lower", method="min")


def latest_year(frame: pd.DataFrame, year: int) -> int | None:
    years = frame.loc[(frame["year"] <= year) & frame["value"].notna(), "year"]
    return int(years.max()) if len(years) else None


def assess(indicator: Indicator, frame: pd.DataFrame, kommun: Area, year: int,
           peers: list[Area], peer_label: str = "liknande kommuner") -> Result:
    """Compare ``kommun`` on one indicator. ``frame`` holds that indicator for all areas."""
    lan = areas.lan_of(kommun)
    frame = published_points(indicator, frame)
    history = _history(frame, kommun, lan)
    shown = latest_year(frame, year)
    if shown is None:
        status = ABSENT_STATUS if frame.empty else "missing"
        return Result(indicator, kommun, None, None, status, None, {}, {}, [], None, 0, 0.0, [],
                      pd.Series(dtype=float), history)

    frame = frame[frame["year"] == shown]
    at_year = frame[frame["sex"] == "T"]
    kommun_codes = {a.code for a in areas.kommuner()}
    kommun_values = at_year[at_year["area"].isin(kommun_codes)].set_index("area")["value"].dropna()
    own = at_year[at_year["area"] == kommun.code]
    # every look-up below is in the year shown: one dictionary instead of a filter per value
    keys = zip(frame["area"], frame["sex"], strict=True)
    published = {key: float(v) for key, v in zip(keys, frame["value"], strict=True) if pd.notna(v)}

    def at(area: str, sex: str = "T") -> float | None:
        return published.get((area, sex))

    value = at(kommun.code)
    status = "" if value is not None else (own["status"].iloc[0] or "missing") if len(own) else "missing"
    ci = None
    if value is not None and own[["ci_low", "ci_high"]].notna().all(axis=None):
        ci = (float(own["ci_low"].iloc[0]), float(own["ci_high"].iloc[0]))

    peer_values = [(p, at(p.code)) for p in peers]
    known = [v for _, v in peer_values if v is not None]
    spread = float(kommun_values.std()) if len(kommun_values) > 1 else 0.0
    # a count (inhabitants) is not comparable with the sum for the län or Riket
    benchmarks = [] if is_count(indicator) else [
        _benchmark(label, bench, value, ci, spread, indicator.polarity)
        for label, bench in [
            ("riket", at(areas.RIKET)),
            (lan.name, at(lan.code)),
            (peer_label, float(np.mean(known)) if known else None),
        ]
    ]
    ranks = rank_among_kommuner(kommun_values, indicator.polarity)
    rank = int(ranks[kommun.code]) if kommun.code in ranks else None
    sexes = ("K", "M") if indicator.sex_split else ()
    by_sex = {sex: at(kommun.code, sex) for sex in sexes}
    riket_by_sex = {sex: at(areas.RIKET, sex) for sex in sexes}
    return Result(indicator, kommun, shown, value, status, ci, by_sex, riket_by_sex, benchmarks, rank,
                  len(kommun_values), spread, peer_values, kommun_values, history)


def _history(frame: pd.DataFrame, kommun: Area, lan: Area) -> pd.DataFrame:
    """The kommun by sex, the län and Riket over the years, long format for charts."""
    wanted = pd.DataFrame(
        [(kommun.code, "T", f"{kommun.name}, totalt"), (kommun.code, "K", "K"), (kommun.code, "M", "M"),
         (lan.code, "T", lan.name), (areas.RIKET, "T", "Riket")], columns=["area", "sex", "series"])
    rows = frame.merge(wanted, on=["area", "sex"])
    return rows[["year", "series", "area", "sex", "value", "ci_low", "ci_high", "status"]].sort_values("year")


def is_suppressed(result: Result) -> bool:
    return result.status == SUPPRESSED


@dataclass(frozen=True)
class Trend:
    first_year: int
    last_year: int
    first_value: float
    last_value: float
    direction: str  # "higher", "lower" or "similar" (unchanged) over the period
    verdict: str  # "better"/"worse"/"similar", or "higher"/"lower" for neutral indicators


def trend_points(indicator: Indicator, values: pd.Series) -> pd.Series:
    """The points a trend is fitted to: the window for the indicator's publication, and for a
    rolling five-year mean only non-overlapping periods (the latest, five years before, …)."""
    if indicator.publication == "rolling_5y" and len(values):
        values = values[(values.index[-1] - values.index) % ROLLING_YEARS == 0]
    return values.iloc[-TREND_POINTS[indicator.publication]:]


def trend(result: Result) -> Trend | None:
    """The kommun's development over the last years (see the module's method notes)."""
    values = series(result, f"{result.kommun.name}, totalt")
    if result.year is not None:
        values = values[values.index <= result.year]
    values = trend_points(result.indicator, values)
    if len(values) < TREND_MIN_POINTS or not result.spread:
        return None
    years = values.index.to_numpy(dtype=float)
    slope = np.polyfit(years, values.to_numpy(), 1)[0]
    change = slope * (years[-1] - years[0])
    direction = _direction(change, abs(change) < SIMILAR_SD_FRACTION * result.spread)
    return Trend(int(years[0]), int(years[-1]), float(values.iloc[0]), float(values.iloc[-1]),
                 direction, verdict(direction, result.indicator.polarity))


@dataclass(frozen=True)
class Gap:
    year: int
    gap: float  # first group minus second (women minus men)
    first: float
    second: float
    earlier_year: int | None
    earlier_gap: float | None
    change: str | None  # "growing", "shrinking" or "unchanged" (in absolute size)


def gap_between(first: pd.Series, second: pd.Series, spread: float, up_to: int | None,
                indicator: Indicator | None = None) -> Gap | None:
    """The gap between two series of values by year, now and at the start of the trend period
    (the indicator's trend window, see ``trend_points``)."""
    both = pd.concat([first, second], axis=1, keys=["a", "b"]).dropna()
    if up_to is not None:
        both = both[both.index <= up_to]
    if both.empty:
        return None
    gaps = both["a"] - both["b"]
    recent = trend_points(indicator, gaps) if indicator else gaps.iloc[-TREND_YEARS:]
    latest_year = int(recent.index[-1])
    gap = Gap(latest_year, float(recent.iloc[-1]), float(both["a"].iloc[-1]), float(both["b"].iloc[-1]),
              None, None, None)
    if len(recent) < TREND_MIN_POINTS or not spread:
        return gap
    earlier = float(recent.iloc[0])
    delta = abs(gap.gap) - abs(earlier)
    change = "unchanged" if abs(delta) < SIMILAR_SD_FRACTION * spread else "growing" if delta > 0 else "shrinking"
    return Gap(latest_year, gap.gap, gap.first, gap.second, int(recent.index[0]), earlier, change)


def sex_gap(result: Result) -> Gap | None:
    """Women minus men for the kommun; None when the indicator is not split by sex."""
    if not result.indicator.sex_split:
        return None
    return gap_between(series(result, "K"), series(result, "M"), result.spread, result.year, result.indicator)


def series(result: Result, name: str) -> pd.Series:
    """One series of the history by year: the kommun's total is named "<kommun>, totalt"."""
    rows = result.history[result.history["series"] == name].dropna(subset=["value"])
    return rows.set_index("year")["value"].sort_index()
