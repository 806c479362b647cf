"""The maps: RegSO outlines matched to the values, Sweden's quintile classes, the maps of a kommun's
areas (their words, notes and alt text), and the län report's map of verdicts."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from jamlik.charts import lan_verdict_map, map_geometry, regso_map
from jamlik.data import areas, regso_outlines, within
from jamlik.statistics import area_maps
from jamlik.writing import map_text

KARLSKOGA, BJURHOLM, FILIPSTAD, GOTEBORG = "1883", "2403", "1782", "1480"


def _image(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_every_area_of_the_values_has_its_outline_or_a_reason():
    found = [o for k in areas.kommuner() for o in regso_outlines.outlines(k.code)]
    matches = {m: sum(o.match == m for o in found) for m in {o.match for o in found}}
    assert matches == {regso_outlines.SAME: 3350, regso_outlines.MOVED: 10, regso_outlines.RENAMED: 2,
                       regso_outlines.NO_OUTLINE: 1, regso_outlines.NO_VALUES: 1}
    assert len({o.code for o in found if o.match != regso_outlines.NO_VALUES}) == len(within.regso()["regso"].unique())
    assert all(o.geometry is not None for o in found if o.match != regso_outlines.NO_OUTLINE)


def test_an_area_whose_code_changed_in_2025_is_drawn_by_its_name():
    """In Perstorp the 2020 code 1275R002 is "nordöstra tätorten"; RegSO 2025 gives that name (and the
    place in the north-east) 1275R005: the values must land on the area they describe."""
    found = {o.code: o for o in regso_outlines.outlines("1275")}
    north_east, south_east = found["1275R002"], found["1275R005"]
    assert north_east.name == "Perstorp nordöstra tätorten" and north_east.outline_code == "1275R005"
    assert north_east.match == regso_outlines.MOVED
    assert north_east.geometry.centroid.y > south_east.geometry.centroid.y  # north of the south-east one
    assert regso_outlines.outline_of("1275", "1275R002") is north_east  # a 2020 code first


def test_kiruna_gallivare_and_malmo_say_what_does_not_meet():
    kiruna = " ".join(map_text.notes("Kiruna", list(regso_outlines.outlines("2584"))))
    assert "Bolaget saknar gräns i SCB:s RegSO 2025" in kiruna and "Övre Norrmalm heter Norrmalm" in kiruna
    gallivare = " ".join(map_text.notes("Gällivare", list(regso_outlines.outlines("2523"))))
    assert "Repisvaara-Dundret är ett område i RegSO 2025 som saknas bland värdena" in gallivare
    perstorp = " ".join(map_text.notes("Perstorp", list(regso_outlines.outlines("1275"))))
    assert "Två av Perstorps områden har andra koder i RegSO 2025" in perstorp
    assert map_text.notes("Karlskoga", list(regso_outlines.outlines(KARLSKOGA))) == []


def test_classes_are_sweden_s_quintiles_so_a_shade_means_the_same_everywhere():
    for measure in (area_maps.WAGE_INCOME, area_maps.BORN_ABROAD):
        year = area_maps.latest_year(measure)
        limits = area_maps.national_limits(measure, year)
        everyone = [m for k in areas.kommuner() for m in area_maps.area_map(k.code, measure).areas]
        counts = np.bincount([a.klass for a in everyone if a.klass is not None], minlength=5)
        assert len(everyone) == 3363 and (abs(counts / counts.sum() - 0.2) < 0.02).all(), (measure, counts)
        # the same value is in the same class in every kommun
        by_value = {}
        for a in everyone:
            by_value.setdefault(round(a.value, 1), set()).add(a.klass)
        assert all(len(classes) == 1 for classes in by_value.values())
        assert list(limits) == sorted(limits)
    assert area_maps.klass(205.96, (206.0, 236.0, 270.0, 320.0)) == 1  # printed 206,0: the class above


def test_karlskoga_s_map_words_come_from_its_data():
    m = area_maps.area_map(KARLSKOGA, area_maps.WAGE_INCOME)
    assert m.year == 2023 and len(m.areas) == 4 and m.counts() == [0, 1, 2, 1, 0]
    shading = map_text.shading("Karlskoga", m, 4)
    assert shading.legend[0] == "under 206 (0)" and shading.legend[1] == "206–235,9 (1)"
    assert shading.ends == [("1883R001", "Karlskoga norra tätort\n226,8\xa0tkr"), ("1883R002",
                                                                                  "Karlskoga omland\n270,7\xa0tkr")]
    assert ("Karta över Karlskogas fyra områden (RegSO): medelinkomst av arbete 2023, i fem klasser som är Sveriges "
            "femtedelar av alla RegSO-områden. Under 206\xa0tkr: inget område; 206–235,9\xa0tkr: ett område;"
            ) in shading.alt
    assert "Lägst är Karlskoga norra tätort (226,8\xa0tkr), högst Karlskoga omland (270,7\xa0tkr)." in shading.alt
    assert map_text.source_line([m]) == "Källa: SCB, RegSO 2025; medelinkomst av arbete 2023."


def test_area_types_are_named_and_types_1_and_2_hatched():
    m = area_maps.area_map(FILIPSTAD, area_maps.AREA_TYPE)
    shading = map_text.shading("Filipstad", m, 7)
    assert shading.hatched == {0, 1} and shading.ends == []
    assert shading.legend[0] == "1 områden med stora socioekonomiska utmaningar (1)"
    assert "typ 2, områden med socioekonomiska utmaningar: tre områden" in shading.alt
    assert "Områdestyp 1–2 är streckade: Kalhyttan-centrum" in shading.alt


def test_the_palette_is_sequential_in_greyscale():
    grey = [0.299 * int(c[1:3], 16) + 0.587 * int(c[3:5], 16) + 0.114 * int(c[5:7], 16) for c in regso_map.PALETTE]
    assert all(a > b + 25 for a, b in zip(grey, grey[1:], strict=False))  # lighter to darker, step by step


def test_a_small_kommun_gets_three_maps_every_area_numbered():
    shadings = [map_text.shading("Karlskoga", area_maps.area_map(KARLSKOGA, m), 4) for m in area_maps.MEASURES]
    drawn = regso_map.panels(KARLSKOGA, shadings)
    assert [n for n, _ in drawn.numbered] == [1, 2, 3, 4]
    assert not any(map_text.UNNUMBERED in name for _, name in drawn.numbered)
    assert drawn.chart.alt.count("Karta över Karlskogas") == 3 and "1 Karlskoga norra tätort" in drawn.chart.alt
    image = _image(drawn.chart.png)
    assert image.shape[1] / 200 * 25.4 <= drawn.chart.width_mm + 0.5  # printed at its own size


def test_where_people_live_sets_the_frame():
    """Göteborg's Södra Skärgården reaches far over the sea with 1 % of the residents: the frame cuts it
    and says so; Filipstad's town is magnified in an inset."""
    m = area_maps.area_map(GOTEBORG, area_maps.WAGE_INCOME)
    frame, cut = map_geometry.frame(GOTEBORG, map_text.shading("Göteborg", m, 147).populations)
    assert [o.name for o in regso_outlines.outlines(GOTEBORG) if o.code in cut] == ["Södra Skärgården"]
    drawn = regso_map.wide(GOTEBORG, map_text.shading("Göteborg", m, 147))
    assert drawn.cut == ["Södra Skärgården"] and "Långedrag" in drawn.chart.alt
    small = area_maps.area_map(FILIPSTAD, area_maps.WAGE_INCOME)
    assert map_geometry.core(FILIPSTAD, map_text.shading("Filipstad", small, 7).populations,
                             map_geometry.frame(FILIPSTAD, map_text.shading("Filipstad", small, 7).populations)[0])
    panels = regso_map.panels(FILIPSTAD, [map_text.shading("Filipstad", small, 7)])
    assert map_text.INSET_ALT.strip() in panels.chart.alt


