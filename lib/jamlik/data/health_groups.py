"""Health by social group: survey values that belong to a group (a breakdown such as education and
one of its groups) as well as to an area, a sex and a year.

* **Bundled**: Folkhälsomyndigheten's national public-health survey (Hälsa på lika villkor, HLV) as
  Region Dalarna compiled it, for Dalarna's 15 kommuner, Dalarna and Riket, 2014 and 2021 (2018 for
  Dalarna and Riket only): whole percentages with the source's 95 % interval (see ``SOURCES.md``).
  The file's ``star`` column repeats an asterisk the source does not explain: it is kept, never read.
* **Imported**: a region's own survey, read with ``jamlik data import-grupper`` (``own_groups``) and
  kept in the store folder; an imported row replaces the bundled row with the same key.

One frame, in the columns of ``COLUMNS``. ``outcomes()`` names the survey questions the briefings
show, each with its direction (``higher`` is better or ``lower`` is better).

The Kolada survey KPIs (self-rated health, obesity, low trust) come without their "osäkerhetstal"
in the bundled snapshot. Where this survey has the same area, year and sex, ``with_survey_intervals``
gives the Kolada value the survey's margin (half the width of its 95 % interval), so it can be judged.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from jamlik.base.paths import PACKAGE_DATA

FILE = PACKAGE_DATA / "health" / "hlv_dalarna_2014_2018_2021.csv.gz"
SOURCE = "Folkhälsomyndigheten, nationella folkhälsoenkäten Hälsa på lika villkor (sammanställd av Region Dalarna)"
COLUMNS = ["area", "breakdown", "group", "sex", "measure", "year", "value", "ci_low", "ci_high", "n", "source"]
KEY = ["area", "breakdown", "group", "sex", "measure", "year"]
# the breakdowns and, where they have an order, their groups from the least to the most advantaged
BREAKDOWNS = {
    "total": ["Totalt"],
    "utbildning": ["Förgymnasial", "Gymnasial", "Eftergymnasial"],
    "fodelseland": ["Sverige", "Övriga Norden", "Övriga Europa", "Övriga världen"],
    "alder": [],  # any age band, as the source names it
}
# a Kolada value and the survey's own estimate for the same area, year and sex are the same survey
# when they differ by no more than the rounding to whole percent and a little weighting
SAME_SURVEY = 1.0


@dataclass(frozen=True)
class Outcome:
    id: str
    question: str  # as the bundled source names it
    title: str  # as a reader reads it
    polarity: str  # "higher" or "lower" is better
    indicator: str  # the catalog's Kolada survey indicator with the same question, or ""
    key: bool  # shown in the briefing's section


@cache
def outcomes() -> dict[str, Outcome]:
    frame = pd.read_csv(PACKAGE_DATA / "health_outcomes.csv", dtype=str, keep_default_na=False)
    return {r.id: Outcome(r.id, r.question, r.title, r.polarity, r.indicator, r.key == "True")
            for r in frame.itertuples()}


def outcome_of(measure: str) -> Outcome | None:
    """The outcome a measure names: its id, its question as the source words it, or its title."""
    wanted = str(measure).strip().casefold()
    for o in outcomes().values():
        if wanted in (o.id.casefold(), o.question.casefold(), o.title.casefold()):
            return o
    return None


@cache
def bundled() -> pd.DataFrame:
    raw = pd.read_csv(FILE, dtype={"area": str, "group": str, "sex": str})
    by_question = {o.question: o.id for o in outcomes().values()}
    frame = pd.DataFrame({
        "area": raw["area"], "breakdown": raw["breakdown"],
        "group": raw["group"].replace({"Övriga Världen": "Övriga världen"}), "sex": raw["sex"],
        "measure": raw["question"].map(by_question).fillna(raw["question"]), "year": raw["year"].astype(int),
        "value": raw["percent"].astype(float), "ci_low": raw["ci_low"], "ci_high": raw["ci_high"], "n": np.nan,
        "source": SOURCE})
    return frame[COLUMNS]


@cache
def bundled_areas() -> frozenset[str]:
    """The kommuner (and Dalarna, Riket) the bundled survey covers."""
    return frozenset(bundled()["area"])


def values(store_folder: Path | None = None) -> pd.DataFrame:
    """The bundled rows with the analyst's imported rows (``own_groups``) in place of the same keys."""
    frame = bundled()
    if store_folder is None:
        return frame
    from jamlik.data import own_groups

    own = own_groups.stored(store_folder)
    if own.empty:
        return frame
    own = own.assign(measure=[(outcome_of(m).id if outcome_of(m) else m) for m in own["measure"]])
    keys = set(map(tuple, own[KEY].astype(str).to_numpy()))
    kept = frame[[tuple(k) not in keys for k in frame[KEY].astype(str).to_numpy()]]
    return pd.concat([kept, own[COLUMNS]], ignore_index=True)


def with_survey_intervals(data: pd.DataFrame) -> pd.DataFrame:
    """Give each Kolada survey value that lacks an interval the survey's own 95 % interval, where the survey
    has its own estimate, within ``SAME_SURVEY``, for the same area, year and sex: printed as the source gives
    it, never re-centred on Kolada's value (docs/bedomning.md §1). Fills ``data`` (the store's frame, freshly
    read) in place and returns it; only the survey indicators' rows are read."""
    linked = {o.indicator: o.id for o in outcomes().values() if o.indicator}
    candidates = data[data["indicator"].isin(list(linked))]
    candidates = candidates[candidates["ci_low"].isna() & (candidates["source"] != "demo")]
    if candidates.empty:
        return data
    totals = bundled()
    totals = totals[(totals["breakdown"] == "total") & totals["measure"].isin(linked.values())]
    survey = totals.assign(indicator=totals["measure"].map({v: k for k, v in linked.items()}))
    survey = survey[["indicator", "area", "year", "sex", "value", "ci_low", "ci_high"]].rename(
        columns={"value": "survey", "ci_low": "survey_low", "ci_high": "survey_high"})
    rows = candidates.reset_index(names="row").merge(survey, on=["indicator", "area", "year", "sex"])
    rows = rows[((rows["value"] - rows["survey"]).abs() <= SAME_SURVEY) & (rows["survey_high"] > rows["survey_low"])]
    data.loc[rows["row"].to_numpy(), "ci_low"] = rows["survey_low"].to_numpy()
    data.loc[rows["row"].to_numpy(), "ci_high"] = rows["survey_high"].to_numpy()
    return data
