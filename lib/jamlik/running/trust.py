"""Notebooks the batch writes are signed, so JupyterLab trusts them and shows them styled.

JupyterLab shows an untrusted notebook's HTML without its ``<style>``: an executed briefing, or
the failed notebook a strategist opens to see what went wrong, would look unlike the briefing. A
notebook is trusted when its signature (an HMAC with the user's Jupyter secret over its content) is
in the user's signature database; ``jupyter trust`` does the same by hand. Only notebooks that jamlik
itself ran are signed, as Jupyter signs a notebook that the user ran.
"""

import logging
from functools import cache
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

log = logging.getLogger(__name__)


@cache
def notary() -> NotebookNotary:
    """This process's notary: the user's Jupyter secret and signature database."""
    return NotebookNotary()


def prepare() -> None:
    """Make the user's secret now, in one process, if it does not exist yet: workers that each made
    one at the same moment would sign with different secrets."""
    try:
        notary().secret  # noqa: B018 -- read, so the notary creates the file
    except Exception:  # signing is a help; an unwritable Jupyter folder must not stop a batch
        log.warning("the Jupyter secret for signing notebooks cannot be made", exc_info=True)


def sign(path: Path) -> bool:
    """Sign the notebook at ``path`` as it is written; False (and a line in the log) if that fails."""
    try:
        notary().sign(nbformat.read(path, as_version=4))
        return True
    except Exception:
        log.warning("could not sign %s; JupyterLab will show it unstyled", path, exc_info=True)
        return False
