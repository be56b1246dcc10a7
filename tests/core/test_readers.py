"""Markdown, OPML and FreeMind/Freeplane read into the outline model, on real files (see
tests/fixtures/formats/README.md) and on bad input: a clear FILE:LINE:COL, never a traceback."""

from pathlib import Path

import pytest

from mindmap.core.formats import format_of
from mindmap.core.outline import OutlineError
from mindmap.core.readers import load_any, parse_any
from mindmap.core.readers.tree import NO_TEXT
from mindmap.core.sidecar import sidecar_path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "formats"


def titles(node):
    return [child.title for child in node.children]


def by_title(outline, title):
    return next(node for node in outline.root.walk() if node.title == title)


# --- Markdown ---------------------------------------------------------------------------------


def test_markmap_example_reads_as_markmap_shows_it():
    parsed = load_any(FIXTURES / "markmap-example.md")
    outline = parsed.outline
    assert outline.root.title == "markmap"  # the front matter's title: three top headings
    assert titles(outline.root) == ["Links", "Related Projects", "Features"]
    website = by_title(outline, "Website")
    assert website.link == "https://markmap.js.org/"
    lists = by_title(outline, "Lists")
    assert titles(lists)[:2] == ["strong del italic ==highlight==", "inline code"]
    katex = next(node for node in lists.children if node.title.startswith("Katex"))
    assert katex.collapsed  # <!-- markmap: fold -->
    assert titles(by_title(outline, "Ordered list")) == ["item 1", "item 2"]
    blocks = by_title(outline, "Blocks")
    assert blocks.note.startswith("```js\nconsole.log('hello, JavaScript')\n```")
    assert "| Apple | 4 |" in blocks.note
    assert by_title(outline, "Features").note.startswith("Note that if blocks")
    assert [str(w) for w in parsed.warnings] == [
        f"{FIXTURES / 'markmap-example.md'}:40:1: warning: a table is kept in the note as "
        "Markdown text; the map shows it as text",
        f"{FIXTURES / 'markmap-example.md'}:45:1: warning: an image is kept in the note as "
        "Markdown text; the map shows it as text",
    ]


def test_markmap_readme_one_top_heading_is_the_root():
    outline = load_any(FIXTURES / "markmap-README.md").outline
    assert outline.root.title == "markmap"
    assert outline.root.note.startswith("[![Join the chat")
    vim = by_title(outline, "Vim / Neovim:")
    assert vim.children[0].title == "coc-markmap NPM - powered by coc.nvim"
    assert vim.children[0].link == "https://github.com/gera2ld/coc-markmap"


def test_heading_jump_and_inline_formatting():
    text = "# Root\n\n#### **Deep** *jump* `code`\n\n## Next\n"
    outline = parse_any(text, "n.md").outline
    assert titles(outline.root) == ["Deep jump code", "Next"]
    assert outline.root.children[0].line == 3


def test_item_notes_keep_markdown_and_nested_lists_are_children():
    text = (
        "# R\n"
        "- Item with [a link](https://example.org) and **bold**\n"
        "\n"
        "  A paragraph *kept* as written.\n"
        "\n"
        "  > a quote\n"
        "  - Child\n"
        "    1. Grandchild <!-- markmap: foldAll -->\n"
        "       - Leaf\n"
    )
    outline = parse_any(text, "n.md").outline
    item = outline.root.children[0]
    assert item.title == "Item with a link and bold"
    assert item.link == "https://example.org"
    assert item.note == "A paragraph *kept* as written.\n\n> a quote"
    assert (item.line, item.column) == (2, 1)
    grandchild = item.children[0].children[0]
    assert grandchild.title == "Grandchild"
    assert grandchild.collapsed
    assert grandchild.children[0].key == "R/Item with a link and bold/Child/Grandchild/Leaf"


