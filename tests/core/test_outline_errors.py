"""Every bad outline gets one exact `FILE:LINE:COL: message` line; none raises anything else."""

from pathlib import Path

import pytest
import yaml

from mindmap.core import readers as readers_module
from mindmap.core import yamlraw
from mindmap.core.outline import MAX_ERRORS, OutlineError, parse_outline
from mindmap.core.readers import load_any
from mindmap.core.yamlraw import MAX_DEPTH

# (case, file bytes, the exact messages)
BAD_FILES = [
    ("empty", b"", ["o.yaml:1:1: the file is empty; expected a root node such as 'My topic:' with its children"]),
    ("only a comment", b"# notes\n", ["o.yaml:1:1: the file is empty; expected a root node such as 'My topic:' with its children"]),
    ("tab indent", b"Root:\n\t- a\n", ["o.yaml:2:1: a tab character here; indent with spaces (YAML does not allow tabs)"]),
    ("unclosed single quote", b"Root:\n  - 'abc\n  - d\n", ["o.yaml:2:5: a quoted text starts here and is never closed; add the closing quote"]),
    ("unclosed double quote", b'Root:\n  - "abc\n', ["o.yaml:2:5: a quoted text starts here and is never closed; add the closing quote"]),
    ("bad indentation", b"Root:\n  - a\n - b\n", ["o.yaml:3:2: the indentation here does not line up with the lines above; check its spaces"]),
    ("colon in title", b"Root:\n  - Time: 10: 30\n", ["o.yaml:2:13: a ': ' inside a title; put the whole title in quotes"]),
    ("list where a node was expected", b"Root:\n  - [a, b]\n", ["o.yaml:2:5: a node must be a string or a mapping, got a list"]),
    ("list at the top", b"- a\n- b\n", ["o.yaml:1:1: the file holds a list; expected one root node, such as 'My topic:' above it"]),
    ("children: 5", b"title: R\nchildren: 5\n", ["o.yaml:2:11: children must be a list of nodes, got '5'"]),
    ("children a mapping", b"title: R\nchildren:\n  a: b\n", ["o.yaml:3:3: children must be a list of nodes, got a mapping (start each child on its own line with '- ')"]),
    ("compact value is text", b"Root:\n  - Term: definition\n", ["o.yaml:2:11: the children of 'Term' must be a list of nodes, got 'definition'"]),
    ("no title", b"Root:\n  - note: x\n    children: []\n", ["o.yaml:2:5: a node needs a 'title' key, or exactly one key (its title) followed by its children"]),
    ("only a reserved key", b"Root:\n  - children: [a]\n", ["o.yaml:2:5: a node with 'children' needs a 'title' key too"]),
    ("unclosed [", b"Root:\n  - title: a\n    tags: [exam, core\n  - b\n  - c: d\n", ["o.yaml:3:11: a '[' opens a list here and is never closed (the file reads on to line 5, column 6); add the closing ']'"]),
    ("unclosed {", b"Root:\n  - {title: a, note: b\n  - c\n", ["o.yaml:2:5: a '{' opens a mapping here and is never closed (the file reads on to line 4, column 1); add the closing '}'"]),
    ("empty mapping", b"Root:\n  - {}\n", ["o.yaml:2:5: an empty mapping; expected a node such as 'Title:' or 'title: …'"]),
    ("title a list", b"title: [a]\n", ["o.yaml:1:8: the title must be text, got a list"]),
    ("color: 12", b"title: R\ncolor: 12\n", ["o.yaml:2:8: color must be a colour like '#1f77b4', got '12'"]),
    ("color unquoted", b"title: R\ncolor: #ff0000\n", ["o.yaml:2:7: color is empty; write it in quotes, e.g. color: '#1f77b4'"]),
    ("collapsed: maybe", b"title: R\ncollapsed: maybe\n", ["o.yaml:2:12: collapsed must be true or false, got 'maybe'"]),
    ("tags a string", b"title: R\ntags: exam\n", ["o.yaml:2:7: tags must be a list of words, got 'exam'"]),
    ("duplicate key", b"title: R\nnote: a\nnote: b\n", ["o.yaml:3:1: the key 'note' appears twice in this node"]),
    ("duplicate id", b"R:\n  - title: a\n    id: x\n  - title: b\n    id: x\n", ["o.yaml:5:9: the id 'x' is already used at line 3"]),
    ("python object tag", b"Root:\n  - !!python/object/apply:os.system [ls]\n", ["o.yaml:2:5: the YAML tag !!python/object/apply:os.system is not allowed; an outline holds only text"]),
    ("local tag", b"Root:\n  - !secret a\n", ["o.yaml:2:5: the YAML tag !secret is not allowed; an outline holds only text"]),
    ("alias", b"Root:\n  - &a A\n  - *a\n", ["o.yaml:3:5: aliases (*a) are not supported in an outline; write the node out in full"]),
    ("two documents", b"a\n---\nb\n", ["o.yaml:2:1: a second YAML document starts here; an outline file holds one root"]),
    ("not UTF-8", b"Root:\n  - caf\xe9\n", ["o.yaml:2:8: the file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding"]),
    ("control character", b"Root:\n  - a\x0cb\n", ["o.yaml:2:6: a control character (U+000C) here, which YAML does not allow; remove it"]),
    ("NUL byte", b"Root:\n  - a\x00\n", ["o.yaml:2:6: a control character (U+0000) here, which YAML does not allow; remove it"]),
    ("only dashes", b"---\n", ["o.yaml:1:1: the file is empty; expected a root node such as 'My topic:' with its children"]),
    ("compact title over 1024", b"Root:\n  - " + b"w" * 1100 + b": [a]\n", ["o.yaml:2:1105: a 'Title:' longer than 1024 characters; write the node as 'title: …' with 'children:'"]),
    (
        "errors in file order",
        b"Root:\n  - A:\n      - [x]\n  - [y]\n",
        [
            "o.yaml:3:9: a node must be a string or a mapping, got a list",
            "o.yaml:4:5: a node must be a string or a mapping, got a list",
        ],
    ),
    (
        "several at once",
        b"Root:\n  - [a]\n  - ok\n  - title: x\n    color: red\n",
        [
            "o.yaml:2:5: a node must be a string or a mapping, got a list",
            "o.yaml:5:12: color must be a colour like '#1f77b4', got 'red'",
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_file_gives_exact_messages(data: bytes, expected: list[str]) -> None:
    with pytest.raises(OutlineError) as caught:
        parse_outline(data, "o.yaml")
    assert [str(p) for p in caught.value.problems] == expected


def test_unknown_key_is_a_warning_and_the_node_loads() -> None:
    parsed = parse_outline(b"title: R\ncolour: red\nchildren: [a]\n", "o.yaml")
    assert [str(w) for w in parsed.warnings] == [
        "o.yaml:2:1: warning: unknown key 'colour' is ignored; "
        "a node's keys are title, children, note, collapsed, color, id, link, tags"
    ]
    assert [c.title for c in parsed.outline.root.children] == ["a"]


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    with pytest.raises(OutlineError) as caught:
        parse_outline("\n".join(lines), "laughs.yaml")
    assert str(caught.value).startswith("laughs.yaml:2:10: aliases (*a0) are not supported")


def test_nesting_beyond_the_cap_fails_with_a_message_not_a_crash() -> None:
    deep = "[" * (MAX_DEPTH + 50) + "]" * (MAX_DEPTH + 50)
    with pytest.raises(OutlineError) as caught:
        parse_outline(deep, "deep.yaml")
    assert str(caught.value) == (
        f"deep.yaml:1:{MAX_DEPTH + 1}: nested too deeply: more than 1,000 YAML levels "
        "(about 500 outline levels); flatten the outline"
    )


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.yaml"
    with pytest.raises(OutlineError) as caught:
        load_any(missing)
    assert str(caught.value) == f"{missing}: cannot read the file: No such file or directory"


def test_unicode_line_separators_stay_inside_their_title() -> None:
    parsed = parse_outline("Root:\n  - first\u2028second\n  - x\x85y\n", "o.yaml")
    assert [c.title for c in parsed.outline.root.children] == ["first second", "x y"]


def test_too_many_errors_stop_at_the_cap() -> None:
    with pytest.raises(OutlineError) as caught:
        parse_outline("Root:\n" + "  - [x]\n" * 200, "o.yaml")
    assert len(caught.value.problems) == MAX_ERRORS


def test_a_lone_surrogate_in_text_is_an_error_at_its_character() -> None:
    with pytest.raises(OutlineError) as caught:
        parse_outline("Root:\n  - a\ud800b\n", "o.yaml")
    assert str(caught.value) == (
        "o.yaml:2:6: a lone surrogate (U+D800) here, which is not a character; remove it"
    )


def test_more_nodes_than_the_cap_are_refused_at_the_first_one_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlraw, "MAX_NODES", 5)
    parse_outline("Root: [a, b, c, d, e]\n", "o.yaml")  # the cap itself is fine
    with pytest.raises(OutlineError) as caught:
        parse_outline("Root: [a, b, c, d, e, f, g]\n", "o.yaml")
    assert str(caught.value) == (
        "o.yaml:1:23: more than 5 nodes; an outline holds at most 5, split it into several files"
    )


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers_module, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"Root:\n  - a long title\n")
    with pytest.raises(OutlineError) as caught:
        load_any(path)
    assert str(caught.value) == (
        f"{path}: cannot read the file: the file is larger than 10 bytes, the most this app reads"
    )


LINE_SEPARATED = ["Alpha\u2028Beta", "Gamma\u2029Delta", "Eps\x85Zeta", "Eta\u2028\u2028Theta"]


@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_line_separator_in_a_title_written_over_two_lines_reads_as_one_space(quote: str) -> None:
    """As `yaml.safe_dump(..., allow_unicode=True)` writes them: the separator, then the next
    line's indentation. YAML reads the separator as a line break; we show it as a space."""
    items = [*LINE_SEPARATED, {"title": "Iota\u2028Kappa", "note": "n"}, "last"]
    text = yaml.safe_dump({"Root": items}, allow_unicode=True).replace("'", quote)
    parsed = parse_outline(text, "o.yaml")
    children = parsed.outline.root.children
    assert [c.title for c in children] == [
        "Alpha Beta", "Gamma Delta", "Eps Zeta", "Eta  Theta", "Iota Kappa", "last",
    ]  # fmt: skip
    assert children[-1].line == text.count("\n")  # editors do not break lines there
    written_plain = parse_outline("Root:\n  - Alpha\u2028Beta\n", "o.yaml").outline
    assert written_plain.root.children[0].key == children[0].key
