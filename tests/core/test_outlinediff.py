"""What a reload changed, by keys and content."""

from mindmap.core.outline import parse_outline
from mindmap.core.outlinediff import OutlineDiff, diff_outlines

OLD = "Root:\n  - A:\n      - a1\n      - a2\n  - title: B\n    note: one\n  - C\n"

# (case, new text, the diff, the line)
CASES = [
    ("same", OLD, OutlineDiff(0, 0, 0, 0), "Reloaded: nothing changed"),
    (
        "one of each",
        "Root:\n  - A:\n      - a1\n      - a2 renamed\n      - a3\n  - title: B\n    note: two\n",
        OutlineDiff(1, 1, 1, 1),
        "Reloaded: 4 nodes changed (1 added, 1 removed, 1 renamed, 1 edited)",
    ),
    (
        "renamed root",
        OLD.replace("Root:", "Top:"),
        OutlineDiff(0, 0, 1, 0),
        "Reloaded: 1 node changed (1 renamed)",
    ),
]


def test_a_reload_counts_added_removed_renamed_and_edited_nodes() -> None:
    old = parse_outline(OLD, "o.yaml").outline
    for case, text, expected, line in CASES:
        diff = diff_outlines(old, parse_outline(text, "o.yaml").outline)
        assert (diff, diff.describe()) == (expected, line), case
