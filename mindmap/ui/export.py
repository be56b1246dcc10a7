"""Export the map as PNG, SVG or PDF, from the window or headless from the command line.

Text is drawn at the target scale, not scaled up from a screenshot; SVG and PDF keep text as
text. Every file is written whole through `write_atomic`: a failed export leaves nothing behind.
"""

from __future__ import annotations

import argparse
import enum
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from mindmap.core.atomicfile import write_atomic
from mindmap.core.layout import LayoutMode
from mindmap.core.model import Outline
from mindmap.core.outline import OutlineError, load_outline
from mindmap.core.viewstate import folds_to_level, initial_folds
from mindmap.ui.scene import MapScene
from mindmap.ui.textmetrics import TextMeasurer, measure_outline
from mindmap.ui.theme import DARK, LIGHT, Theme

MAX_SIDE_PX = 32_767  # Qt's raster painter draws nothing beyond this coordinate
MAX_PIXELS = 200_000_000  # 800 MB of image: the most we hold in memory at once
PDF_POINTS_PER_PX = 0.75  # a scene pixel is 1/96 inch, a PDF point 1/72


class ExportFormat(enum.Enum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"


class ExportError(Exception):
    """The export could not be made; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    scale: float = 2.0
    transparent: bool = False
    background: QColor | None = None  # None: the theme's background


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    width: int
    height: int
    scale: float
    warning: str | None = None


def export_format(path: Path) -> ExportFormat:
    """The format named by the file's extension."""
    try:
        return ExportFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        raise ExportError(
            f"{path}: unknown format '{path.suffix or '(none)'}'; use .png, .svg or .pdf"
        ) from None


def export_scene(scene: MapScene, path: Path, theme: Theme, options: ExportOptions) -> ExportResult:
    """Write what the scene shows to `path`, in the format its extension names."""
    fmt = export_format(path)
    source = scene.map_rect
    background = QColor(Qt.GlobalColor.transparent) if options.transparent else None
    background = background or options.background or theme.background
    with _own_background(scene):
        if fmt is ExportFormat.PNG:
            return _export_png(scene, source, path, background, options.scale)
        if fmt is ExportFormat.SVG:
            data = _render_svg(scene, source, background, options.scale)
        else:
            data = _render_pdf(scene, source, background, options.scale)
    _write(path, data)
    size = source.size() * options.scale
    return ExportResult(path, round(size.width()), round(size.height()), options.scale)


@contextmanager
def _own_background(scene: MapScene) -> Iterator[None]:
    """Let the export paint the background (or none): the scene's own would cover it."""
    brush = scene.backgroundBrush()
    scene.setBackgroundBrush(Qt.BrushStyle.NoBrush)
    try:
        yield
    finally:
        scene.setBackgroundBrush(brush)


def largest_scale(source: QRectF, scale: float) -> float:
    """`scale`, or the largest scale below it at which the image fits Qt's and memory's limits."""
    fits = min(
        scale,
        MAX_SIDE_PX / source.width(),
        MAX_SIDE_PX / source.height(),
        (MAX_PIXELS / (source.width() * source.height())) ** 0.5,
    )
    return fits


def _export_png(
    scene: MapScene, source: QRectF, path: Path, background: QColor, scale: float
) -> ExportResult:
    used = largest_scale(source, scale)
    warning = None
    if used < scale:
        warning = (
            f"the map is too large for one image at scale {scale:g}; "
            f"exported at scale {used:.3g} instead"
        )
    width, height = round(source.width() * used), round(source.height() * used)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"{path}: not enough memory for a {width} × {height} image")
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    scene.render(painter, QRectF(0, 0, width, height), source)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError(f"{path}: the PNG could not be encoded")
    _write(path, bytes(data.data()))
    return ExportResult(path, width, height, used, warning)


def _render_svg(scene: MapScene, source: QRectF, background: QColor, scale: float) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = source.size() * scale
    generator.setSize(size.toSize())
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("Mind map")
    painter = QPainter(generator)
    target = QRectF(0, 0, size.width(), size.height())
    painter.fillRect(target, background)
    scene.render(painter, target, source)
    painter.end()
    return bytes(data.data())


def _render_pdf(scene: MapScene, source: QRectF, background: QColor, scale: float) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("Mind map")
    writer.setCreator("Mindmap")
    points = QSizeF(source.width(), source.height()) * (PDF_POINTS_PER_PX * scale)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(points, QPageSize.Unit.Point, "Map", QPageSize.SizeMatchPolicy.ExactMatch),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    painter = QPainter(writer)
    target = QRectF(0, 0, writer.width(), writer.height())
    painter.fillRect(target, background)
    scene.render(painter, target, source)
    painter.end()
    return bytes(data.data())


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ExportError(f"{path}: cannot write the file: {error.strerror}") from None


def scene_for_export(outline: Outline, folds: set[str], mode: LayoutMode, theme: Theme) -> MapScene:
    """A scene of the outline as it would show in a window with these folds."""
    scene = MapScene()
    blocks = measure_outline(outline.root, TextMeasurer())
    scene.show_outline(outline, blocks, folds, mode, theme)
    return scene


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mindmap export",
        description="Write the map of an outline as PNG, SVG or PDF (by OUT's extension), "
        "without opening a window. Exit status: 0 written, 1 failed, 2 bad usage.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the outline")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    parser.add_argument("--scale", type=float, default=2.0, help="1 to 4 (default 2)")
    folding = parser.add_mutually_exclusive_group()
    folding.add_argument("--expand-all", action="store_true", help="unfold every branch")
    folding.add_argument("--level", type=int, metavar="N", help="show levels 1 to N only")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--layout", choices=[m.value for m in LayoutMode], default="mindmap")
    parser.add_argument("--transparent", action="store_true", help="PNG: no background")
    return parser


def run_export_command(argv: Sequence[str]) -> int:
    """`mindmap export`: headless, one line on error, exit 0 / 1 / 2."""
    options = _parser().parse_args(argv)
    if not 0.1 <= options.scale <= 8:
        print("mindmap export: --scale must be between 0.1 and 8", file=sys.stderr)
        return 2
    try:
        export_format(options.output)
        parsed = load_outline(options.file)
    except (OutlineError, ExportError) as error:
        print(error, file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mindmap.ui.app import make_application  # noqa: PLC0415 - Qt starts only when needed

    make_application()
    outline = parsed.outline
    if options.expand_all:
        folds: set[str] = set()
    elif options.level is not None:
        folds = folds_to_level(outline, options.level)
    else:
        folds = initial_folds(outline)
    theme = DARK if options.theme == "dark" else LIGHT
    scene = scene_for_export(outline, folds, LayoutMode(options.layout), theme)
    try:
        result = export_scene(
            scene, options.output, theme, ExportOptions(options.scale, options.transparent)
        )
    except ExportError as error:
        print(error, file=sys.stderr)
        return 1
    if result.warning:
        print(f"mindmap export: warning: {result.warning}", file=sys.stderr)
    print(f"{result.path}: {result.width} × {result.height} px at scale {result.scale:.3g}")
    return 0
