"""Timing a Streamlit page in Chromium from inside the browser (for `benchmarks.app_bench`).

The page is *done* when Streamlit marks its script run as ended and no spinner or skeleton is
left. An interaction is timed with ``Date.now()`` in the page: at its key or pointer event
(captured on the document) and when the page is done again; a drawing by the drawing
component's ``window.regkgPaintedAt`` (its first settled paint). Playwright's round trips are not
counted.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

#: The script run has ended (Streamlit marks its root element) and nothing is still loading.
DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]');
}"""


def rendered(page: Page) -> None:
    page.get_by_text("Not legal advice").first.wait_for()
    page.wait_for_function(DONE, polling=50)


_WATCH = """() => { window.__ranAgain = false; window.__inputAt = null; window.__doneAt = null;
  const app = document.querySelector('[data-testid="stApp"]');
  const done = %s;
  const input = () => { if (window.__inputAt === null) { window.__inputAt = Date.now(); } };
  for (const type of ['keydown', 'pointerdown']) {
    document.addEventListener(type, input, {capture: true});
  }
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.oldValue === 'running' || app.getAttribute(r.attributeName) === 'running') {
        window.__ranAgain = true;
      }
    }
  }).observe(app, {attributeFilter: ['data-test-script-state'], attributeOldValue: true});
  new MutationObserver(() => {
    if (window.__ranAgain && done()) {
      if (window.__doneAt === null) { window.__doneAt = Date.now(); }
    } else {
      window.__doneAt = null;  // running again, or a spinner came back
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true});
}""".replace("%s", DONE)


#: Marks a frame's drawing as seen before an input (a new frame has no mark; a frame that draws
#: again in place counts its drawings in ``window.regkgDraws``).
_MARK_OLD = "() => { window.__regkgOld = true; window.__regkgOldDraws = window.regkgDraws || 0; }"
#: When the frame's current drawing was first painted settled (waits for that paint).
_PAINTED = """() => new Promise((resolve) => {
  const check = () =>
    window.regkgPaintedAt ? resolve(window.regkgPaintedAt) : setTimeout(check, 10);
  check();
})"""
#: A drawing in this frame is painted with nodes, settled, and is not the one marked as old.
_NEW_DRAWING = """() => !!window.regkgNetwork && window.regkgSettled === true
  && window.regkgNetwork.body.data.nodes.length > 0
  && (!window.__regkgOld || (window.regkgDraws || 0) > window.__regkgOldDraws)"""


def mark_drawings(page: Page) -> None:
    for frame in page.frames[1:]:
        with contextlib.suppress(PlaywrightError):
            frame.evaluate(_MARK_OLD)


def wait_drawn(page: Page, timeout: float = 60.0) -> float:
    """Until some frame shows a graph drawing not marked by :func:`mark_drawings`; returns its
    ``window.regkgPaintedAt`` (``Date.now()`` of its first settled paint), or ``nan`` if none
    appears within ``timeout`` (a view over its cap shows a message instead)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for frame in page.frames[1:]:
            with contextlib.suppress(PlaywrightError):
                if frame.evaluate(_NEW_DRAWING):
                    painted: float = frame.evaluate(_PAINTED)
                    return painted
        time.sleep(0.02)
    print("  (no new graph drawing appeared: not timed)", flush=True)
    return float("nan")


def rerun(
    page: Page,
    act: Callable[[], None],
    *,
    drawn: list[float] | None = None,
    prepare: Callable[[], None] | None = None,
) -> float:
    """Seconds from ``act``'s input event to the end of the rerun it causes, timed in the browser
    (``Date.now()`` at the key or pointer event, and when the page is done again), so Playwright's
    round trips are not counted.

    ``prepare`` runs first, untimed: the steps before the input is committed, such as opening a
    select box's list (its animation is the widget's, not the app's response).
    With ``drawn``, the seconds from the input until a new graph drawing is painted settled
    (``window.regkgPaintedAt`` in the drawing's frame) are appended to it.
    The frontend ignores input for a moment after a run ends: an ``act`` that starts no run
    within 3 s is repeated (and the time counted from the repeat); ``nan`` after five tries."""
    for _attempt in range(5):
        page.wait_for_timeout(300)
        if drawn is not None:
            mark_drawings(page)
        if prepare is not None:
            prepare()
        page.evaluate(_WATCH)
        act()
        try:
            page.wait_for_function("() => window.__ranAgain === true", polling=20, timeout=3000)
        except PlaywrightTimeout:
            continue
        page.wait_for_function(DONE, polling=20)
        page.wait_for_function("() => window.__doneAt !== null", polling=20)
        start, end = page.evaluate("() => [window.__inputAt, window.__doneAt]")
        if drawn is not None:
            painted = wait_drawn(page)
            drawn.append((painted - start) / 1000)
        return float(end - start) / 1000
    return float("nan")  # the input started no run
