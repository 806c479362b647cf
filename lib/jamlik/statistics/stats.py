"""Confidence intervals and tests as England's Fingertips computes them (PHEindicatormethods):
small pure functions of plain numbers, each returning the method's name with its result.

References: Wilson EB (1927); Newcombe RG and Altman DG, *Statistics with confidence* (2000);
Breslow NE and Day NE (1987) for Byar's approximation; Armitage P (1955) for the chi-square
test for trend in proportions.

>>> wilson(65, 100)                                  # doctest: +ELLIPSIS
Interval(value=0.65, lower=0.5525..., upper=0.7363..., method='Wilson')
>>> rate(20, 100, 100).method
'Byars'
"""

import math
from dataclasses import dataclass
from statistics import NormalDist

EXACT_BELOW = 10  # Poisson counts below this use exact limits, as Fingertips does


@dataclass(frozen=True)
class Interval:
    value: float
    lower: float
    upper: float
    method: str  # "Wilson", "Byars", "Exact", "Newcombe", "Osäkerhetstal"

    def contains(self, x: float) -> bool:
        return self.lower <= x <= self.upper


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard normal quantile: 1.96 for 95 %, 3.09 for 99.8 %."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95 or 0.998")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _check_counts(numerator: float, denominator: float | None = None) -> None:
    if numerator < 0 or (denominator is not None and denominator <= 0):
        raise ValueError("numerators must be 0 or more and denominators more than 0")
    if denominator is not None and numerator > denominator:
        raise ValueError("numerators must be less than or equal to denominator for a proportion statistic")


def wilson(numerator: float, denominator: float, confidence: float = 0.95, multiplier: float = 1) -> Interval:
    """Wilson score interval for a proportion (Wilson 1927; Newcombe and Altman 2000).

    >>> round(wilson(1, 100).lower, 6), round(wilson(1, 100, 0.998).upper, 6)
    (0.001767, 0.104554)
    """
    _check_counts(numerator, denominator)
    z, n = z_value(confidence), denominator
    p = numerator / n
    centre, half = 2 * n * p + z**2, z * math.sqrt(z**2 + 4 * n * p * (1 - p))
    scale = 2 * (n + z**2)
    return Interval(p * multiplier, max(0.0, (centre - half) / scale) * multiplier,
                    min(1.0, (centre + half) / scale) * multiplier, "Wilson")


def _poisson_cdf(k: int, mean: float) -> float:
    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return total


