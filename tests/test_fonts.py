"""The charts' font is pinned by file: the same notebook draws the same PNG bytes on every run, whatever
fonts the machine has and whatever hash seed Python starts with.

The trap is Debian's two Liberation packages: ``fonts-liberation`` (1.07) beside ``fonts-liberation2``
(2.1) gives two files per face named "Liberation Sans", and matplotlib took whichever it met first, in
hash order. The tests make such an older file (matplotlib's DejaVu Sans renamed, revision 1.07, so a
wrong pick shows in the pixels) and put it where matplotlib and Fontconfig find it."""

import base64
import os
import re
import shutil
import subprocess
from pathlib import Path

import matplotlib
import nbformat
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager

from jamlik.charts import fonts

NEWEST = fonts.chosen_files(font_manager.findSystemFonts())
needs_liberation = pytest.mark.skipif(not NEWEST, reason="Liberation Sans (fonts-liberation2) is not installed")


def older_liberation(folder: Path) -> dict[str, str]:
    """A stand-in for fonts-liberation 1.07: files named and titled as Liberation Sans, drawing DejaVu."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for face, source, style in [("Regular", "DejaVuSans.ttf", ""), ("Bold", "DejaVuSans-Bold.ttf", " Bold")]:
        font = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / source)
        names = {1: "Liberation Sans", 4: f"Liberation Sans{style}", 6: f"LiberationSans{style.replace(' ', '-')}",
                 16: "Liberation Sans"}
        for record in font["name"].names:
            if record.nameID in names:
                record.string = names[record.nameID]
        font["head"].fontRevision = 1.07
        path = folder / f"LiberationSans-{face}.ttf"
        font.save(path)
        made[face] = str(path)
    return made


@needs_liberation
def test_the_newest_file_of_each_face_is_chosen_in_whatever_order_they_are_found(tmp_path):
    older = older_liberation(tmp_path / "liberation")
    found = [*NEWEST.values(), *older.values(), "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
    orders = [found, found[::-1], *(found[n:] + found[:n] for n in range(1, len(found)))]
    assert {tuple(sorted(fonts.chosen_files(order).items())) for order in orders} == {tuple(sorted(NEWEST.items()))}
    assert fonts.revision(NEWEST["Regular"]) > fonts.revision(older["Regular"])
    assert fonts.revision(older["Bold"])[0] == 1


@needs_liberation
def test_charts_draw_with_the_pinned_files_though_another_comes_first(tmp_path, monkeypatch):
    older = older_liberation(tmp_path / "liberation")
    manager = font_manager.fontManager
    decoys = [font_manager.ttfFontProperty(font_manager.ft2font.FT2Font(p)) for p in older.values()]
    # matplotlib takes the first of two equally good files: the older one now comes first
    monkeypatch.setattr(manager, "ttflist", decoys + list(manager.ttflist))
    manager._findfont_cached.cache_clear()
    fonts.house_font.cache_clear()
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda: [*older.values(), *NEWEST.values()])
    try:
        assert font_manager.findfont("Liberation Sans") == older["Regular"]  # what a family name gives
        assert fonts.pinned_file() == NEWEST["Regular"] and fonts.pinned_file(bold=True) == NEWEST["Bold"]
    finally:
        fonts.house_font.cache_clear()
        manager._findfont_cached.cache_clear()


def test_without_liberation_sans_the_charts_use_matplotlibs_own_dejavu(monkeypatch):
    fonts.house_font.cache_clear()
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"])
    try:
        assert fonts.pinned_file() == str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    finally:
        fonts.house_font.cache_clear()
        font_manager.fontManager._findfont_cached.cache_clear()


CHART = """\
from jamlik.charts import fonts
from jamlik.documents.briefing import Briefing
print(fonts.pinned_file(), fonts.pinned_file(bold=True))
briefing = Briefing("1883", "tidiga_ar", 0)
briefing.show_header()  # the map, its names in bold
briefing.show_indicator("barn_lag_ek_standard")
"""


def _chart_in_a_kernel(hash_seed: str, environment: dict, config: Path) -> tuple[list[str], list[bytes]]:
    """One kernel of its own, with its own hash seed and a fresh matplotlib font cache: the files its
    charts were drawn from, and the PNGs of one indicator's charts."""
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CHART)])
    env = {**environment, "PYTHONHASHSEED": hash_seed, "MPLCONFIGDIR": str(config)}
    NotebookClient(nb, kernel_name="python3", timeout=300).execute(env=env)
    outputs = nb.cells[0].outputs
    files = "".join(o.get("text", "") for o in outputs if o.output_type == "stream").split()
    html = "".join(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    return files, [base64.b64decode(png) for png in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html)]


@pytest.mark.slow
@needs_liberation
@pytest.mark.skipif(not shutil.which("fc-match"), reason="Fontconfig's fc-match is not installed")
def test_two_kernels_with_other_hash_seeds_draw_identical_pngs(tmp_path):
    older = older_liberation(tmp_path / "fonts" / "liberation")
    conf = tmp_path / "fonts.conf"  # the system's fonts, and the older Liberation Sans beside them
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f'<dir>{older["Regular"].rsplit("/", 1)[0]}</dir><cachedir>{tmp_path / "fc-cache"}</cachedir>'
                    "</fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    listed = subprocess.run(["fc-list", "--format", "%{file}\n", "Liberation Sans"], env=env, capture_output=True,
                            text=True, check=True).stdout.split()
    assert older["Regular"] in listed  # Fontconfig, so matplotlib, finds both versions
    text_files = [subprocess.run(["fc-match", "--format", "%{file}", f"Liberation Sans:{style}"], env=env,
                                 capture_output=True, text=True, check=True).stdout for style in ("regular", "bold")]

    first = _chart_in_a_kernel("1", env, tmp_path / "mpl-1")
    second = _chart_in_a_kernel("2", env, tmp_path / "mpl-2")
    assert first[0] == second[0] == text_files  # the PDF's text and the charts: the same files
    assert len(first[1]) == 2 and first[1] == second[1]  # byte for byte
