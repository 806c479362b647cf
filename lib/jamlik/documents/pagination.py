"""How many pages a council document would take with fewer sections, predicted from one layout.

Every top-level block of the document (the cover, the summary page, each theme, the annex) starts
a new page, so pages add up block by block. Within a block, its children follow each other; a
child holding an indicator section is never split (``break-inside: avoid``), so it moves whole to
the next page when it does not fit. That model, run on the heights measured in the laid-out
document, misses what the children hold (charts kept whole inside a splittable part), so each
block's difference between the model and its real page count is kept as that block's offset: what
changes with fewer sections is what the model predicts. A compact document (``council``) strips the
context parts' charts and tables: the model measures their heights too, and a block that loses them
loses its offset with them (the charts were what left pages short).

Measured against real layouts of Örebro län's 12 council documents, the prediction is right or one
or two pages high (never low by more than one); for compact documents of Karlskoga and Malmö, right
or one page high. The caller lays out what it chooses and checks.
"""

import re
from dataclasses import dataclass

from weasyprint.formatting_structure.boxes import LineBox

SLACK = 0.5  # px: rounding in WeasyPrint's heights


@dataclass(frozen=True)
class Block:
    pages: int  # as laid out
    # (section id or "", kept whole, height in px[, px a compact document strips[, where it may break:
    # ``_units``, or None when it is broken over pages already]])
    children: list[tuple]
    name: str = ""  # what ``Breaks.flowing`` calls the block, when it may flow on from the page before


@dataclass(frozen=True)
class Model:
    page_height: float
    blocks: list[Block]

    def pages(self, dropped: set[str], compact: bool = False) -> int:
        """The document's pages without the sections whose ids are ``dropped``; ``compact``: with the
        context parts' charts and tables stripped as well (``STRIPPED``)."""
        def kept(block: Block) -> list[tuple[str, bool, float]]:
            return [c[:3] for c in _kept(block, dropped, compact)]

        def offset(block: Block) -> int:
            """What the model misses in a block: mostly charts kept whole, leaving the foot of a page
            empty. A compact document strips the context parts' charts, and that gap with them."""
            if compact and any(len(c) > 3 and c[3] for c in block.children):
                return 0
            return block.pages - _paginate(self.page_height, block.children)

        return sum(offset(b) + _paginate(self.page_height, kept(b)) for b in self.blocks)

    def fills(self, breaks: "Breaks", dropped: frozenset[str] = frozenset(), compact: bool = False) -> list["Page"]:
        """The pages as the model lays them out with ``breaks`` (without the ``dropped`` sections, and
        ``compact`` as in ``pages``): a block that flows goes on from the page before after its top margin;
        a section that splits breaks between its parts (``_units``), one already broken over pages runs on
        like text. Where the model missed something in a block (its page count was not the layout's), the
        positions on its pages are not known (``Page.known``)."""
        height, pages = self.page_height, []
        fill, known = None, True
        for number, block in enumerate(self.blocks):
            exact = block.pages == _paginate(height, block.children)
            if fill is not None and block.name and block.name in breaks.flowing:
                fill, known = fill + (FLOW_GAP if fill > 0 else 0.0), known and exact
            else:
                if fill is not None:
                    pages.append(Page(fill / height, known, next_block=number))
                fill, known = 0.0, exact
            for section, whole, h, units in _kept(block, dropped, compact):
                split = section in breaks.split
                parts = ((h, True),) if units is None else units if split and units else ((h, not whole),)
                for part, lines in parts:  # a section that may break by its parts, one broken already like text
                    if not lines and fill > 0 and fill + part > height + SLACK:
                        pages.append(Page(fill / height, known, pushed="" if split else section))
                        fill, known = 0.0, exact
                    fill += part
                    while fill > height + SLACK:
                        pages.append(Page(1.0, known))
                        fill, known = fill - height, exact
        return pages + [Page((fill or 0.0) / height, known)]

    def tall(self) -> set[str]:
        """The sections too tall to leave a page filled when moved whole (as ``_tall`` in a layout)."""
        return {c[0] for b in self.blocks for c in b.children if c[0] and c[2] > (1 - LEAST_FILL) * self.page_height}


