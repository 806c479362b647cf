"""Areas below the kommun, from the bundled tables in ``data/within/`` (see ``SOURCES.md``):

* **valdistrikt** (8-digit code): Riksdag turnout, eligible voters and voters, 2018 and 2022;
* **RegSO** (``1883R001``): SCB's regional statistical areas, 2020–2023: population, born in Sweden,
  mean wage income, dwellings by tenure, and the area type 1–5 for 2022;
* **skolenhet**: year-9 results per school unit, school year 2024/25, masked values as published.

Each loader returns one kommun's rows (or all, for Riket's and the län's figures), read once.
"""

from functools import cache

import pandas as pd

from jamlik.base.paths import PACKAGE_DATA
from jamlik.base.text import parse_number

FOLDER = PACKAGE_DATA / "within"
SCHOOL_YEAR = "2024/25"
AREA_TYPE_YEAR = 2022  # SCB's and Delmos' area types 1–5 are published for this year only
# Skolverket's marks for a value it does not publish, kept as published and explained
MASKS = {"..": "för få elever för att redovisas", ".": "uppgift saknas", "~100": "nära 100 % (avrundat)"}
SOURCES = {
    "valdistrikt": "Valmyndigheten, riksdagsvalen 2018 och 2022",
    "regso": "SCB, regionala statistikområden (RegSO)",
    "skolenhet": f"Skolverket, slutbetyg i årskurs 9 läsåret {SCHOOL_YEAR}",
}


@cache
def _districts() -> pd.DataFrame:
    return pd.read_csv(FOLDER / "valdistrikt_turnout.csv.gz", dtype={"kommun": str, "valdistrikt": str})


def districts(kommun: str | None = None) -> pd.DataFrame:
    """``year, kommun, valdistrikt, name, eligible, voters``; every kommun's when ``kommun`` is None."""
    frame = _districts()
    return frame if kommun is None else frame[frame["kommun"] == kommun]


@cache
def _regso() -> pd.DataFrame:
    long = pd.read_csv(FOLDER / "regso_values.csv.gz", dtype={"kommun": str, "regso": str})
    wide = long.pivot_table(index=["kommun", "regso", "regso_name", "year"], columns="measure", values="value")
    wide = wide.reset_index()
    wide.columns.name = None
    # the area type is published for one year only: it describes the area in every year shown
    kind = long[long["measure"] == "area_type_1_5"].set_index("regso")["value"]
    wide["area_type"] = wide["regso"].map(kind)
    return wide.drop(columns=["area_type_1_5"])


def regso(kommun: str | None = None) -> pd.DataFrame:
    """One row per RegSO and year: ``population, born_in_sweden, wage_income_mean_tkr, dwellings_*,
    area_type``; every kommun's when ``kommun`` is None."""
    frame = _regso()
    return frame if kommun is None else frame[frame["kommun"] == kommun]


@cache
def _schools() -> pd.DataFrame:
    return pd.read_csv(FOLDER / "schools_ak9_2024-25.csv.gz", dtype=str, keep_default_na=False)


def published_number(text: str) -> float | None:
    """A number as Skolverket publishes it (decimal comma); None for a mask (``..``, ``.``, ``~100``)."""
    text = (text or "").strip()
    if not text or text in MASKS:
        return None
    return parse_number(text)


def schools(kommun: str) -> pd.DataFrame:
    """The kommun's school units with year 9: the published text of each value and its number."""
    frame = _schools()
    frame = frame[frame["kommun"] == kommun].copy()
    for column in ("pupils", "share_all_subjects", "share_eligible_vocational", "merit_mean_17"):
        frame[f"{column}_value"] = frame[column].map(published_number).astype(object)
        frame.loc[frame[f"{column}_value"].isna(), f"{column}_value"] = None  # masked: None, never NaN
    return frame.reset_index(drop=True)
