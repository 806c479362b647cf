"""The council summary page from theme rows: what it names, and an honest page when nothing is worse."""

import pytest

from jamlik.data import catalog
from jamlik.writing import glance


def row(indicator, **fields):
    base = {"area": "1883", "year": 2022, "sex": "T", "value": 10.0, "riket": 8.0, "verdict_riket": "similar",
            "verdict_method": "interval", "trend": "similar", "trend_method": "chi2", "trend_window": "2018-2022",
            "trend_first": 10.0, "trend_last": 10.0,
            "trend_versus_riket": "", "red_red": False, "rank": 100, "ranked": 290,
            "small_numbers": False, "sex_gap": None, "sex_gap_riket": None, "sex_gap_versus": "", "spread": 2.0,
            "indicator": indicator}
    return {**base, **fields}


def test_concerns_rank_by_distance_from_riket_and_name_numbers():
    rows = [("tidiga_ar", row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222)),
            ("tidiga_ar", row("barn_ekonomiskt_bistand", value=8.5, riket=4.6, verdict_riket="worse", rank=251,
                              red_red=True)),
            ("skolaldern", row("meritvarde_ak9", value=190.0, riket=230.0, verdict_riket="worse",
                               verdict_method="spread", rank=260))]
    items = glance.select(rows)
    # 3,5 standard deviations from Riket before 1,95: the ranking is the distance, red-red or not
    assert [i.indicator.id for i in items["concern"]] == ["barn_lag_ek_standard", "barn_ekonomiskt_bistand"]
    text = glance.sentence(items["concern"][1])
    assert text.startswith("Barn i familjer med ekonomiskt bistånd: 8,5\xa0% mot 4,6\xa0% i riket, plats 251 av 290.")
    assert "på väg åt fel håll" in text
    # the most serious concern of a theme is always named, here without an interval: "Att bevaka"
    assert [i.indicator.id for i in items["watch"]] == ["meritvarde_ak9"]


def test_every_theme_s_most_serious_concern_reaches_page_two():
    worse = dict(verdict_riket="worse", riket=10.0, rank=280)
    rows = [("tidiga_ar", row("barn_lag_ek_standard", value=30.0, **worse)),
            ("tidiga_ar", row("barn_ekonomiskt_bistand", value=29.0, **worse)),
            ("tidiga_ar", row("barn_lagutbildade_foraldrar", value=28.0, **worse)),
            ("forsorjning", row("langtidsarbetslosa", value=12.0, **worse))]
    named = [i.indicator.id for i in glance.select(rows)["concern"]]
    assert named[:2] == ["barn_lag_ek_standard", "barn_ekonomiskt_bistand"] and "langtidsarbetslosa" in named


def test_an_honest_page_when_nothing_is_significantly_worse():
    rows = [("tidiga_ar", row("barn_lag_ek_standard", verdict_riket="better", value=6.0, riket=17.0)),
            ("skolaldern", row("meritvarde_ak9", value=190.0, riket=230.0, verdict_riket="worse",
                               verdict_method="spread", rank=260))]
    items = glance.select(rows)
    assert not items["concern"] and [i.indicator.id for i in items["watch"]] == ["meritvarde_ak9"]
    html = glance.page("Exempelby", items, 1, set())
    assert "Den enda indikatorn där osäkerheten kan beräknas är inte statistiskt säkerställt sämre" in html
    assert "Ingen av de tre indikatorerna" in glance.page("Exempelby", items, 3, set())
    assert "Att bevaka" in html and "Mer i bilagan" in html


def test_a_shared_place_is_said_as_such_and_no_strength_is_one_honest_line():
    rows = [("miljoer", row("valdeltagande", value=82.0, riket=80.0, verdict_riket="better", rank=115,
                            rank_to=148, ranked=287, trend="worse"))]
    items = glance.select(rows)
    assert not items["strength"]  # the median kommun, getting worse: no strength
    html = glance.page("Exempelby", items, 1, set())
    assert "Ingen indikator är tydligt bättre än i riket" in html
    concern = row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222, rank_to=230)
    assert "delad plats 222–230 av 290" in glance.sentence(glance.select([("tidiga_ar", concern)])["concern"][0])


def test_a_gap_on_page_two_says_who_is_higher_and_must_stand_on_its_own():
    larger = dict(sex_gap=-4.3, sex_gap_riket=-2.1, sex_gap_versus="larger", sex_gap_sure=True, spread=2.0)
    items = glance.select([("forsorjning", row("sysselsattning", **larger))])
    assert glance.sentence(items["gap"][0]) == ("Sysselsättningsgrad 20–64 år: 4,3\xa0procentenheter högre bland män, "
                                                "mot 2,1\xa0procentenheter högre bland män i riket.")
    unsure = {**larger, "sex_gap_sure": False}  # within its own interval: not among the largest gaps
    assert not glance.select([("forsorjning", row("sysselsattning", **unsure))])["gap"]


