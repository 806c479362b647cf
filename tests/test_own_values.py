"""A kommun's own values (`jamlik data import-varden`): read as Excel saves them, checked row by row
before anything is written, kept with their source and date, and judged like every value: a Wilson
interval and the chi-square trend test from their counts, a verdict against Riket where Riket's value is
given, a rank only when every kommun has one, and an honest sentence where only the kommun's own exist."""

import datetime
import re

import openpyxl
import pandas as pd
import pytest

from jamlik.base import paths
from jamlik.data import areas, catalog, datastore, fetch, own_values, store
from jamlik.documents import council, workbook
from jamlik.running import batch, cli
from jamlik.statistics import stats, trends
from jamlik.statistics.compare import INTERVAL
from jamlik.statistics.findings import Findings, is_concern
from jamlik.writing import glance, narrative

from .conftest import TEST_DATA
from .kolada_server import FakeKolada

INDICATORS = ("id,tema,titel,enhet,riktning,definition,kolada_id,kalla,kan_paverkas_av\n"
              "simkunniga_ak6,skolaldern,Elever i årskurs 6 som kan simma,procent,hogre_battre,"
              "Andel elever i årskurs 6 som klarar simkunnighetsprovet.,,\"Elevhälsan, Karlskoga kommun\","
              "kommunen (barn- och utbildningsnämnden)\n"
              "trivsel,skolaldern,Trivsel i skolan,poäng,hogre_battre,Medelvärde på en skala 0–10.,,,\n"
              "vab_man,forsorjning,Mäns andel av VAB-dagarna,procent,hogre_battre,,N00945,,\n")
HEADER = "kommun;indikator;ar;kon;varde;taljare;namnare;kalla\n"
# four years of counts: pupils in year 6 who passed the swimming test, of all pupils in year 6
SWIMMING = [(2019, 251, 318), (2020, 262, 322), (2021, 270, 317), (2022, 287, 321)]
SWIM_ROWS = "".join(f"Karlskoga;simkunniga_ak6;{y};T;;{n};{d};\n" for y, n, d in SWIMMING)
KARLSKOGA = areas.kommun("Karlskoga")


@pytest.fixture
def home(own_workspace):
    (own_workspace / "params" / "indikatorer.csv").write_text(INDICATORS, encoding="utf-8")
    return own_workspace


def store_folder(home):
    return home / "data" / "store"


def import_text(tmp_path, text: str, encoding: str = "utf-8", name: str = "varden.csv") -> int:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return cli.main(["data", "import-varden", str(path)])


def finding(indicator: str, year: int = 2022, kommun=KARLSKOGA):
    data, _ = datastore.open_store()
    return Findings(data, kommun, year)[indicator]


def test_an_excel_file_is_read_and_kept_with_its_source_and_date(home, tmp_path, capsys):
    text = (HEADER + SWIM_ROWS.replace(";T;", ";totalt;", 1).replace("simkunniga_ak6", "Simkunniga_AK6", 1)
            + "Karlskoga;simkunniga_ak6;2022;flickor;90,2;148;164;Elevhälsan\n"
            + "Örebro län;simkunniga_ak6;2022;T;86,5;;;Länets elevhälsa\n"
            + "Riket;simkunniga_ak6;2022;;84;84000;100000;Skolverket\n")
    assert import_text(tmp_path, text, "cp1252") == 0
    out = capsys.readouterr().out
    assert out.startswith("Läste in 7 värden för ”Elever i årskurs 6 som kan simma” (Karlskoga, Riket, Örebro län, "
                          "2019–2022) till data/store/varden.csv.")
    saved = own_values.stored(store_folder(home))
    assert len(saved) == 7 and set(saved["imported"]) == {datetime.date.today().isoformat()}
    assert set(saved["area"]) == {"1883", "0018", "0000"} and set(saved["sex"]) == {"T", "K"}
    first = saved[(saved["year"] == 2019) & (saved["area"] == "1883")].iloc[0]
    assert first["value"] == pytest.approx(100 * 251 / 318) and first["denominator"] == 318
    assert first["source"] == "Elevhälsan, Karlskoga kommun"  # the indicator's own source when the row names none
    assert cli.main(["data", "status"]) == 0
    status = capsys.readouterr().out
    assert (f"Egna värden, Elevhälsan, Karlskoga kommun, inlästa {datetime.date.today().isoformat()}: 4 värden för "
            "”Elever i årskurs 6 som kan simma”, ett område, 2019–2022 (data/store/varden.csv)") in status
    assert "Egna värden, Skolverket" in status
    assert "Saknas (läses in med 'jamlik data import-varden'): Trivsel i skolan." in status
    # a second import replaces the rows with the same key and keeps the others
    assert import_text(tmp_path, HEADER + "Riket;simkunniga_ak6;2022;T;85;;;Skolverket\n") == 0
    saved = own_values.stored(store_folder(home))
    assert len(saved) == 7 and saved.loc[saved["area"] == "0000", "value"].tolist() == [85.0]


