"""Batches: warm kernels that give fresh-kernel outputs, parallel runs, resume, failure
isolation, an interrupted batch, batch files and a Dask cluster."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import papermill
import pytest

from jamlik.base import paths
from jamlik.base.errors import ParamsError
from jamlik.data import areas, catalog
from jamlik.running import batch, batches, cli, engine, run

pytestmark = pytest.mark.slow
NOTEBOOK = paths.notebooks_dir() / "01_tidiga_ar.ipynb"
TIDIGA_AR = catalog.theme("tidiga_ar")


def _run(kommun, target, engine_name, notebook=NOTEBOOK):
    nb = papermill.execute_notebook(str(notebook), str(target), parameters={"kommun": kommun},
                                    kernel_name=run.KERNEL, engine_name=engine_name, cwd=str(NOTEBOOK.parent),
                                    progress_bar=False, extra_arguments=engine.KERNEL_ARGUMENTS)
    return [(c.get("execution_count"), c.get("outputs")) for c in nb.cells]


def test_warm_kernel_gives_the_outputs_of_a_fresh_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("JAMLIK_KERNEL_RUNS", "50")
    engine.POOL.shutdown()
    started = engine.POOL.started
    fresh_degerfors = _run("1862", tmp_path / "fresh.ipynb", None)
    _run("1883", tmp_path / "warm1.ipynb", engine.ENGINE)  # Karlskoga first, then Degerfors on the same kernel
    warm_degerfors = _run("1862", tmp_path / "warm2.ipynb", engine.ENGINE)
    _run("1883", tmp_path / "warm3.ipynb", engine.ENGINE)  # and more runs on it: no history collisions
    assert _run("1862", tmp_path / "warm4.ipynb", engine.ENGINE) == fresh_degerfors
    assert engine.POOL.started == started + 1
    assert warm_degerfors == fresh_degerfors


def test_jamlik_s_own_notebooks_share_a_warm_kernel_and_give_a_fresh_kernel_s_outputs(tmp_path, monkeypatch):
    """A kommun's themes one after the other on one kernel; an edited notebook still gets its own."""
    monkeypatch.setenv("JAMLIK_KERNEL_RUNS", "50")
    school = paths.notebooks_dir() / "02_skolaldern.ipynb"
    assert {engine.read_notebook_key(NOTEBOOK), engine.read_notebook_key(school)} <= engine.shipped_keys()
    engine.POOL.shutdown()
    fresh = _run("1862", tmp_path / "fresh.ipynb", None, school)
    started = engine.POOL.started
    _run("1883", tmp_path / "tidiga.ipynb", engine.ENGINE)
    assert _run("1862", tmp_path / "skola.ipynb", engine.ENGINE, school) == fresh
    assert engine.POOL.started == started + 1
    edited = nbformat.read(school, as_version=4)
    edited.cells.append(nbformat.v4.new_code_cell("1 + 1"))
    engine.POOL.kernel_for(run.KERNEL, engine.notebook_key(edited), str(school.parent))
    assert engine.POOL.started == started + 2
    engine.POOL.shutdown()


def test_warm_kernel_starts_every_run_with_a_fresh_namespace(tmp_path):
    """Nothing of a run, nor of the reset between runs, is visible to the next notebook."""
    cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("names = sorted(k for k in dir() if not k.startswith('_'))\n"
                                       "import gc\nleft = x\nnames")]
    notebook = tmp_path / "names.ipynb"
    metadata = {"kernelspec": {"name": run.KERNEL, "display_name": "Python"}, "language_info": {"name": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata), notebook)

    def outputs(target, engine_name):
        nb = papermill.execute_notebook(str(notebook), str(tmp_path / target), parameters={"x": 2},
                                        kernel_name=run.KERNEL, engine_name=engine_name, progress_bar=False,
                                        extra_arguments=engine.KERNEL_ARGUMENTS)
        return [(c.get("execution_count"), c.get("outputs")) for c in nb.cells]

    engine.POOL.shutdown()
    fresh = outputs("fresh.ipynb", None)
    assert outputs("warm1.ipynb", engine.ENGINE) == fresh
    assert outputs("warm2.ipynb", engine.ENGINE) == fresh
    engine.POOL.shutdown()


def test_kernel_is_replaced_every_n_runs_and_when_the_notebook_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("JAMLIK_KERNEL_RUNS", "2")
    engine.POOL.shutdown()
    start = engine.POOL.started
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for _ in range(3):
        engine.POOL.kernel_for(run.KERNEL, engine.notebook_key(nb), str(NOTEBOOK.parent))
    assert engine.POOL.started == start + 2  # third run on a new kernel
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1"))
    engine.POOL.kernel_for(run.KERNEL, engine.notebook_key(nb), str(NOTEBOOK.parent))
    assert engine.POOL.started == start + 3
    engine.POOL.shutdown()


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_store):
    """Two kommuner x one theme, made once by a real batch on two workers."""
    os.environ["JAMLIK_STORE"] = str(demo_store)
    out = tmp_path_factory.mktemp("batch")
    jobs = batch.plan([areas.kommun("1883"), areas.kommun("1862")], [TIDIGA_AR], 2025, out)
    summary = batch.execute(jobs, workers=2)
    return out, jobs, summary


