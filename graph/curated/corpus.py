"""Read ``data/catalog.toml`` and the curated YAML files into typed records. No RDF here."""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graph.curated import records as R
from graph.errors import SourceDataError
from graph.vocabulary.ids import is_key

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class GraphSpec:
    """One catalog entry: a curated data file that becomes one named graph."""

    key: str
    file: str
    title: str
    licence: str
    attribution: str

    @property
    def source_id(self) -> str:
        """The named graph's source id, ``curated-<key>``."""
        return f"curated-{self.key}"


@dataclass(frozen=True)
class Corpus:
    """Everything read from the data folder: catalog entries and records per graph key."""

    graphs: tuple[GraphSpec, ...]
    records: dict[str, tuple[R.Record, ...]]

    def all(self) -> list[R.Record]:
        """Every record, in file order."""
        return [r for spec in self.graphs for r in self.records[spec.key]]

    def of_type(self, cls: type[R.Record]) -> list[R.Record]:
        """Every record of one class."""
        return [r for r in self.all() if type(r) is cls]


#: libyaml's C parser where PyYAML was built with it (about 5x faster on data/), else Python's.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe YAML loader that keeps dates as strings and records each mapping's line."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def check_date(value: str) -> str:
    """Check a ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` date; return it or raise ``ValueError``.

    >>> check_date("2023-09-01"), check_date("2022-12"), check_date("2019")
    ('2023-09-01', '2022-12', '2019')
    >>> check_date("2023-02-30")
    Traceback (most recent call last):
    ...
    ValueError: not a real date: '2023-02-30'
    """
    m = DATE_RE.match(value)
    if not m:
        msg = f"not a date (want YYYY-MM-DD, YYYY-MM or YYYY): {value!r}"
        raise ValueError(msg)
    year, month, day = m.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        msg = f"not a real date: {value!r}"
        raise ValueError(msg) from None
    return value


def load_catalog(data_dir: Path) -> tuple[GraphSpec, ...]:
    """Read ``catalog.toml``: one :class:`GraphSpec` per ``[graphs.<key>]`` table."""
    path = data_dir / "catalog.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"catalog file is missing (looked in {data_dir.resolve()}; set REGKG_DATA)"
        raise SourceDataError(str(path), None, None, msg) from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceDataError(str(path), None, None, f"not valid TOML: {exc}") from None
    specs = []
    for key, entry in raw.get("graphs", {}).items():
        if not is_key(key):
            raise SourceDataError(path.name, key, None, "graph key must be a lower-case slug")
        missing = [f for f in ("file", "title", "licence", "attribution") if not entry.get(f)]
        if missing:
            raise SourceDataError(path.name, key, missing[0], "required field is missing")
        specs.append(
            GraphSpec(key, entry["file"], entry["title"], entry["licence"], entry["attribution"])
        )
    if not specs:
        raise SourceDataError(path.name, None, "graphs", "the catalog lists no data files")
    return tuple(specs)


def load_corpus(data_dir: Path) -> Corpus:
    """Read the catalog and every data file it lists.

    Every problem raises :class:`~graph.errors.SourceDataError` naming the file, the record (id and
    line) and the field.
    """
    specs = load_catalog(data_dir)
    records = {spec.key: tuple(load_file(data_dir / spec.file)) for spec in specs}
    return Corpus(specs, records)


