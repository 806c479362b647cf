"""Vad har visat sig fungera: for each indicator with a direction, the actions that evidence supports,
each with its source. Data, like the indicator catalog: ``data/evidence.csv`` in the package, and an
analyst's own rows in the workspace, ``params/kunskapsstod.csv``.

A row is one action: what to do (``insats``, one line a council understands), what the evaluation
found (``vad_visar``, one sentence), the strength of the evidence as the source states it (``styrka``)
and the publication (``kalla``, ``utgivare``, ``ar``, ``url``). ``typ`` keeps evidence apart from the
rest, because a council must be able to tell them apart:

- ``utvärderad``: an evaluation, a systematic review or an authority's evidence-based recommendation;
- ``vägledning``: nothing evaluated was found; the row names an authority's guidance or review and
  its ``vad_visar`` says so ("Inga utvärderade insatser hittades; …");
- ``exempel``: a local good example, not evaluated.

Every package row's source is quoted in ``data/evidence_sources.md`` (a test keeps the two in step).
The workspace file has the same columns, written as Excel saves them (see ``import_csv``), and may add
``kommun`` (a code or name) for an example that belongs to one kommun; its ``url`` may be empty for an
example that is only in the kommun's own documents.
"""

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jamlik.base import paths
from jamlik.base.errors import JamlikError
from jamlik.base.names import normalize
from jamlik.base.paths import PACKAGE_DATA
from jamlik.data import areas, catalog, import_csv

COLUMNS = ["indicator", "insats", "vad_visar", "styrka", "kalla", "utgivare", "ar", "url", "typ"]
WORKSPACE_COLUMNS = [*COLUMNS, "kommun"]
WORKSPACE_REQUIRED = ["indicator", "insats", "vad_visar", "styrka", "kalla", "utgivare", "ar", "typ"]
WORKSPACE_FILE = "kunskapsstod.csv"  # in the workspace's params/
EVALUATED, GUIDANCE, EXAMPLE = "utvärderad", "vägledning", "exempel"
KINDS = (EVALUATED, GUIDANCE, EXAMPLE)
NOTHING_EVALUATED = "Inga utvärderade insatser hittades"
FIRST_YEAR = 1990  # older research is not what a council should act on today; a typo is likelier


class EvidenceError(JamlikError):
    """An evidence row that cannot be used; the message names the file, the row and what to fix."""


@dataclass(frozen=True)
class Action:
    """One action for one indicator, with what it showed and where that is written."""

    indicator: str
    insats: str
    vad_visar: str
    styrka: str
    kalla: str
    utgivare: str
    ar: int
    url: str
    kind: str  # one of KINDS
    kommun: str = ""  # a kommun code for a workspace row that belongs to one kommun, else ""
    local: bool = False  # from the analyst's workspace, not the package

    @property
    def evaluated(self) -> bool:
        return self.kind == EVALUATED

    @property
    def reference(self) -> str:
        """``IFAU 2012``: the publisher and year, as a line cites them."""
        return f"{self.utgivare} {self.ar}"


def _kind(text: str, where: str) -> str:
    by_spelling = {normalize(k): k for k in KINDS}
    found = by_spelling.get(normalize(text))
    if found is None:
        raise EvidenceError(f"{where}, kolumnen 'typ': '{text}' är ingen typ. Skriv {', '.join(KINDS[:-1])} "
                            f"eller {KINDS[-1]}.")
    return found


def _year(text: str, where: str) -> int:
    if not text.strip().isdigit() or not FIRST_YEAR <= int(text) <= 2100:
        raise EvidenceError(f"{where}, kolumnen 'ar': '{text}' är inget rimligt årtal (ett år från {FIRST_YEAR}).")
    return int(text)


def _url(text: str, where: str, kind: str) -> str:
    if not text and kind == EXAMPLE:
        return ""
    if not text.startswith("https://"):
        raise EvidenceError(f"{where}, kolumnen 'url': adressen ska börja med https:// så att läsaren kan öppna "
                            f"källan{'' if text else '; bara ett exempel får sakna adress'}.")
    return text