def test_front_matter_initial_expand_level_shows_that_many_levels_as_markmap():
    text = "---\nmarkmap:\n  initialExpandLevel: 2\n---\n# R\n## A\n### B\n#### C\n"
    assert parse_any(text.replace("2", "1", 1), "n.md").outline.root.collapsed  # the root only
    outline = parse_any(text, "n.md").outline
    assert outline.root.title == "R"
    assert not outline.root.collapsed
    a = outline.root.children[0]
    assert a.collapsed
    assert a.line == 6
    assert not a.children[0].children[0].collapsed  # a leaf has nothing to fold


def test_markdown_without_headings_or_lists_is_one_node():
    parsed = parse_any("Just a paragraph.\n", "/tmp/plain notes.md")
    assert parsed.outline.root.title == "plain notes"
    assert parsed.outline.root.note == "Just a paragraph."
    assert "no headings or lists" in str(parsed.warnings[0])


def test_a_binary_file_named_md_is_refused_clearly():
    with pytest.raises(OutlineError) as caught:
        parse_any(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.md")
    assert str(caught.value) == "picture.md:3:1: a binary file (a NUL character), not Markdown text"


def test_markdown_not_utf8_says_where():
    with pytest.raises(OutlineError) as caught:
        parse_any(b"# Caf\xe9\n", "n.md")
    assert str(caught.value).startswith("n.md:1:6: the file is not UTF-8 text")


def test_a_hundred_thousand_list_items():
    text = "# Many\n" + "".join(f"- item {n}\n" for n in range(100_000))
    outline = parse_any(text, "many.md").outline
    assert outline.node_count == 100_001
    assert outline.root.children[-1].line == 100_001


def test_markdown_keys_are_the_path_of_titles_as_in_yaml():
    text = "# R\n## A\n- x\n- x\n"
    outline = parse_any(text, "n.md").outline
    assert sorted(outline.by_key) == ["R", "R/A", "R/A/x", "R/A/x[2]"]


# --- OPML -------------------------------------------------------------------------------------


def test_states_opml_with_its_expansion_state():
    parsed = load_any(FIXTURES / "states.opml")
    outline = parsed.outline
    assert outline.root.title == "United States"
    assert not outline.root.collapsed
    regions = outline.root.children
    assert titles(outline.root)[:3] == ["Far West", "Great Plains", "Mid-Atlantic"]
    # expansionState 1,4: line 1 is the root; once it is open, line 4 is the third region
    assert [region.collapsed for region in regions[:4]] == [True, True, False, True]
    assert titles(regions[0])[:2] == ["Alaska", "California"]
    assert parsed.warnings == []


def test_opml_notes_links_tags_and_several_tops():
    text = (
        '<?xml version="1.0"?>\n<opml version="2.0"><head><title>My list</title></head>\n'
        "<body>\n"
        '  <outline text="One" _note="line 1&#10;line 2" category="exam, dates">\n'
        '    <outline text="Site" type="link" url="https://example.org"/>\n'
        "  </outline>\n"
        '  <outline text="" htmlUrl="https://feed.example" color="red"/>\n'
        "</body></opml>\n"
    )
    parsed = parse_any(text, "o.opml")
    root = parsed.outline.root
    assert root.title == "My list"
    assert titles(root) == ["One", NO_TEXT]
    one = root.children[0]
    assert (one.note, one.tags, one.line, one.column) == ("line 1\nline 2", ("exam", "dates"), 4, 3)
    assert one.children[0].link == "https://example.org"
    assert root.children[1].link == "https://feed.example"
    assert [str(w) for w in parsed.warnings] == [
        "o.opml:7:3: warning: the attribute 'color' is not shown on the map (first seen here)"
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"<opml><body><outline text='a'></body></opml>",
            "o.opml:1:33: not well-formed XML: mismatched tag",
        ),
        (b"<html/>", "o.opml:1:1: expected an OPML file (an <opml> element), found <html>"),
        (b"<opml><head/></opml>", "o.opml:1:1: the OPML file has no <body>"),
        (b"", "o.opml:1:1: not well-formed XML: no element found"),
    ],
)
def test_bad_opml(data, message):
    with pytest.raises(OutlineError) as caught:
        parse_any(data, "o.opml")
    assert str(caught.value) == message


