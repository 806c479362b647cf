"""Charts in one house style: seaborn on matplotlib, Okabe–Ito colours (colour-blind safe),
line styles and marker shapes that carry meaning without colour, Swedish labels, and alt text
written from the data for every chart.
"""

import io
import textwrap
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import matplotlib
from PIL import Image

matplotlib.use("Agg")  # charts are rendered to PNG bytes, never to a window

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator  # noqa: E402

from jamlik.base.memory import collected_after  # noqa: E402
from jamlik.base.text import (
    MISSING,
    UNITS,
    and_list,
    difference_unit,
    format_gap,
    format_number,
    format_signed,
    format_value,
    year_span,
)
from jamlik.charts import labels  # noqa: E402
from jamlik.charts.canvas import Canvas  # noqa: E402
from jamlik.charts.fonts import house_font  # noqa: E402
from jamlik.charts.png import encode_rgb  # noqa: E402
from jamlik.data.areas import lan_of  # noqa: E402
from jamlik.statistics.findings import SPREAD, Finding, Result, Status  # noqa: E402
from jamlik.writing.markup import CHART_MM, COLUMN_MM  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "sky": "#56B4E9",
             "orange": "#E69F00", "grey": "#8C8C8C", "light": "#D9D9D9", "black": "#000000"}
WIDTH_IN = 6.3  # fits the A4 text column
DPI = 200
# room around the axes for labels and legends while drawing (inches: left, bottom, right, top);
# the finished image is cropped to what was drawn
ROOM = (3.0, 1.2, 0.6, 0.6)
PAD_IN = 0.08  # white border kept around the drawing
WHITE = 0xFFFFFFFF  # an opaque white RGBA pixel read as one 32-bit number
LABELS_INSIDE = 0.36  # left edge of a panel whose long row titles must stay inside the printed width
MIDDLE_HALF = "#B3B3B3"  # light enough that a grey marker on it still stands out in greyscale
# a neutral pair for women and men, apart from the judging colours (green better, vermillion worse);
# line style and marker shape tell them apart in greyscale too
WOMEN, MEN = "#CC79A7", "#56B4E9"  # Okabe–Ito reddish purple and sky blue
# verdict -> (marker, colour, Swedish label): shape and label carry the meaning, colour helps
VERDICT_STYLE = {
    "better": ("^", OKABE_ITO["green"], "bättre än riket"),
    "worse": ("v", OKABE_ITO["vermillion"], "sämre än riket"),
    "similar": ("o", OKABE_ITO["grey"], "i nivå med riket"),
    None: ("s", OKABE_ITO["light"], "kan inte bedömas"),
    "higher": ("D", OKABE_ITO["blue"], "högre än riket"),
    "lower": ("d", OKABE_ITO["blue"], "lägre än riket"),
}


PRINT_MM = CHART_MM  # a chart's printed width unless it says otherwise (``markup.figure``)


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str
    width_mm: float | None = None  # printed at this width (its own size); None: PRINT_MM

    @property
    def print_mm(self) -> float:
        return self.width_mm or PRINT_MM


def natural_mm(png: bytes) -> float:
    """The width a chart's PNG has at the charts' resolution, in millimetres (from its IHDR header)."""
    return int.from_bytes(png[16:20], "big") / DPI * 25.4


def at_own_size(png: bytes, alt: str) -> Chart:
    """A chart printed at the size it was drawn (never wider than the column), so its text keeps its points."""
    return Chart(png, alt, min(natural_mm(png), COLUMN_MM))


def _style():
    return plt.rc_context({"font.family": "sans-serif", "font.sans-serif": [house_font()], "font.size": 8.5,
                           "axes.titlesize": 8.5, "axes.labelsize": 8.5, "legend.fontsize": 7.5,
                           "xtick.labelsize": 7.5, "ytick.labelsize": 7.5,
                           "axes.spines.top": False, "axes.spines.right": False,
                           "figure.facecolor": "white",
                           # a fixed title height: matplotlib would otherwise measure the axis on
                           # every draw to keep titles clear of top ticks, which we never have
                           "axes.titley": 1.0})


# Charts made from demonstration values carry the word on the image itself (and in the alt text)
DEMO_MARK: ContextVar[bool] = ContextVar("demo_mark", default=False)
DEMO_WORD = "Demodata"


@contextmanager
def demo_marked(enabled: bool):
    """Within this block every chart drawn says "Demodata" on the image and in its alt text."""
    token = DEMO_MARK.set(enabled)
    try:
        yield
    finally:
        DEMO_MARK.reset(token)


def _alt(text: str) -> str:
    return f"{DEMO_WORD} – inte officiell statistik. {text}" if DEMO_MARK.get() else text


def _to_png(fig) -> bytes:
    """Draw once on a canvas with room around the axes, crop to the ink, and encode as RGB PNG.

    Matplotlib's ``bbox_inches="tight"`` gives the same crop but lays the figure out twice, and
    charts are most of a briefing's run time. No alpha channel: the PDF would store it apart."""
    _make_room(fig)
    if DEMO_MARK.get():
        fig.text(0.5, 0.5, DEMO_WORD.upper(), ha="center", va="center", fontsize=30, color="#b07a00", alpha=0.35,
                 rotation=18, fontweight="bold", zorder=10)
    canvas = Canvas(fig)  # a renderer shared with the charts before it (see ``canvas``)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    ink = rgba.view(np.uint32)[:, :, 0] != WHITE  # one comparison per pixel
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    pad = round(PAD_IN * DPI)
    # ink near the canvas edge means something may reach past the room (a glyph can be cut in
    # a white gap): let matplotlib find the bounds instead
    near = 2 * pad
    if not rows.size or min(rows[0], cols[0], ink.shape[0] - 1 - rows[-1], ink.shape[1] - 1 - cols[-1]) < near:
        return _tight_png(fig)
    plt.close(fig)
    crop = rgba[max(rows[0] - pad, 0):rows[-1] + pad + 1, max(cols[0] - pad, 0):cols[-1] + pad + 1]
    return encode_rgb(crop[:, :, :3])


