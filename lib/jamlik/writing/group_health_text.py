"""Sentences on health by education and birth region (``statistics.group_health``): who has more good
health and how much, against Riket's gap, with the words the intervals allow; and one plain sentence
where a kommun has no survey by group."""

from jamlik.base.text import and_list, format_number, format_signed, lower_first
from jamlik.data import areas
from jamlik.statistics import group_health
from jamlik.statistics.group_health import ENDS, GroupGap, GroupHealth
from jamlik.statistics.stats import Interval

METHOD = (
    "Hälsa efter utbildning och födelseland: andelarna kommer från Folkhälsomyndighetens nationella "
    "folkhälsoenkät Hälsa på lika villkor (invånare 16–84 år) med källans 95-procentiga konfidensintervall, "
    "för Dalarnas kommuner som Region Dalarna sammanställt dem, annars som kommunen läst in dem. En grupp vars "
    "intervall saknar bredd (till exempel 100 % från 100 till 100) hade för få svar och ingår inte i "
    "skillnaderna; gränser som källan anger under 0 eller över 100 stannar vid 0 och 100. "
    "Skillnaden mellan grupperna i ändarna (eftergymnasial minus förgymnasial utbildning; födda "
    "i Sverige minus födda utanför Europa) har ett 95-procentigt intervall enligt Newcombes metod (MOVER). "
    "Skillnaden kallas större eller mindre än rikets bara när de två skillnadernas intervall inte överlappar. "
    "Lutningsindex (SII, slope index of inequality; Low och Low 2004, som PHEindicatormethods beräknar det) är "
    "en viktad regression av gruppernas andelar på mittpunkten av varje utbildningsnivås andel av befolkningen, "
    "från den lägsta nivån (0) till den högsta (1); intervallet kommer från simulering utifrån varje grupps "
    "standardfel. Vikterna är kommunens egen utbildningsfördelning bland invånare 25–64 år enligt Kolada: "
    "andelen med högst förgymnasial utbildning (N01984), med eftergymnasial utbildning (N01982) och resten "
    "gymnasial. Enkätens utbildningsgrupper gäller 16–84 år, vikterna 25–64 år: SII är därför en uppskattning.")

GROUP_WORDS = {
    "Förgymnasial": "förgymnasial utbildning", "Gymnasial": "gymnasial utbildning",
    "Eftergymnasial": "eftergymnasial utbildning", "Sverige": "födda i Sverige",
    "Övriga Norden": "födda i övriga Norden", "Övriga Europa": "födda i övriga Europa",
    "Övriga världen": "födda utanför Europa",
}
AMONG = {"utbildning": "bland dem med {}", "fodelseland": "bland dem {}"}
HEADINGS = {"utbildning": "Efter utbildning", "fodelseland": "Efter födelseland"}
# for the strategist (an analyst note), never the council: the data that come with jamlik, and a command
IMPORT_HINT = ("De uppgifter som följer med gäller Dalarnas kommuner. Regionens folkhälsoenkät kan läsas in med "
               "jamlik data import-grupper FIL (kolumnerna kommun, indelning, grupp, kon, matt, ar, varde, ki_lag, "
               "ki_hog, n, kalla).")


def ci(interval: Interval, decimals: int = 1) -> str:
    return f"{format_signed(interval.lower, decimals)} till {format_signed(interval.upper, decimals)}"


def signed_ci(interval: Interval, value_decimals: int = 1) -> str:
    """``−21 (−31,4 till −11,0)`` for a gap of whole percentages (``value_decimals`` 0)."""
    return f"{format_signed(interval.value, value_decimals)} ({ci(interval)})"


def among(breakdown: str, group: str) -> str:
    return AMONG[breakdown].format(GROUP_WORDS.get(group, group))


def share_of(g: GroupGap) -> str:
    """"andelen med fetma"; an imported measure without a known outcome keeps its own words."""
    if g.outcome.polarity == "neutral":
        return f"andelen för «{g.outcome.title}»"
    return f"andelen med {lower_first(g.outcome.title)}"


def gap_sentence(g: GroupGap) -> str:
    """The gap between the two ends, who is higher, its interval and whether it is significant, and
    Riket's gap in the same words."""
    first, second = ENDS[g.breakdown]
    if g.gap is None:
        return (f"{share_of(g).capitalize()} kan inte jämföras {among(g.breakdown, first)} och "
                f"{GROUP_WORDS.get(second, second)}: en av grupperna hade för få svar.")
    size = abs(round(g.gap.value))
    if size:
        text = (f"{share_of(g).capitalize()} är {format_number(size)} procentenheter {higher_or_lower(g.gap.value)} "
                f"{among(g.breakdown, first)} än {among(g.breakdown, second)} (95 % konfidensintervall för "
                f"skillnaden {ci(g.gap)}), en skillnad som {'är' if g.sure else 'inte är'} säkerställd"
                + ("" if g.sure or not _excludes(g.gap) else f" {ROUNDED}"))
    else:
        text = (f"{share_of(g).capitalize()} är lika stor {among(g.breakdown, first)} som "
                f"{among(g.breakdown, second)} (95 % konfidensintervall för skillnaden {ci(g.gap)})")
    if g.riket_gap is not None:
        text += f"; i riket är den {riket_words(g.riket_gap.value)}"
    return text + "."


ROUNDED = "när källans avrundning till hela procent räknas in"


def _excludes(interval: Interval) -> bool:
    """The printed interval excludes zero (the words must then name the rounding when it does not count)."""
    return interval.lower > 0 or interval.upper < 0


def higher_or_lower(gap: float) -> str:
    return "högre" if gap > 0 else "lägre"


