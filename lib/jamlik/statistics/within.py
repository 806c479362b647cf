"""Differences within the kommun: turnout per valdistrikt, the RegSO areas and the schools.

Method (said in the briefing):

* **Turnout per valdistrikt**: voters over eligible voters, with Wilson's 95 % interval from the
  counts. The range (the highest district's turnout minus the lowest's) grows with the number of
  districts, so it is shown but never compared. What is compared, between elections and between
  kommuner, is the **tenth spread**: line the eligible voters up by their district's turnout; the
  turnout of the tenth with the highest minus that of the tenth with the lowest (each the mean over
  its voters, the district on the boundary counted in part). It does not grow with the number of
  districts. District borders change between elections, so spreads are compared, never a district
  with itself.
* **RegSO areas**: the latest year's mean wage income (a mean without its spread: no interval), the
  share born abroad (1 − born in Sweden / population), the tenure mix and SCB's area type (1–2: areas
  with socioeconomic challenges). The share of residents in area types 1–2 is set beside Riket's,
  from all 3 363 RegSO.
* **Schools**: Skolverket's published values per school unit; masked values stay masked.
* **Large**: a difference in turnout between the highest and the lowest district is large when it is
  at least ``LARGE_TURNOUT_GAP`` procentenheter and the two districts' intervals do not overlap; only
  then does page 2 name it.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jamlik.base.text import rounded
from jamlik.data import within
from jamlik.statistics import stats

LARGE_TURNOUT_GAP = 15.0  # procentenheter between the highest and the lowest district
CHALLENGED = (1, 2)  # SCB's area types for areas with (great) socioeconomic challenges
ELECTIONS = (2018, 2022)


@dataclass(frozen=True)
class District:
    code: str
    name: str
    eligible: int
    voters: int
    turnout: stats.Interval  # percent, Wilson 95 %


@dataclass(frozen=True)
class Turnout:
    year: int
    districts: list[District]  # lowest turnout first
    kommun: float  # percent
    riket: float  # percent, every district of the country
    earlier_year: int | None
    earlier_spread: float | None  # the tenth spread in the earlier election, procentenheter
    tenth_spread: float | None  # the tenth spread (see the module), procentenheter

    @property
    def spread(self) -> float | None:
        if len(self.districts) < 2:
            return None
        return self.districts[-1].turnout.value - self.districts[0].turnout.value

    @property
    def spread_change(self) -> str | None:
        """The tenth spread against the earlier election's, as printed with one decimal: "larger" or
        "smaller" only beyond the rounding of both (±0,05 each, as gaps are: docs/bedomning.md §4), else
        "rounding" or "same"; None without the earlier election."""
        if self.earlier_spread is None or self.tenth_spread is None:
            return None
        now, then = rounded(self.tenth_spread, 1), rounded(self.earlier_spread, 1)
        if abs(now - then) > ROUNDING_OF_TWO + 1e-9:
            return "larger" if now > then else "smaller"
        return "rounding" if now != then else "same"

    @property
    def large(self) -> bool:
        """The gap between the highest and the lowest district is large (see the module's rule)."""
        low, high = (self.districts[0].turnout, self.districts[-1].turnout) if self.districts else (None, None)
        return self.spread is not None and self.spread >= LARGE_TURNOUT_GAP and low.upper < high.lower


ROUNDING_OF_TWO = 0.1  # two values printed with one decimal may differ this much by rounding alone
TENTH = 0.1  # the share of the eligible voters at each end of the tenth spread


def _tail_mean(turnout: np.ndarray, eligible: np.ndarray, share: float) -> float:
    """The mean turnout of the first ``share`` of the eligible voters, in the order given."""
    wanted = share * eligible.sum()
    taken = np.minimum(eligible, np.maximum(wanted - np.concatenate([[0], np.cumsum(eligible)[:-1]]), 0))
    return float((turnout * taken).sum() / taken.sum())


def tenth_spread(voters, eligible) -> float | None:
    """The turnout of the tenth of the eligible voters in the districts with the highest turnout minus
    that of the tenth in the lowest (procentenheter); None for fewer than two districts.

    >>> round(tenth_spread([50, 90], [100, 100]), 1)  # two equal districts: each tenth lies in one
    40.0
    >>> round(tenth_spread([50, 60, 70, 80, 90] * 4, [100] * 20), 1)  # more districts, the same spread
    40.0
    """
    voters, eligible = np.asarray(voters, dtype=float), np.asarray(eligible, dtype=float)
    keep = eligible > 0
    voters, eligible = voters[keep], eligible[keep]
    if len(eligible) < 2:
        return None
    turnout = 100 * voters / eligible
    order = np.argsort(turnout, kind="stable")
    low = _tail_mean(turnout[order], eligible[order], TENTH)
    high = _tail_mean(turnout[order][::-1], eligible[order][::-1], TENTH)
    return high - low


def _spread(rows: pd.DataFrame) -> float | None:
    return tenth_spread(rows["voters"].to_numpy(), rows["eligible"].to_numpy())


def turnout(kommun: str, year: int = ELECTIONS[-1]) -> Turnout | None:
    """The kommun's districts in one election; None when the election is not in the table."""
    everyone = within.districts()
    rows = everyone[(everyone["kommun"] == kommun) & (everyone["year"] == year)]
    if rows.empty:
        return None
    districts = [District(r.valdistrikt, r.name, int(r.eligible), int(r.voters),
                          stats.wilson(int(r.voters), int(r.eligible), 0.95, 100))
                 for r in rows.itertuples() if r.eligible > 0]
    districts.sort(key=lambda d: d.turnout.value)
    national = everyone[everyone["year"] == year]
    earlier = [y for y in ELECTIONS if y < year]
    before = everyone[(everyone["kommun"] == kommun) & (everyone["year"] == earlier[-1])] if earlier else None
    return Turnout(year, districts, 100 * rows["voters"].sum() / rows["eligible"].sum(),
                   100 * national["voters"].sum() / national["eligible"].sum(),
                   earlier[-1] if earlier else None, _spread(before) if before is not None else None, _spread(rows))


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    year: int
    population: int
    born_abroad: float  # percent
    wage_income: float  # tkr, mean
    rented: float  # percent of dwellings: hyresrätt
    owned_flat: float  # bostadsrätt
    owned_house: float  # äganderätt
    area_type: int | None  # SCB 1–5 (2022); 1–2 with socioeconomic challenges


def _share(part: float, whole: float) -> float:
    return 100 * part / whole if whole else float("nan")


def _areas(frame: pd.DataFrame) -> list[Area]:
    out = []
    for r in frame.itertuples():
        dwellings = r.dwellings_hyresratt + r.dwellings_bostadsratt + r.dwellings_aganderatt
        out.append(Area(r.regso, r.regso_name, int(r.year), int(r.population),
                        100 - _share(r.born_in_sweden, r.population), float(r.wage_income_mean_tkr),
                        _share(r.dwellings_hyresratt, dwellings), _share(r.dwellings_bostadsratt, dwellings),
                        _share(r.dwellings_aganderatt, dwellings), None if pd.isna(r.area_type) else int(r.area_type)))
    return out


def areas(kommun: str) -> list[Area]:
    """The kommun's RegSO areas in the latest year, the lowest wage income first."""
    frame = within.regso(kommun)
    if frame.empty:
        return []
    latest = frame[frame["year"] == frame["year"].max()]
    return sorted(_areas(latest), key=lambda a: a.wage_income)


def challenged_share(kommun: str | None = None, year: int = 2022) -> float | None:
    """The share of residents (percent) living in area types 1–2: the kommun's, or Riket's (None)."""
    frame = within.regso(kommun)
    frame = frame[frame["year"] == year]
    if frame.empty or not frame["population"].sum():
        return None
    return float(100 * frame.loc[frame["area_type"].isin(CHALLENGED), "population"].sum() / frame["population"].sum())


@dataclass(frozen=True)
class School:
    code: str
    name: str
    huvudman_type: str  # "Kommunal", "Enskild"
    pupils: str  # as published; numbers below are None where masked
    merit: str
    eligible: str
    pupils_value: float | None
    merit_value: float | None
    eligible_value: float | None


def schools(kommun: str) -> list[School]:
    """The kommun's school units with year 9, the lowest merit value first (masked ones last)."""
    frame = within.schools(kommun)
    found = [School(r.school_unit, r.school, r.huvudman_type, r.pupils, r.merit_mean_17, r.share_eligible_vocational,
                    r.pupils_value, r.merit_mean_17_value, r.share_eligible_vocational_value)
             for r in frame.itertuples()]
    return sorted(found, key=lambda s: (s.merit_value is None, s.merit_value or 0))


@dataclass(frozen=True)
class OwnValue:
    code: str
    name: str
    measure: str
    year: int
    value: float
    interval: stats.Interval | None  # Wilson 95 %, in percent, where the row gives numerator and denominator
    source: str


def own_values(kommun: str, store_folder) -> list[OwnValue]:
    """The analyst's imported values for the kommun's areas (``own_areas``), each with Wilson's interval
    where counts are given."""
    from jamlik.data import own_areas

    frame = own_areas.stored(store_folder)
    frame = frame[frame["kommun"] == kommun]
    out = []
    for r in frame.itertuples():
        counted = pd.notna(r.taljare) and pd.notna(r.namnare) and r.namnare > 0
        interval = stats.wilson(int(r.taljare), int(r.namnare), 0.95, 100) if counted else None
        out.append(OwnValue(str(r.omrade), str(r.namn), str(r.matt), int(r.ar), float(r.varde), interval,
                            str(r.kalla)))
    return sorted(out, key=lambda v: (v.measure, v.year, v.value))


def rows(kommun, theme: str, store_folder=None) -> list[dict]:
    """The findings table's rows for the areas inside ``kommun`` (an ``areas.Area``): one per district
    (with its interval), RegSO area and measure, school and measure, and the analyst's own values
    (``store_folder``), with ``level`` naming the kind of area (``valdistrikt``, ``regso``, ``skolenhet``,
    ``omrade``)."""
    out = []

    def add(level: str, indicator: str, code: str, name: str, year: int, value, unit: str, source: str, **extra):
        out.append({"theme": theme, "indicator": indicator, "kpi": "", "area": code, "area_name": name,
                    "year": year, "sex": "T", "value": None if value is None or pd.isna(value) else float(value),
                    "unit": unit, "source": source, "level": level, "verdict_riket": "none", "verdict_lan": "none",
                    "verdict_peers": "none", "trend": "none", "small_numbers": False, "red_red": False,
                    "ci_method": "none", **extra})

    for year in ELECTIONS:
        t = turnout(kommun.code, year)
        for d in t.districts if t else []:
            add("valdistrikt", "valdeltagande_riksdag", d.code, d.name, year, d.turnout.value, "procent",
                "valmyndigheten", ci_low=d.turnout.lower, ci_high=d.turnout.upper, ci_method="Wilson",
                n_denominator=float(d.eligible))
    measures = [("inkomst_av_arbete_medel", "wage_income", "tkr"), ("fodda_utomlands", "born_abroad", "procent"),
                ("hyresratter", "rented", "procent"), ("omradestyp", "area_type", "typ")]
    for a in areas(kommun.code):
        for indicator, field, unit in measures:
            add("regso", indicator, a.code, a.name, a.year, getattr(a, field), unit, "scb",
                n_denominator=float(a.population) if unit == "procent" else None)
    for sc in schools(kommun.code):
        for indicator, value, text in (("meritvarde_skolenhet", sc.merit_value, sc.merit),
                                       ("behoriga_yrkesprogram_skolenhet", sc.eligible_value, sc.eligible)):
            add("skolenhet", indicator, sc.code, sc.name, 2025, value, "poang" if "merit" in indicator else "procent",
                "skolverket", status="" if value is not None else text, n_denominator=sc.pupils_value)
    for v in own_values(kommun.code, store_folder) if store_folder is not None else []:
        interval = dict(ci_low=v.interval.lower, ci_high=v.interval.upper, ci_method="Wilson") if v.interval else {}
        add("omrade", v.measure, v.code, v.name, v.year, v.value, "", v.source, **interval)
    return out