# --- FreeMind / Freeplane ---------------------------------------------------------------------


def test_freemind_map_with_an_empty_node():
    outline = load_any(FIXTURES / "Wohnungssuche.mm").outline
    root = outline.root
    assert (root.title, root.id, root.key, root.color) == (
        "Wohnungssuche",
        "ID_1749153312",
        "#ID_1749153312",
        "#000000",
    )
    flat = root.children[0]
    assert flat.link.startswith("http://www.immobilienscout24.de/")
    folded = flat.children[0]
    assert folded.title == "Uninteressant"
    assert folded.collapsed
    assert folded.color == "#00b439"
    assert folded.children[0].title == NO_TEXT  # TEXT=" "
    assert outline.by_key["#ID_1035435460"] is folded.children[0]


def test_freeplane_documentation_map_rich_text_notes_and_icons():
    parsed = load_any(FIXTURES / "freeplaneFunctions.mm")
    root = parsed.outline.root
    assert root.title == "Basic Freeplane\nFunctions"
    assert root.tags == ("bee",)
    assert root.note.startswith("Hover with the cursor over the different texts")
    spell = parsed.outline.by_key["#ID_739070756"]
    assert spell.title == "Spell check & Academic Writing suite"  # rich HTML, &#160; a space
    assert spell.note == (
        "See\n- Help > Tutorial Spelling dictionaries resp. Academic writing suite"
    )
    assert parsed.outline.by_key["#ID_1000966299"].title == NO_TEXT
    assert any("arrow links" in str(w) for w in parsed.warnings)


def test_freeplane_details_then_note_and_plain_text():
    text = (
        '<map version="freeplane 1.9.13"><node TEXT="R">\n'
        '<richcontent TYPE="NOTE" CONTENT-TYPE="plain/text"><text>note\n  as typed</text>'
        "</richcontent>\n"
        '<richcontent TYPE="DETAILS"><html><body><p>details</p><ol><li>one</li><li>two</li>'
        "</ol></body></html></richcontent>\n"
        "</node></map>"
    )
    root = parse_any(text, "m.mm").outline.root
    assert root.note == "details\n1. one\n2. two\n\nnote\n  as typed"


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE map [\n <!ENTITY a "aaaaaaaaaa">\n'
    ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<map><node TEXT="&b;"/></map>\n'
)
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE map [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<map><node TEXT="&x;"/></map>\n'


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BOMB, "m.mm:3:13: an entity declaration (which could expand without end) is refused"),
        (EXTERNAL, "m.mm:2:54: an entity declaration (which could expand without end) is refused"),
        ('<map>\n<node TEXT="a">\n</map>', "m.mm:3:3: not well-formed XML: mismatched tag"),
        ("<map/>", "m.mm:1:1: the map has no <node>"),
        ("<opml/>", "m.mm:1:1: expected a FreeMind or Freeplane map (a <map>), found <opml>"),
        (b"<map>\x00</map>", "m.mm:1:6: a binary file (a NUL character), not FreeMind map text"),
    ],
)
def test_bad_maps_are_refused_where_they_are_wrong(data, message):
    with pytest.raises(OutlineError) as caught:
        parse_any(data, "m.mm")
    assert str(caught.value) == message


def test_a_map_500_levels_deep_opens():
    text = "<map>" + '<node TEXT="n">' * 500 + "</node>" * 500 + "</map>"
    outline = parse_any(text, "deep.mm").outline
    assert (outline.node_count, outline.depth) == (500, 499)


def test_repeated_ids_keep_the_first_and_warn():
    text = '<map><node TEXT="R"><node TEXT="a" ID="x"/>\n<node TEXT="b" ID="x"/></node></map>'
    parsed = parse_any(text, "m.mm")
    assert parsed.outline.by_key["#x"].title == "a"
    assert [str(w) for w in parsed.warnings] == [
        "m.mm:2:1: warning: the id 'x' is already used at line 1; ignored here"
    ]


