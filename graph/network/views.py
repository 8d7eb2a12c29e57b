"""The registry of networkx views and the views cut from the entity graph
(:mod:`graph.network.projection`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from graph.network.citations import citation_metrics, citation_of
from graph.network.projection import KINDS, SHORTCUTS, add_nodes, entity_graph
from graph.sparql.internal import internal_query
from graph.stores.contract import Store
from graph.vocabulary.namespaces import ID_BASE
from graph.vocabulary.strings import REG_IRI

__all__ = [
    "KINDS",
    "PRECEDENT_EDGE_KINDS",
    "REG_IRI",
    "SHORTCUTS",
    "VIEWS",
    "ViewSpec",
    "company_regulator",
    "ego_network",
    "entity_graph",
    "filter_view",
    "parameter_free_views",
    "precedent_graph",
]


#: Builds a view from an entity graph alone (see :attr:`ViewSpec.from_entities`).
ViewFunction = Callable[[nx.MultiDiGraph], nx.MultiDiGraph]


@dataclass(frozen=True)
class ViewSpec:
    """A registered view: title, description, projection function and its parameters.

    ``from_entities(store)`` reads from the store, now, whatever else the view needs and returns
    a function that builds the same view from an already built entity graph (its nodes and
    attributes): building every view projects the entity graph once, and an export reads the
    store before it forks its workers."""

    title: str
    description: str
    build: Callable[..., nx.MultiDiGraph]
    params: dict[str, str] = field(default_factory=dict)
    from_entities: Callable[[Store], ViewFunction] | None = None
    #: Whether the built function reads the entity graph's edges (False: its nodes only, so an
    #: export hands it a graph without edges).
    needs_edges: bool = True
    #: Metrics of this view beyond degree, PageRank and betweenness (stored with them).
    extra_metrics: Callable[[nx.MultiDiGraph], dict[str, dict[str, float]]] | None = None


def ego_network(store: Store, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """The entities within ``depth`` links of ``center`` (links followed in both directions).

    >>> from graph.pipeline.sample import world_store
    >>> g = entity_graph(world_store())
    >>> g.nodes["https://w3id.org/regkg/id/company/acme-video"]["kind"]
    'Company'
    >>> ego = ego_network(world_store(), "https://w3id.org/regkg/id/company/acme-video", depth=1)
    >>> "https://w3id.org/regkg/id/company/acme-group" in ego
    True
    >>> sorted(VIEWS)
    ['citation-network', 'company-regulator', 'ego-network', 'entity-graph', 'precedent-graph']
    """
    g = entity_graph(store)
    if center not in g:
        return nx.MultiDiGraph()
    near = nx.single_source_shortest_path_length(
        g.to_undirected(as_view=True), center, cutoff=depth
    )
    return g.subgraph(near).copy()


_COMPANY_REGULATOR = internal_query("graph.network", "company-regulator")


def company_regulator(store: Store) -> nx.MultiDiGraph:
    """Companies and the regulators that acted against them: one edge per pair.

    Edge attributes: ``decisions`` (count) and ``eur`` (total imposed, in EUR, where known).
    """
    g = nx.MultiDiGraph()
    add_nodes(store, g, _COMPANY_REGULATOR_KINDS)
    return _company_regulator_from(company_regulator_pairs(store), g)


_COMPANY_REGULATOR_KINDS = ("Company", "Regulator")
Pairs = dict[tuple[str, str], tuple[int, float]]


def company_regulator_pairs(store: Store) -> Pairs:
    """(company, regulator) → (decisions, EUR total) from the store."""
    acc: dict[tuple[str, str], tuple[set[str], float]] = {}
    for row in store.query(_COMPANY_REGULATOR):
        key = (row["company"].value, row["authority"].value)
        decisions, eur = acc.setdefault(key, (set(), 0.0))
        decisions.add(row["decision"].value)
        if row["eur"] is not None:
            acc[key] = (decisions, eur + float(row["eur"].value))
    return {key: (len(decisions), round(eur, 2)) for key, (decisions, eur) in acc.items()}


def company_regulator_prefetch(store: Store) -> ViewFunction:
    """The view as a function of the entity graph, with the store read now."""
    pairs = company_regulator_pairs(store)

    def build(entities: nx.MultiDiGraph) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        g.add_nodes_from(
            (n, dict(d))
            for n, d in entities.nodes(data=True)
            if d["kind"] in _COMPANY_REGULATOR_KINDS
        )
        return _company_regulator_from(pairs, g)

    return build


def _company_regulator_from(pairs: Pairs, g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for (company, authority), (n, eur) in sorted(pairs.items()):
        g.add_edge(
            company,
            authority,
            key="acted-against",
            label=f"{n} decision(s)",
            kind="actedAgainst",
            decisions=n,
            eur=eur,
        )
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    return g


def precedent_graph(store: Store) -> nx.MultiDiGraph:
    """Decisions and legal questions: holdings (decision → question) and treatments between
    decisions, as stated by a source."""
    return precedent_of(entity_graph(store))


#: The edge kinds of the precedent graph (holdings and treatments, with their ends).
PRECEDENT_EDGE_KINDS = frozenset({"Holding", "Treatment"})


def precedent_of(full: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The precedent graph cut from an entity graph (node attributes copied, not shared)."""
    g = nx.MultiDiGraph()
    for a, b, key, data in full.edges(keys=True, data=True):
        if data["kind"] in PRECEDENT_EDGE_KINDS:
            for n in (a, b):
                g.add_node(n, **full.nodes[n])
            g.add_edge(a, b, key=key, **data)
    return g


