"""The bundled snapshot of real Kolada values, and the default data store made from it.

``data/kolada_snapshot_2024-08-30.parquet`` holds, unchanged, the 574,725 values of a public
scrape of Kolada's API made on 2024-08-30 (58 KPIs, Riket, 21 regions and 290 kommuner,
2000–2022; columns ``kpi, area, year, sex, value``). ``tools/build_snapshot.py`` rebuilds it
from the CSV it was published as.

Kolada's status field was not kept in the scrape: a suppressed value is simply absent, and
stays absent here. Ten KPIs are not in it; a catalog indicator whose ``snapshot_source``
names a faithful equivalent (e.g. ``N33816+N33817``) is computed from that, and the others
have no rows until ``jamlik data fetch`` brings them.
"""

import datetime
from functools import cache

import pandas as pd
import pyarrow.parquet as pq

from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import catalog, denominators, derived
from jamlik.data.store import COLUMNS

DATE = "2024-08-30"
FILE = PACKAGE_DATA / f"kolada_snapshot_{DATE}.parquet"
SOURCE = "kolada"  # the values are Kolada's; the origin below says how they reached us
API_VERSION = "snapshot"
REPOSITORY = "open-numbers/ddf--kolada--dump"
COMMIT = "8501d5c7694b444dbf59d063c5156754e2a9b819"
ORIGIN_URL = f"https://github.com/{REPOSITORY}/tree/{COMMIT}"
META_KEY = "kolada_snapshot"  # its provenance record in the store's metadata
KEYS = ["area", "year", "sex"]


def is_snapshot(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a store table came from the bundled snapshot."""
    return frame["api_version"] == API_VERSION


@cache
def raw() -> pd.DataFrame:
    """The snapshot as published: ``kpi, area, year, sex, value``."""
    frame = pq.read_table(FILE).to_pandas()
    return frame.astype({"kpi": str, "area": str, "sex": str, "year": int})


def kpi_terms(expression: str) -> list[str]:
    """``"N33816+N33817"`` -> the KPIs whose values add up to the indicator."""
    return [term.strip() for term in expression.split("+")]


def indicator_values(ind: catalog.Indicator, values: pd.DataFrame) -> pd.DataFrame:
    """One indicator's rows (``area, year, sex, value``), from its own KPI or its stated
    equivalent. A sum needs every term: a suppressed part leaves the sum missing."""
    terms = kpi_terms(ind.snapshot_source or ind.source_id)
    parts = [values[values["kpi"] == kpi].set_index(KEYS)["value"] for kpi in terms]
    if any(part.empty for part in parts):
        return pd.DataFrame(columns=[*KEYS, "value"])
    total = pd.concat(parts, axis=1, join="inner").sum(axis=1).round(6)  # no float noise from the sum
    return total.rename("value").reset_index()


def _needs(ind: catalog.Indicator) -> set[str]:
    return denominators.kpis(ind.formula) if ind.formula else set(kpi_terms(ind.snapshot_source or ind.source_id))


def lacking() -> list[catalog.Indicator]:
    """Catalog indicators the snapshot cannot give."""
    present = set(raw()["kpi"].unique())
    return [i for i in catalog.package_indicators().values() if not _needs(i) <= present]


def store_table() -> pd.DataFrame:
    """Every catalog indicator the snapshot holds, in the store's columns, with provenance."""
    values = raw()
    frames = []
    for ind in catalog.package_indicators().values():  # the same store in every workspace
        if ind.formula:  # derived below, from the stored parts
            continue
        rows = indicator_values(ind, values)
        if len(rows):
            frames.append(rows.assign(indicator=ind.id))
    table = pd.concat(frames, ignore_index=True)
    table["ci_low"] = table["ci_high"] = table["count"] = float("nan")
    table["status"] = ""
    table["source"], table["retrieved"] = SOURCE, DATE
    table["source_url"], table["api_version"] = ORIGIN_URL, API_VERSION
    return derived.derive(table[COLUMNS])


def metadata() -> dict:
    from jamlik import __version__

    return {"sources": {META_KEY: {
        "description": "Ögonblicksbild av Kolada (RKA) som medföljer jamlik.",
        "url": ORIGIN_URL, "api_version": API_VERSION, "retrieved": DATE, "snapshot": DATE,
        "lacking": [i.id for i in lacking()], "tool_version": __version__,
        "created": datetime.datetime.now().isoformat(timespec="seconds"),
    }}}
