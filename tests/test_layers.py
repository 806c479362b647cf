"""The package's layers import only downward: base → data → statistics → writing → charts →
documents → running (DESIGN.md, "Shape")."""

import ast
from pathlib import Path

import jamlik

LAYERS = ["base", "data", "statistics", "writing", "charts", "documents", "running"]
PACKAGE = Path(jamlik.__file__).parent
# kept for one version so analysts' notebooks still run; they only re-export documents
DEPRECATED = {"report.py", "lan_report.py"}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "jamlik" and parts[1] in LAYERS else None


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if node.module == "jamlik"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(".")  # relative imports hide the layer they reach
    return found


def test_every_module_sits_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "__main__.py"} | DEPRECATED)
    assert loose == [], f"modules outside the layers: {loose}"


def test_imports_only_run_downward():
    wrong = []
    for layer in LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for module in _imports(path):
                if module == ".":
                    wrong.append(f"{path.relative_to(PACKAGE)}: relative import")
                elif (target := _layer(module)) and LAYERS.index(target) > LAYERS.index(layer):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []


def test_the_direction_test_sees_an_upward_import(tmp_path):
    upward = tmp_path / "upward.py"
    upward.write_text("from jamlik.running import cli\nfrom jamlik.base import text\n", encoding="utf-8")
    assert [_layer(m) for m in _imports(upward)] == ["running", "base"]


def test_old_notebook_imports_still_work_with_a_warning():
    import importlib
    import sys
    import warnings

    sys.modules.pop("jamlik.report", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.import_module("jamlik.report")
    from jamlik.documents import Briefing

    assert old.Briefing is Briefing
    assert any(issubclass(w.category, DeprecationWarning) and "jamlik.documents" in str(w.message) for w in caught)


def test_charts_read_findings_and_never_the_tests():
    """A chart draws a finding; it reaches statistics only through ``statistics.findings``."""
    reached = [f"{path.name}: {module}" for path in sorted((PACKAGE / "charts").rglob("*.py"))
               for module in _imports(path)
               if module.startswith("jamlik.statistics") and module != "jamlik.statistics.findings"]
    assert reached == []