def test_two_areas_draw_no_map_and_say_why(use_real_store):
    from jamlik.documents import sections

    html = sections.area_maps_html(BJURHOLM, "Bjurholm", [area_maps.area_map(BJURHOLM, m) for m in area_maps.MEASURES])
    assert "<figure" not in html
    assert html == ('<p class="jamlik-definition">Ingen karta ritas: med två områden säger en karta inget om '
                    "skillnader inom Bjurholm som inte redan står i texten.</p>")


def test_the_council_keeps_one_map_and_only_where_it_earns_the_space(use_real_store):
    from jamlik.documents import council, sections

    def council_part(code, name):
        html = sections.area_maps_html(code, name, [area_maps.area_map(code, m) for m in area_maps.MEASURES])
        return council.ANNEX_ONLY.sub("", html), council._context(html, compact=True)

    kept, compact = council_part(GOTEBORG, "Göteborg")
    assert kept.count("<figure") == 1 and "Områdestyp" in kept  # the area types, across the page
    assert "<figure" not in compact and "Södra Skärgården" not in compact  # notes go with their map
    assert council_part(KARLSKOGA, "Karlskoga")[0].count("<figure") == 0  # four areas: the table says it
    assert council_part(FILIPSTAD, "Filipstad")[0].count("<figure") == 1


