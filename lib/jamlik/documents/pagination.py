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

from dataclasses import dataclass

SLACK = 0.5  # px: rounding in WeasyPrint's heights


@dataclass(frozen=True)
class Block:
    pages: int  # as laid out
    children: list[tuple]  # (section id or "", kept whole, height in px[, px a compact document strips])


@dataclass(frozen=True)
class Model:
    page_height: float
    blocks: list[Block]

    def pages(self, dropped: set[str], compact: bool = False) -> int:
        """The document's pages without the sections whose ids are ``dropped``; ``compact``: with the
        context parts' charts and tables stripped as well (``STRIPPED``)."""
        def kept(block: Block) -> list[tuple[str, bool, float]]:
            return [(c[0], c[1], c[2] - (c[3] if compact and len(c) > 3 else 0.0)) for c in block.children
                    if c[0] not in dropped]

        def offset(block: Block) -> int:
            """What the model misses in a block: mostly charts kept whole, leaving the foot of a page
            empty. A compact document strips the context parts' charts, and that gap with them."""
            if compact and any(len(c) > 3 and c[3] for c in block.children):
                return 0
            return block.pages - _paginate(self.page_height, block.children)

        return sum(offset(b) + _paginate(self.page_height, kept(b)) for b in self.blocks)


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
                        children[child.element] = [section, bool(section), 0.0, 0.0]
                        order.append(child.element)
                    children[child.element][2] += child.margin_height()
                    if CONTEXT in (child.element.get("class") or ""):
                        children[child.element][3] += _stripped(child)
        return Model(height, [Block(pages, [tuple(children[e]) for e in order])
                              for pages, children, order in blocks.values()])
    except (AttributeError, IndexError, TypeError):
        return None
