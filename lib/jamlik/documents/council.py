"""The council document ``<Kommun>-samlad.pdf``: what a fullmäktige reads, at most twenty pages.

Cover and contents; “<Kommun> i korthet” (see ``glance``); “Mål och uppföljning” when the kommun has
set goals (the overview's part, or built from the themes' rows without it); then per theme its header, summary,
overview table with the spine chart, and the indicator sections that matter most for this kommun;
a list of the theme PDFs as annexes (they hold every indicator); the method once, at the end.

It is laid out from the parts the theme briefings already rendered (marked in their HTML by
``<!--jamlik:part …-->``) and from their ``<tema>.csv``: no theme is computed or laid out twice.
Beside it, ``<Kommun>-samlad.xlsx`` holds every number shown.
"""

import datetime
import re
from functools import lru_cache
from html import escape
from pathlib import Path

from jamlik.base import paths
from jamlik.base.paths import TEMPLATES
from jamlik.base.text import DEMO_BAND, format_day
from jamlik.data import areas, catalog, evidence, provenance
from jamlik.data.areas import Area
from jamlik.data.catalog import Theme
from jamlik.documents import export, goal_page, kunskapsstod, measure, pagination, tables, workbook
from jamlik.statistics import findings, group_health, within
from jamlik.statistics import goals as goals_module
from jamlik.writing import glance, group_health_text, owners, within_text

MAIN = re.compile(r"<main>(.*)</main>", re.S)
PART = re.compile(r"<!--jamlik:part (\w+)(?: (\w+))?-->(.*?)<!--/jamlik:part-->", re.S)
DEMO_DIV = re.compile(r'<div class="jamlik-demo-band"[^>]*>.*?</div>', re.S)
METHOD_DIV = re.compile(r'<div class="jamlik-method">.*?</div>', re.S)  # the same in every theme
ABSENT_NOTE = re.compile(r'<p class="jamlik-definition jamlik-absent">.*?</p>', re.S)
MAP_DIV = re.compile(r'<div class="jamlik-map">.*?</figure></div>', re.S)
TABLE = re.compile(r'(<div class="jamlik-keep">)?<table class="jamlik-table[^"]*">.*?</table>(</div>)?', re.S)
CONTEXT_IN_ANNEX = ('<p class="jamlik-definition jamlik-annex-note">Diagram och tabeller finns i bilagan '
                    "”Översikt: hälsa och livsvillkor”.</p>")
GROUPS_IN_ANNEX = ('<p class="jamlik-definition jamlik-annex-note">Diagrammen och hälsan efter födelseland finns i '
                   "bilagan ”Översikt: hälsa och livsvillkor”.</p>")
GROUPS_COMPACT = ('<p class="jamlik-definition jamlik-annex-note">Tabellen, diagrammen och hälsan efter födelseland '
                  "finns i bilagan ”Översikt: hälsa och livsvillkor”.</p>")
CHART_NOTE = re.compile(r'<p class="jamlik-definition jamlik-chart-note">.*?</p>', re.S)
ANNEX_ONLY = re.compile(r"<!--jamlik:annex-only-->.*?<!--/jamlik:annex-only-->", re.S)
FIGURE = re.compile(r'<figure class="jamlik-chart">.*?</figure>', re.S)
MAPS = re.compile(r"<!--jamlik:maps-->.*?<!--/jamlik:maps-->", re.S)  # the RegSO maps with their notes
GOAL_REF = re.compile(r"<!--jamlik:goalref (\w+) (\w+)-->")  # a goal's indicator and status, on the goals page
SECTIONS_PER_THEME = 2  # indicator sections a theme may bring into the council document
MAX_PAGES = 20
TIGHTER, MAX_TIGHT = 12.0, 8  # mm taken off page 2's budget per step when its layout runs over, and the steps


def file_name(kommun: Area) -> str:
    return paths.council_file(kommun)


