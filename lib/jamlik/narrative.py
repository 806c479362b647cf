"""Swedish sentences generated from the comparisons. They say what the numbers show and no
more: differences under the method's threshold are "i nivå med", and interval-based
comparisons say whether a difference is statistically supported.
"""

from .compare import ABSENT_STATUS, ROLLING_YEARS, SIMILAR_SD_FRACTION, Benchmark, Gap, Result, Trend, sex_gap, trend
from .text import MISSING, and_list, format_value, lower_first, year_span

DIRECTION_WORDS = {"higher": "högre än", "lower": "lägre än", "similar": "i nivå med"}
VERDICT_WORDS = {"better": "bättre", "worse": "sämre", "similar": "likvärdig",
                 "higher": "högre", "lower": "lägre"}
MISSING_REASONS = {"suppressed": "för få personer för att redovisas", "missing": "inte rapporterad"}
ABSENT = ("Datalagret har inga värden för den här indikatorn: den medföljande ögonblicksbilden av Kolada "
          "(30 augusti 2024) saknar den. Kommandot jamlik data fetch hämtar den från Kolada.")
SURVEY_CAVEAT = ("Enkätvärdena bygger på svar från flera år som slagits samman, och perioderna kan "
                 "överlappa, så jämförelsen över tid är osäker.")


def fmt(result: Result, value) -> str:
    return format_value(value, result.indicator.unit, result.indicator.decimals)


def subject(result: Result) -> str:
    return "andelen" if result.indicator.unit == "procent" else "värdet"


def _place(benchmark: Benchmark) -> str:
    """"riket" -> "i riket"; after "i nivå med" no preposition is needed."""
    return benchmark.label if benchmark.direction == "similar" else f"i {benchmark.label}"


def comparison_phrase(result: Result) -> str:
    """``högre än i riket (13,0 %) och i Örebro län (14,5 %) men i nivå med liknande kommuner (17,8 %)``."""
    groups: list[tuple[str, list[str]]] = []
    for b in result.benchmarks:
        if b.direction is None:
            continue
        item = f"{_place(b)} ({fmt(result, b.value)})"
        if groups and groups[-1][0] == b.direction:
            groups[-1][1].append(item)
        else:
            groups.append((b.direction, [item]))
    parts = [DIRECTION_WORDS[d] + " " + and_list(items) for d, items in groups]
    return " men ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " och " + parts[-1]


def missing_sentence(result: Result, year: int) -> str:
    place = result.kommun.name
    if result.status == ABSENT_STATUS:
        return ABSENT
    if result.year is None:
        return f"{MISSING.capitalize()} för {place} till och med {year}."
    reason = MISSING_REASONS.get(result.status, MISSING_REASONS["missing"])
    return f"{MISSING.capitalize()} för {place} {result.year} ({reason})."


def rank_sentence(result: Result) -> str:
    if result.rank is None:
        return ""
    best = {"higher": "högst", "lower": "lägst", "neutral": "högst"}[result.indicator.polarity]
    what = "andel" if result.indicator.unit == "procent" else "värde"
    note = "bäst, " if result.indicator.polarity != "neutral" else ""
    return (f"{result.kommun.name} har plats {result.rank} av {result.ranked} kommuner "
            f"(plats 1 = {note}{best} {what}).")


TREND_WORDS = {"higher": "ökat", "lower": "minskat"}
TREND_VERDICTS = {"better": ", en förbättring", "worse": ", en försämring"}
GAP_CHANGE = {"growing": "har ökat", "shrinking": "har minskat", "unchanged": "är i stort sett oförändrad"}


def trend_sentence(result: Result, t: Trend | None = None) -> str:
    t = t or trend(result)
    if t is None:
        return ""
    publication = result.indicator.publication
    since, first, last = f"Sedan {t.first_year}", f"år {t.first_year}", f"år {t.last_year}"
    if publication == "election":
        since, first, last = f"Sedan valet {t.first_year}", f"valet {t.first_year}", f"valet {t.last_year}"
    elif publication == "rolling_5y":  # a five-year mean is named by its period, not its last year
        periods = [year_span(y - ROLLING_YEARS + 1, y) for y in (t.first_year, t.last_year)]
        since, first, last = f"Sedan perioden {periods[0]}", f"för {periods[0]}", f"för {periods[1]}"
    values = f"({fmt(result, t.first_value)} {first}, {fmt(result, t.last_value)} {last})"
    if t.direction == "similar":
        text = f"{since} är nivån i stort sett oförändrad {values}."
    else:
        verdict = TREND_VERDICTS.get(t.verdict, "")
        text = f"{since} har {subject(result)} {TREND_WORDS[t.direction]}{verdict} {values}."
    return f"{text} {SURVEY_CAVEAT}" if publication == "survey" else text


