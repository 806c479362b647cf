import numpy as np
import pandas as pd

from jamlik.data import areas, catalog, demo, store


def test_covers_every_indicator_area_year_and_sex(demo_table):
    assert set(demo_table["source"]) == {"demo"}
    for ind in catalog.indicators().values():
        rows = demo_table[demo_table["indicator"] == ind.id]
        assert rows["area"].nunique() == 312, ind.id
        assert rows["year"].nunique() >= 10, ind.id
        assert set(rows["sex"]) == ({"T", "K", "M"} if ind.sex_split else {"T"}), ind.id


def test_is_deterministic():
    first, second = demo.generate(), demo.generate()
    pd.testing.assert_frame_equal(first.drop(columns="retrieved"), second.drop(columns="retrieved"))
    other = demo.generate(seed=1)
    keys = ["indicator", "area", "year", "sex"]
    both = first.merge(other, on=keys, suffixes=("", "_other"))
    assert not np.allclose(both["value"].fillna(0), both["value_other"].fillna(0))


def test_values_stay_in_plausible_ranges(demo_table):
    for ind in (i for i in catalog.indicators().values() if not i.formula):  # a gap may be negative
        values = demo_table.loc[demo_table["indicator"] == ind.id, "value"].dropna()
        assert values.min() >= 0, ind.id
        if ind.unit == "procent":
            assert values.max() <= 100, ind.id
        if ind.demo_kommun_high:
            span = ind.demo_kommun_high - ind.demo_kommun_low
            assert values.median() > ind.demo_kommun_low - span and values.median() < ind.demo_kommun_high + span


def test_counts_add_up_to_lan_and_riket(demo_table):
    rows = demo_table[(demo_table["indicator"] == "invanare") & (demo_table["sex"] == "T")]
    wide = rows.pivot(index="area", columns="year", values="value")
    kommuner = [k.code for k in areas.kommuner()]
    assert np.allclose(wide.loc[areas.RIKET], wide.loc[kommuner].sum(), rtol=1e-6)
    orebro = [k.code for k in areas.kommuner_in(areas.lan("18"))]
    assert np.allclose(wide.loc["0018"], wide.loc[orebro].sum(), rtol=1e-6)


def test_shares_aggregate_as_population_weighted_means():
    ctx = pd.DataFrame({"population_2021": [1000, 3000], "lan": ["0001", "0001"]})
    values = np.array([[10.0], [20.0]])
    out = demo._aggregate(values, ctx, is_count=False)
    assert out["0001"][0] == out[areas.RIKET][0] == 17.5


def test_suppression_only_in_small_kommuner_and_never_for_riket_or_lan(demo_table):
    suppressed = demo_table[demo_table["status"] == store.SUPPRESSED]
    assert len(suppressed) > 0 and suppressed["value"].isna().all()
    context = pd.read_csv(demo.PACKAGE_DATA / "kommun_context.csv", dtype={"code": str}).set_index("code")
    assert context.loc[suppressed["area"].unique(), "population_2021"].max() < 10_000
    assert not set(suppressed["area"]) & ({a.code for a in areas.lan_list()} | {areas.RIKET})


def test_women_and_men_differ_in_the_catalog_direction(demo_table):
    rows = demo_table[(demo_table["indicator"] == "meritvarde_ak9") & (demo_table["area"] == areas.RIKET)]
    by_sex = rows.set_index(["year", "sex"])["value"].unstack()
    assert (by_sex["K"] > by_sex["M"]).all()


def test_survey_indicators_have_intervals(demo_table):
    rows = demo_table[(demo_table["indicator"] == "fetma")].dropna(subset=["value"])
    assert (rows["ci_low"] <= rows["value"]).all() and (rows["value"] <= rows["ci_high"]).all()
    assert demo_table.loc[demo_table["indicator"] == "forskola_1_5", "ci_low"].isna().all()
