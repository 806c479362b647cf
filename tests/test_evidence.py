"""The evidence file: every indicator with a direction has actions, every action a source that
``evidence_sources.md`` quotes; and the analyst's own rows in the workspace, checked as strictly."""

import csv
import datetime
import re
from pathlib import Path

import pytest

from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import catalog, evidence

ROWS = list(csv.DictReader(open(PACKAGE_DATA / "evidence.csv", encoding="utf-8", newline="")))
SOURCES_MD = (PACKAGE_DATA / "evidence_sources.md").read_text(encoding="utf-8")


def quoted_sources(text: str) -> dict[str, dict]:
    """``evidence_sources.md`` by address: each source's title, publisher, year and quotes."""
    found = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        title, _, body = block.partition("\n")
        fields = dict(re.findall(r"^- (Utgivare|År|Adress): (.+)$", body, flags=re.M))
        quotes = re.findall(r"^- Citat: ”(.+)”$", body, flags=re.M)
        found[fields["Adress"]] = {"title": title.strip(), "utgivare": fields["Utgivare"], "ar": fields["År"],
                                   "quotes": quotes}
    return found


SOURCES = quoted_sources(SOURCES_MD)


def test_every_indicator_with_a_direction_has_one_to_three_actions():
    counts = {}
    for row in ROWS:
        counts[row["indicator"]] = counts.get(row["indicator"], 0) + 1
    directed = {i.id for i in catalog.package_indicators().values() if i.polarity != "neutral"}
    assert set(counts) == directed, set(counts) ^ directed
    assert all(1 <= n <= 3 for n in counts.values()), {i: n for i, n in counts.items() if not 1 <= n <= 3}


def test_no_field_is_empty_and_every_address_is_https():
    assert list(ROWS[0]) == evidence.COLUMNS
    for number, row in enumerate(ROWS, start=2):
        assert all(value.strip() for value in row.values()), (number, row)
        assert row["url"].startswith("https://"), (number, row["url"])


def test_years_are_plausible():
    this_year = datetime.date.today().year
    assert all(evidence.FIRST_YEAR <= int(row["ar"]) <= this_year for row in ROWS), \
        [row["ar"] for row in ROWS if not evidence.FIRST_YEAR <= int(row["ar"]) <= this_year]


def test_every_source_is_quoted_with_its_address_title_publisher_and_year():
    for row in ROWS:
        source = SOURCES.get(row["url"])
        assert source, f"{row['url']} is not in evidence_sources.md"
        assert (source["title"], source["utgivare"], source["ar"]) == (row["kalla"], row["utgivare"], row["ar"]), row
        assert source["quotes"] and all(len(q) >= 20 for q in source["quotes"]), row["url"]


def test_every_quoted_source_is_cited_by_a_row():
    assert set(SOURCES) == {row["url"] for row in ROWS}


def test_kinds_are_known_and_guidance_says_nothing_evaluated_was_found():
    assert {row["typ"] for row in ROWS} == set(evidence.KINDS)
    for row in ROWS:
        says_so = row["vad_visar"].startswith(evidence.NOTHING_EVALUATED)
        assert says_so == (row["typ"] == evidence.GUIDANCE), row


def test_an_indicator_cites_a_source_once_and_every_row_loads():
    pairs = [(row["indicator"], row["url"]) for row in ROWS]
    assert len(pairs) == len(set(pairs))
    assert len(evidence.package_actions()) == len(ROWS)


def test_actions_put_evaluated_evidence_before_guidance_and_examples():
    found = evidence.actions("valdeltagande")
    assert [a.kind for a in found] == [evidence.EVALUATED, evidence.EXAMPLE]
    assert evidence.first_evaluated("valdeltagande").utgivare == "Electoral Studies"
    assert evidence.first_evaluated("trangboddhet") is None  # guidance only: nothing evaluated was found
    assert evidence.actions("invanare") == []  # neutral: no actions


# --- the analyst's own rows in the workspace ---------------------------------------------------

HEADER = "indicator;insats;vad_visar;styrka;kalla;utgivare;ar;url;typ;kommun\n"
GOOD = ("trangboddhet;Bostadsrådgivning till trångbodda barnfamiljer;Fler familjer fick en större bostad.;"
        "lokalt exempel, inte utvärderat;Boendeprojektet 2024;Karlskoga kommun;2024;;exempel;Karlskoga\n")


@pytest.fixture
def workspace(tmp_path) -> Path:
    (tmp_path / "params").mkdir()
    return tmp_path


def _write(workspace: Path, *lines: str) -> None:
    (workspace / "params" / evidence.WORKSPACE_FILE).write_text(HEADER + "".join(lines), encoding="utf-8")


