"""Small file helpers shared by the writers and the importers."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType


def sha256_file(path: Path) -> str:
    """The file's sha256, hex, read in 4 MiB chunks.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as fh:
    ...     _ = fh.write(b"abc"); fh.flush()
    ...     sha256_file(Path(fh.name))[:16]
    'ba7816bf8f01cfea'
    """
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file beside it, then rename: a reader
    sees the old file or the whole new one, never half of it (text is written as UTF-8).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.json", '{"ok": true}')
    >>> (folder / "a.json").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
    ('{"ok": true}', ['a.json'])
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def source_stamp(*modules: ModuleType) -> str:
    """A short hash of the source files of ``modules``: stamps a stored result with the code
    that made it, so a result made by other code is recomputed rather than reused.

    >>> import graph.files
    >>> len(source_stamp(graph.files)), source_stamp(graph.files) == source_stamp(graph.files)
    (16, True)
    """
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]
