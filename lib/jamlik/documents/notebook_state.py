"""Is a notebook's output the briefing its cells now say? The exporter asks before it makes a PDF.

A strategist edits the notebook in JupyterLab and exports it. Three things can make its outputs
differ from what its cells hold, and each would put a wrong PDF in front of a council:

* **an error**: a cell ended in an error, and every cell after it is empty (a truncated briefing);
* **changed parameters**: the parameters cell was edited after the run (another kommun or year);
* **missing or out-of-order outputs**: a cell has not run (its output cleared, or the run stopped),
  or cells ran in another order than they stand.

An error refuses the export (``NotebookCellError``: the cell and what went wrong, in Swedish). The
others run the notebook again, from the top, in a kernel of its own. To tell changed parameters,
the briefing's header records the values the kernel held when it was shown (``kernel_parameters``).
"""

import ast
import asyncio
import json
import math
import threading

from jamlik.base.cell_errors import first_error, own_cells
from jamlik.base.errors import BriefingError, NotebookCellError

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"  # Papermill's cell with a run's parameters, after the notebook's own
IPYTHON_NAMES = {"In", "Out", "exit", "quit", "get_ipython", "open"}
LARGEST_VALUE = 20_000  # characters of JSON: a parameter is a code, a year, a few names or goals
RUN_TIMEOUT = 600  # seconds per cell, as a batch allows
ADVICE_PARAMETERS = ("Rätta parametrarna i notebookens första kodcell, välj Run All för att se felet i notebooken "
                     "och exportera sedan igen.")
ADVICE_CELL = ("Rätta cellen (eller ta bort den), välj Run All så att hela notebooken körs utan fel och exportera "
               "sedan igen.")


def kernel_parameters() -> dict:
    """The notebook's plain values (texts, numbers, lists, tables) as this kernel holds them, for the
    briefing's header to record; nothing outside IPython. At the header they are the parameters."""
    try:
        from IPython import get_ipython
    except ImportError:
        return {}
    shell = get_ipython()
    if shell is None:
        return {}
    values = {}
    for name, value in list(shell.user_ns.items()):
        if name.startswith("_") or name in IPYTHON_NAMES or not isinstance(value, (str, int, float, list, dict)):
            continue
        plain = _plain(value)
        if plain is not _UNKNOWN:
            values[name] = plain
    return values


_UNKNOWN = object()


