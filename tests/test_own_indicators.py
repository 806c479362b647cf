"""A workspace's own indicators (params/indikatorer.csv): added to the catalog for that workspace only,
after the package's in their theme; a file with a mistake is refused with one Swedish line naming the
row, exit code 2."""

import pytest

from jamlik.data import catalog
from jamlik.running import cli

HEADER = "id,tema,titel,enhet,riktning,definition,kolada_id,kalla,kan_paverkas_av\n"
SWIMMING = ('simkunniga_ak6,skolaldern,Elever i årskurs 6 som kan simma,procent,hogre_battre,'
            '"Andel elever i årskurs 6 som klarar simkunnighetsprovet.",,"Elevhälsan, Karlskoga kommun",'
            "kommunen (barn- och utbildningsnämnden)\n")


def write(home, text: str, encoding: str = "utf-8"):
    (home / "params" / "indikatorer.csv").write_bytes(text.encode(encoding))


def test_a_new_workspace_has_an_empty_list_of_own_indicators(own_workspace):
    assert (own_workspace / "params" / "indikatorer.csv").read_text(encoding="utf-8") == HEADER
    assert catalog.indicators() == catalog.package_indicators()


def test_own_indicators_follow_the_catalogs_in_their_theme(own_workspace, capsys):
    write(own_workspace, HEADER + SWIMMING
          + "vab_man,Egen försörjning,Mäns andel av VAB-dagarna,%,Högre bättre,,n00945,,\n"
          + "vantetid_bistand,3,Väntetid till första besök,dagar,lagre_battre,,,,\n"
          + "kostnad_per_elev,skolaldern,Kostnad per elev,kr,neutral,,,,\n"
          + "trivsel,2,Trivsel i skolan,poäng,hogre_battre,,,,\n"
          + "skador,miljoer,Skador i trafiken,per 100 000 invånare,lägre är bättre,,,,\n")
    own = {i.id: i for i in catalog.indicators().values() if i.own}
    assert list(own) == ["simkunniga_ak6", "vab_man", "vantetid_bistand", "kostnad_per_elev", "trivsel", "skador"]
    swim = own["simkunniga_ak6"]
    assert (swim.theme, swim.unit, swim.polarity, swim.source, swim.source_id) == \
        ("skolaldern", "procent", "higher", "egen", "")
    assert swim.credit == "Elevhälsan, Karlskoga kommun" and swim.actors == "kommunen (barn- och utbildningsnämnden)"
    assert swim.sex_labels == "flickor/pojkar"  # as the package's school indicators name them
    vab = own["vab_man"]
    assert (vab.theme, vab.unit, vab.source, vab.source_id, vab.credit) == \
        ("forsorjning", "procent", "kolada", "N00945", "Kolada (RKA)")
    assert [own[i].unit for i in ("vantetid_bistand", "kostnad_per_elev", "trivsel", "skador")] == \
        ["dagar", "kr", "poang_skala", "per_100000"]
    assert own["vantetid_bistand"].polarity == "lower" and own["kostnad_per_elev"].polarity == "neutral"
    school = [i.id for i in catalog.theme("skolaldern").indicators]
    package_school = [i.id for i in catalog.package_indicators().values() if i.theme == "skolaldern"]
    assert school == package_school + ["simkunniga_ak6", "kostnad_per_elev", "trivsel"]
    assert catalog.indicator("simkunniga_ak6") is swim
    assert cli.main(["indikatorer", "--tema", "skolaldern"]) == 0
    assert "simkunniga_ak6" in capsys.readouterr().out


def test_the_file_is_read_again_when_it_changes_and_only_in_its_workspace(own_workspace, monkeypatch, tmp_path):
    write(own_workspace, HEADER + SWIMMING)
    assert "simkunniga_ak6" in catalog.indicators()
    write(own_workspace, HEADER + SWIMMING.replace("simkunniga_ak6", "simkunniga_elever"))
    assert "simkunniga_elever" in catalog.indicators() and "simkunniga_ak6" not in catalog.indicators()
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # JAMLIK_HOME, the checkout, has no own indicators
    assert "simkunniga_elever" not in catalog.indicators()


