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


def test_concerns_follow_one_ranking_sure_before_marked_and_name_numbers():
    rows = [("tidiga_ar", row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222)),
            ("tidiga_ar", row("barn_ekonomiskt_bistand", value=8.5, riket=4.6, verdict_riket="worse", rank=251,
                              red_red=True, trend="worse", previous_year=2021, previous_value=8.0,
                              latest_direction="higher")),
            ("skolaldern", row("meritvarde_ak9", value=190.0, riket=230.0, verdict_riket="worse",
                               verdict_method="spread", rank=260))]
    items = glance.select(rows)
    # one ranking (docs/bedomning.md §5): by the interval before by the spread, then the furthest from Riket
    assert [i.indicator.id for i in items["concern"]] == ["barn_lag_ek_standard", "barn_ekonomiskt_bistand",
                                                          "meritvarde_ak9"]
    text = glance.sentence(items["concern"][1])
    assert text.startswith("Barn i familjer med ekonomiskt bistånd: 8,5\xa0% (från 8,0\xa0% 2021), sämre än "
                           "riket (4,6\xa0%); plats 251 av 290.")
    assert "på väg åt fel håll" in text
    assert "märkbart sämre än riket (230,0\xa0poäng; osäkerheten kan inte beräknas)" in glance.sentence(
        items["concern"][2])


def test_the_worst_tenth_comes_first_within_a_level():
    rows = [("tidiga_ar", row("barn_lag_ek_standard", value=30.0, riket=17.0, verdict_riket="worse", rank=200)),
            ("forsorjning", row("sysselsattning_utrikes", value=50.0, riket=70.0, verdict_riket="worse", rank=290,
                                spread=20.0))]
    # child poverty lies further from Riket in standard deviations, but employment is at place 290 of 290
    assert [i.indicator.id for i in glance.select(rows)["concern"]] == ["sysselsattning_utrikes",
                                                                       "barn_lag_ek_standard"]


def test_a_small_group_s_interval_deficit_is_a_concern_with_its_size_instead_of_a_place():
    small = row("behorighet_yrkesprogram", value=58.8, riket=85.3, verdict_riket="worse", rank=None,
                small_numbers=True, position=0.99, people=112.0)
    items = glance.select([("skolaldern", small)])
    assert [i.indicator.id for i in items["concern"]] == ["behorighet_yrkesprogram"]
    assert "liten grupp, omkring 110 elever" in glance.sentence(items["concern"][0])


def test_every_concern_is_on_page_two_or_named_with_where_it_is():
    worse = dict(verdict_riket="worse", riket=10.0, rank=280)
    ids = ["barn_lag_ek_standard", "barn_ekonomiskt_bistand", "barn_lagutbildade_foraldrar", "langtidsarbetslosa",
           "lag_ek_standard_20_64", "langvarigt_bistand", "varaktigt_lag_inkomst", "unga_varken_arbetar_studerar"]
    rows = [(catalog.indicator(i).theme, row(i, value=30.0 - k, **worse)) for k, i in enumerate(ids)]
    planned = glance.plan(rows, "Exempelby", budget=60.0)  # far too little room: the floor of five still stands
    assert [i.indicator.id for i in planned.shown["concern"]] == ids[:5]
    assert [i.indicator.id for i in planned.omitted["concern"]] == ids[5:]
    # so little room that the line on what is left counts what is in the annexes instead of naming it
    assert planned.compact
    html = glance.page("Exempelby", planned, {"ind-forsorjning-langvarigt_bistand"})
    assert "Ytterligare tre allvarliga fynd: långvarigt ekonomiskt bistånd, vuxna (" in html
    assert 'href="#ind-forsorjning-langvarigt_bistand">sidan</a>' in html
    assert "En i bilagan ”Egen försörjning” och en i bilagan ”Skolåldern”." in html
    # with room, every item is named, under its annex where the document has no section for it
    named = glance._omitted_text(planned.omitted, lambda item: "")
    assert named == ("Ytterligare tre allvarliga fynd. I bilagan ”Egen försörjning”: långvarigt ekonomiskt bistånd, "
                     "vuxna; varaktigt låg inkomststandard, 25 år och äldre. I bilagan ”Skolåldern”: unga 16–24 år "
                     "som varken arbetar eller studerar.")
    roomy = glance.plan(rows, "Exempelby")
    assert len(roomy.shown["concern"]) == len(ids) and not any(roomy.omitted.values())
    # a kind the page shows none of is not "ytterligare" (Trelleborg: "Ytterligare två styrkor", none above)
    strengths = {"strength": planned.omitted["concern"][:2]}
    assert glance._omitted_text(strengths, lambda item: "", shown={"strength": []}).startswith(
        "Två styrkor får inte plats här. I bilagan ”Egen försörjning”:")


