"""The static SVG charts (graph.drawing.charts, graph.drawing.svg): well-formed, labels escaped and shown as text
(hostile labels included), bars and points where the data puts them, and a chart page that can
run no script and fetch nothing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from graph.drawing import charts, svg

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<img src=x onerror=alert(1)>"
NASTY = [HOSTILE, '"><script>alert(1)</script>', "A & B \x00\x07 C", "</svg><b>x</b>"]


def parse(chart: charts.Chart) -> ET.Element:
    """The chart's SVG as XML (fails on anything not well-formed)."""
    return ET.fromstring(chart.svg)


def tag_names(root: ET.Element) -> set[str]:
    return {el.tag.removeprefix(NS) for el in root.iter()}


def attribute_names(root: ET.Element) -> set[str]:
    return {name for el in root.iter() for name in el.attrib}


def texts(root: ET.Element, tag: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(NS + tag)]


def assert_inert(root: ET.Element) -> None:
    """Only drawing elements, no event handler, no link, nothing to fetch."""
    assert tag_names(root) <= {"svg", "g", "rect", "circle", "line", "text", "title"}
    assert not [a for a in attribute_names(root) if a.lower().startswith("on") or "href" in a]


def bars(horizontal: bool, label: str) -> charts.Chart:
    groups = [(label, 3_000_000.0, 2), ("Second", 1_000_000.0, 1), ("Third", 0.0, 1)]
    return charts.bar_chart(groups, title="Fines", category="Regulator", horizontal=horizontal)


@pytest.mark.parametrize("horizontal", [True, False])
@pytest.mark.parametrize("label", NASTY)
def test_bar_chart_labels_are_text(horizontal: bool, label: str) -> None:
    root = parse(bars(horizontal, label))
    assert_inert(root)
    clean = svg.esc(label)  # what reaches the SVG: escaped, XML-invalid characters dropped
    plain = re.sub("[\x00-\x08]", "", label)
    assert f"Regulator: {plain}\nEUR: 3,000,000\nFines: 2" in texts(root, "title")
    assert "<img" not in bars(horizontal, label).svg.replace(clean, "")


@pytest.mark.parametrize("label", NASTY)
def test_timeline_labels_are_text(label: str) -> None:
    items = [
        charts.Point(label, "2021-05-10", label, (("Decision", label), ("Date", "2021-05-10"))),
        charts.Point("Other", "2022", "yes", (("Decision", "Plain"),)),
    ]
    chart = charts.timeline_chart(items, title=label, legend="Answer")
    root = parse(chart)
    assert_inert(root)
    plain = re.sub("[\x00-\x08]", "", label)
    assert f"Decision: {plain}\nDate: 2021-05-10" in texts(root, "title")
    assert plain in texts(root, "title")  # the row label's full text
    assert root.get("aria-label") == plain
    page = chart.page()
    assert "<img" not in page and "<script" not in page and "<b>" not in page


def test_hostile_name_from_table_rows() -> None:
    """The pages' path: table rows → points → chart page; the name only ever as text."""
    rows = [{"Date": "2022-02-14", "Decision": "Fine", "Fined": HOSTILE, "IRI": "https://x/1"}]
    chart = charts.timeline_chart(
        charts.points(rows, row="Fined", colour="Decision"), title="t", legend="Kind"
    )
    root = parse(chart)
    assert HOSTILE in texts(root, "title")
    assert f"Date: 2022-02-14\nDecision: Fine\nFined: {HOSTILE}" in texts(root, "title")
    assert "https://x/1" not in chart.svg  # hidden column
    assert "&lt;img src=x onerror=alert(1)&gt;" in chart.svg


def test_chart_page_runs_no_script_and_fetches_nothing() -> None:
    page = bars(True, "First").page()
    assert f'content="{svg.CSP}"' in page
    assert svg.CSP == "default-src 'none'; style-src 'unsafe-inline'"
    assert "<script" not in page.lower()
    assert not re.search(r"\b(src|href)\s*=|url\(|@import", page, re.I)
    # The only URL is the SVG namespace (a name, never fetched).
    assert re.findall(r"https?://[^\"' )]+", page) == ["http://www.w3.org/2000/svg"]


@pytest.mark.parametrize("horizontal", [True, False])
def test_bars_are_proportional_and_in_order(horizontal: bool) -> None:
    root = parse(bars(horizontal, "First"))
    rects = list(root.iter(NS + "rect"))
    assert len(rects) == 3
    size = "width" if horizontal else "height"
    sizes = [float(r.get(size, "nan")) for r in rects]
    assert sizes[0] == pytest.approx(3 * sizes[1], rel=0.01)
    assert sizes[2] == 0
    tips = texts(root, "title")
    assert [t.split("\n")[0] for t in tips] == [
        "Regulator: First",
        "Regulator: Second",
        "Regulator: Third",
    ]


def test_bar_axis_has_titles_and_ticks() -> None:
    root = parse(bars(True, "First"))
    labels = texts(root, "text")
    assert {"Regulator", "EUR", "0", "1M", "2M", "3M"} <= set(labels)
    assert "3M" in labels  # the value beside the largest bar


