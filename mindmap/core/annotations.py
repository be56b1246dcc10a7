"""The user's own annotations on nodes, keyed by node key, and their YAML sidecar file.

Annotations are the user's data: none is ever dropped because the outline changed. When a node's
key disappears, its annotation follows the one node elsewhere with the same title, if there is
exactly one; otherwise it is kept as unattached until the user attaches or deletes it.

Following is only proposed at first: an outline read half-saved lacks nodes that come back a
moment later, and must not move an annotation for good. The annotation stays stored under its
own key (and is saved so) until the outline has settled or the user acts on it where it shows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import yaml

from mindmap.core.model import Outline
from mindmap.core.problems import FileProblemError, Problem
from mindmap.core.readfile import MAX_FILE_BYTES, read_regular
from mindmap.core.yamlraw import (
    MAP,
    SCALAR,
    SEQ,
    Raw,
    compose,
    decode,
    describe,
    unicode_breaks_as_spaces,
)

SIDECAR_VERSION = 1
_HEADER = (
    "# Your annotations on {name}, kept by mindmap: one entry per node, found by its key\n"
    "# (the node's id, or its path of titles). Edit with care; the app saves this file itself.\n"
)


class Mark(enum.Enum):
    """Quick revision marks, shown as a colour cue on the node."""

    IMPORTANT = "important"
    REVISE = "revise again"
    KNOWN = "known"


class SidecarError(FileProblemError):
    """The sidecar cannot be read; it must not be overwritten."""


@dataclass(frozen=True, slots=True)
class Annotation:
    key: str
    title: str  # the node's title when annotated: how the annotation finds a moved node
    text: str = ""
    mark: Mark | None = None
    updated: str = ""  # ISO 8601, UTC

    @property
    def first_line(self) -> str:
        return next((line for line in self.text.splitlines() if line.strip()), "")


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sidecar_path(outline_path: Path) -> Path:
    """`outline.yaml` → `outline.notes.yaml`, in the same folder."""
    return outline_path.with_name(f"{outline_path.stem}.notes{outline_path.suffix or '.yaml'}")


class Proposal(NamedTuple):
    """An annotation that would follow a node: the key it is stored under, the node's title."""

    stored: str
    title: str


