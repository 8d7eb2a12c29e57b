"""The one place that chooses a store backend: ``REGKG_STORE`` is ``disk``, ``memory`` or a URL."""

from __future__ import annotations

from pathlib import Path

from graph import settings
from graph.errors import StoreError
from graph.stores.contract import Store
from graph.stores.embedded import BACKENDS, GraphStore
from graph.stores.remote import RemoteStore


def open_store(home: Path | None = None, *, in_memory: bool = False) -> Store:
    """Open the store the settings select (``REGKG_STORE``): the current generation read-only
    (``disk``), copied into memory (``memory``, or ``in_memory=True``), or a remote SPARQL
    endpoint (an http(s) URL).

    Readers call :func:`open_store` and get a :class:`graph.stores.contract.Store`; writers and
    ``regkg push`` open the embedded store they write with
    :meth:`graph.stores.embedded.GraphStore.open_local`.
    """
    backend = settings.store_backend()
    if backend.startswith(("http://", "https://")):
        return RemoteStore(backend)
    if backend not in BACKENDS:
        msg = f"REGKG_STORE={backend!r}: use one of {', '.join(BACKENDS)} or an http(s) URL"
        raise StoreError(msg)
    return GraphStore.open_local(home, in_memory=in_memory or backend == "memory")
