"""Swedish sentences generated from the comparisons. They say what the numbers support and no
more: a difference inside the kommun's interval is "i nivå med"; a verdict from the fallback rule
is "märkbart" and never "statistiskt säkerställd"; a value based on few cases is not judged.
"""

from jamlik.base.text import (
    CRC_ARTICLES,
    MISSING,
    QUARTILE_WORDS,
    TARGET_AREAS,
    UNITS,
    and_list,
    count_of,
    difference_unit,
    format_gap,
    format_number,
    format_signed,
    format_value,
    in_words,
    lower_first,
    place,
    rounded,
)
from jamlik.data import catalog
from jamlik.statistics import findings, trends
from jamlik.statistics.compare import (
    ABSENT_STATUS,
    AREA_SPECIFIC_LENSES,
    INTERVAL,
    SPREAD,
    Benchmark,
    Result,
)
from jamlik.statistics.findings import MARKED, SURE, Finding
from jamlik.statistics.intervals import MIN_PEOPLE_MARKED
from jamlik.statistics.trends import MIN_POINTS, UNEVEN, Gap, Trend
from jamlik.writing import words

DIRECTION_WORDS = {"higher": "högre än", "lower": "lägre än", "similar": "i nivå med"}
MISSING_REASONS = {"suppressed": "för få personer för att redovisas", "missing": "inte rapporterad"}
ABSENT = "Ingår inte i den medföljande ögonblicksbilden av Kolada (30 augusti 2024)."
ABSENT_SHORT = "ingår inte i ögonblicksbilden"
SURVEY_CAVEAT = ("Enkätvärdena bygger på svar från flera år som slagits samman, och perioderna kan "
                 "överlappa, så jämförelsen över tid är osäker.")
SMALL = "Värdet bygger på få fall – tolka försiktigt."
SMALL_PLACE = ("Kommunen har färre än 5 000 invånare, så värdet kan variera mycket av en slump – tolka "
               "försiktigt.")
KOMMUN_ONLY = ("Värdet jämförs inte med riket: bara kommunens egna värden finns, inga för riket, länet eller "
               "andra kommuner, så det får ingen bedömning mot dem och ingen placering.")
OWN_ABSENT = "Inga värden är inlästa för indikatorn ännu."
OWN_NO_MARGIN = ("Utan täljare och nämnare kan osäkerheten inte beräknas, och utan värden för alla kommuner finns "
                 "ingen spridning att mäta skillnaden mot, så skillnaden mot riket bedöms inte.")
OWN_NO_RANK = "Ingen placering bland kommunerna: egna värden finns inte för alla kommuner."
LOWEST_DISTRICT = ("Värdet gäller kommunalvalet och kommunens egen indelning i valdistrikt. Det beror på hur många "
                   "distrikt kommunen har, och distrikten ändras mellan valen, så det jämförs inte med andra kommuner "
                   "eller över tid och får ingen placering. Sidan om skillnader inom kommunen visar riksdagsvalet "
                   "per valdistrikt, med något andra siffror.")
NO_SURVEY_MARGIN = ("Källans osäkerhetstal för enkäten saknas i datalagret, så skillnaden mot riket och "
                    "utvecklingen bedöms inte.")
