"""“<Kommun> i korthet”: page 2 of the council document, built from every theme's numbers.

What a politician needs first, each point in one or two plain sentences that quote the numbers
and name the page to read more:

1. **Concerns**, by the one ranking in ``findings`` (``ranked_concerns``): the first concern of every
   theme, so the page names what each theme's summary calls the most serious, then the next most
   serious up to three. Those judged without an interval are headed "Att bevaka".
2. **Getting worse**: a significant (or, without an interval, marked) worsening trend that is more
   than Riket's.
3. **Strengths** (``ranked_strengths``): better than Riket, in the best quarter, not getting worse.
4. **Gaps between women and men** larger than Riket's gap, the largest relative to Riket's first.

The input is the rows of the themes' findings tables (``<tema>.csv``), so the page is laid out from
the same numbers as the theme briefings, never computed a second way.
"""

from dataclasses import dataclass
from html import escape

from jamlik.base.text import format_gap, in_words, place
from jamlik.data import catalog, evidence
from jamlik.data.areas import RIKET
from jamlik.data.catalog import Indicator
from jamlik.statistics import findings
from jamlik.statistics.findings import INTERVAL, MATTERS
from jamlik.writing import evidence_text

CONCERNS = STRENGTHS = 3
# "Hälsan" opens the page: life expectancy and its gap between women and men, ohälsotal, and
# self-rated health where a survey interval lets it be judged
HEALTH = ["medellivslangd_kvinnor", "medellivslangd_man", "medellivslangd_skillnad", "ohalsotal",
          "sjalvskattad_halsa"]
VERSUS_RIKET = {("interval", "worse"): "statistiskt säkerställt sämre än i riket",
                ("interval", "better"): "statistiskt säkerställt bättre än i riket",
                ("interval", "similar"): "i nivå med riket", ("spread", "worse"): "märkbart sämre än i riket",
                ("spread", "better"): "märkbart bättre än i riket", ("spread", "similar"): "nära riket",
                ("spread", "higher"): "märkbart högre än i riket", ("spread", "lower"): "märkbart lägre än i riket"}
DEVELOPMENT = {"better": "en förbättring", "worse": "en försämring", "similar": "i stort sett oförändrat",
               "uneven": "en ojämn utveckling", "higher": "en ökning", "lower": "en minskning"}
WORSENING = GAPS = 3


@dataclass(frozen=True)
class Item:
    indicator: Indicator
    theme: str  # the theme whose section the page refers to
    row: dict
    kind: str  # "concern", "worsening", "strength", "gap", "watch"
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


def _rank(row: dict) -> str:
    return place(row["rank"], row["ranked"], row.get("rank_to")) if row["rank"] else ""


def _most_serious(rows: list[tuple[str, dict]]) -> list[dict]:
    """The document's CONCERNS most serious concerns and the most serious of every theme (what its
    summary names first), in the ranking's order: a kommun whose worst three are all about work
    still sees them, and every theme is still heard."""
    themes = dict.fromkeys(theme for theme, _ in rows)
    firsts = set()
    for theme in themes:
        ranked = findings.ranked_concerns([row for t, row in rows if t == theme])
        firsts |= {ranked[0]["indicator"]} if ranked else set()
    ranked = findings.ranked_concerns([row for _, row in _at_home(rows)])
    keep = firsts | {row["indicator"] for row in ranked[:CONCERNS]}
    return [row for row in ranked if row["indicator"] in keep]


