"""Health by education and birth region: each group's value, the gap between the groups at the two
ends, that gap against Riket's, and the slope index of inequality across the education levels.

Method (said in the briefing's "Om statistiken"):

* **Values**: the survey's percentage with the source's 95 % interval. A group whose interval has no
  width (such as 100 % from 100 to 100) had too few answers for an interval: it is shown, but takes
  no part in a gap or an index. Limits beyond 0 or 100 (the source's, for small groups) stop there.
* **The gap**: eftergymnasial minus förgymnasial, and born in Sverige minus born outside Europe
  ("övriga världen"), with its 95 % interval by Newcombe's method from the two groups' intervals
  (MOVER: Zou and Donner 2008).
* **Against Riket**: the gap is *larger* than Riket's (or *smaller*) only when the two gaps' intervals
  do not overlap; otherwise the two cannot be told apart.
* **SII**: the slope index of inequality across förgymnasial, gymnasial and eftergymnasial (Low and
  Low 2004, as PHEindicatormethods computes it): a regression of the groups' values on the midpoint of
  each group's cumulative share of the population, weighted by those shares, fitted from the lowest
  level (0) to the highest (1); its interval by simulation from each group's standard error (the
  interval's half-width over 1,96). The weights are the area's own education distribution: Kolada's
  shares of residents aged 25–64 with at most förgymnasial (N01984) and with eftergymnasial (N01982)
  education; gymnasial is the rest.
"""

from dataclasses import dataclass, field

import pandas as pd

from jamlik.data import areas, catalog
from jamlik.data.health_groups import BREAKDOWNS, SOURCE, Outcome, outcomes, values
from jamlik.statistics import stats

# each breakdown's two ends: (advantaged, disadvantaged) as the gap's first and second group
ENDS = {"utbildning": ("Eftergymnasial", "Förgymnasial"), "fodelseland": ("Sverige", "Övriga världen")}
SHOWN_BREAKDOWNS = ("utbildning", "fodelseland")
ROW_PREFIX = "enkat_"  # a group's row is never taken for the catalog's indicator of the same name
EDUCATION_SHARES = ("forgymnasial_utbildning", "eftergymnasial_utbildning")  # catalog ids of N01984, N01982
Z95 = stats.z_value(0.95)


@dataclass(frozen=True)
class GroupValue:
    group: str
    value: float
    interval: stats.Interval | None  # None: too few answers for an interval
    n: float | None = None


@dataclass(frozen=True)
class Weights:
    year: int
    shares: tuple[float, float, float]  # förgymnasial, gymnasial, eftergymnasial, percent of 25–64


@dataclass(frozen=True)
class GroupGap:
    """One outcome by one breakdown, for one area, year and sex, with Riket's beside it."""

    outcome: Outcome
    breakdown: str
    area: str
    year: int
    sex: str
    groups: list[GroupValue]  # in the breakdown's order
    riket: list[GroupValue]
    gap: stats.Interval | None  # first end minus second end (``ENDS``)
    riket_gap: stats.Interval | None
    versus: str  # "larger", "smaller" or "similar" than Riket's gap in size; "" when either is missing
    sii: stats.Gradient | None = None  # education only
    riket_sii: stats.Gradient | None = None
    weights: Weights | None = None
    riket_weights: Weights | None = None
    by_sex: dict = field(default_factory=dict)  # "K"/"M": the gap among women and among men
    rounding: float = 0.0  # half the step the groups' values are published in (0,5 for whole percent)

    @property
    def sure(self) -> bool:
        """The gap is established: its 95 % interval, widened by the rounding of its two values, excludes
        zero (docs/bedomning.md §4)."""
        return _excludes_zero(self.gap, 2 * self.rounding)

    @property
    def sii_sure(self) -> bool:
        """The SII is established: its 95 % interval, widened by what rounding can move it, excludes zero."""
        return self.sii is not None and _excludes_zero(
            self.sii.sii, stats.sii_rounding(list(self.weights.shares), self.rounding))

    @property
    def disadvantages_lower(self) -> bool:
        return self.gap is not None and against_lower(self.gap.value, self.outcome.polarity)

    @property
    def larger_and_unfair(self) -> bool:
        """Larger than Riket's beyond both intervals, to the disadvantage of the lower group."""
        return self.versus == "larger" and self.disadvantages_lower


