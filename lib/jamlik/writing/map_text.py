"""The words of the maps: titles, legend entries, the source line, the notes on areas whose
outline and values do not meet, and the alt text, all made from the map's own data; and
``shading``, which is all a map draws (``charts.regso_map`` never reaches the statistics)."""

from dataclasses import dataclass

from jamlik.base.text import and_list, format_number, in_words
from jamlik.data import regso_outlines
from jamlik.statistics.area_maps import AREA_TYPE, BORN_ABROAD, CLASSES, DECIMALS, WAGE_INCOME, AreaMap

TITLES = {WAGE_INCOME: "Medelinkomst av arbete", BORN_ABROAD: "Andel födda utomlands", AREA_TYPE: "Områdestyp"}
IN_SENTENCE = {WAGE_INCOME: "medelinkomst av arbete", BORN_ABROAD: "andel födda utomlands",
               AREA_TYPE: "områdestyp"}
# SCB's and Delmos' names of the five area types (delmos.se, "Områdestyper")
AREA_TYPES = {1: "områden med stora socioekonomiska utmaningar", 2: "områden med socioekonomiska utmaningar",
              3: "socioekonomiskt blandade områden", 4: "områden med goda socioekonomiska förutsättningar",
              5: "områden med mycket goda socioekonomiska förutsättningar"}
TYPE_SHORT = {1: "stora socioekonomiska utmaningar", 2: "socioekonomiska utmaningar", 3: "socioekonomiskt blandade",
              4: "goda förutsättningar", 5: "mycket goda förutsättningar"}
UNIT_SUFFIX = {"tkr": "\u00a0tkr", "procent": "\u00a0%", "": ""}
MISSING_LABEL = "uppgift saknas"
INSET_ALT = " En förstoring visar de tätast befolkade områdena."
UNNUMBERED = " (för litet för sitt nummer på kartan)"


@dataclass(frozen=True)
class Shading:
    """One map as the chart draws it: each area's class, and every word on and under the map."""
    title: str  # over a small map
    legend_title: str  # over the legend beside or under a map across the page
    basis: str | None  # over a small map's legend: what the classes are
    legend: list[str]  # the five classes with their counts, lowest first
    short_legend: list[str]  # the same for a narrow legend
    missing: str  # the legend's entry for areas without a value ("" when there are none)
    classes: dict[str, int | None]  # area code -> class 0–4; None: no value
    hatched: frozenset[int]  # the classes hatched as well as shaded (area types 1–2)
    ends: list[tuple[str, str]]  # the lowest and the highest area: (code, "name\nvalue"); none for types
    populations: tuple[tuple[str, int], ...]  # residents by area: where people live sets the frame
    alt: str


def shading(kommun: str, m: AreaMap, drawn: int) -> Shading:
    """What the map of ``m`` shows, for a kommun with ``drawn`` areas on the map."""
    counts = m.counts()
    missing = len(m.areas) - len(m.valued)
    valued = m.valued
    ends = [] if m.measure == AREA_TYPE or len(valued) < 2 else \
        [(a.code, f"{a.name}\n{value_text(m, a.value)}") for a in (valued[0], valued[-1])]
    return Shading(title(m), legend_title(m), panel_basis(m),
                   [f"{label} ({n})" for label, n in zip(class_labels(m), counts, strict=True)],
                   [f"{label} ({n})" for label, n in zip(class_labels(m, short=True), counts, strict=True)],
                   f"{MISSING_LABEL} ({missing})" if missing else "",
                   {a.code: a.klass for a in m.areas}, frozenset({0, 1}) if m.measure == AREA_TYPE else frozenset(),
                   ends, tuple(sorted((a.code, a.population) for a in m.areas)), alt_text(kommun, m, drawn))


def title(m: AreaMap) -> str:
    """``Medelinkomst av arbete 2023, tkr``; an own measure by its own name."""
    if m.measure == AREA_TYPE:
        return f"Områdestyp {m.year}"
    unit = {"tkr": ", tkr", "procent": ", procent"}.get(m.unit, "")
    return f"{TITLES.get(m.measure, m.measure)} {m.year}{unit}"


def _limit(value: float) -> str:
    """A class limit as few decimals as it has: ``206``, ``12,5``."""
    return format_number(value, 0 if float(value).is_integer() else DECIMALS)


def value_text(m: AreaMap, value: float) -> str:
    if m.measure == AREA_TYPE:
        return f"typ {int(value)}"
    return format_number(value, DECIMALS) + UNIT_SUFFIX.get(m.unit, "")


def class_labels(m: AreaMap, short: bool = False, with_unit: bool = False) -> list[str]:
    """The five legend entries, lowest first: ``under 206``, ``206–235,9`` … ``320 eller mer``; the
    area types by number and name (``short``: the brief names a narrow legend holds)."""
    if m.measure == AREA_TYPE:
        names = TYPE_SHORT if short else AREA_TYPES
        return [f"{k} {names[k]}" for k in range(1, CLASSES + 1)]
    step = 10 ** -DECIMALS
    unit = UNIT_SUFFIX.get(m.unit, "") if with_unit else ""
    limits = m.limits
    labels = [f"under {_limit(limits[0])}{unit}"]
    labels += [f"{_limit(low)}–{format_number(high - step, DECIMALS)}{unit}"
               for low, high in zip(limits, limits[1:], strict=False)]
    labels.append(f"{_limit(limits[-1])}{unit} eller mer")
    return labels


def legend_title(m: AreaMap) -> str:
    if m.measure == AREA_TYPE:
        return title(m)
    basis = "Sveriges femtedelar" if m.national else "kommunens femtedelar"
    return f"{title(m)}\n({basis}; antal områden)"


