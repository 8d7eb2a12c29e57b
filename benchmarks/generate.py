"""A synthetic regkg world shaped like the curated data, written straight to N-Quads.

``generate(n, path)`` writes ``n`` actions (decisions) with everything that hangs off them in the
curated data: authorities (regulators and courts), companies in corporate groups (ownership
records and ``ultimateParent``/``directParent`` shortcuts), other parties, legal instruments and
the provisions decisions infringe or consider, participations with roles, amounts in several
currencies with EUR values at the ECB rate (:func:`graph.cleaning.money.to_eur`), procedure chains
(investigation → draft → binding decision → fine → challenge → judgment → appeal), legal
questions with holdings, treatments between decisions answering the same question, machine-coded
Cites links from later decisions on transfers to the rulings they follow (as
:mod:`graph.importers.citations` states them), and a source (URL, or dataset plus record
identifier) with an as-of date and a trust tier on every record.

The triples are exactly those :mod:`graph.curated.dataset` and :mod:`graph.curated.decisions`
produce for such
records (same IRIs from :func:`graph.vocabulary.ids.mint`, same predicates, types, enumerations from
:mod:`graph.vocabulary.terms` and literal datatypes); they are written as text because building
millions of
triples through rdflib would dominate the benchmark. The ontology is added as the named graph
``graph/ontology``, as a build does. ``tests/test_benchmarks.py`` checks the output against the
SHACL shapes and against the predicates the curated build uses.

The anchors the stored queries and views default to exist with their real ids:
``company/bytedance-ltd`` and its TikTok companies, ``question/q01``,
``decision/dpc-tiktok-childrens-data-fine-2023`` (in its procedure chain) and
``decision/lloyd-v-google-2021`` (with holdings and later decisions treating it),
``decision/cjeu-schrems-ii-2020`` and ``decision/dpc-meta-us-transfers-fine-2023`` (which applies
it, as in the curated data; later synthetic decisions on transfers cite both).

Everything is drawn from one ``random.Random(seed)``: the same ``n`` and seed give the same file.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import TextIO

import pycountry
import pyoxigraph as ox
from rdflib import URIRef

from graph import settings
from graph.cleaning.law import ProvisionRef, ShortNames
from graph.cleaning.money import is_iso_currency, to_eur
from graph.curated.decisions import PARTY_KINDS
from graph.vocabulary.ids import digest, graph_iri, mint
from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import ontology_files
from graph.vocabulary.terms import (
    DECISION_CLASSES,
    DIRECTIONS,
    ORG_CLASSES,
    OWNERSHIP_KINDS,
    PROCEDURE_PROPERTIES,
    REGULATOR_CLASSES,
    ROLES,
    STATUSES,
    TREATMENT_TYPES,
    TRUST_TIERS,
)

SEED = 20240901
GENERATOR_VERSION = 3

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
DCT_TITLE = "<http://purl.org/dc/terms/title>"

#: Named graphs of the synthetic world (one per kind of data file, like the curated catalog).
GRAPH_KEYS = ("organisations", "law", "decisions", "precedents")

#: IRIs the stored queries and views default to; the generator always creates them.
ANCHORS = {
    "group": str(mint("company", "bytedance-ltd")),
    "ego_center": str(mint("company", "tiktok")),
    "question": str(mint("question", "q01")),
    "procedure": str(mint("decision", "dpc-tiktok-childrens-data-fine-2023")),
    "precedent": str(mint("decision", "lloyd-v-google-2021")),
    "ruling": str(mint("decision", "cjeu-schrems-ii-2020")),
    "citing": str(mint("decision", "dpc-meta-us-transfers-fine-2023")),
}

#: Share of later decisions on transfers abroad (in the EEA) that cite each ruling; their
#: Cites links are machine-coded, as :mod:`graph.importers.citations` states them.
CITES_SHARE = {"cjeu-schrems-ii-2020": 0.6, "dpc-meta-us-transfers-fine-2023": 0.3}


def _t(term: URIRef) -> str:
    return f"<{term}>"


class P:
    """Predicates and classes as N-Triples terms (from the closed ``REG`` namespace)."""

    def __getattr__(self, name: str) -> str:
        value = f"<{getattr(REG, name)}>"
        setattr(self, name, value)
        return value


R = P()


def esc(text: str) -> str:
    """An N-Triples string literal (no datatype: ``xsd:string``)."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{body}"'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


_DATE_TYPES = {10: "date", 7: "gYearMonth", 4: "gYear"}


def date_lit(value: str) -> str:
    """Same rule as :func:`graph.vocabulary.terms.date_literal`: the datatype follows the length."""
    return typed(value, _DATE_TYPES[len(value)])


def iri(kind: str, key: str) -> str:
    return f"<{mint(kind, key)}>"


# --------------------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Source:
    url: str | None = None
    dataset: str | None = None
    record: str | None = None
    publisher: str | None = None
    as_of: str = "2026-11-29"

    @property
    def node(self) -> str:
        return f"<{mint('source', digest(self.url or '', self.dataset or '', self.record or ''))}>"


@dataclass
class Party:
    id: str
    kind: str  # company, public-body, regulator, court, law-firm, person, party
    name: str
    jurisdiction: str | None = None


@dataclass
class Instrument:
    id: str
    short: str
    title: str
    jurisdiction: str
    style: str  # "Art" or "s"
    source: Source
    trust: str


@dataclass
class Decision:
    id: str
    kind: str
    label: str
    authority: Party
    jurisdiction: str
    date: str
    subjects: list[Party]
    source: Source
    trust: str
    more_sources: list[Source] = field(default_factory=list)
    parties: list[tuple[Party, str]] = field(default_factory=list)
    infringed: list[str] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)
    amount: tuple[str, str] | None = None
    reduced: tuple[str, str, str] | None = None
    procedure: list[tuple[str, str]] = field(default_factory=list)
    children: bool = False
    status: str = "decided"
    announced: str | None = None
    outcome: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    topic: str | None = None


@dataclass(frozen=True)
class Stats:
    """What a generation wrote."""

    actions: int
    quads: int
    records: dict[str, int]
    seed: int


# ----------------------------------------------------------------------------------- reference
JURISDICTIONS = {
    # code: currency (the currency fines of that jurisdiction are given in)
    "EU": "EUR", "IE": "EUR", "FR": "EUR", "NL": "EUR", "IT": "EUR", "DE": "EUR", "ES": "EUR",
    "AT": "EUR", "BE": "EUR", "BG": "EUR", "LU": "EUR", "PT": "EUR", "GR": "EUR", "FI": "EUR",
    "SI": "EUR", "SK": "EUR", "LT": "EUR", "LV": "EUR", "EE": "EUR", "CY": "EUR", "MT": "EUR",
    "HR": "EUR",
    "GB": "GBP", "US": "USD", "KR": "KRW", "PL": "PLN", "SE": "SEK", "NO": "NOK", "DK": "DKK",
    "CZ": "CZK", "HU": "HUF", "RO": "RON", "TR": "TRY", "BR": "BRL", "IN": "INR",
    "JP": "JPY", "CA": "CAD", "AU": "AUD", "CH": "CHF", "ZA": "ZAR",
    # no ECB reference rate: the amount gets no EUR value and a note saying why
    "AR": "ARS", "NG": "NGN", "KE": "KES",
}  # fmt: skip
#: Rough units of currency per EUR, only to make synthetic amounts plausible in size.
SCALE = {
    "EUR": 1, "GBP": 0.86, "USD": 1.1, "KRW": 1450, "PLN": 4.3, "SEK": 11.4, "NOK": 11.6,
    "DKK": 7.46, "CZK": 25, "HUF": 390, "RON": 5, "TRY": 35, "BRL": 6, "INR": 92,
    "JPY": 160, "CAD": 1.5, "AUD": 1.65, "CHF": 0.95, "ZAR": 20, "ARS": 1000, "NGN": 1700,
    "KES": 140,
}  # fmt: skip
EEA = {c for c, cur in JURISDICTIONS.items() if cur == "EUR"} | {
    "PL", "SE", "NO", "DK", "CZ", "HU", "RO", "BG",
}  # fmt: skip

