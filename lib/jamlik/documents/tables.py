"""The numbers behind a briefing as data: one row per indicator, area and sex, in the columns of
``<tema>.csv`` (UTF-8, comma separated, dot decimals), so a strategist can reuse every number shown.

Verdicts are ``better/similar/worse`` (``higher/lower`` for neutral indicators) or ``none``;
``verdict_method`` says whether a verdict rests on the interval or on the named fallback rule.
"""

import csv
import io
from pathlib import Path

import pandas as pd

from jamlik.base.files import write_atomic
from jamlik.data import areas, catalog, snapshot
from jamlik.statistics import compare, trends
from jamlik.writing import narrative

COLUMNS = ["theme", "indicator", "kpi", "area", "area_name", "year", "sex", "value", "ci_low", "ci_high",
           "n_denominator", "riket", "lan", "peers", "peer_group", "median_kommun", "verdict_riket",
           "verdict_lan", "verdict_peers", "trend", "trend_window", "rank", "ranked", "small_numbers",
           "source", "retrieved"]
EXTRA = ["ci_method", "verdict_method", "trend_method", "trend_p_value", "trend_first", "trend_last", "red_red",
         "trend_versus_riket", "sex_gap", "sex_gap_riket", "sex_gap_versus", "sex_gap_change", "spread", "rii",
         "rii_low", "rii_high",
         "unit", "origin", "goal_target", "goal_year", "goal_status", "goal_committee", "goal_aim", "goal_reason"]


def _number(x):
    return None if x is None or (isinstance(x, float) and pd.isna(x)) else float(x)


def _provenance(stored: pd.DataFrame | None, area: str, year: int | None, sex: str) -> tuple[str, str, str]:
    if stored is None or year is None:
        return "", "", ""
    rows = stored[(stored["area"] == area) & (stored["year"] == year) & (stored["sex"] == sex)]
    if rows.empty:
        return "", "", ""
    row = rows.iloc[0]
    origin = "snapshot" if row["api_version"] == snapshot.API_VERSION else row["source"]
    return str(row["source"]), str(row["retrieved"])[:10], origin


def indicator_rows(r: compare.Result, theme: str, stored: pd.DataFrame | None, goal=None) -> list[dict]:
    """The kommun's row (and its rows for women and men), then the län's and Riket's; the kommun's
    own ``goal`` (a ``goals.Status``), if any, on its row."""
    ind = r.indicator
    t = trends.trend(r) if r.value is not None else None
    gap = trends.sex_gap(r) if r.value is not None else None
    bench = {i: b for i, b in enumerate(r.benchmarks)}
    lan = areas.lan_of(r.kommun)

    def verdict(i: int) -> str:
        b = bench.get(i)
        return b.verdict if b is not None and b.verdict else "none"

    common = {"theme": theme, "indicator": ind.id, "kpi": ind.kpis.replace(" ", ""), "year": r.year,
              "riket": _number(bench[0].value) if 0 in bench else None,
              "lan": _number(bench[1].value) if 1 in bench else None,
              "peers": _number(bench[2].value) if 2 in bench else None, "peer_group": r.peer_group,
              "median_kommun": _number(r.median), "spread": _number(r.spread) if r.year else None, "unit": ind.unit}
    rows = []

    def add(area: str, sex: str, value, uncertainty, **fields) -> None:
        source, retrieved, origin = _provenance(stored, area, r.year, sex)
        ci = uncertainty.ci
        rows.append({**common, "area": area, "area_name": areas.all_areas()[area].name, "sex": sex,
                     "value": _number(value), "ci_low": ci.lower if ci else None, "ci_high": ci.upper if ci else None,
                     "ci_method": ci.method if ci else "none", "n_denominator": _number(uncertainty.denominator),
                     "source": source, "retrieved": retrieved, "origin": origin,
                     "verdict_riket": "none", "verdict_lan": "none", "verdict_peers": "none", "trend": "none",
                     "trend_window": "", "rank": None, "ranked": None, "small_numbers": bool(uncertainty.small),
                     "verdict_method": "none", "trend_method": "none", "trend_p_value": None, "trend_first": None,
                     "trend_last": None, "trend_versus_riket": "", "red_red": False, "sex_gap": None,
                     "sex_gap_riket": None,
                     "sex_gap_versus": "", "sex_gap_change": "", **fields})

    add(r.kommun.code, "T", r.value, r.uncertainty,
        verdict_riket=verdict(0), verdict_lan=verdict(1), verdict_peers=verdict(2),
        verdict_method=bench[0].method if 0 in bench else "none",
        trend=t.verdict if t else "none", trend_method=t.method if t else "none",
        trend_p_value=_number(t.p_value) if t else None,
        trend_window=f"{t.first_year}-{t.last_year}" if t else "", rank=r.rank, ranked=r.ranked or None,
        red_red=compare.red_red(r, t), trend_first=_number(t.first_value) if t else None,
        trend_last=_number(t.last_value) if t else None, trend_versus_riket=t.versus_riket or "" if t else "",
        # the gap as printed: the difference of the two rounded values a reader sees
        sex_gap=narrative.shown_gap(r, gap.first, gap.second) if gap else None,
        sex_gap_riket=_number(gap.riket_gap) if gap else None,
        sex_gap_versus=gap.versus_riket or "" if gap else "", sex_gap_change=gap.change or "" if gap else "",
        **_goal_fields(goal))
    for sex in r.by_sex:
        add(r.kommun.code, sex, r.by_sex[sex], r.sex_uncertainty(sex))
    if r.year is not None and not compare.is_count(ind):
        for area in (lan.code, areas.RIKET):
            value = common["lan"] if area == lan.code else common["riket"]
            add(area, "T", value, r.sex_uncertainty("T", area))
    return rows


