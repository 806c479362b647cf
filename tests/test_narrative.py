"""Golden sentences: fixed inputs, pinned Swedish output."""

import numpy as np
import pandas as pd

from jamlik.base.text import in_words
from jamlik.data import areas, catalog, store
from jamlik.statistics import compare, findings
from jamlik.statistics.findings import Finding
from jamlik.writing import narrative

from .test_compare import KARLSKOGA, frame_for, spread_values

NBSP = "\u00a0"


def result(ind_id, values, **kw):
    return compare.assess(catalog.indicator(ind_id), frame_for(ind_id, values, **kw), KARLSKOGA, 2025, [])


def test_sentence_with_mixed_directions_by_the_named_fallback_rule():
    values = {**spread_values(), KARLSKOGA.code: 100.0, areas.RIKET: 150.0, "0018": 95.0}
    text = narrative.indicator_text(Finding.of(result("barn_lag_ek_standard", values)), 2025)
    assert text == (
        f"År 2025 var andelen 100,0{NBSP}% i Karlskoga, märkbart bättre än riket (150,0{NBSP}%) men i nivå med "
        f"Örebro län (95,0{NBSP}%) (osäkerheten kan inte beräknas). Skillnaderna bedöms mot spridningen mellan "
        f"kommunerna (en fjärdedel av standardavvikelsen och mer än källans avrundning). I hälften av kommunerna är "
        f"andelen lägre än 143,5{NBSP}%. Karlskoga har delad plats 101–102 av 290 kommuner (plats 1 = bäst, "
        "lägst andel), i den näst bästa fjärdedelen. "
        "Utvecklingen kan inte bedömas: det finns färre än tre publicerade värden.")
    assert "statistiskt säkerställd" not in text


def test_sentence_for_a_neutral_indicator_with_three_benchmarks_in_one_direction():
    values = {**spread_values(), KARLSKOGA.code: 280.0, areas.RIKET: 100.0, "0018": 120.0}
    r = compare.assess(catalog.indicator("ensamstaende_foralder"),
                       frame_for("ensamstaende_foralder", values), KARLSKOGA, 2025, [areas.kommun("Kumla")])
    assert narrative.comparison_phrase(r) == (
        f"märkbart högre än riket (100,0{NBSP}%), Örebro län (120,0{NBSP}%) och liknande kommuner "
        f"({r.benchmarks[2].value:.1f}{NBSP}%) (osäkerheten kan inte beräknas)".replace(".", ","))
    assert "plats 1 = högst andel" in narrative.indicator_text(Finding.of(r), 2025)
    assert "bäst" not in narrative.indicator_text(Finding.of(r), 2025)


def test_interval_hedge():
    r = result("fetma", {KARLSKOGA.code: 18.0, areas.RIKET: 16.5}, ci={KARLSKOGA.code: (16.0, 20.0)})
    text = narrative.indicator_text(Finding.of(r), 2025)
    assert text.startswith(f"År 2025 var andelen 18,0{NBSP}% i Karlskoga (95 % konfidensintervall "
                           f"16,0–20,0{NBSP}%), i nivå med riket (16,5{NBSP}%) men sämre än Örebro län")
    assert "ryms inom" not in text and "statistiskt säkerställd" not in text
    assert "Uppdelat på kön" not in text  # no values for women and men: nothing to say
    outside = result("fetma", {KARLSKOGA.code: 18.0, areas.RIKET: 15.0}, ci={KARLSKOGA.code: (16.0, 20.0)})
    assert f"sämre än riket (15,0{NBSP}%)" in narrative.indicator_text(Finding.of(outside), 2025)


def test_i_niva_med_names_the_rounding_when_the_reference_is_outside_the_printed_interval():
    # Kolada's whole percent: Riket 15,6 lies outside 16,0–20,0 but within the half point of rounding
    r = result("fetma", {KARLSKOGA.code: 18.0, areas.RIKET: 15.6}, ci={KARLSKOGA.code: (16.0, 20.0)})
    r.rounding = 0.5
    r.benchmarks[0] = compare.compare_with("riket", 15.6, 18.0, r.uncertainty, r.spread, "lower", True, 0.5)
    assert r.riket.direction == "similar"
    assert f"i nivå med riket (15,6{NBSP}%, med källans avrundning inräknad)" in narrative.comparison_phrase(r)
    assert narrative.verdict_marker(r) == "● i nivå med, med avrundningen"  # the table's cell says it too
    inside = result("fetma", {KARLSKOGA.code: 18.0, areas.RIKET: 16.5}, ci={KARLSKOGA.code: (16.0, 20.0)})
    assert "avrundning" not in narrative.comparison_phrase(inside)
    assert narrative.verdict_marker(inside) == "● i nivå med"


