"""Reading an analyst's CSV file the way Excel saves it: comma- or semicolon-separated, decimal point
or comma, with or without a byte-order mark, UTF-8 or Windows-1252, headers spelled with or without
å, ä, ö. Every problem is one Swedish line naming the file, the row and the column, raised as the
caller's error class; nothing is read half.
"""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from jamlik.base.errors import UnknownAreaError
from jamlik.base.files import write_atomic
from jamlik.base.names import normalize
from jamlik.base.text import parse_number
from jamlik.data import areas


def _text(raw: bytes, name: str, error: type[Exception]) -> str:
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a workbook (.xlsx, or .xls), not its CSV export
        raise error(f"{name}: filen är en Excel-arbetsbok. Spara den som CSV (Arkiv → Spara som → CSV) och läs in "
                    "den filen.")
    for encoding in ("utf-8-sig", "cp1252"):  # Excel saves "CSV UTF-8" with a BOM, plain CSV as Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise error(f"{name}: filen är varken UTF-8 eller Windows-text. Spara den som CSV igen.")


def rows(path: Path, columns: list[str], required: list[str], error: type[Exception],
         allow_empty: bool = False) -> Iterator[tuple[str, dict]]:
    """``(where, cells)`` for each non-empty row after the header: ``where`` names the file and row,
    ``cells`` maps each of ``columns`` to its stripped text ("" when absent); a ``required`` cell
    left empty raises ``error``. An empty file, or a header without rows, is an error unless
    ``allow_empty`` (a list the user may leave empty, such as params/indikatorer.csv)."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise error(f"{path}: filen finns inte eller går inte att läsa.") from None
    text = _text(raw, name, error)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines and allow_empty:
        return
    if not lines:
        raise error(f"{name}: filen är tom. Den ska ha en rubrikrad med {', '.join(columns)}.")
    delimiter = max([",", ";", "\t"], key=lines[0].count)  # Excel's CSV, its Swedish CSV, or text with tabs
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [normalize(h).replace(" ", "_") for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise error(f"{name}, rad 1: kolumnen '{missing[0]}' saknas. Rubrikraden ska ha {', '.join(columns)}.")
    found = False
    for number, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            found = True
            by_name = dict(zip(header, cells, strict=False))
            where, values = f"{name}, rad {number}", {c: (by_name.get(c) or "").strip() for c in columns}
            for column in required:
                if not values[column]:
                    raise error(f"{where}, kolumnen '{column}': värde saknas.")
            yield where, values
    if not found and not allow_empty:
        raise error(f"{name}: filen har en rubrikrad men inga rader med värden.")


def read(path: Path, columns: list[str], required: list[str], error: type[Exception], row,
         out_columns: list[str]) -> pd.DataFrame:
    """Every row checked by ``row(cells, where, seen)`` (``seen`` lets it find repeated keys) before
    anything is returned; the first problem raises ``error``."""
    seen: dict = {}
    return pd.DataFrame([row(cells, where, seen) for where, cells in rows(path, columns, required, error)],
                        columns=out_columns)


def number(text: str, where: str, error: type[Exception], whole: bool = False) -> float | None:
    """The cell as a number (None when empty); decimal comma or point."""
    text = text.strip()
    if not text:
        return None
    try:
        value = parse_number(text)
    except ValueError:
        raise error(f"{where}: '{text}' är inget tal.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise error(f"{where}: '{text}' är inget tal.")
    if whole and not value.is_integer():
        raise error(f"{where}: '{text}' är inget heltal.")
    return value


class Cells:
    """One row's cells, with its messages: ``at("ar")`` names the file, row and column; ``number`` and
    ``area`` read a cell or raise ``error`` with that name."""

    def __init__(self, cells: dict, where: str, error: type[Exception]):
        self.cells, self.where, self.error = cells, where, error

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def at(self, column: str) -> str:
        return f"{self.where}, kolumnen '{column}'"

    def number(self, column: str, whole: bool = False) -> float | None:
        return number(self.cells[column], self.at(column), self.error, whole)

    def area(self, column: str = "kommun") -> areas.Area:
        """A kommun, a län or Riket, by code or name."""
        try:
            return areas.find(self.cells[column])
        except UnknownAreaError as exc:
            raise self.error(f"{self.at(column)}: {exc}") from None


def save_replacing(rows: pd.DataFrame, earlier: pd.DataFrame, key: list[str], target: Path) -> Path:
    """Write ``earlier`` with ``rows`` in place of its rows with the same ``key``, atomically."""
    keys = set(map(tuple, rows[key].astype(str).to_numpy()))
    kept = earlier[[tuple(k) not in keys for k in earlier[key].astype(str).to_numpy()]]
    merged = pd.concat([kept, rows], ignore_index=True) if len(kept) else rows
    return write_atomic(Path(target), lambda tmp: merged.to_csv(tmp, index=False))
