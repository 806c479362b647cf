"""Run briefings: Papermill executes a theme notebook for a kommun, then export makes the PDF.

Outputs land in ``outputs/<år>/<kod>-<kommun>/<tema>.{ipynb,html,pdf,csv}``; each file is written
under a temporary name and renamed when complete.
"""

import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from nbclient.exceptions import DeadKernelError
from papermill.exceptions import PapermillExecutionError

from jamlik.base import cell_errors, paths
from jamlik.base.errors import BriefingError, JamlikError, NotebookCellError
from jamlik.base.python_errors import in_swedish
from jamlik.data import areas, catalog, datastore
from jamlik.data.areas import Area
from jamlik.data.catalog import Theme
from jamlik.running import params, trust
from jamlik.running.engine import KERNEL_ARGUMENTS

log = logging.getLogger(__name__)
KERNEL = "python3"


@dataclass
class Outcome:
    kommun: Area
    theme: Theme
    pdf: Path | None = None
    year: int | None = None
    error: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error


def notebook_path(theme: Theme) -> Path:
    path = paths.notebooks_dir() / theme.notebook
    if not path.is_file():
        raise BriefingError(f"Notebooken för temat {theme.id} saknas: {path}.")
    return path


def execute(notebook: Path, target: Path, parameters: dict, engine: str | None = None,
            failed: Path | None = None) -> None:
    """Papermill into a temporary notebook, renamed to ``target`` only when the run succeeded, and
    signed (``trust``). The temporary file lies in the folder above the target's, so a failed run
    leaves no empty folder behind. A failed run is kept at ``failed`` (default: beside the target),
    signed, with its Swedish line and traceback beside it and in the log; the error raised is that
    line (notebook, cell, line in the cell, what went wrong) and where the notebook is kept."""
    scratch = target.parent.parent
    scratch.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=scratch_prefix(target), suffix=".ipynb", dir=scratch)
    os.close(fd)
    try:
        papermill.execute_notebook(str(notebook), tmp, parameters=parameters, kernel_name=KERNEL,
                                   engine_name=engine, cwd=str(notebook.parent), progress_bar=False,
                                   report_mode=True, request_save_on_cell_execute=False,
                                   extra_arguments=KERNEL_ARGUMENTS)
        os.chmod(tmp, 0o644)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        trust.sign(target)
    except PapermillExecutionError as exc:
        failed = failed or target.with_suffix(".misslyckad.ipynb")
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, failed)
        trust.sign(failed)
        raise _failed_cell(failed, notebook.name, exc) from exc
    except DeadKernelError as exc:  # killed or out of memory: papermill wrote nothing to keep
        log.error("The kernel died running %s for %s", notebook, target, exc_info=exc)
        raise BriefingError(kernel_died_message()) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def scratch_prefix(target: Path) -> str:
    """The name a run's temporary notebook starts with, in the folder above ``target``'s: the
    target's folder and name, as several kommuner's runs share that folder."""
    return f".{target.parent.name}-{target.stem}-"


def _failed_cell(failed: Path, notebook: str, exc: PapermillExecutionError) -> NotebookCellError:
    """The Swedish line for a failed run, with its traceback beside the kept notebook and in the log."""
    from jamlik.documents import notebook_state

    problem = notebook_state.refusal(nbformat.read(failed, as_version=4), notebook) or NotebookCellError(
        cell_errors.sentence(f"Fel i {notebook}: {in_swedish(exc.ename, exc.evalue)}"),
        cell_errors.plain("\n".join(exc.traceback)))
    failed.with_suffix(".txt").write_text(f"{problem.line}\n\n{problem.traceback}\n", encoding="utf-8")
    log.error("%s Notebooken med felet: %s\n%s", problem.line, failed, problem.traceback)
    return NotebookCellError(f"{problem.line} Notebooken med felet: {_shown(failed)}", problem.traceback,
                             problem.advice)


def kernel_died_message() -> str:
    """One line for the user; the traceback is in the log file, if one is set up."""
    files = [h.baseFilename for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)]
    details = f" Detaljer i {_shown(Path(files[0]))}." if files else ""
    return ("Python-kärnan avslutades mitt i körningen (dödad eller slut på minne), så briefingen gjordes inte. "
            f"Kör igen, med färre --workers om minnet inte räcker.{details}")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def failed_path(out_root: Path, year: int, kommun: Area, theme_id: str) -> Path:
    return Path(out_root) / str(year) / "failed" / f"{paths.folder_name(kommun)}-{theme_id}.ipynb"


def run_briefing(kommun: Area, theme: Theme, year: int | None = None, out_root: Path | None = None,
                 params_file: Path | None = None, overrides: dict | None = None,
                 engine: str | None = None) -> Outcome:
    """Make one theme's PDF for one kommun. Errors are returned in the outcome, not raised,
    so one failing kommun never stops a batch."""
    outcome = Outcome(kommun, theme)
    try:
        notebook = notebook_path(theme)
        values = params.merged(notebook, kommun.code, params_file, {**(overrides or {}), "year": year})
        values["kommun"] = kommun.code
        outcome.year = int(values.get("year") or params.default(notebook, "year"))
        root = Path(out_root or paths.outputs_dir())
        folder = paths.output_dir(root, outcome.year, kommun)
        executed = folder / f"{theme.id}.ipynb"
        start = time.perf_counter()
        execute(notebook, executed, values, engine, failed_path(root, outcome.year, kommun, theme.id))
        outcome.seconds["notebook"] = time.perf_counter() - start
        start = time.perf_counter()
        from jamlik.documents import export, tables  # in the worker: planning never lays out a page

        outcome.pdf = export.export(executed, folder / f"{theme.id}.pdf", folder / f"{theme.id}.html")
        rows = tables.rows_in(json.loads(executed.read_text(encoding="utf-8")))
        if rows is not None:  # the numbers behind the PDF, beside it
            tables.write_csv(rows, folder / f"{theme.id}.csv")
        outcome.seconds["export"] = time.perf_counter() - start
    except JamlikError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # an unexpected failure must not stop the batch; the log has the trace
        log.exception("Oväntat fel för %s, %s", kommun.label, theme.id)
        outcome.error = f"oväntat fel: {exc}"
    return outcome


def themes_with_notebooks() -> list[Theme]:
    return [t for t in catalog.themes().values() if (paths.notebooks_dir() / t.notebook).is_file()]


def default_kommun() -> Area:
    return areas.kommun(params.default(notebook_path(themes_with_notebooks()[0]), "kommun"))


def make_goal_workbook(kommun: Area, year: int, out_root: Path, params_file: Path | None = None,
                       overrides: dict | None = None, data_store: str = "") -> Path | None:
    """Write the kommun's goal workbook beside its briefings; None when it has set no goals (and an
    earlier workbook, from goals since removed, is taken away)."""
    values = params.merged(notebook_path(catalog.theme("oversikt")), kommun.code, params_file, overrides)
    store = values.get("data_store") or data_store
    if not values.get("mal"):  # no briefing is built: a national batch asks this of 290 kommuner
        year = year or datastore.latest_year(datastore.open_store(store)[0])
        (paths.output_dir(Path(out_root), year, kommun) / paths.goal_workbook_file(kommun)).unlink(missing_ok=True)
        return None
    from jamlik.documents import goal_workbook
    from jamlik.documents.briefing import Briefing

    briefing = Briefing(kommun.code, "oversikt", year, data_store=store, goals=values["mal"])
    target = paths.output_dir(Path(out_root), briefing.year, kommun) / goal_workbook.file_name(kommun)
    return goal_workbook.write(target, goal_workbook.rows(briefing))
