"""Annotations are never lost: they follow moved nodes, wait when unattached, merge, and save."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from mindmap.core.annotations import Annotation, AnnotationStore, Mark
from mindmap.core.outline import parse_outline
from mindmap.core.sidecar import (
    SidecarError,
    SidecarText,
    dump_sidecar,
    load_sidecar,
    parse_sidecar,
    sidecar_path,
)

OUTLINE = "Revision:\n  - Defence:\n      - BrahMos\n  - Energy:\n      - Kudankulam\n"


def outline(text: str = OUTLINE):
    return parse_outline(text, "o.yaml").outline


def store(*annotations: Annotation) -> AnnotationStore:
    return AnnotationStore({a.key: a for a in annotations})


def test_sidecar_is_named_after_the_outline() -> None:
    assert sidecar_path(Path("/x/outline.yaml")) == Path("/x/outline.notes.yaml")
    assert sidecar_path(Path("/x/notes.yml")) == Path("/x/notes.notes.yml")


def test_dump_and_parse_round_trip_multiline_text_and_marks() -> None:
    original = store(
        Annotation("Revision/Defence", "Defence", "**Bold** idea\n- one\n- two", Mark.REVISE, "t1"),
        Annotation("Revision/Energy/Kudankulam", "Kudankulam", "", Mark.KNOWN, "t2"),
    )
    text = dump_sidecar(original, "outline.yaml")
    assert "text: |-\n" in text or "text: |\n" in text  # readable block, not an escaped line
    assert parse_sidecar(text.encode(), "s.yaml").items == original.items


def test_annotation_text_with_unicode_line_separators_round_trips() -> None:
    original = store(Annotation("k", "K", "line1\u2028line2\x85end", None, "t"))
    assert (
        parse_sidecar(dump_sidecar(original, "o.yaml").encode(), "s.yaml").items == original.items
    )


def test_raw_unicode_line_separators_typed_into_the_sidecar_read_as_spaces() -> None:
    data = "annotations:\n  - key: k\n    text: pasted\u2028from web\n  - key: [x]\n"
    with pytest.raises(SidecarError) as caught:
        parse_sidecar(data.encode(), "s.yaml")
    assert str(caught.value) == "s.yaml:4:10: key must be text, got a list"  # lines as shown
    fine = parse_sidecar(data.replace("[x]", "j").encode(), "s.yaml")
    assert fine.get("k").text == "pasted from web"


def test_moved_node_is_followed_and_renamed_one_waits_unattached() -> None:
    notes = store(
        Annotation("Revision/Defence/BrahMos", "BrahMos", "missile", None, "t"),
        Annotation("Revision/Energy", "Energy", "pillar", None, "t"),
    )
    moved = outline(
        OUTLINE.replace("      - BrahMos\n", "").replace(
            "Kudankulam\n", "Kudankulam\n      - BrahMos\n"
        )
    )
    notes.attach(moved)
    assert notes.settle()  # the outline stayed so: the proposed move becomes real
    assert notes.get("Revision/Energy/BrahMos").text == "missile"
    renamed = outline(OUTLINE.replace("Energy", "Energy security"))
    notes.attach(renamed)
    assert notes.settle()  # BrahMos follows back to its one namesake, under Defence
    assert notes.get("Revision/Defence/BrahMos").text == "missile"
    assert notes.unattached == {"Revision/Energy"}
    assert notes.get("Revision/Energy").text == "pillar"  # kept, never dropped


FULL = "Root:\n  - Alpha:\n      - Summary\n  - Beta:\n      - Detail\n      - Summary\n"
CUT = "Root:\n  - Alpha:\n      - Summary\n  - Beta:\n      - Detail\n"  # saved half-way


def test_a_lost_key_is_only_proposed_to_move_until_settled_and_wins_back_when_it_returns() -> None:
    notes = store(Annotation("Root/Beta/Summary", "Summary", "mine", Mark.REVISE, "t"))
    notes.attach(outline(CUT))
    assert set(notes.items) == {"Root/Beta/Summary"}  # stored under its own key
    assert notes.on_node("Root/Alpha/Summary").text == "mine"  # but shown on its namesake
    assert notes.by_node() == {"Root/Alpha/Summary": notes.get("Root/Beta/Summary")}
    assert "key: Root/Beta/Summary" in dump_sidecar(notes, "o.yaml")
    assert "Root/Alpha" not in dump_sidecar(notes, "o.yaml")

    notes.attach(outline(FULL))  # the whole file is back: the proposal is dropped
    assert notes.proposals == {}
    assert notes.unattached == set()
    assert notes.on_node("Root/Alpha/Summary") is None
    assert notes.on_node("Root/Beta/Summary").text == "mine"
    assert not notes.settle()
    assert set(notes.items) == {"Root/Beta/Summary"}

    notes.attach(outline(CUT))
    assert notes.settle()  # the cut outline proved stable: now the annotation moves
    assert notes.items == {
        "Root/Alpha/Summary": Annotation("Root/Alpha/Summary", "Summary", "mine", Mark.REVISE, "t")
    }
    assert notes.proposals == {}
    assert notes.unattached == set()


def test_annotating_the_namesake_drops_the_proposal_and_the_lost_one_waits_for_the_user() -> None:
    notes = store(Annotation("Root/Beta/Summary", "Summary", "mine", None, "t"))
    notes.attach(outline(CUT))
    theirs = Annotation("Root/Alpha/Summary", "Summary", "theirs", None, "t")
    notes.put(theirs, "Root/Alpha/Summary")
    assert notes.on_node("Root/Alpha/Summary") == theirs
    assert notes.proposals == {}
    assert notes.unattached == {"Root/Beta/Summary"}
    assert not notes.settle()
    assert notes.get("Root/Beta/Summary").text == "mine"


def test_a_title_renamed_under_a_kept_id_is_written_only_once_settled() -> None:
    notes = store(Annotation("#a", "Alpha", "first", None, "t"))
    notes.attach(outline("Root:\n  - title: Alp\n    id: a\n"))  # cut mid-title
    assert notes.on_node("#a").text == "first"
    assert notes.get("#a").title == "Alpha"
    notes.attach(outline("Root:\n  - title: Alpha prime\n    id: a\n"))
    assert notes.settle()
    assert notes.get("#a") == Annotation("#a", "Alpha prime", "first", None, "t")


def test_ambiguous_title_stays_unattached() -> None:
    notes = store(Annotation("Revision/Gone", "BrahMos", "x", None, "t"))
    twice = outline(OUTLINE + "  - Also:\n      - BrahMos\n")
    notes.attach(twice)
    assert notes.unattached == {"Revision/Gone"}


def test_merge_takes_each_sides_changes_and_keeps_both_versions_of_a_conflict() -> None:
    base = {
        key: Annotation(key, key.upper(), "as read", None, "1") for key in ("a", "b", "c", "e", "f")
    }
    mine = store(
        Annotation("a", "A", "mine, newer", None, "3"),
        Annotation("b", "B", "as read", None, "1"),
        Annotation("c", "C", "changed here", None, "2"),
        Annotation("e", "E", "as read", None, "1"),
        Annotation("f", "F", "as read", None, "1"),
        Annotation("new", "N", "only mine", None, "2"),
    )
    theirs = store(
        Annotation("a", "A", "theirs, older", None, "2"),
        Annotation("d", "D", "only theirs", None, "2"),
        Annotation("e", "E", "edited by hand, same stamp", None, "1"),
        Annotation("f", "F", "as read", None, "1"),
    )  # they deleted b and c
    mine.merge(theirs, base)
    assert {k: a.text for k, a in mine.items.items()} == {
        "a": "mine, newer",
        "a (other version of 2)": "theirs, older",  # both changed it: neither is lost
        "c": "changed here",  # deleted there, changed here: kept
        "e": "edited by hand, same stamp",
        "f": "as read",
        "new": "only mine",
        "d": "only theirs",
    }


def test_two_lost_annotations_of_one_title_wait_for_the_user() -> None:
    notes = store(
        Annotation("Revision/Defence/BrahMos", "BrahMos", "defence", None, "t"),
        Annotation("Revision/Energy/BrahMos", "BrahMos", "energy", None, "t"),
    )
    notes.attach(outline("Revision:\n  - Other:\n      - BrahMos\n"))
    assert notes.unattached == {"Revision/Defence/BrahMos", "Revision/Energy/BrahMos"}
    assert {a.text for a in notes.items.values()} == {"defence", "energy"}


BROKEN = [
    (b"annotations: [\n", "s.yaml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)"),
    (b"- a\n", "s.yaml:1:1: the file must be a mapping, got a list"),
    (b"annotations:\n  - title: x\n", "s.yaml:2:5: an annotation needs a 'key'"),
    (b"annotations:\n  - key: k\n    mark: [urgent]\n", "s.yaml:3:11: mark must be text, got a list"),
    (b"version: 7\n", "s.yaml:1:10: version 7 is not known; expected 1 or 2"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), BROKEN)
def test_broken_sidecar_gives_file_line_col(data: bytes, message: str) -> None:
    with pytest.raises(SidecarError) as caught:
        parse_sidecar(data, "s.yaml")
    assert str(caught.value) == message


def test_a_mark_the_app_does_not_know_is_read_kept_and_replaced_only_by_the_user() -> None:
    data = b"annotations:\n- key: k\n  title: t\n  mark: urgent\n  updated: '1'\n"
    read = parse_sidecar(data, "s.yaml").get("k")
    assert read.mark is None
    assert read.unknown_mark == "urgent"
    assert not read.empty  # a mark and nothing else is still the user's
    again = parse_sidecar(dump_sidecar(AnnotationStore({"k": read}), "o.yaml").encode(), "s")
    assert again.get("k").unknown_mark == "urgent"
    chosen = replace(read, mark=Mark.KNOWN)
    written = dump_sidecar(AnnotationStore({"k": chosen}), "o.yaml")
    assert written.count("mark:") == 1
    assert parse_sidecar(written.encode(), "s").get("k").mark is Mark.KNOWN


def test_missing_sidecar_is_an_empty_store(tmp_path: Path) -> None:
    assert load_sidecar(tmp_path / "none.notes.yaml").items == {}


SAVER = """
import sys
from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.core.atomicfile import write_atomic
from mindmap.core.sidecar import dump_sidecar
path = sys.argv[1]
version = 0
while True:
    version += 1
    notes = AnnotationStore({
        f"k{i}": Annotation(f"k{i}", "t", f"version {version} " + "x" * 2000, None, str(version))
        for i in range(200)
    })
    write_atomic(path, dump_sidecar(notes, "o.yaml").encode())
    print(version, flush=True)
