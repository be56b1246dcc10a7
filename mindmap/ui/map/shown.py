"""What the scene shows: the outline and everything its items are painted from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from mindmap.core.annotations import AnnotationStore, Mark
from mindmap.core.marks import roll_up
from mindmap.core.model import Outline
from mindmap.ui.map.colours import BranchColours
from mindmap.ui.map.items import NodeItem
from mindmap.ui.map.textmetrics import TextBlock
from mindmap.ui.theme import Theme


@dataclass(slots=True)
class Shown:
    """What the scene shows: the outline and everything its items are painted from."""

    outline: Outline
    blocks: Mapping[str, TextBlock]
    theme: Theme
    annotations: AnnotationStore | None
    colours: BranchColours
    folds: set[str]
    rollup: dict[str, dict[Mark | None, int]] = field(default_factory=dict)  # see `roll_up`

    def count_marks(self) -> None:
        """Count the marks under each node anew: on showing, and when marks change."""
        shown = self.annotations.by_node() if self.annotations is not None else {}
        self.rollup = roll_up(self.outline, shown)


class ItemSource(Protocol):
    """A scene that makes a shown node's item when asked (see `MapScene.item`)."""

    def item(self, key: str) -> NodeItem: ...
    def shows(self, key: object) -> bool: ...
    def shown_keys(self) -> Iterator[str]: ...
    def shown_count(self) -> int: ...


class ShownItems(Mapping[str, NodeItem]):
    """Every shown node's item by key, as a dict would give them; an item is made when asked
    for, so that asking for one node does not make them all."""

    def __init__(self, scene: ItemSource) -> None:
        self._scene = scene

    def __getitem__(self, key: str) -> NodeItem:
        return self._scene.item(key)

    def __contains__(self, key: object) -> bool:
        return self._scene.shows(key)

    def __iter__(self) -> Iterator[str]:
        return self._scene.shown_keys()

    def __len__(self) -> int:
        return self._scene.shown_count()
