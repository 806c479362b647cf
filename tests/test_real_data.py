"""Golden tests on real numbers: the bundled Kolada snapshot (2024-08-30), as a new user gets it.

Expected values were read by hand from the published snapshot
(``values_snapshot_2024-08-30.csv.gz``; see tests/data/README.md)."""

import re

import numpy as np
import pandas as pd
import pytest

from jamlik.base.text import format_value
from jamlik.data import areas, catalog, datastore, denominators, snapshot
from jamlik.documents import about
from jamlik.documents.briefing import Briefing
from jamlik.statistics import compare, trends
from jamlik.statistics.findings import Finding
from jamlik.writing import narrative

from .conftest import SHARED_DATA

KARLSKOGA, BJURHOLM, STOCKHOLM = "1883", "2403", "0180"


def kolada(table: pd.DataFrame, indicator: str, area: str, year: int, sex: str = "T") -> float:
    rows = table[(table["indicator"] == indicator) & (table["area"] == area) & (table["year"] == year)
                 & (table["sex"] == sex)]
    assert len(rows) == 1, (indicator, area, year, sex)
    return float(rows["value"].iloc[0])


def test_the_bundled_snapshot_is_the_published_one_whole():
    raw = snapshot.raw()
    assert len(raw) == 574_725 and raw["kpi"].nunique() == 58
    assert raw["area"].nunique() == 312 and (raw["year"].min(), raw["year"].max()) == (2000, 2022)
    assert not raw.duplicated(["kpi", "area", "year", "sex"]).any()
    published = SHARED_DATA / "kolada" / f"values_snapshot_{snapshot.DATE}.csv.gz"
    if published.is_file():  # the team's copy beside the checkout: value for value the same
        csv = pd.read_csv(published, dtype={"municipality_id": str})
        csv = csv.rename(columns={"municipality_id": "area", "gender": "sex"})
        keys = ["kpi", "area", "year", "sex"]
        merged = raw.merge(csv, on=keys, suffixes=("", "_csv"), validate="one_to_one")
        assert len(merged) == len(csv) and np.array_equal(merged["value"], merged["value_csv"])


def test_every_value_says_where_and_when_it_came_from(real_table):
    assert set(real_table["source"]) == {"kolada"}
    assert set(real_table["retrieved"]) == {"2024-08-30"}
    assert snapshot.is_snapshot(real_table).all()
    assert real_table["source_url"].str.contains(snapshot.COMMIT).all()


def test_kommuner_add_up_to_riket(real_table):
    rows = real_table[(real_table["indicator"] == "invanare") & (real_table["sex"] == "T")]
    wide = rows.pivot(index="area", columns="year", values="value").loc[:, 2003:]  # Knivsta exists from 2003
    kommuner = [k.code for k in areas.kommuner()]
    assert wide.loc[kommuner].notna().all().all()
    assert (wide.loc[kommuner].sum() == wide.loc[areas.RIKET]).all()
    assert wide.loc[areas.RIKET, 2022] == 10_521_556


def test_life_expectancy_matches_kolada(real_table):
    assert kolada(real_table, "medellivslangd_kvinnor", areas.RIKET, 2022) == 84.56
    assert kolada(real_table, "medellivslangd_man", areas.RIKET, 2022) == 81.05
    assert kolada(real_table, "medellivslangd_kvinnor", KARLSKOGA, 2022) == 83.43


def test_default_year_is_the_latest_with_real_values(real_table):
    assert datastore.latest_year(real_table) == 2022


def test_placements_are_hvb_plus_familjehem_and_say_so(real_table):
    raw = snapshot.raw()
    pick = raw[(raw["area"] == KARLSKOGA) & (raw["year"] == 2022) & (raw["sex"] == "T")].set_index("kpi")["value"]
    assert kolada(real_table, "barn_placerade", KARLSKOGA, 2022) == pytest.approx(pick["N33816"] + pick["N33817"])
    ind = catalog.indicator("barn_placerade")
    assert ind.source_id == "N33818" and "N33816" in ind.snapshot_note and "två gånger" in ind.snapshot_note


def test_the_snapshot_lacks_exactly_the_documented_kpis():
    lacking = {i.source_id for i in snapshot.lacking()}
    assert lacking == {"N02902", "N01718", "N18601", "N33820", "N02269"}


def test_turnout_is_shown_in_election_years_only(real_table):
    ind = catalog.indicator("valdeltagande")
    frame = real_table[real_table["indicator"] == ind.id]
    kommun = areas.kommun(KARLSKOGA)
    result = compare.assess(ind, frame, kommun, 2022, [])
    assert set(result.history["year"]) == {2002, 2006, 2010, 2014, 2018, 2022}
    assert (result.year, result.value) == (2022, 82.0)
    # in 2021 Kolada repeats 2018's 84 %: the briefing shows the 2018 election as such
    earlier = compare.assess(ind, frame, kommun, 2021, [])
    assert (earlier.year, earlier.value) == (2018, 84.0)
    t = trends.trend(result)
    assert (t.first_year, t.last_year) == (2014, 2022)
    assert "Sedan valet 2014" in narrative.trend_sentence(Finding.of(result))


