"""What every kommun's findings share, computed once per store in a process: the store's rows by
indicator, and for each indicator and year the national picture (every published value, every
kommun's value, their ranks, spread and median, and where each stored value came from).

A batch runs each theme for many kommuner in one warm kernel: the first kommun makes an indicator's
year, the others look up their own place in it. The store's frame is shared and read-only
(``datastore.open_store``), so it is the key; an entry holds the frame, so its id cannot be reused.
"""

from dataclasses import dataclass

import pandas as pd

from jamlik.data import areas, own_values
from jamlik.data.catalog import Indicator

STORES = 4  # stores remembered; a process reads one or two
YEARS = 512  # indicator-years remembered: every indicator of the catalog over a few report years


@dataclass(frozen=True)
class Year:
    """One indicator in one year, for all areas."""

    frame: pd.DataFrame  # the year's rows
    published: dict  # (area, sex) -> value, every published value
    kommun_values: pd.Series  # every kommun's total, by code
    spread: float  # standard deviation between kommuner
    median: float | None
    ranks: pd.Series  # rank 1 = best, ties share the better rank
    last_ranks: pd.Series  # ties share the worse rank: the end of a shared place
    stored: dict  # (area, sex) -> (source, retrieved, api_version) of the stored row


_by_store: dict[int, tuple[pd.DataFrame, dict]] = {}
_years: dict[tuple, tuple[pd.DataFrame, Year]] = {}


def _remember(cache: dict, key, value, limit: int) -> None:
    if len(cache) >= limit:
        cache.pop(next(iter(cache)))  # the oldest
    cache[key] = value


def by_indicator(data: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The store's rows split by indicator, once per store."""
    entry = _by_store.get(id(data))
    if entry is None or entry[0] is not data:
        entry = (data, dict(tuple(data.groupby("indicator"))))
        _remember(_by_store, id(data), entry, STORES)
    return entry[1]


def rank_among_kommuner(values: pd.Series, polarity: str, ties: str = "min") -> pd.Series:
    """Rank 1 = best (highest for neutral); ties share the better rank (``max``: the worse one)."""
    return values.rank(ascending=polarity == "lower", method=ties)


def kommun_codes() -> frozenset[str]:
    return frozenset(a.code for a in areas.kommuner())


def is_national(totals: pd.DataFrame, values: pd.Series) -> bool:
    """Whether a year's kommun values picture all kommuner: values the strategist read in
    (``own_values``) do only when every kommun has one; a source's (Kolada's) always do, whatever
    it left unpublished."""
    imported = own_values.is_imported(totals[totals["area"].isin(values.index)])
    return not imported.all() or set(values.index) >= kommun_codes()


def year_of(indicator: Indicator, frame: pd.DataFrame, points: pd.DataFrame, year: int) -> Year:
    """``indicator``'s national picture in ``year`` from ``points`` (its published rows), made once
    for its rows ``frame`` (``by_indicator``)."""
    key = (id(frame), indicator.id, year)
    entry = _years.get(key)
    if entry is not None and entry[0] is frame:
        return entry[1]
    rows = points[points["year"] == year]
    keys = zip(rows["area"], rows["sex"], strict=True)
    published = {k: float(v) for k, v in zip(keys, rows["value"], strict=True) if pd.notna(v)}
    totals = rows[rows["sex"] == "T"]
    values = totals[totals["area"].isin(kommun_codes())].set_index("area")["value"].dropna()
    if not is_national(totals, values):
        values = values.iloc[0:0]  # no rank, spread, median or distribution from a few kommuner's own values
    made = Year(rows, published, values, float(values.std()) if len(values) > 1 else 0.0,
                float(values.median()) if len(values) else None, rank_among_kommuner(values, indicator.polarity),
                rank_among_kommuner(values, indicator.polarity, "max"),
                {(a, x): (s, r, v) for a, x, s, r, v in zip(rows["area"], rows["sex"], rows["source"],
                                                             rows["retrieved"], rows["api_version"], strict=True)})
    _remember(_years, key, (frame, made), YEARS)
    return made

