"""Local goals: read from params with clear errors, followed up by a stated rule on real Kolada
values (recomputed here independently), shown in the briefing and the council document, and
exported for the kommun's steering system."""

import datetime
import re

import numpy as np
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from jamlik.base import paths
from jamlik.base.errors import ParamsError
from jamlik.data import areas, catalog
from jamlik.documents import goal_workbook
from jamlik.documents.briefing import Briefing
from jamlik.running import cli, params, run
from jamlik.statistics import goals

EXAMPLE = {"barn_lag_ek_standard": {"malvarde": 15, "ar": 2030, "namnd": "Socialnämnden",
                                    "kommunens_mal": "Alla barn ska ha goda uppväxtvillkor"}}
TODAY = datetime.date(2026, 11, 25)
NOTEBOOK = paths.notebooks_dir() / "01_tidiga_ar.ipynb"


def test_the_issue_example_reads_as_written():
    goal = goals.parse(EXAMPLE, TODAY)["barn_lag_ek_standard"]
    assert (goal.target, goal.year, goal.committee, goal.aim) == (15.0, 2030, "Socialnämnden",
                                                                 "Alla barn ska ha goda uppväxtvillkor")
    assert goal.lower_is_better and goal.target_text == "högst 15\xa0% senast 2030"
    assert goal.met_by(15.0) and not goal.met_by(15.1)


@pytest.mark.parametrize("content, message", [
    ("mal:\n  barn_lag_ek_standar:\n    malvarde: 15\n    ar: 2030\n",
     "mal.barn_lag_ek_standar: Okänd indikator 'barn_lag_ek_standar'. Menade du barn_lag_ek_standard"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n", "mal.barn_lag_ek_standard: målåret saknas; ange 'ar'."),
    ("mal:\n  barn_lag_ek_standard:\n    ar: 2030\n", "målvärdet i indikatorns enhet saknas; ange 'malvarde'."),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n    ar: 2020\n",
     "mal.barn_lag_ek_standard.ar 2020 har redan varit; ange ett målår från"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 150\n    ar: 2030\n",
     "mal.barn_lag_ek_standard.malvarde 150 kan inte vara ett värde för barn 0–19 år med låg ekonomisk standard"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: '15 %'\n    ar: 2030\n", ".malvarde ska vara ett tal"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n    ar: '2030'\n", ".ar ska vara ett årtal"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n    ar: 2030\n    namnd: 7\n", ".namnd ska vara en text"),
    ("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n    ar: 2030\n    nämnd: Soc\n", "okänd nyckel 'nämnd'"),
    ("mal:\n  barn_lag_ek_standard: 15\n", "mal.barn_lag_ek_standard ska vara en tabell med nycklarna"),
    ("mal:\n  invanare:\n    malvarde: 30000\n    ar: 2030\n", "varken högre eller lägre värde bättre"),
    ("mal:\n  invanare_0_5:\n    malvarde: 3\n    ar: 2030\n", "befolkningsuppgift"),
    ("mal: [barn_lag_ek_standard]\n", "parametern 'mal' ska vara en tabell"),
])
def test_a_bad_goal_is_one_line_naming_file_and_key(tmp_path, content, message):
    path = tmp_path / "1883.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ParamsError) as caught:
        params.validate(params.load_yaml(path), params.declared(NOTEBOOK), str(path))
    text = str(caught.value)
    assert "\n" not in text and text.startswith(str(path)) and message in text, text


@pytest.fixture(autouse=True, scope="module")
def _today():
    """The statuses below are pinned to this session's calendar year: target years from 2027 are
    in the future, whenever the tests run (in-process; a notebook's kernel reads the real date)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(goals, "this_calendar_year", lambda: TODAY.year)
        yield


@pytest.fixture(scope="module")
def briefings(real_store, _today):
    """Real Kolada values; one briefing per kommun, goals of every kind."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JAMLIK_STORE", str(real_store))
        return {k: _briefing(k) for k in ("1883", "2480", "0180")}


def _briefing(kommun: str) -> Briefing:
    wanted = {"barn_lag_ek_standard": {"malvarde": 15, "ar": 2030, "namnd": "Socialnämnden"},
              "gymnasieexamen_3ar": {"malvarde": 80, "ar": 2028},
              "sysselsattning": {"malvarde": 75, "ar": 2030},
              "medellivslangd_kvinnor": {"malvarde": 85, "ar": 2035},
              "mpr_vaccination": {"malvarde": 97, "ar": 2027}}
    return Briefing(kommun, "oversikt", 0, goals=wanted)


