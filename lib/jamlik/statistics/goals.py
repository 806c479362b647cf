"""Local goals: a kommun's own target for an indicator, and whether it is being reached.

A goal is set in the kommun's params file under ``mal`` (Swedish keys, as analysts write them)::

    mal:
      barn_lag_ek_standard:
        malvarde: 15          # target value, in the indicator's unit
        ar: 2030              # target year
        namnd: Socialnämnden  # responsible committee
        kommunens_mal: "Alla barn ska ha goda uppväxtvillkor"

Status rule (printed in "Om statistiken" as ``METHOD``): the goal is reached when the latest value
is on the right side of the target (the point estimate; a target inside its interval is said).
Otherwise it is on track when the trend over the indicator's window (``trends``) is a change for
the better, significant by its test ("märkbar" by the spread rule where there is none), and the
straight line fitted to the window's values reaches the target by the target year; else it is not
on track. With no value, or a development that cannot be judged (too few points, few cases), it
cannot be judged.
"""

import datetime
import math
from dataclasses import dataclass

from jamlik.base.errors import JamlikError, ParamsError
from jamlik.base.text import UNITS, and_list, count_of, format_number, format_value, in_words, rounded, year_span
from jamlik.data import catalog
from jamlik.statistics import trends
from jamlik.statistics.compare import SPREAD, Result

KEYS = {"malvarde": "målvärdet i indikatorns enhet", "ar": "målåret", "namnd": "ansvarig nämnd",
        "kommunens_mal": "det mål i kommunens styrning som indikatorn följer"}
REQUIRED = ("malvarde", "ar")
# values an indicator can take, by unit; a target outside them is a typing error
RANGES = {"procent": (0, 100), "per_1000": (0, 1000), "per_100000": (0, 100_000), "ar": (0, 130),
          "dagar": (0, 366), "poang": (0, 340), "km": (0, math.inf)}
LATEST_TARGET_YEAR = 2100

REACHED, ON_TRACK, OFF_TRACK, UNKNOWN = "reached", "on_track", "off_track", "unknown"
STATUS_WORDS = {REACHED: "målet är nått", ON_TRACK: "på väg att nås", OFF_TRACK: "inte på väg",
                UNKNOWN: "kan inte bedömas"}
NO_COMMITTEE = "Nämnd ej angiven"

METHOD = (
    "Mål och uppföljning: målen är kommunens egna, med målvärde, målår och ansvarig nämnd som kommunen har "
    "angett. Ett mål är nått när det senaste värdet når målvärdet (är minst eller högst så stort); ligger "
    "målvärdet inom värdets konfidensintervall sägs det. Annars är målet på väg att nås när utvecklingen "
    "under den bedömda perioden är en förbättring, statistiskt säkerställd med testen ovan (eller märkbar "
    "där inget test finns), och en anpassad rät linje genom periodens värden når målvärdet senast målåret. "
    "Utan en sådan förbättring, eller när takten inte räcker, är målet inte på väg att nås. Med färre än tre "
    "värden, eller få fall, kan målet inte bedömas. Linjen är en framskrivning av takten hittills, ingen "
    "prognos.")


@dataclass(frozen=True)
class Goal:
    indicator: catalog.Indicator
    target: float
    year: int
    committee: str
    aim: str  # the fullmäktige goal the indicator serves

    @property
    def lower_is_better(self) -> bool:
        return self.indicator.polarity == "lower"

    @property
    def decimals(self) -> int:
        """A target is printed as it was decided: 15, not 15,0; 82,5 with its decimal."""
        return 0 if float(self.target).is_integer() else self.indicator.decimals

    @property
    def target_value_text(self) -> str:
        return format_value(self.target, self.indicator.unit, self.decimals)

    @property
    def target_text(self) -> str:
        """``högst 15 % senast 2030``, the target as it was decided"""
        return f"{'högst' if self.lower_is_better else 'minst'} {self.target_value_text} senast {self.year}"

    def left(self, value: float) -> float:
        """How far ``value`` is from the target, in the indicator's unit; 0 when it is reached. The
        value is taken as printed (15,04 shows as 15,0, which reaches "högst 15 %")."""
        shown = rounded(value, self.indicator.decimals)
        return max(0.0, shown - self.target if self.lower_is_better else self.target - shown)

    def met_by(self, value: float) -> bool:
        return self.left(value) == 0


# --- reading goals from params ---------------------------------------------------------------

def this_calendar_year() -> int:
    """Target years are checked against it (a goal for a year gone by is a typing error)."""
    return datetime.date.today().year


def parse(mapping: dict, today: datetime.date | None = None) -> dict[str, Goal]:
    """The goals of a params file's ``mal``, by indicator id; a bad entry raises one clear line
    naming the key (``mal.<indikator>.<nyckel>``)."""
    if not isinstance(mapping, dict):
        raise ParamsError("'mal' ska vara en tabell med ett mål per indikator, som i params/kommuner/exempel.yaml.")
    this_year = today.year if today else this_calendar_year()
    goals = {}
    for key, entry in mapping.items():
        goal = _goal(str(key), entry, this_year)
        goals[goal.indicator.id] = goal
    return goals


