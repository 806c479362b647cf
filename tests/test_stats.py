"""The statistics against PHEindicatormethods' own worked examples (tests/data/methods, copied from
the package's test tables, version 2.1.0): Wilson, Byar and exact Poisson limits."""

import math

import pandas as pd
import pytest

from jamlik.statistics import stats

from .conftest import TEST_DATA

METHODS = TEST_DATA / "methods"


def _published(name: str) -> pd.DataFrame:
    return pd.read_csv(METHODS / name).dropna(subset=["Numerator", "Denominator"])


@pytest.mark.parametrize("row", _published("wilson_proportions.csv").to_dict("records"), ids=lambda r: r["Area"])
def test_wilson_matches_phe(row):
    for confidence, low, high in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        got = stats.wilson(row["Numerator"], row["Denominator"], confidence, row["multiplier"])
        assert got.method == "Wilson"
        assert got.value == pytest.approx(row["value"], rel=1e-12)
        assert (got.lower, got.upper) == pytest.approx((row[low], row[high]), rel=1e-9)


@pytest.mark.parametrize("row", _published("byar_exact_rates.csv").to_dict("records"), ids=lambda r: r["Area"])
def test_rates_match_phe_exact_below_ten_and_byar_from_ten(row):
    for confidence, low, high in ((0.95, "lower95_0cl", "upper95_0cl"), (0.998, "lower99_8cl", "upper99_8cl")):
        got = stats.rate(row["Numerator"], row["Denominator"], row["multiplier"], confidence)
        assert got.method == row["method"]
        assert (got.value, got.lower, got.upper) == pytest.approx((row["value"], row[low], row[high]), rel=1e-9)


def test_byar_limits_for_counts_match_phe():
    table = pd.read_csv(METHODS / "byar_wilson_limits.csv")
    for row in table[table["method"] == "Byars"].to_dict("records"):
        lower, upper = stats.byar_limits(row["x"], 0.95 if row["confidence"] == "95%" else 0.998)
        expected_lower = 0.0 if math.isnan(row["lowercl"]) else row["lowercl"]
        assert (lower, upper) == pytest.approx((expected_lower, row["uppercl"]), rel=1e-9, abs=1e-12)


def test_exact_poisson_limits_bracket_the_count():
    assert stats.poisson_limits(0) == pytest.approx((0.0, 3.688879), rel=1e-6)  # the textbook 95 % limit for 0
    for count in range(1, 10):
        lower, upper = stats.poisson_limits(count)
        assert lower < count < upper


def test_validation_says_what_is_wrong():
    with pytest.raises(ValueError, match="less than or equal to denominator"):
        stats.wilson(11, 10)
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.wilson(1, 10, confidence=95)


def test_difference_of_proportions_newcombe():
    # Newcombe (1998), example (a): 56/70 against 48/80 gives 0.2000 (0.0524 to 0.3339), method 10
    got = stats.difference_of_proportions(stats.wilson(56, 70), stats.wilson(48, 80))
    assert (round(got.value, 4), round(got.lower, 4), round(got.upper, 4)) == (0.2, 0.0524, 0.3339)


def test_chi_square_trend():
    rising = stats.chi_square_trend([10, 15, 20, 25, 30], [100] * 5, [1, 2, 3, 4, 5])
    assert rising.statistic == pytest.approx(15.625) and rising.p_value < 0.001 and rising.slope > 0
    flat = stats.chi_square_trend([20, 21, 19, 20, 20], [100] * 5, [1, 2, 3, 4, 5])
    assert flat.p_value > 0.5


SII_TESTS = ["default (e.g. life expectancy) - default parameters", "default - testing 99% confidence",
             "default - testing quintiles", "default (e.g. life expectancy) - intercept"]


@pytest.mark.parametrize("description", SII_TESTS)
def test_slope_and_relative_index_match_phe(description):
    table = pd.read_csv(METHODS / "sii_rii.csv")
    for _, group in table[table["TestDescription"] == description].groupby(["Area", "Grouping1", "Grouping2"]):
        group = group.sort_values("Quantile")
        expected = group.dropna(subset=["sii"]).iloc[0]
        confidence = float(expected["Confidence"]) / 100
        got = stats.slope_index(list(group["Value"]), list(group["Population"]), list(group["StandardError"]),
                                confidence, repetitions=20_000)
        assert got.sii.value == pytest.approx(expected["sii"], rel=1e-9)  # the point values are exact
        assert got.rii.value == pytest.approx(expected["rii"], rel=1e-9)
        if pd.isna(expected["sii_lowercl_1"]):  # the quintile test publishes the point values only
            continue
        # PHE's limits come from 100 000 simulations of its own: the same to within simulation error
        assert (got.sii.lower, got.sii.upper) == pytest.approx(
            (expected["sii_lowercl_1"], expected["sii_uppercl_1"]), rel=0.03)
        assert (got.rii.lower, got.rii.upper) == pytest.approx(
            (expected["rii_lowercl_1"], expected["rii_uppercl_1"]), rel=0.01)


def test_an_estimated_cohort_under_150_counts_as_few_and_its_interval_is_approximate():
    from jamlik.data import catalog
    from jamlik.statistics import intervals

    estimated = catalog.indicator("behorighet_yrkesprogram")  # year 9 as a tenth of 6–15-year-olds
    u = intervals.of(estimated, 80.0, 100.0)  # 95 pupils, estimated as 100
    assert u.small and u.approximate and u.ci is not None
    assert not intervals.of(estimated, 80.0, 160.0).small
    known = catalog.indicator("barn_lag_ek_standard")  # all 0–19-year-olds: counted, not estimated
    assert not intervals.of(known, 20.0, 120.0).small and not intervals.of(known, 20.0, 120.0).approximate