def _tight_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=PAD_IN)
    plt.close(fig)
    return encode_rgb(np.asarray(Image.open(buffer).convert("RGB")))


def _make_room(fig) -> None:
    """Grow the canvas by ``ROOM`` around the axes, which keep their size and place in inches."""
    width, height = fig.get_size_inches()
    left, bottom, right, top = ROOM
    grown_w, grown_h = width + left + right, height + bottom + top
    fig.set_dpi(DPI)
    for ax in fig.axes:
        x, y, w, h = ax.get_position(original=True).bounds
        ax.set_position([(x * width + left) / grown_w, (y * height + bottom) / grown_h,
                         w * width / grown_w, h * height / grown_h])
    fig.set_size_inches(grown_w, grown_h)


def _decimals(ticks) -> int:
    """The fewest decimals that show every tick exactly (2,5 stays 2,5, never 3)."""
    return next((d for d in range(3) if all(abs(t * 10**d - round(t * 10**d)) < 1e-6 for t in ticks)), 3)


class _SwedishTicks(Formatter):
    """Tick labels with decimal comma and as many decimals as the ticks need, all alike."""

    def __call__(self, value, pos=None):
        return format_signed(value, _decimals(self.locs))

    def format_ticks(self, values):
        decimals = _decimals(values)
        return [format_signed(v, decimals) for v in values]


def _swedish_axis(axis) -> None:
    axis.set_major_formatter(_SwedishTicks())


# --- one indicator: trend by sex with benchmarks, and the peers ------------------------------

def _series_styles(result: Result) -> dict[str, dict]:
    ind, kommun = result.indicator, result.kommun.name
    return {
        f"{kommun}, totalt": dict(color=OKABE_ITO["blue"], lw=2.4, marker="D", ls="-"),  # the kommun: a blue diamond
        "K": dict(color=WOMEN, lw=1.5, marker="^", ls="--", label=f"{kommun}, {ind.female_label}"),
        "M": dict(color=MEN, lw=1.5, marker="s", ls="-.", label=f"{kommun}, {ind.male_label}"),
        lan_of(result.kommun).name: dict(color=OKABE_ITO["grey"], lw=1.5, marker="", ls="-"),
        "Riket": dict(color=OKABE_ITO["black"], lw=1.3, marker="", ls=":"),
    }


DRAWN = 64  # indicator charts a process keeps: more than one kommun's indicators
_drawn: dict[tuple[int, bool], tuple[Finding, Chart | None]] = {}


def indicator_chart(finding: Finding) -> Chart | None:
    """Left: the kommun (total, women, men) with its län and Riket over the years, the kommun's
    95 % intervals as whiskers, the trend window shaded where a trend was judged and the kommun's own
    goal, if any, as a black line from the latest year to a star at the target year. Right: the
    kommun against its peer group in the year shown.

    Drawn once per finding: an indicator shown in two themes (the overview shows low economic standard)
    has one ``Finding`` for the kommun (``findings.shared``), and so one chart."""
    key = (id(finding), DEMO_MARK.get())
    held = _drawn.get(key)
    if held is not None and held[0] is finding:  # the finding is held, so its id is not reused
        return held[1]
    chart = _indicator_chart(finding)
    if len(_drawn) >= DRAWN:
        _drawn.pop(next(iter(_drawn)))  # the oldest
    _drawn[key] = (finding, chart)
    return chart


@collected_after()
def _indicator_chart(finding: Finding) -> Chart | None:
    result, goal = finding.result, finding.goal
    window = finding.window if finding.trend else []
    if not _drawn_years(result).size:
        return None
    with sns.axes_style("whitegrid"), _style():
        peers = _peer_rows(result)
        fig, axes = plt.subplots(1, 2 if peers else 1, figsize=(WIDTH_IN, 1.95), squeeze=False,
                                 gridspec_kw={"width_ratios": [1.75, 1] if peers else [1], "wspace": 0.45})
        _trend_panel(axes[0][0], result, window or [], goal)
        if peers:
            _peer_panel(axes[0][1], result, peers)
            _legend_clear_of(axes[0][0], axes[0][1])
        alt = trend_alt_text(result, window) + (f" {goal_alt_text(goal)}" if goal else "")
        return Chart(_to_png(fig), _alt(alt + " " + peer_alt_text(result, peers)))


def _drawn_years(result: Result, own_only: bool = False) -> np.ndarray:
    """The years of the values a trend panel draws: the kommun's, the län's and Riket's in total
    (Riket's by sex are not drawn); none when the kommun itself has no value. ``own_only``: the
    kommun's alone (the län's and Riket's totals would dwarf a count)."""
    keys = result.history_keys()
    drawn = keys["known"] & ~np.isin(keys["series"], ["Riket K", "Riket M"])
    own = drawn & (keys["area"] == result.kommun.code)
    return keys["year"][own if own_only else drawn] if own.any() else keys["year"][:0]


def _trend_panel(ax, result: Result, window: list[int], goal: Status | None = None) -> None:
    styles = _series_styles(result)
    if result.indicator.is_count:  # the län's and Riket's totals would dwarf the kommun
        styles = {s: style for s, style in styles.items() if s in (f"{result.kommun.name}, totalt", "K", "M")}
    if len(window) > 1:
        ax.axvspan(window[0] - 0.3, window[-1] + 0.3, color=OKABE_ITO["light"], alpha=0.45, lw=0, zorder=0,
                   label="bedömd period")
    for series, style in styles.items():
        rows = result.series_rows(series)
        if rows.empty:
            continue
        years, values = rows["year"].to_numpy(), rows["value"].to_numpy(dtype=float)
        ax.plot(*_with_gaps(years, values, STEPS.get(result.indicator.publication, 1)),
                **{"label": series, "markersize": 3.5, **style})
        low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        whiskers = ~(np.isnan(low) | np.isnan(high))
        if series == f"{result.kommun.name}, totalt" and whiskers.any():
            ax.vlines(years[whiskers], low[whiskers], high[whiskers], color=style["color"], lw=1,
                      label="95 % konfidensintervall")
    if goal:
        _goal_line(ax, _drawn_years(result, own_only=result.indicator.is_count).max(), goal)
    _sensible_span(ax, result)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    _swedish_axis(ax.yaxis)
    ax.set_ylabel(UNITS[result.indicator.unit][1])
    ax.grid(axis="x", visible=False)
    ax.set_title("Utveckling över tid", loc="left", fontweight="bold")
    _trend_legend(ax, 3)


