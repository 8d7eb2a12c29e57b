"""Screenshots for the README (``make screenshots``): the graph explorer and a legal question,
taken in real Chromium from the app running on the built store, with the same helpers as the
browser tests. Writes ``docs/screenshots/*.png``; tests never write into the checkout.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from graph import settings  # noqa: E402
from tests.browser_kit import CHROMIUM_ARGS, running_app  # noqa: E402

#: The graph drawing component's frame (pages/frames.py).
DRAWING = 'iframe[data-testid="stCustomComponentV1"]'
PAGES = {
    "explorer.png": ("explorer", True),
    "legal-question.png": ("questions?question=q01", False),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_app(settings.home(), Path(tmp) / "log") as url,
    ):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(60_000)
            for name, (path, graph) in PAGES.items():
                page.goto(url + path)
                page.get_by_text("Not legal advice").first.wait_for()
                if graph:
                    frame = page.locator(DRAWING).first.element_handle()
                    assert frame is not None
                    content = frame.content_frame()
                    assert content is not None
                    content.wait_for_function("() => window.regkgSettled === true")
                for grid in page.locator('[data-testid="stDataFrame"]').all():
                    grid.locator("canvas").first.wait_for()
                page.wait_for_timeout(5000)
                page.screenshot(path=str(out / name), full_page=False)
                print(f"wrote {out / name}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
