"""The notebook-facing Briefing: what it displays, with local settings."""

import re

import pytest
from IPython.core.interactiveshell import InteractiveShell

from jamlik.base.errors import InvalidYearError, UnknownIndicatorError
from jamlik.base.text import QUARTILE_WORDS
from jamlik.data import catalog
from jamlik.documents.briefing import Briefing

IMAGE_DATA = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


@pytest.fixture
def shown(monkeypatch):
    """Collect the HTML a Briefing displays, images' pixel data left out: base64 text holds any
    word by chance."""
    from jamlik.documents import briefing as report

    html = []
    monkeypatch.setattr(report, "display", lambda obj, metadata=None: html.append(IMAGE_DATA.sub("data:", obj.data)))
    InteractiveShell.instance()
    return html


def test_local_note_is_shown_as_escaped_text(shown):
    note = 'Vi satsar på <b>familjecentraler</b> & "öppen förskola".\n\nAndra stycket.'
    Briefing("1883", "tidiga_ar", 2025, notes={"tidiga_ar": note, "miljoer": "inte här"}).show_header()
    html = shown[0]
    assert "&lt;b&gt;familjecentraler&lt;/b&gt; &amp; &quot;öppen förskola&quot;" in html
    assert "<b>" not in html and "inte här" not in html
    assert html.count("<p>") == 2 and "Kommentar från Karlskoga" in html


def test_excluded_indicators_are_left_out_everywhere(shown):
    b = Briefing("1883", "tidiga_ar", 2025, exclude=["mpr_vaccination"])
    b.show_indicator("mpr_vaccination")
    b.show_overview()
    b.show_about()
    assert len(shown) == 2
    assert "MPR" not in shown[0]
    assert "Utelämnade indikatorer enligt kommunens inställningar: MPR-vaccinerade 2-åringar." in shown[1]


def test_own_peers_replace_kolada_groups(shown):
    b = Briefing("1883", "tidiga_ar", 2025, peers=["Degerfors", "1781"])
    label, _, members = b.findings.peer_group(catalog.indicator("barn_lag_ek_standard"))
    assert label == "valda jämförelsekommuner" and [p.name for p in members] == ["Degerfors", "Kristinehamn"]
    b.show_indicator("barn_lag_ek_standard")
    assert "valda jämförelsekommuner" in shown[0]


def test_overview_notebook_can_show_other_themes_and_lists_them_in_about(shown):
    b = Briefing("1883", "oversikt", 2025)
    b.show_indicator("barn_lag_ek_standard")
    b.show_themes_summary()
    b.show_about()
    assert "N66077" in shown[-1]
    assert all(t in shown[1] for t in ("Ge alla barn en bra start i livet", "Hälsofrämjande och hållbara miljöer"))


def test_group_gap(shown):
    Briefing("1883", "forsorjning", 2025).show_group_gap("sysselsattning_fodelseland")
    assert "Inrikes födda har högre andel än utrikes födda" in shown[0]
    assert re.search(r"Skillnaden (är större än i riket|är mindre än i riket|är omvänd jämfört med riket|går inte att "
                     r"skilja från rikets i storlek) \([\d,]+\xa0procentenheter mot [\d,]+\xa0procentenheter",
                     shown[0])


def test_bad_year_and_unknown_indicator():
    with pytest.raises(InvalidYearError, match="2014–2025"):
        Briefing("1883", "tidiga_ar", 2031)
    with pytest.raises(UnknownIndicatorError):
        Briefing("1883", "tidiga_ar", 2025, exclude=["finns_inte"])


def test_overview_shows_rank_with_quartile(shown):
    b = Briefing("1883", "tidiga_ar", 2025)
    b.show_overview()
    r = b.result("barn_lag_ek_standard")
    place = f"{r.rank}–{r.rank_to}" if r.rank_to > r.rank else str(r.rank)  # demo values share places
    assert f"{place} av {r.ranked}, {QUARTILE_WORDS[r.quartile]}" in shown[0] and "Placering" in shown[0]
    assert r.quartile == min(4, 1 + (4 * (r.rank - 1)) // r.ranked)
