"""Importers: tracker files → typed rows → triples for the source's own named graph.

Each known source (:data:`SOURCES`) has a reader; rows are resolved to the curated entities and
written as triples. The stage that runs an import end to end (linkage, SHACL gate, store) is
:func:`graph.pipeline.imports.import_file` (``regkg import SOURCE FILE``).
"""

from __future__ import annotations

from graph.importers.base import SOURCES, ImportFailed
from graph.importers.report import Report

__all__ = ["SOURCES", "ImportFailed", "Report"]
