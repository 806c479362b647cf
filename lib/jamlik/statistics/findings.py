"""Findings: every judgement about one kommun and year, made once, in one table.

A ``Finding`` is one indicator's judgements: its comparison (``compare.Result``: value, interval,
verdicts against Riket, the län and the peer group, rank and quartile), its trend with its test and
window, the gap between women and men against Riket's gap, and the status of the kommun's own goal.
``Findings`` makes them for one kommun and year, each once, with the social gradients and the gaps
between groups; ``Findings.rows`` lays them out as the findings table, one row per indicator × area ×
sex (the columns of ``<tema>.csv``).

Every sentence, table, chart, CSV and the council document's page 2 read these, and never judge
again. The rules are ``docs/bedomning.md``; each is cited by its section. The ranking of concerns and
strengths lives here too, over rows of the table (a theme's own or every theme's), so a theme's
summary and page 2 name the same concern first:

* **certainty** (§1): how sure the verdict against Riket is, one of ``LEVELS``: ``sure`` (by the
  interval and the rounding), ``marked`` (no interval: a quarter of the spread, the rounding and at
  least 150 people), ``similar``, ``unjudged`` (few cases without an interval, an unknown survey
  margin) or ``missing``;
* **distance**: how much worse than Riket, in standard deviations between kommuner (negative: better);
* **position** (§2): where the value lies among the kommuner, 0 the best … 1 the worst, known even
  where few cases remove the printed rank;
* **concern** (§5): worse than Riket, ``sure`` or ``marked``, in the worse half of the kommuner. One
  ranking: ``sure`` first, then the worst tenth, then by distance, then by position;
* **strength** (§5): better than Riket, ``sure``, in the best quarter (a tie's quarter is where most
  of it lies) and not getting worse; the furthest from Riket first.
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
from jamlik.statistics.trends import Gap, Latest, Trend

# what charts and writing take from here, so that they read findings and never reach for the tests
__all__ = ["Finding", "Findings", "Result", "Status", "Gap", "Trend", "Latest", "INTERVAL", "SPREAD", "LEVELS",
           "certainty", "result_certainty", "unjudged_reason"]

# the levels of certainty of a verdict against Riket (docs/bedomning.md §1)
SURE, MARKED, SIMILAR, UNJUDGED, MISSING = "sure", "marked", "similar", "unjudged", "missing"
LEVELS = (SURE, MARKED, SIMILAR, UNJUDGED, MISSING)
WORSE_HALF, WORST_TENTH, BEST_QUARTER = 0.5, 0.9, 1  # positions and the quarter that rank concerns and strengths

COLUMNS = ["theme", "indicator", "kpi", "area", "area_name", "year", "sex", "value", "ci_low", "ci_high",
           "n_denominator", "riket", "lan", "peers", "peer_group", "median_kommun", "verdict_riket",
           "verdict_lan", "verdict_peers", "trend", "trend_window", "rank", "ranked", "small_numbers",
           "source", "retrieved"]
EXTRA = ["ci_method", "verdict_method", "trend_method", "trend_p_value", "trend_first", "trend_last", "red_red",
         "trend_versus_riket", "rank_to", "sex_gap", "sex_gap_sure", "sex_gap_riket", "sex_gap_versus",
         "sex_gap_change", "spread", "riket_distance", "previous_year", "previous_value", "crossed_riket",
         "concern_rank", "rii", "rii_low", "rii_high", "unit", "origin", "goal_target", "goal_year", "goal_status",
         "goal_committee", "goal_aim", "goal_reason", "level", "status", "breakdown", "group", "gap_versus",
         "period", "certainty", "unjudged_reason", "position", "people", "latest_direction", "trend_turned",
         "trend_certainty"]


@dataclass(frozen=True)
class Finding:
    """One indicator's judgements for one kommun and year."""

    result: Result
    window: list[int]  # the trend window's years, shared by the chart's shading, the table and the text
    trend: Trend | None
    sex_gap: Gap | None
    goal: goals.Status | None

    latest: Latest | None = None  # the previous published value and the direction since

    @classmethod
    def of(cls, result: Result, goal: goals.Goal | None = None) -> "Finding":
        """Judge one comparison: its trend window and trend, its gap between women and men, the latest
        change, and the kommun's own goal for it."""
        return cls(result, trends.window(result), trends.trend(result), trends.sex_gap(result),
                   goals.follow_up(goal, result) if goal else None, trends.latest(result))

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator

    @property
    def certainty(self) -> str:
        return result_certainty(self.result)

    @property
    def turned(self) -> bool:
        """The trend and the latest change go opposite ways: the words say both (§3)."""
        return trends.turned(self.trend, self.latest)

    @property
    def red_red(self) -> bool:
        """Worse than Riket by the interval and getting worse, the latest change included (Fingertips'
        "red-red"; §3: "på väg åt fel håll" needs the test and the latest change to agree)."""
        return compare.red_red(self.result, self.trend) and trends.agrees(self.trend, self.latest)

    @property
    def distance(self) -> float:
        """How much worse than Riket, in standard deviations between kommuner (negative: better)."""
        r = self.result
        riket = r.riket.value if r.riket else None
        return signed_distance(r.indicator, r.value, riket, r.spread)