# --- the dispatcher ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.yaml", "YAML"),
        ("a.YML", "YAML"),
        ("a.md", "Markdown"),
        ("a.markdown", "Markdown"),
        ("a.opml", "OPML"),
        ("a.MM", "FreeMind"),
        ("outline", "YAML"),
    ],
)
def test_the_suffix_chooses_the_format(name, expected):
    assert format_of(name) == expected


def test_yaml_goes_through_unchanged():
    outline = parse_any("Root:\n  - a\n", "o.yaml").outline
    assert outline.root.key == "Root"
    assert titles(outline.root) == ["a"]


@pytest.mark.parametrize(
    ("outline", "sidecar"),
    [
        ("notes.yaml", "notes.notes.yaml"),  # YAML's names as they always were
        ("notes.yml", "notes.notes.yml"),
        ("map.txt", "map.notes.txt"),  # read as YAML: its sidecar's name as it always was
        ("notes.md", "notes.notes.md.yaml"),
        ("notes.markdown", "notes.notes.markdown.yaml"),
        ("notes.opml", "notes.notes.opml.yaml"),
        ("notes.mm", "notes.notes.mm.yaml"),
    ],
)
def test_every_outline_in_a_folder_has_a_sidecar_of_its_own(outline, sidecar):
    assert sidecar_path(Path("/x") / outline) == Path("/x") / sidecar


def test_deep_markdown_lists_are_all_read_or_refused_clearly():
    """markdown-it's CommonMark preset silently stopped at ten list levels."""
    text = "# R\n" + "".join("  " * i + f"- n{i}\n" for i in range(100))
    outline = parse_any(text, "deep.md").outline
    assert (outline.node_count, outline.depth) == (101, 100)
    text = "# R\n" + "".join("  " * i + f"- n{i}\n" for i in range(500))
    with pytest.raises(OutlineError) as caught:
        parse_any(text, "deeper.md")
    assert str(caught.value) == (
        "deeper.md:150:1: lists or quotes nested over 149 deep; the app reads Markdown up to that depth"
    )


def test_freemind_0_8_html_in_the_text_attribute():
    """FreeMind 0.8 wrote rich text as escaped HTML inside TEXT (its own documentation map)."""
    text = (
        '<map version="0.8.0"><node TEXT="&lt;html&gt;&#xa;  &lt;head&gt;&#xa;  &lt;/head&gt;'
        "&#xa;  &lt;body width=&quot;&quot;&gt;&#xa;    &lt;p align=&quot;center&quot;&gt;&#xa;"
        "      FreeMind&lt;br&gt;&lt;small&gt;- free mind mapping software -&lt;/small&gt;&#xa0;"
        '&#xa;    &lt;/p&gt;&#xa;  &lt;/body&gt;&#xa;&lt;/html&gt;&#xa;"/></map>'
    )
    root = parse_any(text, "m.mm").outline.root
    assert root.title == "FreeMind\n- free mind mapping software -"


def test_outliner_html_in_opml_text_shows_as_text():
    """WorkFlowy and Dynalist export a title's formatting as HTML inside `text`, and a literal
    `<` escaped twice. Written by hand after such an export (no licensed file at hand)."""
    text = (
        '<opml version="2.0"><body><outline text="Welcome">\n'
        '<outline text="&lt;b&gt;Things to try&lt;/b&gt;"/>\n'
        '<outline text="Hit &amp;lt;enter&amp;gt; to create a new bullet"/>\n'
        '<outline text="&lt;a href=&quot;https://workflowy.com/#/2a3e&quot;&gt;asdf&lt;/a&gt; "/>\n'
        '<outline text="Tom &amp; Jerry, 1 &lt; 2"/>\n'
        "</outline></body></opml>"
    )
    root = parse_any(text, "w.opml").outline.root
    assert titles(root) == [
        "Things to try",
        "Hit <enter> to create a new bullet",
        "asdf",
        "Tom & Jerry, 1 < 2",
    ]
    assert root.children[2].link == "https://workflowy.com/#/2a3e"
