"""Where every visible node of an outline goes: a tidy horizontal tree, pure Python, linear time.

`geometry` holds what a layout hands out, `tidy` the packing step (van der Ploeg's non-layered
tidy tree), `tree` the flattened outline and its folds, `packing` the packed subtrees kept
between folds, and `incremental` the one engine the app uses, `IncrementalLayout`.
"""

from mindmap.core.layout.geometry import Box, Layout, LayoutChange, LayoutMode, Spacing
from mindmap.core.layout.incremental import IncrementalLayout

__all__ = [
    "Box",
    "IncrementalLayout",
    "Layout",
    "LayoutChange",
    "LayoutMode",
    "Spacing",
]
