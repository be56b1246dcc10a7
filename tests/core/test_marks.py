"""Marks over the outline: counts, the paths to marked nodes, the folds and the roll-up."""

from __future__ import annotations

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.marks import count_marks, folds_to_paths, paths_to, roll_up
from mindmap.core.outline import parse_outline

TEXT = """\
Root:
  - Alpha:
      - a1:
          - a1x
      - a2
  - Beta:
      - b1
"""
OUTLINE = parse_outline(TEXT, "o.yaml").outline


def marked(**marks: Mark) -> dict[str, Annotation]:
    keys = {"a1x": "Root/Alpha/a1/a1x", "a1": "Root/Alpha/a1", "a2": "Root/Alpha/a2",
            "b1": "Root/Beta/b1", "gone": "Root/Gone"}  # fmt: skip
    return {keys[k]: Annotation(keys[k], k, "", mark) for k, mark in marks.items()}


def test_roll_up_counts_each_mark_and_the_texts_under_every_ancestor_not_the_node_itself() -> None:
    shown = marked(a1x=Mark.REVISE, a1=Mark.REVISE, a2=Mark.KNOWN, b1=Mark.KNOWN)
    counts = roll_up(OUTLINE, shown)
    assert counts["Root/Alpha/a1"] == {Mark.REVISE: 1}
    assert counts["Root/Alpha"] == {Mark.REVISE: 2, Mark.KNOWN: 1}
    assert counts["Root"] == {Mark.REVISE: 2, Mark.KNOWN: 2}
    assert counts["Root/Beta"] == {Mark.KNOWN: 1}
    assert "Root/Alpha/a2" not in counts  # nothing marked under it
    assert roll_up(OUTLINE, marked(gone=Mark.KNOWN)) == {}  # an annotation of no node
    texts = {"Root/Beta/b1": Annotation("Root/Beta/b1", "b1", "text", Mark.KNOWN)}
    assert roll_up(OUTLINE, texts)["Root"] == {Mark.KNOWN: 1, None: 1}  # None: annotated


def test_counts_and_paths() -> None:
    shown = marked(a1x=Mark.REVISE, b1=Mark.KNOWN)
    assert count_marks(shown) == {Mark.IMPORTANT: 0, Mark.REVISE: 1, Mark.KNOWN: 1}
    paths = paths_to(OUTLINE, ["Root/Alpha/a1/a1x", "Root/Gone"])
    assert paths == {"Root", "Root/Alpha", "Root/Alpha/a1", "Root/Alpha/a1/a1x"}
    assert folds_to_paths(OUTLINE, paths) == {"Root/Beta"}