def test_life_expectancy_trend_uses_non_overlapping_five_year_periods(real_table):
    ind = catalog.indicator("medellivslangd_kvinnor")
    result = compare.assess(ind, real_table[real_table["indicator"] == ind.id], areas.kommun(KARLSKOGA), 2022, [])
    t = trends.trend(result)
    assert (t.first_year, t.last_year, t.first_value, t.last_value) == (2012, 2022, 82.5, 83.43)
    assert "2008–2012" in narrative.trend_sentence(Finding.of(result))


def test_denominators_from_the_population_by_age(real_table):
    raw = snapshot.raw()
    pick = raw[(raw["area"] == KARLSKOGA) & (raw["year"] == 2022)].set_index(["kpi", "sex"])["value"]
    children = pick["N01952", "T"] + pick["N01953", "T"] + pick["N01954", "T"]
    ind = catalog.indicator("barn_lag_ek_standard")
    assert denominators.population(ind, real_table, KARLSKOGA, 2022) == children
    girls = denominators.population(catalog.indicator("barn_lagutbildade_foraldrar"), real_table, KARLSKOGA, 2022, "K")
    assert girls == pick["N01952", "K"] + pick["N01953", "K"] + pick["N01954", "K"]
    assert denominators.population(catalog.indicator("meritvarde_ak9"), real_table, KARLSKOGA, 2022) is None


def test_extra_kpis_for_later_work_are_stored(real_table):
    extra = ["valdeltagande_inkomstkvintil_1", "valdeltagande_inkomstkvintil_5", "valdeltagande_inrikes_fodda",
             "valdeltagande_utrikes_fodda", "lag_ek_standard_65_plus", "utrikes_fodda", "forgymnasial_utbildning"]
    for ind_id in extra:
        assert not catalog.indicator(ind_id).shown
        assert (real_table["indicator"] == ind_id).sum() > 1000, ind_id
    assert kolada(real_table, "valdeltagande_inkomstkvintil_1", KARLSKOGA, 2022) == 70.0


@pytest.mark.usefixtures("use_real_store")
@pytest.mark.parametrize("kommun", [KARLSKOGA, BJURHOLM, STOCKHOLM])
def test_every_theme_builds_for_small_and_large_kommuner(kommun):
    for theme in catalog.themes().values():
        briefing = Briefing(kommun, theme.id, 0)
        assert briefing.year == 2022 and not briefing.is_demo
        for r in briefing.results.values():
            text = narrative.indicator_text(Finding.of(r), briefing.year)
            assert text and not re.search(r"\bnan\b|None", text), (kommun, r.indicator.id)


@pytest.mark.usefixtures("use_real_store")
def test_indicator_missing_from_the_snapshot_says_so_plainly():
    briefing = Briefing(KARLSKOGA, "tidiga_ar", 0)
    r = briefing.result("barn_langtidsarbetslos_foralder")
    assert r.status == compare.ABSENT_STATUS and r.value is None
    text = narrative.indicator_text(Finding.of(r), 2022)
    assert text == "Ingår inte i den medföljande ögonblicksbilden av Kolada (30 augusti 2024)."
    # never "uppgift saknas" in the overview, where a reader would take it for the kommun's own gap
    from jamlik.documents import sections

    overview = sections.overview(briefing)
    assert "Barn 0–19 år med långtidsarbetslös förälder" not in overview.split("jamlik-absent")[0]
    assert "Ingår inte i den medföljande ögonblicksbilden av Kolada: barn 0–19 år med långtidsarbetslös" in overview


@pytest.mark.usefixtures("use_real_store")
def test_an_older_latest_value_says_so_and_the_source_line_names_the_snapshot():
    briefing = Briefing(KARLSKOGA, "forsorjning", 0)
    r = briefing.result("varaktigt_lag_inkomst")  # N01455 ends in 2021
    assert r.year == 2021
    assert "Senaste tillgängliga år är 2021." in narrative.indicator_text(Finding.of(r), 2022)
    assert "Källa: Kolada (RKA), ögonblicksbild 30 augusti 2024" in about.source_line(briefing)
    women = Briefing(KARLSKOGA, "oversikt", 0).result("medellivslangd_kvinnor")
    assert format_value(women.value, "ar", 1) == "83,4\xa0år"


@pytest.mark.slow
def test_the_readme_briefing_prints_real_numbers_in_swedish(use_real_store, tmp_path):
    import re

    from pypdf import PdfReader

    from jamlik.running import cli

    assert cli.main(["run", "--kommun", "Karlskoga", "--tema", "oversikt", "miljoer", "--ut", str(tmp_path)]) == 0
    folder = tmp_path / "2022" / "1883-Karlskoga"
    text = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(folder / "oversikt.pdf").pages]
    assert "Källa: Kolada (RKA), ögonblicksbild 30 augusti 2024" in text[0]
    assert not any("DEMODATA" in page or "demodata" in page for page in text)
    whole = " ".join(text)
    assert "Under 2018–2022 var värdet 83,4 år i Karlskoga" in whole  # N00925, women: a five-year mean
    assert "open-numbers" in whole and "ögonblicksbild" in whole  # where the values came from
    miljoer = " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(folder / "miljoer.pdf").pages)
    assert "År 2022 var andelen 82,0 % i Karlskoga" in miljoer  # N05401, the 2022 election
    council = " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(folder / "Karlskoga-samlad.pdf").pages)
    assert "ögonblicksbild av Kolada" in council  # how old the data are, and no command
    assert not re.search(r"\bjamlik (data|run|init|mal|kommuner|indikatorer)\b", whole + miljoer + council)
