"""The Review panel: what there is to study today, per main branch, under the day's totals.
Activating a branch (Enter, double-click) asks to study it; the button, the whole map."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mindmap.core.agenda import Agenda, Row

KEY_ROLE = Qt.ItemDataRole.UserRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LIST_KEYS = {  # the list's own, not the map's shortcuts (Enter centres, arrows move, …)
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}


class ReviewPanel(QDockWidget):
    """Emits `study_requested(key)`: a main branch's key, or the root's for the whole map."""

    study_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("review")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Branch", "Due", "New"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.list.headerItem().setTextAlignment(column, _RIGHT)
        self.study = QPushButton("Study the Whole Map")
        self.study.setEnabled(False)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.headline)
        column.addWidget(self.list)
        column.addWidget(self.study)
        column.addStretch(1)  # the list as tall as its rows, the button under it
        self.setWidget(body)
        self._root = ""
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda item: self.study_requested.emit(_key(item)))
        self.study.clicked.connect(lambda: self.study_requested.emit(self._root))

    def show_agenda(self, agenda: Agenda | None) -> None:
        """Show `agenda`, or that no outline is open (None)."""
        current = self.list.currentItem()
        keep = _key(current) if current is not None else None
        self.list.clear()
        if agenda is None:
            self.headline.setText("No outline open")
            self.headline.setToolTip("")
            self._root = ""
        else:
            self.headline.setText(agenda.headline())
            self.headline.setToolTip(f"The outline has {agenda.cards} cards (nodes with children)")
            self._root = agenda.root
            for row in agenda.rows:
                item = _item(row)
                self.list.addTopLevelItem(item)
                if row.key == keep:
                    self.list.setCurrentItem(item)
        self.list.setVisible(self.list.topLevelItemCount() > 0)
        self._fit_rows()
        self.study.setEnabled(agenda is not None and agenda.cards > 0)

    def _fit_rows(self) -> None:
        """No taller than its rows (a few main branches), so that the button sits under them;
        a dock too short for them all scrolls them."""
        count = self.list.topLevelItemCount()
        rows = self.list.sizeHintForRow(0) * count if count else 0
        frame = 2 * self.list.frameWidth()
        self.list.setMaximumHeight(self.list.header().sizeHint().height() + rows + frame + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Claim the list's keys before the window's shortcuts see them."""
        if (
            watched is self.list
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _LIST_KEYS
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)


def _item(row: Row) -> QTreeWidgetItem:
    item = QTreeWidgetItem([row.title, str(row.due or ""), str(row.new or "")])
    item.setData(0, KEY_ROLE, row.key)
    for column in (1, 2):
        item.setTextAlignment(column, _RIGHT)
    item.setToolTip(0, row.title)  # in full, when the column is narrower
    return item


def _key(item: QTreeWidgetItem) -> str:
    return str(item.data(0, KEY_ROLE))