def certainty(value, verdict: str | None, method: str | None) -> str:
    """The level of a verdict (docs/bedomning.md §1) from the value, the verdict and how it was reached."""
    if value is None:
        return MISSING
    if verdict in (None, "none", ""):
        return UNJUDGED
    if verdict == "similar":
        return SIMILAR
    return SURE if method == INTERVAL else MARKED


def unjudged_reason(r: Result) -> str:
    """Why a value gets no verdict against Riket: "area" (its Riket is not of the same kind), "survey" (the
    survey's margin is unknown), or the few cases' reason ("few", "population", "group"); "" otherwise."""
    if r.indicator.lens in compare.AREA_SPECIFIC_LENSES:
        return "area"
    if r.indicator.is_survey and r.ci is None:
        return "survey"
    return r.uncertainty.small_reason or ("few" if r.small_numbers else "")


def result_certainty(r: Result, benchmark: int = 0) -> str:
    """The level of a comparison's verdict against Riket (``benchmark`` 0), the län (1) or the peers (2)."""
    b = r.benchmarks[benchmark] if len(r.benchmarks) > benchmark else None
    return certainty(r.value, b.verdict if b else None, b.method if b else None)


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


SHARED = 2  # kommuner whose findings a process keeps: a batch kernel runs one kommun's notebooks in a row
_shared: list[tuple[tuple, tuple, Findings]] = []


def shared(data: pd.DataFrame, kommun: Area, year: int, peers: list[Area] = (),
           goals_by_indicator: dict | None = None) -> Findings:
    """The kommun's ``Findings`` for every notebook of it that a process runs in a row: a batch kernel runs
    a kommun's themes one after the other, and the overview shows every theme's standing, so without this
    each of those judgements would be made twice. Made anew when anything they are made from differs: the
    store's frame and the catalog (by identity: both are shared and read-only, and a changed file is read
    into a new one), the kommun, the year, the peers or the goals."""
    goals_by_indicator = goals_by_indicator or {}
    key = (kommun.code, int(year), tuple(p.code for p in peers), tuple(sorted(goals_by_indicator.items())))
    sources = (data, catalog.indicators())  # held, so that their ids cannot be reused
    for made_key, made_from, made in _shared:
        if made_key == key and all(a is b for a, b in zip(made_from, sources, strict=True)):
            return made
    made = Findings(data, kommun, year, peers, goals_by_indicator)
    _shared.insert(0, (key, sources, made))
    del _shared[SHARED:]
    return made


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
                     "certainty": "", "unjudged_reason": "", "position": None, "people": None, "latest_direction": "",
                     "trend_turned": False, "trend_certainty": "", **fields})

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
        riket_distance=f.distance if r.value is not None and r.riket else None, **_previous(f),
        certainty=f.certainty, unjudged_reason=unjudged_reason(r), position=r.position,
        people=_number(r.uncertainty.people),
        trend_turned=f.turned, trend_certainty=_trend_certainty(t), **_goal_fields(f.goal))
    for sex in r.by_sex:
        add(r.kommun.code, sex, r.by_sex[sex], r.sex_uncertainty(sex))
    if r.year is not None and not ind.is_count:
        for area in (lan.code, areas.RIKET):
            value = common["lan"] if area == lan.code else common["riket"]
            add(area, "T", value, r.sex_uncertainty("T", area))
    return rows