METHOD = [
    "Varje indikator visar det senaste året med data till och med redovisningsåret. Bara värden som källan "
    "faktiskt har publicerat räknas: valdeltagande finns bara för valår (Kolada upprepar valets värde åren "
    "emellan), och medellivslängd är ett medelvärde över fem år. Enkätvärdena om självskattad hälsa, fetma "
    "och tillit kommer i Uppsala, Södermanlands, Värmlands, Örebro och Västmanlands län från regionernas "
    "enkät Liv & hälsa ett enskilt år; i övriga län från Folkhälsomyndighetens Hälsa på lika villkor, där "
    "Kolada slår samman svaren från fyra år. Ett sådant värde anges med hela perioden, till exempel 2019–2022.",
    "Osäkerhet: ett värde från en liten befolkning kan variera mycket av en slump. Därför anges ett "
    "95-procentigt konfidensintervall (KI) där det går att räkna ut: för andelar av en känd befolkning med "
    "Wilsons metod, för antal per 1 000 eller 100 000 invånare med Byars metod (exakt Poissonmetod under tio "
    "fall) och för enkäter från källans osäkerhetstal. Det är samma metoder som Englands folkhälsomyndighet "
    "använder i Fingertips. Befolkningen bakom en andel kommer från Koladas befolkning efter ålder; där den "
    "är en uppskattning blir intervallet ungefärligt.",
    "Jämförelser, med samma ord överallt i dokumentet: kommunen är bättre eller sämre än riket, länet eller "
    "jämförelsegruppen när deras värde ligger utanför kommunens intervall, med källans avrundning inräknad; "
    "skillnaden är då statistiskt säkerställd. Annars är kommunen i nivå med dem. Där inget intervall kan "
    "räknas ut, till exempel för ett medelvärde som meritvärde, står det märkbart bättre eller sämre när "
    "skillnaden är större än en fjärdedel av spridningen (standardavvikelsen) mellan kommunerna och än "
    "källans avrundning, och värdet bygger på minst 150 personer; en sådan skillnad kallas aldrig statistiskt "
    "säkerställd. När Kolada redovisar hela procent kan varje värde avvika en halv procentenhet: en skillnad "
    "räknas först när jämförelsevärdet ligger mer än så utanför intervallet, och står det i nivå med riket fast "
    "rikets värde ligger utanför det tryckta intervallet sägs det att avrundningen är inräknad.",
    "Få fall: ett värde som bygger på färre än tio händelser eller personer, eller på en grupp under hundra "
    "personer (under 150 där gruppens storlek är en uppskattning), märks ”få fall – tolka försiktigt”. Det "
    "får ingen placering och ingen bedömning efter spridningen mellan kommunerna, men intervallet bedömer det "
    "som alla andra värden: det bär redan osäkerheten i en liten grupp, och en säkerställd brist i en liten "
    "grupp nämns bland det allvarliga, med gruppens storlek i stället för placering. Detsamma gäller värden "
    "utan intervall i kommuner med färre än 5 000 invånare, och medelvärden som bygger på färre än 150 "
    "personer.",
    "Det mest allvarliga: en indikator där kommunen är sämre eller märkbart sämre än riket och ligger i den "
    "sämre halvan av kommunerna. De ordnas i en enda rangordning för hela dokumentet: säkerställt sämre före "
    "märkbart sämre, sedan de som ligger bland den sämsta tiondelen av kommunerna, sedan efter hur långt från "
    "riket kommunen ligger, räknat i standardavvikelser mellan kommunerna. Sidan i korthet tar dem uppifrån, "
    "minst fem, så många som får plats, och nämner resten med var de finns. En styrka är säkerställt bättre än "
    "riket, bland den bästa fjärdedelen av kommunerna och utan att bli sämre.",
    "Riket och mittkommunen: riket är ett genomsnitt för hela befolkningen och dras mot de stora städerna. "
    "Därför anges också mittkommunen (medianen): hälften av kommunerna har ett lägre värde. En kommun kan "
    "alltså vara sämre än riket och ändå ligga i den bättre halvan av kommunerna.",
    "Signifikansnivå: alla test görs på 5-procentsnivån och alla intervall är 95-procentiga. En skillnad är "
    "statistiskt säkerställd när jämförelsevärdet ligger utanför intervallet; en förändring över tid när "
    "testet ger p under 0,05 och förändringen dessutom är robust (se Utveckling). Ger testet p under 0,05 "
    "utan att förändringen är robust kallas utvecklingen ojämn.",
    "Utveckling: utvecklingen bedöms över de fem senaste publicerade värdena, för valdeltagande de tre "
    "senaste valen och för medellivslängd tre femårsperioder som inte överlappar. Perioden är skuggad i "
    "diagrammet och är densamma i tabellen och texten. För andelar och antal per invånare används "
    "chi-två-test för trend, som i Fingertips, och förändringen kallas säkerställd. För enkäter, medellivslängd "
    "och medelvärden utan intervall är en förändring högst märkbar: en anpassad rät linje ändras mer än en "
    "fjärdedel av spridningen mellan kommunerna och än avrundningen (och för enkäter skiljer sig det första och "
    "det sista värdet mer än sina intervall). Pilen visar riktningen, ordet om det är bättre eller sämre. Med "
    "färre än tre värden kan utvecklingen inte bedömas. En förändring enligt chi-två-testet räknas först när den "
    "också är robust: större än källans avrundning, med det första och det sista värdet åt samma håll som "
    "trenden, och kvar utan periodens första år. Ger testet p under 0,05 men förändringen är inte robust kallas "
    "utvecklingen ojämn (↕), med skälet, och inte säkerställd. Gick det senaste värdet åt andra hållet än "
    "trenden sägs båda, till exempel ”ökade från 2018 till 2021 men minskade till 2022”; ”på väg åt fel håll” "
    "kräver att trenden och den senaste förändringen går åt samma håll.",
    "Skillnader mellan kvinnor och män, och mellan grupper, anges i indikatorns enhet (procentenheter, år) "
    "med intervall där det går och jämförs med skillnaden i riket. En skillnad är säkerställd när dess "
    "intervall, vidgat med källans avrundning av de två värdena, inte omfattar noll. Den är större eller mindre "
    "än rikets bara när de två skillnadernas intervall, var och ett vidgat med avrundningen, inte överlappar "
    "och skillnaderna går åt samma håll; går de åt olika håll är den omvänd jämfört med riket. Lutningsindex "
    "(SII) räknat på avrundade värden bär avrundningen med sig, för fem inkomstgrupper i hela procent upp till "
    "1,5 procentenheter. Ingen sådan skillnad räknas för indikatorer som beskriver befolkningen, eller "
    "föräldrar uppdelade på barnets kön. Den största skillnaden i sammanfattningen är den som är störst i "
    "förhållande till spridningen mellan kommunerna.",
    "Placering: plats 1 är det bästa värdet bland kommunerna med uppgift (det högsta för indikatorer där "
    "varken högre eller lägre är bättre). Kommuner med samma värde delar plats, till exempel plats 115–148 av "
    "287; en delad plats hör till den fjärdedel där större delen av den ligger. Kvartil 1 är den fjärdedel av "
    "kommunerna som har bäst värden, kvartil 4 den fjärdedel som har sämst. Lägsta valdistriktets "
    "valdeltagande beror på hur många distrikt kommunen har och får ingen placering och ingen utveckling.",
    "Jämförelsegrupp: varje indikator jämförs med samma grupp överallt i dokumentet, Koladas liknande "
    "kommuner för indikatorns område eller de kommuner som kommunen själv har valt. Gruppens värde är ett "
    "ovägt medel av kommunerna med uppgift.",
    "Uppgift saknas: värden som källan inte redovisar, till exempel för att för få personer ingår, visas som "
    "saknade och fylls aldrig i.",
]
RIKET_NOTE = ("Riket är ett genomsnitt för hela befolkningen och dras mot storstäderna, så det är inte "
              "den typiska kommunen")


def fmt(result: Result, value) -> str:
    return result.indicator.show(value)


