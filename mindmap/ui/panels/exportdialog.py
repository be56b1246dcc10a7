"""File ▸ Export…: where to, as what (a picture, a PDF or an Anki deck), and how (folds, scale,
background, margin); choices remembered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from mindmap.ui.export import ExportError, ExportOptions, export_format, refuse_own_files

BACKGROUNDS = ("theme", "white", "transparent")
DECK_SUFFIX = ".apkg"  # an Anki deck of the branches: none of the picture's options apply
DECK_NOTE = (
    "One note per node with children: the path and title on the front; the children, the "
    "node's note and your annotation on the back. Importing a newer deck updates its notes."
)
FORMATS = {".png": "PNG image", ".svg": "SVG", ".pdf": "PDF", DECK_SUFFIX: "Anki deck (.apkg)"}
_BACKGROUND_NAMES = ("The theme's", "White", "Transparent (PNG)")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    expand_all: bool
    with_annotation_text: bool
    options: ExportOptions


class ExportDialog(QDialog):
    """Asks for the file and the options; `request()` holds the answer after `exec()`.

    `outline` is the open outline's file: its name suggests the export's, and neither it nor
    its annotations file may be the export's target.
    """

    def __init__(self, parent: QWidget | None, settings: QSettings, outline: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Map")
        self.settings = settings
        self.outline = outline
        last_folder = Path(str(settings.value("export/folder", outline.parent)))
        last_suffix = str(settings.value("export/suffix", ".png"))
        self.path = QLineEdit(str(last_folder / (outline.stem + last_suffix)))
        self.format = _format_box()
        self.deck_note = QLabel(DECK_NOTE)
        self.deck_note.setWordWrap(True)
        self.deck_note.hide()
        self.problem = QLabel()  # why Save did nothing, in words
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #d6524f;")
        self.problem.hide()
        self.content = QComboBox()
        self.content.addItems(["The map as folded now", "The map fully expanded"])
        self.content.setCurrentIndex(1 if str(settings.value("export/expand_all", 0)) == "1" else 0)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(1.0, 4.0)
        self.scale.setSingleStep(0.5)
        self.scale.setSuffix(" ×")
        self.scale.setValue(float(settings.value("export/scale", 2.0)))
        self.background = QComboBox()
        self.background.addItems(_BACKGROUND_NAMES)
        background = str(settings.value("export/background", "theme"))
        self.background.setCurrentIndex(max(0, _index(BACKGROUNDS, background)))
        self.annotation_text = QCheckBox("Write my annotations' text under their nodes")
        # as the window shows them (View ▸ Show Annotations)
        self.annotation_text.setChecked(settings.value("view/annotations", False, type=bool))
        self.margin = QSpinBox()
        self.margin.setRange(0, 400)
        self.margin.setSuffix(" px")
        self.margin.setValue(int(settings.value("export/margin", 32)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        form = QFormLayout(self)
        form.addRow("File:", self._where())
        form.addRow("Format:", self.format)
        form.addRow("", self.deck_note)
        form.addRow(self.problem)
        form.addRow("Content:", self.content)
        form.addRow("Scale:", self.scale)
        form.addRow("Background:", self.background)
        form.addRow("Margin:", self.margin)
        form.addRow("Annotations:", self.annotation_text)
        form.addRow(buttons)
        self._follow_path(self.path.text())
        self.path.textChanged.connect(self._follow_path)
        self.format.activated.connect(self._rename)

    def _where(self) -> QHBoxLayout:
        """The file's name, and a button to choose it."""
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        return where

    def _follow_path(self, text: str) -> None:
        """The format named by the file's suffix is chosen; the picture's options are off for
        a deck."""
        suffix = Path(text).suffix.lower()
        if suffix in FORMATS:
            self.format.setCurrentIndex(self.format.findData(suffix))
        picture = suffix != DECK_SUFFIX
        for widget in (self.content, self.scale, self.background, self.margin):
            widget.setEnabled(picture)
        self.annotation_text.setEnabled(picture)
        if self.deck_note.isHidden() != picture:
            self.deck_note.setVisible(not picture)
            self.adjustSize()  # room for the note, or none

    def _rename(self) -> None:
        """A format chosen: the file's name takes its suffix."""
        path = Path(self.path.text())
        if path.name:
            self.path.setText(str(path.with_suffix(self.format.currentData())))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export map",
            self.path.text(),
            "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf);;Anki deck (*.apkg)",
        )
        if name:
            self.path.setText(name)

    def accept(self) -> None:
        path = Path(self.path.text()).expanduser()
        try:
            if path.suffix.lower() != DECK_SUFFIX:
                export_format(path)
            refuse_own_files(path, self.outline)
        except ExportError as error:
            self.path.setToolTip(str(error))
            self.path.setStyleSheet("border: 1px solid #d6524f;")
            self.problem.setText(str(error))
            self.problem.show()
            return
        super().accept()

    def request(self) -> ExportRequest:
        """The user's choices, remembered for next time."""
        path = Path(self.path.text()).expanduser()
        background = BACKGROUNDS[self.background.currentIndex()]
        self.settings.setValue("export/folder", str(path.parent))
        self.settings.setValue("export/suffix", path.suffix.lower())
        self.settings.setValue("export/expand_all", self.content.currentIndex())
        self.settings.setValue("export/scale", self.scale.value())
        self.settings.setValue("export/background", background)
        self.settings.setValue("export/margin", self.margin.value())
        with_text = self.annotation_text.isChecked()
        options = ExportOptions(
            scale=self.scale.value(),
            transparent=background == "transparent",
            background=QColor("#ffffff") if background == "white" else None,
            margin_px=self.margin.value(),
        )
        return ExportRequest(path, self.content.currentIndex() == 1, with_text, options)


def _format_box() -> QComboBox:
    box = QComboBox()
    for suffix, name in FORMATS.items():
        box.addItem(name, suffix)
    return box


def _index(choices: tuple[str, ...], value: str) -> int:
    """Where `value` is among `choices`, or -1 (a setting from another version, or hand-edited)."""
    return choices.index(value) if value in choices else -1