def _solve(f, low: float, high: float) -> float:
    """The root of a function that rises over [low, high], by bisection (exact to float precision)."""
    for _ in range(200):
        mid = (low + high) / 2
        if f(mid) < 0:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def poisson_limits(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact limits for a Poisson count (Garwood): the means at which the count is just at the
    edge of the distribution's central interval."""
    _check_counts(count)
    alpha = (1 - confidence) / 2
    upper_bound = count + 50 + 20 * math.sqrt(count + 1)
    lower = 0.0 if count == 0 else _solve(lambda m: (1 - _poisson_cdf(count - 1, m)) - alpha, 0.0, upper_bound)
    upper = _solve(lambda m: alpha - _poisson_cdf(count, m), 0.0, upper_bound)
    return lower, upper


def byar_limits(count: float, confidence: float = 0.95) -> tuple[float, float]:
    """Byar's approximation to the exact Poisson limits (Breslow and Day 1987).

    >>> [round(x, 4) for x in byar_limits(65)]
    [50.1632, 82.8491]
    """
    _check_counts(count)
    z = z_value(confidence)
    base = 0.0 if count == 0 else 1 - 1 / (9 * count) - z / (3 * math.sqrt(count))
    lower = count * max(0.0, base) ** 3  # a very small count at high confidence has no lower limit above 0
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return lower, upper


def rate(count: float, denominator: float, multiplier: float = 100_000, confidence: float = 0.95) -> Interval:
    """A rate per ``multiplier`` with Poisson limits: exact below 10 events, Byar's from 10."""
    _check_counts(count)
    if denominator <= 0:
        raise ValueError("denominators must be more than 0")
    exact = count < EXACT_BELOW
    lower, upper = poisson_limits(round(count), confidence) if exact else byar_limits(count, confidence)
    scale = multiplier / denominator
    return Interval(count * scale, lower * scale, upper * scale, "Exact" if exact else "Byars")


def survey(value: float, margin: float) -> Interval:
    """A survey estimate with the source's "osäkerhetstal": the half-width of its 95 % interval."""
    return Interval(value, value - margin, value + margin, "Osäkerhetstal")


def difference_of_proportions(first: Interval, second: Interval) -> Interval:
    """The difference between two independent proportions with Newcombe's hybrid score interval
    (method 10 in Newcombe 1998), from each one's Wilson interval at the same confidence."""
    diff = first.value - second.value
    lower = diff - math.hypot(first.value - first.lower, second.upper - second.value)
    upper = diff + math.hypot(first.upper - first.value, second.value - second.lower)
    return Interval(diff, lower, upper, "Newcombe")


@dataclass(frozen=True)
class TrendTest:
    statistic: float  # chi-square with one degree of freedom
    p_value: float
    slope: float  # the fitted change in the proportion per unit of time (sign gives the direction)
    method: str = "Chi-square test for trend"


def chi_square_trend(numerators: list[float], denominators: list[float], times: list[float]) -> TrendTest:
    """The chi-square test for a linear trend in proportions (Armitage 1955), as Fingertips tests
    the last five points of an indicator.

    >>> round(chi_square_trend([10, 15, 20, 25, 30], [100] * 5, [1, 2, 3, 4, 5]).statistic, 3)
    15.625
    """
    if not len(numerators) == len(denominators) == len(times) >= 2:
        raise ValueError("a trend needs the same number (two or more) of numerators, denominators and times")
    for x, n in zip(numerators, denominators, strict=True):
        _check_counts(x, n)
    total_n, total_x = sum(denominators), sum(numerators)
    p = total_x / total_n
    mean_t = sum(n * t for n, t in zip(denominators, times, strict=True)) / total_n
    sxx = sum(n * (t - mean_t) ** 2 for n, t in zip(denominators, times, strict=True))
    sxy = sum((x - n * p) * (t - mean_t) for x, n, t in zip(numerators, denominators, times, strict=True))
    if sxx == 0 or p in (0, 1):
        return TrendTest(0.0, 1.0, 0.0)
    statistic = sxy**2 / (p * (1 - p) * sxx)
    return TrendTest(statistic, math.erfc(math.sqrt(statistic / 2)), sxy / sxx)


@dataclass(frozen=True)
class Gradient:
    """The slope and relative index of inequality across ordered groups (quintiles, deciles)."""

    sii: Interval  # fitted value at the top minus at the bottom of the distribution, in the value's units
    rii: Interval  # fitted value at the top divided by the fitted value at the bottom
    groups: int


def _fitted_ends(values, midpoints, weights):
    """Weighted least squares of values on the midpoints: (fitted at 0, fitted at 1) per row."""

    w = weights / weights.sum()
    mean_x = (w * midpoints).sum()
    mean_y = (values * w).sum(axis=-1)
    slope = ((values - mean_y[..., None]) * (w * (midpoints - mean_x))).sum(axis=-1) / (
        (w * (midpoints - mean_x) ** 2).sum())
    bottom = mean_y - slope * mean_x
    return bottom, bottom + slope


def sii_rounding(populations: list[float], rounding: float) -> float:
    """How far rounding each group's value by up to ``rounding`` can move the slope index: the SII is
    linear in the values, so at most ``rounding`` times the sum of its weights' absolute values
    (docs/bedomning.md §4). Two SIIs from rounded values are not told apart within twice this.

    >>> round(sii_rounding([100] * 5, 0.5), 4)  # five equal quintiles in whole percent: ±1,5
    1.5
    """
    import numpy as np

    share = np.asarray(populations, dtype=float) / float(sum(populations))
    midpoints = np.cumsum(share) - share / 2
    centred = midpoints - (share * midpoints).sum()
    weights = share * centred / (share * centred**2).sum()
    return float(rounding * np.abs(weights).sum())


def slope_index(values: list[float], populations: list[float], standard_errors: list[float],
                confidence: float = 0.95, repetitions: int = 100_000, seed: int = 20261125) -> Gradient:
    """The slope index of inequality (SII) and relative index (RII), as PHEindicatormethods
    computes them (Low and Low 2004): a regression of the groups' values on the midpoint of each
    group's cumulative population share (group 1 first, at the bottom), weighted by population;
    SII is the fitted difference between the top (1) and the bottom (0), RII their ratio. The
    limits come from simulating each group's value from its standard error (seeded, so a briefing
    always prints the same numbers).

    >>> g = slope_index([60.0, 70.0, 80.0], [100, 100, 100], [1.0, 1.0, 1.0])
    >>> round(g.sii.value, 6), round(g.rii.value, 4)
    (30.0, 1.5455)
    """
    import numpy as np

    if not len(values) == len(populations) == len(standard_errors) >= 2:
        raise ValueError("an inequality index needs two or more groups with values, populations and standard errors")
    if min(populations) <= 0 or min(standard_errors) < 0:
        raise ValueError("populations must be more than 0 and standard errors 0 or more")
    y, pop, se = (np.asarray(x, dtype=float) for x in (values, populations, standard_errors))
    share = pop / pop.sum()
    midpoints = np.cumsum(share) - share / 2
    bottom, top = _fitted_ends(y, midpoints, share)
    draws = np.random.default_rng(seed).normal(y, se, size=(repetitions, len(y)))
    low_draws, high_draws = _fitted_ends(draws, midpoints, share)
    alpha = (1 - confidence) / 2
    sii_limits = np.quantile(high_draws - low_draws, [alpha, 1 - alpha])
    rii_limits = np.quantile(high_draws / low_draws, [alpha, 1 - alpha])
    return Gradient(Interval(float(top - bottom), float(sii_limits[0]), float(sii_limits[1]), "SII"),
                    Interval(float(top / bottom), float(rii_limits[0]), float(rii_limits[1]), "RII"), len(y))
