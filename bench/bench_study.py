"""What is due over many scheduled cards: `python -m bench.bench_study [CARDS]` (default 100,000).

Cards scheduled over a year (as FSRS leaves them after weeks of study), and the time to list the
ones due today and count them per main branch of a 10,000-node outline. Target (reference
~50 ms): under 200 ms. Then study mode in the window (see `bench.studywindow`): entering it on a
10,000-node map (target under 100 ms) and the longest event-loop block of a grade saved with
10,000 cards in the sidecar (target under 50 ms).

Then the progress view (`mindmap.core.progress`) on an outline of as many nodes, each one
scheduled: what each refresh costs (every main branch's tally, the root's, and the legend's
counts over the map) and what painting costs per card (its standing and retrievability), for
the 1,000 cards a screen shows at most and for every card of the map; and the overview picture
of the whole map (what paints at fit) with the cards' rings and without. Targets (reference
~50 ms): a refresh under 25 ms; a screen's cards under 4 ms (half the 8 ms repaint of
bench_map); the rings under half the overview's own cost.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bench import studywindow
from bench.generate import generate_outline
from bench.timing import median_ms, reference_ms

if TYPE_CHECKING:
    from mindmap.core.model import Outline
    from mindmap.core.progress import Progress
    from mindmap.core.study import Schedule

REPEATS = 7


def main() -> None:
    from mindmap.core.outline import parse_outline  # noqa: PLC0415 - timed apart from imports
    from mindmap.core.study import by_branch, end_of_day  # noqa: PLC0415

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    reference = reference_ms()
    print(f"reference: libyaml composes 10,000 nodes in {reference:.1f} ms (targets: ~50 ms)")
    outline = parse_outline(generate_outline(10_000), "big.yaml").outline
    keys = list(outline.by_key)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    schedule = scheduled(keys, count, now)

    def due_today() -> dict[str, int]:
        return by_branch(outline, schedule.due(end_of_day(now)))

    due = schedule.due(end_of_day(now))
    print(f"{len(due):,} of {count:,} cards due today")
    print(f"what is due, per main branch: {median_ms(due_today, REPEATS):.1f} ms (target < 200)")
    progress_figures(count, now, 50 / reference)
    studywindow.measure(50 / reference)


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


def progress_figures(count: int, now: datetime, scale: float) -> None:
    """The progress view's figures, each also `scale`d to the 50 ms reference (@50)."""
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

    def show(what: str, ms: float, target: str) -> None:
        print(f"  {what}: {ms:.1f} ms, @50 {ms * scale:.1f} ms ({target})")

    show("refresh (tallies, counts)", median_ms(refresh, REPEATS), "target < 25")
    show("a screen's 1,000 cards", median_ms(lambda: paint(screen), REPEATS), "target < 4")
    show("every card of the map", median_ms(lambda: paint(cards), REPEATS), "never all on screen")
    without, rings = overview_ms(outline, Progress(outline, schedule, now))
    show("overview picture at fit, without progress", without, "the map's own")
    show("and with the rings", rings, f"{rings / without:.2f}x, target < 1.5x")


def overview_ms(outline: Outline, progress: Progress) -> tuple[float, float]:
    """The overview picture of the whole map fitted to 1400 x 900, without progress and with
    (a new `Progress` each time: a refresh makes one, and the picture is drawn anew)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - Qt only for this figure

    from mindmap.core.progress import Progress  # noqa: PLC0415
    from mindmap.core.session import MapSession  # noqa: PLC0415
    from mindmap.ui.map.scene import MapScene  # noqa: PLC0415
    from mindmap.ui.map.textmetrics import LazyBlocks, TextMeasurer  # noqa: PLC0415
    from mindmap.ui.theme import LIGHT  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    session = MapSession()
    session.show(outline)
    scene = MapScene(session)
    scene.show_outline(LazyBlocks(outline, TextMeasurer()), LIGHT)
    zoom = min(1400 / scene.map_rect.width(), 900 / scene.map_rect.height())

    def draw(shown: Progress | None) -> None:
        scene.progress = shown and Progress(shown.outline, shown.schedule, shown.now)
        scene.restyle()  # as a refresh does: the picture is drawn anew
        assert scene.overview(zoom) is not None

    figures = median_ms(lambda: draw(None), REPEATS), median_ms(lambda: draw(progress), REPEATS)
    del app
    return figures


if __name__ == "__main__":
    main()
