import numpy as np
import pandas as pd
import pytest

from jamlik.data import areas, catalog, store
from jamlik.data.denominators import Populations
from jamlik.statistics import compare, trends

KARLSKOGA = areas.kommun("1883")


def frame_for(ind_id, values: dict, year=2025, ci: dict | None = None, status: dict | None = None):
    """A store-shaped frame: ``values`` maps area code -> value; every other kommun gets 10.0."""
    rows = []
    for k in areas.kommuner():
        rows.append((k.code, values.get(k.code, 10.0)))
    for code in ("0018", areas.RIKET):
        rows.append((code, values.get(code, 10.0)))
    frame = pd.DataFrame(rows, columns=["area", "value"])
    frame["indicator"], frame["year"], frame["sex"] = ind_id, year, "T"
    frame["ci_low"] = frame["area"].map(lambda a: (ci or {}).get(a, (np.nan, np.nan))[0])
    frame["ci_high"] = frame["area"].map(lambda a: (ci or {}).get(a, (np.nan, np.nan))[1])
    frame["status"] = frame["area"].map(lambda a: (status or {}).get(a, ""))
    frame["source"], frame["retrieved"], frame["count"] = "test", "2026-11-20", np.nan
    frame["source_url"], frame["api_version"] = "", ""
    return frame[store.COLUMNS]


def spread_values():
    """Kommun values 0..289 so the spread (sd ~ 84) is known."""
    return {k.code: float(i) for i, k in enumerate(areas.kommuner())}


def test_rank_follows_polarity():
    values = pd.Series({"a": 5.0, "b": 9.0, "c": 7.0})
    assert compare.rank_among_kommuner(values, "higher").to_dict() == {"a": 3, "b": 1, "c": 2}
    assert compare.rank_among_kommuner(values, "lower").to_dict() == {"a": 1, "b": 3, "c": 2}
    assert compare.rank_among_kommuner(values, "neutral").to_dict() == {"a": 3, "b": 1, "c": 2}


def test_lower_is_better_and_spread_rule():
    ind = catalog.indicator("barn_lag_ek_standard")  # lower is better
    values = {**spread_values(), KARLSKOGA.code: 100.0, areas.RIKET: 150.0, "0018": 95.0}
    r = compare.assess(ind, frame_for(ind.id, values), KARLSKOGA, 2025, [])
    riket, lan, peers = r.benchmarks
    assert (riket.direction, riket.verdict, riket.method) == ("lower", "better", "spread")
    assert (lan.direction, lan.verdict) == ("similar", "similar")  # 5 < 0.25 * sd
    assert peers.value is None and peers.verdict is None
    assert r.rank == 101 and r.ranked == 290 and r.quartile == 2


def test_neutral_indicator_is_never_better_or_worse():
    ind = catalog.indicator("ensamstaende_foralder")
    values = {**spread_values(), KARLSKOGA.code: 250.0, areas.RIKET: 100.0}
    r = compare.assess(ind, frame_for(ind.id, values), KARLSKOGA, 2025, [])
    assert r.riket.verdict == "higher"
    assert all(b.verdict not in ("better", "worse") for b in r.benchmarks)


def test_interval_rule_for_survey_indicators():
    ind = catalog.indicator("fetma")
    inside = compare.assess(ind, frame_for(ind.id, {KARLSKOGA.code: 18.0, areas.RIKET: 16.5},
                                           ci={KARLSKOGA.code: (16.0, 20.0)}), KARLSKOGA, 2025, [])
    assert inside.riket.method == "interval" and inside.riket.verdict == "similar"
    outside = compare.assess(ind, frame_for(ind.id, {KARLSKOGA.code: 18.0, areas.RIKET: 15.0},
                                            ci={KARLSKOGA.code: (16.0, 20.0)}), KARLSKOGA, 2025, [])
    assert outside.riket.verdict == "worse"


