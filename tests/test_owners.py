"""Who can act: the catalog's generic owners, or the kommun's own committees from its params."""

from jamlik.data import catalog
from jamlik.writing import owners

ACTORS = catalog.indicator("barn_placerade").actors  # kommunen (socialnämnden: …); regionen (…)


def test_without_own_committees_the_generic_text_says_it_is_generic():
    line = owners.who_can_act(ACTORS, {})
    assert line == f"Kan påverkas av {ACTORS} (allmän beskrivning, inte kommunens egna nämnder)."


def test_own_committees_replace_the_generic_owner_and_drop_the_mark():
    line = owners.who_can_act(ACTORS, {"socialnämnden": "Social- och arbetsmarknadsnämnden"})
    assert line.startswith("Kan påverkas av kommunen (Social- och arbetsmarknadsnämnden: förebyggande stöd")
    assert "allmän beskrivning" not in line and "socialnämnden" not in line


def test_a_mapping_for_other_owners_leaves_the_text_generic():
    line = owners.who_can_act(ACTORS, {"samhällsbyggnadsnämnden": "Miljö- och byggnämnden"})
    assert "Miljö- och byggnämnden" not in line and line.endswith("(allmän beskrivning, inte kommunens egna nämnder).")


def test_whole_owners_only_and_the_longest_first():
    text, replaced = owners.named("kommunen (gymnasieskolan, skolan, barn- och utbildningsnämnden)",
                                  {"skolan": "Skolorna", "utbildningsnämnden": "X",
                                   "barn- och utbildningsnämnden": "Bildningsnämnden"})
    assert replaced and text == "kommunen (gymnasieskolan, Skolorna, Bildningsnämnden)"


def test_no_actors_no_line():
    assert owners.who_can_act("", {"socialnämnden": "X"}) == ""