def _trend_legend(ax, columns: int):
    return ax.legend(loc="upper left", bbox_to_anchor=(0, -0.13), ncol=columns, frameon=False, handlelength=2.4,
                     columnspacing=1.2)


def _legend_clear_of(trend, peer) -> None:
    """The trend panel's legend keeps clear of the peer panel's "bättre →" (in two columns where
    three would reach under it)."""
    label = peer.xaxis.label
    if not label.get_text():
        return
    measure = labels.renderer(trend.figure.dpi)
    legend = trend.get_legend()
    label_left = peer.get_window_extent(measure).x0 + peer.get_window_extent(measure).width / 2 \
        - labels.text_box(label, measure).width / 2
    if legend.get_window_extent(measure).x1 > label_left - 4:
        legend.remove()
        _trend_legend(trend, 2)


def _goal_line(ax, latest_year: int, goal: Status) -> None:
    """The target ahead: a thin solid black line at the target from the latest year to the target year,
    ending in a star labelled with the target. Solid black is used by no other series or reference
    line, so it reads apart from them in colour and in greyscale."""
    g = goal.goal
    start = goal.value_year or latest_year
    label = f"mål: {g.target_text}".replace("\u00a0", " ")
    ax.plot([start, g.year], [g.target, g.target], color=OKABE_ITO["black"], lw=0.9, label=label)
    ax.plot([g.year], [g.target], marker="*", markersize=9, color=OKABE_ITO["black"], ls="none")
    ax.annotate(f"{g.target_value_text}, {g.year}", (g.year, g.target), textcoords="offset points", xytext=(0, 6),
                ha="center", fontsize=7)
    ax.margins(y=0.12)  # room for the label above the star


GOAL_PANELS = 8  # small charts in one figure: four rows fill about half an A4 page


def goal_panels(pairs: list[tuple[Result, Status]]) -> list[Chart]:
    """One small chart per goal, two to a row, at most GOAL_PANELS to a figure: the kommun's
    published values over the years, Riket dotted for reference, and the target ahead (see
    ``_goal_line``), titled with the status."""
    drawn = [(r, g) for r, g in pairs if r.history_keys()["known"].any()]
    return [_goal_figure(drawn[i:i + GOAL_PANELS]) for i in range(0, len(drawn), GOAL_PANELS)]


@collected_after()
def _goal_figure(drawn: list[tuple[Result, Status]]) -> Chart:
    # one goal gets the width of the page: a lone half-width panel, cropped, would be scaled up twice
    columns = 1 if len(drawn) == 1 else 2
    rows = -(-len(drawn) // columns)
    with sns.axes_style("whitegrid"), _style():
        fig, axes = plt.subplots(rows, columns, figsize=(WIDTH_IN, 1.75 * rows), squeeze=False,
                                 gridspec_kw={"wspace": 0.35, "hspace": 0.95})
        for ax, (r, goal) in zip(axes.flat, drawn, strict=False):
            for series in (f"{r.kommun.name}, totalt", "Riket"):
                style = _series_styles(r)[series]
                rows = r.series_rows(series)
                points = _with_gaps(rows["year"].to_numpy(), rows["value"].to_numpy(dtype=float),
                                    STEPS.get(r.indicator.publication, 1))
                ax.plot(*points, **{**style, "lw": style["lw"] * 0.7, "markersize": 2.5})
            _goal_line(ax, _known_years(r)[-1], goal)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
            _swedish_axis(ax.yaxis)
            ax.grid(axis="x", visible=False)
            title = textwrap.fill(r.indicator.title, 44)
            ax.set_title(f"{title}\n{goal.words.capitalize()}", loc="left", fontsize=7.5)
        for ax in axes.flat[len(drawn):]:
            ax.set_visible(False)
        kommun = drawn[0][0].kommun.name
        alt = (f"Små linjediagram, ett per mål, med {kommun} (heldragen blå linje) och riket (prickad): "
               + " ".join(f"{r.indicator.title}: {r.indicator.show(r.value)} ({g.period}), mål {g.goal.target_text}, "
                          f"{g.words}." for r, g in drawn))
        return Chart(_to_png(fig), _alt(alt))


def goal_alt_text(goal: Status) -> str:
    return f"En svart linje med en stjärna visar kommunens mål, {goal.goal.target_text}: {goal.words}."


STEPS = {"election": 4}  # years between two published points; more means a gap in the series


def _with_gaps(years: np.ndarray, values: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """The points in year order with a break (a missing value) wherever years are missing, so no
    line is drawn across years without data."""
    order = np.argsort(years, kind="stable")
    years, values = years[order], values[order]
    breaks = np.flatnonzero(np.diff(years) > step) + 1  # the first point after each gap
    if not breaks.size:
        return years, values
    return np.insert(years.astype(float), breaks, years[breaks] - 0.5), np.insert(values, breaks, np.nan)


MIN_SPAN = {"procent": 4.0, "ar": 2.0, "per_1000": 2.0, "per_100000": 100.0, "dagar": 4.0, "poang": 20.0,
            "km": 1.0}


def _sensible_span(ax, result: Result) -> None:
    """A value axis spans at least a sensible amount for the unit, so that 0,1 year never looks dramatic."""
    span = MIN_SPAN.get(result.indicator.unit)
    low, high = ax.get_ylim()
    if span and high - low < span:
        middle = (low + high) / 2
        low, high = middle - span / 2, middle + span / 2
        if result.indicator.unit == "procent":
            low, high = max(0.0, low), min(100.0, high)
        ax.set_ylim(low, high)


def _peer_rows(result: Result) -> list[tuple[str, float | None, bool]]:
    # no panel of peers that all lack a value (a kommun's own values, read in for it alone)
    if result.value is None or all(v is None for _, v in result.peer_values):
        return []
    rows = [(p.name, v, False) for p, v in result.peer_values] + [(result.kommun.name, result.value, True)]
    return sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0)))