def _goal(key: str, entry, this_year: int) -> Goal:
    where = f"mal.{key}"
    try:
        ind = catalog.indicator(key)
    except JamlikError as exc:
        raise ParamsError(f"{where}: {exc}") from None
    if not ind.shown:
        raise ParamsError(f"{where}: '{key}' är en befolkningsuppgift, ingen indikator i briefingarna.")
    if ind.polarity == "neutral":
        raise ParamsError(f"{where}: för {ind.title.lower()} är varken högre eller lägre värde bättre, "
                          "så ett mål kan inte följas upp. Välj en indikator med en riktning.")
    if not isinstance(entry, dict):
        raise ParamsError(f"{where} ska vara en tabell med nycklarna {', '.join(KEYS)}, men är {entry!r}.")
    for name in entry:
        if name not in KEYS:
            raise ParamsError(f"{where}: okänd nyckel '{name}'. Tillåtna: {', '.join(KEYS)}.")
    for name in REQUIRED:
        if entry.get(name) is None:
            raise ParamsError(f"{where}: {KEYS[name]} saknas; ange '{name}'.")
    return Goal(ind, _target(where, ind, entry["malvarde"]), _year(where, entry["ar"], this_year),
                _text(where, entry, "namnd"), _text(where, entry, "kommunens_mal"))


def _target(where: str, ind: catalog.Indicator, value) -> float:
    number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        and abs(value) < 1e15 else math.nan
    if not math.isfinite(number):
        raise ParamsError(f"{where}.malvarde ska vara ett tal (med punkt som decimaltecken), men är {value!r}.")
    low, high = RANGES.get(ind.unit, (-math.inf, math.inf))
    if not low <= number <= high:
        possible = f"från {low}" if high == math.inf else f"{low}–{format_number(high)}"
        raise ParamsError(f"{where}.malvarde {value} kan inte vara ett värde för {ind.title.lower()} "
                          f"(möjliga värden {possible} {UNITS[ind.unit][1]}).")
    return number