def test_suppressed_value_sentence():
    r = result("barn_placerade", {KARLSKOGA.code: np.nan}, status={KARLSKOGA.code: store.SUPPRESSED})
    assert narrative.indicator_text(Finding.of(r), 2025) == (
        "Uppgift saknas för Karlskoga 2025 (för få personer för att redovisas).")


def test_no_data_up_to_year_sentence():
    r = compare.assess(catalog.indicator("forskola_1_5"), frame_for("forskola_1_5", {}, year=2025),
                       KARLSKOGA, 2020, [])
    assert narrative.indicator_text(Finding.of(r), 2020) == "Uppgift saknas för Karlskoga till och med 2020."


def test_summary_counts_and_names_the_largest_gap(demo_table):
    theme = catalog.theme("tidiga_ar")
    results = [compare.assess(i, demo_table[demo_table["indicator"] == i.id], KARLSKOGA, 2025, [])
               for i in theme.indicators]
    found = [Finding.of(r) for r in results]
    rows = [row for f in found for row in findings.indicator_rows(f, theme.id, None)]
    sentences = narrative.summary(found, rows, "Karlskoga", 2025)
    assert 2 <= len(sentences) <= 5
    # the summary opens with what matters, the theme's most serious concern; how many indicators could be
    # judged, and how, is method, in "Om statistiken" (docs/bedomning.md §6)
    first = findings.ranked_concerns(rows)[0]
    assert sentences[0].startswith(f"Det mest allvarliga i temat är "
                                   f"{catalog.indicator(first['indicator']).title[0].lower()}")
    assert not any("kan osäkerheten inte beräknas;" in s for s in sentences)
    judged = [r for r in results if r.indicator.polarity != "neutral" and r.value is not None]
    marked = sum(r.riket.method == compare.SPREAD for r in judged)
    counts = narrative.judged_counts(found, "Karlskoga")
    assert any(s.startswith(f"För {in_words(marked)} indikatorer kan osäkerheten inte beräknas") for s in counts)
    assert any("mellan flickor och pojkar" in s for s in sentences)


def test_trend_sentences():
    from .test_compare import history_frame

    falling = history_frame("barn_lag_ek_standard", {y: 200.0 - 10 * (y - 2020) for y in range(2020, 2026)})
    r = compare.assess(catalog.indicator("barn_lag_ek_standard"), falling, KARLSKOGA, 2025, [])
    assert narrative.trend_sentence(Finding.of(r)) == (
        f"Sedan 2021 har andelen minskat (190,0{NBSP}% år 2021, 150,0{NBSP}% år 2025), en märkbar förbättring. "
        "Karlskoga har närmat sig riket.")
    flat = history_frame("barn_lag_ek_standard", {y: 200.0 for y in range(2020, 2026)})
    r = compare.assess(catalog.indicator("barn_lag_ek_standard"), flat, KARLSKOGA, 2025, [])
    assert narrative.trend_sentence(Finding.of(r)).startswith("Sedan 2021 finns ingen märkbar förändring")


