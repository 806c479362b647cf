"""jamlik installed like any Python tool: a wheel built from the checkout, installed (not editable)
into a fresh virtual environment, `jamlik init` in a temporary folder and a real briefing there,
from the wheel's own notebooks and bundled Kolada snapshot.

The new environment borrows the test environment's third-party packages through a .pth file, so
the test needs no network and takes seconds; jamlik itself comes only from the wheel."""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from jamlik.base import paths

pytestmark = pytest.mark.slow
CHECKOUT = paths.PACKAGE_DIR.parents[1]
LEFT_OUT = shutil.ignore_patterns(".venv", ".git", "outputs", "store", "build", "*.egg-info", "__pycache__",
                                  ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", "tests")


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh virtual environment with the jamlik wheel installed."""
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "source"
    shutil.copytree(CHECKOUT, source, ignore=LEFT_OUT, symlinks=True)  # the build must not touch the checkout
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
          "--wheel-dir", str(tmp / "dist"), str(source)])
    wheel = next((tmp / "dist").glob("jamlik-*.whl"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)])
    return venv / "bin"


def _env(bin_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JAMLIK_") and k != "PYTHONPATH"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env["JAMLIK_CACHE"] = str(bin_dir.parent / "http-cache")
    # the borrowed packages' data files (nbconvert's templates, kernel specs) stay in their own prefix
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return env


def test_the_wheel_makes_a_briefing_in_a_new_workspace(installed, tmp_path):
    env = _env(installed)
    where = _run([str(installed / "python"), "-c", "import jamlik; print(jamlik.__file__)"], env=env, cwd=tmp_path)
    assert str(installed.parent) in where.stdout  # the wheel's copy, not the checkout's
    outside = subprocess.run([str(installed / "jamlik"), "run"], capture_output=True, text=True, env=env,
                             cwd=tmp_path)
    assert outside.returncode == 2 and "jamlik init <mapp>" in outside.stderr
    _run([str(installed / "jamlik"), "init", "arbetsyta"], env=env, cwd=tmp_path)
    home = tmp_path / "arbetsyta"
    made = _run([str(installed / "jamlik"), "run", "--kommun", "Bjurholm", "--tema", "tidiga_ar"], env=env,
                cwd=home / "notebooks")  # any folder inside the workspace
    pdf = home / "outputs" / "2022" / "2403-Bjurholm" / "tidiga_ar.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), made.stdout + made.stderr
    assert (home / "data" / "store").is_dir()  # made from the wheel's bundled snapshot
    # JupyterLab's export menu: the exporter is found by its entry point and works in the workspace
    executed = home / "outputs" / "2022" / "2403-Bjurholm" / "tidiga_ar.ipynb"
    _run([str(installed / "python"), "-m", "nbconvert", "--to", "briefing", str(executed), "--output-dir",
          str(tmp_path / "export")], env=env, cwd=home / "notebooks")
    assert (tmp_path / "export" / "tidiga_ar-Bjurholm-2022.pdf").read_bytes().startswith(b"%PDF")
