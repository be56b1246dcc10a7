"""What the scene shows: the outline and everything its items are painted from."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from mindmap.core.annotations import AnnotationStore, Mark
from mindmap.core.marks import roll_up
from mindmap.core.model import Outline
from mindmap.ui.map.colours import Groups
from mindmap.ui.map.textmetrics import TextBlock
from mindmap.ui.theme import Theme


@dataclass(slots=True)
class Shown:
    """What the scene shows: the outline and everything its items are painted from."""

    outline: Outline
    blocks: dict[str, TextBlock]
    theme: Theme
    annotations: AnnotationStore | None
    colours: dict[str, QColor]
    groups: Groups
    folds: set[str]
    rollup: dict[str, dict[Mark | None, int]] = field(default_factory=dict)  # see `roll_up`

    def count_marks(self) -> None:
        """Count the marks under each node anew: on showing, and when marks change."""
        shown = self.annotations.by_node() if self.annotations is not None else {}
        self.rollup = roll_up(self.outline, shown)
