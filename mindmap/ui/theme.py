"""Colours, fonts and sizes of the map, light and dark, and the z-order of the scene's layers."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from mindmap.assets import resource_path
from mindmap.core.annotations import Annotation, Mark

# Z-order: edges under nodes, nodes under the overview picture shown when zoomed far out.
Z_EDGE = 0.0
Z_NODE = 1.0

# Main branches, clockwise from the top right; calm, distinct, readable on light and dark.
PALETTE = (
    "#3b7dd8",
    "#e0813a",
    "#b65fc7",
    "#3aa676",
    "#d6524f",
    "#2a9da8",
    "#c49a1b",
    "#6a5acd",
)


@dataclass(frozen=True, slots=True)
class MarkLook:
    """How a revision mark shows everywhere (map, overview, Details, menus, legend, exports):
    an icon that reads without colour, on a colour that reads without the icon."""

    icon: str
    colour: QColor
    name: str


MARK_LOOKS = {
    Mark.IMPORTANT: MarkLook("!", QColor("#d93025"), "Important"),
    Mark.REVISE: MarkLook("↻", QColor("#e37400"), "Revise again"),
    Mark.KNOWN: MarkLook("✓", QColor("#1e8e3e"), "Known"),
}
UNKNOWN_MARK = MarkLook("?", QColor("#6b7079"), "Unknown mark")
ANNOTATION_COLOUR = QColor("#f2b400")  # pencil yellow: the user's own words


def mark_look(annotation: Annotation | None) -> MarkLook | None:
    """How the mark of `annotation` shows (None: it has none)."""
    if annotation is None:
        return None
    if annotation.mark is not None:
        return MARK_LOOKS[annotation.mark]
    return UNKNOWN_MARK if annotation.unknown_mark is not None else None


class ThemeChoice(enum.Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class Theme:
    """Everything the items paint with; one instance per light or dark look."""

    dark: bool
    background: QColor
    root_fill: QColor
    root_text: QColor
    text: QColor
    quiet_text: QColor
    branch_text: QColor
    selection: QColor
    match: QColor
    fresh: QColor
    toggle_fill: QColor
    tint_alpha: int

    def branch_tint(self, colour: QColor) -> QColor:
        """A light fill of a branch's colour for level-2 boxes."""
        tint = QColor(colour)
        tint.setAlpha(self.tint_alpha)
        return tint


LIGHT = Theme(
    dark=False,
    background=QColor("#fbfaf7"),
    root_fill=QColor("#2f3440"),
    root_text=QColor("#ffffff"),
    text=QColor("#1f2329"),
    quiet_text=QColor("#4a505a"),
    branch_text=QColor("#ffffff"),
    selection=QColor("#1a73e8"),
    match=QColor("#ffd84d"),
    fresh=QColor(120, 200, 120, 110),
    toggle_fill=QColor("#fbfaf7"),
    tint_alpha=34,
)
DARK = Theme(
    dark=True,
    background=QColor("#1e2127"),
    root_fill=QColor("#e8e6e1"),
    root_text=QColor("#1e2127"),
    text=QColor("#e6e6e6"),
    quiet_text=QColor("#b4b8bf"),
    branch_text=QColor("#ffffff"),
    selection=QColor("#8ab4f8"),
    match=QColor(179, 143, 0, 150),  # translucent: the light titles stay readable on it
    fresh=QColor(80, 170, 90, 110),
    toggle_fill=QColor("#1e2127"),
    tint_alpha=60,
)


def resolve_theme(choice: ThemeChoice) -> Theme:
    """The theme to paint with: the user's choice, or the system's colour scheme."""
    if choice is ThemeChoice.SYSTEM:
        scheme = QGuiApplication.styleHints().colorScheme()
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    return DARK if choice is ThemeChoice.DARK else LIGHT


