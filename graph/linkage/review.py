"""``regkg link``: relink the current store on demand, and the review list a person reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.linkage.cluster import Pair
from graph.linkage.link import Linkage
from graph.linkage.records import LinkRecord
from graph.linkage.stage import run
from graph.vocabulary.namespaces import ID_BASE

_AGREE = {"same", "exact", "shared", "overlap", "alike"}


def relink(home: Path | None = None, data_dir: Path | None = None) -> Linkage:
    """Run the linkage stage on the current store as a new generation; return its result."""
    from graph.stores.embedded import writer

    found: list[Linkage] = []

    def stage(store: Any, meta: dict[str, Any]) -> None:
        found.append(run(store, meta, data_dir))

    with writer(home) as w:
        from graph.stores.embedded import current_path, read_meta

        live = current_path(w.home)
        if live is None:
            from graph.errors import StoreError

            msg = "no store yet: run `regkg build` first"
            raise StoreError(msg)
        w.meta.update(read_meta(live))
        w.stages.append(stage)
    return found[0]


def _short(iri: str) -> str:
    return iri.removeprefix(ID_BASE + "decision/")


def _facts(r: LinkRecord) -> dict[str, str]:
    return {
        "source": r.source,
        "date": ", ".join(sorted(r.all_dates)) or "-",
        "amount": f"EUR {r.eur_amount:,.2f}" if r.eur_amount is not None else "-",
        "authority": _short(r.authority.rsplit("/", 1)[-1]),
        "company": "; ".join(sorted(r.party_labels)) or ("not named" if r.unnamed else "-"),
        "ids": ", ".join(sorted(r.ids)) or "-",
    }


def format_pair(result: Linkage, p: Pair) -> str:
    """One review entry: both records, the score, and the fields that do not agree."""
    a, b = result.records[p.a], result.records[p.b]
    fa, fb = _facts(a), _facts(b)
    lines = [f"score {p.score:+.1f}  {_short(a.iri)}  <->  {_short(b.iri)}"]
    for key in ("source", "date", "amount", "authority", "company", "ids"):
        mark = " " if fa[key] == fb[key] else "*"
        lines.append(f"  {mark} {key:<9} {fa[key][:60]:<60} | {fb[key][:60]}")
    differ = [f"{k}={v}" for k, v in p.fields.items() if v not in _AGREE]
    lines.append(f"    levels that do not agree: {', '.join(differ) or 'none'}")
    return "\n".join(lines)


def format_review(result: Linkage, limit: int) -> str:
    """The first ``limit`` pairs left for review, best score first.

    The review list shows each uncertain pair with its score and, field by field, what the two
    records say where they differ, so a reviewer can confirm or split it in ``data/links.yaml``.
    """
    shown = result.review[:limit]
    head = f"{len(result.review)} pairs for review; showing {len(shown)} (best score first)"
    return "\n\n".join([head, *(format_pair(result, p) for p in shown)])
