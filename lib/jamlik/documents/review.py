"""``jamlik granska``: a kommun's documents as a reader gets them, without making PDFs, and the invariants
of docs/bedomning.md §7 checked against them.

``Review.of`` makes every theme's findings table, the sentences under each indicator, the theme summaries,
the overview tables' markers and page 2 (its plan and its HTML), by the same functions the documents use.
Each ``check_*`` function then tests one invariant and returns its violations, one line each. The checks
recompute what they need from the rows' plain fields (value, verdict, rank, previous value) by the rules as
written, not by calling the code that made the judgement: a rule broken in that code shows up here.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from jamlik.base.text import in_words, lower_first, rounded
from jamlik.data import areas, catalog
from jamlik.data.areas import Area
from jamlik.statistics import compare, group_health, trends
from jamlik.statistics.findings import Findings
from jamlik.writing import glance, narrative, words

MIN_PEOPLE = 150  # §1: no "märkbar" below this many people
TAGS = re.compile(r"<[^>]+>")


@dataclass
class Review:
    """What one kommun's documents print, by theme and indicator."""

    kommun: Area
    rows: dict[str, list[dict]]  # theme -> the findings table (kommun, län and Riket rows)
    texts: dict[tuple[str, str], str]  # (theme, indicator) -> the sentences under its chart
    summaries: dict[str, list[str]]  # theme -> its "Sammanfattning"
    markers: dict[tuple[str, str], tuple[str, str]]  # (theme, indicator) -> (comparison, development) cells
    plan: glance.Plan
    page: str  # page 2 as plain text
    gaps: list = field(default_factory=list)  # (label, result, trends.Gap) of the equity profile
    group_gaps: list = field(default_factory=list)  # group_health.GroupGap of health by education

    @classmethod
    def of(cls, kommun: Area, year: int, data, store_folder=None, peers=(), goals=None) -> "Review":
        from jamlik.documents import council  # the council document's own page-2 plan

        made = Findings(data, kommun, year, peers, goals)
        rows, texts, summaries, markers = {}, {}, {}, {}
        for theme in catalog.themes().values():
            ids = [i.id for i in theme.indicators]
            rows[theme.id] = made.rows(theme.id, ids)
            found = [made[i] for i in ids]
            summaries[theme.id] = narrative.summary(found, rows[theme.id], kommun.name, year)
            for f in found:
                texts[theme.id, f.indicator.id] = narrative.indicator_text(f, year)
                markers[theme.id, f.indicator.id] = (narrative.verdict_marker(f.result) if f.result.value is not None
                                                     else "", narrative.trend_marker(f.trend, f))
        health = group_health.assess(kommun.code, year, data, store_folder)
        rows["oversikt"] = rows["oversikt"] + group_health.rows(health, kommun, "oversikt")
        themes = [(catalog.theme(t), "", r) for t, r in rows.items()]
        plan = council.page_two(kommun, themes)
        anchors = {f"ind-{t}-{i}" for t, i in council.sections(kommun, themes)}
        page = unescape(TAGS.sub(" ", glance.page(kommun.name, plan, anchors)))
        return cls(kommun, rows, texts, summaries, markers, plan, re.sub(r"\s+", " ", page),
                   made.equity_gaps(), health.gaps)

    def kommun_rows(self) -> list[dict]:
        """The kommun's own rows, one per indicator (its own theme's), sexes together."""
        return [r for _, r in glance._at_home(glance.kommun_rows(self.rows, self.kommun.code))]  # noqa: SLF001

    def all_text(self) -> list[tuple[str, str]]:
        """Every printed sentence, with where it is."""
        out = [(f"{t}/{i}", text) for (t, i), text in self.texts.items()]
        out += [(f"{t}/sammanfattning", " ".join(s)) for t, s in self.summaries.items()]
        out += [(f"{t}/{i}/tabell", " | ".join(m)) for (t, i), m in self.markers.items()]
        return out + [("sidan 2", self.page)]


# --- the rules, recomputed from plain fields ----------------------------------------------------