def test_an_honest_page_when_nothing_is_worse_and_in_the_worse_half():
    rows = [("tidiga_ar", row("barn_lag_ek_standard", verdict_riket="better", value=6.0, riket=17.0)),
            ("skolaldern", row("meritvarde_ak9", value=225.0, riket=230.0, verdict_riket="worse",
                               verdict_method="spread", rank=100))]
    planned = glance.plan(rows, "Exempelby")
    assert not planned.shown["concern"]
    html = glance.page("Exempelby", planned, set())
    assert "Ingen indikator är både sämre än riket och i den sämre halvan av kommunerna i Exempelby." in html
    assert "Sämre än riket men i den bättre halvan av kommunerna: meritvärde" in html


def test_a_shared_place_is_said_as_such_and_no_strength_qualifies_every_better():
    rows = [("miljoer", row("valdeltagande", value=82.0, riket=80.0, verdict_riket="better", rank=115,
                            rank_to=148, ranked=287, trend="worse")),
            ("forsorjning", row("ohalsotal", value=20.0, riket=22.0, verdict_riket="better", verdict_method="spread",
                                rank=60))]
    planned = glance.plan(rows, "Exempelby")
    assert not planned.shown["strength"]  # the median kommun, getting worse: no strength
    html = glance.page("Exempelby", planned, set())
    assert "Ingen styrka: ingen indikator är bättre än riket, i den bästa fjärdedelen" in html
    assert "Bättre än riket, men inte i den bästa fjärdedelen eller på väg att bli sämre: valdeltagande" in html
    assert "Märkbart bättre än riket (osäkerheten kan inte beräknas): ohälsotal" in html
    assert "tydligt" not in html
    concern = row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222, rank_to=230)
    assert "delad plats 222–230 av 290" in glance.sentence(glance.select([("tidiga_ar", concern)])["concern"][0])


def test_a_gap_on_page_two_says_who_is_higher_and_must_stand_on_its_own():
    larger = dict(sex_gap=-4.3, sex_gap_riket=-2.1, sex_gap_versus="larger", sex_gap_sure=True, spread=2.0)
    items = glance.select([("forsorjning", row("sysselsattning", **larger))])
    assert glance.sentence(items["gap"][0]) == ("Sysselsättningsgrad 20–64 år: 4,3\xa0procentenheter högre bland män, "
                                                "mot 2,1\xa0procentenheter högre bland män i riket.")
    merit = row("meritvarde_ak9", verdict_method="spread", sex_gap=28.0, sex_gap_riket=22.0, sex_gap_versus="larger",
                sex_gap_sure=True, spread=15.0)  # no interval: larger by the spread rule, so "märkbart" (§1)
    assert glance.sentence(glance.select([("skolaldern", merit)])["gap"][0]).endswith(
        "i riket. Märkbart större (osäkerheten kan inte beräknas).")
    unsure = {**larger, "sex_gap_sure": False}  # within its own interval: not among the largest gaps
    assert not glance.select([("forsorjning", row("sysselsattning", **unsure))])["gap"]


