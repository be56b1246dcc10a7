"""Writing outlines in every format: YAML as written by hand, and round trips through YAML that
keep what each format holds; what a target cannot hold is a warning, never a silent loss."""

from pathlib import Path

import pytest

from mindmap.core.model import Node
from mindmap.core.outline import parse_outline
from mindmap.core.readers import load_any, parse_any
from mindmap.core.writers import WRITERS, ConvertError, convert, render
from mindmap.core.writers.yamlout import dump_yaml

FIXTURES = Path(__file__).parent.parent / "fixtures" / "formats"
REAL = [
    "markmap-example.md",
    "markmap-README.md",
    "states.opml",
    "freeplaneFunctions.mm",
    "Wohnungssuche.mm",
]


def differences(a: Node, b: Node, fields: frozenset[str]) -> list[str]:
    """Where two trees differ in their titles, shapes and the given fields."""
    found = []
    pairs = [(a, b)]
    while pairs:
        x, y = pairs.pop()
        if x.title != y.title or len(x.children) != len(y.children):
            found.append(f"{x.title!r} / {y.title!r}")
            continue
        found += [f"{x.title!r}.{f}" for f in sorted(fields) if getattr(x, f) != getattr(y, f)]
        pairs.extend(zip(x.children, y.children, strict=True))
    return found


@pytest.mark.parametrize("name", REAL)
def test_to_yaml_and_back_keeps_what_the_format_holds(name: str, tmp_path: Path) -> None:
    original = load_any(FIXTURES / name).outline
    as_yaml = convert(original, tmp_path / "converted.yaml")
    assert as_yaml.warnings == []  # YAML holds every field
    via_yaml = load_any(tmp_path / "converted.yaml").outline
    assert differences(original.root, via_yaml.root, frozenset(WRITERS["YAML"][1])) == []
    back = tmp_path / f"back{Path(name).suffix}"
    convert(via_yaml, back)
    fields = WRITERS[as_yaml_format(name)][1]
    assert differences(original.root, load_any(back).outline.root, fields) == []


def as_yaml_format(name: str) -> str:
    return {".md": "Markdown", ".opml": "OPML", ".mm": "FreeMind"}[Path(name).suffix]


def test_yaml_is_written_as_by_hand() -> None:
    text = (
        "title: Root\n"
        "children:\n"
        "  - Plain leaf\n"
        "  - Compact branch:\n"
        "      - child\n"
        "  - title: Full\n"
        "    note: |-\n"
        "      First line\n"
        "\n"
        "        indented line\n"
        "    collapsed: true\n"
        "    color: '#1f77b4'\n"
        "    id: full\n"
        "    link: https://example.org/a#b\n"
        "    tags: [exam, two words, 'it''s']\n"
        "    children:\n"
        "      - 'yes'\n"
        "  - 'title: reserved'\n"
    )
    outline = parse_outline(text, "in.yaml").outline
    outline.root.children[3].title = "title"  # a reserved word cannot be a compact branch
    outline.root.children[3].children = [Node("x")]
    written = render(outline, "out.yaml").text
    assert written == (
        "# Converted from in.yaml by mindmap convert: the outline format, to edit by hand.\n"
        "Root:\n"
        "  - Plain leaf\n"
        "  - Compact branch:\n"
        "      - child\n"
        "  - title: Full\n"
        "    note: |-\n"
        "      First line\n"
        "\n"
        "        indented line\n"
        "    collapsed: true\n"
        "    color: '#1f77b4'\n"
        "    id: full\n"
        "    link: https://example.org/a#b\n"
        "    tags: [exam, two words, it's]\n"
        "    children:\n"
        "      - yes\n"
        "  - title: title\n"
        "    children:\n"
        "      - x\n"
    )


TRICKY = [
    "yes",
    "2025-01-01",
    "a: b",
    "- not a list",
    "#hash",
    "ends with colon:",
    "'quoted'",
    '"double"',
    "tab\there",
    "line\u2028separator",
    "1. not ordered",
    "*stars* and _underscores_",
    "[brackets] <b>html</b> &amp; `code`",
    "back\\slash | pipe ~tilde~ !bang",
    "+ plus",
    "title",
]


@pytest.mark.parametrize("suffix", [".yaml", ".md", ".opml", ".mm"])
def test_tricky_titles_read_back_the_same(suffix: str) -> None:
    root = Node("Root", [Node(title) for title in TRICKY])
    outline = parse_any(dump_yaml(root, "test"), "tricky.yaml").outline
    converted = render(outline, f"out{suffix}")
    assert converted.warnings == []
    again = parse_any(converted.text, f"out{suffix}").outline.root
    assert [child.title for child in again.children] == TRICKY


def test_what_markdown_cannot_hold_is_listed() -> None:
    text = (
        "R:\n"
        "  - title: a\n    id: a1\n    color: '#ff0000'\n    tags: [x]\n"
        "  - title: b\n    tags: [y]\n"
        "  - title: c\n    note: |-\n      - looks like\n      - a list\n"
    )
    outline = parse_outline(text, "o.yaml").outline
    said = [str(w) for w in render(outline, "o.md").warnings]
    assert said == [
        "o.yaml:2:5: warning: Markdown has no place for a node's color: left out of 1 node, first here",
        "o.yaml:2:5: warning: Markdown has no place for a node's id: left out of 1 node, first here",
        "o.yaml:2:5: warning: Markdown has no place for a node's tags: left out of 2 nodes, first here",
        "o.yaml:8:5: warning: the note and children of 'c' read back differently from o.md",
    ]


def test_a_character_xml_cannot_hold_is_named() -> None:
    outline = parse_outline('R:\n  - "bell\\a"\n', "o.yaml").outline
    said = [str(w) for w in render(outline, "o.opml").warnings]
    assert said == [
        "o.yaml:2:5: warning: the title of 'bell\x07' read back differently from o.opml"
    ]


def test_folds_survive_opml_and_freemind() -> None:
    text = "R:\n  - title: A\n    collapsed: true\n    children:\n      - B:\n          - c\n  - D:\n      - e\n"
    outline = parse_outline(text, "o.yaml").outline
    for suffix in (".mm", ".md"):
        converted = render(outline, f"o{suffix}")
        assert converted.warnings == []
        again = parse_any(converted.text, f"o{suffix}").outline
        folded = {node.key for node in again.root.walk() if node.collapsed}
        assert folded == {"R/A"}, suffix
    # OPML's expansionState numbers the lines shown: an open branch inside a folded one
    # cannot be said, and reads back folded
    said = [str(w) for w in render(outline, "o.opml").warnings]
    assert said == ["o.yaml:5:9: warning: the fold of 'B' read back differently from o.opml"]


def test_convert_refuses_its_own_source_and_unknown_suffixes(tmp_path: Path) -> None:
    source = tmp_path / "o.yaml"
    source.write_text("R:\n  - a\n", encoding="utf-8")
    outline = load_any(source).outline
    with pytest.raises(ConvertError, match="is the file being converted"):
        convert(outline, source)
    with pytest.raises(ConvertError, match=r"unknown format '\.txt'"):
        convert(outline, tmp_path / "o.txt")
    assert not (tmp_path / "o.txt").exists()