def test_the_analyst_s_areas_with_regso_codes_are_mapped_the_same_way(tmp_path, demo_store):
    import shutil

    from jamlik.documents import sections
    from jamlik.documents.briefing import Briefing
    from jamlik.running import cli

    folder = tmp_path / "store"
    shutil.copytree(demo_store, folder)
    rows = "".join(f"1883,{code},{name},Bra hälsa (%),2023,{value},,,Liv & hälsa\n" for code, name, value in
                   (("1883R001", "Norra", 61), ("1883R002", "Omland", 70), ("1883R003", "Västra", 64),
                    ("1883R004", "Östra", 67), ("1883X9", "Okänt", 50)))
    (tmp_path / "omraden.csv").write_text("kommun,omrade,namn,matt,ar,varde,taljare,namnare,kalla\n" + rows,
                                          encoding="utf-8")
    assert cli.main(["data", "import-omraden", str(tmp_path / "omraden.csv"), "--data-store", str(folder)]) == 0
    html = sections._own_areas(Briefing(KARLSKOGA, "oversikt", 2025, data_store=str(folder)))
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert "Bra hälsa (%) 2023, i fem klasser som är kommunens egna femtedelar" in alt
    assert "Källa: SCB, RegSO 2025; Bra hälsa (%) 2023 (Liv &amp; hälsa)." in html
    assert "Okänt har ingen RegSO-kod i kommunen och finns därför bara i tabellen" in html


def test_the_lan_map_names_every_kommun_with_its_value_and_patterns_each_verdict():
    lan = areas.lan("18")
    kommuner = [lan_verdict_map.Kommun(k, 80.0 + i / 10, f"{80 + i / 10:.1f} år".replace(".", ","),
                                       ["worse", "better", "similar", None][i % 4], i % 2 == 0)
                for i, k in enumerate(areas.kommuner_in(lan))]
    chart = lan_verdict_map.verdict_map(lan, "Medellivslängd kvinnor", 2022, kommuner)
    for k in kommuner:
        assert f"{k.area.name} {k.shown} (" in chart.alt
    styles = {lan_verdict_map._style_key(k) for k in kommuner}
    hatches = [lan_verdict_map.STYLES[s][1] for s in styles]
    assert len(set(hatches)) == len(hatches)  # a pattern of its own for each verdict shown, not colour alone
    assert lan_verdict_map.STYLES[("worse", False)][2] == "märkbart sämre än riket"


@pytest.mark.parametrize("lan", ["18", "14"])
def test_every_kommun_of_a_lan_is_named_on_the_map(lan, monkeypatch):
    """Örebro's 12 kommuner and Västra Götaland's 49: every name drawn, none on top of another."""
    from . import print_checks

    area = areas.lan(lan)
    members = areas.kommuner_in(area)
    kommuner = [lan_verdict_map.Kommun(k, 84.0, "84,0 år", "similar", True) for k in members]
    with print_checks.recording(monkeypatch) as charts:
        lan_verdict_map.verdict_map(area, "Medellivslängd kvinnor", 2022, kommuner)
    drawn = charts[-1]
    names = {t.text.split("\n")[0] for t in drawn.texts}
    assert {k.name for k in members} <= names
    assert print_checks.overlaps(drawn) == []
    assert not any(t.text.startswith(lan_verdict_map.NO_ROOM) for t in drawn.texts)
