"""Indicators computed from other indicators' values in the store (the catalog's ``formula``),
such as the gap in life expectancy between women and men (``N00925-N00923``).

They are derived wherever values enter the store (the snapshot, a fetch, the demonstration data),
so every reader sees them as ordinary rows; each derived value takes the provenance of its first
part, and is missing wherever a part is missing. Each part enters as it is printed (rounded to its
indicator's decimals): a gap printed beside its two values is their difference as a reader computes
it (85,6 − 81,9 = 3,7 år, not 3,6 from 85,55 − 81,93; bedomning.md §4).

``VERSION`` names these rules; the store records it, and a store derived by older rules is derived
again when it is opened (``datastore.ensure``).
"""

import pandas as pd

from jamlik.base.text import rounded
from jamlik.data import catalog, denominators

KEYS = ["area", "year", "sex"]
VERSION = 2  # 2: parts as printed


def _part(table: pd.DataFrame, indicator: catalog.Indicator) -> pd.DataFrame:
    rows = table[(table["indicator"] == indicator.id) & table["value"].notna()].set_index(KEYS)
    return rows.assign(value=[rounded(v, indicator.decimals) for v in rows["value"]])


def derive(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every formula indicator computed anew from the rows of its parts."""
    by_kpi = {i.source_id: i for i in catalog.package_indicators().values() if i.source_id}
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