def test_a_file_with_tabs_is_read_too(home, tmp_path):
    assert import_text(tmp_path, (HEADER + SWIM_ROWS).replace(";", "\t"), name="varden.txt") == 0
    assert len(own_values.stored(store_folder(home))) == 4


def test_counts_give_a_wilson_interval_and_a_trend_test_and_only_the_development_is_judged(home, tmp_path):
    assert import_text(tmp_path, HEADER + SWIM_ROWS) == 0
    f = finding("simkunniga_ak6")
    r = f.result
    assert r.ci == stats.wilson(r.value / 100 * 321, 321, 0.95, 100)
    assert (round(r.ci.lower, 1), round(r.ci.upper, 1)) == (85.6, 92.3)
    expected = stats.chi_square_trend([n for _, n, _ in SWIMMING], [d for *_, d in SWIMMING], [2019, 2020, 2021, 2022])
    assert f.trend.method == trends.CHI_SQUARE and f.trend.p_value == pytest.approx(expected.p_value, rel=1e-6)
    assert (f.trend.direction, f.trend.verdict) == ("higher", "better")
    assert r.kommun_only and r.rank is None and r.median is None and not r.spread
    text = narrative.indicator_text(f, 2022)
    assert text.startswith("År 2022 var andelen 89,4\u00a0% i Karlskoga (95 % konfidensintervall 85,6–92,3\u00a0%).")
    assert "Värdet jämförs inte med riket: bara kommunens egna värden finns" in text
    assert "Sedan 2019 har andelen ökat (78,9\u00a0% år 2019, 89,4\u00a0% år 2022), en säkerställd förbättring." \
        in text
    assert narrative.verdict_marker(r) == "jämförs inte (bara egna värden)"
    rows = Findings(datastore.open_store()[0], KARLSKOGA, 2022).rows("skolaldern", ["simkunniga_ak6"])
    own = rows[0]
    assert (own["origin"], own["source"], own["ci_method"], own["trend"], own["rank"]) == \
        ("egen", "Elevhälsan, Karlskoga kommun", "Wilson", "better", None)
    assert own["n_denominator"] == 321 and own["verdict_riket"] == "none"


def test_with_riket_given_the_value_gets_a_verdict_but_no_rank(home, tmp_path):
    riket = "".join(f"Riket;simkunniga_ak6;{y};T;;{n};{d};Skolverket\n"
                    for y, n, d in [(2019, 80100, 100000), (2020, 81000, 100000), (2021, 82300, 100000),
                                    (2022, 84000, 100000)])
    assert import_text(tmp_path, HEADER + SWIM_ROWS + riket) == 0
    f = finding("simkunniga_ak6")
    r = f.result
    assert not r.kommun_only and r.riket.value == 84.0
    assert (r.riket.method, r.riket.verdict) == (INTERVAL, "better")  # 84,0 lies below 85,6–92,3
    assert r.rank is None and r.ranked == 0
    text = narrative.indicator_text(f, 2022)
    assert "bättre än riket (84,0\u00a0%)" in text
    assert "Ingen placering bland kommunerna: egna värden finns inte för alla kommuner." in text
    assert "osäkerheten inte beräknas" not in text and "bedöms inte" not in text  # the interval judged it
    assert f.trend.versus_riket in ("closer", "further", "same")


