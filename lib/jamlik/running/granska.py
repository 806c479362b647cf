"""``jamlik granska``: the invariants of docs/bedomning.md §7 checked for one kommun, a län or every
kommun, without making PDFs (``documents.review``), on every core; a table of each invariant's
violations with the first examples. Zero is the only good count."""

import logging
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from jamlik.base.text import format_number
from jamlik.data import areas, datastore
from jamlik.data.areas import Area
from jamlik.documents import review

log = logging.getLogger("jamlik")
_worker: dict = {}  # each worker process's store, read once


@dataclass
class Report:
    """Every kommun's violations, by invariant number, and the kommuner that could not be reviewed."""

    reviewed: int = 0
    violations: dict[int, list[str]] = field(default_factory=lambda: {n: [] for n in range(1, len(review.CHECKS) + 1)})
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.violations.values())

    def add(self, found: dict[int, list[str]]) -> None:
        self.reviewed += 1
        for n, lines in found.items():
            self.violations[n] += lines


def _start(data_store: str, year: int) -> None:
    data, _ = datastore.open_store(data_store)
    _worker.update(data=data, year=year or datastore.latest_year(data), folder=datastore.resolve(data_store))


def _one(code: str) -> tuple[str, dict[int, list[str]] | None, str]:
    """One kommun's violations; a kommun that fails says why and never stops the others."""
    try:
        return code, review.kommun_violations(code, _worker["year"], _worker["data"], _worker["folder"]), ""
    except Exception as exc:  # noqa: BLE001 - reported per kommun, the traceback in the log
        log.warning("granska failed for %s", code, exc_info=True)
        return code, None, str(exc)


def run(kommuner: list[Area], year: int = 0, data_store: str = "", workers: int = 0,
        progress: Callable[[int, int], None] | None = None) -> Report:
    """Review ``kommuner`` on ``workers`` processes (0: every core)."""
    datastore.ensure(data_store)
    report = Report()
    codes = [k.code for k in kommuner]
    workers = min(workers or os.cpu_count() or 1, len(codes))
    if workers <= 1:
        _start(data_store, year)
        answers = map(_one, codes)
    else:
        pool = multiprocessing.get_context("fork").Pool(workers, _start, (data_store, year))
        answers = pool.imap_unordered(_one, codes)
    try:
        for done, (code, found, error) in enumerate(answers, start=1):
            if found is None:
                report.failed.append(f"{areas.kommun(code).name}: {error}")
            else:
                report.add(found)
            if progress:
                progress(done, len(codes))
    finally:
        if workers > 1:
            pool.close()
            pool.join()
    return report


def table(report: Report, examples: int = 3) -> str:
    """The report as the command prints it: each invariant, its count and its first examples."""
    lines = [f"Granskade kommuner: {format_number(report.reviewed)}", "",
             f"{'Invariant':<48} {'Brott':>6}  Första exempel"]
    for n, title in enumerate(review.TITLES, start=1):
        found = report.violations[n]
        first = found[:examples] or ["–"]
        lines.append(f"{f'{n}. {title}':<48} {format_number(len(found)):>6}  {first[0]}")
        lines += [f"{'':<48} {'':>6}  {more}" for more in first[1:]]
    lines.append(f"{'Summa':<48} {format_number(report.total):>6}")
    lines += [f"Kunde inte granskas: {line}" for line in report.failed]
    return "\n".join(lines)