def select(rows: list[tuple[str, dict]]) -> dict[str, list[Item]]:
    """The items of the page, by kind, from the ranking in ``findings``. ``rows`` are every theme's
    kommun rows (``kommun_rows``); an indicator is referred to in its own theme."""
    serious = _most_serious(rows)
    rows = _at_home(rows)
    theme_of = {r["indicator"]: t for t, r in rows}
    kommun_rows = [r for _, r in rows]

    def item(row: dict, kind: str, why: str) -> Item:
        return Item(catalog.indicator(row["indicator"]), theme_of[row["indicator"]], row, kind, why)

    concerns = [item(r, "concern", "statistiskt säkerställt sämre än riket" + (" och försämras" if r["red_red"]
                                                                                else ""))
                for r in serious if r["verdict_method"] == INTERVAL]
    # "Hälsan" already gives a health indicator's level against Riket and its development: it is not said
    # again below, except as a concern, where who can act is added
    watch = [item(r, "watch", "märkbart sämre än riket (osäkerheten kan inte beräknas)")
             for r in serious if r["verdict_method"] != INTERVAL and r["indicator"] not in HEALTH]
    named = {i.indicator.id for i in concerns + watch} | set(HEALTH)
    # getting worse, and not only along with Riket: the kommun fell behind Riket, or crossed it
    falling = [r for r in kommun_rows if r["trend"] == "worse" and r["indicator"] not in named
               and (r["trend_versus_riket"] == "crossed"
                    or r["trend_versus_riket"] == "further" and r["verdict_riket"] != "better")
               and not r["small_numbers"]
               and catalog.indicator(r["indicator"]).polarity != "neutral"]
    falling.sort(key=lambda r: (r["trend_method"] != "chi2", -findings.place(r)))
    worsening = [item(r, "worsening", "försämras") for r in falling[:WORSENING]]
    named |= {i.indicator.id for i in worsening}
    strengths = [item(r, "strength", "statistiskt säkerställt bättre än riket")
                 for r in findings.ranked_strengths(kommun_rows) if r["indicator"] not in named][:STRENGTHS]
    # a gap of its own beyond its interval and the rounding, larger than Riket's beyond both
    gapped = [r for r in kommun_rows if r["sex_gap"] is not None and r["sex_gap_versus"] == "larger"
              and r.get("sex_gap_sure", True)
              and r["sex_gap_riket"] is not None and r["spread"]
              and abs(r["sex_gap"]) - abs(r["sex_gap_riket"]) >= MATTERS * r["spread"]]
    # the largest first: how much larger than Riket's, in standard deviations between kommuner (a ratio
    # to Riket's gap would put a 0,3-point gap first wherever Riket's is nil)
    gapped.sort(key=lambda r: -(abs(r["sex_gap"]) - abs(r["sex_gap_riket"])) / r["spread"])
    why = "skillnaden mellan kvinnor och män är större än i riket"
    gaps = [item(r, "gap", why) for r in gapped[:GAPS]]
    by_id = {r["indicator"]: r for r in kommun_rows}
    health = [item(by_id[i], "health", "hälsan") for i in HEALTH if i in by_id
              and (not catalog.indicator(i).is_survey or by_id[i]["verdict_riket"] != "none")]
    return {"health": health, "concern": concerns, "watch": watch, "worsening": worsening, "strength": strengths,
            "gap": gaps}


def _nothing_worse(kommun: str, judged: int) -> str:
    """The honest first line of a page with no significant concern."""
    if judged == 0:
        return (f"För ingen indikator kan osäkerheten beräknas i {kommun}, så inget kan sägas vara statistiskt "
                "säkerställt sämre än i riket.")
    if judged == 1:
        return f"Den enda indikatorn där osäkerheten kan beräknas är inte statistiskt säkerställt sämre i {kommun} " \
               "än i riket."
    return (f"Ingen av de {in_words(judged)} indikatorerna där osäkerheten kan beräknas är statistiskt säkerställt "
            f"sämre i {kommun} än i riket.")


def _pageref(item: Item) -> str:
    return (f' <a class="jamlik-pageref" href="#ind-{item.theme}-{item.indicator.id}">Läs mer på sidan</a>')


def _annex(item: Item) -> str:
    """Where the document holds no section of its own for the indicator: the theme's annex."""
    return escape(f" Mer i bilagan ”{catalog.theme(item.theme).title}”.")