def test_values_for_every_kommun_give_a_rank_and_a_concern_in_the_council_document(home, tmp_path):
    lines = []
    for number, kommun in enumerate(areas.kommuner()):
        pupils = 300 + number % 40
        passed = 224 if kommun.code == KARLSKOGA.code else round(pupils * (0.88 + (number % 9) / 100))
        lines.append(f"{kommun.code};simkunniga_ak6;2022;T;;{passed};{pupils};\n")
    lines.append("Riket;simkunniga_ak6;2022;T;92;;;Skolverket\n")
    assert import_text(tmp_path, HEADER + "".join(lines)) == 0
    data, _ = datastore.open_store()
    found = Findings(data, KARLSKOGA, 2022)
    r = found["simkunniga_ak6"].result
    assert r.ranked == 290 and r.rank == 290 and r.spread > 0 and r.median is not None
    rows = found.rows("skolaldern", [i.id for i in catalog.theme("skolaldern").indicators])
    own = next(row for row in rows if row["indicator"] == "simkunniga_ak6" and row["area"] == KARLSKOGA.code
               and row["sex"] == "T")
    assert own["verdict_riket"] == "worse" and is_concern(own)
    theme = catalog.theme("skolaldern")
    assert ("skolaldern", "simkunniga_ak6") in council.sections(KARLSKOGA, [(theme, "", rows)])
    items = glance.select(glance.kommun_rows({"skolaldern": rows}, KARLSKOGA.code))
    assert "simkunniga_ak6" in [i.indicator.id for i in items["concern"]]
    book = workbook.write(tmp_path / "samlad.xlsx", [(theme, rows)], items)
    sheet = openpyxl.load_workbook(book)["Skolåldern"]
    assert any(row[1].value == "simkunniga_ak6" for row in sheet.iter_rows(min_row=2))


def test_without_counts_nothing_is_claimed_that_the_values_cannot_carry(home, tmp_path):
    text = HEADER + "".join(f"Karlskoga;trivsel;{y};T;{v};;;\n" for y, v in [(2019, "6,1"), (2020, "6,4"),
                                                                              (2021, "6,9"), (2022, "7,3")])
    assert import_text(tmp_path, text + "Riket;trivsel;2022;T;6,8;;;\n") == 0
    f = finding("trivsel")
    assert f.result.ci is None and f.trend is None and f.result.riket.verdict is None
    words = narrative.indicator_text(f, 2022)
    assert "Utan täljare och nämnare kan osäkerheten inte beräknas" in words
    assert "Utvecklingen bedöms inte: utan täljare och nämnare för varje år" in words
    assert "märkbart" not in words and "säkerställd" not in words


def test_a_kommuns_own_value_for_a_catalog_indicator_takes_the_place_of_koladas(home, tmp_path):
    kolada = finding("barn_lag_ek_standard").result
    assert kolada.rank is not None and not kolada.imported
    assert import_text(tmp_path, HEADER + "Karlskoga;barn_lag_ek_standard;2022;T;12,5;;;Socialtjänsten\n") == 0
    r = finding("barn_lag_ek_standard").result
    assert r.value == 12.5 and r.imported and r.rank is not None  # ranked among Kolada's other kommuner
    assert r.ranked == kolada.ranked and not r.kommun_only
    assert import_text(tmp_path, HEADER + "Karlskoga;barn_lag_ek_standard;2023;T;12,1;;;Socialtjänsten\n") == 0
    newer = finding("barn_lag_ek_standard", 2023).result
    assert (newer.year, newer.value, newer.rank, newer.ranked) == (2023, 12.1, None, 0)  # 2023: Karlskoga alone


