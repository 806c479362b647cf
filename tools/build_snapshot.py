"""Rebuild the bundled Kolada snapshot (lib/jamlik/data/kolada_snapshot_2024-08-30.parquet)
from the published CSV.

Run from the project root: ``python tools/build_snapshot.py [CSV]`` (default:
``../shared/data/kolada/values_snapshot_2024-08-30.csv.gz``). The values are copied
unchanged; only the layout is compact (dictionary-encoded columns, zstd).
"""

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from jamlik.data import snapshot  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "kolada" / f"values_snapshot_{snapshot.DATE}.csv.gz"
EXPECTED_ROWS = 574_725


def build(csv_path: Path, target: Path = snapshot.FILE) -> int:
    frame = pd.read_csv(csv_path, dtype={"kpi": str, "municipality_id": str, "gender": str, "year": int})
    frame = frame.rename(columns={"municipality_id": "area", "gender": "sex"})
    if frame.duplicated(["kpi", "area", "year", "sex"]).any() or frame["value"].isna().any():
        raise SystemExit(f"{csv_path}: duplicated or empty values; not a Kolada snapshot as expected")
    frame = frame.sort_values(["kpi", "area", "sex", "year"], ignore_index=True)
    table = pa.table({
        "kpi": pa.array(frame["kpi"]).dictionary_encode(),
        "area": pa.array(frame["area"]).dictionary_encode(),
        "year": pa.array(frame["year"], pa.int16()),
        "sex": pa.array(frame["sex"]).dictionary_encode(),
        "value": pa.array(frame["value"], pa.float64()),
    })
    tmp = target.with_suffix(".tmp")
    pq.write_table(table, tmp, compression="zstd", compression_level=19)
    tmp.replace(target)
    return len(frame)


if __name__ == "__main__":
    rows = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV)
    print(f"{snapshot.FILE.relative_to(ROOT)}: {rows} values")
    if rows != EXPECTED_ROWS:
        print(f"warning: expected {EXPECTED_ROWS} values", file=sys.stderr)
