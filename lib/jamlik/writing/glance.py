"""“<Kommun> i korthet”: page 2 of the council document, built from every theme's findings table.

What a politician needs first, each point in one or two plain sentences that quote the numbers and
name the page to read more (docs/bedomning.md §6):

1. **Hälsan**: life expectancy, ohälsotal and self-rated health, each with its level and its
   development, or why it has none.
2. **Det mest allvarliga**: the document's concerns by the one ranking (``findings.ranked_concerns``),
   from the first down, as many as fit and at least ``MIN_CONCERNS``.
3. **Det som blir sämre**: a worsening trend, confirmed by the latest change, that leaves the kommun
   further behind Riket (or takes it across).
4. **Styrkor** (``findings.ranked_strengths``), or why there is none.
5. **Gaps between women and men** larger than Riket's, the largest relative to the spread first.

The page is planned (``plan``) from an estimate of each line's height, so what it holds and what it
leaves out are known without a layout: ``jamlik granska`` checks the same plan the document prints.
What does not fit is named, with where it is, in one line (``Plan.omitted``); nothing is dropped silently.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from typing import NamedTuple

from jamlik.base.text import and_list, format_gap, format_number, in_words, lower_first, place
from jamlik.data import catalog, evidence
from jamlik.data.areas import RIKET
from jamlik.data.catalog import Indicator
from jamlik.statistics import findings
from jamlik.statistics.compare import SPREAD
from jamlik.statistics.findings import MARKED, SURE
from jamlik.writing import evidence_text, owners, words

# "Hälsan" opens the page: life expectancy and its gap between women and men, ohälsotal, and
# self-rated health where a survey interval lets it be judged
HEALTH = ["medellivslangd_kvinnor", "medellivslangd_man", "medellivslangd_skillnad", "ohalsotal",
          "sjalvskattad_halsa"]
MIN_CONCERNS = 5  # page 2 lists at least this many concerns when there are as many (§6)

KINDS = ("health", "concern", "worsening", "strength", "gap")
HEADINGS = {"health": "Hälsan", "concern": "Det mest allvarliga", "worsening": "Det som blir sämre",
            "strength": "Styrkor", "gap": "Skillnader mellan kvinnor och män som är större än i riket"}
# how an item left out is counted in the line that names it: (one, many)
COUNTED = {"concern": ("ett allvarligt fynd", "allvarliga fynd"), "worsening": ("en försämring", "försämringar"),
           "strength": ("en styrka", "styrkor"),
           "gap": ("en skillnad mellan kvinnor och män som är större än i riket",
                   "skillnader mellan kvinnor och män som är större än i riket")}  # what the heading says
WHY = {"concern": "sämre än riket, i den sämre halvan av kommunerna", "worsening": "försämras",
       "strength": "bättre än riket, i den bästa fjärdedelen", "gap": "skillnaden mellan kvinnor och män är "
       "större än i riket", "health": "hälsan"}
# said once under page 2, not on every line, where who can act is the catalog's generic text
GENERIC_OWNERS = ("Vem som kan påverka är en allmän beskrivning, inte kommunens egna nämnder; kommunen kan ange "
                  "sina nämnder i sina inställningar.")
# where the kommun has named some of its committees and a line still has the catalog's generic owners
SOME_GENERIC_OWNERS = ("Där kommunens egna nämnder inte står är vem som kan påverka en allmän beskrivning; kommunen "
                       "kan ange fler nämnder i sina inställningar.")
DEFINITION = ("Sämre och bättre: skillnaden mot riket är statistiskt säkerställd (riket ligger utanför kommunens "
              "95-procentiga konfidensintervall, också med källans avrundning). Märkbart sämre eller bättre: "
              "osäkerheten kan inte beräknas, men skillnaden är större än en fjärdedel av spridningen mellan "
              "kommunerna. Metoden beskrivs sist i dokumentet.")


@dataclass(frozen=True)
class Item:
    indicator: Indicator
    theme: str  # the theme whose section the page refers to
    row: dict
    kind: str  # one of KINDS
    why: str  # the reason, in Swedish, for the workbook's "Sammanfattning"


def kommun_rows(rows_by_theme: dict[str, list[dict]], kommun: str) -> list[tuple[str, dict]]:
    """The kommun's rows (both sexes) of every theme, as (theme, row); an indicator that two themes
    show (the overview shows child poverty) comes once from each."""
    return [(theme, row) for theme, rows in rows_by_theme.items() for row in rows
            if row["area"] == kommun and row["sex"] == "T" and row["value"] is not None and not row.get("level")
            and row["indicator"] in catalog.indicators()]  # a gradient's, an area's or a group's row is none


def _at_home(rows: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """One row per indicator, from its own theme where that theme is in the document."""
    chosen: dict[str, tuple[str, dict]] = {}
    for theme, row in rows:
        if row["indicator"] not in chosen or catalog.indicator(row["indicator"]).theme == theme:
            chosen[row["indicator"]] = (theme, row)
    return list(chosen.values())


def _is_worsening(row: dict) -> bool:
    """Getting worse, confirmed by the latest change (§3), and not only along with Riket: the kommun fell
    behind Riket, or crossed it."""
    return (row["trend"] == "worse" and row.get("latest_direction") not in (None, "", "similar")
            and not row.get("trend_turned") and catalog.indicator(row["indicator"]).polarity != "neutral"
            and (row["trend_versus_riket"] == "crossed"
                 or row["trend_versus_riket"] == "further" and row["verdict_riket"] != "better"))


def _is_larger_gap(row: dict) -> bool:
    """A gap between women and men that is itself established and larger than Riket's beyond both intervals
    and the rounding (§4)."""
    return (row["sex_gap"] is not None and row["sex_gap_versus"] == "larger" and row.get("sex_gap_sure", True)
            and row["sex_gap_riket"] is not None and bool(row["spread"]))


def candidates(rows: list[tuple[str, dict]]) -> dict[str, list[Item]]:
    """Everything page 2 could name, by kind, each kind in its order; an indicator is named once, in the
    first kind that takes it, and referred to in its own theme. A health line comes first and says the
    level and the development already, so its indicator is in no other list (the gaps between women and
    men aside: they say something else)."""
    rows = _at_home(rows)
    theme_of = {r["indicator"]: t for t, r in rows}
    kommun = [r for _, r in rows]

    def item(row: dict, kind: str) -> Item:
        return Item(catalog.indicator(row["indicator"]), theme_of[row["indicator"]], row, kind, WHY[kind])

    by_id = {r["indicator"]: r for r in kommun}
    health = [item(by_id[i], "health") for i in HEALTH if i in by_id
              and (not catalog.indicator(i).is_survey or by_id[i]["verdict_riket"] != "none")]
    named = {i.indicator.id for i in health}
    concerns = [item(r, "concern") for r in findings.ranked_concerns(kommun) if r["indicator"] not in named]
    named |= {i.indicator.id for i in concerns}
    falling = [r for r in kommun if _is_worsening(r) and r["indicator"] not in named]
    falling.sort(key=lambda r: (r.get("trend_certainty") != SURE, -findings.position(r)))
    worsening = [item(r, "worsening") for r in falling]
    named |= {i.indicator.id for i in worsening}
    strengths = [item(r, "strength") for r in findings.ranked_strengths(kommun) if r["indicator"] not in named]
    gapped = sorted((r for r in kommun if _is_larger_gap(r)),
                    key=lambda r: -(abs(r["sex_gap"]) - abs(r["sex_gap_riket"])) / r["spread"])
    return {"health": health, "concern": concerns, "worsening": worsening, "strength": strengths,
            "gap": [item(r, "gap") for r in gapped]}


# --- the sentences --------------------------------------------------------------------------

def _level(row: dict) -> str:
    return findings.row_certainty(row)


def _rank(row: dict) -> str:
    """The place among the kommuner; for a small group, its size instead (§2)."""
    if row["rank"]:
        return place(row["rank"], row["ranked"], row.get("rank_to"))
    if row["small_numbers"] and row.get("people"):
        ind = catalog.indicator(row["indicator"])
        return f"liten grupp, omkring {_about(row['people'])} {ind.people_noun}"
    return ""


def _about(n: float) -> str:
    """A number of people as a reader would say it: to the nearest ten (one below fifty)."""
    return format_number(round(n, -1) if n >= 50 else round(n))


def _since(ind: Indicator, row: dict) -> str:
    """What changed since the previous published value: `` (från 26,1 % 2021)``."""
    if row.get("previous_value") is None:
        return ""
    return f" (från {ind.show(row['previous_value'])} {ind.period(row['previous_year'], row['area'])})"


def _when(ind: Indicator, row: dict) -> str:
    period = ind.period(row["year"], row["area"])
    return f" ({period})" if period != str(row["year"]) else ""  # a mean over several years says so


level_clause = words.row_versus  # the verdict against Riket with Riket's value, in the words every page uses

def turned_sentence(ind: Indicator, row: dict) -> str:
    """A trend that the latest change goes against, said both ways (§3): ``Värdet ökade 2018–2021 men
    minskade 2022 (8,2 % → 7,4 %).``"""
    if not row.get("trend_turned") or row.get("previous_value") is None:
        return ""
    first = int(row["trend_window"].split("-")[0])
    direction = "higher" if row["latest_direction"] == "lower" else "lower"  # the trend went the other way
    said = words.both_ways(direction, *(ind.period(y, row["area"]) for y in (first, row["previous_year"])),
                           row["latest_direction"], ind.period(row["year"], row["area"]),
                           ind.show(row["previous_value"]), ind.show(row["value"]))
    return f"Värdet {said}."


def development(ind: Indicator, row: dict) -> str:
    """The development over the trend window in a few words: ``sedan 2018 en säkerställd försämring``."""
    if row["trend"] in ("none", "", None) or not row["trend_window"]:
        return ""
    first = int(row["trend_window"].split("-")[0])
    since = f"sedan {ind.period(first, row['area'])}"
    level = row.get("trend_certainty") or ""
    if row["trend"] == "uneven":
        return f"{since} en ojämn utveckling"
    if row["trend"] == "similar":
        return f"{since} {words.no_change(SURE if row['trend_method'] == 'chi2' else MARKED)}"
    verdict = words.CHANGE_VERDICTS.get(row["trend"]) or {"higher": "en ökning", "lower": "en minskning"}[row["trend"]]
    return f"{since} {verdict.replace('en ', 'en ' + words.change_level(level) + ' ', 1)}"


def _health_sentence(ind: Indicator, row: dict) -> str:
    """``Medellivslängd kvinnor: 83,4 år (2018–2022), märkbart sämre än riket (84,6 år; osäkerheten kan inte
    beräknas); sedan 2008–2012 en märkbar förbättring.``"""
    period, riket = ind.period(row["year"], row["area"]), ind.period(row["year"], RIKET)
    clause = level_clause(ind, row)
    if period != riket:  # a kommun's survey pooled over four years beside Riket's of one year
        clause = clause.replace(f"({ind.show(row['riket'])}", f"({ind.show(row['riket'])} {riket}", 1)
    text = f"{ind.title}: {ind.show(row['value'])} ({period}), {clause}"
    if _level(row) == findings.UNJUDGED:
        text += f"; riket {ind.show(row['riket'])}"
    said = development(ind, row)
    if row.get("trend_turned"):
        text += "; " + turned_sentence(ind, row).removeprefix("Värdet ").removesuffix(".")
    elif said:
        text += f"; {said}"
    elif row["small_numbers"]:
        text += ", och utvecklingen bedöms inte"
    elif ind.is_survey:
        text += "; utvecklingen bedöms inte, eftersom de tidigare enkätvärdena saknar felmarginal"
    elif ind.lens in ("within_kommun_gap",):
        text += "; utvecklingen bedöms inte"
    else:
        text += "; utvecklingen kan inte bedömas med färre än tre publicerade värden"
    return text + "."


def who_can_act(item: Item, generic_note: bool = True) -> str:
    """Who can act on a finding: the nämnd the kommun's own goal names, else the catalog's actors in the
    kommun's own words where the council document has put them on the row (``writing.owners``). Page 2
    says once that generic owners are generic (``generic_note=False`` leaves the mark off the line)."""
    if item.row.get("goal_committee"):
        return f"Ansvarig enligt kommunens mål: {item.row['goal_committee']}."
    text = item.row.get("who_can_act") or (f"Kan påverkas av {item.indicator.actors} ({owners.GENERIC_NOTE})."
                                           if item.indicator.actors else "")
    return text if generic_note else text.replace(f" ({owners.GENERIC_NOTE})", "")


def what_works(item: Item) -> str:
    """Under a concern, one line: ``Det som har visat sig fungera: <insats> (<utgivare> <år>).``"""
    if item.kind != "concern":
        return ""
    return evidence_text.glance_line(evidence.actions(item.indicator.id, item.row["area"]))


def owners_note(planned: "Plan") -> str:
    """The line under page 2 on whose words its owners are: the generic note when no line names the
    kommun's own committees, a narrower one when some do; "" when every line does."""
    lines = [who_can_act(i) for kind in ACTED_ON for i in planned.shown[kind]]
    generic = [text for text in lines if f"({owners.GENERIC_NOTE})" in text]
    if not generic:
        return ""
    return SOME_GENERIC_OWNERS if len(generic) < len([text for text in lines if text]) else GENERIC_OWNERS