def test_a_concern_says_what_changed_and_who_can_act():
    concern = row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222,
                  previous_year=2021, previous_value=26.1)
    item = glance.select([("tidiga_ar", concern)])["concern"][0]
    assert glance.sentence(item).startswith("Barn 0–19 år med låg ekonomisk standard: 24,0\xa0% mot 17,0\xa0% i "
                                            "riket (från 26,1\xa0% 2021), plats 222 av 290.")
    assert glance.who_can_act(item).startswith("Kan påverkas av kommunen (socialnämnden")
    html = glance.page("Exempelby", {**glance.select([("tidiga_ar", concern)])}, 1, set())
    assert 'class="jamlik-actors">Kan påverkas av kommunen' in html
    crossed = {**concern, "crossed_riket": True, "previous_value": 16.0}
    crossed_item = glance.select([("tidiga_ar", crossed)])["concern"][0]
    assert "År 2021 var värdet bättre än rikets." in glance.sentence(crossed_item)
    goal = {**concern, "goal_committee": "Socialnämnden"}
    assert glance.who_can_act(glance.select([("tidiga_ar", goal)])["concern"][0]) == \
        "Ansvarig enligt kommunens mål: Socialnämnden."


def test_concern_ranks_cover_the_whole_document():
    from jamlik.statistics import findings

    worse = dict(verdict_riket="worse", riket=10.0, rank=280)
    rows = [row("barn_lag_ek_standard", value=30.0, **worse), row("langtidsarbetslosa", value=12.0, **worse),
            row("barn_lag_ek_standard", value=30.0, **worse)]  # shown by two themes, ranked once
    assert findings.concern_ranks(rows) == {"barn_lag_ek_standard": 1, "langtidsarbetslosa": 2}


def test_health_opens_page_two_with_life_expectancy_and_ohalsotal():
    le = dict(verdict_riket="worse", verdict_method="spread", trend="better", trend_window="2012-2022", year=2022)
    rows = [("oversikt", row("medellivslangd_kvinnor", value=83.4, riket=84.6, **le)),
            ("oversikt", row("medellivslangd_man", value=80.5, riket=81.1, **le)),
            ("forsorjning", row("ohalsotal", value=34.5, riket=22.0, verdict_riket="worse", trend="similar",
                                year=2022)),
            ("oversikt", row("sjalvskattad_halsa", value=70.0, riket=73.0, verdict_riket="none"))]
    items = glance.select(rows)
    assert [i.indicator.id for i in items["health"]] == ["medellivslangd_kvinnor", "medellivslangd_man", "ohalsotal"]
    assert glance.sentence(items["health"][0]) == ("Medellivslängd kvinnor: 83,4\xa0år mot 84,6\xa0år i riket "
                                                   "(2018–2022), märkbart sämre än i riket; sedan 2008–2012 en "
                                                   "förbättring.")
    html = glance.page("Exempelby", items, 1, set())
    assert html.index("Hälsan") < html.index("Det mest allvarliga")


def test_the_largest_gaps_are_the_largest_beyond_riket_not_the_largest_ratio():
    tiny = row("langvarigt_bistand", sex_gap=0.3, sex_gap_riket=0.0, sex_gap_versus="larger", sex_gap_sure=True,
               spread=0.8)
    wide = row("gymnasieexamen_3ar", sex_gap=13.4, sex_gap_riket=5.8, sex_gap_versus="larger", sex_gap_sure=True,
               spread=6.0)
    items = glance.select([("forsorjning", tiny), ("skolaldern", wide)])
    assert [i.indicator.id for i in items["gap"]] == ["gymnasieexamen_3ar", "langvarigt_bistand"]


@pytest.mark.parametrize("fixed, compacted, pages, last", [
    (25, 15, 19, ((("tidiga_ar", "i0"), ("miljoer", "m0")), True)),  # compact parts make room for the floor
    (25, 19, 23, ((("tidiga_ar", "i0"), ("miljoer", "m0")), True)),  # not even then: the floor all the same
    (12, 10, 20, ((("tidiga_ar", "i0"), ("miljoer", "m0"), ("tidiga_ar", "i1"), ("miljoer", "m1")), False)),
])
def test_every_theme_keeps_its_first_section_and_context_gives_way_first(monkeypatch, fixed, compacted, pages,
                                                                          last):
    """Once an endless search, then no section at all: a big city's fixed parts took more than the page
    budget. Every theme keeps its most serious section; the context parts give up their charts and tables
    before that; no other section is searched for when the floor fills the budget."""
    import types

    from jamlik.documents import council

    layouts = []

    def render(html):
        sections, compact = html
        layouts.append((tuple(sections), compact))
        return types.SimpleNamespace(pages=[None] * ((compacted if compact else fixed) + 2 * len(sections)))

    monkeypatch.setattr(council, "document", lambda kommun, year, loaded, annexes, sections, compact, tight=0: (
        sections, compact))
    monkeypatch.setattr(council.export, "render", render)
    chosen = [("tidiga_ar", "i0"), ("miljoer", "m0"), ("tidiga_ar", "i1"), ("miljoer", "m1"), ("tidiga_ar", "i2")]
    assert len(council._fitted(None, 2022, [], [], chosen).pages) == pages
    assert layouts[-1] == last


