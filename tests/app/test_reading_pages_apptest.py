"""The multipage app, run headless with AppTest against a built fixture store: the navigation,
the shared furniture, and the Overview, Search, Entity, Legal questions and Fines pages (one real
interaction each). Expected values come from the fixture YAML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ID = "https://w3id.org/regkg/id/"
HOSTILE = "<img src=x onerror=alert(1)>"
MY_PAGES = ("overview", "search", "entity", "questions", "fines")


def _app(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _open(page: str, **params: str | list[str]) -> AppTest:
    at = _app(**params).run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(at: AppTest) -> list[str]:
    """Every markdown source the page sent (titles, markdown, captions, badges, warnings)."""
    out = [str(e.value) for e in (*at.title, *at.header, *at.subheader, *at.markdown)]
    out += [str(e.value) for e in (*at.caption, *at.warning, *at.info, *at.error)]
    return out + [str(p.proto.label) for p in at.get("page_link")]


def _links(at: AppTest) -> list[tuple[str, dict[str, list[str]]]]:
    return [(p.proto.label, parse_qs(p.proto.query_string)) for p in at.get("page_link")]


def _charts(at: AppTest) -> list[str]:
    """The pages' SVG charts (graph.drawing.charts), each an iframe page that runs no script."""
    pages = [f.proto.srcdoc for f in at.get("iframe") if 'class="regkg-chart"' in f.proto.srcdoc]
    assert all("default-src 'none'" in p and "<script" not in p for p in pages)
    return pages


def _assert_notice(at: AppTest) -> None:
    notices = [w.value for w in at.warning if w.value.startswith("Not legal advice.")]
    assert len(notices) == 1


@pytest.mark.parametrize("page", MY_PAGES)
def test_every_page_has_notice_navigation_and_sidebar_search(world_env: Path, page: str) -> None:
    at = _open(page)
    _assert_notice(at)
    assert [t.key for t in at.sidebar.text_input] == ["regkg_sidebar_q"]
    assert not at.error


def test_overview_counts_charts_largest_latest_and_sources(world_env: Path) -> None:
    at = _open("overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Decisions"] == "15"  # the fixture's 15 decisions
    assert metrics["Companies"] == "5"
    assert metrics["Legal questions"] == "2" and metrics["Holdings"] == "4"
    assert len(_charts(at)) == 3  # per year, regulator, jurisdiction
    assert any("3 fines, EUR 1,059,723" in c.value and "1 without" in c.value for c in at.caption)
    frames = [d.value for d in at.dataframe]
    largest = next(f for f in frames if "Fine" in f.columns)
    assert list(largest["Fine"]) == [
        "ADO fine on Acme EU (children), 2021",
        "BMCB fine on a hostile name, 2022",
    ]
    assert set(largest["Trust tier"]) == {"curated-verified"}
    latest = next(f for f in frames if "Decision" in f.columns)
    assert latest["Decision"].iloc[0] == "Borduria Tax Agency ruling, 2023"
    assert latest["Trust tier"].iloc[0] == "machine-coded"
    sources = next(f for f in frames if "Licence" in f.columns)
    assert set(sources["Licence"]) == {"CC0-1.0"}
    assert "Fixture organisations" in set(sources["Source"])
    assert any(c.value.startswith("Graph built at 20") for c in at.caption)


def test_search_for_acme_lists_entities_with_links(world_env: Path) -> None:
    at = _open("search")
    at.text_input(key="q").input("Acme").run()
    assert not at.exception
    links = _links(at)
    labels = [label for label, _ in links]
    for name in ("Acme Group plc", "Acme Video Ltd", "Acme EU Ltd", "CX v Acme Video"):
        assert name in labels
    assert dict(links)["Acme Video Ltd"] == {"id": [ID + "company/acme-video"]}
    assert any("14 results" in c.value for c in at.caption)


def test_search_from_a_link_ranks_the_identifier_first(world_env: Path) -> None:
    at = _open("search", q="ECLI:AA:ASC:2021:1")
    assert at.text_input(key="q").value == "ECLI:AA:ASC:2021:1"
    label, params = _links(at)[0]
    assert label == "Rex v Acme Group \\[2021\\] ASC 1"
    assert params == {"id": [ID + "decision/supreme-2021"]}
    nothing = _open("search", q="no such words anywhere")
    assert any("Nothing matches" in w.value for w in nothing.warning)


def test_entity_page_for_a_decision_from_query_params(world_env: Path) -> None:
    at = _open("entity", id=ID + "decision/ado-fine-2021")
    assert [t.value for t in at.title] == ["ADO fine on Acme EU \\(children\\), 2021"]
    assert any(":green-badge[curated\\-verified]" in m.value for m in at.markdown)
    assert any("as of 2026\\-01\\-01" in m.value for m in at.markdown)
    assert [t.value for t in at.text] == [ID + "decision/ado-fine-2021"]  # the IRI, as text
    assert not at.code  # a code block would load the browser's syntax highlighter
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Imposed amount": "1,000,000.00 EUR", "Reduced amount": "800,000.00 EUR"}
    heads = [s.value for s in at.subheader]
    for head in ("Identifiers", "Parties and roles", "Provisions", "Procedure chain", "Holdings"):
        assert head in heads
    frames = [d.value for d in at.dataframe]
    chain = next(f for f in frames if "Step" in f.columns)
    assert len(chain) == 6 and list(chain["Date"]) == sorted(chain["Date"])
    parties = next(f for f in frames if "Role" in f.columns)
    assert set(zip(parties["Party"], parties["Role"], strict=True)) == {
        ("Acme EU Ltd", "subject"),
        ("CX, an anonymous child claimant", "complainant"),
    }
    sources = next(f for f in frames if "Publisher" in f.columns)
    assert list(sources["Source"]) == ["https://example.org/ado-fine"]
    assert dict(_links(at))["Are public\\-by\\-default child accounts lawful?"] == {
        "question": [ID + "question/q2"]
    }
    assert len(_charts(at)) == 1  # the procedure chain on a timeline


