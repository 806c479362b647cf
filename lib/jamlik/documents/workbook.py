"""``<Kommun>-samlad.xlsx``: every number of the council document for a strategist to reuse.

One sheet per theme with the columns of ``<tema>.csv`` (numbers as numbers, so Excel can sort and
chart them), a sheet "Inom kommunen" with the rows of valdistrikt, RegSO areas and schools, a sheet
"Hälsa efter grupp" with health by education and birth region, and a sheet
"Sammanfattning" listing the indicators the summary page names and why, and a sheet "Kunskapsstöd"
with what has been shown to work for each concern of the document, with its source.
Written to a temporary file and renamed when complete.
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from jamlik.base.files import write_atomic
from jamlik.data.catalog import Theme
from jamlik.documents.tables import COLUMNS, EXTRA
from jamlik.writing.glance import HEADINGS, Item, sentence, who_can_act

SUMMARY_COLUMNS = ["avsnitt", "indikator", "kpi", "tema", "varför", "text", "vem kan påverka"]
EVIDENCE_COLUMNS = ["ordning", "indikator", "titel", "tema", "typ", "insats", "vad visar", "styrka", "källa",
                    "utgivare", "år", "adress", "vem kan påverka"]


def add_sheet(book: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet name
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(name) + 4))


def write(target: Path, themes: list[tuple[Theme, list[dict]]], items: dict[str, list[Item]],
          evidence: list[list] = ()) -> Path:
    """``evidence`` are the rows of the sheet "Kunskapsstöd" (``EVIDENCE_COLUMNS``), one per action of a
    concern; the sheet is left out when the document has no concern."""
    book = Workbook()
    book.remove(book.active)
    summary = [[HEADINGS[kind], item.indicator.title, item.indicator.kpis, item.theme, item.why, sentence(item),
                who_can_act(item)]
               for kind in HEADINGS for item in items.get(kind, [])]
    add_sheet(book, "Sammanfattning", SUMMARY_COLUMNS, summary)
    if evidence:
        add_sheet(book, "Kunskapsstöd", EVIDENCE_COLUMNS, [list(row) for row in evidence])
    columns = COLUMNS + EXTRA
    for theme, rows in themes:
        add_sheet(book, theme.short_title, columns, [[row.get(c) for c in columns] for row in rows
                                                     if not row.get("level")])
    levelled = [row for _, rows in themes for row in rows if row.get("level")]
    inside = [row for row in levelled if row["level"] != "grupp"]
    if inside:  # districts, areas and schools: one sheet of their own
        add_sheet(book, "Inom kommunen", columns, [[row.get(c) for c in columns] for row in inside])
    groups = [row for row in levelled if row["level"] == "grupp"]
    if groups:  # health by education and birth region
        add_sheet(book, "Hälsa efter grupp", columns, [[row.get(c) for c in columns] for row in groups])
    return write_atomic(Path(target), book.save)
