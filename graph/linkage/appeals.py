"""Court reviews in the procedure chain: which regulator decision a court record reviewed, what
the court did, and which decisions stand set aside (a fine a court annulled is not added up)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from graph.linkage.compare import mentioned
from graph.linkage.outcomes import SET_ASIDE, review_outcome, row_set_aside
from graph.linkage.records import LinkRecord, interval

#: How far a stated amount may be from the reviewed fine's (rounding in summaries).
AMOUNT_TOLERANCE = Decimal("0.02")


@dataclass
class Appeals:
    """The court-review links and statuses one linkage run derives."""

    #: court record → preferred record of the decision it reviewed (inferred from its text)
    appeal_from: dict[str, str] = field(default_factory=dict)
    #: record in a procedure chain → what it did to the reviewed decision
    outcomes: dict[str, str] = field(default_factory=dict)
    #: preferred record of a decision → the record that states it was set aside
    set_aside_by: dict[str, str] = field(default_factory=dict)
    #: court records whose text reports a review but fits several decisions equally
    unresolved: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def _bounds(dates: set[str]) -> tuple[str, str] | None:
    spans = [s for s in map(interval, dates) if s is not None]
    if not spans:
        return None
    return min(s[0] for s in spans).isoformat(), max(s[1] for s in spans).isoformat()


#: Evidence weights: a shared case reference, an amount the court's text states, the same
#: company (entity, group or normalised name), a company only named in the other's text, a
#: decision date known to precede the court's.
SAME_ID, STATED_AMOUNT, SAME_PARTY, MENTIONED, DATED = 4, 2, 2, 1, 1
#: Least evidence for a link: a mention alone, or with a date, is not enough.
ENOUGH = 3


def evidence(court: LinkRecord, decision: LinkRecord) -> int:
    """How well ``decision`` fits as the one ``court`` reviewed (0: it cannot be): the sum of
    the evidence weights, or 0 where the decision is a court's, of another jurisdiction, later
    than the court, or priced differently from what the court's text states."""
    if decision.court or decision.jurisdiction != court.jurisdiction:
        return 0
    c, d = _bounds(court.all_dates), _bounds(decision.all_dates)
    if c is not None and d is not None and d[0] > c[1]:
        return 0
    score = SAME_ID if court.ids & decision.ids else 0
    if (
        court.parties & decision.parties
        or court.groups & decision.groups
        or court.features.names & decision.features.names
    ):
        score += SAME_PARTY
    elif mentioned(decision, court) or mentioned(court, decision):
        score += MENTIONED
    if not score:  # nothing says it is the same matter: an amount and a date are not enough
        return 0
    if c is not None and d is not None:
        score += DATED
    stated = court.features.stated
    values = {v for v in decision.eur | {v for v, _ in decision.amounts} if v > 0}
    if stated and values:
        if not any(abs(s - v) <= v * AMOUNT_TOLERANCE for s in stated for v in values):
            return 0
        score += STATED_AMOUNT
    return score


def _order(rec: LinkRecord) -> tuple[bool, str]:
    """Reviews in time order; an undated review before any dated one."""
    b = _bounds(rec.all_dates)
    return (b is not None, b[1] if b else "")


class _Chains:
    """Reviewing records per reviewed cluster, and the clusters' preferred records."""

    def __init__(self, recs: list[LinkRecord], clusters: list[list[int]]) -> None:
        self.recs = recs
        self.clusters = clusters
        self.cluster_of = {i: n for n, members in enumerate(clusters) for i in members}
        self.by: dict[int, set[int]] = defaultdict(set)

    def preferred(self, n: int) -> LinkRecord:
        return self.recs[self.clusters[n][0]]

    def add(self, reviewer: int, reviewed: int) -> None:
        if self.cluster_of[reviewer] != self.cluster_of[reviewed]:
            self.by[self.cluster_of[reviewed]].add(reviewer)


def appeals(recs: list[LinkRecord], clusters: list[list[int]]) -> Appeals:
    """The review links, outcomes and set-aside statuses of ``recs`` (sorted by IRI) clustered
    as ``clusters`` (preferred record first).

    A court's review of a fine is not a new fine, and a fine a court annulled is not a fine an
    analyst should add up. Curated records state their chain (``reg:appealFrom``); tracker rows do
    not, so a court record whose own text says it ruled on a regulator's decision
    (:func:`graph.linkage.outcomes.review_outcome`) is paired here with that decision: same
    jurisdiction, not later than the court, and, where the court's text states an amount, that
    amount; then the best by evidence: a shared case reference, that amount, the same company (by
    entity, group or name) or a company named in the other's text, a date before the court's; at
    least a shared reference or company, and more than a mention alone. A court record that fits
    several decisions equally is left unlinked and listed.

    A decision's status follows from its chain: of the reviews that rule on it directly, the latest
    dated one with a known outcome decides (a review of a review is not read: whether a higher court
    restored a fine is not something the trackers' prose says reliably); with none, a tracker's own
    update on the decision's row ("Update: the Court of Rome overturned the fine") does.
    """
    out = Appeals()
    chains = _Chains(recs, clusters)
    index = {r.iri: i for i, r in enumerate(recs)}
    regulators: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        if not r.court:
            regulators[r.jurisdiction].append(i)
    stated = {chains.cluster_of[i] for i, r in enumerate(recs) if r.appeal_from}
    for i, r in enumerate(recs):
        if r.appeal_from:
            for iri in sorted(r.appeal_from):
                if iri in index:
                    chains.add(i, index[iri])
            outcome = review_outcome(f"{r.outcome} {r.summary}")
        elif r.court and chains.cluster_of[i] not in stated:
            outcome = review_outcome(r.summary)
            if outcome is None:
                continue
            found = _reviewed(r, recs, regulators[r.jurisdiction], chains)
            if len(found) > 1:
                out.unresolved.append((r.iri, tuple(chains.preferred(n).iri for n in found)))
                continue
            if not found:
                continue
            chains.add(i, chains.clusters[found[0]][0])
            out.appeal_from[r.iri] = chains.preferred(found[0]).iri
        else:
            continue
        if outcome is not None:
            out.outcomes[r.iri] = outcome
    for n, members in enumerate(clusters):
        if chains.preferred(n).court:
            continue
        by = _set_aside_by(n, members, chains, out.outcomes)
        if by is not None:
            out.set_aside_by[chains.preferred(n).iri] = by
    return out


def _reviewed(
    court: LinkRecord, recs: list[LinkRecord], candidates: list[int], chains: _Chains
) -> list[int]:
    """The clusters that fit best as the decision ``court`` reviewed."""
    best: dict[int, int] = {}
    for k in candidates:
        e = evidence(court, recs[k])
        if e:
            n = chains.cluster_of[k]
            best[n] = max(best.get(n, 0), e)
    top = max(best.values(), default=0)
    if top < ENOUGH:
        return []
    return sorted(n for n, e in best.items() if e == top)


def _set_aside_by(
    n: int, members: list[int], chains: _Chains, outcomes: dict[str, str]
) -> str | None:
    """The record that states cluster ``n``'s decision was set aside, if its chain says so."""
    reviewed = [i for i in chains.by.get(n, ()) if chains.recs[i].iri in outcomes]
    if reviewed:
        last = max(reviewed, key=lambda i: (_order(chains.recs[i]), chains.recs[i].iri))
        if outcomes[chains.recs[last].iri] != SET_ASIDE:
            return None
        return chains.preferred(chains.cluster_of[last]).iri
    for i in members:
        r = chains.recs[i]
        if not r.court and row_set_aside(r.summary):
            return r.iri
    return None
