"""Study mode in the running window, for `bench.bench_study`: entering it on a 10,000-node map
(the first card shown and painted; target under 100 ms at the 50 ms reference), and a grade
saved with 10,000 cards in the sidecar (the longest event-loop block, until the grade is on
disk; target under 50 ms)."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.bench_sidecar import LoopWatch, _writing
from bench.generate import generate_outline

NODES = 10_000
CARDS = 10_000
REPEATS = 7
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def measure(scale: float) -> None:
    """Print both figures, each beside its value at the 50 ms reference (`scale` = 50/ref)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings  # noqa: PLC0415 - Qt only where it is measured

    from mindmap.core.study import Grade  # noqa: PLC0415
    from mindmap.ui.app import make_application  # noqa: PLC0415
    from mindmap.ui.window import MainWindow  # noqa: PLC0415

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        path.write_text(generate_outline(NODES), encoding="utf-8")
        _write_sidecar(path)
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, clock=lambda: NOW)
        window.resize(1280, 820)
        window.show()
        window.open_file(path)
        app.processEvents()
        window.annotations.store  # noqa: B018 - the sidecar read in full before timing
        studying, repaint = window.studying, window.view.viewport().repaint

        enters = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            studying.study_map()
            repaint()
            enters.append((time.perf_counter() - start) * 1000)
            studying.leave()
            app.processEvents()
        entered = statistics.median(enters)
        print(f"enter study mode on {NODES:,} nodes: {entered:.1f} ms", end=" ")
        print(f"({entered * scale:.0f} ms @50; target < 100)")

        studying.study_map()
        watch, blocks = LoopWatch(), []
        for _ in range(REPEATS):
            studying.reveal_all()
            watch.start()
            start = time.perf_counter()
            studying.grade(Grade.GOOD)  # saved, and the next card shown
            blocked = time.perf_counter() - start
            while _writing(window.annotations):
                app.processEvents()
                time.sleep(0.0005)
            app.processEvents()
            watch.timer.stop()
            blocks.append(max(blocked, watch.longest) * 1000)
        size = (path.parent / "big.notes.yaml").stat().st_size / 1e6
        median, worst = statistics.median(blocks), max(blocks)
        print(f"grade saved with {CARDS:,} cards ({size:.1f} MB sidecar): longest event-loop")
        print(f"  block median {median:.0f} ms, worst {worst:.0f} ms", end=" ")
        print(f"({median * scale:.0f} / {worst * scale:.0f} ms @50; target < 50)")
        window.close()


def _write_sidecar(outline_path: Path) -> None:
    """Every card of the outline scheduled, due over the coming year, then unattached cards
    (of nodes renamed since) up to CARDS, with a review each in the log."""
    from mindmap.core.annotations import AnnotationStore  # noqa: PLC0415
    from mindmap.core.outline import parse_outline  # noqa: PLC0415
    from mindmap.core.sidecar import dump_sidecar  # noqa: PLC0415
    from mindmap.core.study import Card, Grade, Review, Schedule, study_nodes  # noqa: PLC0415

    outline = parse_outline(outline_path.read_text(encoding="utf-8"), "big.yaml").outline
    keys = [node.key for node in study_nodes(outline)]
    keys += [f"gone/{number}" for number in range(CARDS - len(keys))]
    rng, schedule = random.Random(1), Schedule()
    for number, key in enumerate(keys):
        due = NOW + timedelta(hours=rng.uniform(-24 * 3, 24 * 365))
        last = NOW - timedelta(days=3, seconds=number)
        schedule.cards[key] = Card(key, key, "0" * 16, "review", None, 5.0, 5.0, due, last)
        review = Review(key, Grade.GOOD, last)
        schedule.reviews[review.log_key] = review
    text = dump_sidecar(AnnotationStore(schedule=schedule), outline_path.name)
    (outline_path.parent / f"{outline_path.stem}.notes.yaml").write_text(text, encoding="utf-8")
