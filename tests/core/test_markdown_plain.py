"""The quick reading of outline-shaped Markdown gives exactly what markdown-it's tokens give:
compared on generated files of headings, list items, paragraphs and lines it must leave alone."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mindmap.core.readers.markdown import MAX_NESTING, MarkdownReader, inline_tokens, top_entry
from mindmap.core.readers.markdownplain import read_plain

WORDS = st.sampled_from(
    [
        "alpha",
        "Beta two",
        "2025 plan",
        "**bold** word",
        "[link](https://x.org)",
        "a_b",
        "`code`",
        "x <!-- markmap: fold -->",
        "& amp",
        "[x] done",
        "#tag",
        "5) five",
        "trail  ",
    ]
)
MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "2. ", "1) ", "-  ", "-    ", "10. "])
PLAIN_LINE = st.one_of(
    st.builds(
        lambda i, n, w: " " * i + "#" * n + " " + w, st.integers(0, 4), st.integers(1, 6), WORDS
    ),
    st.builds(lambda i, m, w: " " * i + m + w, st.integers(0, 9), MARKERS, WORDS),
    st.builds(lambda i, w: " " * i + w, st.integers(0, 9), WORDS),
    st.just(""),
)
# and lines of other blocks, which the quick reading must leave to markdown-it
LINE = st.one_of(
    PLAIN_LINE,
    st.sampled_from(["> quote", "```", "---", "===", "    code", "| a | b |", "<div>", "#", "-"]),
)


def outline_of(text: str, *, plain: bool):
    """The outline read the quick way (None if it declines) or from markdown-it's tokens."""
    reader = MarkdownReader("t.md", text)
    if plain:
        done = read_plain(
            reader.lines, top_entry(), reader.node_at, inline_tokens, MAX_NESTING // 2 - 1
        )
        if done is None:
            return None
    else:
        done = reader.read_tokens(top_entry())
    return reader.outline(done)


def described(parsed):
    rows = [
        (n.title, n.line, n.column, n.note, n.link, n.collapsed, len(n.children), n.key)
        for n in parsed.outline.root.walk()
    ]
    return rows, [str(w) for w in parsed.warnings]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(PLAIN_LINE, min_size=1, max_size=16), st.lists(LINE, max_size=12)))
def test_the_quick_reading_agrees_with_markdown_it(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    quick = outline_of(text, plain=True)
    if quick is not None:
        assert described(quick) == described(outline_of(text, plain=False)), text


def test_outline_shaped_files_take_the_quick_way() -> None:
    text = (
        "# Root\n\nA note.\n\n- one\n  - two **bold**\n\n    Two's note,\n    two lines.\n- three\n"
    )
    assert outline_of(text, plain=True) is not None