def fmt_interval(result: Result, ci) -> str:
    """``23,2–24,8 %``: the two limits with one unit."""
    ind = result.indicator
    low, high = (ind.show(x) for x in (ci.lower, ci.upper))
    unit = UNITS[ind.unit][0]
    return f"{low.removesuffix(unit)}–{high}"


def subject(result: Result) -> str:
    return "andelen" if result.indicator.unit == "procent" else "värdet"


def _reference(result: Result, b: Benchmark) -> str:
    """How a benchmark is named after "än" or "i nivå med": ``riket``, ``Örebro län``, ``liknande kommuner``."""
    return b.label


def within_rounding(result: Result, b: Benchmark) -> bool:
    """An interval verdict "i nivå med" whose benchmark lies outside the interval as printed, but within the
    source's rounding added to it: the words must say so (docs/bedomning.md §1, §7.4)."""
    if b.direction != "similar" or b.method != INTERVAL or result.ci is None or b.value is None:
        return False
    if not shows_interval(result, result.ci):  # no interval printed: the value itself is the reader's interval
        return result.indicator.show(b.value) != result.indicator.show(result.value)
    return not _inside_as_printed(result, b.value)


def _inside_as_printed(result: Result, value: float) -> bool:
    """Whether ``value`` lies within the kommun's interval with both rounded as they are printed."""
    printed = result.indicator.decimals
    low, high = (rounded(x, printed) for x in (result.ci.lower, result.ci.upper))
    return low <= rounded(value, printed) <= high


def edge_note(result: Result, b: Benchmark) -> str:
    """A verdict by the interval whose benchmark, as printed, lies inside the printed interval (on its edge:
    riket 3,8 % beside 3,8–4,2 %): the two numbers with a decimal more, which show it outside; "" otherwise
    (docs/bedomning.md §1: every word survives the numbers printed beside it)."""
    if b.direction not in ("higher", "lower") or b.method != INTERVAL or b.value is None \
            or not shows_interval(result, result.ci) or not _inside_as_printed(result, b.value):
        return ""
    printed, unit = result.indicator.decimals, result.indicator.unit
    edge, which = (result.ci.lower, "nedre") if b.direction == "higher" else (result.ci.upper, "övre")
    # as many more decimals as it takes for the two numbers to differ (a hair's breadth may need three)
    more = next((n for n in range(1, MORE_DECIMALS) if format_value(b.value, unit, printed + n)
                 != format_value(edge, unit, printed + n)), MORE_DECIMALS)
    return (f"; med {EDGE_DECIMALS[more]} till {format_value(b.value, unit, printed + more)} mot intervallets "
            f"{which} gräns {format_value(edge, unit, printed + more)}")


MORE_DECIMALS = 3
EDGE_DECIMALS = {1: "en decimal", 2: "två decimaler", 3: "tre decimaler"}


def comparison_phrase(result: Result) -> str:
    """``sämre än riket (13,0 %) och Örebro län (14,5 %) men i nivå med liknande kommuner (17,8 %)``: every
    benchmark in the vocabulary's words (``words.versus``), those at the same level and verdict together; a
    verdict from the spread rule reads ``märkbart sämre än …``, once with ``(osäkerheten kan inte beräknas)``."""
    groups: list[tuple[tuple[str, str], list[str]]] = []
    for i, b in enumerate(result.benchmarks):
        if b.direction is None:
            continue
        level = findings.result_certainty(result, i)
        note = f", {words.ROUNDING_NOTE}" if within_rounding(result, b) else edge_note(result, b)
        item = f"{_reference(result, b)} ({fmt(result, b.value)}{note})"
        key = (level, b.verdict)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(item)
        else:
            groups.append((key, [item]))
    parts = []
    for (level, verdict), items in groups:
        said = words.versus(level, verdict, and_list(items))
        parts.append(said.replace(f" ({words.MARKED_NOTE})", "") if level == MARKED else said)
    if any(level == MARKED for (level, _), _ in groups):
        parts[-1] += f" ({words.MARKED_NOTE})"
    return " men ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " och " + parts[-1]


def missing_sentence(result: Result, year: int) -> str:
    place = result.kommun.name
    if result.status == ABSENT_STATUS:
        return OWN_ABSENT if is_imported_only(result.indicator) else ABSENT
    if result.year is None:
        return f"{MISSING.capitalize()} för {place} till och med {year}."
    reason = MISSING_REASONS.get(result.status, MISSING_REASONS["missing"])
    return f"{MISSING.capitalize()} för {place} {result.year} ({reason})."


def is_imported_only(ind) -> bool:
    """A workspace's own indicator without a Kolada id: its values can only be read in."""
    return ind.own and not ind.source_id


def shows_interval(result: Result, ci) -> bool:
    """An interval is printed only when it is wider than the precision the value is shown with."""
    return ci is not None and fmt(result, ci.lower) != fmt(result, ci.upper)


def when(result: Result) -> str:
    """``År 2022``, or for a mean over several years ``Under 2018–2022``."""
    return f"År {result.year}" if result.period == str(result.year) else f"Under {result.period}"


def value_sentence(result: Result) -> str:
    about = ", ungefärligt," if result.uncertainty.approximate else ""
    ci = f" (95 % konfidensintervall{about} {fmt_interval(result, result.ci)})" \
        if shows_interval(result, result.ci) else ""
    text = f"{when(result)} var {subject(result)} {fmt(result, result.value)} i {result.kommun.name}{ci}"
    phrase = comparison_phrase(result)
    return text + (f", {phrase}." if phrase else ".")


def people_about(result: Result) -> str:
    """``omkring 120 elever``: the group a value rests on, as a reader would say it."""
    n = result.uncertainty.people
    if not n:
        return ""
    return f"omkring {format_number(round(n, -1) if n >= 50 else round(n))} {result.indicator.people_noun}"


