"""What a layout hands out, as plain data: the scene, navigation and export need no engine."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class LayoutMode(enum.Enum):
    """How the main branches are placed around the root."""

    MINDMAP = "mindmap"  # root in the centre, main branches split right/left
    RIGHT = "right"  # all branches to the right of the root


@dataclass(frozen=True, slots=True)
class Spacing:
    """The gaps between boxes, in scene units."""

    level_gap: float = 56.0
    """Horizontal gap between a parent's outer edge and its children's inner edge."""
    sibling_gap: float = 10.0
    """Least vertical gap between two boxes that share a parent (and between any two boxes)."""
    subtree_gap: float = 18.0
    """Extra vertical gap between facing boxes of different parents, so that groups stand apart."""
    column_gap: float = 12.0
    """Horizontal gap between the columns that a long list of leaves is wrapped into."""
    row_gap: float = 4.0
    """Vertical gap between the rows of a wrapped list: its rows read along the columns like a
    table's, so they stand closer than siblings do (though never closer to other boxes)."""


@dataclass(slots=True)
class Box:
    """One node's place in the scene: the top-left corner and size of its box."""

    key: str
    x: float
    y: float
    width: float
    height: float
    side: int
    """+1 right of the root, -1 left of it, 0 for the root itself."""
    depth: int
    """0 for the root."""
    parent: str | None
    """Key of the parent box, None for the root."""
    column: int = 0
    """Which column of its parent's wrapped leaves it stands in; 0 when they are not wrapped."""

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2

    @property
    def centre_y(self) -> float:
        return self.y + self.height / 2

    @property
    def inner_x(self) -> float:
        """The edge facing the parent, where the connector from the parent arrives."""
        return self.x + self.width if self.side < 0 else self.x

    @property
    def outer_x(self) -> float:
        """The edge facing away from the parent, where connectors to the children leave."""
        return self.x if self.side < 0 else self.x + self.width


@dataclass(slots=True)
class Layout:
    """The boxes of the visible nodes, in pre-order (root first), and their common bounds."""

    boxes: dict[str, Box]
    bounds: tuple[float, float, float, float]
    """Left, top, right, bottom of all boxes."""
    split: int = 0
    """How many main branches are on the right (the rest are on the left)."""


@dataclass(slots=True)
class LayoutChange:
    """What one `IncrementalLayout.update` did, so that a scene touches only what it must."""

    layout: Layout
    """The complete current layout: the same object on every call, its boxes updated in place."""
    changed: set[str]
    """Keys whose box is new or moved since the previous call (every key on the first call)."""
    removed: set[str]
    """Keys that the previous call showed and that are hidden now."""
    reshaped: set[str] = field(default_factory=set)
    """Changed keys whose shown children may now sit otherwise relative to them (re-packed, or
    their branch changed side). Every other changed key moved together with its subtree."""