def test_a_concern_says_what_changed_and_who_can_act():
    concern = row("barn_lag_ek_standard", value=24.0, riket=17.0, verdict_riket="worse", rank=222,
                  previous_year=2021, previous_value=26.1)
    item = glance.select([("tidiga_ar", concern)])["concern"][0]
    assert glance.sentence(item).startswith("Barn 0–19 år med låg ekonomisk standard: 24,0\xa0% (från 26,1\xa0% "
                                            "2021), sämre än riket (17,0\xa0%); plats 222 av 290.")
    assert glance.who_can_act(item).startswith("Kan påverkas av kommunen (socialnämnden")
    html = glance.page("Exempelby", glance.plan([("tidiga_ar", concern)], "Exempelby"), set())
    assert 'class="jamlik-actors">Kan påverkas av kommunen' in html
    crossed = {**concern, "crossed_riket": True, "previous_value": 16.0}
    crossed_item = glance.select([("tidiga_ar", crossed)])["concern"][0]
    assert "År 2021 var värdet bättre än rikets." in glance.sentence(crossed_item)
    goal = {**concern, "goal_committee": "Socialnämnden"}
    assert glance.who_can_act(glance.select([("tidiga_ar", goal)])["concern"][0]) == \
        "Ansvarig enligt kommunens mål: Socialnämnden."


def test_a_trend_the_latest_change_goes_against_is_said_both_ways_and_is_no_worsening():
    # Botkyrka's long-term unemployment: the test over 2018–2022 rises through the 2020–21 peak, 2022 falls
    turned = row("langtidsarbetslosa", value=7.4, riket=3.8, verdict_riket="worse", rank=280, trend="worse",
                 trend_window="2018-2022", trend_first=6.0, trend_last=7.4, red_red=False, trend_turned=True,
                 previous_year=2021, previous_value=8.2, latest_direction="lower", trend_versus_riket="further")
    planned = glance.plan([("forsorjning", turned)], "Exempelby")
    text = glance.sentence(planned.shown["concern"][0])
    assert "på väg åt fel håll" not in text
    assert text.endswith("Värdet ökade från 2018 till 2021 men minskade till 2022 (8,2\xa0% → 7,4\xa0%).")
    worsening = {**turned, "verdict_riket": "similar"}
    assert not glance.plan([("forsorjning", worsening)], "Exempelby").shown["worsening"]
    confirmed = {**worsening, "trend_turned": False, "previous_value": 7.0, "latest_direction": "higher"}
    assert glance.plan([("forsorjning", confirmed)], "Exempelby").shown["worsening"]


def test_concern_ranks_cover_the_whole_document():
    from jamlik.statistics import findings

    worse = dict(verdict_riket="worse", riket=10.0, rank=280)
    rows = [row("barn_lag_ek_standard", value=30.0, **worse), row("langtidsarbetslosa", value=12.0, **worse),
            row("barn_lag_ek_standard", value=30.0, **worse)]  # shown by two themes, ranked once
    assert findings.concern_ranks(rows) == {"barn_lag_ek_standard": 1, "langtidsarbetslosa": 2}


def test_health_opens_page_two_with_life_expectancy_and_ohalsotal():
    le = dict(verdict_riket="worse", verdict_method="spread", trend="better", trend_window="2012-2022", year=2022,
              trend_method="spread", trend_certainty="marked")
    rows = [("oversikt", row("medellivslangd_kvinnor", value=83.4, riket=84.6, **le)),
            ("oversikt", row("medellivslangd_man", value=80.5, riket=81.1, **le)),
            ("forsorjning", row("ohalsotal", value=34.5, riket=22.0, verdict_riket="worse", trend="similar",
                                verdict_method="spread", trend_method="spread", year=2022)),
            ("oversikt", row("sjalvskattad_halsa", value=70.0, riket=73.0, verdict_riket="none"))]
    planned = glance.plan(rows, "Exempelby")
    assert [i.indicator.id for i in planned.shown["health"]] == ["medellivslangd_kvinnor", "medellivslangd_man",
                                                                 "ohalsotal"]
    assert glance.sentence(planned.shown["health"][0]) == (
        "Medellivslängd kvinnor: 83,4\xa0år (2018–2022), märkbart sämre än riket (84,6\xa0år; osäkerheten kan inte "
        "beräknas); sedan 2008–2012 en märkbar förbättring.")
    assert glance.sentence(planned.shown["health"][2]).endswith("sedan 2018 ingen märkbar förändring.")
    html = glance.page("Exempelby", planned, set())
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


