"""One exception root for regkg: every error a user can cause is a :class:`RegKGError`."""

from __future__ import annotations


class RegKGError(Exception):
    """Root of every regkg error; the CLI prints its message and exits non-zero."""


class SourceDataError(RegKGError):
    """A curated data file or record is malformed: names the file, record and field."""

    def __init__(self, file: str, record: str | None, field: str | None, message: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.message = message
        where = file
        if record:
            where += f", record {record!r}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


class OntologyError(RegKGError):
    """An ontology or shapes file cannot be read (for example broken Turtle)."""


class ValidationFailed(RegKGError):
    """The SHACL gate found violations; carries the report."""

    def __init__(self, report: object, text: str) -> None:
        self.report = report
        super().__init__(text)


class StoreError(RegKGError):
    """The store is missing, locked by another writer, or unreadable."""


class UnknownQuery(RegKGError):
    """No stored query has that name."""


class QueryError(RegKGError):
    """A query could not be parsed or run (syntax error, bad parameter)."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class UnsafeQuery(QueryError):
    """A query was refused: an update, a SERVICE call or a remote FROM."""


class ConfigError(RegKGError):
    """A setting or command-line option has a value regkg cannot use."""


class ExportError(RegKGError):
    """A snapshot could not be written (for example the target folder is not empty)."""