def panel_basis(m: AreaMap) -> str | None:
    """The title of a small map's legend: what the classes are."""
    if m.measure == AREA_TYPE:
        return None
    return "Sveriges femtedelar (antal)" if m.national else "kommunens femtedelar (antal)"


def _measure_source(m: AreaMap, own_source: str) -> str:
    what = IN_SENTENCE.get(m.measure, m.measure)
    if m.measure == AREA_TYPE:
        return f"områdestyp {m.year} (SCB och Delmos)"
    if m.national:
        return f"{what} {m.year}"
    return f"{what} {m.year} ({own_source or 'egna uppgifter'})"


def source_line(maps: list[AreaMap], own_source: str = "") -> str:
    """``Källa: SCB, RegSO 2025; medelinkomst av arbete 2023`` for one map or several side by side (an own
    measure names its source too)."""
    return f"Källa: SCB, {regso_outlines.VERSION}; {and_list([_measure_source(m, own_source) for m in maps])}."


def genitive(name: str) -> str:
    """``Karlskogas``, but ``Borås`` and ``Vännäs`` as they are."""
    return name if name[-1:] in "sxz" else f"{name}s"


def _areas_word(n: int) -> str:
    """``inget område``, ``ett område``, ``tre områden``, ``147 områden``."""
    return {0: "inget område", 1: "ett område"}.get(n) or f"{in_words(n)} områden"


def alt_text(kommun: str, m: AreaMap, drawn: int) -> str:
    """What the map shows, from its data: how many areas in each class, the lowest and the highest."""
    counts = m.counts()
    labels = [f"typ {k}, {AREA_TYPES[k]}" for k in range(1, CLASSES + 1)] if m.measure == AREA_TYPE \
        else class_labels(m, with_unit=True)
    parts = [f"{label}: {_areas_word(n)}" for label, n in zip(labels, counts, strict=True)]
    basis = ("SCB:s och Delmos fem områdestyper" if m.measure == AREA_TYPE else
             "fem klasser som är Sveriges femtedelar av alla RegSO-områden" if m.national else
             "fem klasser som är kommunens egna femtedelar")
    what = f"{IN_SENTENCE.get(m.measure, m.measure)} {m.year}"
    listed = "; ".join(parts)
    text = (f"Karta över {genitive(kommun)} {_areas_word(drawn)} (RegSO): {what}, i {basis}. "
            f"{listed[:1].upper()}{listed[1:]}.")
    missing = len(m.areas) - len(m.valued)
    if missing:
        text += f" Uppgift saknas för {_areas_word(missing)}."
    valued = m.valued
    if valued and m.measure != AREA_TYPE:
        low, high = valued[0], valued[-1]
        text += (f" Lägst är {low.name} ({value_text(m, low.value)}), högst {high.name} "
                 f"({value_text(m, high.value)}).")
    elif valued:
        challenged = [a.name for a in valued if a.value <= 2]
        text += (f" Områdestyp 1–2 är streckade: {and_list(challenged)}." if challenged and len(challenged) <= 12
                 else f" Områdestyp 1–2 är streckade ({_areas_word(len(challenged))})." if challenged
                 else " Inget område har områdestyp 1–2.")
    return text


def key_line(numbered: list[tuple[int, str]]) -> str:
    """The key to the numbers on small maps: ``Områden på kartorna: 1 Karlskoga norra tätort, 2 …``."""
    return "Områdena på kartorna: " + ", ".join(f"{n} {name}" for n, name in numbered) + "."


def notes(kommun: str, outlines: list) -> list[str]:
    """One sentence for each kind of area whose outline and values do not simply meet (see
    ``regso_outlines``): none is dropped without a word."""
    by = {}
    for o in outlines:
        by.setdefault(o.match, []).append(o)
    text = []
    if by.get(regso_outlines.NO_OUTLINE):
        names = and_list([o.name for o in by[regso_outlines.NO_OUTLINE]])
        text.append(f"{names} saknar gräns i SCB:s {regso_outlines.VERSION} och finns därför inte på kartan; "
                    "värdena står i tabellen.")
    if by.get(regso_outlines.NO_VALUES):
        names = and_list([o.name for o in by[regso_outlines.NO_VALUES]])
        text.append(f"{names} är ett område i {regso_outlines.VERSION} som saknas bland värdena (RegSO 2020) och "
                    "visas som uppgift saknas.")
    if by.get(regso_outlines.MOVED):
        n = len(by[regso_outlines.MOVED])
        text.append(f"{in_words(n).capitalize()} av {genitive(kommun)} områden har andra koder i "
                    f"{regso_outlines.VERSION} än i värdena (RegSO 2020); de är ritade efter sina namn.")
    for o in by.get(regso_outlines.RENAMED, []):
        text.append(f"{o.name} heter {o.outline_name} i {regso_outlines.VERSION}: området ritas med 2025 års gräns, "
                    "som kan skilja sig från 2020 års område som värdena gäller.")
    return text


def unmapped_note(names: list[str]) -> str:
    """The analyst's areas whose codes are no RegSO of the kommun: in the table, not on the map."""
    return f"{and_list(names)} har ingen RegSO-kod i kommunen och finns därför bara i tabellen, inte på kartan."


def cut_note(names: list[str]) -> str:
    """Areas the map's frame cuts: they reach far over water or empty land, where few live."""
    return (f"{and_list(names)} når långt utanför kartans ram (mest vatten eller obebodd mark) och visas bara "
            "delvis, så att de tätbefolkade områdena blir läsbara.")
