"""The workspace's own indicators: ``params/indikatorer.csv``, added to the catalog for that workspace
only, so an update of jamlik never touches them and nobody edits the installed package.

The file has the columns ``id, tema, titel, enhet, riktning, definition, kolada_id, kalla,
kan_paverkas_av`` and is read as ``import_csv`` reads a file Excel saved (comma or semicolon, UTF-8 or
Windows-1252, headers with or without å, ä, ö). ``enhet`` is one of procent, per 1 000, per 100 000,
dagar, år, poäng or kr; ``riktning`` is ``hogre_battre``, ``lagre_battre`` or ``neutral``. With a
``kolada_id`` the indicator is a Kolada KPI that ``jamlik data fetch`` fetches; without one its values
come from ``jamlik data import-varden`` (``own_values``).

Every row is checked before any is used: an id the package already has (both are named), an unknown
theme, unit or direction, a repeated id or Kolada id is one Swedish line naming the row
(``OwnIndicatorError``). A header without rows, or no file at all, adds nothing.

The file is read again whenever it changes (its size and time), so a strategist who edits it in
JupyterLab sees the change on the next Run All.
"""

import csv
import os
import re
from functools import cache
from pathlib import Path

from jamlik.base import paths
from jamlik.base.errors import JamlikError, UnknownThemeError
from jamlik.base.names import normalize
from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import catalog, import_csv

FILE = "indikatorer.csv"
COLUMNS = ["id", "tema", "titel", "enhet", "riktning", "definition", "kolada_id", "kalla", "kan_paverkas_av"]
REQUIRED = ["id", "tema", "titel", "enhet", "riktning"]
# enhet as written (folded, without spaces) -> (unit key in text.UNITS, decimals shown)
UNITS = {"procent": ("procent", 1), "%": ("procent", 1), "per1000": ("per_1000", 1),
         "per1000invanare": ("per_1000", 1), "per100000": ("per_100000", 0), "per100000invanare": ("per_100000", 0),
         "dagar": ("dagar", 1), "ar": ("ar", 1), "poang": ("poang_skala", 1), "kr": ("kr", 0), "kronor": ("kr", 0)}
UNIT_NAMES = "procent, per 1 000, per 100 000, dagar, år, poäng eller kr"
DIRECTIONS = {"hogre_battre": "higher", "hogre_ar_battre": "higher", "lagre_battre": "lower",
              "lagre_ar_battre": "lower", "neutral": "neutral"}
# ids the package's own rows use beside the catalog's: social gradients, gaps between groups, SCB's
# population by age (befolkning_…) and health by group (enkat_…)
RESERVED_PREFIXES = ("befolkning_", "enkat_")
ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
KPI = re.compile(r"^[NU]\d{5}$")
# the themes about children and pupils name the sexes as the package's school indicators do
CHILD_THEMES = {"tidiga_ar", "skolaldern"}
OWN_SOURCE = "egna uppgifter"


class OwnIndicatorError(JamlikError):
    """A row of params/indikatorer.csv that cannot be used; the message names the row."""


_files: dict[tuple, str | None] = {}


def file_path() -> Path | None:
    """``params/indikatorer.csv`` of the current workspace (None outside a workspace)."""
    found = _file()
    return Path(found) if found else None


def _file() -> str | None:
    # looked up once per current folder and chosen workspace: the catalog is asked very often
    key = (os.getcwd(), paths.chosen_workspace(), os.environ.get("JAMLIK_HOME"))
    if key not in _files:
        root = paths.find_workspace()
        _files[key] = os.path.join(root, "params", FILE) if root is not None else None
    return _files[key]


_state: tuple = (None, {}, {})  # (the file's identity, its indicators, the whole catalog with them)


def current() -> tuple[dict[str, catalog.Indicator], dict[str, catalog.Indicator]]:
    """The workspace's own indicators and the whole catalog with them, read again when the file changes."""
    global _state
    path = _file()
    try:
        stat = os.stat(path) if path is not None else None
    except OSError:
        stat = None
    identity = (path, stat.st_mtime_ns, stat.st_size) if stat else None
    if identity != _state[0]:
        own = read(Path(path)) if identity else {}
        _state = (identity, own, {**catalog.package_indicators(), **own})
    return _state[1], _state[2]


def read(path: Path) -> dict[str, catalog.Indicator]:
    """The file's indicators by id, every row checked (see the module); raises ``OwnIndicatorError``."""
    found: dict[str, catalog.Indicator] = {}
    seen: dict = {}
    try:
        for where, cells in import_csv.rows(path, COLUMNS, REQUIRED, OwnIndicatorError, allow_empty=True):
            ind = _indicator(cells, where, seen)
            found[ind.id] = ind
    except OwnIndicatorError as exc:  # say where the file is: the strategist edits it in params/
        raise OwnIndicatorError(f"params/{exc}" if str(exc).startswith(FILE) else str(exc)) from None
    return found