def certainty_sentence(result: Result) -> str:
    """What the comparison rests on, where the words above need it: too few cases to judge, a small group
    judged by its interval, an unknown survey margin, or the spread rule."""
    riket = result.riket
    if result.kommun_only:
        return KOMMUN_ONLY + (f" {SMALL}" if result.small_numbers else "")
    reason = findings.unjudged_reason(result)
    if reason == "area":
        return LOWEST_DISTRICT
    if result.small_numbers and result.ci is None:
        if reason == "group":
            first = (f"Värdet bygger på en liten grupp, {people_about(result)}, och osäkerheten kan inte beräknas "
                     "– tolka försiktigt.")
        else:
            first = SMALL_PLACE if reason == "population" else SMALL
        return first + (" Därför anges ingen placering och ingen bedömning mot riket." if riket else "")
    if result.indicator.is_survey and result.ci is None and riket is not None:
        return NO_SURVEY_MARGIN
    if result.small_numbers:  # an interval still judges, and it is wide (docs/bedomning.md §2)
        group = people_about(result)
        return (f"Liten grupp{', ' + group if group else ''}: intervallet är brett och tar hänsyn till det, men "
                "ingen placering anges.")
    if any(b.method == SPREAD and b.direction for b in result.benchmarks):
        return ("Skillnaderna bedöms mot spridningen mellan kommunerna (en fjärdedel av standardavvikelsen och mer "
                "än källans avrundning).")
    # without counts and without every kommun's value nothing judges the gap; with counts the interval does
    if result.imported and not result.spread and result.ci is None and riket is not None and riket.value is not None:
        return OWN_NO_MARGIN
    return ""


def median_sentence(result: Result) -> str:
    if result.median is None or result.indicator.unit == "antal" or result.riket is None \
            or result.indicator.lens in AREA_SPECIFIC_LENSES:
        return ""
    text = f"I hälften av kommunerna är {subject(result)} lägre än {fmt(result, result.median)}."
    verdict, quartile = result.riket.verdict, result.quartile
    if quartile and result.riket.method == INTERVAL and (
            (verdict == "worse" and quartile <= 2) or (verdict == "better" and quartile >= 3)):
        half = "bättre" if quartile <= 2 else "sämre"
        text += f" {RIKET_NOTE}; {result.kommun.name} ligger i den {half} halvan av kommunerna."
    return text


def rank_sentence(result: Result) -> str:
    if result.rank is None:
        # said with the comparison where only the kommun's values exist, or where few cases remove it
        return OWN_NO_RANK if result.imported and not result.ranked and not result.kommun_only \
            and not result.small_numbers else ""
    best = {"higher": "högst", "lower": "lägst", "neutral": "högst"}[result.indicator.polarity]
    what = "andel" if result.indicator.unit == "procent" else "värde"
    note = "bäst, " if result.indicator.polarity != "neutral" else ""
    quarter = f", i den {QUARTILE_WORDS[result.quartile]}" if result.indicator.polarity != "neutral" else ""
    return (f"{result.kommun.name} har {place(result.rank, result.ranked, result.rank_to)} kommuner "
            f"(plats 1 = {note}{best} {what}){quarter}.")


UNEVEN_REASONS = {"rounding": "förändringen är inte större än källans avrundning",
                  "ends": "det första och det sista värdet rör sig åt andra hållet än trenden",
                  "start": "trenden håller inte utan periodens första år"}


def p_text(p: float) -> str:
    """A p-value as a reader meets it: ``p = 0,012``, ``p < 0,001``."""
    return "p < 0,001" if p < 0.001 else f"p = {format_number(p, 3)}"

SAME_PACE = "Skillnaden mot riket har inte ändrats mer än osäkerheten i värdena."


def versus_riket(result: Result, t: Trend) -> str:
    """Which way the distance to Riket moved, said so that the reader knows whether it is good news."""
    if t.versus_riket == "same":
        return SAME_PACE
    polarity = result.indicator.polarity
    if polarity == "neutral":
        return "Skillnaden mot riket har minskat." if t.versus_riket == "closer" else "Skillnaden mot riket har ökat."
    # a distance that shrank is read from where the kommun started, one that grew from where it ended:
    # a kommun level with Riket that fell behind has no lead that grew
    first, last = (t.first_value, t.riket_first) if t.versus_riket == "closer" else (t.last_value, t.riket_last)
    ahead = (first > last) == (polarity == "higher")
    if t.versus_riket == "closer":
        return "Försprånget till riket har minskat." if ahead else f"{result.kommun.name} har närmat sig riket."
    return "Försprånget till riket har ökat." if ahead else f"{result.kommun.name} har hamnat längre från riket."


def _points(result: Result, t: Trend) -> tuple[str, str, str]:
    """How to name the window's start and its two ends in a sentence, by the indicator's publication."""
    publication = result.indicator.publication
    if publication == "election":
        return f"Sedan valet {t.first_year}", f"valet {t.first_year}", f"valet {t.last_year}"
    first, last = (result.indicator.period(y, result.kommun.code) for y in (t.first_year, t.last_year))
    if first != str(t.first_year):  # a mean over several years is named by its period, not its last year
        return f"Sedan perioden {first}", f"för {first}", f"för {last}"
    return f"Sedan {t.first_year}", f"år {t.first_year}", f"år {t.last_year}"


