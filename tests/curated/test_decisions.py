"""The curated build's decisions against their records: every field of every decision in data/
read back from the built graph (an oracle over the records, not the writer's code)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph.cleaning.law import ShortNames
from graph.curated import records as R
from graph.curated.corpus import Corpus, load_corpus
from graph.curated.dataset import build_dataset
from graph.settings import data_dir
from graph.vocabulary.ids import mint
from graph.vocabulary.namespaces import REG

ROLE_TERMS = {  # the ontology's role individuals, spelt out here rather than read from the writer
    "subject": REG.SubjectRole, "claimant": REG.Claimant, "defendant": REG.Defendant,
    "litigation-friend": REG.LitigationFriend, "solicitors": REG.Solicitors,
    "complainant": REG.Complainant, "appellant": REG.Appellant, "respondent": REG.Respondent,
    "representative-body": REG.RepresentativeBody, "co-enforcer": REG.CoEnforcer,
    "judge": REG.Judge,
}  # fmt: skip


@pytest.fixture(scope="module")
def built() -> tuple[Corpus, Graph]:
    corpus = load_corpus(data_dir())
    union = Graph()  # every named graph's triples, read as one
    for named in build_dataset(corpus, data_dir()).dataset.graphs():
        for triple in named:
            union.add(triple)
    return corpus, union


def _one(ds: Graph, node: URIRef, prop: URIRef) -> str | None:
    values = {str(o) for o in ds.objects(node, prop)}
    assert len(values) <= 1, (node, prop, values)
    return values.pop() if values else None


def _decisions(corpus: Corpus) -> list[R.Decision]:
    found = [r for r in corpus.all() if isinstance(r, R.Decision)]
    assert len(found) > 20  # the curated data, not an empty folder
    return found


def test_every_field_of_every_curated_decision(built: tuple[Corpus, Graph]) -> None:
    corpus, ds = built
    for rec in _decisions(corpus):
        node = mint("decision", rec.id)
        assert _one(ds, node, RDFS.label) == rec.label
        assert _one(ds, node, REG.decisionDate) == rec.date
        assert _one(ds, node, REG.announcedDate) == rec.announced
        assert _one(ds, node, REG.summary) == rec.summary
        assert _one(ds, node, REG.outcome) == rec.outcome
        assert (node, REG.childrensData, Literal(rec.children)) in ds
        assert (node, REG.dateUnknownReason, None) not in ds
        assert (node, REG.rowNumber, None) not in ds  # rows are the importers' provenance
        assert _one(ds, node, REG.status) == str(REG[rec.status.capitalize()])
        assert (_one(ds, node, REG.decidedBy) or "").rsplit("/", 1)[-1] == rec.authority
        ids = rec.identifiers
        for prop, value in (
            (REG.ecli, ids.ecli),
            (REG.celex, ids.celex),
            (REG.neutralCitation, ids.neutral_citation),
            (REG.caseNumber, ids.case_number),
        ):
            assert _one(ds, node, prop) == value, (rec.id, prop)
        subjects = {str(o).rsplit("/", 1)[-1] for o in ds.objects(node, REG.subject)}
        assert subjects == set(rec.subjects), rec.id
        roles = {
            (str(ds.value(p, REG.participant)).rsplit("/", 1)[-1], ds.value(p, REG.role))
            for p in ds.subjects(REG.inDecision, node)
        }
        expected = {(s, REG.SubjectRole) for s in rec.subjects}
        expected |= {(p.party, ROLE_TERMS[p.role]) for p in rec.parties}
        assert roles == expected, rec.id
        for which, prop in (("amount", REG.imposedAmount), ("reduced_amount", REG.reducedAmount)):
            amt: R.Amount | None = getattr(rec, which)
            money = ds.value(node, prop)
            if amt is None:
                assert money is None, (rec.id, which)
                continue
            assert Decimal(str(ds.value(money, REG.amountValue))) == Decimal(amt.value)
            assert str(ds.value(money, REG.currency)) == amt.currency
            assert (money, RDF.type, REG.MonetaryAmount) in ds
            assert (money, REG.hasSource, None) in ds, (rec.id, which)
        for step in rec.procedure:
            earlier = mint("decision", step.decision)
            assert (node, REG.procedurallyFollows, earlier) in ds
            assert (node, REG[_camel(step.relation)], earlier) in ds, (rec.id, step)
        assert (node, REG.hasSource, None) in ds and (node, REG.asOf, None) in ds


def test_provisions_land_on_the_property_their_field_names(
    built: tuple[Corpus, Graph],
) -> None:
    """``infringed`` → ``reg:infringes``, ``provisions`` → ``reg:considersProvision``, and every
    reference's instrument → ``reg:concernsInstrument``."""
    corpus, ds = built
    shorts = ShortNames({i.short: i.id for i in corpus.all() if isinstance(i, R.Instrument)})
    seen = {"infringed": 0, "provisions": 0}
    for rec in _decisions(corpus):
        node = mint("decision", rec.id)
        for field, prop in (("infringed", REG.infringes), ("provisions", REG.considersProvision)):
            want = set()
            for ref in getattr(rec, field):
                parsed = shorts.parse(ref)
                assert (node, REG.concernsInstrument, mint("instrument", parsed.instrument)) in ds
                if parsed.key is not None:
                    want.add(mint("provision", parsed.key))
            got = set(ds.objects(node, prop))
            assert want <= got, (rec.id, field, want - got)
            seen[field] += len(want)
        stated = {shorts.parse(r).key for r in [*rec.infringed, *rec.provisions]}
        written = {str(p).rsplit("/", 1)[-1] for p in ds.objects(node, REG.infringes)}
        written |= {str(p).rsplit("/", 1)[-1] for p in ds.objects(node, REG.considersProvision)}
        assert written <= stated, (rec.id, written - stated)
    assert seen["infringed"] > 0 and seen["provisions"] > 0


def _camel(relation: str) -> str:
    head, *rest = relation.split("-")
    return head + "".join(w.capitalize() for w in rest)
