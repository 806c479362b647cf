"""The parts of a theme briefing, each an HTML string made from the briefing's findings.

Every function takes the ``Briefing`` (``b``: its kommun, theme, findings and settings) and returns
the part's HTML, or "" when the part has nothing to show. They judge nothing: verdicts, trends,
gaps and goal status come from ``b.findings``.
"""

import re
from itertools import groupby

import pandas as pd

from jamlik.base.text import (
    CRC_ARTICLES,
    DEMO_BAND,
    MISSING,
    POLARITY_NOTE,
    QUARTILE_WORDS,
    UNITS,
    and_list,
    format_number,
    format_signed,
    lower_first,
    tidy,
)
from jamlik.charts import figures, maps, regso_map
from jamlik.data import areas, catalog, regso_outlines
from jamlik.data.within import AREA_TYPE_YEAR, SCHOOL_YEAR
from jamlik.data.within import SOURCES as WITHIN_SOURCES
from jamlik.documents import goal_page, kunskapsstod
from jamlik.statistics import area_maps, compare, gradients, group_health, within
from jamlik.statistics import goals as goals_module
from jamlik.statistics.findings import MARKED, SURE, Finding
from jamlik.writing import group_health_text, map_text, narrative, owners, within_text, words
from jamlik.writing.markup import element, figure, paragraphs, text_table
from jamlik.writing.narrative import trend_marker, verdict_marker


def header(b, source_line: str) -> str:
    """Cover line (kommun, län, theme, year, date, source), the län map, the demo band when needed,
    and the kommun's local note."""
    band = element("div", DEMO_BAND, "jamlik-demo-band", role="note") if b.is_demo else ""
    kicker = (f'<p class="jamlik-kicker">{element("span", b.kommun.name, "running-kommun")}'
              f' · {element("span", b.lan.name)} · '
              f'{element("span", b.theme.title, "running-theme")}</p>')
    lan_map = maps.lan_map(b.kommun)
    map_html = f'<div class="jamlik-map">{figure(lan_map.png, lan_map.alt, width_mm=lan_map.width_mm)}</div>' \
        if lan_map else ""
    note = ""
    if b.note:
        note = (f'<aside class="jamlik-note">{element("h2", f"Kommentar från {b.kommun.name}")}'
                f"{paragraphs(b.note.strip().split(chr(10) + chr(10)))}</aside>")
    return (band + map_html + kicker
            + element("h1", f"{b.theme.title} – {b.kommun.name} {b.year}", id=f"tema-{b.theme.id}")
            + element("p", source_line, "jamlik-meta") + note)


def summary(b) -> str:
    found = [b.findings[i.id] for i in b.indicators]
    rows = b.findings.rows(b.theme.id, [i.id for i in b.indicators])
    sentences = narrative.summary(found, rows, b.kommun.name, b.year)
    # kept on the page of the overview table that follows it, where the two fit on one (briefing.css)
    return (f'<div class="jamlik-summary-block">{element("h2", "Sammanfattning")}'
            f'{paragraphs(sentences, "jamlik-summary")}</div>')


def goals(b) -> str:
    """Mål och uppföljning (see ``goal_page``), with a small chart per goal."""
    found = [b.findings[i] for i in b.goals]
    with figures.demo_marked(b.is_demo):
        panels = figures.goal_panels([(f.result, f.goal) for f in found])
    images = "".join(figure(chart.png, chart.alt) for chart in panels)
    return goal_page.page(b.kommun.name, [f.goal for f in found], f"mal-{b.theme.id}", images)


UNIT_BREAK = re.compile("(\\d)\u00a0([a-zåäö])")
ABSENT_CLASS = "jamlik-definition jamlik-absent"  # the council document leaves these notes out