def sentence(item: Item) -> str:
    """One or two plain sentences with the numbers (plain text; the page reference is added apart)."""
    ind, row = item.indicator, item.row
    if item.kind in ("concern", "strength"):
        rank = _rank(row)
        text = (f"{ind.title}: {ind.show(row['value'])}{_when(ind, row)}{_since(ind, row)}, {level_clause(ind, row)}"
                + (f"; {rank}." if rank else "."))
        if row.get("crossed_riket"):  # säkerställt on the other side of Riket then (``trends._crossed_riket``)
            before = "sämre" if item.kind == "strength" else "bättre"
            text += f" År {row['previous_year']} var värdet {before} än rikets."
        if item.kind == "concern" and row["red_red"]:
            text += " Värdet är dessutom på väg åt fel håll."
        elif row.get("trend_turned"):
            text += " " + turned_sentence(ind, row)
        return text
    if item.kind == "health":
        return _health_sentence(ind, row)
    if item.kind == "worsening":
        window = row["trend_window"].replace("-", "–")
        level = words.change_level(row.get("trend_certainty") or "")
        return (f"{ind.title}: från {ind.show(row['trend_first'])} till {ind.show(row['trend_last'])} ({window}), "
                f"en {level} försämring.")
    # judged by the spread between kommuner (the values have no interval), the gap is larger by that rule
    # only: "märkbart" (§1)
    marked = f" Märkbart större ({words.MARKED_NOTE})." if row["verdict_method"] == SPREAD else ""
    return (f"{ind.title}: {_higher_among(ind, row['sex_gap'])}, mot {_higher_among(ind, row['sex_gap_riket'])} "
            f"i riket.{marked}")


