"""Export the map as PNG, SVG or PDF, from the window or headless for the command line.

Text is drawn at the target scale, not scaled up from a screenshot; SVG and PDF keep text as
text. Every file is written whole through `write_atomic`: a failed export leaves nothing behind.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from mindmap.core.annotations import AnnotationStore
from mindmap.core.atomicfile import open_atomic, write_atomic
from mindmap.core.layout import LayoutMode
from mindmap.core.leftovers import sweep_stale_temporaries, termination_signals
from mindmap.core.model import Outline
from mindmap.core.png import PngWriter
from mindmap.core.session import MapSession
from mindmap.core.sidecar import SidecarError, load_sidecar, own_file, sidecar_path
from mindmap.ui.map.badges import ANNOTATION_LOOK, LegendItem
from mindmap.ui.map.scene import MapScene
from mindmap.ui.map.textmetrics import TextMeasurer, measure_outline
from mindmap.ui.map.tooltip import callout
from mindmap.ui.theme import DARK, LIGHT, MARK_LOOKS, UNKNOWN_MARK, Theme

MAX_WIDTH_PX = 32_767  # Qt's raster painter draws nothing beyond this coordinate
MAX_PIXELS = 400_000_000  # a PNG this big takes some seconds to encode; bigger is no use
BAND_PIXELS = 8_000_000  # drawn and encoded at a time: 32 MB, and a chance to cancel
PDF_POINTS_PER_PX = 0.75  # a scene pixel is 1/96 inch, a PDF point 1/72
MAX_PDF_POINTS = 14_400  # the largest page side PDF readers take (200 inches, Acrobat's limit)
SCREEN_DPI = 96  # a scene pixel is a CSS pixel: what an SVG's size is given in
MIN_SCALE = 0.5  # below it the smallest titles are under 6 px high: no use to anyone


_TO_UNICODE = re.compile(rb"beginbf(char|range).*?endbf\1", re.DOTALL)
_HEX = re.compile(rb"<[0-9A-Fa-f]+>")


class ExportFormat(enum.Enum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"


class ExportError(Exception):
    """The export could not be made; the message is one line for the user."""


class ExportCancelledError(ExportError):
    """The user cancelled the export; nothing was written."""


Progress = Callable[[float], bool]  # told the share done; returns False to cancel
_RENDER_HINTS = (
    QPainter.RenderHint.Antialiasing
    | QPainter.RenderHint.TextAntialiasing
    | QPainter.RenderHint.SmoothPixmapTransform
)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    scale: float = 2.0
    transparent: bool = False
    background: QColor | None = None  # None: the theme's background
    margin_px: float = 32.0


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


def export_scene(
    scene: MapScene,
    path: Path,
    theme: Theme,
    options: ExportOptions,
    progress: Progress | None = None,
) -> ExportResult:
    """Write what the scene shows to `path`, in the format its extension names; a SIGTERM or
    SIGHUP meanwhile ends the process without leaving a temporary file behind."""
    fmt = export_format(path)
    sweep_stale_temporaries(path)
    with termination_signals() as signals:

        def advance(done: float) -> bool:
            signals.check()  # between bands: a temporary is open, and is removed
            return progress is None or progress(done)

        return _export(scene, path, fmt, theme, options, progress=advance)


def _export(
    scene: MapScene,
    path: Path,
    fmt: ExportFormat,
    theme: Theme,
    options: ExportOptions,
    *,
    progress: Progress,
) -> ExportResult:
    margin = options.margin_px
    source = scene.content_rect().adjusted(-margin, -margin, margin, margin)
    background = QColor(Qt.GlobalColor.transparent) if options.transparent else None
    background = background or options.background or theme.background
    with _own_background(scene):
        if fmt is ExportFormat.PNG:
            return _export_png(scene, source, path, background, options.scale, progress=progress)
        scale, warning = options.scale, None
        if fmt is ExportFormat.SVG:
            data = _render_svg(scene, source, background, scale)
        else:
            longest = max(source.width(), source.height()) * PDF_POINTS_PER_PX
            if longest * scale > MAX_PDF_POINTS:
                scale = MAX_PDF_POINTS / longest
                warning = (
                    f"the map is too large for one PDF page at scale {options.scale:g}; "
                    f"written at scale {scale:.3g} (zoom in the reader: it stays sharp)"
                )
            data = _render_pdf(scene, source, background, scale)
    _write(path, data)
    size = source.size() * scale
    return ExportResult(path, round(size.width()), round(size.height()), scale, warning)


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
    """`scale`, or the largest scale below it at which the PNG fits the width and pixel caps."""
    return min(
        scale,
        MAX_WIDTH_PX / source.width(),
        (MAX_PIXELS / (source.width() * source.height())) ** 0.5,
    )


def _export_png(
    scene: MapScene,
    source: QRectF,
    path: Path,
    background: QColor,
    scale: float,
    *,
    progress: Progress,
) -> ExportResult:
    """Draw the map band by band at the target scale and stream the rows into the PNG."""
    used = largest_scale(source, scale)
    warning = None
    if used < min(scale, MIN_SCALE):
        raise ExportError(
            f"{path}: the map is too large for one readable image (it would need scale "
            f"{used:.2g}); export SVG or PDF, or fewer levels with --level"
        )
    if used < scale:
        warning = (
            f"the map is too large for one image at scale {scale:g}; "
            f"exported at scale {used:.3g} instead"
        )
    fit = int if used < scale else round  # at a cap, rounding up would cross it
    width, height = fit(source.width() * used), fit(source.height() * used)
    alpha = background.alpha() < 255
    row_format = QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    band_rows = max(1, min(height, BAND_PIXELS // width))
    try:
        with open_atomic(path) as stream:
            writer = PngWriter(stream, width, height, alpha)
            for top in range(0, height, band_rows):
                rows = min(band_rows, height - top)
                band = QImage(width, rows, QImage.Format.Format_ARGB32_Premultiplied)
                if band.isNull():
                    raise ExportError(f"{path}: not enough memory for a band of {width} px")
                band.fill(background)
                painter = QPainter(band)
                painter.setRenderHints(_RENDER_HINTS)
                band_source = QRectF(
                    source.left(), source.top() + top / used, source.width(), rows / used
                )
                scene.render(
                    painter,
                    QRectF(0, 0, width, rows),
                    band_source,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                )
                painter.end()
                band = band.convertToFormat(row_format)
                writer.write_rows(band.constBits(), band.bytesPerLine(), rows)
                if not progress((top + rows) / height):
                    raise ExportCancelledError(f"{path}: export cancelled")
            writer.close()
    except OSError as error:
        raise ExportError(f"{path}: cannot write the file: {error.strerror}") from None
    return ExportResult(path, width, height, used, warning)


def _render_svg(scene: MapScene, source: QRectF, background: QColor, scale: float) -> bytes:
    data, buffer = _buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = source.size() * scale
    generator.setSize(size.toSize())
    generator.setResolution(SCREEN_DPI)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("Mind map")
    _paint_page(generator, QRectF(0, 0, size.width(), size.height()), scene, source, background)
    return bytes(data.data())


def _render_pdf(scene: MapScene, source: QRectF, background: QColor, scale: float) -> bytes:
    data, buffer = _buffer()
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
    _paint_page(writer, QRectF(0, 0, writer.width(), writer.height()), scene, source, background)
    return _spaces_as_spaces(bytes(data.data()))


def _spaces_as_spaces(pdf: bytes) -> bytes:
    """Qt maps the space glyph of some fonts (DejaVu Sans among them) to a tab in the PDF's
    ToUnicode tables, so that a search for two words finds nothing. Only the Unicode side of
    each mapping changes (glyph codes stay), byte for byte: the file's offsets hold."""

    def table(match: re.Match[bytes]) -> bytes:
        sources = 2 if match.group(1) == b"range" else 1  # glyph codes that start each line
        lines = []
        for line in match.group(0).split(b"\n"):
            codes = list(_HEX.finditer(line))
            start = codes[sources - 1].end() if len(codes) > sources else len(line)
            lines.append(line[:start] + line[start:].replace(b"<0009>", b"<0020>"))
        return b"\n".join(lines)

    return _TO_UNICODE.sub(table, pdf)


