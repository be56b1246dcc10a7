"""The annotations' YAML sidecar file (`outline.notes.yaml`): read with its lines and columns,
written back whole with what the app does not know, rendered a piece at a time."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]

from mindmap.core.annotations import Annotation, AnnotationStore, Mark
from mindmap.core.formats import format_of
from mindmap.core.problems import FileProblemError, Problem
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular
from mindmap.core.schedulefile import card_entry, parse_schedule, review_entry
from mindmap.core.sidecarfields import SidecarError, entries, error, mapping, plain, scalar
from mindmap.core.study import Schedule
from mindmap.core.yamlraw import (
    COLUMN,
    KIND,
    LINE,
    MAP,
    SEQ,
    VALUE,
    Raw,
    compose,
    decode,
    scalar_spans,
    unicode_breaks_as_spaces,
)

# 2: the study schedule (`schedule:`, `reviews:`). A version-1 file is read as it is and
# written as version 2 only when something in it changes.
SIDECAR_VERSION = 2
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


def sidecar_path(outline_path: Path) -> Path:
    """`outline.yaml` → `outline.notes.yaml`, in the same folder, for every file read as YAML
    (`map.txt` → `map.notes.txt`, as always); an outline in another format keeps its suffix
    inside the name, `notes.md` → `notes.notes.md.yaml`, so that `notes.md` and `notes.yaml`
    side by side never share one (no YAML outline's sidecar ends in `.md.yaml`)."""
    suffix = outline_path.suffix
    if format_of(outline_path) == "YAML":
        return outline_path.with_name(f"{outline_path.stem}.notes{suffix or '.yaml'}")
    return outline_path.with_name(f"{outline_path.stem}.notes{suffix}.yaml")


def own_file(output: Path, outline: Path) -> str | None:
    """Why `output` must not be written, when it is the outline or its annotations file: an
    outline may be named like an export (`map.svg`, its annotations `map.notes.svg`), and an
    export over it would lose the user's notes."""
    if _same_file(output, outline):
        return f"{output}: that is the outline itself; choose another name"
    if _same_file(output, sidecar_path(outline)):
        return f"{output}: that is the outline's annotations file; choose another name"
    return None


def _same_file(a: Path, b: Path) -> bool:
    """Whether both paths name one existing file (a missing one is nobody's)."""
    try:
        return a.samefile(b)
    except OSError:
        return False


def dump_sidecar(store: AnnotationStore, outline_name: str) -> str:
    """The sidecar's text: readable YAML, multi-line texts as blocks."""
    return SidecarText().render(store.items, store.extra, outline_name, store.schedule)


class SidecarText:
    """Renders the sidecar, dumping again only the entries that changed since the last render:
    on a big sidecar each change costs one entry's YAML, not the whole file's. All the work is
    done in short steps, so that a thread rendering it leaves the GUI thread its turns."""

    def __init__(self) -> None:
        self._annotations = _Section("annotations", _entry)
        self._cards = _Section("schedule", card_entry)
        self._reviews = _Section("reviews", review_entry)

    def render(
        self,
        items: dict[str, Annotation],
        extra: dict[str, object],
        name: str,
        schedule: Schedule | None = None,
    ) -> str:
        return "".join(self.pieces(items, extra, name, schedule))

    def pieces(
        self,
        items: dict[str, Annotation],
        extra: dict[str, object],
        name: str,
        schedule: Schedule | None = None,
    ) -> list[str]:
        """The text in pieces of a few hundred entries each; no schedule, no study sections."""
        head = _HEADER.format(name=name) + _dump({"version": SIDECAR_VERSION, **extra})
        pieces = self._annotations.pieces(items)
        pieces[0] = head + pieces[0]
        if schedule is not None and (schedule.cards or schedule.reviews):
            pieces += self._cards.pieces(schedule.cards) + self._reviews.pieces(schedule.reviews)
        return pieces

    def seed(self, text: str, sections: Mapping[str, Raw | None], store: AnnotationStore) -> None:
        """Take each entry's YAML as the file just read has it (`text`, its top-level lists
        `sections` as composed, `store` what was read from them), as if rendered here: the first
        save after opening a big sidecar then dumps only what changed, not the whole file.

        Only a block list at the line's start whose items begin `- ` on their own lines is
        taken; anything else is rendered at the first save, as before. An entry's text stands
        for the entry it was read as, and is written again only while the entry is unchanged.
        """
        if "\r" in text:  # lines as YAML counts them: "\n" alone
            return
        lines = _split_lines(text)
        if lines[-1] == "":  # the file's last line break ends a line, it starts none
            lines.pop()
        schedule = store.schedule
        for section, items in (
            (self._annotations, store.items),
            (self._cards, schedule.cards),
            (self._reviews, schedule.reviews),
        ):
            texts = _item_texts(lines, sections.get(section.name))
            if texts is not None and len(texts) == len(items):
                section.seed(items, texts)


def _split_lines(text: str, chunk: int = 1 << 20) -> list[str]:
    """`text.split("\n")`, a megabyte at a time: one split of a 30 MB sidecar read on a thread
    would hold the GIL, and the window waiting for it, for tens of milliseconds."""
    lines: list[str] = []
    start = 0
    while (cut := text.find("\n", start + chunk)) >= 0:
        lines += text[start:cut].split("\n")
        start = cut + 1
    return lines + text[start:].split("\n")


def _item_texts(lines: list[str], raw: Raw | None) -> list[str] | None:
    """Each item's lines of the block list `raw`, as written; None when it is not one."""
    if raw is None or raw[KIND] != SEQ or not raw[VALUE]:
        return None
    starts = []
    for item in raw[VALUE]:  # a mapping that starts right after `- ` at the line's start
        line = item[LINE] - 1
        if item[KIND] != MAP or item[COLUMN] != 3 or not lines[line].startswith("- "):
            return None
        starts.append(line)
    end = starts[-1] + 1  # the last item ends at the next top-level line (or the file's end)
    while end < len(lines) and not (lines[end][:1].strip() and lines[end][0] != "-"):
        end += 1
    bounds = [*starts, end]
    return ["".join(f"{line}\n" for line in lines[a:b]) for a, b in pairwise(bounds)]


class _Section:
    """One list of the sidecar, in key order, each entry's YAML kept until the entry changes."""

    def __init__(self, name: str, entry: Callable[[Any], dict[str, object]]) -> None:
        self.name, self._entry = name, entry
        # Kept apart, not as (entry, text) pairs: a dict of texts only is no work for
        # the cyclic GC, whose passes would otherwise walk 100,000 pairs now and then.
        self._texts: dict[str, str] = {}  # key → its entry's YAML
        self._dumped: dict[str, object] = {}  # key → the entry as dumped there
        self._order: list[str] = []  # the keys dumped, sorted

    def seed(self, items: Mapping[str, Any], texts: list[str]) -> None:
        """`texts[i]` is the YAML of the i-th of `items` (in their order), as rendered."""
        self._texts = dict(zip(items, texts, strict=True))
        self._dumped = dict(items)
        self._order = sorted(items)

    def pieces(self, items: Mapping[str, object]) -> list[str]:
        self._update(items)
        order, texts = self._order, self._texts
        if not order:
            return [f"{self.name}: []\n"]
        return [f"{self.name}:\n"] + [
            "".join([texts[key] for key in order[start : start + _STEP]])
            for start in range(0, len(order), _STEP)
        ]

    def _update(self, items: Mapping[str, object]) -> None:
        dumped = self._dumped
        fresh = [key for key, item in items.items() if _changed(dumped.get(key), item)]
        added = [key for key in fresh if key not in dumped]
        if len(dumped) + len(added) > len(items):  # some were deleted
            self._order = [key for key in self._order if key in items]
            self._dumped = dumped = {key: dumped[key] for key in self._order}
            self._texts = {key: self._texts[key] for key in self._order}
        for start in range(0, len(fresh), _STEP):  # one dump per step, cut per entry
            step = fresh[start : start + _STEP]
            text = _dump([self._entry(items[key]) for key in step])
            for key, entry in zip(step, _ITEM_START.split(text)[1:], strict=True):
                self._texts[key], dumped[key] = entry, items[key]
        if len(added) > _STEP:  # after opening, say: items mostly in order, which sorts fast
            self._order = sorted(dumped)
        else:
            for key in added:
                bisect.insort(self._order, key)


_STEP = 500  # entries dumped or joined at a time: a few ms each


def _changed(dumped: object | None, item: object) -> bool:
    return dumped is None or (dumped is not item and dumped != item)


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


def load_sidecar(
    path: Path, now: datetime | None = None, rendered: SidecarText | None = None
) -> AnnotationStore:
    """Read the sidecar; a missing one is an empty store, a broken one a SidecarError.
    `now` (the clock by default) is what a review logged in the future is later than;
    `rendered`, when given, takes the entries' text as read (see `SidecarText.seed`)."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return AnnotationStore()
    except OSError as error:
        raise SidecarError([Problem(str(path), 0, 0, f"cannot read: {error.strerror}")]) from None
    return parse_sidecar(data, str(path), now, rendered)


def parse_sidecar(
    data: bytes, path: str, now: datetime | None = None, rendered: SidecarText | None = None
) -> AnnotationStore:
    """The annotations in `data`; whatever a save could not write back is a SidecarError."""
    try:
        text = unicode_breaks_as_spaces(decode(data, path))  # a hand edit may hold them raw
        if not text.strip():
            return AnnotationStore()
        root = compose(text, path)
        _refuse_comments(text, path)
    except SidecarError:
        raise
    except FileProblemError as problem:
        raise SidecarError(problem.problems) from None
    fields = mapping(root, path, "the file")
    sections = {name: fields.get(name) for name in ("annotations", "schedule", "reviews")}
    version = fields.pop("version", None)
    known = [str(number) for number in range(1, SIDECAR_VERSION + 1)]
    if version is not None and (number := scalar(version, path, "version")) not in known:
        expected = " or ".join(known)
        raise error(version, path, f"version {number} is not known; expected {expected}")
    listed = fields.pop("annotations", None)
    schedule = parse_schedule(fields.pop("schedule", None), fields.pop("reviews", None), path, now)
    extra = {name: plain(raw, path) for name, raw in fields.items()}
    annotations: dict[str, Annotation] = {}
    for raw in entries(listed, path, "annotations"):
        entry = mapping(raw, path, "an annotation")
        if "key" not in entry:
            raise error(raw, path, "an annotation needs a 'key'")
        key = scalar(entry["key"], path, "key")
        if key in annotations:
            raise error(entry["key"], path, f"the key '{key}' has two annotations")
        mark = None
        if "mark" in entry:  # a mark this app does not know stays among the extra fields
            value = scalar(entry["mark"], path, "mark")
            mark = next((known for known in Mark if known.value == value), None)
        annotations[key] = Annotation(
            key=key,
            title=scalar(entry["title"], path, "title") if "title" in entry else "",
            text=scalar(entry["text"], path, "text") if "text" in entry else "",
            mark=mark,
            updated=scalar(entry["updated"], path, "updated") if "updated" in entry else "",
            extra=tuple(
                (name, plain(value, path))
                for name, value in entry.items()
                if name not in _FIELDS or (name == "mark" and mark is None)
            ),
        )
    store = AnnotationStore(annotations, extra, schedule)
    if rendered is not None:
        rendered.seed(text, sections, store)
    return store


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
