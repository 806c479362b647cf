"""Smoke runs of the notebooks through Papermill on the bundled data."""

import nbformat
import papermill
import pytest

from jamlik import paths, run

pytestmark = pytest.mark.slow


def _html_outputs(nb):
    return [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", [])
            if "text/html" in o.get("data", {})]


@pytest.mark.parametrize("theme", run.themes_with_notebooks(), ids=lambda t: t.id)
def test_notebook_runs_with_defaults(theme, tmp_path):
    nb = papermill.execute_notebook(str(run.notebook_path(theme)), str(tmp_path / "out.ipynb"),
                                    kernel_name=run.KERNEL, cwd=str(paths.notebooks_dir()), progress_bar=False)
    html = _html_outputs(nb)
    assert len(html) >= len(theme.indicators) + 3
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


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