def _health_sentence(ind: Indicator, row: dict) -> str:
    """``Medellivslängd kvinnor: 83,4 år mot 84,6 år i riket (2018–2022), märkbart sämre än i riket;
    sedan 2008–2012 en förbättring.``"""
    period, riket = ind.period(row["year"], row["area"]), ind.period(row["year"], RIKET)
    if period == riket:
        text = f"{ind.title}: {ind.show(row['value'])} mot {ind.show(row['riket'])} i riket ({period})"
    else:  # a kommun's survey pooled over four years beside Riket's of one year
        text = f"{ind.title}: {ind.show(row['value'])} ({period}) mot {ind.show(row['riket'])} i riket ({riket})"
    versus = VERSUS_RIKET.get((row["verdict_method"], row["verdict_riket"]))
    if versus:
        text += f", {versus}"
    elif row["small_numbers"]:
        text += ", få fall eller liten kommun, så värdet jämförs inte med riket"
    if row["trend"] != "none" and row["trend_window"]:
        first = int(row["trend_window"].split("-")[0])
        text += f"; sedan {ind.period(first, row['area'])} {DEVELOPMENT[row['trend']]}"
    elif row["small_numbers"]:
        text += ", och utvecklingen bedöms inte"
    elif ind.is_survey:
        text += "; utvecklingen bedöms inte, eftersom de tidigare enkätvärdena saknar felmarginal"
    else:
        text += "; utvecklingen kan inte bedömas med färre än tre publicerade värden"
    return text + "."


def _since(ind: Indicator, row: dict) -> str:
    """What changed since the previous published value: `` (från 26,1 % 2021)``."""
    if row.get("previous_value") is None:
        return ""
    return f" (från {ind.show(row['previous_value'])} {ind.period(row['previous_year'], row['area'])})"


def who_can_act(item: Item) -> str:
    """Who can act on a finding: the nämnd the kommun's own goal names, else the catalog's actors in the
    kommun's own words where the council document has put them on the row (``writing.owners``)."""
    if item.row.get("goal_committee"):
        return f"Ansvarig enligt kommunens mål: {item.row['goal_committee']}."
    if item.row.get("who_can_act"):
        return item.row["who_can_act"]
    return f"Kan påverkas av {item.indicator.actors}." if item.indicator.actors else ""


def what_works(item: Item) -> str:
    """Under a concern, one line: ``Det som har visat sig fungera: <insats> (<utgivare> <år>).``"""
    if item.kind not in ("concern", "watch"):
        return ""
    return evidence_text.glance_line(evidence.actions(item.indicator.id, item.row["area"]))


def _difference(ind: Indicator, value: float) -> str:
    return format_gap(value, ind.unit, ind.decimals)


def sentence(item: Item) -> str:
    """One or two plain sentences with the numbers (escaped text; the page reference is added apart)."""
    ind, row = item.indicator, item.row
    title = ind.title
    if item.kind in ("concern", "watch", "strength"):
        rank = _rank(row)
        period = ind.period(row["year"], row["area"])
        when = f" ({period})" if period != str(row["year"]) else ""  # a mean over several years says so
        text = f"{title}: {ind.show(row['value'])}{when} mot {ind.show(row['riket'])} i riket{_since(ind, row)}" + \
            (f", {rank}." if rank else ".")
        if row.get("crossed_riket"):  # from the other side of Riket's value
            before = "sämre" if item.kind == "strength" else "bättre"
            text += f" År {row['previous_year']} var värdet {before} än rikets."
        if item.kind == "concern" and row["red_red"]:
            text += " Värdet är dessutom på väg åt fel håll."
        elif item.kind == "watch":
            text += " Skillnaden är märkbar, men osäkerheten kan inte beräknas."
        return text
    if item.kind == "health":
        return _health_sentence(ind, row)
    if item.kind == "worsening":
        window = row["trend_window"].replace("-", "–")
        certain = "statistiskt säkerställd" if row["trend_method"] in ("chi2", "interval") else "märkbar"
        return (f"{title}: från {ind.show(row['trend_first'])} till {ind.show(row['trend_last'])} ({window}), "
                f"en {certain} försämring.")
    return (f"{title}: {_higher_among(ind, row['sex_gap'])}, mot {_higher_among(ind, row['sex_gap_riket'])} "
            "i riket.")


def _higher_among(ind: Indicator, gap: float) -> str:
    """A gap between women and men, saying who is higher: ``4,3 procentenheter högre bland män``."""
    if gap == 0:
        return "ingen skillnad"
    return f"{_difference(ind, gap)} högre bland {ind.female_label if gap > 0 else ind.male_label}"


