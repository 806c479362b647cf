"""The analyst's own area data: a table of values per area inside a kommun (a region's survey per
district, Liv & hälsa), imported with ``jamlik data import-omraden FIL``.

The file has the columns ``kommun, omrade, namn, matt, ar, varde, taljare, namnare, kalla`` (spelled
with å, ä, ö too), comma- or semicolon-separated, decimal point or comma, with or without a byte-order
mark, UTF-8 or the Windows encoding Excel uses. Every row is checked before anything is written: one
Swedish line names the row and the column of the first problem (``ImportError``), and the store is
left as it was. Accepted rows are kept beside the store in ``omraden.csv``, replacing earlier rows
for the same kommun, area, measure and year.
"""

from pathlib import Path

import pandas as pd

from jamlik.base.errors import JamlikError, UnknownAreaError
from jamlik.base.text import format_value
from jamlik.data import areas, import_csv

COLUMNS = ["kommun", "omrade", "namn", "matt", "ar", "varde", "taljare", "namnare", "kalla"]
REQUIRED = ["kommun", "omrade", "matt", "ar", "varde"]
KEY = ["kommun", "omrade", "matt", "ar"]
FILE = "omraden.csv"
# a value given with its counts is their share in percent, give or take the rounding to whole percent
SHARE_TOLERANCE = 0.6


class AreaImportError(JamlikError):
    """An area file that cannot be imported; the message names the row and the column."""


def read(path: Path) -> pd.DataFrame:
    """The file's rows, checked (see the module); raises ``AreaImportError`` with one Swedish line."""
    return import_csv.read(path, COLUMNS, REQUIRED, AreaImportError, _row, COLUMNS)


def _number(text: str, where: str, whole: bool = False) -> float | None:
    return import_csv.number(text, where, AreaImportError, whole)


def _row(value: dict, where: str, seen: dict) -> dict:
    def at(column: str) -> str:
        return f"{where}, kolumnen '{column}'"

    try:
        kommun = areas.kommun(value["kommun"])
    except UnknownAreaError as exc:
        raise AreaImportError(f"{at('kommun')}: {exc}") from None
    year = _number(value["ar"], at("ar"), whole=True)
    if not 1990 <= year <= 2100:
        raise AreaImportError(f"{at('ar')}: {value['ar']} är inget rimligt år.")
    numerator = _number(value["taljare"], at("taljare"), whole=True)
    denominator = _number(value["namnare"], at("namnare"), whole=True)
    for column, count in (("taljare", numerator), ("namnare", denominator)):
        if count is not None and count < 0:
            raise AreaImportError(f"{at(column)}: ett antal kan inte vara negativt ({value[column]}).")
    if numerator is not None and denominator is not None and numerator > denominator:
        raise AreaImportError(f"{at('taljare')}: täljaren ({value['taljare']}) är större än nämnaren "
                              f"({value['namnare']}).")
    share = _number(value["varde"], at("varde"))
    if numerator is not None and denominator and abs(share - 100 * numerator / denominator) > SHARE_TOLERANCE:
        raise AreaImportError(f"{at('varde')}: värdet {value['varde']} stämmer inte med täljaren delad med "
                              f"nämnaren ({format_value(100 * numerator / denominator, 'procent', 1)}).")
    if (numerator is None) != (denominator is None):
        column = "namnare" if denominator is None else "taljare"
        raise AreaImportError(f"{at(column)}: ange både täljare och nämnare, eller ingen av dem.")
    key = (kommun.code, value["omrade"], value["matt"], int(year))
    if key in seen:
        raise AreaImportError(f"{where}: samma kommun, område, mått och år som {seen[key]}.")
    seen[key] = where.rsplit(", ", 1)[-1]
    return {"kommun": kommun.code, "omrade": value["omrade"], "namn": value["namn"] or value["omrade"],
            "matt": value["matt"], "ar": int(year), "varde": share,
            "taljare": numerator, "namnare": denominator, "kalla": value["kalla"] or "egna uppgifter"}


def stored(folder: Path) -> pd.DataFrame:
    """Every imported row in the store folder (none before the first import)."""
    path = Path(folder) / FILE
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path, dtype={"kommun": str, "omrade": str, "namn": str, "matt": str, "kalla": str})


def save(rows: pd.DataFrame, folder: Path) -> Path:
    """Add the rows to the store folder's ``omraden.csv``, replacing rows with the same key; atomically."""
    return import_csv.save_replacing(rows, stored(folder), KEY, Path(folder) / FILE)
