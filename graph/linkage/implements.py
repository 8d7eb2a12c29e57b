"""Which national fine implements an EDPB binding decision, where only the binding decision's
text says so (``reg:implements`` in the procedure chain)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from graph.linkage.compare import mentioned
from graph.linkage.records import LinkRecord, interval

#: How far a stated amount may be from the fine's (rounding in summaries).
AMOUNT_TOLERANCE = Decimal("0.02")
#: Most days from a binding decision to the fine implementing it: Art 65(6) gives the lead
#: authority a month from notification; announcement dates come later still.
WINDOW_DAYS = 92


@dataclass
class Implementations:
    """The implementing links one linkage run derives."""

    #: preferred record of a fine → preferred record of the binding decision it implements
    implements: dict[str, str] = field(default_factory=dict)
    #: binding decisions whose text fits fines of several decisions equally
    unresolved: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


def _span(rec: LinkRecord) -> tuple[date, date] | None:
    spans = [s for s in map(interval, rec.all_dates) if s is not None]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def fits(binding: LinkRecord, fine: LinkRecord) -> bool:
    """Whether ``fine`` is the decision implementing ``binding``: every condition of the module's
    docstring holds."""
    if fine.court or "fine" not in fine.kinds or fine.jurisdiction == binding.jurisdiction:
        return False
    b, f = _span(binding), _span(fine)
    if b is None or f is None or not b[1] < f[0] or (f[0] - b[1]).days > WINDOW_DAYS:
        return False
    same = (
        binding.parties & fine.parties
        or binding.groups & fine.groups
        or binding.features.names & fine.features.names
        or mentioned(fine, binding)
    )
    if not same:
        return False
    values = {v for v in fine.eur | {v for v, _ in fine.amounts} if v > 0}
    stated = binding.features.stated
    return any(abs(s - v) <= v * AMOUNT_TOLERANCE for s in stated for v in values)


def implementations(recs: list[LinkRecord], clusters: list[list[int]]) -> Implementations:
    """The implementing links of ``recs`` (sorted by IRI) clustered as ``clusters`` (preferred
    record first), for the binding decisions no record states an implementing fine of.

    An EDPB binding decision (Art 65 GDPR) settles a dispute over a lead authority's draft; the lead
    authority then adopts its final decision, and any fine, itself (Art 65(6): within a month of
    being notified). The binding decision is not a fine and carries no amount
    (:mod:`graph.importers.resolve`), but a source may state the amount that followed: GDPRhub's
    EDPB Binding Decision 2/2022 says "following which the Irish DPC fined Meta €405,000,000".
    Curated records state the link (``reg:implements``); for any other binding decision the stage
    looks for the fine that implements it, and links it only on all of: a fine by a regulator of
    another jurisdiction, dated after the binding decision and within :data:`WINDOW_DAYS` of it;
    the same company (entity, group or name) or the fine's company named in the binding decision's
    text; and an amount the binding decision's text states that is the fine's (within 2 %). A
    binding decision that fits fines of several decisions is listed, not linked; one whose text
    states no amount is left alone (there is then no evidence which fine followed it).
    """
    out = Implementations()
    index = {r.iri: i for i, r in enumerate(recs)}
    cluster_of = {i: n for n, members in enumerate(clusters) for i in members}
    stated = {cluster_of[index[t]] for r in recs for t in r.implements if t in index}
    stating = {cluster_of[i] for i, r in enumerate(recs) if r.implements}
    fines = [i for i, r in enumerate(recs) if "fine" in r.kinds and not r.court]
    claims: dict[int, list[int]] = {}  # fine's cluster → binding decisions' clusters fitting it
    for n, members in enumerate(clusters):
        bindings = [recs[i] for i in members if "binding-decision" in recs[i].kinds]
        if not bindings or n in stated:
            continue
        found = sorted(
            {
                cluster_of[k]
                for b in bindings
                for k in fines
                if cluster_of[k] != n and cluster_of[k] not in stating and fits(b, recs[k])
            }
        )
        if len(found) > 1:
            out.unresolved.append((_preferred(recs, clusters, n), _iris(recs, clusters, found)))
        elif found:
            claims.setdefault(found[0], []).append(n)
    for fine, by in sorted(claims.items()):
        if len(by) == 1:
            out.implements[_preferred(recs, clusters, fine)] = _preferred(recs, clusters, by[0])
        else:  # one fine fitting several binding decisions: none is known to be the one
            for n in by:
                out.unresolved.append(
                    (_preferred(recs, clusters, n), _iris(recs, clusters, [fine]))
                )
    return out


def _preferred(recs: list[LinkRecord], clusters: list[list[int]], n: int) -> str:
    return recs[clusters[n][0]].iri


def _iris(recs: list[LinkRecord], clusters: list[list[int]], ns: list[int]) -> tuple[str, ...]:
    return tuple(_preferred(recs, clusters, n) for n in ns)
