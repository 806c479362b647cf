"""Differences within the kommun, from the bundled real tables (Valmyndigheten, SCB, Skolverket)."""

import dataclasses

import pytest

from jamlik.data import areas
from jamlik.data import within as tables
from jamlik.statistics import stats, within
from jamlik.writing import within_text

KARLSKOGA, BJURHOLM, STOCKHOLM = "1883", "2403", "0180"


def test_karlskoga_s_districts_sum_to_kolada_s_turnout():
    t = within.turnout(KARLSKOGA)
    assert len(t.districts) == 17 and round(t.kommun, 1) == 82.0  # Kolada's N05401 for 2022
    low = t.districts[0]
    assert (low.name, round(low.turnout.value, 1)) == ("Landa", 67.3)
    # each district's interval is Wilson's from its own counts
    assert low.turnout == stats.wilson(low.voters, low.eligible, 0.95, 100)
    assert t.spread == pytest.approx(t.districts[-1].turnout.value - low.turnout.value)
    assert t.earlier_year == 2018 and t.earlier_spread is not None and t.large


def test_one_district_one_school_two_areas_say_so_and_show_no_spread():
    t = within.turnout(BJURHOLM)
    assert len(t.districts) == 1 and t.spread is None and not t.large
    assert within_text.turnout_sentences("Bjurholm", t)[0].startswith(
        "Bjurholm har ett valdistrikt, så skillnader i valdeltagande inom kommunen kan inte visas.")
    assert within_text.areas_sentences("Bjurholm", within.areas(BJURHOLM), None, None) == [
        "Bjurholm har två RegSO-områden, för få för att visa skillnader mellan områden inom kommunen."]
    assert within_text.schools_sentences("Bjurholm", within.schools(BJURHOLM))[0].startswith(
        "Bjurholm har en skolenhet med årskurs 9")


def test_areas_and_the_share_in_areas_with_challenges():
    found = within.areas(KARLSKOGA)
    assert [a.code for a in found][0] == "1883R001" and len(found) == 4  # lowest wage income first
    assert (found[0].wage_income, found[-1].wage_income) == (226.8, 270.7)
    assert found[0].born_abroad == pytest.approx(100 * (1 - 7698 / 8998))
    assert within.challenged_share(KARLSKOGA) == 0.0
    riket = within.challenged_share(None)
    assert 5 < riket < 30
    sentences = within_text.areas_sentences("Karlskoga", found, 0.0, riket)
    assert "inget intervall" in sentences[0] and sentences[1].startswith("Inget område i Karlskoga")


def test_masked_school_values_stay_masked_and_are_explained():
    found = within.schools(BJURHOLM)
    assert found[0].eligible == "~100" and found[0].eligible_value is None
    assert tables.published_number("72,6") == 72.6 and tables.published_number("..") is None
    text = " ".join(within_text.schools_sentences("Stockholm", within.schools(STOCKHOLM)))
    assert "”..” betyder för få elever för att redovisas" in text


def test_csv_rows_carry_level_area_and_intervals():
    rows = within.rows(areas.kommun(KARLSKOGA), "oversikt")
    districts = [r for r in rows if r["level"] == "valdistrikt" and r["year"] == 2022]
    assert len(districts) == 17 and all(r["ci_low"] < r["value"] < r["ci_high"] for r in districts)
    assert {r["level"] for r in rows} == {"valdistrikt", "regso", "skolenhet"}
    income = [r for r in rows if r["indicator"] == "inkomst_av_arbete_medel"]
    assert len(income) == 4 and all(r.get("ci_low") is None for r in income)  # a mean without its spread


