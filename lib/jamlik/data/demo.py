"""Demonstration values for every catalog indicator: plausible, seeded, and NOT real statistics.

For tests and demonstrations only (``jamlik data demo``): the default store holds real Kolada
values (see ``snapshot``). Every page made from demo values carries the band "Demodata – inte
officiell statistik", and the store marks each row ``source = "demo"``.

How a value is made, per indicator (levels from the catalog's ``demo_*`` columns):

1. A kommun's level combines real structure with noise: an SCB-based socio-economic index
   (tax base and share with post-secondary education, 2021), an effect for its SKR kommungrupp
   and one for its län, and a kommun-specific part. "Better" indicators follow the index up,
   "worse" ones down; skewed indicators are drawn on a log scale.
2. A national trend plus a kommun-specific one, and year-to-year noise that grows as the
   population shrinks (small kommuner jump more, as real small numbers do).
3. Women and men differ by the catalog's typical gap, varying by kommun.
4. Län and Riket are population-weighted means of their kommuner (sums for counts).
5. In the smallest kommuner some cells are suppressed (value missing, status "suppressed"),
   more often for the split by sex and for small groups such as children.
6. Survey indicators get a 95 % interval from a plausible sample size.
"""

import datetime

import numpy as np
import pandas as pd

from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import areas, catalog, derived
from jamlik.data.store import COLUMNS, SUPPRESSED

SEED = 20261123
FIRST_YEAR = 2014
SOURCE = "demo"


def _kommun_context() -> pd.DataFrame:
    context = pd.read_csv(PACKAGE_DATA / "kommun_context.csv", dtype={"code": str}).set_index("code")
    register = pd.DataFrame([a.__dict__ for a in areas.kommuner()]).set_index("code")
    context = context.join(register[["lan", "skr_group"]], how="inner")

    def z(series: pd.Series) -> pd.Series:
        return (series - series.mean()) / series.std()

    ses = z(np.log(context["tax_base_per_inhabitant"])) + z(context["share_post_secondary"])
    context["ses"] = z(ses)
    return context