def test_parallel_batch_makes_everything_and_a_manifest(made):
    out, jobs, summary = made
    assert summary.count("made") == 2 and not summary.failed
    manifest = json.loads((out / "2025" / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    entry = manifest["1883-Karlskoga/tidiga_ar.pdf"]
    assert entry["kind"] == "tidiga_ar" and entry["year"] == 2025 and entry["tool_version"]
    assert entry["notebook_hash"] and "demo" in entry["data_source"] and entry["seconds"] > 0


def test_unchanged_rerun_skips_and_a_changed_params_file_remakes_only_that_kommun(made, tmp_path, monkeypatch):
    out, jobs, _ = made
    again = batch.execute(jobs, workers=1)
    assert again.count("skipped") == 2 and again.count("made") == 0
    params_file = tmp_path / "p.yaml"
    params_file.write_text("peers: [Kumla]\n", encoding="utf-8")
    changed = [batch.Job(j.kind, j.area, j.year, j.out_root, str(params_file) if j.area == "1862" else "")
               for j in jobs]
    third = batch.execute(changed, workers=1)
    assert {(r.job.area, r.status) for r in third.results} == {("1883", "skipped"), ("1862", "made")}


def test_force_remakes_all(made):
    out, jobs, _ = made
    assert batch.execute(jobs, workers=2, force=True).count("made") == 2


def test_a_failing_notebook_is_kept_under_failed_and_the_batch_goes_on(tmp_path):
    jobs = batch.plan([areas.kommun("1883"), areas.kommun("1862")], [TIDIGA_AR], 2025, tmp_path)
    nowhere = str(tmp_path / "inget-lager")
    bad = batch.Job("tidiga_ar", "1862", 2025, str(tmp_path), overrides=(("data_store", nowhere),))
    summary = batch.execute([jobs[0], bad], workers=2)
    assert summary.count("made") == 1 and len(summary.failed) == 1
    assert "Det finns inget datalager" in summary.failed[0].error
    failed = tmp_path / "2025" / "failed"
    assert (failed / "1862-Degerfors-tidiga_ar.ipynb").is_file()
    assert "StoreError" in (failed / "1862-Degerfors-tidiga_ar.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "2025" / "1862-Degerfors" / "tidiga_ar.pdf").exists()


def test_interrupted_batch_resumes_without_redoing_finished_work(tmp_path, demo_store):
    command = [sys.executable, "-m", "jamlik.running.cli", "run", "--kommun", "1883", "1862", "1884", "--tema",
               "tidiga_ar", "--ut", str(tmp_path), "--workers", "1"]
    env = {**os.environ, "JAMLIK_STORE": str(demo_store)}
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    manifest = tmp_path / "2025" / "manifest.json"
    deadline = time.time() + 120
    while time.time() < deadline and not (manifest.is_file() and "tidiga_ar.pdf" in manifest.read_text()):
        time.sleep(0.3)
    os.killpg(first.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    try:
        first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert first.returncode == 130
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert not leftovers
    done_before = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
    assert 1 <= len(done_before) < 3
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"oförändrade   {len(done_before):>5}" in second.stdout
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["outputs"]) == 3


def test_committed_batch_files_are_valid():
    for path in (paths.params_dir() / "batches").glob("*.yaml"):
        spec = batches.load_batch(path)
        assert spec, path


def test_batch_file_and_its_errors(tmp_path):
    good = tmp_path / "orebro.yaml"
    good.write_text("lan: ['18']\nteman: [tidiga_ar]\nar: 2024\nut: /tmp/x\n", encoding="utf-8")
    args = cli._parser().parse_args(["run", "--batch", str(good)])
    chosen = batches.selection(args)
    assert len(chosen.kommuner) == 12 and chosen.year == 2024 and [t.id for t in chosen.themes] == ["tidiga_ar"]
    assert [lan.code for lan in chosen.lan_reports] == ["0018"] and chosen.out_root == Path("/tmp/x")
    bad = tmp_path / "bad.yaml"
    bad.write_text("lään: ['18']\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="okänd nyckel 'lään'. Menade du lan?"):
        batches.load_batch(bad)
    bad.write_text("ar: '2025'\n", encoding="utf-8")
    with pytest.raises(ParamsError, match="'ar' ska vara ett heltal"):
        batches.load_batch(bad)


def test_dry_run_lists_without_running(capsys, tmp_path):
    assert cli.main(["run", "--lan", "18", "--dry-run", "--ut", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "+ görs" in out and "Örebro län, länsrapport" in out and "inget har körts" in out
    assert not (tmp_path / "2025").exists()


def test_index_links_every_pdf(made):
    out, _, _ = made
    index = batches.write_index(out, 2025).read_text(encoding="utf-8")
    assert 'href="1883-Karlskoga/tidiga_ar.pdf"' in index and 'href="1862-Degerfors/tidiga_ar.pdf"' in index
    assert '<html lang="sv">' in index


def test_dask_local_cluster_gives_the_same_results(tmp_path, demo_store, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    monkeypatch.setenv("JAMLIK_STORE", str(demo_store))
    jobs = batch.plan([areas.kommun("1883")], [TIDIGA_AR], 2025, tmp_path)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        summary = batch.execute(jobs, dask_address=c.scheduler_address)
    assert summary.count("made") == 1 and not summary.failed
    assert (tmp_path / "2025" / "1883-Karlskoga" / "tidiga_ar.pdf").is_file()
    assert "1883-Karlskoga/tidiga_ar.pdf" in json.loads((tmp_path / "2025" / "manifest.json").read_text())["outputs"]


class InProcessPool:
    """Runs jobs at once in this process with a stand-in for the work (for the batch's bookkeeping)."""

    def __init__(self, outcome):
        self.outcome, self.submitted = outcome, []

    def submit(self, job):
        from concurrent.futures import Future

        self.submitted.append(job)
        future = Future()
        future.set_result(self.outcome(job))
        return future

    @staticmethod
    def wait(futures):
        return set(futures)

    def close(self, cancel=False):
        pass


def test_council_pdf_waits_for_its_themes_and_is_not_made_when_one_failed(tmp_path):
    themes = [catalog.theme("tidiga_ar"), catalog.theme("skolaldern")]
    jobs = batch.plan([areas.kommun("1883"), areas.kommun("1862")], themes, 2025, tmp_path)
    pool = InProcessPool(lambda job: ("trasig" if (job.area, job.kind) == ("1862", "skolaldern") else "", 1.0))
    summary = batch.execute(jobs, pool=pool)
    councils = {r.job.area: r for r in summary.results if r.job.kind == batch.COUNCIL}
    assert councils["1883"].status == "made"
    assert councils["1862"].status == "failed"
    assert councils["1862"].error == "samlad PDF inte skapad eftersom skolåldern misslyckades"
    order = [j.kind for j in pool.submitted]
    assert order.index(batch.COUNCIL) > max(i for i, k in enumerate(order) if k != batch.COUNCIL)


def test_manifest_is_written_now_and_then_and_whole_when_the_batch_ends_or_is_interrupted(tmp_path, monkeypatch):
    jobs = batch.plan([areas.kommun(k) for k in ("1883", "1862", "1884")], [TIDIGA_AR], 2025, tmp_path)
    saves = []
    save = batch.Manifest.save
    monkeypatch.setattr(batch.Manifest, "save", lambda self: saves.append(len(self.data["outputs"])) or save(self))
    manifest = tmp_path / "2025" / "manifest.json"

    batch.execute(jobs, pool=InProcessPool(lambda job: ("", 1.0)))
    assert saves == [1, 3]  # the first at once, the rest within SAVE_EVERY kept back until the end
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["outputs"]) == 3

    manifest.unlink()
    saves.clear()

    def interrupt_after_two(result, done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.execute(jobs, pool=InProcessPool(lambda job: ("", 1.0)), force=True, report=interrupt_after_two)
    assert saves == [1, 2]
    assert len(json.loads(manifest.read_text(encoding="utf-8"))["outputs"]) == 2


class _Executor:
    """One worker of ``LocalPool`` without a process: what it was given, its jobs finished by the test."""

    def __init__(self):
        self.given, self.futures = [], []

    def submit(self, fn, job):
        from concurrent.futures import Future

        future = Future()
        future.set_running_or_notify_cancel()
        self.given.append((job.area, job.kind))
        self.futures.append(future)
        return future

    def finish(self):
        self.futures.pop(0).set_result(("", 1.0))


def test_a_worker_keeps_to_one_kommun_then_its_council_comes_first_and_the_last_kommun_is_shared(monkeypatch):
    """The kernel's caches serve a kommun's notebooks only if one worker runs them in a row (``LocalPool``)."""
    monkeypatch.setattr(batch.LocalPool, "_executor", lambda self: _Executor())
    pool = batch.LocalPool(2)
    themes = [catalog.theme(t) for t in ("oversikt", "tidiga_ar", "skolaldern")]
    jobs = batch.plan([areas.kommun(k) for k in ("1883", "1862", "1814")], themes, 2025, "ut")
    for job in jobs:
        if job.kind != batch.COUNCIL:
            pool.submit(job)
    first, second = pool.executors
    assert not pool.executors[0].given  # nothing runs before the pool knows every job given so far
    pool.wait([])
    assert (first.given, second.given) == ([("1883", "oversikt")], [("1862", "oversikt")])
    for _ in range(2):
        first.finish()
        second.finish()
    assert [a for a, _ in first.given] == ["1883"] * 3 and [a for a, _ in second.given] == ["1862"] * 3
    council = pool.submit(next(j for j in jobs if j.kind == batch.COUNCIL and j.area == "1883"))
    first.finish()  # 1883's themes are done: its council before a new kommun
    assert first.given[-1] == ("1883", batch.COUNCIL)
    first.finish()
    assert council.done() and first.given[-1] == ("1814", "oversikt")
    second.finish()  # the last kommun: the idle worker helps
    assert second.given[-1] == ("1814", "tidiga_ar")
