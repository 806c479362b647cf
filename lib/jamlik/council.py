"""The council PDF: every theme of one kommun in one document, with a cover page, a table of
contents with page numbers, and bookmarks from the headings.

The themes' HTML (already exported) is joined into one document and rendered once, so the
PDF keeps a single structure tree (PDF/UA) instead of stitched-together files.
"""

import datetime
import re
from html import escape
from pathlib import Path

from . import areas
from .areas import Area
from .catalog import Theme
from .export import html_to_pdf
from .paths import TEMPLATES
from .text import DEMO_BAND, format_day

MAIN = re.compile(r"<main>(.*)</main>", re.S)
DEMO_DIV = re.compile(r'<div class="jamlik-demo-band"[^>]*>.*?</div>', re.S)
METHOD_DIV = re.compile(r'<div class="jamlik-method">.*?</div>', re.S)  # the same in every theme


def file_name(kommun: Area) -> str:
    return f"{kommun.name.replace(' ', '-')}-samlad.pdf"


def _body(html: str) -> str:
    match = MAIN.search(html)
    if not match:
        raise ValueError("the exported HTML has no <main> element")
    return match.group(1)


def document(kommun: Area, year: int, themes: list[tuple[Theme, str]]) -> str:
    """One HTML document: cover, contents, and each theme's briefing on its own pages."""
    bodies = [(theme, _body(html)) for theme, html in themes]
    demo = any(DEMO_DIV.search(body) for _, body in bodies)
    lan = areas.lan_of(kommun)
    title = f"Jämlik hälsa {year} – {kommun.name}"
    contents = "".join(f'<li><a href="#tema-{t.id}">{escape(t.title)}</a></li>' for t, _ in bodies)
    band = f'<div class="jamlik-demo-band" role="note">{escape(DEMO_BAND)}</div>' if demo else ""
    cover = (
        f'<section class="jamlik-cover"><p class="jamlik-kicker"><span class="running-kommun">{escape(kommun.name)}'
        f'</span> · {escape(lan.name)} · <span class="running-theme">Samlad briefing</span></p>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="jamlik-cover-lead">Hur hälsan och dess förutsättningar är fördelade i {escape(kommun.name)}: '
        f"mellan kvinnor och män, mellan grupper och jämfört med riket, länet och liknande kommuner.</p>"
        f'<p class="jamlik-meta">Skapad {format_day(datetime.date.today())}'
        + (" · Demodata – inte officiell statistik" if demo else "") + "</p>"
        f'<nav class="jamlik-toc"><h2>Innehåll</h2><ol>{contents}</ol></nav></section>')
    methods = [m.group(0) for _, body in bodies for m in [METHOD_DIV.search(body)] if m]
    themes_html = "".join(f'<div class="jamlik-theme">{METHOD_DIV.sub("", DEMO_DIV.sub("", body))}</div>'
                          for _, body in bodies)
    if methods:  # the method once, at the end of the document
        themes_html += f'<section class="jamlik-theme jamlik-method-once">{methods[0]}</section>'

    css = (TEMPLATES / "jamlik" / "briefing.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{css}</style></head><body><main>{band}{cover}{themes_html}</main></body></html>")


def write(kommun: Area, year: int, themes: list[tuple[Theme, Path]], target: Path) -> Path:
    """Make the merged PDF from the themes' exported HTML files, in the order given."""
    loaded = [(theme, Path(path).read_text(encoding="utf-8")) for theme, path in themes]
    return html_to_pdf(document(kommun, year, loaded), target)