@dataclass(frozen=True)
class Page:
    share: float  # how far down the content reaches
    known: bool  # whether the model knows it (see ``Model.fills``)
    next_block: int | None = None  # the block that starts the next page, when one does
    pushed: str = ""  # the section moved whole to the next page, when one was


FLOW_GAP = 9 * 96 / 25.4  # px: a flowing block's top margin (briefing.css, .jamlik-flow)
FORESIGHT = 0.05  # a page is foreseen short only this far below LEAST_FILL: a closer call waits for a layout


def foresee(model: "Model | None", breaks: "Breaks", dropped: frozenset[str] = frozenset(), compact: bool = False,
            below: float | None = None) -> "Breaks":
    """``breaks`` with what the pages the model knows will ask for once they are applied (``breaks_for``):
    a block flowing on can leave the end of the next block short, and so on down the document. Found on
    the model's heights instead of in a layout per step, so one layout usually does what took one per
    block; a layout still checks what it foresaw (``breaks_for``). ``dropped`` and ``compact``: for the
    document the model measured with fewer sections, or compact (``Model.pages``); ``below``: the share
    of its height under which a page is foreseen short (after a layout: ``FORESIGHT`` below ``LEAST_FILL``)."""
    if model is None:
        return breaks
    below = LEAST_FILL - FORESIGHT if below is None else below
    tall = frozenset(model.tall()) - dropped
    for _ in model.blocks:  # each step loosens at least one block or section
        short = [p for p in model.fills(breaks, dropped, compact)[:-1] if p.known and p.share < below]
        if not short:
            return breaks
        flowing = {model.blocks[p.next_block].name for p in short if p.next_block is not None}
        wanted = breaks | Breaks(frozenset(flowing - {""}), tall | {p.pushed for p in short if p.pushed})
        if wanted == breaks:
            return breaks
        breaks = wanted
    return breaks


def _kept(block: Block, dropped: set[str], compact: bool) -> list[tuple[str, bool, float, tuple]]:
    """(section, kept whole, height, where it may break) of each child not dropped."""
    return [(c[0], c[1], c[2] - (c[3] if compact and len(c) > 3 else 0.0), c[4] if len(c) > 4 else ())
            for c in block.children if c[0] not in dropped]


def _paginate(height: float, children: list[tuple]) -> int:
    pages, fill = 1, 0.0
    for _, whole, h, *_ in children:
        if whole and fill > 0 and fill + h > height + SLACK:
            pages, fill = pages + 1, 0.0
        fill += h
        while fill > height + SLACK:
            pages, fill = pages + 1, fill - height
    return pages


def _section_id(box, prefix: str) -> str:
    for d in box.descendants():
        element = getattr(d, "element", None)
        if element is not None and (element.get("id") or "").startswith(prefix) \
                and "jamlik-section" in (element.get("class") or ""):
            return element.get("id")
    return ""


CONTEXT = "jamlik-context"  # the class of a context part's wrapper in the council document
STRIPPED = ({"figure"}, "jamlik-chart"), ({"table"}, "jamlik-table")  # what a compact document leaves out


def _stripped(box) -> float:
    """The height of what a compact document strips from a context part: its outermost charts and
    tables (the short line on where they are instead is left out of the estimate)."""
    element = getattr(box, "element", None)
    if element is not None and any(element.tag in tags and cls in (element.get("class") or "")
                                   for tags, cls in STRIPPED):
        return box.margin_height()
    return sum(_stripped(child) for child in getattr(box, "children", ()))