def _standardize(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def _kommun_levels(ind: catalog.Indicator, ctx: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Level in the last year for every kommun, before noise."""
    sign = {"higher": 1.0, "lower": -1.0}.get(ind.polarity, rng.choice([-0.4, 0.4]))
    skr = ctx["skr_group"].map(dict(zip(sorted(ctx["skr_group"].unique()), rng.normal(size=9), strict=True)))
    lan = ctx["lan"].map(dict(zip(sorted(ctx["lan"].unique()), rng.normal(size=21), strict=True)))
    latent = _standardize(0.55 * sign * ctx["ses"].to_numpy() + 0.35 * skr.to_numpy()
                          + 0.3 * lan.to_numpy() + 0.6 * rng.normal(size=len(ctx)))
    low, high, level = ind.demo_kommun_low, ind.demo_kommun_high, ind.demo_riket_level
    weights = ctx["population_2021"].to_numpy()
    if high / low > 4:  # skewed: spread on a log scale
        values = np.exp(np.log(level) + latent * np.log(high / low) / 4)
    else:
        values = level + latent * (high - low) / 4
    values += level - np.average(values, weights=weights)
    margin = 0.1 * (high - low)
    values = np.clip(values, low - margin, high + margin)
    return np.clip(values, 0.1, 99.9) if ind.unit == "procent" else np.maximum(values, 0)


def _kommun_series(ind: catalog.Indicator, ctx: pd.DataFrame, years: np.ndarray,
                   rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Arrays (kommun x year) for T, and for K and M where the indicator is split by sex."""
    population = ctx["population_2021"].to_numpy()
    if ind.unit == "antal":  # population (or an age group's share of it): real 2021 size, grown
        growth = rng.normal(0.006, 0.006, size=len(ctx))
        share = ind.demo_riket_level * rng.normal(1, 0.1, size=len(ctx)) if ind.demo_riket_level else 1.0
        total = np.round((share * population)[:, None] * (1 + growth[:, None]) ** (years - 2021)[None, :])
        if not ind.sex_split:
            return {"T": total}
        women = np.round(total * rng.normal(0.497, 0.006, size=len(ctx))[:, None])
        return {"T": total, "K": women, "M": total - women}

    base = _kommun_levels(ind, ctx, rng)
    spread = (ind.demo_kommun_high - ind.demo_kommun_low) / 4
    # yearly change in units of the spread between kommuner: a decade moves a level by well
    # under one spread, as real indicators do
    slope = spread * (rng.normal(0, 0.05) + rng.normal(0, 0.02, size=len(ctx)))
    noise_sd = np.minimum(0.25, 0.08 / np.sqrt(population / 10_000)) * spread
    step = (years - years[-1])[None, :]
    total = base[:, None] + slope[:, None] * step + rng.normal(size=(len(ctx), len(years))) * noise_sd[:, None]
    series = {"T": total}
    if ind.sex_split:
        gap = ind.demo_sex_gap * (1 + rng.normal(0, 0.25, size=len(ctx)))[:, None]
        gap = gap + rng.normal(size=total.shape) * noise_sd[:, None] * 1.4
        series["K"], series["M"] = total + gap / 2, total - gap / 2
    limit = 100 if ind.unit == "procent" else np.inf
    return {sex: np.clip(values, 0, limit) for sex, values in series.items()}


def _aggregate(values: np.ndarray, ctx: pd.DataFrame, is_count: bool) -> dict[str, np.ndarray]:
    """Län and Riket from the kommun values: population-weighted means, or sums for counts."""
    weights = ctx["population_2021"].to_numpy()[:, None]
    out = {}
    for code, members in [*ctx.groupby("lan").indices.items(), (areas.RIKET, np.arange(len(ctx)))]:
        part = values[members]
        out[code] = part.sum(axis=0) if is_count else (part * weights[members]).sum(axis=0) / weights[members].sum()
    return out


def _suppression_mask(ind: catalog.Indicator, sex: str, ctx: pd.DataFrame, shape: tuple,
                      rng: np.random.Generator) -> np.ndarray:
    if ind.unit == "antal":
        return np.zeros(shape, dtype=bool)
    population = ctx["population_2021"].to_numpy()
    rate = np.select([population < 3_000, population < 6_000, population < 10_000], [0.3, 0.12, 0.03], 0.0)
    small_group = ind.sex_labels == "flickor/pojkar" or ind.unit in ("per_1000", "per_100000")
    rate = rate * (1.0 if sex != "T" else 0.4) * (1.0 if small_group else 0.4)
    return rng.random(shape) < rate[:, None]


def _interval(values: np.ndarray, sex: str, population: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """95 % interval of a survey share, from a plausible number of respondents."""
    respondents = np.clip(population * 0.012, 150, 4_000)[:, None] / (2 if sex != "T" else 1)
    p = np.clip(values / 100, 0.01, 0.99)
    half = 1.96 * np.sqrt(p * (1 - p) / respondents) * 100
    return values - half, values + half


def generate(seed: int = SEED, first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """The whole demonstration table, in the store's columns. Deterministic for a given seed."""
    ctx = _kommun_context()
    population = ctx["population_2021"].to_numpy()
    retrieved = datetime.date.today().isoformat()
    frames = []
    for number, ind in enumerate(catalog.package_indicators().values()):  # own ones have no demo levels
        if ind.formula:  # derived from the generated parts below
            continue
        rng = np.random.default_rng([seed, number])
        years = np.arange(first_year, ind.demo_last_year + 1)
        for sex, values in _kommun_series(ind, ctx, years, rng).items():
            values = np.round(values, ind.decimals)
            rows = {code: values[i] for i, code in enumerate(ctx.index)}
            aggregated = _aggregate(values, ctx, ind.unit == "antal")
            rows.update({code: np.round(v, ind.decimals) for code, v in aggregated.items()})
            codes = list(rows)
            matrix = np.vstack([rows[c] for c in codes])
            suppressed = np.zeros(matrix.shape, dtype=bool)
            suppressed[: len(ctx)] = _suppression_mask(ind, sex, ctx, (len(ctx), len(years)), rng)
            ci_low = ci_high = np.full(matrix.shape, np.nan)
            if ind.uncertainty_kpi:
                sizes = np.concatenate([population, np.full(len(codes) - len(ctx), 1e7)])
                ci_low, ci_high = (np.round(x, ind.decimals) for x in _interval(matrix, sex, sizes))
            frame = pd.DataFrame({
                "area": np.repeat(codes, len(years)),
                "year": np.tile(years, len(codes)),
                "value": np.where(suppressed, np.nan, matrix).ravel(),
                "ci_low": np.where(suppressed, np.nan, ci_low).ravel(),
                "ci_high": np.where(suppressed, np.nan, ci_high).ravel(),
                "status": np.where(suppressed, SUPPRESSED, "").ravel(),
            })
            frame["indicator"], frame["sex"] = ind.id, sex
            frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["count"] = np.nan
    table["source"], table["retrieved"] = SOURCE, retrieved
    table["source_url"], table["api_version"] = "", ""
    return derived.derive(table[COLUMNS])


def metadata(seed: int = SEED) -> dict:
    from jamlik import __version__

    return {
        "sources": {SOURCE: {
            "description": "Demodata – inte officiell statistik. Genererade värden för att visa verktyget.",
            "generator": "jamlik.demo", "seed": seed, "tool_version": __version__,
            "created": datetime.datetime.now().isoformat(timespec="seconds"),
        }},
    }
