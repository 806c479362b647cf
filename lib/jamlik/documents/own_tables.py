"""The strategist's own tables: the store's values with Swedish column names (``values``, the
briefing's ``varden``), and any table set as the briefing's own tables are (``house_table``, its
``show_table``): decimal comma, a space between thousands, "–" for a missing value, years whole and
Swedish headers.

>>> t = pd.DataFrame({"år": [2021.0, 2022.0], "Karlskoga": [1234.5, None]})
>>> [[c[0] for c in row] for row in rows(t, decimals=1)]
[['2021', '1\\xa0234,5'], ['2022', '–']]
"""

import math
import numbers
import re

import pandas as pd

from jamlik.base.errors import BriefingError
from jamlik.base.text import (
    COLUMN_WORDS,
    OWN_TABLE_SOURCE,
    SEX_WORDS,
    TABLE_MISSING,
    UNITS,
    YES_NO,
    and_list,
    format_signed,
)
from jamlik.data import areas, catalog, provenance
from jamlik.writing.markup import cell_table, element
from jamlik.writing.narrative import MISSING_REASONS

SOURCE_ATTR = "källa"  # where ``values`` says its rows came from (pandas keeps it through filtering)
VALUE_COLUMNS = ["indikator", "titel", "område", "områdeskod", "år", "kön", "värde", "enhet", "ki_låg", "ki_hög",
                 "anmärkning", "källa"]
SEX_ORDER = {"T": 0, "K": 1, "M": 2}


def values(b, indikatorer=None, omraden=None, ar=None, kon=None) -> pd.DataFrame:
    """The store's values for the briefing's indicators (or ``indikatorer``), for the kommun, its län
    and Riket (or ``omraden``, codes or names), every year (or ``ar``: a year, a list, or a span
    ``(2015, 2022)``) and sex (or ``kon``: T/K/M or totalt/kvinnor/män)."""
    indicators = [catalog.indicator(i) for i in _listed(indikatorer)] or b.indicators
    places = [areas.find(a) for a in _listed(omraden)] or [b.kommun, b.lan, areas.find("0000")]
    data = b.data
    rows = data[data["indicator"].isin([i.id for i in indicators]) & data["area"].isin([a.code for a in places])]
    rows = rows[_years(rows["year"], ar) & rows["sex"].isin(_sexes(kon))]
    rows = rows.assign(_i=rows["indicator"].map({i.id: n for n, i in enumerate(indicators)}),
                       _a=rows["area"].map({a.code: n for n, a in enumerate(places)}),
                       _s=rows["sex"].map(SEX_ORDER)).sort_values(["_i", "_a", "year", "_s"])
    by_id = {i.id: i for i in indicators}
    sexes = pd.Series([_sex_word(by_id[i], s) for i, s in zip(rows["indicator"], rows["sex"], strict=True)],
                      index=rows.index, dtype=object)
    table = pd.DataFrame({
        "indikator": rows["indicator"], "titel": rows["indicator"].map(lambda i: by_id[i].title),
        "område": rows["area"].map(lambda a: areas.all_areas()[a].name), "områdeskod": rows["area"],
        "år": rows["year"].astype(int), "kön": sexes,
        "värde": rows["value"], "enhet": rows["indicator"].map(lambda i: UNITS[by_id[i].unit][1]),
        "ki_låg": rows["ci_low"], "ki_hög": rows["ci_high"],
        "anmärkning": rows["status"].map(lambda s: MISSING_REASONS.get(s, "") if s else ""),
        "källa": rows["source"].map(lambda s: provenance.SOURCE_NAMES.get(s, s)),
    }, columns=VALUE_COLUMNS).reset_index(drop=True)
    table.attrs[SOURCE_ATTR] = and_list(provenance.source_phrases(rows)) if len(rows) else ""
    return table


def _listed(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, (str, int)) else list(value)


def _years(years: pd.Series, ar) -> pd.Series:
    """``ar``: None (every year), a year, a list, a span ``(2015, 2022)`` or the text ``"2015–2022"``."""
    if ar is None:
        return years.notna()
    if isinstance(ar, str) and re.fullmatch(r"\s*\d{4}\s*[-–]\s*\d{4}\s*", ar):
        ar = tuple(int(y) for y in re.split(r"[-–]", ar))
    try:
        if isinstance(ar, tuple) and len(ar) == 2:
            return years.between(int(ar[0]), int(ar[1]))
        return years.isin([int(y) for y in _listed(ar)])
    except (TypeError, ValueError):
        raise BriefingError(f"ar={ar!r} går inte att läsa som år. Skriv ett år (2022), en lista ([2018, 2022]) "
                            "eller ett spann ((2018, 2022)).") from None


