"""JupyterLab's *Save and Export Notebook As* lists only what can work on this machine.

Beside jamlik's *Briefing*, the menu lists nbconvert's own exporters, and several need tools that
a strategist's machine rarely has: *PDF* (LaTeX and Pandoc), *Webpdf* (Playwright and Chromium),
*LaTeX*, *ReStructured Text* and *Asciidoc* (Pandoc), the Qt exporters (PyQtWebEngine). Chosen
there, they answer with an English error page. This Jupyter server extension turns off
(``<Exporter>.enabled = False``, which Jupyter's own configuration offers) each exporter whose
tools are missing, when the server starts; the menu then offers *Briefing* for a PDF. With the
tools installed, the exporter stays. A user's own configuration can turn one back on.

pip installs ``etc/jupyter/jupyter_server_config.d/jamlik.json``, which enables the extension in
the environment jamlik is installed in (the JupyterLab a workspace is opened with).
"""

import importlib.util
import shutil

# exporter class -> what it needs: commands on PATH and Python modules
NEEDS = {
    "PDFExporter": (("xelatex", "pandoc"), ()),
    "LatexExporter": (("pandoc",), ()),
    "RSTExporter": (("pandoc",), ()),
    "ASCIIDocExporter": (("pandoc",), ()),
    "WebPDFExporter": ((), ("playwright",)),
    "QtPDFExporter": ((), ("PyQt5.QtWebEngineWidgets",)),
    "QtPNGExporter": ((), ("PyQt5.QtWebEngineWidgets",)),
}


def _module_found(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a parent package that is missing
        return False


def unusable() -> list[str]:
    """The exporters whose commands or modules this machine lacks."""
    return [name for name, (commands, modules) in NEEDS.items()
            if not all(shutil.which(c) for c in commands) or not all(_module_found(m) for m in modules)]


def hide(config) -> list[str]:
    """Turn the unusable exporters off in ``config``, unless the user's configuration set them."""
    hidden = []
    for name in unusable():
        if "enabled" not in config.get(name, {}):
            config[name]["enabled"] = False
            hidden.append(name)
    return hidden


def _jupyter_server_extension_points():
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp) -> None:
    """The server lists exporters from its application's configuration (nbconvert's ``get_config``)."""
    hidden = hide(serverapp.config)
    serverapp.log.info("jamlik: exporters without their tools left out of the export menu: %s", ", ".join(hidden))
