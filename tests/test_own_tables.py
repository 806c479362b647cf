"""The strategist's own tables: ``briefing.varden`` gives the store's values with Swedish column names,
and ``briefing.show_table`` sets any table as the briefing's own tables are set (decimal comma, a space
between thousands, "–" for missing, whole years, Swedish headers). The worked examples in the README and
in the notebooks' analyst notes run as written."""

import re

import nbformat
import numpy as np
import pandas as pd
import pytest

from jamlik.base import paths
from jamlik.documents import briefing as facade
from jamlik.documents import own_tables
from jamlik.documents.briefing import Briefing

NBSP = "\u00a0"


def cells(html: str) -> list[list[str]]:
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", html)]


def test_numbers_years_and_missing_values_in_house_style():
    table = pd.DataFrame({"year": [2021, 2022, 2023], "value": [1234.56, -7.04, np.nan],
                          "antal": [12000, 9, None], "sex": ["K", "M", "T"], "small_numbers": [True, False, None]})
    html = own_tables.house_table(table, rubrik="Min tabell")
    assert "<caption>Min tabell</caption>" in html
    assert cells(html) == [
        ["år", "värde", "antal", "kön", "få fall"],
        ["2021", f"1{NBSP}234,6", f"12{NBSP}000", "kvinnor", "ja"],
        ["2022", "\u22127,0", "9", "män", "nej"],
        ["2023", "–", "–", "totalt", "–"],
    ]
    assert 'class="missing">–</td>' in html and 'class="num">1' in html and 'class="text">kvinnor' in html


def test_a_pivot_keeps_its_years_whole_and_its_columns_named():
    long = pd.DataFrame({"år": [2021, 2021, 2022], "område": ["Karlskoga", "Riket", "Karlskoga"],
                         "kön": ["kvinnor", "kvinnor", "kvinnor"], "värde": [24.0, 17.25, 22.5]})
    wide = long.pivot(index="år", columns=["område", "kön"], values="värde")
    assert cells(own_tables.house_table(wide, decimaler=1)) == [
        ["år", "Karlskoga kvinnor", "Riket kvinnor"], ["2021", "24,0", "17,3"], ["2022", "22,5", "–"]]
    by_year = long.pivot(index="område", columns="år", values="värde")  # years as headers: 2021, never 2 021
    assert cells(own_tables.house_table(by_year))[0] == ["område", "2021", "2022"]
    assert cells(own_tables.house_table(pd.Series([0.5, 2.0], name="andel")))[1:] == [["0,5"], ["2,0"]]


def test_varden_gives_the_kommun_its_lan_and_riket_with_swedish_columns():
    b = Briefing("Karlskoga", "tidiga_ar", 0)
    t = b.varden("barn_lag_ek_standard", ar=(2023, 2025), kon="totalt")
    assert list(t.columns) == own_tables.VALUE_COLUMNS
    assert list(dict.fromkeys(t["område"])) == ["Karlskoga", "Örebro län", "Riket"]
    assert sorted(set(t["år"])) == [2023, 2024, 2025] and set(t["kön"]) == {"totalt"}
    assert set(t["titel"]) == {"Barn 0–19 år med låg ekonomisk standard"} and set(t["enhet"]) == {"procent"}
    assert "demodata" in t.attrs["källa"]  # the demo store says so, on the table too
    both = b.varden(["meritvarde_ak9"], omraden=["1862", "Riket"], ar=2025, kon=["flickor", "pojkar"])
    assert list(both["område"]) == ["Degerfors", "Degerfors", "Riket", "Riket"]
    assert list(both["kön"]) == ["flickor", "pojkar", "flickor", "pojkar"]


def test_a_wrong_argument_is_one_swedish_line():
    from jamlik.base.errors import BriefingError

    b = Briefing("Karlskoga", "tidiga_ar", 0)
    assert set(b.varden("barn_lag_ek_standard", ar="2023–2025", kon="T")["år"]) == {2023, 2024, 2025}
    with pytest.raises(BriefingError, match=r"^kon='kvinor' finns inte\. Skriv totalt, kvinnor eller män"):
        b.varden(kon="kvinor")
    with pytest.raises(BriefingError, match=r"^ar='förra året' går inte att läsa som år"):
        b.varden(ar="förra året")
    with pytest.raises(BriefingError, match=r"^show_table tar en tabell \(en pandas DataFrame"):
        b.show_table([1, 2, 3])


def _examples(text: str) -> list[str]:
    return [code for code in re.findall(r"```python\n(.*?)```", text, re.S) if "show_table" in code]


def _shown_by(code: str, theme: str, monkeypatch) -> list[str]:
    shown = []
    monkeypatch.setattr(facade, "display", lambda obj, metadata=None: shown.append(obj.data))
    exec(code, {"briefing": Briefing("Karlskoga", theme, 0)})  # noqa: S102 -- the documentation's own code
    return shown


def _is_house_style(html: str) -> None:
    rows = cells(html)
    assert re.search(r"<caption>.+</caption>", html) and "Källa: demodata genererade av jamlik" in html
    assert [row[0] for row in rows[1:]] == ["2018", "2019", "2020", "2021", "2022"]
    assert all(re.fullmatch(r"−?\d{1,3}(\xa0\d{3})*,\d|–", cell) for row in rows[1:] for cell in row[1:])


def test_the_readme_example_makes_a_table_in_house_style(monkeypatch):
    readme = (paths.PACKAGE_DIR.parents[1] / "README.md").read_text(encoding="utf-8")
    (code,) = _examples(readme)
    (html,) = _shown_by(code, "skolaldern", monkeypatch)
    _is_house_style(html)
    assert cells(html)[0][:3] == ["år", "Karlskoga totalt", "Karlskoga flickor"]


@pytest.mark.parametrize("notebook", ["00_oversikt", "01_tidiga_ar", "02_skolaldern", "03_forsorjning",
                                      "04_miljoer"])
def test_each_notebook_s_analyst_note_shows_a_working_own_table(notebook, monkeypatch):
    nb = nbformat.read(paths.notebooks_dir() / f"{notebook}.ipynb", as_version=4)
    theme = re.search(r'Briefing\(kommun, "(\w+)"', "".join(c.source for c in nb.cells)).group(1)
    (code,) = _examples(nb.cells[0].source)
    (html,) = _shown_by(code, theme, monkeypatch)
    _is_house_style(html)
