"""The Kolada and SCB clients against a local server answering like the real services."""

import json
import time
from pathlib import Path

import numpy as np
import pytest
from werkzeug import Response

from jamlik.data import catalog, store
from jamlik.data.sources import http, kolada, scb
from jamlik.data.sources.http import Client, SourceError

from .kolada_server import FakeKolada, real_values

SCB_DATA = Path(__file__).parent / "data" / "scb"


@pytest.fixture
def no_sleep(monkeypatch):
    """Retries and rate limits record their waits instead of sleeping."""
    waits = []
    monkeypatch.setattr(Client, "_sleep", staticmethod(waits.append))
    return waits


def test_real_values_pages_and_missing_status(httpserver, no_sleep):
    values = real_values()
    fake = FakeKolada(httpserver, values, per_page=7)
    api = Client("Kolada", fake.base)
    answer = kolada.values(api, ["N03702", "N03703"], sorted(values["year"].unique()))
    expected = len(values)
    assert len(answer.rows) == expected
    assert len(fake.data_requests) == -(-values.groupby(["kpi", "area", "year"]).ngroups // 7)
    row = next(r for r in answer.rows if r["kpi"] == "N03702" and r["area"] == values["area"].iloc[0])
    assert row["sex"] in "TKM" and isinstance(row["year"], int)


def test_kpi_ids_are_batched(httpserver, no_sleep):
    fake = FakeKolada(httpserver, real_values())
    ids = [f"N0{n:04d}" for n in range(12)]
    answer = kolada.values(Client("Kolada", fake.base), ids, [2020])
    assert len(fake.data_requests) == 3 == kolada.request_count(ids, None)
    assert kolada.absent(answer, ids, None) == [f"Kolada gav inga värden för 12 nyckeltal: {', '.join(ids)}."]


def test_missing_values_keep_their_status_and_intervals_come_from_osakerhetstal(httpserver, no_sleep):
    fetched = [
        {"kpi": "U01411", "municipality": "1883", "period": 2025,
         "values": [{"gender": "T", "count": 1, "status": "", "value": 18.4},
                    {"gender": "K", "count": 1, "status": "Missing", "value": None}]},
        {"kpi": "U01517", "municipality": "1883", "period": 2025,
         "values": [{"gender": "T", "count": 1, "status": "", "value": 2.1}]},
    ]
    httpserver.expect_request("/v3/data/kpi/U01411,U01517/municipality/1883/year/2025").respond_with_json(
        {"values": fetched, "next_url": None})
    api = Client("Kolada", httpserver.url_for("/v3"))
    answer = kolada.values(api, ["U01411", "U01517"], [2025], ["1883"])
    frame = kolada.to_store(answer, [catalog.indicator("fetma")], api.base_url)
    assert list(frame.columns) == store.COLUMNS
    frame = frame.set_index("sex")
    assert frame.loc["T", "value"] == 18.4
    assert frame.loc["T", "ci_low"] == pytest.approx(16.3) and frame.loc["T", "ci_high"] == pytest.approx(20.5)
    assert np.isnan(frame.loc["K", "value"]) and frame.loc["K", "status"] == store.MISSING
    assert set(frame["indicator"]) == {"fetma"} and set(frame["source"]) == {"kolada"}
    assert set(frame["api_version"]) == {"v3"} and frame["source_url"].iloc[0].startswith(api.base_url)


def test_429_waits_for_retry_after_then_succeeds(httpserver, no_sleep):
    httpserver.expect_ordered_request("/v3/municipality").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "7"}))
    httpserver.expect_ordered_request("/v3/municipality").respond_with_json(
        {"values": [{"id": "1883", "title": "Karlskoga", "type": "K"}], "next_url": None})
    result = kolada.municipalities(Client("Kolada", httpserver.url_for("/v3")))
    assert result == [{"id": "1883", "title": "Karlskoga", "type": "K"}]
    assert 7.0 in no_sleep


def test_500_is_retried_with_backoff(httpserver, no_sleep):
    httpserver.expect_ordered_request("/v3/municipality_groups").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/v3/municipality_groups").respond_with_json(
        {"values": [{"id": "G1", "title": "Liknande kommuner, övergripande, Karlskoga, 2025",
                     "members": [{"id": "1881", "title": "Kumla"}]}], "next_url": None})
    groups = kolada.municipality_groups(Client("Kolada", httpserver.url_for("/v3"), backoff=0.5))
    assert groups[0]["members"] == ["1881"] and 0.5 in no_sleep