def test_a_strength_is_in_the_quarter_where_most_of_its_tie_lies():
    better = dict(value=84.0, riket=80.0, verdict_riket="better", ranked=287)
    mostly_first = row("valdeltagande", rank=56, rank_to=81, **better)  # 17 of 26 places in the first quarter
    assert glance.select([("miljoer", mostly_first)])["strength"]
    mostly_second = row("valdeltagande", rank=60, rank_to=90, **better)  # 13 in the first, 18 in the second
    assert not glance.select([("miljoer", mostly_second)])["strength"]
    marked = row("valdeltagande", rank=10, verdict_method="spread", **better)  # märkbart bättre: no strength
    assert not glance.select([("miljoer", marked)])["strength"]


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


def test_foresight_flows_each_block_whose_page_before_a_flow_leaves_short_and_no_more():
    """``pagination.foresee``: a theme flowing on moves the end of its last page, which can leave that
    page short in turn; the model finds the whole chain at once, and says nothing where it has
    missed something in a block (its pages are not the layout's)."""
    from jamlik.documents import pagination
    from jamlik.documents.pagination import Block, Breaks, Model

    def model(c_pages: int = 1) -> Model:
        return Model(1000.0, [Block(1, [("", False, 600.0)]),  # ends at 60 %
                              Block(2, [("", False, 1300.0)], "b"),  # ends at 30 %: c flows on from it
                              Block(c_pages, [("", False, 800.0)], "c"),  # flowing, ends at 13 %: d flows too
                              Block(1, [("", False, 500.0)], "d")])

    first = Breaks(frozenset({"c"}))  # what a layout asked for: c flows on from b's short page
    assert [round(p.share, 2) for p in model().fills(first)] == [0.6, 1.0, 1.0, 0.13, 0.5]
    assert pagination.foresee(model(), first) == Breaks(frozenset({"c", "d"}))
    assert pagination.foresee(model(c_pages=2), first) == first  # c is not what the model thinks: no guess
    assert pagination.foresee(None, first) == first
    # a section pushed whole from a short page may break, and every section too tall to fill a page
    pushed = Model(1000.0, [Block(2, [("", False, 50.0), ("ind-x", True, 400.0), ("ind-y", True, 560.0)], "b")])
    assert pagination.foresee(pushed, Breaks()) == Breaks(frozenset(), frozenset({"ind-y"}))
    # a section that may break does so between the parts that must stay together
    parts = ((350.0, False), (130.0, True))
    split = Model(1000.0, [Block(2, [("", False, 600.0), ("ind-y", True, 480.0, 0.0, parts)], "b")])
    assert [round(p.share, 2) for p in split.fills(Breaks(split=frozenset({"ind-y"})))] == [1.0, 0.08]


def test_a_health_line_always_says_how_it_developed():
    """Page 2's health lines give the level and the development, or say why there is none."""
    ind = catalog.indicator("medellivslangd_kvinnor")
    small = row(ind.id, value=83.1, riket=84.6, year=2022, small_numbers=True, verdict_riket="none",
                verdict_method="none", trend="none", trend_window="", unjudged_reason="population")
    assert glance._health_sentence(ind, small) == (
        "Medellivslängd kvinnor: 83,1\xa0år (2018–2022), kan inte bedömas (liten kommun); riket 84,6\xa0år, och "
        "utvecklingen bedöms inte.")
    judged = {**small, "small_numbers": False, "verdict_riket": "worse", "verdict_method": "spread",
              "trend": "better", "trend_window": "2012-2022", "trend_method": "spread", "trend_certainty": "marked"}
    assert glance._health_sentence(ind, judged).endswith(
        "märkbart sämre än riket (84,6\xa0år; osäkerheten kan inte beräknas); sedan 2008–2012 en märkbar förbättring.")


