"""`jamlik data fetch`: real values from Kolada (and SCB) into the local store.

Fetched values are laid over the store value by value: a fetched (indicator, area, year, sex)
replaces the stored one, and every other value keeps its own provenance (so the 2024 snapshot
stays where Kolada was not asked again). Demonstration values are never mixed with real ones:
fetching into a demo store starts from the bundled snapshot instead. The new store is written
aside and swapped in only when the whole fetch succeeded.
"""

import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jamlik.data import areas, catalog, datastore, derived, snapshot, store
from jamlik.data.sources import kolada, scb

log = logging.getLogger(__name__)


@dataclass
class Report:
    rows: int = 0
    areas: int = 0
    indicators: int = 0
    requests: int = 0
    warnings: list[str] = field(default_factory=list)
    replaced_demo: bool = False  # the store held demo values; the snapshot took their place


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
    fetchable = [i for i in catalog.indicators().values() if i.source_id]  # derived ones are computed
    if not kpis:
        return fetchable
    by_kpi = {i.source_id: i for i in fetchable}
    return [by_kpi.get(k.upper()) or catalog.indicator(k) for k in kpis]


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
    report.replaced_demo = _save(fetched, data_store, kolada.SOURCE, meta)
    return report


def fetch_scb_population(year: int, kommuner: list[str] | None = None, lan: list[str] | None = None,
                         data_store: str = "", use_cache: bool = True) -> Report:
    codes = area_codes(kommuner, lan) or list(areas.all_areas())
    regions = ["00" if c == areas.RIKET else c[2:] if c.startswith("00") else c for c in codes]
    api = scb.client(use_cache=use_cache)
    fetched = scb.population_by_age(api, regions, year)
    indicators = sorted(fetched["indicator"].unique())
    replaced_demo = _save(fetched, data_store, scb.SOURCE,
                          {"url": api.base_url, "api_version": scb.API_VERSION, "table": scb.POPULATION_TABLE,
                           "year": year})
    return Report(len(fetched), fetched["area"].nunique(), len(indicators), api.requests_made,
                  replaced_demo=replaced_demo)


def _base(folder: Path) -> tuple[pd.DataFrame, dict, bool]:
    """What fetched values are laid over: the store, or the snapshot when the store is missing or
    holds demonstration values (which must never stand beside real ones). The flag says the latter."""
    if store.exists(folder) and not store.has_demo_values(folder):
        return store.read(folder), store.read_meta(folder), False
    replaced_demo = store.exists(folder)
    return snapshot.store_table(), snapshot.metadata(), replaced_demo


def _save(fetched: pd.DataFrame, data_store: str, source: str, meta: dict) -> bool:
    """Lay ``fetched`` over the store; True when demonstration values were replaced by the snapshot."""
    folder = datastore.resolve(data_store)
    existing, record, replaced_demo = _base(folder)
    now = datetime.datetime.now().isoformat(timespec="seconds")
    record.setdefault("sources", {})[source] = {**meta, "retrieved": now}
    merged = derived.derive(store.overlay(existing, fetched))
    live = set(merged.loc[~snapshot.is_snapshot(merged), "source"])
    record["sources"] = {s: m for s, m in record["sources"].items()
                         if s in live or (s == snapshot.META_KEY and snapshot.is_snapshot(merged).any())}
    store.write(merged, folder, {k: v for k, v in record.items() if k != "schema_version"})
    return replaced_demo