def test_persistent_server_errors_give_up_with_a_clear_message(httpserver, no_sleep):
    httpserver.expect_request("/v3/kpi/N66077").respond_with_data("down", status=503)
    with pytest.raises(SourceError, match=r"Kolada svarade 503 \(SERVICE UNAVAILABLE\) efter 3 försök"):
        kolada.kpi_metadata(Client("Kolada", httpserver.url_for("/v3"), retries=3), ["N66077"])


def test_truncated_json(httpserver, no_sleep):
    httpserver.expect_request("/v3/municipality").respond_with_data(
        '{"values": [{"id": "18', content_type="application/json")
    with pytest.raises(SourceError, match="inte går att läsa.*ofullständig"):
        kolada.municipalities(Client("Kolada", httpserver.url_for("/v3")))


def test_answer_without_values(httpserver, no_sleep):
    httpserver.expect_request("/v3/municipality").respond_with_json({"error": "nope"})
    with pytest.raises(SourceError, match="utan 'values'"):
        kolada.municipalities(Client("Kolada", httpserver.url_for("/v3")))


def test_client_errors_are_not_retried(httpserver, no_sleep):
    httpserver.expect_request("/v3/kpi/X").respond_with_data("no", status=404)
    api = Client("Kolada", httpserver.url_for("/v3"))
    with pytest.raises(SourceError, match="Kolada svarade 404"):
        kolada.kpi_metadata(api, ["X"])
    assert api.requests_made == 1


def test_timeout(httpserver, no_sleep):
    def slow(request):
        time.sleep(0.6)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/v3/municipality").respond_with_handler(slow)
    with pytest.raises(SourceError, match=r"Kolada svarade inte inom 0.2 s efter 2 försök"):
        kolada.municipalities(Client("Kolada", httpserver.url_for("/v3"), timeout=0.2, retries=2))


def test_refused_connection_and_unknown_host(no_sleep):
    with pytest.raises(SourceError, match="Kunde inte ansluta till Kolada .*ingen nätverksanslutning"):
        kolada.municipalities(Client("Kolada", "http://127.0.0.1:9/v3", retries=2))
    with pytest.raises(SourceError, match="Kunde inte slå upp adressen jamlik-test.invalid"):
        kolada.municipalities(Client("Kolada", "http://jamlik-test.invalid/v3", retries=2))


def test_rate_limit_spaces_calls(httpserver, monkeypatch):
    waits = []
    monkeypatch.setattr(Client, "_sleep", staticmethod(waits.append))
    httpserver.expect_request("/v3/municipality").respond_with_json({"values": [], "next_url": None})
    api = Client("Kolada", httpserver.url_for("/v3"), min_interval=5, use_cache=False)
    kolada.municipalities(api)
    kolada.municipalities(api)
    assert waits and 4 < waits[-1] <= 5


def test_cache_answers_offline_and_can_be_cleared(httpserver, no_sleep):
    httpserver.expect_request("/v3/municipality").respond_with_json(
        {"values": [{"id": "1883", "title": "Karlskoga", "type": "K"}], "next_url": None})
    base = httpserver.url_for("/v3")
    assert kolada.municipalities(Client("Kolada", base))
    httpserver.clear()  # the service is gone; the cache still answers
    again = Client("Kolada", base)
    assert kolada.municipalities(again)[0]["title"] == "Karlskoga" and again.requests_made == 0
    assert http.clear_cache() == 1 and not http.cache_dir().exists()


# --- SCB PxWebApi 2.0, recorded real answers -------------------------------------------------

@pytest.fixture
def fake_scb(httpserver):
    def recorded(name):
        return json.loads((SCB_DATA / name).read_text(encoding="utf-8"))

    httpserver.expect_request("/api/v2/config").respond_with_json(recorded("config.json"))
    httpserver.expect_request("/api/v2/tables/TAB6471/metadata").respond_with_json(recorded("TAB6471_metadata.json"))
    httpserver.expect_request("/api/v2/codeLists/agg_Ålder10årJ").respond_with_json(recorded("agg_Alder10arJ.json"))
    httpserver.expect_request("/api/v2/tables/TAB6471/data").respond_with_json(recorded("TAB6471_data.json"))
    return httpserver


def test_json_stat2_to_long_rows():
    rows = scb.from_json_stat(json.loads((SCB_DATA / "TAB6471_data.json").read_text(encoding="utf-8")))
    assert len(rows) == 21 * 11 * 3 * 4
    first = rows.iloc[0]
    assert (first["Region"], first["Alder"], first["Kon"], first["Tid"], first["value"]) == \
        ("01", "0-9", "TotSa", "2026M01", 245284)
    assert first["Alder_label"] == "0-9 år"


