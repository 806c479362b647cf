"""The strategist's own values for any indicator (the package's, the workspace's own, a Kolada KPI),
imported with ``jamlik data import-varden FIL``: a kommun's register, a region's survey, a newer
value than Kolada has.

The file has the columns ``kommun, indikator, ar, kon, varde, taljare, namnare, kalla`` (spelled with
å, ä, ö too) and is read as ``import_csv`` reads a file Excel saved. ``kommun`` is a kommun, a län or
Riket (code or name); ``kon`` is T, K or M (totalt, kvinnor, män; flickor and pojkar too), T when left
empty; ``taljare`` and ``namnare`` are the counts behind a share or a rate, both or neither, and with
them ``varde`` may be left empty.

Every row is checked before anything is written: one Swedish line names the row and the column of
the first problem (``ValueImportError``), and the store is left as it was. Accepted rows are kept in
the store folder's ``varden.csv`` with their source and the day they were read in, replacing earlier
rows with the same indicator, area, year and sex. Every reader of the store sees them laid over the
store's values (``lay_over``), the counts' denominator in the column ``denominator``: so they get a
Wilson interval and a trend test like any value with a known population.
"""

import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from jamlik.base.errors import JamlikError, UnknownIndicatorError
from jamlik.base.names import normalize
from jamlik.base.text import UNITS, format_value
from jamlik.data import catalog, import_csv, store
from jamlik.data.own_groups import SEXES as GROUP_SEXES

FILE_COLUMNS = ["kommun", "indikator", "ar", "kon", "varde", "taljare", "namnare", "kalla"]
REQUIRED = ["kommun", "indikator", "ar"]
COLUMNS = ["indicator", "area", "year", "sex", "value", "numerator", "denominator", "source", "imported", "file"]
KEY = ["indicator", "area", "year", "sex"]
FILE = "varden.csv"
API_VERSION = "import"  # marks the rows in the store's layout: read in by the strategist, not fetched
SEXES = {**GROUP_SEXES, "flickor": "K", "flicka": "K", "pojkar": "M", "pojke": "M"}
# units whose value is a count over a population, and what the count is multiplied by
COUNTED = {"procent": 100, "per_1000": 1_000, "per_100000": 100_000}
# a value given with its counts must be their quotient, give or take the rounding to a whole unit
TOLERANCE = 0.6
NOT_NEGATIVE = {"per_1000", "per_100000", "dagar", "ar", "antal"}


class ValueImportError(JamlikError):
    """A values file that cannot be imported; the message names the row and the column."""


def read(path: Path) -> pd.DataFrame:
    """The file's rows in ``COLUMNS``, checked (see the module); raises ``ValueImportError``."""
    today, name = datetime.date.today().isoformat(), Path(path).name

    def row(cells: dict, where: str, seen: dict) -> dict:
        return {**_row(cells, where, seen), "imported": today, "file": name}

    return import_csv.read(path, FILE_COLUMNS, REQUIRED, ValueImportError, row, COLUMNS)


def _row(cells: dict, where: str, seen: dict) -> dict:
    value = import_csv.Cells(cells, where, ValueImportError)
    area = value.area("kommun")
    ind = _indicator(value["indikator"], value.at("indikator"))
    year = value.number("ar", whole=True)
    if not 1990 <= year <= 2100:
        raise ValueImportError(f"{value.at('ar')}: {value['ar']} är inget rimligt år.")
    sex = _sex(value["kon"], ind, value.at("kon"))
    numerator, denominator = _counts(ind, value.number("taljare", whole=True), value.number("namnare", whole=True),
                                     value)
    share = _value(ind, value.number("varde"), numerator, denominator, value)
    key = (ind.id, area.code, int(year), sex)
    if key in seen:
        raise ValueImportError(f"{where}: samma kommun, indikator, år och kön som {seen[key]}.")
    seen[key] = where.rsplit(", ", 1)[-1]
    return {"indicator": ind.id, "area": area.code, "year": int(year), "sex": sex, "value": share,
            "numerator": numerator, "denominator": denominator,
            "source": value["kalla"] or (ind.credit if ind.own else "") or "egna uppgifter"}


def _indicator(text: str, where: str) -> catalog.Indicator:
    """An indicator by its id, or by the Kolada id it is fetched by."""
    by_kpi = {i.source_id: i for i in catalog.indicators().values() if i.source_id}
    try:
        ind = by_kpi.get(text.strip().upper()) or catalog.indicator(text.strip().lower())  # ids are lower case
    except UnknownIndicatorError as exc:
        raise ValueImportError(f"{where}: {exc}") from None
    if ind.formula:
        raise ValueImportError(f"{where}: '{ind.id}' räknas ut av jamlik ur {ind.kpis}; läs in värdena för "
                               "de delarna i stället.")
    return ind