def _ind(row: dict) -> catalog.Indicator:
    return catalog.indicator(row["indicator"])


def _position(row: dict) -> float | None:
    """0 best … 1 worst, a tie at its middle: from the printed rank, or the row's position without one."""
    if row.get("rank"):
        last = row.get("rank_to") or row["rank"]
        return ((row["rank"] + last) / 2 - 1) / max(row["ranked"] - 1, 1)
    return row.get("position")


def _quarter_of_tie(row: dict) -> int | None:
    """The quarter where most of a tie lies (§5), counted place by place."""
    if not row.get("rank"):
        return None
    places = range(row["rank"], (row.get("rank_to") or row["rank"]) + 1)
    counts = [sum(1 + 4 * (p - 1) // row["ranked"] == q for p in places) for q in (1, 2, 3, 4)]
    return counts.index(max(counts)) + 1 if counts.count(max(counts)) == 1 else \
        1 + 4 * ((places[0] + places[-1]) // 2 - 1) // row["ranked"]


def _is_concern_by_rule(row: dict) -> bool:
    """§5: worse than Riket, by the interval or (without one) by the spread rule, in the worse half."""
    position = _position(row)
    return (row["value"] is not None and _ind(row).polarity != "neutral" and row["verdict_riket"] == "worse"
            and row["verdict_method"] in (compare.INTERVAL, compare.SPREAD) and position is not None
            and position > 0.5)


def _distance(row: dict) -> float:
    """How much worse than Riket, in standard deviations between kommuner."""
    if row["riket"] is None or not row.get("spread"):
        return 0.0
    return (row["value"] - row["riket"]) / row["spread"] * (1 if _ind(row).polarity == "lower" else -1)


def _latest(row: dict) -> str:
    """The direction of the latest change as printed: the previous value and the one shown, rounded."""
    if row.get("previous_value") is None or row["value"] is None:
        return ""
    d = _ind(row).decimals
    moved = rounded(row["value"], d) - rounded(row["previous_value"], d)
    return "" if moved == 0 else "higher" if moved > 0 else "lower"


def _trend_direction(row: dict) -> str:
    """The trend's direction from its verdict and the indicator's polarity."""
    verdict, polarity = row["trend"], _ind(row).polarity
    if verdict in ("higher", "lower"):
        return verdict
    if verdict not in ("better", "worse"):
        return ""
    return "higher" if (verdict == "better") == (polarity == "higher") else "lower"


# --- the invariants (§7) --------------------------------------------------------------------------

def check_1_top_of_ranking(r: Review) -> list[str]:
    """Page 2's concerns are the top of the one ranking, none skipped above the last shown, at least five;
    a health line already names its indicator (§6)."""
    health = {i.indicator.id for i in r.plan.shown["health"]}
    concerns = [row for row in r.kommun_rows() if _is_concern_by_rule(row) and row["indicator"] not in health]
    shown = [i.row for i in r.plan.shown["concern"]]
    listed = shown + [i.row for i in r.plan.omitted.get("concern", [])]
    out = [f"{row['indicator']}: en oro som varken står på sidan 2 eller nämns som utelämnad"
           for row in concerns if row["indicator"] not in {x["indicator"] for x in listed}]
    out += [f"{row['indicator']}: på sidan 2 utan att vara en oro enligt regeln" for row in shown
            if not _is_concern_by_rule(row)]
    # the order: sure (by the interval) before marked, the worst tenth before the rest of each level, then
    # the furthest from Riket in standard deviations between kommuner
    keys = [(row["verdict_method"] != compare.INTERVAL, _position(row) < 0.9, -_distance(row)) for row in listed]
    out += [f"{listed[k + 1]['indicator']} borde stå före {listed[k]['indicator']} i rangordningen"
            for k in range(len(keys) - 1) if keys[k] > keys[k + 1]]
    if len(shown) < min(glance.concern_floor(r.plan), len(concerns)):
        out.append(f"bara {len(shown)} av {len(concerns)} oroande fynd på sidan 2")
    return out


def check_2_nothing_dropped_silently(r: Review) -> list[str]:
    """Every kind page 2 leaves out is named, counted, with each item's title."""
    out = []
    found = glance.candidates(glance.kommun_rows(r.rows, r.kommun.code))
    for kind, items in found.items():
        if kind == "health":
            continue
        shown = {i.indicator.id for i in r.plan.shown[kind]}
        left = [i for i in items if i.indicator.id not in shown]
        omitted = {i.indicator.id for i in r.plan.omitted.get(kind, [])}
        out += [f"{kind}: {i.indicator.id} saknas på sidan 2 utan att nämnas" for i in left
                if i.indicator.id not in omitted]
        if left:
            one, many = glance.COUNTED[kind]
            said = one if len(left) == 1 else f"{in_words(len(left))} {many}"
            lead = f"Ytterligare {said}" if r.plan.shown[kind] else f"{glance._upper_first(said)} {glance.NOT_SHOWN}"  # noqa: SLF001
            if lead not in r.page:
                out.append(f"{kind}: raden ”{lead}” saknas")
            # named, or (when the page is short of room) counted under its annex
            out += [f"{kind}: {i.indicator.id} nämns inte i raden om det utelämnade" for i in left
                    if lower_first(i.indicator.title) not in r.page
                    and not (r.plan.compact and f"i bilagan ”{catalog.theme(i.theme).short_title}”" in r.page)]
    return out


def check_3_trend_words_agree(r: Review) -> list[str]:
    """No trend word against the latest change printed beside it, unless both are said."""
    out = []
    red_red = {i.indicator.id for i in r.plan.shown["concern"] if i.row["red_red"]}
    worsening = {i.indicator.id for i in r.plan.shown["worsening"]}
    for theme, rows in r.rows.items():
        for row in rows:
            if row["area"] != r.kommun.code or row["sex"] != "T" or row.get("level") or row["value"] is None:
                continue
            trend, latest = _trend_direction(row), _latest(row)
            if not trend or not latest or trend == latest:
                continue
            ind = row["indicator"]
            if ind in red_red or row["red_red"]:
                out.append(f"{ind}: ”på väg åt fel håll” fast värdet gick åt andra hållet senast")
            if ind in worsening:
                out.append(f"{ind}: under ”Det som blir sämre” fast värdet förbättrades senast")
            text = r.texts.get((theme, ind), "")
            if words.MOVED[trend] in text and words.MOVED_PAST[latest] not in text:
                out.append(f"{theme}/{ind}: trenden sägs ({words.MOVED[trend]}) men inte den senaste förändringen")
    return out + _gap_changes_keep_their_sign(r)


def _gap_changes_keep_their_sign(r: Review) -> list[str]:
    """A gap said to have grown, shrunk or stayed since a year when the other group was higher (as printed)
    has no size to compare: the words must say it turned."""
    out = []
    for label, _, gap in r.gaps:
        earlier = gap.earlier_shown
        if earlier is not None and gap.shown is not None and earlier * gap.shown < 0 and gap.change != "turned":
            out.append(f"{label}: ”{gap.change}” sedan {gap.earlier_year} fast skillnaden gick åt andra hållet då")
    return out


NUMBER = r"(−?\d[\d\u00a0\u202f ]*(?:,\d+)?)"  # a number as printed: "1 257", "−3,5"
INTERVAL_TEXT = re.compile(rf"konfidensintervall(?:, ungefärligt,)? {NUMBER}–{NUMBER}")
SIMILAR_TEXT = re.compile(rf"i nivå med riket \({NUMBER}([^)]*)\)")
SURE_TEXT = re.compile(rf"(?<!märkbart )(?:sämre|bättre|högre|lägre) än riket \({NUMBER}([^)]*)\)")
# the edge note (``narrative.edge_note``): the reference and the interval's edge with decimals enough to differ
EDGE_NOTE = re.compile(rf"med (?:en decimal|två decimaler|tre decimaler) till {NUMBER}[^;)]*? mot intervallets "
                       rf"(nedre|övre) gräns {NUMBER}")
NOT_ESTABLISHED = re.compile(r"inte (statistiskt )?säkerställd|ryms inom osäkerheten|omfattar noll")
GAP_TEXT = re.compile(r"\(95 % KI (−?[\d,]+) till (−?[\d,]+)\)([^.]*)")


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace("−", "-").replace(",", "."))


def check_4_interval_agrees(r: Review) -> list[str]:
    """No "i nivå med" beside an interval the reference lies outside, unless the words name the rounding;
    no "sämre/bättre" beside an interval the reference lies inside as printed, unless the words show it
    outside with a decimal more; no gap called not established beside a printed interval that excludes
    zero, unless they name it."""
    out = []
    for where, text in r.all_text():
        for sentence in text.split(". "):
            interval, similar, sure = (INTERVAL_TEXT.search(sentence), SIMILAR_TEXT.search(sentence),
                                       SURE_TEXT.search(sentence))
            if interval and similar:
                low, high, riket = _number(interval[1]), _number(interval[2]), _number(similar[1])
                if not low <= riket <= high and words.ROUNDING_NOTE not in similar[2]:
                    out.append(f"{where}: ”i nivå med riket ({similar[1]})” utanför intervallet {interval[1]}–"
                               f"{interval[2]}")
            if interval and sure:
                low, high, riket = _number(interval[1]), _number(interval[2]), _number(sure[1])
                if low <= riket <= high and not EDGE_NOTE.search(sure[2]):
                    out.append(f"{where}: ”{sure[0]}” inom intervallet {interval[1]}–{interval[2]} som det står")
            for note in EDGE_NOTE.finditer(sentence):  # the note's two numbers must show the reference outside
                value, edge = _number(note[1]), _number(note[3])
                if not (value < edge if note[2] == "nedre" else value > edge):
                    out.append(f"{where}: ”{note[0]}” visar inte referensen utanför intervallet")
            for gap in GAP_TEXT.finditer(sentence):
                low, high = _number(gap[1]), _number(gap[2])
                if (low > 0 or high < 0) and NOT_ESTABLISHED.search(gap[3]) and "avrundning" not in gap[3]:
                    out.append(f"{where}: en skillnad ({gap[1]} till {gap[2]}) kallas inte säkerställd utan skäl")
    return out + _cells_in_level_outside(r)


def _cells_in_level_outside(r: Review) -> list[str]:
    """A table cell "● i nivå med" for a row whose printed interval Riket lies outside names the rounding."""
    out = []
    for row in r.kommun_rows():
        comparison = r.markers.get((row["theme"], row["indicator"]), ("", ""))[0]
        if words.SIMILAR_WORDS not in comparison or words.ROUNDING_CELL in comparison:
            continue
        if row["ci_low"] is None or row["ci_high"] is None or row["riket"] is None:
            continue
        d = _ind(row).decimals
        low, high, riket = (rounded(x, d) for x in (row["ci_low"], row["ci_high"], row["riket"]))
        if not low <= riket <= high:
            out.append(f"{row['theme']}/{row['indicator']}/tabell: ”{comparison}” fast riket ({riket}) ligger "
                       f"utanför {low}–{high}")
    return out


def check_5_marked_needs_people(r: Review) -> list[str]:
    """No "märkbar" verdict or change for a value resting on fewer than 150 people."""
    out = []
    for row in r.kommun_rows():
        people = row.get("people")
        marked = row["verdict_method"] == compare.SPREAD and row["verdict_riket"] not in ("similar", "none")
        marked = marked or (row["trend_method"] == "spread" and row["trend"] not in ("similar", "none", "uneven"))
        if marked and people is not None and people < MIN_PEOPLE:
            out.append(f"{row['indicator']}: märkbar med omkring {round(people)} personer")
    for label, result, gap in r.gaps:  # women and men are each about half of the people behind the value
        ind, people = result.indicator, result.uncertainty.people
        between_sexes = label.endswith(f"{ind.female_label} − {ind.male_label}")
        judged = gap.sure or gap.versus_riket in ("larger", "smaller", "reversed") or gap.change
        if between_sexes and gap.ci is None and judged and people is not None and people / 2 < MIN_PEOPLE:
            out.append(f"{label}: skillnaden bedöms med omkring {round(people / 2)} i varje grupp")
    return out


def _gap_apart(gap: trends.Gap, rounding: float) -> bool:
    """The two gaps' intervals, each widened by twice the rounding, do not overlap (§4)."""
    if gap.ci is None:
        return True  # without an interval the spread rule judges; only the signs are checked
    margin = 2 * rounding
    return gap.ci.upper + margin < gap.riket_gap - margin or gap.riket_gap + margin < gap.ci.lower - margin


def check_6_gap_sizes(r: Review) -> list[str]:
    """No gap "större/mindre" than Riket's with opposite signs or overlapping intervals."""
    out = []
    for label, result, gap in r.gaps:
        if gap.versus_riket in ("larger", "smaller") and gap.riket_shown is not None:
            if gap.shown * gap.riket_shown < 0:
                out.append(f"{label}: {gap.versus_riket} fast tecknen skiljer ({gap.shown} mot {gap.riket_shown})")
            elif gap.ci is not None and gap.ci.method != "SII" and not _gap_apart(gap, result.rounding):
                out.append(f"{label}: {gap.versus_riket} fast intervallen överlappar med avrundningen")
            size = {"larger": "större än i riket", "smaller": "mindre än i riket"}[gap.versus_riket]
            text = r.texts.get((result.indicator.theme, result.indicator.id), "")
            if gap.ci is None and f"Skillnaden är {size}" in text:  # by the spread rule: "märkbart" (§1)
                out.append(f"{label}: ”{size}” utan intervall och utan ”märkbart”")
    for g in r.group_gaps:
        if g.versus in ("larger", "smaller") and g.gap is not None and g.riket_gap is not None:
            if round(g.gap.value) * round(g.riket_gap.value) < 0:
                out.append(f"{g.outcome.id}/{g.breakdown}: {g.versus} fast tecknen skiljer")
            margin = 2 * getattr(g, "rounding", 0.0)
            if not (g.gap.upper + margin < g.riket_gap.lower - margin or g.riket_gap.upper + margin < g.gap.lower
                    - margin):
                out.append(f"{g.outcome.id}/{g.breakdown}: {g.versus} fast intervallen överlappar med avrundningen")
    return out


def check_7_small_deficits_named(r: Review) -> list[str]:
    """No significant deficit of a small group left out of every summary."""
    out = []
    named = r.page + " " + " ".join(" ".join(s) for s in r.summaries.values())
    for row in r.kommun_rows():
        if row["small_numbers"] and row["verdict_method"] == compare.INTERVAL and _is_concern_by_rule(row):
            if lower_first(_ind(row).title) not in named and _ind(row).title not in named:
                out.append(f"{row['indicator']}: säkerställt sämre i en liten grupp men inte i någon sammanfattning")
    return out


def _level_words(row: dict) -> tuple[str, str]:
    """The phrase for a row's level against Riket (§1), and its table marker, recomputed from its fields."""
    sure = row["verdict_method"] == compare.INTERVAL
    verdict = words.VERDICT_WORDS[row["verdict_riket"]]
    return ((f"{verdict} än riket" if sure else f"märkbart {verdict} än riket"),
            ("▼ " if row["verdict_riket"] == "worse" else "▲ ") + ("" if sure else "märkbart ") + verdict)


def check_8_same_words(r: Review) -> list[str]:
    """The same finding reads the same on page 2, in its theme summary and in its table."""
    out = []
    for item in r.plan.shown["concern"] + r.plan.shown["strength"]:
        phrase, marker = _level_words(item.row)
        if phrase not in glance.sentence(item) or (not phrase.startswith("märkbart") and f"märkbart {phrase}" in
                                                   glance.sentence(item)):
            out.append(f"sidan 2/{item.indicator.id}: inte ”{phrase}”")
        table = r.markers.get((item.theme, item.indicator.id), ("", ""))[0]
        if table != marker:
            out.append(f"{item.theme}/{item.indicator.id}: tabellen säger ”{table}”, sidan 2 ”{phrase}”")
        for sentence in r.summaries.get(item.theme, []):
            if lower_first(item.indicator.title) in sentence and sentence.startswith("Det mest allvarliga"):
                if phrase not in sentence:
                    out.append(f"{item.theme}/sammanfattning/{item.indicator.id}: inte ”{phrase}”")
    return out


def check_9_strengths(r: Review) -> list[str]:
    """No strength outside the best quarter; no "ingen styrka" beside an unqualified "bättre"."""
    out = []
    for item in r.plan.shown["strength"] + r.plan.omitted.get("strength", []):
        row = item.row
        if row["verdict_riket"] != "better" or row["verdict_method"] != compare.INTERVAL:
            out.append(f"{row['indicator']}: styrka utan att vara säkerställt bättre")
        quarter = _quarter_of_tie(row)
        if quarter is not None and quarter != 1:
            out.append(f"{row['indicator']}: styrka i fjärdedel {quarter}")
    if not r.plan.shown["strength"] and not r.plan.omitted.get("strength"):
        # the page says there is none: every "bättre" must be named beside it with its reason
        better = [row for row in r.kommun_rows() if row["verdict_riket"] == "better" and _ind(row).polarity
                  != "neutral" and row["verdict_method"] in (compare.INTERVAL, compare.SPREAD)]
        shown = {i.indicator.id for found in r.plan.shown.values() for i in found}
        styrkor = r.page.split("Styrkor", 1)[1] if "Styrkor" in r.page else ""
        out += [f"{row['indicator']}: bättre än riket men inte nämnd med förbehåll bredvid att ingen styrka finns"
                for row in better if row["indicator"] not in shown and lower_first(_ind(row).title) not in styrkor]
    return out


def check_10_no_rank_without_comparison(r: Review) -> list[str]:
    """No rank or trend for an indicator that depends on how many districts a kommun has."""
    out = []
    for (theme, ind), text in r.texts.items():
        if catalog.indicator(ind).lens in compare.AREA_SPECIFIC_LENSES:
            if " plats " in text or ("placering" in text and "ingen placering" not in text):
                out.append(f"{theme}/{ind}: placering för ett värde som inte kan jämföras")
            if "Sedan " in text:
                out.append(f"{theme}/{ind}: utveckling för ett värde som inte kan jämföras över tid")
    for row in r.kommun_rows():
        if _ind(row).lens in compare.AREA_SPECIFIC_LENSES and (row["rank"] or row["trend"] not in ("none", "")):
            out.append(f"{row['indicator']}: rang eller trend i tabellen")
    return out


def check_11_vocabulary(r: Review) -> list[str]:
    """No certainty word outside the vocabulary of §1."""
    return [f"{where}: ”{word}”" for where, text in r.all_text() for word in words.FORBIDDEN if word in text]


CHECKS = [check_1_top_of_ranking, check_2_nothing_dropped_silently, check_3_trend_words_agree,
          check_4_interval_agrees, check_5_marked_needs_people, check_6_gap_sizes, check_7_small_deficits_named,
          check_8_same_words, check_9_strengths, check_10_no_rank_without_comparison, check_11_vocabulary]
TITLES = ["Sidan 2 följer rangordningen", "Inget utelämnas i tysthet", "Trendord mot senaste förändringen",
          "”I nivå med” mot det tryckta intervallet", "”Märkbar” med färre än 150 personer",
          "Skillnader ”större/mindre” än rikets", "Små grupper med säkerställd brist", "Samma ord överallt",
          "Styrkor i bästa fjärdedelen", "Ingen placering utan jämförelse", "Bara ordförrådets ord"]


def check(review: Review) -> dict[int, list[str]]:
    """Every invariant's violations for one kommun, by number (1–11)."""
    return {n: [f"{review.kommun.name}: {v}" for v in fn(review)] for n, fn in enumerate(CHECKS, start=1)}


def kommun_violations(code: str, year: int, data, store_folder=None) -> dict[int, list[str]]:
    return check(Review.of(areas.kommun(code), year, data, store_folder))
