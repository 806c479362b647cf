"""The briefing's stylesheet for the notebook view: ``briefing.css`` (one source for the PDF and for
JupyterLab) with every selector scoped under ``.jamlik``, the class that wraps each output.

JupyterLab styles HTML outputs as data tables (every cell right-aligned, fixed layout); scoped, the
briefing's own rules win without restyling JupyterLab itself. The whole sheet sits in
``@media screen``: WeasyPrint lays out for print and ignores it, so the PDF keeps ``briefing.css``
as the template includes it. Rules for the screen only (the demo band in the flow, a page-wide
column) are in ``briefing.css``'s own ``@media screen`` block.
"""

from functools import cache
from html import escape

import tinycss2  # WeasyPrint's CSS parser, installed with it

from jamlik.base.paths import TEMPLATES

SCOPE = "jamlik"
STYLESHEET = TEMPLATES / "jamlik" / "briefing.css"
STYLE_CLASS = "jamlik-style"  # marks the notebook's copy, which the PDF leaves out


def _scoped(selector: str) -> str:
    """``h1`` -> ``.jamlik h1``; ``html`` and ``body`` are the wrapper itself."""
    selector = selector.strip()
    if selector in ("html", "body", f".{SCOPE}"):
        return f".{SCOPE}"
    return selector if selector.startswith(f".{SCOPE} ") else f".{SCOPE} {selector}"


def _rules(nodes) -> list[str]:
    rules = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = ", ".join(_scoped(s) for s in tinycss2.serialize(node.prelude).split(","))
            body = " ".join(tinycss2.serialize(node.content).split())
            rules.append(f"{selectors} {{ {body} }}")
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and "screen" in tinycss2.serialize(
                node.prelude):
            rules += _rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
        # @page and print-only at-rules mean nothing on screen
    return rules


@cache
def notebook_css() -> str:
    """The scoped stylesheet: ``@media screen { .jamlik h1 { … } … }``."""
    sheet = tinycss2.parse_stylesheet(STYLESHEET.read_text(encoding="utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    return "@media screen {\n" + "\n".join(_rules(sheet)) + "\n}"


def style_element() -> str:
    """The ``<style>`` a briefing's first output carries into the notebook."""
    return f'<style class="{STYLE_CLASS}">{notebook_css()}</style>'


# an output for the strategist only (``writing.analyst_notes``): export leaves it out of HTML and PDF
ANALYST_META = {"jamlik": {"analyst": True}}


def is_analyst_note(output: dict) -> bool:
    return bool(output.get("metadata", {}).get("jamlik", {}).get("analyst"))


def analyst_note(text: str) -> str:
    return wrapped(f'<p class="jamlik-analyst">{escape(text)}</p>')


def wrapped(html: str, stylesheet: bool = False) -> str:
    """One output in the scope of the stylesheet; the first output of a notebook carries it."""
    return f'<div class="{SCOPE}">{style_element() if stylesheet else ""}{html}</div>'
