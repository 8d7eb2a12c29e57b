"""Importers: tracker files → typed rows, resolved to curated entities → triples for the source's
own named graph; :func:`graph.pipeline.imports.import_file` runs an import end to end."""

from __future__ import annotations

# Each known source (:data:`SOURCES`) has a reader. The stage that runs an import (linkage, SHACL
# gate, store) is ``regkg import SOURCE FILE``.
from graph.importers.base import SOURCES, ImportFailed
from graph.importers.report import Report

__all__ = ["SOURCES", "ImportFailed", "Report"]
