import io

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from jamlik.charts import figures as charts
from jamlik.charts import maps
from jamlik.data import areas, catalog, store
from jamlik.statistics import compare
from jamlik.statistics.findings import Finding

KARLSKOGA = areas.kommun("1883")


def image(chart) -> np.ndarray:
    """The chart as RGB pixels (no alpha channel: the PDF would store it separately)."""
    picture = Image.open(io.BytesIO(chart.png))
    assert picture.format == "PNG" and picture.mode == "RGB"
    return np.asarray(picture)


def cropped_to_ink(pixels: np.ndarray) -> bool:
    """A white border of about PAD_IN on every side, and ink right inside it."""
    ink = (pixels < 250).any(axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    border = round(charts.PAD_IN * charts.DPI)
    edges = [rows[0], cols[0], ink.shape[0] - 1 - rows[-1], ink.shape[1] - 1 - cols[-1]]
    return all(abs(e - border) <= 1 for e in edges)


@pytest.fixture(scope="module")
def results(demo_table):
    _, peers = areas.peer_group(KARLSKOGA, "grundskola")
    return [compare.assess(i, demo_table[demo_table["indicator"] == i.id], KARLSKOGA, 2025, peers)
            for i in catalog.theme("skolaldern").indicators]


def test_indicator_chart_has_trend_and_peers_in_its_alt_text(results):
    chart = charts.indicator_chart(Finding.of(results[1]))
    assert cropped_to_ink(image(chart))
    assert chart.alt.startswith("Linjediagram: Meritvärde åk 9 (17 ämnen), 2014–2025, för Karlskoga, Örebro län")
    assert "Punktdiagram 2025, liknande kommuner: Karlskoga" in chart.alt and "kommunerna i gruppen från" in chart.alt


def test_spine_chart_names_every_indicator_by_verdict(results):
    chart = charts.spine(results)
    assert cropped_to_ink(image(chart))
    for r in results:
        assert r.indicator.title in chart.alt


def test_sex_gap_chart(results):
    chart = charts.sex_gaps([Finding.of(r) for r in results])
    assert cropped_to_ink(image(chart))
    assert chart.alt.startswith("Punktdiagram över skillnaden mellan kvinnor och män (kvinnor minus män)")
    assert "riket" in chart.alt and "procentenheter" in chart.alt


def test_charts_with_no_data_return_nothing(results, demo_table):
    empty = compare.assess(results[0].indicator, demo_table.iloc[0:0], KARLSKOGA, 2025, [])
    assert charts.indicator_chart(Finding.of(empty)) is None
    assert charts.spine([empty]) is None and charts.sex_gaps([Finding.of(empty)]) is None


@pytest.mark.parametrize("name, count", [("Karlskoga", "12 kommuner"), ("Gotland", "1 kommun:"), ("Kiruna", "")])
def test_lan_map(name, count):
    chart = maps.lan_map(areas.kommun(name))
    assert cropped_to_ink(image(chart)) and f"med {name} markerad" in chart.alt and count in chart.alt


def test_charts_are_identical_bytes_on_every_run(results):
    """Same data, same PNG: a warm kernel and a fresh one give the same notebook output."""
    assert charts.indicator_chart(Finding.of(results[1])).png == charts.indicator_chart(Finding.of(results[1])).png


def test_a_chart_drawn_after_others_is_the_chart_drawn_alone(results):
    """Charts of one size share a renderer (``charts.canvas``): nothing of the chart before may show."""
    from jamlik.charts import canvas

    canvas._renderers.clear()
    alone = charts.indicator_chart(Finding.of(results[2])).png
    shared = next(iter(canvas._renderers.values()))
    for other in (results[1], results[3]):
        charts.indicator_chart(Finding.of(other))
    assert charts.indicator_chart(Finding.of(results[2])).png == alone
    assert shared in canvas._renderers.values() and len(canvas._renderers) <= canvas.KEPT


def test_threads_never_share_a_renderer():
    from concurrent.futures import ThreadPoolExecutor

    from matplotlib.figure import Figure

    from jamlik.charts import canvas

    def renderer():
        return canvas.Canvas(Figure(figsize=(2, 1), dpi=100)).get_renderer()

    here = renderer()
    assert renderer() is here
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(renderer).result() is not here


def test_texts_drawn_from_kept_layouts_have_matplotlibs_own_pixels():
    """The renderer keeps each text's glyph layout and each glyph's bitmap by its fraction of a pixel
    (``canvas.Renderer``): drawn twice, at new places (whole pixels and fractions apart), turned, bold,
    larger and with å, ä, ö, every pixel is what matplotlib's own renderer draws."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from jamlik.charts import canvas

    def drawn(canvas_class) -> bytes:
        fig = Figure(figsize=(3, 2), dpi=100)
        ax = fig.add_subplot()
        for i, (size, weight, angle) in enumerate([(8, "normal", 0), (8, "normal", 0), (11, "bold", 30),
                                                   (8, "normal", 90), (8.5, "normal", 0)]):
            ax.text(0.05 + 0.13 * i + 0.013 * i * i, 0.1 + 0.17 * i, "Ökad skillnad, 12,3 % (Väå)",
                    fontsize=size, fontweight=weight, rotation=angle)
        ax.set_title("Förvärvsarbetande 20–64 år")
        c = canvas_class(fig)
        c.draw()
        return bytes(c.buffer_rgba())

    canvas._layouts.clear()
    canvas._glyphs.clear()
    once = drawn(canvas.Canvas)
    assert (canvas._layouts and canvas._glyphs) or not canvas._LAYOUT_API
    assert drawn(canvas.Canvas) == once == drawn(FigureCanvasAgg)


def test_a_chart_too_wide_for_its_room_is_cropped_by_matplotlib_instead():
    """Nothing is cut off: a label that reaches past the drawing room falls back to a tight bbox."""
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.set_yticks([0])
    ax.set_yticklabels(["en mycket lång etikett " * 10])  # longer than the room on the left
    pixels = np.asarray(Image.open(io.BytesIO(charts._to_png(fig))).convert("RGB"))
    assert pixels.shape[1] > (2 + sum(charts.ROOM[::2])) * charts.DPI
    white = [pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]]
    assert all((edge >= 250).all() for edge in white)


def test_axis_ticks_use_decimal_comma_with_equal_decimals():
    axis = plt.figure().add_subplot().yaxis
    charts._swedish_axis(axis)
    formatter = axis.get_major_formatter()
    assert formatter.format_ticks([0, 2.5, 5, 7.5]) == ["0,0", "2,5", "5,0", "7,5"]
    assert formatter.format_ticks([1000, 2000]) == ["1\u00a0000", "2\u00a0000"]
    plt.close("all")


@pytest.mark.parametrize("values", [[84.0, 84.1], [84.1, 84.0], [84.0, 84.0], [84.0, 84.05, 83.95]])
def test_close_reference_lines_are_named_in_rows_that_never_overprint(values, monkeypatch):
    """Län and Riket are often close: "Länet" and "Riket" once printed as "LäRiket"."""
    from . import print_checks

    names = ["Riket", "Länet", "Gruppens medel"][:len(values)]
    with print_checks.recording(monkeypatch) as drawn:
        charts.ranking("x", "ar", [("Karlskoga", 84.2, True), ("Degerfors", 83.8, False)], dict(zip(names, values,
                                                                                                   strict=True)))
    texts = {t.text for t in drawn[-1].texts}
    assert set(names) <= texts and print_checks.overlaps(drawn[-1]) == []


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_series_read_in_greyscale_by_shape_and_line_style():
    r = compare.assess(catalog.indicator("barn_placerade"), pd.DataFrame(columns=store.COLUMNS), KARLSKOGA, 2025, [])
    styles = list(charts._series_styles(r).values())
    assert len({(s["marker"], s["ls"]) for s in styles}) == len(styles)  # no two series alike without colour
    shapes = [charts.VERDICT_STYLE[v][0] for v in ("better", "worse", "similar")]
    assert len(set(shapes)) == 3  # verdicts by shape, not by colour alone
    # women and men are a neutral pair, not the judging colours
    assert {charts.WOMEN, charts.MEN}.isdisjoint({charts.OKABE_ITO["green"], charts.OKABE_ITO["vermillion"]})


def test_indicator_chart_keeps_its_lines_in_greyscale(results):
    chart = charts.indicator_chart(Finding.of(results[0]))  # behörighet: kommun, girls, boys, län and Riket
    grey = np.asarray(Image.open(io.BytesIO(chart.png)).convert("L"))
    # dark ink (kommun line, Riket's dots, text) and mid-grey ink (women, men, the län) both remain
    assert (grey < 80).sum() > 500 and ((grey > 110) & (grey < 200)).sum() > 500


def test_demo_charts_say_so_on_the_image_and_in_the_alt_text(results):
    plain = charts.indicator_chart(Finding.of(results[0]))
    with charts.demo_marked(True):
        marked = charts.indicator_chart(Finding.of(results[0]))
    assert marked.alt.startswith("Demodata – inte officiell statistik.") and not plain.alt.startswith("Demodata")
    # the word is drawn in a warm amber that no other element of a chart uses
    amber = (np.abs(image(marked).astype(int) - [230, 205, 150]).sum(axis=2) < 60).sum()
    assert amber > 200 and (np.abs(image(plain).astype(int) - [230, 205, 150]).sum(axis=2) < 60).sum() < amber / 10


def test_value_axis_never_zooms_into_a_trivial_difference():
    fig, ax = plt.subplots()
    ax.plot([2020, 2021], [84.0, 84.1])
    r = compare.assess(catalog.indicator("medellivslangd_kvinnor"), pd.DataFrame(columns=store.COLUMNS), KARLSKOGA,
                       2025, [])
    charts._sensible_span(ax, r)
    low, high = ax.get_ylim()
    plt.close(fig)
    assert high - low >= charts.MIN_SPAN["ar"]


def test_charts_use_one_pinned_font_whatever_the_font_cache_holds(results, monkeypatch):
    from matplotlib import font_manager

    from jamlik.charts import fonts

    charts.house_font.cache_clear()
    # a font cache made before Liberation Sans was installed: matplotlib does not know the font
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.name != "Liberation Sans"])
    font_manager.fontManager._findfont_cached.cache_clear()
    assert charts.house_font() == fonts.FAMILY
    assert fonts.pinned_file().endswith("LiberationSans-Regular.ttf")
    charts.house_font.cache_clear()
