"""``jamlik init <mapp>``: a new workspace from the package's own copies of the notebooks and params.

A workspace holds what an analyst edits and what jamlik makes: ``notebooks/``, ``params/`` (with a
commented example kommun file), ``outputs/``, ``data/store`` (made on first run) and a short README.
It is built in a temporary folder beside the target and moved in when complete, so a failed init
leaves nothing half-made; nothing that exists is ever overwritten.
"""

import shutil
import tempfile
from pathlib import Path

from jamlik.base.errors import JamlikError
from jamlik.base.paths import WORKSPACE_TEMPLATE, is_workspace

CONTENTS = ("notebooks", "params", "outputs", "README.md", ".gitignore")
IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
GITIGNORE = "# gjort av jamlik: briefingar, logg och datalager\noutputs/\ndata/store/\n.ipynb_checkpoints/\n"


class WorkspaceError(JamlikError):
    """A workspace that cannot be created where the user asked."""


def create(target: Path) -> Path:
    """Create a workspace at ``target`` (a new or empty folder, or one without jamlik's folders)."""
    target = Path(target).expanduser().absolute()
    _check(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as tmp:
        staged = Path(tmp) / "arbetsyta"
        staged.mkdir()
        _fill(staged)
        if not target.exists():
            staged.rename(target)  # one step: the workspace is there whole, or not at all
        else:  # an existing, empty or unrelated folder: jamlik's items moved in one by one
            for name in CONTENTS:
                (staged / name).rename(target / name)
    return target


def _check(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise WorkspaceError(f"{target} är en fil. Välj en ny mapp för arbetsytan.")
    if is_workspace(target):
        raise WorkspaceError(f"{target} är redan en jamlik-arbetsyta; inget har ändrats.")
    taken = [name for name in CONTENTS if (target / name).exists()]
    if taken:
        raise WorkspaceError(f"{target} har redan {', '.join(taken)}; inget har skrivits över. "
                             "Välj en ny eller tom mapp.")
    if not (WORKSPACE_TEMPLATE / "notebooks").is_dir():
        raise WorkspaceError(f"Installationen saknar sina notebookar ({WORKSPACE_TEMPLATE}). Installera om jamlik.")


def _fill(folder: Path) -> None:
    shutil.copytree(WORKSPACE_TEMPLATE / "notebooks", folder / "notebooks", ignore=IGNORED)
    shutil.copytree(WORKSPACE_TEMPLATE / "params", folder / "params", ignore=IGNORED)
    (folder / "outputs").mkdir()
    shutil.copyfile(WORKSPACE_TEMPLATE / "README.md", folder / "README.md")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
