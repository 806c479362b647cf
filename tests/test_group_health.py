"""Health by education and birth region, from the bundled real survey (HLV, Region Dalarna), checked
against hand computations; and the import of another region's survey."""

import math
import shutil

import pytest

from jamlik.data import areas, health_groups, own_groups
from jamlik.statistics import group_health, stats
from jamlik.writing import group_health_text

HEDEMORA, BORLANGE, KARLSKOGA = "2083", "2081", "1883"


def _hedemora(real_table):
    return group_health.assess(HEDEMORA, 2022, real_table)


def test_the_bundled_survey_matches_its_published_check():
    frame = health_groups.bundled()
    row = frame[(frame["area"] == HEDEMORA) & (frame["year"] == 2021) & (frame["breakdown"] == "total")
                & (frame["sex"] == "T") & (frame["measure"] == "sjalvskattad_halsa")].iloc[0]
    assert (row["value"], row["ci_low"], row["ci_high"]) == (69, 65.9, 73.0)  # Kolada's U01405 for 2021


def test_hedemora_s_gap_by_education_is_newcombe_s_from_the_two_intervals(real_table):
    health = _hedemora(real_table)
    assert health.year == 2021  # the latest survey up to the report year
    g = health.by("utbildning")[0]
    assert g.outcome.id == "sjalvskattad_halsa"
    assert [(v.group, v.value, v.interval.lower, v.interval.upper) for v in g.groups] == [
        ("Förgymnasial", 63, 53.9, 72.6), ("Gymnasial", 66, 61.0, 71.7), ("Eftergymnasial", 74, 67.8, 79.6)]
    # by hand: 74 − 63, widened by each group's own distance to its limits (MOVER)
    assert g.gap.value == 11
    assert g.gap.lower == pytest.approx(11 - math.hypot(74 - 67.8, 72.6 - 63))
    assert g.gap.upper == pytest.approx(11 + math.hypot(79.6 - 74, 63 - 53.9))
    assert g.riket_gap.value == 81 - 60 and g.versus == "similar"  # the intervals overlap
    assert group_health_text.gap_sentence(g) == (
        "Andelen med bra eller mycket bra självskattad hälsa är 11 procentenheter högre bland dem med "
        "eftergymnasial utbildning än bland dem med förgymnasial utbildning (95 % konfidensintervall för "
        "skillnaden −0,4 till 21,7), en skillnad som inte är säkerställd; i riket är den 21 "
        "procentenheter högre.")


def test_the_sii_is_a_weighted_regression_on_the_kommun_s_own_education_mix(real_table):
    g = _hedemora(real_table).by("utbildning")[0]
    low, high = 14.012738, 28.052581  # Kolada N01984 and N01982 for Hedemora 2021, 25–64 år
    assert g.weights.year == 2021 and g.weights.shares == pytest.approx((low, 100 - low - high, high), abs=1e-5)
    # by hand: midpoints of the cumulative shares, weighted least squares, fitted from 0 to 1
    w = [low / 100, (100 - low - high) / 100, high / 100]
    x = [w[0] / 2, w[0] + w[1] / 2, w[0] + w[1] + w[2] / 2]
    y = [63, 66, 74]
    mx, my = sum(a * b for a, b in zip(w, x, strict=True)), sum(a * b for a, b in zip(w, y, strict=True))
    slope = (sum(a * (b - mx) * (c - my) for a, b, c in zip(w, x, y, strict=True))
             / sum(a * (b - mx) ** 2 for a, b in zip(w, x, strict=True)))
    assert g.sii.sii.value == pytest.approx(slope) and round(slope, 1) == 15.2
    assert g.sii.sii.lower < slope < g.sii.sii.upper
    assert round(g.riket_sii.sii.value, 1) == 25.6


def test_borlange_s_sentences_and_a_group_with_too_few_answers(real_table):
    health = group_health.assess(BORLANGE, 2022, real_table)
    text = group_health_text.sentences("Borlänge", health, "utbildning")
    assert text[0].startswith("Andelen med bra eller mycket bra självskattad hälsa är 20 procentenheter högre bland "
                              "dem med eftergymnasial utbildning")
    assert "en skillnad som är säkerställd; i riket är den 21 procentenheter högre." in text[0]
    assert text[1].startswith("Lutningsindex (SII) för bra eller mycket bra självskattad hälsa är 28,5 procentenheter "
                              "(95 % konfidensintervall 15,2 till 41,8, säkerställt)")
    # Hedemora's men born outside Europe: 100 % from 100 to 100, too few answers for an interval
    frame = health_groups.values()
    found = group_health.group_values(frame, HEDEMORA, "sjalvskattad_halsa", "fodelseland", 2021, "M")
    assert next(v for v in found if v.group == "Övriga världen").interval is None


