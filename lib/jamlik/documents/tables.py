"""The findings table as a file: ``<tema>.csv`` (UTF-8, comma separated, dot decimals), one row per
indicator, area and sex in the columns of ``findings.COLUMNS``, so a strategist can reuse every number
shown; and the rows back from a file or an executed notebook.

Verdicts are ``better/similar/worse`` (``higher/lower`` for neutral indicators) or ``none``;
``verdict_method`` says whether a verdict rests on the interval or on the named fallback rule, and
``certainty`` its level (``sure``, ``marked``, ``similar``, ``unjudged``, ``missing``: docs/bedomning.md §1).
"""

import csv
import io
from pathlib import Path

from jamlik.base.files import write_atomic
from jamlik.statistics.findings import COLUMNS, EXTRA


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


INTEGERS = {"year", "rank", "ranked", "rank_to", "previous_year", "goal_year"}
FLOATS = {"value", "ci_low", "ci_high", "n_denominator", "riket", "lan", "peers", "median_kommun", "trend_p_value",
          "trend_first", "trend_last", "sex_gap", "sex_gap_riket", "spread", "riket_distance", "previous_value",
          "rii", "rii_low", "rii_high", "goal_target", "position", "people"}
BOOLEANS = {"small_numbers", "red_red", "sex_gap_sure", "crossed_riket", "trend_turned"}


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