def overview_row(b, f: Finding) -> list[str]:
    r = f.result
    about = "ungefär " if r.uncertainty.approximate else ""
    value = r.indicator.show(r.value) + (f" ({about}{narrative.fmt_interval(r, r.ci)})"
                                         if narrative.shows_interval(r, r.ci) else "")
    if r.indicator.is_count:  # a count is not compared with the län's or Riket's sum
        lan_value = riket_value = median = verdict = "–"
    else:
        bench = {bm.label: bm.value for bm in r.benchmarks}
        lan_value, riket_value = r.indicator.show(bench.get(b.lan.name)), r.indicator.show(bench.get("riket"))
        median = "–" if r.indicator.lens in compare.AREA_SPECIFIC_LENSES else r.indicator.show(r.median)
        verdict = verdict_marker(r) if r.value is not None else MISSING
    # quartiles in words, and none where neither end is better
    quartile = f", {QUARTILE_WORDS[r.quartile]}" if r.rank and r.indicator.polarity != "neutral" else ""
    small = {"population": "liten kommun", "group": "liten grupp"}.get(r.uncertainty.small_reason, "få fall")
    unknown = r.indicator.is_survey and r.ci is None and r.value is not None
    shared = f"–{r.rank_to}" if r.rank_to and r.rank_to > r.rank else ""  # a range is a shared place
    rank = f"{r.rank}{shared} av {r.ranked}{quartile}" if r.rank \
        else small if r.small_numbers else "okänd felmarginal" if unknown else "–"
    cells = [value, lan_value, riket_value, median]
    cells = [UNIT_BREAK.sub(r"\1 \2", c) for c in cells]  # "230,0 poäng" may wrap before "poäng"
    return [r.indicator.title, r.period or "–", *cells, rank, verdict,
            trend_marker(f.trend, f) if r.value is not None else "–"]


def overview(b) -> str:
    """Every judged indicator of the theme: value with its interval, län, Riket, the median kommun,
    rank, comparison and development, with markers that are text and shape, not colour alone; the
    spine chart; then the context indicators in a "Bakgrund" table, never on a better/worse axis."""
    everything = [b.findings[i.id] for i in b.indicators]
    # an indicator the bundled snapshot lacks is named once below the table, not as a row of gaps
    found = [f for f in everything if f.result.status != compare.ABSENT_STATUS]
    absent = [f.indicator.title for f in everything if f.result.status == compare.ABSENT_STATUS
              and not narrative.is_imported_only(f.indicator)]
    not_read = [f.indicator.title for f in everything if f.result.status == compare.ABSENT_STATUS
                and narrative.is_imported_only(f.indicator)]
    judged = [f for f in found if f.indicator.polarity != "neutral"]
    context = [f for f in found if f.indicator.polarity == "neutral"]
    header_row = ["Indikator", "År", f"{b.kommun.name} (95 % KI)", "Länet", "Riket", "Mitt\u00adkommun",
                  "Placering", "Jämfört med riket", "Utveckling"]
    rows = [overview_row(b, f) for f in judged]
    with figures.demo_marked(b.is_demo):
        spine = figures.spine([f.result for f in judged])
    spine_html = figure(spine.png, spine.alt, "Kommunens värde (symbol) mot riket (mittlinjen) och "
                        "spridningen mellan alla kommuner (ljusgrått; mörkgrått är mittersta hälften). "
                        "Ofyllda symboler: skillnaden är bedömd utan konfidensintervall.") if spine else ""
    background = ""
    if context:
        head = ["Indikator", "År", b.kommun.name, "Länet", "Riket", "Mittkommun", "Jämfört med riket"]
        body = [row[:2] + [row[2]] + row[3:6] + [row[7]] for row in (overview_row(b, f) for f in context)]
        background = text_table(head, body, "jamlik-table jamlik-background",
                                caption="Bakgrund: befolkningen och andra förhållanden som varken är bättre "
                                        "eller sämre i sig")
    table_html = text_table(header_row, rows, "jamlik-table jamlik-overview") if rows else ""
    lacking = and_list([lower_first(t) for t in absent]) if absent else ""
    note = element("p", f"Ingår inte i den medföljande ögonblicksbilden av Kolada: {lacking}.",
                   ABSENT_CLASS) if absent else ""
    if not_read:  # the workspace's own indicators without values yet (the notebook tells the analyst how)
        note += element("p", f"Inga värden är inlästa ännu för {and_list([lower_first(t) for t in not_read])}.",
                        ABSENT_CLASS)
    # the heading stays with its table, which follows the summary on its page and, where the page ends
    # first, goes on on the next with its header repeated (never a half-empty page between the summary
    # and its table); the spine chart follows on the same page where it fits
    return f'{element("h2", "Översikt")}{table_html}{spine_html}' + note + background