def trend_sentence(finding: Finding) -> str:
    """The development over the window, in the vocabulary of docs/bedomning.md §3: a change by the trend test
    is "säkerställd", by the spread rule "märkbar"; a latest change against the trend is said too."""
    result, t = finding.result, finding.trend
    if t is None:
        if result.value is None or result.indicator.lens in AREA_SPECIFIC_LENSES:
            return ""  # the lowest district: its page says why districts are not followed over time
        if result.indicator.is_survey and result.ci is None:
            return ""  # said once already, with the comparison
        if result.small_numbers and len(finding.window) >= MIN_POINTS:
            return "Utvecklingen bedöms inte, eftersom värdena bygger på få fall."
        if result.indicator.is_survey and len(finding.window) >= MIN_POINTS:
            return "Utvecklingen bedöms inte: de tidigare enkätvärdena saknar källans felmarginal."
        if result.imported and not result.spread and len(finding.window) >= MIN_POINTS:  # no counts given
            return ("Utvecklingen bedöms inte: utan täljare och nämnare för varje år kan osäkerheten inte "
                    "beräknas, och utan värden för alla kommuner finns ingen spridning att mäta förändringen mot.")
        return "Utvecklingen kan inte bedömas: det finns färre än tre publicerade värden."
    since, first, last = _points(result, t)
    values = f"({fmt(result, t.first_value)} {first}, {fmt(result, t.last_value)} {last})"
    level = SURE if t.method != SPREAD else MARKED
    if t.direction == UNEVEN:
        text = (f"{since} är utvecklingen ojämn {values}: chi-två-testet för trend ger {p_text(t.p_value)}, men "
                f"{UNEVEN_REASONS[t.uneven_because]}; en förändring räknas som säkerställd först när den också är "
                "robust (se metoden).")
    elif t.direction == "similar":
        text = f"{since} finns {words.no_change(level)} {values}."
    else:
        judged = words.CHANGE_VERDICTS.get(t.verdict) or {"higher": "en ökning", "lower": "en minskning"}[t.direction]
        judged = judged.replace("en ", f"en {words.change_level(level)} ", 1)
        text = f"{since} har {subject(result)} {words.MOVED[t.direction]} {values}, {judged}."
        if finding.turned:  # the latest change went the other way: both are said (§3)
            last_step = finding.latest
            text += (f" Från {last_step.year} till {result.year} {words.MOVED_PAST[last_step.direction]} "
                     f"{subject(result)} dock ({fmt(result, last_step.value)} → {fmt(result, result.value)}).")
    if t.direction == UNEVEN:
        pass  # no claim about Riket either: the kommun's own change is not established
    elif t.versus_riket == "crossed":
        side = {True: "över", False: "under"}
        before = side[t.first_value > t.riket_first]
        text += (f" {result.kommun.name} låg {before} riket {t.first_year} men "
                 f"{side[t.last_value > t.riket_last]} riket {t.last_year}.")
    elif t.versus_riket:
        text += " " + versus_riket(result, t)
    if result.indicator.is_survey and result.period != str(result.year):  # pooled years: the periods overlap
        text += " " + SURVEY_CAVEAT
    return text


GAP_CHANGE = {"growing": "har ökat", "shrinking": "har minskat"}
GAP_VERSUS = {"larger": "är större än i riket", "smaller": "är mindre än i riket",
              "reversed": "är omvänd jämfört med riket"}


def difference(result: Result, value: float) -> str:
    """A gap in the indicator's units: ``4,0 år``, ``3,1 procentenheter``."""
    return format_gap(value, result.indicator.unit, result.indicator.decimals)


def _not_established(result: Result, gap: Gap) -> str:
    """Why a gap is not established, in words that agree with the interval printed beside it (§4)."""
    if gap.ci is None:
        if trends.groups_too_small(result):
            return (f"osäkerheten kan inte beräknas och grupperna är var för sig färre än {MIN_PEOPLE_MARKED}, så "
                    "skillnaden bedöms inte")
        if result.indicator.is_survey or result.small_numbers or not result.spread:
            return "osäkerheten kan inte beräknas, så skillnaden bedöms inte"
        return "skillnaden är liten jämfört med spridningen mellan kommunerna"
    if gap.ci.lower > 0 or gap.ci.upper < 0:  # the printed interval excludes zero; with the rounding it does not
        low, high = _oriented(gap)
        margin = 2 * result.rounding
        widened = (format_signed(x, result.indicator.decimals) for x in (low - margin, high + margin))
        return (f"{words.ROUNDING_NOTE} ({' till '.join(widened)}) omfattar intervallet noll, så skillnaden är inte "
                "säkerställd")
    return "intervallet omfattar noll, så skillnaden är inte säkerställd"


def _oriented(gap: Gap) -> tuple[float, float]:
    """The gap's interval with the higher group first, as the sentence prints it."""
    return (gap.ci.lower, gap.ci.upper) if gap.gap > 0 else (-gap.ci.upper, -gap.ci.lower)


def gap_sentence(result: Result, gap: Gap, first: str, second: str) -> str:
    """``Flickor har högre andel än pojkar (21,4 % mot 15,0 %), en skillnad på 6,4 procentenheter
    (95 % KI 2,0 till 10,8). Skillnaden är större än i riket (6,4 mot 3,1) och har ökat sedan 2018.``
    The group with the higher value comes first; a gap that is not established says why in words that
    agree with its printed interval; against Riket only "större/mindre" with the same sign and intervals
    apart, "omvänd" with opposite signs (docs/bedomning.md §4)."""
    what = "andel" if result.indicator.unit == "procent" else "värde"
    if gap.shown == 0:
        text = f"{first.capitalize()} och {second} har samma {what} ({fmt(result, gap.first)} mot " \
               f"{fmt(result, gap.second)})"
    else:
        (high, high_value), (low, low_value) = sorted([(first, gap.first), (second, gap.second)],
                                                      key=lambda g: -g[1])
        text = (f"{high.capitalize()} har högre {what} än {low} ({fmt(result, high_value)} mot "
                f"{fmt(result, low_value)}), en skillnad på {difference(result, gap.shown)}")
        if gap.ci is not None:
            low_end, high_end = (format_signed(x, result.indicator.decimals) for x in _oriented(gap))
            text += f" (95 % KI {low_end} till {high_end})"
        if not gap.sure:
            text += "; " + _not_established(result, gap)
    tail = []
    if gap.versus_riket and gap.riket_gap is not None:
        tail.append(_versus_riket(result, gap, first, second))
    if gap.change:
        tail.append(_gap_change(result, gap, first, second))
    return text + "." + (f" Skillnaden {' och '.join(tail)}." if tail else "")