def _sex(text: str, ind: catalog.Indicator, where: str) -> str:
    sex = SEXES.get(normalize(text or "T"))
    if sex is None:
        raise ValueImportError(f"{where}: '{text}' är inget kön. Använd T, K eller M (totalt, kvinnor, män).")
    if sex != "T" and not ind.sex_split:
        raise ValueImportError(f"{where}: '{ind.id}' redovisas inte för kvinnor och män var för sig. Ange T "
                               "(totalt).")
    return sex


def _counts(ind: catalog.Indicator, numerator: float | None, denominator: float | None,
            value: import_csv.Cells) -> tuple[float | None, float | None]:
    """The numerator and denominator, checked: both or neither, whole, not negative, for a share or a
    rate only, and a share's numerator no larger than its denominator."""
    if numerator is None and denominator is None:
        return None, None
    if numerator is None or denominator is None:
        column = "namnare" if denominator is None else "taljare"
        raise ValueImportError(f"{value.at(column)}: ange både täljare och nämnare, eller ingen av dem.")
    if ind.unit not in COUNTED:
        raise ValueImportError(f"{value.at('taljare')}: täljare och nämnare går bara att ange för andelar (procent) "
                               f"och antal per 1 000 eller 100 000; '{ind.id}' anges i {UNITS[ind.unit][1]}.")
    for column, count in (("taljare", numerator), ("namnare", denominator)):
        if count < 0:
            raise ValueImportError(f"{value.at(column)}: ett antal kan inte vara negativt ({value[column]}).")
    if denominator == 0:
        raise ValueImportError(f"{value.at('namnare')}: nämnaren kan inte vara 0.")
    if ind.unit == "procent" and numerator > denominator:
        raise ValueImportError(f"{value.at('taljare')}: täljaren ({value['taljare']}) är större än nämnaren "
                               f"({value['namnare']}).")
    return numerator, denominator


def _value(ind: catalog.Indicator, share: float | None, numerator: float | None, denominator: float | None,
           value: import_csv.Cells) -> float:
    """The value, or the counts' quotient where it is left empty; checked against the unit and the counts."""
    quotient = numerator / denominator * COUNTED[ind.unit] if numerator is not None else None
    if share is None and quotient is None:
        raise ValueImportError(f"{value.at('varde')}: värde saknas (ange värdet, eller täljare och nämnare).")
    if share is None:
        return round(quotient, 6)
    if ind.unit == "procent" and not 0 <= share <= 100:
        raise ValueImportError(f"{value.at('varde')}: {value['varde']} är ingen andel i procent (0–100).")
    if ind.unit in NOT_NEGATIVE and share < 0:
        raise ValueImportError(f"{value.at('varde')}: {value['varde']} kan inte vara negativt.")
    if quotient is not None and abs(share - quotient) > TOLERANCE:
        raise ValueImportError(f"{value.at('varde')}: värdet {value['varde']} stämmer inte med täljaren delad med "
                               f"nämnaren ({format_value(quotient, ind.unit, ind.decimals)}).")
    return share


def path(folder: Path) -> Path:
    return Path(folder) / FILE


def stored(folder: Path) -> pd.DataFrame:
    """Every imported row in the store folder (none before the first import)."""
    if not path(folder).is_file():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path(folder), dtype={"indicator": str, "area": str, "sex": str, "source": str,
                                             "imported": str, "file": str}, keep_default_na=False,
                       na_values={c: [""] for c in ("value", "numerator", "denominator")})


def save(rows: pd.DataFrame, folder: Path) -> Path:
    """Add the rows to the store folder's ``varden.csv``, replacing rows with the same key; atomically."""
    return import_csv.save_replacing(rows, stored(folder), KEY, path(folder))


def store_rows(own: pd.DataFrame) -> pd.DataFrame:
    """The imported rows in the store's layout, with their denominator beside."""
    frame = pd.DataFrame({
        "indicator": own["indicator"].astype(str), "area": own["area"].astype(str),
        "year": own["year"].astype(int), "sex": own["sex"].astype(str),
        "value": own["value"].astype(float), "ci_low": np.nan, "ci_high": np.nan,
        "count": own["numerator"].astype(float), "status": "", "source": own["source"].astype(str),
        "retrieved": own["imported"].astype(str), "source_url": own["file"].astype(str),
        "api_version": API_VERSION, "denominator": own["denominator"].astype(float)})
    return frame.reset_index(drop=True)


def lay_over(data: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The store's values with the imported ones in place of those with the same key; ``data`` itself
    when nothing was imported."""
    own = stored(folder)
    if own.empty:
        return data
    return store.overlay(data, store_rows(own))  # the store's own rows get no denominator (NaN)


def is_imported(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a store table the strategist read in."""
    return frame["api_version"] == API_VERSION
