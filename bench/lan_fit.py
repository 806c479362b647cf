"""A national run projected from two real runs: ``jamlik run --lan`` for two län of different sizes
(themes, council documents and the län report, everything a run makes), timed by the wall clock, and
a straight line through them. Its slope is what one more kommun costs, its intercept what a run pays
once (start-up, warm kernels, the län report), so it holds for kommuner as costly as the two län's on
average; Örebro län (12 kommuner) and Västra Götaland (49), the default, span small and large. Then one
kommun on its own, and the same kommun again, unchanged.

Run: ``.venv/bin/python bench/lan_fit.py [LÄN LÄN] [--kommun KOD] [--workers N]``. Prints figures;
asserts nothing. Each run starts from an empty output folder (``--force``), in a folder of its own.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jamlik.data import areas

KOMMUNER = 290


def timed_run(args: list[str], out: Path) -> float:
    """Wall seconds of one ``jamlik run`` with these arguments, as a user starts it."""
    command = [sys.executable, "-m", "jamlik.running.cli", "run", *args, "--ut", str(out)]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """(seconds per kommun, seconds a run pays once) of the line through two (kommuner, seconds)."""
    (n1, t1), (n2, t2) = points
    slope = (t2 - t1) / (n2 - n1)
    return slope, t1 - slope * n1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lan", nargs="*", default=["18", "14"])
    parser.add_argument("--kommun", default="1862")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args()
    if len(args.lan) != 2:
        parser.error("två län behövs för en linje")
    workers = ["--workers", str(args.workers)]
    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for lan in args.lan:
            n = len(areas.kommuner_in(areas.lan(lan)))
            seconds = timed_run(["--lan", lan, "--force", *workers], Path(tmp) / f"lan{lan}")
            points.append((n, seconds))
            print(f"  {areas.lan(lan).name} ({n} kommuner): {seconds:7.1f} s", flush=True)
        one = timed_run(["--kommun", args.kommun, "--force", *workers], Path(tmp) / "one")
        again = timed_run(["--kommun", args.kommun, *workers], Path(tmp) / "one")
    slope, once = fit(points)
    name = areas.kommun(args.kommun).name
    print(f"en kommun till kostar:                  {slope:7.2f} s")
    print(f"en körning betalar en gång:             {once:7.1f} s")
    print(f"prognos, alla {KOMMUNER} kommuner:              {(once + slope * KOMMUNER) / 60:7.1f} min")
    print(f"en kommun ({name}), alla teman och samlat dokument: {one:5.1f} s")
    print(f"samma kommun igen, oförändrad:          {again:7.1f} s")


if __name__ == "__main__":
    main()
