"""What the window offers when no map is open (a file that could not be read): a next step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """Emits `open_requested` for Open… and `sample_requested` for the sample map."""

    open_requested = Signal()
    sample_requested = Signal()

    def __init__(self, viewport: QWidget) -> None:
        """Lies over `viewport` (the map's), filling it, hidden until asked for."""
        super().__init__(viewport)
        self.setObjectName("emptystate")
        heading = QLabel("<h2>No map is open</h2>")
        text = QLabel("Open an outline file, or look around the sample revision map.")
        self.open_button = QPushButton("Open…")
        self.sample_button = QPushButton("Open the Sample Map")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        for label in (heading, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
        column.addLayout(buttons)
        column.addStretch(1)
        QVBoxLayout(viewport).addWidget(self)
        self.hide()
