"""Drawings: network views as self-contained HTML, charts as static SVG."""
