"""The strategist's own notebook edits fail clearly (issue 34, item 4): a cell they added that fails
makes the batch say in Swedish which notebook, cell and line failed, keeps the failed notebook (signed,
so JupyterLab shows it styled), and the other themes go on; a notebook whose parameters cell was
removed or renamed is named as such, before anything runs."""

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from jamlik.base.errors import ParamsError
from jamlik.data import areas, catalog
from jamlik.running import cli, params, run, workspace

SCHOOL = "02_skolaldern.ipynb"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A workspace made by `jamlik init`, and the current folder."""
    folder = workspace.create(tmp_path / "arbetsyta")
    monkeypatch.chdir(folder)
    return folder


def edit(path, change) -> None:
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def parameters_cell(nb):
    return next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))


def signed(path) -> bool:
    return NotebookNotary().check_signature(nbformat.read(path, as_version=4))


@pytest.mark.slow
def test_a_failing_own_cell_is_named_in_swedish_kept_signed_and_the_batch_goes_on(home, capsys):
    edit(home / "notebooks" / SCHOOL, lambda nb: nb.cells.insert(5, nbformat.v4.new_code_cell("print(egna)")))
    out = home / "ut"
    assert cli.main(["run", "--kommun", "Karlskoga", "--tema", "skolaldern", "miljoer", "--ut", str(out)]) == 1
    said = capsys.readouterr().out
    line = "Fel i 02_skolaldern.ipynb, cell 6 (”print(egna)”), rad 1: namnet 'egna' finns inte."
    kept = "ut/2025/failed/1883-Karlskoga-skolaldern.ipynb"
    assert f"✗ Karlskoga, skolåldern: {line} Notebooken med felet: {kept}" in said
    assert "NameError" not in said and "Traceback" not in said
    made = out / "2025" / "1883-Karlskoga"
    assert (made / "miljoer.pdf").is_file() and signed(made / "miljoer.ipynb")  # the other theme went on
    failed = out / "2025" / "failed" / "1883-Karlskoga-skolaldern.ipynb"
    assert signed(failed) and not list(made.glob("skolaldern*"))
    assert failed.with_suffix(".txt").read_text(encoding="utf-8").startswith(line)
    log = (home / "outputs" / "jamlik.log").read_text(encoding="utf-8")
    assert line in log and "NameError: name 'egna' is not defined" in log and "----> 1 print(egna)" in log

    # a kommun whose only theme failed leaves no folder behind
    outcome = run.run_briefing(areas.kommun("Degerfors"), catalog.theme("skolaldern"), 2025, out)
    assert outcome.error.startswith(line) and not (out / "2025" / "1862-Degerfors").exists()
    assert not [p for p in (out / "2025").iterdir() if p.name.startswith(".")]  # no temporary notebook left


@pytest.mark.parametrize("change, message", [
    (lambda nb: parameters_cell(nb).metadata.update(tags=[]),
     "parametercellen saknas (ingen kodcell har taggen 'parameters'), så jamlik kan inte sätta kommun och år. "
     "Cell 2 ser ut att vara den: ge den taggen 'parameters' igen"),
    (lambda nb: parameters_cell(nb).metadata.update(tags=["parametrar"]),
     "cellen med parametrarna har taggen 'parametrar', men den ska heta 'parameters'"),
    (lambda nb: nb.cells.remove(parameters_cell(nb)),
     "parametercellen saknas (ingen kodcell har taggen 'parameters'), så jamlik kan inte sätta kommun och år. "
     "Lägg tillbaka den som första kodcell"),
    (lambda nb: setattr(parameters_cell(nb), "source", parameters_cell(nb).source.replace("kommun:", "kommunkod:")),
     "parametercellen saknar 'kommun' (heter den nu 'kommunkod'?), som jamlik sätter för varje körning. Lägg "
     "tillbaka raden, till exempel kommun: str = \"1883\"."),
])
def test_a_removed_or_renamed_parameters_cell_is_named_before_anything_runs(home, capsys, change, message):
    notebook = home / "notebooks" / "03_forsorjning.ipynb"
    edit(notebook, change)
    with pytest.raises(ParamsError, match="^notebooks/03_forsorjning.ipynb: "):
        params.merged(notebook, "1883")
    assert cli.main(["run", "--tema", "forsorjning", "--kommun", "Karlskoga", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err == f"Fel: notebooks/03_forsorjning.ipynb: {message}" + err.split(message, 1)[1]
    assert err.count("\n") == 1 and "Traceback" not in err
