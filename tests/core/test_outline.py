"""Good outlines load into the model exactly as written, in every form and encoding detail."""

import pytest

from mindmap.core.outline import OutlineError, parse_outline

MIXED = """\
India–Russia Relations:
  - Leaf node
  - Compact branch:
      - child one
      - child two
  - title: Full node
    note: The author's note.
    collapsed: true
    color: '#1f77b4'
    id: full
    link: https://example.org/notes
    tags: [exam, defence]
    children:
      - grandchild
"""


def test_three_forms_mixed_and_every_reserved_key() -> None:
    outline = parse_outline(MIXED, "o.yaml").outline
    root = outline.root
    assert root.title == "India–Russia Relations"
    assert [c.title for c in root.children] == ["Leaf node", "Compact branch", "Full node"]
    assert [c.title for c in root.children[1].children] == ["child one", "child two"]
    full = root.children[2]
    assert (full.note, full.collapsed, full.color, full.id, full.link, full.tags) == (
        "The author's note.",
        True,
        "#1f77b4",
        "full",
        "https://example.org/notes",
        ("exam", "defence"),
    )
    assert [c.title for c in full.children] == ["grandchild"]
    assert (outline.node_count, outline.depth) == (7, 2)
    assert (full.line, full.column) == (6, 5)


def test_titles_and_notes_stay_as_typed() -> None:
    typed = ["yes", "2025-01-01", "1.10", "~", "0x1F", "null", "1e3", "on", "12:30"]
    text = "Root:\n" + "".join(f"  - {t}\n" for t in typed) + "  - title: No\n    note: 007\n"
    root = parse_outline(text, "o.yaml").outline.root
    assert [c.title for c in root.children] == [*typed, "No"]
    assert root.children[-1].note == "007"


def test_full_root_form() -> None:
    root = parse_outline("title: Root\nchildren:\n  - a\n", "o.yaml").outline.root
    assert (root.title, [c.title for c in root.children]) == ("Root", ["a"])


def test_bom_and_crlf_load_with_right_lines() -> None:
    data = "\ufeffRoot:\r\n  - a\r\n  - b\r\n".encode()
    root = parse_outline(data, "o.yaml").outline.root
    assert root.title == "Root"
    assert [(c.title, c.line, c.column) for c in root.children] == [("a", 2, 5), ("b", 3, 5)]


def test_column_counts_characters_not_bytes() -> None:
    parsed = parse_outline("Rööt:\n  - Ünïcödé: [ok]\n", "o.yaml")
    child = parsed.outline.root.children[0]
    assert (child.title, child.line, child.column) == ("Ünïcödé", 2, 5)


def deep_outline(levels: int) -> str:
    return "\n".join(["Root:"] + [f"{'  ' * (i + 1)}- level {i}:" for i in range(levels)]) + "\n"


def test_400_levels_deep_loads() -> None:
    outline = parse_outline(deep_outline(400), "deep.yaml").outline
    assert (outline.node_count, outline.depth) == (401, 400)


def test_5000_levels_deep_fails_with_a_clear_message() -> None:
    with pytest.raises(OutlineError) as caught:
        parse_outline(deep_outline(5000), "deep.yaml")
    assert str(caught.value) == (
        "deep.yaml:501:1003: nested too deeply: more than 1,000 YAML levels "
        "(about 500 outline levels); flatten the outline"
    )


def test_empty_children_and_empty_note_are_allowed() -> None:
    parsed = parse_outline("title: R\nnote:\nchildren:\n", "o.yaml")
    assert (parsed.outline.root.note, parsed.outline.root.children, parsed.warnings) == (
        None,
        [],
        [],
    )


def test_a_single_title_is_a_map_of_one_node() -> None:
    outline = parse_outline("Just a title\n", "o.yaml").outline
    assert (outline.root.title, outline.node_count, outline.depth) == ("Just a title", 1, 0)


def test_keys_tell_every_node_apart_even_when_an_id_looks_like_a_path() -> None:
    text = "R:\n  - title: B\n    id: k\n    children: [c]\n  - title: D\n    id: k/c\n"
    outline = parse_outline(text, "o.yaml").outline
    assert len(outline.by_key) == outline.node_count == 4
    assert outline.root.children[0].children[0].key == "#k/c"
    assert outline.root.children[1].key == "#k\\/c"
