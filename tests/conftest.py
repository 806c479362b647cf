import os
import tempfile
from pathlib import Path

import pytest

from jamlik.base import paths
from jamlik.data import datastore, demo, store

# the checkout is the tests' workspace, from whichever folder pytest is started
os.environ.setdefault("JAMLIK_HOME", str(Path(__file__).resolve().parents[1]))
# notebooks the tests run are signed with a secret of their own, not in the developer's Jupyter folder
os.environ.setdefault("JUPYTER_DATA_DIR", tempfile.mkdtemp(prefix="jamlik-tests-jupyter-"))
TEST_DATA = Path(__file__).parent / "data"
# the team's reference data beside the checkout: only optional cross-checks read it
SHARED_DATA = paths.project_root().parent / "shared" / "data"


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """A store with the full demonstration dataset, shared by the whole session."""
    folder = tmp_path_factory.mktemp("store")
    store.write(demo.generate(), folder, demo.metadata())
    return folder


@pytest.fixture(autouse=True)
def _use_demo_store(demo_store, monkeypatch, tmp_path):
    """Every test reads the session's store and its own HTTP cache, never the developer's."""
    monkeypatch.setenv("JAMLIK_STORE", str(demo_store))
    monkeypatch.setenv("JAMLIK_CACHE", str(tmp_path / "http-cache"))
    os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def demo_table(demo_store):
    return store.read(demo_store)


@pytest.fixture(scope="session")
def real_store(tmp_path_factory) -> Path:
    """The default store as a new user gets it: real Kolada values from the bundled snapshot."""
    folder = tmp_path_factory.mktemp("real-store")
    datastore.write_snapshot(folder)
    return folder


@pytest.fixture
def use_real_store(real_store, monkeypatch) -> Path:
    monkeypatch.setenv("JAMLIK_STORE", str(real_store))
    return real_store


@pytest.fixture(scope="session")
def real_table(real_store):
    return store.read(real_store)


@pytest.fixture
def own_workspace(tmp_path, monkeypatch, real_store) -> Path:
    """A new workspace (``jamlik init``) as the current folder, its store the real snapshot (linked, so
    a test that replaces it replaces the link only)."""
    from jamlik.running import workspace

    home = workspace.create(tmp_path / "arbetsyta")
    folder = home / "data" / "store"
    folder.mkdir(parents=True)
    (folder / store.VALUES_FILE).symlink_to(real_store / store.VALUES_FILE)
    monkeypatch.chdir(home)
    monkeypatch.setenv("JAMLIK_STORE", str(folder))
    return home
