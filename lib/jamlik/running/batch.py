"""Batches: many kommuner x themes, in parallel, resumable, with a manifest and an index page.

* Jobs are ordered kommun by kommun, and a local worker keeps to one kommun (``LocalPool``), so its
  warm kernel (``jamlik.engine``) runs a kommun's notebooks one after the other and makes what they
  share once.
* A job is skipped when its output exists and its fingerprint (notebook, parameters, data
  store, tool version, PDF template) matches the manifest; ``force`` makes everything again.
* Work runs in local processes (``workers``) or on a Dask cluster (``dask_address``); a job
  that fails is reported, never raised, so the batch goes on. A worker process that dies (killed,
  out of memory) breaks the local pool: it is replaced, and the jobs it took down run again one
  at a time, so the one that kills its worker again is the one that fails; then all cores again.
* The manifest (``<ut>/<år>/manifest.json``) is rewritten atomically as jobs finish (at most every
  ``Manifest.SAVE_EVERY`` seconds, and when the batch ends or is interrupted), so an interrupted
  batch resumes where it stopped.
"""

import contextlib
import gc
import hashlib
import json
import logging
import math
import os
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path

from jamlik import __version__
from jamlik.base import paths
from jamlik.base.errors import JamlikError
from jamlik.base.files import write_atomic
from jamlik.base.paths import TEMPLATES
from jamlik.data import areas, catalog, datastore, evidence, own_indicators, store
from jamlik.data.areas import Area
from jamlik.running import engine, params, run, trust

log = logging.getLogger(__name__)
COUNCIL = "samlad"
LAN_REPORT = "lansrapport"
LAN_NOTEBOOK = "lansrapport.ipynb"


@dataclass(frozen=True)
class Job:
    kind: str  # a theme id, "samlad" (the council PDF) or "lansrapport"
    area: str  # kommun code, or län code for a län report
    year: int
    out_root: str
    params_file: str = ""
    overrides: tuple = ()  # (name, value) pairs from the command line
    data_store: str = ""
    themes: tuple = ()  # for a council PDF: the themes it joins, in order
    home: str = ""  # the workspace, for a worker that does not start in it (a Dask worker)

    @property
    def label(self) -> str:
        place = areas.all_areas()[self.area].name
        what = {COUNCIL: "samlad", LAN_REPORT: "länsrapport"}.get(self.kind) or \
            catalog.theme(self.kind).short_title.lower()
        return f"{place}, {what}"

    def pdf(self) -> Path:
        root = Path(self.out_root)
        if self.kind == LAN_REPORT:
            lan = areas.all_areas()[self.area]
            return root / str(self.year) / f"lan-{self.area[2:]}-{lan.name.replace(' ', '-')}.pdf"
        kommun = areas.all_areas()[self.area]
        folder = paths.output_dir(root, self.year, kommun)
        return folder / (paths.council_file(kommun) if self.kind == COUNCIL else f"{self.kind}.pdf")


@dataclass
class Result:
    job: Job
    status: str  # "made", "skipped" or "failed"
    error: str = ""
    seconds: float = 0.0
    fingerprint: str = ""


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status == "failed"]


# --- planning --------------------------------------------------------------------------------

def plan(kommuner: list[Area], themes: list[catalog.Theme], year: int, out_root: Path, params_file=None,
         overrides: dict | None = None, lan_reports: Iterable[Area] = (), data_store: str = "") -> list[Job]:
    """Theme jobs, a kommun's one after the other (a worker keeps to a kommun: ``LocalPool``), then council
    PDFs for kommuner with several themes, then län reports."""
    common = dict(year=year, out_root=str(out_root), params_file=str(params_file or ""),
                  overrides=tuple(sorted((overrides or {}).items())), data_store=data_store,
                  home=str(paths.project_root()))
    jobs = [Job(theme.id, k.code, **common) for k in kommuner for theme in themes]
    if len(themes) > 1:
        jobs += [Job(COUNCIL, k.code, themes=tuple(t.id for t in themes), **common) for k in kommuner]
    jobs += [Job(LAN_REPORT, lan.code, **common) for lan in lan_reports]
    return jobs


