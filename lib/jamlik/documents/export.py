"""Executed notebook -> HTML with our nbconvert template (no code, no prompts) -> A4 PDF.

WeasyPrint may load nothing but the run's own inline data (``data:`` URIs): no network,
no files from elsewhere.
"""

import atexit
import re
import sys
import tempfile
import threading
from functools import cache
from html import escape
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters import Exporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from jamlik.base.errors import BriefingError
from jamlik.base.files import write_atomic
from jamlik.base.memory import collected_after
from jamlik.base.paths import TEMPLATES
from jamlik.documents import notebook_state
from jamlik.documents.accessibility import add_table_scopes
from jamlik.documents.pdf_images import with_images
from jamlik.documents.style import STYLE_CLASS, is_analyst_note
from jamlik.writing.markup import element

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


class AnalystNotesRemover(Preprocessor):
    """The strategist's notes (commands, what is missing: ``style.ANALYST_META``) stay in the notebook."""

    def preprocess_cell(self, cell, resources, index):
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not is_analyst_note(o)]
        return cell, resources


@cache
def html_exporter() -> HTMLExporter:
    """One per process: building it compiles the Jinja templates, which costs more than a
    briefing's conversion."""
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)])
    # cells tagged for the analyst only (help text, scratch work) stay out of the briefing
    remover = TagRemovePreprocessor(remove_cell_tags={"remove_cell"}, remove_input_tags={"remove_input"},
                                    remove_all_outputs_tags={"remove_output"})
    exporter.register_preprocessor(remover, enabled=True)
    exporter.register_preprocessor(AnalystNotesRemover(), enabled=True)
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
    ``jamlik run``, and only for a notebook whose outputs are what its cells now say
    (``notebook_state``).

    A notebook not yet run, or whose outputs are stale (parameters changed since the run, a cell
    without output, cells run out of order), is run again first, in a kernel of its own in the
    notebook's folder. A notebook with a cell that ended in an error is refused: the PDF is then one
    page that says in Swedish which cell failed and what went wrong, named ``<notebook>-FEL.pdf``,
    since the browser tab the export opens is where the strategist is looking; from the command line
    (``jupyter nbconvert --to briefing``) that page is written and the command exits with 1. A
    briefing is named for the notebook, the kommun and the year: ``01_tidiga_ar-Karlskoga-2022.pdf``
    (JupyterLab takes the notebook's name and adds ``output_extension``).

    JupyterLab 4 labels the entry with the entry point's name, first letter capitalised (and the
    name must be a word, ``\\w+``, to fit its export URL), hence ``briefing`` in pyproject.toml;
    ``export_from_notebook`` is what the classic Notebook's *Download as* shows."""

    export_from_notebook = "Jämlik hälsa-briefing (PDF)"
    output_mimetype = "application/pdf"

    def _file_extension_default(self):
        return ".pdf"

    def from_notebook_node(self, nb, resources=None, **kw):
        nb, resources = super().from_notebook_node(nb, resources, **kw)
        where = resources.get("metadata") or {}
        notebook = f"{where.get('name') or 'notebooken'}.ipynb"
        refused = None
        try:
            nb = self._ready(nb, where.get("path") or ".", notebook)
            html, resources["output_extension"] = to_html(nb), _briefing_suffix(briefing_meta(nb))
        except BriefingError as exc:
            refused = exc
            html, resources["output_extension"] = problem_page(exc, notebook), REFUSED_SUFFIX
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "briefing.pdf"
            _write_pdf(html, str(path))
            pdf = path.read_bytes()
        if refused is not None:
            _refuse_on_command_line(pdf, resources, refused)
        return pdf, resources

    def _ready(self, nb, folder: str, notebook: str):
        """The notebook to export: as it is when it is current, else run again; refused on an error."""
        refused = notebook_state.refusal(nb, notebook)
        if refused:
            raise refused
        meta = briefing_meta(nb)
        reason = notebook_state.stale_reason(nb, meta.get("parameters") if meta else None)
        if reason:
            self.log.info("%s körs om före exporten: %s.", notebook, reason)
            nb = notebook_state.run_again(nb, folder, notebook)
        if not briefing_meta(nb):
            raise BriefingError(f"{notebook} visar ingen briefing: den första cellen efter parametrarna ska göra "
                                "Briefing(...) och show_header().")
        return nb


REFUSED_SUFFIX = "-FEL.pdf"
TRACEBACK_LINES, TRACEBACK_WIDTH = 40, 120  # what fits under the message on one A4 page


def _briefing_suffix(meta: dict) -> str:
    kommun = str(meta.get("title", "")).split(":")[0].replace(" ", "-")
    return f"-{kommun}-{meta['year']}.pdf" if kommun and meta.get("year") else ".pdf"


def _refuse_on_command_line(pdf: bytes, resources: dict, refused: BriefingError) -> None:
    """From ``jupyter nbconvert --to briefing``: write the page, say why on the terminal, exit with 1.
    In JupyterLab (no NbConvertApp) the page itself is the answer."""
    from jupyter_core.application import JupyterApp
    from nbconvert.nbconvertapp import NbConvertApp

    app = JupyterApp.instance() if JupyterApp.initialized() else None
    if not isinstance(app, NbConvertApp):  # the Jupyter server is a Jupyter application too
        return
    written = app.write_single_notebook(pdf, resources)
    line = str(refused)
    print(line if line.startswith("Fel") else f"Fel: {line}", file=sys.stderr)
    print(f"Ingen briefing gjordes. {written} säger vad som är fel och hur du rättar det.", file=sys.stderr)
    app.exit(1)


def problem_page(problem: BriefingError, notebook: str) -> str:
    """A one-page PDF in place of the briefing: what went wrong, what to do, and Python's traceback;
    the notebook's name at the foot of the page, where a briefing has its kommun."""
    css = (TEMPLATES / "jamlik" / "briefing.css").read_text(encoding="utf-8")
    advice = getattr(problem, "advice", "") or ("Rätta notebooken, välj Run All för att se felet där och exportera "
                                                "sedan igen.")
    lines = [line[:TRACEBACK_WIDTH] for text in [getattr(problem, "traceback", "")] for line in text.splitlines()]
    details = (f"<h2>Pythons felbeskrivning</h2><pre style=\"font-size: 6.5pt; white-space: pre-wrap\">"
               f"{escape(chr(10).join(lines[-TRACEBACK_LINES:]))}</pre>") if lines else ""
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Briefingen gjordes inte'
            f"</title><style>{css}</style></head><body>"
            f'<p class="jamlik-kicker">{element("span", notebook, "running-kommun")} · '
            f'{element("span", "export till PDF", "running-theme")}</p><h1>Briefingen gjordes inte</h1>'
            f"<p><strong>{escape(str(problem))}</strong></p><p>{escape(advice)}</p>{details}</body></html>")


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
    """Lay the document out once (to count its pages before deciding to write it). The layout keeps the
    HTML it was made from (``source``), to be laid out again with other page breaks."""
    document, cache, fonts = _document(html)
    rendered = document.render(pdf_variant=PDF_VARIANT, cache=cache, font_config=fonts)
    rendered.source = html
    return rendered


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