def indicator(b, f: Finding) -> str:
    """Heading, chart (trend and peers), the sentences and a small table for one indicator; under one
    worse than Riket, what has been shown to work (``kunskapsstod``)."""
    ind, r = f.indicator, f.result
    # the section's definition is the catalog's; how a snapshot value was made is in "Om statistiken"
    definition = f"{tidy(ind.definition)} {POLARITY_NOTE[ind.polarity].capitalize()}.".strip()
    if ind.own:  # an indicator added locally names its source where it is shown
        definition += f" Källa: {ind.credit}" + (f", {ind.source_id}" if ind.source_id else "") + "."
    parts = [element("h3", ind.title, "jamlik-indicator"), element("p", definition, "jamlik-definition")]
    if narrative.rights_line(ind):
        parts.append(element("p", narrative.rights_line(ind), "jamlik-definition jamlik-rights"))
    with figures.demo_marked(b.is_demo):
        chart = figures.indicator_chart(f)
    if chart:
        parts.append(figure(chart.png, chart.alt))
    parts.append(element("p", narrative.indicator_text(f, b.year), "jamlik-sentence"))
    if f.goal:
        parts.append(element("p", goals_module.sentence(f.goal), "jamlik-sentence jamlik-goal"))
    if not r.history.dropna(subset=["value"]).empty:
        caption = f"{ind.title}, {UNITS[ind.unit][1]}"
        if r.history["ci_low"].notna().any():
            caption += " (95 % konfidensintervall inom parentes)"
        head, rows = figures.table_for(f)
        parts.append(text_table(head, rows, "jamlik-table jamlik-trend", caption))
    if kunskapsstod.worse_than_riket(r):  # what has been shown to work, and who can act on it
        parts.append(kunskapsstod.box(b.evidence_for(ind.id), owners.who_can_act(ind.actors, b.committees)))
    return f'<section class="jamlik-section" id="{b.anchor(ind.id)}">{"".join(parts)}</section>'


def own_heading(b) -> str:
    """The heading over the workspace's own indicators (``Briefing.show_own_indicators``)."""
    return (element("h2", "Egna indikatorer") + element(
        "p", "Indikatorer som har lagts till lokalt, utöver jamliks gemensamma urval. De bedöms med samma metoder; "
             "källan står under varje indikator.", "jamlik-definition"))


def sex_gaps(b) -> str:
    """Women and men side by side for every indicator of the theme where a gap between them means
    something, against Riket's gap."""
    found = [f for f in (b.findings[i.id] for i in b.indicators) if f.indicator.sex_gap and f.sex_gap is not None]
    with figures.demo_marked(b.is_demo):
        chart = figures.sex_gaps(found)
    if not chart:
        return ""
    labels = {f.indicator.sex_labels for f in found}
    headings = {frozenset({"flickor/pojkar"}): "Flickor och pojkar", frozenset({"kvinnor/män"}): "Kvinnor och män"}
    heading = headings.get(frozenset(labels), "Kvinnor och män, flickor och pojkar")
    # each indicator's own section says its gap in words; here the chart and, as its caption (kept on the
    # chart's page, never a page of its own), a line on how to read it
    note = ("Varje rad visar kommunens värden för båda könen (fyllda symboler) och rikets (ofyllda). "
            "Skillnaden och om den är större än i riket står under varje indikator.")
    return element("h2", heading) + figure(chart.png, chart.alt, note)


def group_gap(b, gap_id: str) -> str:
    """The gap between two social groups (e.g. born in Sweden or abroad), against Riket's gap."""
    g = catalog.group_gap(gap_id)
    first, second, own = b.findings.group_gap(gap_id)
    if own is None:
        text = narrative.missing_sentence(first if first.value is None else second, b.year)
    else:
        text = narrative.gap_sentence(first, own, g.first_label, g.second_label)
    return f'<section class="jamlik-section">{element("h3", g.title)}{element("p", text, "jamlik-sentence")}</section>'


def child_vulnerability(b, indicator_ids: list[str]) -> str:
    """Children's economic vulnerability at a glance: each share, the number of children it means in
    the kommun, the place among all kommuner, the comparison with Riket and the development."""
    header_row = ["Indikator", "År", "Andel (95 % KI)", "Ungefär antal barn", "Riket", "Placering",
                  "Jämfört med riket", "Utveckling"]
    rows, sentences = [], []
    for ind_id in indicator_ids:
        f = b.findings[ind_id]
        r = f.result
        if r.value is None:
            missing = narrative.ABSENT_SHORT if r.status == compare.ABSENT_STATUS else MISSING
            rows.append([r.indicator.title, "–", missing, "–", "–", "–", "–", "–"])
            continue
        children = narrative.children_count(r)
        row = overview_row(b, f)
        rows.append([row[0], row[1], row[2], children or "–", row[4], row[6], row[7], row[8]])
        if children:
            sentences.append(narrative.children_sentence(r, children))
    return (element("h3", "Barns ekonomiska utsatthet i korthet")
            + text_table(header_row, rows, "jamlik-table jamlik-overview jamlik-children",
                         caption="Antalet barn är andelen av kommunens barn i åldern, avrundat till tiotal")
            + paragraphs(sentences, "jamlik-sentence"))


