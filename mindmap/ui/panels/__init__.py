"""The panels around the map: details, the outline editor, annotations, find, banners, dialogs."""
