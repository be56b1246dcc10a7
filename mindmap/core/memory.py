"""Python's cyclic garbage collector kept out of big, cycle-free bursts of work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: a load or a relayout makes many objects and no cycles, and GC passes
    over all the objects alive (a big map's are many) make it several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
