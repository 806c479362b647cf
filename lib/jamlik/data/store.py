"""The local data store: one tidy long table in a Parquet file, with its provenance record
kept in the file's own metadata, so the two are always written (and replaced) together.

Columns: ``indicator, area, year, sex (T/K/M), value, ci_low, ci_high, count, status,
source, retrieved, source_url, api_version``: every value says where it came from and when.
Missing and suppressed values are rows with ``value`` missing and a ``status`` saying why;
they are never filled in.
"""

import json
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from jamlik.base.errors import StoreError
from jamlik.data import derived

SCHEMA_VERSION = 2
VALUES_FILE = "values.parquet"
META_KEY = b"jamlik"

SCHEMA = pa.schema([
    ("indicator", pa.string()),
    ("area", pa.string()),
    ("year", pa.int16()),
    ("sex", pa.string()),
    ("value", pa.float64()),
    ("ci_low", pa.float64()),
    ("ci_high", pa.float64()),
    ("count", pa.float64()),
    ("status", pa.string()),
    ("source", pa.string()),
    ("retrieved", pa.string()),
    ("source_url", pa.string()),
    ("api_version", pa.string()),
])
COLUMNS = SCHEMA.names

# status values: "" for a published value; these for rows without one
SUPPRESSED = "suppressed"  # too few to publish (sekretess / för få)
MISSING = "missing"  # not reported


def path(store_dir: Path) -> Path:
    return Path(store_dir) / VALUES_FILE


def exists(store_dir: Path) -> bool:
    return path(store_dir).is_file()


def write(frame: pd.DataFrame, store_dir: Path, meta: dict) -> Path:
    """Write the table and its metadata atomically: a temp file in the same folder, then rename."""
    missing = set(COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"store table lacks columns {sorted(missing)}")
    table = pa.Table.from_pandas(frame[COLUMNS], schema=SCHEMA, preserve_index=False)
    # every writer derives first (``derived.derive``): the store records the rules it derived by
    record = {"schema_version": SCHEMA_VERSION, **meta, "derived_version": derived.VERSION}
    table = table.replace_schema_metadata({META_KEY: json.dumps(record, ensure_ascii=False).encode()})
    target = path(store_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".values-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def read_meta(store_dir: Path) -> dict:
    """The provenance record: sources, when and how the values were made or fetched."""
    try:
        raw = pq.read_schema(path(store_dir)).metadata or {}
    except FileNotFoundError:
        raise StoreError(f"Datalagret saknas i {store_dir}. Skapa det med 'jamlik data snapshot'.") from None
    except (pa.ArrowInvalid, OSError) as exc:
        raise StoreError(f"Datalagret {path(store_dir)} går inte att läsa ({exc}). "
                         "Skapa det på nytt med 'jamlik data snapshot'.") from None
    meta = json.loads(raw.get(META_KEY, b"{}"))
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise StoreError(f"Datalagret {path(store_dir)} har ett äldre format. Skapa det på nytt med "
                         "'jamlik data snapshot' och hämta nyare värden igen med 'jamlik data fetch'.")
    return meta


def read(store_dir: Path, indicators: list[str] | None = None) -> pd.DataFrame:
    """The values, optionally only for some indicators."""
    read_meta(store_dir)  # checks the file and its version, with a clear message
    filters = [("indicator", "in", list(indicators))] if indicators else None
    frame = pq.read_table(path(store_dir), filters=filters).to_pandas()
    return frame.astype({"year": int})


VALUE_KEYS = ["indicator", "area", "year", "sex"]


def overlay(existing: pd.DataFrame, laid: pd.DataFrame) -> pd.DataFrame:
    """``existing`` with each row of ``laid`` in place of the row with the same key (a fetched or an
    imported value replaces the stored one; every other value keeps its own provenance)."""
    if existing.empty:
        return laid.reset_index(drop=True)
    replaced = pd.MultiIndex.from_frame(existing[VALUE_KEYS]).isin(pd.MultiIndex.from_frame(laid[VALUE_KEYS]))
    kept = existing[~replaced]
    return pd.concat([kept, laid], ignore_index=True) if len(kept) else laid.reset_index(drop=True)


def sources(frame: pd.DataFrame) -> set[str]:
    return set(frame["source"].dropna().unique())


def has_demo(frame: pd.DataFrame) -> bool:
    return "demo" in sources(frame)


def has_demo_values(store_dir: Path) -> bool:
    """Whether any value in the store is demonstration data (reads the source column only)."""
    read_meta(store_dir)
    return "demo" in set(pq.read_table(path(store_dir), columns=["source"])["source"].unique().to_pylist())
