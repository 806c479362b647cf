"""What a notebook calls: ``Briefing`` gathers the data for one kommun, theme and year, and its
``show_*`` methods display the briefing's parts (the same HTML in JupyterLab and in the PDF).

>>> b = Briefing("Karlskoga", "tidiga_ar", 2025)      # doctest: +SKIP
>>> b.show_header(); b.show_summary(); b.show_indicator("barn_lag_ek_standard")  # doctest: +SKIP
"""

import datetime
from functools import cached_property

from IPython.display import HTML, display

from . import __version__, areas, catalog, charts, compare, demo, narrative, store
from .datastore import open_store
from .errors import InvalidYearError, UnknownIndicatorError
from .markup import element, figure, paragraphs, table, text_table
from .text import DEMO_BAND, MISSING, POLARITY_NOTE, UNITS, format_day, format_value, year_span

MARKERS = {"better": "▲ bättre", "worse": "▼ sämre", "similar": "● likvärdig",
           "higher": "△ högre", "lower": "▽ lägre", None: MISSING}
SOURCE_NAMES = {"kolada": "Kolada (RKA)", "scb": "SCB"}


class Briefing:
    """One kommun, one theme, one year.

    Parameters
    ----------
    kommun : kommunkod or name, e.g. "1883" or "Karlskoga"
    theme : theme id, e.g. "tidiga_ar"
    year : report year; each indicator shows its latest value up to this year
    peers : own peer kommuner (codes or names); empty means Kolada's "liknande kommuner"
    data_store : folder of the data store; empty means the project's default store
    """

    def __init__(self, kommun: str, theme: str, year: int, peers=(), data_store: str = ""):
        self.kommun = areas.kommun(kommun)
        self.lan = areas.lan_of(self.kommun)
        self.theme = catalog.theme(theme)
        self.year = int(year)
        self.indicators = self.theme.indicators
        self.data, self.meta = open_store(data_store, [i.id for i in self.indicators])
        self._check_year()
        if peers:
            self.peer_label = "valda jämförelsekommuner"
            self.peers = [areas.kommun(p) for p in peers]
            self.peer_title = "Egna jämförelsekommuner: " + ", ".join(p.name for p in self.peers)
        else:
            self.peer_label = "liknande kommuner"
            self.peer_title, self.peers = areas.peer_group(self.kommun, self.theme.peer_area)
        self.is_demo = store.has_demo(self.data)

    def _check_year(self) -> None:
        years = self.data["year"]
        if years.empty or not years.min() <= self.year <= years.max():
            span = year_span(int(years.min()), int(years.max())) if len(years) else "inga år"
            raise InvalidYearError(f"År {self.year} finns inte i datalagret för temat "
                                   f"{self.theme.short_title.lower()} ({span}). Välj ett år inom det spannet.")

    @cached_property
    def results(self) -> dict[str, compare.Result]:
        by_indicator = dict(tuple(self.data.groupby("indicator")))
        empty = self.data.iloc[0:0]
        return {ind.id: compare.assess(ind, by_indicator.get(ind.id, empty), self.kommun, self.year,
                                       self.peers, self.peer_label)
                for ind in self.indicators}

    # --- what the notebook shows ------------------------------------------------------------

    def _display(self, html: str, **meta) -> None:
        display(HTML(html), metadata={"jamlik": meta} if meta else None)

    def show_header(self) -> None:
        """Cover line: kommun, län, theme, year, date and source; the demo band when needed."""
        band = element("div", DEMO_BAND, "jamlik-demo-band", role="note") if self.is_demo else ""
        kicker = (f'<p class="jamlik-kicker">{element("span", self.kommun.name, "running-kommun")}'
                  f' · {element("span", self.lan.name)} · '
                  f'{element("span", self.theme.title, "running-theme")}</p>')
        self._display(
            band + kicker
            + element("h1", f"{self.theme.title} – {self.kommun.name} {self.year}")
            + element("p", self.source_line(), "jamlik-meta"),
            title=f"{self.kommun.name}: {self.theme.title} {self.year}", demo=self.is_demo,
            kommun=self.kommun.code, theme=self.theme.id, year=self.year)

    def source_line(self) -> str:
        real = sorted(s for s in store.sources(self.data) if s != demo.SOURCE)
        dates = sorted(self.data.loc[self.data["source"] != demo.SOURCE, "retrieved"].dropna().unique())
        parts = [SOURCE_NAMES.get(s, s) for s in real]
        if dates:
            parts[-1] += f", hämtad {format_day(datetime.date.fromisoformat(dates[-1]))}"
        if self.is_demo:
            parts.append("demodata genererade av jamlik (inte officiell statistik)")
        return (f"Jämlik hälsa {self.year} · Källa: {' och '.join(parts)} · "
                f"Skapad {format_day(datetime.date.today())}")

    def show_summary(self) -> None:
        sentences = narrative.summary(list(self.results.values()), self.kommun.name, self.year)
        self._display(element("h2", "Sammanfattning") + paragraphs(sentences, "jamlik-summary"))

    def show_overview(self) -> None:
        """Every indicator of the theme: value, län, Riket, rank and a marker that is not only colour."""
        header = ["Indikator", "År", self.kommun.name, self.lan.name, "Riket", "Rang", "Jämfört med riket"]
        rows = []
        for r in self.results.values():
            bench = {b.label: b.value for b in r.benchmarks}
            fmt = lambda v, r=r: format_value(v, r.indicator.unit, r.indicator.decimals)  # noqa: E731
            rows.append([r.indicator.title, str(r.year or "–"), fmt(r.value), fmt(bench.get(self.lan.name)),
                         fmt(bench.get("riket")), f"{r.rank} av {r.ranked}" if r.rank else "–",
                         MARKERS[r.riket.verdict if r.riket and r.value is not None else None]])
        self._display(element("h2", "Översikt") + text_table(header, rows, "jamlik-table jamlik-overview"))

    def show_indicator(self, indicator_id: str) -> None:
        """Heading, trend chart, the sentence and a small table for one indicator."""
        ind = catalog.indicator(indicator_id)
        if ind.id not in self.results:
            raise UnknownIndicatorError(f"Indikatorn '{ind.id}' hör till temat {ind.theme}, inte till {self.theme.id}.")
        r = self.results[ind.id]
        parts = [element("h3", ind.title, "jamlik-indicator"),
                 element("p", ind.definition + " " + POLARITY_NOTE[ind.polarity].capitalize() + ".",
                         "jamlik-definition")]
        chart = charts.trend(r)
        if chart:
            parts.append(figure(chart.png, chart.alt))
        parts.append(element("p", narrative.indicator_text(r, self.year), "jamlik-sentence"))
        if not r.history.empty:
            parts.append(table(charts.frame_for_table(r), ind.decimals,
                               caption=f"{ind.title}, {UNITS[ind.unit][1]}", cls="jamlik-table jamlik-trend"))
        self._display(f'<section class="jamlik-section">{"".join(parts)}</section>')

    def show_about(self) -> None:
        """Om statistiken: definitions, sources with KPI ids, method, and the tool version."""
        rows = [[i.title, f"{SOURCE_NAMES[i.source]}, {i.source_id}"
                 + (f" (osäkerhet {i.uncertainty_kpi})" if i.uncertainty_kpi else ""), i.definition]
                for i in self.indicators]
        peers = ", ".join(p.name for p in self.peers) or "inga"
        method = [
            "Varje indikator visar det senaste året med data till och med "
            f"{self.year}. Län och riket är de värden källan redovisar för området.",
            "Bättre, likvärdig eller sämre: där källan anger ett 95-procentigt konfidensintervall "
            "(urvalsundersökningar) räknas en skillnad när riket ligger utanför kommunens intervall; "
            "annars räknas skillnader mindre än en fjärdedels standardavvikelse mellan kommunernas "
            "värden som likvärdiga. För indikatorer där varken högre eller lägre värde är bättre "
            "anges bara högre eller lägre.",
            "Rang: plats 1 är det bästa värdet bland kommunerna med uppgift (högsta värdet för "
            "indikatorer utan bättre eller sämre riktning).",
            f"Jämförelsegrupp: {self.peer_title or 'saknas'} ({peers}); värdet är ett ovägt medel.",
            "Uppgift saknas: värden som källan inte redovisar, till exempel för att för få personer "
            "ingår, visas som saknade och fylls aldrig i.",
        ]
        if self.is_demo:
            method.insert(0, "DEMODATA: värdena i den här briefingen är genererade för att visa verktyget "
                             "och är inte officiell statistik. Områden, kommungrupper och indikatorernas "
                             "definitioner är verkliga (Kolada, SCB).")
        self._display(
            element("h2", "Om statistiken", "jamlik-about")
            + text_table(["Indikator", "Källa och id", "Definition"], rows, "jamlik-table jamlik-sources")
            + element("h3", "Metod") + paragraphs(method)
            + element("p", f"Framställd med jamlik {__version__}. Data från Kolada publiceras under "
                           "CC BY 4.0 av RKA.", "jamlik-colophon"))