def against_lower(gap: float | None, polarity: str) -> bool:
    """A gap (the advantaged end minus the other) that favours the advantaged end: more good health,
    or less ill-health, there. The one rule for the section's and page 2's "larger and unfair"."""
    return bool(gap) and polarity in ("higher", "lower") and (gap > 0) == (polarity == "higher")


def _value(row) -> GroupValue:
    low, high = row.ci_low, row.ci_high
    usable = pd.notna(low) and pd.notna(high) and high > low
    # the source's symmetric limits may pass 0 or 100 for a small group: a share cannot, so they stop there
    interval = stats.Interval(float(row.value), max(0.0, float(low)), min(100.0, float(high)), "Källans 95 % KI") \
        if usable else None
    return GroupValue(str(row.group), float(row.value), interval, None if pd.isna(row.n) else float(row.n))


def group_values(frame: pd.DataFrame, area: str, measure: str, breakdown: str, year: int,
                 sex: str = "T") -> list[GroupValue]:
    rows = frame[(frame["area"] == area) & (frame["measure"] == measure) & (frame["breakdown"] == breakdown)
                 & (frame["year"] == year) & (frame["sex"] == sex)]
    found = {str(r.group): _value(r) for r in rows.itertuples()}
    order = BREAKDOWNS[breakdown] or sorted(found)
    return [found[g] for g in order if g in found]


def gap_of(found: list[GroupValue], breakdown: str) -> stats.Interval | None:
    """The first end minus the second, with Newcombe's (MOVER) interval; None if either lacks one."""
    by_group = {g.group: g for g in found}
    first, second = (by_group.get(g) for g in ENDS[breakdown])
    if first is None or second is None or first.interval is None or second.interval is None:
        return None
    return stats.difference_of_proportions(first.interval, second.interval)


def _excludes_zero(interval: stats.Interval | None, margin: float) -> bool:
    return interval is not None and (interval.lower - margin > 0 or interval.upper + margin < 0)


def rounding_of(found: list[GroupValue]) -> float:
    """0,5 when every value is a whole percent (the bundled survey), else none known."""
    return 0.5 if found and all(float(g.value).is_integer() for g in found) else 0.0


def versus(gap: stats.Interval | None, riket_gap: stats.Interval | None, rounding: float = 0.0,
           sure: bool = True) -> str:
    """The kommun's gap against Riket's (docs/bedomning.md §4): "reversed" when the printed gaps point
    opposite ways (and the kommun's is established), "larger" or "smaller" in size only where the two
    intervals, each widened by the rounding of its values, do not overlap; else "similar"."""
    if gap is None or riket_gap is None:
        return ""
    own, riket = round(gap.value), round(riket_gap.value)
    if own * riket < 0:
        return "reversed" if sure else "similar"
    margin = 2 * rounding
    if gap.upper + margin < riket_gap.lower - margin or gap.lower - margin > riket_gap.upper + margin:
        if abs(own) != abs(riket):
            return "larger" if abs(gap.value) > abs(riket_gap.value) else "smaller"
    return "similar"


def weights_of(data: pd.DataFrame, area: str, year: int) -> Weights | None:
    """The area's education distribution (25–64) in the latest year up to ``year`` with both shares."""
    rows = data[data["indicator"].isin(EDUCATION_SHARES) & (data["area"] == area) & (data["sex"] == "T")
                & (data["year"] <= year) & data["value"].notna()]
    rows = rows[rows["source"] != "demo"] if "source" in rows else rows  # never real answers on invented weights
    wide = rows.pivot_table(index="year", columns="indicator", values="value").dropna()
    if wide.empty or set(wide.columns) != set(EDUCATION_SHARES):
        return None
    latest = int(wide.index.max())
    low, high = (float(wide.loc[latest, i]) for i in EDUCATION_SHARES)
    middle = 100 - low - high
    return Weights(latest, (low, middle, high)) if middle > 0 else None


def sii_of(found: list[GroupValue], weights: Weights | None) -> stats.Gradient | None:
    """The SII across the three education levels, weighted by ``weights``; None without all three."""
    if weights is None or [g.group for g in found] != BREAKDOWNS["utbildning"] \
            or any(g.interval is None for g in found):
        return None
    errors = [(g.interval.upper - g.interval.lower) / (2 * Z95) for g in found]
    return stats.slope_index([g.value for g in found], list(weights.shares), errors)