def test_excel_semicolons_and_windows_text_are_read(own_workspace):
    write(own_workspace, (HEADER + SWIMMING).replace(",", ";").replace("Elevhälsan; Karlskoga", "Elevhälsan, Karlskoga")
          .replace('"', ""), "cp1252")
    assert catalog.indicator("simkunniga_ak6").title == "Elever i årskurs 6 som kan simma"
    assert catalog.indicator("simkunniga_ak6").credit == "Elevhälsan, Karlskoga kommun"


HOSTILE = [
    ("taken", HEADER + "barn_lag_ek_standard,tidiga_ar,Barn i fattiga familjer,procent,lagre_battre,,,,\n",
     "params/indikatorer.csv, rad 2: id:t 'barn_lag_ek_standard' (”Barn i fattiga familjer”) finns redan i jamliks "
     "katalog för ”Barn 0–19 år med låg ekonomisk standard”. Ge din indikator ett eget id."),
    ("theme", HEADER + SWIMMING.replace("skolaldern", "skolan"),
     "params/indikatorer.csv, rad 2, kolumnen 'tema': Okänt tema 'skolan'."),
    ("unit", HEADER + SWIMMING.replace("procent", "timmar"),
     "params/indikatorer.csv, rad 2, kolumnen 'enhet': 'timmar' är ingen enhet som jamlik känner till. Använd "
     "procent, per 1 000, per 100 000, dagar, år, poäng eller kr."),
    ("direction", HEADER + SWIMMING.replace("hogre_battre", "bättre"),
     "params/indikatorer.csv, rad 2, kolumnen 'riktning': 'bättre' är ingen riktning. Använd hogre_battre, "
     "lagre_battre eller neutral."),
    ("repeated", HEADER + SWIMMING + "trivsel,skolaldern,Trivsel,procent,hogre_battre,,,,\n" + SWIMMING,
     "params/indikatorer.csv, rad 4: id:t 'simkunniga_ak6' finns redan på rad 2. Varje indikator behöver ett "
     "eget id."),
    ("kpi taken", HEADER + SWIMMING.replace(",,\"Elev", ",N15428,\"Elev"),
     "params/indikatorer.csv, rad 2, kolumnen 'kolada_id': N15428 hämtas redan av jamliks indikator "
     "'behorighet_yrkesprogram' (”Behöriga till yrkesprogram, åk 9”)."),
    ("kpi form", HEADER + SWIMMING.replace(",,\"Elev", ",15428,\"Elev"),
     "params/indikatorer.csv, rad 2, kolumnen 'kolada_id': '15428' är inget Kolada-id."),
    ("kpi twice", HEADER + "a,skolaldern,A,procent,hogre_battre,,N00945,,\n"
     + "b,skolaldern,B,procent,hogre_battre,,N00945,,\n",
     "params/indikatorer.csv, rad 3, kolumnen 'kolada_id': N00945 finns redan på rad 2."),
    ("id", HEADER + SWIMMING.replace("simkunniga_ak6", "Simkunniga åk6"),
     "params/indikatorer.csv, rad 2, kolumnen 'id': 'Simkunniga åk6' går inte som id. Använd små bokstäver a–z, "
     "siffror och understreck, till exempel simkunniga_ak6."),
    ("reserved", HEADER + SWIMMING.replace("simkunniga_ak6", "valdeltagande_inkomst"),
     "params/indikatorer.csv, rad 2, kolumnen 'id': 'valdeltagande_inkomst' används redan av jamlik"),
    ("prefix", HEADER + SWIMMING.replace("simkunniga_ak6", "befolkning_simmare"),
     "params/indikatorer.csv, rad 2, kolumnen 'id': 'befolkning_simmare' används redan av jamlik"),
    ("title", HEADER + SWIMMING.replace("Elever i årskurs 6 som kan simma", ""),
     "params/indikatorer.csv, rad 2, kolumnen 'titel': värde saknas."),
    ("header", HEADER.replace("riktning", "rikting") + SWIMMING,
     "params/indikatorer.csv, rad 1: kolumnen 'riktning' saknas."),
]


@pytest.mark.parametrize(("case", "text", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_mistake_in_the_file_is_one_swedish_line_naming_the_row(own_workspace, capsys, case, text, message):
    write(own_workspace, text)
    for command in (["indikatorer"], ["run", "--kommun", "Karlskoga", "--dry-run"], ["data", "status"]):
        assert cli.main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"Fel: {message}") and err.count("\n") == 1, (command, err)
        assert "Traceback" not in err
