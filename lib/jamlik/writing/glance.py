"""“<Kommun> i korthet”: page 2 of the council document, built from every theme's numbers.

What a politician needs first, each point in one or two plain sentences that quote the numbers
and name the page to read more:

1. **Concerns**: indicators statistically significantly worse than Riket, the ones also getting
   worse first (Fingertips' “red-red”), then the furthest from Riket in standard deviations
   between kommuner.
2. **Getting worse**: a significant (or, without an interval, marked) worsening trend.
3. **Strengths**: significantly better than Riket, the best place among the kommuner first.
4. **Gaps between women and men** larger than Riket's gap, the largest relative to Riket's first.

The input is the rows of the themes' ``<tema>.csv`` (see ``tables``), so the page is laid out from
the same numbers as the theme briefings, never computed a second way.
"""

from dataclasses import dataclass
from html import escape

from jamlik.base.text import format_gap, in_words
from jamlik.data import catalog
from jamlik.data.catalog import Indicator

CONCERNS = STRENGTHS = 3
WORSENING = GAPS = 3
MATTERS = 0.25  # in standard deviations between kommuner: smaller differences are not headlined


@dataclass(frozen=True)
class Item:
    indicator: Indicator
    theme: str  # the theme whose section the page refers to
    row: dict
    kind: str  # "concern", "worsening", "strength", "gap", "watch"
    why: str  # the reason, in Swedish, for the workbook's "Sammanfattning"


def kommun_rows(rows_by_theme: dict[str, list[dict]], kommun: str) -> list[tuple[str, dict]]:
    """One row per indicator (the kommun, both sexes), from its own theme where it is shown there."""
    chosen: dict[str, tuple[str, dict]] = {}
    for theme, rows in rows_by_theme.items():
        for row in rows:
            if row["area"] != kommun or row["sex"] != "T" or row["value"] is None \
                    or row["indicator"] not in catalog.indicators():  # a gradient's row is no indicator
                continue
            ind = catalog.indicator(row["indicator"])
            if row["indicator"] not in chosen or ind.theme == theme:
                chosen[row["indicator"]] = (theme, row)
    return list(chosen.values())


def distance(row: dict) -> float:
    """How much worse than Riket, in standard deviations between kommuner (negative: better)."""
    ind = catalog.indicator(row["indicator"])
    if row["riket"] is None or not row["spread"] or ind.polarity == "neutral":
        return 0.0
    sign = 1 if ind.polarity == "lower" else -1
    return sign * (row["value"] - row["riket"]) / row["spread"]


def _place(row: dict) -> float:
    """0 best … 1 worst among the kommuner; 0,5 without a rank."""
    return (row["rank"] - 1) / max(row["ranked"] - 1, 1) if row["rank"] else 0.5


def _rank(row: dict) -> str:
    return f"plats {row['rank']} av {row['ranked']}" if row["rank"] else ""


def select(rows: list[tuple[str, dict]]) -> dict[str, list[Item]]:
    """The items of the page, by kind."""
    def judged(theme_row):
        ind = catalog.indicator(theme_row[1]["indicator"])
        return ind.polarity != "neutral" and not theme_row[1]["small_numbers"]

    candidates = [(t, r) for t, r in rows if judged((t, r))]
    # a concern is significantly worse than Riket, by a margin that matters (a quarter of the spread
    # between kommuner), and in the worse half of the kommuner
    worse = [(t, r) for t, r in candidates if r["verdict_riket"] == "worse" and r["verdict_method"] == "interval"
             and distance(r) >= MATTERS and _place(r) > 0.5]
    worse.sort(key=lambda tr: (not tr[1]["red_red"], -distance(tr[1])))
    concerns = [Item(catalog.indicator(r["indicator"]), t, r, "concern",
                     "statistiskt säkerställt sämre än riket" + (" och försämras" if r["red_red"] else ""))
                for t, r in worse[:CONCERNS]]
    named = {i.indicator.id for i in concerns}
    watch = []
    if not concerns:  # an honest page: what is only markedly worse, where no interval exists
        marked = [(t, r) for t, r in candidates if r["verdict_riket"] == "worse" and r["verdict_method"] == "spread"]
        marked.sort(key=lambda tr: -distance(tr[1]))
        watch = [Item(catalog.indicator(r["indicator"]), t, r, "watch",
                      "märkbart sämre än riket (osäkerheten kan inte beräknas)") for t, r in marked[:CONCERNS]]
        named |= {i.indicator.id for i in watch}
    # getting worse, and not only along with Riket: the distance to Riket grew or the kommun fell behind
    falling = [(t, r) for t, r in candidates if r["trend"] == "worse" and r["indicator"] not in named
               and r["trend_versus_riket"] in ("further", "crossed")]
    falling.sort(key=lambda tr: (tr[1]["trend_method"] != "chi2", -_place(tr[1])))
    worsening = [Item(catalog.indicator(r["indicator"]), t, r, "worsening", "försämras") for t, r in
                 falling[:WORSENING]]
    named |= {i.indicator.id for i in worsening}
    better = [(t, r) for t, r in candidates if r["verdict_riket"] == "better" and r["verdict_method"] == "interval"
              and -distance(r) >= MATTERS and r["indicator"] not in named]
    better.sort(key=lambda tr: distance(tr[1]))
    strengths = [Item(catalog.indicator(r["indicator"]), t, r, "strength", "statistiskt säkerställt bättre än riket")
                 for t, r in better[:STRENGTHS]]
    gapped = [(t, r) for t, r in rows if r["sex_gap"] is not None and r["sex_gap_versus"] == "larger"
              and r["sex_gap_riket"] is not None and r["spread"]
              and abs(r["sex_gap"]) - abs(r["sex_gap_riket"]) >= MATTERS * r["spread"]]
    gapped.sort(key=lambda tr: -abs(tr[1]["sex_gap"]) / max(abs(tr[1]["sex_gap_riket"]), 1e-9))
    why = "skillnaden mellan kvinnor och män är större än i riket"
    gaps = [Item(catalog.indicator(r["indicator"]), t, r, "gap", why) for t, r in gapped[:GAPS]]
    return {"concern": concerns, "watch": watch, "worsening": worsening, "strength": strengths, "gap": gaps}


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


