"""Small HTML fragments for notebook outputs. Every text is escaped: names and notes are text,
never markup. Print layout lives in the export template's CSS; classes here are its hooks.
"""

import base64
from html import escape

import pandas as pd

from jamlik.base.text import MISSING, format_number


def element(tag: str, text: str, cls: str = "", **attrs) -> str:
    attributes = "".join(f' {k.rstrip("_")}="{escape(str(v))}"' for k, v in attrs.items())
    cls_attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{cls_attr}{attributes}>{escape(text)}</{tag}>"


def paragraphs(texts: list[str], cls: str = "") -> str:
    return "".join(element("p", t, cls) for t in texts if t)


COLUMN_MM = 174.0  # the A4 text column (briefing.css: 210 mm less two margins of 18 mm)
CHART_MM = 160.0  # a chart's printed width unless it gives its own: 92 % of the column


def figure(png: bytes, alt: str, caption: str = "", width_mm: float | None = None) -> str:
    """A chart with its alt text, printed ``width_mm`` wide (default ``CHART_MM``): the width is
    always stated, so a chart's text prints at a size known from the chart itself (never below
    the page's column, which ``max-width`` keeps it within)."""
    data = base64.b64encode(png).decode("ascii")
    cap = element("figcaption", caption) if caption else ""
    return (f'<figure class="jamlik-chart"><img src="data:image/png;base64,{data}" '
            f'alt="{escape(alt)}" style="width:{width_mm or CHART_MM:.2f}mm;max-width:100%">{cap}</figure>')


def table(frame: pd.DataFrame, decimals: int, caption: str = "", row_header: str = "",
          cls: str = "jamlik-table") -> str:
    """A numeric table with Swedish number format; missing cells read "uppgift saknas"."""
    head = "".join(element("th", str(c), scope="col") for c in [row_header, *frame.columns])
    rows = []
    for label, values in frame.iterrows():
        cells = "".join(element("td", format_number(v, decimals), "missing" if pd.isna(v) else "num")
                        for v in values)
        rows.append(f"<tr>{element('th', str(label), scope='row')}{cells}</tr>")
    return _wrap(f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>', cls, caption)


def text_table(header: list[str], rows: list[list[str]], cls: str = "jamlik-table", caption: str = "") -> str:
    """A table of already formatted strings; the first cell of each row is its header."""
    head = "".join(element("th", h, scope="col") for h in header)
    body = "".join(
        "<tr>" + element("th", row[0], scope="row")
        + "".join(element("td", c, "missing" if c == MISSING else "") for c in row[1:]) + "</tr>"
        for row in rows)
    return _wrap(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>", cls, caption)


def cell_table(header: list[str], rows: list[list[tuple[str, str]]], cls: str = "jamlik-table",
               caption: str = "") -> str:
    """A table of formatted cells, each ``(text, class)``; the first cell of each row is its header."""
    head = "".join(element("th", h, scope="col") for h in header)
    body = "".join("<tr>" + element("th", row[0][0], scope="row") + "".join(element("td", *cell) for cell in row[1:])
                   + "</tr>" for row in rows)
    return _wrap(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>", cls, caption)


def _wrap(content: str, cls: str, caption: str) -> str:
    """A table; one with a caption is kept whole on one page, or the caption and the rows would
    be tagged as two tables in the PDF."""
    if not caption:
        return f'<table class="{cls}">{content}</table>'
    return f'<div class="jamlik-keep"><table class="{cls}">{element("caption", caption)}{content}</table></div>'