def equity_profile(b) -> str:
    """Jämlikhetsprofil: one table of every gap between groups, the kommun's against Riket's, whether
    it is larger and how it changed; one chart; a few sentences on what stands out."""
    found = b.equity_gaps()
    if not found:
        return ""
    def change_words(gap) -> str:  # the words of ``narrative.gap_sentence``, short
        if gap.change == "unchanged":
            return words.no_change(SURE if gap.ci is not None else MARKED)
        return {"growing": "ökar", "shrinking": "minskar", "turned": "bytt riktning", None: "–"}[gap.change]

    rows = [[label, narrative.signed_difference(r, gap.shown) + (f" ({narrative.fmt_gap_interval(r, gap.ci)})"
                                                                 if gap.ci else ""),
             narrative.signed_difference(r, gap.riket_shown) if gap.riket_shown is not None else MISSING,
             words.GAP_VERSUS_CELLS[gap.versus_riket], change_words(gap)] for label, r, gap in found]
    caption = "Skillnader mellan grupper: första gruppen minus den andra, i indikatorns enhet"
    table_html = text_table(["Skillnad", b.kommun.name, "Riket", "Jämfört med riket", "Utveckling"], rows,
                            "jamlik-table jamlik-equity", caption=caption)
    with figures.demo_marked(b.is_demo):
        chart = figures.gaps([figures.GapRow(label, r.indicator.unit, gap) for label, r, gap in found
                              if r.indicator.unit in ("procent", "ar")], b.kommun.name)
    return (element("h2", "Jämlikhetsprofil") + paragraphs(narrative.equity_sentences(found), "jamlik-summary")
            + f'<div class="jamlik-keep">{table_html}</div>' + figure(chart.png, chart.alt))


def child_rights(b) -> str:
    """Barnrättsperspektiv: the child-relevant indicators of every theme, by article of
    barnkonventionen, each with its value, its comparison with Riket and its development."""
    rows = []
    for article, name in CRC_ARTICLES.items():
        first = True  # the article is named once, on the first row of its group
        for ind in catalog.indicators().values():
            if article not in ind.articles or not ind.shown or ind.id in b.excluded:
                continue
            f = b.findings[ind.id]
            r = f.result
            value = f"{r.indicator.show(r.value)} ({r.period})" if r.value is not None \
                else narrative.ABSENT_SHORT if r.status == compare.ABSENT_STATUS else MISSING
            rows.append([f"Artikel {article}: {name}" if first else "", ind.title, value,
                         verdict_marker(r) if r.value is not None else "–",
                         trend_marker(f.trend, f) if r.value is not None else "–"])
            first = False
    if not rows:
        return ""
    lead = ("Barnkonventionen är svensk lag sedan 2020. Tabellen visar vad indikatorerna säger om barnens "
            f"rättigheter i {b.kommun.name}, artikel för artikel; en indikator kan belysa flera artiklar.")
    header_row = ["Artikel", "Indikator", b.kommun.name, "Jämfört med riket", "Utveckling"]
    return (element("h2", "Barnrättsperspektiv", "jamlik-rights-page") + element("p", lead)
            + text_table(header_row, rows, "jamlik-table jamlik-rights"))


def gradient(b, gradient_id: str) -> str:
    """A social gradient (turnout by income quintile): the groups for the kommun and Riket, the slope
    and relative index of inequality with their intervals beside Riket's and the län's, and the
    change since the previous published point."""
    d = gradients.definition(gradient_id)
    first = b.findings[d.indicators[0]].result
    heading = element("h3", d.title)
    comparison = b.findings.gradient(gradient_id)
    if comparison is None:
        return (f'<section class="jamlik-section">{heading}'
                f'{element("p", narrative.missing_sentence(first, b.year), "jamlik-sentence")}</section>')
    own, riket, lan = comparison.own, comparison.riket, comparison.lan
    series = {b.kommun.name: own.values, **({"Riket": riket.values} if riket else {})}
    with figures.demo_marked(b.is_demo):
        chart = figures.gradient(d.title, d.labels, series, first.indicator.unit)
    text = narrative.gradient_text(first, d, comparison)
    rows = [[name, *[first.indicator.show(v) for v in g.values], narrative.fmt_sii(g.gradient.sii),
             narrative.fmt_rii(g.gradient.rii)]
            for name, g in ((b.kommun.name, own), (b.lan.name, lan), ("Riket", riket)) if g]
    table_html = text_table(["", *d.labels, "SII (95 % KI)", "RII (95 % KI)"], rows, "jamlik-table jamlik-trend",
                            caption=f"{d.title} {own.year}, {UNITS[first.indicator.unit][1]}")
    return (f'<section class="jamlik-section" id="{b.anchor(gradient_id)}">{heading}'
            f'{figure(chart.png, chart.alt)}{element("p", text, "jamlik-sentence")}{table_html}</section>')


