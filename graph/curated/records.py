"""Typed records: the schema of the curated YAML files, as frozen dataclasses. No RDF here:
:mod:`graph.curated.corpus` reads files into them, :mod:`graph.curated.dataset` makes triples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Allowed values of enumerated fields (checked by :mod:`graph.curated.corpus`).
DECISION_KINDS = (
    "fine",
    "order",
    "settlement",
    "investigation",
    "binding-decision",
    "draft-decision",
    "court-case",
    "judgment",
)
STATUSES = ("pending", "decided", "appealed", "discontinued")
REGULATOR_TYPES = (
    "data-protection",
    "consumer",
    "competition",
    "telecoms",
    "media",
    "supranational",
)
ROLES = (
    "subject",
    "claimant",
    "defendant",
    "litigation-friend",
    "solicitors",
    "complainant",
    "appellant",
    "respondent",
    "representative-body",
    "co-enforcer",
    "judge",
)
PROCEDURE_RELATIONS = (
    "results-from",
    "implements",
    "renews",
    "challenges",
    "decided-in",
    "appeal-from",
    "enforces",
)
DIRECTIONS = ("yes", "no", "partly", "open")
TREATMENT_TYPES = ("follows", "applies", "distinguishes", "overrules", "cites", "considers")
OWNERSHIP_KINDS = ("direct", "ultimate")
TRUST_TIERS = ("curated-verified", "imported", "machine-coded")
INSTRUMENT_KINDS = (
    "regulation",
    "directive",
    "statute",
    "rule",
    "code",
    "treaty",
    "charter",
    "procedure-rules",
)


@dataclass(frozen=True)
class Source:
    """Where a record's facts come from: a public URL, or a dataset plus a record identifier."""

    as_of: str
    url: str | None = None
    dataset: str | None = None
    record: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Amount:
    """An amount in its original ISO 4217 currency."""

    value: str
    currency: str
    date: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Identifiers:
    """Public identifiers of a decision."""

    ecli: str | None = None
    celex: str | None = None
    neutral_citation: str | None = None
    case_number: str | None = None


@dataclass(frozen=True)
class PartyRef:
    """A party's role in a decision."""

    party: str
    role: str


@dataclass(frozen=True)
class ProcedureRef:
    """A typed link from a later procedural step to an earlier one."""

    relation: str
    decision: str


@dataclass(frozen=True)
class Record:
    """Fields every record has. ``file``/``line`` say where it was read (set by the loader)."""

    id: str
    source: Source | None = None
    more_sources: tuple[Source, ...] = ()
    trust: str = "curated-verified"
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Jurisdiction(Record):
    code: str = ""
    label: str = ""


@dataclass(frozen=True)
class Organisation(Record):
    """A company, public body, regulator, court or law firm (``kind`` comes from the list key)."""

    name: str = ""
    kind: str = ""
    alt_names: tuple[str, ...] = ()
    abbreviation: str | None = None
    jurisdiction: str | None = None
    types: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Person(Record):
    name: str = ""
    public_role: str = ""


@dataclass(frozen=True)
class AnonymousParty(Record):
    label: str = ""
    minor: bool = False


@dataclass(frozen=True)
class Ownership(Record):
    subsidiary: str = ""
    parent: str = ""
    kind: str = ""
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Instrument(Record):
    short: str = ""
    title: str = ""
    type: str = ""
    jurisdiction: str | None = None
    eli: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Decision(Record):
    kind: str = ""
    label: str = ""
    authority: str = ""
    jurisdiction: str = ""
    date: str = ""
    status: str = ""
    summary: str = ""
    announced: str | None = None
    subjects: tuple[str, ...] = ()
    parties: tuple[PartyRef, ...] = ()
    infringed: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    amount: Amount | None = None
    reduced_amount: Amount | None = None
    children: bool = False
    identifiers: Identifiers = Identifiers()
    outcome: str | None = None
    procedure: tuple[ProcedureRef, ...] = ()
    seed: str | None = None


@dataclass(frozen=True)
class Statistic(Record):
    label: str = ""
    authority: str = ""
    about: str = ""
    date: str = ""
    jurisdiction: str = ""
    finding: str = ""
    seed: str | None = None


@dataclass(frozen=True)
class Question(Record):
    number: int = 0
    text: str = ""
    short: str = ""
    state_of_law: str | None = None


@dataclass(frozen=True)
class Holding(Record):
    question: str = ""
    decision: str = ""
    direction: str = ""
    answer: str = ""
    date: str | None = None


@dataclass(frozen=True)
class Treatment(Record):
    citing: str = ""
    cited: str = ""
    type: str = ""
    note: str | None = None


#: List key in a data file → (record class, IRI kind, fixed values set by the key). Each list key
#: (``companies``, ``decisions``…) maps to one record class; a field without a default is
#: required, and any field not declared is an error.
RECORD_TYPES: dict[str, tuple[type[Record], str, dict[str, Any]]] = {
    "jurisdictions": (Jurisdiction, "jurisdiction", {}),
    "companies": (Organisation, "company", {"kind": "company"}),
    "public_bodies": (Organisation, "public-body", {"kind": "public-body"}),
    "regulators": (Organisation, "regulator", {"kind": "regulator"}),
    "courts": (Organisation, "court", {"kind": "court"}),
    "law_firms": (Organisation, "law-firm", {"kind": "law-firm"}),
    "persons": (Person, "person", {}),
    "anonymous_parties": (AnonymousParty, "party", {}),
    "ownership": (Ownership, "ownership", {}),
    "instruments": (Instrument, "instrument", {}),
    "decisions": (Decision, "decision", {}),
    "statistics": (Statistic, "statistic", {}),
    "questions": (Question, "question", {}),
    "holdings": (Holding, "holding", {}),
    "treatments": (Treatment, "treatment", {}),
}

#: Fields that must be present and non-empty, per record class (beyond ``id`` and ``source``).
REQUIRED: dict[type[Record], tuple[str, ...]] = {
    Jurisdiction: ("code", "label"),
    Organisation: ("name",),
    Person: ("name", "public_role"),
    AnonymousParty: ("label",),
    Ownership: ("subsidiary", "parent", "kind"),
    Instrument: ("short", "title", "type"),
    Decision: ("kind", "label", "authority", "jurisdiction", "date", "status", "summary"),
    Statistic: ("label", "authority", "about", "date", "jurisdiction", "finding"),
    Question: ("number", "text", "short"),
    Holding: ("question", "decision", "direction", "answer"),
    Treatment: ("citing", "cited", "type"),
}