def _higher_among(ind: Indicator, gap: float) -> str:
    """A gap between women and men, saying who is higher: ``4,3 procentenheter högre bland män``."""
    if gap == 0:
        return "ingen skillnad"
    return f"{format_gap(gap, ind.unit, ind.decimals)} högre bland {ind.female_label if gap > 0 else ind.male_label}"


def no_concern(kommun: str, rows: list[dict]) -> str:
    """The honest line of a page with no concern: what is worse than Riket but not among the worse half."""
    worse = [r for r in rows if r["verdict_riket"] == "worse" and _level(r) in (SURE, MARKED)]
    text = f"Ingen indikator är både sämre än riket och i den sämre halvan av kommunerna i {kommun}."
    if worse:
        text += (" Sämre än riket men i den bättre halvan av kommunerna: "
                 f"{and_list([lower_first(catalog.indicator(r['indicator']).title) for r in worse])}.")
    return text


def no_strength(rows: list[dict]) -> str:
    """Why page 2 names no strength, with every better result qualified (§5, §7.9)."""
    text = ("Ingen styrka: ingen indikator är bättre än riket, i den bästa fjärdedelen av kommunerna och utan att "
            "bli sämre.")
    better = [r for r in rows if r["verdict_riket"] == "better" and catalog.indicator(r["indicator"]).polarity
              != "neutral"]
    sure = [lower_first(catalog.indicator(r["indicator"]).title) for r in better if _level(r) == SURE]
    marked = [lower_first(catalog.indicator(r["indicator"]).title) for r in better if _level(r) == MARKED]
    if sure:
        text += f" Bättre än riket, men inte i den bästa fjärdedelen eller på väg att bli sämre: {and_list(sure)}."
    if marked:
        text += f" Märkbart bättre än riket ({words.MARKED_NOTE}): {and_list(marked)}."
    return text