# --- fingerprints and the manifest -------------------------------------------------------------

def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:20]


@dataclass
class Inputs:
    """What every output depends on besides its own job: computed once per batch."""

    data: str  # digest of the data store's files (the store, the values read in) and the own indicators
    template: str  # digest of the PDF template
    notebooks: dict[str, str]  # notebook path -> code digest
    evidence: str = ""  # digest of what has been shown to work: the package's rows and the workspace's own


def inputs(jobs: list[Job]) -> Inputs:
    folder = datastore.ensure(jobs[0].data_store if jobs else "")
    template = _digest(*(_file_digest(p) for p in sorted((TEMPLATES / "jamlik").iterdir())))
    notebooks = {str(p): engine.read_notebook_key(p) for p in {notebook_for(j) for j in jobs if notebook_for(j)}}
    own = own_indicators.file_path()
    data = _digest(*(_file_digest(p) if p.is_file() else "" for p in datastore.input_files(folder)),
                   _file_digest(own) if own is not None and own.is_file() else "")
    own_evidence = evidence.workspace_file()
    evidence_digest = _digest(_file_digest(paths.PACKAGE_DATA / "evidence.csv"),
                              _file_digest(own_evidence) if own_evidence else "")
    return Inputs(data, template, notebooks, evidence_digest)


def notebook_for(job: Job) -> Path | None:
    if job.kind == COUNCIL:
        return None
    if job.kind == LAN_REPORT:
        return paths.notebooks_dir() / LAN_NOTEBOOK
    return run.notebook_path(catalog.theme(job.kind))


def fingerprint(job: Job, known: Inputs, theme_prints: dict[tuple, str] | None = None) -> str:
    if job.kind == COUNCIL:  # the council PDF follows from its themes' outputs
        parts = sorted(v for (kind, area), v in (theme_prints or {}).items() if area == job.area)
        return _digest(COUNCIL, parts, known.template, known.evidence, __version__)
    notebook = notebook_for(job)
    params_digest = _file_digest(Path(job.params_file)) if job.params_file else ""
    local = paths.params_dir() / "kommuner" / f"{job.area}.yaml"
    local_digest = _file_digest(local) if local.is_file() else ""
    defaults = paths.params_dir() / "defaults.yaml"
    defaults_digest = _file_digest(defaults) if defaults.is_file() else ""
    what = {k: v for k, v in asdict(job).items() if k != "home"}  # a moved workspace makes the same outputs
    return _digest(what, known.notebooks[str(notebook)], params_digest, local_digest, defaults_digest,
                   known.data, known.template, known.evidence, __version__)