def recomputed_line(briefing: Briefing, indicator_id: str, years: list[int]) -> np.ndarray:
    """The straight line through the kommun's published values, from the store's rows directly."""
    rows = briefing.findings.rows_of(indicator_id)
    own = rows[(rows["area"] == briefing.kommun.code) & (rows["sex"] == "T") & rows["year"].isin(years)]
    own = own.dropna(subset=["value"]).sort_values("year")
    return np.polyfit(own["year"].astype(float), own["value"].astype(float), 1)


def test_status_follows_the_stated_rule_on_real_values(briefings):
    karlskoga, umea, stockholm = briefings["1883"], briefings["2480"], briefings["0180"]
    # Karlskoga child poverty: 24 % in 2022, no significant change 2018–2022 (chi-square) -> not on track
    status = karlskoga.goal_status("barn_lag_ek_standard")
    assert (status.value, status.value_year, status.status) == (24.0, 2022, goals.OFF_TRACK)
    assert status.reason == "ingen säkerställd förbättring 2018–2022"  # chi-square, not significant
    # employment 81,8 % against a target of at least 75 %: reached
    assert karlskoga.goal_status("sysselsattning").status == goals.REACHED
    # MPR has two years in the snapshot: a trend, and so the goal, cannot be judged
    mpr = karlskoga.goal_status("mpr_vaccination")
    assert mpr.status == goals.UNKNOWN and mpr.reason.startswith("bara två värden över tid")
    # Umeå: women's life expectancy rises over 2012, 2017, 2022; the line reaches 85 before 2035
    life = umea.goal_status("medellivslangd_kvinnor")
    slope, intercept = recomputed_line(umea, "medellivslangd_kvinnor", [2012, 2017, 2022])
    assert life.projected == pytest.approx(slope * 2035 + intercept)
    assert life.projected >= 85 and life.status == goals.ON_TRACK
    # Karlskoga improves too, but at that pace reaches only 84,7 years in 2035
    slow = karlskoga.goal_status("medellivslangd_kvinnor")
    assert slow.status == goals.OFF_TRACK
    assert slow.reason == ("märkbar förbättring från 2008–2012 till 2018–2022, men i samma takt skulle värdet år "
                           "2035 bli omkring 84,7\xa0år")  # no test for a mean: "märkbar", never "säkerställd"
    assert slow.period == "2018–2022"
    # Stockholm: graduation within three years improves significantly, and fast enough for 80 % in 2028
    school = stockholm.goal_status("gymnasieexamen_3ar")
    slope, intercept = recomputed_line(stockholm, "gymnasieexamen_3ar", list(range(2018, 2023)))
    assert school.projected == pytest.approx(slope * 2028 + intercept) and school.projected >= 80
    assert school.status == goals.ON_TRACK


def test_goals_show_in_the_indicator_section_and_on_their_own_page(briefings, monkeypatch):
    shown = []
    monkeypatch.setattr("jamlik.documents.briefing.display", lambda html, metadata=None: shown.append(html.data))
    briefing = briefings["1883"]
    briefing.show_indicator("barn_lag_ek_standard")
    section = shown[-1]
    assert "Målvärde (Socialnämnden): högst 15\xa0% senast 2030. Senaste värde 24,0\xa0% (2022)." in section
    assert "Inte på väg: ingen säkerställd förbättring 2018–2022." in section
    assert "Kvar till målet (procentenheter), högst 15\xa0% senast 2030" in section and ">9,0<" in section  # 24 − 15
    assert "En svart linje med en stjärna visar kommunens mål" in section  # the chart's alt text names the goal
    briefing.show_goals()
    page = shown[-1]
    assert "<!--jamlik:part goals-->" in page and "Mål och uppföljning" in page
    assert ("Karlskoga följer upp fem mål. Ett är nått, tre är inte på väg att nås och ett kan inte bedömas. "
            "De senaste värdena är från 2022.") in page
    assert "<!--jamlik:goalref barn_lag_ek_standard off_track-->" in page  # for the council's links and count
    assert "Små linjediagram, ett per mål" in page  # every goal drawn, with its status in the alt text
    assert page.index("Socialnämnden") < page.index("Nämnd ej angiven")  # named committees first


def test_nothing_of_goals_appears_without_goals(use_real_store, monkeypatch):
    shown = []
    monkeypatch.setattr("jamlik.documents.briefing.display", lambda html, metadata=None: shown.append(html.data))
    briefing = Briefing("1883", "oversikt", 0)
    briefing.show_goals()
    briefing.show_indicator("barn_lag_ek_standard")
    briefing.show_about()
    assert len(shown) == 2 and not any("Mål" in html or "målet" in html for html in shown)


