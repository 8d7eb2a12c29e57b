"""Binding decisions in the linkage stage: which national fine implements an EDPB binding
decision (graph/linkage/implements.py). Records made here, each condition from both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.linkage.implements import WINDOW_DAYS, fits, implementations
from graph.linkage.link import link
from graph.linkage.records import LinkRecord
from graph.linkage.stage import quads
from graph.vocabulary.namespaces import REG

D = "https://w3id.org/regkg/id/decision/"
EDPB = "https://w3id.org/regkg/id/regulator/edpb"
DPC = "https://w3id.org/regkg/id/regulator/dpc-ie"
META = "https://w3id.org/regkg/id/company/meta-platforms-ireland-ltd"
OTHER = "https://w3id.org/regkg/id/company/other-ltd"
STATED = (
    "The EDPB adopted a binding decision, following which the Irish DPC fined Meta €405,000,000 "
    "for the lack of legal grounds for processing contact information on children's accounts."
)


def binding(
    key: str = "bd", when: str = "2022-07-28", summary: str = STATED, party: str | None = None
) -> LinkRecord:
    r = LinkRecord(D + key, "g/gdprhub", "gdprhub", authority=EDPB, jurisdiction="EU")
    r.kinds.add("binding-decision")
    r.dates.add(when)
    r.summary = summary
    if party is not None:
        r.parties.add(party)
        r.groups.add(party)
    return r


def fine(
    key: str = "fine",
    when: str = "2022-09-02",
    eur: str = "405000000",
    party: str = META,
    label: str = "Meta Platforms Ireland Limited",
    jurisdiction: str = "IE",
    source: str = "curated",
) -> LinkRecord:
    r = LinkRecord(D + key, f"g/{source}", source, authority=DPC, jurisdiction=jurisdiction)
    r.kinds.add("fine")
    r.dates.add(when)
    r.eur.add(Decimal(eur))
    r.amounts.add((Decimal(eur), "EUR"))
    r.parties.add(party)
    r.groups.add(party)
    r.party_labels.add(label)
    return r


def test_the_fine_the_binding_decision_names_implements_it() -> None:
    assert fits(binding(), fine())


@pytest.mark.parametrize(
    ("bd", "f", "why"),
    [
        (binding(), fine(when="2022-07-28"), "dated the same day, not after"),
        (binding(), fine(when="2022-06-01"), "dated before the binding decision"),
        (binding(), fine(when="2023-07-01"), f"more than {WINDOW_DAYS} days after"),
        (binding(), fine(eur="390000000"), "another amount than the one stated"),
        (binding(summary="The EDPB adopted a binding decision on Meta."), fine(), "no amount"),
        (
            binding(summary="Following it, the DPC fined the company €405,000,000."),
            fine(),
            "no company in common and none named",
        ),
        (binding(), fine(jurisdiction="EU"), "the binding decision's own jurisdiction"),
        (binding(when="2022"), fine(), "a year only: not known to precede"),
    ],
)
def test_each_condition_is_needed(bd: LinkRecord, f: LinkRecord, why: str) -> None:
    assert not fits(bd, f), why


def test_a_court_or_an_order_never_implements_it() -> None:
    court = fine()
    court.court = True
    order = fine()
    order.kinds = {"order"}
    assert not fits(binding(), court) and not fits(binding(), order)


def test_the_same_company_by_entity_counts_without_a_mention() -> None:
    bd = binding(summary="The DPC then imposed EUR 405 million.", party=META)
    assert fits(bd, fine())
    assert not fits(binding(summary=bd.summary, party=OTHER), fine())


def test_one_link_per_decision_from_its_preferred_record() -> None:
    """The curated fine and a tracker's copy are one decision: the link leaves the preferred
    record (curated) for the binding decision, and the stage states it with its super-property."""
    bd, curated, tracker = binding(), fine(), fine("etid-1373", when="2022-09-05", source="x")
    result = link([bd, curated, tracker])
    assert result.duplicate_of == {tracker.iri: curated.iri}
    assert result.implementations.implements == {curated.iri: bd.iri}
    assert result.summary()["implements_links"] == 1
    stated = {(q.subject.value, q.predicate.value, q.object.value) for q in quads(result)}
    assert (curated.iri, str(REG.implements), bd.iri) in stated
    assert (curated.iri, str(REG.procedurallyFollows), bd.iri) in stated


def test_a_binding_decision_fitting_two_decisions_is_listed_not_linked() -> None:
    bd = binding()
    a = fine("a")
    b = fine("b", when="2022-09-20", party=OTHER, label="Meta Platforms Technologies")
    out = implementations([bd, a, b], [[0], [1], [2]])
    assert out.implements == {}
    assert out.unresolved == [(bd.iri, (a.iri, b.iri))]


def test_a_fine_fitting_two_binding_decisions_is_listed_not_linked() -> None:
    one, two, f = binding("bd1"), binding("bd2", when="2022-07-29"), fine()
    out = implementations([one, two, f], [[0], [1], [2]])
    assert out.implements == {}
    assert sorted(out.unresolved) == [(one.iri, (f.iri,)), (two.iri, (f.iri,))]


def test_a_link_a_source_states_is_not_looked_for_again() -> None:
    """A curated fine stating ``reg:implements`` settles its binding decision (and itself)."""
    bd, f = binding(), fine()
    f.implements.add(bd.iri)
    assert implementations([bd, f], [[0], [1]]).implements == {}
    other = binding("other")  # another binding decision naming the same fine: it is taken
    assert implementations([bd, f, other], [[0], [1], [2]]).implements == {}