def _versus_riket(result: Result, gap: Gap, first: str, second: str) -> str:
    """The gap against Riket's (§4): "större/mindre" by the intervals, "märkbart" by the spread rule where the
    gap has no interval (§1); printed gaps that point opposite ways are never compared in size."""
    sizes = f"{difference(result, gap.shown)} mot {difference(result, gap.riket_shown)}"
    riket_higher = f"högre bland {first if gap.riket_shown > 0 else second} i riket"
    if gap.versus_riket == "reversed":
        return f"{GAP_VERSUS['reversed']} ({sizes}, {riket_higher})"
    if gap.versus_riket in ("larger", "smaller"):
        if gap.ci is None:
            return f"är märkbart {GAP_SIZE[gap.versus_riket]} än i riket ({sizes}; {words.MARKED_NOTE})"
        return f"{GAP_VERSUS[gap.versus_riket]} ({sizes})"
    if gap.shown * gap.riket_shown < 0:  # opposite ways, and the kommun's own gap is not established
        return f"går åt andra hållet än i riket ({sizes}, {riket_higher})"
    return f"går inte att skilja från rikets i storlek ({sizes})"


GAP_SIZE = {"larger": "större", "smaller": "mindre"}


def _gap_change(result: Result, gap: Gap, first: str, second: str) -> str:
    """How the gap changed since the window's first year, in words its two printed sizes survive: a change
    within the intervals (or the spread rule) is no change at that level, and a gap the other group led
    then is said to have turned, with that year's size."""
    since = result.indicator.period(gap.earlier_year, result.kommun.code)
    if gap.change == "turned":
        earlier = gap.earlier_shown if gap.earlier_shown is not None else gap.earlier_gap
        return (f"gick åt andra hållet {since} ({difference(result, abs(earlier))} högre bland "
                f"{first if earlier > 0 else second})")
    if gap.change == "unchanged":
        return f"har inte förändrats {'säkerställt' if gap.ci is not None else 'märkbart'} sedan {since}"
    return f"{GAP_CHANGE[gap.change]} sedan {since}"


def sex_sentence(finding: Finding) -> str:
    result = finding.result
    ind = result.indicator
    women, men = result.by_sex.get("K"), result.by_sex.get("M")
    if not result.by_sex:
        return ""
    if women is None and men is None:
        return ""
    if women is None or men is None:
        return f"Uppdelat på kön: {ind.female_label} {fmt(result, women)}, {ind.male_label} {fmt(result, men)}."
    if not ind.sex_gap:  # e.g. parents' education, split by the child's sex: no gap worth a sentence
        return ""
    gap = finding.sex_gap
    return gap_sentence(result, gap, ind.female_label, ind.male_label) if gap else ""


def red_red_sentence(finding: Finding) -> str:
    return "Indikatorn är både sämre än riket och på väg åt fel håll." if finding.red_red else ""


def indicator_text(finding: Finding, year: int) -> str:
    """The paragraph under an indicator's chart."""
    result = finding.result
    if result.value is None:
        return missing_sentence(result, year)
    sentences = [value_sentence(result), certainty_sentence(result), median_sentence(result),
                 rank_sentence(result), trend_sentence(finding), red_red_sentence(finding),
                 sex_sentence(finding)]
    if result.year != year:
        sentences.append(f"Senaste tillgängliga år är {result.year}." if result.period == str(result.year)
                         else f"Senaste tillgängliga period är {result.period}.")
    return " ".join(s for s in sentences if s)


def judged_counts(found: list[Finding], kommun: str) -> list[str]:
    """How the theme's indicators could be judged against Riket, for "Om statistiken" (the summary opens with
    what matters instead: docs/bedomning.md §6)."""
    results = [f.result for f in found]
    judged = [r for r in results if r.value is not None and r.indicator.polarity != "neutral"
              and r.riket and r.riket.verdict]
    certain = [r for r in judged if r.riket.method == INTERVAL]
    counts = {v: sum(r.riket.verdict == v for r in certain) for v in ("better", "similar", "worse")}
    sentences = []
    if certain:
        sentences.append(
            f"{kommun} jämförs med riket på {count_of(len(certain), 'indikator', 'indikatorer')} där "
            f"osäkerheten kan beräknas: {in_words(counts['better'])} är bättre än riket, "
            f"{in_words(counts['similar'])} i nivå med riket och {in_words(counts['worse'])} sämre.")
    marked = [r for r in judged if r.riket.method == SPREAD]
    if marked:
        sentences.append(f"För {count_of(len(marked), 'indikator', 'indikatorer')} kan osäkerheten inte beräknas; "
                         f"där är {in_words(sum(r.riket.verdict == 'worse' for r in marked))} märkbart sämre än "
                         f"riket och {in_words(sum(r.riket.verdict == 'better' for r in marked))} märkbart bättre.")
    unjudged = [r for r in results if r.value is not None and r.indicator.polarity != "neutral"
                and r.riket and r.riket.value is not None and r.riket.verdict is None]
    if unjudged:
        n = len(unjudged)
        they = "den" if n == 1 else "de"
        sentences.append(f"{count_of(n, 'indikator', 'indikatorer').capitalize()} jämförs inte med riket, "
                         f"eftersom {they} bygger på få fall eller osäkerheten i en enkät är okänd.")
    return sentences


