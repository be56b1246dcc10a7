"""Controllers: turn what the user asks for into operations on the map session, the sidecar and
files, and show the outcome; they depend on the session and on signals, never on the window."""