def _plain(value):
    """The value as JSON gives it back (tuples become lists, keys texts), or ``_UNKNOWN``."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return _UNKNOWN
    return json.loads(text) if len(text) <= LARGEST_VALUE else _UNKNOWN


def cell_parameters(nb) -> dict:
    """The values the parameters cell now holds, with a Papermill run's injected values over them;
    a value that is not a plain literal is ``_UNKNOWN``."""
    values = {}
    for tag in (PARAMETERS_TAG, INJECTED_TAG):
        for cell in nb.cells:
            if cell.cell_type == "code" and tag in cell.get("metadata", {}).get("tags", []):
                values.update(_assignments(cell.source))
    return values


def _assignments(source: str) -> dict:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {"": _UNKNOWN}  # a broken parameters cell: the run will say what is wrong
    values = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) and node.value is not None else []
        for target in targets:
            if isinstance(target, ast.Name):
                values[target.id] = _literal(node.value)
    return values


def _literal(node):
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _UNKNOWN
    return _UNKNOWN if isinstance(value, float) and not math.isfinite(value) else _plain(value)


def stale_reason(nb, recorded: dict | None) -> str:
    """Why the notebook's outputs are not those of its cells as they stand ("" when they are), in
    Swedish. ``recorded``: the parameters its header recorded (None: no header output)."""
    numbered = [(n, c) for n, c in enumerate(own_cells(nb), start=1) if c.cell_type == "code" and c.source.strip()]
    ran = [(n, c.execution_count) for n, c in numbered if c.get("execution_count") is not None]
    if not ran:
        return "notebooken har inte körts"
    unrun = [n for n, c in numbered if c.get("execution_count") is None]
    if unrun:
        return f"cell {unrun[0]} har inte körts (eller dess utdata har tagits bort)"
    for (above, before), (number, count) in zip(ran, ran[1:], strict=False):
        if count <= before:
            return f"cell {above} har körts efter cell {number}, som står under den"
    missing = _missing_parts(nb)
    if missing:
        return missing
    return _changed_parameter(cell_parameters(nb), recorded)


PART_NUMBER, PART_COUNT = "part", "parts"  # in each briefing part's output metadata (``Briefing._display``)


def _missing_parts(nb) -> str:
    """Outputs taken away from cells that still have their run number (a tool that clears outputs only):
    each part the briefing showed carries its number and the last one the count, so a gap is seen."""
    numbers, count = set(), None
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            meta = output.get("metadata", {}).get("jamlik") or {}
            if PART_NUMBER in meta:
                numbers.add(meta[PART_NUMBER])
                count = meta.get(PART_COUNT, count)
    if not numbers:
        return ""
    if count is None:
        if any("show_about(" in cell.source for cell in own_cells(nb) if cell.cell_type == "code"):
            return "briefingens sista del (Om statistiken) saknas i cellernas utdata, som har tagits bort"
        return ""
    gap = next((n for n in range(1, count + 1) if n not in numbers), None)
    return f"del {gap} av briefingens {count} saknas i cellernas utdata, som har tagits bort" if gap else ""


def _changed_parameter(current: dict, recorded: dict | None) -> str:
    if recorded is None:
        return "notebooken visar ingen briefing ännu"
    for name, value in current.items():
        if value is _UNKNOWN or name not in recorded or recorded[name] != value:
            return (f"parametern '{name}' är ändrad sedan notebooken kördes" if name
                    else "parametercellen går inte att läsa")
    return ""


def _in_a_thread_of_its_own(run) -> None:
    """Await ``run()`` on an event loop of its own, in a thread of its own. The Jupyter server calls
    the exporter in a worker thread where asyncio finds the server's running loop, and nbclient's
    ``execute`` then fails ("This event loop is already running")."""
    failure = []

    def target():
        try:
            asyncio.run(run())
        except BaseException as exc:  # handed to the caller's thread, whatever it is
            failure.append(exc)

    thread = threading.Thread(target=target, name="jamlik-export-run")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def defined_names(nb) -> list[str]:
    """The names the notebook's cells make (assign, import, define), to suggest for a misspelt one."""
    names = set()
    for cell in nb.cells:
        try:
            tree = ast.parse(cell.source) if cell.cell_type == "code" else None
        except SyntaxError:
            continue
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
    return sorted(names)


def briefing_names() -> list[str]:
    """What a notebook can call on a briefing (imported only when an error needs it: the facade
    brings the charts)."""
    from jamlik.documents.briefing import Briefing

    return [name for name in dir(Briefing) if not name.startswith("_")]


def refusal(nb, notebook: str) -> NotebookCellError | None:
    """The refusal for the notebook's first cell that ended in an error, or None. A misspelt name
    is matched against the notebook's own names and the briefing's methods."""
    error = first_error(nb)
    if error is None:
        return None
    cells = own_cells(nb)
    code = [c for c in cells if c.cell_type == "code"]
    in_setup = cells[error.number - 1] in code[:2]  # the parameters, or the cell that makes the briefing
    names = defined_names(nb) + briefing_names()
    return NotebookCellError(error.line_text(notebook, names), error.traceback_text(),
                             ADVICE_PARAMETERS if in_setup else ADVICE_CELL)


def run_again(nb, folder: str, notebook: str):
    """Run the notebook from the top in a kernel of its own, in its folder, as Run All would after
    a restart; its earlier outputs are cleared first so none can survive a failure."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    kernel = nb.metadata.get("kernelspec", {}).get("name") or "python3"
    client = NotebookClient(nb, timeout=RUN_TIMEOUT, kernel_name=kernel, resources={"metadata": {"path": folder}})
    try:
        _in_a_thread_of_its_own(client.async_execute)
    except CellExecutionError as exc:
        raise (refusal(nb, notebook) or BriefingError(f"{notebook} kunde inte köras: {exc.ename}.")) from exc
    except CellTimeoutError as exc:
        raise BriefingError(f"En cell i {notebook} blev inte klar på {RUN_TIMEOUT // 60} minuter, så briefingen "
                            "gjordes inte.") from exc
    except DeadKernelError as exc:
        raise BriefingError(f"Python-kärnan avslutades när {notebook} kördes (dödad eller slut på minne), så "
                            "briefingen gjordes inte.") from exc
    return nb