def test_suppressed_value_stays_missing_with_its_reason():
    ind = catalog.indicator("barn_placerade")
    frame = frame_for(ind.id, {KARLSKOGA.code: np.nan}, status={KARLSKOGA.code: store.SUPPRESSED})
    r = compare.assess(ind, frame, KARLSKOGA, 2025, [])
    assert r.value is None and r.status == store.SUPPRESSED and compare.is_suppressed(r)
    assert r.rank is None and all(b.verdict is None for b in r.benchmarks)
    assert r.ranked == 289


def test_latest_year_up_to_report_year():
    ind = catalog.indicator("barn_langtidsarbetslos_foralder")
    frame = pd.concat([frame_for(ind.id, {}, year=2023), frame_for(ind.id, {KARLSKOGA.code: 4.0}, year=2024)])
    assert compare.assess(ind, frame, KARLSKOGA, 2025, []).year == 2024
    assert compare.assess(ind, frame, KARLSKOGA, 2023, []).year == 2023
    none = compare.assess(ind, frame, KARLSKOGA, 2020, [])
    assert none.year is None and none.value is None and none.benchmarks == []


def test_peer_value_is_unweighted_mean_of_peers_with_data():
    ind = catalog.indicator("forskola_1_5")
    peers = [areas.kommun("Degerfors"), areas.kommun("Kumla"), areas.kommun("Nora")]
    frame = frame_for(ind.id, {"1862": 80.0, "1881": 90.0, "1884": np.nan})
    r = compare.assess(ind, frame, KARLSKOGA, 2025, peers, "valda jämförelsekommuner")
    assert r.benchmarks[2].label == "valda jämförelsekommuner"
    assert r.benchmarks[2].value == pytest.approx(85.0)


def test_by_sex_only_for_split_indicators(demo_table):
    ind = catalog.indicator("barn_placerade")
    r = compare.assess(ind, demo_table[demo_table["indicator"] == ind.id], KARLSKOGA, 2025, [])
    assert set(r.by_sex) == {"K", "M"}
    ind = catalog.indicator("forskola_1_5")
    assert compare.assess(ind, demo_table[demo_table["indicator"] == ind.id], KARLSKOGA, 2025, []).by_sex == {}


def history_frame(ind_id, kommun_values: dict, women=None, men=None):
    """A multi-year frame: Karlskoga's totals (and optionally K/M) by year, other kommuner spread."""
    frames = []
    for year, value in kommun_values.items():
        frame = frame_for(ind_id, {**spread_values(), KARLSKOGA.code: value}, year=year)
        frames.append(frame)
        for sex, series in (("K", women), ("M", men)):
            if series:
                extra = frame[frame["area"] == KARLSKOGA.code].assign(sex=sex, value=series[year])
                frames.append(extra)
    return pd.concat(frames, ignore_index=True)


def test_trend_by_the_fallback_rule_improving_and_unchanged():
    lower_is_better = catalog.indicator("barn_lag_ek_standard")
    falling = history_frame(lower_is_better.id, {y: 200.0 - 10 * (y - 2020) for y in range(2020, 2026)})
    t = trends.trend(compare.assess(lower_is_better, falling, KARLSKOGA, 2025, []))
    assert (t.direction, t.verdict, t.method, t.first_year, t.last_year) == ("lower", "better", "spread", 2021, 2025)
    flat = history_frame(lower_is_better.id, {y: 200.0 + (y % 2) for y in range(2020, 2026)})
    assert trends.trend(compare.assess(lower_is_better, flat, KARLSKOGA, 2025, [])).verdict == "similar"
    neutral = catalog.indicator("ensamstaende_foralder")
    rising = history_frame(neutral.id, {y: 100.0 + 10 * (y - 2020) for y in range(2020, 2026)})
    assert trends.trend(compare.assess(neutral, rising, KARLSKOGA, 2025, [])).verdict == "higher"


def test_trend_needs_three_points():
    ind = catalog.indicator("barn_lag_ek_standard")
    short = history_frame(ind.id, {2024: 100.0, 2025: 150.0})
    assert trends.trend(compare.assess(ind, short, KARLSKOGA, 2025, [])) is None


