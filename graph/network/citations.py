"""The citation network: decisions and judgments joined by treatment links, cut from the entity
graph, with its own metrics ("cited by N", year of first citation)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

#: The edge kind of treatment links in the entity graph.
CITATION_EDGE_KINDS = frozenset({"Treatment"})
#: Longest route ``citation-path`` follows (links).
MAX_HOPS = 4


def citation_of(full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The citation network cut from an entity graph (node attributes copied, not shared).

    The citation network: decisions and judgments joined by treatment links (cites, applies,
    follows, distinguishes, overrules, considers), cut from the entity graph, with its own metrics
    ("cited by N" and the year of first citation, beside the PageRank every view gets) and the
    networkx answers the stored queries ``most-cited``, ``cited-by`` and ``citation-path`` are
    tested against.

    >>> from graph.pipeline.sample import world_store
    >>> from graph.network.views import entity_graph
    >>> g = citation_of(entity_graph(world_store()))
    >>> sorted(d["kind"] for _a, _b, d in g.edges(data=True))
    ['Treatment', 'Treatment', 'Treatment', 'Treatment', 'Treatment']
    """
    g = nx.MultiDiGraph()
    for a, b, key, data in full.edges(keys=True, data=True):
        if data["kind"] in CITATION_EDGE_KINDS:
            for n in (a, b):
                g.add_node(n, **full.nodes[n])
            g.add_edge(a, b, key=key, **data)
    return g


def _year(date: object) -> int | None:
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def citation_metrics(g: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """Per node: ``cited_by`` (distinct decisions linking to it) and, where a citing decision
    is dated, ``first_cited`` (the year of the earliest)."""
    out: dict[str, dict[str, float]] = {}
    for n in g:
        citing = set(g.predecessors(n)) - {n}
        values: dict[str, float] = {"cited_by": float(len(citing))}
        years = [y for c in citing if (y := _year(g.nodes[c].get("date"))) is not None]
        if years:
            values["first_cited"] = float(min(years))
        out[n] = values
    return out


@dataclass(frozen=True)
class Cited:
    """One ruling's count in :func:`most_cited`."""

    ruling: str
    cited_by: int
    first_cited: int | None


def most_cited(
    g: nx.MultiDiGraph, from_year: int = 1900, to_year: int = 2100, jurisdiction: str = "any"
) -> list[Cited]:
    """The rulings by number of distinct citing decisions, most first (ties by IRI); only
    citations by decisions of ``jurisdiction`` (``any``: all) dated within the years (undated
    citing decisions count: their date is unknown, not outside)."""
    counts: dict[str, set[str]] = {}
    for a, b in g.edges():
        if a == b:
            continue
        d = g.nodes[a]
        year = _year(d.get("date"))
        if year is not None and not from_year <= year <= to_year:
            continue
        if jurisdiction != "any" and d.get("jurisdiction") != jurisdiction:
            continue
        counts.setdefault(b, set()).add(a)
    rows = []
    for ruling, citing in counts.items():
        years = [y for c in citing if (y := _year(g.nodes[c].get("date"))) is not None]
        rows.append(Cited(ruling, len(citing), min(years) if years else None))
    return sorted(rows, key=lambda r: (-r.cited_by, r.ruling))


def cited_by(g: nx.MultiDiGraph, ruling: str) -> set[tuple[str, str]]:
    """(citing decision, treatment type label) for every treatment link to ``ruling``."""
    if ruling not in g:
        return set()
    return {(a, d["label"]) for a, _b, d in g.in_edges(ruling, data=True) if a != ruling}


def citation_paths(
    g: nx.MultiDiGraph, source: str, target: str, cutoff: int = MAX_HOPS
) -> list[list[str]]:
    """Every route from ``source`` to ``target`` along treatment links (no decision twice), of
    at most ``cutoff`` links, shortest first (then by the IRIs on the way)."""
    if source not in g or target not in g or source == target:
        return []
    paths = [list(p) for p in nx.all_simple_paths(nx.DiGraph(g), source, target, cutoff=cutoff)]
    return sorted(paths, key=lambda p: (len(p), p))