def _buffer() -> tuple[QByteArray, QBuffer]:
    """An in-memory file: vector exports are made whole, then written atomically."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return data, buffer


def _paint_page(
    device: QPaintDevice, target: QRectF, scene: MapScene, source: QRectF, background: QColor
) -> None:
    painter = QPainter(device)
    painter.fillRect(target, background)
    scene.render(painter, target, source)
    painter.end()


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as error:
        raise ExportError(f"{path}: cannot write the file: {error.strerror}") from None


def scene_for_export(
    outline: Outline,
    folds: set[str],
    mode: LayoutMode,
    theme: Theme,
    annotations: AnnotationStore | None = None,
    *,
    with_text: bool = False,
    focus: str | None = None,
) -> MapScene:
    """A scene of the outline as a window would show it with these folds (and `focus`, the
    branch shown as the whole map), without the screen's controls; annotation markers always,
    and with `with_text` the annotations' text under their nodes' titles."""
    session = MapSession(mode)
    session.show(outline, folds, focus=focus)
    scene = MapScene(session, controls=False)  # paper has no fold circles or note dots
    texts = None
    if annotations is not None and with_text:
        texts = {key: callout(a.text) for key, a in annotations.by_node().items()}
    blocks = measure_outline(session.shown_root, TextMeasurer(), texts)
    scene.show_outline(blocks, theme, annotations=annotations)
    if annotations is not None:
        _add_legend(scene, annotations, theme)
    return scene


def _add_legend(scene: MapScene, annotations: AnnotationStore, theme: Theme) -> None:
    """Head the picture with what its marks mean, when it shows any."""
    shown = annotations.by_node().values()
    if not any(a.mark is not None or a.unknown_mark is not None for a in shown):
        return
    looks = [*MARK_LOOKS.values(), ANNOTATION_LOOK]
    if any(a.unknown_mark is not None for a in shown):
        looks.append(UNKNOWN_MARK)
    scene.legend = LegendItem(looks, theme.text)
    content = scene.content_rect()
    scene.legend.setPos(content.left(), content.top() - scene.legend.boundingRect().height() - 16)
    scene.addItem(scene.legend)


def export_headless(
    outline: Outline,
    outline_path: Path,
    output: Path,
    *,
    folds: set[str],
    mode: LayoutMode,
    dark: bool,
    options: ExportOptions,
    with_annotations: bool,
) -> tuple[ExportResult, list[str]]:
    """Export as the command line asks, with the outline's annotations when they can be read;
    returns the result and the warnings to tell. ExportError says why nothing was written."""
    warnings = []
    theme = DARK if dark else LIGHT
    annotations: AnnotationStore | None
    try:
        annotations = load_sidecar(sidecar_path(outline_path))
        annotations.attach(outline)
    except SidecarError as error:
        warnings.append(f"annotations left out: {error}")
        annotations = None
    scene = scene_for_export(outline, folds, mode, theme, annotations, with_text=with_annotations)
    result = export_scene(scene, output, theme, options)
    if result.warning:
        warnings.append(result.warning)
    return result, warnings


def refuse_own_files(output: Path, outline: Path) -> None:
    """Raise ExportError when `output` is the outline or its annotations file (see `own_file`)."""
    problem = own_file(output, outline)
    if problem is not None:
        raise ExportError(problem)
