"""Swedish wording and number formatting: every string a council member reads comes from here
or from the notebooks' markdown.

>>> format_value(17.25, "procent", 1)
'17,3\xa0%'
>>> format_number(1234)
'1\xa0234'
"""

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date

NBSP = "\u00a0"
MISSING = "uppgift saknas"
DEMO_BAND = "Demodata – inte officiell statistik"
DEMO_WARNING = ("Observera: datalagret innehåller demodata – inte officiell statistik. "
                "Hämta riktiga värden innan briefingar skickas vidare.")

# unit key -> (suffix after the number, Swedish name of the unit for tables and axes)
UNITS = {
    "procent": (f"{NBSP}%", "procent"),
    "ar": (f"{NBSP}år", "år"),
    "antal": ("", "antal"),
    "per_1000": (f"{NBSP}per 1{NBSP}000", "per 1 000 invånare"),
    "per_100000": (f"{NBSP}per 100{NBSP}000", "per 100 000 invånare"),
    "dagar": (f"{NBSP}dagar", "dagar"),
    "km": (f"{NBSP}km", "km"),
    "poang": (f"{NBSP}poäng", "meritpoäng"),
    "poang_skala": (f"{NBSP}poäng", "poäng"),  # an own indicator's points on a scale of its own (not merit)
    "kr": (f"{NBSP}kr", "kronor"),
}

