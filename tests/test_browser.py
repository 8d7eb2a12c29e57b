"""The real app in real Chromium: the graph is drawn, and a hostile name stays text."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import REPO, require_program

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Dialog, ElementHandle, Frame, Page

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

HOSTILE = "<img src=x onerror=alert(1)>"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Count of canvas pixels that are not white: > 0 once vis-network has drawn something.
_INKED_PIXELS = """canvas => {
  const ctx = canvas.getContext("2d");
  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] > 0 && (px[i] < 250 || px[i + 1] < 250 || px[i + 2] < 250)) { n++; }
  }
  return n;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture
def app_url(world_home: Path, tmp_path: Path) -> Iterator[str]:
    """The app served by ``streamlit run`` on a free local port; always stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "REGKG_HOME": str(world_home)}
    log = (tmp_path / "streamlit.log").open("wb")
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py"]
    cmd += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd += ["--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_http(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def test_graph_is_drawn_and_hostile_name_stays_text(app_url: str, tmp_path: Path) -> None:
    chromium = require_program("chromium", "chromium")
    dialogs: list[str] = []
    console_errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(30_000)

            def on_dialog(dialog: Dialog) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            def on_console(message: ConsoleMessage) -> None:
                if message.type == "error":
                    console_errors.append(message.text)

            page.on("dialog", on_dialog)
            page.on("console", on_console)
            page.goto(app_url)
            page.get_by_text("Not legal advice", exact=False).first.wait_for()

            _pick_entity(page, "Acme Video Ltd")
            _wait_for_caption(page, "Acme Video Ltd")
            canvas = _wait_for_drawing(page)
            box = canvas.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 100

            _pick_entity(page, HOSTILE)
            caption = _wait_for_caption(page, HOSTILE)
            assert HOSTILE in caption
            _wait_for_drawing(page)
            page.wait_for_timeout(500)  # give any injected handler the chance to fire
            page.screenshot(path=str(tmp_path / "app.png"))
            page.locator('[data-testid="stIFrame"]').screenshot(path=str(tmp_path / "graph.png"))

            assert dialogs == []
            assert page.locator('img[src="x"]').count() == 0
            frame = _graph_frame(page)
            assert frame.locator('img[src="x"]').count() == 0
            assert frame.evaluate("window.regkgNetwork.body.data.nodes.length") >= 2
        finally:
            browser.close()
    assert (tmp_path / "app.png").stat().st_size > 0
    assert (tmp_path / "graph.png").stat().st_size > 0
    assert not [e for e in console_errors if "Content Security Policy" in e], console_errors


def _graph_frame(page: Page) -> Frame:
    handle = page.wait_for_selector('[data-testid="stIFrame"]')
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    return frame


def _wait_for_drawing(page: Page) -> ElementHandle:
    """The graph canvas inside the iframe, once it has visible, non-blank pixels."""
    frame = _graph_frame(page)
    canvas = frame.wait_for_selector("#graph canvas")
    assert canvas is not None
    frame.wait_for_function(f"() => ({_INKED_PIXELS})(document.querySelector('#graph canvas')) > 0")
    return canvas


def _pick_entity(page: Page, label: str) -> None:
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.keyboard.type(label)
    page.get_by_role("option", name=label, exact=True).first.click()


def _wait_for_caption(page: Page, label: str) -> str:
    text = page.locator('[data-testid="stText"]').filter(has_text=label).first
    text.wait_for()
    return text.inner_text()
