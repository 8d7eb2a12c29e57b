"""Data vocabulary → ontology terms: the enumerated values of the YAML files as IRIs."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.vocabulary.namespaces import REG

#: Decision kind → rdf:types stated (most specific first).
DECISION_CLASSES: dict[str, tuple[URIRef, ...]] = {
    kind: (cls, REG.Decision, REG.Record)
    for kind, cls in {
        "fine": REG.Fine,
        "order": REG.Order,
        "settlement": REG.Settlement,
        "investigation": REG.Investigation,
        "binding-decision": REG.BindingDecision,
        "draft-decision": REG.DraftDecision,
        "court-case": REG.CourtCase,
        "judgment": REG.Judgment,
    }.items()
}

#: Organisation kind → rdf:types stated.
ORG_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "company": (REG.Company, REG.Organisation, REG.Party),
    "public-body": (REG.PublicBody, REG.Organisation, REG.Party),
    "law-firm": (REG.LawFirm, REG.Organisation, REG.Party),
    "regulator": (REG.Regulator, REG.Authority, REG.Organisation, REG.Party),
    "court": (REG.Court, REG.Authority, REG.Organisation, REG.Party),
}

REGULATOR_CLASSES: dict[str, URIRef] = {
    "data-protection": REG.DataProtectionAuthority,
    "consumer": REG.ConsumerAuthority,
    "competition": REG.CompetitionAuthority,
    "telecoms": REG.TelecomsAuthority,
    "media": REG.MediaAuthority,
    "supranational": REG.SupranationalAuthority,
}

STATUSES: dict[str, URIRef] = {
    "pending": REG.Pending,
    "decided": REG.Decided,
    "appealed": REG.Appealed,
    "discontinued": REG.Discontinued,
}

ROLES: dict[str, URIRef] = {
    "subject": REG.SubjectRole,
    "claimant": REG.Claimant,
    "defendant": REG.Defendant,
    "litigation-friend": REG.LitigationFriend,
    "solicitors": REG.Solicitors,
    "complainant": REG.Complainant,
    "appellant": REG.Appellant,
    "respondent": REG.Respondent,
    "representative-body": REG.RepresentativeBody,
    "co-enforcer": REG.CoEnforcer,
    "judge": REG.Judge,
    "named-party": REG.NamedParty,  # imported rows that name a party without its role
}

PROCEDURE_PROPERTIES: dict[str, URIRef] = {
    "results-from": REG.resultsFrom,
    "implements": REG.implements,
    "renews": REG.renews,
    "challenges": REG.challenges,
    "decided-in": REG.decidedIn,
    "appeal-from": REG.appealFrom,
    "enforces": REG.enforces,
}

DIRECTIONS: dict[str, URIRef] = {
    "yes": REG.Yes,
    "no": REG.No,
    "partly": REG.Partly,
    "open": REG.LeftOpen,
}

TREATMENT_TYPES: dict[str, URIRef] = {
    "follows": REG.Follows,
    "applies": REG.Applies,
    "distinguishes": REG.Distinguishes,
    "overrules": REG.Overrules,
    "cites": REG.Cites,
    "considers": REG.Considers,
}

OWNERSHIP_KINDS: dict[str, URIRef] = {"direct": REG.DirectParent, "ultimate": REG.UltimateParent}

TRUST_TIERS: dict[str, URIRef] = {
    "curated-verified": REG.CuratedVerified,
    "imported": REG.Imported,
    "machine-coded": REG.MachineCoded,
}

_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def date_literal(value: str) -> Literal:
    """A checked date string as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` (by length).

    >>> DECISION_CLASSES["fine"][0] == REG.Fine
    True
    >>> date_literal("2022-12").datatype == XSD.gYearMonth
    True
    """
    return Literal(value, datatype=_DATE_TYPES[len(value)])