SEXES = {**{w: c for c, w in SEX_WORDS.items()}, "t": "T", "k": "K", "m": "M", "flickor": "K", "pojkar": "M",
         "kvinna": "K", "man": "M", "flicka": "K", "pojke": "M"}


def _sexes(kon) -> list[str]:
    chosen = _listed(kon)
    unknown = [k for k in chosen if str(k).casefold() not in SEXES]
    if unknown:
        raise BriefingError(f"kon={unknown[0]!r} finns inte. Skriv totalt, kvinnor eller män (eller flickor och "
                            "pojkar).")
    return [SEXES[str(k).casefold()] for k in chosen] if chosen else list(SEX_WORDS)


def _sex_word(indicator, sex: str) -> str:
    if sex == "T":
        return SEX_WORDS["T"]
    women, men = indicator.sex_labels.split("/") if indicator.sex_labels else ("kvinnor", "män")
    return women if sex == "K" else men


# --- house style ---------------------------------------------------------------------------------

def house_table(frame, rubrik: str = "", decimaler=None, kalla: str = "") -> str:
    """Any table (a DataFrame or a Series) as the briefing's own tables are set; ``kalla`` (or what
    ``values`` recorded) is printed under it."""
    frame = _as_frame(frame)
    html = cell_table(_headers(frame), rows(frame, decimaler), "jamlik-table jamlik-own", caption=rubrik)
    source = kalla or frame.attrs.get(SOURCE_ATTR, "")
    return html + (element("p", OWN_TABLE_SOURCE.format(source), "jamlik-own-source") if source else "")


def _as_frame(frame) -> pd.DataFrame:
    """A DataFrame whose index, unless it is the plain row number, has become its first columns."""
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise BriefingError(f"show_table tar en tabell (en pandas DataFrame, till exempel från briefing.varden), "
                            f"inte {type(frame).__name__}.")
    plain_index = isinstance(frame.index, pd.RangeIndex) and frame.index.names == [None]
    shown = frame if plain_index else frame.reset_index()
    shown.attrs = dict(frame.attrs)
    return shown


def _headers(frame: pd.DataFrame) -> list[str]:
    return [_header(column) for column in frame.columns]


def _header(column) -> str:
    parts = column if isinstance(column, tuple) else (column,)
    words = [_year_text(p) if _is_year(p) else COLUMN_WORDS.get(str(p), str(p)) for p in parts if str(p) != ""]
    return " ".join(words)


def rows(frame: pd.DataFrame, decimals=None) -> list[list[tuple[str, str]]]:
    """Each row's cells as ``(text, class)``: ``num`` right-aligned, ``text`` left, ``missing``."""
    columns = [_cells(frame.iloc[:, n], _header(c), _decimals_for(decimals, c)) for n, c in enumerate(frame.columns)]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def _decimals_for(decimals, column):
    return decimals.get(column) if isinstance(decimals, dict) else decimals


def _cells(column: pd.Series, header: str, decimals) -> list[tuple[str, str]]:
    present = [v for v in column if not _missing(v)]
    numeric = bool(present) and all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in present)
    if numeric and _is_year_column(header, present):
        return [_cell(v, _year_text) for v in column]
    if numeric:
        places = decimals if decimals is not None else 0 if all(float(v).is_integer() for v in present) else 1
        return [_cell(v, lambda x, p=places: format_signed(x, p), "num") for v in column]
    if header.casefold() == "kön":
        return [_cell(v, lambda x: SEX_WORDS.get(x, str(x)), "text") for v in column]
    return [_cell(v, _text, "text") for v in column]


def _cell(value, show, cls: str = "num") -> tuple[str, str]:
    return (TABLE_MISSING, "missing") if _missing(value) else (show(value), cls)


def _text(value) -> str:
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _is_year(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool) and float(value).is_integer() \
        and 1900 <= float(value) <= 2100


def _is_year_column(header: str, present: list) -> bool:
    """Years are whole and have no space between thousands: a column headed as years, holding them."""
    named = header.casefold() in ("år", "ar", "year") or header.casefold().endswith(("år", "year"))
    return named and all(_is_year(v) for v in present)


def _year_text(value) -> str:
    return str(int(value))