def _peer_panel(ax, result: Result, rows) -> None:
    references = {}
    if result.riket and not result.indicator.is_count and result.riket.value is not None:
        references["Riket"] = result.riket.value
    lan = result.benchmarks[1] if len(result.benchmarks) > 1 else None
    if lan is not None and lan.value is not None:
        references["Länet"] = lan.value
    if result.peers and result.peers.value is not None:
        references["Gruppens medel"] = result.peers.value
    named = _dot_panel(ax, rows, references, result.ci)
    group = result.peer_group[0].upper() + result.peer_group[1:]
    # the reference names stand in rows above the panel: the title goes above them all
    ax.set_title(f"{group} {result.year}", loc="left", fontweight="bold", pad=4 + ROW_PT * named, fontsize=7.5)
    better = {"higher": "bättre →", "lower": "← bättre"}.get(result.indicator.polarity)
    if better:
        ax.set_xlabel(better, fontsize=7)


def _dot_panel(ax, rows, references: dict[str, float], own_ci=None) -> int:
    """Dots on a fitted scale (small differences stay visible); the own area bold, as a diamond,
    with its 95 % interval as a whisker; reference lines named above. ``rows``: (name, value or None,
    is_own), top to bottom. Returns the rows of reference names above the panel."""
    rows = rows[::-1]
    others = [(y, value) for y, (_, value, is_own) in enumerate(rows) if value is not None and not is_own]
    own = [(y, value) for y, (_, value, is_own) in enumerate(rows) if value is not None and is_own]
    if own and own_ci is not None:
        ax.hlines([y for y, _ in own], own_ci.lower, own_ci.upper, color=OKABE_ITO["blue"], lw=1.2, zorder=2)
    # one collection for the other areas and one for the own: not an artist per dot
    for points, marker, colour, size in ((others, "o", OKABE_ITO["grey"], 5), (own, "D", OKABE_ITO["blue"], 7)):
        if points:
            ax.plot([v for _, v in points], [y for y, _ in points], ls="", marker=marker, color=colour,
                    markersize=size, markeredgecolor="black", zorder=3)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([name + (" (saknas)" if value is None else "") for name, value, _ in rows])
    for label, (_, _, is_own) in zip(ax.get_yticklabels(), rows, strict=True):
        label.set_fontweight("bold" if is_own else "normal")
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.margins(x=0.15)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    _swedish_axis(ax.xaxis)
    ax.grid(axis="x", visible=True)
    ax.grid(axis="y", visible=False)
    return _reference_lines(ax, references, [":", "--", "-."], 1.2)


ROW_PT = 8.5  # points between two rows of reference names above a panel


def _reference_lines(ax, references: dict[str, float], styles: list[str], width: float) -> int:
    """A line at each reference value, named above the panel and centred on it; a name that would
    touch one already placed goes up a row, so close values never print on top of each other
    ("LäRiket"). Returns the rows used."""
    named = sorted(zip(references.items(), styles, strict=False), key=lambda r: r[0][1])
    for (_, value), style in named:
        ax.axvline(value, color=OKABE_ITO["black"], ls=style, lw=width)
    ax.autoscale_view()  # the limits the names are placed by, the lines included
    measure = labels.renderer(ax.figure.dpi)
    rows: list[list[tuple[float, float]]] = []
    for (name, value), _ in named:
        text = ax.annotate(name, (value, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 2),
                           textcoords="offset points", fontsize=7, ha="center", va="bottom")
        box = labels.text_box(text, measure)
        span = (box.x0 - 3, box.x1 + 3)
        row = next((i for i, taken in enumerate(rows) if all(span[1] < a or span[0] > b for a, b in taken)),
                   len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        text.xyann = (0, 2 + ROW_PT * row)
    return len(rows)


@collected_after()
def ranking(title: str, unit: str, rows: list[tuple[str, float | None, bool]], references: dict[str, float],
            decimals: int = 1) -> Chart:
    """All kommuner of a län on one indicator, best first as given, with reference lines."""
    with sns.axes_style("whitegrid"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN * 0.8, 0.2 * len(rows) + 0.8))
        _dot_panel(ax, rows, references)
        ax.set_xlabel(UNITS[unit][1])
        known = [(n, v) for n, v, _ in rows if v is not None]
        alt = f"Punktdiagram: {title} i länets kommuner. " + "; ".join(
            f"{n} {format_value(v, unit, decimals)}" for n, v in known) + "."
        return Chart(_to_png(fig), _alt(alt))


NAMED_ROWS = 40  # a chart names at most this many areas; beyond, only the lowest and highest