# --- the plan: what fits on the page ------------------------------------------------------------

# Heights in mm at the page's type sizes (briefing.css: 9,4 pt items, 8,6 pt actors, 9,8 pt text,
# 8,3 pt notes; line-height 1,42), measured in WeasyPrint's layout of page 2 in 16 kommuner of every
# size. How many lines a paragraph takes comes from ``lines(style, text)``: the documents measure it with
# the font (``documents.measure``); without it, characters are counted (``char_lines``), fitted so that
# none of 203 paragraphs took more lines than counted.
PAGE = 253.0  # mm of text height on A4 with the document's margins
BUDGET = PAGE - 4.0  # what the plan fills
# a list's margin below collapses into the next heading's; it is kept once, before the closing paragraphs
HEADING, SUBHEADING, LIST_END = 14.8, 9.1, 3.0
ITEM_LINE, ITEM_GAP, ACTORS_LINE, TEXT_LINE, TEXT_GAP, NOTE_LINE = 4.72, 0.9, 4.32, 4.92, 2.0, 4.17
DEFINITION_GAP, OMITTED_GAP = 1.0, 3.0
CHARS = {"item": 111, "actors": 127, "text": 116, "note": 132}  # per line, for ``char_lines``
# what a page reference adds to an item's text; it is never broken across lines (white-space: nowrap)
PAGEREF = " Läs\u00a0mer\u00a0på\u00a0sidan\u00a012."


