"""Comparisons of one kommun's indicator against Riket, its län and one peer group, with rank.

Method (printed in plain Swedish in every briefing's "Om statistiken"):

* The year shown is the latest year up to the report year for which the indicator has data,
  counting only points the source really published (turnout: election years; Kolada repeats
  the last election's value in the years between). A survey shows the year before instead when
  only that year's value has an interval (``judged_year``): a judged value rather than a newer
  one that cannot be judged.
* **Interval rule**: the kommun's 95 % interval (see ``intervals``: the source's osäkerhetstal,
  Wilson for shares of a known population, Poisson limits for rates). A benchmark outside it is
  higher or lower, and better or worse by the indicator's polarity; inside it, "i nivå med".
* **Fallback** where no interval exists (a mean such as meritvärde, a survey without its
  osäkerhetstal, a share without a denominator): a difference larger than a quarter of the
  standard deviation between all kommuner that year is "märkbart" higher or lower. It is named
  differently in the text and never called statistically significant.
* **Small numbers**: a value based on fewer than ten events, a denominator under 100, or (without
  an interval) a kommun under 5 000 inhabitants is flagged "få fall – tolka försiktigt"; it gets
  no rank, no quartile and no verdict from the fallback rule.
* The strategist's own values (``own_values``) are judged by the same rules. Without values for every
  kommun they have no rank, spread or median (``national.is_national``); with only the kommun's own
  values (``Result.kommun_only``) there is nothing to compare with, and only the development is judged.
* Rank 1 is the best value among the kommuner with a value that year (the highest for neutral
  indicators); quartile 1 is the best quarter. Beside Riket, the median kommun: Riket is a
  population-weighted figure that the large cities pull, so it is not the typical kommun.
* The peer value is the unweighted mean of the kommuner in the indicator's one peer group, the
  same wherever the indicator appears in a document.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jamlik.data import areas, own_values
from jamlik.data.areas import Area
from jamlik.data.catalog import (
    ROLLING_YEARS,  # noqa: F401 (part of this module's interface)
    Indicator,
)
from jamlik.data.denominators import Populations
from jamlik.data.store import SUPPRESSED
from jamlik.statistics import intervals, national
from jamlik.statistics.national import rank_among_kommuner  # noqa: F401 (part of this module's interface)

SIMILAR_SD_FRACTION = 0.25
ABSENT_STATUS = "absent"  # the store holds no value at all for the indicator (e.g. not in the snapshot)
INTERVAL, SPREAD, NO_VERDICT = "interval", "spread", "none"  # how a verdict was reached
# indicators whose Riket and län values are not of the same kind as a kommun's (the lowest voting
# district of the whole country is not a benchmark for a kommun's lowest district)
AREA_SPECIFIC_LENSES = {"within_kommun_gap"}


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
    label: str  # "riket", "Örebro län", "liknande kommuner (socioekonomi)"
    value: float | None
    direction: str | None  # "higher", "lower" or "similar" (kommun relative to benchmark)
    verdict: str | None  # "better", "worse", "similar", or "higher"/"lower" when neutral
    method: str  # INTERVAL, SPREAD or NO_VERDICT


@dataclass
class Result:
    indicator: Indicator
    kommun: Area
    year: int | None  # the year shown; None when the indicator has no data up to the report year
    value: float | None
    status: str  # "" or why the value is missing: "suppressed", "missing", "absent"
    uncertainty: intervals.Uncertainty
    by_sex: dict[str, float | None]  # the kommun's K and M values in the year shown
    riket_by_sex: dict[str, float | None]
    benchmarks: list[Benchmark]
    rank: int | None
    ranked: int
    spread: float  # standard deviation between kommuner in the year shown
    peer_values: list[tuple[Area, float | None]]  # each peer's value in the year shown
    distribution: pd.Series  # every kommun's value in the year shown, by code
    # year, series, area, sex, value, status, n (denominator), source_low/high (the source's interval),
    # ci_low/high (the effective 95 % interval)
    history: pd.DataFrame = field(repr=False)
    peer_group: str = "liknande kommuner"
    median: float | None = None  # the median kommun in the year shown
    rounding: float = 0.0  # half the step the source rounds to (0,5 for whole percent), see rounding_of
    rank_to: int | None = None  # the last place of a tie: kommuner with the same value share 115–148
    imported: bool = False  # the kommun's value shown was read in by the strategist (``own_values``)
    # where the value lies among the kommuner, 0 the best … 1 the worst, a tie at its middle: known even
    # where few cases remove the printed rank, so "the worse half" can still be judged (bedomning.md §2)
    position: float | None = None
    cache: dict = field(default_factory=dict, repr=False)  # derived results (the trend), computed once

    @property
    def ci(self):
        return self.uncertainty.ci

    @property
    def period(self) -> str:
        """What the value shown stands for: ``2022``, a five-year mean's ``2018–2022``, a pooled survey's
        ``2019–2022``."""
        return self.indicator.period(self.year, self.kommun.code) if self.year is not None else ""

    @property
    def small_numbers(self) -> bool:
        return self.uncertainty.small

    @property
    def kommun_only(self) -> bool:
        """Only the kommun's own imported values: no value for Riket, the län or the peers to compare with."""
        return self.imported and not any(b.value is not None for b in self.benchmarks)

    @property
    def riket(self) -> Benchmark | None:
        return self.benchmarks[0] if self.benchmarks else None

    @property
    def peers(self) -> Benchmark | None:
        return self.benchmarks[2] if len(self.benchmarks) > 2 else None

    def standardized_gap(self, benchmark: Benchmark) -> float:
        """How far the kommun is from a benchmark, in units of the spread between kommuner."""
        if self.value is None or benchmark.value is None or not self.spread:
            return 0.0
        return (self.value - benchmark.value) / self.spread

    @property
    def quartile(self) -> int | None:
        """The quarter of the kommuner the place is in; a tie's, where most of the tie lies."""
        return None if self.rank is None else quartile_of(self.rank, self.rank_to, self.ranked)

    def history_keys(self) -> dict[str, np.ndarray]:
        """The history's key columns (series, area, sex, year; known: has a value) as numpy arrays,
        made once: the frame is small, and comparing pandas' Arrow-backed strings costs more than the
        work itself."""
        if "keys" not in self.cache:
            h = self.history
            self.cache["keys"] = {**{c: h[c].to_numpy(dtype=object) for c in ("series", "area", "sex")},
                                  "year": h["year"].to_numpy(), "known": h["value"].notna().to_numpy()}
        return self.cache["keys"]

    def series_rows(self, series: str, years=None) -> pd.DataFrame:
        """The history's rows of one series that have a value (in ``years``, if given), in year order.
        A whole series is cut out once and shared by the chart, its table, its alt text and the trend
        test: treat it as read-only."""
        if years is None and ("series", series) in self.cache:
            return self.cache["series", series]
        keys = self.history_keys()
        mask = (keys["series"] == series) & keys["known"]
        if years is not None:
            return self.history[mask & np.isin(keys["year"], list(years))]
        self.cache["series", series] = rows = self.history[mask]
        return rows

    def sex_uncertainty(self, sex: str, area: str | None = None) -> intervals.Uncertainty:
        """The interval of the kommun's (or another shown area's) value for one sex in the year shown."""
        keys = self.history_keys()
        rows = self.history[(keys["area"] == (area or self.kommun.code)) & (keys["sex"] == sex)
                            & (keys["year"] == self.year)]
        if rows.empty:
            return intervals.NONE
        row = rows.iloc[0]
        return intervals.of(self.indicator, row["value"], row["n"], row["source_low"], row["source_high"])