def riket_words(gap: float) -> str:
    """Riket's gap in words: "21 procentenheter högre", "ungefär lika stor"."""
    size = abs(round(gap))
    return f"{format_number(size)} procentenheter {higher_or_lower(gap)}" if size else \
        "ungefär lika stor i båda grupperna"


def versus_sentence(found: list[GroupGap], breakdown: str) -> str:
    """Which gaps are larger or smaller than Riket's beyond both intervals and the rounding, which point the
    other way than Riket's (never "larger" or "smaller" then: docs/bedomning.md §4), or that none differs."""
    by = {kind: [lower_first(g.outcome.title) for g in found if g.versus == kind]
          for kind in ("larger", "smaller", "reversed")}
    what = "utbildning" if breakdown == "utbildning" else "födelseland"
    if not any(by.values()):
        return (f"Ingen av skillnaderna efter {what} går att skilja från rikets: intervallen överlappar, med "
                "källans avrundning inräknad, ofta för att enkäten har få svarande per grupp i en kommun.")
    parts = []
    if by["larger"]:
        parts.append(f"större än i riket för {and_list(by['larger'])}")
    if by["smaller"]:
        parts.append(f"mindre än i riket för {and_list(by['smaller'])}")
    if by["reversed"]:
        parts.append(f"omvänd jämfört med riket för {and_list(by['reversed'])}")
    return f"Skillnaden efter {what} är {' och '.join(parts)}; för de andra går den inte att skilja från rikets."


def sii_sentence(g: GroupGap) -> str:
    if g.sii is None:
        return ""
    sii = g.sii.sii
    riket = f"; i riket {format_signed(g.riket_sii.sii.value, 1)} procentenheter" if g.riket_sii else ""
    low, middle, high = (format_number(w, 1) for w in g.weights.shares)
    sure = "säkerställt" if g.sii_sure else "inte säkerställt" + (f" {ROUNDED}" if _excludes(sii) else "")
    return (f"Lutningsindex (SII) för {lower_first(g.outcome.title)} är {format_signed(sii.value, 1)} procentenheter "
            f"(95 % konfidensintervall {ci(sii)}, {sure}){riket}. Indexet är den skattade skillnaden mellan den lägst "
            "och den högst utbildade i befolkningen, med kommunens egen utbildningsfördelning inräknad "
            f"({low} % förgymnasial, {middle} % gymnasial och {high} % eftergymnasial bland invånare 25–64 år "
            f"{g.weights.year}); därför skiljer det sig från skillnaden mellan grupperna.")


def sex_sentence(g: GroupGap) -> str:
    women, men = g.by_sex.get("K"), g.by_sex.get("M")
    if women is None or men is None:
        return ""

    def said(gap: Interval) -> str:
        return f"{format_number(abs(round(gap.value)))} procentenheter (95 % konfidensintervall {ci(gap)})"

    return (f"Bland kvinnor är skillnaden {said(women)}, bland män {said(men)}; "
            "med färre svarande per grupp blir intervallen bredare.")


def sentences(kommun: str, health: GroupHealth, breakdown: str) -> list[str]:
    found = health.by(breakdown)
    if not found:
        return [f"Enkäten redovisar inga värden efter {'utbildning' if breakdown == 'utbildning' else 'födelseland'} "
                f"för {kommun}."]
    lead = found[0]  # the first key outcome: self-rated health
    text = [gap_sentence(lead)]
    if breakdown == "utbildning":
        text += [s for s in (sii_sentence(lead), sex_sentence(lead)) if s]
    return [*text, versus_sentence(found, breakdown)]


def intro(kommun: str, health: GroupHealth) -> str:
    return (f"Andelarna gäller invånare 16–84 år i {kommun} enligt enkäten {health.period}, med källans "
            "95-procentiga konfidensintervall. Med få svarande i en grupp blir intervallet brett, och en skillnad "
            f"kan då bara läsas som en riktning. Källa: {and_list(health.sources)}.")


def none_sentence(kommun: str) -> str:
    return f"Uppgifter om hälsa efter utbildning och födelseland finns ännu inte för {kommun} i den här briefingen."


def page_line(rows: list[dict]) -> str:
    """Page 2, from the findings table: the largest health gap by education that is larger than Riket's
    beyond both intervals; else the self-rated health gap and which gaps are smaller than Riket's.
    "" where the kommun has no survey by education."""
    if not group_health.has_groups(rows):
        return ""
    year = next(r["period"] for r in rows if r.get("level") == "grupp" and r["area"] != areas.RIKET)
    row = group_health.largest_unfair_row(rows)
    if row is not None:
        return (f"{_row_gap(row)} Skillnaden är säkerställt större än i riket (enkäten {year}).")
    lead = group_health.gap_row(rows, "sjalvskattad_halsa")
    smaller = [lower_first(group_health.outcome_of_row(r).title) for r in group_health.smaller_rows(rows)]
    return ((_row_gap(lead) + " " if lead else "")
            + f"Ingen skillnad i hälsa efter utbildning är säkerställt större än i riket (enkäten {year})"
            + (f"; för {and_list(smaller)} är den mindre." if smaller else "."))


def _row_gap(row: dict) -> str:
    outcome = group_health.outcome_of_row(row)
    size = format_number(abs(round(row["value"])))
    riket = f"; i riket är den {riket_words(row['riket'])}" if row.get("riket") is not None else ""
    return (f"Andelen med {lower_first(outcome.title)} är {size} procentenheter {higher_or_lower(row['value'])} bland "
            f"dem med eftergymnasial utbildning än bland dem med förgymnasial (95 % konfidensintervall "
            f"{format_signed(row['ci_low'], 1)} till {format_signed(row['ci_high'], 1)}){riket}.")
