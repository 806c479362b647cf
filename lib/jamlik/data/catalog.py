"""The indicator catalog and the themes: data files, not code (data/indicators.csv, themes.csv).

The package's indicators are the rows of ``indicators.csv``. A workspace adds its own in
``params/indikatorer.csv`` (``own_indicators``): ``indicators()`` holds both, the package's first, so
every theme shows its own indicators after the catalog's without a notebook being edited.
"""

import csv
from dataclasses import dataclass
from functools import cache

from jamlik.base.errors import UnknownIndicatorError, UnknownThemeError
from jamlik.base.names import closest, normalize, or_list
from jamlik.base.paths import PACKAGE_DATA
from jamlik.base.text import format_value, year_span
from jamlik.data import areas

POLARITIES = ("higher", "lower", "neutral")
# How the source publishes an indicator: every year; in election years only (Kolada repeats the
# last election's value in the years between); pooled survey periods (irregular years, each
# pooled over several years); or a rolling mean over five years (life expectancy).
PUBLICATIONS = ("yearly", "election", "survey", "rolling_5y")
ROLLING_YEARS = 5
# Kolada's descriptions of U01405, U01411 and U01413: in Uppsala, Sörmland, Värmland, Örebro and
# Västmanland (the CDUST regions) the value is Liv & hälsa's survey of year T; everywhere else it is
# Folkhälsomyndigheten's survey (HLV) pooled over the years T-3 to T.
POOLED_SURVEY_KPIS = frozenset({"U01405", "U01411", "U01413"})
POOLED_SURVEY_YEARS = 4
ONE_YEAR_SURVEY_LAN = frozenset({"0003", "0004", "0017", "0018", "0019"})


@dataclass(frozen=True)
class Indicator:
    id: str
    theme: str
    title: str  # short Swedish title shown in briefings
    source: str  # "kolada"
    source_id: str  # Kolada KPI id, e.g. "N66077"; "" for an indicator derived by ``formula``
    formula: str  # for a derived indicator: an expression over Kolada KPIs, e.g. "N00925-N00923"
    unit: str  # key of text.UNITS
    decimals: int
    polarity: str  # "higher" or "lower" is better, or "neutral"
    sex_split: bool  # the source gives values for women (K) and men (M)
    sex_labels: str  # "kvinnor/män" or "flickor/pojkar"
    sex_gap: bool  # a gap between women and men means something (not for context or parents' indicators)
    crc_articles: str  # articles of barnkonventionen the indicator informs, space separated (see SOURCES.md)
    target_areas: str  # the national public health policy's target areas (1–8, prop. 2017/18:249)
    uncertainty_kpi: str  # paired Kolada "osäkerhetstal" KPI, or ""
    lens: str
    definition: str  # one line of Swedish
    actors: str  # Swedish: who can act on it (the kommun and its usual nämnd, the region, the state)
    publication: str  # one of PUBLICATIONS
    denominator: str  # the population it is a share of: an expression over Kolada KPIs, or ""
    denominator_note: str  # Swedish: where the denominator is an approximation, or why there is none
    snapshot_source: str  # KPIs that make it in the bundled snapshot when its own KPI is lacking
    snapshot_note: str  # Swedish: what that equivalent is, for the definition
    demo_riket_level: float | None
    demo_kommun_low: float | None
    demo_kommun_high: float | None
    demo_sex_gap: float  # women minus men, for the demonstration data only
    demo_last_year: int
    own: bool = False  # added by the workspace (params/indikatorer.csv), not by the package
    credit: str = ""  # an own indicator's source as the strategist names it: "Elevhälsan, Karlskoga kommun"
    # the people a value without a denominator rests on (meritvärde: the year-9 cohort), an expression
    # like ``denominator``: below 150 such a value gets no "märkbar" verdict (docs/bedomning.md §1)
    base: str = ""
    people: str = ""  # what those people are called in a sentence ("elever", "barn"); "" for "personer"

    @property
    def people_noun(self) -> str:
        return self.people or "personer"

    @property
    def kpis(self) -> str:
        """The Kolada KPIs behind the indicator, as a reader sees them: ``N66077``, ``N00925 − N00923``."""
        return self.source_id or self.formula.replace("-", " − ").replace("+", " + ")

    @property
    def articles(self) -> list[int]:
        return [int(a) for a in self.crc_articles.split()]

    @property
    def areas(self) -> list[int]:
        return [int(a) for a in self.target_areas.split()]

    def show(self, value) -> str:
        """A value as every page prints it: ``24,0 %``, ``83,4 år``; ``uppgift saknas`` when missing."""
        return format_value(value, self.unit, self.decimals)

    def period(self, year: int, area: str = "") -> str:
        """The period a value of ``year`` stands for, as a reader should see it: a five-year mean by its
        five years (``2018–2022``), a pooled survey by its four (``2019–2022``), anything else by its year.

        >>> indicator("sjalvskattad_halsa").period(2022, "2083"), indicator("sjalvskattad_halsa").period(2022, "1883")
        ('2019–2022', '2022')
        """
        if self.publication == "rolling_5y":
            return year_span(year - ROLLING_YEARS + 1, year)
        return survey_period(year, area) if self.source_id in POOLED_SURVEY_KPIS else str(year)

    @property
    def is_survey(self) -> bool:
        """A sample survey: its uncertainty is the source's margin (``uncertainty_kpi``), never one
        computed from the population, and without that margin it gets no verdict, rank or trend."""
        return self.publication == "survey"

    @property
    def is_count(self) -> bool:
        """A count (inhabitants): never compared with the län's or Riket's sum."""
        return self.unit == "antal"

    @property
    def shown(self) -> bool:
        """False for indicators kept in the store for later use (denominators, groups)."""
        return bool(self.theme)

    @property
    def female_label(self) -> str:
        return self.sex_labels.split("/")[0]

    @property
    def male_label(self) -> str:
        return self.sex_labels.split("/")[1]


