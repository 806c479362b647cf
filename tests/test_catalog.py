import csv

import pytest

from jamlik.base.errors import UnknownIndicatorError, UnknownThemeError
from jamlik.base.text import UNITS
from jamlik.data import catalog, denominators, snapshot

from .conftest import SHARED_DATA, TEST_DATA

# Kolada's KPI catalogue, the rows for every KPI jamlik names (tools/import_reference.py copies them)
KOLADA_CATALOGUE = TEST_DATA / "kolada" / "kpi_catalogue_subset.csv"


@pytest.fixture(scope="module")
def kolada():
    with open(KOLADA_CATALOGUE, encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def test_every_kpi_exists_in_kolada(kolada):
    named = set()
    for ind in catalog.indicators().values():
        named |= denominators.kpis(ind.formula) if ind.formula else {ind.source_id}
        named |= denominators.kpis(ind.denominator or "0") | set(
            snapshot.kpi_terms(ind.snapshot_source) if ind.snapshot_source else [])
    missing = sorted(named - set(kolada))
    assert not missing, f"not in Kolada's catalogue (or run tools/import_reference.py): {missing}"


def test_recorded_catalogue_rows_match_kolada():
    full = SHARED_DATA / "kolada" / "kpi_catalogue_v3.csv"
    if not full.is_file():
        pytest.skip("the shared reference data are not beside this checkout")
    with open(full, encoding="utf-8") as f:
        titles = {row["id"]: row["title"] for row in csv.DictReader(f)}
    with open(KOLADA_CATALOGUE, encoding="utf-8") as f:
        assert all(titles[row["id"]] == row["title"] for row in csv.DictReader(f))


def test_denominators_name_population_indicators_in_the_store():
    by_kpi = {i.source_id: i for i in catalog.indicators().values()}
    for ind in catalog.indicators().values():
        for kpi in denominators.kpis(ind.denominator or "0"):
            assert kpi in by_kpi, (ind.id, kpi)
        if ind.denominator:
            assert ind.unit in ("procent", "per_1000", "per_100000"), ind.id
    survey = [i for i in catalog.indicators().values() if i.uncertainty_kpi]
    assert all(not i.denominator and i.denominator_note for i in survey)


def test_publication_shapes():
    shapes = {i.id: i.publication for i in catalog.indicators().values()}
    assert shapes["valdeltagande"] == shapes["valdeltagande_inkomstkvintil_1"] == "election"
    assert shapes["medellivslangd_kvinnor"] == "rolling_5y"
    assert shapes["sjalvskattad_halsa"] == shapes["fetma"] == "survey"
    assert shapes["barn_lag_ek_standard"] == "yearly"


def test_sex_split_matches_kolada(kolada):
    wrong = [i.id for i in catalog.indicators().values()
             if i.source_id and (kolada[i.source_id]["is_divided_by_gender"] == "True") != i.sex_split]
    assert not wrong


def test_uncertainty_kpis_are_kolada_osakerhetstal(kolada):
    for ind in catalog.indicators().values():
        if ind.uncertainty_kpi:
            assert kolada[ind.uncertainty_kpi]["title"].startswith("Osäkerhetstal"), ind.id


def test_units_of_percent_indicators_agree_with_kolada(kolada):
    for ind in (i for i in catalog.indicators().values() if i.source_id):
        is_share = "andel" in kolada[ind.source_id]["title"]
        assert (ind.unit == "procent") == is_share, ind.id


def test_catalog_is_complete_and_consistent():
    indicators = catalog.indicators()
    assert len({i.source_id or i.formula for i in indicators.values()}) == len(indicators)
    assert all(bool(i.source_id) != bool(i.formula) for i in indicators.values())
    for ind in indicators.values():
        assert not ind.theme or ind.theme in catalog.themes()
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


def test_child_rights_and_target_area_tags_are_known():
    from jamlik.base.text import CRC_ARTICLES, TARGET_AREAS

    for ind in catalog.indicators().values():
        assert set(ind.articles) <= set(CRC_ARTICLES), ind.id
        assert set(ind.areas) <= set(TARGET_AREAS), ind.id
    assert 27 in catalog.indicator("barn_lag_ek_standard").articles
    assert all(i.areas for i in catalog.indicators().values() if i.shown and i.polarity != "neutral")
