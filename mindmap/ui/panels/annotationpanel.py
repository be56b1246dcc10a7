"""The Annotations panel: every annotation, filterable by text and mark; unattached ones apart."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mindmap.core.annotations import Annotation, AnnotationStore
from mindmap.ui.map.tooltip import plain_tooltip
from mindmap.ui.panels.links import guard_links
from mindmap.ui.theme import MARK_LOOKS

KEY_ROLE = Qt.ItemDataRole.UserRole
_ANY_MARK = "any"
LABEL_CHARS = 100  # of an annotation's first line in the list; the view below shows it all


class AnnotationPanel(QDockWidget):
    """Emits `activated(key)` when an attached annotation is clicked, `attach_requested(key)` and
    `delete_requested(key)` for an unattached one, `edit_requested(key)` on a double-click,
    `annotate_requested` for the node selected on the map."""

    activated = Signal(str)
    attach_requested = Signal(str)
    delete_requested = Signal(str)
    edit_requested = Signal(str)
    annotate_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotations")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter annotations")
        self.filter.setClearButtonEnabled(True)
        self.mark = QComboBox()
        self.mark.addItem("Any mark", _ANY_MARK)
        for mark, look in MARK_LOOKS.items():
            self.mark.addItem(f"{look.icon} {look.name}", mark)
        self.list = QListWidget()
        self.view = QTextBrowser()
        guard_links(self.view)
        self.annotate = QPushButton("Annotate selected node")
        self.attach = QPushButton("Attach to selected node")
        self.delete = QPushButton("Delete")
        for button in (self.attach, self.delete):
            button.setEnabled(False)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.mark)
        buttons = QHBoxLayout()
        buttons.addWidget(self.annotate)
        buttons.addWidget(self.attach)
        buttons.addWidget(self.delete)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.view)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        self.setWidget(body)
        self._store = AnnotationStore()
        self._stale = False  # the list waits for the panel to show
        self.filter.textChanged.connect(self._refill)
        self.mark.currentIndexChanged.connect(self._refill)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(_key(item)))
        self.annotate.clicked.connect(self.annotate_requested)
        self.attach.clicked.connect(lambda: self._request(self.attach_requested))
        self.delete.clicked.connect(lambda: self._request(self.delete_requested))

    def show_store(self, store: AnnotationStore) -> None:
        """List `store`'s annotations; while the panel is hidden, once it shows (a big sidecar
        would make thousands of list items that no one sees on every change)."""
        self._store = store
        self._stale = not self.isVisible()
        if not self._stale:
            self._refill()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._refill()

    def _refill(self) -> None:
        current = self.list.currentItem()
        keep = _key(current) if current else None
        self.list.clear()
        needle = self.filter.text().strip().casefold()
        wanted = self.mark.currentData()
        annotations = sorted(
            self._store.items.values(),
            key=lambda a: (a.key not in self._store.unattached, a.title.casefold()),
        )
        for annotation in annotations:
            if wanted != _ANY_MARK and annotation.mark is not wanted:
                continue
            if needle and needle not in f"{annotation.title}\n{annotation.text}".casefold():
                continue
            item = QListWidgetItem(self._label(annotation))
            item.setData(KEY_ROLE, annotation.key)
            item.setToolTip(plain_tooltip(annotation.text))
            self.list.addItem(item)
            if annotation.key == keep:
                self.list.setCurrentItem(item)
        self._show_current()

    def _label(self, annotation: Annotation) -> str:
        badge = f" [{annotation.mark.value}]" if annotation.mark is not None else ""
        if annotation.unknown_mark is not None:  # kept as read, written back
            badge = f" [unknown mark “{annotation.unknown_mark}”]"
        where = " (unattached)" if annotation.key in self._store.unattached else ""
        if where and any(p.stored == annotation.key for p in self._store.proposals.values()):
            where = " (unattached: shown on its namesake until the outline settles)"
        line = annotation.first_line
        if len(line) > LABEL_CHARS:
            line = line[:LABEL_CHARS].rstrip() + " …"
        return f"{annotation.title}{where}{badge}" + (f" — {line}" if line else "")

    def _show_current(self, *_args: object) -> None:
        item = self.list.currentItem()
        annotation = self._store.get(_key(item)) if item else None
        unattached = annotation is not None and annotation.key in self._store.unattached
        self.attach.setEnabled(unattached)
        self.delete.setEnabled(unattached)
        if annotation is None:
            self.view.clear()
            return
        mark = f"*{annotation.mark.value}*\n\n" if annotation.mark is not None else ""
        self.view.setMarkdown(f"### {annotation.title}\n\n{mark}{annotation.text}")

    def _clicked(self, item: QListWidgetItem) -> None:
        if _key(item) not in self._store.unattached:
            self.activated.emit(_key(item))

    def _request(self, signal: Signal) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(_key(item))

    def select_key(self, key: str) -> None:
        for row in range(self.list.count()):
            if _key(self.list.item(row)) == key:
                self.list.setCurrentRow(row)
                return


def _key(item: QListWidgetItem) -> str:
    return str(item.data(KEY_ROLE))
