"""The annotations' YAML sidecar file (`outline.notes.yaml`): read with its lines and columns,
written back whole with what the app does not know, rendered a piece at a time."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import yaml

try:
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]

from mindmap.core.annotations import Annotation, AnnotationStore, Mark
from mindmap.core.formats import format_of
from mindmap.core.problems import FileProblemError, Problem
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular
from mindmap.core.yamlraw import (
    COLUMN,
    KIND,
    LINE,
    MAP,
    SCALAR,
    SEQ,
    VALUE,
    Raw,
    compose,
    decode,
    describe,
    scalar_spans,
    unicode_breaks_as_spaces,
)

SIDECAR_VERSION = 1
_HEADER = (
    "# Your annotations on {name}, kept by mindmap: one entry per node, found by its key\n"
    "# (the node's id, or its path of titles). Edit with care; the app saves this file itself.\n"
)
_OWN_HEADER = re.compile(re.escape(_HEADER).replace(re.escape("{name}"), ".*"))
_COMMENT = re.compile("#")  # a comment when at a line's start or after a space (a fast search)
_COMMENT_LOST = (
    "a comment here would be lost when the app saves this file; "
    "move it into an annotation's text, or keep a copy and start over"
)
_FIELDS = ("key", "title", "text", "mark", "updated")


class SidecarError(FileProblemError):
    """The sidecar cannot be read; it must not be overwritten."""


def sidecar_path(outline_path: Path) -> Path:
    """`outline.yaml` → `outline.notes.yaml`, in the same folder, for every file read as YAML
    (`map.txt` → `map.notes.txt`, as always); an outline in another format keeps its suffix
    inside the name, `notes.md` → `notes.notes.md.yaml`, so that `notes.md` and `notes.yaml`
    side by side never share one (no YAML outline's sidecar ends in `.md.yaml`)."""
    suffix = outline_path.suffix
    if format_of(outline_path) == "YAML":
        return outline_path.with_name(f"{outline_path.stem}.notes{suffix or '.yaml'}")
    return outline_path.with_name(f"{outline_path.stem}.notes{suffix}.yaml")


def dump_sidecar(store: AnnotationStore, outline_name: str) -> str:
    """The sidecar's text: readable YAML, multi-line texts as blocks."""
    return SidecarText().render(store.items, store.extra, outline_name)


class SidecarText:
    """Renders the sidecar, dumping again only the entries that changed since the last render:
    on a big sidecar each change costs one entry's YAML, not the whole file's. All the work is
    done in short steps, so that a thread rendering it leaves the GUI thread its turns."""

    def __init__(self) -> None:
        # Kept apart, not as (annotation, text) pairs: a dict of texts only is no work for
        # the cyclic GC, whose passes would otherwise walk 100,000 pairs now and then.
        self._texts: dict[str, str] = {}  # key → its entry's YAML
        self._dumped: dict[str, Annotation] = {}  # key → the annotation as dumped there
        self._order: list[str] = []  # the keys dumped, sorted

    def render(self, items: dict[str, Annotation], extra: dict[str, object], name: str) -> str:
        return "".join(self.pieces(items, extra, name))

    def pieces(
        self, items: dict[str, Annotation], extra: dict[str, object], name: str
    ) -> list[str]:
        """The text in pieces of a few hundred entries each."""
        self._update(items)
        head = _HEADER.format(name=name) + _dump({"version": SIDECAR_VERSION, **extra})
        order, texts = self._order, self._texts
        if not order:
            return [head + "annotations: []\n"]
        return [head + "annotations:\n"] + [
            "".join([texts[key] for key in order[start : start + _STEP]])
            for start in range(0, len(order), _STEP)
        ]

    def _update(self, items: dict[str, Annotation]) -> None:
        dumped = self._dumped
        fresh = [key for key, annotation in items.items() if _changed(dumped.get(key), annotation)]
        added = [key for key in fresh if key not in dumped]
        if len(dumped) + len(added) > len(items):  # some were deleted
            self._order = [key for key in self._order if key in items]
            self._dumped = dumped = {key: dumped[key] for key in self._order}
            self._texts = {key: self._texts[key] for key in self._order}
        for start in range(0, len(fresh), _STEP):  # one dump per step, cut per entry
            step = fresh[start : start + _STEP]
            text = _dump([_entry(items[key]) for key in step])
            for key, entry in zip(step, _ITEM_START.split(text)[1:], strict=True):
                self._texts[key], dumped[key] = entry, items[key]
        if len(added) > _STEP:  # after opening, say: items mostly in order, which sorts fast
            self._order = sorted(dumped)
        else:
            for key in added:
                bisect.insort(self._order, key)


_STEP = 500  # entries dumped or joined at a time: a few ms each


def _changed(dumped: Annotation | None, annotation: Annotation) -> bool:
    return dumped is None or (dumped is not annotation and dumped != annotation)


_ITEM_START = re.compile(r"^(?=- )", re.MULTILINE)  # where each top-level list item starts


def _entry(annotation: Annotation) -> dict[str, object]:
    entry: dict[str, object] = {"key": annotation.key, "title": annotation.title}
    if annotation.text:
        entry["text"] = annotation.text
    if annotation.mark is not None:
        entry["mark"] = annotation.mark.value
    entry["updated"] = annotation.updated
    known = annotation.mark is not None  # a known mark the user chose replaces an unknown one
    entry.update((name, value) for name, value in annotation.extra if not known or name != "mark")
    return entry


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(_SafeDumper):  # the C emitter, where PyYAML has it
    pass


def _represent_text(dumper: _Dumper, text: str) -> yaml.ScalarNode:
    if any(c in text for c in "\x85\u2028\u2029"):  # line breaks to YAML: escaped, or lost
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    style = "|" if "\n" in text and text == text.rstrip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def load_sidecar(path: Path) -> AnnotationStore:
    """Read the sidecar; a missing one is an empty store, a broken one a SidecarError."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return AnnotationStore()
    except OSError as error:
        raise SidecarError([Problem(str(path), 0, 0, f"cannot read: {error.strerror}")]) from None
    return parse_sidecar(data, str(path))


def parse_sidecar(data: bytes, path: str) -> AnnotationStore:
    """The annotations in `data`; whatever a save could not write back is a SidecarError."""
    try:
        text = unicode_breaks_as_spaces(decode(data, path))  # a hand edit may hold them raw
        if not text.strip():
            return AnnotationStore()
        root = compose(text, path)
        _refuse_comments(text, path)
    except SidecarError:
        raise
    except FileProblemError as error:
        raise SidecarError(error.problems) from None
    fields = _mapping(root, path, "the file")
    version = fields.pop("version", None)
    if version is not None and _scalar(version, path, "version") != str(SIDECAR_VERSION):
        raise _error(version, path, f"version {version[VALUE]} is not known; expected 1")
    listed = fields.pop("annotations", None)
    extra = {name: _plain(raw, path) for name, raw in fields.items()}
    annotations: dict[str, Annotation] = {}
    if listed is None:
        return AnnotationStore(extra=extra)
    if listed[KIND] != SEQ:
        raise _error(listed, path, f"annotations must be a list, got {describe(listed)}")
    for raw in listed[VALUE]:
        entry = _mapping(raw, path, "an annotation")
        if "key" not in entry:
            raise _error(raw, path, "an annotation needs a 'key'")
        key = _scalar(entry["key"], path, "key")
        if key in annotations:
            raise _error(entry["key"], path, f"the key '{key}' has two annotations")
        mark = None
        if "mark" in entry:  # a mark this app does not know stays among the extra fields
            value = _scalar(entry["mark"], path, "mark")
            mark = next((known for known in Mark if known.value == value), None)
        annotations[key] = Annotation(
            key=key,
            title=_scalar(entry["title"], path, "title") if "title" in entry else "",
            text=_scalar(entry["text"], path, "text") if "text" in entry else "",
            mark=mark,
            updated=_scalar(entry["updated"], path, "updated") if "updated" in entry else "",
            extra=tuple(
                (name, _plain(value, path))
                for name, value in entry.items()
                if name not in _FIELDS or (name == "mark" and mark is None)
            ),
        )
    return AnnotationStore(annotations, extra)


def _refuse_comments(text: str, path: str) -> None:
    """A comment other than the app's own header cannot be written back: say where it is.

    A `#` after a space may just as well be inside a text, so only the rare file that has one
    is parsed a second time for where its texts are.
    """
    header = _OWN_HEADER.match(text)
    hashes = [
        found.start()
        for found in _COMMENT.finditer(text, header.end() if header else 0)
        if found.start() == 0 or text[found.start() - 1] in " \t\n"
    ]
    if not hashes:
        return
    spans = scalar_spans(text)  # sorted (start, end) as (line, column), from 0
    starts = [start for start, _ in spans]
    for offset in hashes:
        line = text.count("\n", 0, offset)
        where = (line, offset - (text.rfind("\n", 0, offset) + 1))
        inside = bisect.bisect_right(starts, where) - 1
        if inside < 0 or not spans[inside][0] <= where < spans[inside][1]:
            raise SidecarError([Problem(path, where[0] + 1, where[1] + 1, _COMMENT_LOST)])


def _error(raw: Raw, path: str, message: str) -> SidecarError:
    return SidecarError([Problem(path, raw[LINE], raw[COLUMN], message)])


def _mapping(raw: Raw, path: str, what: str) -> dict[str, Raw]:
    """A mapping's fields; a field given twice is an error, as it is unclear which one counts."""
    if raw[KIND] != MAP:
        raise _error(raw, path, f"{what} must be a mapping, got {describe(raw)}")
    fields: dict[str, Raw] = {}
    first: dict[str, Raw] = {}
    for key, value in raw[VALUE]:
        name = _scalar(key, path, "a key")
        if name in fields:
            message = (
                f"'{name}' appears twice in this mapping (first at line {first[name][LINE]}); "
            )
            raise _error(key, path, message + "keep one")
        fields[name], first[name] = value, key
    return fields


def _plain(raw: Raw, path: str) -> object:
    """What the app does not model, as plain texts, lists and mappings, to be written back."""
    if raw[KIND] == SCALAR:
        return raw[VALUE]
    if raw[KIND] == SEQ:
        return [_plain(item, path) for item in raw[VALUE]]
    return {name: _plain(value, path) for name, value in _mapping(raw, path, "").items()}


def _scalar(raw: Raw, path: str, what: str) -> str:
    if raw[KIND] != SCALAR:
        raise _error(raw, path, f"{what} must be text, got {describe(raw)}")
    text: str = raw[VALUE]
    return text
