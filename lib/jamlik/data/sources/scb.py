"""SCB PxWebApi 2.0 (CC0): JSON-stat2 tables, within the limits the API states in ``/config``
(cells per call, calls per time window). Used for population by kommun, age and sex.
"""

import datetime
import math
from itertools import product

import pandas as pd

from jamlik.base import settings
from jamlik.data import store
from jamlik.data.sources.http import Client, SourceError

SOURCE = "scb"
API_VERSION = "v2"
POPULATION_TABLE = "TAB6471"  # Folkmängden per månad efter region, ålder och kön
AGE_GROUPS = "agg_Ålder10årJ"  # 10-year age groups
SEXES = {"1": "M", "2": "K", "TotSa": "T"}


def client(**kwargs) -> Client:
    return Client("SCB", settings.scb_url(), **kwargs)


def limits(api: Client) -> tuple[int, float]:
    """(largest number of cells in one call, seconds between calls) from ``/config``."""
    config = api.get_json("config", cache=False)
    cells = int(config.get("maxDataCells", 100_000))
    interval = float(config.get("timeWindow", 10)) / max(int(config.get("maxCallsPerTimeWindow", 10)), 1)
    return cells, interval


def metadata(api: Client, table: str) -> dict:
    return api.get_json(f"tables/{table}/metadata", {"lang": "sv"})


def data(api: Client, table: str, selection: dict[str, list[str]], codelists: dict[str, str] | None = None,
         max_cells: int | None = None) -> pd.DataFrame:
    """A table as long rows (one column per variable code, plus ``value``), split into as many
    calls as the cell limit needs."""
    if max_cells is None:
        max_cells, api.min_interval = limits(api)
    split = max(selection, key=lambda k: len(selection[k]))
    others = math.prod(len(v) for k, v in selection.items() if k != split)
    per_call = max(1, max_cells // max(others, 1))
    frames = []
    for start in range(0, len(selection[split]), per_call):
        part = {**selection, split: selection[split][start:start + per_call]}
        params = {f"valueCodes[{k}]": ",".join(v) for k, v in part.items()}
        params.update({f"codelist[{k}]": v for k, v in (codelists or {}).items()})
        params.update({"lang": "sv", "outputFormat": "json-stat2"})
        frames.append(from_json_stat(api.get_json(f"tables/{table}/data", params)))
    return pd.concat(frames, ignore_index=True)


def from_json_stat(dataset: dict) -> pd.DataFrame:
    """JSON-stat 2.0 dataset -> long rows (values are row-major over ``id`` in ``size`` order)."""
    try:
        ids, sizes, values = dataset["id"], dataset["size"], dataset["value"]
        codes, labels = [], {}
        for dim in ids:
            category = dataset["dimension"][dim]["category"]
            index = category["index"]
            codes.append(sorted(index, key=index.get) if isinstance(index, dict) else list(index))
            labels[dim] = category.get("label", {})
    except (KeyError, TypeError) as exc:
        raise SourceError(f"SCB skickade ett svar som inte är JSON-stat 2.0 (saknar {exc}).") from None
    if [len(c) for c in codes] != sizes or math.prod(sizes) != len(values):
        raise SourceError("SCB skickade ett JSON-stat-svar vars storlek inte stämmer med värdena.")
    frame = pd.DataFrame(list(product(*codes)), columns=ids)
    for dim in ids:
        frame[f"{dim}_label"] = frame[dim].map(lambda code, d=dim: labels[d].get(code, code))
    frame["value"] = pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce")
    return frame


def area_code(region: str) -> str:
    """SCB region codes to ours: "00" Riket, "18" a län, "1883" a kommun."""
    if region == "00":
        return "0000"
    return "00" + region if len(region) == 2 else region


def age_key(label: str) -> str:
    """"0-9 år" -> "0_9", "100+ år" -> "100_plus" (labels agree where SCB's codes do not)."""
    return label.removesuffix(" år").replace("-", "_").replace("+", "_plus")


def population_by_age(api: Client, regions: list[str], year: int) -> pd.DataFrame:
    """Population by 10-year age group and sex at the latest month of ``year``, store layout
    with indicator ids ``befolkning_<ålder>`` (e.g. ``befolkning_20_29``)."""
    meta = metadata(api, POPULATION_TABLE)
    months = [m for m in meta["dimension"]["Tid"]["category"]["index"] if m.startswith(str(year))]
    if not months:
        raise SourceError(f"SCB:s tabell {POPULATION_TABLE} har inga uppgifter för {year}.")
    ages = _age_groups(api)
    rows = data(api, POPULATION_TABLE, {"Region": regions, "Alder": ages, "Kon": list(SEXES),
                                        "ContentsCode": ["000007SF"], "Tid": [max(months)]},
                {"Alder": AGE_GROUPS})
    frame = pd.DataFrame({
        "indicator": "befolkning_" + rows["Alder_label"].map(age_key),
        "area": rows["Region"].map(area_code), "year": year, "sex": rows["Kon"].map(SEXES),
        "value": rows["value"], "ci_low": float("nan"), "ci_high": float("nan"), "count": float("nan"),
        "status": rows["value"].isna().map({True: store.MISSING, False: ""}),
    })
    frame["source"], frame["retrieved"] = SOURCE, datetime.date.today().isoformat()
    frame["source_url"] = f"{api.base_url}/tables/{POPULATION_TABLE}/data"
    frame["api_version"] = API_VERSION
    return frame[store.COLUMNS]


def _age_groups(api: Client) -> list[str]:
    codelist = api.get_json(f"codeLists/{AGE_GROUPS}", {"lang": "sv"})
    return [v["code"] for v in codelist["values"]]
