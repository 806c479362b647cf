"""``<Kommun>-mal.xlsx``: one row per local goal, ready to paste into a kommun's system for
målstyrning (Stratsys, Hypergene, Excel). Numbers are numbers; the status and its reason are the
same words as in the briefing, from the same function (``goals.follow_up``).
"""

from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from jamlik.base import paths
from jamlik.base.files import write_atomic
from jamlik.base.text import DEMO_BAND, UNITS, rounded
from jamlik.data import areas, catalog, provenance, snapshot
from jamlik.documents.briefing import Briefing
from jamlik.documents.workbook import add_sheet

COLUMNS = ["Indikator", "Kolada-id", "Nämnd", "Kommunens mål", "Senaste värde", "År", "Målvärde", "Målår",
           "Status", "Källa", "Hämtad", "Period", "KI nedre", "KI övre", "Kvar till målet",
           "Förändring per år hittills", "Behövd förändring per år", "Beräknat värde vid målåret", "Enhet",
           "Riktning", "Motivering", "Kommunkod", "Kommun", "Indikator-id"]
# columns holding the indicator's values: shown with its decimals (a comma in a Swedish Excel)
VALUE_COLUMNS = ["Senaste värde", "KI nedre", "KI övre", "Kvar till målet", "Förändring per år hittills",
                 "Behövd förändring per år", "Beräknat värde vid målåret"]
DEMO_SOURCE = DEMO_BAND


def file_name(kommun: areas.Area) -> str:
    return paths.goal_workbook_file(kommun)


def rows(briefing: Briefing) -> list[list]:
    """One row per goal, in COLUMNS' order; numbers as numbers, rounded as the briefing shows them."""
    out = []
    for indicator_id, goal in briefing.goals.items():
        status = briefing.goal_status(indicator_id)
        ind = goal.indicator
        source, retrieved = _origin(briefing, indicator_id, status.value_year)
        ci = status.ci or (None, None)
        numbers = {"Senaste värde": status.value, "KI nedre": ci[0], "KI övre": ci[1], "Kvar till målet": status.left,
                   "Förändring per år hittills": status.slope, "Behövd förändring per år": status.needed_per_year,
                   "Beräknat värde vid målåret": status.projected}
        row = {**{k: None if v is None else rounded(v, ind.decimals + (1 if "per år" in k else 0))
                  for k, v in numbers.items()},
               "Indikator": ind.title, "Kolada-id": ind.kpis, "Nämnd": goal.committee, "Kommunens mål": goal.aim,
               "År": status.value_year, "Målvärde": goal.target, "Målår": goal.year,
               "Status": status.words.capitalize(), "Källa": source, "Hämtad": retrieved, "Period": status.period,
               "Enhet": UNITS[ind.unit][1], "Riktning": "högst" if goal.lower_is_better else "minst",
               "Motivering": _plain(status.reason), "Kommunkod": briefing.kommun.code,
               "Kommun": briefing.kommun.name, "Indikator-id": ind.id}
        out.append([row[c] for c in COLUMNS])
    return out


def _plain(text: str) -> str:
    """Ordinary spaces: a steering system pasted into should not meet no-break spaces."""
    return text.replace("\u00a0", " ")


def _origin(briefing: Briefing, indicator_id: str, year: int | None) -> tuple[str, str]:
    """Where the latest value came from and when it was retrieved (ISO date)."""
    if briefing.is_demo:
        return DEMO_SOURCE, ""
    frame = briefing.findings.rows_of(indicator_id)
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
    sheet = book["Mål"]
    for r, row in enumerate(table, start=2):
        decimals = catalog.indicator(row[COLUMNS.index("Indikator-id")]).decimals
        for column in VALUE_COLUMNS:
            places = decimals + (1 if "per år" in column else 0)
            sheet.cell(r, COLUMNS.index(column) + 1).number_format = "0." + "0" * places if places else "0"
    return write_atomic(Path(target), book.save)
