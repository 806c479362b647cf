"""Finishing touches to the PDF's structure tree that WeasyPrint does not write itself.

Table header cells get a ``/Scope`` (column in the table head, row in the body), so a screen
reader can tell which header a number belongs to (PDF/UA-1, ISO 14289-1 7.5).
"""

from pathlib import Path

import pikepdf

SCOPES = {"/THead": pikepdf.Name.Column, "/TBody": pikepdf.Name.Row}


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _mark(element, section: str | None) -> None:
    if not isinstance(element, pikepdf.Dictionary):
        return
    role = str(element.get("/S", ""))
    if role == "/TH" and section in SCOPES:
        element.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=SCOPES[section])
    for kid in _kids(element):
        _mark(kid, role if role in SCOPES else section)


def add_table_scopes(path: Path) -> None:
    """Rewrite the PDF at ``path`` in place with scoped table headers."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return
        _mark(tree, None)
        pdf.save(path)
