"""JupyterLab's export (*Save and Export Notebook As → Briefing*, or ``jupyter nbconvert --to briefing``)
never puts a wrong PDF in front of a council: a notebook with a cell that ended in an error is refused
with a one-page Swedish PDF named ``<notebook>-FEL.pdf``; one whose outputs are stale (a parameter
changed without Run All, an output removed, cells run out of order) is run again first; a current one
is exported as it is."""

import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.exporters import get_exporter
from pypdf import PdfReader

from jamlik.base import paths
from jamlik.documents import export, notebook_state, style

pytestmark = pytest.mark.slow
NAME = "02_skolaldern"


def text_of(pdf: bytes, tmp_path, name="x.pdf") -> list[str]:
    (tmp_path / name).write_bytes(pdf)
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(tmp_path / name).pages]


def exported(nb, folder) -> tuple[bytes, str]:
    pdf, resources = get_exporter("briefing")().from_notebook_node(
        nb, resources={"metadata": {"path": str(folder), "name": NAME}})
    return pdf, resources["output_extension"]


def with_own_cell(nb, source: str, index: int = 5):
    """The notebook with a cell of the strategist's own after the summary (cell 6)."""
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(nb), as_version=4))
    nb.cells.insert(index, nbformat.v4.new_code_cell(source))
    return nb


@pytest.fixture(scope="module")
def folder(tmp_path_factory, demo_store):
    os.environ["JAMLIK_STORE"] = str(demo_store)  # module fixtures run before the autouse one
    folder = tmp_path_factory.mktemp("notebooks")
    shutil.copy(paths.notebooks_dir() / f"{NAME}.ipynb", folder)
    return folder


def _run_all(nb, folder):
    """JupyterLab's Run All: it stops at a cell that fails and leaves the cells after it empty."""
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(folder)}}).execute()
    return nb


@pytest.fixture(scope="module")
def executed(folder):
    return _run_all(nbformat.read(folder / f"{NAME}.ipynb", as_version=4), folder)


@pytest.fixture(scope="module")
def briefing_text(executed, folder, tmp_path_factory):
    pdf, extension = exported(executed, folder)
    assert extension == "-Karlskoga-2025.pdf"
    return text_of(pdf, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def failed_run(executed, folder):
    """Run All on the notebook with an own cell that fails: a NameError."""
    nb = with_own_cell(nbformat.read(folder / f"{NAME}.ipynb", as_version=4), "print(egna)")
    with pytest.raises(CellExecutionError):
        _run_all(nb, folder)
    return nb


@pytest.fixture
def never_run(monkeypatch):
    monkeypatch.setattr(notebook_state, "run_again", lambda *a: pytest.fail("the notebook was run again"))


def test_a_current_notebook_is_exported_as_it_is(executed, folder, briefing_text, never_run, tmp_path):
    pdf, extension = exported(executed, folder)
    assert extension == "-Karlskoga-2025.pdf" and text_of(pdf, tmp_path) == briefing_text
    assert len(briefing_text) > 3 and "Om statistiken" in " ".join(briefing_text)


def test_an_own_cell_that_failed_is_refused_with_one_swedish_page(failed_run, folder, never_run, tmp_path):
    assert not failed_run.cells[-1].outputs  # Run All stopped: "Om statistiken" was never made
    pdf, extension = exported(failed_run, folder)
    (page,) = text_of(pdf, tmp_path)
    assert extension == "-FEL.pdf"
    assert page.startswith("02_skolaldern.ipynb · export till PDF Briefingen gjordes inte "
                           "Fel i 02_skolaldern.ipynb, cell 6 (”print(egna)”), rad 1: namnet 'egna' finns inte.")
    assert "Rätta cellen" in page and "NameError: name 'egna' is not defined" in page  # the traceback after
    assert "Sammanfattning" not in page and "parametrarna" not in page


def test_a_broken_cell_in_a_notebook_not_yet_run_is_refused_after_the_run(folder, tmp_path):
    nb = with_own_cell(nbformat.read(folder / f"{NAME}.ipynb", as_version=4), "t = briefing.varden(\n", 6)
    pdf, extension = exported(nb, folder)
    (page,) = text_of(pdf, tmp_path)
    assert extension == "-FEL.pdf"
    assert "Fel i 02_skolaldern.ipynb, cell 7 (”t = briefing.varden(”), rad 1: ofullständig rad: en parentes " \
           "stängs inte." in page


def test_a_parameter_changed_without_run_all_exports_the_kommun_it_now_names(executed, folder, tmp_path):
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(executed), as_version=4))
    cell = nb.cells[1]
    cell.source = cell.source.replace('kommun: str = "1883"', 'kommun: str = "Filipstad"')
    assert notebook_state.stale_reason(nb, export.briefing_meta(nb)["parameters"]) == \
        "parametern 'kommun' är ändrad sedan notebooken kördes"
    pdf, extension = exported(nb, folder)
    first = text_of(pdf, tmp_path)[0]
    assert extension == "-Filipstad-2025.pdf"
    assert "Filipstad 2025" in first and "Karlskoga" not in first


