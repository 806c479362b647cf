import re

import pytest

from jamlik.base import paths
from jamlik.base.errors import ParamsError
from jamlik.running import params, run

NOTEBOOK = paths.notebooks_dir() / "01_tidiga_ar.ipynb"


@pytest.fixture(scope="module")
def declared():
    return params.declared(NOTEBOOK)


def test_every_notebook_declares_typed_documented_parameters():
    for theme in run.themes_with_notebooks():
        declared = params.declared(run.notebook_path(theme))
        assert {"kommun", "year", "peers", "data_store"} <= set(declared), theme.id
        for name, p in declared.items():
            assert p["inferred_type_name"] != "None", (theme.id, name)
            assert p["help"], f"{theme.id}: parameter {name} has no comment (papermill --help-notebook)"


def test_defaults_run_for_a_real_kommun():
    assert params.default(NOTEBOOK, "kommun") == "1883"
    assert isinstance(params.default(NOTEBOOK, "year"), int)


def test_every_committed_params_file_is_valid():
    files = sorted(paths.params_dir().rglob("*.yaml"))
    assert files, "params/ should hold at least defaults.yaml"
    for theme in run.themes_with_notebooks():
        declared = params.declared(run.notebook_path(theme))
        for path in files:
            if "batches" not in path.parts:
                params.validate(params.load_yaml(path), declared, str(path))


def test_unknown_key_names_file_key_and_allowed(declared, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("peer: [Degerfors]\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"x\.yaml: okänd parameter 'peer'\. Menade du peers\? Tillåtna: kommun"):
        params.validate(params.load_yaml(path), declared, str(path))


@pytest.mark.parametrize("content, message", [
    ("year: [2025\n", "inte giltig YAML på rad"),
    ("- year\n- 2025\n", "rader 'namn: värde'"),
    ("year: tjugo\n", "ska vara ett heltal"),
    ("year: true\n", "ska vara ett heltal"),
    ("peers: Degerfors\n", "ska vara en lista"),
])
def test_malformed_files_say_what_is_wrong(declared, tmp_path, content, message):
    with pytest.raises(ParamsError, match=message):
        _validate_file(tmp_path / "p.yaml", content, declared)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ParamsError, match="finns inte"):
        params.load_yaml(tmp_path / "saknas.yaml")
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("peers: [Örebro]\n".encode("latin-1"))
    with pytest.raises(ParamsError, match="UTF-8"):
        params.load_yaml(latin1)


def test_empty_file_is_no_parameters(tmp_path):
    path = tmp_path / "tom.yaml"
    path.write_text("# bara kommentarer\n", encoding="utf-8")
    assert params.load_yaml(path) == {}


def test_layers_merge_in_order(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "params" / "kommuner").mkdir(parents=True)
    (root / "notebooks").symlink_to(paths.notebooks_dir())
    (root / "params" / "defaults.yaml").write_text("year: 2020\npeers: [Kumla]\n", encoding="utf-8")
    (root / "params" / "kommuner" / "1883.yaml").write_text("peers: [Degerfors]\n", encoding="utf-8")
    monkeypatch.chdir(root)  # the workspace is found from the current folder
    assert params.merged(NOTEBOOK, "1883") == {"year": 2020, "peers": ["Degerfors"]}
    assert params.merged(NOTEBOOK, "1880") == {"year": 2020, "peers": ["Kumla"]}
    assert params.merged(NOTEBOOK, "1883", overrides={"year": 2024})["year"] == 2024


@pytest.mark.parametrize("content, message", [
    ("peers: [Degerfors, Kristinehamnn]\n", "parametern 'peers': Okänd kommun 'Kristinehamnn'. Menade du 1781"),
    ("exclude: [mpr_vacc]\n", "parametern 'exclude': Okänd indikator 'mpr_vacc'. Menade du mpr_vaccination?"),
    ("notes:\n  tidig: text\n", "parametern 'notes': Okänt tema 'tidig'. Menade du tidiga_ar?"),
    ("notes:\n  tidiga_ar: [a, b]\n", "ska vara en text"),
    ("year: 20025\n", "inte ett rimligt redovisningsår"),
    ("kommun: Narnia\n", "parametern 'kommun': Okänd kommun 'Narnia'"),
    ("namnder:\n  socialnamnd: Socialnämnden\n", "parametern 'namnder': 'socialnamnd' finns inte bland katalogens "
                                                 "ansvariga. Menade du socialnämnden"),
    ("namnder:\n  socialnämnden: ''\n", "'socialnämnden' ska ha kommunens eget namn som text"),
    ("namnder:\n  socialnämnden: [a]\n", "'socialnämnden' ska ha kommunens eget namn som text"),
])
def test_values_are_checked_against_registers(declared, tmp_path, content, message):
    with pytest.raises(ParamsError, match=re.escape(message)):
        _validate_file(tmp_path / "1883.yaml", content, declared)


def _validate_file(path, content: str, declared) -> dict:
    path.write_text(content, encoding="utf-8")
    return params.validate(params.load_yaml(path), declared, str(path))


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "är en mapp, inte en parameterfil"),
    (lambda p: p.write_bytes("peers: [Örebro]\n".encode("latin-1")), "inte sparad som UTF-8"),
])
def test_a_kommun_file_that_cannot_be_read_is_named_never_skipped(tmp_path, monkeypatch, make, message):
    root = tmp_path / "proj"
    (root / "params" / "kommuner").mkdir(parents=True)
    (root / "notebooks").symlink_to(paths.notebooks_dir())
    (root / "params" / "defaults.yaml").write_text("year: 2020\n", encoding="utf-8")
    make(root / "params" / "kommuner" / "1883.yaml")
    monkeypatch.chdir(root)
    with pytest.raises(ParamsError, match=f"1883.yaml.*{message}"):
        params.merged(NOTEBOOK, "1883")


def test_own_committees_are_a_parameter_every_theme_accepts(tmp_path):
    """``namnder`` maps the catalog's generic owners to the kommun's own committees, and is checked
    against the catalog in every theme's notebook, so one kommun file serves all of them."""
    path = tmp_path / "1883.yaml"
    path.write_text("namnder:\n  socialnämnden: Social- och arbetsmarknadsnämnden\n"
                    "  Barn- och utbildningsnämnden: Utbildningsnämnden\n", encoding="utf-8")
    for theme in run.themes_with_notebooks():
        values = params.validate(params.load_yaml(path), params.declared(run.notebook_path(theme)), str(path))
        assert values["namnder"]["socialnämnden"] == "Social- och arbetsmarknadsnämnden"