def _indicator(text: str, where: str) -> str:
    try:
        ind = catalog.indicator(text)
    except JamlikError as exc:
        raise EvidenceError(f"{where}: {exc}") from None
    if ind.polarity == "neutral":
        raise EvidenceError(f"{where}: indikatorn '{ind.id}' är varken bättre eller sämre i sig, så den har inget "
                            "kunskapsstöd. Välj en indikator med riktning.")
    return ind.id


def _guidance_says_so(vad_visar: str, kind: str, where: str) -> None:
    if kind == GUIDANCE and not vad_visar.startswith(NOTHING_EVALUATED):
        raise EvidenceError(f"{where}, kolumnen 'vad_visar': en rad av typen vägledning ska börja med "
                            f"”{NOTHING_EVALUATED}”, så att läsaren ser att inget är utvärderat.")


def _action(cells: dict, where: str, local: bool) -> Action:
    kind = _kind(cells["typ"], where)
    _guidance_says_so(cells["vad_visar"], kind, where)
    kommun = ""
    if cells.get("kommun"):
        try:
            kommun = areas.kommun(cells["kommun"]).code
        except JamlikError as exc:
            raise EvidenceError(f"{where}, kolumnen 'kommun': {exc}") from None
    return Action(_indicator(cells["indicator"], where), cells["insats"], cells["vad_visar"], cells["styrka"],
                  cells["kalla"], cells["utgivare"], _year(cells["ar"], where), _url(cells["url"], where, kind),
                  kind, kommun, local)


@cache
def package_actions() -> tuple[Action, ...]:
    """The package's rows, in the file's order (the most relevant action of an indicator first)."""
    with open(PACKAGE_DATA / "evidence.csv", encoding="utf-8", newline="") as f:
        return tuple(_action({c: (row.get(c) or "").strip() for c in COLUMNS}, f"evidence.csv, rad {n}", False)
                     for n, row in enumerate(csv.DictReader(f), start=2))


def workspace_file(workspace: Path | None = None) -> Path | None:
    """The analyst's file in the workspace (the current one by default), when there is one."""
    root = workspace or paths.find_workspace()
    if root is None:
        return None
    path = Path(root) / "params" / WORKSPACE_FILE
    return path if path.exists() else None


def workspace_actions(workspace: Path | None = None) -> tuple[Action, ...]:
    """The analyst's own rows, checked; none without a file. A problem raises ``EvidenceError``."""
    path = workspace_file(workspace)
    if path is None:
        return ()
    return _read_workspace(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _read_workspace(path: str, mtime_ns: int) -> tuple[Action, ...]:
    rows = import_csv.rows(Path(path), WORKSPACE_COLUMNS, WORKSPACE_REQUIRED, EvidenceError)
    return tuple(_action(cells, where, True) for where, cells in rows)


def actions(indicator_id: str, kommun: str = "", workspace: Path | None = None) -> list[Action]:
    """An indicator's actions for a kommun: evaluated ones, then guidance, then examples; within each kind
    the analyst's rows for this kommun first, then the package's, then the analyst's rows for all kommuner."""
    own = [a for a in workspace_actions(workspace) if a.indicator == indicator_id and a.kommun in ("", kommun)]
    found = [a for a in own if a.kommun] + [a for a in package_actions() if a.indicator == indicator_id] + \
        [a for a in own if not a.kommun]
    return sorted(found, key=lambda a: KINDS.index(a.kind))  # stable: keeps that order within a kind


def first_evaluated(indicator_id: str, kommun: str = "", workspace: Path | None = None) -> Action | None:
    """The action a one-line summary names: the first evaluated one, or None when nothing is evaluated."""
    return next((a for a in actions(indicator_id, kommun, workspace) if a.evaluated), None)