def survey_year(frame: pd.DataFrame, area: str, year: int) -> int | None:
    """The latest survey year up to the report year with the area's values by education."""
    years = frame.loc[(frame["area"] == area) & (frame["breakdown"] == "utbildning") & (frame["year"] <= year),
                      "year"]
    return int(years.max()) if len(years) else None


def of(frame: pd.DataFrame, area: str, outcome: Outcome, breakdown: str, year: int,
       weights: tuple[Weights | None, Weights | None] = (None, None)) -> GroupGap | None:
    """One outcome by one breakdown for ``area`` in the survey ``year``; None when the area has none.
    ``weights`` (the area's and Riket's education mix) give the SII by education."""
    own = group_values(frame, area, outcome.id, breakdown, year)
    if not own:
        return None
    riket = group_values(frame, areas.RIKET, outcome.id, breakdown, year)
    gap, riket_gap = gap_of(own, breakdown), gap_of(riket, breakdown)
    by_sex = {sex: gap_of(group_values(frame, area, outcome.id, breakdown, year, sex), breakdown)
              for sex in ("K", "M")}
    own_weights, riket_weights = weights if breakdown == "utbildning" else (None, None)
    rounding = rounding_of(own + riket)
    sure = _excludes_zero(gap, 2 * rounding)
    return GroupGap(outcome, breakdown, area, year, "T", own, riket, gap, riket_gap,
                    versus(gap, riket_gap, rounding, sure), sii_of(own, own_weights), sii_of(riket, riket_weights),
                    own_weights, riket_weights, by_sex={s: g for s, g in by_sex.items() if g is not None},
                    rounding=rounding)


@dataclass(frozen=True)
class GroupHealth:
    """Every key outcome by education and by birth region for one area, in its latest survey year."""

    area: str
    year: int | None  # None: no survey by group for the area
    gaps: list[GroupGap]
    sources: list[str]

    @property
    def period(self) -> str:
        """The years behind the kommun's values: the bundled survey, like Kolada's, pools four years
        (Hedemora's "2021" is Kolada's 2018–2021 value); an imported survey is taken at its word."""
        if self.year is None:
            return ""
        bundled = self.sources == [SOURCE]
        return catalog.survey_period(self.year, self.area) if bundled else str(self.year)

    def by(self, breakdown: str) -> list[GroupGap]:
        return [g for g in self.gaps if g.breakdown == breakdown]

    def largest_unfair(self, breakdown: str = "utbildning") -> GroupGap | None:
        """The largest gap that is larger than Riket's beyond both intervals, against the lower group."""
        found = [g for g in self.by(breakdown) if g.larger_and_unfair]
        return max(found, key=lambda g: abs(g.gap.value)) if found else None


def assess(area: str, year: int, data: pd.DataFrame, store_folder=None) -> GroupHealth:
    """The key outcomes for ``area`` (a code) in the latest survey year up to ``year``; ``data`` is the
    store's frame (for the education weights), ``store_folder`` where imported surveys are kept."""
    frame = values(store_folder)
    shown = survey_year(frame, area, year)
    if shown is None:
        return GroupHealth(area, None, [], [])
    frame = frame[(frame["year"] == shown) & frame["area"].isin([area, areas.RIKET])]  # all that is read below
    rows, riket = frame[frame["area"] == area], frame[frame["area"] == areas.RIKET]
    known = [o for o in outcomes().values() if o.key]
    # an imported measure that is none of the known outcomes is shown as given, without a direction
    imported = rows[rows["breakdown"].isin(SHOWN_BREAKDOWNS) & (rows["source"] != SOURCE)]
    others = sorted(set(imported["measure"]) - set(outcomes()))
    shown_outcomes = known + [outcome_for(m) for m in others]
    weights = weights_of(data, area, shown), weights_of(data, areas.RIKET, shown)  # once, not per outcome
    gaps = [g for o in shown_outcomes for b in SHOWN_BREAKDOWNS if (g := of(frame, area, o, b, shown, weights))]
    return GroupHealth(area, shown, gaps, sorted(set(rows["source"]) | set(riket["source"])))