NAMED_REGULATORS = [
    ("dpc-ie", "Data Protection Commission", "IE", "data-protection"),
    ("ico-uk", "Information Commissioner's Office", "GB", "data-protection"),
    ("cnil-fr", "Commission nationale de l'informatique et des libertés", "FR", "data-protection"),
    ("ap-nl", "Autoriteit Persoonsgegevens", "NL", "data-protection"),
    ("garante-it", "Garante per la protezione dei dati personali", "IT", "data-protection"),
    ("agcm-it", "Autorità Garante della Concorrenza e del Mercato", "IT", "competition"),
    ("ofcom-uk", "Ofcom", "GB", "media"),
    ("kcc-kr", "Korea Communications Commission", "KR", "telecoms"),
    ("cnpd-lu", "Commission nationale pour la protection des données", "LU", "data-protection"),
    ("edpb", "European Data Protection Board", "EU", "supranational"),
    ("european-commission", "European Commission", "EU", "supranational"),
    ("ftc-us", "Federal Trade Commission", "US", "consumer"),
]
NAMED_COURTS = [
    ("uksc", "Supreme Court of the United Kingdom", "GB"),
    ("ewca", "Court of Appeal of England and Wales", "GB"),
    ("ewhc", "High Court of England and Wales", "GB"),
    ("ie-high-court", "High Court of Ireland", "IE"),
    ("cjeu", "Court of Justice of the European Union", "EU"),
    ("rb-amsterdam", "Rechtbank Amsterdam", "NL"),
    ("us-dc-cd-cal", "US District Court for the Central District of California", "US"),
]
#: Named corporate groups: (parent id, parent name, [(subsidiary id, name, jurisdiction)]).
NAMED_GROUPS: list[tuple[str, str, list[tuple[str, str, str | None]]]] = [
    (
        "bytedance-ltd",
        "ByteDance Ltd",
        [
            ("tiktok", "TikTok", None),
            ("tiktok-technology-ltd", "TikTok Technology Limited", "IE"),
            ("tiktok-inc", "TikTok Inc.", "US"),
            ("tiktok-information-technologies-uk-ltd", "TikTok Information Technologies UK", "GB"),
            ("tiktok-pte-ltd", "TikTok Pte. Ltd.", None),
            ("musical-ly-inc", "Musical.ly Inc.", "US"),
            ("tiktok-italy-srl", "TikTok Italy S.r.l.", "IT"),
            ("tiktok-ltd", "TikTok Ltd", None),
            ("beijing-bytedance-technology-co-ltd", "Beijing ByteDance Technology Co. Ltd", None),
        ],
    ),
    (
        "alphabet-inc",
        "Alphabet Inc.",
        [
            ("google-llc", "Google LLC", "US"),
            ("youtube-llc", "YouTube LLC", "US"),
            ("google-spain-sl", "Google Spain SL", "ES"),
        ],
    ),
    (
        "meta-platforms-inc",
        "Meta Platforms, Inc.",
        [
            ("meta-platforms-ireland-ltd", "Meta Platforms Ireland Limited", "IE"),
            ("whatsapp-ireland-ltd", "WhatsApp Ireland Limited", "IE"),
            ("facebook-ireland-ltd", "Facebook Ireland Ltd", "IE"),
        ],
    ),
    ("amazon-com-inc", "Amazon.com, Inc.", [("amazon-europe-core-sarl", "Amazon Europe", "LU")]),
]
NAMED_INSTRUMENTS = [
    # id, short, title, jurisdiction, path style
    ("gdpr", "GDPR", "Regulation (EU) 2016/679 (General Data Protection Regulation)", "EU", "Art"),
    ("eprivacy-directive", "ePrivacy Directive", "Directive 2002/58/EC (ePrivacy)", "EU", "Art"),
    ("dsa", "DSA", "Regulation (EU) 2022/2065 (Digital Services Act)", "EU", "Art"),
    ("eu-charter", "EU Charter", "Charter of Fundamental Rights of the EU", "EU", "Art"),
    ("uk-gdpr", "UK GDPR", "UK General Data Protection Regulation", "GB", "Art"),
    ("dpa-2018", "DPA 2018", "Data Protection Act 2018", "GB", "s"),
    ("dpa-1998", "DPA 1998", "Data Protection Act 1998", "GB", "s"),
    ("coppa", "COPPA", "Children's Online Privacy Protection Act", "US", "s"),
    ("coppa-rule", "COPPA Rule", "Children's Online Privacy Protection Rule", "US", "s"),
    ("ftc-act", "FTC Act", "Federal Trade Commission Act", "US", "s"),
]

KIND_WORDS = {
    "fine": "fine on",
    "order": "order against",
    "settlement": "settlement with",
    "investigation": "investigation into",
    "binding-decision": "binding decision on",
    "draft-decision": "draft decision on",
    "court-case": "claim against",
    "judgment": "judgment on",
}
COURT_KINDS = {"court-case", "judgment"}
#: Where a procedure goes next: kind → [(next kind, relation, weight)].
NEXT_STEP = {
    "investigation": [
        ("fine", "results-from", 5),
        ("order", "results-from", 2),
        ("draft-decision", "results-from", 2),
        ("settlement", "results-from", 1),
    ],
    "draft-decision": [("binding-decision", "results-from", 1)],
    "binding-decision": [("fine", "implements", 1)],
    "fine": [("court-case", "challenges", 7), ("order", "enforces", 3)],
    "order": [("order", "renews", 5), ("court-case", "challenges", 5)],
    "settlement": [("order", "enforces", 1)],
    "court-case": [("judgment", "decided-in", 1)],
    "judgment": [("judgment", "appeal-from", 1)],
}
FIRST_KIND = {
    "investigation": 10,
    "fine": 38,
    "order": 12,
    "settlement": 8,
    "draft-decision": 2,
    "court-case": 12,
    "judgment": 18,
}
CHAIN_LENGTH = {1: 650, 2: 170, 3: 90, 4: 50, 5: 20, 6: 10, 7: 5, 8: 5}
STATUS_WEIGHTS = {"decided": 70, "appealed": 15, "pending": 10, "discontinued": 5}
TRUST_WEIGHTS = {"curated-verified": 60, "imported": 30, "machine-coded": 10}
DIRECTION_WEIGHTS = {"yes": 40, "no": 25, "partly": 25, "open": 10}
TREATMENT_WEIGHTS = {
    "follows": 30,
    "applies": 25,
    "cites": 20,
    "considers": 12,
    "distinguishes": 10,
    "overrules": 3,
}
SUFFIXES = ("Ltd", "GmbH", "SA", "Inc.", "BV", "S.p.A.", "AB", "SAS", "LLC", "plc")
TOPICS = (
    "children's data",
    "cookies without consent",
    "age verification",
    "transfers abroad",
    "transparency",
    "data minimisation",
    "security of processing",
    "direct marketing",
    "access requests",
    "profiling",
)


