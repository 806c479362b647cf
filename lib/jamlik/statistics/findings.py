"""Findings: every judgement about one kommun and year, made once, in one table.

A ``Finding`` is one indicator's judgements: its comparison (``compare.Result``: value, interval,
verdicts against Riket, the län and the peer group, rank and quartile), its trend with its test and
window, the gap between women and men against Riket's gap, and the status of the kommun's own goal.
``Findings`` makes them for one kommun and year, each once, with the social gradients and the gaps
between groups; ``Findings.rows`` lays them out as the findings table, one row per indicator × area ×
sex (the columns of ``<tema>.csv``).

Every sentence, table, chart, CSV and the council document's page 2 read these, and never judge
again. So the ranking of concerns and strengths lives here too, over rows of the table (a theme's
own or every theme's), and a theme's summary and page 2 name the same concern first:

* **distance**: how much worse than Riket, in standard deviations between kommuner (negative:
  better);
* **concern**: worse than Riket, judged not on few cases: by the interval, by at least a quarter of
  the spread (``MATTERS``) and in the worse half of the kommuner; or, where no interval exists, by
  the named fallback rule. Those judged by the interval come first, then by distance, then by the
  worse quartile;
* **strength**: better than Riket by the interval, by at least ``MATTERS``, in the best quarter of
  the kommuner with every place it shares and not getting worse; the furthest from Riket first.
"""

from dataclasses import dataclass

import pandas as pd

from jamlik.base.text import rounded
from jamlik.data import areas, catalog, own_values, snapshot
from jamlik.data.areas import Area
from jamlik.data.catalog import Indicator
from jamlik.data.denominators import Populations
from jamlik.statistics import compare, goals, gradients, national, trends
from jamlik.statistics.compare import INTERVAL, SPREAD, Result
from jamlik.statistics.goals import Status
from jamlik.statistics.trends import Gap, Trend

# what charts and writing take from here, so that they read findings and never reach for the tests
__all__ = ["Finding", "Findings", "Result", "Status", "Gap", "Trend", "INTERVAL", "SPREAD", "MATTERS"]

MATTERS = 0.25  # in standard deviations between kommuner: smaller differences are not headlined

COLUMNS = ["theme", "indicator", "kpi", "area", "area_name", "year", "sex", "value", "ci_low", "ci_high",
           "n_denominator", "riket", "lan", "peers", "peer_group", "median_kommun", "verdict_riket",
           "verdict_lan", "verdict_peers", "trend", "trend_window", "rank", "ranked", "small_numbers",
           "source", "retrieved"]
EXTRA = ["ci_method", "verdict_method", "trend_method", "trend_p_value", "trend_first", "trend_last", "red_red",
         "trend_versus_riket", "rank_to", "sex_gap", "sex_gap_sure", "sex_gap_riket", "sex_gap_versus",
         "sex_gap_change", "spread", "riket_distance", "previous_year", "previous_value", "crossed_riket",
         "concern_rank", "rii", "rii_low", "rii_high", "unit", "origin", "goal_target", "goal_year", "goal_status",
         "goal_committee", "goal_aim", "goal_reason", "level", "status", "breakdown", "group", "gap_versus",
         "period"]


@dataclass(frozen=True)
class Finding:
    """One indicator's judgements for one kommun and year."""

    result: Result
    window: list[int]  # the trend window's years, shared by the chart's shading, the table and the text
    trend: Trend | None
    sex_gap: Gap | None
    goal: goals.Status | None

    @classmethod
    def of(cls, result: Result, goal: goals.Goal | None = None) -> "Finding":
        """Judge one comparison: its trend window and trend, its gap between women and men, and the
        kommun's own goal for it."""
        return cls(result, trends.window(result), trends.trend(result), trends.sex_gap(result),
                   goals.follow_up(goal, result) if goal else None)

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator

    @property
    def red_red(self) -> bool:
        """Significantly worse than Riket and getting worse (Fingertips' "red-red")."""
        return compare.red_red(self.result, self.trend)

    @property
    def distance(self) -> float:
        """How much worse than Riket, in standard deviations between kommuner (negative: better)."""
        r = self.result
        riket = r.riket.value if r.riket else None
        return signed_distance(r.indicator, r.value, riket, r.spread)


