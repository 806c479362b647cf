"""A kernel that dies mid-run (killed, out of memory) costs only its own briefing: one plain
line for the user, the traceback in the log, and a fresh kernel for the next notebook."""

import logging
import os
import re
import signal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
import pytest

from jamlik.base import paths
from jamlik.base.errors import BriefingError
from jamlik.running import batch, cli, engine, run

pytestmark = pytest.mark.slow
DIES = "1862"  # Degerfors' briefing kills its kernel; Lekeberg's is made
MADE = "1814"
KILL = 'if kommun == "1862":\n    import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)'
DEATH_LINE = ("Python-kärnan avslutades mitt i körningen (dödad eller slut på minne), så briefingen gjordes inte. "
              "Kör igen, med färre --workers om minnet inte räcker. Detaljer i ")


@pytest.fixture
def notebook(tmp_path) -> Path:
    """A small briefing with the real parameters cell, whose kernel dies for Degerfors."""
    real = nbformat.read(paths.notebooks_dir() / "01_tidiga_ar.ipynb", as_version=4)
    parameters = next(c for c in real.cells if "parameters" in c.metadata.get("tags", []))
    cells = [parameters, nbformat.v4.new_code_cell(KILL), nbformat.v4.new_markdown_cell("# Testbriefing")]
    path = tmp_path / "notebooks" / "dodlig.ipynb"
    path.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=real.metadata), path)
    return path


@pytest.fixture
def logfile(tmp_path, monkeypatch) -> Path:
    """The root logger writes to a file only, as the CLI sets it up."""
    path = tmp_path / "jamlik.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])
    yield path
    handler.close()


def _assert_one_line(message: str) -> None:
    assert message.startswith(DEATH_LINE), message
    assert "\n" not in message and "Traceback" not in message


def test_warm_engine_drops_a_dead_kernel_and_the_next_notebook_gets_a_fresh_one(tmp_path, notebook, logfile):
    engine.POOL.shutdown()
    start = engine.POOL.started
    run.execute(notebook, tmp_path / "ut" / "forst.ipynb", {"kommun": MADE}, engine.ENGINE)
    with pytest.raises(BriefingError) as died:
        run.execute(notebook, tmp_path / "ut" / "dog.ipynb", {"kommun": DIES}, engine.ENGINE)
    _assert_one_line(str(died.value))
    assert str(died.value).endswith(f"Detaljer i {logfile}.")
    assert engine.POOL.warm is None  # dropped at once, not left for the next run to find
    assert sorted(p.name for p in (tmp_path / "ut").iterdir()) == ["forst.ipynb"]  # nothing half-written
    assert not (tmp_path / "ut" / "failed").exists()
    log = logfile.read_text(encoding="utf-8")
    assert "Traceback" in log and "DeadKernelError: Kernel died" in log and "dog.ipynb" in log

    run.execute(notebook, tmp_path / "ut" / "sedan.ipynb", {"kommun": MADE}, engine.ENGINE)
    assert engine.POOL.started == start + 2 and engine.POOL.alive()
    engine.POOL.shutdown()


def test_a_kernel_that_dies_while_idle_or_in_the_reset_is_replaced(tmp_path, notebook, logfile, monkeypatch):
    engine.POOL.shutdown()
    start = engine.POOL.started
    key = engine.read_notebook_key(notebook)
    first = engine.POOL.kernel_for(run.KERNEL, key, str(tmp_path))
    os.kill(first.provisioner.process.pid, signal.SIGKILL)  # between two notebooks
    second = engine.POOL.kernel_for(run.KERNEL, key, str(tmp_path))
    assert second is not first and engine.POOL.started == start + 2
    monkeypatch.setattr(engine, "RESET", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    third = engine.POOL.kernel_for(run.KERNEL, key, str(tmp_path))  # the reset kills this one
    assert third is not second and engine.POOL.started == start + 3 and engine.POOL.alive()
    assert "resetting the warm kernel failed" in logfile.read_text(encoding="utf-8")
    engine.POOL.shutdown()


def _worker_with_notebook(log_files, notebook: str) -> None:
    """Worker set-up as in the batch, with every theme running the test notebook."""
    batch._worker_init(log_files)
    run.notebook_path = lambda theme: Path(notebook)


class PoolWithNotebook(batch.LocalPool):
    notebook = ""

    def _executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"),
                                   initializer=_worker_with_notebook, initargs=(batch._log_files(), self.notebook))


