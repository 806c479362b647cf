import datetime
import math

import pytest

from jamlik.base import text

NBSP = "\u00a0"


@pytest.mark.parametrize("value, decimals, expected", [
    (17.25, 1, "17,3"), (17.35, 1, "17,4"), (0.05, 1, "0,1"), (1234, 0, f"1{NBSP}234"),
    (10785099, 0, f"10{NBSP}785{NBSP}099"), (-3.25, 1, "-3,3"), (2.0, 1, "2,0"),
])
def test_format_number_swedish_half_up(value, decimals, expected):
    assert text.format_number(value, decimals) == expected


def test_format_number_agrees_with_babels_swedish_locale():
    """The fast formatter gives exactly what Babel's sv_SE pattern gives for rounded values."""
    import random
    from decimal import ROUND_HALF_UP, Decimal

    from babel.numbers import format_decimal

    rng = random.Random(7)
    values = [0, -0.04, 999.95, -999.95, 1e9] + [rng.uniform(-1e7, 1e7) for _ in range(300)] \
        + [rng.uniform(-2, 2) for _ in range(300)]
    for value in values:
        for decimals in range(4):
            rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            expected = format_decimal(rounded, format=pattern, locale="sv_SE", decimal_quantization=False)
            assert text.format_number(value, decimals) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (12.3, "procent", f"12,3{NBSP}%"), (84.05, "ar", f"84,1{NBSP}år"), (15.1, "per_1000", f"15,1{NBSP}per 1{NBSP}000"),
    (1018, "per_100000", f"1{NBSP}018,0{NBSP}per 100{NBSP}000"),
])
def test_format_value_with_unit(value, unit, expected):
    assert text.format_value(value, unit, 1) == expected


@pytest.mark.parametrize("missing", [None, math.nan, float("nan")])
def test_missing_is_uppgift_saknas(missing):
    assert text.format_value(missing, "procent", 1) == "uppgift saknas"


def test_dates_and_spans():
    assert text.format_day(datetime.date(2026, 11, 23)) == "23 november 2026"
    assert text.year_span(2015, 2025) == "2015–2025"
    assert text.and_list(["a", "b", "c"]) == "a, b och c"
    assert text.lower_first("Barn i familjer") == "barn i familjer"
    assert text.lower_first("MPR-vaccinerade") == "MPR-vaccinerade"