def test_workbook_row_has_what_a_steering_system_needs(briefings, tmp_path):
    table = goal_workbook.rows(briefings["1883"])
    row = dict(zip(goal_workbook.COLUMNS, table[0], strict=True))
    assert row == {"Indikator": "Barn 0–19 år med låg ekonomisk standard", "Kolada-id": "N66077",
                   "Nämnd": "Socialnämnden", "Kommunens mål": "", "Senaste värde": 24.0, "År": 2022,
                   "Målvärde": 15.0, "Målår": 2030, "Status": "Inte på väg",
                   "Källa": "Kolada (RKA), ögonblicksbild 2024-08-30", "Hämtad": "2024-08-30", "Period": "2022",
                   "KI nedre": 23.0, "KI övre": 25.0, "Kvar till målet": 9.0,
                   "Förändring per år hittills": 0.0,  # 24 % every year 2018–2022
                   "Behövd förändring per år": -1.13,  # (15 − 24) / (2030 − 2022), rounded half up
                   "Beräknat värde vid målåret": 24.0, "Enhet": "procent", "Riktning": "högst",
                   "Motivering": "ingen säkerställd förbättring 2018–2022", "Kommunkod": "1883",
                   "Kommun": "Karlskoga", "Indikator-id": "barn_lag_ek_standard"}
    values = dict(zip(goal_workbook.COLUMNS, table[1], strict=True))
    assert values["Senaste värde"] == 63.3  # rounded as the briefing shows it
    sheet = load_workbook(goal_workbook.write(tmp_path / "m.xlsx", table)).active
    assert sheet["E2"].value == 24 and sheet["E2"].number_format == "0.0"  # a number, shown as 24,0 in Excel
    assert sheet["Q2"].number_format == "0.00"


@pytest.mark.slow
def test_council_document_and_workbook_with_the_issue_example(use_real_store, tmp_path, capsys):
    """The done-when of the issue: Karlskoga's example goal on a page "Mål och uppföljning" in the
    council document, and as a row of Karlskoga-mal.xlsx, from one `jamlik run`."""
    goals_file = tmp_path / "mal.yaml"
    goals_file.write_text("mal:\n  barn_lag_ek_standard:\n    malvarde: 15\n    ar: 2030\n"
                          "    namnd: Socialnämnden\n    kommunens_mal: \"Alla barn ska ha goda uppväxtvillkor\"\n",
                          encoding="utf-8")
    out = tmp_path / "ut"
    assert cli.main(["run", "--kommun", "Karlskoga", "--tema", "oversikt", "tidiga_ar", "--params", str(goals_file),
                     "--ut", str(out)]) == 0
    folder = out / "2022" / "1883-Karlskoga"
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(folder / "Karlskoga-samlad.pdf").pages]
    assert "Mål och uppföljning" in pages[0]  # in the contents
    goal_page = next(p for p in pages[1:] if "Mål och uppföljning" in p)
    assert "Socialnämnden" in goal_page and "Alla barn ska ha goda uppväxtvillkor" in goal_page
    assert "Inte på väg" in goal_page and "högst 15 % senast 2030" in goal_page
    assert "Läs mer på sidan" in goal_page  # the goal's indicator has its section in the document
    assert "Kommunens egna mål Karlskoga följer upp ett mål. Det är inte på väg att nås." in pages[1]
    method = " ".join(pages[-2:])
    assert "Mål och uppföljning: målen är kommunens egna" in method and "ingen prognos" in method
    sheet = load_workbook(folder / "Karlskoga-mal.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Indikator", "Kolada-id", "Nämnd", "Kommunens mål") and len(rows) == 2
    assert rows[1][:9] == ("Barn 0–19 år med låg ekonomisk standard", "N66077", "Socialnämnden",
                           "Alla barn ska ha goda uppväxtvillkor", 24, 2022, 15, 2030, "Inte på väg")
    assert "Mål: " in capsys.readouterr().out
    index = (out / "2022" / "index.html").read_text(encoding="utf-8")
    assert '<a href="1883-Karlskoga/Karlskoga-mal.xlsx">Kommunens mål och deras status (Excel, ' in index
    # the same file from `jamlik mal`, with nothing else run
    (folder / "Karlskoga-mal.xlsx").unlink()
    assert cli.main(["mal", "--kommun", "Karlskoga", "--params", str(goals_file), "--ut", str(out)]) == 0
    assert list(load_workbook(folder / "Karlskoga-mal.xlsx").active.iter_rows(values_only=True)) == rows


