"""Errors in a notebook open with one Swedish line: which cell, which line, what went wrong.

IPython shows some thirty lines of English traceback before the line that says what to do, and
the strategist reads from the top. ``install`` puts the Swedish line first in the kernel that runs
the notebook (JupyterLab's, Papermill's); Python's traceback follows it for whoever wants it.
``Briefing`` installs it, so every cell after the one that makes the briefing is covered.
"""

import linecache
import traceback

from jamlik.base.cell_errors import KERNEL_LINE_START, first_line, sentence
from jamlik.base.errors import JamlikError
from jamlik.base.python_errors import in_swedish

RED, PLAIN = "\x1b[1;31m", "\x1b[0m"


def install() -> None:
    """Show errors in this IPython kernel with the Swedish line first; nothing outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "_jamlik_errors", False):
        return
    shell.set_custom_exc((Exception,), _show)
    shell._jamlik_errors = True


def _show(shell, etype, value, tb, tb_offset=None):
    """IPython's own traceback, with the Swedish line put in front of it (``_showtraceback`` is the
    hook IPython documents for where a traceback goes; it is given back as it was)."""
    try:
        line = kernel_line(shell, value, tb)
    except Exception:  # the line is a help; the traceback must be shown whatever happens here
        line = ""
    show = shell._showtraceback
    if line:  # bold red, as IPython marks the error's own name
        shell._showtraceback = lambda etype_, value_, stb: show(etype_, value_, [f"{RED}{line}{PLAIN}", *stb])
    try:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    finally:
        shell._showtraceback = show
    return None


def kernel_line(shell, value: BaseException, tb) -> str:
    """``Fel i cellen [5] (”print(egna)”), rad 1: namnet 'egna' finns inte.``"""
    filename, count, line = _cell_position(shell, value, tb)
    source = "".join(linecache.getlines(filename)) if filename else ""
    where = f" (”{first_line(source)}”)" if source.strip() else ""
    at = f", rad {line}" if line else ""
    what = str(value) if isinstance(value, JamlikError) else in_swedish(type(value).__name__, str(value), source,
                                                                        _names(shell, value))
    return sentence(f"{KERNEL_LINE_START}{count}]{where}{at}: {what}")


def _cell_position(shell, value, tb) -> tuple[str, str, int | None]:
    """The cell's file name in the kernel, its execution count as the notebook shows it (``[5]``),
    and the line that failed in it. IPython names a cell's file ``("Cell", "In[5]")``."""
    named = getattr(shell.compile, "format_code_name", lambda name: None)
    places = [(value.filename, value.lineno)] if isinstance(value, SyntaxError) and value.filename else []
    places += [(frame.filename, frame.lineno) for frame in traceback.extract_tb(tb)]
    for filename, line in places:
        name = named(filename)
        if name:
            return filename, "".join(c for c in name[1] if c.isdigit()), line
    return "", str(shell.execution_count), None


def _names(shell, value) -> list[str]:
    """Names a misspelling may have meant: the notebook's own, or the object's attributes."""
    if isinstance(value, AttributeError) and getattr(value, "obj", None) is not None:
        return [n for n in dir(value.obj) if not n.startswith("_")]
    return [n for n in shell.user_ns if not n.startswith("_")]