def signed_distance(ind: Indicator, value, riket, spread) -> float:
    if value is None or riket is None or not spread or ind.polarity == "neutral":
        return 0.0
    sign = 1 if ind.polarity == "lower" else -1
    return sign * (value - riket) / spread


class Findings:
    """Every finding for one kommun and year, each made once, on demand.

    Parameters
    ----------
    data : the store's rows (every indicator, area and year)
    kommun : the kommun
    year : the report year: each indicator's latest value up to it
    peers : the kommun's own peer kommuner; empty means Kolada's "liknande kommuner"
    goals : the kommun's own goals by indicator id (``goals.parse``)
    """

    def __init__(self, data: pd.DataFrame, kommun: Area, year: int, peers: list[Area] = (),
                 goals_by_indicator: dict | None = None):
        self.data, self.kommun, self.year = data, kommun, year
        self.lan = areas.lan_of(kommun)
        self.own_peers = list(peers)
        self.goals = goals_by_indicator or {}
        self.populations = Populations(data, [kommun.code, self.lan.code, areas.RIKET])
        self._by_indicator = national.by_indicator(data)  # shared by every kommun's findings
        self._made: dict[str, Finding] = {}
        self._gradients: dict[str, gradients.Comparison | None] = {}

    def indicator_ids(self) -> list[str]:
        """Every indicator the store has rows for."""
        return list(self._by_indicator)

    def rows_of(self, indicator_id: str) -> pd.DataFrame:
        """The store's rows for one indicator, every area and year."""
        return self._by_indicator.get(indicator_id, self.data.iloc[0:0])

    def peer_group(self, ind: Indicator) -> tuple[str, str, list[Area]]:
        """The one peer group of an indicator in every document: (name in sentences, title, members).
        The kommun's own peers when its params name them, else Kolada's "liknande kommuner" for the
        indicator's own theme, so an indicator shown in two themes reads the same in both."""
        if self.own_peers:
            return "valda jämförelsekommuner", "Egna jämförelsekommuner", self.own_peers
        topic = catalog.theme(ind.theme or "oversikt").peer_area
        title, members = areas.peer_group(self.kommun, topic)
        return f"liknande kommuner ({topic})", title, members

    def __getitem__(self, indicator_id: str) -> Finding:
        ind = catalog.indicator(indicator_id)
        if ind.id not in self._made:
            label, _, members = self.peer_group(ind)
            r = compare.assess(ind, self.rows_of(ind.id), self.kommun, self.year, members, label, self.populations)
            self._made[ind.id] = Finding.of(r, self.goals.get(ind.id))
        return self._made[ind.id]

    def gradient(self, gradient_id: str) -> gradients.Comparison | None:
        """A social gradient for the kommun, Riket and the län (simulated limits)."""
        if gradient_id not in self._gradients:
            results = [self[i].result for i in gradients.definition(gradient_id).indicators]
            self._gradients[gradient_id] = gradients.compare(results, self.lan.name)
        return self._gradients[gradient_id]

    def group_gap(self, gap_id: str) -> tuple[Result, Result, Gap | None]:
        """Two groups published as indicators of their own (born in Sweden, abroad) and their gap."""
        g = catalog.group_gap(gap_id)
        first, second = self[g.first].result, self[g.second].result
        return first, second, trends.group_gap(first, second)

    def equity_gaps(self, excluded: set[str] = frozenset()) -> list[tuple[str, Result, Gap]]:
        """Every gap the data hold: women against men wherever such a gap means something, the gaps
        between groups (birth region, the lowest-turnout district) and the income gradients."""
        found = []
        for ind in catalog.indicators().values():
            if ind.shown and ind.sex_gap and ind.id not in excluded:
                f = self[ind.id]
                # only the year shown, with the kommun's value: never an older gap under this year's heading
                if f.sex_gap is not None and f.result.value is not None and f.sex_gap.year == f.result.year:
                    found.append((f"{ind.title}: {ind.female_label} − {ind.male_label}", f.result, f.sex_gap))
        for g in catalog.group_gaps().values():
            first, _, gap = self.group_gap(g.id)
            if gap is not None:
                found.append((f"{g.title}: {g.first_label} − {g.second_label}", first, gap))
        for d in gradients.definitions().values():
            if (c := self.gradient(d.id)) is None:
                continue
            sii, riket = c.own.gradient.sii, c.riket.gradient.sii.value if c.riket else None
            versus = c.versus_riket
            found.append((f"{d.title}: lutningsindex (SII), {d.labels[-1]} − {d.labels[0]}",
                          self[d.indicators[0]].result,
                          Gap(c.own.year, sii.value, c.own.values[-1], c.own.values[0], sii, riket, versus,
                              None, None, None, shown=rounded(sii.value, 1),
                              riket_shown=None if riket is None else rounded(riket, 1))))
        return found

    # --- the findings table ------------------------------------------------------------------

    def rows(self, theme: str, indicator_ids: list[str], gradient_ids: list[str] = ()) -> list[dict]:
        """The findings table: one row per indicator, area and sex, then one per area and gradient."""
        out = []
        for ind_id in indicator_ids:
            out += indicator_rows(self[ind_id], theme, self._by_indicator.get(catalog.indicator(ind_id).id))
        for gradient_id in gradient_ids:
            c = self.gradient(gradient_id)
            if c is not None:
                out += gradient_rows(gradients.definition(gradient_id), theme, self.kommun, c)
        return out


