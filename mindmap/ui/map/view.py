"""MapView: zoom about the cursor, pan by dragging the background, fit, and keep nodes still."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QNativeGestureEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView

from mindmap.ui.map.scene import MapScene

MAX_ZOOM = 4.0
MIN_ZOOM = 0.05  # lowered to the fitted zoom for maps bigger than that
WHEEL_STEP = 1.0015  # zoom factor per eighth of a degree of wheel rotation: 120 units ≈ 20 %
KEY_STEP = 1.25
# Thin scroll bars that stay out of the map's way, as in most map and drawing apps; they are
# also drawn in a fraction of the time of the style's own, which a fold's repaint pays for.
SCROLL_BARS = """
QScrollBar { background: transparent; border: none; margin: 0; }
QScrollBar:vertical { width: 10px; }
QScrollBar:horizontal { height: 10px; }
QScrollBar::handle { background: rgba(128, 128, 128, 110); border-radius: 3px; margin: 2px; }
QScrollBar::handle:hover { background: rgba(128, 128, 128, 170); }
QScrollBar::handle:vertical { min-height: 24px; }
QScrollBar::handle:horizontal { min-width: 24px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QAbstractScrollArea::corner { background: transparent; border: none; }
"""


class MapView(QGraphicsView):
    """The window onto the map. Emits `zoom_changed` with the scale (1.0 is 100 %)."""

    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(SCROLL_BARS)

    def map_scene(self) -> MapScene:
        return self.scene()  # type: ignore[return-value]

    def zoom(self) -> float:
        return self.transform().m11()

    def min_zoom(self) -> float:
        return min(MIN_ZOOM, self.fit_zoom())

    def fit_zoom(self) -> float:
        """The zoom at which the whole map fits the window (at most 100 %)."""
        rect = self.map_scene().map_rect
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return 1.0
        return min(1.0, viewport.width() / rect.width(), viewport.height() / rect.height())

    def set_zoom(self, zoom: float, anchor: QPoint | None = None) -> None:
        """Zoom to `zoom`, keeping the scene point under `anchor` (view coordinates) in place."""
        zoom = max(self.min_zoom(), min(MAX_ZOOM, zoom))
        factor = zoom / self.zoom()
        if abs(factor - 1.0) < 1e-9:
            return
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.scale(factor, factor)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        else:
            before = self.mapToScene(anchor)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.scale(factor, factor)
            after = self.mapToScene(anchor)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            self._shift_scene(after - before)
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * KEY_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / KEY_STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_map(self) -> None:
        """Show the whole map, centred."""
        self.set_zoom(self.fit_zoom())
        self.centerOn(self.map_scene().map_rect.center())

    def keep_point(self, scene_point: QPointF, view_point: QPoint) -> None:
        """Scroll so `scene_point` shows at `view_point`: a node stays still across a relayout."""
        self._shift_scene(self.mapToScene(view_point) - scene_point)

    def _shift_scene(self, delta: QPointF) -> None:
        """Scroll the view by a scene distance (positive: the content moves right and down)."""
        zoom = self.zoom()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(horizontal.value() - round(delta.x() * zoom))
        vertical.setValue(vertical.value() - round(delta.y() * zoom))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Far out, paint the scene's overview picture instead of thousands of tiny items;
        nearer, have the scene make the items of what shows, then paint them."""
        scene = self.map_scene()
        picture = scene.overview(self.zoom(), self.devicePixelRatioF())
        if picture is None:
            scene.make_items_for_view(self.mapToScene(self.viewport().rect()).boundingRect())
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), scene.backgroundBrush())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setTransform(self.viewportTransform())
        painter.drawImage(scene.map_rect, picture)
        scene.paint_marks(painter, self.palette().highlight().color())
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        """A mouse wheel zooms about the cursor; a touchpad's two-finger scroll pans."""
        pixels = event.pixelDelta()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not pixels.isNull() and not control:
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() or event.angleDelta().x()
        if steps:
            self.set_zoom(self.zoom() * WHEEL_STEP**steps, event.position().toPoint())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.NativeGesture:
            gesture: QNativeGestureEvent = event  # type: ignore[assignment]
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                anchor = self.mapFromGlobal(gesture.globalPosition().toPoint())
                self.set_zoom(self.zoom() * (1.0 + gesture.value()), anchor)
                return True
        return super().viewportEvent(event)
