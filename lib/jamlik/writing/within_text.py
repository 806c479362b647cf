"""Sentences on the differences within a kommun (``statistics.within``): what the numbers show, and
plainly where a kommun has too little to show (one district, one school, two areas). Every figure
carries its year."""

from jamlik.base.text import count_of, format_number, format_value, in_words, rounded
from jamlik.data.within import AREA_TYPE_YEAR, MASKS, SCHOOL_YEAR
from jamlik.statistics.within import CHALLENGED, LARGE_TURNOUT_GAP, TENTH, Area, School, Turnout

FEW_PUPILS = 15  # a school with fewer pupils in year 9 is never named as the lowest or highest
SPREAD_CHANGE = {"larger": "större", "smaller": "mindre", "same": "lika stor",
                 "rounding": "ungefär lika stor (skillnaden ryms i avrundningen)"}
CHALLENGED_FACTOR = 2  # page 2 names the share in area types 1–2 when it is at least this many times Riket's

METHOD = (
    "Skillnader inom kommunen: valdeltagandet i varje valdistrikt är antalet röstande delat med antalet "
    "röstberättigade i riksdagsvalet, med ett 95-procentigt konfidensintervall enligt Wilsons metod. Skillnaden "
    "mellan högsta och lägsta distrikt växer med antalet distrikt och jämförs därför inte mellan val eller "
    "kommuner. Det som jämförs är tiondelsspridningen: ställ alla röstberättigade i ordning efter valdeltagandet "
    f"i sitt distrikt; spridningen är valdeltagandet bland den tiondel ({format_number(100 * TENTH)} %) som bor i "
    "distrikten med högst valdeltagande minus valdeltagandet bland den tiondel som bor i distrikten med lägst. "
    "Distriktens gränser ändras mellan valen, så spridningen 2018 jämförs med spridningen 2022, aldrig ett "
    "distrikt med sig självt. En skillnad mellan högsta och lägsta distrikt nämns på sidan i korthet när den "
    f"är minst {format_number(LARGE_TURNOUT_GAP)} procentenheter och de två distriktens intervall inte överlappar. "
    "Områdena är SCB:s regionala statistikområden (RegSO); medelinkomsten av arbete är ett medelvärde utan "
    "uppgift om spridningen och får därför inget intervall. Kartorna delar in områdena i fem klasser som är "
    "Sveriges femtedelar av alla 3 363 RegSO samma år, så att en färg betyder samma sak i varje kommun. "
    "Områdestyp 1–2 är SCB:s och Delmos områden med socioekonomiska utmaningar. Skolornas värden är "
    f"Skolverkets; värden som Skolverket inte redovisar visas som Skolverket skriver dem, och en skola med färre "
    f"än {FEW_PUPILS} elever i årskurs 9 nämns inte som högst eller lägst.")


def pct(value: float) -> str:
    return format_value(value, "procent", 1)


def _range(t: Turnout) -> str:
    """The gap between the highest and the lowest district as a reader computes it from the two
    turnouts printed: 89,2 − 67,3 is 21,9, not the 21,8 of the unrounded shares."""
    low, high = t.districts[0].turnout.value, t.districts[-1].turnout.value
    return format_number(rounded(high, 1) - rounded(low, 1), 1)


def turnout_sentences(kommun: str, t: Turnout | None) -> list[str]:
    if t is None or not t.districts:
        return [f"Valdeltagande per valdistrikt saknas för {kommun}."]
    if len(t.districts) == 1:
        return [f"{kommun} har ett valdistrikt, så skillnader i valdeltagande inom kommunen kan inte visas. "
                f"I riksdagsvalet {t.year} röstade {pct(t.kommun)} enligt valdistriktets redovisning, som inte tar "
                "med alla röster och därför ligger under det officiella valdeltagandet."]
    low, high = t.districts[0], t.districts[-1]
    text = [f"I riksdagsvalet {t.year} röstade {pct(t.kommun)} i {kommun} ({pct(t.riket)} i alla valdistrikt i "
            f"riket). Valdeltagandet var lägst i {low.name} ({pct(low.turnout.value)}, 95 % KI "
            f"{format_number(low.turnout.lower, 1)}–{pct(low.turnout.upper)}) och högst i {high.name} "
            f"({pct(high.turnout.value)}): en skillnad på {_range(t)} procentenheter mellan "
            f"{count_of(len(t.districts), 'distrikt', 'distrikt')}. Källan redovisar inte alla röster per "
            "valdistrikt, så summorna här är lägre än det officiella valdeltagandet; jämför distrikten med varandra "
            "och med kommunens summa här."]
    text.append(f"Skillnaden mellan högsta och lägsta distrikt blir större ju fler distrikt en kommun har, så den "
                f"kan inte jämföras med andra kommuners eller andra vals. Jämförbar är tiondelsspridningen: "
                f"{format_number(t.tenth_spread, 1)} procentenheter {t.year} mellan den tiondel av de "
                "röstberättigade som bor i distrikten med högst valdeltagande och den tiondel som bor där det är "
                "lägst.")
    if t.spread_change:
        change = SPREAD_CHANGE[t.spread_change]
        text.append(f"I valet {t.earlier_year} var tiondelsspridningen {format_number(t.earlier_spread, 1)} "
                    f"procentenheter, så den var {change} {t.year}. Distriktens gränser ändras mellan valen, så det är "
                    "spridningen som jämförs, inte distrikten.")
    return text


INCOME_CAVEAT = ("Medelinkomsten räknar bara inkomst av arbete: där många studerar eller är pensionärer blir den "
                 "låg, utan att invånarna därför behöver ha låg ekonomisk standard.")


