"""Python's cyclic garbage collector around the work that builds large, short-lived object graphs.

A chart's figure (some 20 000 objects) and a PDF's box tree (some 200 000) are built, used and let go.
While they are built the collector runs every few hundred allocations and traverses the growing
graph again and again, only to find it all alive: about a tenth of a chart's and of a PDF's time at
Python's default thresholds, as in JupyterLab or ``nbconvert --to briefing``. (A batch's workers raise
their thresholds and its kernels freeze what they loaded at start, which saves most of it there.)
Paused for the block, the collector looks at what the block allocated once, after it, in one pass
over the youngest generation, which then holds exactly those objects. Used as a decorator
(``@collected_after()``) the pass comes after the function has returned, when its locals no longer
hold what it built.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collected_after() -> Iterator[None]:
    """Run the block with the cyclic collector paused, then collect what it left behind. Nested
    blocks, and a collector that someone else has paused, are left alone."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)  # the youngest generation: everything allocated since the block began
