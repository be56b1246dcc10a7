"""The Qt shell: scene items, the view, the window and export."""