def test_own_rows_join_the_package_rows_for_their_kommun_only(workspace):
    _write(workspace, GOOD, GOOD.replace(";Karlskoga\n", ";\n").replace("Boendeprojektet", "Länsprojektet"))
    for_karlskoga = evidence.actions("trangboddhet", "1883", workspace)
    assert [(a.kalla, a.local) for a in for_karlskoga] == [
        ("Trångboddhet – konsekvenser för hälsa och skolresultat: Resultat", False),
        ("Boendeprojektet 2024", True),  # the kommun's own example first among the examples
        ("Länsprojektet 2024", True)]
    elsewhere = evidence.actions("trangboddhet", "1880", workspace)
    assert [a.kalla for a in elsewhere if a.local] == ["Länsprojektet 2024"]
    assert for_karlskoga[1].url == "" and for_karlskoga[1].kommun == "1883"


@pytest.mark.parametrize("line, message", [
    (GOOD.replace("trangboddhet", "trangbodhet"), "rad 2: Okänd indikator 'trangbodhet'. Menade du trangboddhet"),
    (GOOD.replace("trangboddhet", "invanare"), "rad 2: indikatorn 'invanare' är varken bättre eller sämre i sig"),
    (GOOD.replace(";exempel;", ";forskning;"), "rad 2, kolumnen 'typ': 'forskning' är ingen typ"),
    (GOOD.replace(";2024;", ";24;"), "rad 2, kolumnen 'ar': '24' är inget rimligt årtal"),
    (GOOD.replace(";;exempel;", ";;utvärderad;"), "rad 2, kolumnen 'url': adressen ska börja med https://"),
    (GOOD.replace(";;exempel;", ";http://x.se;exempel;"), "rad 2, kolumnen 'url': adressen ska börja med https://"),
    (GOOD.replace(";;exempel;", ";https://x.se;vägledning;"), "rad 2, kolumnen 'vad_visar': en rad av typen "
                                                              "vägledning ska börja med ”Inga utvärderade"),
    (GOOD.replace(";Karlskoga\n", ";Narnia\n"), "rad 2, kolumnen 'kommun': Okänd kommun 'Narnia'"),
    (GOOD.replace(";Karlskoga kommun;", ";;"), "rad 2, kolumnen 'utgivare': värde saknas"),
])
def test_a_bad_own_row_is_one_swedish_line_naming_file_row_and_column(workspace, line, message):
    _write(workspace, line)
    with pytest.raises(evidence.EvidenceError) as caught:
        evidence.actions("trangboddhet", "1883", workspace)
    assert str(caught.value).startswith(evidence.WORKSPACE_FILE) and message in str(caught.value), caught.value
    assert "\n" not in str(caught.value)


def test_without_an_own_file_only_the_package_rows_count(workspace):
    assert evidence.workspace_actions(workspace) == ()
    assert [a.local for a in evidence.actions("trangboddhet", "1883", workspace)] == [False]