def _indicator(value: dict, where: str, seen: dict) -> catalog.Indicator:
    def at(column: str) -> str:
        return f"{where}, kolumnen '{column}'"

    row = where.rsplit(", ", 1)[-1]
    ident = _id(value["id"], at("id"))
    package = catalog.package_indicators()
    if ident in package:
        raise OwnIndicatorError(
            f"{where}: id:t '{ident}' (”{value['titel']}”) finns redan i jamliks katalog för ”{package[ident].title}”. "
            "Ge din indikator ett eget id.")
    if ("id", ident) in seen:
        raise OwnIndicatorError(f"{where}: id:t '{ident}' finns redan på {seen['id', ident]}. Varje indikator "
                                "behöver ett eget id.")
    seen["id", ident] = row
    if ident in _reserved() or ident.startswith(RESERVED_PREFIXES):
        raise OwnIndicatorError(f"{at('id')}: '{ident}' används redan av jamlik (för en jämförelse mellan grupper, "
                                "befolkningen eller enkäten efter grupp). Välj ett annat id.")
    try:
        theme = catalog.theme(value["tema"])
    except UnknownThemeError as exc:
        raise OwnIndicatorError(f"{at('tema')}: {exc}") from None
    unit = UNITS.get(normalize(value["enhet"]).replace(" ", ""))
    if unit is None:
        raise OwnIndicatorError(f"{at('enhet')}: '{value['enhet']}' är ingen enhet som jamlik känner till. "
                                f"Använd {UNIT_NAMES}.")
    polarity = DIRECTIONS.get(normalize(value["riktning"]).replace(" ", "_").replace("-", "_"))
    if polarity is None:
        raise OwnIndicatorError(f"{at('riktning')}: '{value['riktning']}' är ingen riktning. Använd hogre_battre, "
                                "lagre_battre eller neutral.")
    kpi = _kolada_id(value["kolada_id"], at("kolada_id"), seen, row)
    return catalog.Indicator(
        id=ident, theme=theme.id, title=value["titel"], source="kolada" if kpi else "egen", source_id=kpi,
        formula="", unit=unit[0], decimals=unit[1], polarity=polarity, sex_split=True,
        sex_labels="flickor/pojkar" if theme.id in CHILD_THEMES else "kvinnor/män", sex_gap=True,
        crc_articles="", target_areas="", uncertainty_kpi="", lens="", definition=value["definition"],
        actors=value["kan_paverkas_av"], publication="yearly", denominator="", denominator_note="",
        snapshot_source="", snapshot_note="", demo_riket_level=None, demo_kommun_low=None, demo_kommun_high=None,
        demo_sex_gap=0.0, demo_last_year=0, own=True,
        credit=value["kalla"] or ("Kolada (RKA)" if kpi else OWN_SOURCE))


@cache
def _reserved() -> frozenset[str]:
    with open(PACKAGE_DATA / "gradients.csv", encoding="utf-8") as f:
        gradients = {row["id"] for row in csv.DictReader(f)}
    return frozenset(gradients | set(catalog.group_gaps()))


def _id(text: str, where: str) -> str:
    if ID.match(text):
        return text
    suggestion = re.sub(r"[^a-z0-9]+", "_", normalize(text)).strip("_") or "min_indikator"
    suggestion = suggestion if suggestion[0].isalpha() else f"i_{suggestion}"
    raise OwnIndicatorError(f"{where}: '{text}' går inte som id. Använd små bokstäver a–z, siffror och "
                            f"understreck, till exempel {suggestion}.")


def _kolada_id(text: str, where: str, seen: dict, row: str) -> str:
    """The KPI id, checked: Kolada's form, and not one the package or another row already fetches."""
    if not text:
        return ""
    kpi = text.strip().upper()
    if not KPI.match(kpi):
        raise OwnIndicatorError(f"{where}: '{text}' är inget Kolada-id. Ett id är N eller U och fem siffror, "
                                "till exempel N15419.")
    taken = next((i for i in catalog.package_indicators().values() if kpi in (i.source_id, i.uncertainty_kpi)), None)
    if taken is not None:
        raise OwnIndicatorError(f"{where}: {kpi} hämtas redan av jamliks indikator '{taken.id}' (”{taken.title}”). "
                                "Använd den i stället, eller välj ett annat nyckeltal.")
    if ("kpi", kpi) in seen:
        raise OwnIndicatorError(f"{where}: {kpi} finns redan på {seen['kpi', kpi]}. Varje nyckeltal kan bara "
                                "vara en indikator.")
    seen["kpi", kpi] = row
    return kpi
