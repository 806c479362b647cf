"""The invariants of docs/bedomning.md §7: each check finds nothing in real kommuner' documents, and each
finds the violation it guards against when one is made on purpose (constructed findings, sentences and
pages: a check that cannot fail is no check)."""

import copy
import dataclasses

import pytest

from jamlik.data import areas, catalog
from jamlik.documents import review
from jamlik.statistics import stats, trends
from jamlik.statistics.group_health import GroupGap
from jamlik.writing import glance, narrative

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def documents(real_table):
    """Karlskoga's and Haparanda's documents (a small cohort with a worsening deficit), made once."""
    return {k: review.Review.of(areas.kommun(k), 2022, real_table) for k in ("1883", "2583")}


@pytest.fixture
def karlskoga(documents):
    return copy.deepcopy(documents["1883"])


@pytest.mark.parametrize("kommun", ["1883", "2583"])
def test_the_real_documents_keep_every_invariant(documents, kommun):
    found = review.check(documents[kommun])
    assert {n: v for n, v in found.items() if v} == {}


def _concern_row(r: review.Review) -> dict:
    return r.plan.shown["concern"][0].row


def test_1_page_two_must_be_the_top_of_the_ranking(karlskoga):
    first = karlskoga.plan.shown["concern"].pop(0)  # the most serious concern vanishes from page 2
    assert any(first.indicator.id in v for v in review.check_1_top_of_ranking(karlskoga))
    karlskoga.plan.omitted["concern"].insert(0, first)  # named as left out, but skipped above those shown
    assert any("borde stå före" in v for v in review.check_1_top_of_ranking(karlskoga))


def test_2_nothing_may_be_left_out_silently(karlskoga):
    kinds = [k for k, v in karlskoga.plan.omitted.items() if v] or ["concern"]
    kind = kinds[0]
    if not karlskoga.plan.omitted[kind]:  # make one: the page shows one item fewer and says nothing
        karlskoga.plan.shown[kind].pop()
    else:
        karlskoga.plan.omitted[kind].pop()
    assert review.check_2_nothing_dropped_silently(karlskoga)


def test_3_a_trend_word_against_the_latest_change_is_caught(karlskoga):
    row = next(r for r in karlskoga.rows["forsorjning"] if r["indicator"] == "langtidsarbetslosa"
               and r["area"] == "1883" and r["sex"] == "T")
    # Botkyrka's case: the test rises through the 2020–21 peak, the value printed beside it fell
    row.update(trend="worse", red_red=True, previous_value=row["value"] + 0.8, trend_window="2018-2022")
    assert any("på väg åt fel håll" in v for v in review.check_3_trend_words_agree(karlskoga))
    karlskoga.texts["forsorjning", "langtidsarbetslosa"] = "Sedan 2018 har andelen ökat (3,0 % år 2018)."
    row.update(red_red=False)
    assert any("senaste förändringen" in v for v in review.check_3_trend_words_agree(karlskoga))
    karlskoga.texts["forsorjning", "langtidsarbetslosa"] += " Från 2021 till 2022 minskade andelen dock."
    assert not review.check_3_trend_words_agree(karlskoga)


