"""A stand-in for Kolada API v3 on a local HTTP server (pytest-httpserver), answering in the exact
v3 shapes: ``values[]`` items (kpi, municipality, period) with ``values[]`` by gender
(gender, count, status, value), ``next_url`` paging, and groups with ``members``."""

import json
import re
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from werkzeug import Response

from jamlik.data import areas, catalog

from .conftest import TEST_DATA

DATA_PATH = re.compile(r"^/v3/data/kpi/(?P<kpis>[^/]+)(/municipality/(?P<areas>[^/]+))?/year/(?P<years>[^/]+)$")


def real_values() -> pd.DataFrame:
    """Real published Kolada values (N03702/N03703, Arboga and its peers), recorded in tests/data."""
    frame = pd.read_csv(TEST_DATA / "kolada" / "values_N03702_N03703_arboga_peers_v3.csv",
                        dtype={"municipality_id": str, "status": str})
    return frame.rename(columns={"municipality_id": "area", "gender": "sex"}).fillna({"status": ""})


@lru_cache(maxsize=2)
def made_up_values(years=(2023, 2024, 2025)) -> pd.DataFrame:
    """Values for every catalog KPI (and uncertainty KPI), area and year, made up for the tests:
    deterministic, plausible in size, never shown as statistics outside the tests."""
    rows = []
    kpis = [(i.source_id, i.sex_split, i.unit) for i in catalog.indicators().values()]
    kpis += [(i.uncertainty_kpi, i.sex_split, "margin") for i in catalog.indicators().values() if i.uncertainty_kpi]
    for number, (kpi, split, unit) in enumerate(kpis):
        for area in areas.all_areas():
            for year in years:
                base = 2.0 if unit == "margin" else 10 + (int(area) * 7 + number * 13) % 60 + (year - 2023) * 0.4
                if unit == "antal":
                    base = 1000 + int(area) * 10
                for sex, shift in (("T", 0), ("K", 1.5), ("M", -1.5))[: 3 if split else 1]:
                    rows.append({"kpi": kpi, "area": area, "year": year, "sex": sex, "count": 1,
                                 "status": "", "value": round(base + shift, 1)})
    return pd.DataFrame(rows)


class FakeKolada:
    """Answers /v3/data/... from a table of values, ``per_page`` items a page."""

    def __init__(self, server, values: pd.DataFrame, per_page: int = 5000):
        self.server, self.per_page = server, per_page
        self.values = values
        self.base = server.url_for("/v3")
        self.data_requests: list[str] = []
        server.expect_request(DATA_PATH).respond_with_handler(self.data)

    @property
    def values(self) -> pd.DataFrame:
        return self._values

    @values.setter
    def values(self, frame: pd.DataFrame) -> None:
        """Keep the answer items ready, by KPI: (area, year, item) in Kolada's order."""
        self._values = frame
        self.items: dict[str, list] = {}
        rows = frame.sort_values(["kpi", "area", "year"], kind="stable")
        last, item = None, None
        for kpi, area, year, sex, count, status, value in zip(
                rows["kpi"], rows["area"], rows["year"], rows["sex"], rows["count"], rows["status"], rows["value"],
                strict=True):
            if (kpi, area, year) != last:
                last, item = (kpi, area, year), {"kpi": kpi, "municipality": area, "period": int(year), "values": []}
                self.items.setdefault(kpi, []).append((area, int(year), item))
            item["values"].append({"gender": sex, "count": count, "status": status or None,
                                   "value": None if pd.isna(value) else value})

    def data(self, request):
        self.data_requests.append(request.full_path)
        match = DATA_PATH.match(request.path)
        years = {int(y) for y in match["years"].split(",")}
        wanted = set(match["areas"].split(",")) if match["areas"] else None
        items = [item for kpi in match["kpis"].split(",") for area, year, item in self.items.get(kpi, [])
                 if year in years and (wanted is None or area in wanted)]
        page = int(parse_qs(urlsplit(request.full_path).query).get("page", ["1"])[0])
        start = (page - 1) * self.per_page
        more = start + self.per_page < len(items)
        next_url = self.server.url_for(f"{request.path}?page={page + 1}") if more else None
        body = {"count": len(items), "values": items[start:start + self.per_page], "next_url": next_url}
        return Response(json.dumps(body), content_type="application/json")
