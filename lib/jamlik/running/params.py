"""Notebook parameters: what a notebook declares, and the YAML files that set them.

Values are merged in this order, later ones winning: the notebook's own defaults,
``params/defaults.yaml``, ``params/kommuner/<kod>.yaml``, a ``--params`` file, the command line.
Every key must be a parameter the notebook declares, with a value of the declared type.
"""

import ast
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import papermill
import yaml

from jamlik import __version__
from jamlik.base import paths
from jamlik.base.errors import JamlikError, ParamsError
from jamlik.base.names import closest, normalize, or_list
from jamlik.data import areas, catalog
from jamlik.statistics import goals
from jamlik.writing import owners

PARAMETERS_TAG = "parameters"
REQUIRED = ("kommun", "year")  # what `jamlik run` sets in every theme notebook
EXAMPLES = {"kommun": 'kommun: str = "1883"', "year": "year: int = 0", "lan": 'lan: str = "18"'}
# papermill's inferred type names -> Python types a YAML value may have
TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "list": (list,),
         "dict": (dict,)}
TYPE_WORDS = {"str": "text", "int": "ett heltal", "float": "ett tal", "bool": "true eller false",
              "list": "en lista", "dict": "en tabell (nyckel: värde)"}


def declared(notebook: Path) -> dict[str, dict]:
    """The notebook's parameters: name -> {inferred_type_name, default, help}. A notebook without a
    cell tagged ``parameters`` is an error that names it: Papermill would put the run's values above
    the notebook's own, which then set them back, and every kommun would get the default's briefing."""
    path = Path(notebook).resolve()
    return _inspect(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _inspect(path: str, mtime_ns: int) -> dict[str, dict]:
    nb = nbformat.read(path, as_version=4)
    if not any(PARAMETERS_TAG in c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"):
        raise ParamsError(_no_parameters_cell(nb, _show(Path(path))))
    return papermill.inspect_notebook(path)


def _no_parameters_cell(nb, shown: str) -> str:
    """Say what became of the parameters cell: its tag renamed, its tag removed, or the cell gone."""
    tags = {tag for c in nb.cells for tag in c.metadata.get("tags", [])}
    renamed = closest(PARAMETERS_TAG, {normalize(t): t for t in tags}, n=1) or [
        t for t in sorted(tags) if normalize(t).startswith(("param", "parameter"))][:1]
    if renamed:
        return (f"{shown}: cellen med parametrarna har taggen '{renamed[0]}', men den ska heta '{PARAMETERS_TAG}' "
                f"för att jamlik ska kunna sätta kommun och år. Byt tillbaka taggen (i JupyterLab: kugghjulet till "
                "höger, Cell Tags).")
    untagged = next((n for n, c in enumerate(nb.cells, start=1)
                     if c.cell_type == "code" and re.search(r"^kommun\b", c.source, re.M)), None)
    where = (f" Cell {untagged} ser ut att vara den: ge den taggen '{PARAMETERS_TAG}' igen (i JupyterLab: "
             "kugghjulet till höger, Cell Tags)." if untagged else
             " Lägg tillbaka den som första kodcell (kopiera den från en ny arbetsyta, 'jamlik init <mapp>').")
    return f"{shown}: parametercellen saknas (ingen kodcell har taggen '{PARAMETERS_TAG}'), så jamlik kan inte sätta " \
           f"kommun och år.{where}"


def run_parameters(notebook: Path, names=REQUIRED) -> dict[str, dict]:
    """The declared parameters, with those that ``jamlik run`` sets (``kommun``, ``year``) present."""
    parameters = declared(notebook)
    for name in names:
        if name not in parameters:
            hint = closest(name, {normalize(p): p for p in parameters})
            meant = f" (heter den nu {or_list([repr(h) for h in hint])}?)" if hint else ""
            raise ParamsError(f"{_show(notebook)}: parametercellen saknar '{name}'{meant}, som jamlik sätter för "
                              f"varje körning. Lägg tillbaka raden, till exempel {EXAMPLES[name]}.")
    return parameters


def default(notebook: Path, name: str):
    """A parameter's default value from the notebook (papermill reports it as source text)."""
    return ast.literal_eval(run_parameters(notebook, (name,))[name]["default"])


def load_yaml(path: Path, required: bool = False) -> dict:
    """A params file as a dict; an empty file is an empty dict, or an error when the user named
    the file (``required``) and so expects it to set something."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParamsError(f"Parameterfilen {path} finns inte.") from None
    except IsADirectoryError:
        raise ParamsError(f"{path} är en mapp, inte en parameterfil. Ange en YAML-fil, "
                          "till exempel params/kommuner/1883.yaml.") from None
    except PermissionError:
        raise ParamsError(f"Parameterfilen {path} går inte att läsa (behörighet saknas).") from None
    except UnicodeDecodeError:
        raise ParamsError(f"Parameterfilen {path} är inte sparad som UTF-8. Spara om den som UTF-8.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" på rad {mark.line + 1}, kolumn {mark.column + 1}" if mark else ""
        raise ParamsError(f"Parameterfilen {path} är inte giltig YAML{where}: "
                          f"{getattr(exc, 'problem', None) or exc}.") from None
    if data is None:
        if required:
            raise ParamsError(f"Parameterfilen {path} är tom. Skriv rader 'namn: värde' i den, "
                              "eller ange den inte.")
        return {}
    if not isinstance(data, dict):
        raise ParamsError(f"Parameterfilen {path} ska bestå av rader 'namn: värde', inte en lista eller en text.")
    return data


def validate(values: dict, parameters: dict[str, dict], source: str, newer: set[str] = frozenset()) -> dict:
    """Check keys and value types against the declared parameters; return the values. ``newer``
    are parameters that this version's notebooks declare and the workspace's copy lacks."""
    for key, value in values.items():
        if key in newer:
            raise ParamsError(f"{source}: parametern '{key}' finns inte i arbetsytans notebookar, som är äldre än "
                              f"jamlik {__version__}. Gör en ny arbetsyta med 'jamlik init <mapp>' och flytta över "
                              "dina ändringar, eller kopiera notebookarna därifrån.")
        if key not in parameters:
            hint = closest(str(key), {k: k for k in parameters})
            hint_text = f" Menade du {or_list(hint)}?" if hint else ""
            raise ParamsError(f"{source}: okänd parameter '{key}'.{hint_text} "
                              f"Tillåtna: {', '.join(parameters)}.")
        kind = parameters[key]["inferred_type_name"]
        allowed = TYPES.get(kind)
        if allowed and (not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed)):
            raise ParamsError(f"{source}: parametern '{key}' ska vara {TYPE_WORDS[kind]}, "
                              f"men är {value!r}.")
        if kind == "list" and not all(isinstance(v, (str, int)) for v in value):
            raise ParamsError(f"{source}: parametern '{key}' ska vara en lista med koder eller namn.")
        if key in VALUE_CHECKS:
            try:
                VALUE_CHECKS[key](value)
            except JamlikError as exc:
                raise ParamsError(f"{source}: parametern '{key}': {exc}") from None
    return values


def _check_notes(notes: dict) -> None:
    for theme_id, text in notes.items():
        catalog.theme(str(theme_id))
        if not isinstance(text, str):
            raise ParamsError(f"kommentaren för {theme_id} ska vara en text inom citattecken.")


def _check_year(year: int) -> None:
    if year != 0 and not 1990 <= year <= 2100:  # 0: the latest year with data
        raise ParamsError(f"{year} är inte ett rimligt redovisningsår.")


# Values are checked too, not just types: a misspelt kommun or indicator id fails here, naming the file.
VALUE_CHECKS = {
    "kommun": areas.kommun,
    "year": _check_year,
    "peers": lambda peers: [areas.kommun(p) for p in peers],
    "exclude": lambda ids: [catalog.indicator(str(i)) for i in ids],
    "notes": _check_notes,
    "mal": goals.parse,
    "namnder": owners.check,
}


def merged(notebook: Path, kommun_code: str, params_file: Path | None = None,
           overrides: dict | None = None) -> dict:
    """The parameters for one run, from every layer, validated against the notebook."""
    parameters = run_parameters(notebook)
    newer = _newer(notebook, parameters)
    layers = [(paths.params_dir() / "defaults.yaml", False),
              (paths.params_dir() / "kommuner" / f"{kommun_code}.yaml", False),
              (params_file, True)]
    values: dict = {}
    for path, required in layers:
        # a file that is there but cannot be read (a folder, another encoding) is an error, never skipped
        if path and (required or Path(path).exists()):
            layer = validate(load_yaml(path, required), parameters, _show(path), newer)
            if "mal" in layer and path == layers[0][0]:
                raise ParamsError(f"{_show(path)}: 'mal' hör hemma i params/kommuner/<kod>.yaml, där varje "
                                  "kommun har sina egna mål; defaults.yaml gäller alla kommuner.")
            values.update(layer)
    values.update(validate({k: v for k, v in (overrides or {}).items() if v is not None},
                           parameters, "kommandoraden", newer))
    excluded = {catalog.indicator(str(i)).id for i in values.get("exclude", [])}
    both = sorted(excluded & set(values.get("mal") or {}))
    if both:
        raise ParamsError(f"Kommun {kommun_code}: {', '.join(both)} har ett mål men utesluts med 'exclude'. "
                          "Ta bort målet eller indikatorn ur 'exclude'.")
    return values


def _newer(notebook: Path, parameters: dict[str, dict]) -> set[str]:
    """Parameters the package's own copy of the notebook declares and the workspace's does not
    (a workspace made by an older jamlik)."""
    own = paths.WORKSPACE_TEMPLATE / "notebooks" / Path(notebook).name
    if not own.is_file() or own.resolve() == Path(notebook).resolve():
        return set()
    return set(declared(own)) - set(parameters)


def _show(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(paths.project_root()))
    except ValueError:
        return str(path)
