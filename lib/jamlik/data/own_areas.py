"""The analyst's own area data: a table of values per area inside a kommun (a region's survey per
district, Liv & hälsa), imported with ``jamlik data import-omraden FIL``.

The file has the columns ``kommun, omrade, namn, matt, ar, varde, taljare, namnare, kalla`` (spelled
with å, ä, ö too), comma- or semicolon-separated, decimal point or comma, with or without a byte-order
mark, UTF-8 or the Windows encoding Excel uses. Every row is checked before anything is written: one
Swedish line names the row and the column of the first problem (``ImportError``), and the store is
left as it was. Accepted rows are kept beside the store in ``omraden.csv``, replacing earlier rows
for the same kommun, area, measure and year.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from jamlik.base.errors import JamlikError, UnknownAreaError
from jamlik.base.files import write_atomic
from jamlik.base.names import normalize
from jamlik.base.text import format_value, parse_number
from jamlik.data import areas

COLUMNS = ["kommun", "omrade", "namn", "matt", "ar", "varde", "taljare", "namnare", "kalla"]
REQUIRED = ["kommun", "omrade", "matt", "ar", "varde"]
KEY = ["kommun", "omrade", "matt", "ar"]
FILE = "omraden.csv"
# a value given with its counts is their share in percent, give or take the rounding to whole percent
SHARE_TOLERANCE = 0.6


class AreaImportError(JamlikError):
    """An area file that cannot be imported; the message names the row and the column."""


def _text(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel saves "CSV UTF-8" with a BOM, plain CSV as Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AreaImportError(f"{name}: filen är varken UTF-8 eller Windows-text. Spara den som CSV igen.")


def _number(text: str, where: str, whole: bool = False) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = parse_number(text)
    except ValueError:
        raise AreaImportError(f"{where}: '{text}' är inget tal.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AreaImportError(f"{where}: '{text}' är inget tal.")
    if whole and not value.is_integer():
        raise AreaImportError(f"{where}: '{text}' är inget heltal.")
    return value


def read(path: Path) -> pd.DataFrame:
    """The file's rows, checked (see the module); raises ``AreaImportError`` with one Swedish line."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise AreaImportError(f"{path}: filen finns inte eller går inte att läsa.") from None
    text = _text(raw, name)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise AreaImportError(f"{name}: filen är tom. Den ska ha en rubrikrad med {', '.join(COLUMNS)}.")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [normalize(h).replace(" ", "_") for h in next(reader)]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise AreaImportError(f"{name}, rad 1: kolumnen '{missing[0]}' saknas. Rubrikraden ska ha "
                              f"{', '.join(COLUMNS)}.")
    rows, seen = [], {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append(_row(dict(zip(header, cells, strict=False)), f"{name}, rad {number}", seen, number))
    if not rows:
        raise AreaImportError(f"{name}: filen har en rubrikrad men inga rader med värden.")
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(cells: dict, where: str, seen: dict, number: int) -> dict:
    def at(column: str) -> str:
        return f"{where}, kolumnen '{column}'"

    value = {c: (cells.get(c) or "").strip() for c in COLUMNS}
    for column in REQUIRED:
        if not value[column]:
            raise AreaImportError(f"{at(column)}: värde saknas.")
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
        raise AreaImportError(f"{where}: samma kommun, område, mått och år som rad {seen[key]}.")
    seen[key] = number
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
    earlier = stored(folder)
    keys = set(map(tuple, rows[KEY].astype(str).to_numpy()))
    kept = earlier[[tuple(k) not in keys for k in earlier[KEY].astype(str).to_numpy()]]
    merged = pd.concat([kept, rows], ignore_index=True) if len(kept) else rows
    target = Path(folder) / FILE
    return write_atomic(target, lambda tmp: merged.to_csv(tmp, index=False))