def test_the_spread_compared_does_not_grow_with_the_number_of_districts():
    """The range between the highest and the lowest district grows with the districts; the tenth spread
    (the tenth of the voters in the highest districts against the tenth in the lowest) does not."""
    t = within.turnout(KARLSKOGA)
    assert round(t.tenth_spread, 1) == 17.1 and round(t.earlier_spread, 1) == 15.3 and t.tenth_spread < t.spread
    # split every district in two halves alike: the range is the same, and so is the tenth spread
    voters = [d.voters for d in t.districts]
    eligible = [d.eligible for d in t.districts]
    halves = within.tenth_spread([v / 2 for v in voters] * 2, [e / 2 for e in eligible] * 2)
    assert halves == pytest.approx(t.tenth_spread)
    text = " ".join(within_text.turnout_sentences("Karlskoga", t))
    assert "kan inte jämföras med andra kommuners eller andra vals" in text
    assert "Jämförbar är tiondelsspridningen: 17,1 procentenheter 2022" in text
    assert "I valet 2018 var tiondelsspridningen 15,3 procentenheter, så den var större 2022." in text
    assert within.turnout(BJURHOLM).tenth_spread is None
    # 6,1 against 6,2 printed: rounding alone can make that difference, so it is not called larger
    close = dataclasses.replace(t, tenth_spread=6.24, earlier_spread=6.06)
    assert "så den var ungefär lika stor (skillnaden ryms i avrundningen) 2022." in " ".join(
        within_text.turnout_sentences("Karlskoga", close))
    apart = dataclasses.replace(t, tenth_spread=6.26, earlier_spread=6.06)  # 6,3 against 6,1
    assert "så den var större 2022." in " ".join(within_text.turnout_sentences("Karlskoga", apart))


def test_schools_are_named_with_their_pupils_and_never_a_small_one_as_an_extreme():
    found = within.schools("1782")  # Filipstad: Stålvallaskolan has the higher merit value, with 10 pupils
    text = " ".join(within_text.schools_sentences("Filipstad", found))
    assert "Stålvallaskolan" not in text
    assert ("En skolenhet med färre än 15 elever i årskurs 9 nämns inte som högst eller lägst: där kan några få "
            "elevers betyg flytta medelvärdet mycket.") in text
    text = " ".join(within_text.schools_sentences("Karlskoga", within.schools(KARLSKOGA)))
    assert "lägst i Österledskolan (210,4; 93 elever) och högst i Bregårdsskolan 7-9 (227,4; 135 elever)" in text


def test_every_figure_has_its_year_and_income_says_what_it_does_not_show():
    text = " ".join(within_text.areas_sentences("Filipstad", within.areas("1782"), within.challenged_share("1782"),
                                                within.challenged_share(None)))
    assert "Medelinkomsten av arbete 2023 var lägst" in text and "Andelen födda utomlands 2023 var störst" in text
    assert within_text.INCOME_CAVEAT in text and "pensionärer" in within_text.INCOME_CAVEAT
    assert "År 2022 bodde 52,9\xa0% av invånarna i Filipstad i områden med socioekonomiska utmaningar" in text


def test_page_two_names_the_share_in_areas_with_challenges_when_twice_riket_s():
    riket = within.challenged_share(None)
    assert round(riket, 1) == 13.4
    line = within_text.challenged_line("Filipstad", within.challenged_share("1782"), riket)
    assert line == ("År 2022 bodde 52,9\xa0% av invånarna i Filipstad i områden med socioekonomiska utmaningar "
                    "(SCB:s områdestyp 1–2), mot 13,4\xa0% i riket.")
    assert within_text.challenged_line("Karlskoga", within.challenged_share(KARLSKOGA), riket) == ""
    assert within_text.challenged_line("X", 2 * riket - 0.1, riket) == ""  # under twice Riket's: not named
    assert within_text.challenged_line("X", 2 * riket, riket) != ""


def test_page_two_names_a_large_difference_by_the_stated_rule():
    line = within_text.large_difference_line("Karlskoga", within.turnout(KARLSKOGA))
    # the gap is the difference of the two turnouts as printed (89,2 − 67,3), not of the unrounded shares
    assert line == ("Valdeltagandet i riksdagsvalet 2022 skilde 21,9 procentenheter mellan Landa (67,3\xa0%) och "
                    "Aggerud (89,2\xa0%).")
    assert within_text.large_difference_line("Bjurholm", within.turnout(BJURHOLM)) == ""
    assert "15 procentenheter" in within_text.METHOD


def test_a_big_city_lists_its_two_ends(use_real_store):
    from jamlik.documents import sections
    from jamlik.documents.briefing import Briefing

    html = sections.within_kommun(Briefing(STOCKHOLM, "oversikt", 2022))
    assert "De tio lägsta och de tio högsta av 592 valdistrikt 2022" in html
    # three maps across the page, each with its source; the council document keeps the first
    assert html.count('<div class="jamlik-area-maps">') == 3 and html.count(sections.ANNEX_ONLY_START) == 2
    assert "Källa: SCB, RegSO 2025; medelinkomst av arbete 2023." in html
    assert "Kartornas gränser: SCB, RegSO 2025." in html


