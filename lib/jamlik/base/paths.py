"""Every path the project uses, anchored at the workspace so code runs from any folder.

A workspace is a folder holding ``notebooks/`` and ``params/defaults.yaml`` (the checkout is one;
``jamlik init`` makes more). It is the nearest such folder at or above the current folder, else
``JAMLIK_HOME``; a batch job names its own (``use_workspace``). ``JAMLIK_STORE`` keeps the data
store elsewhere.
"""

import os
from contextlib import contextmanager
from pathlib import Path

from jamlik.base.errors import NoWorkspaceError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DATA = PACKAGE_DIR / "data"
TEMPLATES = PACKAGE_DIR / "templates"
# the package's own copies of the notebooks and params, for `jamlik init`
WORKSPACE_TEMPLATE = PACKAGE_DIR / "workspace"


def is_workspace(folder: Path) -> bool:
    return (folder / "notebooks").is_dir() and (folder / "params" / "defaults.yaml").is_file()


_CHOSEN: Path | None = None  # set by ``use_workspace`` for a batch job: it wins over everything


@contextmanager
def use_workspace(folder: str | Path):
    """Within this block the workspace is ``folder``, whatever the current folder: a batch job
    runs in its own workspace in a worker (a Dask worker) that may have served another before."""
    global _CHOSEN
    before, _CHOSEN = _CHOSEN, Path(folder).resolve()
    try:
        yield
    finally:
        _CHOSEN = before


def chosen_workspace() -> Path | None:
    """The workspace a ``use_workspace`` block names, if any."""
    return _CHOSEN


def find_workspace(start: Path | None = None) -> Path | None:
    """The nearest workspace at or above ``start`` (default: the current folder), else JAMLIK_HOME."""
    if _CHOSEN is not None and start is None:
        return _CHOSEN
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workspace(folder):
            return folder
    home = os.environ.get("JAMLIK_HOME")
    if home and is_workspace(Path(home)):
        return Path(home).resolve()
    return None


def project_root() -> Path:
    root = find_workspace()
    if root is not None:
        return root
    home = os.environ.get("JAMLIK_HOME")
    where = (f"JAMLIK_HOME pekar på {home}, som inte är en arbetsyta (där saknas notebooks/ eller "
             "params/defaults.yaml)" if home else f"Ingen jamlik-arbetsyta finns i {Path.cwd()} eller ovanför")
    raise NoWorkspaceError(f"{where}. Skapa en med 'jamlik init <mapp>' och kör jamlik i den mappen "
                           "(eller sätt JAMLIK_HOME till den).")


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def params_dir() -> Path:
    return project_root() / "params"


def outputs_dir() -> Path:
    return project_root() / "outputs"


def store_dir() -> Path:
    if os.environ.get("JAMLIK_STORE"):
        return Path(os.environ["JAMLIK_STORE"]).resolve()
    return project_root() / "data" / "store"


# where a kommun's files go (``kommun`` is a data.areas.Area: its code and name)
def file_stem(kommun) -> str:
    """The kommun's name as it starts a file name: ``Upplands-Väsby``."""
    return kommun.name.replace(" ", "-")


def council_file(kommun) -> str:
    """The council document's file name: ``Karlskoga-samlad.pdf``."""
    return f"{file_stem(kommun)}-samlad.pdf"


def goal_workbook_file(kommun) -> str:
    """The workbook of the kommun's own goals: ``Karlskoga-mal.xlsx``."""
    return f"{file_stem(kommun)}-mal.xlsx"


def folder_name(kommun) -> str:
    return f"{kommun.code}-{file_stem(kommun)}"


def output_dir(out_root: Path, year: int, kommun) -> Path:
    return Path(out_root) / str(year) / folder_name(kommun)
