"""What a notebook calls: ``Briefing`` makes the findings for one kommun, theme and year, and its
``show_*`` methods display the briefing's parts (``sections``, ``about``): the same HTML in
JupyterLab and in the PDF.

>>> b = Briefing("Karlskoga", "tidiga_ar", 2025)      # doctest: +SKIP
>>> b.show_header(); b.show_summary(); b.show_indicator("barn_lag_ek_standard")  # doctest: +SKIP
"""

from functools import cached_property

from IPython.display import HTML, display

from jamlik.data import areas, catalog, store
from jamlik.data.datastore import check_year, latest_year, open_store, resolve
from jamlik.data.evidence import Action
from jamlik.documents import about, kunskapsstod, notebook_errors, notebook_state, own_tables, sections, style
from jamlik.statistics import findings, group_health, within
from jamlik.statistics import goals as goals_module
from jamlik.statistics.compare import ABSENT_STATUS
from jamlik.writing import analyst_notes, group_health_text, narrative, owners


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
    committees : the kommun's own names for the catalog's generic owners (the params key ``namnder``,
        e.g. {"socialnämnden": "Social- och arbetsmarknadsnämnden"}; see ``writing.owners``)
    """

    def __init__(self, kommun: str, theme: str, year: int, peers=(), data_store: str = "",
                 notes: dict | None = None, exclude=(), goals: dict | None = None, committees: dict | None = None):
        notebook_errors.install()  # from here on, an error in the notebook opens with a Swedish line
        self.kommun = areas.kommun(kommun)
        self.lan = areas.lan_of(self.kommun)
        self.theme = catalog.theme(theme)
        self.excluded = {catalog.indicator(i).id for i in exclude}
        self.indicators = [i for i in self.theme.indicators if i.id not in self.excluded]
        self.note = str((notes or {}).get(self.theme.id, "") or "")
        self.goals = goals_module.parse(goals or {})
        self.committees = dict(committees or {})
        owners.check(self.committees)
        self.data, self.meta = open_store(data_store)
        self.store_folder = resolve(data_store)  # where the analyst's own area data are kept too
        self.year = int(year) or latest_year(self.data)
        check_year(self.data, self.year)
        self.is_demo = store.has_demo(self.data)
        self.findings = findings.shared(self.data, self.kommun, self.year, [areas.kommun(p) for p in peers], self.goals)
        self._shown: list[str] = []  # indicators shown, for "Om statistiken" and the data rows
        self._gradients_shown: list[str] = []
        self._within_shown = False
        self._groups_shown = False
        self._evidence_shown: list[Action] = []  # what the sections cite, for the annex "Kunskapsstöd"
        self._parts = 0  # parts shown so far: each carries its number, the last the count (``notebook_state``)

    # --- the findings (``self.findings``), as earlier versions named them ------------------------

    def result(self, indicator_id: str):
        return self.findings[indicator_id].result

    def goal_status(self, indicator_id: str) -> goals_module.Status | None:
        return self.findings[indicator_id].goal

    @property
    def results(self) -> dict:
        return {ind.id: self.result(ind.id) for ind in self.indicators}

    @cached_property
    def group_health(self) -> group_health.GroupHealth:
        """Health by education and birth region in the latest survey up to the report year."""
        return group_health.assess(self.kommun.code, self.year, self.data, self.store_folder)

    def equity_gaps(self) -> list:
        return self.findings.equity_gaps(self.excluded)

    def evidence_for(self, indicator_id: str) -> list[Action]:
        """What has been shown to work for an indicator (``data.evidence``), kept for the annex."""
        found = kunskapsstod.actions_for(indicator_id, self.kommun.code)
        self._evidence_shown += found
        return found

    def anchor(self, indicator_id: str) -> str:  # unique in a council document that holds every theme
        return f"ind-{self.theme.id}-{indicator_id}"

    # --- what the notebook shows ------------------------------------------------------------------

    def _display(self, html: str, part: str = "", stylesheet: bool = False, **meta) -> None:
        """Show one part; the council document picks parts by these markers, without laying out the
        theme again. Each part is wrapped in ``.jamlik``, the scope of the notebook's stylesheet,
        which the first part (``stylesheet``) carries."""
        if not html:
            return
        if part:
            html = f"<!--jamlik:part {part}-->{html}<!--/jamlik:part-->"
        self._parts += 1
        numbered = {**meta, notebook_state.PART_NUMBER: self._parts}
        if part == "about":  # the end of the briefing: how many parts there are, so none can go missing
            numbered[notebook_state.PART_COUNT] = self._parts
        display(HTML(style.wrapped(html, stylesheet)), metadata={"jamlik": numbered})

    def _note_for_analyst(self, text: str) -> None:
        """A note in the notebook for the strategist, never in the PDF (``style.ANALYST_META``)."""
        display(HTML(style.analyst_note(text)), metadata=style.ANALYST_META)

    def show_header(self) -> None:
        self._display(sections.header(self, about.source_line(self)), part="header", stylesheet=True,
                      title=f"{self.kommun.name}: {self.theme.title} {self.year}", demo=self.is_demo,
                      kommun=self.kommun.code, theme=self.theme.id, year=self.year,
                      parameters=notebook_state.kernel_parameters())  # the exporter tells a changed one
        absent = [i for i in self.indicators if self.findings[i.id].result.status == ABSENT_STATUS]
        lacking = [i.title for i in absent if not narrative.is_imported_only(i)]
        not_read = [i.title for i in absent if narrative.is_imported_only(i)]
        if lacking:
            self._note_for_analyst(analyst_notes.absent(lacking))
        if not_read:
            self._note_for_analyst(analyst_notes.not_read(not_read))

    def show_summary(self) -> None:
        self._display(sections.summary(self), part="summary")

    def show_goals(self) -> None:
        """Mål och uppföljning; nothing when no goals are set."""
        if self.goals:
            self._display(sections.goals(self), part="goals")

    def show_overview(self) -> None:
        self._display(sections.overview(self), part="overview")

    def show_indicator(self, indicator_id: str) -> None:
        """One indicator's section; nothing for an indicator the kommun's params leave out."""
        ind = catalog.indicator(indicator_id)
        if ind.id not in self.excluded:
            self._shown.append(ind.id)
            self._display(sections.indicator(self, self.findings[ind.id]), part=f"indicator {ind.id}")

    def show_own_indicators(self) -> None:
        """The theme's own indicators from the workspace's ``params/indikatorer.csv`` that no cell has shown,
        after the catalog's, under a heading of their own. A notebook needs no cell for them:
        ``show_sex_gaps`` and ``show_about`` call this first."""
        waiting = [i for i in self.indicators if i.own and i.theme == self.theme.id and i.id not in self._shown]
        if not waiting:
            return
        self._display(sections.own_heading(self))  # not a part: the council document takes the sections alone
        for ind in waiting:
            self.show_indicator(ind.id)

    def show_sex_gaps(self) -> None:
        self.show_own_indicators()  # they come after the catalog's, and their gaps belong in the chart below
        self._display(sections.sex_gaps(self), part="sex_gaps")

    def show_group_gap(self, gap_id: str) -> None:
        gap = catalog.group_gap(gap_id)
        if not {gap.first, gap.second} & self.excluded:
            self._display(sections.group_gap(self, gap_id))

    def show_child_vulnerability(self, indicator_ids: list[str]) -> None:
        self._display(sections.child_vulnerability(self, indicator_ids), part="children")

    def show_equity_profile(self) -> None:
        self._display(sections.equity_profile(self), part="equity")

    def show_child_rights(self) -> None:
        self._display(sections.child_rights(self), part="rights")

    def show_gradient(self, gradient_id: str) -> None:
        if self.findings.gradient(gradient_id) is not None:
            self._gradients_shown.append(gradient_id)
        self._display(sections.gradient(self, gradient_id), part=f"gradient {gradient_id}")

    def show_within(self) -> None:
        self._within_shown = True
        self._display(sections.within_kommun(self), part="within")

    def show_health_by_group(self) -> None:
        """Hälsa efter utbildning och födelseland; one sentence where the kommun has no such survey."""
        self._groups_shown = True
        self._display(sections.health_by_group(self), part="groups")
        if self.group_health.year is None:
            self._note_for_analyst(analyst_notes.survey_import(group_health_text.IMPORT_HINT))

    def show_population_pyramid(self) -> None:
        self._display(sections.population_pyramid(self))

    def show_themes_summary(self) -> None:
        self._display(sections.themes_summary(self))

    def varden(self, indikatorer=None, omraden=None, ar=None, kon=None):
        """The store's values as a table with Swedish column names, for a table of one's own:
        ``indikator, titel, område, områdeskod, år, kön, värde, enhet, ki_låg, ki_hög, anmärkning, källa``.

        Parameters
        ----------
        indikatorer : an indicator id or a list of them (default: the theme's indicators)
        omraden : kommuner, län or "Riket", by code or name (default: the kommun, its län and Riket)
        ar : a year, a list of years or a span ``(2015, 2022)`` (default: every year)
        kon : "totalt", "kvinnor" or "män" (or T/K/M), or a list (default: all three)

        >>> t = briefing.varden("barn_lag_ek_standard", kon="totalt", ar=(2018, 2022))  # doctest: +SKIP
        >>> briefing.show_table(t.pivot(index="år", columns="område", values="värde"),  # doctest: +SKIP
        ...                     rubrik="Barn i hushåll med låg ekonomisk standard, procent")
        """
        return own_tables.values(self, indikatorer, omraden, ar, kon)

    def show_table(self, tabell, rubrik: str = "", decimaler=None, kalla: str = "") -> None:
        """Any table (a pandas DataFrame or Series) in the briefing's house style: decimal comma, a space
        between thousands, "–" for a missing value, whole years and Swedish headers; ``rubrik`` above it.
        ``decimaler``: decimals for every number column, or a dict by column (default: none for whole
        numbers, else one). ``kalla``: the source printed under it (a table from ``varden`` names its own).
        """
        self._display(own_tables.house_table(tabell, rubrik, decimaler, kalla))

    def _described(self) -> list[str]:  # the theme's indicators and any other shown, each once
        return list(dict.fromkeys([i.id for i in self.indicators] + self._shown))

    def show_about(self) -> None:
        """The end of the briefing: Kunskapsstöd (the sources its sections cite, when any) and Om statistiken."""
        self.show_own_indicators()  # for a notebook whose cell for the gaps was taken out
        self._display(kunskapsstod.annex(self._evidence_shown) + about.about(self, self._described()), part="about",
                      data=self.data_rows())

    def data_rows(self) -> list[dict]:
        """The findings table behind the briefing (``<tema>.csv``): a row per indicator, area and sex."""
        rows = self.findings.rows(self.theme.id, self._described(), self._gradients_shown)
        if self._within_shown:
            rows += within.rows(self.kommun, self.theme.id, self.store_folder)
        if self._groups_shown:
            rows += group_health.rows(self.group_health, self.kommun, self.theme.id)
        return rows

