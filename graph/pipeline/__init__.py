"""The stages in order: build or import, link, gate, store, derived files."""