def test_4_i_niva_med_outside_the_printed_interval_is_caught(karlskoga):
    key = ("tidiga_ar", "forskola_1_5")
    karlskoga.texts[key] = (f"År 2022 var andelen 88,0{NBSP}% i Karlskoga (95 % konfidensintervall 86,5–89,4{NBSP}%),"
                            f" i nivå med riket (85,8{NBSP}%).")
    assert review.check_4_interval_agrees(karlskoga)
    karlskoga.texts[key] = karlskoga.texts[key].replace("%).", "%, med källans avrundning inräknad).")
    assert not review.check_4_interval_agrees(karlskoga)
    # Sundsvall's long-term unemployment: "sämre än riket (3,8 %)" beside 3,8–4,2 % as printed
    karlskoga.texts[key] = (f"År 2022 var andelen 4,0{NBSP}% i Sundsvall (95 % konfidensintervall, ungefärligt, "
                            f"3,8–4,2{NBSP}%), sämre än riket (3,8{NBSP}%).")
    assert review.check_4_interval_agrees(karlskoga)
    karlskoga.texts[key] = karlskoga.texts[key].replace(
        f"(3,8{NBSP}%).", f"(3,8{NBSP}%; med en decimal till 3,82{NBSP}% mot intervallets nedre gräns 3,84{NBSP}%).")
    assert not review.check_4_interval_agrees(karlskoga)
    # Vansbro's long-term assistance: a note whose two numbers are the same shows nothing
    karlskoga.texts[key] = (f"År 2022 var andelen 0,8{NBSP}% i Vansbro (95 % konfidensintervall, ungefärligt, "
                            f"0,6–1,1{NBSP}%), bättre än riket (1,1{NBSP}%; med en decimal till 1,11{NBSP}% mot "
                            f"intervallets övre gräns 1,11{NBSP}%).")
    assert review.check_4_interval_agrees(karlskoga)
    karlskoga.texts[key] = karlskoga.texts[key].replace(
        f"en decimal till 1,11{NBSP}% mot intervallets övre gräns 1,11", f"två decimaler till 1,108{NBSP}% mot "
        f"intervallets övre gräns 1,109")
    assert review.check_4_interval_agrees(karlskoga)  # 1,108 is inside the upper edge 1,109: still wrong
    karlskoga.texts[key] = karlskoga.texts[key].replace("1,108", "1,110")
    assert not review.check_4_interval_agrees(karlskoga)
    # Haparanda's gap: an interval of 0,8 to 5,2 beside "not established" without a word on the rounding
    karlskoga.texts[key] = ("Flickor har högre andel än pojkar, en skillnad på 3,0 procentenheter (95 % KI 0,8 till "
                            "5,2); skillnaden ryms inom osäkerheten och är inte säkerställd.")
    assert review.check_4_interval_agrees(karlskoga)


def test_3_a_gap_said_unchanged_since_a_year_the_other_group_led_is_caught(karlskoga):
    """Sala's behörighet: girls higher by 9,4 in 2018, boys by 6,2 in 2022, "i stort sett oförändrad"."""
    result = karlskoga.gaps[0][1]
    said = trends.Gap(2022, -6.2, 77.3, 83.5, None, 5.0, "similar", 2018, 9.4, "unchanged", shown=-6.2,
                      riket_shown=5.0, earlier_shown=9.4)
    karlskoga.gaps = [("behörighet", result, said)]
    assert review.check_3_trend_words_agree(karlskoga)
    karlskoga.gaps = [("behörighet", result, dataclasses.replace(said, change="turned"))]
    assert not review.check_3_trend_words_agree(karlskoga)


def test_4_a_table_cell_i_niva_med_beside_an_interval_riket_lies_outside_names_the_rounding(karlskoga):
    """Trelleborg's overview table: 16,0 % (15,3–16,7 %), Riket 17,0 %, "● i nivå med" (whole percent)."""
    row = next(r for r in karlskoga.kommun_rows() if r["indicator"] == "barn_lag_ek_standard")
    row.update(value=16.0, ci_low=15.3, ci_high=16.7, riket=17.0)
    key = (row["theme"], row["indicator"])
    karlskoga.markers[key] = ("● i nivå med", "→ oförändrad")
    assert any("tabell" in v for v in review.check_4_interval_agrees(karlskoga))
    karlskoga.markers[key] = ("● i nivå med, med avrundningen", "→ oförändrad")
    assert not any("tabell" in v for v in review.check_4_interval_agrees(karlskoga))


def test_5_marked_for_fewer_than_150_people_is_caught(karlskoga):
    row = next(r for r in karlskoga.kommun_rows() if r["indicator"] == "meritvarde_ak9")
    row.update(verdict_method="spread", verdict_riket="worse", people=100.0)
    assert review.check_5_marked_needs_people(karlskoga)
    row.update(people=400.0)
    assert not review.check_5_marked_needs_people(karlskoga)


