"""Batch benchmark: (a) a plain loop, one fresh Papermill kernel and export per notebook, one at a
time; (b) the batch runner (warm kernels, all cores); (c) the same batch again, unchanged.
Prints seconds, the ratio, seconds per briefing and the projected time for all 290 kommuner x 5
notebooks, twice: from the average over this batch (start-up included) and from start-up plus the
steady rate once every worker is warm (what a long national batch sees). Asserts nothing.

Run: ``.venv/bin/python bench/batch.py [--lan 18] [--tema tidiga_ar ...] [--workers N]``
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from jamlik import areas, batch, catalog, export, params, run

NATIONAL = 290 * 5


def plain_loop(kommuner, themes, out: Path) -> float:
    start = time.perf_counter()
    for theme in themes:
        notebook = run.notebook_path(theme)
        for kommun in kommuner:
            folder = run.output_dir(out, 2025, kommun)
            executed = folder / f"{theme.id}.ipynb"
            run.execute(notebook, executed, {**params.merged(notebook, kommun.code), "kommun": kommun.code})
            export.export(executed, folder / f"{theme.id}.pdf", folder / f"{theme.id}.html")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lan", default="18")
    parser.add_argument("--tema", nargs="+", default=["tidiga_ar"])
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()
    kommuner = areas.kommuner_in(areas.lan(args.lan))
    themes = [catalog.theme(t) for t in args.tema]
    n = len(kommuner) * len(themes)
    with tempfile.TemporaryDirectory() as tmp:
        loop = plain_loop(kommuner, themes, Path(tmp) / "loop")
        # the theme briefings only, as the loop makes: no council PDFs joining several themes
        jobs = [j for j in batch.plan(kommuner, themes, 2025, Path(tmp) / "batch") if j.kind != batch.COUNCIL]
        finished = []
        start = time.perf_counter()
        first = batch.execute(jobs, workers=args.workers, report=lambda *_: finished.append(time.perf_counter()))
        again = batch.execute(jobs, workers=args.workers)
    print(f"{n} briefingar ({len(kommuner)} kommuner x {len(themes)} teman), {os.cpu_count()} kärnor, "
          f"{args.workers} arbetare")
    print(f"  (a) vanlig loop, ny kärna per notebook:  {loop:7.1f} s  ({loop / n:.2f} s per briefing)")
    per = first.seconds / n
    print(f"  (b) jamlik run:                          {first.seconds:7.1f} s  ({per:.2f} s per briefing)")
    print(f"  snabbare:                                {loop / first.seconds:7.2f} x")
    skipped = again.count("skipped")
    print(f"  (c) samma körning igen, oförändrad:      {again.seconds:7.1f} s  ({skipped} hoppades över)")
    print(f"  prognos, 290 kommuner x 5 notebookar:    {per * NATIONAL / 60:7.1f} min (medel i denna körning)")
    warm = args.workers  # the first result of each worker carries its start-up
    if len(finished) > warm + 1:
        startup = finished[warm - 1] - start
        rate = (len(finished) - warm) / (finished[-1] - finished[warm - 1])
        print(f"  uppstart (tills alla arbetare gjort en):  {startup:7.1f} s")
        print(f"  i jämn takt:                             {1 / rate:7.2f} s per briefing")
        print(f"  prognos, uppstart + jämn takt:           {(startup + (NATIONAL - warm) / rate) / 60:7.1f} min")


if __name__ == "__main__":
    main()
