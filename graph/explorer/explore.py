"""The graph explorer's read model: entity choices, hover cards, filtered ego views, caps."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from graph.files import source_stamp
from graph.network import projection, views
from graph.network.graph_file import read_graph
from graph.network.views import KINDS, entity_graph, filter_view
from graph.sparql.internal import internal_query
from graph.stores.contract import Store

#: The explorer graph as stored in each store generation (:mod:`graph.pipeline.derived`).
EXPLORER_FILE = "explorer-graph.json"
#: The entity the explorer opens on when the data has it.
DEFAULT_ENTITY = "TikTok Technology Limited"
#: Default cap on the nodes of one drawing in the explorer.
DEFAULT_CAP = 300
#: Depths the explorer offers.
DEPTHS = (1, 2, 3)

_PROVENANCE = internal_query("graph.explorer", "record-provenance")


@dataclass(frozen=True)
class Choice:
    """An entity the user can pick: IRI, label and kind."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class Provenance:
    """The latest as-of date of a record's sources and its trust tier(s)."""

    as_of: str
    trust: str


@dataclass(frozen=True)
class Filters:
    """Explorer filters; ``None`` means "no filter" (an empty tuple keeps nothing)."""

    kinds: tuple[str, ...] | None = None
    jurisdictions: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] | None = None


def filters_from(
    kinds: Iterable[str],
    all_kinds: Iterable[str],
    jurisdictions: Iterable[str] = (),
    span: tuple[int, int] | None = None,
    years: tuple[int, int] | None = None,
    sources: Iterable[str] = (),
) -> Filters:
    """Filters from widget values: every kind chosen, no jurisdiction chosen or the full year
    range mean "no filter" for that part.

    >>> filters_from(["Fine"], ["Fine", "Court"], ["AA"], (2021, 2022), (2020, 2023))
    Filters(kinds=('Fine',), jurisdictions=('AA',), since='2021', until='2022', sources=None)
    >>> filters_from(["Court", "Fine"], ["Fine", "Court"], [], (2020, 2023), (2020, 2023))
    Filters(kinds=None, jurisdictions=None, since=None, until=None, sources=None)
    """
    chosen = tuple(kinds)
    narrowed = span is not None and years is not None and tuple(span) != tuple(years)
    return Filters(
        kinds=None if set(chosen) == set(all_kinds) else chosen,
        jurisdictions=tuple(jurisdictions) or None,
        since=str(span[0]) if narrowed and span is not None else None,
        until=str(span[1]) if narrowed and span is not None else None,
        sources=tuple(sources) or None,
    )


def provenance(store: Store) -> dict[str, Provenance]:
    """As-of date and trust tier of every record that states them."""
    return {
        row["record"].value: Provenance(row["latest"].value, row["trusts"].value)
        for row in store.query(_PROVENANCE)
    }


def card(attrs: dict[str, object], prov: Provenance | None = None) -> str:
    """The hover card of a node as plain text lines (escaping is the renderer's job).

    >>> card({"label": "X <b>", "kind": "Court", "jurisdiction": "AA"})
    'Court: X <b>\\nJurisdiction: AA'
    """
    lines = [f"{attrs.get('kind') or 'Entity'}: {attrs.get('label', '')}"]
    if attrs.get("date"):
        lines.append(f"Date: {attrs['date']}")
    if attrs.get("jurisdiction"):
        lines.append(f"Jurisdiction: {attrs['jurisdiction']}")
    if prov is not None:
        lines.append(f"As of {prov.as_of} · trust: {prov.trust}")
    return "\n".join(lines)


def with_cards(g: nx.MultiDiGraph, store: Store) -> nx.MultiDiGraph:
    """``g`` with a ``card`` (hover text, provenance from ``store``) on every node (in place)."""
    prov = provenance(store)
    for node, attrs in g.nodes(data=True):
        attrs["card"] = card(attrs, prov.get(node))
    return g