def gap_sentence(result: Result, gap: Gap, first: str, second: str) -> str:
    """``Flickor har högre andel än pojkar (21,4 % mot 15,0 %); skillnaden har minskat sedan 2019.``"""
    what = "andel" if result.indicator.unit == "procent" else "värde"
    pair = f"({fmt(result, gap.first)} mot {fmt(result, gap.second)})"
    if abs(gap.gap) < SIMILAR_SD_FRACTION * result.spread:
        text = f"{first.capitalize()} och {second} har ungefär samma {what} {pair}"
    elif gap.gap > 0:
        text = f"{first.capitalize()} har högre {what} än {second} {pair}"
    else:
        text = f"{first.capitalize()} har lägre {what} än {second} {pair}"
    if gap.change:
        text += f"; skillnaden {GAP_CHANGE[gap.change]} sedan {gap.earlier_year}"
    return text + "."


def sex_sentence(result: Result) -> str:
    ind = result.indicator
    women, men = result.by_sex.get("K"), result.by_sex.get("M")
    if not result.by_sex:
        return ""
    if women is None or men is None:
        return f"Uppdelat på kön: {ind.female_label} {fmt(result, women)}, {ind.male_label} {fmt(result, men)}."
    gap = sex_gap(result)
    return gap_sentence(result, gap, ind.female_label, ind.male_label) if gap else ""


def significance_sentence(result: Result) -> str:
    riket = result.riket
    if riket is None or riket.method != "interval" or riket.direction is None:
        return ""
    if riket.direction == "similar":
        return "Skillnaden mot riket är inte statistiskt säkerställd."
    return "Skillnaden mot riket är statistiskt säkerställd."


def indicator_text(result: Result, year: int) -> str:
    """The paragraph under an indicator's chart."""
    if result.value is None:
        return missing_sentence(result, year)
    first = (f"År {result.year} var {subject(result)} {fmt(result, result.value)} i {result.kommun.name}"
             + (f", {comparison_phrase(result)}." if comparison_phrase(result) else "."))
    sentences = [first, significance_sentence(result), rank_sentence(result), trend_sentence(result),
                 sex_sentence(result)]
    if result.year != year:
        sentences.append(f"Senaste tillgängliga år är {result.year}.")
    return " ".join(s for s in sentences if s)


def summary(results: list[Result], kommun: str, year: int) -> list[str]:
    """3–5 sentences for the theme's "Sammanfattning"."""
    judged = [r for r in results if r.value is not None and r.indicator.polarity != "neutral"
              and r.riket and r.riket.verdict]
    counts = {v: sum(r.riket.verdict == v for r in judged) for v in ("better", "similar", "worse")}
    sentences = [
        f"{kommun} jämförs med riket på {len(judged)} indikatorer där högre eller lägre värden är "
        f"bättre: {counts['better']} är bättre än i riket, {counts['similar']} i nivå med riket och "
        f"{counts['worse']} sämre."
    ]
    for verdict_word, pick in (("worse", max), ("better", min)):
        candidates = [r for r in judged if r.riket.verdict == verdict_word]
        if candidates:
            r = pick(candidates, key=lambda r: _signed_distance(r))
            label = "Störst är skillnaden till det sämre" if verdict_word == "worse" else "Mest positivt avviker"
            sentences.append(f"{label} för {lower_first(r.indicator.title)}: "
                             f"{fmt(r, r.value)} mot {fmt(r, r.riket.value)} i riket.")
    gaps = [r for r in results if r.by_sex.get("K") is not None and r.by_sex.get("M") is not None and r.spread]
    if gaps:
        r = max(gaps, key=lambda r: abs(r.by_sex["K"] - r.by_sex["M"]) / r.spread)
        ind = r.indicator
        sentences.append(f"Den största skillnaden mellan {ind.female_label} och {ind.male_label} gäller "
                         f"{lower_first(ind.title)}: {fmt(r, r.by_sex['K'])} mot {fmt(r, r.by_sex['M'])}.")
    trends = [t for t in (trend(r) for r in judged) if t]
    if trends:
        better = sum(t.verdict == "better" for t in trends)
        worse = sum(t.verdict == "worse" for t in trends)
        since = min(t.first_year for t in trends)
        sentences.append(f"Sedan {since} har {better} av indikatorerna förbättrats och {worse} försämrats; "
                         f"övriga är i stort sett oförändrade.")
    missing = [r for r in results if r.value is None]
    if missing:
        sentences.append(f"Uppgift saknas för {len(missing)} av temats {len(results)} indikatorer.")
    return sentences


def _signed_distance(result: Result) -> float:
    """Distance from Riket in spread units, signed so that larger is worse."""
    gap = result.standardized_gap(result.riket)
    return gap if result.indicator.polarity == "lower" else -gap