def _named(rows: list[dict]) -> str:
    """``barn i familjer med ekonomiskt bistånd (19,5 %) och ohälsotal (36,1 dagar)``."""
    return and_list([f"{lower_first(catalog.indicator(r['indicator']).title)} "
                     f"({catalog.indicator(r['indicator']).show(r['value'])})" for r in rows])


def summary(found: list[Finding], rows: list[dict], kommun: str, year: int) -> list[str]:
    """3–5 sentences for the theme's "Sammanfattning", opening with what matters: the theme's most serious
    concern by the one ranking (what page 2 would name first), the other concerns, the strength, the
    largest gap, the development, what is missing. ``rows`` are the theme's findings table."""
    results = [f.result for f in found]
    by_id = {f.indicator.id: f for f in found}
    mine = [r for r in rows if r["indicator"] in by_id and r["area"] == by_id[r["indicator"]].result.kommun.code]
    concerns = findings.ranked_concerns(mine)
    sentences = []
    if concerns:
        first = concerns[0]
        ind = catalog.indicator(first["indicator"])
        sentences.append(f"Det mest allvarliga i temat är {lower_first(ind.title)}: {ind.show(first['value'])}, "
                         f"{words.row_versus(ind, first)}.")
        for level, lead in ((SURE, "Också sämre än riket"),
                            (MARKED, f"Märkbart sämre än riket ({words.MARKED_NOTE})")):
            more = [r for r in concerns[1:] if findings.row_certainty(r) == level]
            if more:
                sentences.append(f"{lead}: {_named(more)}.")
    else:
        worse = [r for r in mine if r["sex"] == "T" and r["verdict_riket"] == "worse"
                 and findings.row_certainty(r) in (SURE, MARKED)]
        text = "Ingen av temats indikatorer är både sämre än riket och i den sämre halvan av kommunerna."
        if worse:
            text += f" Sämre än riket men i den bättre halvan av kommunerna: {_named(worse)}."
        sentences.append(text)
    strengths = findings.ranked_strengths(mine)
    if strengths:
        ind = catalog.indicator(strengths[0]["indicator"])
        sentences.append(f"Mest positivt avviker {lower_first(ind.title)}: {ind.show(strengths[0]['value'])}, "
                         f"{words.row_versus(ind, strengths[0])}.")
    # the largest gap worth naming: in the year shown, established beyond its interval and the rounding
    gaps = [(f.result, g) for f in found if (g := f.sex_gap) is not None and f.result.spread
            and g.year == f.result.year and g.sure]
    if gaps:
        r, g = max(gaps, key=lambda rg: abs(rg[1].gap) / rg[0].spread)
        ind = r.indicator
        higher = ind.female_label if g.gap > 0 else ind.male_label
        sentences.append(f"Den största skillnaden mellan {ind.female_label} och {ind.male_label} gäller "
                         f"{lower_first(ind.title)}, där {higher} har högre värde ({ind.female_label} "
                         f"{fmt(r, g.first)}, {ind.male_label} {fmt(r, g.second)}).")
    judged_ids = {r.indicator.id for r in results if r.value is not None and r.indicator.polarity != "neutral"}
    developing = [f.trend for f in found if f.trend and f.indicator.id in judged_ids]
    if developing:
        better = sum(t.verdict == "better" for t in developing)
        worse = sum(t.verdict == "worse" for t in developing)
        sentences.append(f"Under de senaste åren har {in_words(better)} av indikatorerna förbättrats och "
                         f"{in_words(worse)} försämrats; för övriga finns ingen säkerställd eller märkbar förändring.")
    missing = [r for r in results if r.value is None and r.status != ABSENT_STATUS]
    if missing:  # counted among the indicators the store holds: the table shows no others
        held = [r for r in results if r.status != ABSENT_STATUS]
        names = and_list([lower_first(r.indicator.title) for r in missing])
        sentences.append(f"Uppgift saknas för {in_words(len(missing))} av temats {in_words(len(held))} "
                         f"indikatorer: {names}.")
    # what the bundled snapshot lacks is named under the overview table, not counted as missing here
    return sentences


def verdict_marker(result: Result) -> str:
    """The overview's comparison with Riket, in the vocabulary's table words: a symbol and a word."""
    b = result.riket
    if result.indicator.lens in AREA_SPECIFIC_LENSES:
        return "–"
    if result.kommun_only:
        return "jämförs inte (bara egna värden)"
    if b is None or b.value is None:
        return MISSING
    marker = words.marker(findings.result_certainty(result), b.verdict, findings.unjudged_reason(result))
    # Riket outside the interval the row prints, inside it with the rounding: the cell says so (§7.4)
    return f"{marker}, {words.ROUNDING_CELL}" if within_rounding(result, b) else marker


def trend_marker(t: Trend | None, finding: Finding | None = None) -> str:
    """The direction as an arrow, the judgement as a word: ``↓ bättre`` for falling child poverty; a latest
    change against the trend is shown too (``↑ sämre, men ↓ 2022``)."""
    if t is None:
        return "kan inte bedömas"
    level = SURE if t.method != SPREAD else MARKED
    if finding is not None and finding.turned:
        return words.trend_mark(t.direction, t.verdict, level, finding.latest.direction, finding.result.year)
    return words.trend_mark(t.direction, t.verdict, level)


