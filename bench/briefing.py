"""Time one briefing end to end, stage by stage: data load, notebook execution, HTML, PDF.

Run: ``make bench`` (or ``.venv/bin/python bench/briefing.py [KOMMUN] [TEMA]``). Prints figures;
asserts nothing.
"""

import sys
import tempfile
import time
from pathlib import Path

import nbformat

from jamlik.data import areas, catalog, datastore
from jamlik.documents import export
from jamlik.running import params, run


def main(kommun: str = "1883", theme_id: str = "tidiga_ar") -> None:
    area, theme = areas.kommun(kommun), catalog.theme(theme_id)
    notebook = run.notebook_path(theme)
    timings = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        datastore.open_store("", [i.id for i in theme.indicators])
        timings["dataladdning"] = time.perf_counter() - start

        start = time.perf_counter()
        executed = out / f"{theme.id}.ipynb"
        values = params.merged(notebook, area.code)
        run.execute(notebook, executed, {**values, "kommun": area.code})
        timings["notebookkörning (Papermill)"] = time.perf_counter() - start

        start = time.perf_counter()
        html = export.to_html(nbformat.read(executed, as_version=4))
        timings["HTML (nbconvert)"] = time.perf_counter() - start

        start = time.perf_counter()
        pdf = export.html_to_pdf(html, out / f"{theme.id}.pdf")
        timings["PDF (WeasyPrint)"] = time.perf_counter() - start
        size = pdf.stat().st_size

    print(f"Briefing {area.name}, {theme.short_title.lower()}:")
    for stage, seconds in timings.items():
        print(f"  {stage:<30} {seconds:6.2f} s")
    print(f"  {'totalt':<30} {sum(timings.values()):6.2f} s   (PDF {size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
