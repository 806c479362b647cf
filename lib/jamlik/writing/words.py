"""The words for every judgement: one vocabulary on page 2, in theme summaries, tables and sentences
(docs/bedomning.md §1 and §3). A level of certainty (``findings.LEVELS``) and a verdict become the
same words wherever the finding is printed; no other certainty words are written anywhere.

>>> versus("sure", "worse"), marker("sure", "worse")
('sämre än riket', '▼ sämre')
>>> versus("marked", "better", "länet", value="18,0 %")
'märkbart bättre än länet (18,0 %; osäkerheten kan inte beräknas)'
>>> versus("unjudged", None, reason="few")
'kan inte bedömas (få fall)'
"""

from jamlik.statistics.findings import MARKED, SIMILAR, SURE, UNJUDGED, row_certainty

VERDICT_WORDS = {"better": "bättre", "worse": "sämre", "higher": "högre", "lower": "lägre"}
MARKED_NOTE = "osäkerheten kan inte beräknas"
# why a value is not judged against Riket, as the words in brackets say it
UNJUDGED_REASONS = {"few": "få fall", "population": "liten kommun", "group": "liten grupp",
                    "survey": "okänd felmarginal", "area": "jämförs inte med riket", "": "få fall"}
MARKERS = {("sure", "better"): "▲ bättre", ("sure", "worse"): "▼ sämre", ("sure", "higher"): "△ högre",
           ("sure", "lower"): "▽ lägre", ("marked", "better"): "▲ märkbart bättre",
           ("marked", "worse"): "▼ märkbart sämre", ("marked", "higher"): "△ märkbart högre",
           ("marked", "lower"): "▽ märkbart lägre"}
SIMILAR_WORDS = "i nivå med"
ROUNDING_NOTE = "med källans avrundning inräknad"
ROUNDING_CELL = "med avrundningen"  # the same in a table cell: "● i nivå med, med avrundningen"
# every certainty phrase the documents may print; anything else of the kind is a violation (§7.11)
FORBIDDEN = ("nära riket", "tydligt bättre", "tydligt sämre", "ryms inom osäkerheten", "ingen märkbar skillnad",
             "statistiskt säkerställt sämre", "statistiskt säkerställt bättre", "säkert större", "säkert mindre",
             "inte säkert")  # "säkert" is no level of §1: "säkerställd" is


def versus(level: str, verdict: str | None, reference: str = "riket", reason: str = "", value: str = "") -> str:
    """The verdict against one reference in words, with the reference's ``value`` where given:
    ``sämre än riket (17,0 %)``, ``märkbart bättre än länet (osäkerheten kan inte beräknas)``,
    ``i nivå med riket``, ``kan inte bedömas (få fall)``."""
    shown = f" ({value})" if value else ""
    if level == SURE:
        return f"{VERDICT_WORDS[verdict]} än {reference}{shown}"
    if level == MARKED:
        return f"märkbart {VERDICT_WORDS[verdict]} än {reference} ({value + '; ' if value else ''}{MARKED_NOTE})"
    if level == SIMILAR:
        return f"{SIMILAR_WORDS} {reference}{shown}"
    if level == UNJUDGED:
        return f"kan inte bedömas ({UNJUDGED_REASONS.get(reason, reason)})"
    return "uppgift saknas"


def marker(level: str, verdict: str | None, reason: str = "") -> str:
    """The same verdict in a table cell: a symbol (not colour) and the word."""
    if level in (SURE, MARKED):
        return MARKERS[(level, verdict)]
    if level == SIMILAR:
        return f"● {SIMILAR_WORDS}"
    if level == UNJUDGED:
        return UNJUDGED_REASONS.get(reason, reason) if reason else "kan inte bedömas"
    return "uppgift saknas"


# a gap against Riket's gap in a table cell (§4): never "större" or "mindre" with opposite signs
GAP_VERSUS_CELLS = {"larger": "större", "smaller": "mindre", "similar": "kan inte skiljas", "reversed": "omvänd",
                    "": "–", None: "–"}


# --- development over time (§3) ------------------------------------------------------------------

CHANGE_VERDICTS = {"better": "en förbättring", "worse": "en försämring"}
MOVED = {"higher": "ökat", "lower": "minskat"}
MOVED_PAST = {"higher": "ökade", "lower": "minskade"}
ARROWS = {"higher": "↑", "lower": "↓", "similar": "→", "uneven": "↕"}
TREND_MARKS = {"better": "bättre", "worse": "sämre", "higher": "ökar", "lower": "minskar", "uneven": "ojämn"}


def change_level(level: str) -> str:
    """How sure a change over time is: ``säkerställd`` by the trend test, ``märkbar`` by the spread rule."""
    return "säkerställd" if level == SURE else "märkbar"


def no_change(level: str) -> str:
    return f"ingen {change_level(level)} förändring"


def trend_mark(direction: str, verdict: str, level: str, turned_to: str = "", turned_year: int | None = None) -> str:
    """A table's development cell: ``↓ bättre``, ``↑ märkbart sämre``, and where the latest change went the
    other way, both: ``↑ sämre, men ↓ 2022``."""
    # no change beyond the test (or the spread rule) is not "oförändrad": the values may still move (§1)
    word = no_change(level) if verdict == "similar" else TREND_MARKS[verdict]
    if level == MARKED and direction in MOVED:
        word = f"märkbart {word}" if verdict in CHANGE_VERDICTS else f"{word} märkbart"
    text = f"{ARROWS[direction]} {word}"
    return f"{text}, men {ARROWS[turned_to]} {turned_year}" if turned_to else text


def both_ways(trend_direction: str, first: str, before: str, latest_direction: str, now: str, before_value: str,
              now_value: str) -> str:
    """A trend and a latest change that disagree, said together (§3): ``ökade från 2018 till 2021 men
    minskade till 2022 (5,1 % → 4,1 %)``; the points are named as the values are (a year, a period)."""
    span = f"från {first} till {before}" if first != before else f"till {before}"
    return (f"{MOVED_PAST[trend_direction]} {span} men {MOVED_PAST[latest_direction]} till {now} "
            f"({before_value} → {now_value})")


def row_versus(ind, row: dict) -> str:
    """A findings row's verdict against Riket with Riket's value, in the words every page uses."""
    return versus(row_certainty(row), row["verdict_riket"], reason=row.get("unjudged_reason", ""),
                  value=ind.show(row["riket"]))