def areas_sentences(kommun: str, areas: list[Area], share: float | None, riket_share: float | None) -> list[str]:
    if len(areas) <= 2:
        many = "ett RegSO-område" if len(areas) == 1 else f"{in_words(len(areas))} RegSO-områden"
        return [f"{kommun} har {many}, för få för att visa skillnader mellan områden inom kommunen."]
    low, high = areas[0], areas[-1]
    abroad = max(areas, key=lambda a: a.born_abroad)
    text = [f"{kommun} har {in_words(len(areas))} regionala statistikområden (RegSO). Medelinkomsten av arbete "
            f"{low.year} var lägst i {low.name} ({format_number(low.wage_income, 1)} tkr) och högst i {high.name} "
            f"({format_number(high.wage_income, 1)} tkr); inkomsten är ett medelvärde utan uppgift om spridningen, "
            f"så den får inget intervall. {INCOME_CAVEAT} Andelen födda utomlands {abroad.year} var störst i "
            f"{abroad.name} ({pct(abroad.born_abroad)})."]
    if share is not None and riket_share is not None:
        types = "–".join(str(t) for t in CHALLENGED)
        if share == 0:
            text.append(f"Inget område i {kommun} har socioekonomiska utmaningar enligt SCB (områdestyp {types}, "
                        f"{AREA_TYPE_YEAR}); i riket bodde {pct(riket_share)} av invånarna i sådana områden "
                        f"{AREA_TYPE_YEAR}.")
        else:
            text.append(f"År {AREA_TYPE_YEAR} bodde {pct(share)} av invånarna i {kommun} i områden med "
                        f"socioekonomiska utmaningar (områdestyp {types}), mot {pct(riket_share)} i riket.")
    return text


def no_map_sentence(kommun: str, count: int) -> str:
    """Why a kommun with two areas or fewer gets no map."""
    many = "ett område" if count == 1 else f"{in_words(count)} områden"
    return (f"Ingen karta ritas: med {many} säger en karta inget om skillnader inom {kommun} som inte redan står "
            "i texten.")


def _with_pupils(s: School) -> str:
    return f"{format_number(s.merit_value, 1)}; {format_number(s.pupils_value)} elever"


def schools_sentences(kommun: str, schools: list[School]) -> list[str]:
    if not schools:
        return [f"Skolverket redovisar ingen skolenhet med årskurs 9 i {kommun} läsåret {SCHOOL_YEAR}."]
    if len(schools) == 1:
        return [f"{kommun} har en skolenhet med årskurs 9 ({schools[0].name}), så skillnader mellan skolor kan "
                f"inte visas (läsåret {SCHOOL_YEAR})."]
    shown = [s for s in schools if s.merit_value is not None and (s.pupils_value or 0) >= FEW_PUPILS]
    small = [s for s in schools if s.merit_value is not None and (s.pupils_value or 0) < FEW_PUPILS]
    text = [f"Läsåret {SCHOOL_YEAR} hade {kommun} {in_words(len(schools))} skolenheter med årskurs 9."]
    if len(shown) >= 2:
        low, high = shown[0], shown[-1]
        text.append(f"Det genomsnittliga meritvärdet var lägst i {low.name} ({_with_pupils(low)}) och högst i "
                    f"{high.name} ({_with_pupils(high)}).")
    if small:
        few = count_of(len(small), "skolenhet", "skolenheter")
        text.append(f"{few.capitalize()} med färre än {FEW_PUPILS} elever i årskurs 9 nämns inte som högst eller "
                    "lägst: där kan några få elevers betyg flytta medelvärdet mycket.")
    masked = sorted({v for s in schools for v in (s.pupils, s.merit, s.eligible) if v in MASKS})
    if masked:
        text.append("Värden som Skolverket inte redovisar står som de publicerats: "
                    + "; ".join(f"”{m}” betyder {MASKS[m]}" for m in masked) + ".")
    return text


def headline_note(kommun_turnout: str, year: int) -> str:
    """Why the districts' turnout differs from the briefing's headline turnout (docs/bedomning.md §6)."""
    return (f"Briefingens valdeltagande är kommunalvalets enligt Kolada ({kommun_turnout} {year}). Distriktens "
            "siffror här gäller riksdagsvalet, där bara svenska medborgare röstar, och räknar bara de röster som "
            "fördelats på valdistrikt; därför skiljer de sig från kommunalvalets siffra och från Koladas lägsta "
            "valdistrikt, som också gäller kommunalvalet.")


def large_difference_line(kommun: str, t: Turnout | None) -> str:
    """Page 2's line on the largest difference within the kommun, when it is large (the module's rule)."""
    if t is None or not t.large:
        return ""
    low, high = t.districts[0], t.districts[-1]
    return (f"Valdeltagandet i riksdagsvalet {t.year} skilde {_range(t)} procentenheter mellan "
            f"{low.name} ({pct(low.turnout.value)}) och {high.name} ({pct(high.turnout.value)}).")


def page_line(kommun: str, t: Turnout | None, share: float | None, riket_share: float | None) -> str:
    """Page 2's lines on the differences within the kommun: the large difference in turnout and the share
    in areas with socioeconomic challenges, each when its rule names it ("" when neither)."""
    return " ".join(line for line in (large_difference_line(kommun, t), challenged_line(kommun, share, riket_share))
                    if line)


def challenged_line(kommun: str, share: float | None, riket_share: float | None) -> str:
    """Page 2's line on the residents in areas with socioeconomic challenges, when their share is at
    least ``CHALLENGED_FACTOR`` times Riket's."""
    if share is None or not riket_share or share < CHALLENGED_FACTOR * riket_share:
        return ""
    return (f"År {AREA_TYPE_YEAR} bodde {pct(share)} av invånarna i {kommun} i områden med socioekonomiska "
            f"utmaningar (SCB:s områdestyp 1–2), mot {pct(riket_share)} i riket.")
