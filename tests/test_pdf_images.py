"""Chart PNGs are written by us and go into the PDF byte for byte; the page looks exactly as
WeasyPrint's own path would draw it, and any other image is left to WeasyPrint."""

import base64
import io
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from weasyprint import HTML

from jamlik.charts.png import compressed_pixels, encode_rgb
from jamlik.documents import export
from jamlik.documents.pdf_images import image_cache
from jamlik.writing.markup import figure


def png(mode: str) -> bytes:
    """A chart-like picture: white with a blue band."""
    image = Image.new(mode, (120, 40), "white")
    ImageDraw.Draw(image).rectangle((20, 10, 100, 30), fill="#0072B2")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def test_our_png_reads_back_exactly():
    rgb = np.full((30, 50, 3), 255, np.uint8)
    rgb[5:20, 10:40] = np.random.default_rng(3).integers(0, 256, (15, 30, 3))
    data = encode_rgb(rgb[:, 5:])  # a cropped view, as the charts pass it
    image = Image.open(io.BytesIO(data))
    assert image.mode == "RGB" and image.size == (45, 30)
    assert np.array_equal(np.asarray(image), rgb[:, 5:])
    assert compressed_pixels(data)


def test_rgb_png_gives_its_idat_other_kinds_none():
    data = png("RGB")
    pixels = compressed_pixels(data)
    assert pixels and data.count(pixels) == 1  # one IDAT chunk, returned whole
    assert compressed_pixels(png("RGBA")) is None
    assert compressed_pixels(png("L")) is None
    interlaced = bytearray(data)
    interlaced[8 + 8 + 12] = 1  # IHDR's interlace byte
    assert compressed_pixels(bytes(interlaced)) is None
    assert compressed_pixels(b"GIF89a") is None


def test_only_passable_images_are_cached():
    html = figure(png("RGB"), "ett diagram") + figure(png("RGBA"), "med alfa") + '<img src="data:image/png;base64,!!">'
    urls = [key for key in image_cache(html) if key.startswith("data:")]  # WeasyPrint keeps data there too
    assert len(urls) == 1
    (url,) = urls
    assert base64.b64decode(url.partition(",")[2]) == png("RGB")


def _render(pdf: bytes, folder, name: str) -> np.ndarray:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(folder / name)], check=True)
    return np.asarray(Image.open(folder / f"{name}.png").convert("RGB"))


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")
def test_pdf_holds_the_png_bytes_and_looks_the_same(tmp_path):
    chart, other = png("RGB"), png("RGBA")
    body = figure(chart, "ett diagram") + figure(other, "med alfa")
    html = f"<html lang='sv'><title>Test</title><body>{body}</body></html>"
    export.html_to_pdf(html, tmp_path / "ours.pdf")
    ours = (tmp_path / "ours.pdf").read_bytes()

    assert compressed_pixels(chart) in ours  # the chart's own bytes, not WeasyPrint's re-encoding
    assert len(PdfReader(tmp_path / "ours.pdf").pages[0]["/Resources"]["/XObject"]) == 2

    theirs = HTML(string=html).write_pdf(pdf_variant=export.PDF_VARIANT)
    assert np.array_equal(_render(ours, tmp_path, "ours"), _render(theirs, tmp_path, "theirs"))