@collected_after()
def within_dots(title: str, unit: str, rows: list[tuple[str, float, float | None, float | None]],
                references: dict[str, float], decimals: int = 1) -> Chart:
    """Areas inside one kommun (districts, RegSO), lowest at the bottom: a dot each with its 95 %
    interval as a whisker where one exists, the kommun's and Riket's levels as lines. ``rows``: (name,
    value, lower, upper). With more than NAMED_ROWS areas the names give way to a strip of dots."""
    named = len(rows) <= NAMED_ROWS
    height = 0.2 * len(rows) + 0.9 if named else 1.6
    with sns.axes_style("whitegrid"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN * 0.8, height))
        ys = list(range(len(rows))) if named else [0.0] * len(rows)
        values = [r[1] for r in rows]
        whiskers = [(y, lo, hi) for y, (_, _, lo, hi) in zip(ys, rows, strict=True) if lo is not None and named]
        if whiskers:  # one collection for every interval, not an artist per area
            ax.hlines([w[0] for w in whiskers], [w[1] for w in whiskers], [w[2] for w in whiskers],
                      color=OKABE_ITO["blue"], lw=1.0, zorder=2)
        ax.scatter(values, ys, marker="o", s=18 if named else 10, color=OKABE_ITO["blue"], edgecolors="black",
                   linewidths=0.4, zorder=3, alpha=1.0 if named else 0.5)
        if named:
            ax.set_yticks(ys)
            ax.set_yticklabels([r[0] for r in rows], fontsize=7)
            ax.set_ylim(-0.6, len(rows) - 0.4)
        else:
            ax.set_yticks([])
            ax.set_ylim(-1, 1)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        _reference_lines(ax, references, [":", "--"], 1.1)
        ax.set_xlabel(UNITS[unit][1])
        _swedish_axis(ax.xaxis)
        ax.grid(axis="y", visible=False)
        shown = rows if named else rows[:3] + rows[-3:]
        alt = (f"Punktdiagram: {title}, {len(rows)} områden. " + "; ".join(
            f"{n} {format_value(v, unit, decimals)}" for n, v, _, _ in shown) + "."
            + ("" if named else " (De tre lägsta och de tre högsta; alla finns i tabellen och i CSV-filen.)"))
        return Chart(_to_png(fig), _alt(alt))


def _known_years(result: Result) -> list[int]:
    """Every year the history has a value for, in order."""
    keys = result.history_keys()
    return [int(y) for y in np.unique(keys["year"][keys["known"]])]


def trend_alt_text(result: Result, window: list[int] | None = None) -> str:
    """A sentence a screen reader can read instead of the chart."""
    ind, years = result.indicator, _known_years(result)
    lan = lan_of(result.kommun).name
    shown = [(f"{result.kommun.name}, totalt", result.kommun.name)]
    if not ind.is_count:
        shown += [(lan, lan), ("Riket", "riket")]
    shown = [(series, label) for series, label in shown if len(result.series_rows(series))]  # only what is drawn
    places = and_list([label for _, label in shown])
    parts = [f"Linjediagram: {ind.title}, {year_span(years[0], years[-1])}, för {places}."]
    for series, label in shown:
        rows = result.series_rows(series)
        if len(rows):
            first, last = rows.iloc[0], rows.iloc[-1]
            place = label[0].upper() + label[1:]
            parts.append(f"{place}: {result.indicator.show(first['value'])} år {int(first['year'])}, "
                         f"{result.indicator.show(last['value'])} år {int(last['year'])}.")
    if window and len(window) > 1:
        parts.append(f"Den bedömda perioden {year_span(window[0], window[-1])} är skuggad.")
    if result.ci is not None:
        parts.append("Lodräta streck visar kommunens 95-procentiga konfidensintervall.")
    return " ".join(parts)


def peer_alt_text(result: Result, rows) -> str:
    known = [(name, value) for name, value, own in rows if value is not None and not own]
    if not known:
        return ""
    low, high = min(known, key=lambda r: r[1]), max(known, key=lambda r: r[1])
    show = result.indicator.show
    return (f"Punktdiagram {result.year}, {result.peer_group}: {result.kommun.name} {show(result.value)}; "
            f"kommunerna i gruppen från {show(low[1])} ({low[0]}) till {show(high[1])} ({high[0]}).")


def table_for(finding: Finding) -> tuple[list[str], list[list[str]]]:
    """The table under the chart: the window's years (or the last five with data), the kommun's
    values with their 95 % interval, women, men, the län and Riket; with a goal, a last row with
    the distance left to the target each year."""
    result, window, goal = finding.result, finding.window, finding.goal
    years = window if len(window) > 1 else _known_years(result)[-5:]
    names = {"K": f"{result.kommun.name}, {result.indicator.female_label}",
             "M": f"{result.kommun.name}, {result.indicator.male_label}"}
    decimals = result.indicator.decimals
    rows = []
    for series in _series_styles(result):
        found = result.series_rows(series)
        if found.empty:
            continue
        cells = dict(zip(found["year"].tolist(), zip(found["value"].tolist(), found["ci_low"].tolist(),
                                                      found["ci_high"].tolist(), strict=True), strict=True))
        row = [names.get(series, series)]
        for year in years:
            if year not in cells:
                row.append(MISSING)
                continue
            value, low, high = cells[year]
            text = format_number(value, decimals)
            if pd.notna(low) and series == f"{result.kommun.name}, totalt":
                text += f" ({format_number(low, decimals)}–{format_number(high, decimals)})"
            row.append(text)
        rows.append(row)
    if goal:
        rows.append(_goal_row(result, goal, years))
    return ["", *[result.indicator.period(y, result.kommun.code) for y in years]], rows


def _goal_row(result: Result, goal: Status, years: list[int]) -> list[str]:
    """``Kvar till målet (procentenheter), högst 15 % senast 2030``: how far each year's value is from
    the target."""
    g, ind = goal.goal, result.indicator
    own = result.history[result.history["series"] == f"{result.kommun.name}, totalt"].set_index("year")["value"]
    cells = []
    for year in years:
        value = own.get(year)
        if value is None or pd.isna(value):
            cells.append(MISSING)
            continue
        cells.append("nått" if g.met_by(value) else format_number(g.left(value), ind.decimals))
    return [f"Kvar till målet ({difference_unit(ind.unit)}), {g.target_text}", *cells]


# --- a theme: spine chart and sex gaps -------------------------------------------------------