def _goal_fields(goal) -> dict:
    if goal is None:
        return {}
    return {"goal_target": goal.goal.target, "goal_year": goal.goal.year, "goal_status": goal.status,
            "goal_committee": goal.goal.committee, "goal_aim": goal.goal.aim, "goal_reason": goal.reason}


def gradient_rows(d, theme: str, kommun, own, riket, lan) -> list[dict]:
    """One row per area for a social gradient: the SII (in the groups' unit) with its interval as
    value, ci_low and ci_high, the RII beside it."""
    rows = []
    for area, g in ((kommun, own), (areas.lan_of(kommun), lan), (areas.all_areas()[areas.RIKET], riket)):
        if g is None:
            continue
        sii, rii = g.gradient.sii, g.gradient.rii
        rows.append({"theme": theme, "indicator": d.id, "kpi": "+".join(catalog.indicator(i).kpis
                                                                         for i in d.indicators),
                     "area": area.code, "area_name": area.name, "year": g.year, "sex": "T", "value": sii.value,
                     "ci_low": sii.lower, "ci_high": sii.upper, "ci_method": "SII (simulering)",
                     "riket": riket.gradient.sii.value if riket else None,
                     "lan": lan.gradient.sii.value if lan else None, "small_numbers": False,
                     "rii": rii.value, "rii_low": rii.lower, "rii_high": rii.upper, "unit": "procentenheter",
                     "verdict_riket": "none", "verdict_lan": "none", "verdict_peers": "none", "trend": "none",
                     "source": "kolada", "red_red": False})
    return rows


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS + EXTRA, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else repr(v) if isinstance(v, float) else v for k, v in row.items()})
    return out.getvalue()


def write_csv(rows: list[dict], target: Path) -> Path:
    """Write atomically: a temp file beside the target, then rename."""
    return write_atomic(Path(target), lambda tmp: Path(tmp).write_text(to_csv(rows), encoding="utf-8"))


def rows_in(notebook: dict) -> list[dict] | None:
    """The data rows an executed notebook's "Om statistiken" output carries, if any."""
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("metadata", {}).get("jamlik", {}).get("data")
            if data is not None:
                return data
    return None


INTEGERS = {"year", "rank", "ranked", "goal_year"}
FLOATS = {"value", "ci_low", "ci_high", "n_denominator", "riket", "lan", "peers", "median_kommun", "trend_p_value",
          "trend_first", "trend_last", "sex_gap", "sex_gap_riket", "spread", "rii", "rii_low", "rii_high",
          "goal_target"}
BOOLEANS = {"small_numbers", "red_red"}


def _typed(key: str, text: str):
    if key in BOOLEANS:
        return text == "True"
    if text == "":
        return None if key in INTEGERS | FLOATS else ""
    if key in INTEGERS:
        return int(text)
    return float(text) if key in FLOATS else text


def read_csv(path: Path) -> list[dict]:
    """The rows of a ``<tema>.csv`` with their types back."""
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: _typed(k, v) for k, v in row.items()} for row in csv.DictReader(f)]