def char_lines(style: str, text: str) -> int:
    """Lines a paragraph of ``style`` takes, wrapped word by word at a number of characters."""
    per_line = CHARS[style]
    lines, used = 0, per_line
    for word in re.split(r"[ \n\t]+", text):
        if not word:
            continue
        if used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += 1 + len(word)
    return lines


def item_height(item: Item, lines=char_lines) -> float:
    """An item's estimated height: its sentence with the reference to read more (a health line points to
    its theme's annex, the longer way), who can act on it and what has been shown to work."""
    ref = _annex(item) if item.kind == "health" else PAGEREF
    below = " ".join(t for t in (who_can_act(item, generic_note=False) if item.kind in ACTED_ON else "",
                                 what_works(item)) if t)
    return (lines("item", sentence(item) + unescape(ref)) * ITEM_LINE + ITEM_GAP
            + (lines("actors", below) * ACTORS_LINE if below else 0.0))


def text_height(text: str, heading: bool = True, lines=char_lines) -> float:
    return (SUBHEADING if heading else 0.0) + lines("text", text) * TEXT_LINE + TEXT_GAP


def note_height(text: str, lines=char_lines, gap: float = OMITTED_GAP) -> float:
    return lines("note", text) * NOTE_LINE + gap


ACTED_ON = ("concern", "worsening")  # the kinds that name who can act


class Paragraph(NamedTuple):
    """One of page 2's closing paragraphs; ``kept``: the line that stays when it must give way (``_give_way``)."""

    heading: str
    text: str
    anchor: str
    kept: str = ""


