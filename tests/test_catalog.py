import csv

import pytest

from jamlik import catalog
from jamlik.errors import UnknownIndicatorError, UnknownThemeError
from jamlik.text import UNITS

from .conftest import SHARED_DATA

KOLADA_CATALOGUE = SHARED_DATA / "kolada" / "kpi_catalogue_v3.csv"


@pytest.fixture(scope="module")
def kolada():
    if not KOLADA_CATALOGUE.is_file():
        pytest.skip(f"Kolada's KPI catalogue not found at {KOLADA_CATALOGUE}")
    with open(KOLADA_CATALOGUE, encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def test_every_kpi_exists_in_kolada(kolada):
    missing = [i.source_id for i in catalog.indicators().values() if i.source_id not in kolada]
    assert not missing


def test_sex_split_matches_kolada(kolada):
    wrong = [i.id for i in catalog.indicators().values()
             if (kolada[i.source_id]["is_divided_by_gender"] == "True") != i.sex_split]
    assert not wrong


def test_uncertainty_kpis_are_kolada_osakerhetstal(kolada):
    for ind in catalog.indicators().values():
        if ind.uncertainty_kpi:
            assert kolada[ind.uncertainty_kpi]["title"].startswith("Osäkerhetstal"), ind.id


def test_units_of_percent_indicators_agree_with_kolada(kolada):
    for ind in catalog.indicators().values():
        is_share = "andel" in kolada[ind.source_id]["title"]
        assert (ind.unit == "procent") == is_share, ind.id


def test_catalog_is_complete_and_consistent():
    indicators = catalog.indicators()
    assert len({i.source_id for i in indicators.values()}) == len(indicators)
    for ind in indicators.values():
        assert ind.theme in catalog.themes()
        assert ind.unit in UNITS
        assert ind.definition.endswith(".") and ind.title
        assert ind.sex_labels in ("kvinnor/män", "flickor/pojkar")
    assert all(t.indicators for t in catalog.themes().values())


def test_theme_lookup():
    assert catalog.theme("tidiga_ar").title == "Ge alla barn en bra start i livet"
    assert catalog.theme("Tidiga år").id == "tidiga_ar"
    assert catalog.theme("1").id == "tidiga_ar"
    with pytest.raises(UnknownThemeError, match="Menade du tidiga_ar"):
        catalog.theme("tidiga")


def test_unknown_indicator():
    with pytest.raises(UnknownIndicatorError, match="barn_lag_ek_standard"):
        catalog.indicator("barn_lag_ek_standrd")
