"""Draw the regkg ontology as a Mermaid class diagram, and keep the copy in README.md current.

    python scripts/ontology_diagram.py                    # print the diagram
    python scripts/ontology_diagram.py --write README.md  # replace the README's diagram block
    python scripts/ontology_diagram.py --check README.md  # exit 1 if the README's block is stale

The diagram is read from the ontology Turtle (``ontologies/*.ttl`` without the shapes):

* every reg: class; ``rdfs:subClassOf`` between reg: classes as inheritance (links to outside
  vocabularies such as prov: or schema: are left out);
* every object property whose domain and range are reg: classes as a labelled association; a
  subproperty with the same domain and range as its reg: superproperty is folded into the
  superproperty's label (the procedure links under ``procedurallyFollows``);
* classes whose members are the ontology's own individuals as ``<<enumeration>>`` with those
  members; reified relationship classes (``reg:edgeSource``/``reg:edgeTarget``) as
  ``<<relationship>>``, their source, target and label properties marked on the associations.

Datatype and annotation properties are left out. The output is sorted, so it is deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import TypeGuard

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL

from graph import settings
from graph.vocabulary.namespaces import REG
from graph.vocabulary.ontology import load_ontology

START = "<!-- ontology-diagram:start -->"
END = "<!-- ontology-diagram:end -->"
REG_IRI = str(REG._NS)
INDENT = "    "


def _reg(node: object) -> TypeGuard[URIRef]:
    return isinstance(node, URIRef) and str(node).startswith(REG_IRI)


def _name(iri: object) -> str:
    return str(iri)[len(REG_IRI) :]


def diagram(g: Graph) -> str:
    """The Mermaid ``classDiagram`` text of the ontology graph ``g`` (ends with a newline)."""
    classes = sorted({c for c in g.subjects(RDF.type, OWL.Class) if _reg(c)}, key=_name)
    class_set = set(classes)

    members: dict[URIRef, list[str]] = defaultdict(list)
    for cls in classes:
        for ind in g.subjects(RDF.type, cls):
            if _reg(ind):
                members[cls].append(_name(ind))

    roles: dict[URIRef, str] = {}  # property -> its role in a reified relationship
    for hint, role in (
        (REG.edgeSource, "source"),
        (REG.edgeTarget, "target"),
        (REG.edgeLabel, "label"),
    ):
        for _cls, prop in g.subject_objects(hint):
            if isinstance(prop, URIRef):
                roles[prop] = role
    reified = {c for c in g.subjects(REG.edgeSource, None) if c in class_set}

    def ends(prop: URIRef) -> tuple[URIRef, URIRef] | None:
        domain, rng = g.value(prop, RDFS.domain), g.value(prop, RDFS.range)
        if domain in class_set and rng in class_set:
            return domain, rng  # type: ignore[return-value]
        return None

    props = sorted({p for p in g.subjects(RDF.type, OWL.ObjectProperty) if _reg(p)}, key=_name)
    folded: dict[URIRef, list[str]] = defaultdict(list)
    shown = []
    for prop in props:
        link = ends(prop)
        if link is None:
            continue
        supers = [
            s for s in g.objects(prop, RDFS.subPropertyOf) if isinstance(s, URIRef) and _reg(s)
        ]
        same = [s for s in supers if ends(s) == link]
        if same:
            folded[same[0]].append(_name(prop))
        else:
            shown.append((prop, link))

    lines = ["classDiagram"]
    for cls in classes:
        stereotype = (
            "enumeration" if members.get(cls) else "relationship" if cls in reified else None
        )
        if stereotype is None:
            lines.append(f"{INDENT}class {_name(cls)}")
            continue
        lines.append(f"{INDENT}class {_name(cls)} {{")
        lines.append(f"{INDENT * 2}<<{stereotype}>>")
        lines.extend(f"{INDENT * 2}{m}" for m in sorted(members.get(cls, [])))
        lines.append(f"{INDENT}}}")

    inheritance = sorted(
        (_name(parent), _name(child))
        for child, parent in g.subject_objects(RDFS.subClassOf)
        if child in class_set and parent in class_set
    )
    lines.extend(f"{INDENT}{parent} <|-- {child}" for parent, child in inheritance)

    associations = []
    for prop, (domain, rng) in shown:
        label = _name(prop)
        if prop in roles:
            label += f" - edge {roles[prop]}"
        if folded.get(prop):
            label += " - also " + ", ".join(sorted(folded[prop]))
        associations.append((_name(domain), _name(rng), label))
    lines.extend(f"{INDENT}{a} --> {b} : {label}" for a, b, label in sorted(associations))
    return "\n".join(lines) + "\n"


def block(text: str) -> str:
    """The diagram as the README holds it between the markers."""
    return f"\n```mermaid\n{text}```\n"


def _bounds(readme: str) -> tuple[int, int]:
    if readme.count(START) != 1 or readme.count(END) != 1:
        msg = f"README needs exactly one {START} and one {END} marker"
        raise ValueError(msg)
    start, end = readme.index(START) + len(START), readme.index(END)
    if end < start:
        msg = f"{END} comes before {START}"
        raise ValueError(msg)
    return start, end


def current_block(readme: str) -> str:
    """The text between the README's markers."""
    start, end = _bounds(readme)
    return readme[start:end]


def replace_block(readme: str, text: str) -> str:
    """The README text with the diagram block between the markers replaced by ``text``."""
    start, end = _bounds(readme)
    return readme[:start] + block(text) + readme[end:]


def is_current(readme: str, text: str) -> bool:
    """Whether the README's block is exactly the diagram ``text``."""
    return current_block(readme) == block(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", metavar="README", type=Path, help="replace the README's block")
    action.add_argument("--check", metavar="README", type=Path, help="exit 1 if the block is stale")
    parser.add_argument(
        "--ontologies", type=Path, default=None, help="the ontology folder (default: ontologies/)"
    )
    args = parser.parse_args(argv)
    text = diagram(load_ontology(args.ontologies or settings.ontology_dir()))
    if args.write is None and args.check is None:
        sys.stdout.write(text)
        return 0
    path: Path = args.write or args.check
    try:
        readme = path.read_text(encoding="utf-8")
        if args.check is not None:
            if is_current(readme, text):
                return 0
            print(
                f"{path}: the ontology diagram is out of date; run "
                f"'python scripts/ontology_diagram.py --write {path}'",
                file=sys.stderr,
            )
            return 1
        updated = replace_block(readme, text)
    except (OSError, ValueError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1 if args.check is not None else 2
    if updated != readme:
        path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
