"""The map on screen: the scene that draws a layout and the session's state, its items, edges
and overview picture, and the view that zooms and pans."""
