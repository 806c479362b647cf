"""The uncertainty of one published value, by the method that fits the indicator:

* a survey KPI: the source's "osäkerhetstal" (stored as ``ci_low``/``ci_high``);
* a share of a known population (``procent`` with a denominator): Wilson's score interval on the
  number of persons the share implies;
* a rate per 1 000 or 100 000 with a denominator: Poisson limits on the implied number of events,
  exact below 10 events and Byar's from 10;
* anything else (a mean such as meritvärde, a survey without its osäkerhetstal): no interval.

Denominators are often approximations (see the catalog's ``denominator_note``); the interval is
then approximate too, and the briefing says so.
"""

from dataclasses import dataclass

from jamlik.base.text import is_missing
from jamlik.data.catalog import Indicator
from jamlik.statistics import stats

RATE_MULTIPLIERS = {"per_1000": 1_000, "per_100000": 100_000}
SMALL_COUNT = 10  # fewer events (or persons in a share, or persons without it) than this: "få fall"
SMALL_DENOMINATOR = 100
# an estimated denominator (a cohort as a tenth of 6–15-year-olds) may be off by a third: a group
# estimated under 150 may really be under 100, so it counts as few
SMALL_ESTIMATED_DENOMINATOR = 150
SMALL_POPULATION = 5_000  # a kommun this small: its values without an interval are flagged too
# a value without an interval that rests on fewer people gets no verdict from the spread rule: a mean
# merit value of 100 pupils moves by a quarter of the spread between kommuner by chance (bedomning.md §1)
MIN_PEOPLE_MARKED = 150


@dataclass(frozen=True)
class Uncertainty:
    ci: stats.Interval | None  # 95 %
    ci_998: stats.Interval | None  # 99.8 %
    count: float | None  # the number of persons or events the value implies
    denominator: float | None
    small: bool  # few events or a small population: "få fall – tolka försiktigt"
    small_reason: str = ""  # "few" (events or persons), "population" (a small kommun, no interval) or
    # "group" (no interval, and fewer than MIN_PEOPLE_MARKED people behind the value)
    approximate: bool = False  # the denominator is an estimate, so the interval is approximate
    people: float | None = None  # how many people the value rests on, where known


def is_estimated(ind: Indicator) -> bool:
    """The catalog says the denominator is an approximation (``denominator_note``)."""
    return bool(ind.denominator and ind.denominator_note.startswith("Ungefärligt"))


NONE = Uncertainty(None, None, None, None, False)


def of(ind: Indicator, value: float | None, denominator: float | None = None, ci_low: float | None = None,
       ci_high: float | None = None, population: float | None = None, people: float | None = None) -> Uncertainty:
    """The intervals of one value; ``population`` (all inhabitants) flags small kommuner, and ``people``
    (the group the value rests on, ``Populations.people``) small groups, when no interval can be computed."""
    if is_missing(value) or ind.unit == "antal":  # a count of inhabitants has no sampling error to speak of
        return NONE
    small_place = population is not None and population < SMALL_POPULATION
    small_group = people is not None and people < MIN_PEOPLE_MARKED
    place = "population" if small_place else "group" if small_group else ""
    small_place = small_place or small_group
    if not is_missing(ci_low) and not is_missing(ci_high):
        ci_low, ci_high = float(ci_low), float(ci_high)  # plain floats: they reach the CSV by repr
        margin = (ci_high - ci_low) / 2
        wide = margin * stats.z_value(0.998) / stats.z_value(0.95)
        return Uncertainty(stats.Interval(value, ci_low, ci_high, "Osäkerhetstal"),
                           stats.Interval(value, value - wide, value + wide, "Osäkerhetstal"), None, None, False)
    if is_missing(denominator) or denominator <= 0:
        return Uncertainty(None, None, None, None, small_place, place, people=people)
    if ind.unit == "procent":
        if not 0 <= value <= 100:  # e.g. förskola can pass 100 %: children enrolled from elsewhere
            return Uncertainty(None, None, None, denominator, small_place, place, people=denominator)
        count = value / 100 * denominator
        intervals = [stats.wilson(count, denominator, c, 100) for c in (0.95, 0.998)]
        least = SMALL_ESTIMATED_DENOMINATOR if is_estimated(ind) else SMALL_DENOMINATOR
        small = min(count, denominator - count) < SMALL_COUNT or denominator < least
    elif ind.unit in RATE_MULTIPLIERS:
        multiplier = RATE_MULTIPLIERS[ind.unit]
        count = value * denominator / multiplier
        intervals = [stats.rate(count, denominator, multiplier, c) for c in (0.95, 0.998)]
        small = count < SMALL_COUNT
    else:
        return Uncertainty(None, None, None, denominator, small_place, place, people=denominator)
    return Uncertainty(intervals[0], intervals[1], count, denominator, small, "few" if small else "",
                       is_estimated(ind), denominator)
