"""The linkage stage: every decision record in the store → scored pairs → clusters → links."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.linkage.appeals import Appeals, appeals
from graph.linkage.blocking import candidate_pairs
from graph.linkage.cluster import Pair, cluster, parts
from graph.linkage.compare import compare
from graph.linkage.features import SummaryIndex
from graph.linkage.implements import Implementations, implementations
from graph.linkage.model import MATCH, REVIEW, AmountFrequency, score
from graph.linkage.overrides import Overrides
from graph.linkage.records import LinkRecord


@dataclass
class Linkage:
    """What one run found: clusters (preferred record first) and the links that follow."""

    records: list[LinkRecord]
    clusters: list[list[int]]
    #: non-preferred record → preferred record of its cluster
    duplicate_of: dict[str, str] = field(default_factory=dict)
    #: preferred record of a part's cluster → preferred record of the whole's cluster
    part_of: dict[str, str] = field(default_factory=dict)
    #: pairs left for a reviewer: scored between REVIEW and MATCH, or matching but kept apart
    #: because their clusters already hold a record of the same source
    review: list[Pair] = field(default_factory=list)
    pairs: int = 0
    #: court reviews in the procedure chains, their outcomes, and the decisions set aside
    appeals: Appeals = field(default_factory=Appeals)
    #: fines implementing a binding decision that only the decision's text points at
    implementations: Implementations = field(default_factory=Implementations)

    def summary(self) -> dict[str, int]:
        """Counts for reports and the manifest."""
        multi = sum(1 for c in self.clusters if len(c) > 1)
        return {
            "records": len(self.records),
            "candidate_pairs": self.pairs,
            "clusters": len(self.clusters),
            "clusters_with_several_records": multi,
            "duplicate_links": len(self.duplicate_of),
            "part_links": len(self.part_of),
            "review": len(self.review),
            "appeal_links": len(self.appeals.appeal_from),
            "appeals_unresolved": len(self.appeals.unresolved),
            "set_aside": len(self.appeals.set_aside_by),
            "implements_links": len(self.implementations.implements),
            "implements_unresolved": len(self.implementations.unresolved),
        }


def link(records: list[LinkRecord], overrides: Overrides | None = None) -> Linkage:
    """Link ``records`` (any order) into clusters.

    Pure over its input: the same records give the same links whatever order the sources were
    imported in (records are sorted by IRI before anything else). A reviewer's decisions in
    ``data/links.yaml`` (:mod:`graph.linkage.overrides`) win over any score.
    """
    overrides = overrides or Overrides()
    recs = sorted(records, key=lambda r: r.iri)
    index = {r.iri: i for i, r in enumerate(recs)}
    freq = AmountFrequency((r.jurisdiction, e) for r in recs for e in r.eur)
    summaries = SummaryIndex.of(r.features.terms for r in recs)
    scored: list[Pair] = []
    for a, b in sorted(candidate_pairs(recs)):
        ra, rb = recs[a], recs[b]
        c = compare(ra, rb, summaries)
        s = score(c, freq.weight(ra.jurisdiction, ra.eur_amount or rb.eur_amount))
        scored.append(Pair(a, b, s, c.fields()))
    scored = overrides.apply(scored, recs, index, MATCH)
    clusters, refused = cluster(recs, scored, MATCH)
    out = Linkage(recs, clusters, pairs=len(scored))
    for members in clusters:
        preferred = recs[members[0]].iri
        for i in members[1:]:
            out.duplicate_of[recs[i].iri] = preferred
    for part, whole in parts(recs, clusters).items():
        out.part_of[recs[clusters[part][0]].iri] = recs[clusters[whole][0]].iri
    out.appeals = appeals(recs, clusters)
    out.implementations = implementations(recs, clusters)
    cluster_of = {i: n for n, members in enumerate(clusters) for i in members}
    out.review = sorted(
        [p for p in scored if REVIEW <= p.score < MATCH and cluster_of[p.a] != cluster_of[p.b]]
        + refused,
        key=lambda p: (-p.score, recs[p.a].iri, recs[p.b].iri),
    )
    return out
