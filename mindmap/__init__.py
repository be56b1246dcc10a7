"""Mindmap: revision notes kept as a YAML outline, shown as a mind map."""

__version__ = "0.1.0"