@collected_after()
def spine(results: list[Result]) -> Chart | None:
    """Every indicator on one line each, scaled so that Riket is in the middle and better is to
    the right: the bar is the range of all kommuner (darker: the middle half), the marker is the
    kommun, its shape says better, similar or worse."""
    rows = [r for r in results if r.value is not None and r.riket and r.riket.value is not None
            and len(r.distribution) > 1]
    if not rows:
        return None
    with sns.axes_style("white"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.34 * len(rows) + 0.7))
        fig.subplots_adjust(left=LABELS_INSIDE, right=0.98)  # titles inside the width it prints at
        for y, r in enumerate(rows[::-1]):
            sign = -1 if r.indicator.polarity == "lower" else 1
            values = r.distribution.to_numpy()
            scale = max(np.abs(values - r.riket.value).max(), 1e-9)
            z = sign * (values - r.riket.value) / scale
            q1, q3 = np.percentile(z, [25, 75])
            ax.plot([z.min(), z.max()], [y, y], color=OKABE_ITO["light"], lw=7, solid_capstyle="butt")
            # the worst and the best kommun's values at the ends of the bar, as Fingertips shows them
            worst, best = (values[np.argmin(z)], values[np.argmax(z)])
            ax.text(z.min() - 0.02, y, r.indicator.show(worst), ha="right", va="center", fontsize=7, color="#555555")
            ax.text(z.max() + 0.02, y, r.indicator.show(best), ha="left", va="center", fontsize=7, color="#555555")
            ax.plot([q1, q3], [y, y], color=MIDDLE_HALF, lw=7, solid_capstyle="butt")
            marker, colour, _ = VERDICT_STYLE[r.riket.verdict]
            # a verdict from the fallback rule (no interval) is drawn hollow, so it never passes for
            # a statistically supported one
            fill = "white" if r.riket.method == SPREAD else colour
            ax.plot(sign * (r.value - r.riket.value) / scale, y, marker=marker, color=colour, markerfacecolor=fill,
                    markeredgecolor="black", markersize=8, zorder=3)
        ax.axvline(0, color="black", lw=1)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([_spine_label(r) for r in rows[::-1]], fontsize=7, linespacing=0.95)
        _room_for_ends(ax, -1.55, 1.45)  # the worst and best values beside the bar, within the axes
        ax.set_xticks([-1, 0, 1])
        ax.set_xticklabels(["← sämre (sämsta kommunen)", "riket", "(bästa kommunen) bättre →"])
        ax.tick_params(axis="y", length=0)
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
        used = [v for v in VERDICT_STYLE if any(r.riket.verdict == v for r in rows)]
        handles = [plt.Line2D([], [], marker=m, color=c, markeredgecolor="black", ls="", label=label)
                   for m, c, label in (VERDICT_STYLE[v] for v in used)]
        if any(r.riket.method == SPREAD for r in rows):
            handles.append(plt.Line2D([], [], marker="o", color="black", markerfacecolor="white", ls="",
                                      label="ofylld: utan intervall (märkbar skillnad)"))
        _legend_within(ax, handles, -0.08 - 0.6 / len(rows))
        return Chart(_to_png(fig), _alt(spine_alt_text(rows)))


def _legend_within(ax, handles: list, below: float) -> None:
    """A legend under the panel, centred on the figure, in as many columns as the figure's width holds."""
    left, right = ax.get_position().x0, ax.get_position().x1
    centre = (0.5 - left) / (right - left)  # the figure's middle, in the panel's own fractions
    measure = labels.renderer(ax.figure.dpi)
    room = (ax.figure.get_figwidth() - 2 * PAD_IN - 0.05) * ax.figure.dpi  # the white border is printed too
    for columns in range(len(handles), 0, -1):
        legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(centre, below), ncol=columns,
                           frameon=False, handletextpad=0.3, columnspacing=1)
        if legend.get_window_extent(measure).width <= room or columns == 1:
            return


def _room_for_ends(ax, left: float, right: float) -> None:
    """Widen the value axis until the values printed at the ends of the bars fit inside it, so a long
    one ("3 950 per 100 000") never reaches into the row titles."""
    ax.set_xlim(left, right)
    measure = labels.renderer(ax.figure.dpi)
    per_px = (right - left) / ax.get_window_extent(measure).width
    for text in ax.texts:
        reach = labels.text_box(text, measure).width * per_px + 0.04
        x = text.get_position()[0]
        if text.get_ha() == "right":
            left = min(left, x - reach)
        else:
            right = max(right, x + reach)
    ax.set_xlim(left, right)


def _spine_label(r: Result) -> str:
    """The whole title, wrapped on two or three lines rather than cut off."""
    title = r.indicator.title + (" (högre →)" if r.indicator.polarity == "neutral" else "")
    return "\n".join(textwrap.wrap(title, 34))


def spine_alt_text(rows: list[Result]) -> str:
    groups = {}
    for r in rows:
        groups.setdefault(VERDICT_STYLE[r.riket.verdict][2], []).append(r.indicator.title)
    parts = [f"{label}: {and_list(titles)}" for label, titles in groups.items()]
    return (f"Ryggradsdiagram över {len(rows)} indikatorer: för var och en kommunens värde som en symbol mot riket "
            f"i mitten och en stapel från den sämsta till den bästa kommunen. " + ". ".join(parts) + ".")


def sex_gaps(found: list[Finding]) -> Chart | None:
    """The gap itself, women minus men, for the kommun (filled, with its 95 % interval) and Riket
    (hollow), on one common scale per unit with zero in the middle: no panel is zoomed to its own
    two values, so a small gap looks small."""
    pairs = [(f.result, f.sex_gap) for f in found if f.sex_gap is not None and not f.indicator.is_count]
    if not pairs:
        return None
    labels = {r.indicator.sex_labels for r, _ in pairs}
    women, men = ("kvinnor", "män") if labels == {"kvinnor/män"} else ("flickor", "pojkar") \
        if labels == {"flickor/pojkar"} else ("kvinnor/flickor", "män/pojkar")
    rows = [GapRow(r.indicator.title, r.indicator.unit, g) for r, g in pairs]
    chart = gaps(rows, pairs[0][0].kommun.name, (f"{men} högre", f"{women} högre"))
    alt = sex_gap_alt_text(pairs)
    return Chart(chart.png, _alt(alt))


@dataclass(frozen=True)
class GapRow:
    label: str  # what the row shows, e.g. "Sysselsättningsgrad 20–64 år"
    unit: str
    gap: object  # trends.Gap


