"""What the analyst meets in JupyterLab (the notebook's own look, the export menu) and what a
reader meets on the intranet (the index page)."""

import json
import re
import tomllib
from importlib.metadata import entry_points

import nbformat
import pytest
import tinycss2
from IPython.core.interactiveshell import InteractiveShell
from nbconvert.exporters import get_exporter

from jamlik.base import paths
from jamlik.documents import export, style
from jamlik.documents.briefing import Briefing
from jamlik.running import batches

ROOT = paths.PACKAGE_DIR.parents[1]


@pytest.fixture
def shown(monkeypatch):
    from jamlik.documents import briefing as report

    html = []
    monkeypatch.setattr(report, "display", lambda obj, metadata=None: html.append(obj.data))
    InteractiveShell.instance()
    return html


def selectors(css: str) -> list[str]:
    rules = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        assert node.type == "at-rule" and tinycss2.serialize(node.prelude).strip() == "screen"
        rules += tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
    return [s.strip() for rule in rules for s in tinycss2.serialize(rule.prelude).split(",")]


def test_notebook_stylesheet_is_scoped_and_for_the_screen_only():
    found = selectors(style.notebook_css())
    assert len(found) > 50
    assert all(s == ".jamlik" or s.startswith(".jamlik ") for s in found), [s for s in found if "jamlik" not in s]
    css = style.notebook_css()
    # what JupyterLab got wrong: text cells right-aligned, markers wrapping, the band and the map
    assert ".jamlik table.jamlik-table tbody th { text-align: left;" in css
    assert re.search(r"\.jamlik table\.jamlik-table td \{[^}]*white-space: nowrap", css)
    assert css.index("position: fixed") < css.index(".jamlik .jamlik-demo-band { position: static")
    assert ".jamlik .jamlik-map { float: right;" in css


def test_every_output_is_scoped_and_the_first_carries_the_stylesheet(shown):
    b = Briefing("1883", "tidiga_ar", 2025)
    b.show_header()
    b.show_summary()
    assert all(h.startswith('<div class="jamlik">') and h.endswith("</div>") for h in shown)
    assert shown[0].startswith(f'<div class="jamlik">{style.style_element()}<!--jamlik:part header-->')
    assert "<style" not in shown[1]
    assert "jamlik-demo-band" in shown[0]  # the demo store: the band the stylesheet puts in the flow


def test_the_lan_report_is_styled_the_same_way(shown, monkeypatch):
    from jamlik.documents import lan_report

    monkeypatch.setattr(lan_report, "display", lambda obj, metadata=None: shown.append(obj.data))
    report = lan_report.LanReport("18", 2025)
    report.show_header()
    report.show_table(["barn_lag_ek_standard"])
    assert all(h.startswith('<div class="jamlik">') for h in shown)
    assert style.STYLE_CLASS in shown[0] and style.STYLE_CLASS not in shown[1]


def test_pdf_html_keeps_briefing_css_only():
    nb = nbformat.v4.new_notebook()
    html = f'<div class="jamlik">{style.style_element()}<h1>Rubrik</h1></div>'
    nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": html}, metadata={"jamlik": {"title": "Rubrik"}})]))
    page = export.to_html(nb)
    assert "jamlik-style" not in page and "@page" in page and "<h1>Rubrik</h1>" in page


def test_export_menu_entry_is_named_as_the_readme_says():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ours = {name: value for name, value in declared["project"]["entry-points"]["nbconvert.exporters"].items()
            if value == "jamlik.documents.export:BriefingPDFExporter"}
    (name,) = ours
    # JupyterLab 4 labels the menu entry with the name, first letter up; its export URL takes \w+ only
    assert re.fullmatch(r"[A-Za-z0-9_]+", name)
    label = name[0].upper() + name[1:]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"*File → Save and Export Notebook As → {label}*" in readme
    installed = {e.name: e.value for e in entry_points(group="nbconvert.exporters")}
    assert installed.get(name) == "jamlik.documents.export:BriefingPDFExporter", "entry point changed: pip install -e ."
    assert get_exporter(name) is export.BriefingPDFExporter


def _manifest(folder, entries: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").write_text(json.dumps({"outputs": entries}), encoding="utf-8")


def _entry(kind: str, area: str, sources: dict, made: str) -> dict:
    return {"kind": kind, "area": area, "data_source": sources, "made": made}


def test_index_page_for_one_briefing(tmp_path):
    folder = tmp_path / "2025"
    (folder / "1883-Karlskoga").mkdir(parents=True)
    (folder / "1883-Karlskoga" / "oversikt.pdf").write_bytes(b"%" * 1_234_567)
    _manifest(folder, {"1883-Karlskoga/oversikt.pdf": _entry(
        "oversikt", "1883", {"kolada_snapshot": "2024-08-30", "kolada": "2026-12-03T10:00:00"}, "2026-12-04T08:00:00")})
    page = batches.write_index(tmp_path, 2025).read_text(encoding="utf-8")
    assert "<p>1 briefing i 1 område." in page
    assert "Källa: Kolada (RKA), ögonblicksbild 30 augusti 2024 och hämtad 3 december 2026." in page
    assert "Uppdaterad 4 december 2026." in page
    assert ">Översikt: hälsa och livsvillkor (PDF, 1,2 MB)</a>" in page
    assert "<main>" in page and '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "Demodata" not in page


def test_index_page_counts_in_plural_and_marks_demo_data(tmp_path):
    folder = tmp_path / "2025"
    demo = {"demo": "2026-11-20T09:00:00"}
    for rel in ["1883-Karlskoga/tidiga_ar.pdf", "1862-Degerfors/tidiga_ar.pdf"]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(b"%" * 640_400)
    _manifest(folder, {"1883-Karlskoga/tidiga_ar.pdf": _entry("tidiga_ar", "1883", demo, "2026-11-20T09:00:00"),
                       "1862-Degerfors/tidiga_ar.pdf": _entry("tidiga_ar", "1862", demo, "2026-11-21T09:00:00")})
    page = batches.write_index(tmp_path, 2025).read_text(encoding="utf-8")
    assert "2 briefingar i 2 områden." in page and "(PDF, 640 kB)" in page
    assert '<p class="demo" role="note">Demodata – inte officiell statistik</p>' in page
    assert "Källa: demodata genererade av jamlik (inte officiell statistik)." in page
    assert "Uppdaterad 21 november 2026." in page
