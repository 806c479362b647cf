"""`jamlik data fetch`: real values from Kolada (and SCB) into the local store.

Every requested (indicator, area) pair is replaced as a whole, so no demonstration value
survives beside fetched ones for the same area; other areas keep what they had. The new store
is written aside and swapped in only when the whole fetch succeeded.
"""

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import areas, catalog, datastore, store
from .sources import kolada, scb

log = logging.getLogger(__name__)


@dataclass
class Report:
    rows: int = 0
    areas: int = 0
    indicators: int = 0
    requests: int = 0
    warnings: list[str] = field(default_factory=list)


def area_codes(kommuner: list[str] | None, lan: list[str] | None) -> list[str] | None:
    """The areas to fetch: None for all; else the kommuner, their län and Riket."""
    if not kommuner and not lan:
        return None
    chosen = [areas.kommun(k) for k in kommuner or []]
    for query in lan or []:
        chosen += areas.kommuner_in(areas.lan(query))
    codes = {k.code for k in chosen} | {k.lan for k in chosen} | {areas.RIKET}
    return sorted(codes)


def indicators_for(kpis: list[str] | None) -> list[catalog.Indicator]:
    """Catalog indicators by Kolada KPI id or indicator id; all of them when none are named."""
    if not kpis:
        return list(catalog.indicators().values())
    by_kpi = {i.source_id: i for i in catalog.indicators().values()}
    return [by_kpi.get(k.upper()) or catalog.indicator(k) for k in kpis]


def replace_pairs(existing: pd.DataFrame, fetched: pd.DataFrame, indicators: list[str],
                  codes: list[str]) -> pd.DataFrame:
    """The store with every requested (indicator, area) pair taken from ``fetched`` only."""
    requested = existing["indicator"].isin(indicators) & existing["area"].isin(codes)
    kept = existing[~requested]
    return pd.concat([kept, fetched], ignore_index=True) if len(kept) else fetched.reset_index(drop=True)


def fetch_kolada(years: list[int], kpis: list[str] | None = None, kommuner: list[str] | None = None,
                 lan: list[str] | None = None, data_store: str = "", progress=None,
                 use_cache: bool = True) -> Report:
    """Fetch catalog KPIs into the store. ``progress(total)`` returns a callable for each step."""
    indicators = indicators_for(kpis)
    codes = area_codes(kommuner, lan)
    ids = [i.source_id for i in indicators] + [i.uncertainty_kpi for i in indicators if i.uncertainty_kpi]
    api = kolada.client(use_cache=use_cache)
    step = progress(kolada.request_count(ids, codes)) if progress else None
    answer = kolada.values(api, ids, years, codes, progress=step)
    fetched = kolada.to_store(answer, indicators, api.base_url)
    all_codes = codes or list(areas.all_areas())
    report = Report(len(fetched), fetched["area"].nunique(), fetched["indicator"].nunique(), api.requests_made,
                    kolada.absent(answer, ids, codes))
    meta = {"url": api.base_url, "api_version": kolada.API_VERSION, "kpis": ids,
            "years": [min(years), max(years)], "areas": len(all_codes), "requests": answer.urls[:20]}
    _save(fetched, [i.id for i in indicators], all_codes, data_store, kolada.SOURCE, meta)
    return report


def fetch_scb_population(year: int, kommuner: list[str] | None = None, lan: list[str] | None = None,
                         data_store: str = "", use_cache: bool = True) -> Report:
    codes = area_codes(kommuner, lan) or list(areas.all_areas())
    regions = ["00" if c == areas.RIKET else c[2:] if c.startswith("00") else c for c in codes]
    api = scb.client(use_cache=use_cache)
    fetched = scb.population_by_age(api, regions, year)
    indicators = sorted(fetched["indicator"].unique())
    _save(fetched, indicators, codes, data_store, scb.SOURCE,
          {"url": api.base_url, "api_version": scb.API_VERSION, "table": scb.POPULATION_TABLE, "year": year})
    return Report(len(fetched), fetched["area"].nunique(), len(indicators), api.requests_made)


def _save(fetched: pd.DataFrame, indicators: list[str], codes: list[str], data_store: str, source: str,
          meta: dict) -> Path:
    folder = datastore.resolve(data_store)
    existing = store.read(folder) if store.exists(folder) else store.empty()
    record = store.read_meta(folder) if store.exists(folder) else {}
    now = datetime.datetime.now().isoformat(timespec="seconds")
    record.setdefault("sources", {})[source] = {**meta, "retrieved": now}
    merged = replace_pairs(existing, fetched, indicators, codes)
    record["sources"] = {s: m for s, m in record["sources"].items() if s in set(merged["source"])}
    return store.write(merged, folder, {k: v for k, v in record.items() if k != "schema_version"})