def load_file(path: Path) -> list[R.Record]:
    """Read one YAML data file into records (file order)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceDataError(
            name, None, None, "data file listed in catalog.toml is missing"
        ) from None
    try:
        doc = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        raise SourceDataError(name, None, None, f"not valid YAML: {exc}") from None
    if doc is None:
        return []
    if not isinstance(doc, dict):
        raise SourceDataError(name, None, None, "top level must be a mapping of lists")
    out: list[R.Record] = []
    for list_key, items in doc.items():
        if list_key == "__line__":
            continue
        if list_key not in R.RECORD_TYPES:
            known = ", ".join(R.RECORD_TYPES)
            raise SourceDataError(name, None, list_key, f"unknown list (known: {known})")
        if not isinstance(items, list):
            raise SourceDataError(name, None, list_key, "must be a list of records")
        for item in items:
            out.append(parse_record(name, list_key, item))
    return out


def parse_record(file: str, list_key: str, item: Any) -> R.Record:
    """Build one typed record from a YAML mapping, checking every field."""
    cls, _kind, fixed = R.RECORD_TYPES[list_key]
    if not isinstance(item, dict):
        raise SourceDataError(file, None, list_key, "each entry must be a mapping")
    line = item.pop("__line__", 0)
    if cls is R.Jurisdiction and "id" not in item and isinstance(item.get("code"), str):
        item["id"] = item["code"].lower()  # a jurisdiction's key is its code
    rid = item.get("id")
    where = f"{rid} (line {line})" if rid else f"line {line}"
    if not isinstance(rid, str) or not is_key(rid):
        raise SourceDataError(file, where, "id", "required; a lower-case slug like 'dpc-ie'")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)} - {"file", "line", *fixed}
    kwargs: dict[str, Any] = dict(fixed)
    for key, value in item.items():
        if key not in names:
            raise SourceDataError(file, where, key, f"unknown field for {list_key}")
        try:
            kwargs[key] = _coerce(hints[key], value, key)
        except (TypeError, ValueError) as exc:
            raise SourceDataError(file, where, key, str(exc)) from None
    for req in R.REQUIRED.get(cls, ()):
        if kwargs.get(req) in (None, "", ()):
            raise SourceDataError(file, where, req, "required field is missing")
    if kwargs.get("source") is None and cls is not R.Holding:
        raise SourceDataError(file, where, "source", "required: every record needs a source")
    _check_enums(file, where, cls, kwargs)
    return cls(file=file, line=line, **kwargs)


_ENUMS: dict[str, tuple[str, ...]] = {
    "trust": R.TRUST_TIERS,
    "status": R.STATUSES,
    "direction": R.DIRECTIONS,
}


def _check_enums(file: str, where: str, cls: type[R.Record], kw: dict[str, Any]) -> None:
    checks: list[tuple[str, Any, tuple[str, ...]]] = [(k, kw.get(k), v) for k, v in _ENUMS.items()]
    if cls is R.Decision:
        checks.append(("kind", kw.get("kind"), R.DECISION_KINDS))
        checks += [("parties", p.role, R.ROLES) for p in kw.get("parties", ())]
        checks += [
            ("procedure", p.relation, R.PROCEDURE_RELATIONS) for p in kw.get("procedure", ())
        ]
    if cls is R.Organisation:
        checks += [("types", t, R.REGULATOR_TYPES) for t in kw.get("types", ())]
    if cls is R.Ownership:
        checks.append(("kind", kw.get("kind"), R.OWNERSHIP_KINDS))
    if cls is R.Treatment:
        checks.append(("type", kw.get("type"), R.TREATMENT_TYPES))
    if cls is R.Instrument:
        checks.append(("type", kw.get("type"), R.INSTRUMENT_KINDS))
    for fname, value, allowed in checks:
        if value is not None and value not in allowed:
            raise SourceDataError(
                file, where, fname, f"{value!r} is not one of {', '.join(allowed)}"
            )


_DATE_FIELDS = {"date", "announced", "start", "end", "as_of"}


def _coerce(hint: Any, value: Any, key: str) -> Any:
    """Coerce a YAML value to a field's declared type, or raise ``TypeError``/``ValueError``."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value, key)
    if origin is tuple:
        if not isinstance(value, list):
            msg = "must be a list"
            raise TypeError(msg)
        return tuple(_coerce(args[0], v, key) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(value, dict):
            names = ", ".join(f.name for f in dataclasses.fields(hint))
            msg = f"must be a mapping with fields {names}"
            raise TypeError(msg)
        value = {k: v for k, v in value.items() if k != "__line__"}
        sub_hints = typing.get_type_hints(hint)
        unknown = set(value) - set(sub_hints)
        if unknown:
            msg = f"unknown sub-field {sorted(unknown)[0]!r}"
            raise ValueError(msg)
        sub = {k: _coerce(sub_hints[k], v, k) for k, v in value.items()}
        try:
            obj = hint(**sub)
        except TypeError as exc:
            msg = f"missing sub-field ({exc})"
            raise ValueError(msg) from None
        _check_sub(obj)
        return obj
    if hint is bool:
        if not isinstance(value, bool):
            msg = "must be true or false"
            raise TypeError(msg)
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            msg = "must be a whole number"
            raise TypeError(msg)
        return value
    if hint is str:
        if key == "value" and isinstance(value, int | float) and not isinstance(value, bool):
            value = repr(value) if isinstance(value, float) else str(value)
        if not isinstance(value, str):
            msg = "must be text"
            raise TypeError(msg)
        value = value.strip()
        if key in _DATE_FIELDS:
            check_date(value)
        return value
    msg = f"unsupported field type {hint!r}"
    raise TypeError(msg)


def _check_sub(obj: object) -> None:
    if isinstance(obj, R.Source):
        if not obj.url and not (obj.dataset and obj.record):
            msg = "a source needs a url, or a dataset and a record identifier"
            raise ValueError(msg)
        if obj.url and not re.match(r"^https?://", obj.url):
            msg = f"source url must be a public http(s) URL, not {obj.url!r}"
            raise ValueError(msg)
        if len(obj.as_of) != 10:
            msg = "as_of must be a full date YYYY-MM-DD"
            raise ValueError(msg)
    if isinstance(obj, R.Amount) and not re.match(r"^\d+(\.\d+)?$", obj.value):
        msg = f"amount value must be a non-negative number, not {obj.value!r}"
        raise ValueError(msg)
