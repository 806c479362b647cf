"""End to end: `jamlik run --kommun Karlskoga` runs every theme notebook through Papermill and
makes the theme PDFs and the council PDF; we read them as a person would (text, outline,
structure tree, first page as an image) and check them with the pdfua package."""

import re
import shutil
import subprocess

import nbformat
import pytest
from nbconvert.exporters import get_exporter
from pypdf import PdfReader

from jamlik.base.text import format_value
from jamlik.data import catalog
from jamlik.running import cli, run

pytestmark = pytest.mark.slow
THEMES = [t.id for t in run.themes_with_notebooks()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, demo_store):
    import os

    os.environ["JAMLIK_STORE"] = str(demo_store)  # module fixtures run before the autouse one
    out = tmp_path_factory.mktemp("out")
    assert cli.main(["run", "--kommun", "Karlskoga", "--ut", str(out)]) == 0
    return out / "2025" / "1883-Karlskoga"


def text_of(path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(path).pages]


@pytest.fixture(scope="module")
def pages(folder):
    return text_of(folder / "tidiga_ar.pdf")


def test_every_theme_and_the_council_pdf_land_where_the_user_expects(folder):
    names = {p.name for p in folder.iterdir()}
    council = {"Karlskoga-samlad.pdf", "Karlskoga-samlad.xlsx"}
    assert {f"{t}.{ext}" for t in THEMES for ext in ("pdf", "html", "ipynb", "csv")} | council == names
    assert len(THEMES) == 5


def test_cover_says_who_what_when_and_source(pages):
    first = pages[0]
    assert "Ge alla barn en bra start i livet – Karlskoga 2025" in first
    assert "Örebro län" in first and "Sammanfattning" in first
    assert "Översikt" in first or "Översikt" in pages[1]  # the table and its chart are kept together
    assert "demodata genererade av jamlik" in first


def test_every_page_has_one_demo_band_and_a_page_number(folder):
    for name in ["tidiga_ar.pdf", "Karlskoga-samlad.pdf"]:
        pages = text_of(folder / name)
        for number, text in enumerate(pages, start=1):
            assert text.count("DEMODATA – INTE OFFICIELL STATISTIK") == 1, (name, number)
            assert f"Sida {number} av {len(pages)}" in text


def test_numbers_match_the_data_table_in_swedish_format(pages, demo_table):
    ind = catalog.indicator("barn_lag_ek_standard")
    value = demo_table[(demo_table["indicator"] == ind.id) & (demo_table["area"] == "1883")
                       & (demo_table["year"] == 2025) & (demo_table["sex"] == "T")]["value"].iloc[0]
    expected = format_value(value, ind.unit, ind.decimals).replace("\u00a0", " ")
    assert re.search(r"\d,\d %", expected)
    text = " ".join(pages).replace("\u00a0", " ")
    assert f"År 2025 var andelen {expected} i Karlskoga" in text


def test_no_code_and_a_closing_about_section(pages):
    text = " ".join(pages)
    assert "show_indicator" not in text and "import" not in text and "För dig som analytiker" not in text
    assert "Om statistiken" in " ".join(pages[-3:])
    assert "N66077" in text and "Framställd med jamlik" in text
    for group in ("Ekonomiska villkor", "Förskola och hälsa", "Familj och skydd", "Flickor och pojkar"):
        assert group in text


def test_council_pdf_has_cover_contents_bookmarks_and_structure(folder):
    reader = PdfReader(folder / "Karlskoga-samlad.pdf")
    assert reader.metadata.title == "Jämlik hälsa 2025 – Karlskoga"
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    for theme in catalog.themes().values():
        assert f"{theme.title} – Karlskoga 2025" in top
    contents = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Innehåll" in contents
    page_numbers = [int(n) for n in re.findall(r"\.+ ?(\d+)", contents)]
    assert "Karlskoga i korthet" in contents and "Bilagor och metod" in contents
    assert len(page_numbers) == 7 and page_numbers == sorted(page_numbers) and page_numbers[0] == 2
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_pdfs_pass_the_pdfua_checks(folder):
    from pdfua import validate

    for name in ["tidiga_ar.pdf", "oversikt.pdf", "Karlskoga-samlad.pdf"]:
        report = validate(str(folder / name))
        assert not report.findings, [(f.rule_id, f.message) for f in report.findings[:3]]


def test_charts_carry_alt_text(folder):
    html = (folder / "forsorjning.html").read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 12
    assert all(re.search(r'alt="[^"]{40,}"', img) for img in images)


def test_jupyterlab_exporter_gives_the_same_briefing(folder, tmp_path):
    exporter = get_exporter("briefing")()
    assert exporter.export_from_notebook == "Jämlik hälsa-briefing (PDF)"
    nb = nbformat.read(folder / "tidiga_ar.ipynb", as_version=4)
    pdf, resources = exporter.from_notebook_node(nb)
    # JupyterLab names the file for the notebook and adds this: 01_tidiga_ar-Karlskoga-2025.pdf
    assert pdf.startswith(b"%PDF") and resources["output_extension"] == "-Karlskoga-2025.pdf"
    (tmp_path / "lab.pdf").write_bytes(pdf)
    assert text_of(tmp_path / "lab.pdf") == text_of(folder / "tidiga_ar.pdf")


def parameters_cell(nb):
    return next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))