def test_a_bad_own_row_stops_a_run_before_anything_runs(tmp_path, monkeypatch, capsys):
    from jamlik.running import cli
    from jamlik.running import workspace as workspaces

    made = workspaces.create(tmp_path / "arbetsyta")
    _write(made, GOOD.replace(";2024;", ";tjugo;"))
    monkeypatch.chdir(made)
    monkeypatch.delenv("JAMLIK_HOME", raising=False)
    out = tmp_path / "ut"
    assert cli.main(["run", "--kommun", "1883", "--tema", "tidiga_ar", "--ut", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == "Fel: kunskapsstod.csv, rad 2, kolumnen 'ar': 'tjugo' är inget rimligt årtal (ett år från 1990).\n"
    assert not out.exists()


def test_a_section_worse_than_riket_says_what_has_worked_and_the_annex_lists_its_sources(use_real_store):
    from jamlik.documents import Briefing, kunskapsstod, sections

    b = Briefing("1782", "tidiga_ar", 2022, committees={"socialnämnden": "Social- och omsorgsnämnden"})
    worse = b.findings["barn_placerade"]
    assert kunskapsstod.worse_than_riket(worse.result)  # Filipstad places more children than Riket
    html = sections.indicator(b, worse)
    assert "Det som har visat sig fungera" in html
    assert "Föräldrastödsprogram för familjer där barnet har utagerande beteende." in html
    assert "Styrka: systematisk översikt, kommenterad av SBU (SBU 2019)." in html
    assert "Kan påverkas av kommunen (Social- och omsorgsnämnden: förebyggande stöd" in html
    not_worse = next(b.findings[i.id] for i in b.indicators if i.polarity != "neutral"
                     and b.findings[i.id].result.value is not None
                     and not kunskapsstod.worse_than_riket(b.findings[i.id].result))
    assert "Det som har visat sig fungera" not in sections.indicator(b, not_worse)
    annex = kunskapsstod.annex(b._evidence_shown)
    assert annex.count("<li>") == 2
    assert "https://www.sbu.se/sv/publikationer/sbu-kommentar/foraldrastodsprogram-vid-utagerande" in annex
    assert annex.index("SBU 2019") < annex.index("SBU 2017")  # in the order cited


def test_guidance_and_examples_are_labelled_apart_from_evaluated_evidence():
    from jamlik.documents import kunskapsstod

    html = kunskapsstod.box(evidence.actions("valdeltagande") + evidence.actions("trangboddhet"))
    assert "Vägledning (ingen utvärdering hittades): Följ upp hushåll där fler än två" in html
    assert '<ul class="jamlik-evidence-examples"><li>Lokalt exempel, inte utvärderat: Gratulationskort' in html
    assert "Lokalt exempel" not in html.split("jamlik-evidence-examples")[0]


def _row(indicator, **fields):
    base = {"area": "1782", "year": 2022, "sex": "T", "value": 10.0, "riket": 8.0, "verdict_riket": "similar",
            "verdict_method": "interval", "trend": "similar", "trend_method": "chi2", "trend_window": "2018-2022",
            "trend_first": 10.0, "trend_last": 10.0, "trend_versus_riket": "", "red_red": False, "rank": 100,
            "ranked": 290, "small_numbers": False, "sex_gap": None, "sex_gap_riket": None, "sex_gap_versus": "",
            "spread": 2.0, "indicator": indicator}
    return {**base, **fields}


def test_the_council_sheet_lists_every_action_of_every_concern_most_serious_first():
    from jamlik.data import areas
    from jamlik.documents import council

    worse = dict(verdict_riket="worse", rank=280)
    rows = [("oversikt", _row("barn_lag_ek_standard", value=12.0, **worse)),  # shown twice: counted once, at home
            ("tidiga_ar", _row("barn_lag_ek_standard", value=12.0, **worse)),
            ("forsorjning", _row("langtidsarbetslosa", value=20.0, **worse)),
            ("miljoer", _row("trangboddhet", value=9.0, rank=120))]  # worse half missing: no concern
    sheet = council.evidence_rows(areas.kommun("1782"), rows, {"socialnämnden": "Socialnämnden i Filipstad"})
    assert [(r[0], r[1], r[3]) for r in sheet] == [(1, "langtidsarbetslosa", "forsorjning")] * 2 + \
        [(2, "barn_lag_ek_standard", "tidiga_ar")] * 3
    assert sheet[0][4:6] == ["utvärderad", "Anställningsstöd (nystartsjobb) till dem som länge stått utanför "
                                          "arbetsmarknaden"]
    assert sheet[2][-1].startswith("Kan påverkas av kommunen (Socialnämnden i Filipstad, arbetsmarknadsenheten)")
    assert sheet[0][-1].endswith("(allmän beskrivning, inte kommunens egna nämnder).")  # nothing mapped for it


def test_page_two_says_under_each_concern_what_has_worked_and_who_in_the_kommun_can_act():
    from jamlik.writing import glance, owners

    worse = dict(verdict_riket="worse", rank=280)
    rows = [("forsorjning", _row("langtidsarbetslosa", value=20.0, **worse)),
            ("miljoer", _row("trangboddhet", value=30.0, riket=10.0, **worse)),
            ("forsorjning", _row("sysselsattning", value=90.0, riket=80.0, verdict_riket="better", rank=3))]
    for _, row in rows[:1]:  # as council.write puts the kommun's own committees on its rows
        row["who_can_act"] = owners.who_can_act(catalog.indicator(row["indicator"]).actors,
                                                {"arbetsmarknadsenheten": "Arbetsmarknadsnämnden"})
    page = glance.page("Filipstad", glance.plan(rows, "Filipstad"), set())
    assert ("Det som har visat sig fungera: anställningsstöd (nystartsjobb) till dem som länge stått utanför "
            "arbetsmarknaden (IFAU 2012).") in page
    assert ("Det som har visat sig fungera: inga utvärderade insatser hittades; vägledning: följ upp hushåll där "
            "fler än två personer delar sovrum (Riksrevisionen 2019).") in page  # nothing evaluated: said so
    assert "kommunen (Arbetsmarknadsnämnden, vuxenutbildningen)" in page
    assert page.count("Det som har visat sig fungera") == 2  # concerns only, never under a strength
    # the generic owners of the other concern are said to be generic once, under the page, not on its line,
    # and only where the kommun's own committees do not stand (it has named some)
    assert page.count("allmän beskrivning") == 1 and glance.SOME_GENERIC_OWNERS in page
    for _, row in rows:
        row.pop("who_can_act", None)
    assert glance.GENERIC_OWNERS in glance.page("Filipstad", glance.plan(rows, "Filipstad"), set())