def _units(box) -> tuple[tuple[float, bool], ...]:
    """Where an indicator section may break, when it may (``Breaks.split``): its parts in order as
    (height, breaks between its lines), the parts that must stay together joined (a heading with what
    follows it, a chart with the first two lines of the sentence after it); () for anything but a section."""
    if "jamlik-section" not in (getattr(box, "element", None) is not None and box.element.get("class") or ""):
        return ()
    units: list[list] = []
    joined = False
    for child in getattr(box, "children", ()):
        height = child.margin_height()
        lines = [c.margin_height() for c in getattr(child, "children", ()) if isinstance(c, LineBox)]
        if units and (joined or child.style["break_before"] == "avoid"):
            held = sum(lines[:ORPHANS]) if len(lines) > ORPHANS else height  # what goes with the part before
            units[-1][0] += held
            if height - held > 0:
                units.append([height - held, True])
        else:
            units.append([height, len(lines) > ORPHANS])
        joined = child.style["break_after"] == "avoid"
    return tuple((h, lines) for h, lines in units)


ORPHANS = 2  # lines of a paragraph that stay together at a page break (CSS's default orphans and widows)


def measure(document, prefix: str = "ind-") -> Model | None:
    """The model of a WeasyPrint document (``export.render``); None for anything it cannot read."""
    try:
        blocks: dict = {}
        height = 0.0
        for page in document.pages:
            page_box = page._page_box  # noqa: SLF001 - WeasyPrint keeps the boxes of a page here
            height = page_box.height
            main = page_box.children[0].children[0].children[0]  # html > body > main
            for fragment in main.children:
                pages, children, order = blocks.setdefault(fragment.element, [0, {}, []])
                blocks[fragment.element][0] = pages + 1
                for child in fragment.children:
                    if child.element not in children:
                        section = _section_id(child, prefix)
                        children[child.element] = [section, bool(section), 0.0, 0.0, _units(child)]
                        order.append(child.element)
                    else:  # broken over pages in this layout: it runs on like text
                        children[child.element][4] = None
                    children[child.element][2] += child.margin_height()
                    if CONTEXT in (child.element.get("class") or ""):
                        children[child.element][3] += _stripped(child)
        return Model(height, [Block(pages, [tuple(children[e]) for e in order], _flow_name(element))
                              for element, (pages, children, order) in blocks.items()])
    except (AttributeError, IndexError, TypeError):
        return None


# --- pages that end above half their height --------------------------------------------------------
#
# Each block of the council document (a theme, the goals, the annex) starts a page, and an indicator
# section is never split, so a page may end early: the last of a theme whose next block starts anew,
# or one whose next section is too tall for what is left. ``breaks_for`` finds them in a layout and
# says what to loosen: the next block flows on from the short page (``flowing``), or the section that
# would not fit may break inside (``split``; its chart is still kept whole). ``with_breaks`` applies
# that to the document's HTML.

LEAST_FILL = 0.55  # a page ending above this share of its height is filled (the rule says half: a margin)


@dataclass(frozen=True)
class Breaks:
    flowing: frozenset[str] = frozenset()  # blocks (a theme's id, "mal", "bilagor") that need no page of their own
    split: frozenset[str] = frozenset()  # indicator sections (their ids) that may break inside

    def __or__(self, other: "Breaks") -> "Breaks":
        return Breaks(self.flowing | other.flowing, self.split | other.split)


def _main(page):
    return page._page_box.children[0].children[0].children[0]  # noqa: SLF001 - html > body > main


def _bottom(box) -> float:
    """Where a box's content ends: its last content, not its own height (a block split over pages
    reaches down to the foot of every page but its last); a paragraph, an image or a text by its
    border box (a paragraph may be given a height)."""
    own = box.position_y + box.margin_height() - getattr(box, "margin_bottom", 0)
    children = getattr(box, "children", None)
    if not children:
        return own
    inner = max(_bottom(child) for child in children)
    return max(inner, own) if all(isinstance(child, LineBox) for child in children) else inner


def filled(document) -> list[float]:
    """How far down each page the content reaches, as a share of the page's content height."""
    shares = []
    for page in document.pages:
        box = page._page_box  # noqa: SLF001
        shares.append((max(_bottom(_main(page)), box.content_box_y()) - box.content_box_y()) / box.height)
    return shares


