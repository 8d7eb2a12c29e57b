"""Shared by the browser tests and ``make screenshots``: start the real app, launch Chromium.

Not a test module: it has no tests and no pytest dependency, so a script can use it too.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import app_launch

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, under Playwright (skipped naming the package where absent,
    failed under ``CI=true``)."""
    from playwright import sync_api

    from tests.conftest import require_program

    path = require_program("chromium", "chromium")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class AppFailed(RuntimeError):
    """The app did not start or did not answer in time."""


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            msg = f"the app exited early with code {proc.returncode}"
            raise AppFailed(msg)
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    msg = f"the app did not answer at {url} within {timeout} s"
    raise AppFailed(msg)


@contextlib.contextmanager
def running_app(home: Path, log_path: Path, **env: str) -> Iterator[str]:
    """The app as ``make app`` starts it (:func:`app_launch.command`, without the file watcher)
    on a free port with ``REGKG_HOME=home``; yields its URL and always stops it."""
    port = free_port()
    environ = {**os.environ, "REGKG_HOME": str(home), **env}
    cmd = app_launch.command(port, watch=False)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=environ, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(f"http://127.0.0.1:{port}/_stcore/health", proc, 30.0)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
