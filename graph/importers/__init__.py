"""Importers: tracker files → their own named graph, linked to the curated entities.

``regkg import SOURCE FILE`` (see :func:`import_file`) reads one of the known sources
(:data:`SOURCES`), resolves authorities, companies and provisions to the curated entities,
links records of the same decision across sources, validates with the SHACL shapes and
replaces the source's named graph ``https://w3id.org/regkg/graph/<source>``.
"""

from __future__ import annotations

from graph.importers.base import SOURCES, ImportFailed
from graph.importers.report import Report
from graph.importers.run import import_file

__all__ = ["SOURCES", "ImportFailed", "Report", "import_file"]
