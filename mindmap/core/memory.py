"""Python's cyclic garbage collector kept out of big, cycle-free bursts of work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: a load or a relayout makes many objects and no cycles, and GC passes
    over all the objects alive (a big map's are many) make it several times slower.

    What was made is then kept out of later passes too (`gc.freeze`): the first pass after the
    pause would otherwise walk every object it made (0.15 s after parsing 100,000 nodes), and
    a new outline lives as long as it is shown. Refcounting still frees it when it goes, which
    is why nothing made in here may hold a reference cycle: frozen, a cycle is never freed.
    Cycles left over from before are collected first, so that the freeze cannot keep them;
    that pass walks only what was made since the last freeze, and is cheap. A pause within a
    pause skips it: it would walk what the outer one has made so far."""
    enabled = gc.isenabled()
    if enabled:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
