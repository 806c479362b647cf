"""The page "Mål och uppföljning": the kommun's goals, one table per committee (Kommunstyrelsen
first), with a lead that counts them. The overview briefing shows it with a chart per goal; the
council document takes that part, or builds the page from the themes' rows when the overview is
not among them.
"""

from jamlik.base.text import MISSING, year_span
from jamlik.statistics.goals import NO_COMMITTEE, Status, count_text
from jamlik.writing.markup import element

HEADER = ["Indikator och kommunens mål", "Senaste värde", "Mål", "Status"]


def page(kommun: str, statuses: list[Status], heading_id: str, figures: str = "") -> str:
    by_committee: dict[str, list[Status]] = {}
    for status in sorted(statuses, key=_committee_order):
        by_committee.setdefault(status.goal.committee or NO_COMMITTEE, []).append(status)
    years = sorted({s.value_year for s in statuses if s.value_year})
    latest = f" De senaste värdena är från {year_span(years[0], years[-1])}." if years else ""
    lead = (f"{count_text(kommun, [s.status for s in statuses])}{latest} Status bedöms efter det senaste värdet "
            "och utvecklingen hittills, enligt regeln i metodavsnittet.")
    html = [element("h2", "Mål och uppföljning", id=heading_id), element("p", lead, "jamlik-lead")]
    html += [table(committee, rows) for committee, rows in by_committee.items()]
    return f'<section class="jamlik-goals-page">{"".join(html)}{figures}</section>'


def _committee_order(status: Status) -> tuple:
    committee = status.goal.committee
    return (not committee, committee != "Kommunstyrelsen", committee, status.goal.indicator.title)


def table(committee: str, statuses: list[Status]) -> str:
    """One committee's goals: the indicator with the kommun's goal under it, the latest value, the
    target and the status with its reason. A marker after the status lets the council document add
    the page of the indicator's section, and count the statuses."""
    head = "".join(element("th", h, scope="col") for h in HEADER)
    rows = []
    for s in statuses:
        aim = element("span", f"”{s.goal.aim}”", "jamlik-aim") if s.goal.aim else ""
        value = f"{s.value_text} ({s.period})" if s.value is not None else MISSING
        # a year span stays on one line in the narrow column (word joiners around the dash)
        reason = element("span", s.reason.replace("–", "\u2060–\u2060"), "jamlik-aim") if s.reason else ""
        rows.append(f'<tr><th scope="row">{element("span", s.goal.indicator.title)}{aim}</th>'
                    f'{element("td", value, "missing" if s.value is None else "")}'
                    f'{element("td", s.goal.target_text)}'
                    f'<td>{element("strong", s.words.capitalize())}{reason}'
                    f"<!--jamlik:goalref {s.goal.indicator.id} {s.status}--></td></tr>")
    return (f'<div class="jamlik-keep"><table class="jamlik-table jamlik-goals">{element("caption", committee)}'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