def quartile_of(rank: int, rank_to: int | None, ranked: int) -> int:
    """The quarter (1 best … 4 worst) of a place among ``ranked`` kommuner; a tie ``rank``–``rank_to`` is in
    the quarter where most of it lies, the middle's when two hold equally many (bedomning.md §5).

    >>> quartile_of(204, 232, 290), quartile_of(60, 90, 290), quartile_of(1, None, 290)
    (3, 2, 1)
    """
    def quarter(place: int) -> int:
        return min(4, 1 + (4 * (place - 1)) // ranked)

    last = rank_to or rank
    counts = {q: 0 for q in range(1, 5)}
    for p in range(rank, last + 1):
        counts[quarter(p)] += 1
    most = max(counts.values())
    middle = quarter((rank + last) // 2)
    return middle if counts[middle] == most else min(q for q, c in counts.items() if c == most)


def position_of(rank: float, rank_to: float, ranked: int) -> float:
    """0 the best … 1 the worst among ``ranked`` kommuner, a tie at its middle."""
    return float(((rank + rank_to) / 2 - 1) / max(ranked - 1, 1))


def verdict(direction: str | None, polarity: str) -> str | None:
    """Turn higher/lower into better/worse using the indicator's polarity."""
    if direction not in ("higher", "lower") or polarity == "neutral":
        return direction
    return "better" if (direction == "higher") == (polarity == "higher") else "worse"


def compare_with(label: str, value: float | None, kommun_value: float | None, uncertainty: intervals.Uncertainty,
                 spread: float, polarity: str, survey: bool = False, rounding: float = 0.0) -> Benchmark:
    """One benchmark by the interval rule, or by the named fallback where no interval exists.
    A survey without its osäkerhetstal is not judged: its sampling error is unknown and may be
    larger than the spread rule's threshold. ``rounding`` is half the step the source rounds to
    (0,5 for whole percent): a benchmark that close to the interval is not called different."""
    if value is None or kommun_value is None:
        return Benchmark(label, value, None, None, INTERVAL if uncertainty.ci else NO_VERDICT)
    difference = kommun_value - value
    if uncertainty.ci:
        ci = uncertainty.ci
        similar, method = ci.lower - rounding <= value <= ci.upper + rounding, INTERVAL
    elif uncertainty.small or not spread or survey:
        return Benchmark(label, value, None, None, NO_VERDICT)
    else:  # "märkbar": beyond a quarter of the spread and the rounding of both values (bedomning.md §1)
        similar, method = abs(difference) < max(SIMILAR_SD_FRACTION * spread, 2 * rounding), SPREAD
    direction = "similar" if similar else "higher" if difference > 0 else "lower"
    return Benchmark(label, value, direction, verdict(direction, polarity), method)


def rounding_of(values: pd.Series, indicator: Indicator) -> float:
    """Half the step the source publishes in: 0,5 when every kommun's value is a whole number (Kolada
    gives low economic standard in whole percent), 0,05 for one decimal, and so on; 0 with too few
    values to tell. Two published values may each be off by this much, so no difference within it is
    called one."""
    if len(values) <= 10:
        return 0.0
    for decimals in range(4):
        scaled = values.to_numpy(dtype=float) * 10**decimals
        if (np.abs(scaled - np.round(scaled)) < 1e-6).all():
            return 0.5 / 10**decimals
    return 0.0


def value_at(frame: pd.DataFrame, area: str, year: int, sex: str = "T") -> float | None:
    """One published value, or None when it is missing or suppressed."""
    rows = frame[(frame["area"] == area) & (frame["year"] == year) & (frame["sex"] == sex)]
    value = rows["value"].iloc[0] if len(rows) else np.nan
    return None if pd.isna(value) else float(value)


def latest_year(frame: pd.DataFrame, year: int) -> int | None:
    years = frame.loc[(frame["year"] <= year) & frame["value"].notna(), "year"]
    return int(years.max()) if len(years) else None


SURVEY_LOOKBACK = 1  # years: a survey value with its margin is shown before a newer one without


def judged_year(frame: pd.DataFrame, area: str, shown: int) -> int:
    """For a survey: the latest year, at most ``SURVEY_LOOKBACK`` before ``shown``, in which the area's
    value has an interval, so it can be judged; ``shown`` when there is none."""
    rows = frame[(frame["area"] == area) & (frame["sex"] == "T") & frame["ci_low"].notna()
                 & frame["year"].between(shown - SURVEY_LOOKBACK, shown)]
    return int(rows["year"].max()) if len(rows) else shown


def assess(indicator: Indicator, frame: pd.DataFrame, kommun: Area, year: int, peers: list[Area],
           peer_group: str = "liknande kommuner", populations: Populations | None = None) -> Result:
    """Compare ``kommun`` on one indicator. ``frame`` holds that indicator for all areas;
    ``populations`` gives the denominators for intervals (none without it)."""
    lan = areas.lan_of(kommun)
    rows_of_indicator, frame = frame, published_points(indicator, frame)
    history = _history(frame, kommun, lan, indicator, populations)
    shown = latest_year(frame, year)
    if shown is not None and indicator.is_survey:
        shown = judged_year(frame, kommun.code, shown)
    if shown is None:
        status = ABSENT_STATUS if frame.empty else "missing"
        return Result(indicator, kommun, None, None, status, intervals.NONE, {}, {}, [], None, 0, 0.0, [],
                      pd.Series(dtype=float), history, peer_group)

    # the year's national picture is the same for every kommun: made once, then looked up
    national_year = national.year_of(indicator, rows_of_indicator, frame, shown)
    kommun_values, published = national_year.kommun_values, national_year.published
    own = history[(history["area"] == kommun.code) & (history["sex"] == "T") & (history["year"] == shown)]

    def at(area: str, sex: str = "T") -> float | None:
        return published.get((area, sex))

    value = at(kommun.code)
    status = "" if value is not None else (own["status"].iloc[0] or "missing") if len(own) else "missing"
    uncertainty = intervals.NONE
    if value is not None:
        row = own.iloc[0]
        inhabitants = populations.inhabitants(kommun.code, shown) if populations else None
        people = populations.people(indicator, kommun.code, shown) if populations and indicator.base else None
        uncertainty = intervals.of(indicator, value, row["n"], row["source_low"], row["source_high"], inhabitants,
                                   people)

    peer_values = [(p, at(p.code)) for p in peers]
    known = [v for _, v in peer_values if v is not None]
    spread = national_year.spread
    # a count (inhabitants) is not comparable with the sum for the län or Riket; nor is a kommun's
    # lowest district with the lowest district of the whole län or country, or of other kommuner with
    # more or fewer districts (docs/bedomning.md §6)
    aggregates = indicator.lens not in AREA_SPECIFIC_LENSES
    rounding = rounding_of(kommun_values, indicator)
    benchmarks = [] if indicator.is_count else [
        compare_with(label, bench, value, uncertainty, spread, indicator.polarity, indicator.is_survey,
                     rounding)
        for label, bench in [
            ("riket", at(areas.RIKET) if aggregates else None),
            (lan.name, at(lan.code) if aggregates else None),
            (peer_group, float(np.mean(known)) if known and aggregates else None),
        ]
    ]
    ranks = national_year.ranks
    # a survey without its osäkerhetstal has an unknown sampling error: no place among the kommuner either;
    # nor has a value that depends on how many districts the kommun has (bedomning.md §6)
    unknown = indicator.is_survey and uncertainty.ci is None
    placed = kommun.code in ranks
    position = position_of(ranks[kommun.code], national_year.last_ranks[kommun.code], len(kommun_values)) \
        if placed and not unknown else None
    rank = int(ranks[kommun.code]) if placed and not uncertainty.small and not unknown and aggregates else None
    rank_to = int(national_year.last_ranks[kommun.code]) if rank is not None else None
    sexes = ("K", "M") if indicator.sex_split else ()
    by_sex = {sex: at(kommun.code, sex) for sex in sexes}
    riket_by_sex = {sex: at(areas.RIKET, sex) for sex in sexes}
    median = national_year.median
    imported = national_year.stored.get((kommun.code, "T"), ("", "", ""))[2] == own_values.API_VERSION
    return Result(indicator, kommun, shown, value, status, uncertainty, by_sex, riket_by_sex, benchmarks, rank,
                  len(kommun_values), spread, peer_values, kommun_values, history, peer_group, median, rounding,
                  rank_to=rank_to, imported=imported, position=position)


def _history(frame: pd.DataFrame, kommun: Area, lan: Area, indicator: Indicator,
             populations: Populations | None) -> pd.DataFrame:
    """The kommun by sex, the län and Riket over the years, long format for charts and trends,
    with each value's denominator (``n``) and interval where they can be had."""
    wanted = {(kommun.code, "T"): f"{kommun.name}, totalt", (kommun.code, "K"): "K", (kommun.code, "M"): "M",
              (lan.code, "T"): lan.name, (areas.RIKET, "T"): "Riket", (areas.RIKET, "K"): "Riket K",
              (areas.RIKET, "M"): "Riket M"}
    if indicator.lens in AREA_SPECIFIC_LENSES:
        wanted = {key: series for key, series in wanted.items() if key[0] == kommun.code}
    # the three areas' rows first (one vectorised test), then each row's series by its area and sex
    rows = frame[frame["area"].isin({area for area, _ in wanted})]
    series = [wanted.get(key) for key in zip(rows["area"], rows["sex"], strict=True)]
    rows = rows[np.array([s is not None for s in series], dtype=bool)].assign(
        series=pd.array([s for s in series if s is not None], dtype="str"))
    rows = rows[["year", "series", "area", "sex", "value", "ci_low", "ci_high", "status"]].sort_values("year")
    # the source's own interval (a survey's osäkerhetstal) is kept apart from the effective one
    rows = rows.rename(columns={"ci_low": "source_low", "ci_high": "source_high"}).reset_index(drop=True)
    rows["n"] = [populations.of(indicator, a, int(y), s) if populations else None
                 for a, y, s in zip(rows["area"], rows["year"], rows["sex"], strict=True)]
    rows["n"] = rows["n"].astype(float)
    computed = [intervals.of(indicator, v, n, lo, hi).ci for v, n, lo, hi in
                zip(rows["value"], rows["n"], rows["source_low"], rows["source_high"], strict=True)]
    rows["ci_low"] = [c.lower if c else np.nan for c in computed]
    rows["ci_high"] = [c.upper if c else np.nan for c in computed]
    return rows


def is_suppressed(result: Result) -> bool:
    return result.status == SUPPRESSED


def red_red(result: Result, trend) -> bool:
    """Significantly worse than Riket and getting worse (Fingertips' "red-red")."""
    riket = result.riket
    return bool(riket and riket.method == INTERVAL and riket.verdict == "worse"
                and trend is not None and trend.verdict == "worse")