def _difference(ind: Indicator, value: float) -> str:
    return format_gap(value, ind.unit, ind.decimals)


def sentence(item: Item) -> str:
    """One or two plain sentences with the numbers (escaped text; the page reference is added apart)."""
    ind, row = item.indicator, item.row
    title = ind.title
    if item.kind in ("concern", "watch", "strength"):
        rank = _rank(row)
        text = f"{title}: {ind.show(row['value'])} mot {ind.show(row['riket'])} i riket" + \
            (f", {rank}." if rank else ".")
        if item.kind == "concern" and row["red_red"]:
            text += " Värdet är dessutom på väg åt fel håll."
        elif item.kind == "watch":
            text += " Skillnaden är märkbar, men osäkerheten kan inte beräknas."
        return text
    if item.kind == "worsening":
        window = row["trend_window"].replace("-", "–")
        certain = "statistiskt säkerställd" if row["trend_method"] in ("chi2", "interval") else "märkbar"
        return (f"{title}: från {ind.show(row['trend_first'])} till {ind.show(row['trend_last'])} ({window}), "
                f"en {certain} försämring.")
    women, men = ind.female_label, ind.male_label
    return (f"{title}: skillnaden mellan {women} och {men} är {_difference(ind, row['sex_gap'])}, större än i "
            f"riket ({_difference(ind, row['sex_gap_riket'])}).")


HEADINGS = {"concern": "Det mest allvarliga", "watch": "Att bevaka", "worsening": "Det som blir sämre",
            "strength": "Styrkor", "gap": "De största skillnaderna mellan kvinnor och män"}


def page(kommun: str, items: dict[str, list[Item]], judged_with_interval: int, anchors: set[str],
         goals: str = "") -> str:
    """The page as HTML; a sentence links to the indicator's section when the document holds it.
    ``goals`` is a sentence on the kommun's own goals, linked to their page."""
    parts = [f'<section class="jamlik-glance" id="i-korthet"><h2>{escape(kommun)} i korthet</h2>']
    if not items["concern"]:
        parts.append(f"<p>{escape(_nothing_worse(kommun, judged_with_interval))}</p>")
    for kind in ("concern", "watch", "worsening", "strength", "gap"):
        if not items[kind]:
            continue
        entries = "".join(
            f"<li>{escape(sentence(item))}"
            + (_pageref(item) if f"ind-{item.theme}-{item.indicator.id}" in anchors else _annex(item)) + "</li>"
            for item in items[kind])
        parts.append(f"<h3>{HEADINGS[kind]}</h3><ul>{entries}</ul>")
    if goals:
        parts.append(f'<h3>Kommunens egna mål</h3><p>{escape(goals)} '
                     '<a class="jamlik-pageref" href="#mal">Läs mer på sidan</a></p>')
    parts.append('<p class="jamlik-definition">Sämre och bättre betyder här att skillnaden mot riket är statistiskt '
                 "säkerställd (riket ligger utanför kommunens 95-procentiga konfidensintervall). Metoden beskrivs "
                 "sist i dokumentet.</p></section>")
    return "".join(parts)
