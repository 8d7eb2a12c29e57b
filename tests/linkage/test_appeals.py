"""Court reviews in the linkage stage: what a court's text says it did, which decision it
reviewed, and which fines stand set aside. Records made here, each boundary from both sides."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from graph.explorer.decision import decision
from graph.explorer.tables import FineFilter, fines, largest, matches, totals
from graph.linkage.appeals import ENOUGH, appeals, evidence
from graph.linkage.link import link
from graph.linkage.outcomes import SET_ASIDE, UPHELD, VARIED, review_outcome, row_set_aside
from graph.linkage.records import LinkRecord
from graph.linkage.stage import run
from graph.pipeline.sample import WORLD_DIR, world_store
from graph.sparql.stored import get_query
from graph.stores.contract import Store
from graph.stores.results import run_stored
from tests.fixtures.linked_world import _PREFIXES, _fine, _graph_head

D = "https://w3id.org/regkg/id/decision/"
ROME = "https://w3id.org/regkg/id/court/tribunale-roma-it"
GARANTE = "https://w3id.org/regkg/id/regulator/garante-it"
ENEL = "https://w3id.org/regkg/id/company/enel-energia"
OTHER = "https://w3id.org/regkg/id/company/other-spa"


def rec(
    key: str,
    source: str,
    *,
    court: bool = False,
    eur: str | None = None,
    when: str | None = None,
    party: str | None = ENEL,
    label: str = "Enel Energia S.p.A.",
    summary: str = "",
    ids: tuple[str, ...] = (),
    jurisdiction: str = "IT",
) -> LinkRecord:
    r = LinkRecord(
        D + key,
        f"g/{source}",
        source,
        authority=ROME if court else GARANTE,
        court=court,
        jurisdiction=jurisdiction,
    )
    r.kinds.add("judgment" if court else "fine")
    if eur is not None:
        r.eur.add(Decimal(eur))
    if when is not None:
        r.dates.add(when)
    if party is not None:
        r.parties.add(party)
        r.groups.add(party)
        r.party_labels.add(label)
    r.summary = summary
    r.ids |= set(ids)
    return r


ANNULLED = (
    "An Italian Court upheld the appeal of ENEL Energia against a decision of the Italian DPA, "
    "where the controller was fined €26,513,977. The Court annulled the fine."
)


# ----------------------------------------------------------------- outcomes, both sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Court of Appeal annulled a Belgian DPA's decision that had fined a controller.",
            SET_ASIDE,
        ),
        ("The Regional Court overturned the decision of the DPA of Berlin to fine X.", SET_ASIDE),
        (
            "The Council of State confirmed the lower court's annulment of the DPA's decision.",
            SET_ASIDE,
        ),
        (ANNULLED, SET_ASIDE),
        ("The court rejected Google's appeal to annul the CNIL's fine of € 100 million.", UPHELD),
        ("The Privacy Appeals Board upheld the DPA's decision to fine Grindr.", UPHELD),
        ("The decision, including the fine, was confirmed in full.", UPHELD),
        ("The court reduced the fine imposed by the DPA from €460,000 to €350,000.", VARIED),
        ("The Board partly overturned a decision from the DPA.", VARIED),
        # not a regulator's act, or not a ruling on one
        ("The Higher Regional Court overturned the decision of a lower court.", None),
        ("The court awarded the data subject EUR 500 in damages for non-material harm.", None),
        ("The court stayed the proceedings until the CJEU has ruled.", None),
    ],
)
def test_review_outcome(text: str, expected: str | None) -> None:
    assert review_outcome(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Update: The Court of Rome overturned the fine of EUR 26.5 million.", True),
        ("In the meantime, the decision of the authority has been annulled by a court.", True),
        (
            "Update: On August 7, 2020, the Court in Warsaw overturned the decision of the DPA.",
            True,
        ),
        ("The debt had been annulled, which was also confirmed in a court ruling.", False),
        ("The data subject had revoked her consent, yet the calls went on.", False),
        ("The original fine of EUR 100,000 was reduced to EUR 60,000 for prompt payment.", False),
    ],
)
def test_row_set_aside(text: str, expected: bool) -> None:
    assert row_set_aside(text) is expected


# ----------------------------------------------------------------- which decision was reviewed


def test_evidence_weights_and_refusals() -> None:
    court = rec("rome", "gdprhub", court=True, when="2023-02-13", summary=ANNULLED)
    fine = rec("garante", "gdprhub", eur="26513977", when="2021-12-16")
    assert evidence(court, fine) == 2 + 1 + 2  # same company, dated before, stated amount
    assert evidence(court, rec("later", "x", eur="26513977", when="2023-03-01")) == 0
    assert evidence(court, rec("same-day", "x", eur="26513977", when="2023-02-13")) > 0
    assert evidence(court, rec("priced", "x", eur="1000000", when="2021-12-16")) == 0
    # the stated amount within 2 % fits (a rounded summary), beyond it does not
    assert evidence(court, rec("round", "x", eur="26000000", when="2021-12-16")) > 0
    assert evidence(court, rec("off", "x", eur="25900000", when="2021-12-16")) == 0
    assert evidence(court, rec("abroad", "x", eur="26513977", jurisdiction="FR")) == 0
    assert evidence(court, rec("court", "x", court=True, eur="26513977")) == 0
    # an amount and a date, with nothing naming the same matter, are not evidence at all
    stranger = rec("stranger", "x", eur="26513977", when="2021-12-16", party=OTHER, label="Other")
    assert evidence(court, stranger) == 0
    # a shared case reference is
    assert (
        evidence(
            rec("c", "x", court=True, party=None, ids=("9735672",)),
            rec("d", "x", party=OTHER, label="Other", ids=("9735672",)),
        )
        == 4
    )


def test_a_mention_alone_is_not_enough_but_with_an_amount_it_is() -> None:
    court = rec(
        "c",
        "gdprhub",
        court=True,
        party=None,
        summary="The court annulled the fine on Enel Energia.",
    )
    named = rec("d", "et", party=None, summary="The DPA fined Enel Energia S.p.A.")
    named.party_labels.add("Enel Energia")
    assert evidence(court, named) == 1
    court.dates.add("2022-01-01")
    named.dates.add("2021-01-01")
    assert evidence(court, named) == 2 < ENOUGH  # a mention and a date: still not linked
    assert appeals([court, named], [[0], [1]]).appeal_from == {}
    stated = rec("c2", "gdprhub", court=True, party=None, summary=ANNULLED)
    priced = rec("d2", "et", eur="26513977", party=None)
    priced.party_labels.add("Enel Energia")
    assert evidence(stated, priced) >= ENOUGH


def test_the_court_joins_the_chain_of_the_fine_it_set_aside() -> None:
    recs = [
        rec("a-garante", "gdprhub", eur="26513977", when="2021-12-16"),
        rec("b-tracker", "enforcementtracker", eur="26500000", when="2021-12-16"),
        rec("c-rome", "gdprhub", court=True, when="2023-02-13", summary=ANNULLED),
        rec("d-other", "gdprhub", eur="26513977", when="2021-12-16", party=OTHER, label="Other"),
    ]
    result = link(recs)
    a = result.appeals
    preferred = result.duplicate_of.get(D + "a-garante", D + "a-garante")
    assert a.appeal_from == {D + "c-rome": preferred}
    assert a.outcomes == {D + "c-rome": SET_ASIDE}
    assert a.set_aside_by == {preferred: D + "c-rome"}
    assert D + "d-other" not in a.set_aside_by
    assert result.summary()["appeal_links"] == 1 and result.summary()["set_aside"] == 1


def test_a_court_that_fits_two_decisions_equally_is_listed_not_linked() -> None:
    recs = [
        rec("a", "gdprhub", eur="1000000", when="2020-01-01"),
        rec("b", "gdprhub", eur="2000000", when="2021-01-01"),
        rec(
            "c",
            "gdprhub",
            court=True,
            when="2022-01-01",
            summary="The court annulled the DPA's fine.",
        ),
    ]
    a = appeals(recs, [[0], [1], [2]])
    assert a.appeal_from == {} and a.set_aside_by == {}
    assert a.unresolved == [(D + "c", (D + "a", D + "b"))]


def test_the_latest_direct_review_decides() -> None:
    fine = rec("a-fine", "curated", eur="1000000", when="2020-01-01")
    first = rec(
        "b-first",
        "curated",
        court=True,
        when="2021-01-01",
        summary="The court annulled the DPA's fine.",
    )
    later = rec(
        "c-later",
        "curated",
        court=True,
        when="2022-01-01",
        summary="The appeal court upheld the DPA's fine.",
    )
    first.appeal_from.add(fine.iri)
    later.appeal_from.add(fine.iri)
    a = appeals([fine, first, later], [[0], [1], [2]])
    assert a.outcomes == {first.iri: SET_ASIDE, later.iri: UPHELD}
    assert a.set_aside_by == {}
    assert a.appeal_from == {}  # stated by the curated records themselves, not inferred
    later.dates = {"2020-06-01"}  # now the annulment is the latest
    assert appeals([fine, first, later], [[0], [1], [2]]).set_aside_by == {fine.iri: first.iri}


def test_a_tracker_update_sets_its_fine_aside_when_no_court_record_rules() -> None:
    row = rec(
        "a-row",
        "enforcementtracker",
        eur="0",
        when="2021-12-16",
        summary="Update: The Court of Rome overturned the fine of EUR 26.5 million.",
    )
    plain = rec(
        "b-plain", "enforcementtracker", eur="5000", when="2021-12-16", party=OTHER, label="Other"
    )
    a = appeals([row, plain], [[0], [1]])
    assert a.set_aside_by == {row.iri: row.iri}
    upheld = rec(
        "c-court",
        "gdprhub",
        court=True,
        when="2022-06-01",
        summary="The court upheld the DPA's fine.",
    )
    upheld.appeal_from.add(row.iri)
    assert appeals([row, plain, upheld], [[0], [1], [2]]).set_aside_by == {}


# ----------------------------------------------------------------- in a store: totals and pages

SET_ASIDE_FINE = "https://w3id.org/regkg/id/decision/fixturecourts-fc-1"


def _store_with_an_overturned_fine() -> Store:
    """The fixture world plus one imported fine whose own row says a court overturned it."""
    g = "https://w3id.org/regkg/graph/fixturecourts"
    text = (
        _PREFIXES
        + _graph_head("fixturecourts", "Fixture courts (imported)")
        + _fine(
            "fixturecourts-fc-1",
            "AA DPA fine, later overturned",
            "2019-03-01",
            40000,
            "FC-1",
            '; reg:subjectDescription "a controller" ; reg:summary "The DPA fined a controller '
            'EUR 40,000. Update: The Court of Appeal overturned the fine of EUR 40,000."',
        )
    )
    store = world_store()
    triples = ox.parse(text, format=ox.RdfFormat.TURTLE)
    store.store.bulk_extend(
        [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(g)) for q in triples]
    )
    run(store, {}, WORLD_DIR)
    return store


def test_a_set_aside_fine_leaves_the_totals_unless_asked_for() -> None:
    store = _store_with_an_overturned_fine()
    by = {
        (r["s"].value, r["o"].value)
        for r in store.query(
            "SELECT ?s ?o WHERE { GRAPH <https://w3id.org/regkg/graph/linkage> "
            "{ ?s <https://w3id.org/regkg/ontology#setAsideBy> ?o } }"
        )
    }
    assert by == {(SET_ASIDE_FINE, SET_ASIDE_FINE)}

    def regulator_total(set_aside: str) -> tuple[int, Decimal]:
        rows = run_stored(store, get_query("fines-per-regulator"), {"set_aside": set_aside})
        row = next(r for r in rows.records() if str(r["regulator"]).endswith("/aa-dpa"))
        return int(row["fines"] or 0), Decimal(str(row["totalEur"]))

    excluded, included = regulator_total("excluded"), regulator_total("included")
    assert included == (excluded[0] + 1, excluded[1] + 40000)

    rows = fines(store)
    assert [r.iri for r in rows if r.set_aside_by] == [SET_ASIDE_FINE]
    base, every = totals(rows), totals(rows, include_set_aside=True)
    assert (every.fines - base.fines, round(every.eur - base.eur, 2)) == (1, 40000.0)
    assert SET_ASIDE_FINE not in {r.iri for r in largest(rows, 100)}
    assert SET_ASIDE_FINE in {r.iri for r in largest(rows, 100, include_set_aside=True)}
    assert not matches(next(r for r in rows if r.iri == SET_ASIDE_FINE), FineFilter())

    d = decision(store, SET_ASIDE_FINE)
    assert d is not None and d.set_aside is not None
    assert d.set_aside.by.iri == SET_ASIDE_FINE
    assert d.set_aside.source == "https://w3id.org/regkg/graph/fixturecourts"
    assert d.set_aside.date == "2019-03-01"