@pytest.mark.parametrize("gap, riket, expected", [
    ((20, 15, 25), (10, 9, 11), "larger"),
    ((-20, -25, -15), (-10, -11, -9), "larger"),
    ((5, 3, 7), (20, 19, 21), "smaller"),
    ((11, -0.4, 21.7), (21, 19.5, 22.5), "similar"),
])
def test_a_gap_is_larger_than_riket_s_only_beyond_both_intervals(gap, riket, expected):
    assert group_health.versus(stats.Interval(*gap, "Newcombe"), stats.Interval(*riket, "Newcombe")) == expected


def test_the_findings_rows_and_page_two_read_the_same_judgement(real_table):
    health = group_health.assess(BORLANGE, 2022, real_table)
    rows = group_health.rows(health, areas.kommun(BORLANGE), "oversikt")
    gaps = [r for r in rows if r["group"].startswith("skillnad") and r["sex"] == "T"]
    assert {r["breakdown"] for r in rows} == {"utbildning", "fodelseland"} and all(r["level"] == "grupp" for r in rows)
    assert {r["gap_versus"] for r in gaps} <= {"larger", "smaller", "similar"}
    line = group_health_text.page_line(rows)
    # no gap by education is larger than Riket's beyond both intervals in Borlänge: the line says so
    assert group_health.largest_unfair_row(rows) is None and health.largest_unfair() is None
    assert ("Ingen skillnad i hälsa efter utbildning är säkerställt större än i riket "
            "(enkäten 2018–2021)") in line
    assert line.startswith("Andelen med bra eller mycket bra självskattad hälsa är 20 procentenheter högre")
    obesity = next(r for r in gaps if r["indicator"] == "enkat_fetma" and r["breakdown"] == "utbildning")
    made = [dict(r, gap_versus="larger") if r is obesity else r for r in rows]
    assert group_health_text.page_line(made).startswith("Andelen med fetma är 21 procentenheter lägre bland dem med "
                                                       "eftergymnasial utbildning")


def test_dalarna_s_survey_indicators_get_the_survey_s_margin_and_a_verdict(use_real_store):
    from jamlik.documents.briefing import Briefing

    r = Briefing("Hedemora", "oversikt", 2022).result("sjalvskattad_halsa")
    # Kolada's 2022 value has no margin; 2021's is the survey's own estimate, 69 (65,9–73,0), and its
    # interval is printed as the source gives it, never re-centred (docs/bedomning.md §1)
    assert r.year == 2021 and r.value == 69
    assert (r.uncertainty.ci.lower, r.uncertainty.ci.upper) == pytest.approx((65.9, 73.0))
    assert r.riket.method == "interval" and r.rank is not None
    karlskoga = Briefing("Karlskoga", "oversikt", 2022).result("sjalvskattad_halsa")
    assert karlskoga.year == 2022 and karlskoga.uncertainty.ci is None and karlskoga.rank is None


def test_a_survey_value_is_named_by_the_years_it_pools(use_real_store):
    """Kolada: outside the CDUST regions U01405 pools Folkhälsomyndigheten's survey over T-3 to T;
    Örebro län's Liv & hälsa is one year. The period is printed wherever the value is."""
    from jamlik.data import catalog
    from jamlik.documents import sections
    from jamlik.documents.briefing import Briefing
    from jamlik.writing import glance, narrative

    hedemora = Briefing("Hedemora", "oversikt", 2022)
    r = hedemora.result("sjalvskattad_halsa")
    assert r.period == "2018–2021"
    assert narrative.value_sentence(r).startswith("Under 2018–2021 var andelen")
    row = sections.overview_row(hedemora, hedemora.findings["sjalvskattad_halsa"])
    assert row[1] == "2018–2021"
    karlskoga = Briefing("Karlskoga", "oversikt", 2022).result("sjalvskattad_halsa")
    assert karlskoga.period == "2022" and narrative.value_sentence(karlskoga).startswith("År 2022 var")
    assert Briefing("Hedemora", "oversikt", 2022).result("medellivslangd_kvinnor").period == "2018–2022"
    rows = hedemora.findings.rows("oversikt", ["sjalvskattad_halsa"])
    own = next(r for r in rows if r["area"] == "2083" and r["sex"] == "T")
    assert own["period"] == "2018–2021" and next(r for r in rows if r["area"] == "0000")["period"] == "2021"
    # page 2 names the kommun's pooled years beside Riket's one year
    assert glance._health_sentence(catalog.indicator("sjalvskattad_halsa"),
                                   own).startswith("Bra självskattat hälsotillstånd: 69,0\xa0% (2018–2021), i nivå "
                                                   "med riket (73,0\xa0% 2021)")