def population_pyramid(b) -> str:
    """Population by age and sex (SCB), against Riket; left out until SCB data are fetched."""
    ages = [i for i in b.findings.indicator_ids() if i.startswith(figures.POPULATION_PREFIX)]
    if not ages:  # the bundled snapshot has none: no need to look through the whole store
        return ""
    population = pd.concat([b.findings.rows_of(i) for i in ages])
    population = population[population["year"] <= b.year]
    own = population[population["area"] == b.kommun.code]
    if own.empty:  # a section without data is left out (SCB's population by age is fetched separately)
        return ""
    year = int(own["year"].max())
    riket = population[(population["area"] == areas.RIKET) & (population["year"] == year)]
    with figures.demo_marked(b.is_demo):
        chart = figures.pyramid(own[own["year"] == year], b.kommun.name, riket)
    source = element("p", f"Källa: SCB, folkmängd {year} (tabell TAB6471).", "jamlik-definition")
    return element("h3", "Befolkning efter ålder och kön") + (figure(chart.png, chart.alt) if chart else "") + source


def themes_summary(b) -> str:
    """For the overview: each theme's standing against Riket and its development, one row each."""
    header_row = ["Tema", "Indikatorer", "Bättre", "I nivå med", "Sämre", "Bedöms inte", "Förbättrade",
                  "Försämrade"]
    rows = []
    for theme in catalog.themes().values():
        if theme.id == "oversikt":
            continue
        found = [b.findings[i.id] for i in theme.indicators if i.id not in b.excluded]
        judged = [f for f in found if f.result.value is not None and f.result.riket
                  and f.indicator.polarity != "neutral"]
        verdicts = [f.result.riket.verdict for f in judged]
        developments = [f.trend.verdict for f in judged if f.trend]
        rows.append([theme.title, str(len(judged)), *(str(verdicts.count(v)) for v in ("better", "similar", "worse")),
                     str(verdicts.count(None)), str(developments.count("better")), str(developments.count("worse"))])
    return element("h2", "Alla teman i korthet") + text_table(
        header_row, rows, "jamlik-table jamlik-themes",
        caption="Antal indikatorer jämfört med riket och utveckling de senaste åren")


