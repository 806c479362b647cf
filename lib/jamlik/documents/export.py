"""Executed notebook -> HTML with our nbconvert template (no code, no prompts) -> A4 PDF.

WeasyPrint may load nothing but the run's own inline data (``data:`` URIs): no network,
no files from elsewhere.
"""

import atexit
import re
import tempfile
import threading
from functools import cache
from html import escape
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters import Exporter
from nbconvert.preprocessors import TagRemovePreprocessor
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from jamlik.base.errors import BriefingError
from jamlik.base.files import write_atomic
from jamlik.base.memory import collected_after
from jamlik.base.paths import TEMPLATES
from jamlik.documents.accessibility import add_table_scopes
from jamlik.documents.pdf_images import with_images
from jamlik.documents.style import STYLE_CLASS

TEMPLATE = "jamlik"
# the notebook view's copy of the stylesheet: the template already has briefing.css
NOTEBOOK_STYLE = re.compile(rf'<style class="{STYLE_CLASS}">.*?</style>', re.S)


def briefing_meta(nb: nbformat.NotebookNode) -> dict:
    """The ``jamlik`` metadata the briefing's header cell attached to its output."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("jamlik")
            if meta:
                return dict(meta)
    return {}


@cache
def html_exporter() -> HTMLExporter:
    """One per process: building it compiles the Jinja templates, which costs more than a
    briefing's conversion."""
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)])
    # cells tagged for the analyst only (help text, scratch work) stay out of the briefing
    remover = TagRemovePreprocessor(remove_cell_tags={"remove_cell"}, remove_input_tags={"remove_input"},
                                    remove_all_outputs_tags={"remove_output"})
    exporter.register_preprocessor(remover, enabled=True)
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def to_html(nb: nbformat.NotebookNode) -> str:
    meta = briefing_meta(nb)
    title = meta.get("title") or nb.metadata.get("title") or "Jämlik hälsa"
    nb.metadata["title"] = title  # the lab template reads the <title> (and so the PDF title) from here
    resources = {"metadata": {"name": title}, "language_code": "sv"}
    html, _ = html_exporter().from_notebook_node(nb, resources=resources)
    return NOTEBOOK_STYLE.sub("", html)


class BriefingPDFExporter(Exporter):
    """JupyterLab's *File → Save and Export Notebook As → Briefing*: the same template and PDF as
    ``jamlik run``.

    A notebook not yet run is run first, in a kernel of its own in the notebook's folder, with the
    parameters its first cell holds; if that fails, the PDF is one page that says in Swedish what
    went wrong, since the browser tab the export opens is where the analyst is looking. The file is
    named for the notebook, the kommun and the year: ``01_tidiga_ar-Karlskoga-2022.pdf`` (JupyterLab
    takes the notebook's name and adds ``output_extension``).

    JupyterLab 4 labels the entry with the entry point's name, first letter capitalised (and the
    name must be a word, ``\\w+``, to fit its export URL), hence ``briefing`` in pyproject.toml;
    ``export_from_notebook`` is what the classic Notebook's *Download as* shows."""

    export_from_notebook = "Jämlik hälsa-briefing (PDF)"
    output_mimetype = "application/pdf"

    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        try:
            if not briefing_meta(nb):
                nb = _run(nb, (resources.get("metadata") or {}).get("path") or ".")
            html = to_html(nb)
        except BriefingError as exc:
            html = _problem_page(str(exc))
        meta = briefing_meta(nb)
        kommun = str(meta.get("title", "")).split(":")[0].replace(" ", "-")
        resources["output_extension"] = f"-{kommun}-{meta['year']}.pdf" if kommun and meta.get("year") else ".pdf"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "briefing.pdf"
            _write_pdf(html, str(path))
            return path.read_bytes(), resources