def test_entity_page_shows_a_hostile_name_as_text(world_env: Path) -> None:
    at = _open("entity", id=ID + "company/hostile-co")
    assert at.title[0].value == "&lt;img src\\=x onerror\\=alert\\(1\\)&gt;"
    texts = _texts(at)
    assert not [t for t in texts if "<img" in t]
    facts = next(d.value for d in at.dataframe if "Property" in d.value.columns)
    decisions = next(d.value for d in at.dataframe if "Link" in d.value.columns)
    assert list(decisions["Decision"]) == ["BMCB fine on a hostile name, 2022"]
    assert "A synthetic hostile name for escaping tests." in set(facts["Value"])


def test_entity_picker_and_unknown_ids(world_env: Path) -> None:
    at = _open("entity")
    at.selectbox(key="entity_pick").select(ID + "company/acme-group").run()
    assert not at.exception
    assert at.query_params["id"] == ID + "company/acme-group"
    assert at.title[0].value == "Acme Group plc"
    short = _open("entity", id="company/acme-video")
    assert short.title[0].value == "Acme Video Ltd"
    assert any("Also known as" in m.value for m in short.markdown)
    unknown = _open("entity", id=ID + "company/nobody")
    assert [e.value for e in unknown.error] == ["The graph has no record with this identifier."]
    assert unknown.selectbox(key="entity_pick").value is None


def test_question_page_pick_a_question(world_env: Path) -> None:
    at = _open("questions")
    assert at.query_params["question"] == "q1"
    at.selectbox(key="question_pick").select(ID + "question/q2").run()
    assert not at.exception
    assert at.query_params["question"] == "q2"
    holdings = next(d.value for d in at.dataframe if "Answered by" in d.value.columns)
    assert list(holdings["Direction"]) == ["no", "partly"]
    assert list(holdings["Decision"]) == [
        "ADO fine on Acme EU (children), 2021",
        "Acme EU v ADO [2022] AHC 9",
    ]
    links = next(d.value for d in at.dataframe if "Treatment" in d.value.columns)
    assert list(links["Treatment"]) == ["distinguishes"]
    latest = next(
        d.value
        for d in at.dataframe
        if "Jurisdiction" in d.value.columns and "Answered by" not in d.value.columns
    )
    assert list(latest["Decision"]) == ["Acme EU v ADO [2022] AHC 9"]
    assert any("not a legal opinion" in c.value for c in at.caption)
    assert len(_charts(at)) == 3  # every question, this question, its line of case law


def test_question_chart_rows_are_short_titles_and_the_line_draws_arrows(world_env: Path) -> None:
    at = _open("questions")
    every, _this, line = _charts(at)
    rows = re.findall(r"<g><title>([^<]*)</title><text", every)
    assert rows == ["Loss of control as damage", "Public-by-default child accounts"]
    assert not re.search(r">Q\d+<", every)
    assert "Line of case law: Loss of control as damage" in line
    # q1's two rulings and the one link between them (CX considers the Supreme Court)
    assert line.count('marker-end="url(#regkg-arrow)"') == 1
    assert "Later ruling: CX v Acme Video [2022] AHC 5\nTreatment: considers" in line
    assert any("2 rulings, 1 citation arrows" in m for m in _texts(at))


def test_question_page_from_a_link(world_env: Path) -> None:
    at = _open("questions", question=ID + "question/q2")
    assert at.selectbox(key="question_pick").value == ID + "question/q2"
    assert at.query_params["question"] == "q2"
    bad = _open("questions", question="q99")
    assert any("not in the graph" in w.value for w in bad.warning)


def test_fines_filter_and_totals(world_env: Path) -> None:
    at = _open("fines")
    table = at.dataframe[0].value
    assert len(table) == 3
    assert list(table["Date"]) == ["2022-02-14", "2021-05-10", "2020"]  # latest first
    at.multiselect(key="regulator").select(ID + "regulator/aa-dpa").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Fine"]) == [
        "ADO fine on Acme EU (children), 2021",
        "ADO fine on Lone Widgets, 2020",
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Fines shown": "2 of 3",
        "Total in EUR": "1,000,000",
        "Without a EUR value": "1",
    }
    assert at.get("download_button")[0].proto.label == "Download these rows as CSV"


def test_fines_filters_from_a_link(world_env: Path) -> None:
    at = _open("fines", jurisdiction="BB · Borduria", sort="amount (EUR)")
    table = at.dataframe[0].value
    assert list(table["Fine"]) == ["BMCB fine on a hostile name, 2022"]
    assert list(table["Fined"]) == [HOSTILE]
    groups = _open("fines", company="Acme Group plc", unconverted="false")
    assert list(groups.dataframe[0].value["Group"]) == ["Acme Group plc"]


@pytest.mark.parametrize("page", MY_PAGES)
def test_without_a_store_every_page_says_how_to_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(tmp_path))
    at = _open(page)
    assert len(at.error) == 1
    assert "regkg build" in at.error[0].value
    assert not at.dataframe
    _assert_notice(at)
