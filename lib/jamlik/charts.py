"""Charts in one house style: seaborn on matplotlib, Okabe–Ito colours (colour-blind safe),
line styles and markers that carry meaning without colour, Swedish labels, and alt text
written from the data.
"""

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # charts are rendered to PNG bytes, never to a window

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .compare import Result  # noqa: E402
from .text import UNITS, format_number, format_value, year_span  # noqa: E402

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73",
             "grey": "#8C8C8C", "black": "#000000"}
FONT = ["Liberation Sans", "DejaVu Sans"]
WIDTH_IN = 6.3  # fits the A4 text column
DPI = 200


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str


def _series_styles(result: Result) -> dict[str, dict]:
    ind, kommun = result.indicator, result.kommun.name
    return {
        f"{kommun}, totalt": dict(color=OKABE_ITO["blue"], lw=2.4, marker="o", ls="-"),
        "K": dict(color=OKABE_ITO["vermillion"], lw=1.5, marker="^", ls="--", label=f"{kommun}, {ind.female_label}"),
        "M": dict(color=OKABE_ITO["green"], lw=1.5, marker="s", ls="-.", label=f"{kommun}, {ind.male_label}"),
        _lan_name(result): dict(color=OKABE_ITO["grey"], lw=1.5, marker="", ls="-"),
        "Riket": dict(color=OKABE_ITO["black"], lw=1.3, marker="", ls=":"),
    }


def _lan_name(result: Result) -> str:
    from .areas import lan_of

    return lan_of(result.kommun).name


def _style():
    return plt.rc_context({"font.family": "sans-serif", "font.sans-serif": FONT, "font.size": 8.5,
                           "axes.titlesize": 9, "axes.labelsize": 8.5, "legend.fontsize": 7.5,
                           "axes.spines.top": False, "axes.spines.right": False})


def _to_png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def trend(result: Result) -> Chart | None:
    """The kommun (total, women, men) with its län and Riket over the years."""
    history = result.history.dropna(subset=["value"])
    if history.empty:
        return None
    ind = result.indicator
    styles = _series_styles(result)
    with sns.axes_style("whitegrid"), _style():
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 1.8))
        for series, style in styles.items():
            rows = history[history["series"] == series]
            if rows.empty:
                continue
            style = {"label": series, "markersize": 4, **style}
            ax.plot(rows["year"], rows["value"], **style)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, _axis_decimals(ax))))
        ax.set_ylabel(UNITS[ind.unit][1])
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=5, frameon=False,
                  handlelength=2.6)
        return Chart(_to_png(fig), trend_alt_text(result))


def _axis_decimals(ax) -> int:
    """The fewest decimals that show every tick exactly (2,5 stays 2,5, never 3)."""
    ticks = ax.get_yticks()
    return next((d for d in range(3) if all(abs(t * 10**d - round(t * 10**d)) < 1e-6 for t in ticks)), 3)


def trend_alt_text(result: Result) -> str:
    """A sentence a screen reader can read instead of the chart."""
    ind, history = result.indicator, result.history.dropna(subset=["value"])
    years = sorted(history["year"].unique())
    parts = [f"Linjediagram: {ind.title}, {year_span(years[0], years[-1])}, "
             f"för {result.kommun.name}, {_lan_name(result)} och riket."]
    for series, label in [(f"{result.kommun.name}, totalt", result.kommun.name),
                          (_lan_name(result), _lan_name(result)), ("Riket", "Riket")]:
        rows = history[history["series"] == series]
        if len(rows):
            first, last = rows.iloc[0], rows.iloc[-1]
            parts.append(f"{label}: {_v(ind, first['value'])} år {int(first['year'])}, "
                         f"{_v(ind, last['value'])} år {int(last['year'])}.")
    return " ".join(parts)


def _v(ind, value) -> str:
    return format_value(value, ind.unit, ind.decimals)


def frame_for_table(result: Result, years: int = 5) -> pd.DataFrame:
    """The last few years of the chart's series, wide, for the small table under it."""
    history = result.history
    recent = sorted(history["year"].unique())[-years:]
    wide = history[history["year"].isin(recent)].pivot(index="series", columns="year", values="value")
    order = [s for s in _series_styles(result) if s in wide.index]
    labels = {"K": f"{result.kommun.name}, {result.indicator.female_label}",
              "M": f"{result.kommun.name}, {result.indicator.male_label}"}
    return wide.reindex(order).rename(index=labels)
