"""Workspaces: found from the current folder upward, then JAMLIK_HOME; made by `jamlik init` from the
package's own copies; and a plain message when there is none."""

import os

import pytest

from jamlik.base import paths
from jamlik.base.errors import NoWorkspaceError, ParamsError
from jamlik.running import batch, cli, workspace


@pytest.fixture
def made(tmp_path):
    return workspace.create(tmp_path / "arbetsyta")


def test_init_makes_a_workspace_from_the_package_copies(made):
    assert paths.is_workspace(made)
    names = {p.name for p in (made / "notebooks").iterdir()}
    assert names == {p.name for p in paths.notebooks_dir().glob("*.ipynb")}
    assert (made / "params" / "defaults.yaml").is_file() and (made / "outputs").is_dir()
    example = (made / "params" / "kommuner" / "exempel.yaml").read_text(encoding="utf-8")
    assert "#   barn_lag_ek_standard:" in example and "kommunens_mal" in example
    assert "jamlik run --kommun" in (made / "README.md").read_text(encoding="utf-8")
    assert "outputs/" in (made / ".gitignore").read_text(encoding="utf-8")
    assert not any(p.name.startswith(".arbetsyta-") for p in made.parent.iterdir())  # no staging left


def test_init_never_overwrites(made, tmp_path):
    (made / "notebooks" / "01_tidiga_ar.ipynb").write_text("mina ändringar", encoding="utf-8")
    with pytest.raises(workspace.WorkspaceError, match="redan en jamlik-arbetsyta; inget har ändrats"):
        workspace.create(made)
    assert (made / "notebooks" / "01_tidiga_ar.ipynb").read_text(encoding="utf-8") == "mina ändringar"
    half = tmp_path / "halv"
    (half / "params").mkdir(parents=True)
    with pytest.raises(workspace.WorkspaceError, match="har redan params; inget har skrivits över"):
        workspace.create(half)
    a_file = tmp_path / "fil"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(workspace.WorkspaceError, match="är en fil"):
        workspace.create(a_file)


def test_init_fills_an_existing_empty_folder(tmp_path):
    (tmp_path / "tom").mkdir()
    assert paths.is_workspace(workspace.create(tmp_path / "tom"))


def test_workspace_is_found_upward_then_from_jamlik_home(made, tmp_path, monkeypatch):
    deep = made / "outputs" / "2022"
    deep.mkdir()
    monkeypatch.chdir(deep)
    monkeypatch.setenv("JAMLIK_HOME", str(paths.PACKAGE_DIR))  # the current folder wins over JAMLIK_HOME
    assert paths.project_root() == made.resolve()
    assert paths.outputs_dir() == made.resolve() / "outputs"
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("JAMLIK_HOME", str(made))
    assert paths.params_dir() == made.resolve() / "params"


