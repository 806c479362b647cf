"""Batch benchmark: (a) a plain loop, one fresh Papermill kernel and export per notebook, one at a
time; (b) the batch runner (warm kernels, all cores); (c) the same batch again, unchanged;
(d) the council documents (``<Kommun>-samlad.pdf`` and ``.xlsx``) from the theme briefings.
Prints seconds, the ratio, seconds per briefing and projections for all 290 kommuner x 5
notebooks: from the average over this batch (start-up included) and from start-up plus the
steady rate once every worker is warm; then with the council documents added, at their average
(start-up of their own pool included) and at their steady rate. Last, the projection a national
run bears out: each kommun's jobs (its briefings and its council document) add their own
seconds, measured with every worker busy, and the workers share them. It holds only for kommuner
as costly as the national average: Örebro län's (``--lan 18``) are cheaper; ``--urval 20`` takes
20 kommuner spread evenly in code order instead, every län among them. Reads the default data
store (the real Kolada snapshot) and its latest year. Asserts nothing.

Run: ``.venv/bin/python bench/batch.py [--lan 18 | --urval N] [--tema tidiga_ar ...] [--workers N] [--utan-loop]``
"""

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from jamlik.base import paths
from jamlik.data import areas, catalog, datastore
from jamlik.documents import export
from jamlik.running import batch, params, run

KOMMUNER = 290
NATIONAL = KOMMUNER * 5


def plain_loop(kommuner, themes, out: Path, year: int) -> float:
    start = time.perf_counter()
    for theme in themes:
        notebook = run.notebook_path(theme)
        for kommun in kommuner:
            folder = paths.output_dir(out, year, kommun)
            executed = folder / f"{theme.id}.ipynb"
            values = {**params.merged(notebook, kommun.code), "kommun": kommun.code, "year": year}
            run.execute(notebook, executed, values)
            export.export(executed, folder / f"{theme.id}.pdf", folder / f"{theme.id}.html")
    return time.perf_counter() - start


def spread(n: int) -> list:
    """``n`` kommuner spread evenly over all 290 in code order: every län, small and large."""
    every = sorted(areas.kommuner(), key=lambda k: k.code)
    step = len(every) / n
    return [every[int(step / 2 + i * step)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lan", default="18")
    parser.add_argument("--urval", type=int, default=0, help="N kommuner spread over the country instead of a län")
    parser.add_argument("--tema", nargs="+", default=["tidiga_ar"])
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--utan-loop", action="store_true", help="skip (a), the slow plain loop")
    args = parser.parse_args()
    kommuner = spread(args.urval) if args.urval else areas.kommuner_in(areas.lan(args.lan))
    themes = [catalog.theme(t) for t in args.tema]
    year = datastore.latest_year(datastore.open_store()[0])
    n = len(kommuner) * len(themes)
    with tempfile.TemporaryDirectory() as tmp:
        loop = None if args.utan_loop else plain_loop(kommuner, themes, Path(tmp) / "loop", year)
        planned = batch.plan(kommuner, themes, year, Path(tmp) / "batch")
        # the theme briefings first, as the loop makes them; then the council documents on their own
        jobs = [j for j in planned if j.kind != batch.COUNCIL]
        councils = [j for j in planned if j.kind == batch.COUNCIL]
        finished, job_seconds = [], defaultdict(list)  # when each briefing was done; made jobs' own seconds

        def done_briefing(result, *_):
            finished.append(time.perf_counter())
            job_seconds[result.job.kind].append(result.seconds)

        start = time.perf_counter()
        first = batch.execute(jobs, workers=args.workers, report=done_briefing)
        again = batch.execute(jobs, workers=args.workers)
        # run with the (now unchanged) themes, which are skipped: a council waits for its themes
        done = []  # when each council document was done: their steady rate, as for the briefings

        def done_document(result, *_):
            if result.job.kind == batch.COUNCIL:
                done.append(time.perf_counter())
                job_seconds[result.job.kind].append(result.seconds)

        documents = batch.execute(planned, workers=args.workers, report=done_document) if councils else None
    print(f"{n} briefingar ({len(kommuner)} kommuner x {len(themes)} teman, år {year}), {os.cpu_count()} kärnor, "
          f"{args.workers} arbetare")
    per = first.seconds / n
    if loop is not None:
        print(f"  (a) vanlig loop, ny kärna per notebook:  {loop:7.1f} s  ({loop / n:.2f} s per briefing)")
    print(f"  (b) jamlik run:                          {first.seconds:7.1f} s  ({per:.2f} s per briefing)")
    if loop is not None:
        print(f"  snabbare:                                {loop / first.seconds:7.2f} x")
    skipped = again.count("skipped")
    print(f"  (c) samma körning igen, oförändrad:      {again.seconds:7.1f} s  ({skipped} hoppades över)")
    print(f"  prognos, 290 kommuner x 5 notebookar:    {per * NATIONAL / 60:7.1f} min (medel i denna körning)")
    warm = args.workers  # the first result of each worker carries its start-up
    national = per * NATIONAL
    if len(finished) > warm + 1:
        startup = finished[warm - 1] - start
        rate = (len(finished) - warm) / (finished[-1] - finished[warm - 1])
        national = startup + (NATIONAL - warm) / rate
        print(f"  uppstart (tills alla arbetare gjort en):  {startup:7.1f} s")
        print(f"  i jämn takt:                             {1 / rate:7.2f} s per briefing")
        print(f"  prognos, uppstart + jämn takt:           {national / 60:7.1f} min")
    if documents is not None:
        made = documents.count("made")
        per_document = documents.seconds / max(made, 1)
        print(f"  (d) samlade dokument:                    {documents.seconds:7.1f} s  ({made} st, "
              f"{per_document:.2f} s vardera med {args.workers} arbetare)")
        print(f"  prognos med samlade dokument för alla:   {(national + per_document * KOMMUNER) / 60:7.1f} min")
        # (d) starts a new pool, so its average carries the workers' start-up, which a national run
        # pays once, with the briefings: once each worker has made one, the documents' steady rate
        if len(done) > warm + 1:
            steady = (done[-1] - done[warm - 1]) / (len(done) - warm)
            print(f"  samlade dokument i jämn takt:            {steady:7.2f} s vardera")
            print(f"  prognos, jämn takt för båda:             {(national + steady * KOMMUNER) / 60:7.1f} min")
    # as a national run's log adds up: every job's own seconds (with all workers busy), per kommun
    per_kommun = sum(sum(seconds) for seconds in job_seconds.values()) / len(kommuner)
    print("  ett jobbs egna tid i medel:              " + ", ".join(
        f"{kind} {sum(seconds) / len(seconds):.2f} s" for kind, seconds in job_seconds.items()))
    print(f"  jobbens egna tider, per kommun:          {per_kommun:7.2f} s  ({'med' if documents else 'utan'} "
          f"samlat dokument, {args.workers} arbetare)")
    print(f"  prognos från jobbens tider:              {per_kommun * KOMMUNER / args.workers / 60:7.1f} min")


if __name__ == "__main__":
    main()
