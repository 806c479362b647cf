"""Chart PNGs go into the PDF as they are, without WeasyPrint decoding and encoding them again.

WeasyPrint decodes every PNG and encodes it again for the PDF: about 30 ms per chart, a fifth of
a briefing's PDF time. The compressed pixels of an 8-bit RGB, non-interlaced PNG (its IDAT
chunks) are already what a PDF image with ``/FlateDecode`` and PNG predictors holds, so such
images are handed to WeasyPrint through its image cache (``write_pdf(cache=...)``, keyed by URL)
as images that copy those bytes. Any other image takes WeasyPrint's own path, and so does
everything if a WeasyPrint version's image class no longer fits.
"""

import base64
import binascii
import io
import re
from hashlib import md5

import pydyf
from PIL import Image
from weasyprint.images import RasterImage

from jamlik.charts.png import compressed_pixels

DATA_URL = re.compile(r'src="(data:image/png;base64,[A-Za-z0-9+/=]+)"')


class _PNGAsIs(RasterImage):
    def __init__(self, png: bytes, pixels: bytes, url: str, cache: dict):
        # the same image id as WeasyPrint gives an image it loads from this URL
        super().__init__(Image.open(io.BytesIO(png)), md5(url.encode(), usedforsecurity=False).hexdigest(),
                         png, cache=cache)
        self._pixels = pixels

    def get_x_object(self, interpolate, dpi_ratio):
        if dpi_ratio != 1:  # scaled down for a dpi limit: WeasyPrint resamples it
            return super().get_x_object(interpolate, dpi_ratio)
        return pydyf.Stream([self._pixels], pydyf.Dictionary({
            "Type": "/XObject", "Subtype": "/Image", "Width": self.width, "Height": self.height,
            "ColorSpace": "/DeviceRGB", "BitsPerComponent": 8,
            "Interpolate": "true" if interpolate else "false", "Filter": "/FlateDecode",
            "DecodeParms": pydyf.Dictionary({"Predictor": 15, "Colors": 3, "Columns": self.width}),
        }))


SHORT = "jamlik-png:"  # the scheme of the short URLs that stand for data URLs in the cache


def with_images(html: str) -> tuple[str, dict]:
    """The page with each PNG data URL that can go in as it is replaced by a short URL, and a
    ``write_pdf(cache=...)`` holding those images by it. The HTML parser then never reads the
    base64 text (a tenth of a briefing's PDF time)."""
    cache = image_cache(html)
    short = {url: f"{SHORT}{md5(url.encode(), usedforsecurity=False).hexdigest()}" for url in cache}
    if not short:
        return html, cache
    html = DATA_URL.sub(lambda m: f'src="{short[m[1]]}"' if m[1] in short else m[0], html)
    return html, {short[url]: image for url, image in cache.items()}


def image_cache(html: str) -> dict:
    """A ``write_pdf(cache=...)`` holding the page's PNG data URLs that can go in as they are."""
    cache = {}
    for url in set(DATA_URL.findall(html)):
        try:
            png = base64.b64decode(url.partition(",")[2], validate=True)
        except binascii.Error:
            continue  # WeasyPrint reports a broken image itself
        pixels = compressed_pixels(png)
        if pixels is None:
            continue
        try:
            cache[url] = _PNGAsIs(png, pixels, url, cache)
        except Exception:  # a speed-up only: WeasyPrint's own path is always right
            return {}
    return cache
