"""Indicators computed from other indicators' values in the store (the catalog's ``formula``),
such as the gap in life expectancy between women and men (``N00925-N00923``).

They are derived wherever values enter the store (the snapshot, a fetch, the demonstration data),
so every reader sees them as ordinary rows; each derived value takes the provenance of its first
part, and is missing wherever a part is missing.
"""

import pandas as pd

from jamlik.data import catalog, denominators

KEYS = ["area", "year", "sex"]


def _part(table: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    rows = table[(table["indicator"] == indicator_id) & table["value"].notna()]
    return rows.set_index(KEYS)


def derive(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every formula indicator computed anew from the rows of its parts."""
    by_kpi = {i.source_id: i.id for i in catalog.package_indicators().values() if i.source_id}
    derived = [i for i in catalog.package_indicators().values() if i.formula]  # a workspace's own have none
    frames = [table[~table["indicator"].isin([i.id for i in derived])]]
    for ind in derived:
        kpis = sorted(denominators.kpis(ind.formula))
        parts = {kpi: _part(table, by_kpi[kpi]) for kpi in kpis}
        values = denominators.evaluate(ind.formula, lambda kpi, parts=parts: parts[kpi]["value"]).dropna()
        if values.empty:
            continue
        first = parts[kpis[0]].loc[values.index]
        rows = first.assign(indicator=ind.id, value=values.round(6), ci_low=float("nan"), ci_high=float("nan"),
                            count=float("nan"), status="")
        frames.append(rows.reset_index()[table.columns])
    return pd.concat(frames, ignore_index=True)
