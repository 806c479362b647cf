"""Kunskapsstöd as HTML: under an indicator judged worse than Riket, what has been shown to work
(``box``); at the end of a briefing or the council document, the sources with their addresses
(``annex``). The same parts in a theme briefing and in the council document, which carries the theme's
indicator sections as they are and makes its own annex for the sections and concerns it holds.
"""

from html import escape

from jamlik.data import evidence
from jamlik.data.evidence import Action
from jamlik.writing import evidence_text
from jamlik.writing.markup import element

BOX_CLASS = "jamlik-evidence"
ANNEX_ID = "kunskapsstod"


def worse_than_riket(result) -> bool:
    """An indicator the briefing says is worse than Riket, by its interval or, without one, markedly."""
    return bool(result.value is not None and result.riket and result.riket.verdict == "worse")


def actions_for(indicator_id: str, kommun_code: str) -> list[Action]:
    return evidence.actions(indicator_id, kommun_code)


def box(actions: list[Action], owners_line: str = "") -> str:
    """The actions with what they showed and their strength; local examples apart, and who can act."""
    if not actions:
        return ""
    shown = [a for a in actions if a.kind != evidence.EXAMPLE]
    examples = [a for a in actions if a.kind == evidence.EXAMPLE]
    items = "".join(element("li", evidence_text.action_text(a)) for a in shown)
    parts = [element("h4", evidence_text.HEADING)]
    if items:
        parts.append(f"<ul>{items}</ul>")
    if examples:
        parts.append("<ul class=\"jamlik-evidence-examples\">"
                     + "".join(element("li", evidence_text.action_text(a)) for a in examples) + "</ul>")
    if owners_line:
        parts.append(element("p", owners_line, "jamlik-actors"))
    return f'<aside class="{BOX_CLASS}">{"".join(parts)}</aside>'


def annex(actions: list[Action], heading_tag: str = "h2") -> str:
    """Every source cited, each once, with its address; "" when nothing was cited."""
    cited = evidence_text.sources(actions)
    if not cited:
        return ""
    entries = []
    for action in cited:
        address = (f'<a href="{escape(action.url)}">{escape(action.url)}</a>' if action.url
                   else escape(evidence_text.NO_ADDRESS))
        entries.append(f"<li>{escape(evidence_text.annex_entry(action))} {address}</li>")
    return (f'<section class="jamlik-section jamlik-kunskapsstod" id="{ANNEX_ID}">'
            + element(heading_tag, evidence_text.ANNEX_HEADING)
            + element("p", evidence_text.ANNEX_LEAD, "jamlik-definition")
            + f'<ol class="jamlik-source-list">{"".join(entries)}</ol></section>')
