"""Print quality, measured rather than looked at: no two texts in a chart overlap, no chart text
prints under 7 pt, nothing runs past the column, and a theme's summary shares its page with its table,
for kommuner of every size (one district and two areas; a town with a magnified core; a region's
survey; the largest cities) and a län report.

The notebooks run in this process (``print_checks``), through the project's own export and council
document, on the bundled real data."""

import subprocess

import matplotlib.pyplot as plt
import pytest

from jamlik.charts import figures
from jamlik.running import batch, run

from . import print_checks as checks

THEMES = [t.id for t in run.themes_with_notebooks()]
# every size: Bjurholm (one district, two areas), Filipstad (seven areas, a town in a large kommun,
# half its residents in areas with challenges), Ludvika (the survey by education), Göteborg (147 areas)
PRINTED = ["2403", "1782", "2085", "1480"]
DRAWN = ["1883", "0180"]  # Karlskoga and Stockholm: their charts too
YEAR = 2022


@pytest.fixture(scope="module")
def made(real_store, tmp_path_factory):
    """Each kommun's charts as drawn and its PDFs (for ``PRINTED``) as ``jamlik run`` makes them."""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    found = {}
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("JAMLIK_STORE", str(real_store))
        for kommun in PRINTED + DRAWN:
            with checks.recording(monkeypatch) as charts:
                if kommun in PRINTED:
                    folder = tmp_path_factory.mktemp(kommun)
                    checks.make_briefings(kommun, YEAR, folder, monkeypatch)
                    html = "".join((folder / f"{t}.html").read_text(encoding="utf-8") for t in THEMES)
                else:
                    folder = None
                    html = "".join(checks.html_of(checks.run_notebook(checks.notebook_of(t), {"kommun": kommun,
                                                                                               "year": YEAR},
                                                                       monkeypatch)) for t in THEMES)
                found[kommun] = (checks.printed(list(charts), html), folder)
        with checks.recording(monkeypatch) as charts:
            nb = checks.run_notebook(checks.notebook_of(batch.LAN_REPORT), {"lan": "18", "year": YEAR}, monkeypatch)
            found["lan-18"] = (checks.printed(list(charts), checks.html_of(nb)), None)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("kommun", PRINTED + DRAWN + ["lan-18"])
def test_no_two_texts_of_a_chart_overlap_and_none_prints_under_7_pt(made, kommun):
    charts, _ = made[kommun]
    assert len(charts) > 10
    problems = [(i, "överlappar", pair) for i, c in enumerate(charts) for pair in checks.overlaps(c)]
    problems += [(i, "för liten", text) for i, c in enumerate(charts) for text in checks.too_small(c)]
    assert problems == []


@pytest.mark.slow
@pytest.mark.parametrize("kommun", PRINTED)
def test_nothing_runs_past_the_column(made, kommun):
    _, folder = made[kommun]
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == len(THEMES) + 1
    assert {pdf.name: checks.past_the_column(pdf) for pdf in pdfs} == {pdf.name: [] for pdf in pdfs}


@pytest.mark.slow
def test_no_page_of_a_council_document_ends_above_half_its_height(made):
    """Counted over kommuner of every size: every page but a document's last reaches past half its height."""
    short = {}
    for kommun in PRINTED:
        _, folder = made[kommun]
        pdf = next(folder.glob("*-samlad.pdf"))
        shares = checks.filled(pdf)
        short.update({(pdf.name, page): round(share, 2) for page, share in enumerate(shares[:-1], start=1)
                      if share < checks.HALF})
    assert short == {}


@pytest.mark.slow
def test_no_page_of_a_theme_briefing_is_left_nearly_empty(made):
    """A heading stranded at the foot of a page, or a page of the end matter's last two lines, once left
    pages a tenth filled (0,03–0,12): every page but a briefing's last reaches past ``NEARLY_EMPTY``. A
    table with a caption is kept whole (the PDF tags it as one), so one of a whole page still leaves the
    page before it a fifth filled (Göteborg's equity profile: 0,20)."""
    short = {}
    for kommun in PRINTED:
        _, folder = made[kommun]
        for theme in THEMES:
            shares = checks.filled(folder / f"{theme}.pdf")
            short.update({(kommun, theme, page): round(share, 2) for page, share in enumerate(shares[:-1], start=1)
                          if share < NEARLY_EMPTY})
    assert short == {}


NEARLY_EMPTY = 0.15


def _page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.slow
@pytest.mark.parametrize("kommun", PRINTED)
def test_a_theme_s_summary_shares_its_page_with_its_table(made, kommun):
    _, folder = made[kommun]
    for theme in THEMES:
        pages = _page_texts(folder / f"{theme}.pdf")
        summary = next(i for i, page in enumerate(pages) if "Sammanfattning" in page)
        assert "Placering" in pages[summary], (theme, summary + 1)  # the overview table's header


def _chart(size: float, texts: list[tuple[float, float]]) -> checks.DrawnChart:
    with figures._style():
        fig, ax = plt.subplots(figsize=(3, 1))
        ax.axis("off")
        for x, y in texts:
            ax.text(x, y, "Riket", fontsize=size, transform=ax.transAxes)
        return figures.Chart(figures._to_png(fig), "")


def test_the_checks_find_what_they_guard(monkeypatch):
    """Two labels on top of each other ("LäRiket") and text that prints under 7 pt are found."""
    with checks.recording(monkeypatch) as drawn:
        _chart(7.5, [(0.1, 0.5), (0.14, 0.5)])
        _chart(7.5, [(0.1, 0.5), (0.6, 0.5)])
        _chart(6.5, [(0.1, 0.5)])
    overlapping, apart, small = drawn
    assert checks.overlaps(overlapping) == [("Riket", "Riket")] and checks.overlaps(apart) == []
    small.print_mm = checks.natural_mm(small.png)
    assert checks.too_small(small) == [("Riket", 6.5)]
    apart.print_mm = checks.natural_mm(apart.png) * 0.9  # printed smaller than drawn: 7,5 pt becomes 6,75
    assert checks.too_small(apart) == [("Riket", 6.75), ("Riket", 6.75)]


def test_the_page_checks_see_ink_past_the_column_and_short_pages(tmp_path):
    from jamlik.documents import export

    css = '<style>@page { size: A4; margin: 24mm 18mm 20mm 18mm; }</style>'
    # a table 10 mm wider than the column, its last cell in the margin; then a page filled four fifths
    wide = f'<html lang="sv"><head>{css}</head><body><table style="width: 184mm"><tr><td>x</td>' \
           '<td style="text-align: right">ka</td></tr></table><div style="break-before: page; height: 200mm; ' \
           'background: #000"></div></body></html>'
    export.html_to_pdf(wide, tmp_path / "wide.pdf")
    assert checks.past_the_column(tmp_path / "wide.pdf") == [1]
    shares = checks.filled(tmp_path / "wide.pdf")
    assert shares[0] < 0.1 and 0.75 < shares[1] < 0.85