def test_malformed_json_stat():
    with pytest.raises(SourceError, match="JSON-stat"):
        scb.from_json_stat({"id": ["A"], "size": [2], "value": [1]})


def test_config_limits_and_split_calls(fake_scb, no_sleep):
    api = Client("SCB", fake_scb.url_for("/api/v2"))
    assert scb.limits(api) == (150_000, 1 / 3)
    regions = [f"{n:02d}" for n in range(1, 26)]
    scb.data(api, "TAB6471", {"Region": regions, "Kon": ["1", "2"]}, max_cells=10)
    data_calls = [r for r, _ in fake_scb.log if r.path.endswith("/data")]
    assert len(data_calls) == 5  # 25 regions x 2 sexes in calls of at most 10 cells


def test_population_by_age_in_store_layout(fake_scb, no_sleep):
    api = Client("SCB", fake_scb.url_for("/api/v2"))
    frame = scb.population_by_age(api, ["01", "18"], 2026)
    assert list(frame.columns) == store.COLUMNS
    assert set(frame["indicator"]) == {f"befolkning_{a}" for a in
                                       ["0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79",
                                        "80_89", "90_99", "100_plus"]}
    assert set(frame["sex"]) == {"T", "K", "M"} and set(frame["source"]) == {"scb"}
    assert frame["area"].str.len().eq(4).all() and "0018" in set(frame["area"])
    request = next(r for r, _ in fake_scb.log if r.path.endswith("/data"))
    assert request.args["valueCodes[Tid]"] == "2026M04" and request.args["codelist[Alder]"] == "agg_Ålder10årJ"


def test_population_pyramid_from_recorded_scb_answer(fake_scb, no_sleep):
    from jamlik.charts import figures as charts

    frame = scb.population_by_age(Client("SCB", fake_scb.url_for("/api/v2")), ["18", "01"], 2026)
    chart = charts.pyramid(frame[frame["area"] == "0018"], "Örebro län", frame[frame["area"] == "0001"],
                           "Stockholms län")
    assert chart.png.startswith(b"\x89PNG")
    assert chart.alt.startswith("Befolkningspyramid för Örebro län 2026") and "tioårsgrupp" in chart.alt


def test_population_section_takes_the_age_groups_from_the_stores_indicators(fake_scb, no_sleep):
    from types import SimpleNamespace

    from jamlik.documents import sections

    frame = scb.population_by_age(Client("SCB", fake_scb.url_for("/api/v2")), ["18", "01"], 2026)
    by_indicator = dict(tuple(frame.groupby("indicator")))
    store_of = SimpleNamespace(indicator_ids=lambda: ["ohalsotal", *by_indicator], rows_of=by_indicator.__getitem__)
    b = SimpleNamespace(findings=store_of, year=2026, kommun=SimpleNamespace(code="0018", name="Örebro län"),
                        is_demo=False)
    html = sections.population_pyramid(b)
    assert "<h3>Befolkning efter ålder och kön</h3>" in html and "Befolkningspyramid för Örebro län 2026" in html
    assert "folkmängd 2026 (tabell TAB6471)" in html
    assert sections.population_pyramid(SimpleNamespace(**{**vars(b), "year": 2025})) == ""  # none that early
    no_ages = SimpleNamespace(indicator_ids=lambda: ["ohalsotal"], rows_of=by_indicator.__getitem__)
    assert sections.population_pyramid(SimpleNamespace(**{**vars(b), "findings": no_ages})) == ""


def test_fetch_scb_population_into_the_store(fake_scb, no_sleep, demo_store, tmp_path, monkeypatch):
    import shutil

    from jamlik.data import fetch

    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    monkeypatch.setenv("JAMLIK_STORE", str(folder))
    monkeypatch.setenv("JAMLIK_SCB_URL", fake_scb.url_for("/api/v2"))
    report = fetch.fetch_scb_population(2026, lan=["18"])
    assert report.rows > 0
    table = store.read(folder)
    assert set(table.loc[table["source"] == "scb", "indicator"].str[:11]) == {"befolkning_"}
    assert store.read_meta(folder)["sources"]["scb"]["table"] == "TAB6471"
    assert set(table["source"]) == {"kolada", "scb"}  # demo values never stand beside real ones
