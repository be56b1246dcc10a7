"""The layout engine alone: `python -m bench.bench_layout [SIZES...]`.

Per size, medians of: a new `IncrementalLayout` and its first update (the whole map, from
scratch); folding the node whose subtree holds closest to a fifth of the nodes, and unfolding
it back, each with how many boxes it reports as changed and removed; and whether the fold gave
what a new engine gives for the same folds. The cyclic GC is off during the timed calls, as the
app pauses it there.

Budget (reference ~50 ms): the app's fold + unfold of a fifth, relayout, scene update and
repaint together, is 50 ms at 10,000 nodes and 400 ms at 100,000; the layout's share should
be a small part of that.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from bench.generate import generate_outline
from bench.timing import reference_ms
from mindmap.core.layout import Box, IncrementalLayout, LayoutMode
from mindmap.core.model import Node
from mindmap.core.outline import parse_outline

SIZES = (10_000, 100_000)
REPEATS = {10_000: 15, 100_000: 7}
T = TypeVar("T")


def measure(node: Node) -> tuple[float, float]:
    """A stand-in for text metrics: cheap, and it varies with the title as real ones do."""
    return len(node.title) * 6 + 20, 22


def timed(action: Callable[[], T]) -> tuple[float, T]:
    """Milliseconds `action` took with the cyclic GC off, and what it returned."""
    gc.disable()
    try:
        start = time.perf_counter()
        result = action()
        return (time.perf_counter() - start) * 1000, result
    finally:
        gc.enable()


def fifth(root: Node, count: int) -> tuple[str, int]:
    """The key of the node whose subtree size is closest to count / 5, and that size."""
    order = list(root.walk())
    size = {id(node): 1 for node in order}
    for node in reversed(order):
        for child in node.children:
            size[id(node)] += size[id(child)]
    best = min(order, key=lambda node: abs(size[id(node)] - count / 5))
    return best.key, size[id(best)]


def bench(count: int) -> None:
    root = parse_outline(generate_outline(count), f"bench-{count}.yaml").outline.root
    gc.collect()
    gc.freeze()  # the outline is long-lived: keep it out of the collections, as the app does
    key, size = fifth(root, count)
    repeats = REPEATS.get(count, 5)
    mode = LayoutMode.MINDMAP

    first: list[float] = []
    folds: list[float] = []
    unfolds: list[float] = []
    sizes = (0, 0, 0, 0)
    identical = True
    for _ in range(repeats):
        ms, engine = timed(lambda: _started(root, mode))
        first.append(ms)
        ms, folded = timed(lambda engine=engine: engine.update({key}))
        fold_changed, fold_removed = len(folded.changed), len(folded.removed)
        folds.append(ms)
        if len(folds) == 1:  # once: the fold must give what a layout from scratch gives
            fresh = IncrementalLayout(root, measure, mode).update({key}).layout.boxes
            identical = _same(folded.layout.boxes, fresh)
        ms, unfolded = timed(lambda engine=engine: engine.update(set()))
        unfolds.append(ms)
        sizes = (fold_changed, fold_removed, len(unfolded.changed), len(unfolded.removed))
        del engine, folded, unfolded
        gc.collect()
    print(
        f"{count:>8,} {statistics.median(first):>9.1f} "
        f"{statistics.median(folds):>8.1f} {sizes[0]:>8,} {sizes[1]:>8,} "
        f"{statistics.median(unfolds):>9.1f} {sizes[2]:>8,} {sizes[3]:>8,} "
        f"{size / count:>6.0%} {'yes' if identical else 'NO':>5}"
    )
    gc.unfreeze()


def _started(root: Node, mode: LayoutMode) -> IncrementalLayout:
    """A new engine after its first update: what opening a map costs it."""
    engine = IncrementalLayout(root, measure, mode)
    engine.update(set())
    return engine


def _same(a: dict[str, Box], b: dict[str, Box]) -> bool:
    if list(a) != list(b):
        return False
    return all(
        (p.x, p.y, p.width, p.height, p.side) == (q.x, q.y, q.width, q.height, q.side)
        for p, q in zip(a.values(), b.values(), strict=True)
    )


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(SIZES)
    print(f"reference: libyaml composes 10,000 nodes in {reference_ms():.1f} ms (targets: ~50 ms)")
    print("medians in ms; changed/removed: boxes reported; share: the folded subtree's nodes")
    print(
        f"{'nodes':>8} {'first':>9} {'fold':>8} {'changed':>8} {'removed':>8} "
        f"{'unfold':>9} {'changed':>8} {'removed':>8} {'share':>6} {'same':>5}"
    )
    for count in sizes:
        bench(count)


if __name__ == "__main__":
    main()
