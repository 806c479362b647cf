"""End to end: Papermill runs the notebook, nbconvert and WeasyPrint make the PDF; we read the
PDF as a person would (its text, its first page as an image)."""

import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from jamlik import areas, catalog, run
from jamlik.text import format_value

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def karlskoga(tmp_path_factory, demo_store):
    import os

    os.environ["JAMLIK_STORE"] = str(demo_store)  # module fixtures run before the autouse one
    out = tmp_path_factory.mktemp("out")
    outcome = run.run_briefing(areas.kommun("Karlskoga"), catalog.theme("tidiga_ar"), 2025, out)
    assert outcome.ok, outcome.error
    return outcome


@pytest.fixture(scope="module")
def pages(karlskoga):
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(karlskoga.pdf).pages]


def test_files_land_where_the_user_expects(karlskoga):
    folder = karlskoga.pdf.parent
    assert folder.name == "1883-Karlskoga" and folder.parent.name == "2025"
    assert sorted(p.name for p in folder.iterdir()) == ["tidiga_ar.html", "tidiga_ar.ipynb", "tidiga_ar.pdf"]


def test_cover_says_who_what_when_and_source(pages):
    first = pages[0]
    assert "Ge alla barn en bra start i livet – Karlskoga 2025" in first
    assert "Örebro län" in first and "Sammanfattning" in first and "Översikt" in first
    assert "demodata genererade av jamlik" in first


def test_every_page_has_the_demo_band_and_page_number(pages):
    for number, text in enumerate(pages, start=1):
        assert "DEMODATA – INTE OFFICIELL STATISTIK" in text, number
        assert f"Sida {number} av {len(pages)}" in text
        assert "Karlskoga · Ge alla barn en bra start i livet" in text


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
    assert "Om statistiken" in pages[-1] or "Om statistiken" in pages[-2]
    assert "N66077" in text and "Framställd med jamlik" in text
    for group in ("Ekonomiska villkor", "Förskola och hälsa", "Familj och skydd"):
        assert group in text


def test_pdf_metadata(karlskoga):
    reader = PdfReader(karlskoga.pdf)
    assert reader.metadata.title == "Karlskoga: Ge alla barn en bra start i livet 2025"
    assert 4 <= len(reader.pages) <= 14


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")
def test_first_page_renders_to_a_real_image(karlskoga, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(karlskoga.pdf),
                    str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size
    assert height / width == pytest.approx(297 / 210, rel=0.02)  # A4
    dark = sum(image.histogram()[:200]) / (width * height)
    assert 0.01 < dark < 0.5