def explorer_graph(store: Store) -> nx.MultiDiGraph:
    """The entity graph with a ``card`` (hover text) on every node; build once per store.

    Read from the generation's stored copy when there is one (written at build time), else
    projected from the store now.

    >>> from graph.pipeline.sample import world_store
    >>> g = explorer_graph(world_store())
    >>> centre = default_center(g)
    >>> g.nodes[centre]["label"]
    '<img src=x onerror=alert(1)>'
    >>> print(g.nodes["https://w3id.org/regkg/id/decision/ado-fine-2021"]["card"])
    Fine: ADO fine on Acme EU (children), 2021
    Date: 2021-05-10
    Jurisdiction: AA
    As of 2026-01-01 · trust: curated-verified
    """
    if store.path is not None and (store.path / EXPLORER_FILE).exists():
        stored = read_graph(store.path / EXPLORER_FILE, stamp=code_stamp())
        if stored is not None:
            return stored
    return with_cards(entity_graph(store), store)


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A hash of the modules whose code decides the explorer graph (the projection, the views'
    kinds and the cards): a stored graph made by other code is projected again, not reused."""
    return source_stamp(projection, views, sys.modules[__name__])


def choices(g: nx.MultiDiGraph) -> list[Choice]:
    """Every node of ``g`` as a :class:`Choice`, sorted by label (case-insensitive), then IRI."""
    out = [Choice(n, str(a.get("label", n)), str(a.get("kind", ""))) for n, a in g.nodes(data=True)]
    return sorted(out, key=lambda c: (c.label.casefold(), c.iri))


def default_center(g: nx.MultiDiGraph, preferred: str = DEFAULT_ENTITY) -> str | None:
    """The node labelled ``preferred`` if present, else the first company, else the first node
    (in :func:`choices` order); ``None`` for an empty graph."""
    ordered = choices(g)
    for wanted in (
        lambda c: c.label == preferred,
        lambda c: c.kind == "Company",
        lambda c: True,
    ):
        found = next((c.iri for c in ordered if wanted(c)), None)
        if found is not None:
            return found
    return None


def kinds_present(g: nx.MultiDiGraph) -> list[str]:
    """The node kinds of ``g`` in :data:`graph.network.views.KINDS` order."""
    present = {a.get("kind") for _n, a in g.nodes(data=True)}
    return [k for k in KINDS if k in present]


def jurisdictions(g: nx.MultiDiGraph) -> list[str]:
    """The jurisdiction codes on nodes of ``g``, sorted."""
    return sorted({str(a["jurisdiction"]) for _n, a in g.nodes(data=True) if "jurisdiction" in a})


def sources_present(g: nx.MultiDiGraph) -> list[str]:
    """The named graphs (curated files, imported sources) that state the nodes of ``g``."""
    return sorted({src for _, d in g.nodes(data=True) for src in d.get("sources", ())})


def year_range(g: nx.MultiDiGraph) -> tuple[int, int] | None:
    """First and last year of the dated nodes of ``g`` (``None`` if nothing is dated)."""
    years = sorted(int(str(a["date"])[:4]) for _n, a in g.nodes(data=True) if a.get("date"))
    return (years[0], years[-1]) if years else None


def filtered(g: nx.MultiDiGraph, filters: Filters, keep: Iterable[str] = ()) -> nx.MultiDiGraph:
    """A read-only view of ``g`` under ``filters`` (:func:`graph.network.views.filter_view`), always
    keeping the nodes in ``keep``."""
    if filters == Filters():
        return g
    view = filter_view(
        g,
        kinds=filters.kinds,
        jurisdictions=filters.jurisdictions,
        since=filters.since,
        until=filters.until,
        sources=filters.sources,
    )
    kept = set(view) | {n for n in keep if n in g}
    sub: nx.MultiDiGraph = g.subgraph(kept)
    return sub


def ego_view(
    g: nx.MultiDiGraph, center: str, depth: int = 1, filters: Filters | None = None
) -> nx.MultiDiGraph:
    """The nodes within ``depth`` links of ``center`` (both directions) through nodes the
    filters keep, as a new graph; empty if ``center`` is not in ``g``.

    The explorer builds the entity graph once per store (:func:`explorer_graph`, with a hover card
    on every node) and answers each widget change from that graph (:func:`ego_view`), never from the
    store. Filters are applied before the walk: the ego network is the set of nodes within ``depth``
    links of the centre *through nodes the filters keep*, so narrowing a filter only ever removes
    nodes and the drawing stays connected. The centre is always kept.
    """
    if center not in g:
        return nx.MultiDiGraph()
    base = filtered(g, filters or Filters(), keep=[center])
    near = nx.single_source_shortest_path_length(
        base.to_undirected(as_view=True), center, cutoff=depth
    )
    out: nx.MultiDiGraph = base.subgraph(near).copy()
    return out


def depth_sizes(
    g: nx.MultiDiGraph, center: str, filters: Filters | None = None, depths: Iterable[int] = DEPTHS
) -> dict[int, int]:
    """How many nodes the ego view has at each depth (to suggest a depth that fits the cap)."""
    if center not in g:
        return {d: 0 for d in depths}
    base = filtered(g, filters or Filters(), keep=[center])
    dist = nx.single_source_shortest_path_length(
        base.to_undirected(as_view=True), center, cutoff=max(depths)
    )
    return {d: sum(1 for v in dist.values() if v <= d) for d in depths}


def too_big_advice(n: int, cap: int, sizes: dict[int, int]) -> str:
    """Plain words for a view over the cap, naming the depths that would fit.

    >>> for part in too_big_advice(420, 300, {1: 12, 2: 140, 3: 420}).split("; "):
    ...     print(part)
    This view has 420 nodes, more than the cap of 300. Depth 1 (12 nodes) or 2 (140 nodes) would fit
    or keep fewer kinds, one jurisdiction or a date range, or raise the cap.
    """
    fits = [f"{d} ({sizes[d]} nodes)" for d in sorted(sizes) if 0 < sizes[d] <= cap]
    lead = f"This view has {n} nodes, more than the cap of {cap}."
    if fits:
        return (
            f"{lead} Depth {' or '.join(fits)} would fit; or keep fewer kinds, one jurisdiction "
            "or a date range, or raise the cap."
        )
    return f"{lead} Keep fewer kinds, one jurisdiction or a date range, or raise the cap."


def parse_list(value: str | None, allowed: Iterable[str]) -> tuple[str, ...] | None:
    """A comma-separated URL value as a tuple of allowed items (``None`` when absent).

    >>> parse_list("Fine,Nope,Court", ["Court", "Fine"])
    ('Fine', 'Court')
    >>> parse_list(None, ["Court"]) is None
    True
    """
    if value is None:
        return None
    ok = set(allowed)
    return tuple(dict.fromkeys(v for v in value.split(",") if v in ok))


def parse_int(value: str | None, default: int, low: int, high: int) -> int:
    """A whole number from a URL value, clamped to ``low..high`` (``default`` if unreadable).

    >>> parse_int("9", 1, 1, 3), parse_int("x", 2, 1, 3), parse_int(None, 2, 1, 3)
    (3, 2, 2)
    """
    if value is None or not value.strip().lstrip("-").isdigit():
        return default
    return max(low, min(high, int(value)))
