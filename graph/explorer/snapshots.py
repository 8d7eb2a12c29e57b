"""Snapshots for the app: write one (or reuse today's of the same data), and list its files."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.publish.export import default_out, export_snapshot
from graph.stores.contract import Store

MANIFEST = "manifest.json"

#: MIME type offered for each snapshot file suffix.
MIME_TYPES = {
    ".nt": "application/n-triples",
    ".ttl": "text/turtle",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".json": "application/json",
}

_WRITE_LOCK = threading.Lock()


@dataclass(frozen=True)
class SnapshotFile:
    """One file of a snapshot: its path relative to the snapshot, size, sha256 and MIME type."""

    name: str
    path: Path
    bytes: int
    sha256: str
    mime: str


def is_snapshot(folder: Path) -> bool:
    """Whether ``folder`` is a finished snapshot (it has a manifest)."""
    return (folder / MANIFEST).is_file()


def ensure_snapshot(
    store: Store, out: Path | None = None, *, created: str | None = None
) -> tuple[Path, bool]:
    """The snapshot folder for ``store``'s data (default ``snapshots/<date>-<hash>/``) and
    whether it was written now: a finished snapshot already there is reused.

    :func:`graph.publish.export.export_snapshot` stages its files in a folder named after the
    process id, so two sessions of one server writing the same snapshot at once would collide; this
    function serialises snapshot writes within the process.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from graph.pipeline.sample import world_store
    >>> out = Path(tempfile.mkdtemp()) / "snap"
    >>> folder, made = ensure_snapshot(world_store(), out, created="2026-01-01T00:00:00Z")
    >>> made, ensure_snapshot(world_store(), out)[1]
    (True, False)
    >>> [f.name for f in snapshot_files(folder)][:3]
    ['manifest.json', 'graph.jsonld', 'graph.nt']
    """
    target = (out or default_out(store)).resolve()
    with _WRITE_LOCK:
        if is_snapshot(target):
            return target, False
        return export_snapshot(store, target, created=created), True


def read_manifest(folder: Path) -> dict[str, Any]:
    """The parsed ``manifest.json`` of a snapshot."""
    data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return data


def snapshot_files(folder: Path) -> list[SnapshotFile]:
    """The manifest first, then every file the manifest lists (sorted by name)."""
    manifest = read_manifest(folder)
    out = [
        SnapshotFile(
            MANIFEST, folder / MANIFEST, (folder / MANIFEST).stat().st_size, "", "application/json"
        )
    ]
    for name, info in sorted(manifest.get("files", {}).items()):
        path = folder / name
        mime = MIME_TYPES.get(path.suffix, "application/octet-stream")
        out.append(SnapshotFile(name, path, int(info["bytes"]), str(info["sha256"]), mime))
    return out


def list_snapshots(parent: Path) -> list[Path]:
    """Finished snapshots directly inside ``parent``, newest name first."""
    if not parent.is_dir():
        return []
    found = [p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted((p for p in found if is_snapshot(p)), key=lambda p: p.name, reverse=True)
