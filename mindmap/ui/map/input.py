"""What the user does to the map's items, as signals: clicks, double-clicks, menus, hover."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Signal
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from mindmap.ui.map.items import NodeItem
from mindmap.ui.map.tooltip import tooltip


class InputScene(QGraphicsScene):
    """Turns input on nodes into signals with their keys; what they mean is decided elsewhere.
    A scene of nodes says which node is where (`node_at`)."""

    fold_requested = Signal(str)
    context_menu_requested = Signal(str, QPoint)  # key, screen position
    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    background_clicked = Signal()

    def node_at(self, pos: QPointF) -> NodeItem | None:
        raise NotImplementedError

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:  # noqa: N802 - Qt's name
        """Hover text made when asked for: most nodes are never hovered on a big map."""
        item = self.node_at(event.scenePos())
        shown = item is not None and item.node is not None and not item.blank  # to be recalled
        text = tooltip(item.node, item.annotation) if shown else ""
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.accept()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        item = self.node_at(event.scenePos())
        if item is None:
            event.ignore()  # the view pans from the background
            self.background_clicked.emit()
            return
        event.accept()
        if item.toggle_hit(item.mapFromScene(event.scenePos())):
            self.fold_requested.emit(item.key)
        else:
            self.node_clicked.emit(item.key)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        item = self.node_at(event.scenePos())
        if item is None:
            event.ignore()
            return
        event.accept()
        self.node_clicked.emit(item.key)
        self.context_menu_requested.emit(item.key, event.screenPos())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.node_at(event.scenePos())
        if item is None or item.toggle_hit(item.mapFromScene(event.scenePos())):
            event.ignore()
            return
        event.accept()
        self.node_double_clicked.emit(item.key)
