"""Any tree, written out in any mix of the three node forms, loads back equal."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mindmap.core.formats import RESERVED_KEYS
from mindmap.core.model import Node
from mindmap.core.outline import parse_outline

# Texts that YAML would turn into something else if they were constructed, not read as typed.
TRAPS = ["yes", "No", "~", "null", "1.10", "0x1F", "2025-01-01", "1e3", "on", "12:30", ".inf"]
texts = st.one_of(
    st.sampled_from(TRAPS),
    # Blank texts are refused, and U+0085, U+2028 and U+2029 read as spaces (libyaml would
    # break lines there, editors do not): any other text comes back as it went in.
    st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029"),
        min_size=1,
        max_size=20,
    ).filter(lambda text: not text.isspace()),
)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    body = "".join(
        c
        if c.isprintable() and c not in '"\\'
        else ("\\" + c if c in '"\\' else f"\\U{ord(c):08x}")
        for c in text
    )
    return f'"{body}"'


def scalar(text: str) -> str:
    return text if text in TRAPS else quoted(text)


@st.composite
def trees(draw: st.DrawFn, depth: int = 0, ids: itertools.count | None = None) -> Node:
    ids = ids if ids is not None else itertools.count()
    node = Node(draw(texts))
    if depth < 3:
        node.children = [draw(trees(depth + 1, ids)) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        node.note = draw(st.none() | texts)
        node.collapsed = draw(st.booleans())
        node.color = draw(st.none() | st.sampled_from(["#1f77b4", "#FFAA00"]))
        node.id = draw(st.none() | st.just(f"id{next(ids)}"))
        node.link = draw(st.none() | st.just("https://example.org/a?b=c#d"))
        node.tags = tuple(draw(st.lists(texts, max_size=3)))
    return node


def dump(node: Node, form: st.DrawFn, indent: str = "") -> list[str]:
    """The node as YAML lines, each node in a form drawn from `form` where more than one fits."""
    plain = not (node.note or node.collapsed or node.color or node.id or node.link or node.tags)
    forms = ["full"]
    if plain and not node.children:
        forms.append("leaf")
    if plain and node.title not in RESERVED_KEYS:
        forms.append("compact")
    chosen = form(st.sampled_from(forms))
    inner = indent + "    "
    if chosen == "leaf":
        return [scalar(node.title)]
    if chosen == "compact":
        lines = [f"{scalar(node.title)}:"]
        for child in node.children:
            first, *rest = dump(child, form, inner + "  ")
            lines += [f"{inner}- {first}", *rest]
        return lines if node.children else [f"{scalar(node.title)}: []"]
    lines = [f"title: {scalar(node.title)}"]
    for key in ("note", "color", "id", "link"):
        value = getattr(node, key)
        if value is not None:
            lines.append(f"{indent}{key}: {quoted(value)}")
    if node.collapsed:
        lines.append(f"{indent}collapsed: true")
    if node.tags:
        lines.append(f"{indent}tags: [{', '.join(map(quoted, node.tags))}]")
    if node.children:
        lines.append(f"{indent}children:")
        for child in node.children:
            first, *rest = dump(child, form, indent + "    ")
            lines += [f"{indent}  - {first}", *rest]
    return lines


@settings(max_examples=150, deadline=None)
@given(tree=trees(), data=st.data())
def test_any_tree_in_any_mix_of_forms_loads_back_equal(tree: Node, data: st.DataObject) -> None:
    text = "\n".join(dump(tree, data.draw)) + "\n"
    loaded = parse_outline(text, "o.yaml").outline.root
    assert loaded.same_content(tree), text
