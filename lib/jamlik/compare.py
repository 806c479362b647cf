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
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import areas
from .areas import Area
from .catalog import Indicator
from .store import SUPPRESSED

SIMILAR_SD_FRACTION = 0.25


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
    by_sex: dict[str, float | None]
    benchmarks: list[Benchmark]
    rank: int | None
    ranked: int
    spread: float  # standard deviation between kommuner in the year shown
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


def _value(frame: pd.DataFrame, area: str, year: int, sex: str = "T") -> float | None:
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
    history = _history(frame, kommun, lan)
    shown = latest_year(frame, year)
    if shown is None:
        return Result(indicator, kommun, None, None, "missing", None, {}, [], None, 0, 0.0, history)

    at_year = frame[(frame["year"] == shown) & (frame["sex"] == "T")]
    kommun_codes = {a.code for a in areas.kommuner()}
    kommun_values = at_year[at_year["area"].isin(kommun_codes)].set_index("area")["value"].dropna()
    own = at_year[at_year["area"] == kommun.code]
    value = _value(frame, kommun.code, shown)
    status = "" if value is not None else (own["status"].iloc[0] or "missing") if len(own) else "missing"
    ci = None
    if value is not None and own[["ci_low", "ci_high"]].notna().all(axis=None):
        ci = (float(own["ci_low"].iloc[0]), float(own["ci_high"].iloc[0]))

    peer_values = [v for v in (_value(frame, p.code, shown) for p in peers) if v is not None]
    spread = float(kommun_values.std()) if len(kommun_values) > 1 else 0.0
    benchmarks = [
        _benchmark(label, bench, value, ci, spread, indicator.polarity)
        for label, bench in [
            ("riket", _value(frame, areas.RIKET, shown)),
            (lan.name, _value(frame, lan.code, shown)),
            (peer_label, float(np.mean(peer_values)) if peer_values else None),
        ]
    ]
    ranks = rank_among_kommuner(kommun_values, indicator.polarity)
    rank = int(ranks[kommun.code]) if kommun.code in ranks else None
    by_sex = {sex: _value(frame, kommun.code, shown, sex) for sex in ("K", "M")} if indicator.sex_split else {}
    return Result(indicator, kommun, shown, value, status, ci, by_sex, benchmarks, rank,
                  len(kommun_values), spread, history)


def _history(frame: pd.DataFrame, kommun: Area, lan: Area) -> pd.DataFrame:
    """The kommun by sex, the län and Riket over the years, long format for charts."""
    wanted = pd.DataFrame(
        [(kommun.code, "T", f"{kommun.name}, totalt"), (kommun.code, "K", "K"), (kommun.code, "M", "M"),
         (lan.code, "T", lan.name), (areas.RIKET, "T", "Riket")], columns=["area", "sex", "series"])
    rows = frame.merge(wanted, on=["area", "sex"])
    return rows[["year", "series", "area", "sex", "value", "ci_low", "ci_high", "status"]].sort_values("year")


def is_suppressed(result: Result) -> bool:
    return result.status == SUPPRESSED
