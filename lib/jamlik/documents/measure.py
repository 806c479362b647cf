"""How many lines a paragraph of page 2 takes in print, from the font's own widths: the same greedy
word wrap as the layout, on the font file fontconfig gives WeasyPrint for "Liberation Sans", at the
type sizes and widths of briefing.css. ``glance.plan`` fills page 2 with it, so the page can be planned
(and checked by ``jamlik granska``) without a layout; without the font, the plan falls back on counting
characters."""

import re
import shutil
import subprocess
from functools import cache, lru_cache

from PIL import ImageFont

from jamlik.writing import glance

MM = 72 / 25.4  # points per millimetre
# (size in pt, line width in mm) of each kind of paragraph on page 2 (briefing.css: the page's 174 mm,
# less the list's 4 mm indent for items and who can act)
STYLES = {"item": (9.4, 170.0), "actors": (8.6, 170.0), "text": (9.8, 174.0), "note": (8.3, 174.0)}
SCALE = 1000  # the font is measured at this size and scaled: widths to a thousandth of a point
BREAKS = re.compile(r"[ \n\t]+")  # where a line may break: not at a no-break space


@cache
def _font() -> ImageFont.FreeTypeFont | None:
    """The regular face fontconfig matches for the document's font, or None where it cannot be found."""
    if not shutil.which("fc-match"):
        return None
    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", "Liberation Sans:regular"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        return ImageFont.truetype(path, SCALE) if path else None
    except (OSError, subprocess.SubprocessError):
        return None


@lru_cache(maxsize=4096)
def _width(word: str, size: float) -> float:
    return _font().getlength(word) * size / SCALE


def lines(style: str, text: str) -> int:
    """Lines ``text`` takes in a paragraph of ``style``, wrapped at spaces (a no-break space holds)."""
    if _font() is None:
        return glance.char_lines(style, text)
    size, width = STYLES[style]
    room, space = width * MM, _width(" ", size)
    count, used = 0, room
    for word in filter(None, BREAKS.split(text)):
        w = _width(word, size)
        if used + space + w > room:
            count, used = count + 1, w
        else:
            used += space + w
    return count