"""


def test_killed_save_leaves_old_or_new_version_never_a_torn_file(tmp_path: Path) -> None:
    sidecar = tmp_path / "o.notes.yaml"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    for attempt in range(6):
        with subprocess.Popen(
            [sys.executable, "-c", SAVER, str(sidecar)], stdout=subprocess.PIPE, env=env
        ) as saver:
            assert saver.stdout is not None
            saver.stdout.readline()  # at least one version is complete
            time.sleep(0.013 * attempt)
            saver.send_signal(signal.SIGKILL)
        notes = load_sidecar(sidecar)
        versions = {a.updated for a in notes.items.values()}
        assert len(notes.items) == 200
        assert len(versions) == 1  # one whole version, not a mix
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != sidecar.name]
    assert all(name.startswith(".o.notes.yaml.") for name in leftovers)  # only dead temporaries


UNKNOWN = """\
version: 1
review:
  every: 3 days
  next: [2026-12-05]
annotations:
- key: a
  title: A
  text: kept
  colour: red
  updated: '1'
"""


def test_fields_and_sections_the_app_does_not_know_are_written_back() -> None:
    notes = parse_sidecar(UNKNOWN.encode(), "s.yaml")
    notes.put(Annotation("b", "B", "new", None, "2"), "b")
    again = parse_sidecar(dump_sidecar(notes, "o.yaml").encode(), "s.yaml")
    assert again.items == notes.items
    assert again.get("a").extra == (("colour", "red"),)
    assert again.extra == {"review": {"every": "3 days", "next": ["2026-12-05"]}}


UNKEPT = [
    (UNKNOWN.replace("  text: kept\n", "  text: kept\n  text: second\n"),
     "s.yaml:9:3: 'text' appears twice in this mapping (first at line 8); keep one"),
    (UNKNOWN.replace("  colour: red\n", "  colour: red  # my own colour code\n"),
     "s.yaml:9:16: a comment here would be lost when the app saves this file; "
     "move it into an annotation's text, or keep a copy and start over"),
    ("# notes for me\n" + UNKNOWN,
     "s.yaml:1:1: a comment here would be lost when the app saves this file; "
     "move it into an annotation's text, or keep a copy and start over"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), UNKEPT)
def test_what_a_save_could_not_keep_makes_the_sidecar_read_only(text: str, message: str) -> None:
    with pytest.raises(SidecarError) as caught:
        parse_sidecar(text.encode(), "s.yaml")
    assert str(caught.value) == message


def test_hash_inside_texts_and_the_apps_own_header_are_not_comments() -> None:
    notes = store(Annotation("k#1", "C# notes", "see #3\n# not a comment", None, "t"))
    assert parse_sidecar(dump_sidecar(notes, "o.yaml").encode(), "s.yaml").items == notes.items


def test_a_render_after_changes_is_the_whole_dump_of_what_is_there_now() -> None:
    notes = store(*(Annotation(f"k{i:04}", "T", f"text {i}\nline", None, "1") for i in range(1200)))
    text = SidecarText()
    assert text.render(notes.items, {}, "o.yaml") == dump_sidecar(notes, "o.yaml")
    notes.put(None, "k0007")
    notes.put(Annotation("k0500", "T", "changed", Mark.KNOWN, "2"), "k0500")
    notes.put(Annotation("a first", "T", "new", None, "2"), "a first")
    for i in range(600):
        notes.put(Annotation(f"m{i}", "M", "more", None, "3"), f"m{i}")
    notes.extra = {"review": "weekly"}
    assert text.render(notes.items, notes.extra, "o.yaml") == dump_sidecar(notes, "o.yaml")
    for key in list(notes.items):
        notes.put(None, key)
    assert text.render(notes.items, notes.extra, "o.yaml") == dump_sidecar(notes, "o.yaml")
    assert parse_sidecar(dump_sidecar(notes, "o.yaml").encode(), "s.yaml").items == {}