def side_by_side(ind: Indicator, frame: pd.DataFrame, kommuner: list[Area], year: int) -> list[Result]:
    """Each kommun's value on one indicator in the year shown, for the län report's ranking (values
    and benchmarks only: the län report makes no verdict)."""
    return [compare.assess(ind, frame, k, year, []) for k in kommuner]


def _number(x):
    return None if x is None or (isinstance(x, float) and pd.isna(x)) else float(x)


def _provenance(ind: Indicator, stored: pd.DataFrame | None, area: str, year: int | None,
                sex: str) -> tuple[str, str, str]:
    if stored is None or year is None:
        return "", "", ""
    found = national.year_of(ind, stored, compare.published_points(ind, stored), year).stored.get((area, sex))
    if found is None:
        return "", "", ""
    source, retrieved, api_version = found
    origin = "snapshot" if api_version == snapshot.API_VERSION else "egen" if api_version == own_values.API_VERSION \
        else source
    return str(source), str(retrieved)[:10], origin


def indicator_rows(f: Finding, theme: str, stored: pd.DataFrame | None) -> list[dict]:
    """The kommun's row (and its rows for women and men), then the län's and Riket's; the kommun's
    own goal, if any, on its row."""
    r, ind = f.result, f.indicator
    # without the kommun's latest value its row carries no trend and no gap (a chart may still draw them)
    t, gap = (f.trend, f.sex_gap) if r.value is not None else (None, None)
    bench = dict(enumerate(r.benchmarks))
    lan = areas.lan_of(r.kommun)

    def verdict(i: int) -> str:
        b = bench.get(i)
        return b.verdict if b is not None and b.verdict else "none"

    common = {"theme": theme, "indicator": ind.id, "kpi": ind.kpis.replace(" ", ""), "year": r.year,
              "riket": _number(bench[0].value) if 0 in bench else None,
              "lan": _number(bench[1].value) if 1 in bench else None,
              "peers": _number(bench[2].value) if 2 in bench else None, "peer_group": r.peer_group,
              "median_kommun": _number(r.median), "spread": _number(r.spread) if r.year else None, "unit": ind.unit}
    rows = []

    def add(area: str, sex: str, value, uncertainty, **fields) -> None:
        source, retrieved, origin = _provenance(ind, stored, area, r.year, sex)
        ci = uncertainty.ci
        rows.append({**common, "area": area, "area_name": areas.all_areas()[area].name, "sex": sex,
                     "value": _number(value), "ci_low": ci.lower if ci else None, "ci_high": ci.upper if ci else None,
                     "ci_method": (ci.method + (" (ungefärlig nämnare)" if uncertainty.approximate else "")) if ci
                     else "none", "n_denominator": _number(uncertainty.denominator),
                     "source": source, "retrieved": retrieved, "origin": origin,
                     "verdict_riket": "none", "verdict_lan": "none", "verdict_peers": "none", "trend": "none",
                     "trend_window": "", "rank": None, "ranked": None, "rank_to": None,
                     "small_numbers": bool(uncertainty.small),
                     "verdict_method": "none", "trend_method": "none", "trend_p_value": None, "trend_first": None,
                     "trend_last": None, "trend_versus_riket": "", "red_red": False, "sex_gap": None,
                     "sex_gap_sure": False, "previous_year": None, "previous_value": None, "crossed_riket": False,
                     "concern_rank": None, "period": ind.period(r.year, area) if r.year is not None else "",
                     "sex_gap_riket": None, "sex_gap_versus": "", "sex_gap_change": "", "riket_distance": None,
                     **fields})

    add(r.kommun.code, "T", r.value, r.uncertainty,
        verdict_riket=verdict(0), verdict_lan=verdict(1), verdict_peers=verdict(2),
        verdict_method=bench[0].method if 0 in bench else "none",
        trend=t.verdict if t else "none", trend_method=t.method if t else "none",
        trend_p_value=_number(t.p_value) if t else None,
        trend_window=f"{t.first_year}-{t.last_year}" if t else "", rank=r.rank, ranked=r.ranked or None,
        rank_to=r.rank_to,
        red_red=f.red_red, trend_first=_number(t.first_value) if t else None,
        trend_last=_number(t.last_value) if t else None, trend_versus_riket=t.versus_riket or "" if t else "",
        sex_gap=gap.shown if gap else None, sex_gap_riket=_number(gap.riket_shown) if gap else None,
        sex_gap_sure=bool(gap and gap.sure),
        sex_gap_versus=gap.versus_riket or "" if gap else "", sex_gap_change=gap.change or "" if gap else "",
        riket_distance=f.distance if r.value is not None and r.riket else None, **_previous(r),
        **_goal_fields(f.goal))
    for sex in r.by_sex:
        add(r.kommun.code, sex, r.by_sex[sex], r.sex_uncertainty(sex))
    if r.year is not None and not ind.is_count:
        for area in (lan.code, areas.RIKET):
            value = common["lan"] if area == lan.code else common["riket"]
            add(area, "T", value, r.sex_uncertainty("T", area))
    return rows