@collected_after()
def gaps(rows: list[GapRow], kommun: str, ends: tuple[str, str] | None = None) -> Chart:
    """Gaps on one common scale per unit, zero in the middle: the kommun's gap (a diamond with its
    interval) and Riket's (a hollow circle). ``ends`` names what each side of zero means."""
    units = list(dict.fromkeys(row.unit for row in rows))
    heights = [sum(row.unit == u for row in rows) for u in units]
    with sns.axes_style("whitegrid"), _style():
        fig, axes = plt.subplots(len(units), 1, figsize=(WIDTH_IN, 0.42 * sum(heights) + 0.75 * len(units)),
                                 squeeze=False, gridspec_kw={"height_ratios": heights, "hspace": 0.9})
        fig.subplots_adjust(left=LABELS_INSIDE, right=0.97)
        for ax, unit in zip(axes[:, 0], units, strict=True):
            _gap_panel(ax, [row for row in rows if row.unit == unit], unit, ends)
        handles = [plt.Line2D([], [], marker="D", color=OKABE_ITO["blue"], mec="black", ls="", label=kommun),
                   plt.Line2D([], [], marker="o", mfc="white", mec="black", ls="", label="riket"),
                   plt.Line2D([], [], color=OKABE_ITO["blue"], lw=1.2, label="95 % konfidensintervall")]
        axes[0, 0].legend(handles=handles, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 1.0))
        alt = "Punktdiagram över skillnader mellan grupper i " + kommun + " och i riket. " + "; ".join(
            f"{row.label}: {kommun} {format_number(row.gap.shown, 1)}"
            + (f", riket {format_number(row.gap.riket_shown, 1)}" if row.gap.riket_gap is not None else "")
            for row in rows) + "."
        return Chart(_to_png(fig), _alt(alt.replace("-", "\u2212")))


def _gap_panel(ax, rows: list[GapRow], unit: str, ends: tuple[str, str] | None) -> None:
    rows = rows[::-1]
    values = [row.gap.gap for row in rows] + [row.gap.riket_gap for row in rows if row.gap.riket_gap is not None]
    values += [x for row in rows if row.gap.ci for x in (row.gap.ci.lower, row.gap.ci.upper)]
    reach = max(max(abs(v) for v in values), MIN_SPAN.get(unit, 1.0) / 2) * 1.15
    # one collection each for the intervals, the kommun's gaps and Riket's: not artists per row
    whiskers = [(y, row.gap.ci) for y, row in enumerate(rows) if row.gap.ci is not None]
    if whiskers:
        ax.hlines([y for y, _ in whiskers], [c.lower for _, c in whiskers], [c.upper for _, c in whiskers],
                  color=OKABE_ITO["blue"], lw=1.2, zorder=2)
    ax.plot([row.gap.gap for row in rows], range(len(rows)), "D", color=OKABE_ITO["blue"], mec="black",
            markersize=6, zorder=3)
    riket = [(y, row.gap.riket_gap) for y, row in enumerate(rows) if row.gap.riket_gap is not None]
    if riket:
        ax.plot([v for _, v in riket], [y for y, _ in riket], "o", mfc="white", mec="black", markersize=6, zorder=3)
    ax.axvline(0, color="black", lw=1)
    ax.set_xlim(-reach, reach)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(["\n".join(textwrap.wrap(row.label, 38)) for row in rows], fontsize=7, linespacing=0.95)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, symmetric=True))
    _swedish_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    what = f"skillnad i {difference_unit(unit)}"
    ax.set_xlabel(f"← {ends[0]}     {what}     {ends[1]} →" if ends else what, fontsize=7)


def sex_gap_alt_text(rows: list) -> str:
    parts = []
    for r, g in rows:
        riket = f", riket {_gap(r, g.riket_shown)}" if g.riket_gap is not None else ""
        parts.append(f"{r.indicator.title}: {r.kommun.name} {_gap(r, g.shown)}{riket}")
    return ("Punktdiagram över skillnaden mellan kvinnor och män (kvinnor minus män) i "
            f"{rows[0][0].kommun.name} och i riket. " + "; ".join(parts) + ".")


def _gap(r: Result, value: float) -> str:
    return format_gap(value, r.indicator.unit, r.indicator.decimals, signed=True)


# --- population by age and sex (SCB) ---------------------------------------------------------

POPULATION_PREFIX = "befolkning_"


def _age_label(indicator: str) -> str:
    key = indicator.removeprefix(POPULATION_PREFIX)
    return key.replace("_plus", "+").replace("_", "–")


def _age_order(indicator: str) -> int:
    return int(indicator.removeprefix(POPULATION_PREFIX).split("_")[0])


@collected_after()
def pyramid(rows: pd.DataFrame, place: str, reference: pd.DataFrame | None = None,
            reference_name: str = "Riket") -> Chart | None:
    """Women (right) and men (left) by age group as shares of the whole population, with the
    reference area's shares as an outline. ``rows``: store rows of one area and year."""
    by_sex = rows[rows["sex"].isin(["K", "M"])].dropna(subset=["value"])
    if by_sex.empty:
        return None
    shares = _shares(by_sex)
    ref = _shares(reference[reference["sex"].isin(["K", "M"])].dropna(subset=["value"])) \
        if reference is not None and not reference.empty else None
    ages = sorted(shares.index, key=_age_order)
    with sns.axes_style("whitegrid"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN * 0.75, 2.8))
        y = np.arange(len(ages))
        ax.barh(y, -shares.loc[ages, "M"], color=MEN, label=f"{place}, män", height=0.8)
        ax.barh(y, shares.loc[ages, "K"], color=WOMEN, hatch="//", edgecolor="white",
                label=f"{place}, kvinnor", height=0.8)
        if ref is not None:
            ax.step(-ref.reindex(ages)["M"], y, where="mid", color="black", lw=1, ls=":", label=reference_name)
            ax.step(ref.reindex(ages)["K"], y, where="mid", color="black", lw=1, ls=":")
        ax.set_yticks(y)
        ax.set_yticklabels([_age_label(a) for a in ages])
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(abs(v), 0) + "\u00a0%"))
        ax.set_xlabel("andel av befolkningen")
        ax.axvline(0, color="black", lw=0.8)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, frameon=False)
        year = int(rows["year"].max())
        largest = shares.sum(axis=1).idxmax()
        alt = (f"Befolkningspyramid för {place} {year}: andel kvinnor och män i varje tioårsgrupp. Störst är "
               f"gruppen {_age_label(largest)} år med {format_number(shares.loc[largest].sum(), 1)} % av invånarna.")
        return Chart(_to_png(fig), _alt(alt))


