"""regkg: a regulatory precedent knowledge graph for privacy and data-protection enforcement."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