POLARITY_NOTE = {"higher": "högre värde är bättre", "lower": "lägre värde är bättre",
                 "neutral": "varken högre eller lägre värde är i sig bättre"}


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _half_up(value, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rounded(value: float, decimals: int = 0) -> float:
    """Rounded half up, as every number is printed (not Python's half to even).

    >>> rounded(-1.125, 2), rounded(15.04, 1)
    (-1.13, 15.0)
    """
    return float(_half_up(value, decimals))


def format_number(value, decimals: int = 0) -> str:
    """Swedish number: decimal comma, non-breaking space between thousands, rounded half up."""
    if is_missing(value):
        return MISSING
    # Swedish (CLDR sv_SE, as Babel formats it): no-break space between thousands, decimal comma
    return f"{_half_up(value, decimals):,.{decimals}f}".replace(",", NBSP).replace(".", ",")


def format_signed(value: float, decimals: int = 0) -> str:
    """A number that may be negative, with a true minus sign: ``−1,2``."""
    return format_number(value, decimals).replace("-", "\u2212")


def format_value(value, unit: str, decimals: int) -> str:
    """A value with its unit, ``17,2 %``; ``uppgift saknas`` when missing."""
    if is_missing(value):
        return MISSING
    return format_number(value, decimals) + UNITS[unit][0]


def format_gap(value, unit: str, decimals: int, signed: bool = False) -> str:
    """A difference in the unit's terms: ``3,1 procentenheter``, ``4,0 år``; its size, or with its
    sign (a true minus) when ``signed``.

    >>> format_gap(-4.25, "procent", 1, signed=True) == "\u22124,3\u00a0procentenheter"
    True
    """
    number = format_signed(value if signed else abs(value), decimals)
    return number + (f"{NBSP}procentenheter" if unit == "procent" else UNITS[unit][0])


def difference_unit(unit: str) -> str:
    """What a difference between two values of ``unit`` is counted in: ``procentenheter``, ``år``."""
    return "procentenheter" if unit == "procent" else UNITS[unit][1]


NUMBER_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def in_words(n: int, zero: str = "ingen") -> str:
    """Numbers up to twelve in words, as Swedish running text writes them; larger ones as digits.

    >>> in_words(3), in_words(0), in_words(14)
    ('tre', 'ingen', '14')
    """
    if n == 0:
        return zero
    return NUMBER_WORDS[n] if 0 < n <= 12 else format_number(n)


def count_of(n: int, singular: str, plural: str) -> str:
    """``en indikator``, ``tre indikatorer``, ``14 indikatorer``."""
    return f"{in_words(n)} {singular if n == 1 else plural}"


def tidy(text: str) -> str:
    """Catalogue text set like the numbers: no line break inside ``100 000`` or before ``%``.

    >>> tidy("per 100 000 invånare, 60 % av medianen") == "per 100\u00a0000 invånare, 60\u00a0% av medianen"
    True
    """
    text = re.sub(r"(\d) (\d{3})\b", f"\\1{NBSP}\\2", text)
    return re.sub(r"(\d) %", f"\\1{NBSP}%", text)


# Barnkonventionen (SFS 2018:1197): the articles jamlik's indicators inform, in short Swedish names
CRC_ARTICLES = {3: "barnets bästa", 6: "rätt till liv och utveckling", 12: "rätt att uttrycka sina åsikter",
                19: "skydd mot våld", 20: "barn som inte kan bo med sin familj", 24: "hälsa och vård",
                26: "social trygghet", 27: "skälig levnadsstandard", 28: "utbildning", 29: "utbildningens mål",
                31: "lek, vila och fritid"}
# The national public health policy's eight target areas (prop. 2017/18:249, God och jämlik hälsa)
TARGET_AREAS = {1: "Det tidiga livets villkor", 2: "Kunskaper, kompetenser och utbildning",
                3: "Arbete, arbetsförhållanden och arbetsmiljö", 4: "Inkomster och försörjningsmöjligheter",
                5: "Boende och närmiljö", 6: "Levnadsvanor", 7: "Kontroll, inflytande och delaktighet",
                8: "En jämlik och hälsofrämjande hälso- och sjukvård"}

QUARTILE_WORDS = {1: "bästa fjärdedelen", 2: "näst bästa fjärdedelen", 3: "näst sämsta fjärdedelen",
                  4: "sämsta fjärdedelen"}


def format_day(day: datetime.date) -> str:
    """``23 november 2026``."""
    return format_date(day, format="d MMMM y", locale="sv")


def year_span(first: int, last: int) -> str:
    """``2015–2025`` with an en dash."""
    return f"{first}–{last}" if first != last else str(first)


def lower_first(title: str) -> str:
    """Title inside a sentence: ``Barn i familjer`` -> ``barn i familjer``; acronyms stay (``MPR-...``)."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def and_list(items: list[str]) -> str:
    """Swedish enumeration: ``a``, ``a och b``, ``a, b och c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def place(rank: int, ranked: int, rank_to: int | None = None) -> str:
    """A place among the kommuner, a shared one as such: ``plats 12 av 290``, ``delad plats 115–148 av 287``."""
    if rank_to and rank_to > rank:
        return f"delad plats {rank}–{rank_to} av {ranked}"
    return f"plats {rank} av {ranked}"


def parse_number(text: str) -> float:
    """A number as Swedish files write it, or English ones: ``1 234,5`` or ``1234.5``. Raises ValueError.

    >>> parse_number("1\u00a0234,5"), parse_number("72.6")
    (1234.5, 72.6)
    """
    return float(str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))


# --- the strategist's own tables (``Briefing.varden``, ``Briefing.show_table``) -------------------
TABLE_MISSING = "–"  # a missing value in a table cell
SEX_WORDS = {"T": "totalt", "K": "kvinnor", "M": "män"}
YES_NO = {True: "ja", False: "nej"}
# the findings' and the store's English column names, as an own table heads them
COLUMN_WORDS = {
    "theme": "tema", "indicator": "indikator", "kpi": "Kolada-id", "area": "områdeskod", "area_name": "område",
    "year": "år", "sex": "kön", "value": "värde", "ci_low": "KI nedre", "ci_high": "KI övre",
    "n_denominator": "nämnare", "riket": "riket", "lan": "länet", "peers": "jämförelsegruppen",
    "peer_group": "jämförelsegrupp", "median_kommun": "mittkommunen", "verdict_riket": "jämfört med riket",
    "verdict_lan": "jämfört med länet", "verdict_peers": "jämfört med jämförelsegruppen", "trend": "utveckling",
    "trend_window": "period för utvecklingen", "rank": "placering", "ranked": "antal kommuner",
    "small_numbers": "få fall", "source": "källa", "retrieved": "hämtad", "unit": "enhet", "status": "anmärkning",
    "count": "antal", "title": "titel",
}
OWN_TABLE_SOURCE = "Källa: {}."