def test_the_lan_report_ranks_its_kommuner_by_the_spread_between_districts(use_real_store, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    from jamlik.documents import lan_report

    shown = []
    monkeypatch.setattr(lan_report, "display", lambda html, metadata=None: shown.append(html.data))
    InteractiveShell.instance()
    lan_report.LanReport("18", 2022).show_within()
    assert "Störst skillnad i valdeltagande inom kommunen hade Örebro: 30,7 procentenheter" in shown[0]
    assert "Störst andel invånare i områden med socioekonomiska utmaningar hade Degerfors (47,0" in shown[0]


HEADER = "kommun,omrade,namn,matt,ar,varde,taljare,namnare,kalla\n"


@pytest.mark.parametrize("body, message", [
    ("Atlantis,A,A,m,2023,5,,,x\n", "rad 2, kolumnen 'kommun': Okänd kommun 'Atlantis'"),
    ("1883,A,A,m,2023,5,,,x\n1883,A,A,m,2023,6,,,x\n", "rad 3: samma kommun, område, mått och år som rad 2"),
    ("1883,A,A,m,2023,100,30,20,x\n", "rad 2, kolumnen 'taljare': täljaren (30) är större än nämnaren (20)"),
    ("1883,A,A,m,2023,5,-3,20,x\n", "rad 2, kolumnen 'taljare': ett antal kan inte vara negativt"),
    ("1883,A,A,m,2023,fem,,,x\n", "rad 2, kolumnen 'varde': 'fem' är inget tal"),
    ("1883,A,A,m,2023,40,3,10,x\n", "rad 2, kolumnen 'varde': värdet 40 stämmer inte med täljaren"),
    ("", "filen har en rubrikrad men inga rader med värden"),
])
def test_hostile_area_files_are_one_line_exit_2_and_leave_the_store_alone(tmp_path, capsys, demo_store, body,
                                                                          message):
    import shutil

    from jamlik.running import cli

    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    before = sorted(p.name for p in folder.iterdir())
    bad = tmp_path / "omraden.csv"
    bad.write_text(HEADER + body, encoding="utf-8")
    assert cli.main(["data", "import-omraden", str(bad), "--data-store", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_excel_file_with_semicolons_decimal_commas_and_a_bom_is_read_and_shown(tmp_path, capsys, demo_store):
    import shutil

    from jamlik.data import own_areas
    from jamlik.running import cli

    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    text = ("kommun;område;namn;mått;år;värde;täljare;nämnare;källa\n"
            "Karlskoga;1883A;Centrum;Bra hälsa (%);2023;68,5;137;200;Liv & hälsa\n"
            "1883;1883B;Norr;Bra hälsa (%);2023;71;;;Liv & hälsa\n")
    (tmp_path / "utf8.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "ansi.csv").write_bytes(text.encode("cp1252"))
    for name in ("utf8.csv", "ansi.csv"):
        assert cli.main(["data", "import-omraden", str(tmp_path / name), "--data-store", str(folder)]) == 0
    assert "Läste in 2 rader för Karlskoga" in capsys.readouterr().out
    saved = own_areas.stored(folder)
    assert len(saved) == 2 and saved["varde"].tolist() == [68.5, 71.0]  # the second import replaced the first
    found = within.own_values("1883", folder)
    centrum = next(v for v in found if v.name == "Centrum")
    assert centrum.interval == stats.wilson(137, 200, 0.95, 100)
    rows = within.rows(areas.kommun("1883"), "oversikt", folder)
    assert [r["area"] for r in rows if r["level"] == "omrade"] == ["1883A", "1883B"]


def test_the_lowest_school_is_one_with_a_value():
    found = within.schools(STOCKHOLM)
    assert all(s.merit_value is None or s.merit_value == s.merit_value for s in found)  # None, never NaN
    text = " ".join(within_text.schools_sentences("Stockholm", found))
    assert "(uppgift saknas)" not in text and "lägst i" in text