def test_gap_sentences_are_hedged():
    from .test_compare import history_frame

    years = range(2020, 2026)
    growing = history_frame("barn_placerade", {y: 100.0 for y in years},
                            women={y: 100.0 + 10 * (y - 2020) for y in years}, men={y: 100.0 for y in years})
    r = compare.assess(catalog.indicator("barn_placerade"), growing, KARLSKOGA, 2025, [])
    assert narrative.sex_sentence(Finding.of(r)) == (
        f"Flickor har högre värde än pojkar (150,0{NBSP}per 1{NBSP}000 mot 100,0{NBSP}per 1{NBSP}000), en skillnad "
        f"på 50,0{NBSP}per 1{NBSP}000. Skillnaden har ökat sedan 2021.")
    close = history_frame("barn_placerade", {y: 100.0 for y in years}, women={y: 100.5 for y in years},
                          men={y: 100.0 for y in years})
    r = compare.assess(catalog.indicator("barn_placerade"), close, KARLSKOGA, 2025, [])
    # no interval here (no populations): judged by the spread rule, so no "märkbar" change, not "oförändrad"
    assert "har inte förändrats märkbart sedan 2021" in narrative.sex_sentence(Finding.of(r))
    # Sala's behörighet: girls higher by 9,4 in 2018, boys by 6,2 in 2022: the gap turned, whatever its size
    turned = history_frame("barn_placerade", {y: 100.0 for y in years},
                           women={y: 109.4 - 3.9 * (y - 2021) if y >= 2021 else 110.0 for y in years},
                           men={y: 100.0 for y in years})
    r = compare.assess(catalog.indicator("barn_placerade"), turned, KARLSKOGA, 2025, [])
    assert narrative.sex_sentence(Finding.of(r)).endswith(
        f"gick åt andra hållet 2021 (9,4{NBSP}per 1{NBSP}000 högre bland flickor).")


def test_no_gap_sentence_for_parents_split_by_the_childs_sex(demo_table):
    ind = catalog.indicator("barn_lagutbildade_foraldrar")
    r = compare.assess(ind, demo_table[demo_table["indicator"] == ind.id], KARLSKOGA, 2025, [])
    assert r.by_sex and narrative.sex_sentence(Finding.of(r)) == ""


def test_a_significant_trend_that_is_not_robust_is_uneven_never_unchanged():
    import types

    import pandas as pd

    from jamlik.statistics import trends

    years = list(range(2018, 2023))
    ind = catalog.indicator("barn_ekonomiskt_bistand")
    fake = types.SimpleNamespace(indicator=ind, rounding=0.0, spread=2.0)
    odd_start = pd.DataFrame({"value": [9.2, 5.6, 5.7, 5.9, 5.8], "n": [4000.0] * 5}, index=years)
    change = trends._change(fake, odd_start)
    assert (change.direction, change.uneven_because) == (trends.UNEVEN, "start") and change.p_value < 0.001
    # whole percent: a one-step move is within the source's rounding, however many people
    whole = pd.DataFrame({"value": [24.0, 24.0, 24.0, 24.0, 25.0], "n": [1e6] * 5}, index=years)
    rounded = trends._change(types.SimpleNamespace(indicator=ind, rounding=0.5, spread=2.0), whole)
    assert (rounded.direction, rounded.uneven_because) == (trends.UNEVEN, "rounding")

    r = result("barn_ekonomiskt_bistand", spread_values())
    t = trends.Trend(years, 9.2, 5.8, trends.UNEVEN, trends.UNEVEN, trends.CHI_SQUARE, change.p_value, 6.8, 4.6,
                     "closer", "start")
    text = narrative.trend_sentence(Finding(r, years, t, None, None))
    assert text == (f"Sedan 2018 är utvecklingen ojämn (9,2{NBSP}% år 2018, 5,8{NBSP}% år 2022): chi-två-testet för "
                    "trend ger p < 0,001, men trenden håller inte utan periodens första år; en förändring räknas som "
                    "säkerställd först när den också är robust (se metoden).")
    assert narrative.trend_marker(t) == "↕ ojämn"
    assert any("5-procentsnivån" in m for m in narrative.METHOD)