def test_5_a_gap_between_girls_and_boys_of_a_small_cohort_is_not_judged_by_the_spread(karlskoga):
    """Gällivare's meritvärde: a cohort of about 178, some 90 girls and 90 boys, "märkbart större"."""
    result = copy.copy(next(res for _, res, _ in karlskoga.gaps if res.indicator.id == "meritvarde_ak9"))
    result.uncertainty = dataclasses.replace(result.uncertainty, people=178.0)
    said = trends.Gap(2022, 27.0, 250.0, 223.0, None, 22.0, "larger", None, None, None, shown=27.0,
                      riket_shown=22.0, sure=True)
    label = "Meritvärde åk 9 (17 ämnen): flickor − pojkar"
    karlskoga.gaps = [(label, result, said)]
    assert review.check_5_marked_needs_people(karlskoga)
    assert trends.groups_too_small(result)
    unjudged = dataclasses.replace(said, versus_riket=None, sure=False)
    karlskoga.gaps = [(label, result, unjudged)]
    assert not review.check_5_marked_needs_people(karlskoga)
    assert "grupperna är var för sig färre än 150, så skillnaden bedöms inte" in \
        narrative.gap_sentence(result, unjudged, "flickor", "pojkar")


def test_6_a_gap_larger_than_riket_s_with_the_other_sign_or_within_the_rounding_is_caught(karlskoga):
    result = karlskoga.gaps[0][1]
    wrong_sign = trends.Gap(2022, 3.0, 60.0, 57.0, stats.Interval(3.0, 1.0, 5.0, "Newcombe"), -2.0, "larger", None,
                            None, None, shown=3.0, riket_shown=-2.0, sure=True)
    rounding = trends.Gap(2022, 4.0, 22.0, 18.0, stats.Interval(4.0, 3.6, 4.4, "Newcombe"), 3.0, "larger", None,
                          None, None, shown=4.0, riket_shown=3.0, sure=True)
    result.rounding = 0.5  # whole percent: 4 against 3 may be 3 against 4
    karlskoga.gaps = [("a", result, wrong_sign), ("b", result, rounding)]
    found = review.check_6_gap_sizes(karlskoga)
    assert any("tecknen" in v for v in found) and any("avrundningen" in v for v in found)
    # Ludvika's obesity by education: a reversed gradient called "mindre"
    fetma = next(g.outcome for g in karlskoga.group_gaps) if karlskoga.group_gaps else \
        dataclasses.make_dataclass("Outcome", ["id"])("fetma")
    g = GroupGap(fetma, "utbildning", "2085", 2021, "T", [], [], stats.Interval(6.0, 1.0, 11.0, ""),
                 stats.Interval(-8.0, -9.0, -7.0, ""), "smaller")
    karlskoga.gaps, karlskoga.group_gaps = [], [g]
    assert any("tecknen" in v for v in review.check_6_gap_sizes(karlskoga))


def test_6_a_gap_without_an_interval_larger_than_riket_s_says_marked(karlskoga):
    """Trelleborg's meritvärde: "Skillnaden är större än i riket (28,0 poäng mot 22,0 poäng)", judged by the
    spread between kommuner, with no interval: §1 says "märkbart"."""
    result = next(res for _, res, _ in karlskoga.gaps if res.indicator.id == "meritvarde_ak9")
    gap = trends.Gap(2022, 28.0, 240.0, 212.0, None, 22.0, "larger", None, None, None, shown=28.0,
                     riket_shown=22.0, sure=True)
    karlskoga.gaps, karlskoga.group_gaps = [("meritvärde", result, gap)], []
    key = ("skolaldern", "meritvarde_ak9")
    karlskoga.texts[key] = "Skillnaden är större än i riket (28,0 poäng mot 22,0 poäng)."
    assert any("märkbart" in v for v in review.check_6_gap_sizes(karlskoga))
    karlskoga.texts[key] = narrative.gap_sentence(result, gap, "flickor", "pojkar")
    assert ("Skillnaden är märkbart större än i riket (28,0\xa0poäng mot 22,0\xa0poäng; osäkerheten kan inte "
            "beräknas)") in karlskoga.texts[key]
    assert not review.check_6_gap_sizes(karlskoga)