def _flow_name(element) -> str:
    key = _key(element, depth=0)
    return key[1] if key and key[0] == "flowing" else ""


def _elements(box) -> set:
    found = {getattr(box, "element", None)}
    for child in getattr(box, "children", ()):
        found |= _elements(child)
    return found


def _first_new(box, before: set):
    """The first element that starts on this page: descend through what goes on from the page before."""
    while getattr(box, "children", None):
        child = box.children[0]
        if getattr(child, "element", None) not in before:
            return child
        box = child
    return None


def _key(element, depth: int = 2) -> tuple[str, str] | None:
    """What loosening a pushed element allows: a block to flow or a section to split (looking into a
    wrapper, such as a context part's, for the section it starts with)."""
    if element is None:
        return None
    classes = (element.get("class") or "").split()
    if CONTEXT in classes and depth:
        return _key(next(iter(element), None), depth - 1)
    if "jamlik-theme" in classes:
        name = element.get("data-theme") or element.get("id")
        return ("flowing", name) if name else None
    if "jamlik-section" in classes and element.get("id"):
        return "split", element.get("id")
    return None


def _section_heights(box, heights: dict[str, float]) -> dict[str, float]:
    """Each indicator section's height (its parts on every page added up), by id."""
    element = getattr(box, "element", None)
    if element is not None and "jamlik-section" in (element.get("class") or "").split() and element.get("id"):
        heights[element.get("id")] = heights.get(element.get("id"), 0.0) + box.margin_height()
        return heights
    for child in getattr(box, "children", ()):
        _section_heights(child, heights)
    return heights


def _tall(document) -> set[str]:
    """The sections too tall to share a page with anything that fills more than ``1 - LEAST_FILL`` of it:
    the only ones that, moved whole to the next page, can leave a page short behind them. Loosened all at
    once, filling one page cannot leave the next short because of the section after it."""
    heights: dict[str, float] = {}
    for page in document.pages:
        _section_heights(_main(page), heights)
    page_height = document.pages[0]._page_box.height  # noqa: SLF001
    return {section for section, height in heights.items() if height > (1 - LEAST_FILL) * page_height}


def breaks_for(document, breaks: Breaks = Breaks()) -> Breaks:
    """``breaks`` with what would fill each page that ends above ``LEAST_FILL`` (the last excepted): the
    block after it flows on, and every section too tall to leave a page filled (``_tall``) may break."""
    try:
        shares = filled(document)
        short = [number for number in range(len(shares) - 1) if shares[number] < LEAST_FILL]
        flowing, split = set(breaks.flowing), set(breaks.split) | (_tall(document) if short else set())
        for number in short:
            box = _first_new(_main(document.pages[number + 1]), _elements(_main(document.pages[number])))
            key = _key(getattr(box, "element", None))
            if key:
                (flowing if key[0] == "flowing" else split).add(key[1])
        return Breaks(frozenset(flowing), frozenset(split))
    except (AttributeError, IndexError, TypeError):  # a layout it cannot read: as it is
        return breaks


_BLOCK = re.compile(r'<(div|section) class="jamlik-theme"( (?:data-theme|id)="([\w-]+)")')
_SECTION = re.compile(r'<section class="jamlik-section([^"]*)"( id="([\w-]+)")')


def with_breaks(html: str, breaks: Breaks) -> str:
    """The document's HTML with the blocks that flow and the sections that split marked (briefing.css)."""
    if not breaks.flowing and not breaks.split:
        return html
    html = _BLOCK.sub(lambda m: f'<{m.group(1)} class="jamlik-theme jamlik-flow"{m.group(2)}'
                      if m.group(3) in breaks.flowing else m.group(0), html)
    return _SECTION.sub(lambda m: f'<section class="jamlik-section{m.group(1)} jamlik-split"{m.group(2)}'
                        if m.group(3) in breaks.split else m.group(0), html)