OWN = "Karlskoga;simkunniga_ak6;2022;T;89,4;287;321;\n"
HOSTILE = [
    ("unknown indicator", HEADER + OWN.replace("simkunniga_ak6", "simkunnighet"),
     "varden.csv, rad 2, kolumnen 'indikator': Okänd indikator 'simkunnighet'. Menade du simkunniga_ak6?"),
    ("unknown area", HEADER + OWN.replace("Karlskoga", "Karlskroga"),
     "varden.csv, rad 2, kolumnen 'kommun': Okänt område 'Karlskroga'. Menade du 1883 (Karlskoga)"),
    ("share above 100", HEADER + OWN.replace("89,4;287;321", "112;;"),
     "varden.csv, rad 2, kolumnen 'varde': 112 är ingen andel i procent (0–100)."),
    ("negative share", HEADER + OWN.replace("89,4;287;321", "-3;;"),
     "varden.csv, rad 2, kolumnen 'varde': -3 är ingen andel i procent (0–100)."),
    ("numerator above denominator", HEADER + OWN.replace("89,4;287;321", ";412;398"),
     "varden.csv, rad 2, kolumnen 'taljare': täljaren (412) är större än nämnaren (398)."),
    ("repeated key", HEADER + OWN + OWN.replace(";T;", ";totalt;"),
     "varden.csv, rad 3: samma kommun, indikator, år och kön som rad 2."),
    ("empty file", "", "varden.csv: filen är tom. Den ska ha en rubrikrad med kommun, indikator, ar, kon, varde"),
    ("header only", HEADER, "varden.csv: filen har en rubrikrad men inga rader med värden."),
    ("value against counts", HEADER + OWN.replace("89,4", "79,4"),
     "varden.csv, rad 2, kolumnen 'varde': värdet 79,4 stämmer inte med täljaren delad med nämnaren (89,4\u00a0%)."),
    ("one count", HEADER + OWN.replace(";321;", ";;"),
     "varden.csv, rad 2, kolumnen 'namnare': ange både täljare och nämnare, eller ingen av dem."),
    ("zero denominator", HEADER + OWN.replace("89,4;287;321", ";0;0"),
     "varden.csv, rad 2, kolumnen 'namnare': nämnaren kan inte vara 0."),
    ("no value", HEADER + OWN.replace("89,4;287;321", ";;"),
     "varden.csv, rad 2, kolumnen 'varde': värde saknas (ange värdet, eller täljare och nämnare)."),
    ("not a number", HEADER + OWN.replace("89,4", "hög"), "varden.csv, rad 2, kolumnen 'varde': 'hög' är inget tal."),
    ("year", HEADER + OWN.replace("2022", "22"), "varden.csv, rad 2, kolumnen 'ar': 22 är inget rimligt år."),
    ("sex", HEADER + OWN.replace(";T;", ";X;"),
     "varden.csv, rad 2, kolumnen 'kon': 'X' är inget kön. Använd T, K eller M (totalt, kvinnor, män)."),
    ("sex of an unsplit indicator", HEADER + "Karlskoga;barn_lag_ek_standard;2022;K;12;;;\n",
     "varden.csv, rad 2, kolumnen 'kon': 'barn_lag_ek_standard' redovisas inte för kvinnor och män var för sig."),
    ("counts of a mean", HEADER + "Karlskoga;trivsel;2022;T;7;7;10;\n",
     "varden.csv, rad 2, kolumnen 'taljare': täljare och nämnare går bara att ange för andelar (procent) och antal "
     "per 1 000 eller 100 000; 'trivsel' anges i poäng."),
    ("derived indicator", HEADER + "Karlskoga;medellivslangd_skillnad;2022;T;4;;;\n",
     "varden.csv, rad 2, kolumnen 'indikator': 'medellivslangd_skillnad' räknas ut av jamlik ur N00925 − N00923"),
    ("missing column", HEADER.replace("indikator", "indikatorer") + OWN,
     "varden.csv, rad 1: kolumnen 'indikator' saknas."),
    ("a workbook", "PK\x03\x04" + HEADER + OWN,
     "varden.csv: filen är en Excel-arbetsbok. Spara den som CSV (Arkiv → Spara som → CSV) och läs in den filen."),
    ("bad row after good ones", HEADER + SWIM_ROWS + "Riket;simkunniga_ak6;2022;T;101;;;\n",
     "varden.csv, rad 6, kolumnen 'varde': 101 är ingen andel i procent (0–100)."),
]