def survey_period(year: int, area: str) -> str:
    """The years behind a kommun's or län's survey value of ``year``: Folkhälsomyndigheten's survey
    pools T-3 to T, Liv & hälsa in the CDUST regions is one year, and Riket's is reported each year."""
    found = areas.all_areas().get(area)
    if found is None or found.kind == "riket" or (found.lan or found.code) in ONE_YEAR_SURVEY_LAN:
        return str(year)
    return year_span(year - POOLED_SURVEY_YEARS + 1, year)


def _optional_float(text: str) -> float | None:
    return float(text) if text else None


def _parse(row: dict) -> Indicator:
    if row["polarity"] not in POLARITIES:
        raise ValueError(f"indicator {row['id']}: polarity {row['polarity']!r} is not one of {POLARITIES}")
    if row["publication"] not in PUBLICATIONS:
        raise ValueError(f"indicator {row['id']}: publication {row['publication']!r} is not one of {PUBLICATIONS}")
    return Indicator(
        **{**row,
           "decimals": int(row["decimals"]),
           "sex_split": row["sex_split"] == "True",
           "sex_gap": row["sex_gap"] == "True",
           "demo_riket_level": _optional_float(row["demo_riket_level"]),
           "demo_kommun_low": _optional_float(row["demo_kommun_low"]),
           "demo_kommun_high": _optional_float(row["demo_kommun_high"]),
           "demo_sex_gap": float(row["demo_sex_gap"] or 0),
           "demo_last_year": int(row["demo_last_year"])})


@dataclass(frozen=True)
class Theme:
    id: str
    number: int
    title: str  # "Ge alla barn en bra start i livet"
    short_title: str
    notebook: str
    peer_area: str  # which of Kolada's "liknande kommuner" groups fits the theme
    also_shows: str  # indicators of other themes this briefing shows too (space separated)

    @property
    def indicators(self) -> list[Indicator]:
        """The theme's own indicators, then those of other themes it shows too (the overview
        shows low economic standard), each compared as in its own theme."""
        own = [i for i in indicators().values() if i.theme == self.id]
        return own + [indicator(i) for i in self.also_shows.split()]


@cache
def package_indicators() -> dict[str, Indicator]:
    """The package's own catalog (``indicators.csv``), whatever the workspace adds."""
    with open(PACKAGE_DATA / "indicators.csv", encoding="utf-8") as f:
        return {row["id"]: _parse(row) for row in csv.DictReader(f)}


def indicators() -> dict[str, Indicator]:
    """The package's indicators, then the workspace's own (``params/indikatorer.csv``), if any."""
    from jamlik.data import own_indicators  # it builds on this module's Indicator

    own, everything = own_indicators.current()
    return everything if own else package_indicators()


@cache
def themes() -> dict[str, Theme]:
    with open(PACKAGE_DATA / "themes.csv", encoding="utf-8") as f:
        return {row["id"]: Theme(**{**row, "number": int(row["number"])}) for row in csv.DictReader(f)}


def _hint(query: str, names: list[str]) -> str:
    suggestions = closest(query, {normalize(n): n for n in names})
    return f" Menade du {or_list(suggestions)}?" if suggestions else ""


def indicator(indicator_id: str) -> Indicator:
    try:
        return indicators()[indicator_id]
    except KeyError:
        hint = _hint(indicator_id, list(indicators()))
        raise UnknownIndicatorError(f"Okänd indikator '{indicator_id}'.{hint} Se 'jamlik indikatorer'.") from None


def theme(theme_id: str) -> Theme:
    key = normalize(theme_id).replace(" ", "_").replace("-", "_")
    for t in themes().values():
        if key in (t.id, normalize(t.short_title).replace(" ", "_"), str(t.number)):
            return t
    raise UnknownThemeError(
        f"Okänt tema '{theme_id}'.{_hint(key, list(themes()))} Teman: {', '.join(themes())}.")


@dataclass(frozen=True)
class GroupGap:
    """A gap between two social groups, each published as its own indicator."""

    id: str
    theme: str
    title: str
    first: str  # indicator id of the reference group
    second: str
    first_label: str
    second_label: str


@cache
def group_gaps() -> dict[str, GroupGap]:
    with open(PACKAGE_DATA / "group_gaps.csv", encoding="utf-8") as f:
        return {row["id"]: GroupGap(**row) for row in csv.DictReader(f)}


def group_gap(gap_id: str) -> GroupGap:
    try:
        return group_gaps()[gap_id]
    except KeyError:
        raise UnknownIndicatorError(f"Okänd gruppjämförelse '{gap_id}'.{_hint(gap_id, list(group_gaps()))}") from None
