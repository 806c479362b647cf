import pytest

from jamlik import areas, catalog, charts, compare, maps

KARLSKOGA = areas.kommun("1883")
PNG = b"\x89PNG"


@pytest.fixture(scope="module")
def results(demo_table):
    _, peers = areas.peer_group(KARLSKOGA, "grundskola")
    return [compare.assess(i, demo_table[demo_table["indicator"] == i.id], KARLSKOGA, 2025, peers)
            for i in catalog.theme("skolaldern").indicators]


def test_indicator_chart_has_trend_and_peers_in_its_alt_text(results):
    chart = charts.indicator_chart(results[1])
    assert chart.png.startswith(PNG)
    assert chart.alt.startswith("Linjediagram: Meritvärde åk 9 (17 ämnen), 2014–2025, för Karlskoga, Örebro län")
    assert "Stapeldiagram 2025: Karlskoga" in chart.alt and "jämförelsekommunerna från" in chart.alt


def test_spine_chart_names_every_indicator_by_verdict(results):
    chart = charts.spine(results)
    assert chart.png.startswith(PNG)
    for r in results:
        assert r.indicator.title in chart.alt


def test_sex_gap_chart(results):
    chart = charts.sex_gaps(results)
    assert chart.png.startswith(PNG) and "flickor" in chart.alt and "pojkar" in chart.alt


def test_charts_with_no_data_return_nothing(results, demo_table):
    empty = compare.assess(results[0].indicator, demo_table.iloc[0:0], KARLSKOGA, 2025, [])
    assert charts.indicator_chart(empty) is None
    assert charts.spine([empty]) is None and charts.sex_gaps([empty]) is None


@pytest.mark.parametrize("name, count", [("Karlskoga", "12 kommuner"), ("Gotland", "1 kommun:"), ("Kiruna", "")])
def test_lan_map(name, count):
    chart = maps.lan_map(areas.kommun(name))
    assert chart.png.startswith(PNG) and f"med {name} markerad" in chart.alt and count in chart.alt
