"""Local goals: a kommun's own target for an indicator, and whether it is being reached.

A goal is set in the kommun's params file under ``mal`` (Swedish keys, as analysts write them)::

    mal:
      barn_lag_ek_standard:
        malvarde: 15          # target value, in the indicator's unit
        ar: 2030              # target year
        namnd: Socialnämnden  # responsible committee
        kommunens_mal: "Alla barn ska ha goda uppväxtvillkor"

Status rule (printed in "Om statistiken" as ``METHOD``): the goal is reached when the latest value
is on the right side of the target. Otherwise it is on track when the trend over the indicator's
window (``trends``) is a change for the better that survives its test, and the straight line
fitted to the window's values reaches the target by the target year; else it is not on track. With
no value, or a development that cannot be judged (too few points, few cases), it cannot be judged.
"""

import datetime
import math
from dataclasses import dataclass

import numpy as np

from . import catalog, trends
from .compare import ROLLING_YEARS, Result
from .errors import JamlikError, ParamsError
from .text import and_list, count_of, format_value, year_span

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
    "Mål och uppföljning: ett mål är nått när det senaste värdet ligger på rätt sida om målvärdet. Annars är "
    "målet på väg att nås när utvecklingen över den bedömda perioden är en förbättring som håller för "
    "testet ovan och en rät linje genom periodens värden når målvärdet senast målåret; annars är det inte på "
    "väg. Utan värde, eller när utvecklingen inte kan bedömas (färre än tre värden, få fall), kan målet inte "
    "bedömas. Målen är kommunens egna, ur kommunens inställningar (params).")


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
    def target_text(self) -> str:
        """``högst 15,0 % till 2030``"""
        ind = self.indicator
        bound = "högst" if self.lower_is_better else "minst"
        return f"{bound} {format_value(self.target, ind.unit, ind.decimals)} till {self.year}"

    def met_by(self, value: float) -> bool:
        return value <= self.target if self.lower_is_better else value >= self.target


# --- reading goals from params ---------------------------------------------------------------

def parse(mapping: dict, today: datetime.date | None = None) -> dict[str, Goal]:
    """The goals of a params file's ``mal``, by indicator id; a bad entry raises one clear line
    naming the key (``mal.<indikator>.<nyckel>``)."""
    if not isinstance(mapping, dict):
        raise ParamsError("'mal' ska vara en tabell med ett mål per indikator, som i params/kommuner/exempel.yaml.")
    this_year = (today or datetime.date.today()).year
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
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ParamsError(f"{where}.malvarde ska vara ett tal (med punkt som decimaltecken), men är {value!r}.")
    low, high = RANGES.get(ind.unit, (-math.inf, math.inf))
    if not low <= value <= high:
        unit = "procent" if ind.unit == "procent" else ind.unit
        raise ParamsError(f"{where}.malvarde {value} kan inte vara ett värde för {ind.title.lower()} "
                          f"(möjliga värden {low}–{high} {unit}).".replace("–inf", " och uppåt"))
    return float(value)


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
    projected: float | None = None  # the fitted line's value in the target year
    near: bool = False  # the target lies within the latest value's 95 % interval

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def value_text(self) -> str:
        ind = self.goal.indicator
        return format_value(self.value, ind.unit, ind.decimals)


def follow_up(goal: Goal, result: Result) -> Status:
    """The goal's status from the indicator's latest value, its interval and its trend."""
    ind = goal.indicator
    if result.value is None:
        return Status(goal, None, None, UNKNOWN, "uppgift saknas")
    ci = result.ci
    near = ci is not None and ci.lower <= goal.target <= ci.upper
    at = (goal, result.value, result.year)
    if goal.met_by(result.value):
        reason = "men målvärdet ligger inom felmarginalen" if near else ""
        return Status(*at, REACHED, reason, near=near)
    trend = trends.trend(result)
    if trend is None:
        points = len(trends.window(result))
        why = (f"bara {'ett värde' if points == 1 else count_of(points, 'värde', 'värden')} över tid, "
               "minst tre behövs" if points < trends.MIN_POINTS
               else "få fall eller okänd felmarginal, så utvecklingen bedöms inte")
        return Status(*at, UNKNOWN, why, near=near)
    projected = _projected(result, trend.years, goal.year)
    span = _window_text(result, trend)
    if trend.verdict != "better":
        how = "blir sämre" if trend.verdict == "worse" else "ingen säker förbättring"
        return Status(*at, OFF_TRACK, f"{how} {span}", projected, near)
    if projected is not None and goal.met_by(projected):
        return Status(*at, ON_TRACK, f"förbättring {span} som räcker i samma takt", projected, near)
    shortfall = (f"i samma takt blir värdet {format_value(projected, ind.unit, ind.decimals)} vid målåret {goal.year}"
                 if projected is not None else "takten kan inte räknas fram")
    return Status(*at, OFF_TRACK, f"förbättring {span}, men {shortfall}", projected, near)


def _window_text(result: Result, trend: trends.Trend) -> str:
    """``2018–2022``; five-year means by their periods: ``från 2008–2012 till 2018–2022``."""
    if result.indicator.publication != "rolling_5y":
        return year_span(trend.first_year, trend.last_year)
    first, last = (year_span(y - ROLLING_YEARS + 1, y) for y in (trend.first_year, trend.last_year))
    return f"från {first} till {last}"


def _projected(result: Result, years: list[int], target_year: int) -> float | None:
    """The straight line through the window's published values, read off at the target year."""
    rows = trends.window_values(result, years)
    if len(rows) < trends.MIN_POINTS:
        return None
    slope, intercept = np.polyfit(rows.index.to_numpy(dtype=float), rows.to_numpy(dtype=float), 1)
    return float(slope * target_year + intercept)


def count_text(statuses: list[Status]) -> str:
    """``3 mål: 1 nått, 1 på väg att nås och 1 inte på väg``"""
    words = {REACHED: "nått", **{k: v for k, v in STATUS_WORDS.items() if k != REACHED}}
    parts = [f"{n} {words[key]}" for key in STATUS_WORDS if (n := sum(s.status == key for s in statuses))]
    return f"{len(statuses)} mål: " + and_list(parts)


def sentence(status: Status) -> str:
    """One line under an indicator: the goal, the latest value and the status with its reason."""
    goal = status.goal
    owner = f" ({goal.committee})" if goal.committee else ""
    aim = f" för kommunens mål ”{goal.aim}”" if goal.aim else ""
    value = f" Senaste värde {status.value_text} ({status.value_year})." if status.value is not None else ""
    reason = f": {status.reason}" if status.reason else ""
    return f"Mål{owner}: {goal.target_text}{aim}.{value} {status.words.capitalize()}{reason}."
