"""Timing helpers shared by the benchmarks: medians over repeats, and the machine's reference."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import yaml

from bench.generate import generate_outline

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """The median wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def reference_ms(repeats: int = 7) -> float:
    """libyaml composing a 10,000-node outline: about 50 ms on the machine the targets assume.

    Machines of one kind differ up to 2.5x in speed; read every figure beside this one.
    """
    text = generate_outline(10_000)
    return median_ms(lambda: yaml.compose(text, Loader=Loader), repeats)