@pytest.mark.parametrize(("case", "text", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_with_one_line_and_the_store_untouched(home, tmp_path, capsys, case, text, message):
    assert import_text(tmp_path, HEADER + "Karlskoga;simkunniga_ak6;2018;T;;240;310;\n", name="forra.csv") == 0
    capsys.readouterr()
    folder = store_folder(home)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert import_text(tmp_path, text.replace(";", ",") if case == "missing column" else text, "cp1252") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Fel: {message}") and err.count("\n") == 1 and "Traceback" not in err, err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_kolada_kpi_added_by_its_id_is_fetched(home, httpserver, monkeypatch, capsys):
    recorded = TEST_DATA / "kolada" / "values_N00945_v3.csv"
    values = pd.read_csv(recorded, dtype={"municipality_id": str, "status": str})
    values = values.rename(columns={"municipality_id": "area", "gender": "sex"}).fillna({"status": ""})
    fake = FakeKolada(httpserver, values)
    monkeypatch.setenv("JAMLIK_KOLADA_URL", fake.base)
    assert cli.main(["data", "fetch", "--kpi", "vab_man", "--kommun", "Stockholm", "Göteborg", "Malmö",
                     "--ar", "2000-2020"]) == 0
    assert all("/data/kpi/N00945/" in path for path in fake.data_requests)
    table = store.read(store_folder(home))
    fetched = table[table["indicator"] == "vab_man"]
    assert len(fetched) == len(values) and set(fetched["source"]) == {"kolada"}
    stockholm = fetched[fetched["area"] == "0180"].set_index("year")["value"]
    assert stockholm[2000] == pytest.approx(31.32959689)  # Kolada's published value, as recorded
    r = finding("vab_man", 2020, areas.kommun("Stockholm")).result
    assert r.year == 2020 and r.value == stockholm[2020]
    assert not r.imported
    assert [i.id for i in fetch.indicators_for(["N00945"])] == ["vab_man"]


def test_values_read_in_are_laid_over_without_touching_the_store_file(home, tmp_path):
    folder = store_folder(home)
    before = store.path(folder).read_bytes()
    assert import_text(tmp_path, HEADER + SWIM_ROWS) == 0
    assert store.path(folder).read_bytes() == before
    data, _ = datastore.open_store()
    assert (data.loc[own_values.is_imported(data), "indicator"] == "simkunniga_ak6").all()
    assert own_values.is_imported(data).sum() == 4


def test_the_readmes_worked_example_works_as_written(own_workspace, tmp_path, capsys):
    readme = (paths.PACKAGE_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", readme, re.S | re.M)
    indicators = next(b for b in blocks if b.startswith("id,tema,titel"))
    values = next(b for b in blocks if b.startswith("kommun;indikator"))
    (own_workspace / "params" / "indikatorer.csv").write_text(indicators, encoding="utf-8")
    assert import_text(tmp_path, values, name="simning.csv") == 0
    assert "Läste in 5 värden för ”Elever i årskurs 6 som kan simma”" in capsys.readouterr().out
    f = finding("simkunniga_ak6")
    assert f.result.riket.verdict == "better" and f.trend.verdict == "better"
    assert catalog.indicator("vab_man").source_id == "N00945"


def test_new_values_or_a_changed_list_of_indicators_make_the_briefings_again(home, tmp_path):
    jobs = batch.plan([KARLSKOGA], [catalog.theme("skolaldern")], 2022, tmp_path / "ut")
    first = batch.fingerprint(jobs[0], batch.inputs(jobs))
    assert import_text(tmp_path, HEADER + SWIM_ROWS) == 0
    second = batch.fingerprint(jobs[0], batch.inputs(jobs))
    (home / "params" / "indikatorer.csv").write_text(INDICATORS.replace("Trivsel i skolan", "Trivsel"),
                                                     encoding="utf-8")
    third = batch.fingerprint(jobs[0], batch.inputs(jobs))
    assert len({first, second, third}) == 3
    assert batch.fingerprint(jobs[0], batch.inputs(jobs)) == third  # and nothing else moves it


def test_an_own_value_for_a_later_year_is_a_year_run_accepts(home, tmp_path, capsys):
    """The default report year and the years a run accepts are read from the same values: one own value
    for 2023 (Kolada's end in 2022) neither stops a run without --ar nor contradicts 'data status'."""
    assert import_text(tmp_path, HEADER + "Karlskoga;simkunniga_ak6;2023;T;;290;320;\n") == 0
    assert datastore.year_range(store_folder(home))[1] == 2023
    capsys.readouterr()
    assert cli.main(["run", "--kommun", "Karlskoga", "--tema", "skolaldern", "--dry-run"]) == 0
    assert "2023" in capsys.readouterr().out