def _year(where: str, value, this_year: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParamsError(f"{where}.ar ska vara ett årtal, till exempel 2030, men är {value!r}.")
    if value < this_year:
        raise ParamsError(f"{where}.ar {value} har redan varit; ange ett målår från {this_year}.")
    if value > LATEST_TARGET_YEAR:
        raise ParamsError(f"{where}.ar {value} är inget rimligt målår.")
    return value


def _text(where: str, entry: dict, name: str) -> str:
    value = entry.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ParamsError(f"{where}.{name} ska vara en text inom citattecken, men är {value!r}.")
    return " ".join(value.split())


# --- following a goal up -----------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    goal: Goal
    value: float | None
    value_year: int | None
    status: str  # REACHED, ON_TRACK, OFF_TRACK or UNKNOWN
    reason: str  # Swedish: why, in a few words
    ci: tuple[float, float] | None = None  # the latest value's 95 % interval
    slope: float | None = None  # change per year of the line fitted over the trend window
    projected: float | None = None  # that line's value in the target year
    area: str = ""  # the kommun's code: the period a survey value stands for depends on its region

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def value_text(self) -> str:
        ind = self.goal.indicator
        return ind.show(self.value)

    @property
    def period(self) -> str:
        """The year of the latest value, or the period of a mean over several years: ``2018–2022``."""
        if self.value_year is None:
            return ""
        return self.goal.indicator.period(self.value_year, self.area)

    @property
    def left(self) -> float | None:
        """How far the latest value is from the target, in the indicator's unit (0 when reached)."""
        return None if self.value is None else self.goal.left(self.value)

    @property
    def needed_per_year(self) -> float | None:
        """The yearly change that would reach the target in the target year, from the latest value;
        None when it is reached, or the target year is no later than the latest value's."""
        if self.value is None or self.value_year is None or self.status == REACHED \
                or self.goal.year <= self.value_year:
            return None
        return (self.goal.target - self.value) / (self.goal.year - self.value_year)


def from_row(row: dict) -> Status:
    """A status as a theme's ``<tema>.csv`` row carries it (the kommun's row, with ``goal_*``)."""
    goal = Goal(catalog.indicator(row["indicator"]), float(row["goal_target"]), int(row["goal_year"]),
                row["goal_committee"] or "", row["goal_aim"] or "")
    return Status(goal, row["value"], row["year"], row["goal_status"], row["goal_reason"] or "", area=row["area"])


def follow_up(goal: Goal, result: Result) -> Status:
    """The goal's status from the indicator's latest value, its interval and its trend (see the
    module's rule)."""
    ind = goal.indicator
    if result.value is None:
        return Status(goal, None, None, UNKNOWN, "uppgift saknas")
    ci = (result.ci.lower, result.ci.upper) if result.ci is not None else None
    at = dict(goal=goal, value=result.value, value_year=result.year, ci=ci, area=result.kommun.code)
    if goal.met_by(result.value):
        return Status(**at, status=REACHED, reason=_reached(goal, result.value, ci))
    if result.year >= goal.year:  # the latest value is from the target year or later
        return Status(**at, status=OFF_TRACK, reason=f"målåret {goal.year} har nåtts utan att målvärdet nåtts")
    trend = trends.trend(result)
    if trend is None:
        points = len(trends.window(result))
        why = (f"bara {'ett värde' if points == 1 else count_of(points, 'värde', 'värden')} över tid, "
               "minst tre behövs" if points < trends.MIN_POINTS
               else "få fall eller okänd felmarginal, så utvecklingen bedöms inte")
        return Status(**at, status=UNKNOWN, reason=why)
    slope, projected = _line(result, trend.years, goal.year)
    span = _window_text(result, trend)
    # a change judged by a test is "säkerställd"; by the spread between kommuner only "märkbar"
    sure = "säkerställd" if trend.method != SPREAD else "märkbar"
    at.update(slope=slope, projected=projected)
    if trend.verdict != "better":
        how = f"{sure} försämring" if trend.verdict == "worse" else "ojämn utveckling, ingen säkerställd förbättring" \
            if trend.verdict == trends.UNEVEN else f"ingen {sure} förbättring"
        return Status(**at, status=OFF_TRACK, reason=f"{how} {span}")
    pace = f"i samma takt skulle värdet år {goal.year} bli omkring {ind.show(projected)}"
    if goal.met_by(projected):
        return Status(**at, status=ON_TRACK, reason=f"{sure} förbättring {span}; {pace}")
    return Status(**at, status=OFF_TRACK, reason=f"{sure} förbättring {span}, men {pace}")


def _reached(goal: Goal, value: float, ci: tuple[float, float] | None) -> str:
    ind = goal.indicator
    side = "under" if goal.lower_is_better else "över"
    text = (f"{ind.show(value)} är {side} målvärdet "
            f"{goal.target_value_text}")
    if rounded(value, ind.decimals) == goal.target:  # as printed: 15,04 is "15,0 %"
        text = f"värdet är lika med målvärdet {goal.target_value_text}"
    if ci is not None and ci[0] <= goal.target <= ci[1]:
        text += " men inom felmarginalen (95 % KI " + "–".join(format_number(c, ind.decimals) for c in ci) + ")"
    return text


def _window_text(result: Result, trend: trends.Trend) -> str:
    """``2018–2022``; five-year means by their periods: ``från 2008–2012 till 2018–2022``."""
    first, last = (result.indicator.period(y, result.kommun.code) for y in (trend.first_year, trend.last_year))
    if first == str(trend.first_year):
        return year_span(trend.first_year, trend.last_year)
    return f"från {first} till {last}"


def _line(result: Result, years: list[int], target_year: int) -> tuple[float, float]:
    """The straight line through the window's published values: its change per year, and its value
    in the target year (the trend exists, so the window has at least three values)."""
    slope, intercept = trends.straight_line(trends.window_values(result, years))
    return slope, slope * target_year + intercept


def count_text(kommun: str, statuses: list[str]) -> str:
    """From the statuses' codes: ``Karlskoga följer upp fyra mål. Ett är nått och tre är inte på väg
    att nås.``"""
    phrases = {REACHED: ("är nått", "är nådda"), ON_TRACK: ("är på väg att nås",) * 2,
               OFF_TRACK: ("är inte på väg att nås",) * 2, UNKNOWN: ("kan inte bedömas",) * 2}
    counts = [(n, phrases[key][n > 1]) for key in STATUS_WORDS if (n := statuses.count(key))]
    if len(statuses) == 1:
        return f"{kommun} följer upp ett mål. Det {counts[0][1]}."
    body = and_list([f"{'ett' if n == 1 else in_words(n)} {phrase}" for n, phrase in counts])
    return f"{kommun} följer upp {in_words(len(statuses))} mål. {body[0].upper()}{body[1:]}."


def sentence(status: Status) -> str:
    """One line under an indicator: the goal, the latest value and the status with its reason."""
    goal = status.goal
    owner = f" ({goal.committee})" if goal.committee else ""
    aim = f" Indikatorn följer upp kommunens mål ”{goal.aim}”." if goal.aim else ""
    value = f" Senaste värde {status.value_text} ({status.period})." if status.value is not None else ""
    reason = f": {status.reason}" if status.reason else ""
    return f"Målvärde{owner}: {goal.target_text}.{aim}{value} {status.words.capitalize()}{reason}."
