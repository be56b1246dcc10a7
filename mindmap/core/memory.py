"""Python's cyclic garbage collector kept out of big, cycle-free bursts of work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic GC: a load or a relayout makes many objects and no cycles, and GC passes
    over all the objects alive (a big map's are many) make it several times slower.

    With `keep`, what was made is kept out of later passes too (`gc.freeze`): a new outline
    lives as long as it is shown, and one pass over a big one's million objects costs more
    than the paint after it. Refcounting still frees it when another outline replaces it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()
