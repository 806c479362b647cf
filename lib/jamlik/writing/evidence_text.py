"""The words for "Det som har visat sig fungera": under an indicator judged worse than Riket, the
actions evidence supports with what they showed and how strong the evidence is; the one line page 2
gives a concern; and the annex "Kunskapsstöd" that lists the sources with their addresses.

Evaluated evidence, an authority's guidance where nothing evaluated was found, and local examples are
always told apart (``data.evidence``: ``utvärderad``, ``vägledning``, ``exempel``).
"""

from jamlik.data.evidence import EXAMPLE, GUIDANCE, Action

HEADING = "Det som har visat sig fungera"
ANNEX_HEADING = "Kunskapsstöd"
KIND_LABELS = {GUIDANCE: "Vägledning (ingen utvärdering hittades)", EXAMPLE: "Lokalt exempel, inte utvärderat"}
ANNEX_LEAD = ("Källorna till det som sägs ha visat sig fungera, med adresser så att varje påstående kan "
              "kontrolleras. Utvärderingar och systematiska översikter står först; vägledning betyder att inga "
              "utvärderade insatser hittades, och lokala exempel är inte utvärderade.")
ANNEX_LOCAL = "Tillagd av kommunens analytiker."
NO_ADDRESS = "adress saknas (kommunens egen dokumentation)"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def action_text(action: Action) -> str:
    """``Budget- och skuldrådgivning via BVC. En svensk pilotstudie … Styrka: pilotstudie (Uppsala
    universitet 2021).``: the action, what it showed and the strength with its source."""
    label = f"{KIND_LABELS[action.kind]}: " if action.kind in KIND_LABELS else ""
    return (f"{label}{_sentence(action.insats)} {_sentence(action.vad_visar)} "
            f"Styrka: {action.styrka} ({action.reference}).")


def glance_line(actions: list[Action]) -> str:
    """Page 2's line under a concern: the first evaluated action, or, when nothing evaluated exists,
    the guidance named as such; "" when the indicator has no rows at all."""
    evaluated = next((a for a in actions if a.evaluated), None)
    if evaluated:
        return f"Det som har visat sig fungera: {_lower_first(evaluated.insats)} ({evaluated.reference})."
    guidance = next((a for a in actions if a.kind == GUIDANCE), None)
    if guidance:
        return (f"Det som har visat sig fungera: inga utvärderade insatser hittades; vägledning: "
                f"{_lower_first(guidance.insats)} ({guidance.reference}).")
    return ""


def _lower_first(text: str) -> str:
    # "Budget- och skuldrådgivning …" reads as part of the sentence; an acronym ("IPS …") keeps its case
    return text[0].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def annex_entry(action: Action) -> str:
    """``SBU 2022: Effekter av arbetsmarknadsinsatser … Systematisk översikt (måttlig tillförlitlighet).``"""
    kind = f" {KIND_LABELS[action.kind]}." if action.kind in KIND_LABELS else ""
    local = f" {ANNEX_LOCAL}" if action.local else ""
    return f"{action.reference}: {_sentence(action.kalla)}{kind}{local}"


def sources(actions: list[Action]) -> list[Action]:
    """Each source once (by address, or by title for an example without one), evaluated first, in the
    order they are cited."""
    seen: dict[str, Action] = {}
    for action in actions:
        seen.setdefault(action.url or action.kalla, action)
    return sorted(seen.values(), key=lambda a: (not a.evaluated, a.kind == EXAMPLE))
