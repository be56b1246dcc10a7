"""The study schedule in the sidecar: written and read back whole, strict about what it reads,
merged card by card, and kept for nodes that are gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.core.outline import parse_outline
from mindmap.core.sidecar import (
    SidecarError,
    SidecarText,
    _split_lines,
    dump_sidecar,
    load_sidecar,
    parse_sidecar,
)
from mindmap.core.study import Grade, Planner, study_nodes

OUTLINE = "Revision:\n  - Defence:\n      - BrahMos\n  - Energy:\n      - Kudankulam\n"
DAY0 = datetime(2026, 1, 5, 9, 0, 0, 123456, tzinfo=UTC)
EXACT = Planner(fuzz=False)


def studied(days: int = 1) -> AnnotationStore:
    """Every card of OUTLINE graded on each of `days` days, with one annotation beside them."""
    tree = parse_outline(OUTLINE, "o.yaml").outline
    notes = AnnotationStore({"Revision": Annotation("Revision", "Revision", "mine", None, "1")})
    for day in range(days):
        for node in study_nodes(tree):
            EXACT.grade(notes.schedule, node, Grade.GOOD, DAY0 + timedelta(days=day))
    return notes


def test_the_schedule_and_review_log_round_trip_through_the_sidecar() -> None:
    notes = studied(days=2)
    text = dump_sidecar(notes, "o.yaml")
    assert "version: 2\n" in text
    assert "\nschedule:\n- key: Revision\n  title: Revision\n  fingerprint: " in text
    assert "reviewed: '2026-01-05T09:00:00+00:00'" in text  # to the second, in UTC
    again = parse_sidecar(text.encode(), "s.yaml")
    assert again.schedule == notes.schedule
    assert again.items == notes.items
    assert len(again.schedule.reviews) == 6
    assert list(again.schedule.reviews) == sorted(again.schedule.reviews)  # in time order


def test_a_sidecar_without_study_is_written_without_its_sections() -> None:
    text = dump_sidecar(AnnotationStore(), "o.yaml")
    assert "schedule" not in text
    assert "reviews" not in text


def test_a_version_1_sidecar_is_read_and_its_file_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "o.notes.yaml"
    old = b"version: 1\nannotations:\n- key: a\n  title: A\n  text: kept\n  updated: '1'\n"
    path.write_bytes(old)
    notes = load_sidecar(path)
    assert notes.get("a").text == "kept"
    assert notes.schedule.cards == {}
    assert path.read_bytes() == old
    assert dump_sidecar(notes, "o.yaml").count("version: 2\n") == 1  # upgraded when written


CARD = (
    "schedule:\n- key: k\n  state: review\n  stability: '2.5'\n  due: '2026-01-05T09:00:00+00:00'\n"
)
BROKEN = [
    ("schedule: {a: b}\n", "s.yaml:1:11: schedule must be a list, got a mapping"),
    ("schedule:\n- key: k\n  state: review\n", "s.yaml:2:3: a card needs a 'due'"),
    (CARD.replace("review", "mastered"), "s.yaml:3:10: the state 'mastered' is not known; expected learning, review, relearning"),
    (CARD.replace("'2.5'", "lots"), "s.yaml:4:14: stability must be a positive number, got 'lots'"),
    (CARD.replace("'2.5'", "[2]"), "s.yaml:4:14: stability must be text, got a list"),
    (CARD.replace("'2.5'", ".nan"), "s.yaml:4:14: stability must be a positive number, got '.nan'"),
    (CARD + "  step: -1\n", "s.yaml:6:9: step must be a whole number, got '-1'"),
    (CARD.replace("+00:00", ""), "s.yaml:5:8: due must be a date and time with its zone, such as 2026-01-31T09:30:00+00:00; got '2026-01-05T09:00:00'"),
    (CARD + "  last_review: '2027-03-01T00:00:00+00:00'\n", "s.yaml:6:16: last_review is in the future: 2027-03-01T00:00:00+00:00"),
    (CARD + "- key: k\n  state: review\n  due: '2026-01-05T09:00:00+00:00'\n", "s.yaml:6:3: the key 'k' has two cards in the schedule"),
    ("reviews:\n- key: k\n  grade: perfect\n  reviewed: '2026-01-05T09:00:00+00:00'\n", "s.yaml:3:10: the grade 'perfect' is not known; expected again, hard, good, easy"),
    ("reviews:\n- key: k\n  grade: good\n  reviewed: '2026-06-05T09:00:00+00:00'\n", "s.yaml:4:13: reviewed is in the future: 2026-06-05T09:00:00+00:00"),
]  # fmt: skip
NOW = datetime(2026, 2, 1, tzinfo=UTC)


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_a_broken_schedule_entry_is_reported_where_it_is_and_the_file_left_alone(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SidecarError) as caught:
        load_sidecar(path, now=NOW)
    assert str(caught.value) == message.replace("s.yaml", str(path))
    assert path.read_text(encoding="utf-8") == text


def test_a_review_a_few_hours_ahead_is_a_clock_difference_not_an_error() -> None:
    text = "reviews:\n- key: k\n  grade: good\n  reviewed: '2026-02-01T05:00:00+00:00'\n"
    assert len(parse_sidecar(text.encode(), "s.yaml", now=NOW).schedule.reviews) == 1


def test_fields_a_card_or_review_does_not_know_are_written_back() -> None:
    text = CARD + "  leech: 'yes'\nreviews:\n- key: k\n  grade: hard\n"
    text += "  reviewed: '2026-01-05T09:00:00+00:00'\n  device: phone\n"
    notes = parse_sidecar(text.encode(), "s.yaml", now=NOW)
    again = parse_sidecar(dump_sidecar(notes, "o.yaml").encode(), "s.yaml", now=NOW)
    assert again.schedule.cards["k"].extra == (("leech", "yes"),)
    assert next(iter(again.schedule.reviews.values())).extra == (("device", "phone"),)


def test_schedules_merge_card_by_card_and_the_log_keeps_both_sides() -> None:
    base = studied()
    mine, theirs = studied(), studied()
    tree = parse_outline(OUTLINE, "o.yaml").outline
    later = DAY0 + timedelta(days=3)
    EXACT.grade(mine.schedule, tree.by_key["Revision/Defence"], Grade.AGAIN, later)
    EXACT.grade(theirs.schedule, tree.by_key["Revision/Energy"], Grade.EASY, later)
    EXACT.grade(mine.schedule, tree.by_key["Revision"], Grade.HARD, later)  # both graded it:
    EXACT.grade(theirs.schedule, tree.by_key["Revision"], Grade.EASY, later + timedelta(hours=1))
    del theirs.schedule.cards["Revision/Energy"]  # they reset it, having changed nothing else
    theirs.schedule.cards["Revision/Energy"] = base.schedule.cards["Revision/Energy"]
    expected = {
        "Revision": theirs.schedule.cards["Revision"],  # the later review
        "Revision/Defence": mine.schedule.cards["Revision/Defence"],
        "Revision/Energy": base.schedule.cards["Revision/Energy"],
    }
    log = mine.schedule.reviews | theirs.schedule.reviews
    mine.merge(theirs, base.items, base.schedule.cards)
    assert mine.schedule.cards == expected
    assert mine.schedule.reviews == log
    assert len(log) == 3 + 2 + 2  # the day's three, then mine and theirs


def test_a_card_deleted_on_one_side_and_unchanged_on_the_other_is_gone() -> None:
    base, mine, theirs = studied(), studied(), studied()
    del theirs.schedule.cards["Revision/Energy"]
    mine.merge(theirs, base.items, base.schedule.cards)
    assert "Revision/Energy" not in mine.schedule.cards


def test_the_card_of_a_renamed_node_is_kept_unattached_and_saved() -> None:
    notes = studied()
    renamed = parse_outline(OUTLINE.replace("Energy", "Power"), "o.yaml").outline
    notes.attach(renamed)
    assert notes.schedule.unattached(renamed) == ["Revision/Energy"]
    again = parse_sidecar(dump_sidecar(notes, "o.yaml").encode(), "s.yaml")
    assert again.schedule.cards["Revision/Energy"] == notes.schedule.cards["Revision/Energy"]


def test_cards_follow_their_nodes_when_a_branch_is_renamed_once_the_outline_settles() -> None:
    """Renaming a branch changes the keys below it: their cards follow by title (one lost card
    of a title, one node of it without a card), as annotations do; the renamed branch's own
    card, whose title changed, stays unattached for the user to see."""
    before = parse_outline("Revision:\n  - Defence:\n      - BrahMos:\n          - range\n", "o")
    after = parse_outline(
        "Revision:\n  - Defence ties:\n      - BrahMos:\n          - range\n", "o"
    )
    store = AnnotationStore()
    for node in study_nodes(before.outline):
        EXACT.grade(store.schedule, node, Grade.GOOD, DAY0)
    brahmos = store.schedule.cards["Revision/Defence/BrahMos"]
    store.attach(after.outline)
    assert store.card_moves == {"Revision/Defence ties/BrahMos": "Revision/Defence/BrahMos"}
    assert "Revision/Defence/BrahMos" in store.schedule.cards  # nothing moved before it settles
    assert store.settle()
    cards = store.schedule.cards
    assert cards["Revision/Defence ties/BrahMos"] == replace(
        brahmos, key="Revision/Defence ties/BrahMos"
    )
    assert "Revision/Defence/BrahMos" not in cards
    assert "Revision/Defence" in cards  # its title changed: kept, unattached
    assert store.schedule.unattached(after.outline) == ["Revision/Defence"]


def test_a_sidecar_read_renders_as_written_and_after_changes_as_a_fresh_render() -> None:
    """The entries' text as read stands for them (the first save after opening dumps only what
    changed): unchanged, the file comes back byte for byte; changed, as a whole new render."""
    store = studied(days=3)
    store.put(Annotation("Revision/Energy", "Energy", "line one\nline two\n", None, "2"), "x")
    written = dump_sidecar(store, "outline.yaml")
    rendered = SidecarText()
    read = parse_sidecar(written.encode(), "o.notes.yaml", rendered=rendered)
    again = rendered.render(read.items, read.extra, "outline.yaml", read.schedule)
    assert again == written
    tree = parse_outline(OUTLINE, "o.yaml").outline
    EXACT.grade(read.schedule, tree.by_key["Revision/Energy"], Grade.AGAIN, DAY0 + timedelta(9))
    read.put(None, "Revision")
    read.put(Annotation("Revision/Defence", "Defence", "new", None, "3"), "Revision/Defence")
    changed = rendered.render(read.items, read.extra, "outline.yaml", read.schedule)
    assert changed == dump_sidecar(read, "outline.yaml")
    assert parse_sidecar(changed.encode(), "o.notes.yaml").contents() == read.contents()


def test_a_hand_written_sidecar_is_rendered_whole_where_its_lists_are_not_the_apps() -> None:
    """A flow list, or items indented, are not taken as read: the save renders them anew."""
    hand = (
        "version: 2\n"
        "annotations: [{key: Revision, title: Revision, text: mine, updated: '1'}]\n"
        "schedule:\n"
        "  - key: Revision\n    title: Revision\n    state: review\n"
        "    due: '2026-01-05T09:00:00+00:00'\n"
    )
    rendered = SidecarText()
    read = parse_sidecar(hand.encode(), "o.notes.yaml", rendered=rendered)
    again = rendered.render(read.items, read.extra, "o", read.schedule)
    assert again == dump_sidecar(read, "o")


@given(st.text(alphabet="ab\n", max_size=60), st.integers(min_value=1, max_value=8))
def test_a_big_sidecar_is_split_into_lines_a_piece_at_a_time_as_whole(
    text: str, chunk: int
) -> None:
    assert _split_lines(text, chunk) == text.split("\n")