@dataclass
class Plan:
    """Page 2 as it will be printed: the items shown by kind, those left out by kind (named in one line),
    and the plain paragraphs that close the page."""

    shown: dict[str, list[Item]]
    omitted: dict[str, list[Item]] = field(default_factory=dict)
    no_concern: str = ""
    no_strength: str = ""
    extras: list["Paragraph"] = field(default_factory=list)
    height: float = 0.0  # the estimated height in mm, the line on what is left out included
    compact: bool = False  # the closing line counts what is in the annexes instead of naming it
    moved: list["Paragraph"] = field(default_factory=list)  # closing paragraphs named in the line instead

    def named(self) -> set[tuple[str, str]]:
        """(theme, indicator) of every item the page names, the health lines aside."""
        return {(i.theme, i.indicator.id) for kind, found in self.shown.items() if kind != "health" for i in found}


NOT_SHOWN = "får inte plats här"  # a kind left out whole: "Två styrkor får inte plats här: …"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _omitted_text(omitted: dict[str, list[Item]], page_of, escaped=lambda text: text, compact: bool = False,
                  moved: list[tuple[str, str]] = (), shown: dict[str, list[Item]] | None = None) -> str:
    """``Ytterligare tre allvarliga fynd: A (sidan 9); B (sidan 12). I bilagan ”Miljöer”: C.``: each kind left
    out, counted and named, with where it is. ``page_of`` gives a page reference for an item (plain text for
    the estimate, a link on the page) or an anchor, or "" when the document holds no section for it: then it
    is named under its theme's annex, or, ``compact``, only counted there (``två i bilagan ”Miljöer”``).
    Titles hold commas, so a list of them is kept apart by semicolons. ``moved`` are closing paragraphs (heading,
    anchor) that gave up their place on the page. ``escaped`` escapes the text around the references. A kind of
    which the page shows none (``shown``) is not "ytterligare": ``Två styrkor får inte plats här: …``."""
    parts = []
    for kind, found in omitted.items():
        if not found:
            continue
        one, many = COUNTED[kind]
        counted = one if len(found) == 1 else f"{in_words(len(found))} {many}"
        paged = [f"{escaped(lower_first(i.indicator.title))} ({ref})" for i in found if (ref := page_of(i))]
        annexed: dict[str, list[str]] = {}
        for i in found:
            if not page_of(i):
                annexed.setdefault(i.theme, []).append(escaped(lower_first(i.indicator.title)))
        lead = f"Ytterligare {counted}" if shown is None or shown.get(kind) else f"{_upper_first(counted)} {NOT_SHOWN}"
        text = escaped(lead) + (": " + "; ".join(paged) if paged else "") + "."
        if compact and annexed:
            text += " " + escaped(_upper_first(and_list([f"{in_words(len(titles))} i bilagan "
                                                         f"”{catalog.theme(t).short_title}”"
                                                         for t, titles in annexed.items()])) + ".")
        else:
            for theme, titles in annexed.items():
                text += " " + escaped(f"I bilagan ”{catalog.theme(theme).short_title}”: ") + "; ".join(titles) + "."
        parts.append(text)
    if moved:
        parts.append(_upper_first(and_list([f"{escaped(lower_first(heading))} ({page_of(anchor)})"
                                            for heading, anchor in moved])) + escaped(" står längre fram."))
    return " ".join(parts)