def test_jamlik_mal_says_plainly_when_there_are_no_goals(use_real_store, tmp_path, capsys):
    assert cli.main(["mal", "--kommun", "Bjurholm", "--ut", str(tmp_path)]) == 0
    assert "Bjurholm har inga mål i sina inställningar. Lägg till 'mal:' i params/kommuner/2403.yaml" in \
        capsys.readouterr().out
    assert not any(tmp_path.rglob("*.xlsx"))


def test_every_theme_notebook_takes_goals():
    for theme in run.themes_with_notebooks():
        declared = params.declared(run.notebook_path(theme))
        assert declared["mal"]["inferred_type_name"] == "dict", theme.id
    assert catalog.indicator("barn_lag_ek_standard").polarity == "lower"


def test_goals_on_demo_values_say_so_in_the_workbook():
    """The session's default store holds demo values: the steering export must never pass them off
    as Kolada's."""
    briefing = Briefing("1883", "oversikt", 0, goals=EXAMPLE)
    (row,) = goal_workbook.rows(briefing)
    assert row[goal_workbook.COLUMNS.index("Källa")] == "Demodata – inte officiell statistik"


def test_counts_read_as_swedish():
    assert goals.count_text("Umeå", [goals.REACHED] * 3 + [goals.OFF_TRACK]) == \
        "Umeå följer upp fyra mål. Tre är nådda och ett är inte på väg att nås."
    assert goals.count_text("Umeå", [goals.ON_TRACK]) == "Umeå följer upp ett mål. Det är på väg att nås."


def test_a_value_is_judged_as_printed():
    """15,04 % is printed 15,0 %: it reaches "högst 15 %", and nothing is left to go."""
    goal = goals.parse(EXAMPLE, TODAY)["barn_lag_ek_standard"]
    assert goal.met_by(15.04) and goal.left(15.04) == 0
    assert not goal.met_by(15.05) and goal.left(15.05) == pytest.approx(0.1)