def test_a_wide_gap_names_its_size_and_who_is_higher_and_a_rounded_one_is_no_larger_than_riket():
    from jamlik.statistics import stats
    from jamlik.statistics.trends import Gap

    r = result("sysselsattning", spread_values())
    wide = Gap(2022, -10.3, 57.1, 67.4, stats.Interval(-10.3, -22.6, 2.0, "Newcombe"), -2.1, "similar", None, None,
               None, shown=-10.3, riket_shown=-2.1, sure=False)
    text = narrative.gap_sentence(r, wide, "kvinnor", "män")
    assert text.startswith(f"Män har högre andel än kvinnor (67,4{NBSP}% mot 57,1{NBSP}%), en skillnad på "
                           f"10,3{NBSP}procentenheter (95 % KI −2,0 till 22,6); intervallet omfattar noll, så "
                           "skillnaden är inte säkerställd")
    assert "ungefär samma" not in text and "ryms inom" not in text
    # Haparanda's case: the printed interval excludes zero, the rounding (whole percent) does not
    r.rounding = 0.5
    rounded_away = Gap(2022, 3.0, 60.0, 57.0, stats.Interval(3.0, 0.8, 5.2, "Newcombe"), 1.0, "similar", None, None,
                       None, shown=3.0, riket_shown=1.0, sure=False)
    text = narrative.gap_sentence(r, rounded_away, "kvinnor", "män")
    assert ("(95 % KI 0,8 till 5,2); med källans avrundning inräknad (−0,2 till 6,2) omfattar intervallet noll, så "
            "skillnaden är inte säkerställd") in text
    # opposite signs are "omvänd", never larger or smaller
    reversed_gap = Gap(2022, 5.0, 60.0, 55.0, stats.Interval(5.0, 2.0, 8.0, "Newcombe"), -3.0, "reversed", None,
                       None, None, shown=5.0, riket_shown=-3.0, sure=True)
    text = narrative.gap_sentence(r, reversed_gap, "kvinnor", "män")
    assert "är omvänd jämfört med riket" in text and "större" not in text and "mindre" not in text
    # Vansbro: boys higher by 3,6, not established, against girls higher by 5,8 in Riket: not "i storlek"
    other_way = Gap(2022, -3.6, 40.0, 43.6, stats.Interval(-3.6, -9.0, 1.8, "Newcombe"), 5.8, "similar", None,
                    None, None, shown=-3.6, riket_shown=5.8, sure=False)
    text = narrative.gap_sentence(r, other_way, "flickor", "pojkar")
    assert text.endswith(f"Skillnaden går åt andra hållet än i riket (3,6{NBSP}procentenheter mot "
                         f"5,8{NBSP}procentenheter, högre bland flickor i riket).")


def test_whole_percent_gaps_are_not_larger_than_riket_within_the_rounding():
    from .test_compare import history_frame

    years = range(2020, 2026)
    # Kolada publishes whole percent: 4 points against Riket's 3 may be 3 against 4
    frame = history_frame("barn_lag_ek_standard", {y: 20.0 for y in years}, women={y: 22.0 for y in years},
                          men={y: 18.0 for y in years})
    riket = frame[frame["area"] == "1883"].assign(area=areas.RIKET)
    riket.loc[riket["sex"] == "K", "value"], riket.loc[riket["sex"] == "M", "value"] = 21.0, 18.0
    ind = catalog.indicator("sysselsattning")
    r = compare.assess(ind, pd.concat([frame[frame["area"] != areas.RIKET], riket]).assign(indicator=ind.id),
                       KARLSKOGA, 2025, [])
    from jamlik.statistics import trends

    r.spread, r.rounding = 1.0, 0.0  # published with decimals: a point more than Riket's is larger
    assert trends.sex_gap(r).versus_riket == "larger"
    r.rounding = 0.5  # published in whole percent: each value may be off by half a point
    gap = trends.sex_gap(r)
    assert (gap.shown, gap.riket_shown) == (4.0, 3.0) and gap.versus_riket == "similar"


def test_a_survey_without_its_margin_gets_no_rank_and_no_verdict():
    r = result("fetma", spread_values())  # U01411: a survey; the frame holds no osäkerhetstal
    assert r.value is not None and r.ci is None
    assert r.rank is None and r.riket.verdict is None
    text = narrative.indicator_text(Finding.of(r), 2025)
    assert "plats" not in text and "osäkerhetstal" in text


def test_a_steady_rise_is_a_change_and_an_odd_start_year_is_not():
    import types

    import pandas as pd

    from jamlik.statistics import trends

    fake = types.SimpleNamespace(indicator=catalog.indicator("barn_ekonomiskt_bistand"), rounding=0.05, spread=2.0)
    years = range(2018, 2023)
    # Hedemora-like: every year a little higher; without 2018 the test has less power, not less trend
    steady = pd.DataFrame({"value": [27.2, 27.6, 27.8, 28.1, 28.9], "n": [5200.0] * 5}, index=years)
    change = trends._change(fake, steady)
    assert change.p_value < 0.05 and (change.direction, change.uneven_because) == ("higher", "")
    odd = pd.DataFrame({"value": [20.0, 25.0, 25.2, 25.4, 25.6], "n": [3000.0] * 5}, index=years)
    assert trends._change(fake, odd).uneven_because == "start"
