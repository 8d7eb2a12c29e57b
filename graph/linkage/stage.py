"""The linkage stage in the store writer: links the new generation before it goes live, and is
the only writer of the linkage graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import settings
from graph.linkage.link import Linkage, link
from graph.linkage.outcomes import SET_ASIDE, UPHELD, VARIED
from graph.linkage.overrides import FILE_NAME, Overrides
from graph.linkage.records import LINKAGE_GRAPH, read_records
from graph.vocabulary.namespaces import REG

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
_GRAPH = ox.NamedNode(LINKAGE_GRAPH)
_OUTCOME = {
    UPHELD: ox.NamedNode(str(REG.Upheld)),
    VARIED: ox.NamedNode(str(REG.Varied)),
    SET_ASIDE: ox.NamedNode(str(REG.SetAside)),
}


def quads(result: Linkage) -> list[ox.Quad]:
    """The linkage graph of ``result``: its links and a label saying what the graph is."""
    dup, part = ox.NamedNode(str(REG.duplicateOf)), ox.NamedNode(str(REG.partOf))
    out = [
        ox.Quad(_GRAPH, RDFS_LABEL, ox.Literal("Cross-source linkage"), _GRAPH),
        ox.Quad(
            _GRAPH,
            RDFS_COMMENT,
            ox.Literal(
                "Computed by regkg's linkage stage from the records of every source in this "
                "store; rebuilt whole on every build, import and `regkg link`."
            ),
            _GRAPH,
        ),
    ]
    for a, b in sorted(result.duplicate_of.items()):
        out.append(ox.Quad(ox.NamedNode(a), dup, ox.NamedNode(b), _GRAPH))
    for a, b in sorted(result.part_of.items()):
        out.append(ox.Quad(ox.NamedNode(a), part, ox.NamedNode(b), _GRAPH))
    rv = result.appeals
    for court, reviewed in sorted(rv.appeal_from.items()):
        for p in (REG.appealFrom, REG.procedurallyFollows):
            out.append(ox.Quad(ox.NamedNode(court), _node(p), ox.NamedNode(reviewed), _GRAPH))
    for rec, outcome in sorted(rv.outcomes.items()):
        out.append(ox.Quad(ox.NamedNode(rec), _node(REG.reviewOutcome), _OUTCOME[outcome], _GRAPH))
    for rec, by in sorted(rv.set_aside_by.items()):
        out.append(ox.Quad(ox.NamedNode(rec), _node(REG.setAsideBy), ox.NamedNode(by), _GRAPH))
    for fine, binding in sorted(result.implementations.implements.items()):
        for p in (REG.implements, REG.procedurallyFollows):
            out.append(ox.Quad(ox.NamedNode(fine), _node(p), ox.NamedNode(binding), _GRAPH))
    return out


def _node(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def overrides_file(data_dir: Path | None = None) -> Path:
    return (data_dir or settings.data_dir()) / FILE_NAME


def run(store: Any, meta: dict[str, Any], data_dir: Path | None = None) -> Linkage:
    """Link the records of ``store`` (a :class:`graph.stores.contract.Store` over a writable
    generation) and replace its linkage graph; the counts go to ``meta["linkage"]``."""
    result = link(list(read_records(store).values()), Overrides.load(overrides_file(data_dir)))
    raw: ox.Store = store.store
    raw.remove_graph(_GRAPH)
    raw.bulk_extend(quads(result))
    raw.flush()
    meta["linkage"] = result.summary()
    return result


def linkage_stage(data_dir: Path | None = None) -> Any:
    """The stage as a writer callback (:attr:`graph.stores.embedded.Writer.stages`).

    Run by ``regkg build``, after every ``regkg import`` and by ``regkg link``. It reads every
    decision record of the generation (curated and every imported graph), links them
    (:func:`graph.linkage.link.link`) and replaces the linkage graph whole with the result:
    ``reg:duplicateOf`` from each record to the preferred record of its cluster, ``reg:partOf`` from
    a part's preferred record to its whole's; a court's review of a decision (``reg:appealFrom``)
    where only the court's text says which decision it reviewed, what each review did
    (``reg:reviewOutcome``) and which decisions stand set aside (``reg:setAsideBy``,
    :mod:`graph.linkage.appeals`). Nothing else in the store states these links (curated records
    state their own ``reg:appealFrom``), so the same records give the same links whatever the order
    of the imports.
    """

    def stage(store: Any, meta: dict[str, Any]) -> None:
        run(store, meta, data_dir)

    return stage