@pytest.mark.slow
@pytest.mark.parametrize("kommun", ["2403", "1782", "2583", "2085", "0127", "1480", "0180"])
def test_page_two_keeps_to_its_page_and_its_plan_measures_it(real_table, kommun):
    """Bjurholm, Filipstad, Haparanda, Ludvika, Botkyrka, Göteborg, Stockholm: page 2 as planned, laid out
    by WeasyPrint with the document's stylesheet, ends on its own page, and the plan's estimate is at most
    a few millimetres short of the layout (the budget keeps that much in reserve)."""
    from jamlik.base.paths import TEMPLATES
    from jamlik.data import areas
    from jamlik.documents import export, review

    r = review.Review.of(areas.kommun(kommun), 2022, real_table)
    anchors = {f"ind-{i.theme}-{i.indicator.id}" for found in list(r.plan.shown.values())
               + list(r.plan.omitted.values()) for i in found} | {a for _, _, a, *_ in r.plan.extras}
    css = (TEMPLATES / "jamlik" / "briefing.css").read_text(encoding="utf-8")
    targets = "".join(f'<p id="{a}">{a}</p>' for a in sorted(anchors))
    html = (f'<html lang="sv"><head><style>{css}</style></head><body><main><div class="jamlik-theme">'
            f'{glance.page(r.kommun.name, r.plan, anchors)}</div><div class="jamlik-theme">{targets}</div>'
            "</main></body></html>")
    laid = export.render(html)
    first_target = min(n for n, page in enumerate(laid.pages) if set(page.anchors) & anchors)
    assert first_target == 1, "page 2 ran onto another page"
    page = laid.pages[0]._page_box
    section = page.children[0].children[0].children[0].children[0]  # html > body > main > div > section
    last = section.children[-1]
    used = (last.position_y + last.margin_height() - section.children[0].position_y) * 25.4 / 96
    assert used <= glance.PAGE
    assert r.plan.height >= used - (glance.PAGE - glance.BUDGET), (r.plan.height, used)
    # a share in areas with socioeconomic challenges twice Riket's stays when the paragraphs give way, in
    # the fifth concern's place if need be (Filipstad, 52,9 %); where the floor fills the page it is named
    from jamlik.statistics import within
    from jamlik.writing import within_text

    share, riket = within.challenged_share(kommun), within.challenged_share(None)
    if share is not None and share >= within_text.CHALLENGED_FACTOR * riket:
        assert "i områden med socioekonomiska utmaningar" in r.page or (
            kommun != "1782" and "Skillnader inom kommunen" in r.page and r.plan.height > glance.BUDGET)



def test_a_page_ending_above_half_its_height_is_filled_by_the_block_or_section_after_it():
    """A short theme is followed on its page by the next one (instead of a page of its own), and a
    section too tall for what is left of a page breaks inside, its chart kept whole."""
    from jamlik.documents import export, pagination

    css = ("@page { size: A4; margin: 24mm 18mm 20mm 18mm; } .jamlik-theme { break-before: page; } "
           ".jamlik-theme.jamlik-flow { break-before: auto; } .jamlik-section { break-inside: avoid; } "
           ".jamlik-section.jamlik-split { break-inside: auto; }")
    tall = "".join(f'<p style="height: 18mm; margin: 0">rad {i}</p>' for i in range(8))  # 144 mm
    html = (f'<html lang="sv"><head><style>{css}</style></head><body><main>'
            '<div class="jamlik-theme"><p>Omslag</p></div>'
            f'<div class="jamlik-theme" data-theme="a"><p style="height: 80mm">kort tema</p></div>'
            f'<div class="jamlik-theme" data-theme="b"><p style="height: 120mm">sammanfattning</p>'
            f'<section class="jamlik-section" id="ind-b-x">{tall}</section><p>slut</p></div></main></body></html>')
    before = export.render(html)
    shares = pagination.filled(before)
    assert [round(s, 1) for s in shares] == [0.0, 0.3, 0.5, 0.6]  # cover, a, b's summary, b's section
    breaks = pagination.breaks_for(before)
    assert breaks == pagination.Breaks(frozenset({"a", "b"}), frozenset({"ind-b-x"}))
    after = export.render(pagination.with_breaks(html, breaks))
    assert all(s >= pagination.LEAST_FILL for s in pagination.filled(after)[:-1])
    assert pagination.with_breaks(html, pagination.Breaks()) == html
