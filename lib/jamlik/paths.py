"""Every path the project uses, anchored at the project root so code runs from any folder.

The root is the folder holding ``notebooks/`` and ``params/``; set ``JAMLIK_HOME`` to use
another checkout, and ``JAMLIK_STORE`` to keep the data store elsewhere.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"
TEMPLATES = PACKAGE_DIR / "templates"


def project_root() -> Path:
    return Path(os.environ.get("JAMLIK_HOME", PACKAGE_DIR.parents[1])).resolve()


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def params_dir() -> Path:
    return project_root() / "params"


def outputs_dir() -> Path:
    return project_root() / "outputs"


def store_dir() -> Path:
    return Path(os.environ.get("JAMLIK_STORE", project_root() / "data" / "store")).resolve()
