"""`jamlik data fetch` and `data status` against a local stand-in for Kolada: fetched values are
laid over the bundled snapshot value by value; a briefing made from them shows them, formatted in
Swedish, without the demo band."""

import datetime
import re
import shutil
import socket

import pytest
from pypdf import PdfReader

from jamlik.base.text import format_value
from jamlik.data import areas, catalog, fetch, snapshot, store
from jamlik.data.sources.http import Client
from jamlik.running import cli, run

from .kolada_server import FakeKolada, made_up_values


@pytest.fixture
def own_store(real_store, tmp_path, monkeypatch):
    """A copy of the default store (the real snapshot) that a test may change."""
    folder = tmp_path / "store"
    shutil.copytree(real_store, folder)
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


def test_fetch_lays_values_over_the_snapshot_value_by_value(own_store, kolada_server, capsys):
    before = store.read(own_store)
    assert cli.main(["data", "fetch", "--kommun", "Karlskoga", "--ar", "2023-2025", "--kpi", "N66077", "U01411"]) == 0
    table = store.read(own_store)
    fetched = table[~snapshot.is_snapshot(table)]
    assert set(fetched["source"]) == {"kolada"} and set(fetched["retrieved"]) == {datetime.date.today().isoformat()}
    assert set(fetched["area"]) == {"1883", "0018", "0000"}
    assert set(fetched["indicator"]) == {"barn_lag_ek_standard", "fetma"}
    assert fetched["ci_low"].notna().any()  # fetma's osäkerhetstal became an interval
    mine = table[(table["area"] == "1883") & (table["indicator"] == "barn_lag_ek_standard")].set_index("year")
    # years Kolada was asked for are its new values; the older ones keep the snapshot's provenance
    assert set(mine.loc[mine["api_version"] == "v3"].index) == {2023, 2024, 2025}
    assert set(mine.loc[mine["api_version"] == snapshot.API_VERSION].index) == set(range(2011, 2023))
    assert not table.duplicated(["indicator", "area", "year", "sex"]).any()
    others = table[(table["area"] == "1862") & (table["indicator"] == "barn_lag_ek_standard")]
    assert snapshot.is_snapshot(others).all() and len(others) == len(
        before[(before["area"] == "1862") & (before["indicator"] == "barn_lag_ek_standard")])
    out = capsys.readouterr().out
    assert "Hämtade" in out and "Kolada, hämtad" in out and "ögonblicksbild 2024-08-30" in out
    meta = store.read_meta(own_store)["sources"]
    assert meta["kolada"]["api_version"] == "v3" and meta[snapshot.META_KEY]["retrieved"] == snapshot.DATE


def test_fetch_into_a_demo_store_never_mixes_demo_and_real(demo_store, own_store, kolada_server, capsys):
    shutil.copy(demo_store / store.VALUES_FILE, own_store / store.VALUES_FILE)
    assert cli.main(["data", "fetch", "--kommun", "Karlskoga", "--ar", "2023", "--kpi", "N66077"]) == 0
    table = store.read(own_store)
    assert not store.has_demo(table) and snapshot.is_snapshot(table).any()
    assert "demodata och riktiga värden blandas aldrig" in capsys.readouterr().err


def test_absent_kpis_and_areas_are_warned_about(own_store, kolada_server, all_values, capsys):
    kolada_server.values = all_values[all_values["area"] != "1862"]
    assert cli.main(["data", "fetch", "--kommun", "Degerfors", "--ar", "2025", "--kpi", "N66077"]) == 0
    err = capsys.readouterr().err
    assert "Varning: Kolada gav inga värden för 1 områden: 1862." in err
    table = store.read(own_store)
    rows = table[(table["area"] == "1862") & (table["indicator"] == "barn_lag_ek_standard")]
    assert 2025 not in set(rows["year"]) and snapshot.is_snapshot(rows).all()


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


def test_status_names_the_store_and_its_origins(own_store, kolada_server, capsys):
    cli.main(["data", "fetch", "--ar", "2023-2025"])
    capsys.readouterr()
    assert cli.main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert "riktiga värden (ögonblicksbild och hämtade)" in out.splitlines()[0]
    assert "Kolada, ögonblicksbild 2024-08-30 (medföljer jamlik)" in out and "Kolada, hämtad" in out
    assert "inte officiell statistik" not in out
    assert "senaste år med data: 2025" in out


@pytest.mark.slow
def test_briefing_from_fetched_values_has_no_demo_band(own_store, kolada_server, all_values, tmp_path):
    report = fetch.fetch_kolada([2023, 2024, 2025])
    fetchable = [i for i in catalog.indicators().values() if i.source_id]  # the rest are derived
    assert report.indicators == len(fetchable) and report.areas == len(areas.all_areas())
    outcome = run.run_briefing(areas.kommun("Karlskoga"), catalog.theme("tidiga_ar"), 2025, tmp_path)
    assert outcome.ok, outcome.error
    text = " ".join(p.extract_text() for p in PdfReader(outcome.pdf).pages).replace("\u00a0", " ")
    value = all_values[(all_values["kpi"] == "N66077") & (all_values["area"] == "1883")
                       & (all_values["year"] == 2025)]["value"].iloc[0]
    expected = format_value(value, "procent", 1).replace("\u00a0", " ")
    assert f"År 2025 var andelen {expected} i Karlskoga" in text
    assert "DEMODATA" not in text and "demodata" not in text.lower()
    assert "Källa: Kolada (RKA), ögonblicksbild 30 augusti 2024 och hämtad" in text


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
