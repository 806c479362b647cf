"""Which data store a run uses, and the demonstration store made on first use."""

import copy
import logging
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import demo, paths, store
from .errors import StoreError

log = logging.getLogger(__name__)


def resolve(data_store: str | Path = "") -> Path:
    """The store folder: the given one, or the project's default (``data/store``)."""
    return Path(data_store).expanduser().resolve() if str(data_store) else paths.store_dir()


def ensure(data_store: str | Path = "") -> Path:
    """The store folder, creating the demonstration store when the default one does not exist yet."""
    folder = resolve(data_store)
    if store.exists(folder):
        return folder
    if str(data_store) and folder != paths.store_dir():
        raise StoreError(f"Det finns inget datalager i {folder}. Kontrollera sökvägen i parametern data_store.")
    log.warning("Inget datalager i %s: skapar demodata (inte officiell statistik).", folder)
    store.write(demo.generate(), folder, demo.metadata())
    return folder


def open_store(data_store: str | Path = "", indicators: list[str] | None = None) -> tuple[pd.DataFrame, dict]:
    """The values and the metadata. The frame is shared between calls: treat it as read-only."""
    folder = ensure(data_store)
    stat = store.path(folder).stat()
    identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    data, meta = _read(folder, identity, tuple(indicators) if indicators else None)
    return data, copy.deepcopy(meta)


@lru_cache(maxsize=4)
def _read(folder: Path, identity: tuple, indicators: tuple | None) -> tuple[pd.DataFrame, dict]:
    # keyed by the file's identity: a warm batch kernel reads the store once, not once per
    # notebook, and a store that was replaced (always by a rename: a new inode) is read again
    return store.read(folder, list(indicators) if indicators else None), store.read_meta(folder)


def year_range(folder: Path) -> tuple[int, int]:
    """First and last year in the store, read from the year column alone."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    years = pq.read_table(store.path(folder), columns=["year"])["year"]
    return int(pc.min(years).as_py()), int(pc.max(years).as_py())