def _previous(r: Result) -> dict:
    """The kommun's previous published value before the year shown, and whether it has crossed Riket
    since (from one side of Riket's value to the other)."""
    if r.value is None:
        return {}
    own = r.series_rows(f"{r.kommun.name}, totalt")
    own = own[own["year"] < r.year]
    if own.empty:
        return {}
    before = own.iloc[-1]
    year, value = int(before["year"]), float(before["value"])
    riket = r.series_rows("Riket", [year])["value"]
    now = r.riket.value if r.riket else None
    crossed = bool(len(riket) and now is not None and (value - riket.iloc[0]) * (r.value - now) < 0)
    return {"previous_year": year, "previous_value": value, "crossed_riket": crossed}


def _goal_fields(goal: goals.Status | None) -> dict:
    if goal is None:
        return {}
    return {"goal_target": goal.goal.target, "goal_year": goal.goal.year, "goal_status": goal.status,
            "goal_committee": goal.goal.committee, "goal_aim": goal.goal.aim, "goal_reason": goal.reason}


def gradient_rows(d: gradients.GradientDefinition, theme: str, kommun: Area, c: gradients.Comparison) -> list[dict]:
    """One row per area for a social gradient: the SII (in the groups' unit) with its interval as
    value, ci_low and ci_high, the RII beside it."""
    rows = []
    riket, lan = c.riket, c.lan
    for area, g in ((kommun, c.own), (areas.lan_of(kommun), lan), (areas.all_areas()[areas.RIKET], riket)):
        if g is None:
            continue
        sii, rii = g.gradient.sii, g.gradient.rii
        rows.append({"theme": theme, "indicator": d.id, "kpi": "+".join(catalog.indicator(i).kpis
                                                                         for i in d.indicators),
                     "area": area.code, "area_name": area.name, "year": g.year, "sex": "T", "value": sii.value,
                     "ci_low": sii.lower, "ci_high": sii.upper, "ci_method": "SII (simulering)",
                     "riket": riket.gradient.sii.value if riket else None,
                     "lan": lan.gradient.sii.value if lan else None, "small_numbers": False,
                     "rii": rii.value, "rii_low": rii.lower, "rii_high": rii.upper, "unit": "procentenheter",
                     "verdict_riket": "none", "verdict_lan": "none", "verdict_peers": "none", "trend": "none",
                     "source": "kolada", "red_red": False})
    return rows


