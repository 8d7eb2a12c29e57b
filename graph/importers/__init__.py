"""Importers: tracker files → their own named graph, linked to the curated entities.

``regkg import SOURCE FILE`` (see :func:`import_file`) reads one of the known sources
(:data:`SOURCES`), resolves authorities, companies and provisions to the curated entities,
links records of the same decision across sources, validates with the SHACL shapes and
replaces the source's named graph ``https://w3id.org/regkg/graph/<source>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.importers.base import SOURCES, ImportFailed
from graph.importers.report import Report

if TYPE_CHECKING:
    from graph.importers.run import import_file

__all__ = ["SOURCES", "ImportFailed", "Report", "import_file"]


def __getattr__(name: str) -> Any:
    """``import_file`` is loaded on first use: the pipeline behind it (matching, SHACL,
    rapidfuzz) costs about a second to import, which ``regkg --help`` or ``regkg build`` need not
    pay for a submodule such as ``graph.importers.base``."""
    if name == "import_file":
        from graph.importers.run import import_file

        return import_file
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