def test_sex_gap_growing_and_shrinking():
    ind = catalog.indicator("barn_placerade")
    years = range(2020, 2026)
    growing = history_frame(ind.id, {y: 100.0 for y in years}, women={y: 100.0 + 10 * (y - 2020) for y in years},
                            men={y: 100.0 for y in years})
    gap = trends.sex_gap(compare.assess(ind, growing, KARLSKOGA, 2025, []))
    assert (gap.gap, gap.earlier_gap, gap.change, gap.earlier_year) == (50.0, 10.0, "growing", 2021)
    shrinking = history_frame(ind.id, {y: 100.0 for y in years}, women={y: 150.0 - 10 * (y - 2020) for y in years},
                              men={y: 100.0 for y in years})
    assert trends.sex_gap(compare.assess(ind, shrinking, KARLSKOGA, 2025, [])).change == "shrinking"
    assert trends.sex_gap(compare.assess(catalog.indicator("forskola_1_5"), growing, KARLSKOGA, 2025, [])) is None


def population_frame(children: float, year=2025) -> pd.DataFrame:
    """Invånare 0–5, 6–15 and 16–19 år for Karlskoga (the denominator of child shares)."""
    parts = {"invanare_0_5": children * 0.3, "invanare_6_15": children * 0.5, "invanare_16_19": children * 0.2}
    frames = [frame_for(ind_id, {KARLSKOGA.code: value}, year=year) for ind_id, value in parts.items()]
    return pd.concat(frames, ignore_index=True)


def test_wilson_interval_decides_against_riket():
    ind = catalog.indicator("barn_lag_ek_standard")  # a share of 0–19 år, lower is better
    frame = frame_for(ind.id, {**spread_values(), KARLSKOGA.code: 20.0, areas.RIKET: 18.0})
    big = compare.assess(ind, frame, KARLSKOGA, 2025, [], populations=Populations(population_frame(10_000)))
    assert big.ci.method == "Wilson" and big.uncertainty.denominator == 10_000
    assert (big.ci.lower, big.ci.upper) == pytest.approx((19.22, 20.80), abs=0.01)
    assert (big.riket.method, big.riket.verdict) == ("interval", "worse")
    small = compare.assess(ind, frame, KARLSKOGA, 2025, [], populations=Populations(population_frame(400)))
    assert small.ci.lower < 18.0 < small.ci.upper  # 80 of 400 children: 2 points is inside the interval
    assert (small.riket.method, small.riket.verdict) == ("interval", "similar")


def test_few_cases_get_no_rank_and_no_fallback_verdict():
    ind = catalog.indicator("barn_lag_ek_standard")
    frame = frame_for(ind.id, {**spread_values(), KARLSKOGA.code: 5.0, areas.RIKET: 150.0})
    r = compare.assess(ind, frame, KARLSKOGA, 2025, [], populations=Populations(population_frame(60)))
    assert r.small_numbers and r.rank is None and r.quartile is None
    assert r.ci is not None and r.riket.method == "interval"  # an interval still judges, honestly wide
    meritvarde = catalog.indicator("meritvarde_ak9")  # a mean: no interval
    tiny = compare.assess(meritvarde, frame_for(meritvarde.id, {**spread_values(), KARLSKOGA.code: 5.0}), KARLSKOGA,
                          2025, [], populations=Populations(frame_for("invanare", {KARLSKOGA.code: 2_400.0})))
    assert tiny.small_numbers and tiny.riket.verdict is None and tiny.riket.method == "none" and tiny.rank is None


def test_median_kommun_beside_riket():
    ind = catalog.indicator("barn_lag_ek_standard")
    r = compare.assess(ind, frame_for(ind.id, spread_values()), KARLSKOGA, 2025, [])
    assert r.median == 144.5


def test_red_red_needs_a_significant_gap_and_a_worsening_trend():
    ind = catalog.indicator("fetma")
    frames = [frame_for(ind.id, {**spread_values(), KARLSKOGA.code: 150.0 + 10 * (y - 2021), areas.RIKET: 100.0},
                        year=y, ci={KARLSKOGA.code: (145.0 + 10 * (y - 2021), 155.0 + 10 * (y - 2021))})
              for y in range(2021, 2026)]
    r = compare.assess(ind, pd.concat(frames), KARLSKOGA, 2025, [])
    t = trends.trend(r)
    # a survey's trend is "märkbar" at most (docs/bedomning.md §3): judged by the spread rule, its ends apart
    assert r.riket.verdict == "worse" and t.verdict == "worse" and t.method == "spread"
    assert compare.red_red(r, t)


