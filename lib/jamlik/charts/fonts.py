"""The charts' one font, pinned by file, so the same notebook draws the same PNG on every run.

Matplotlib finds a font by its family name, and when two files carry the same name it takes the one
it met first, in an order that follows Python's hash seed. Debian's ``fonts-liberation`` (1.07) and
``fonts-liberation2`` (2.1) both name their files "Liberation Sans", and a browser's install pulls in
the older beside the newer: the regular and the bold face then changed between runs (four variants
of every chart). So the files are chosen here, whatever the order they are found in: for each face
the newest file by the font's own revision (as Fontconfig chooses for the PDF's text, so charts and
text share one version), equal revisions by path. They are registered under a family name of our
own, which no other file carries. Without Liberation Sans, matplotlib's own DejaVu Sans files, the
same on every machine.
"""

import dataclasses
import re
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

FAMILY = "jamlik sans"  # only the files chosen here carry this name
LIBERATION = re.compile(r"^LiberationSans-(Regular|Bold|Italic|BoldItalic)\.ttf$")
DEJAVU = {"Regular": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf", "Italic": "DejaVuSans-Oblique.ttf",
          "BoldItalic": "DejaVuSans-BoldOblique.ttf"}


def revision(path: str) -> tuple[int, int]:
    """The font's own revision (the ``head`` table's fontRevision), e.g. ``(2, 6553)`` for 2.1."""
    return tuple(FT2Font(path).get_sfnt_table("head")["fontRevision"])


def chosen_files(candidates) -> dict[str, str]:
    """Liberation Sans's files by face: the newest revision, equal ones by path; {} without its
    regular face. The order of ``candidates`` (a set's, in matplotlib) makes no difference."""
    best: dict[str, tuple] = {}
    for path in sorted(set(map(str, candidates))):
        found = LIBERATION.match(Path(path).name)
        if found:
            key = (revision(path), path)
            face = found.group(1)
            if face not in best or key[0] > best[face][0]:
                best[face] = key
    return {face: path for face, (_, path) in best.items()} if "Regular" in best else {}


def bundled_files() -> dict[str, str]:
    """Matplotlib's own DejaVu Sans, by face."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {face: str(folder / name) for face, name in DEJAVU.items() if (folder / name).is_file()}


@cache
def house_font() -> str:
    """The family name the charts draw with; its faces are the pinned files."""
    files = chosen_files(font_manager.findSystemFonts()) or bundled_files()
    manager = font_manager.fontManager
    manager.ttflist[:] = [e for e in manager.ttflist if e.name != FAMILY]  # only these files carry the name
    for path in files.values():
        before = len(manager.ttflist)
        manager.addfont(path)  # matplotlib's own reading of the file (and it forgets earlier look-ups)
        manager.ttflist[before:] = [dataclasses.replace(e, name=FAMILY) for e in manager.ttflist[before:]]
    return FAMILY


def pinned_file(bold: bool = False) -> str:
    """The file a chart's regular (or bold) text is drawn from."""
    weight = "bold" if bold else "normal"
    return str(font_manager.findfont(font_manager.FontProperties(family=house_font(), weight=weight),
                                     fallback_to_default=False))