def within_kommun(b) -> str:
    """Skillnader inom kommunen: turnout per valdistrikt with intervals, the RegSO areas on maps and in a
    table, the schools; one honest sentence where a kommun has one district, one school or two areas."""
    code, name = b.kommun.code, b.kommun.name
    parts = [element("h2", "Skillnader inom kommunen", id="inom-kommunen")]
    t = within.turnout(code)
    parts.append(element("h3", f"Valdeltagande per valdistrikt, riksdagsvalet {t.year if t else ''}".strip()))
    parts.append(paragraphs(within_text.turnout_sentences(name, t), "jamlik-sentence"))
    headline = b.findings["valdeltagande"].result
    if t and headline.value is not None:  # one headline turnout in the document: kommunalvalet's, from Kolada
        parts.append(element("p", within_text.headline_note(headline.indicator.show(headline.value), headline.year),
                             "jamlik-definition"))
    if t and len(t.districts) > 1:
        rows = [(d.name, d.turnout.value, d.turnout.lower, d.turnout.upper) for d in t.districts]
        with figures.demo_marked(False):  # real counts from Valmyndigheten, whatever the store holds
            chart = figures.within_dots(f"valdeltagande per valdistrikt {t.year}", "procent", rows,
                                        {name: t.kommun, "Riket": t.riket})
        parts.append(figure(chart.png, chart.alt))
        if len(t.districts) > figures.NAMED_ROWS:  # the chart cannot name them all: the two ends in a table
            listed = t.districts[:10] + t.districts[-10:]
            parts.append(text_table(
                ["Valdistrikt", "Röstberättigade", "Valdeltagande (95 % KI)"],
                [[d.name, format_number(d.eligible), f"{within_text.pct(d.turnout.value)} "
                  f"({format_number(d.turnout.lower, 1)}–{format_number(d.turnout.upper, 1)})"] for d in listed],
                "jamlik-table jamlik-within", f"De tio lägsta och de tio högsta av {len(t.districts)} valdistrikt "
                f"{t.year}; alla finns i CSV-filen"))
    areas_found = within.areas(code)
    parts.append(element("h3", "Områden (RegSO)"))
    parts.append(paragraphs(within_text.areas_sentences(name, areas_found, within.challenged_share(code),
                                                        within.challenged_share(None)), "jamlik-sentence"))
    parts.append(area_maps_html(code, name, [area_maps.area_map(code, m) for m in area_maps.MEASURES]))
    if len(areas_found) > 2:
        listed = _ends(areas_found)
        parts.append(text_table(
            ["Område", "Invånare", "Födda utomlands", "Inkomst av arbete, medel (tkr)", "Hyresrätt", "Bostadsrätt",
             "Äganderätt", "Områdestyp"],
            [[a.name, format_number(a.population), within_text.pct(a.born_abroad), format_number(a.wage_income, 1),
              within_text.pct(a.rented), within_text.pct(a.owned_flat), within_text.pct(a.owned_house),
              str(a.area_type or "–")] for a in reversed(listed)], "jamlik-table jamlik-within",
            f"{_which(listed, areas_found, 'områden')} {areas_found[0].year}, högst inkomst först; bostäder efter "
            f"upplåtelseform, områdestyp enligt SCB {AREA_TYPE_YEAR} (1–2: socioekonomiska utmaningar)"))
    found_schools = within.schools(code)
    parts.append(element("h3", f"Skolor med årskurs 9, läsåret {SCHOOL_YEAR}"))
    parts.append(paragraphs(within_text.schools_sentences(name, found_schools), "jamlik-sentence"))
    if len(found_schools) > 1:
        # a long list: the ends among the schools with a published merit value
        listed = _ends([sc for sc in found_schools if sc.merit_value is not None]) \
            if len(found_schools) > 2 * ENDS + 5 else found_schools
        parts.append(text_table(["Skolenhet", "Huvudman", "Elever", "Meritvärde", "Behöriga till yrkesprogram (%)"],
                                [[sc.name, sc.huvudman_type.lower(), sc.pupils, sc.merit, sc.eligible]
                                 for sc in listed], "jamlik-table jamlik-within",
                                f"{_which(listed, found_schools, 'skolenheter')} med årskurs 9 "
                                f"läsåret {SCHOOL_YEAR}, lägst meritvärde först"))
    parts.append(_own_areas(b))
    sources = "; ".join(WITHIN_SOURCES.values())
    parts.append(element("p", f"Källor: {sources}. Kartornas gränser: SCB, {regso_outlines.VERSION}.",
                         "jamlik-definition"))
    return f'<section class="jamlik-section jamlik-within" id="del-inom-kommunen">{"".join(parts)}</section>'


# the maps and their notes, which a compact council document leaves to the annex (``council``)
MAPS_START, MAPS_END = "<!--jamlik:maps-->", "<!--/jamlik:maps-->"
COUNCIL_MAP_AREAS = 5  # fewer areas: the council document leaves the maps to the annex (the table says it)


def area_maps_html(code: str, name: str, maps: list, source: str = "") -> str:
    """The kommun's areas on maps (``charts.regso_map``): three small maps side by side for a kommun of few
    areas, one map across the page per measure for more; a sentence instead for two areas or fewer.
    Under each: the source, and a note for every area whose outline and values do not simply meet."""
    outlines = regso_outlines.outlines(code)
    drawn = [o for o in outlines if o.geometry is not None]
    if len(drawn) <= 2:
        return element("p", within_text.no_map_sentence(name, len(drawn)), "jamlik-definition")
    notes = map_text.notes(name, list(outlines))
    shadings = [map_text.shading(name, m, len(drawn)) for m in maps]
    with figures.demo_marked(False):  # SCB's values (or the analyst's), whatever the store holds
        if len(drawn) <= regso_map.PANEL_AREAS:
            found = [regso_map.panels(code, shadings)]
            captions = [f"{map_text.key_line(found[0].numbered)} {map_text.source_line(maps, source)}"]
        else:
            found = [regso_map.wide(code, s) for s in shadings]
            captions = [map_text.source_line([m], source) for m in maps]
    blocks = []
    for i, (drawing, caption) in enumerate(zip(found, captions, strict=True)):
        extra = notes + ([map_text.cut_note(drawing.cut)] if drawing.cut else []) if i == 0 else []
        blocks.append(figure(drawing.chart.png, drawing.chart.alt, caption, drawing.chart.width_mm)
                      + paragraphs(extra, "jamlik-definition"))
    # the council document keeps the first map (the area types, or the three side by side) where the
    # kommun has areas enough for a map to say more than the table
    few = len(drawn) < COUNCIL_MAP_AREAS
    return "".join(_annex_only(f'{MAPS_START}<div class="jamlik-area-maps">{block}</div>{MAPS_END}', few or i > 0)
                   for i, block in enumerate(blocks))


