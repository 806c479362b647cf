import numpy as np
import pandas as pd
import pytest

from jamlik.base.errors import StoreError
from jamlik.data import store


def _table(n=3):
    return pd.DataFrame({
        "indicator": ["a"] * n, "area": ["1883"] * n, "year": [2023, 2024, 2025][:n], "sex": ["T"] * n,
        "value": [1.5, np.nan, 2.5][:n], "ci_low": np.nan, "ci_high": np.nan, "count": np.nan,
        "status": ["", store.SUPPRESSED, ""][:n], "source": ["kolada"] * n, "retrieved": ["2026-11-20"] * n,
        "source_url": ["https://api.kolada.se/v3/data"] * n, "api_version": ["v3"] * n,
    })


def test_round_trip_keeps_missing_values_missing(tmp_path):
    store.write(_table(), tmp_path, {"sources": {"kolada": {"retrieved": "2026-11-20"}}})
    back = store.read(tmp_path)
    assert list(back.columns) == store.COLUMNS
    assert back["value"].isna().tolist() == [False, True, False]
    assert back.loc[1, "status"] == store.SUPPRESSED
    assert store.read_meta(tmp_path)["sources"]["kolada"]["retrieved"] == "2026-11-20"
    assert store.read_meta(tmp_path)["schema_version"] == store.SCHEMA_VERSION


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    store.write(_table(), tmp_path, {})
    store.write(_table(2), tmp_path, {})
    assert [p.name for p in tmp_path.iterdir()] == [store.VALUES_FILE]
    assert len(store.read(tmp_path)) == 2


def test_failed_write_keeps_the_old_store(tmp_path):
    store.write(_table(), tmp_path, {})
    with pytest.raises(ValueError):
        store.write(_table().drop(columns=["value"]), tmp_path, {})
    assert len(store.read(tmp_path)) == 3


def test_read_only_some_indicators(tmp_path):
    other = _table().assign(indicator="b")
    store.write(pd.concat([_table(), other]), tmp_path, {})
    assert set(store.read(tmp_path, ["b"])["indicator"]) == {"b"}


def test_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="jamlik data snapshot"):
        store.read(tmp_path)


def test_corrupt_store_says_what_to_do(tmp_path):
    (tmp_path / store.VALUES_FILE).write_bytes(b"not parquet")
    with pytest.raises(StoreError, match="går inte att läsa"):
        store.read(tmp_path)


def test_demo_values_are_found_anywhere_in_the_store(tmp_path):
    real = _table()
    store.write(real, tmp_path, {})
    assert not store.has_demo_values(tmp_path)
    store.write(pd.concat([real, _table(1).assign(indicator="z", source="demo")]), tmp_path, {})
    assert store.has_demo_values(tmp_path)


def test_open_store_reads_once_but_sees_a_replaced_store(tmp_path):
    """A warm batch kernel keeps the values it read; a store written since is read again."""
    from jamlik.data.datastore import open_store

    store.write(_table(), tmp_path, {"sources": {"kolada": {"retrieved": "2026-11-20"}}})
    first, meta = open_store(tmp_path)
    assert open_store(tmp_path)[0] is first
    meta["sources"] = {}  # the caller's copy: the next caller still gets the real metadata
    assert open_store(tmp_path)[1]["sources"]["kolada"]["retrieved"] == "2026-11-20"
    store.write(_table().assign(value=9.0), tmp_path, {})
    again, _ = open_store(tmp_path)
    assert again is not first and again["value"].tolist() == [9.0, 9.0, 9.0]


def _life_expectancy(women: float, men: float) -> pd.DataFrame:
    rows = _table(1)
    return pd.concat([rows.assign(indicator="medellivslangd_kvinnor", value=women),
                      rows.assign(indicator="medellivslangd_man", value=men)], ignore_index=True)


def test_a_derived_gap_is_the_difference_of_its_parts_as_printed():
    """Sollentuna 2022: women 85,55 and men 81,93 years are printed 85,6 and 81,9; the gap printed beside
    them is 3,7 år, the difference a reader computes, not 3,6 (bedomning.md §4)."""
    from jamlik.data import derived

    table = derived.derive(_life_expectancy(85.55, 81.93))
    assert table.loc[table["indicator"] == "medellivslangd_skillnad", "value"].tolist() == [3.7]


def test_a_store_derived_by_older_rules_is_derived_again_once_when_opened(tmp_path, monkeypatch):
    from jamlik.data import datastore, derived

    store.write(_life_expectancy(85.55, 81.93), tmp_path, {"sources": {"kolada": {"retrieved": "2026-11-20"}}})
    monkeypatch.setattr(derived, "VERSION", derived.VERSION + 1)  # rules newer than the store's
    datastore.ensure(tmp_path)
    meta = store.read_meta(tmp_path)
    assert meta["derived_version"] == derived.VERSION and meta["sources"]["kolada"]["retrieved"] == "2026-11-20"
    values = store.read(tmp_path)
    assert values.loc[values["indicator"] == "medellivslangd_skillnad", "value"].tolist() == [3.7]
    written = store.path(tmp_path).stat().st_mtime_ns
    datastore.ensure(tmp_path)  # the same rules now: left alone
    assert store.path(tmp_path).stat().st_mtime_ns == written