@pytest.mark.parametrize("target", [".inf", "1e400", "10" * 30, ".nan"])
def test_targets_that_are_no_numbers_are_one_line(tmp_path, target):
    path = tmp_path / "1883.yaml"
    path.write_text(f"mal:\n  avstand_natur:\n    malvarde: {target}\n    ar: 2030\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"mal.avstand_natur.malvarde ska vara ett tal"):
        params.validate(params.load_yaml(path), params.declared(NOTEBOOK), str(path))


def test_a_target_year_that_has_come_is_not_on_track(use_real_store):
    """Karlskoga's latest child poverty value is from 2022: a goal for 2022 not met is missed."""
    briefing = Briefing("1883", "tidiga_ar", 0, goals={"barn_lag_ek_standard": {"malvarde": 15, "ar": 2030}})
    status = goals.follow_up(goals.Goal(briefing.goals["barn_lag_ek_standard"].indicator, 15.0, 2022, "", ""),
                             briefing.result("barn_lag_ek_standard"))
    assert status.status == goals.OFF_TRACK and status.reason == "målåret 2022 har nåtts utan att målvärdet nåtts"
    assert status.needed_per_year is None


def test_a_reached_goal_inside_the_interval_says_so(use_real_store):
    """Bjurholm's child poverty, 22,0 % (95 % KI 18,6–25,8): "högst 23 %" is reached, but only just."""
    briefing = Briefing("2403", "tidiga_ar", 0, goals={"barn_lag_ek_standard": {"malvarde": 23, "ar": 2030}})
    status = briefing.goal_status("barn_lag_ek_standard")
    assert status.status == goals.REACHED
    assert status.reason == "22,0\xa0% är under målvärdet 23\xa0% men inom felmarginalen (95 % KI 18,6–25,8)"


def test_goals_belong_in_the_kommun_file(tmp_path, monkeypatch, capsys):
    """Goals in defaults.yaml, a batch file or a --params file for several kommuner would give every
    kommun the same goals; a goal on an excluded indicator would show on one page and not another."""
    root = tmp_path / "ws"
    (root / "params" / "kommuner").mkdir(parents=True)
    (root / "notebooks").symlink_to(paths.notebooks_dir())
    (root / "params" / "defaults.yaml").write_text("mal:\n  fetma: {malvarde: 10, ar: 2030}\n", encoding="utf-8")
    monkeypatch.chdir(root)
    with pytest.raises(ParamsError, match="params/defaults.yaml: 'mal' hör hemma i params/kommuner/<kod>.yaml"):
        params.merged(NOTEBOOK, "1883")
    (root / "params" / "defaults.yaml").write_text("exclude: [fetma]\n", encoding="utf-8")
    (root / "params" / "kommuner" / "1883.yaml").write_text("mal:\n  fetma: {malvarde: 10, ar: 2030}\n",
                                                          encoding="utf-8")
    with pytest.raises(ParamsError, match="Kommun 1883: fetma har ett mål men utesluts med 'exclude'"):
        params.merged(NOTEBOOK, "1883")
    shared = tmp_path / "mal.yaml"
    shared.write_text("mal:\n  fetma: {malvarde: 10, ar: 2030}\n", encoding="utf-8")
    assert cli.main(["run", "--kommun", "1883", "1862", "--params", str(shared), "--dry-run"]) == 2
    assert "skulle gälla alla 2 kommuner i körningen" in capsys.readouterr().err
    batch_file = tmp_path / "batch.yaml"
    batch_file.write_text("kommuner: [1883]\nparametrar:\n  mal: {fetma: {malvarde: 10, ar: 2030}}\n",
                          encoding="utf-8")
    assert cli.main(["run", "--batch", str(batch_file), "--dry-run"]) == 2
    assert "inte i en batchfil som gäller alla dess kommuner" in capsys.readouterr().err


def test_removed_goals_take_their_workbook_away(use_real_store, tmp_path):
    goals_file = tmp_path / "mal.yaml"
    goals_file.write_text("mal:\n  barn_lag_ek_standard: {malvarde: 15, ar: 2030}\n", encoding="utf-8")
    kommun = areas.kommun("1883")
    made = run.make_goal_workbook(kommun, 0, tmp_path / "ut", goals_file)
    assert made.is_file()
    goals_file.write_text("peers: []\n", encoding="utf-8")
    assert run.make_goal_workbook(kommun, 0, tmp_path / "ut", goals_file) is None and not made.exists()


def test_goal_charts_fill_the_column_and_split_when_many(briefings):
    """One goal is drawn as wide as two (a lone half panel would be scaled up to the column); more
    than eight go into several figures, so none is taller than half a page."""
    import io

    from PIL import Image

    from jamlik.charts import figures as charts

    briefing = briefings["1883"]
    pairs = [(briefing.result(i), briefing.goal_status(i)) for i in briefing.goals]
    width = {n: Image.open(io.BytesIO(charts.goal_panels(pairs[:n])[0].png)).width for n in (1, 2)}
    assert width[1] > 0.9 * width[2]
    assert [len(c.alt.split(" mål ")) - 1 for c in charts.goal_panels(pairs * 2)] == [8, 2]


@pytest.mark.slow
def test_council_document_without_the_overview_still_has_the_goals_page(use_real_store, tmp_path):
    """The overview draws the goals page; run without it, the council builds the page from the
    themes' rows (no charts), for the goals on their indicators."""
    goals_file = tmp_path / "mal.yaml"
    goals_file.write_text("mal:\n  barn_lag_ek_standard: {malvarde: 15, ar: 2030, namnd: Socialnämnden,"
                          " kommunens_mal: Alla barn ska ha goda uppväxtvillkor}\n"
                          "  gymnasieexamen_3ar: {malvarde: 80, ar: 2030}\n"
                          "  sysselsattning: {malvarde: 80, ar: 2030}\n", encoding="utf-8")
    out = tmp_path / "ut"
    assert cli.main(["run", "--kommun", "1883", "--tema", "tidiga_ar", "skolaldern", "--params", str(goals_file),
                     "--ut", str(out)]) == 0
    pdf = out / "2022" / "1883-Karlskoga" / "Karlskoga-samlad.pdf"
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(pdf).pages]
    goal_page = next(p for p in pages[1:] if "Mål och uppföljning" in p)
    # sysselsättning belongs to a theme not in the run: two goals, and the i korthet page agrees
    assert "Karlskoga följer upp två mål." in goal_page and "Sysselsättningsgrad" not in goal_page
    assert "Karlskoga följer upp två mål." in pages[1]
    assert "Alla barn ska ha goda uppväxtvillkor" in goal_page and "Gymnasieexamen inom 3 år" in goal_page


def test_a_worsening_is_named_by_its_test(use_real_store):
    """Karlskoga's turnout fell from 83,6 % (2014) to 82,0 % (2022), significantly by the chi-square
    test for trend over the three elections."""
    briefing = Briefing("1883", "miljoer", 0, goals={"valdeltagande": {"malvarde": 85, "ar": 2030}})
    status = briefing.goal_status("valdeltagande")
    assert (status.status, status.reason) == (goals.OFF_TRACK, "säkerställd försämring 2014–2022")