def test_page_two_is_trimmed_until_it_keeps_to_its_page(monkeypatch):
    """A page 2 that runs onto the next page moves every page reference after it: the next layout has
    page 2 trimmed (``glance.TRIMS``), and the trim holds for the layouts that follow. A document that
    fits is laid out again only when its page 2 runs over."""
    import types

    from jamlik.documents import council

    made = []

    def page(*anchors):
        return types.SimpleNamespace(anchors=dict.fromkeys(anchors, (0, 0)))

    def render(html):
        sections, tight = html
        made.append((len(sections), tight))
        spill = tight < 2  # this page 2 keeps to its page only at the second trim
        pages = [page(), page("i-korthet")] + ([page()] if spill else []) + [page("tema-oversikt")]
        return types.SimpleNamespace(pages=pages + [page()] * (7 * len(sections)))

    monkeypatch.setattr(council, "document", lambda kommun, year, loaded, annexes, sections, compact, tight=0: (
        sections, tight))
    monkeypatch.setattr(council.export, "render", render)
    chosen = [("tidiga_ar", "i0"), ("miljoer", "m0"), ("tidiga_ar", "i1")]
    council._fitted(None, 2022, [], [], chosen)
    # three sections run over 20 pages, so the next layout has fewer sections and is trimmed at once;
    # its page 2 still runs over, so it is trimmed again; the two first sections (each theme's) then fit
    assert made == [(3, 0), (2, 1), (2, 2)]
    assert council.page_two_runs_over(render(([], 0))) and not council.page_two_runs_over(render(([], 2)))
    made.clear()
    council._fitted(None, 2022, [], [], chosen[:1])  # 11 pages with its spill: laid out again, trimmed twice
    assert made == [(1, 0), (1, 1), (1, 2)]


def test_a_strength_holds_for_every_place_it_shares():
    better = dict(value=84.0, riket=80.0, verdict_riket="better", ranked=287)
    shared = row("valdeltagande", rank=56, rank_to=81, **better)  # places 56–81 reach the second quarter
    assert not glance.select([("miljoer", shared)])["strength"]
    alone = row("valdeltagande", rank=56, rank_to=56, **better)
    assert glance.select([("miljoer", alone)])["strength"]


def test_pagination_moves_a_whole_section_to_the_next_page_and_keeps_each_block_s_offset():
    from jamlik.documents import pagination

    children = [("", False, 50.0), ("ind-a", True, 60.0), ("ind-b", True, 60.0)]
    assert pagination._paginate(100.0, children) == 3  # neither section fits beside what is above it
    assert pagination._paginate(100.0, children[:1] + children[2:]) == 2
    assert pagination._paginate(100.0, [("", False, 250.0)]) == 3  # a splittable part runs on
    # the block took 4 real pages where the model says 3: dropping a section keeps that one page
    model = pagination.Model(100.0, [pagination.Block(4, children), pagination.Block(1, [("", False, 10.0)])])
    assert model.pages(set()) == 5 and model.pages({"ind-a"}) == 4 and model.pages({"ind-a", "ind-b"}) == 3
    assert pagination.measure(object()) is None  # a layout it cannot read: no prediction
    # a context part of 150 px whose charts and tables (100 px) a compact document strips
    context = pagination.Model(100.0, [pagination.Block(2, [("", False, 150.0, 100.0), ("ind-a", True, 40.0)])])
    assert context.pages(set()) == 2 and context.pages(set(), compact=True) == 1
    # the page the model missed (a chart kept whole) goes with the charts a compact document strips
    gapped = pagination.Model(100.0, [pagination.Block(3, [("", False, 150.0, 100.0), ("ind-a", True, 40.0)])])
    assert gapped.pages(set()) == 3 and gapped.pages(set(), compact=True) == 1


def test_a_health_line_always_says_how_it_developed():
    """Page 2's health lines give the development, or say why there is none (defect 3)."""
    ind = catalog.indicator("medellivslangd_kvinnor")
    small = row(ind.id, value=83.1, riket=84.6, year=2022, small_numbers=True, verdict_riket="none",
                verdict_method="none", trend="none", trend_window="")
    assert glance._health_sentence(ind, small) == (
        "Medellivslängd kvinnor: 83,1\xa0år mot 84,6\xa0år i riket (2018–2022), få fall eller liten kommun, så värdet "
        "jämförs inte med riket, och utvecklingen bedöms inte.")
    judged = {**small, "small_numbers": False, "verdict_riket": "worse", "verdict_method": "spread",
              "trend": "better", "trend_window": "2012-2022"}
    assert glance._health_sentence(ind, judged).endswith("märkbart sämre än i riket; sedan 2008–2012 en förbättring.")
