"""What the print-quality tests measure: every text a chart draws, where and how large it prints,
and how the printed pages are filled.

``recording`` records each text a chart draws on the charts' renderer (``canvas.Renderer``), with
its box and size, per chart; ``printed`` finds the width the document prints each chart at.
``run_notebook`` runs a notebook's code cells in this process, as Run All would, with the displays
as the cells' outputs; ``make_briefings`` makes a kommun's theme PDFs and council PDF from them
through the project's own export and council document. ``past_the_column`` and ``filled`` read the
PDFs as printed (rasterised by poppler).
"""

import base64
import re
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from matplotlib.text import Text

from jamlik.base import paths
from jamlik.charts import canvas, figures, maps
from jamlik.charts.figures import natural_mm
from jamlik.data import areas, catalog
from jamlik.running import batch, run

IMG = re.compile(r'src="data:image/png;base64,([^"]+)"[^>]*style="width:([\d.]+)mm')
MIN_PT = 7.0  # no chart text prints smaller
TOUCH_PX = 1.0  # boxes may touch; an overlap is more than this in both directions (200 dpi)


@dataclass
class DrawnText:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels at the chart's resolution
    size: float  # points, as drawn


@dataclass
class DrawnChart:
    png: bytes
    texts: list[DrawnText]
    print_mm: float | None = None  # the width the document prints it at (None: not shown)

    @property
    def scale(self) -> float:
        return (self.print_mm or figures.PRINT_MM) / natural_mm(self.png)


@contextmanager
def recording(monkeypatch):
    """Every chart drawn inside the block, with the texts its renderer drew."""
    charts: list[DrawnChart] = []
    drawn: dict[int, DrawnText] = {}
    draw = Text.draw

    def recorded_draw(self, renderer):
        # measured as it is drawn: a chart cropped by matplotlib is drawn twice, and some texts keep
        # the place of the last drawing while others follow the figure restored after it
        draw(self, renderer)
        if isinstance(renderer, canvas.Renderer) and self.get_visible() and self.get_text().strip():
            box = Text.get_window_extent(self, renderer)
            drawn[id(self)] = DrawnText(self.get_text(), (box.x0, box.y0, box.x1, box.y1), self.get_fontsize())

    to_png = figures._to_png

    def recorded_to_png(fig):
        drawn.clear()
        png = to_png(fig)
        charts.append(DrawnChart(png, list(drawn.values())))
        return png

    monkeypatch.setattr(Text, "draw", recorded_draw)
    monkeypatch.setattr(figures, "_to_png", recorded_to_png)
    monkeypatch.setattr(maps, "_to_png", recorded_to_png)
    yield charts


def printed(charts: list[DrawnChart], html: str) -> list[DrawnChart]:
    """The charts the HTML shows, each with the width it prints at."""
    widths = {base64.b64decode(data): float(mm) for data, mm in IMG.findall(html)}
    shown = []
    for chart in charts:
        if chart.png in widths:
            chart.print_mm = widths[chart.png]
            shown.append(chart)
    return shown


def run_notebook(notebook, parameters: dict, monkeypatch) -> nbformat.NotebookNode:
    """A notebook's code run here, as Run All would (the parameters cell given ``parameters``), with
    each cell's displays (``jamlik.documents``) as its outputs: what Papermill would save, without a
    kernel."""
    from jamlik.documents import briefing, lan_report

    shown: list = []
    for module in (briefing, lan_report):
        monkeypatch.setattr(module, "display", lambda html, metadata=None: shown.append((html.data, metadata)))
    nb = nbformat.read(notebook, as_version=4)
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        shown.clear()
        exec(compile(cell.source, str(notebook), "exec"), namespace)  # noqa: S102 - the project's own notebooks
        if "parameters" in cell.metadata.get("tags", []):
            namespace.update(parameters)
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html}, metadata=meta or {})
                        for html, meta in shown]
    return nbformat.reads(nbformat.writes(nb), as_version=4)  # as saved: JSON, as a kernel sends it


def notebook_of(theme: str):
    if theme == batch.LAN_REPORT:
        return paths.notebooks_dir() / batch.LAN_NOTEBOOK
    return run.notebook_path(catalog.theme(theme))


def html_of(nb: nbformat.NotebookNode) -> str:
    return "".join(o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []))


def make_briefings(kommun: str, year: int, folder: Path, monkeypatch) -> Path:
    """Every theme's HTML, CSV and PDF and the council PDF for a kommun, laid out as ``jamlik run`` lays
    them out (the same notebooks, export and council document), the notebooks run in this process."""
    from jamlik.documents import council, export, tables

    area = areas.kommun(kommun)
    folder.mkdir(parents=True, exist_ok=True)
    themes = [t.id for t in run.themes_with_notebooks()]
    for theme in themes:
        nb = run_notebook(notebook_of(theme), {"kommun": area.code, "year": year}, monkeypatch)
        html = export.to_html(nb)
        (folder / f"{theme}.html").write_text(html, encoding="utf-8")
        export.html_to_pdf(html, folder / f"{theme}.pdf")
        tables.write_csv(tables.rows_in(nb), folder / f"{theme}.csv")
    return council.write(area, year, [(catalog.theme(t), folder / f"{t}.html") for t in themes],
                         folder / paths.council_file(area))


def overlaps(chart: DrawnChart) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap by more than ``TOUCH_PX`` both ways."""
    found = []
    texts = chart.texts
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            wide = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
            high = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
            if wide > TOUCH_PX and high > TOUCH_PX:
                found.append((a.text, b.text))
    return found


def too_small(chart: DrawnChart) -> list[tuple[str, float]]:
    """Texts that print below ``MIN_PT``, with the size they print at."""
    return [(t.text, round(t.size * chart.scale, 2)) for t in chart.texts if t.size * chart.scale < MIN_PT - 0.01]


# --- the pages as printed ------------------------------------------------------------------------

PAGE_MM = (210.0, 297.0)
MARGINS_MM = {"top": 24.0, "right": 18.0, "bottom": 20.0, "left": 18.0}  # briefing.css's @page
RASTER_DPI = 50
HALF = 0.5  # no page of the council document but its last ends above this share of its body


def pages(pdf: Path):
    """Each page of a PDF as a greyscale array (white 255), at ``RASTER_DPI``."""
    import numpy as np
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(RASTER_DPI), "-gray", str(pdf), f"{tmp}/p"], check=True)
        for path in sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
            yield np.asarray(Image.open(path))


def _px(mm: float) -> int:
    return round(mm / 25.4 * RASTER_DPI)


def past_the_column(pdf: Path) -> list[int]:
    """Pages (from 1) with ink in the right margin: a table, caption or chart wider than the column
    (the running footer stays inside the column)."""
    found = []
    for number, page in enumerate(pages(pdf), start=1):
        margin = page[:, page.shape[1] - _px(MARGINS_MM["right"]) + 2:]
        if (margin < 200).any():
            found.append(number)
    return found


def filled(pdf: Path) -> list[float]:
    """How far down each page's body the ink reaches, as a share of the body's height (the running
    footer left out)."""
    shares = []
    for page in pages(pdf):
        top, bottom = _px(MARGINS_MM["top"]), page.shape[0] - _px(MARGINS_MM["bottom"])
        rows = (page[top:bottom] < 200).any(axis=1).nonzero()[0]
        shares.append(float(rows[-1] + 1) / (bottom - top) if rows.size else 0.0)
    return shares