# --- the ranking of concerns and strengths, over rows of the findings table --------------------

def distance(row: dict) -> float:
    """How much worse than Riket, in standard deviations between kommuner (negative: better)."""
    if row.get("riket_distance") is not None:
        return row["riket_distance"]
    return signed_distance(catalog.indicator(row["indicator"]), row["value"], row["riket"], row["spread"])


def place(row: dict) -> float:
    """0 best … 1 worst among the kommuner; 0,5 without a rank."""
    return (row["rank"] - 1) / max(row["ranked"] - 1, 1) if row["rank"] else 0.5


def quartile(row: dict, place_of_tie: str = "rank") -> int | None:
    """The quarter of the kommuner a row's place is in; ``rank_to`` takes the last place of a tie."""
    rank = row.get(place_of_tie) or row["rank"]
    return None if not rank else min(4, 1 + (4 * (rank - 1)) // row["ranked"])


def _judged(row: dict) -> bool:
    """A kommun's own row that may carry a verdict: an indicator with a better end, not few cases."""
    return (row["value"] is not None and not row.get("level") and row["indicator"] in catalog.indicators()
            and catalog.indicator(row["indicator"]).polarity != "neutral" and not row["small_numbers"])


def is_concern(row: dict) -> bool:
    """Worse than Riket and in the worse half of the kommuner: Riket is pulled by the cities, so a
    kommun can be worse than Riket and still better than most kommuner, which is no concern."""
    if not _judged(row) or row["verdict_riket"] != "worse" or place(row) <= 0.5:
        return False
    if row["verdict_method"] == INTERVAL:
        return distance(row) >= MATTERS
    return row["verdict_method"] == SPREAD


def ranked_concerns(rows: list[dict]) -> list[dict]:
    """The concerns among ``rows`` (kommun rows, sexes together), the most serious first."""
    found = [r for r in rows if r["sex"] == "T" and is_concern(r)]
    return sorted(found, key=lambda r: (r["verdict_method"] != INTERVAL, -distance(r), -(quartile(r) or 0)))


def is_strength(row: dict) -> bool:
    return (_judged(row) and row["verdict_riket"] == "better" and row["verdict_method"] == INTERVAL
            and -distance(row) >= MATTERS and quartile(row, "rank_to") == 1 and row["trend"] != "worse")


def ranked_strengths(rows: list[dict]) -> list[dict]:
    """The strengths among ``rows``, the furthest better than Riket first."""
    return sorted((r for r in rows if r["sex"] == "T" and is_strength(r)), key=distance)


def concern_ranks(rows: list[dict]) -> dict[str, int]:
    """Each concern's place in the whole document (1 = the most serious) from every theme's kommun
    rows; an indicator shown in two themes is ranked once."""
    once = {row["indicator"]: row for row in rows if row["sex"] == "T"}
    return {row["indicator"]: i for i, row in enumerate(ranked_concerns(list(once.values())), start=1)}