def test_counts_are_not_compared_with_lan_or_riket(demo_table):
    ind = catalog.indicator("invanare")
    r = compare.assess(ind, demo_table[demo_table["indicator"] == ind.id], KARLSKOGA, 2025, [])
    assert r.value > 10_000 and r.benchmarks == [] and r.rank is not None


def test_single_kommun_lan_and_no_peers(demo_table):
    gotland = areas.kommun("Gotland")
    assert len(areas.kommuner_in(areas.lan_of(gotland))) == 1
    ind = catalog.indicator("forskola_1_5")
    r = compare.assess(ind, demo_table[demo_table["indicator"] == ind.id], gotland, 2025, [])
    lan = r.benchmarks[1]
    assert lan.label == "Gotlands län" and lan.direction == "similar" and lan.value == r.value
    assert r.benchmarks[2].value is None and r.benchmarks[2].verdict is None


def test_the_published_step_is_read_from_the_values():
    import pandas as pd

    ind = catalog.indicator("barn_lag_ek_standard")
    assert compare.rounding_of(pd.Series([float(v) for v in range(20)]), ind) == 0.5  # whole percent
    assert compare.rounding_of(pd.Series([v / 10 for v in range(20)]), ind) == pytest.approx(0.05)
    assert compare.rounding_of(pd.Series([v / 7 for v in range(20)]), ind) == 0.0  # not a published step
    assert compare.rounding_of(pd.Series([1.0, 2.0]), ind) == 0.0  # too few to tell


def test_the_other_side_of_riket_a_year_before_is_said_only_when_the_interval_then_shows_it():
    """Trelleborg's förskola: "År 2021 var värdet bättre än rikets" for 85,8 % (84,4–87,0) beside Riket's
    85,5 %: only the point values had crossed. §1: "bättre" is säkerställd, in every year."""
    ind = catalog.indicator("barn_lag_ek_standard")  # lower is better
    populations = Populations(pd.concat([population_frame(10_000, 2024), population_frame(10_000, 2025)]))

    def latest_for(before: float) -> trends.Latest:
        frame = pd.concat([frame_for(ind.id, {**spread_values(), KARLSKOGA.code: value, areas.RIKET: 18.0},
                                     year=year) for year, value in ((2024, before), (2025, 20.0))])
        result = compare.assess(ind, frame, KARLSKOGA, 2025, [], populations=populations)
        assert (result.riket.method, result.riket.verdict) == ("interval", "worse")
        return trends.latest(result)

    # a plain bool, as it goes into the notebook's JSON; below Riket's 18 %, but its interval (16,8–18,3) holds it
    assert latest_for(17.5).crossed_riket is False
    assert latest_for(15.0).crossed_riket is True  # 14,3–15,7: säkerställt better then


def test_lay_over_then_under_riket_only_when_each_year_is_beyond_riket_by_its_interval():
    """Vansbro: "låg under riket 2018 men över riket 2022" beside "i nivå med riket" for 2022: a crossing is
    said only when the first and the last year each lie beyond Riket (bedomning.md §1)."""
    ind = catalog.indicator("barn_lag_ek_standard")
    years = range(2021, 2026)
    populations = Populations(pd.concat([population_frame(10_000, y) for y in years]))

    def versus(first: float) -> str:
        values = {y: first + (20.0 - first) * (y - 2021) / 4 for y in years}
        frame = pd.concat([frame_for(ind.id, {**spread_values(), KARLSKOGA.code: v, areas.RIKET: 18.0}, year=y)
                           for y, v in values.items()])
        return trends.trend(compare.assess(ind, frame, KARLSKOGA, 2025, [], populations=populations)).versus_riket

    assert versus(17.3) == "further"  # 2021: 16,6–18,1 holds Riket's 18 %: no side that year
    assert versus(16.0) == "crossed"  # 2021: 15,3–16,7, below Riket; 2025: 19,2–20,8, above it