def _annex_only(html: str, annex: bool) -> str:
    return f"{ANNEX_ONLY_START}{html}{ANNEX_ONLY_END}" if annex else html


ENDS = 10  # a long list shows its ten lowest and ten highest; every row is in the CSV


def _ends(items: list) -> list:
    return items if len(items) <= 2 * ENDS + 5 else items[:ENDS] + items[-ENDS:]


def _which(listed: list, everything: list, plural: str) -> str:
    if len(listed) == len(everything):
        return plural.capitalize()
    return f"De tio lägsta och de tio högsta av {len(everything)} {plural} (alla finns i CSV-filen),"


def _own_areas(b) -> str:
    """The analyst's own area data (``jamlik data import-omraden``), one table per measure and year."""
    found = within.own_values(b.kommun.code, b.store_folder)
    if not found:
        return ""
    parts = [element("h3", "Egna uppgifter per område")]
    for (measure, year), values in groupby(found, key=lambda v: (v.measure, v.year)):
        values = list(values)
        parts.append(_own_map(b, measure, year, values))
        parts.append(text_table(
            ["Område", "Värde", "95 % KI"],
            [[v.name, format_number(v.value, 1), f"{format_number(v.interval.lower, 1)}–"
              f"{format_number(v.interval.upper, 1)}" if v.interval else "–"] for v in values],
            "jamlik-table jamlik-within",
            f"{measure} {year}. Källa: {', '.join(sorted({v.source for v in values}))}"
            + ("; intervall enligt Wilsons metod där täljare och nämnare finns" if any(v.interval for v in values)
               else "")))
    return "".join(parts)


def _own_map(b, measure: str, year: int, values: list) -> str:
    """The analyst's values of one measure and year on the RegSO map, where their area codes are RegSO
    codes of the kommun (the values' 2020 codes or the outlines' 2025 codes): classed by the kommun's own
    quintiles, areas without a value shown as such, and codes that are no RegSO said in a note."""
    code, name = b.kommun.code, b.kommun.name
    mapped = {}
    for v in values:
        outline = regso_outlines.outline_of(code, v.code)
        if outline is not None:
            mapped[outline.code] = (v.name, v.value)
    if len(mapped) < 3:  # not RegSO codes (or too few): the table shows them
        return ""
    drawn = [o for o in regso_outlines.outlines(code) if o.geometry is not None]
    own = area_maps.own_map(code, measure, year, [(c, n, v) for c, (n, v) in mapped.items()])
    missing = [area_maps.MappedArea(o.code, o.name, None, None, 0) for o in drawn if o.code not in mapped]
    own = area_maps.AreaMap(own.kommun, own.measure, own.year, own.unit, own.limits, own.areas + tuple(missing),
                            national=False)
    sources = ", ".join(sorted({v.source for v in values}))
    html = area_maps_html(code, name, [own], sources)
    unmapped = [v.name for v in values if regso_outlines.outline_of(code, v.code) is None]
    return html + (element("p", map_text.unmapped_note(unmapped), "jamlik-definition") if unmapped else "")


def _survey_years(health) -> str:
    """``2018–2021, för riket 2021``: a kommun's pooled survey beside Riket's yearly one."""
    year = str(health.year)
    return year if health.period == year else f"{health.period}, för riket {year}"


def health_by_group(b) -> str:
    """Hälsa efter utbildning och födelseland: per breakdown the sentences, one panel per outcome and a
    table with every group's value and interval, the gap against Riket's and the SII; one sentence,
    with the way to add data, where the kommun has none."""
    health = b.group_health
    name = b.kommun.name
    parts = [element("h2", "Hälsa efter utbildning och födelseland", id="halsa-grupper")]
    if health.year is None:
        parts.append(element("p", group_health_text.none_sentence(name), "jamlik-sentence"))
        return f'<section class="jamlik-section jamlik-groups" id="del-halsa-grupper">{"".join(parts)}</section>'
    parts.append(element("p", group_health_text.intro(name, health), "jamlik-sentence"))
    for breakdown in group_health.SHOWN_BREAKDOWNS:
        found = health.by(breakdown)
        if breakdown != "utbildning":  # the council document keeps education; the rest stays in the annex
            parts.append(ANNEX_ONLY_START)
        parts.append(element("h3", group_health_text.HEADINGS[breakdown]))
        parts.append(paragraphs(group_health_text.sentences(name, health, breakdown), "jamlik-sentence"))
        if not found:
            continue
        order = group_health.BREAKDOWNS[breakdown]
        panels = [figures.GroupPanel(g.outcome.title, _points(g.groups), _points(g.riket)) for g in found]
        with figures.demo_marked(False):  # the survey's own values, whatever the store holds
            chart = figures.group_gradients(name, group_health_text.HEADINGS[breakdown], panels,
                                            {g: GROUP_LABELS.get(g, g) for g in order})
        parts.append(figure(chart.png, chart.alt))
        parts.append(element("p", "Punkterna är andelar, strecken 95-procentiga konfidensintervall; varje delfigur "
                                  "har sin egen skala, så jämför grupperna inom en delfigur.",
                             "jamlik-definition jamlik-chart-note"))
        parts.append(_group_table(health, found, breakdown, order))
    parts.append(ANNEX_ONLY_END)
    return f'<section class="jamlik-section jamlik-groups" id="del-halsa-grupper">{"".join(parts)}</section>'