@pytest.mark.parametrize("make", [charts.bar_chart, charts.timeline_chart])
def test_empty_charts_say_so(make: object) -> None:
    if make is charts.bar_chart:
        chart = charts.bar_chart([], title="t", category="Year", horizontal=False)
    else:
        chart = charts.timeline_chart([], title="t", legend="Kind")
    assert not list(parse(chart).iter(NS + "rect")) and not list(parse(chart).iter(NS + "circle"))
    assert any("chart" in t for t in texts(parse(chart), "text"))


def test_timeline_rows_colours_and_legend() -> None:
    items = [
        charts.Point("Q2", "2021-03", "no"),
        charts.Point("Q1", "2020", "yes"),
        charts.Point("Q1", "soon", "yes"),  # no readable date: left out
        charts.Point("Q1", "2022-07-01", "maybe"),
    ]
    fixed = [("yes", "#2e7d32"), ("no", "#c62828")]
    kept = parse(
        charts.timeline_chart(items, title="t", legend="Answer", colours=fixed, keep_order=True)
    )
    circles = [c for c in kept.iter(NS + "circle") if c.get("stroke") == "#ffffff"]
    assert len(circles) == 3
    assert [c.get("fill") for c in circles] == ["#c62828", "#2e7d32", svg.PALETTE[0]]
    labels = texts(kept, "text")
    assert labels.index("Q2") < labels.index("Q1")  # first seen first
    assert {"Answer:", "yes", "no", "maybe", "Jan 2021", "Jan 2022"} <= set(labels)
    xs = [float(c.get("cx", "nan")) for c in circles]
    assert xs[1] < xs[0] < xs[2]  # 2020 < 2021-03 < 2022-07
    ordered = texts(parse(charts.timeline_chart(items, title="t", legend="Answer")), "text")
    assert ordered.index("Q1") < ordered.index("Q2")  # sorted


def test_points_on_the_same_day_stay_apart() -> None:
    items = [charts.Point("Q1", "2021-05-10", "yes")] * 3 + [charts.Point("Q1", "2023", "no")]
    root = parse(charts.timeline_chart(items, title="t", legend="Answer"))
    circles = [c for c in root.iter(NS + "circle") if c.get("stroke") == "#ffffff"]
    same_day = {(c.get("cx"), c.get("cy")) for c in circles[:3]}
    assert len(same_day) == 3 and len({cx for cx, _cy in same_day}) == 1


def test_points_from_rows() -> None:
    rows = [{"Date": "2021", "Kind": "fine", "EUR": float("nan"), "Note": "", "IRI": "x"}]
    (p,) = charts.points(rows, row="Kind", colour="Kind")
    assert p == charts.Point("fine", "2021", "fine", (("Date", "2021"), ("Kind", "fine")))


@pytest.mark.parametrize(
    ("top", "expected"),
    [(0, [0, 1]), (1, [0, 0.5, 1]), (3e9, [0, 1e9, 2e9, 3e9]), (45, [0, 20, 40, 60])],
)
def test_nice_ticks(top: float, expected: list[float]) -> None:
    assert svg.nice_ticks(top) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (950, "950"), (1_000, "1k"), (1_250_000, "1.2M"), (3.1e9, "3.1bn")],
)
def test_compact(value: float, text: str) -> None:
    assert svg.compact(value) == text


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        ("2021-01-15", "2021-04-20", ["Feb 2021", "Mar 2021", "Apr 2021"]),
        ("2014-05-01", "2026-01-01", ["2016", "2018", "2020", "2022", "2024", "2026"]),
        ("2021-05-10", "2021-05-20", []),
    ],
)
def test_time_ticks(first: str, last: str, labels: list[str]) -> None:
    a, b = svg.day(first), svg.day(last)
    assert a is not None and b is not None
    ticks = svg.time_ticks(a, b)
    assert [label for _d, label in ticks] == labels
    assert all(a <= d <= b for d, _label in ticks)


@pytest.mark.browser
@pytest.mark.browser
def test_hostile_labels_stay_text_in_chromium() -> None:
    """In real Chromium: the chart page with hostile labels shows them as text, injects no
    element, opens no dialog and requests nothing."""
    from tests.browser_kit import chromium

    rows = [{"Date": "2022-02-14", "Fined": HOSTILE, "Kind": HOSTILE}]
    timeline = charts.timeline_chart(
        charts.points(rows, row="Fined", colour="Kind"), title=HOSTILE, legend="Kind"
    )
    bar = charts.bar_chart([(HOSTILE, 5.0, 1)], title=HOSTILE, category="Fined", horizontal=True)
    dialogs: list[str] = []
    requests: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        for chart in (timeline, bar):
            page.set_content(chart.page())
            page.locator("svg.regkg-chart").wait_for()
            page.wait_for_timeout(200)  # give any injected handler the chance to fire
            assert page.locator("img").count() == 0
            assert page.locator("svg g > rect, svg g > circle").count() == 1
            shown = page.locator("svg text").all_text_contents()
            assert any(t.startswith("<img src=x") for t in shown)
            titles = page.locator("svg title").all_text_contents()
            assert f"Fined: {HOSTILE}" in "\n".join(titles)
            assert page.locator("svg").get_attribute("aria-label") == HOSTILE
        # Even markup that slipped through could not run: the page's policy blocks scripts.
        page.set_content(bar.page().replace("</body>", "<script>window.ran = 1</script></body>"))
        assert page.evaluate("() => window.ran === undefined")
        page.close()
    assert dialogs == []
    assert requests == []
