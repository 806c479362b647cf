"""Golden sentences: fixed inputs, pinned Swedish output."""

import numpy as np

from jamlik import areas, catalog, compare, narrative, store

from .test_compare import KARLSKOGA, frame_for, spread_values

NBSP = "\u00a0"


def result(ind_id, values, **kw):
    return compare.assess(catalog.indicator(ind_id), frame_for(ind_id, values, **kw), KARLSKOGA, 2025, [])


def test_sentence_with_mixed_directions():
    values = {**spread_values(), KARLSKOGA.code: 100.0, areas.RIKET: 150.0, "0018": 95.0}
    text = narrative.indicator_text(result("barn_lag_ek_standard", values), 2025)
    assert text == (
        f"År 2025 var andelen 100,0{NBSP}% i Karlskoga, lägre än i riket (150,0{NBSP}%) men i nivå med "
        f"Örebro län (95,0{NBSP}%). Karlskoga har plats 101 av 290 kommuner (plats 1 = bäst, lägst andel).")


def test_sentence_for_a_neutral_indicator_with_three_benchmarks_in_one_direction():
    values = {**spread_values(), KARLSKOGA.code: 280.0, areas.RIKET: 100.0, "0018": 120.0}
    r = compare.assess(catalog.indicator("ensamstaende_foralder"),
                       frame_for("ensamstaende_foralder", values), KARLSKOGA, 2025, [areas.kommun("Kumla")])
    assert narrative.comparison_phrase(r) == (
        f"högre än i riket (100,0{NBSP}%), i Örebro län (120,0{NBSP}%) och i liknande kommuner "
        f"({r.benchmarks[2].value:.1f}{NBSP}%)".replace(".", ","))
    assert "plats 1 = högst andel" in narrative.indicator_text(r, 2025)
    assert "bäst" not in narrative.indicator_text(r, 2025)


def test_interval_hedge():
    r = result("fetma", {KARLSKOGA.code: 18.0, areas.RIKET: 16.5}, ci={KARLSKOGA.code: (16.0, 20.0)})
    assert "Skillnaden mot riket är inte statistiskt säkerställd." in narrative.indicator_text(r, 2025)
    assert "i nivå med riket" in narrative.indicator_text(r, 2025)


def test_suppressed_value_sentence():
    r = result("barn_placerade", {KARLSKOGA.code: np.nan}, status={KARLSKOGA.code: store.SUPPRESSED})
    assert narrative.indicator_text(r, 2025) == (
        "Uppgift saknas för Karlskoga 2025 (för få personer för att redovisas).")


def test_no_data_up_to_year_sentence():
    r = compare.assess(catalog.indicator("forskola_1_5"), frame_for("forskola_1_5", {}, year=2025),
                       KARLSKOGA, 2020, [])
    assert narrative.indicator_text(r, 2020) == "Uppgift saknas för Karlskoga till och med 2020."


def test_summary_counts_and_names_the_largest_gap(demo_table):
    theme = catalog.theme("tidiga_ar")
    results = [compare.assess(i, demo_table[demo_table["indicator"] == i.id], KARLSKOGA, 2025, [])
               for i in theme.indicators]
    sentences = narrative.summary(results, "Karlskoga", 2025)
    assert 2 <= len(sentences) <= 5
    judged = [r for r in results if r.indicator.polarity != "neutral" and r.value is not None]
    assert sentences[0].startswith(f"Karlskoga jämförs med riket på {len(judged)} indikatorer")
    assert any("mellan flickor och pojkar" in s for s in sentences)


def test_trend_sentences():
    from .test_compare import history_frame

    falling = history_frame("barn_lag_ek_standard", {y: 200.0 - 10 * (y - 2020) for y in range(2020, 2026)})
    r = compare.assess(catalog.indicator("barn_lag_ek_standard"), falling, KARLSKOGA, 2025, [])
    assert narrative.trend_sentence(r) == (
        f"Sedan 2020 har andelen minskat, en förbättring (200,0{NBSP}% år 2020, 150,0{NBSP}% år 2025).")
    flat = history_frame("barn_lag_ek_standard", {y: 200.0 for y in range(2020, 2026)})
    r = compare.assess(catalog.indicator("barn_lag_ek_standard"), flat, KARLSKOGA, 2025, [])
    assert narrative.trend_sentence(r).startswith("Sedan 2020 är nivån i stort sett oförändrad")


def test_gap_sentences_are_hedged():
    from .test_compare import history_frame

    years = range(2020, 2026)
    growing = history_frame("barn_placerade", {y: 100.0 for y in years},
                            women={y: 100.0 + 10 * (y - 2020) for y in years}, men={y: 100.0 for y in years})
    r = compare.assess(catalog.indicator("barn_placerade"), growing, KARLSKOGA, 2025, [])
    assert narrative.sex_sentence(r) == (f"Flickor har högre värde än pojkar (150,0{NBSP}per 1{NBSP}000 mot "
                                         f"100,0{NBSP}per 1{NBSP}000); skillnaden har ökat sedan 2020.")
    close = history_frame("barn_placerade", {y: 100.0 for y in years}, women={y: 100.5 for y in years},
                          men={y: 100.0 for y in years})
    r = compare.assess(catalog.indicator("barn_placerade"), close, KARLSKOGA, 2025, [])
    assert narrative.sex_sentence(r).startswith("Flickor och pojkar har ungefär samma värde")
    assert "i stort sett oförändrad sedan 2020" in narrative.sex_sentence(r)