def plan(rows: list[tuple[str, dict]], kommun: str, extras: list[Paragraph] = (),
         budget: float = BUDGET, lines=char_lines) -> Plan:
    """What page 2 holds within ``budget`` mm: the health lines, at least MIN_CONCERNS concerns (all when
    fewer), then the first of each other kind, then the rest of the concerns by the one ranking and the
    rest of the other kinds, as long as they fit; every item left out is named in one closing line.
    ``extras`` are the page's closing paragraphs (the difference within the kommun, health by education,
    the goals) as ``Paragraph``s. When even the floor passes the
    budget, the closing line counts the items in the annexes instead of naming them, and then the closing
    paragraphs give way (``_give_way``): the page never runs over (docs/bedomning.md §6)."""
    found = candidates(rows)
    kommun_rows = [r for _, r in _at_home(rows)]
    page = Plan({kind: [] for kind in KINDS}, {}, "" if found["concern"] else no_concern(kommun, kommun_rows),
                "" if found["strength"] else no_strength(kommun_rows), list(extras))
    used = HEADING + LIST_END + note_height(f"{DEFINITION} {GENERIC_OWNERS}", lines, DEFINITION_GAP) + sum(
        text_height(t, lines=lines) for t in (page.no_concern, page.no_strength) if t)

    def height(item: Item) -> float:
        """What an item adds to the page: its lines, and its list's heading when it is the list's first."""
        return item_height(item, lines) + (0.0 if page.shown[item.kind] else SUBHEADING)

    def closing(rest: dict[str, list[Item]]) -> float:
        """The closing paragraphs and the line on what is left out, as the page would print them now: the
        longer of the two ways an item can be referred to (its page, or its annex), since which items have
        a section of their own is decided after this page."""
        moved = [(p.heading, p.anchor) for p in page.moved]
        line = max((note_height(text, lines) if (text := _omitted_text(rest, where, compact=page.compact,
                                                                        moved=moved, shown=page.shown)) else 0.0)
                   for where in (_on_a_page, _in_an_annex))
        return sum(text_height(p.text, lines=lines) for p in page.extras) + line

    for item in found["health"] + found["concern"][:MIN_CONCERNS]:
        used += height(item)
        page.shown[item.kind].append(item)
    # the floor alone may pass the budget: the closing line shortens, then the closing paragraphs give way
    page.compact = used + closing(_waiting(found, page)) > budget
    while used + closing(_waiting(found, page)) > budget and _give_way(page):
        pass
    # a line kept for its own sake (the share in areas with challenges, at least twice Riket's) takes the
    # last of the five concerns' place when nothing else is left to give way, and may use the page's
    # reserve (a layout that still runs over is trimmed: ``council``); that concern is named in the line
    # on what is left out. Where even that is not room enough, the line gives way too (§6).
    if used + closing(_waiting(found, page)) > budget and page.extras:
        last = page.shown["concern"].pop() if len(page.shown["concern"]) >= MIN_CONCERNS else None
        used -= item_height(last, lines) if last else 0.0
        if used + closing(_waiting(found, page)) > PAGE:
            page.moved += page.extras
            page.extras = []
            if last:
                page.shown["concern"].append(last)
                used += item_height(last, lines)
    # then one of each other kind, then the rest, while the estimate stays within the budget (the line
    # naming what is left is counted as if everything still waiting were left)
    order = [(kind, 1) for kind in ("worsening", "strength", "gap")] + \
        [(kind, len(found[kind])) for kind in ("concern", "worsening", "strength", "gap")]
    for kind, upto in order:
        while len(page.shown[kind]) < min(upto, len(found[kind])):
            item = found[kind][len(page.shown[kind])]
            if used + height(item) + closing(_waiting(found, page, skip=item)) > budget:
                break
            used += height(item)
            page.shown[kind].append(item)
        if len(page.shown[kind]) < min(upto, len(found[kind])):
            break  # what does not fit here does not jump the queue
    page.omitted = _waiting(found, page)
    page.height = used + closing(page.omitted)
    return page


def concern_floor(planned: Plan) -> int:
    """The concerns page 2 must list at least (when there are as many): one fewer where a kept closing
    line (``_give_way``) may have taken the last one's place."""
    return MIN_CONCERNS - 1 if any(p.kept and p.text == p.kept for p in planned.extras) else MIN_CONCERNS


def _give_way(page: Plan) -> bool:
    """The last closing paragraph that can give way does so: to its own kept line when it has one
    (``Paragraph.kept``: the share in areas with socioeconomic challenges stays when the turnout difference
    beside it goes), else to a mention in the line on what is left out. False when nothing can any more."""
    for number in range(len(page.extras) - 1, -1, -1):
        paragraph = page.extras[number]
        if not paragraph.kept:
            page.moved.append(page.extras.pop(number))
            return True
        if paragraph.text != paragraph.kept:
            page.extras[number] = paragraph._replace(text=paragraph.kept)
            return True
    return False


