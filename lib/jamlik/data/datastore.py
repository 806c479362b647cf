"""Which data store a run uses; the default one is made from the bundled Kolada snapshot on first use."""

import copy
import logging
from functools import lru_cache
from pathlib import Path

import pandas as pd

from jamlik.base import paths
from jamlik.base.errors import InvalidYearError, StoreError
from jamlik.base.text import year_span
from jamlik.data import derived, health_groups, own_values, snapshot, store

log = logging.getLogger(__name__)


def resolve(data_store: str | Path = "") -> Path:
    """The store folder: the given one, or the project's default (``data/store``)."""
    return Path(data_store).expanduser().resolve() if str(data_store) else paths.store_dir()


def ensure(data_store: str | Path = "") -> Path:
    """The store folder, made from the bundled Kolada snapshot when the default one does not exist yet."""
    folder = resolve(data_store)
    if store.exists(folder):
        _derive_again(folder)
        return folder
    if str(data_store) and folder != paths.store_dir():
        raise StoreError(f"Det finns inget datalager i {folder}. Kontrollera sökvägen i parametern data_store.")
    log.info("Inget datalager i %s: skapar det från ögonblicksbilden av Kolada %s.", folder, snapshot.DATE)
    write_snapshot(folder)
    return folder


def _derive_again(folder: Path) -> None:
    """A store whose derived values were made by older rules (``derived.VERSION``) gets them made anew,
    once, with everything else as it was."""
    meta = store.read_meta(folder)
    if meta.get("derived_version") == derived.VERSION:
        return
    log.info("Datalagret i %s räknar om sina härledda värden (regler %s).", folder, derived.VERSION)
    kept = {k: v for k, v in meta.items() if k != "schema_version"}  # ``store.write`` sets both versions
    store.write(derived.derive(store.read(folder)), folder, kept)


def write_snapshot(folder: Path) -> Path:
    """Replace the store in ``folder`` with the bundled snapshot of real Kolada values."""
    return store.write(snapshot.store_table(), folder, snapshot.metadata())


def open_store(data_store: str | Path = "", indicators: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """The values and the metadata. The frame is shared between calls: treat it as read-only."""
    folder = ensure(data_store)
    identity = tuple(_identity(p) for p in (store.path(folder), own_values.path(folder)))
    data, meta = _read(folder, identity, tuple(indicators) if indicators else None)
    return data, copy.deepcopy(meta)


def _identity(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _read(folder: Path, identity: tuple, indicators: tuple | None) -> tuple[pd.DataFrame, dict]:
    # keyed by the files' identity: a warm batch kernel reads the store once, not once per
    # notebook, and a store that was replaced (always by a rename: a new inode) is read again
    # the Kolada survey values of Dalarna's kommuner get the survey's own margin (``health_groups``);
    # the strategist's own values (``own_values``) are laid over the store's
    data = health_groups.with_survey_intervals(store.read(folder, list(indicators) if indicators else None))
    merged = own_values.lay_over(data, folder)
    if indicators and merged is not data:
        merged = merged[merged["indicator"].isin(indicators)].reset_index(drop=True)
    return merged, store.read_meta(folder)


def input_files(folder: Path) -> list[Path]:
    """Every file in the store folder that a briefing's numbers are read from."""
    return [store.path(folder), own_values.path(folder)]


def latest_year(data: pd.DataFrame) -> int:
    """The default report year: the latest year with a value for an indicator a briefing shows."""
    from jamlik.data import catalog

    shown = [i.id for i in catalog.indicators().values() if i.shown]
    years = data.loc[data["indicator"].isin(shown) & data["value"].notna(), "year"]
    if years.empty:
        raise StoreError("Datalagret innehåller inga värden. Skapa det på nytt med 'jamlik data snapshot'.")
    return int(years.max())


def check_year(data: pd.DataFrame, year: int) -> None:
    """A report year needs published values: one line naming the years that have them, if not."""
    years = data.loc[data["value"].notna(), "year"]
    if years.empty or not years.min() <= year <= years.max():
        span = year_span(int(years.min()), int(years.max())) if len(years) else "inga år"
        raise InvalidYearError(f"För {year} finns inga värden i datalagret; värden finns för {span}. "
                               "Välj ett år inom det spannet.")


def year_range(folder: Path) -> tuple[int, int]:
    """First and last year with a published value in the store (rows that only record a missing
    value do not count), read from two columns alone, and in the strategist's own values laid over
    it (``own_values``): the years ``open_store`` and so ``latest_year`` see."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(store.path(folder), columns=["year", "value"])
    years = table["year"].filter(pc.is_valid(table["value"]))
    if len(years) == 0:
        raise StoreError("Datalagret innehåller inga värden. Skapa det på nytt med 'jamlik data snapshot'.")
    first, last = int(pc.min(years).as_py()), int(pc.max(years).as_py())
    own = own_values.stored(folder)
    own_years = own.loc[own["value"].notna(), "year"] if len(own) else own["year"]
    if len(own_years):
        first, last = min(first, int(own_years.min())), max(last, int(own_years.max()))
    return first, last
