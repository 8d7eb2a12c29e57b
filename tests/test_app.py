"""The Streamlit app, run headless with AppTest against a built fixture store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
ACME_GROUP = "https://w3id.org/regkg/id/company/acme-group"


def _run() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def _srcdoc(at: AppTest) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return str(frames[0].proto.srcdoc)


def test_app_shows_stats_sources_and_notice(world_env: Path) -> None:
    at = _run()
    assert not at.exception
    assert not at.error
    assert any(w.value.startswith("Not legal advice.") for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Triples"].replace(",", "")) > 0
    assert metrics["Built at"] != "unknown"
    assert [s.value for s in at.subheader] == ["Records per class", "Triples per named graph"]
    tables = [d.value for d in at.dataframe]
    classes = tables[0].set_index("Class")["Records"]
    assert classes["Company"] == 5
    assert "https://w3id.org/regkg/graph/curated-orgs" in set(tables[1]["Named graph"])
    sources = tables[2]
    assert set(sources["Licence"]) == {"CC0-1.0"}
    assert "Fixture organisations" in set(sources["Source"])
    assert set(sources["Attribution"]) == {"regkg test fixtures (synthetic)"}


def test_app_draws_and_follows_a_new_selection(world_env: Path) -> None:
    at = _run()
    assert not at.exception
    box = at.selectbox(key="entity")
    assert box.value is not None
    first = _srcdoc(at)
    assert "vis.Network" in first
    assert "<img src=x onerror" not in first

    box.select(ACME_GROUP)
    at.slider(key="depth").set_value(2)
    at.run()
    assert not at.exception
    assert at.selectbox(key="entity").value == ACME_GROUP
    assert any("Acme Group plc" in t.value and "2 link" in t.value for t in at.text)
    second = _srcdoc(at)
    assert second != first
    assert '"selected": "https://w3id.org/regkg/id/company/acme-group"' in second


def test_hostile_name_is_shown_as_text(world_env: Path) -> None:
    at = _run()
    at.selectbox(key="entity").select("https://w3id.org/regkg/id/company/hostile-co").run()
    assert not at.exception
    assert any("<img src=x onerror=alert(1)>" in t.value for t in at.text)
    assert all("<img" not in m.value for m in at.markdown)


def test_app_without_a_store_says_how_to_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGKG_HOME", str(tmp_path))
    at = _run()
    assert not at.exception
    assert len(at.error) == 1
    assert "regkg build" in at.error[0].value
    assert not at.get("iframe")
    assert any("Not legal advice" in w.value for w in at.warning)
