"""A notebook cell that ended in an error, as one Swedish line a strategist can act on:

``Fel i 02_skolaldern.ipynb, cell 6 (”print(egna)”), rad 1: namnet 'egna' finns inte.``

Cells are counted as the strategist sees them in the notebook they edited, from 1 at the top, markdown
cells included; the cells Papermill adds to a run (its injected parameters, its error notes) are not
counted. The traceback, without terminal colours, is kept for the log and for whoever wants it.
"""

import re
from dataclasses import dataclass

from jamlik.base.python_errors import in_swedish

# cells Papermill adds to an executed notebook: not the strategist's
ADDED_TAGS = {"injected-parameters", "papermill-error-cell-tag"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# IPython names a cell's frame "Cell In[5], line 2" (and a syntax error's the same way)
CELL_LINE = re.compile(r"Cell In\s*\[\d*\],? line (\d+)")
KERNEL_LINE_START = "Fel i cellen ["  # the kernel's own Swedish line (documents.notebook_errors): shown once
FIRST_LINE_CHARS = 60


@dataclass(frozen=True)
class CellError:
    number: int  # the cell's place in the notebook, from 1
    first_line: str  # its first line of code, shortened
    line: int | None  # the line in the cell where it failed, if Python said
    ename: str
    evalue: str
    traceback: tuple[str, ...]  # without terminal colours
    source: str = ""

    def what(self, names=()) -> str:
        """What went wrong, in Swedish."""
        return in_swedish(self.ename, self.evalue, self.source, names)

    def line_text(self, notebook: str, names=()) -> str:
        """The one line: notebook, cell (number and first line), line in the cell, what went wrong."""
        where = f", rad {self.line}" if self.line else ""
        return sentence(f"Fel i {notebook}, cell {self.number} (”{self.first_line}”){where}: {self.what(names)}")

    def traceback_text(self) -> str:
        return "\n".join(self.traceback)


def sentence(text: str) -> str:
    """End with a full stop unless the text already ends a sentence (a question from a hint)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def own_cells(nb) -> list:
    """The notebook's cells as the strategist made them (Papermill's additions left out)."""
    return [c for c in nb["cells"] if not ADDED_TAGS & set(c.get("metadata", {}).get("tags", []))]


def first_line(source: str) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    text = lines[0] if lines else ""
    return text if len(text) <= FIRST_LINE_CHARS else text[:FIRST_LINE_CHARS - 1].rstrip() + "…"


def first_error(nb) -> CellError | None:
    """The first cell whose output is an error, or None."""
    for number, cell in enumerate(own_cells(nb), start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return from_output(number, cell.get("source", ""), output)
    return None


def from_output(number: int, source: str, output: dict) -> CellError:
    lines = tuple(p for p in map(plain, output.get("traceback", [])) if not p.startswith(KERNEL_LINE_START))
    found = CELL_LINE.search("\n".join(lines))
    return CellError(number, first_line(source), int(found.group(1)) if found else None, output.get("ename", ""),
                     output.get("evalue", ""), lines, source)


def plain(text: str) -> str:
    """A traceback line without the terminal's colour codes."""
    return ANSI.sub("", text)