def filter_view(
    g: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    jurisdictions: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    sources: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """A read-only view keeping nodes of the given kinds and jurisdictions, nodes dated within
    ``since``..``until`` (ISO prefixes compare as text; undated nodes are kept), and nodes stated
    in one of the named graphs ``sources`` (curated files or imported sources)."""
    kind_set = set(kinds) if kinds is not None else None
    juris = set(jurisdictions) if jurisdictions is not None else None
    graphs = set(sources) if sources is not None else None

    def keep(n: str) -> bool:
        d = g.nodes[n]
        if kind_set is not None and d.get("kind") not in kind_set:
            return False
        if juris is not None and "jurisdiction" in d and d["jurisdiction"] not in juris:
            return False
        if graphs is not None and not graphs & set(d.get("sources", ())):
            return False
        date = d.get("date")
        if date and since and date[: len(since)] < since:
            return False
        return not (date and until and date[: len(until)] > until)

    view: nx.MultiDiGraph = nx.subgraph_view(g, filter_node=keep)
    return view


def is_entity(iri: str) -> bool:
    """Whether an IRI is a regkg record IRI."""
    return iri.startswith(ID_BASE)


#: Registry of views; the CLI, the app and the README enumerate it.
VIEWS: dict[str, ViewSpec] = {
    "entity-graph": ViewSpec(
        "Entity graph",
        "Every entity (companies, authorities, decisions, law, questions) and every typed link.",
        entity_graph,
        from_entities=lambda _store: lambda g: g,
    ),
    "company-regulator": ViewSpec(
        "Company and regulator",
        "Companies and the regulators that acted against them, with counts and EUR totals.",
        company_regulator,
        from_entities=company_regulator_prefetch,
        needs_edges=False,
    ),
    "precedent-graph": ViewSpec(
        "Precedent graph",
        "Decisions and the legal questions they answer, with treatment links between decisions.",
        precedent_graph,
        from_entities=lambda _store: precedent_of,
    ),
    "citation-network": ViewSpec(
        "Citation network",
        "Decisions and judgments linked by citations and other treatments (who cites whom), "
        "with how often each is cited, PageRank and the year it was first cited.",
        lambda store: citation_of(entity_graph(store)),
        from_entities=lambda _store: citation_of,
        extra_metrics=citation_metrics,
    ),
    "ego-network": ViewSpec(
        "Ego network",
        "The entities within a few links of one entity.",
        ego_network,
        {"center": "the entity's IRI", "depth": "links to follow (1-3)"},
    ),
}


def parameter_free_views(
    store: Store, entities: nx.MultiDiGraph | None = None
) -> dict[str, nx.MultiDiGraph]:
    """Every registered view without parameters, projecting the entity graph only once (or
    reusing ``entities``, the store's :func:`entity_graph`, when given)."""
    out: dict[str, nx.MultiDiGraph] = {}
    for name, spec in VIEWS.items():
        if spec.params:
            continue
        if spec.from_entities is None:
            out[name] = spec.build(store)
            continue
        if entities is None:
            entities = entity_graph(store)
        out[name] = spec.from_entities(store)(entities)
    return out
