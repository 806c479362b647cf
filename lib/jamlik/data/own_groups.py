"""The analyst's own survey by social group (a region's Hälsa på lika villkor or Liv & hälsa),
imported with ``jamlik data import-grupper FIL``.

The file has the columns ``kommun, indelning, grupp, kon, matt, ar, varde, ki_lag, ki_hog, n, kalla``,
read as ``import_csv`` reads a file Excel saved. ``kommun`` is a kommun, a län or Riket (code or
name), so a kommun's groups can be set beside its region's and the country's. ``indelning`` is one of
``total, utbildning, fodelseland, alder``; for education and birth region the group is one of the
source's groups (``health_groups.BREAKDOWNS``). ``kon`` is T, K or M (totalt, kvinnor, män).
``varde`` is a percentage; ``ki_lag``/``ki_hog`` its 95 % interval, both or neither.

Every row is checked before anything is written: one Swedish line names the row and the column of
the first problem (``GroupImportError``), and the store is left as it was. Accepted rows are kept in
the store folder's ``grupper.csv``, replacing earlier rows with the same key.
"""

from pathlib import Path

import pandas as pd

from jamlik.base.errors import JamlikError
from jamlik.base.names import normalize
from jamlik.data import import_csv
from jamlik.data.health_groups import BREAKDOWNS, COLUMNS, KEY

FILE_COLUMNS = ["kommun", "indelning", "grupp", "kon", "matt", "ar", "varde", "ki_lag", "ki_hog", "n", "kalla"]
REQUIRED = ["kommun", "indelning", "grupp", "matt", "ar", "varde"]
FILE = "grupper.csv"
SEXES = {"t": "T", "totalt": "T", "alla": "T", "k": "K", "kvinnor": "K", "kvinna": "K", "m": "M", "man": "M"}
BREAKDOWN_NAMES = {"total": "total", "totalt": "total", "utbildning": "utbildning", "fodelseland": "fodelseland",
                   "fodelseregion": "fodelseland", "alder": "alder", "aldersgrupp": "alder"}


class GroupImportError(JamlikError):
    """A group file that cannot be imported; the message names the row and the column."""


def read(path: Path) -> pd.DataFrame:
    """The file's rows in ``health_groups.COLUMNS``, checked; raises ``GroupImportError``."""
    return import_csv.read(path, FILE_COLUMNS, REQUIRED, GroupImportError, _row, COLUMNS)


def _row(cells: dict, where: str, seen: dict) -> dict:
    value = import_csv.Cells(cells, where, GroupImportError)
    at, number = value.at, value.number
    area = value.area("kommun")
    breakdown = BREAKDOWN_NAMES.get(normalize(value["indelning"]).replace(" ", ""))
    if breakdown is None:
        raise GroupImportError(f"{at('indelning')}: '{value['indelning']}' är ingen indelning. Använd total, "
                               "utbildning, fodelseland eller alder.")
    group = _group(breakdown, value["grupp"], at("grupp"))
    sex = SEXES.get(normalize(value["kon"] or "T"))
    if sex is None:
        raise GroupImportError(f"{at('kon')}: '{value['kon']}' är inget kön. Använd T, K eller M.")
    year = number("ar", whole=True)
    if not 1990 <= year <= 2100:
        raise GroupImportError(f"{at('ar')}: {value['ar']} är inget rimligt år.")
    share = number("varde")
    if not 0 <= share <= 100:
        raise GroupImportError(f"{at('varde')}: {value['varde']} är ingen andel i procent (0–100).")
    low, high = number("ki_lag"), number("ki_hog")
    if (low is None) != (high is None):
        column = "ki_hog" if high is None else "ki_lag"
        raise GroupImportError(f"{at(column)}: ange både ki_lag och ki_hog, eller ingen av dem.")
    if low is not None and not low <= share <= high:
        raise GroupImportError(f"{at('ki_lag')}: intervallet {value['ki_lag']}–{value['ki_hog']} omfattar inte "
                               f"värdet {value['varde']}.")
    n = number("n", whole=True)
    if n is not None and n < 0:
        raise GroupImportError(f"{at('n')}: ett antal kan inte vara negativt ({value['n']}).")
    key = (area.code, breakdown, group, sex, value["matt"], int(year))
    if key in seen:
        raise GroupImportError(f"{where}: samma kommun, indelning, grupp, kön, mått och år som {seen[key]}.")
    seen[key] = where.rsplit(", ", 1)[-1]
    return {"area": area.code, "breakdown": breakdown, "group": group, "sex": sex, "measure": value["matt"],
            "year": int(year), "value": share, "ci_low": low, "ci_high": high, "n": n,
            "source": value["kalla"] or "egna uppgifter"}


def _group(breakdown: str, text: str, where: str) -> str:
    """The group as the bundled source spells it, for breakdowns with fixed groups."""
    fixed = BREAKDOWNS[breakdown]
    if not fixed:
        return text
    for group in fixed:
        if normalize(group) == normalize(text):
            return group
    raise GroupImportError(f"{where}: '{text}' är ingen grupp i indelningen. Använd {', '.join(fixed)}.")


def stored(folder: Path) -> pd.DataFrame:
    """Every imported row in the store folder (none before the first import)."""
    path = Path(folder) / FILE
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path, dtype={"area": str, "breakdown": str, "group": str, "sex": str, "measure": str,
                                    "source": str})


def save(rows: pd.DataFrame, folder: Path) -> Path:
    """Add the rows to the store folder's ``grupper.csv``, replacing rows with the same key; atomically."""
    return import_csv.save_replacing(rows, stored(folder), KEY, Path(folder) / FILE)
