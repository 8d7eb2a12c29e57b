"""The closed regkg vocabulary: one annotated term per ontology term, mirroring
``ontologies/regkg.ttl`` (``tests/vocabulary/test_namespaces.py`` checks the two match both
ways)."""

from __future__ import annotations

from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/regkg/"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")


class REG(DefinedNamespace):
    """regkg ontology terms (closed: an unknown term raises ``AttributeError``).

    >>> str(REG.Fine)
    'https://w3id.org/regkg/ontology#Fine'
    """

    _fail = True
    _NS = Namespace("https://w3id.org/regkg/ontology#")

    AnonymousParty: URIRef
    Appealed: URIRef
    Appellant: URIRef
    Applies: URIRef
    Authority: URIRef
    BindingDecision: URIRef
    Cites: URIRef
    Claimant: URIRef
    CoEnforcer: URIRef
    Company: URIRef
    CompetitionAuthority: URIRef
    Complainant: URIRef
    Considers: URIRef
    ConsumerAuthority: URIRef
    Court: URIRef
    CourtCase: URIRef
    CuratedVerified: URIRef
    DataProtectionAuthority: URIRef
    Decided: URIRef
    Decision: URIRef
    Defendant: URIRef
    DirectParent: URIRef
    Direction: URIRef
    Discontinued: URIRef
    Distinguishes: URIRef
    DraftDecision: URIRef
    Fine: URIRef
    Follows: URIRef
    Holding: URIRef
    Imported: URIRef
    Investigation: URIRef
    Judge: URIRef
    Judgment: URIRef
    Jurisdiction: URIRef
    LawFirm: URIRef
    LeftOpen: URIRef
    LegalInstrument: URIRef
    LegalQuestion: URIRef
    LitigationFriend: URIRef
    MachineCoded: URIRef
    MediaAuthority: URIRef
    MonetaryAmount: URIRef
    NamedParty: URIRef
    No: URIRef
    Order: URIRef
    Organisation: URIRef
    Overrules: URIRef
    Ownership: URIRef
    OwnershipKind: URIRef
    Participation: URIRef
    Partly: URIRef
    Party: URIRef
    PartyRole: URIRef
    Pending: URIRef
    Person: URIRef
    Provision: URIRef
    PublicBody: URIRef
    Record: URIRef
    Regulator: URIRef
    RepresentativeBody: URIRef
    Respondent: URIRef
    ReviewOutcome: URIRef
    SetAside: URIRef
    Settlement: URIRef
    Solicitors: URIRef
    SourceGraph: URIRef
    SourceReference: URIRef
    Statistic: URIRef
    Status: URIRef
    SubjectRole: URIRef
    SupranationalAuthority: URIRef
    TelecomsAuthority: URIRef
    Treatment: URIRef
    TreatmentType: URIRef
    TrustTier: URIRef
    UltimateParent: URIRef
    Upheld: URIRef
    Varied: URIRef
    Yes: URIRef
    about: URIRef
    amountUnknownReason: URIRef
    amountValue: URIRef
    announcedDate: URIRef
    answer: URIRef
    answers: URIRef
    appealFrom: URIRef
    article: URIRef
    asOf: URIRef
    attribution: URIRef
    caseNumber: URIRef
    celex: URIRef
    challenges: URIRef
    childrensData: URIRef
    citedDecision: URIRef
    citingDecision: URIRef
    codingConcept: URIRef
    concernsInstrument: URIRef
    considersProvision: URIRef
    conversionNote: URIRef
    currency: URIRef
    datasetName: URIRef
    dateUnknownReason: URIRef
    decidedBy: URIRef
    decidedIn: URIRef
    decisionDate: URIRef
    directParent: URIRef
    direction: URIRef
    duplicateOf: URIRef
    ecli: URIRef
    edgeLabel: URIRef
    edgeSource: URIRef
    edgeTarget: URIRef
    eli: URIRef
    endDate: URIRef
    enforces: URIRef
    eurRate: URIRef
    eurRateDate: URIRef
    eurValue: URIRef
    finding: URIRef
    hasSource: URIRef
    holdingDate: URIRef
    holdingOf: URIRef
    implements: URIRef
    importedAt: URIRef
    imposedAmount: URIRef
    inDecision: URIRef
    infringes: URIRef
    instrumentKind: URIRef
    isMinor: URIRef
    jurisdiction: URIRef
    jurisdictionCode: URIRef
    licenceName: URIRef
    neutralCitation: URIRef
    note: URIRef
    officialText: URIRef
    outcome: URIRef
    ownershipKind: URIRef
    parent: URIRef
    partOf: URIRef
    partOfInstrument: URIRef
    participant: URIRef
    procedurallyFollows: URIRef
    provisionPath: URIRef
    publicRole: URIRef
    publishedDate: URIRef
    publisherName: URIRef
    questionNumber: URIRef
    recordIdentifier: URIRef
    reducedAmount: URIRef
    renews: URIRef
    resultsFrom: URIRef
    reviewOutcome: URIRef
    role: URIRef
    rowNumber: URIRef
    setAsideBy: URIRef
    sha256: URIRef
    shortName: URIRef
    shortTitle: URIRef
    sourceFile: URIRef
    sourceName: URIRef
    sourceUrl: URIRef
    startDate: URIRef
    stateOfLaw: URIRef
    statedBy: URIRef
    status: URIRef
    subject: URIRef
    subjectDescription: URIRef
    subsidiary: URIRef
    summary: URIRef
    treatmentType: URIRef
    trustTier: URIRef
    ultimateParent: URIRef
    unresolvedReference: URIRef


PREFIXES: dict[str, str] = {
    "reg": str(REG._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dpv": "https://w3id.org/dpv#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "cito": "http://purl.org/spar/cito/",
    "void": "http://rdfs.org/ns/void#",
    "regid": ID_BASE,
    "regg": GRAPH_BASE,
}


def bind_prefixes(g: Graph | Dataset) -> None:
    """Bind the regkg prefixes on an rdflib graph."""
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri, override=True)
