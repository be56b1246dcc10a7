"""A smooth move of the view to a place: the zoom eases geometrically and the centre in a
straight line, so that the eye keeps its bearings from one part of the map to the next."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QPointF, QRectF, QVariantAnimation

from mindmap.ui.map.view import MapView

GLIDE_MS = 350
MARGIN = (60.0, 40.0)  # scene units kept around what is glided to


class Glide(QObject):
    """Moves `view` to show a rect (`to_rect`) over GLIDE_MS; `running` while it moves."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self._view = view
        self._animation = QVariantAnimation(self)
        self._animation.setDuration(GLIDE_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.valueChanged.connect(self._step)
        self._from = self._to = (1.0, QPointF())

    def to_rect(self, rect: QRectF, *, least: float, most: float, anchor: QPointF) -> None:
        """Glide to show `rect` whole, at a zoom between `least` (where it reads) and `most`;
        when it cannot be whole at `least`, centred on `anchor` instead."""
        rect = rect.adjusted(-MARGIN[0], -MARGIN[1], MARGIN[0], MARGIN[1])
        viewport = self._view.viewport().rect()
        fit = min(viewport.width() / rect.width(), viewport.height() / rect.height())
        zoom = min(max(fit, least), most)
        centre = rect.center() if fit >= least else anchor
        self._from = (self._view.zoom(), self._view.mapToScene(viewport.center()))
        self._to = (zoom, centre)
        self._animation.stop()
        self._animation.start()

    def stop(self) -> None:
        self._animation.stop()

    @property
    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def _step(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        (zoom0, centre0), (zoom1, centre1) = self._from, self._to
        self._view.set_zoom(zoom0 * (zoom1 / zoom0) ** t)
        self._view.centerOn(centre0 + (centre1 - centre0) * t)
