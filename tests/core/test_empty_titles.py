"""Nodes without text (FreeMind and Freeplane image nodes, spacers, summary markers) load with
a warning at their place, and keep keys of their own."""

from mindmap.core.outline import parse_outline
from mindmap.core.problems import Severity

EMPTY = "the node has no title; it is shown as an empty box"

# (case, file text, the exact warnings)
EMPTY_TITLES = [
    ("empty title key", "title: ''\n", [f"o.yaml:1:8: warning: {EMPTY}"]),
    ("bare list item", "Root:\n  -\n  - a\n", [f"o.yaml:2:4: warning: {EMPTY}"]),
    ("blank quoted item", 'Root:\n  - " "\n', [f"o.yaml:2:5: warning: {EMPTY}"]),
    (
        "empty key with children",
        "Root:\n  - '':\n      - picture caption\n",
        [f"o.yaml:2:5: warning: {EMPTY}"],
    ),
    (
        "title key in a full node",
        "Root:\n  - title: ''\n    note: an image\n",
        [f"o.yaml:2:12: warning: {EMPTY}"],
    ),
]


def test_empty_titles_are_warnings_at_their_place() -> None:
    for case, text, expected in EMPTY_TITLES:
        parsed = parse_outline(text, "o.yaml")
        assert [str(w) for w in parsed.warnings] == expected, case
        assert all(w.severity is Severity.WARNING for w in parsed.warnings), case


def test_empty_titled_siblings_have_unique_stable_keys() -> None:
    text = "Root:\n  - ''\n  - a\n  - ''\n  - '':\n      - ''\n      - b\n"
    outline = parse_outline(text, "o.yaml").outline
    keys = [child.key for child in outline.root.children]
    assert keys == ["Root/", "Root/a", "Root/[2]", "Root/[3]"]
    assert [c.key for c in outline.root.children[3].children] == ["Root/[3]/", "Root/[3]/b"]
    assert len(outline.by_key) == outline.node_count == 7
    # A title that reads like the suffix does not collide with it.
    clash = parse_outline("Root:\n  - ''\n  - ''\n  - '[2]'\n", "o.yaml").outline
    assert len({c.key for c in clash.root.children}) == 3
    again = parse_outline(text, "o.yaml").outline
    assert list(again.by_key) == list(outline.by_key)


def test_the_title_is_kept_as_written() -> None:
    outline = parse_outline('Root:\n  - " "\n  - ""\n', "o.yaml").outline
    assert [c.title for c in outline.root.children] == [" ", ""]
