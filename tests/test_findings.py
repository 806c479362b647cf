"""One judgement per finding: on real values for kommuner of three sizes, a theme's summary and page 2
name the same most serious concern, and a gap is printed the same in every part that shows it."""

import pytest

from jamlik.base.text import format_gap, lower_first, rounded
from jamlik.data import catalog
from jamlik.documents.briefing import Briefing
from jamlik.statistics import findings
from jamlik.writing import glance, narrative, words

KOMMUNER = ["1883", "2403", "0180", "1280"]  # Karlskoga, Bjurholm, Stockholm, Malmö


@pytest.fixture(scope="module")
def briefings(real_store):
    return {(k, t.id): Briefing(k, t.id, 2022, data_store=str(real_store))
            for k in KOMMUNER for t in catalog.themes().values()}


def theme_rows(b: Briefing) -> list[dict]:
    return b.findings.rows(b.theme.id, [i.id for i in b.indicators])


@pytest.mark.parametrize("kommun", KOMMUNER)
def test_theme_summaries_and_page_two_follow_the_one_ranking(briefings, kommun):
    by_theme = {t: theme_rows(b) for (k, t), b in briefings.items() if k == kommun}
    rows = glance.kommun_rows(by_theme, kommun)
    planned = glance.plan(rows, kommun)
    shown = [i.indicator.id for i in planned.shown["concern"]]
    for theme, theme_rows_ in by_theme.items():
        b = briefings[(kommun, theme)]
        found = [b.findings[i.id] for i in b.indicators]
        sentences = narrative.summary(found, theme_rows_, b.kommun.name, b.year)
        ranked = findings.ranked_concerns(theme_rows_)
        named = [s for s in sentences if s.startswith("Det mest allvarliga i temat är")]
        if not ranked:
            assert not named
            continue
        # the theme's own first concern is named in its summary, in the words page 2 uses (bedomning.md §6)
        first = catalog.indicator(ranked[0]["indicator"])
        assert named == [f"Det mest allvarliga i temat är {lower_first(first.title)}: "
                         f"{first.show(ranked[0]['value'])}, {words.row_versus(first, ranked[0])}."]
    # page 2 lists the top of the document's one ranking, and names every other concern as left out; a
    # health line already names its indicator, once (bedomning.md §6)
    health = {i.indicator.id for i in planned.shown["health"]}
    worst = [r["indicator"] for r in findings.ranked_concerns([r for _, r in glance._at_home(rows)])
             if r["indicator"] not in health]
    assert shown == worst[:len(shown)] and len(shown) >= min(glance.MIN_CONCERNS, len(worst))
    assert [i.indicator.id for i in planned.omitted["concern"]] == worst[len(shown):]
    assert not health & {i.indicator.id for kind in ("concern", "worsening", "strength") for i in
                         planned.shown[kind] + planned.omitted.get(kind, [])}


@pytest.mark.parametrize("kommun", KOMMUNER)
def test_a_gap_is_printed_the_same_in_the_sentence_the_profile_and_the_csv(briefings, kommun):
    b = briefings[(kommun, "oversikt")]
    csv_rows = {r["indicator"]: r for r in b.findings.rows("x", list(catalog.indicators()))
                if r["area"] == kommun and r["sex"] == "T"}
    checked = 0
    for label, r, gap in b.equity_gaps():
        f = b.findings[r.indicator.id]
        if f.sex_gap is not gap or r.value is None:
            continue  # a group gap or a gradient: no sentence of its own to compare
        printed = format_gap(gap.shown, r.indicator.unit, r.indicator.decimals)
        assert csv_rows[r.indicator.id]["sex_gap"] == gap.shown
        sentence = narrative.sex_sentence(f)
        if "en skillnad på" in sentence:
            assert f"en skillnad på {printed}" in sentence, (label, sentence)
            checked += 1
        # the gap is the difference of the two values as printed, never a third rounding
        d = r.indicator.decimals
        assert gap.shown == pytest.approx(rounded(gap.first, d) - rounded(gap.second, d))
    assert checked >= 3


def test_the_rule_is_one_function_of_a_row():
    row = {"indicator": "barn_lag_ek_standard", "area": "1883", "sex": "T", "value": 24.0, "riket": 17.0,
           "spread": 5.0, "rank": 222, "ranked": 290, "small_numbers": False, "verdict_riket": "worse",
           "verdict_method": "interval", "trend": "similar", "riket_distance": None}
    assert findings.distance(row) == pytest.approx(1.4) and findings.is_concern(row)
    assert not findings.is_concern({**row, "rank": 100})  # in the better half of the kommuner
    # few cases remove a rank, never an interval verdict: judged by its position (bedomning.md §2)
    small = {**row, "small_numbers": True, "rank": None, "position": 0.95}
    assert findings.is_concern(small) and not findings.is_concern({**small, "position": 0.3})
    # worse than Riket by the spread between kommuner, but better than most kommuner: no concern
    spread = {**row, "indicator": "meritvarde_ak9", "value": 224.0, "riket": 230.0, "verdict_method": "spread"}
    assert not findings.is_concern({**spread, "rank": 106}) and findings.is_concern({**spread, "rank": 250})
    # sure before marked, whatever the distance
    far = {**spread, "value": 150.0, "rank": 290}
    assert findings.ranked_concerns([far, row]) == [row, far]
    better = {**row, "value": 12.0, "verdict_riket": "better", "rank": 20}
    assert findings.is_strength(better) and not findings.is_strength({**better, "trend": "worse"})
    assert not findings.is_strength({**better, "rank": 100})  # median is no strength
    assert not findings.is_strength({**better, "verdict_method": "spread"})  # märkbart bättre is no strength