def test_7_a_small_group_s_deficit_left_out_of_every_summary_is_caught(karlskoga):
    row = next(r for r in karlskoga.kommun_rows() if r["indicator"] == "gymnasieexamen_3ar")
    row.update(small_numbers=True, rank=None, position=0.95, verdict_riket="worse", verdict_method="interval",
               value=55.0)
    title = catalog.indicator("gymnasieexamen_3ar").title
    karlskoga.page = karlskoga.page.replace(title.lower(), "").replace(title, "")
    karlskoga.summaries = {t: [s for s in v if title.lower() not in s.lower()] for t, v in karlskoga.summaries.items()}
    assert review.check_7_small_deficits_named(karlskoga)


def test_8_the_same_finding_must_read_the_same_everywhere(karlskoga):
    item = karlskoga.plan.shown["concern"][0]
    karlskoga.markers[item.theme, item.indicator.id] = ("● i nivå med", "→ oförändrad")
    assert any("tabellen" in v for v in review.check_8_same_words(karlskoga))


def test_9_a_strength_outside_the_best_quarter_is_caught(karlskoga):
    row = {**_concern_row(karlskoga), "verdict_riket": "better", "rank": 100, "rank_to": 100, "ranked": 290}
    item = glance.Item(catalog.indicator(row["indicator"]), "tidiga_ar", row, "strength", "")
    karlskoga.plan.shown["strength"] = [item]
    assert any("fjärdedel 2" in v for v in review.check_9_strengths(karlskoga))


def test_9_no_strength_beside_an_unqualified_better_is_caught(karlskoga):
    karlskoga.plan.shown["strength"], karlskoga.plan.omitted["strength"] = [], []
    better = next(r for r in karlskoga.kommun_rows() if catalog.indicator(r["indicator"]).polarity != "neutral")
    better.update(verdict_riket="better")
    karlskoga.page = "Styrkor Ingen styrka: ingen indikator är bättre än riket."
    assert review.check_9_strengths(karlskoga)
    title = catalog.indicator(better["indicator"]).title.lower()
    karlskoga.page += f" Bättre än riket, men inte i den bästa fjärdedelen: {title}."
    assert not [v for v in review.check_9_strengths(karlskoga) if better["indicator"] in v]


def test_10_a_rank_for_the_lowest_district_is_caught(karlskoga):
    key = ("miljoer", "valdeltagande_lagsta_distrikt")
    karlskoga.texts[key] = "Karlskoga har plats 12 av 290 kommuner. Sedan valet 2014 har andelen minskat."
    found = review.check_10_no_rank_without_comparison(karlskoga)
    assert any("placering" in v for v in found) and any("utveckling" in v for v in found)


def test_11_a_word_outside_the_vocabulary_is_caught(karlskoga):
    karlskoga.summaries["tidiga_ar"] = ["Andelen ligger nära riket."]
    assert any("nära riket" in v for v in review.check_11_vocabulary(karlskoga))


def test_every_invariant_has_a_title_and_a_check():
    assert len(review.CHECKS) == len(review.TITLES) == 11


# kommuner of every size, the five the readers named among them: CI checks every invariant for these
SAMPLE = ["2403", "0187", "1782", "2583", "2085", "1883", "0980", "0127", "1280", "1480", "0180"]


@pytest.mark.slow
def test_granska_finds_no_violation_in_kommuner_of_every_size(use_real_store, capsys):
    from jamlik.running import cli

    assert cli.main(["granska", "--kommun", *SAMPLE, "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert f"Granskade kommuner: {len(SAMPLE)}" in out and out.splitlines()[-1].split() == ["Summa", "0"]


def test_granska_says_what_to_give_it(capsys):
    from jamlik.running import cli

    assert cli.main(["granska"]) == 2
    assert "Ange --kommun, --lan eller --alla" in capsys.readouterr().err
