"""Snapshots: write a dated, citable snapshot of the graph and download each of its files.

A snapshot goes to ``snapshots/<date>-<data hash>/`` (``REGKG_SNAPSHOTS``); one already written
today for the same data is reused. If that folder cannot be written, the snapshot goes to a
temporary folder for this session instead.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import streamlit as st

from graph import settings
from graph.errors import ExportError
from graph.explorer import snapshots as snapshot_view
from graph.stores.contract import Store
from pages import common

K_FOLDER = "snapshots_folder"
K_TEMP = "snapshots_temp"
K_PICK = "snapshots_pick"


def build(store: Store) -> None:
    """Write (or reuse) the snapshot of this store's data; remember its folder."""
    try:
        with st.spinner("Writing the snapshot (RDF in four formats, every view, manifest)…"):
            try:
                folder, made = snapshot_view.ensure_snapshot(store)
            except OSError as exc:
                temp = st.session_state.setdefault(K_TEMP, tempfile.mkdtemp(prefix="regkg-snap-"))
                st.info(
                    common.md_escape(
                        f"The snapshot folder {settings.snapshot_dir()} cannot be written "
                        f"({exc}); this snapshot goes to a temporary folder for this session."
                    )
                )
                folder, made = snapshot_view.ensure_snapshot(store, Path(temp) / "snapshot")
    except ExportError as exc:
        st.error(common.md_escape(f"The snapshot could not be written: {exc}"))
        return
    st.session_state[K_FOLDER] = str(folder)
    st.session_state[K_PICK] = str(folder)
    if made:
        st.success(common.md_escape(f"Snapshot written to {folder}."))
    else:
        st.info(
            common.md_escape(
                f"A snapshot of exactly this data was already written today: {folder}."
            )
        )


def show_manifest(folder: Path) -> None:
    """What the snapshot holds: counts, sources and licences, and every file to download."""
    manifest = snapshot_view.read_manifest(folder)
    st.subheader(common.md_escape(f"Snapshot {folder.name}"))
    st.text(f"Folder: {folder}")
    counts = manifest.get("counts", {})
    a, b, c = st.columns(3)
    a.metric("Triples", f"{int(counts.get('triples', 0)):,}")
    b.metric("Named graphs", f"{len(counts.get('graphs', {})):,}")
    c.metric("Files", f"{len(manifest.get('files', {})) + 1:,}")
    st.text(
        f"Created: {manifest.get('created', 'unknown')}\n"
        f"Ontology version: {manifest.get('ontology_version') or 'unknown'}\n"
        f"Data hash (sha256 of graph.nt): {manifest.get('data_hash', '')}"
    )
    if manifest.get("notice"):
        st.caption(str(manifest["notice"]))

    st.markdown("**Sources and licences**")
    sources = manifest.get("sources", [])
    st.dataframe(
        {
            "Source": [str(s.get("title", "")) for s in sources],
            "Licence": [str(s.get("licence", "")) for s in sources],
            "Attribution": [str(s.get("attribution", "")) for s in sources],
            "Named graph": [str(s.get("graph", "")) for s in sources],
        },
        hide_index=True,
    )
    left, right = st.columns(2)
    graphs = counts.get("graphs", {})
    left.markdown("**Triples per named graph**")
    left.dataframe(
        {"Named graph": list(graphs), "Triples": [int(v) for v in graphs.values()]},
        hide_index=True,
    )
    classes = counts.get("classes", {})
    right.markdown("**Records per class**")
    right.dataframe(
        {"Class": list(classes), "Records": [int(v) for v in classes.values()]},
        hide_index=True,
    )

    st.markdown("**Files** (sha256 as recorded in the manifest)")
    files = snapshot_view.snapshot_files(folder)
    st.dataframe(
        {
            "File": [f.name for f in files],
            "Bytes": [f.bytes for f in files],
            "sha256": [f.sha256 or "(the manifest itself)" for f in files],
        },
        hide_index=True,
    )
    cols = st.columns(3)
    for i, f in enumerate(files):
        cols[i % 3].download_button(
            f"Download {f.name}",
            data=partial(f.path.read_bytes),
            file_name=f.name.replace("/", "-"),
            mime=f.mime,
            on_click="ignore",
            key=f"snapshot_file_{f.name}",
        )


def main() -> None:
    """The whole page."""
    common.notice()
    st.title("Snapshots")
    st.markdown(
        "A snapshot freezes the graph for citation: every named graph as N-Triples, Turtle, "
        "TriG and JSON-LD; every view as GraphML, GEXF and node-link JSON; and a manifest with "
        "counts, the sha256 of every file, and each source's licence and attribution."
    )
    store = common.store()
    if store is None:
        return
    if st.button("Build a snapshot", type="primary", key="snapshots_build"):
        build(store)
    names = [str(p) for p in snapshot_view.list_snapshots(settings.snapshot_dir())]
    built = st.session_state.get(K_FOLDER)
    if built is not None and built not in names:
        names.insert(0, built)  # a snapshot in this session's temporary folder
    if not names:
        st.info(
            common.md_escape(f"No snapshot yet in {settings.snapshot_dir()}.")
            + " Build one with the button above (or `regkg export` on the command line)."
        )
        return
    if st.session_state.get(K_PICK) not in names:
        st.session_state.pop(K_PICK, None)
    chosen = st.selectbox("Snapshot to show", names, format_func=lambda p: Path(p).name, key=K_PICK)
    folder = Path(chosen)
    if not snapshot_view.is_snapshot(folder):
        st.warning(
            common.md_escape(
                f"The snapshot folder {folder} is gone or incomplete; build a new one."
            )
        )
        return
    show_manifest(folder)


main()