def children_count(result: Result) -> str:
    """About how many children a share means: the share of its own population, to the nearest ten
    (nearest one below fifty), as a reader would say it: ``omkring 1 570``."""
    n = result.uncertainty.denominator
    if result.value is None or not n or result.indicator.unit != "procent":
        return ""
    count = result.value / 100 * n
    about = round(count, -1) if count >= 50 else round(count)
    return f"omkring {format_number(about)}"


def children_sentence(result: Result, children: str) -> str:
    ind = result.indicator
    return (f"{lower_first(ind.title).capitalize()}: {fmt(result, result.value)} "
            f"{when(result).lower()}, "
            f"det vill säga {children} barn i {result.kommun.name}.")


def signed_difference(result: Result, value: float) -> str:
    """A gap with its sign (first group minus the second): ``−4,3 procentenheter``."""
    return format_gap(value, result.indicator.unit, result.indicator.decimals, signed=True)


def fmt_gap_interval(result: Result, ci) -> str:
    d = result.indicator.decimals
    return f"{format_signed(ci.lower, d)} till {format_signed(ci.upper, d)}"


def equity_sentences(found: list) -> list[str]:
    """Up to three sentences on the gaps that stand out: larger than Riket's, the most so first."""
    larger = [(label, r, g) for label, r, g in found if g.versus_riket == "larger" and g.riket_gap]
    larger.sort(key=lambda item: -abs(item[2].gap) / abs(item[2].riket_gap))
    sentences = [f"{label}: {signed_difference(r, g.shown)} i {r.kommun.name} mot "
                 f"{signed_difference(r, g.riket_shown)} i riket"
                 + (f" (märkbart större; {words.MARKED_NOTE})." if g.ci is None else ".")
                 for label, r, g in larger[:3]]
    if not sentences:
        return ["Ingen av skillnaderna mellan grupper är större än i riket."]  # "större" as §4 defines it
    n = len([1 for *_, g in found if g.versus_riket == "larger"])
    marked = len([1 for *_, g in found if g.versus_riket == "larger" and g.ci is None])
    # a gap without an interval is larger by the spread rule only: "märkbart" (§1)
    larger_words = (f"märkbart större än i riket ({words.MARKED_NOTE})" if marked == n else "större än i riket"
                    + (f", {in_words(marked)} av dem märkbart ({words.MARKED_NOTE})" if marked else ""))
    return [f"{count_of(n, 'skillnad', 'skillnader').capitalize()} mellan grupper är {larger_words}. "
            "Mest sticker ut:"] + sentences


def rights_line(ind) -> str:
    """One line naming the articles of barnkonventionen and the public health target areas."""
    parts = []
    if ind.articles:
        parts.append("Barnkonventionen: " + and_list([f"artikel {a} ({CRC_ARTICLES[a]})" for a in ind.articles]) + ".")
    if ind.areas:
        word = "Folkhälsopolitiskt målområde" if len(ind.areas) == 1 else "Folkhälsopolitiska målområden"
        parts.append(f"{word}: " + and_list([f"{a} {TARGET_AREAS[a].lower()}" for a in ind.areas]) + ".")
    return " ".join(parts)


def fmt_sii(interval) -> str:
    """``29,5 (27,9–31,1)``: a slope index in the groups' unit with its interval."""
    return f"{format_signed(interval.value, 1)} ({format_signed(interval.lower, 1)}–{format_signed(interval.upper, 1)})"


def fmt_rii(interval) -> str:
    return f"{format_number(interval.value, 2)} ({format_number(interval.lower, 2)}–{format_number(interval.upper, 2)})"


def gradient_text(first: Result, d, comparison) -> str:
    """The gradient in words: the two ends, the SII against Riket and the län, the RII, the change."""
    own, earlier = comparison.own, comparison.earlier
    kommun, unit = first.kommun.name, first.indicator.unit
    when = f"valet {own.year}" if first.indicator.publication == "election" else str(own.year)
    points = difference_unit(unit)
    sii = own.gradient.sii
    text = (f"I {kommun} var {subject(first)} {fmt(first, own.values[0])} i gruppen med {d.labels[0]} och "
            f"{fmt(first, own.values[-1])} i gruppen med {d.labels[-1]} ({when}). Lutningsindex (SII), den "
            f"skattade skillnaden mellan botten och toppen av fördelningen, är {format_signed(sii.value, 1)} {points} "
            f"(95 % KI {format_signed(sii.lower, 1)} till {format_signed(sii.upper, 1)})")
    others = []
    said = {"similar": "i nivå med", "larger": "större än i", "smaller": "mindre än i",
            "reversed": "omvänt jämfört med"}
    for name, g, verdict in (("riket", comparison.riket, comparison.versus_riket),
                             ("länet", comparison.lan, comparison.versus_lan)):
        if g is not None:
            others.append(f"{said[verdict]} {name} ({format_signed(g.gradient.sii.value, 1)})")
    text += (", " + " och ".join(others) + "." if others else ".")
    rii = own.gradient.rii
    text += (f" Det relativa indexet (RII) är {format_number(rii.value, 2)}: värdet i toppen är "
             f"{format_number(rii.value, 2)} gånger värdet i botten.")
    if earlier is not None:
        change = {"unchanged": "inte förändrats säkerställt", "larger": "ökat", "smaller": "minskat"}[comparison.change]
        text += f" Vid {'valet ' if first.indicator.publication == 'election' else ''}{earlier.year} var SII " \
                f"{format_signed(earlier.gradient.sii.value, 1)}; lutningen har {change}."
    return text + (" Grupperna är rikets inkomstkvintiler, som inte är lika stora i varje kommun; indexet räknas "
                   "med kommunens befolkning jämnt fördelad på grupperna." if d.dimension == "inkomst" else "")

