"""The pure core: outline model, parsing, keys, layout and annotations; never imports Qt."""