def _run(nb: nbformat.NotebookNode, folder: str) -> nbformat.NotebookNode:
    """Run a notebook as the analyst's Run All would (a fresh kernel, in the notebook's folder)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
    except CellExecutionError as exc:
        why = exc.evalue if exc.ename.endswith("Error") and exc.evalue else str(exc).strip().splitlines()[-1]
        raise BriefingError(f"Notebooken kunde inte köras: {why}") from exc
    if not briefing_meta(nb):
        raise BriefingError("Notebooken visar ingen briefing: den första cellen efter parametrarna ska göra "
                            "Briefing(...) och show_header().")
    return nb


def _problem_page(message: str) -> str:
    """A one-page PDF in place of the briefing: what went wrong and what to do."""
    css = (TEMPLATES / "jamlik" / "briefing.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Briefingen kunde inte göras'
            f"</title><style>{css}</style></head><body><h1>Briefingen kunde inte göras</h1>"
            f"<p>{escape(message)}</p><p>Rätta parametrarna i notebookens första kodcell, välj Run All för att se "
            "felet i notebooken och exportera sedan igen.</p></body></html>")


PDF_VARIANT = "pdf/ua-1"  # tagged PDF: structure tree, language, title and alt text for screen readers
# each thread's fonts, by thread id; let go before the interpreter tears its modules down, when
# freeing Pango's font map crashes the process (nbconvert --to briefing ended in a segfault)
_fonts: dict[int, FontConfiguration] = {}
atexit.register(_fonts.clear)


def font_config(html: str) -> FontConfiguration:
    """The fonts for a page. WeasyPrint would load Fontconfig's configuration and every system font
    anew for each document (some 4 % of a theme PDF's time), so a thread keeps one: the system's
    fonts and WeasyPrint's caches on them do not change between documents. A page with its own
    ``@font-face`` gets a configuration of its own, so its fonts never reach the next page. One per
    thread: Pango's font map is not safe to share between threads (a Dask worker may run several)."""
    if "@font-face" in html:
        return FontConfiguration()
    thread = threading.get_ident()
    if thread not in _fonts:
        _fonts[thread] = FontConfiguration()
    return _fonts[thread]


def _document(html: str) -> tuple[HTML, dict, FontConfiguration]:
    """The page for WeasyPrint, its PNG images kept as they are (``with_images``), and its fonts."""
    html, cache = with_images(html)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})), cache, font_config(html)


@collected_after()  # WeasyPrint's box tree: see ``memory``
def _write_pdf(html: str, path: str) -> None:
    document, cache, fonts = _document(html)
    document.write_pdf(path, pdf_variant=PDF_VARIANT, finisher=add_table_scopes, cache=cache, font_config=fonts)


def html_to_pdf(html: str, target: Path) -> Path:
    try:
        return write_atomic(Path(target), lambda tmp: _write_pdf(html, tmp))
    except Exception as exc:  # WeasyPrint raises many types; the user needs one message
        raise BriefingError(f"PDF:en {target} kunde inte skapas: {exc}") from exc


@collected_after()
def render(html: str):
    """Lay the document out once (to count its pages before deciding to write it)."""
    document, cache, fonts = _document(html)
    return document.render(pdf_variant=PDF_VARIANT, cache=cache, font_config=fonts)


def rendered_to_pdf(document, target: Path) -> Path:
    """Write a document laid out by ``render``, atomically."""
    try:
        return write_atomic(Path(target), lambda tmp: _write_rendered(document, tmp))
    except Exception as exc:
        raise BriefingError(f"PDF:en {target} kunde inte skapas: {exc}") from exc


@collected_after()
def _write_rendered(document, path: str) -> None:
    document.write_pdf(path, pdf_variant=PDF_VARIANT, finisher=add_table_scopes)


def export(notebook: Path, pdf: Path, html: Path | None = None) -> Path:
    """Write the PDF (and optionally the HTML) for an executed notebook."""
    nb = nbformat.read(notebook, as_version=4)
    text = to_html(nb)
    if html:
        write_atomic(Path(html), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return html_to_pdf(text, pdf)