def test_a_removed_output_is_made_again(executed, folder, briefing_text, tmp_path):
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(executed), as_version=4))
    cell = next(c for c in nb.cells if 'show_indicator("meritvarde_ak9")' in c.source)
    cell.outputs, cell.execution_count = [], None  # JupyterLab's Clear Output
    pdf, extension = exported(nb, folder)
    assert extension == "-Karlskoga-2025.pdf" and text_of(pdf, tmp_path) == briefing_text


def test_outputs_removed_with_the_run_numbers_kept_are_stale(executed):
    """A tool that strips outputs but keeps execution counts: each part the briefing showed carries its
    number and the last the count, so a part gone missing is seen, the last one too."""
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(executed), as_version=4))
    meta = export.briefing_meta(nb)["parameters"]
    summary = next(c for c in nb.cells if "show_summary()" in c.source)
    summary.outputs = []
    assert notebook_state.stale_reason(nb, meta).startswith("del 2 av briefingens")
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(executed), as_version=4))
    next(c for c in nb.cells if "show_about()" in c.source).outputs = []
    assert notebook_state.stale_reason(nb, meta) == \
        "briefingens sista del (Om statistiken) saknas i cellernas utdata, som har tagits bort"


def test_cells_run_out_of_order_are_stale(executed):
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(executed), as_version=4))
    meta = export.briefing_meta(nb)["parameters"]
    assert notebook_state.stale_reason(nb, meta) == ""
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[3].execution_count = code[-1].execution_count + 1  # run again alone, after the rest
    assert notebook_state.stale_reason(nb, meta) == "cell 6 har körts efter cell 8, som står under den"


def test_the_command_line_writes_the_fel_page_and_exits_with_1(failed_run, tmp_path):
    path = tmp_path / f"{NAME}.ipynb"
    nbformat.write(failed_run, path)
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "briefing", str(path)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert "Fel i 02_skolaldern.ipynb, cell 6 (”print(egna)”), rad 1: namnet 'egna' finns inte." in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [f"{NAME}-FEL.pdf"]


def test_notes_for_the_analyst_stay_out_of_the_html_and_the_pdf():
    nb = nbformat.v4.new_notebook()
    header = nbformat.v4.new_output("display_data", data={"text/html": style.wrapped("<h1>Rubrik</h1>")},
                                    metadata={"jamlik": {"title": "Rubrik"}})
    note = nbformat.v4.new_output("display_data", data={"text/html": style.analyst_note("Kör jamlik data fetch")},
                                  metadata=style.ANALYST_META)
    nb.cells.append(nbformat.v4.new_code_cell(outputs=[header, note]))
    page = export.to_html(nb)
    assert "<h1>Rubrik</h1>" in page and "jamlik data fetch" not in page
