"""What is due over many scheduled cards: `python -m bench.bench_study [CARDS]` (default 100,000).

Cards scheduled over a year (as FSRS leaves them after weeks of study), and the time to list the
ones due today and count them per main branch of a 10,000-node outline. Target (reference
~50 ms): under 200 ms. Then study mode in the window (see `bench.studywindow`): entering it on a
10,000-node map (target under 100 ms) and the longest event-loop block of a grade saved with
10,000 cards in the sidecar (target under 50 ms).
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

from bench import studywindow
from bench.generate import generate_outline
from bench.timing import median_ms, reference_ms

REPEATS = 7


def main() -> None:
    from mindmap.core.outline import parse_outline  # noqa: PLC0415 - timed apart from imports
    from mindmap.core.study import Card, Schedule, by_branch, end_of_day  # noqa: PLC0415

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    reference = reference_ms()
    print(f"reference: libyaml composes 10,000 nodes in {reference:.1f} ms (targets: ~50 ms)")
    outline = parse_outline(generate_outline(10_000), "big.yaml").outline
    keys = list(outline.by_key)
    rng = random.Random(1)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    schedule = Schedule()
    for number in range(count):  # the outline's keys first, then cards of nodes gone since
        key = keys[number] if number < len(keys) else f"gone/{number}"
        due = now + timedelta(hours=rng.uniform(-24 * 30, 24 * 365))
        schedule.cards[key] = Card(key, key, "0" * 16, "review", None, 5.0, 5.0, due, now)

    def due_today() -> dict[str, int]:
        return by_branch(outline, schedule.due(end_of_day(now)))

    due = schedule.due(end_of_day(now))
    print(f"{len(due):,} of {count:,} cards due today")
    print(f"what is due, per main branch: {median_ms(due_today, REPEATS):.1f} ms (target < 200)")
    studywindow.measure(50 / reference)


if __name__ == "__main__":
    main()