def _waiting(found: dict[str, list[Item]], page: Plan, skip: Item | None = None) -> dict[str, list[Item]]:
    return {kind: [i for i in found[kind][len(page.shown[kind]):] if i is not skip]
            for kind in ("concern", "worsening", "strength", "gap")}


def _on_a_page(item) -> str:
    """For the estimate: every item and moved paragraph referred to by its page."""
    return "sidan 12"


def _in_an_annex(item) -> str:
    """For the estimate: every item named under its annex (a moved paragraph still by its page)."""
    return "sidan 12" if isinstance(item, str) else ""


def select(rows: list[tuple[str, dict]], kommun: str = "", extras=(), budget: float = BUDGET,
           lines=char_lines) -> dict[str, list[Item]]:
    """The items page 2 names, by kind (``plan``'s shown items)."""
    return plan(rows, kommun, extras, budget, lines).shown


# --- the page -------------------------------------------------------------------------------

def _pageref(item: Item) -> str:
    return f' <a class="jamlik-pageref" href="#ind-{item.theme}-{item.indicator.id}">Läs mer på sidan</a>'


def _annex(item: Item) -> str:
    """Where the document holds no section of its own for the indicator: the theme's annex, by its short
    title (the annex list at the end gives each in full, with its file)."""
    return escape(f" Mer i bilagan ”{catalog.theme(item.theme).short_title}”.")


def _below(item: Item) -> str:
    """Who can act and what has been shown to work, in one small paragraph under the item's sentence (two
    paragraphs would each end in a half-empty line, and page 2 has none to spare)."""
    parts = [f'<span class="jamlik-actors">{escape(who)}</span>'
             for who in [who_can_act(item, generic_note=False) if item.kind in ACTED_ON else ""] if who]
    parts += [f'<span class="jamlik-works">{escape(works)}</span>' for works in [what_works(item)] if works]
    return f' <span class="jamlik-below">{" ".join(parts)}</span>' if parts else ""


def _page_link(anchors: set[str]):
    """An item's (or a closing paragraph's anchor's) page as a link the layout numbers; "" without one."""
    def page_of(item) -> str:
        anchor = item if isinstance(item, str) else f"ind-{item.theme}-{item.indicator.id}"
        return f'<a class="jamlik-pagenum" href="#{anchor}">sidan</a>' if anchor in anchors else ""
    return page_of


def page(kommun: str, planned: Plan, anchors: set[str]) -> str:
    """The page as HTML; a sentence links to the indicator's section when the document holds it."""
    parts = [f'<section class="jamlik-glance" id="i-korthet"><h2>{escape(kommun)} i korthet</h2>']
    for kind in KINDS:
        if kind == "concern" and planned.no_concern:
            parts.append(f"<h3>{HEADINGS[kind]}</h3><p>{escape(planned.no_concern)}</p>")
        if kind == "strength" and planned.no_strength:
            parts.append(f"<h3>{HEADINGS[kind]}</h3><p>{escape(planned.no_strength)}</p>")
        if not planned.shown.get(kind):
            continue
        entries = "".join(
            f"<li>{escape(sentence(item))}"
            + (_pageref(item) if f"ind-{item.theme}-{item.indicator.id}" in anchors else _annex(item))
            + _below(item) + "</li>" for item in planned.shown[kind])
        parts.append(f"<h3>{HEADINGS[kind]}</h3><ul>{entries}</ul>")
    if any(planned.omitted.values()) or planned.moved:
        text = _omitted_text(planned.omitted, _page_link(anchors), escape, planned.compact,
                             [(p.heading, p.anchor) for p in planned.moved], planned.shown)
        parts.append(f'<p class="jamlik-omitted">{text}</p>')
    for heading, text, anchor, _ in planned.extras:
        ref = f' <a class="jamlik-pageref" href="#{anchor}">Läs mer på sidan</a>' if anchor in anchors else ""
        parts.append(f"<h3>{escape(heading)}</h3><p>{escape(text)}{ref}</p>")
    note = owners_note(planned)
    parts.append(f'<p class="jamlik-definition">{escape(DEFINITION + (" " + note if note else ""))}</p></section>')
    return "".join(parts)
