"""Time one kommun's briefings end to end, stage by stage: data load, notebook (a fresh Papermill
kernel, as a single briefing runs), of which charts and the rest (measured again in this process,
warm, as a batch kernel runs it), HTML, PDF; then the council document from them.

Run: ``make bench`` (or ``.venv/bin/python bench/briefing.py [KOMMUN] [TEMA ...]``). Prints
figures; asserts nothing.
"""

import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import nbformat

from jamlik.charts import figures
from jamlik.data import areas, catalog, datastore
from jamlik.documents import briefing, council, export
from jamlik.running import params, run

CHARTS = ["indicator_chart", "spine", "sex_gaps", "group_gradients", "within_dots", "pyramid", "goal_panels"]


def warm_split(notebook: Path, kommun: str, year: int) -> tuple[float, float]:
    """(charts, everything else) in seconds for the notebook's code run in this process, warm."""
    spent = defaultdict(float)
    originals = {name: getattr(figures, name) for name in CHARTS}

    def timed(name):
        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent["charts"] += time.perf_counter() - start
        return call

    cells = ["".join(c["source"]) for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
    shown = briefing.display
    briefing.display = lambda *args, **kwargs: None
    try:
        for _ in range(2):  # the first run warms the caches, as the first kommun of a batch does
            spent.clear()
            for name in CHARTS:
                setattr(figures, name, timed(name))
            namespace, start = {}, time.perf_counter()
            for i, cell in enumerate(cells):
                exec(cell, namespace)  # noqa: S102 - the project's own notebook
                if i == 0:
                    namespace.update(kommun=kommun, year=year)
            total = time.perf_counter() - start
    finally:
        briefing.display = shown
        for name, original in originals.items():
            setattr(figures, name, original)
    return spent["charts"], total - spent["charts"]


def main(kommun: str = "1862", *theme_ids: str) -> None:
    area = areas.kommun(kommun)
    themes = [catalog.theme(t) for t in theme_ids] if theme_ids else run.themes_with_notebooks()
    year = datastore.latest_year(datastore.open_store()[0])
    stages = ["data", "notebook", "  varav diagram (varm)", "  varav övrigt (varm)", "HTML", "PDF"]
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for theme in themes:
            notebook = run.notebook_path(theme)
            timings = {}
            start = time.perf_counter()
            datastore.open_store("", [i.id for i in theme.indicators])
            timings["data"] = time.perf_counter() - start
            start = time.perf_counter()
            executed = out / f"{theme.id}.ipynb"
            values = params.merged(notebook, area.code)
            run.execute(notebook, executed, {**values, "kommun": area.code, "year": year})
            timings["notebook"] = time.perf_counter() - start
            charts, rest = warm_split(notebook, area.code, year)
            timings["  varav diagram (varm)"], timings["  varav övrigt (varm)"] = charts, rest
            start = time.perf_counter()
            html = export.to_html(nbformat.read(executed, as_version=4))
            timings["HTML"] = time.perf_counter() - start
            (out / f"{theme.id}.html").write_text(html, encoding="utf-8")
            start = time.perf_counter()
            export.html_to_pdf(html, out / f"{theme.id}.pdf")
            timings["PDF"] = time.perf_counter() - start
            rows[theme.short_title.lower()] = timings
        layouts, render = [0], export.render

        def counted(html):
            layouts[0] += 1
            return render(html)

        export.render = counted
        start = time.perf_counter()
        council.write(area, year, [(t, out / f"{t.id}.html") for t in themes], out / "samlad.pdf")
        council_seconds = time.perf_counter() - start
        export.render = render

    print(f"{area.name} {year}, sekunder per steg:")
    print(f"  {'steg':<24}" + "".join(f"{name[:12]:>13}" for name in rows) + f"{'summa':>9}")
    for stage in stages:
        values = [t[stage] for t in rows.values()]
        print(f"  {stage:<24}" + "".join(f"{v:13.2f}" for v in values) + f"{sum(values):9.2f}")
    print(f"  {'samlat dokument':<24}{council_seconds:13.2f}  ({layouts[0]} sidlayouter)")


if __name__ == "__main__":
    main(*sys.argv[1:])