# what the council document leaves to the annex (the overview briefing shows it)
ANNEX_ONLY_START, ANNEX_ONLY_END = "<!--jamlik:annex-only-->", "<!--/jamlik:annex-only-->"
GROUP_LABELS = {"Förgymnasial": "Förgymn.", "Gymnasial": "Gymn.", "Eftergymnasial": "Eftergymn.",
                "Sverige": "Sverige", "Övriga Norden": "Norden", "Övriga Europa": "Europa",
                "Övriga världen": "Utom Europa"}
GROUP_WORDS_SHORT = {"Eftergymnasial": "eftergymnasial", "Förgymnasial": "förgymnasial", "Sverige": "födda i Sverige",
                     "Övriga världen": "födda utanför Europa"}
VERSUS_WORDS = words.GAP_VERSUS_CELLS


def _points(found) -> list[tuple]:
    return [(v.group, v.value, v.interval.lower if v.interval else None, v.interval.upper if v.interval else None)
            for v in found]


def _cell(value, interval, decimals: int = 0, value_decimals: int | None = None) -> str:
    """``63 (54–73)``; a difference that may be negative with true minus signs and "till"."""
    if value is None:
        return MISSING
    if interval is None:
        return f"{format_number(value, decimals)} (för få svar)"
    if decimals == 0:
        return f"{format_number(value)} ({format_number(interval.lower)}–{format_number(interval.upper)})"
    shown = decimals if value_decimals is None else value_decimals
    return (f"{format_signed(value, shown)} ({format_signed(interval.lower, decimals)} till "
            f"{format_signed(interval.upper, decimals)})")


def _group_table(health, found, breakdown: str, order: list[str]) -> str:
    first, second = group_health.ENDS[breakdown]
    header = ["Utfall", *[GROUP_LABELS.get(g, g) for g in order],
              f"Skillnad {GROUP_LABELS[first]} minus {GROUP_LABELS[second]}", "Riket, skillnad",
              "Skillnadens storlek mot rikets"]
    if breakdown == "utbildning":
        header[-1:-1] = ["SII (95 % KI)", "SII, riket"]
    rows = []
    for g in found:
        by_group = {v.group: v for v in g.groups}
        cells = [g.outcome.title] + [_cell(by_group[o].value, by_group[o].interval) if o in by_group else MISSING
                                     for o in order]
        cells.append(_cell(g.gap.value, g.gap, 1, value_decimals=0) if g.gap else MISSING)
        cells.append(format_signed(g.riket_gap.value) if g.riket_gap else MISSING)
        if breakdown == "utbildning":
            cells.append(_cell(g.sii.sii.value, g.sii.sii, 1) if g.sii else MISSING)
            cells.append(format_signed(g.riket_sii.sii.value, 1) if g.riket_sii else MISSING)
        cells.append(VERSUS_WORDS[g.versus])
        rows.append(cells)
    return text_table(header, rows, "jamlik-table jamlik-groups",
                      f"Andel i procent med 95 % konfidensintervall, {_survey_years(health)}. Skillnaden i "
                      "procentenheter, "
                      f"{GROUP_WORDS_SHORT[first]} minus {GROUP_WORDS_SHORT[second]}: negativ när andelen är "
                      "högre i den senare gruppen; större eller mindre än rikets bara när intervallen inte "
                      "överlappar." + (" SII: lutningsindex, se metodavsnittet." if breakdown == "utbildning" else "")
                      + " Uppgift saknas: källan redovisar inget värde för gruppen, oftast för att den hade för "
                      "få svarande. Källa: "
                      + and_list(health.sources))