def apply_colour_scheme(choice: ThemeChoice) -> None:
    """Menus, panels and dialogs follow the map's theme (System: the desktop's scheme)."""
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        scheme = {
            ThemeChoice.SYSTEM: Qt.ColorScheme.Unknown,
            ThemeChoice.LIGHT: Qt.ColorScheme.Light,
            ThemeChoice.DARK: Qt.ColorScheme.Dark,
        }[choice]
        hints.setColorScheme(scheme)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not isinstance(app.style(), _ContrastStyle) and app.style().name().lower() == "fusion":
        app.setStyle(_ContrastStyle("fusion"))
    # Where the platform or the style ignores the request (offscreen, some desktops, older Qt),
    # the palette is set by hand so that the window's chrome matches the map.
    want_dark = resolve_theme(choice) is DARK
    if _is_dark(app.palette()) != want_dark:
        app.setPalette(QPalette())  # back to the system's own, if that one fits
    if _is_dark(app.palette()) != want_dark:
        app.setPalette(_dark_palette() if want_dark else app.style().standardPalette())


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    """A dark palette for the widgets, in the map's dark colours."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#25282e"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e2127"),
        (roles.AlternateBase, "#2b2f36"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#2f333a"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.ToolTipBase, "#2f333a"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#8a8f98"),
        (roles.Highlight, "#8ab4f8"),
        (roles.HighlightedText, "#1e2127"),
        (roles.Link, "#8ab4f8"),
        (roles.BrightText, "#ffffff"),
        (roles.Light, "#3a3f47"),
        (roles.Midlight, "#33373e"),
        (roles.Mid, "#2a2e35"),
        (roles.Dark, "#181a1f"),
        (roles.Shadow, "#0d0e11"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    return palette


class _ContrastStyle(QProxyStyle):
    """Fusion, with what it draws dark on any palette drawn to be seen on a dark one too: the
    outline of a check box (a menu's unchecked item showed nothing) and the docks' buttons."""

    def drawPrimitive(  # noqa: N802 - Qt's name
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox and _is_dark(option.palette):
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5))
            painter.restore()

    def standardIcon(  # noqa: N802 - Qt's name
        self,
        icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        pixmap = QStyle.StandardPixmap
        if icon in (pixmap.SP_DockWidgetCloseButton, pixmap.SP_TitleBarCloseButton):
            return text_coloured_icon("window-close")
        if icon == pixmap.SP_TitleBarNormalButton:
            return text_coloured_icon("window-restore")
        return super().standardIcon(icon, option, widget)


class _TextColoured(QIconEngine):
    """An SVG icon in the palette's text colour of the moment (the SVG's `currentColor`): drawn
    when shown, so that it reads on light and dark and follows a change of theme."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        disabled = mode == QIcon.Mode.Disabled
        group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
        colour = QGuiApplication.palette().color(group, QPalette.ColorRole.WindowText).name()
        svg = QByteArray(self._svg.replace(b"currentColor", colour.encode("ascii")))
        QSvgRenderer(svg).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QPixmap(size)
        image.fill(Qt.GlobalColor.transparent)  # a new pixmap holds garbage, not transparency
        painter = QPainter(image)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return image

    def clone(self) -> QIconEngine:
        return _TextColoured(self._svg)


def text_coloured_icon(name: str) -> QIcon:
    """One of the bundled icons (`resources/icons/NAME.svg`), in the text colour."""
    return QIcon(_TextColoured(resource_path(f"icons/{name}.svg").read_bytes()))


def branch_colour(index: int, own: str | None) -> QColor:
    """The colour of the index-th main branch: the outline's `color` if it gives one."""
    return QColor(own) if own else QColor(PALETTE[index % len(PALETTE)])


@dataclass(frozen=True, slots=True)
class LevelStyle:
    """How nodes of one depth look: quieter with depth."""

    font: QFont
    max_text_width: float
    pad_x: float
    pad_y: float
    boxed: bool  # drawn in a rounded box; else text over a coloured underline
    edge_width: float  # width of the edges from this level's nodes to their children


DEEPEST_LEVEL = 3  # nodes deeper than this look as nodes at this depth do
POINT_PX = 96 / 72  # pixels per point: the scene's unit is a pixel at 96 dpi


def level_style(depth: int) -> LevelStyle:
    """The style of nodes at `depth` (0 is the root)."""
    return _level_style(min(depth, DEEPEST_LEVEL))


@cache
def _level_style(depth: int) -> LevelStyle:
    base = QGuiApplication.font().family() if QGuiApplication.instance() else ""
    font = QFont(base)
    if depth == 0:
        font.setPointSizeF(17)
        font.setWeight(QFont.Weight.Bold)
        return LevelStyle(font, 260, 20, 12, True, 3.6)
    if depth == 1:
        font.setPointSizeF(13)
        font.setWeight(QFont.Weight.DemiBold)
        return LevelStyle(font, 230, 14, 8, True, 2.4)
    if depth == 2:
        font.setPointSizeF(11)
        font.setWeight(QFont.Weight.Medium)
        return LevelStyle(font, 240, 10, 6, True, 1.6)
    font.setPointSizeF(10)
    return LevelStyle(font, 250, 2, 4, False, 1.3)