def _previous(f: Finding) -> dict:
    """The kommun's previous published value before the year shown, the direction since as printed, and
    whether it has crossed Riket since (from one side of Riket's value to the other)."""
    last = f.latest
    if last is None:
        return {}
    return {"previous_year": last.year, "previous_value": last.value, "latest_direction": last.direction,
            "crossed_riket": last.crossed_riket}


def _trend_certainty(t: Trend | None) -> str:
    """A trend by the chi-square test is ``sure``; by the spread rule (surveys, means, life expectancy) at
    most ``marked`` (§3)."""
    if t is None or t.direction not in ("higher", "lower"):
        return ""
    return SURE if t.method == trends.CHI_SQUARE else MARKED


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


# --- the ranking of concerns and strengths, over rows of the findings table (docs/bedomning.md §5) ------

def distance(row: dict) -> float:
    """How much worse than Riket, in standard deviations between kommuner (negative: better)."""
    if row.get("riket_distance") is not None:
        return row["riket_distance"]
    return signed_distance(catalog.indicator(row["indicator"]), row["value"], row["riket"], row["spread"])


def position(row: dict) -> float:
    """0 best … 1 worst among the kommuner, a tie at its middle (§2); 0,5 when unknown."""
    if row.get("position") is not None:
        return row["position"]
    if row.get("rank"):
        return compare.position_of(row["rank"], row.get("rank_to") or row["rank"], row["ranked"])
    return 0.5


place = position  # the name earlier callers use


def quartile(row: dict) -> int | None:
    """The quarter of the kommuner a row is in; a tie's is where most of it lies (§5). Without a printed
    rank (few cases), the quarter of its position."""
    if row.get("rank"):
        return compare.quartile_of(row["rank"], row.get("rank_to"), row["ranked"])
    return None if row.get("position") is None else min(4, 1 + int(4 * row["position"]))


def row_certainty(row: dict) -> str:
    return row.get("certainty") or certainty(row["value"], row["verdict_riket"], row["verdict_method"])


def _judged(row: dict) -> bool:
    """A kommun's own row that may carry a verdict: an indicator with a better end (few cases remove a
    rank and a spread verdict, never an interval verdict: §2)."""
    return (row["value"] is not None and not row.get("level") and row["indicator"] in catalog.indicators()
            and catalog.indicator(row["indicator"]).polarity != "neutral")


def is_concern(row: dict) -> bool:
    """Worse than Riket, sure or marked, and in the worse half of the kommuner: Riket is pulled by the
    cities, so a kommun can be worse than Riket and still better than most kommuner, which is no concern."""
    return (_judged(row) and row["verdict_riket"] == "worse" and row_certainty(row) in (SURE, MARKED)
            and position(row) > WORSE_HALF)


def seriousness(row: dict) -> tuple:
    """The one ranking's key: sure before marked, the worst tenth first, then the furthest from Riket."""
    return row_certainty(row) != SURE, position(row) < WORST_TENTH, -distance(row), -position(row)


def ranked_concerns(rows: list[dict]) -> list[dict]:
    """The concerns among ``rows`` (kommun rows, sexes together), the most serious first."""
    return sorted((r for r in rows if r["sex"] == "T" and is_concern(r)), key=seriousness)


def is_strength(row: dict) -> bool:
    """Better than Riket, sure, in the best quarter and not getting worse."""
    return (_judged(row) and row["verdict_riket"] == "better" and row_certainty(row) == SURE
            and quartile(row) == BEST_QUARTER and row["trend"] != "worse")


def ranked_strengths(rows: list[dict]) -> list[dict]:
    """The strengths among ``rows``, the furthest better than Riket first."""
    return sorted((r for r in rows if r["sex"] == "T" and is_strength(r)), key=distance)


def concern_ranks(rows: list[dict]) -> dict[str, int]:
    """Each concern's place in the whole document (1 = the most serious) from every theme's kommun
    rows; an indicator shown in two themes is ranked once."""
    once = {row["indicator"]: row for row in rows if row["sex"] == "T"}
    return {row["indicator"]: i for i, row in enumerate(ranked_concerns(list(once.values())), start=1)}