def test_batch_goes_on_and_the_terminal_gets_one_line(tmp_path, notebook, capfd, monkeypatch):
    """Through the command: a worker process's kernel dies, the same worker makes the next
    briefing, the summary names the failure in one line and no traceback reaches the terminal
    (the worker's own stderr included: capfd reads the file descriptor the workers inherit)."""
    monkeypatch.setattr(PoolWithNotebook, "notebook", str(notebook))
    monkeypatch.setattr(batch, "LocalPool", PoolWithNotebook)
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # the command sets up its own log file
    argv = ["run", "--kommun", DIES, MADE, "--tema", "tidiga_ar", "--ut", str(tmp_path), "--workers", "1"]
    try:
        assert cli.main(argv) == 1
    finally:
        for handler in logging.getLogger().handlers:
            handler.close()
    out, err = capfd.readouterr()
    assert "Traceback" not in err + out and "DeadKernelError" not in err + out
    failed = [line for line in err.splitlines() if line.startswith("[")]
    assert len(failed) == 1 and failed[0].startswith("[1/2] ✗ Degerfors, tidiga år: " + DEATH_LINE)
    assert f"  ✗ Degerfors, tidiga år: {DEATH_LINE}" in out and "misslyckade       1" in out
    assert "[2/2] ✓ Lekeberg, tidiga år" in out
    folder = tmp_path / "2025"
    assert (folder / "1814-Lekeberg" / "tidiga_ar.pdf").is_file()
    assert not list(folder.glob("1862-Degerfors/*")) and not (folder / "failed").exists()
    shown = re.search(r"Detaljer i (.+)\.$", failed[0]).group(1)
    log = Path(shown) if Path(shown).is_absolute() else Path.cwd() / shown
    assert "DeadKernelError: Kernel died" in log.read_text(encoding="utf-8")


def test_a_kernel_that_dies_while_starting_costs_one_line(tmp_path, notebook, logfile, monkeypatch):
    engine.POOL.shutdown()
    dying = [*engine.KERNEL_ARGUMENTS, "--IPKernelApp.exec_lines=import os; os._exit(1)"]
    monkeypatch.setattr(engine, "KERNEL_ARGUMENTS", dying)
    with pytest.raises(BriefingError) as died:
        run.execute(notebook, tmp_path / "ut" / "start.ipynb", {"kommun": MADE}, engine.ENGINE)
    _assert_one_line(str(died.value))
    assert engine.POOL.warm is None and not (tmp_path / "ut").exists()  # not even an empty folder
    assert "Kernel died before replying to kernel_info" in logfile.read_text(encoding="utf-8")


def test_a_worker_that_dies_costs_only_its_own_job(tmp_path, notebook, logfile, monkeypatch):
    """The kernel kills the worker process that runs it (as the OOM killer might): the pool is
    replaced, the jobs it took down run again one at a time, and only the guilty one fails."""
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[1].source = KILL.replace("os.getpid()", "os.getppid()")  # the kernel's parent: the worker
    nbformat.write(nb, notebook)
    monkeypatch.setattr(PoolWithNotebook, "notebook", str(notebook))
    jobs = [batch.Job("tidiga_ar", code, 2025, str(tmp_path)) for code in (DIES, MADE, "1880")]
    summary = batch.execute(jobs, pool=PoolWithNotebook(2))
    results = {r.job.area: r for r in summary.results}
    assert results[DIES].status == "failed" and results[DIES].error == batch.WORKER_DIED
    assert results[MADE].status == "made" and results["1880"].status == "made"
    assert (tmp_path / "2025" / "1814-Lekeberg" / "tidiga_ar.pdf").is_file()
    assert not list((tmp_path / "2025").glob("1862-Degerfors/.*"))  # no temporary files left
    assert "a worker process died" in logfile.read_text(encoding="utf-8")


def test_a_kernel_that_dies_while_starting_is_started_once_more(tmp_path, notebook, logfile, monkeypatch):
    """As when two workers start kernels at the same moment and one finds its port taken."""
    engine.POOL.shutdown()
    start = engine.POOL.started
    real_start = engine.KernelPool._start

    def first_dies(pool, *args):
        warm = real_start(pool, *args)
        if pool.started == start + 1:
            os.kill(warm.manager.provisioner.process.pid, signal.SIGKILL)
        return warm

    monkeypatch.setattr(engine.KernelPool, "_start", first_dies)
    run.execute(notebook, tmp_path / "ut" / "made.ipynb", {"kommun": MADE}, engine.ENGINE)
    assert engine.POOL.started == start + 2
    assert "a new kernel died before it answered" in logfile.read_text(encoding="utf-8")