NO_STRENGTH = ("Ingen indikator är tydligt bättre än i riket: statistiskt säkerställt bättre, bland den bästa "
               "fjärdedelen av kommunerna och utan att bli sämre.")
ACTED_ON = ("concern", "watch", "worsening")  # the kinds that name who can act
HEADINGS = {"health": "Hälsan", "concern": "Det mest allvarliga", "watch": "Att bevaka",
            "worsening": "Det som blir sämre",
            "strength": "Styrkor", "gap": "Skillnader mellan kvinnor och män som är större än i riket"}


# what page 2 gives up, step by step, when it runs over its page: first all but the largest gap, the
# worst worsening and the best strength; then the gaps, the worsening and all but one watched item.
# The concerns, with who can act, and the health lines always stay.
TRIMS = [{}, {"gap": 1, "worsening": 1, "strength": 1}, {"gap": 0, "worsening": 0, "strength": 1, "watch": 1}]


def trim(items: dict[str, list[Item]], level: int) -> dict[str, list[Item]]:
    """The page's items at a trim level (``TRIMS``): 0 is all of them."""
    limits = TRIMS[min(level, len(TRIMS) - 1)]
    return {kind: found[:limits.get(kind, len(found))] for kind, found in items.items()}


def page(kommun: str, items: dict[str, list[Item]], judged_with_interval: int, anchors: set[str],
         goals: str = "", within_line: str = "", groups_line: str = "") -> str:
    """The page as HTML; a sentence links to the indicator's section when the document holds it.
    ``goals`` is a sentence on the kommun's own goals, linked to their page; ``within_line`` the largest
    difference within the kommun, when it is large (``statistics.within``); ``groups_line`` the largest
    health gap by education against Riket's (``group_health_text.page_line``)."""
    parts = [f'<section class="jamlik-glance" id="i-korthet"><h2>{escape(kommun)} i korthet</h2>']
    for kind in ("health", "concern", "watch", "worsening", "strength", "gap"):
        if kind == "concern" and not items.get("concern"):
            parts.append(f"<h3>{HEADINGS[kind]}</h3><p>{escape(_nothing_worse(kommun, judged_with_interval))}</p>")
        if kind == "strength" and not items.get(kind):
            parts.append(f"<h3>{HEADINGS[kind]}</h3><p>{NO_STRENGTH}</p>")
        if not items.get(kind):
            continue
        entries = "".join(
            f"<li>{escape(sentence(item))}"
            + (_pageref(item) if f"ind-{item.theme}-{item.indicator.id}" in anchors else _annex(item))
            + (f' <span class="jamlik-actors">{escape(who_can_act(item))}</span>' if kind in ACTED_ON else "")
            + (f' <span class="jamlik-works">{escape(what_works(item))}</span>' if what_works(item) else "")
            + "</li>" for item in items[kind])
        parts.append(f"<h3>{HEADINGS[kind]}</h3><ul>{entries}</ul>")
    if within_line:
        ref = ' <a class="jamlik-pageref" href="#inom-kommunen">Läs mer på sidan</a>' \
            if "inom-kommunen" in anchors else ""
        parts.append(f"<h3>Skillnader inom kommunen</h3><p>{escape(within_line)}{ref}</p>")
    if groups_line:
        ref = ' <a class="jamlik-pageref" href="#halsa-grupper">Läs mer på sidan</a>' \
            if "halsa-grupper" in anchors else ""
        parts.append(f"<h3>Hälsa efter utbildning</h3><p>{escape(groups_line)}{ref}</p>")
    if goals:
        parts.append(f'<h3>Kommunens egna mål</h3><p>{escape(goals)} '
                     '<a class="jamlik-pageref" href="#mal">Läs mer på sidan</a></p>')
    parts.append('<p class="jamlik-definition">Sämre och bättre betyder här att skillnaden mot riket är statistiskt '
                 "säkerställd (riket ligger utanför kommunens 95-procentiga konfidensintervall, också med källans "
                 "avrundning inräknad). Metoden beskrivs sist i dokumentet.</p></section>")
    return "".join(parts)
