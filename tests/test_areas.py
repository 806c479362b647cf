import pytest

from jamlik.base.errors import UnknownAreaError
from jamlik.data import areas


def test_register_counts():
    assert len(areas.kommuner()) == 290
    assert len(areas.lan_list()) == 21
    assert areas.all_areas()[areas.RIKET].name == "Riket"
    assert all(areas.lan_of(k).kind == "lan" for k in areas.kommuner())
    assert all(k.skr_group for k in areas.kommuner())


@pytest.mark.parametrize("query, code", [
    ("1883", "1883"), ("karlskoga", "1883"), ("KARLSKOGA", "1883"), (" Karlskoga kommun ", "1883"),
    ("Orebro", "1880"), ("örebro", "1880"), ("Falu kommun", "2080"), ("Stockholms stad", "0180"),
    ("Region Gotland", "0980"), ("Malmö stad", "1280"), ("upplands vasby", "0114"), ("Upplands-Bro", "0139"),
    (114, "0114"), ("114", "0114"),
])
def test_kommun_lookup_forgives_case_accents_and_suffixes(query, code):
    assert areas.kommun(query).code == code


@pytest.mark.parametrize("query, code", [("18", "0018"), ("0018", "0018"), ("Örebro län", "0018"),
                                         ("Region Örebro län", "0018"), ("orebro", "0018"), ("Dalarna", "0020")])
def test_lan_lookup(query, code):
    assert areas.lan(query).code == code


def test_unknown_kommun_suggests_closest():
    with pytest.raises(UnknownAreaError, match=r"Okänd kommun 'Karlskogga'\. Menade du 1883 \(Karlskoga\)"):
        areas.kommun("Karlskogga")


def test_unknown_code_suggests_codes():
    with pytest.raises(UnknownAreaError, match=r"Menade du .*\d{4} \("):
        areas.kommun("18833")


def test_ambiguous_prefix_is_not_guessed():
    with pytest.raises(UnknownAreaError, match="Upplands-Bro"):
        areas.kommun("Upplands")


def test_lan_is_not_a_kommun():
    with pytest.raises(UnknownAreaError):
        areas.kommun("Örebro län")


def test_peer_group_from_kolada():
    title, peers = areas.peer_group(areas.kommun("1883"))
    assert title == "Liknande kommuner, övergripande (2025)"
    assert [p.name for p in peers] == ["Nynäshamn", "Östhammar", "Söderköping", "Gislaved", "Mark",
                                       "Ulricehamn", "Kumla"]


def test_peer_group_never_contains_the_kommun_itself():
    for k in areas.kommuner():
        for topic in ("övergripande", "socioekonomi", "grundskola"):
            assert k not in areas.peer_group(k, topic)[1]


def test_unknown_peer_topic_falls_back_to_overall():
    title, peers = areas.peer_group(areas.kommun("1883"), "finns inte")
    assert "övergripande" in title and peers


def test_kommuner_in_lan():
    names = {k.name for k in areas.kommuner_in(areas.lan("18"))}
    assert len(names) == 12 and {"Karlskoga", "Degerfors", "Örebro"} <= names