def rows(health: GroupHealth, kommun, theme: str) -> list[dict]:
    """The findings table's rows (``level`` "grupp"): each group's value with its interval for the
    kommun and Riket, then per outcome the gap between the ends and the SII with their intervals, and
    the gap's comparison with Riket's (``gap_versus``)."""
    out = []

    def add(g: GroupGap, area: str, name: str, group: str, value, interval, sex="T", **extra):
        out.append({"theme": theme, "indicator": ROW_PREFIX + g.outcome.id, "kpi": "", "area": area, "area_name": name,
                    "year": g.year, "sex": sex, "value": None if value is None else float(value), "unit": "procent",
                    "source": "enkat", "level": "grupp", "breakdown": g.breakdown, "group": group,
                    "verdict_riket": "none", "verdict_lan": "none", "verdict_peers": "none", "trend": "none",
                    "small_numbers": interval is None, "red_red": False,
                    "ci_low": interval.lower if interval else None, "ci_high": interval.upper if interval else None,
                    "ci_method": interval.method if interval else "none",
                    "period": health.period if area == kommun.code else str(g.year), **extra})

    for g in health.gaps:
        for area, name, found in ((kommun.code, kommun.name, g.groups), (areas.RIKET, "Riket", g.riket)):
            for v in found:
                add(g, area, name, v.group, v.value, v.interval)
        ends = " − ".join(e.lower() for e in ENDS[g.breakdown])
        riket_gap = g.riket_gap.value if g.riket_gap else None
        if g.gap is not None:
            add(g, kommun.code, kommun.name, f"skillnad: {ends}", g.gap.value, g.gap, riket=riket_gap,
                gap_versus=g.versus or "none")
        for sex, gap in g.by_sex.items():
            add(g, kommun.code, kommun.name, f"skillnad: {ends}", gap.value, gap, sex=sex)
        if g.sii is not None:
            add(g, kommun.code, kommun.name, "SII: eftergymnasial − förgymnasial, viktad", g.sii.sii.value, g.sii.sii,
                riket=g.riket_sii.sii.value if g.riket_sii else None)
    return out


def largest_unfair_row(rows: list[dict], breakdown: str = "utbildning") -> dict | None:
    """From the findings table (``rows``): the kommun's largest gap by ``breakdown`` that is larger than
    Riket's beyond both intervals, against the lower group; the same rule as ``GroupGap.larger_and_unfair``."""
    def unfair(r: dict) -> bool:
        return against_lower(r["value"], outcome_of_row(r).polarity)

    gaps = [r for r in _gap_rows(rows, breakdown) if r.get("gap_versus") == "larger" and unfair(r)]
    return max(gaps, key=lambda r: abs(r["value"])) if gaps else None


def _gap_rows(rows: list[dict], breakdown: str) -> list[dict]:
    return [r for r in rows if r.get("level") == "grupp" and r.get("breakdown") == breakdown and r["sex"] == "T"
            and str(r.get("group", "")).startswith("skillnad") and r.get("area") != areas.RIKET]


def gap_row(rows: list[dict], outcome: str, breakdown: str = "utbildning") -> dict | None:
    """The kommun's gap row for one outcome from the findings table, if any."""
    return next((r for r in _gap_rows(rows, breakdown) if r["indicator"] == ROW_PREFIX + outcome), None)


def outcome_for(measure: str) -> Outcome:
    """A known outcome by its id; an imported measure that is none of them, as given, without a direction."""
    return outcomes().get(measure) or Outcome(measure, measure, measure, "neutral", "", True)


def outcome_of_row(row: dict) -> Outcome:
    return outcome_for(row["indicator"].removeprefix(ROW_PREFIX))


def smaller_rows(rows: list[dict], breakdown: str = "utbildning") -> list[dict]:
    """The kommun's gaps by ``breakdown`` that are smaller than Riket's beyond both intervals."""
    return [r for r in _gap_rows(rows, breakdown) if r.get("gap_versus") == "smaller"]


def has_groups(rows: list[dict], breakdown: str = "utbildning") -> bool:
    return any(r.get("level") == "grupp" and r.get("breakdown") == breakdown for r in rows)
