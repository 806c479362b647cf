"""Kolada API v3 (RKA, CC BY 4.0): KPI values for kommuner, län and Riket, KPI metadata,
municipalities and municipality groups.

Values come as ``values[]`` items (kpi, municipality, period) each holding ``values[]`` by
gender (T/K/M) with ``count``, ``status`` and ``value``; pages are linked with ``next_url``.
"""

import datetime
import logging
from dataclasses import dataclass, field
from itertools import islice

import numpy as np
import pandas as pd

from jamlik.base import settings
from jamlik.data import catalog, store
from jamlik.data.sources.http import Client, SourceError

log = logging.getLogger(__name__)
API_VERSION = "v3"
SOURCE = "kolada"
PER_PAGE = 5000  # Kolada's largest page
KPI_BATCH = 5  # KPI ids per request: keeps URLs short and pages few
AREA_BATCH = 100


def client(**kwargs) -> Client:
    return Client("Kolada", settings.kolada_url(), **kwargs)


def _batches(items: list, size: int):
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _pages(api: Client, path: str):
    """Every item of a paged answer, following ``next_url`` to the end."""
    url, params = path, {"per_page": PER_PAGE}
    while url:
        answer = api.get_json(url, params)
        if not isinstance(answer, dict) or not isinstance(answer.get("values"), list):
            raise SourceError(f"Kolada skickade ett svar utan 'values' för {api.url(url, params)}.")
        yield from answer["values"]
        url, params = answer.get("next_url"), None


@dataclass
class Answer:
    rows: list[dict] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def request_count(kpis: list[str], areas: list[str] | None) -> int:
    """How many first-page requests ``values`` makes (for a progress bar)."""
    return -(-len(kpis) // KPI_BATCH) * (-(-len(areas) // AREA_BATCH) if areas else 1)


def values(api: Client, kpis: list[str], years: list[int], areas: list[str] | None = None,
           progress=None) -> Answer:
    """Raw value rows for KPIs x years (x areas, or every area when ``areas`` is None);
    ``progress()`` is called after each request and its pages."""
    answer = Answer()
    year_part = ",".join(str(y) for y in years)
    area_batches = list(_batches(sorted(areas), AREA_BATCH)) if areas else [None]
    for kpi_batch in _batches(list(kpis), KPI_BATCH):
        for area_batch in area_batches:
            path = f"data/kpi/{','.join(kpi_batch)}"
            path += f"/municipality/{','.join(area_batch)}" if area_batch else ""
            path += f"/year/{year_part}"
            answer.urls.append(api.url(path))
            for item in _pages(api, path):
                for v in item.get("values") or []:
                    answer.rows.append({"kpi": item.get("kpi"), "area": str(item.get("municipality")),
                                        "year": int(item.get("period")), "sex": v.get("gender"),
                                        "value": v.get("value"), "count": v.get("count"),
                                        "status": v.get("status") or ""})
            if progress:
                progress()
    return answer


def to_store(answer: Answer, indicators: list[catalog.Indicator], base_url: str) -> pd.DataFrame:
    """Kolada rows in the store's layout; a survey KPI's "osäkerhetstal" becomes its interval."""
    raw = pd.DataFrame(answer.rows, columns=["kpi", "area", "year", "sex", "value", "count", "status"])
    raw["value"] = pd.to_numeric(raw["value"], errors="coerce")
    by_kpi = {i.source_id: i for i in indicators}
    margins = {i.uncertainty_kpi: i.source_id for i in indicators if i.uncertainty_kpi}
    keys = ["kpi", "area", "year", "sex"]
    main = raw[raw["kpi"].isin(by_kpi)].drop_duplicates(keys)
    margin = raw[raw["kpi"].isin(margins)].assign(kpi=lambda f: f["kpi"].map(margins))
    main = main.merge(margin[keys + ["value"]].rename(columns={"value": "margin"}), on=keys, how="left")
    missing = main["value"].isna()
    frame = pd.DataFrame({
        "indicator": main["kpi"].map(lambda k: by_kpi[k].id),
        "area": main["area"], "year": main["year"], "sex": main["sex"], "value": main["value"],
        "ci_low": main["value"] - main["margin"], "ci_high": main["value"] + main["margin"],
        "count": pd.to_numeric(main["count"], errors="coerce"),
        # Kolada says "Missing" (or nothing) when a value is not published: it stays missing
        "status": np.where(missing, store.MISSING, main["status"].str.lower()),
    })
    frame["source"], frame["retrieved"] = SOURCE, datetime.date.today().isoformat()
    frame["source_url"], frame["api_version"] = f"{base_url}/data", API_VERSION
    return frame[store.COLUMNS].reset_index(drop=True)


def absent(answer: Answer, kpis: list[str], areas: list[str] | None) -> list[str]:
    """Warnings naming requested KPIs and areas that the answer lacks."""
    got_kpis = {r["kpi"] for r in answer.rows}
    got_areas = {r["area"] for r in answer.rows}
    warnings = []
    missing_kpis = [k for k in kpis if k not in got_kpis]
    if missing_kpis:
        warnings.append(f"Kolada gav inga värden för {len(missing_kpis)} nyckeltal: {', '.join(missing_kpis)}.")
    if areas:
        missing_areas = sorted(set(areas) - got_areas)
        if missing_areas:
            shown = ", ".join(missing_areas[:10]) + (" …" if len(missing_areas) > 10 else "")
            warnings.append(f"Kolada gav inga värden för {len(missing_areas)} områden: {shown}.")
    return warnings


def kpi_metadata(api: Client, kpis: list[str]) -> list[dict]:
    return list(_pages(api, f"kpi/{','.join(kpis)}"))


def municipalities(api: Client) -> list[dict]:
    return [{"id": m["id"], "title": m["title"], "type": m.get("type", "")} for m in _pages(api, "municipality")]


def municipality_groups(api: Client) -> list[dict]:
    """Groups with their members' ids; v3 names them ``id`` or ``member_id``."""
    return [{"id": g["id"], "title": g["title"],
             "members": [m.get("id") or m.get("member_id") for m in g.get("members", [])]}
            for g in _pages(api, "municipality_groups")]