class Manifest:
    """``<ut>/<år>/manifest.json``: for each output, what it was made from, when and how fast."""

    # A national batch records 1 740 outputs, and writing the whole file after each one grew to
    # some 20 s of the main process's time (the last writes take 18 ms each). A batch killed
    # outright loses at most these seconds of records: those outputs are made again on resume.
    SAVE_EVERY = 10.0  # seconds

    def __init__(self, path: Path):
        self.path = path
        self._saved_at = -math.inf
        self._unsaved = False
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.data = {}
        self.data.setdefault("outputs", {})

    def entry(self, job: Job) -> dict:
        return self.data["outputs"].get(self._key(job), {})

    def _key(self, job: Job) -> str:
        return os.path.relpath(job.pdf(), self.path.parent)

    def up_to_date(self, job: Job, print_: str) -> bool:
        return self.entry(job).get("fingerprint") == print_ and job.pdf().is_file()

    def record(self, result: Result, source: dict, notebook_hash: str) -> None:
        job = result.job
        self.data["outputs"][self._key(job)] = {
            "kind": job.kind, "area": job.area, "name": areas.all_areas()[job.area].name, "year": job.year,
            "parameters": dict(job.overrides), "params_file": job.params_file, "notebook_hash": notebook_hash,
            "data_source": source, "tool_version": __version__, "fingerprint": result.fingerprint,
            "seconds": round(result.seconds, 2), "made": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        self._unsaved = True
        if time.monotonic() - self._saved_at >= self.SAVE_EVERY:
            self.save()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, lambda tmp: Path(tmp).write_text(
            json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8"))
        self._saved_at, self._unsaved = time.monotonic(), False

    def flush(self) -> None:
        """Write what ``record`` has kept back."""
        if self._unsaved:
            self.save()


def data_source(data_store: str) -> dict:
    """Sources and retrieval dates of the store, for the manifest."""
    meta = store.read_meta(datastore.ensure(data_store))
    return {name: info.get("retrieved") or info.get("created", "") for name, info in meta.get("sources", {}).items()}


# --- running ---------------------------------------------------------------------------------

def work(job: Job) -> tuple[str, float]:
    """Make one output (runs in a worker process). Returns (error or "", seconds)."""
    start = time.perf_counter()
    with paths.use_workspace(job.home) if job.home else contextlib.nullcontext():
        return _work(job, start)


def _work(job: Job, start: float) -> tuple[str, float]:
    try:
        if job.kind == LAN_REPORT:
            return _lan_report(job), time.perf_counter() - start
        kommun = areas.all_areas()[job.area]
        if job.kind == COUNCIL:
            folder = paths.output_dir(Path(job.out_root), job.year, kommun)
            from jamlik.documents import council  # in the worker only: the planning process never lays out

            council.write(kommun, job.year, [(catalog.theme(t), folder / f"{t}.html") for t in job.themes], job.pdf(),
                          committees=_committees(job, kommun))
            return "", time.perf_counter() - start
        outcome = run.run_briefing(kommun, catalog.theme(job.kind), job.year, Path(job.out_root),
                                   Path(job.params_file) if job.params_file else None, dict(job.overrides),
                                   engine=engine.ENGINE)
        return outcome.error, time.perf_counter() - start
    except Exception as exc:  # the batch must go on; the log has the details
        log.exception("job failed: %s", job)
        return f"oväntat fel: {exc}", time.perf_counter() - start


def _committees(job: Job, kommun: Area) -> dict[str, str]:
    """The kommun's own names for the catalog's owners (params key ``namnder``), as its themes were made."""
    values = params.merged(run.notebook_path(catalog.theme(job.themes[0])), kommun.code,
                           Path(job.params_file) if job.params_file else None, dict(job.overrides))
    return values.get("namnder") or {}


def _lan_report(job: Job) -> str:
    notebook = paths.notebooks_dir() / LAN_NOTEBOOK
    target = job.pdf()
    executed = target.with_suffix(".ipynb")
    parameters = {"lan": job.area[2:], "year": job.year, "data_store": job.data_store}
    try:
        run.execute(notebook, executed, parameters, engine.ENGINE, target.parent / "failed" / executed.name)
        from jamlik.documents import export

        export.export(executed, target, target.with_suffix(".html"))
    except JamlikError as exc:
        return str(exc)
    return ""


def remove_partial_files(job: Job) -> None:
    """Temporary files of a job that was stopped half-way: its files' (``.<stem>-*``, see
    ``files.write_atomic``) and its notebook's, in the folder above (``run.scratch_prefix``)."""
    target = job.pdf()
    executed = target.with_suffix(".ipynb")
    partials = [p for stem in {target.stem, job.kind} for p in target.parent.glob(f".{stem}-*")]
    partials += target.parent.parent.glob(f"{run.scratch_prefix(executed)}*")
    for partial in partials:
        partial.unlink(missing_ok=True)


def _log_files() -> list[tuple[str, int, logging.Formatter | None]]:
    """The files this process logs to (the CLI's ``outputs/jamlik.log``), for its workers."""
    return [(h.baseFilename, h.level, h.formatter) for h in logging.getLogger().handlers
            if isinstance(h, logging.FileHandler)]


# A worker lays documents out: WeasyPrint makes millions of short-lived objects, and at Python's
# default thresholds (700, 10, 10) the collector also walks the long-lived ones (modules, the
# store, the caches) over and over. Rarer collections: a theme PDF in about 8 % less time.
WORKER_GC_THRESHOLDS = (20_000, 20, 50)


def _worker_init(log_files=()) -> None:
    """Ctrl-C is the main process's decision: it stops the workers itself (see LocalPool.close).
    A spawned worker starts without the parent's log handlers, and a record with no handler
    reaches the terminal (``logging.lastResort``), tracebacks included; so the worker logs to
    the parent's files (append mode: a short record is one write; a long traceback may interleave).
    Warnings and errors only: at INFO, WeasyPrint and papermill add some thirty lines a briefing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    for filename, level, formatter in log_files:
        handler = logging.FileHandler(filename, encoding="utf-8", delay=True)
        handler.setLevel(level)
        handler.setFormatter(formatter)
        logging.getLogger().addHandler(handler)


WORKER_DIED = ("arbetsprocessen avslutades mitt i körningen (dödad eller slut på minne), så det här gjordes "
               "inte. Kör igen, med färre --workers om minnet inte räcker.")


class LocalPool:
    """Worker processes, each with its own warm kernel, each keeping to one kommun while jobs of it wait.

    A kommun's themes and then its council run one after the other in the same worker, so what the
    kernel made for one theme (``findings.shared``, the charts an indicator shares between themes, the
    län map) serves the others; a worker takes the next kommun when its own has nothing left, one that
    no other worker is on, and helps with another's only at the end of the batch. One process per
    executor: a job goes to the worker chosen for it, not to whichever process a shared queue hands it."""

    def __init__(self, workers: int):
        self.workers = workers
        # re-entrant: a job that is done before its callback is added calls ``_finished`` inside ``_dispatch``
        self._lock = threading.RLock()
        self._start()

    def _start(self) -> None:
        self.executors = [self._executor() for _ in range(self.workers)]
        self.busy = [False] * self.workers
        self.kommun = [""] * self.workers  # the area each worker keeps to
        self.pending: list[tuple[Job, Future]] = []

    def _executor(self) -> ProcessPoolExecutor:
        """One worker process."""
        return ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"), initializer=_worker_init,
                                   initargs=(_log_files(),))

    def restart(self) -> None:
        """A fresh set of workers after one died: all of them, as a broken pool of processes is, so that no
        job the batch gives out again is still being written by a worker of the old set."""
        with self._lock:
            old, waiting = self.executors, self.pending
            self._start()
        _stop(old)
        for _, future in waiting:
            future.cancel()

    def submit(self, job: Job) -> Future:
        """The job's future; the job waits for a worker until ``wait``, which knows every job given so far."""
        future = Future()
        with self._lock:
            self.pending.append((job, future))
        return future

    def _dispatch(self) -> None:
        """Give each idle worker its next job (``_next_for``); called with the lock held."""
        for worker in range(self.workers):
            while not self.busy[worker] and self.pending:
                job, future = self.pending.pop(self._next_for(worker))
                if not future.set_running_or_notify_cancel():
                    continue  # cancelled while it waited
                try:
                    done = self.executors[worker].submit(work, job)
                except BrokenProcessPool as exc:  # its process died: the batch restarts the pool
                    future.set_exception(exc)
                    continue
                self.busy[worker], self.kommun[worker] = True, job.area
                done.add_done_callback(lambda d, w=worker, f=future, e=self.executors: self._finished(w, e, f, d))

    def _next_for(self, worker: int) -> int:
        """The index in ``pending`` of the worker's next job: its own kommun's first, else a council PDF whose
        themes are done (it finishes a kommun), else the first of a kommun no other worker is on, else the first."""
        areas_waiting = [job.area for job, _ in self.pending]
        if self.kommun[worker] in areas_waiting:
            return areas_waiting.index(self.kommun[worker])
        council = next((i for i, (job, _) in enumerate(self.pending) if job.kind == COUNCIL), None)
        if council is not None:
            return council
        others = {self.kommun[w] for w in range(self.workers) if w != worker}
        return next((i for i, area in enumerate(areas_waiting) if area not in others), 0)

    def _finished(self, worker: int, executors: list, future: Future, done: Future) -> None:
        with self._lock:
            if executors is self.executors:  # not a worker of a set that ``restart`` has replaced
                self.busy[worker] = False
                self._dispatch()
        if done.cancelled():
            future.cancel() or future.set_exception(BrokenProcessPool("the worker was stopped"))
        elif done.exception() is not None:
            future.set_exception(done.exception())
        else:
            future.set_result(done.result())

    def wait(self, futures) -> set:
        with self._lock:
            self._dispatch()
        return wait(futures, return_when=FIRST_COMPLETED)[0]

    def close(self, cancel: bool = False) -> None:
        if not cancel:  # all at once: each worker takes some 0,4 s to shut its kernel down and exit
            with ThreadPoolExecutor(len(self.executors)) as closing:
                list(closing.map(lambda executor: executor.shutdown(wait=True), self.executors))
            return
        with self._lock:
            waiting, self.pending = self.pending, []
        for _, future in waiting:
            future.cancel()
        _stop(self.executors)


def _stop(executors: list[ProcessPoolExecutor]) -> None:
    """Stop the workers now. One busy in a notebook may not honour SIGTERM (nbclient handles it itself), so
    it gets a moment and is then killed; its kernel notices the lost parent and exits."""
    processes = [p for executor in executors for p in (executor._processes or {}).values()]
    for executor in executors:
        executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=3)
        if process.is_alive():
            process.kill()
            process.join(timeout=10)


class DaskPool:
    """Jobs on an existing Dask cluster; each Dask worker process keeps its own warm kernel."""

    def __init__(self, address):
        from dask.distributed import Client

        self.client = Client(address)

    def submit(self, job: Job) -> Future:
        return self.client.submit(work, job, pure=False)

    @staticmethod
    def wait(futures) -> set:
        from dask.distributed import wait as dask_wait

        return set(dask_wait(futures, return_when="FIRST_COMPLETED").done)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            self.client.cancel(list(self.client.futures.values()) if hasattr(self.client, "futures") else [])
        self.client.close()


class _Run:
    """The state of one batch while it runs."""

    def __init__(self, jobs: list[Job], pool, force: bool, report):
        self.pool, self.force, self.report = pool, force, report
        self.known = inputs(jobs)
        self.source = data_source(jobs[0].data_store)
        self.summary = Summary()
        self.by_area: dict[str, list[Result]] = defaultdict(list)  # the results, by kommun: for its council
        self.total, self.done = len(jobs), 0
        self.manifests: dict[Path, Manifest] = {}
        self.theme_prints: dict[tuple, str] = {}
        self.running: dict[Future, tuple[Job, str]] = {}
        self.one_at_a_time = False  # after a worker died: find the job that killed it
        # the jobs a dead worker took down, until each has run alone (ids: a job's overrides may be lists)
        self.suspects: set[int] = set()
        self.waiting: list[tuple[Job, str]] = []  # jobs held back while running one at a time
        self.councils = [j for j in jobs if j.kind == COUNCIL]
        for job in jobs:
            if job.kind != COUNCIL:
                self.start(job, fingerprint(job, self.known))

    def manifest(self, job: Job) -> Manifest:
        path = Path(job.out_root) / str(job.year) / "manifest.json"
        if path not in self.manifests:  # read once: the file grows with the batch
            self.manifests[path] = Manifest(path)
        return self.manifests[path]

    def start(self, job: Job, print_: str) -> None:
        if not self.force and self.manifest(job).up_to_date(job, print_):
            self.theme_prints[(job.kind, job.area)] = print_
            self.finish(Result(job, "skipped", fingerprint=print_))
        elif self.one_at_a_time and self.running:
            self.waiting.append((job, print_))
        else:
            self.running[self.pool.submit(job)] = (job, print_)

    def finish(self, result: Result) -> None:
        self.done += 1
        self.summary.results.append(result)
        self.by_area[result.job.area].append(result)
        if result.status == "made":
            notebook = notebook_for(result.job)
            self.manifest(result.job).record(result, self.source, self.known.notebooks.get(str(notebook), ""))
        if self.report:
            self.report(result, self.done, self.total)

    def collect(self) -> None:
        broken = []
        for future in self.pool.wait(list(self.running)):
            job, print_ = self.running.pop(future)
            try:
                error, seconds = future.result()
            except BrokenProcessPool:
                broken.append((job, print_))
                continue
            except Exception:  # a Dask worker that died (KilledWorker), or a job that never ran
                log.exception("job lost: %s", job.label)
                error, seconds = WORKER_DIED, 0.0
            self.suspects.discard(id(job))
            if not error:
                self.theme_prints[(job.kind, job.area)] = print_
            self.finish(Result(job, "failed" if error else "made", error, seconds, print_))
        if broken:
            self._after_worker_died(broken)
        if self.one_at_a_time and not self.suspects:  # the worker's killer is found: all cores again
            self.one_at_a_time = False
            held, self.waiting = self.waiting, []
            for job, print_ in held:
                self.running[self.pool.submit(job)] = (job, print_)
        if self.one_at_a_time and not self.running and self.waiting:
            job, print_ = self.waiting.pop(0)
            self.running[self.pool.submit(job)] = (job, print_)
        self.start_councils()

    def _after_worker_died(self, broken: list[tuple[Job, str]]) -> None:
        """A worker died and took every job in the pool with it. Alone, the job is the cause and
        fails; otherwise they all run again, one at a time."""
        broken += [self.running.pop(f) for f in list(self.running)]  # the pool is gone for these too
        log.error("a worker process died; jobs affected: %s", [job.label for job, _ in broken])
        self.pool.restart()
        for job, _ in broken:  # what the dead worker was writing
            remove_partial_files(job)
        if self.one_at_a_time and len(broken) == 1:
            job, print_ = broken[0]
            self.suspects.discard(id(job))
            self.finish(Result(job, "failed", WORKER_DIED, fingerprint=print_))
            return
        self.one_at_a_time = True
        self.suspects |= {id(job) for job, _ in broken}
        self.waiting = broken + self.waiting

    def start_councils(self) -> None:
        """A council PDF starts once every theme of its kommun is done; if one failed, it is not made."""
        waiting = []
        for job in self.councils:
            mine = [r for r in self.by_area[job.area] if r.job.kind in job.themes]
            if len(mine) < len(job.themes):
                waiting.append(job)
                continue
            failed = [r.job.label.split(", ")[1] for r in mine if r.status == "failed"]
            if failed:
                self.finish(Result(job, "failed", f"samlad PDF inte skapad eftersom {', '.join(failed)} misslyckades"))
            else:
                self.start(job, fingerprint(job, self.known, self.theme_prints))
        self.councils = waiting


def execute(jobs: list[Job], workers: int = 0, dask_address=None, force: bool = False,
            report: Callable[[Result, int, int], None] | None = None, pool=None) -> Summary:
    """Run the jobs; ``report(result, done, total)`` is called as each one finishes. ``pool``
    (submit/wait/close) defaults to local worker processes, or Dask with ``dask_address``."""
    if not jobs:
        return Summary()
    start = time.perf_counter()
    if pool is None:
        pool = DaskPool(dask_address) if dask_address else LocalPool(workers or os.cpu_count() or 1)
    trust.prepare()  # the Jupyter secret that signs the notebooks, before the workers need it
    state = None
    try:
        state = _Run(jobs, pool, force, report)
        state.start_councils()
        while state.running:
            state.collect()
    except KeyboardInterrupt:
        pool.close(cancel=True)
        if state:
            state.summary.interrupted = True
            for job, _ in state.running.values():
                remove_partial_files(job)
        raise
    else:
        pool.close()
    finally:
        for manifest in state.manifests.values() if state else ():
            manifest.flush()
    state.summary.seconds = time.perf_counter() - start
    return state.summary