def _shares(rows: pd.DataFrame) -> pd.DataFrame:
    wide = rows.pivot_table(index="indicator", columns="sex", values="value", aggfunc="sum")
    return 100 * wide / wide.to_numpy().sum()


@collected_after()
def gradient(title: str, labels: list[str], series: dict[str, list[float]], unit: str) -> Chart:
    """The value in each ordered group (lowest first) for the kommun (filled) and Riket (hollow)."""
    with sns.axes_style("whitegrid"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN * 0.75, 2.0))
        x = list(range(len(labels)))
        for (name, values), style in zip(series.items(), [
                dict(color=OKABE_ITO["blue"], marker="D", ls="-", lw=2, mec="black"),
                dict(color=OKABE_ITO["black"], marker="o", ls=":", lw=1.3, mfc="white")], strict=False):
            ax.plot(x, values, label=name, markersize=6, **style)
        ax.set_xticks(x)
        ax.set_xticklabels(["\n".join(textwrap.wrap(label, 12)) for label in labels], fontsize=7)
        _swedish_axis(ax.yaxis)
        ax.set_ylabel(UNITS[unit][1])
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper left", frameon=False)
        parts = "; ".join(f"{name}: " + ", ".join(f"{label} {format_value(v, unit, 1)}" for label, v in
                                                    zip(labels, values, strict=True))
                          for name, values in series.items())
        return Chart(_to_png(fig), _alt(f"Linjediagram: {title}, grupp för grupp. {parts}."))


@dataclass(frozen=True)
class GroupPanel:
    """One outcome's values by group, in the groups' order: ``own`` and ``riket`` as (group, value,
    lower, upper), the bounds None where the source gives no usable interval."""

    title: str
    own: list[tuple[str, float, float | None, float | None]]
    riket: list[tuple[str, float, float | None, float | None]]


GROUP_COLUMNS = 4  # panels per row: four fit the A4 text column with three readable group names


@collected_after()
def group_gradients(kommun: str, breakdown_title: str, panels: list[GroupPanel], short: dict[str, str]) -> Chart:
    """Small multiples, one panel per outcome: each group's share with its 95 % interval for the kommun
    (filled) and Riket (open, beside it), groups in their order from left to right. ``short`` gives
    each group's label under the axis."""
    groups = max((len({g for g, *_ in p.own} | {g for g, *_ in p.riket}) for p in panels), default=0)
    columns = GROUP_COLUMNS if groups <= 3 else GROUP_COLUMNS - 1  # four group names need wider panels
    rows = -(-len(panels) // columns)
    with sns.axes_style("whitegrid"), _style():
        fig, axes = plt.subplots(rows, columns, figsize=(WIDTH_IN, 1.6 * rows + 0.2), squeeze=False)
        for ax in axes.flat[len(panels):]:
            ax.set_visible(False)
        for ax, panel in zip(axes.flat, panels, strict=False):
            groups = [g for g, *_ in panel.own] + [g for g, *_ in panel.riket if g not in {o[0] for o in panel.own}]
            order = [g for g in short if g in groups] or groups
            for points, shift, face, label in ((panel.own, -0.13, OKABE_ITO["blue"], kommun),
                                               (panel.riket, 0.13, "white", "Riket")):
                xs = [order.index(g) + shift for g, *_ in points if g in order]
                kept = [p for p in points if p[0] in order]
                bars = [(x, lo, hi) for x, (_, _, lo, hi) in zip(xs, kept, strict=True) if lo is not None]
                if bars:  # one collection for all whiskers
                    ax.vlines([b[0] for b in bars], [b[1] for b in bars], [b[2] for b in bars],
                              color=OKABE_ITO["blue"] if face != "white" else OKABE_ITO["black"], lw=1.0)
                ax.scatter(xs, [p[1] for p in kept], s=16, color=face, edgecolors="black", linewidths=0.6,
                           zorder=3, label=label)
            ax.set_xticks(range(len(order)))
            ax.set_xticklabels([short.get(g, g).replace(" ", "\n") for g in order], fontsize=7)
            ax.set_xlim(-0.5, len(order) - 0.5)
            ax.set_title(textwrap.fill(panel.title, 24), fontsize=7, loc="left")
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            _swedish_axis(ax.yaxis)
            ax.tick_params(axis="y", labelsize=7)
            ax.grid(axis="x", visible=False)
        axes.flat[0].set_ylabel("procent", fontsize=7)
        handles, labels = axes.flat[0].get_legend_handles_labels()
        # the legend in the first empty panel, else under the last: held by an axes, so it stays beside
        # the panels when the canvas grows around them (``_make_room``)
        if len(panels) < axes.size:
            spare = axes.flat[len(panels)]
            spare.set_visible(True)
            spare.axis("off")
            spare.legend(handles, labels, loc="center", fontsize=7, frameon=False)
        else:
            axes.flat[-1].legend(handles, labels, loc="upper right", bbox_to_anchor=(1.0, -0.25), ncol=2, fontsize=7,
                                 frameon=False)
        fig.tight_layout(h_pad=0.8, w_pad=0.6)
        described = "; ".join(
            f"{p.title}: " + ", ".join(f"{short.get(g, g)} {format_value(v, 'procent', 0)}" for g, v, *_ in p.own)
            for p in panels)
        alt = (f"Punktdiagram i {len(panels)} delar, hälsa {breakdown_title.lower()} i {kommun} jämfört med riket, "
               f"med 95 % konfidensintervall. {described}.")
        return Chart(_to_png(fig), _alt(alt))
