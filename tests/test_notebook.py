"""Smoke runs of the notebooks through Papermill on the bundled data."""

import re

import nbformat
import papermill
import pytest

from jamlik.base import paths
from jamlik.data import catalog
from jamlik.running import run

pytestmark = pytest.mark.slow


def _html_outputs(nb):
    return [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
            if "text/html" in o.get("data", {})]


def test_every_theme_has_a_notebook_that_shows_all_its_indicators():
    assert {t.id for t in run.themes_with_notebooks()} == set(catalog.themes())
    for theme in run.themes_with_notebooks():
        source = "\n".join(c.source for c in nbformat.read(run.notebook_path(theme), as_version=4).cells)
        shown = re.findall(r'show_indicator\("([a-z0-9_]+)"\)', source)
        assert len(shown) == len(set(shown)), theme.id
        assert {i.id for i in theme.indicators} <= set(shown), theme.id
        for gap in re.findall(r'show_group_gap\("([a-z0-9_]+)"\)', source):
            assert catalog.group_gap(gap).theme == theme.id


def test_small_kommun_with_suppressed_values(tmp_path):
    nb = papermill.execute_notebook(str(paths.notebooks_dir() / "01_tidiga_ar.ipynb"), str(tmp_path / "o.ipynb"),
                                    parameters={"kommun": "Bjurholm", "year": 2025}, kernel_name=run.KERNEL,
                                    cwd=str(paths.notebooks_dir()), progress_bar=False)
    html = "".join(_html_outputs(nb))
    assert "Bjurholm" in html and "uppgift saknas" in html


def test_committed_notebooks_have_no_outputs():
    for path in paths.notebooks_dir().glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name
