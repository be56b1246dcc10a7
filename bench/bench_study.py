"""What is due over many scheduled cards: `python -m bench.bench_study [CARDS]` (default 100,000).

Cards scheduled over a year (as FSRS leaves them after weeks of study), and the time to list the
ones due today and count them per main branch of a 10,000-node outline. Target (reference
~50 ms): under 200 ms.

Then the progress view (`mindmap.core.progress`) on an outline of as many nodes, each one
scheduled: what each refresh costs (every main branch's tally, the root's, and the legend's
counts over the map) and what painting costs per card (its standing and retrievability), for
the 1,000 cards a screen shows at most and for every card of the map. Target: a refresh well
under the map's own repaint (8 ms at 100 % on any size, see bench_map), that is under 50 ms at
100,000 nodes counting the relayout it comes with; a screen's cards under 8 ms.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bench.generate import generate_outline
from bench.timing import median_ms, reference_ms

if TYPE_CHECKING:
    from mindmap.core.study import Schedule

REPEATS = 7


def main() -> None:
    from mindmap.core.outline import parse_outline  # noqa: PLC0415 - timed apart from imports
    from mindmap.core.study import by_branch, end_of_day  # noqa: PLC0415

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"reference: libyaml composes 10,000 nodes in {reference_ms():.1f} ms (targets: ~50 ms)")
    outline = parse_outline(generate_outline(10_000), "big.yaml").outline
    keys = list(outline.by_key)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    schedule = scheduled(keys, count, now)

    def due_today() -> dict[str, int]:
        return by_branch(outline, schedule.due(end_of_day(now)))

    due = schedule.due(end_of_day(now))
    print(f"{len(due):,} of {count:,} cards due today")
    print(f"what is due, per main branch: {median_ms(due_today, REPEATS):.1f} ms (target < 200)")
    progress_figures(count, now)


def scheduled(keys: list[str], count: int, now: datetime) -> Schedule:
    """`count` review cards due over a year: the outline's keys first, then nodes gone since."""
    from mindmap.core.study import Card, Schedule  # noqa: PLC0415

    rng = random.Random(1)
    schedule = Schedule()
    for number in range(count):
        key = keys[number] if number < len(keys) else f"gone/{number}"
        due = now + timedelta(hours=rng.uniform(-24 * 30, 24 * 365))
        last = now - timedelta(days=rng.uniform(0, 60))
        schedule.cards[key] = Card(key, key, "0" * 16, "review", None, 20.0, 5.0, due, last)
    return schedule


def progress_figures(count: int, now: datetime) -> None:
    from mindmap.core.outline import parse_outline  # noqa: PLC0415
    from mindmap.core.progress import Progress  # noqa: PLC0415

    outline = parse_outline(generate_outline(count), "big.yaml").outline
    schedule = scheduled(list(outline.by_key), count, now)
    cards = [node.key for node in outline.root.walk() if node.children]
    branches = [outline.root.key, *(child.key for child in outline.root.children)]
    print(f"progress view: {count:,} nodes, {len(cards):,} of them cards, all scheduled")

    def refresh() -> None:
        progress = Progress(outline, schedule, now)
        for key in branches:
            progress.tally(key)
        progress.counts()

    def paint(keys: list[str]) -> None:
        progress = Progress(outline, schedule, now)
        for key in keys:
            progress.standing(key)
            progress.retrievability(key)

    screen = random.Random(2).sample(cards, min(1000, len(cards)))
    print(f"  refresh (tallies, counts): {median_ms(refresh, REPEATS):.1f} ms (target < 50)")
    print(f"  a screen's 1,000 cards: {median_ms(lambda: paint(screen), REPEATS):.1f} ms (< 8)")
    print(f"  every card of the map: {median_ms(lambda: paint(cards), REPEATS):.1f} ms")


if __name__ == "__main__":
    main()