def test_no_workspace_says_how_to_make_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JAMLIK_HOME", raising=False)
    with pytest.raises(NoWorkspaceError, match="Skapa en med 'jamlik init <mapp>'"):
        paths.project_root()
    assert cli.main(["run", "--kommun", "1883"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"Ingen jamlik-arbetsyta finns i {tmp_path}" in err
    monkeypatch.setenv("JAMLIK_HOME", str(tmp_path))
    assert cli.main(["run", "--kommun", "1883"]) == 2
    assert "JAMLIK_HOME pekar på" in capsys.readouterr().err
    assert cli.main(["kommuner", "--lan", "18"]) == 0  # listings need no workspace


def test_jamlik_init_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "ny"]) == 0
    out = capsys.readouterr().out
    assert f"Arbetsytan {tmp_path / 'ny'} är skapad" in out and "jamlik run --kommun Karlskoga" in out
    assert cli.main(["init", "ny"]) == 2
    assert "redan en jamlik-arbetsyta" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["run", "--workers", "-1"], "Fel: --workers: '-1' går inte; ange antal processer, till exempel 2, "
                                 "eller 0 för alla kärnor. Se 'jamlik run --help'."),
    (["run", "--workers", "två"], "Fel: --workers: 'två' går inte"),
    (["run", "--workers", "²"], "Fel: --workers: '²' går inte"),
    (["run", "--workers"], "Fel: --workers: ett värde saknas."),
    (["run", "--ar", "tjugo"], "Fel: --ar/--år: 'tjugo' är inget årtal; skriv till exempel 2022."),
    (["mal"], "Fel: det här saknas: --kommun."),
    (["flyga"], "Fel: okänt kommando: 'flyga' (välj bland 'run'"),
])
def test_command_line_mistakes_are_one_swedish_line(capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(message), err


def test_workers_zero_means_every_core(monkeypatch):
    sizes = []

    class Pool:
        def __init__(self, workers):
            sizes.append(workers)
            raise KeyboardInterrupt  # enough: the size is what is tested

    monkeypatch.setattr(batch, "LocalPool", Pool)
    job = batch.Job("tidiga_ar", "1883", 2025, "/tmp/ut")
    monkeypatch.setattr(batch, "_Run", lambda *a, **k: None)
    for workers in (0, 1):
        with pytest.raises(KeyboardInterrupt):
            batch.execute([job], workers=workers)
    assert sizes == [os.cpu_count(), 1]
    assert cli._parser().parse_args(["run", "--workers", "0"]).workers == 0


@pytest.mark.parametrize("content, flag, message", [
    (None, "--params", "är en mapp, inte en parameterfil"),
    ("", "--params", "är tom"),
    ("peers: 5\n", "--params", "parametern 'peers' ska vara en lista, men är 5."),
    ("- peers\n- exclude\n", "--params", "ska bestå av rader 'namn: värde', inte en lista"),
    ("notes: [tidiga_ar]\n", "--params", "parametern 'notes' ska vara en tabell (nyckel: värde)"),
    ("mal:\n  barn_lag_ek_standard: [15, 2030]\n", "--params", "mal.barn_lag_ek_standard ska vara en tabell"),
    ("", "--batch", "är tom"),
    ("kommuner: 1883\n", "--batch", "'kommuner' ska vara en lista, men är 1883."),
    ("parametrar: [peers]\n", "--batch", "'parametrar' ska vara en tabell (nyckel: värde)"),
    ("parametrar: {peers: 5}\n", "--batch", "(parametrar): parametern 'peers' ska vara en lista"),
])
def test_bad_params_anywhere_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, content, flag, message):
    path = tmp_path / "fil.yaml"
    if content is None:
        path.mkdir()
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "ut"
    assert cli.main(["run", "--kommun", "1883", "--tema", "tidiga_ar", flag, str(path), "--ut", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and message in err and str(path) in err, err
    assert not out.exists()


def test_the_checkout_is_a_workspace():
    assert paths.is_workspace(paths.PACKAGE_DIR.parents[1])
    assert os.path.samefile(paths.WORKSPACE_TEMPLATE / "notebooks", paths.PACKAGE_DIR.parents[1] / "notebooks")


@pytest.mark.slow
def test_a_worker_outside_the_workspace_finds_it_from_the_job(tmp_path, monkeypatch):
    """A Dask worker starts wherever its cluster put it: the job names its workspace."""
    from jamlik.data import areas, catalog
    from jamlik.running import batch

    (job,) = batch.plan([areas.kommun("1883")], [catalog.theme("tidiga_ar")], 2025, tmp_path / "ut")
    assert job.home == str(paths.project_root())
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JAMLIK_HOME")
    error, _ = batch.work(job)
    assert paths.find_workspace() is None  # the job's workspace held only while it ran
    assert error == "" and (tmp_path / "ut" / "2025" / "1883-Karlskoga" / "tidiga_ar.pdf").is_file()


def test_an_older_workspace_says_so(made, monkeypatch):
    """A workspace made by an older jamlik lacks newer parameters: the error says why, not only
    "okänd parameter"."""
    import nbformat

    from jamlik.running import params

    path = made / "notebooks" / "01_tidiga_ar.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = "\n".join(line for line in cell.source.splitlines() if not line.startswith("mal:"))
    nbformat.write(nb, path)
    (made / "params" / "kommuner" / "1883.yaml").write_text("mal:\n  fetma: {malvarde: 10, ar: 2030}\n",
                                                          encoding="utf-8")
    monkeypatch.chdir(made)
    with pytest.raises(ParamsError, match="parametern 'mal' finns inte i arbetsytans notebookar, som är äldre än"):
        params.merged(path, "1883")
