"""An Anki deck of an outline (`.apkg`, written with `genanki`): one note per node with
children, the front its path and title, the back its children, the author's note and the user's
annotation. A note's GUID comes from its node's key, so that importing a newer export of the
same outline updates the notes instead of adding copies."""

from __future__ import annotations

import hashlib
import html
import itertools
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from mindmap.core.annotations import AnnotationStore
from mindmap.core.atomicfile import open_atomic
from mindmap.core.model import Node, Outline
from mindmap.core.study import study_nodes

MODEL = genanki.Model(
    1_718_216_101,  # fixed: every export's notes are of the one note type Anki already has
    "mindmap branch",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Recall the children",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}",
        }
    ],
    css=".path { color: #888; font-size: 80%; } .annotation { font-style: italic; }",
)


def write_deck(outline: Outline, annotations: AnnotationStore, output: Path) -> int:
    """Write the deck of `outline` to `output`, atomically; returns how many notes it holds."""
    deck = genanki.Deck(_deck_id(outline), outline.root.title)
    shown = annotations.by_node()
    for node in study_nodes(outline):
        annotation = shown.get(node.key)
        back = _back(node, annotation.text if annotation is not None else "")
        fields = [_front(outline, node), back]
        deck.add_note(genanki.Note(model=MODEL, fields=fields, guid=genanki.guid_for(node.key)))
    package = genanki.Package(deck)
    # Package.write_to_file leaves its SQLite file in the system's temporary folder: the
    # collection is made here instead, in a folder that goes away, and zipped as it would.
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            stamp = time.time()
            ids = itertools.count(int(stamp * 1000))  # note and card ids, as genanki makes them
            package.write_to_db(connection.cursor(), stamp, ids)
            connection.commit()
        finally:
            connection.close()
        with open_atomic(output) as stream, zipfile.ZipFile(stream, "w") as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return len(deck.notes)


def _deck_id(outline: Outline) -> int:
    """One deck per outline's root title: a newer export lands in the same deck."""
    digest = hashlib.sha256(outline.root.title.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") >> 1 or 1  # Anki's ids are positive


def _front(outline: Outline, node: Node) -> str:
    path = " › ".join(html.escape(parent.title) for parent in outline.ancestors(node.key))
    title = f"<b>{html.escape(node.title)}</b>"
    return f'<div class="path">{path}</div>{title}' if path else title


def _back(node: Node, annotation: str) -> str:
    items = "".join(f"<li>{html.escape(child.title)}</li>" for child in node.children)
    parts = [f"<ul>{items}</ul>"]
    if node.note:
        parts.append(f'<p class="note">{_lines(node.note)}</p>')
    if annotation.strip():
        parts.append(f'<p class="annotation">{_lines(annotation)}</p>')
    return "".join(parts)


def _lines(text: str) -> str:
    return html.escape(text.strip()).replace("\n", "<br>")
