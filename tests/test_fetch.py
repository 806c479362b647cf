"""`jamlik data fetch` and `data status` against a local stand-in for Kolada; a briefing made
from fetched values shows them, formatted in Swedish, without the demo band."""

import re
import shutil
import socket

import pytest
from pypdf import PdfReader

from jamlik import areas, catalog, cli, fetch, run, store
from jamlik.sources.http import Client
from jamlik.text import format_value

from .kolada_server import FakeKolada, made_up_values


@pytest.fixture
def own_store(demo_store, tmp_path, monkeypatch):
    """A copy of the demo store that a test may change."""
    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    monkeypatch.setenv("JAMLIK_STORE", str(folder))
    monkeypatch.setattr(Client, "_sleep", staticmethod(lambda seconds: None))
    return folder


@pytest.fixture(scope="module")
def all_values():
    return made_up_values()


@pytest.fixture
def kolada_server(httpserver, all_values, monkeypatch):
    fake = FakeKolada(httpserver, all_values)
    monkeypatch.setenv("JAMLIK_KOLADA_URL", fake.base)
    return fake


def test_fetch_for_one_kommun_replaces_its_demo_values_only(own_store, kolada_server, capsys):
    assert cli.main(["data", "fetch", "--kommun", "Karlskoga", "--ar", "2023-2025", "--kpi", "N66077", "U01411"]) == 0
    table = store.read(own_store)
    fetched = table[table["source"] == "kolada"]
    assert set(fetched["area"]) == {"1883", "0018", "0000"}
    assert set(fetched["indicator"]) == {"barn_lag_ek_standard", "fetma"}
    mine = table[(table["area"] == "1883") & table["indicator"].isin(["barn_lag_ek_standard", "fetma"])]
    assert set(mine["source"]) == {"kolada"} and set(mine["year"]) == {2023, 2024, 2025}
    others = table[(table["area"] == "1862") & (table["indicator"] == "barn_lag_ek_standard")]
    assert set(others["source"]) == {"demo"}
    assert fetched["ci_low"].notna().any()  # fetma's osäkerhetstal became an interval
    out = capsys.readouterr().out
    assert "Hämtade" in out and "Kolada:" in out and "demodata" in out
    assert store.read_meta(own_store)["sources"]["kolada"]["api_version"] == "v3"


def test_absent_kpis_and_areas_are_warned_about(own_store, kolada_server, all_values, capsys):
    kolada_server.values = all_values[all_values["area"] != "1862"]
    assert cli.main(["data", "fetch", "--kommun", "Degerfors", "--ar", "2025", "--kpi", "N66077"]) == 0
    err = capsys.readouterr().err
    assert "Varning: Kolada gav inga värden för 1 områden: 1862." in err
    table = store.read(own_store)
    assert table[(table["area"] == "1862") & (table["indicator"] == "barn_lag_ek_standard")].empty


@pytest.mark.parametrize("answer", ["truncated", "server_error"])
def test_a_failed_fetch_leaves_the_store_untouched(own_store, httpserver, monkeypatch, capsys, answer):
    if answer == "truncated":
        httpserver.expect_request(re.compile("/v3/data/.*")).respond_with_data(
            '{"values": [', content_type="application/json")
    else:
        httpserver.expect_request(re.compile("/v3/data/.*")).respond_with_data("down", status=502)
    monkeypatch.setenv("JAMLIK_KOLADA_URL", httpserver.url_for("/v3"))
    before = (own_store / store.VALUES_FILE).read_bytes()
    assert cli.main(["data", "fetch", "--kommun", "1883", "--ar", "2025"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fel: Kolada") and "datalagret är oförändrat" in err and "Traceback" not in err
    assert (own_store / store.VALUES_FILE).read_bytes() == before
    assert [p.name for p in own_store.iterdir()] == [store.VALUES_FILE]


def test_no_network(own_store, monkeypatch, capsys):
    monkeypatch.setenv("JAMLIK_KOLADA_URL", "http://127.0.0.1:9/v3")
    assert cli.main(["data", "fetch", "--kommun", "1883", "--ar", "2025"]) == 2
    assert "ingen nätverksanslutning" in capsys.readouterr().err


def test_status_counts_real_and_demo(own_store, kolada_server, capsys):
    cli.main(["data", "fetch", "--ar", "2023-2025"])
    capsys.readouterr()
    assert cli.main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert "Riktiga värden: 100,0 %, demodata: 0,0 %." in out
    assert "inte officiell statistik" not in out and "(API v3)" in out


@pytest.mark.slow
def test_briefing_from_fetched_values_has_no_demo_band(own_store, kolada_server, all_values, tmp_path):
    report = fetch.fetch_kolada([2023, 2024, 2025])
    assert report.indicators == len(catalog.indicators()) and report.areas == len(areas.all_areas())
    outcome = run.run_briefing(areas.kommun("Karlskoga"), catalog.theme("tidiga_ar"), 2025, tmp_path)
    assert outcome.ok, outcome.error
    text = " ".join(p.extract_text() for p in PdfReader(outcome.pdf).pages).replace("\u00a0", " ")
    value = all_values[(all_values["kpi"] == "N66077") & (all_values["area"] == "1883")
                       & (all_values["year"] == 2025)]["value"].iloc[0]
    expected = format_value(value, "procent", 1).replace("\u00a0", " ")
    assert f"År 2025 var andelen {expected} i Karlskoga" in text
    assert "DEMODATA" not in text and "demodata" not in text.lower()
    assert "Källa: Kolada (RKA), hämtad" in text


def _kolada_reachable() -> bool:
    try:
        socket.create_connection(("api.kolada.se", 443), timeout=3).close()
        return True
    except OSError:
        return False


@pytest.mark.live
@pytest.mark.skipif(not _kolada_reachable(), reason="api.kolada.se cannot be reached from here")
def test_live_kolada(own_store, monkeypatch):
    monkeypatch.delenv("JAMLIK_KOLADA_URL", raising=False)
    report = fetch.fetch_kolada([2024], ["N66077"], ["Karlskoga"])
    assert report.rows > 0 and not report.warnings
