"""Keep a query process off the network: defence in depth behind :mod:`graph.sparql.safety`."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from functools import lru_cache

from graph import settings
from graph.errors import StoreError

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def _unshare(flags: int) -> int:
    """0 on success, else the errno of ``unshare(flags)``."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.unshare(flags) == 0:
        return 0
    return ctypes.get_errno()


def _map_own_ids(uid: int, gid: int) -> None:
    """Inside a new user namespace, map this process's own uid/gid (files keep their owner)."""
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"{gid} {gid} 1")


@lru_cache(maxsize=1)
def isolate() -> str | None:
    """Move this process into a new network namespace; None on success, else why not.

    Idempotent per process. Linux only; elsewhere it answers why not.

    pyoxigraph 0.5 evaluates ``SERVICE`` over HTTP and its Python API has no way to build or call a
    store without a service handler, so a process that runs user queries moves itself into a new,
    empty network namespace (``unshare(CLONE_NEWNET)`` through ctypes): it then has only a loopback
    interface that is down, and every connect fails with "network is unreachable", whatever the
    query says. Without the privilege for that (it needs ``CAP_SYS_ADMIN``, root here and in CI), it
    tries a new user namespace holding the new network namespace (unprivileged user namespaces; only
    a single-threaded process may enter one, so it is done before the store is opened).

    When neither is permitted, :func:`isolate` returns the reason and the caller says so on stderr:
    queries still pass the parsed-query check, but the second wall is missing. ``REGKG_ISOLATION=
    required`` makes that an error instead (the worker refuses to run queries). Queries against a
    remote store cannot be isolated (the process must reach the store): they rely on the check.
    """
    if not hasattr(os, "getuid") or not os.path.exists("/proc/self/ns/net"):
        return "no Linux network namespaces on this system"
    err = _unshare(CLONE_NEWNET)
    if err == 0:
        return None
    uid, gid = os.getuid(), os.getgid()
    err_user = _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    if err_user == 0:
        try:
            _map_own_ids(uid, gid)
        except OSError as exc:
            return f"a user namespace was made but its ids could not be mapped: {exc}"
        return None
    return (
        f"unshare(CLONE_NEWNET) was refused ({os.strerror(err)}), and so was a new user "
        f"namespace ({os.strerror(err_user)})"
    )


def required() -> bool:
    """Whether a query process must refuse to run when it cannot be isolated."""
    return os.environ.get("REGKG_ISOLATION", "").strip().lower() == "required"


def remote_store() -> bool:
    """Whether the settings select a remote store (a process reading it needs the network)."""
    return settings.store_backend().startswith(("http://", "https://"))


def isolate_or_warn(who: str) -> str | None:
    """:func:`isolate`, saying on stderr (once) when it is not possible; raise if required."""
    why = isolate()
    if why is None:
        return None
    if required():
        msg = f"{who}: cannot keep queries off the network ({why}) and REGKG_ISOLATION=required"
        raise StoreError(msg)
    if not _warned:
        _warned.append(why)
        print(
            f"regkg: warning: {who} runs queries with network access ({why}); SERVICE is "
            "still refused by the query check",
            file=sys.stderr,
            flush=True,
        )
    return why


_warned: list[str] = []
