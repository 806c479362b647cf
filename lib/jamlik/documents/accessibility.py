"""Finishing touches to the PDF's structure tree that WeasyPrint does not write itself.

Table header cells get a ``/Scope`` (column in the table head, row in the body), so a screen
reader can tell which header a number belongs to (PDF/UA-1, ISO 14289-1 7.5). This runs as a
WeasyPrint *finisher*: on the PDF objects in memory, before the file is written.
"""

import pydyf

SCOPES = {"/THead": "/Column", "/TBody": "/Row"}


def add_table_scopes(document, pdf: pydyf.PDF) -> None:
    """``write_pdf(finisher=add_table_scopes)``: scope every header cell by its table section."""
    elements = {o.reference: o for o in pdf.objects
                if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/StructElem"}
    for cell in elements.values():
        if cell.get("S") != "/TH":
            continue
        row = elements.get(cell.get("P"))
        section = elements.get(row.get("P")) if row is not None else None
        scope = SCOPES.get(section.get("S")) if section is not None else None
        if scope:
            attributes = cell.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes["Scope"] = scope