class AnnotationStore:
    """All annotations of one outline, under the keys they are saved with; `unattached` holds
    the keys that match no node now, `proposals` what `settle` would do: node key → Proposal."""

    def __init__(self, annotations: dict[str, Annotation] | None = None) -> None:
        self.items: dict[str, Annotation] = dict(annotations or {})
        self.unattached: set[str] = set()
        self.proposals: dict[str, Proposal] = {}

    def get(self, key: str) -> Annotation | None:
        return self.items.get(key)

    def on_node(self, key: str) -> Annotation | None:
        """The annotation shown on node `key`: its own, or the one proposed to follow it."""
        proposal = self.proposals.get(key)
        return self.items.get(proposal.stored if proposal is not None else key)

    def by_node(self) -> dict[str, Annotation]:
        """Node key → the annotation shown on it, for all the nodes that show one."""
        shown = {key: a for key, a in self.items.items() if key not in self.unattached}
        shown.update((key, self.items[p.stored]) for key, p in self.proposals.items())
        return shown

    def put(self, annotation: Annotation | None, key: str) -> None:
        """Set the annotation of `key` (None, or an empty one, removes it).

        A proposal to or from `key` is dropped: the user's own change decides that node.
        """
        self.proposals = {
            node: p for node, p in self.proposals.items() if key not in (node, p.stored)
        }
        if annotation is None or (not annotation.text.strip() and annotation.mark is None):
            self.items.pop(key, None)
            self.unattached.discard(key)
        else:
            self.items[key] = annotation

    def attach(self, outline: Outline) -> None:
        """Match annotations to the outline's nodes, changing none: what would change is proposed.

        An annotation whose key is gone is proposed to follow a node only when the choice is
        unambiguous: it is the only one lost with its title, and exactly one node has that title
        and no annotation of its own. Anything else waits, unattached, for the user. A node that
        kept its id under a new title is proposed to give its annotation that title. A key that
        comes back simply finds its annotation again: nothing had moved.
        """
        self.unattached = set()
        self.proposals = {}
        if not self.items:  # the common case on a big map: nothing to look for
            return
        titles: dict[str, list[str]] = {}
        for node in outline.root.walk():
            titles.setdefault(node.title, []).append(node.key)
        lost: dict[str, list[str]] = {}  # title → keys of annotations whose node is gone
        for key, annotation in self.items.items():
            node = outline.by_key.get(key)
            if node is None:
                lost.setdefault(annotation.title, []).append(key)
            elif node.title != annotation.title:  # renamed, but its id kept it in place
                self.proposals[key] = Proposal(key, node.title)
        for title, keys in lost.items():
            self.unattached.update(keys)
            namesakes = titles.get(title, [])
            if len(keys) == 1 and len(namesakes) == 1 and namesakes[0] not in self.items:
                self.proposals[namesakes[0]] = Proposal(keys[0], title)

    def settle(self) -> bool:
        """Make the proposals real, the outline having proved stable; returns whether any was."""
        for key, (stored, title) in self.proposals.items():
            self.unattached.discard(stored)
            self.items[key] = replace(self.items.pop(stored), key=key, title=title)
        settled, self.proposals = bool(self.proposals), {}
        return settled

    def move(self, old_key: str, new_key: str, title: str) -> None:
        """Attach the annotation of `old_key` to another node (the user's choice)."""
        annotation = self.items.pop(old_key)
        self.unattached.discard(old_key)
        self.items[new_key] = replace(annotation, key=new_key, title=title, updated=now())

    def merge(self, theirs: AnnotationStore, base: dict[str, Annotation]) -> None:
        """Take in another program's version of the sidecar without clobbering either side.

        Entry by entry against `base`, the entries as last read or written: a side that did not
        change an entry takes the other side's version of it, a deletion included. When both
        changed it, the newer stays under its key and the other is kept as an unattached copy.
        """
        for key in self.items.keys() | theirs.items.keys():
            mine, other, old = self.items.get(key), theirs.items.get(key), base.get(key)
            if other in (old, mine):
                continue
            if mine == old:
                self.put(other, key)
            elif mine is None or other is None:  # deleted on one side, changed on the other
                self.items[key] = mine or other  # type: ignore[assignment]
            else:
                newer, older = (other, mine) if other.updated > mine.updated else (mine, other)
                copy = f"{key} (other version of {older.updated or 'unknown date'})"
                number = 1
                while copy in self.items and self.items[copy] != replace(older, key=copy):
                    number += 1
                    copy = f"{key} (other version {number} of {older.updated or 'unknown date'})"
                self.items[key] = newer
                self.items[copy] = replace(older, key=copy)

    def dump(self, outline_name: str) -> str:
        """The sidecar's text: readable YAML, multi-line texts as blocks."""
        entries = []
        for annotation in sorted(self.items.values(), key=lambda a: a.key):
            entry: dict[str, str] = {"key": annotation.key, "title": annotation.title}
            if annotation.text:
                entry["text"] = annotation.text
            if annotation.mark is not None:
                entry["mark"] = annotation.mark.value
            entry["updated"] = annotation.updated
            entries.append(entry)
        body = yaml.dump(
            {"version": SIDECAR_VERSION, "annotations": entries},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
        )
        return _HEADER.format(name=outline_name) + body


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
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
    try:
        text = unicode_breaks_as_spaces(decode(data, path))  # a hand edit may hold them raw
        if not text.strip():
            return AnnotationStore()
        root = compose(text, path)
    except SidecarError:
        raise
    except FileProblemError as error:
        raise SidecarError(error.problems) from None
    fields = _mapping(root, path, "the file")
    version = fields.get("version")
    if version is not None and _scalar(version, path, "version") != str(SIDECAR_VERSION):
        raise _error(version, path, f"version {version[1]} is not known; expected 1")
    annotations: dict[str, Annotation] = {}
    listed = fields.get("annotations")
    if listed is None:
        return AnnotationStore()
    if listed[0] != SEQ:
        raise _error(listed, path, f"annotations must be a list, got {describe(listed)}")
    for raw in listed[1]:
        entry = _mapping(raw, path, "an annotation")
        if "key" not in entry:
            raise _error(raw, path, "an annotation needs a 'key'")
        key = _scalar(entry["key"], path, "key")
        if key in annotations:
            raise _error(entry["key"], path, f"the key '{key}' has two annotations")
        mark = None
        if "mark" in entry:
            value = _scalar(entry["mark"], path, "mark")
            try:
                mark = Mark(value)
            except ValueError:
                names = ", ".join(m.value for m in Mark)
                raise _error(entry["mark"], path, f"unknown mark '{value}'; use {names}") from None
        annotations[key] = Annotation(
            key=key,
            title=_scalar(entry["title"], path, "title") if "title" in entry else "",
            text=_scalar(entry["text"], path, "text") if "text" in entry else "",
            mark=mark,
            updated=_scalar(entry["updated"], path, "updated") if "updated" in entry else "",
        )
    return AnnotationStore(annotations)


def _error(raw: Raw, path: str, message: str) -> SidecarError:
    return SidecarError([Problem(path, raw[3], raw[4], message)])


def _mapping(raw: Raw, path: str, what: str) -> dict[str, Raw]:
    if raw[0] != MAP:
        raise _error(raw, path, f"{what} must be a mapping, got {describe(raw)}")
    return {_scalar(key, path, "a key"): value for key, value in raw[1]}


def _scalar(raw: Raw, path: str, what: str) -> str:
    if raw[0] != SCALAR:
        raise _error(raw, path, f"{what} must be text, got {describe(raw)}")
    return raw[1]
