"""``<Kommun>-mal.xlsx``: one row per local goal, ready to paste into a kommun's system for
målstyrning (Stratsys, Hypergene, Excel). Numbers are numbers; the status and its reason are the
same words as in the briefing, from the same function (``goals.follow_up``).
"""

from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from . import areas, params, provenance, run, snapshot
from .files import write_atomic
from .report import Briefing
from .text import UNITS
from .workbook import add_sheet

COLUMNS = ["Indikator", "Kolada-id", "Nämnd", "Kommunens mål", "Senaste värde", "År", "Målvärde", "Målår",
           "Status", "Källa", "Hämtad", "Enhet", "Riktning", "Motivering", "Indikator-id"]
DEMO_SOURCE = "Demodata – inte officiell statistik"


def file_name(kommun: areas.Area) -> str:
    return f"{kommun.name.replace(' ', '-')}-mal.xlsx"


def rows(briefing: Briefing) -> list[list]:
    """One row per goal, in COLUMNS' order."""
    out = []
    for indicator_id, goal in briefing.goals.items():
        status = briefing.goal_status(indicator_id)
        ind = goal.indicator
        source, retrieved = _origin(briefing, indicator_id, status.value_year)
        value = round(status.value, ind.decimals) if status.value is not None else None  # as the briefing shows it
        out.append([ind.title, ind.kpis, goal.committee, goal.aim, value, status.value_year, goal.target,
                    goal.year, status.words.capitalize(), source, retrieved, UNITS[ind.unit][1],
                    "högst" if goal.lower_is_better else "minst", _plain(status.reason), ind.id])
    return out


def _plain(text: str) -> str:
    """Ordinary spaces: a steering system pasted into should not meet no-break spaces."""
    return text.replace("\u00a0", " ")


def _origin(briefing: Briefing, indicator_id: str, year: int | None) -> tuple[str, str]:
    """Where the latest value came from and when it was retrieved (ISO date)."""
    if briefing.is_demo:
        return DEMO_SOURCE, ""
    frame = briefing.rows_of(indicator_id)
    rows = frame[(frame["area"] == briefing.kommun.code) & (frame["year"] == year) & (frame["sex"] == "T")]
    if rows.empty:
        return provenance.SOURCE_NAMES["kolada"], ""
    row = rows.iloc[0]
    source = provenance.SOURCE_NAMES.get(row["source"], row["source"])
    if snapshot.is_snapshot(rows).iloc[0]:
        source += f", ögonblicksbild {snapshot.DATE}"
    retrieved = row["retrieved"]
    return source, str(retrieved)[:10] if pd.notna(retrieved) else ""


def write(target: Path, table: list[list]) -> Path:
    book = Workbook()
    book.remove(book.active)
    add_sheet(book, "Mål", COLUMNS, table)
    return write_atomic(Path(target), book.save)


def make(kommun: areas.Area, year: int, out_root: Path, params_file: Path | None = None,
         overrides: dict | None = None, data_store: str = "") -> Path | None:
    """Write the kommun's goal workbook beside its briefings; None when it has set no goals."""
    notebook = run.notebook_path(run.themes_with_notebooks()[0])
    values = params.merged(notebook, kommun.code, params_file, overrides)
    if not values.get("mal"):
        return None
    briefing = Briefing(kommun.code, "oversikt", year, data_store=data_store, goals=values["mal"])
    target = run.output_dir(Path(out_root), briefing.year, kommun) / file_name(kommun)
    return write(target, rows(briefing))