def _body(html: str) -> str:
    match = MAIN.search(html)
    if not match:
        raise ValueError("the exported HTML has no <main> element")
    return match.group(1)


def parts(html: str) -> list[tuple[str, str, str]]:
    """The marked parts of a theme's HTML: (part, indicator id or "", html)."""
    return [(m.group(1), m.group(2) or "", m.group(3)) for m in PART.finditer(html)]


@lru_cache(maxsize=8)
def _marked(html: str) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """A theme page's body and its marked parts, read once for all the layouts of a document (the
    pages hold their charts, a megabyte or more each)."""
    body = _body(html)
    return body, tuple(parts(body))


def ranked_sections(themes: list[tuple[Theme, list[dict]]], kommun: str,
                    named: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """(theme, indicator) worth a section in the council document, most serious first: those the
    summary page names, then the concerns in the order of ``findings.ranked_concerns``, then what is
    worse or getting worse, at most a few per theme."""
    def seriousness(theme_id: str, row: dict) -> tuple:
        return ((theme_id, row["indicator"]) not in named, not findings.is_concern(row),
                row["verdict_method"] != "interval", row["verdict_riket"] != "worse", row["trend"] != "worse",
                -findings.distance(row))

    ranked = []
    present = {theme.id for theme, _ in themes}

    def at_home(indicator: str, theme_id: str) -> bool:
        """An indicator gets one section, in its own theme (the overview also shows child poverty)."""
        home = catalog.indicator(indicator).theme
        return home == theme_id or home not in present

    for theme, rows in themes:
        shown = [r for r in rows if r["area"] == kommun and r["sex"] == "T" and r["value"] is not None
                 and r["indicator"] in catalog.indicators() and at_home(r["indicator"], theme.id)]
        own = [r for r in shown if (theme.id, r["indicator"]) in named or r["verdict_riket"] == "worse"
               or r["trend"] == "worse"]
        if not own and theme.id != "oversikt":  # nothing worse: the theme still shows one indicator, its first
            own = [r for r in shown if catalog.indicator(r["indicator"]).polarity != "neutral"][:1]
        own.sort(key=lambda r, t=theme.id: seriousness(t, r))
        # everything the summary page names, and a few more of the theme's concerns
        chosen = [r for r in own if (theme.id, r["indicator"]) in named]
        chosen += [r for r in own if (theme.id, r["indicator"]) not in named][:max(0, SECTIONS_PER_THEME - len(chosen))]
        ranked += [(seriousness(theme.id, r), theme.id, r["indicator"]) for r in chosen]
    return [(t, i) for _, t, i in sorted(ranked)]


def _goal_pages(kommun: Area, themes: list[tuple[Theme, str, list[dict]]]) -> list[str]:
    """The goals page: the overview's part, or built from the themes' rows when the overview is not in
    this run; [] without goals."""
    found = [content for _, html, _ in themes if html for part, _, content in _marked(html)[1] if part == "goals"]
    return found or _goal_page_from_rows(kommun, [r for _, _, r in themes])


def _extras(kommun: Area, themes: list[tuple[Theme, str, list[dict]]]) -> list[glance.Paragraph]:
    """Page 2's closing paragraphs: the largest difference within the kommun,
    health by education against Riket's, and the kommun's own goals."""
    extras = []
    share, riket_share = within.challenged_share(kommun.code), within.challenged_share(None)
    within_line = within_text.page_line(kommun.name, within.turnout(kommun.code), share, riket_share)
    if within_line:  # the share in areas with challenges stays on the page when the rest must give way
        extras.append(glance.Paragraph("Skillnader inom kommunen", within_line, "inom-kommunen",
                                       within_text.challenged_line(kommun.name, share, riket_share)))
    groups_line = group_health_text.page_line([r for _, _, rows in themes for r in rows])
    if groups_line:
        extras.append(glance.Paragraph("Hälsa efter utbildning", groups_line, "halsa-grupper"))
    goal_pages = _goal_pages(kommun, themes)
    # counted from the goals page itself, so the two pages agree (goals without a value included)
    statuses = [m.group(2) for m in GOAL_REF.finditer(goal_pages[0])] if goal_pages else []
    if statuses:
        extras.append(glance.Paragraph("Kommunens egna mål", goals_module.count_text(kommun.name, statuses), "mal"))
    return extras


def page_two(kommun: Area, themes: list[tuple[Theme, str, list[dict]]], budget: float = glance.BUDGET) -> glance.Plan:
    """What “<Kommun> i korthet” holds and names as left out (``glance.plan``), from the themes' rows."""
    rows = glance.kommun_rows({t.id: r for t, _, r in themes}, kommun.code)
    return glance.plan(rows, kommun.name, _extras(kommun, themes), budget, measure.lines)


def sections(kommun: Area, themes: list[tuple[Theme, str, list[dict]]]) -> list[tuple[str, str]]:
    """Every section the council document may hold, most serious first."""
    rows = glance.kommun_rows({t.id: r for t, _, r in themes}, kommun.code)
    # what page 2 names gets a section first; its health lines point to the overview's annex instead
    named = page_two(kommun, themes).named()
    # the kommun's own goals are what its council steers by: each gets its section, in its own theme
    named |= {(theme, row["indicator"]) for theme, row in rows if row.get("goal_status")
              and catalog.indicator(row["indicator"]).theme == theme}
    return ranked_sections([(t, r) for t, _, r in themes], kommun.code, named)


def document(kommun: Area, year: int, themes: list[tuple[Theme, str, list[dict]]], annexes: list[str],
             chosen: list[tuple[str, str]] | None = None, compact: bool = False, tight: int = 0) -> str:
    """One HTML document from each theme's rendered HTML and its rows, with the ``chosen``
    (theme, indicator) sections (default: all that ``sections`` ranks). ``compact`` keeps only the
    sentences of the context parts (the areas within the kommun, health by group, the equity
    profile): their charts and tables stay in the overview annex. ``tight`` takes ``TIGHTER`` mm more off
    page 2's budget each step, for a page whose estimate fell short of its layout."""
    pages = [_marked(html) for _, html, _ in themes]  # (body, marked parts) of each theme page
    bodies = [(theme, body, rows) for (theme, _, rows), (body, _) in zip(themes, pages, strict=True)]
    demo = any(DEMO_DIV.search(body) for _, body, _ in bodies)
    lan = areas.lan_of(kommun)
    title = f"Jämlik hälsa {year} – {kommun.name}"
    rows = glance.kommun_rows({t.id: r for t, _, r in bodies}, kommun.code)
    chosen = set(sections(kommun, themes) if chosen is None else chosen)
    themes_html, anchors, methods, goal_pages = [], set(), [], []
    for (theme, _, theme_rows), (_, marked) in zip(themes, pages, strict=True):
        wanted = {i for t, i in chosen if t == theme.id}
        html = []
        for part, indicator, content in marked:
            if part in ("header", "summary"):  # without the notes on what the snapshot lacks
                html.append(ABSENT_NOTE.sub("", MAP_DIV.sub("", DEMO_DIV.sub("", content))))
            elif part == "overview":  # without the note on what the snapshot lacks, and without the spine
                # chart: the table says the same in words and symbols, and the chart alone took a page
                # in most themes (it stays in the theme's annex)
                html.append(FIGURE.sub("", ABSENT_NOTE.sub("", content)))
            elif part == "equity":  # its sentences and table; the chart stays in the overview briefing
                html.append(_context(FIGURE.sub("", content), compact))
            elif part == "within":  # where in the kommun (a long list is cut to its ends already); of the
                # maps, the one the within page has room for (``sections.area_maps_html``)
                html.append(_context(ANNEX_ONLY.sub("", content), compact))
                anchors.add("inom-kommunen")
            elif part == "groups" and group_health.has_groups(theme_rows):  # health by education
                # the charts and the birth regions stay in the overview, which says so
                html.append(_context(CHART_NOTE.sub("", FIGURE.sub("", ANNEX_ONLY.sub("", content))), compact,
                                     GROUPS_IN_ANNEX, GROUPS_COMPACT))
                anchors.add("halsa-grupper")
            elif part == "indicator" and indicator in wanted:
                html.append(content)
                anchors.add(f"ind-{theme.id}-{indicator}")
            elif part == "goals":  # every goal of the kommun, whichever theme shows it
                goal_pages.append(content)
            elif part == "about":
                methods += METHOD_DIV.findall(content)
        themes_html.append(f'<div class="jamlik-theme" data-theme="{theme.id}">{"".join(html)}</div>')
    if not goal_pages:  # the overview (which draws the page) is not in this run: the themes' rows
        goal_pages = _goal_page_from_rows(kommun, [r for _, _, r in bodies])
    if goal_pages:
        anchors.add("mal")
    planned = page_two(kommun, themes, glance.BUDGET - tight * TIGHTER)
    summary = glance.page(kommun.name, planned, anchors)
    goals_html = f'<div class="jamlik-theme" id="mal">{_goal_refs(goal_pages[0], anchors)}</div>' if goal_pages else ""
    contents = ('<li><a href="#i-korthet">' + escape(kommun.name) + " i korthet</a></li>"
                + ('<li><a href="#mal">Mål och uppföljning</a></li>' if goals_html else "")
                + "".join(f'<li><a href="#tema-{t.id}">{escape(t.title)}</a></li>' for t, _, _ in bodies)
                + '<li><a href="#bilagor">Bilagor och metod</a></li>')
    band = f'<div class="jamlik-demo-band" role="note">{escape(DEMO_BAND)}</div>' if demo else ""
    cover = (
        f'<section class="jamlik-cover"><p class="jamlik-kicker"><span class="running-kommun">{escape(kommun.name)}'
        f'</span> · {escape(lan.name)} · <span class="running-theme">Samlad briefing</span></p>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="jamlik-cover-lead">Hur hälsan och dess förutsättningar är fördelade i {escape(kommun.name)}: '
        f"mellan kvinnor och män, mellan grupper och jämfört med riket, länet och liknande kommuner.</p>"
        f'<p class="jamlik-meta">Skapad {format_day(datetime.date.today())}'
        + (" · Demodata – inte officiell statistik" if demo else "") + "</p>"
        f'<p class="jamlik-meta">{escape(_age(rows))}'
        + ("" if demo else f" {escape(provenance.LICENCE)}.") + "</p>"
        f'<nav class="jamlik-toc"><h2>Innehåll</h2><ol>{contents}</ol></nav></section>')
    annex = ('<section class="jamlik-theme" id="bilagor"><h2><span class="running-theme">Bilagor och metod</span></h2>'
             "<p>Varje tema har en egen briefing med alla indikatorer, diagram och tabeller. De skickas med som "
             "bilagor:</p><ul>"
             + "".join(f"<li>{escape(name)}</li>" for name in annexes) + "</ul>"
             + kunskapsstod.annex(_cited(kommun, rows, chosen, planned.shown), "h3")
             + (methods[0] if methods else "") + "</section>")
    css = (TEMPLATES / "jamlik" / "briefing.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<style>{css}</style></head><body><main>{band}{cover}<div class="jamlik-theme">{summary}</div>'
            f'{goals_html}{"".join(themes_html)}{annex}</main></body></html>')


def _cited(kommun: Area, rows: list[tuple[str, dict]], chosen: set[tuple[str, str]], items: dict) -> list:
    """What the document cites as having worked: for the concerns page 2 names, and for every section it
    holds of an indicator worse than Riket (each theme section carries its box)."""
    named = [i.indicator.id for i in items.get("concern", [])]
    worse = [row["indicator"] for theme, row in rows
             if (theme, row["indicator"]) in chosen and row["verdict_riket"] == "worse"]
    return [a for indicator in dict.fromkeys(named + worse) for a in evidence.actions(indicator, kommun.code)]


def _context(html: str, compact: bool, note: str = "", compact_note: str = "") -> str:
    """A context part, with ``note`` on what the annex holds besides; compact: its sentences only, with
    ``compact_note`` (or a general line) on where the rest is."""
    if not compact:  # wrapped, so that the pagination model can tell what compact would strip
        return f'<div class="{pagination.CONTEXT}">{html}{note}</div>'
    return TABLE.sub("", FIGURE.sub("", MAPS.sub("", html))) + (compact_note or CONTEXT_IN_ANNEX)


def _age(rows: list[tuple[str, dict]]) -> str:
    """The cover's line on how old the newest values are (the kommun's rows of every theme)."""
    own = [r for _, r in rows if r["year"] is not None]
    if not own:
        return ""
    fetched = max((r["retrieved"] for r in own if r.get("origin") == "kolada" and r.get("retrieved")), default="")
    return provenance.age_line(max(r["year"] for r in own), {r.get("origin") or "snapshot" for r in own}, fetched)


def _goal_page_from_rows(kommun: Area, themes_rows: list[list[dict]]) -> list[str]:
    """The goals page from the kommun's rows with a goal, each indicator once; [] without goals."""
    rows = {r["indicator"]: r for rows in themes_rows for r in rows
            if r["area"] == kommun.code and r["sex"] == "T" and r.get("goal_status")}
    if not rows:
        return []
    return [goal_page.page(kommun.name, [goals_module.from_row(r) for r in rows.values()], "mal-samlad")]


def _goal_refs(html: str, anchors: set[str]) -> str:
    """The goals page links each goal to its indicator's section, where the document has it."""
    def ref(match: re.Match) -> str:
        indicator = match.group(1)
        anchor = f"ind-{catalog.indicator(indicator).theme}-{indicator}"
        return (f' <a class="jamlik-pageref jamlik-aim" href="#{anchor}">Läs mer på sidan</a>'
                if anchor in anchors else "")
    return GOAL_REF.sub(ref, html)


def write(kommun: Area, year: int, themes: list[tuple[Theme, Path]], target: Path,
          committees: dict | None = None) -> Path:
    """Make the council PDF (and its workbook beside it) from the themes' exported HTML files and
    their ``<tema>.csv``, in the order given. ``committees`` are the kommun's own names for the
    catalog's generic owners (its params key ``namnder``)."""
    loaded = []
    for theme, path in themes:
        path = Path(path)
        data = path.with_suffix(".csv")
        loaded.append((theme, path.read_text(encoding="utf-8"), tables.read_csv(data) if data.is_file() else []))
    annexes = [f"{t.title} ({Path(p).with_suffix('.pdf').name})" for t, p in themes]
    rows = glance.kommun_rows({t.id: r for t, _, r in loaded}, kommun.code)
    for _, row in rows:  # who can act, in the kommun's own words, wherever the document says it
        row["who_can_act"] = owners.who_can_act(catalog.indicator(row["indicator"]).actors, committees or {})
    _rank_concerns(kommun, [(t, Path(p).with_suffix(".csv"), r) for (t, p), (_, _, r) in zip(themes, loaded,
                                                                                            strict=True)])
    workbook.write(target.with_suffix(".xlsx"), [(t, r) for t, _, r in loaded], page_two(kommun, loaded).shown,
                   evidence_rows(kommun, rows, committees or {}))
    chosen = sections(kommun, loaded)
    return export.rendered_to_pdf(_filled(_fitted(kommun, year, loaded, annexes, chosen)), target)


FILL_ROUNDS = 6  # layouts that may loosen breaks: a theme flowing on can leave the end of the next one short


def _filled(rendered):
    """The fitted document (``_fitted``) with no page ending above half its height but the last: where
    one does, the block after it flows on from it, or the section too tall for it may break inside
    (``pagination.breaks_for``), and the same document is laid out again with those breaks. What those
    breaks will ask for in turn further down (a theme flowing on can leave the end of the next one
    short) is foreseen from the heights measured (``pagination.foresee``), so one layout usually settles
    what took one per block."""
    breaks = getattr(rendered, "breaks", pagination.Breaks())  # foreseen already (``_fitted``)
    source = rendered.source  # the HTML it was laid out from, without its breaks
    for _ in range(FILL_ROUNDS):
        wanted = pagination.breaks_for(rendered, breaks)
        if wanted == breaks:
            break
        breaks = pagination.foresee(pagination.measure(rendered), wanted)
        rendered = export.render(pagination.with_breaks(source, breaks))
    return rendered


def evidence_rows(kommun: Area, rows: list[tuple[str, dict]], committees: dict[str, str]) -> list[list]:
    """The workbook's sheet "Kunskapsstöd": every action for every concern of the document, the most
    serious concern first (``findings.ranked_concerns``), each indicator once, in its own theme."""
    home: dict[str, tuple[str, dict]] = {}
    for theme, row in rows:
        if row["indicator"] not in home or catalog.indicator(row["indicator"]).theme == theme:
            home[row["indicator"]] = (theme, row)
    theme_of = {indicator: theme for indicator, (theme, _) in home.items()}
    found = []
    for number, row in enumerate(findings.ranked_concerns([row for _, row in home.values()]), start=1):
        ind = catalog.indicator(row["indicator"])
        who = owners.who_can_act(ind.actors, committees)
        found += [[number, ind.id, ind.title, theme_of[ind.id], a.kind, a.insats, a.vad_visar, a.styrka, a.kalla,
                   a.utgivare, a.ar, a.url, who] for a in evidence.actions(ind.id, kommun.code)]
    return found


def _rank_concerns(kommun: Area, themes: list[tuple[Theme, Path, list[dict]]]) -> None:
    """Write each concern's place in the whole document (``concern_rank``) into the themes' rows and
    their ``<tema>.csv``, which only the document as a whole can rank."""
    ranks = findings.concern_ranks([r for _, _, rows in themes for r in rows
                                    if r["area"] == kommun.code and r["indicator"] in catalog.indicators()])
    for _, csv_path, rows in themes:
        for row in rows:
            mine = row["area"] == kommun.code and row["sex"] == "T"
            row["concern_rank"] = ranks.get(row["indicator"]) if mine else None
        if csv_path.is_file():
            tables.write_csv(rows, csv_path)


def _fitted(kommun: Area, year: int, loaded: list, annexes: list[str], chosen: list[tuple[str, str]]):
    """The document laid out in MAX_PAGES with as many of the ``chosen`` sections (most serious first)
    as fit. Every theme keeps its most serious section (what its summary and page 2 name first): when
    those and the fixed parts pass the budget, the context parts give up their charts and tables
    (``compact``). Of the rest, all when they fit; else as many as ``pagination`` predicts from the
    layout with all of them, with or without the context parts' charts and tables (kept only where
    they cost no section), laid out and checked: usually the second and last layout."""
    floor = list({theme: (theme, indicator) for theme, indicator in reversed(chosen)}.values())
    floor = [c for c in chosen if c in floor]  # each theme's first, in the ranking's order
    rest = [c for c in chosen if c not in floor]

    tight = 0  # page 2 trimmed once stays trimmed in the layouts that follow
    model = None  # the first layout's, once it is known that its page 2 kept to its page

    def layout(sections, compact=False, check=True):
        """The document with these sections, laid out with the breaks the first layout's model foresees
        for it (``pagination.foresee``), so that ``_filled`` usually has nothing left to loosen."""
        nonlocal tight
        dropped = frozenset(f"ind-{theme}-{indicator}" for theme, indicator in chosen
                            if (theme, indicator) not in sections)
        # below the rule's own share: foreseeing more than a layout would ask for changes the document
        breaks = pagination.foresee(model, pagination.Breaks(), dropped, compact, pagination.LEAST_FILL)
        while True:
            html = document(kommun, year, loaded, annexes, sections, compact, tight)
            rendered = export.render(pagination.with_breaks(html, breaks))
            rendered.source, rendered.breaks = html, breaks  # where ``_filled`` goes on from
            if not check or tight >= MAX_TIGHT or not page_two_runs_over(rendered):
                return rendered
            tight += 1

    rendered = layout(chosen, check=False)
    spill = page_two_runs_over(rendered)
    tight += spill  # every layout that follows trims page 2 to its page
    if len(rendered.pages) - spill <= MAX_PAGES:
        return layout(chosen) if spill else rendered
    # a page 2 that ran over moved every page after it: no foresight from that layout
    model = None if spill else pagination.measure(rendered)
    if not rest:  # the floor alone passes the budget: the context parts give way, and that is all
        return layout(chosen, compact=True)
    if model is not None:
        ids = [f"ind-{theme}-{indicator}" for theme, indicator in rest]

        def fitting(compact: bool) -> int:
            """How many of the rest fit beside the floor by the model; -1: not even the floor."""
            return next((k for k in range(len(rest), -1, -1)
                         if model.pages(set(ids[k:]), compact) - spill <= MAX_PAGES), -1)

        # the context parts keep their charts and tables only where that costs no section: the
        # sections are what page 2 cites
        plain, compact = fitting(False), fitting(True)
        keep, compact = (plain, False) if plain >= 0 and plain >= compact else (max(compact, 0), True)
        while True:
            tried = layout(floor + rest[:keep], compact)
            if len(tried.pages) <= MAX_PAGES or keep == 0:
                break
            keep -= 1  # the model was a page low
        if compact and MAX_PAGES - len(tried.pages) >= 2 and keep < len(rest):  # it ran high: one more?
            more = layout(floor + rest[:keep + 1], compact)
            return more if len(more.pages) <= MAX_PAGES else tried
        if not compact and len(tried.pages) > MAX_PAGES:  # even the floor passes the budget
            return layout(floor, compact=True)
        return tried
    bare = layout(floor)  # no prediction (a layout it cannot read): measured from the floor alone
    per_section = (len(rendered.pages) - len(bare.pages)) / len(rest)
    if len(bare.pages) > MAX_PAGES:
        return _fill(layout, floor, rest, per_section, compact=True)
    return _fill(layout, floor, rest, per_section, bare=bare)


def page_two_runs_over(rendered) -> bool:
    """Whether the summary page ("i korthet") spills onto the next page: the block after it starts
    more than one page later. A spill also moves every page reference WeasyPrint has already set."""
    pages = {}
    for number, page in enumerate(rendered.pages):
        for anchor in getattr(page, "anchors", {}):  # none in a layout it cannot read: no trim
            pages.setdefault(anchor, number)
    after = [n for a, n in pages.items() if a == "mal" or a.startswith("tema-")]
    return "i-korthet" in pages and bool(after) and min(after) - pages["i-korthet"] > 1


def _fill(layout, floor: list, rest: list, per_section: float, compact: bool = False, bare=None):
    """The floor with as many of the rest as the pages left beside it hold, at ``per_section`` pages
    each, then one fewer until it fits; the floor alone when it fills the budget."""
    bare = bare or layout(floor, compact)
    if len(bare.pages) >= MAX_PAGES:
        return bare
    keep = max(0, min(len(rest) - 1, int((MAX_PAGES - len(bare.pages)) / per_section))) if per_section > 0 else 0
    while keep:
        rendered = layout(floor + rest[:keep], compact)
        if len(rendered.pages) <= MAX_PAGES:
            return rendered
        keep -= 1
    return bare
