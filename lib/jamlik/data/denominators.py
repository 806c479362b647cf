"""The population a share or rate is computed on: the catalog's ``denominator`` column.

A denominator is a small arithmetic expression over Kolada population KPIs, for example
``N01952+N01953+N01954`` (invånare 0–19 år) or ``0.2*N01926`` (2-åringar, approximately a
fifth of 1–5 år). Only numbers, KPI ids, ``+ - * /`` and brackets are allowed; the catalog's
``denominator_note`` says in Swedish where the expression is an approximation.

>>> sorted(kpis("N01955*(1-N02926/100)"))
['N01955', 'N02926']
>>> evaluate("N01952+0.5*N01954", {"N01952": 100.0, "N01954": 40.0}.get)
120.0
"""

import ast
import operator
import re
from collections.abc import Callable
from functools import cache

import pandas as pd

from jamlik.data import catalog

KPI = re.compile(r"^[NU]\d{5}$")
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@cache
def _parse(expression: str) -> ast.expr:
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError:
        raise ValueError(f"denominator {expression!r} is not an expression") from None
    for node in ast.walk(tree):
        allowed = (isinstance(node, (ast.BinOp, *OPERATORS)) and not isinstance(node, ast.Pow)
                   or isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                   or isinstance(node, ast.Name) and KPI.match(node.id)
                   or isinstance(node, ast.Load))
        if not allowed:
            raise ValueError(f"denominator {expression!r}: only KPI ids, numbers and + - * / are allowed")
    return tree


def kpis(expression: str) -> set[str]:
    """The KPI ids an expression reads."""
    return {node.id for node in ast.walk(_parse(expression)) if isinstance(node, ast.Name)}


def evaluate(expression: str, value_of: Callable[[str], float | None]) -> float | None:
    """The expression's value; None when any KPI it reads has no value."""
    def walk(node: ast.expr) -> float | None:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            return value_of(node.id)
        left, right = walk(node.left), walk(node.right)
        return None if left is None or right is None else OPERATORS[type(node.op)](left, right)

    return walk(_parse(expression))


@cache
def population_indicators() -> dict[str, str]:
    """Kolada KPI id -> catalog indicator id, for every KPI a denominator reads."""
    # the package's catalog: a workspace's own indicator has no population expression
    by_kpi = {i.source_id: i.id for i in catalog.package_indicators().values()}
    return {kpi: by_kpi[kpi] for i in catalog.package_indicators().values() for expression in (i.denominator, i.base)
            if expression for kpi in kpis(expression)}


_by_store: dict[int, tuple[pd.DataFrame, dict[str, pd.DataFrame], dict[tuple, float]]] = {}


def _by_area(data: pd.DataFrame) -> tuple[dict[str, pd.DataFrame], dict[tuple, float]]:
    """The store's population rows split by area, and the denominators given with imported values
    (``own_values``: indicator, area, year, sex -> count), once per store in a process: a batch kernel
    makes one ``Populations`` per kommun and notebook, and one pass over every row of the store costs
    more than the rest of it. The store's frame is shared and read-only, so it is the key (kept alive
    with its entry, so its id cannot be reused)."""
    entry = _by_store.get(id(data))
    if entry is None or entry[0] is not data:
        rows = data[data["indicator"].isin(list(population_indicators().values())) & data["value"].notna()]
        given = {}
        if "denominator" in data.columns:  # only where values were read in with their counts
            counted = data[data["denominator"].notna()]
            keys = zip(counted["indicator"], counted["area"], counted["year"].astype(int), counted["sex"], strict=True)
            given = dict(zip(keys, counted["denominator"].astype(float), strict=True))
        entry = (data, dict(tuple(rows.groupby("area"))), given)
        if len(_by_store) >= 4:
            _by_store.pop(next(iter(_by_store)))
        _by_store[id(data)] = entry
    return entry[1], entry[2]


class Populations:
    """The population values denominators read, for a few areas, looked up in one dictionary."""

    def __init__(self, data: pd.DataFrame, areas: list[str] | None = None):
        ids = population_indicators()
        by_area, self._given = _by_area(data)
        found = [by_area[a] for a in (by_area if areas is None else areas) if a in by_area]
        rows = pd.concat(found) if found else data.iloc[0:0]
        split = {i: catalog.indicator(i).sex_split for i in ids.values()}
        self._kpi_of = {i: k for k, i in ids.items()}
        self._split = {self._kpi_of[i]: s for i, s in split.items()}
        keys = zip(rows["indicator"].map(self._kpi_of), rows["area"], rows["year"], rows["sex"], strict=True)
        self._values = dict(zip(keys, rows["value"].astype(float), strict=True))

    def inhabitants(self, area: str, year: int) -> float | None:
        """All inhabitants (N01951), for flagging small kommuner."""
        return self._values.get(("N01951", area, year, "T"))

    def of(self, ind: catalog.Indicator, area: str, year: int, sex: str = "T") -> float | None:
        """The denominator of ``ind`` for one area, year and sex (whole persons), or None: the one
        imported with the value where there is one, else the catalog's expression."""
        given = self._given.get((ind.id, area, year, sex))
        if given is not None:
            return given
        if not ind.denominator:
            return None

        def value_of(kpi: str) -> float | None:
            return self._values.get((kpi, area, year, sex if self._split.get(kpi) else "T"))

        result = evaluate(ind.denominator, value_of)
        return None if result is None else float(round(result))

    def people(self, ind: catalog.Indicator, area: str, year: int) -> float | None:
        """How many people a value rests on: its denominator, else its ``base`` (the year-9 cohort behind
        a mean merit value); None when the catalog gives neither."""
        if ind.denominator:
            return self.of(ind, area, year)
        if not ind.base:
            return None
        result = evaluate(ind.base, lambda kpi: self._values.get((kpi, area, year, "T")))
        return None if result is None else float(round(result))


def population(ind: catalog.Indicator, data: pd.DataFrame, area: str, year: int, sex: str = "T") -> float | None:
    """The denominator of ``ind`` for one area, year and sex, from the store's population rows;
    None when the indicator has no denominator or a population value is missing."""
    return Populations(data, [area]).of(ind, area, year, sex)