# ----------------------------------------------------------------------------------- writer
class _Out:
    """Buffered N-Quads writer that remembers which source nodes each graph already states."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.buf: list[str] = []
        self.count = 0
        self.stated: dict[str, set[str]] = {}

    def q(self, s: str, p: str, o: str, g: str) -> None:
        self.buf.append(f"{s} {p} {o} {g} .\n")
        if len(self.buf) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.count += len(self.buf)
        self.fh.write("".join(self.buf))
        self.buf.clear()


# ---------------------------------------------------------------------------------- generator
class _World:
    def __init__(self, n: int, seed: int, out: _Out) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.out = out
        self.g = {k: f"<{graph_iri('synthetic-' + k)}>" for k in GRAPH_KEYS}
        self.records: dict[str, int] = {}
        self.regulators: list[Party] = []
        self.courts: list[Party] = []
        self.courts_in: dict[str, list[Party]] = {}
        self.companies: list[Party] = []
        self.others: dict[str, list[Party]] = {}
        self.instruments: list[Instrument] = []
        self.instruments_in: dict[str, list[Instrument]] = {}
        self.provisions_made: set[str] = set()
        self.decisions: dict[str, Decision] = {}
        self.questions: list[tuple[str, int]] = []
        self.holdings_by_q: dict[str, list[tuple[str, str]]] = {}
        self.treatments: set[str] = set()
        self.treated: set[tuple[str, str]] = set()
        self.shorts: ShortNames | None = None
        self.n_decisions = 0

    # -- random helpers --------------------------------------------------------------------
    def pick(self, weights: dict[str, int]) -> str:
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def trust(self) -> str:
        return self.pick(TRUST_WEIGHTS)

    def as_of(self) -> str:
        return (date(2025, 1, 1) + timedelta(days=self.rng.randrange(698))).isoformat()

    def count(self, kind: str, k: int = 1) -> None:
        self.records[kind] = self.records.get(kind, 0) + k

    # -- shared pieces (mirror graph.curated.dataset.Builder)
    # --------------------------------------------
    def source_node(self, g: str, src: Source) -> str:
        node = src.node
        stated = self.out.stated.setdefault(g, set())
        if node in stated:
            return node
        stated.add(node)
        q = self.out.q
        q(node, RDF_TYPE, R.SourceReference, g)
        if src.url:
            q(node, R.sourceUrl, typed(src.url, "anyURI"), g)
        if src.dataset:
            q(node, R.datasetName, esc(src.dataset), g)
        if src.record:
            q(node, R.recordIdentifier, esc(src.record), g)
        if src.publisher:
            q(node, R.publisherName, esc(src.publisher), g)
        return node

    def provenance(
        self, g: str, node: str, src: Source, trust: str, more: Sequence[Source] = ()
    ) -> None:
        q = self.out.q
        for ref in (src, *more):
            q(node, R.hasSource, self.source_node(g, ref), g)
        q(node, RDF_TYPE, R.Record, g)
        q(node, R.asOf, typed(src.as_of, "date"), g)
        q(node, R.trustTier, _t(TRUST_TIERS[trust]), g)

    def url_source(self, path: str) -> Source:
        return Source(url=f"https://synthetic.regkg.example/{path}", as_of=self.as_of())

    # -- graphs -------------------------------------------------------------------------------
    def describe_graphs(self) -> None:
        for key, g in self.g.items():
            q = self.out.q
            q(g, RDF_TYPE, R.SourceGraph, g)
            q(g, DCT_TITLE, esc(f"Synthetic benchmark data: {key} ({self.n} actions)"), g)
            q(g, R.licenceName, esc("CC0-1.0"), g)
            q(g, R.attribution, esc("regkg benchmark generator (synthetic, not real data)"), g)
            q(g, R.sourceFile, esc(f"synthetic/{key}.yaml"), g)
            sha = hashlib.sha256(f"{key}:{self.n}".encode()).hexdigest()
            q(g, R.sha256, esc(sha), g)

    def ontology(self) -> None:
        g = f"<{graph_iri('ontology')}>"
        for path in ontology_files(settings.ontology_dir()):
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                self.out.q(str(t.subject), str(t.predicate), str(t.object), g)

    # -- organisations ------------------------------------------------------------------------
    def jurisdictions(self) -> None:
        g = self.g["organisations"]
        q = self.out.q
        for code in JURISDICTIONS:
            country = pycountry.countries.get(alpha_2=code)
            label = country.name if country else "European Union"
            node = iri("jurisdiction", code.lower())
            q(node, RDF_TYPE, R.Jurisdiction, g)
            q(node, RDFS_LABEL, esc(label), g)
            q(node, R.jurisdictionCode, esc(code), g)
            self.provenance(g, node, self.url_source(f"jurisdictions/{code}"), "curated-verified")
            self.count("jurisdiction")

    def organisation(
        self,
        kind: str,
        rid: str,
        name: str,
        jurisdiction: str | None,
        types: Sequence[str] = (),
        alt: Sequence[str] = (),
    ) -> Party:
        g = self.g["organisations"]
        q = self.out.q
        node = iri(kind, rid)
        for cls in ORG_CLASSES[kind]:
            q(node, RDF_TYPE, _t(cls), g)
        for t in types:
            q(node, RDF_TYPE, _t(REGULATOR_CLASSES[t]), g)
        q(node, RDFS_LABEL, esc(name), g)
        for a in alt:
            q(node, SKOS_ALT, esc(a), g)
        if jurisdiction:
            q(node, R.jurisdiction, iri("jurisdiction", jurisdiction.lower()), g)
        if self.rng.random() < 0.1:
            q(node, R.note, esc(f"Synthetic {kind} for benchmarks."), g)
        self.provenance(g, node, self.url_source(f"{kind}/{rid}"), self.trust())
        self.count(kind)
        return Party(rid, kind, name, jurisdiction)

    def authorities(self) -> None:
        for rid, name, code, t in NAMED_REGULATORS:
            self.regulators.append(self.organisation("regulator", rid, name, code, [t]))
        self.edpb = next(r for r in self.regulators if r.id == "edpb")
        codes = list(JURISDICTIONS)
        for i in range(max(20, self.n // 200)):
            code = codes[i % len(codes)]
            t = self.rng.choice(["data-protection"] * 6 + ["consumer", "competition", "media"])
            name = f"Synthetic {t.replace('-', ' ')} authority {i} ({code})"
            rid = f"authority-{code.lower()}-{i}"
            self.regulators.append(self.organisation("regulator", rid, name, code, [t], [f"A{i}"]))
        for rid, name, code in NAMED_COURTS:
            self.courts.append(self.organisation("court", rid, name, code))
        for i in range(max(10, self.n // 500)):
            code = codes[i % len(codes)]
            rid = f"court-{code.lower()}-{i}"
            self.courts.append(
                self.organisation("court", rid, f"Synthetic court {i} ({code})", code)
            )
        for c in self.courts:
            self.courts_in.setdefault(c.jurisdiction or "", []).append(c)
        # bigger authorities act more often
        self.reg_cum = _cumulative(len(self.regulators), 5)
        self.court_cum = _cumulative(len(self.courts), 5)

    def ownership(self, sub: Party, parent: Party, kind: str, src: Source, trust: str) -> None:
        g = self.g["organisations"]
        q = self.out.q
        rid = f"{sub.id}-owned-by-{parent.id}"
        node = iri("ownership", rid)
        q(node, RDF_TYPE, R.Ownership, g)
        q(node, RDFS_LABEL, esc(f"{sub.name} → {parent.name} ({kind} parent)"), g)
        q(node, R.subsidiary, iri("company", sub.id), g)
        q(node, R.parent, iri("company", parent.id), g)
        q(node, R.ownershipKind, _t(OWNERSHIP_KINDS[kind]), g)
        shortcut = R.ultimateParent if kind == "ultimate" else R.directParent
        q(iri("company", sub.id), shortcut, iri("company", parent.id), g)
        if self.rng.random() < 0.3:
            q(node, R.startDate, date_lit(str(self.rng.randrange(1995, 2024))), g)
        self.provenance(g, node, src, trust)
        self.count("ownership")

    def group(self, parent: Party, subs: list[Party]) -> None:
        src = self.url_source(f"groups/{parent.id}")
        trust = self.trust()
        for i, sub in enumerate(subs):
            self.ownership(sub, parent, "ultimate", src, trust)
            if i > 0 and self.rng.random() < 0.2:
                self.ownership(sub, subs[self.rng.randrange(i)], "direct", src, trust)

    def companies_and_parties(self) -> None:
        named: list[Party] = []
        for pid, pname, subs in NAMED_GROUPS:
            parent = self.organisation("company", pid, pname, None)
            members = [self.organisation("company", s, nm, j) for s, nm, j in subs]
            self.group(parent, members)
            named += [*members, parent]
        synthetic: list[Party] = []
        total = max(60, self.n // 4)
        codes = list(JURISDICTIONS)
        i = 0
        while len(synthetic) < total:
            size = 1 if self.rng.random() < 0.4 else self.rng.randint(2, 12)
            members = []
            for _ in range(size):
                suffix = self.rng.choice(SUFFIXES)
                code = self.rng.choice(codes) if self.rng.random() < 0.8 else None
                rid = f"co-{i:06d}"
                members.append(self.organisation("company", rid, f"Synthco {i} {suffix}", code))
                i += 1
            if size > 1:
                self.group(members[0], members[1:])
            synthetic += members
        # subjects are drawn by rank (a few companies are fined often); the named companies
        # take every fourth rank at the top, so the TikTok group is busy but not dominant
        ranked: list[Party] = []
        rest = iter(synthetic)
        for c in named:
            ranked.append(c)
            ranked += [next(rest) for _ in range(3)]
        ranked += list(rest)
        self.companies = ranked
        self.company_cum = _cumulative(len(ranked), 20)
        self.others["public-body"] = [self.organisation("public-body", "us-doj", "US DoJ", "US")]
        self.others["law-firm"] = [
            self.organisation("law-firm", "scott-scott", "Scott+Scott", "GB")
        ]
        for i in range(max(3, self.n // 500)):
            code = self.rng.choice(codes)
            body = self.organisation("public-body", f"pb-{i}", f"Public body {i} ({code})", code)
            self.others["public-body"].append(body)
        for i in range(max(3, self.n // 1000)):
            firm = self.organisation("law-firm", f"lf-{i}", f"Synthetic Law LLP {i}", None)
            self.others["law-firm"].append(firm)
        g = self.g["organisations"]
        q = self.out.q
        persons = []
        for i in range(max(3, self.n // 1000)):
            node = iri("person", f"pe-{i}")
            q(node, RDF_TYPE, R.Person, g)
            q(node, RDF_TYPE, R.Party, g)
            q(node, RDFS_LABEL, esc(f"Person {i}"), g)
            q(node, R.publicRole, esc("judge" if i % 2 else "Children's Commissioner"), g)
            self.provenance(g, node, self.url_source(f"person/pe-{i}"), "curated-verified")
            persons.append(Party(f"pe-{i}", "person", f"Person {i}"))
            self.count("person")
        self.others["person"] = persons
        anon = []
        for i in range(max(2, self.n // 1000)):
            node = iri("party", f"an-{i}")
            q(node, RDF_TYPE, R.AnonymousParty, g)
            q(node, RDF_TYPE, R.Party, g)
            q(node, RDFS_LABEL, esc(f"Anonymous claimant {i}"), g)
            q(node, R.isMinor, typed("true" if i % 2 else "false", "boolean"), g)
            self.provenance(g, node, self.url_source(f"party/an-{i}"), "curated-verified")
            anon.append(Party(f"an-{i}", "party", f"Anonymous claimant {i}"))
            self.count("party")
        self.others["party"] = anon

    # -- law --------------------------------------------------------------------------------
    def law(self) -> None:
        g = self.g["law"]
        q = self.out.q
        specs = list(NAMED_INSTRUMENTS)
        for code in JURISDICTIONS:
            if code not in ("EU", "GB", "US"):
                specs.append(
                    (f"{code.lower()}-dpa", f"{code} DPA", f"{code} data protection act", code, "s")
                )
        for i in range(self.n // 2000):
            code = list(JURISDICTIONS)[i % len(JURISDICTIONS)]
            specs.append((f"law-{i}", f"Law {i}", f"Synthetic statute {i} ({code})", code, "s"))
        for rid, short, title, code, style in specs:
            src = self.url_source(f"law/{rid}")
            node = iri("instrument", rid)
            q(node, RDF_TYPE, R.LegalInstrument, g)
            q(node, RDFS_LABEL, esc(title), g)
            q(node, R.shortName, esc(short), g)
            q(node, R.instrumentKind, esc("regulation" if style == "Art" else "act"), g)
            q(node, R.jurisdiction, iri("jurisdiction", code.lower()), g)
            if code == "EU":
                q(node, R.eli, f"<http://data.europa.eu/eli/synthetic/{rid}>", g)
            q(node, R.officialText, typed(src.url or "", "anyURI"), g)
            trust = "curated-verified"
            self.provenance(g, node, src, trust)
            inst = Instrument(rid, short, title, code, style, src, trust)
            self.instruments.append(inst)
            self.instruments_in.setdefault(code, []).append(inst)
            self.count("instrument")
        self.shorts = ShortNames({i.short: i.id for i in self.instruments})
        self.by_id = {i.id: i for i in self.instruments}
        self.article_cum = _cumulative(99, 3)

    def reference(self, jurisdiction: str) -> str:
        """A provision reference as the curated data writes it (``GDPR Art 5(1)(a)``)."""
        r = self.rng.random()
        if jurisdiction in EEA:
            if r < 0.6:
                inst = self.by_id["gdpr"]
            elif r < 0.7:
                inst = self.by_id["eprivacy-directive"]
            elif r < 0.75:
                inst = self.by_id["dsa"]
            else:
                inst = self.rng.choice(self.instruments_in.get(jurisdiction, [self.by_id["gdpr"]]))
        elif jurisdiction == "GB":
            inst = self.by_id[self.rng.choice(["uk-gdpr", "uk-gdpr", "dpa-2018", "dpa-1998"])]
        elif jurisdiction == "US":
            inst = self.by_id[self.rng.choice(["coppa", "coppa-rule", "ftc-act"])]
        else:
            inst = self.rng.choice(self.instruments_in[jurisdiction])
        if r > 0.97:
            return inst.short  # the whole instrument
        article = 1 + bisect.bisect(self.article_cum, self.rng.random() * self.article_cum[-1])
        if inst.style == "s":
            path = f"s{article}"
        else:
            path = f"Art {article}"
        if self.rng.random() < 0.5:
            path += f"({self.rng.randint(1, 4)})"
            if inst.style == "Art" and self.rng.random() < 0.3:
                path += f"({'abcdef'[self.rng.randrange(6)]})"
        return f"{inst.short} {path}"

    @cache  # noqa: B019 - one world per generation, discarded after
    def _parse(self, ref: str) -> ProvisionRef:
        assert self.shorts is not None
        return self.shorts.parse(ref)

    def provision(self, ref: str) -> tuple[str | None, str]:
        """Mirror of ``Builder.provision``: the provision node (created once) and instrument."""
        parsed = self._parse(ref)
        instrument = iri("instrument", parsed.instrument)
        if parsed.key is None or parsed.path is None:
            return None, instrument
        node = iri("provision", parsed.key)
        if parsed.key not in self.provisions_made:
            self.provisions_made.add(parsed.key)
            inst = self.by_id[parsed.instrument]
            g = self.g["law"]
            q = self.out.q
            q(node, RDF_TYPE, R.Provision, g)
            q(node, RDFS_LABEL, esc(f"{inst.short} {parsed.path}"), g)
            q(node, R.partOfInstrument, instrument, g)
            q(node, R.provisionPath, esc(parsed.path), g)
            if parsed.article:
                q(node, R.article, esc(parsed.article), g)
            self.provenance(g, node, inst.source, inst.trust)
            self.count("provision")
        return node, instrument

    # -- precedents: questions -------------------------------------------------------------------
    def make_questions(self) -> None:
        g = self.g["precedents"]
        q = self.out.q
        for n in range(1, 20 + self.n // 100):
            qid = f"q{n:02d}"
            node = iri("question", qid)
            q(node, RDF_TYPE, R.LegalQuestion, g)
            topic = TOPICS[n % len(TOPICS)]
            q(node, RDFS_LABEL, esc(f"Question {n}: what does the law require on {topic}?"), g)
            q(node, R.questionNumber, typed(str(n), "integer"), g)
            q(node, R.shortTitle, esc(f"{topic.capitalize()} ({n})"), g)
            if n % 3 == 1:
                q(node, R.stateOfLaw, esc(f"Synthetic state of the law on {topic}."), g)
            src = Source(
                dataset="regkg curated legal questions",
                record=f"Q{n}",
                publisher="regkg contributors",
                as_of=self.as_of(),
            )
            self.provenance(g, node, src, "curated-verified")
            self.questions.append((qid, n))
            self.count("question")
        self.question_cum = _cumulative(len(self.questions), 2)

    # -- decisions ------------------------------------------------------------------------------
    def decision_source(self, authority: Party, rid: str) -> Source:
        if self.rng.random() < 0.65:
            return Source(
                url=f"https://synthetic.regkg.example/{authority.id}/{rid}", as_of=self.as_of()
            )
        if self.rng.random() < 0.5:
            return Source(
                dataset="CMS GDPR Enforcement Tracker",
                record=f"ETid-{self.n_decisions}",
                publisher="CMS",
                as_of=self.as_of(),
            )
        return Source(
            dataset="GDPRhub",
            record=f"{authority.id} {self.n_decisions}",
            publisher=authority.name,
            as_of=self.as_of(),
        )

    def emit_decision(self, d: Decision) -> None:
        """Mirror of :func:`graph.curated.decision_triples.add_decision_triples`, as N-Quads."""
        g = self.g["decisions"]
        q = self.out.q
        node = iri("decision", d.id)
        for cls in DECISION_CLASSES[d.kind]:
            q(node, RDF_TYPE, _t(cls), g)
        q(node, RDFS_LABEL, esc(d.label), g)
        q(node, R.decidedBy, iri(d.authority.kind, d.authority.id), g)
        q(node, R.jurisdiction, iri("jurisdiction", d.jurisdiction.lower()), g)
        q(node, R.decisionDate, date_lit(d.date), g)
        if d.announced:
            q(node, R.announcedDate, date_lit(d.announced), g)
        q(node, R.status, _t(STATUSES[d.status]), g)
        subject_names = ", ".join(s.name for s in d.subjects)
        q(
            node,
            R.summary,
            esc(
                f"{d.authority.name} {KIND_WORDS[d.kind]} {subject_names}. Synthetic summary: "
                "the authority examined how the service processed personal data, what users "
                "were told and whether the safeguards for younger users were adequate."
            ),
            g,
        )
        if d.outcome:
            q(node, R.outcome, esc(d.outcome), g)
        q(node, R.childrensData, typed("true" if d.children else "false", "boolean"), g)
        for prop, value in d.identifiers.items():
            q(node, getattr(R, prop), esc(value), g)
        for s in d.subjects:
            q(node, R.subject, iri(s.kind, s.id), g)
        parties = [(s, "subject") for s in d.subjects] + d.parties
        for party, role in parties:
            part = iri("participation", f"{d.id}--{party.id}--{role}")
            q(part, RDF_TYPE, R.Participation, g)
            q(part, RDFS_LABEL, esc(f"{party.id} as {role} in {d.id}"), g)
            q(part, R.inDecision, node, g)
            q(part, R.participant, iri(party.kind, party.id), g)
            q(part, R.role, _t(ROLES[role]), g)
            self.provenance(g, part, d.source, d.trust, d.more_sources)
            self.count("participation")
        concerned: set[str] = set()
        for refs, prop in ((d.infringed, R.infringes), (d.provisions, R.considersProvision)):
            for ref in refs:
                provision, instrument = self.provision(ref)
                if provision is not None:
                    q(node, prop, provision, g)
                if instrument not in concerned:
                    concerned.add(instrument)
                    q(node, R.concernsInstrument, instrument, g)
        if d.amount:
            q(node, R.imposedAmount, self.amount(d, "amount", *d.amount, None), g)
        if d.reduced:
            value, currency, when = d.reduced
            q(node, R.reducedAmount, self.amount(d, "reduced_amount", value, currency, when), g)
        for relation, earlier in d.procedure:
            q(node, _t(PROCEDURE_PROPERTIES[relation]), iri("decision", earlier), g)
            q(node, R.procedurallyFollows, iri("decision", earlier), g)
        self.provenance(g, node, d.source, d.trust, d.more_sources)
        self.count("decision")
        self.decisions[d.id] = d

    def amount(self, d: Decision, which: str, value: str, currency: str, when: str | None) -> str:
        """Mirror of ``Builder.amount`` (EUR value at the ECB rate of the decision date)."""
        assert is_iso_currency(currency), currency
        g = self.g["decisions"]
        q = self.out.q
        node = iri("amount", f"{d.id}-{which.replace('_', '-')}")
        q(node, RDF_TYPE, R.MonetaryAmount, g)
        q(node, RDFS_LABEL, esc(f"{value} {currency} ({which.replace('_', ' ')})"), g)
        q(node, R.amountValue, typed(value, "decimal"), g)
        q(node, R.currency, esc(currency), g)
        conv = _to_eur(value, currency, when or d.date)
        if conv.eur_value is not None:
            q(node, R.eurValue, typed(str(conv.eur_value), "decimal"), g)
        if conv.rate is not None and conv.rate_date is not None:
            q(node, R.eurRate, typed(str(conv.rate), "decimal"), g)
            q(node, R.eurRateDate, typed(conv.rate_date, "date"), g)
        q(node, R.conversionNote, esc(conv.note), g)
        if self.rng.random() < 0.05:
            q(node, R.note, esc("Synthetic note: the source gives the amount rounded."), g)
        self.provenance(g, node, d.source, d.trust, d.more_sources)
        self.count("amount")
        return node

    def random_date(self, after: date | None) -> tuple[str, date]:
        if after is None:
            day = date(2008, 1, 1) + timedelta(days=self.rng.randrange(6755))
        else:
            day = after + timedelta(days=self.rng.randint(30, 900))
        r = self.rng.random()
        text = day.isoformat()
        if r < 0.05:
            text = text[:7]
        elif r < 0.07:
            text = text[:4]
        return text, day

    def company(self) -> Party:
        i = bisect.bisect(self.company_cum, self.rng.random() * self.company_cum[-1])
        return self.companies[min(i, len(self.companies) - 1)]

    def regulator(self) -> Party:
        i = bisect.bisect(self.reg_cum, self.rng.random() * self.reg_cum[-1])
        return self.regulators[min(i, len(self.regulators) - 1)]

    def court(self, jurisdiction: str | None) -> Party:
        local = self.courts_in.get(jurisdiction or "")
        if local and self.rng.random() < 0.85:
            return self.rng.choice(local)
        i = bisect.bisect(self.court_cum, self.rng.random() * self.court_cum[-1])
        return self.courts[min(i, len(self.courts) - 1)]

    def chain(self, length: int) -> None:
        """One procedure: ``length`` decisions, each following the one before."""
        rng = self.rng
        kind = self.pick(FIRST_KIND)
        regulator = self.regulator()
        court_j = regulator.jurisdiction
        subjects = [self.company()]
        while rng.random() < 0.2 and len(subjects) < 4:
            extra = self.company() if rng.random() < 0.9 else rng.choice(self.others["public-body"])
            if extra not in subjects:
                subjects.append(extra)
        children = rng.random() < 0.3
        topic = "children's data" if children else rng.choice(TOPICS)
        trust = self.trust()
        shared = self.url_source(f"press/{self.n_decisions}") if rng.random() < 0.1 else None
        previous: Decision | None = None
        after: date | None = None
        relation = ""
        for _step in range(length):
            if kind in COURT_KINDS:
                authority = self.court(court_j)
            elif kind == "binding-decision":
                authority = self.edpb
            else:
                authority = regulator
            text, after = self.random_date(after)
            self.n_decisions += 1
            rid = f"{authority.id}-{kind}-{text[:4]}-{self.n_decisions}"
            jurisdiction = authority.jurisdiction or "EU"
            d = Decision(
                id=rid,
                kind=kind,
                label=(
                    f"{authority.name} {KIND_WORDS[kind]} {subjects[0].name} ({topic}), " + text[:4]
                ),
                authority=authority,
                jurisdiction=jurisdiction,
                date=text,
                subjects=list(subjects),
                source=self.decision_source(authority, rid),
                trust=trust,
                more_sources=[shared] if shared else [],
                children=children,
                status=self.pick(STATUS_WEIGHTS),
                topic=topic,
            )
            self.fill(d)
            if previous is not None:
                d.procedure.append((relation, previous.id))
            self.emit_decision(d)
            self.maybe_holdings(d)
            previous = d
            choices = NEXT_STEP[kind]
            kind, relation, _w = rng.choices(choices, weights=[c[2] for c in choices])[0]

    def fill(self, d: Decision) -> None:
        """Parties, provisions, amounts and identifiers, by kind."""
        rng = self.rng
        if rng.random() < 0.05 and len(d.date) == 10:
            d.announced = (
                date.fromisoformat(d.date) + timedelta(days=rng.randint(1, 90))
            ).isoformat()
        if rng.random() < 0.8:
            d.outcome = f"Synthetic outcome of {d.id}: the {d.kind.replace('-', ' ')} was made."
        court = d.kind in COURT_KINDS
        n_extra = rng.choice([0, 0, 1, 1, 2, 3])
        for _ in range(n_extra):
            r = rng.random()
            if court and r < 0.3:
                party, role = rng.choice(self.others["party"] + self.others["person"]), "claimant"
            elif court and r < 0.45:
                party, role = rng.choice(self.others["person"]), "judge"
            elif court and r < 0.6:
                party, role = rng.choice(self.others["law-firm"]), "solicitors"
            elif court:
                party, role = d.subjects[0], rng.choice(["defendant", "respondent", "appellant"])
            elif r < 0.4:
                party, role = rng.choice(self.others["person"]), "complainant"
            elif r < 0.7:
                party, role = self.regulator(), "co-enforcer"
            else:
                party, role = rng.choice(self.others["public-body"]), "representative-body"
            if (party, role) not in d.parties and party is not d.authority:
                d.parties.append((party, role))
        n_inf = rng.randint(1, 4) if d.kind == "fine" else rng.choice([0, 0, 1, 2])
        d.infringed = [self.reference(d.jurisdiction) for _ in range(n_inf)]
        d.provisions = [
            self.reference(d.jurisdiction) for _ in range(rng.choice([0, 1, 1, 2, 3, 4]))
        ]
        wants_amount = (
            d.kind == "fine"
            or (d.kind == "settlement" and rng.random() < 0.7)
            or (court and rng.random() < 0.05)
        )
        if wants_amount:
            currency = JURISDICTIONS.get(d.jurisdiction, "EUR")
            if rng.random() < 0.05:
                currency = rng.choice(["USD", "EUR", "GBP"])
            eur_like = min(1.2e9, rng.lognormvariate(11, 2.2))
            value = str(max(100, int(round(eur_like * SCALE[currency], -2))))
            d.amount = (value, currency)
            if d.kind == "fine" and rng.random() < 0.04 and len(d.date) == 10:
                later = date.fromisoformat(d.date) + timedelta(days=rng.randint(60, 700))
                d.reduced = (str(int(value) // 2), currency, later.isoformat())
        r = rng.random()
        if court and r < 0.4:
            d.identifiers["caseNumber"] = f"C-{self.n_decisions % 999}/{d.date[2:4]}"
            if d.jurisdiction == "EU":
                d.identifiers["celex"] = f"6{d.date[:4]}CJ{self.n_decisions % 9999:04d}"
                d.identifiers["ecli"] = f"ECLI:EU:C:{d.date[:4]}:{self.n_decisions % 999}"
        elif court and r < 0.6 and d.jurisdiction == "GB":
            d.identifiers["neutralCitation"] = f"[{d.date[:4]}] EWHC {self.n_decisions % 9999}"
        elif r < 0.3:
            d.identifiers["caseNumber"] = f"{d.authority.id.upper()}/{self.n_decisions}"

    # -- precedents: holdings and treatments -------------------------------------------------------
    def holding(self, d: Decision, qid: str, qnum: int, direction: str | None = None) -> None:
        g = self.g["precedents"]
        q = self.out.q
        rid = f"{d.id}-{qid}"
        node = iri("holding", rid)
        q(node, RDF_TYPE, R.Holding, g)
        q(node, RDFS_LABEL, esc(f"{d.label}: Q{qnum}"), g)
        q(node, R.holdingOf, iri("decision", d.id), g)
        q(node, R.answers, iri("question", qid), g)
        q(node, R.direction, _t(DIRECTIONS[direction or self.pick(DIRECTION_WEIGHTS)]), g)
        q(node, R.answer, esc(f"Synthetic answer of {d.id} to question {qnum}."), g)
        q(node, R.holdingDate, date_lit(d.date), g)
        src = d.source if self.rng.random() < 0.8 else self.url_source(f"holding/{rid}")
        self.provenance(g, node, src, d.trust)
        self.holdings_by_q.setdefault(qid, []).append((_sortable(d.date), d.id))
        self.count("holding")

    def maybe_holdings(self, d: Decision) -> None:
        p = {"judgment": 0.7, "court-case": 0.25, "binding-decision": 0.4, "fine": 0.25}
        if self.rng.random() >= p.get(d.kind, 0.15):
            return
        seen = set()
        for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
            i = bisect.bisect(self.question_cum, self.rng.random() * self.question_cum[-1])
            qid, qnum = self.questions[min(i, len(self.questions) - 1)]
            if qid not in seen:
                seen.add(qid)
                self.holding(d, qid, qnum)

    def treatment(
        self, citing: str, cited: str, kind: str, trust: str | None = None, note: str | None = None
    ) -> None:
        """Mirror of :func:`graph.curated.precedents.add_treatment` (``trust`` defaults to the
        citing decision's, ``note`` to a random synthetic one)."""
        rid = f"{citing}-{kind}-{cited}"
        if rid in self.treatments or citing == cited:
            return
        self.treatments.add(rid)
        self.treated.add((citing, cited))
        g = self.g["precedents"]
        q = self.out.q
        a, b = self.decisions[citing], self.decisions[cited]
        node = iri("treatment", rid)
        q(node, RDF_TYPE, R.Treatment, g)
        q(node, RDFS_LABEL, esc(f"{a.label} {kind} {b.label}"), g)
        q(node, R.citingDecision, iri("decision", citing), g)
        q(node, R.citedDecision, iri("decision", cited), g)
        q(node, R.treatmentType, _t(TREATMENT_TYPES[kind]), g)
        if note is None and self.rng.random() < 0.2:
            note = f"Synthetic note: {kind} on the point of law."
        if note is not None:
            q(node, R.note, esc(note), g)
        self.provenance(g, node, a.source, trust or a.trust)
        self.count("treatment")

    def cites_of_rulings(self) -> None:
        """Later decisions on transfers abroad cite the transfer rulings (machine-coded Cites, as
        the citations importer states them: none beside a stronger treatment of the same pair)."""
        for cited, share in CITES_SHARE.items():
            ruling = self.decisions[cited]
            day = _sortable(ruling.date)
            number = ruling.identifiers.get("caseNumber", ruling.label)
            for d in list(self.decisions.values()):
                if (
                    d.topic != "transfers abroad"
                    or d.jurisdiction not in EEA
                    or _sortable(d.date) <= day
                    or (d.id, cited) in self.treated
                    or self.rng.random() >= share
                ):
                    continue
                note = f"Machine-coded: found {number} in the summary."
                self.treatment(d.id, cited, "cites", "machine-coded", note)

    def treatments_between_holdings(self) -> None:
        """Later decisions answering a question treat earlier ones answering it (Lloyd often)."""
        lloyd = "lloyd-v-google-2021"
        lloyd_day = _sortable(self.decisions[lloyd].date)
        for qid in sorted(self.holdings_by_q):
            rows = sorted(self.holdings_by_q[qid])
            for i, (day, dec) in enumerate(rows):
                if i == 0 or self.rng.random() >= 0.3:
                    continue
                j = self.rng.randrange(max(0, i - 200), i)
                if rows[j][0] >= day:
                    continue
                cited = rows[j][1]
                if qid in ("q01", "q02") and day > lloyd_day and self.rng.random() < 0.3:
                    cited = lloyd
                self.treatment(dec, cited, self.pick(TREATMENT_WEIGHTS))

    # -- anchors: the records the stored queries default to ---------------------------------------
    def anchors(self) -> None:
        by = {p.id: p for p in self.regulators + self.courts + self.companies}
        src = self.url_source
        fine = "dpc-tiktok-childrens-data-fine-2023"
        steps = [
            Decision(
                "dpc-tiktok-inquiries-2021", "investigation",
                "DPC own-volition inquiries into TikTok (children's data; China transfers), 2021",
                by["dpc-ie"], "IE", "2021-09-14", [by["tiktok-technology-ltd"]],
                src("anchors/dpc-inquiries"), "curated-verified", children=True,
                provisions=["GDPR Art 5", "GDPR Art 12", "GDPR Art 13", "GDPR Art 24"],
            ),
            Decision(
                "dpc-tiktok-draft-decision-2022", "draft-decision",
                "DPC draft decision on TikTok (children's data), 2022",
                by["dpc-ie"], "IE", "2022-09", [by["tiktok-technology-ltd"]],
                src("anchors/dpc-draft"), "curated-verified", children=True,
                procedure=[("results-from", "dpc-tiktok-inquiries-2021")],
            ),
            Decision(
                "edpb-binding-decision-2-2023-tiktok", "binding-decision",
                "EDPB binding decision 2/2023 on the TikTok children's data inquiry",
                by["edpb"], "EU", "2023-08-02", [by["tiktok-technology-ltd"]],
                src("anchors/edpb"), "curated-verified", children=True,
                infringed=["GDPR Art 5(1)(a)"],
                procedure=[("results-from", "dpc-tiktok-draft-decision-2022")],
            ),
            Decision(
                fine, "fine", "DPC fine on TikTok (children's data), 2023",
                by["dpc-ie"], "IE", "2023-09-01", [by["tiktok-technology-ltd"]],
                src("anchors/dpc-fine"), "curated-verified", children=True,
                infringed=["GDPR Art 5(1)(c)", "GDPR Art 12(1)", "GDPR Art 13(1)(e)",
                           "GDPR Art 24(1)", "GDPR Art 25(1)", "GDPR Art 25(2)"],
                amount=("345000000", "EUR"), status="appealed",
                procedure=[("implements", "edpb-binding-decision-2-2023-tiktok"),
                           ("results-from", "dpc-tiktok-inquiries-2021")],
            ),
            Decision(
                "ie-high-court-tiktok-judicial-review-2023", "court-case",
                "TikTok's challenge to the DPC fine in the Irish High Court, 2023",
                by["ie-high-court"], "IE", "2023-11", [by["tiktok-technology-ltd"]],
                src("anchors/ie-hc"), "curated-verified", children=True, status="pending",
                procedure=[("challenges", fine)],
            ),
            Decision(
                "ico-tiktok-fine-2023", "fine", "ICO fine on TikTok (children's data), 2023",
                by["ico-uk"], "GB", "2023-04-04",
                [by["tiktok-inc"], by["tiktok-information-technologies-uk-ltd"]],
                src("anchors/ico-fine"), "curated-verified", children=True,
                infringed=["UK GDPR Art 5(1)(a)", "UK GDPR Art 8", "UK GDPR Art 12"],
                amount=("12700000", "GBP"), status="appealed",
            ),
            Decision(
                "vidal-hall-v-google-2015", "judgment", "Vidal-Hall v Google [2015] EWCA Civ 311",
                by["ewca"], "GB", "2015-03-27", [by["google-llc"]],
                src("anchors/vidal-hall"), "curated-verified", provisions=["DPA 1998 s13"],
            ),
            Decision(
                "lloyd-v-google-ewca-2019", "judgment", "Lloyd v Google [2019] EWCA Civ 1599",
                by["ewca"], "GB", "2019-10-02", [by["google-llc"]],
                src("anchors/lloyd-ewca"), "curated-verified", provisions=["DPA 1998 s13"],
            ),
            Decision(
                "lloyd-v-google-2021", "judgment", "Lloyd v Google LLC [2021] UKSC 50",
                by["uksc"], "GB", "2021-11-10", [by["google-llc"]],
                src("anchors/lloyd-uksc"), "curated-verified",
                provisions=["DPA 1998 s4(4)", "DPA 1998 s13"],
                procedure=[("appeal-from", "lloyd-v-google-ewca-2019")],
                identifiers={"neutralCitation": "[2021] UKSC 50"},
            ),
            # the curated records' facts (data/decisions.yaml), with synthetic sources
            Decision(
                "cjeu-schrems-ii-2020", "judgment", "Schrems II (C-311/18), CJEU 2020",
                by["cjeu"], "EU", "2020-07-16", [by["facebook-ireland-ltd"]],
                src("anchors/schrems-ii"), "curated-verified",
                provisions=["GDPR Art 45", "GDPR Art 46", "GDPR Art 58(2)", "EU Charter Art 7",
                            "EU Charter Art 8", "EU Charter Art 47"],
                identifiers={"celex": "62018CJ0311", "caseNumber": "C-311/18"},
            ),
            Decision(
                "dpc-meta-us-transfers-fine-2023", "fine",
                "DPC fine on Meta (transfers to the US), 2023",
                by["dpc-ie"], "IE", "2023-05-12", [by["meta-platforms-ireland-ltd"]],
                src("anchors/dpc-meta-transfers"), "curated-verified",
                infringed=["GDPR Art 46(1)"], amount=("1200000000", "EUR"), status="appealed",
                topic="transfers abroad",
            ),
        ]  # fmt: skip
        for d in steps:
            self.n_decisions += 1
            self.emit_decision(d)
        qnum = dict(self.questions)
        for dec, qids in (
            ("lloyd-v-google-2021", ("q01", "q02")),
            ("lloyd-v-google-ewca-2019", ("q01", "q02")),
            ("vidal-hall-v-google-2015", ("q01",)),
            (fine, ("q04", "q05", "q06")),
            ("ico-tiktok-fine-2023", ("q04", "q05")),
        ):
            for qid in qids:
                self.holding(self.decisions[dec], qid, qnum[qid])
        self.treatment("lloyd-v-google-2021", "vidal-hall-v-google-2015", "distinguishes")
        self.treatment(
            "dpc-meta-us-transfers-fine-2023", "cjeu-schrems-ii-2020", "applies",
            note="The DPC applied the Schrems II standard of essentially equivalent protection.",
        )  # fmt: skip

    # -- statistics ------------------------------------------------------------------------------
    def statistics(self) -> None:
        g = self.g["decisions"]
        q = self.out.q
        for i in range(max(2, self.n // 500)):
            authority = self.regulator()
            about = self.company()
            node = iri("statistic", f"stat-{i}")
            q(node, RDF_TYPE, R.Statistic, g)
            q(node, RDFS_LABEL, esc(f"Synthetic statistic {i} on {about.name}"), g)
            q(node, R.statedBy, iri(authority.kind, authority.id), g)
            q(node, R.about, iri(about.kind, about.id), g)
            q(node, R.publishedDate, date_lit(f"{2015 + i % 11}-0{1 + i % 9}"), g)
            q(
                node,
                R.jurisdiction,
                iri("jurisdiction", (authority.jurisdiction or "EU").lower()),
                g,
            )
            q(node, R.finding, esc(f"Synthetic finding {i}: a share of users were under 13."), g)
            self.provenance(g, node, self.url_source(f"statistic/{i}"), self.trust())
            self.count("statistic")

    # -- everything ------------------------------------------------------------------------------
    def run(self) -> None:
        self.ontology()
        self.describe_graphs()
        self.jurisdictions()
        self.authorities()
        self.companies_and_parties()
        self.law()
        self.make_questions()
        self.anchors()
        lengths = {int(k): w for k, w in CHAIN_LENGTH.items()}
        while self.n_decisions < self.n:
            length = self.rng.choices(list(lengths), weights=list(lengths.values()))[0]
            self.chain(min(length, self.n - self.n_decisions))
        self.treatments_between_holdings()
        self.cites_of_rulings()
        self.statistics()
        self.out.flush()


def _cumulative(n: int, offset: int) -> list[float]:
    """Cumulative weights 1/(rank + offset): a long tail with a few busy heads."""
    total = 0.0
    out = []
    for k in range(n):
        total += 1.0 / (k + offset)
        out.append(total)
    return out


def _sortable(day: str) -> str:
    """A date string that sorts with the others whatever its precision."""
    return (day + "-00-00")[:10]


@lru_cache(maxsize=200_000)
def _to_eur(value: str, currency: str, when: str):  # type: ignore[no-untyped-def]
    return to_eur(value, currency, when)


def generate(n: int, path: Path, seed: int = SEED) -> Stats:
    """Write the synthetic world of ``n`` actions as N-Quads to ``path``."""
    if n < 20:
        msg = "the synthetic world needs at least 20 actions (the anchors take 11)"
        raise ValueError(msg)
    assert set(PARTY_KINDS) >= {"company", "regulator", "court", "person", "party"}
    with path.open("w", encoding="utf-8") as fh:
        out = _Out(fh)
        world = _World(n, seed, out)
        world.run()
    return Stats(n, out.count, dict(sorted(world.records.items())), seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic regkg world as N-Quads.")
    parser.add_argument("actions", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    stats = generate(args.actions, args.out, args.seed)
    print(f"{stats.quads} quads, records: {stats.records}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