def test_a_kommun_without_a_survey_says_so_and_tells_the_analyst_how_to_add_one(use_real_store, monkeypatch):
    from jamlik.documents import briefing as facade
    from jamlik.documents import style

    shown = []
    monkeypatch.setattr(facade, "display", lambda obj, metadata=None: shown.append((obj.data, metadata)))
    facade.Briefing("Karlskoga", "oversikt", 2022).show_health_by_group()
    (section, _), (note, meta) = shown
    assert "Uppgifter om hälsa efter utbildning och födelseland finns ännu inte för Karlskoga" in section
    assert "jamlik data" not in section and "<figure" not in section  # a council reads the section
    assert "jamlik data import-grupper FIL" in note and meta == style.ANALYST_META  # the notebook only


HEADER = "kommun,indelning,grupp,kon,matt,ar,varde,ki_lag,ki_hog,n,kalla\n"


@pytest.mark.parametrize("body, message", [
    ("Atlantis,utbildning,Gymnasial,T,m,2021,5,,,,x\n", "rad 2, kolumnen 'kommun': Okänt område 'Atlantis'"),
    ("1883,yrke,Gymnasial,T,m,2021,5,,,,x\n", "rad 2, kolumnen 'indelning': 'yrke' är ingen indelning"),
    ("1883,utbildning,Högskola,T,m,2021,5,,,,x\n", "rad 2, kolumnen 'grupp': 'Högskola' är ingen grupp"),
    ("1883,utbildning,Gymnasial,X,m,2021,5,,,,x\n", "rad 2, kolumnen 'kon': 'X' är inget kön"),
    ("1883,utbildning,Gymnasial,T,m,2021,105,,,,x\n", "rad 2, kolumnen 'varde': 105 är ingen andel"),
    ("1883,utbildning,Gymnasial,T,m,2021,50,40,,,x\n", "rad 2, kolumnen 'ki_hog': ange både ki_lag och ki_hog"),
    ("1883,utbildning,Gymnasial,T,m,2021,50,55,60,,x\n", "rad 2, kolumnen 'ki_lag': intervallet 55–60 omfattar inte"),
    ("1883,utbildning,Gymnasial,T,m,2021,50,,,,x\n1883,utbildning,Gymnasial,T,m,2021,51,,,,x\n",
     "rad 3: samma kommun, indelning, grupp, kön, mått och år som rad 2"),
    ("", "filen har en rubrikrad men inga rader med värden"),
])
def test_hostile_group_files_are_one_line_exit_2_and_leave_the_store_alone(tmp_path, capsys, demo_store, body,
                                                                           message):
    from jamlik.running import cli

    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    before = sorted(p.name for p in folder.iterdir())
    bad = tmp_path / "grupper.csv"
    bad.write_text(HEADER + body, encoding="utf-8")
    assert cli.main(["data", "import-grupper", str(bad), "--data-store", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_imported_survey_is_shown_beside_riket_s(tmp_path, capsys, real_store):
    from jamlik.data.datastore import open_store
    from jamlik.running import cli

    folder = tmp_path / "store"
    shutil.copytree(real_store, folder)
    text = ("kommun;indelning;grupp;kön;mått;år;värde;ki_låg;ki_hög;n;källa\n"
            "Karlskoga;utbildning;förgymnasial;T;Bra eller mycket bra självskattad hälsa;2021;58;52,1;63,9;280;"
            "Liv & hälsa 2021\n"
            "Karlskoga;utbildning;Gymnasial;Totalt;sjalvskattad_halsa;2021;68;65;71;900;Liv & hälsa 2021\n"
            "Karlskoga;utbildning;Eftergymnasial;T;sjalvskattad_halsa;2021;78;74,5;81,5;600;Liv & hälsa 2021\n")
    (tmp_path / "ansi.csv").write_bytes(text.encode("cp1252"))
    assert cli.main(["data", "import-grupper", str(tmp_path / "ansi.csv"), "--data-store", str(folder)]) == 0
    assert "Läste in 3 rader för Karlskoga" in capsys.readouterr().out
    assert len(own_groups.stored(folder)) == 3
    data, _ = open_store(folder)
    health = group_health.assess(KARLSKOGA, 2022, data, folder)
    g = health.by("utbildning")[0]
    assert health.year == 2021 and [v.value for v in g.groups] == [58, 68, 78]
    assert g.gap.value == 20 and g.riket_gap.value == 21  # Riket's from the bundled survey, the same year
    assert "Liv & hälsa 2021" in health.sources and g.sii is not None


def test_the_lan_report_sets_dalarna_s_kommuner_side_by_side(use_real_store, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    from jamlik.documents import lan_report

    shown = []
    monkeypatch.setattr(lan_report, "display", lambda html, metadata=None: shown.append(html.data))
    InteractiveShell.instance()
    lan_report.LanReport("20", 2022).show_health_by_group()
    assert "Hedemora" in shown[0] and "Borlänge" in shown[0] and "enkäten 2021" in shown[0]
    shown.clear()
    lan_report.LanReport("17", 2022).show_health_by_group()
    assert "finns inga uppgifter om hälsa efter utbildning" in shown[0]