def test_exporting_a_notebook_that_has_not_run_runs_it_first(folder, tmp_path):
    nb = nbformat.read(run.notebook_path(catalog.theme("tidiga_ar")), as_version=4)
    cell = parameters_cell(nb)
    cell.source = cell.source.replace('kommun: str = "1883"', 'kommun: str = "Karlskoga"')
    assert "Karlskoga" in cell.source
    pdf, resources = get_exporter("briefing")().from_notebook_node(
        nb, resources={"metadata": {"path": str(run.notebook_path(catalog.theme("tidiga_ar")).parent)}})
    assert resources["output_extension"] == "-Karlskoga-2025.pdf"
    (tmp_path / "lab.pdf").write_bytes(pdf)
    assert text_of(tmp_path / "lab.pdf") == text_of(folder / "tidiga_ar.pdf")


def test_an_export_that_cannot_run_is_a_page_that_says_why(tmp_path):
    nb = nbformat.read(run.notebook_path(catalog.theme("tidiga_ar")), as_version=4)
    cell = parameters_cell(nb)
    cell.source = cell.source.replace('kommun: str = "1883"', 'kommun: str = "Karlskogga"')
    folder = str(run.notebook_path(catalog.theme("tidiga_ar")).parent)
    pdf, resources = get_exporter("briefing")().from_notebook_node(
        nb, resources={"metadata": {"path": folder, "name": "01_tidiga_ar"}})
    (tmp_path / "fel.pdf").write_bytes(pdf)
    (page,) = text_of(tmp_path / "fel.pdf")
    assert page.startswith("01_tidiga_ar.ipynb · export till PDF Briefingen gjordes inte Fel i 01_tidiga_ar.ipynb, "
                           "cell 3 (”from jamlik.documents import Briefing”), rad 3: Okänd kommun 'Karlskogga'.")
    assert "Rätta parametrarna i notebookens första kodcell" in page  # the cell that makes the briefing
    assert resources["output_extension"] == "-FEL.pdf"  # never named like a briefing


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")
def test_first_page_renders_to_a_real_image(folder, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(folder / "tidiga_ar.pdf"),
                    str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size
    assert height / width == pytest.approx(297 / 210, rel=0.02)  # A4
    dark = sum(image.histogram()[:200]) / (width * height)
    assert 0.01 < dark < 0.5


def test_the_method_is_printed_once_in_the_council_pdf_and_in_each_theme(folder):
    council = " ".join(text_of(folder / "Karlskoga-samlad.pdf"))
    assert council.count("Få fall: ett värde som bygger på") == 1
    assert council.count("Jämförelser, med samma ord överallt i dokumentet") == 1
    assert " ".join(text_of(folder / "miljoer.pdf")).count("Få fall: ett värde som bygger på") == 1


def test_council_document_is_short_and_opens_with_what_matters(folder):
    pages = text_of(folder / "Karlskoga-samlad.pdf")
    assert len(pages) <= 20
    assert pages[1].startswith("Karlskoga i korthet") or "Karlskoga i korthet" in pages[1][:80]
    assert "Läs mer på sidan" in pages[1] or "Mer i bilagan" in pages[1]
    assert "Bilagor" in " ".join(pages[-3:]) and "tidiga_ar.pdf" in " ".join(pages[-3:])
    assert "Kunskapsstöd Källorna till det som sägs ha visat sig fungera" in " ".join(pages[-3:])


def test_council_workbook_holds_every_number_shown(folder):
    from openpyxl import load_workbook

    book = load_workbook(folder / "Karlskoga-samlad.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["Sammanfattning", "Kunskapsstöd"] and len(book.sheetnames) == 3 + len(THEMES)
    works = list(book["Kunskapsstöd"].iter_rows(min_row=2, values_only=True))  # what has worked, per concern
    assert works and all(r[11].startswith("https://") and r[12].startswith("Kan påverkas av") for r in works)
    assert book.sheetnames[-1] == "Inom kommunen"  # valdistrikt, RegSO areas and schools
    inside = list(book["Inom kommunen"].iter_rows(min_row=2, values_only=True))
    assert len([r for r in inside if r[1] == "valdeltagande_riksdag"]) == 17 + 17  # 2018 and 2022
    sheet = book[catalog.theme("tidiga_ar").short_title]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:8] == ["theme", "indicator", "kpi", "area", "area_name", "year", "sex", "value"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "barn_lag_ek_standard" and r[3] == "1883" and isinstance(r[7], float) for r in rows)


def test_every_number_on_page_two_is_its_row_in_the_theme_csv(folder):
    from jamlik.documents import tables

    rows = {}
    for theme in THEMES:
        for row in tables.read_csv(folder / f"{theme}.csv"):
            if row["area"] == "1883" and row["sex"] == "T" and row["indicator"] in catalog.indicators():
                rows[catalog.indicator(row["indicator"]).title] = row
    page = text_of(folder / "Karlskoga-samlad.pdf")[1].replace("\xa0", " ")
    # a concern or a strength: "Titel: 24,0 % (från 26,1 % 2021), sämre än riket (17,0 %); plats …"
    quoted = [title for title in rows if f"{title}: " in page and " än riket (" in page.split(f"{title}: ")[1][:90]]
    assert len(quoted) >= 3, page
    for title in quoted:
        row, ind = rows[title], catalog.indicator(rows[title]["indicator"])
        line = page.split(f"{title}: ")[1][:160]
        assert line.startswith(ind.show(row["value"]).replace("\xa0", " ")), (title, line)
        assert f"än riket ({ind.show(row['riket'])}".replace("\xa0", " ") in line, (title, line)


def test_each_theme_s_most_serious_concern_is_named_on_page_two(folder):
    page = text_of(folder / "Karlskoga-samlad.pdf")[1]
    for theme in THEMES:
        summary = text_of(folder / f"{theme}.pdf")[0]
        named = re.search(r"Det mest allvarliga i temat är (.+?): ", summary)
        if named:
            assert named.group(1).lower() in page.lower(), (theme, named.group(1))
