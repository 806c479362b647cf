"""jamlik installed like any Python tool: a wheel built from the checkout, installed (not editable)
into a fresh virtual environment, `jamlik init` in a temporary folder and a real briefing there,
from the wheel's own notebooks and bundled Kolada snapshot.

The new environment borrows the test environment's third-party packages through a .pth file, so
the test needs no network and takes seconds; jamlik itself comes only from the wheel."""

import csv
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from pypdf import PdfReader

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
    # and the menu leaves out exporters without their tools: the environment enables jamlik's server extension
    enabled = installed.parent / "etc" / "jupyter" / "jupyter_server_config.d" / "jamlik.json"
    assert '"jamlik.running.jupyter_menu": true' in enabled.read_text(encoding="utf-8")


OWN_INDICATOR = ("id;tema;titel;enhet;riktning;definition;kolada_id;kalla;kan_paverkas_av\n"
                 "simkunniga_ak6;Skolåldern;Elever i årskurs 6 som kan simma;procent;högre bättre;Andel elever i "
                 "årskurs 6 som klarar simkunnighetsprovet.;;Elevhälsan, Karlskoga kommun (testvärden);kommunen\n")
OWN_VALUES = "kommun;indikator;år;kön;värde;täljare;nämnare;källa\n" + "".join(
    f"Karlskoga;simkunniga_ak6;{year};T;;{passed};{pupils};\n"
    for year, passed, pupils in [(2019, 251, 318), (2020, 262, 322), (2021, 270, 317), (2022, 287, 321)])


def test_an_own_indicator_with_its_values_reaches_the_briefing_of_a_new_workspace(installed, tmp_path):
    """A strategist's own indicator (params/indikatorer.csv) and values (import-varden), saved from Excel
    as semicolon-separated Windows text, in a workspace of the installed wheel: refused with one line
    when a value is wrong, then shown in the theme's PDF and CSV with its Wilson interval and trend."""
    env, jamlik = _env(installed), str(installed / "jamlik")
    _run([jamlik, "init", "arbetsyta"], env=env, cwd=tmp_path)
    home = tmp_path / "arbetsyta"
    (home / "params" / "indikatorer.csv").write_bytes(OWN_INDICATOR.encode("cp1252"))
    (tmp_path / "fel.csv").write_bytes(OWN_VALUES.replace(";;287;321;", ";112;;;").encode("cp1252"))
    refused = subprocess.run([jamlik, "data", "import-varden", str(tmp_path / "fel.csv")], capture_output=True,
                             text=True, env=env, cwd=home)
    assert refused.returncode == 2 and refused.stderr == (
        "Fel: fel.csv, rad 5, kolumnen 'varde': 112 är ingen andel i procent (0–100).\n")
    assert not (home / "data" / "store").exists()  # nothing was written, not even the store
    (tmp_path / "simning.csv").write_bytes(OWN_VALUES.encode("cp1252"))
    _run([jamlik, "data", "import-varden", str(tmp_path / "simning.csv")], env=env, cwd=home)
    _run([jamlik, "run", "--kommun", "Karlskoga", "--tema", "skolaldern"], env=env, cwd=home)
    folder = home / "outputs" / "2022" / "1883-Karlskoga"
    text = " ".join(page.extract_text() for page in PdfReader(folder / "skolaldern.pdf").pages).replace("\xa0", " ")
    text = " ".join(text.split())
    assert "Egna indikatorer" in text and "Elever i årskurs 6 som kan simma" in text
    assert "År 2022 var andelen 89,4 % i Karlskoga (95 % konfidensintervall 85,6–92,3 %)." in text
    assert "Värdet jämförs inte med riket: bara kommunens egna värden finns" in text
    assert "Sedan 2019 har andelen ökat (78,9 % år 2019, 89,4 % år 2022), en säkerställd förbättring" in text
    assert "Källa: Elevhälsan, Karlskoga kommun (testvärden)" in text
    with open(folder / "skolaldern.csv", encoding="utf-8") as f:
        own = [row for row in csv.DictReader(f) if row["indicator"] == "simkunniga_ak6" and row["value"]]
    assert [(r["area"], r["ci_method"], r["trend"], r["origin"]) for r in own] == [("1883", "Wilson", "better", "egen")]
    assert round(float(own[0]["ci_low"]), 1) == 85.6 and own[0]["rank"] == ""
