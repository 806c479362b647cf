"""JupyterLab's export menu offers only exporters that can work on this machine (jamlik's server
extension turns the others off), and the Briefing entry answers from inside a real Jupyter server."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import requests
from nbconvert.exporters import get_export_names
from traitlets.config import Config

from jamlik.base import paths
from jamlik.running import jupyter_menu

CONFIG = paths.PACKAGE_DIR.parents[1] / "jupyter-config" / "jupyter_server_config.d" / "jamlik.json"
NEED_TOOLS = {"pdf", "webpdf", "latex", "rst", "asciidoc", "qtpdf", "qtpng"}


def machine(monkeypatch, commands=(), modules=()):
    monkeypatch.setattr(jupyter_menu.shutil, "which", lambda name: f"/usr/bin/{name}" if name in commands else None)
    monkeypatch.setattr(jupyter_menu, "_module_found", lambda name: name in modules)


def test_exporters_without_their_tools_leave_the_menu_and_briefing_stays(monkeypatch):
    machine(monkeypatch)
    config = Config()
    jupyter_menu.hide(config)
    names = set(get_export_names(config))
    assert not names & NEED_TOOLS
    assert {"briefing", "html", "markdown", "notebook", "script"} <= names


def test_an_exporter_with_its_tools_stays_and_the_user_s_own_setting_wins(monkeypatch):
    machine(monkeypatch, commands=("pandoc", "xelatex"))
    config = Config()
    config.WebPDFExporter.enabled = True  # the user's own configuration turned it on
    jupyter_menu.hide(config)
    names = set(get_export_names(config))
    assert {"pdf", "latex", "rst", "asciidoc", "webpdf"} <= names and not names & {"qtpdf", "qtpng"}


def test_the_installed_configuration_enables_the_extension():
    from jupyter_server.extension.manager import ExtensionPackage

    enabled = json.loads(CONFIG.read_text(encoding="utf-8"))["ServerApp"]["jpserver_extensions"]
    assert enabled == {jupyter_menu.__name__: True}
    assert ExtensionPackage(name=jupyter_menu.__name__, enabled=True).validate()
    declared = (paths.PACKAGE_DIR.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"etc/jupyter/jupyter_server_config.d" = ["jupyter-config/jupyter_server_config.d/jamlik.json"]' in declared


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """A Jupyter server as JupyterLab starts it, with the environment configuration pip installs."""
    config = tmp_path / "config" / "jupyter_server_config.d"
    config.mkdir(parents=True)
    shutil.copy(CONFIG, config)
    port, token = _free_port(), "jamlik-test"
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(config.parent)}
    process = subprocess.Popen([sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root",
                                f"--port={port}", f"--IdentityProvider.token={token}",
                                f"--ServerApp.root_dir={tmp_path}"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    try:
        for _ in range(120):
            try:
                requests.get(f"{url}/api/status", headers=headers, timeout=2).raise_for_status()
                break
            except requests.RequestException:
                time.sleep(0.5)
        yield url, headers, Path(tmp_path)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
def test_a_real_server_lists_briefing_and_refuses_a_failing_notebook_with_a_fel_page(server):
    url, headers, root = server
    listed = requests.get(f"{url}/api/nbconvert", headers=headers, timeout=30).json()
    assert "briefing" in listed and "html" in listed
    assert not set(listed) & hidden_here()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("egen = 1\nprint(egna)")])
    nbformat.write(nb, root / "egen.ipynb")
    # JupyterLab's export: the notebook is run (it never was) in the server's own worker thread
    answer = requests.get(f"{url}/nbconvert/briefing/egen.ipynb?download=true", headers=headers, timeout=300)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["Content-Disposition"].endswith("egen-FEL.pdf")
    assert answer.content.startswith(b"%PDF")


def hidden_here() -> set[str]:
    """The menu names of the exporters this machine lacks the tools for."""
    names = {"PDFExporter": "pdf", "LatexExporter": "latex", "RSTExporter": "rst", "ASCIIDocExporter": "asciidoc",
             "WebPDFExporter": "webpdf", "QtPDFExporter": "qtpdf", "QtPNGExporter": "qtpng"}
    return {names[n] for n in jupyter_menu.unusable()}
