"""Embedding the drawings of :mod:`graph.drawing.render` in a page (re-exported by
``pages.common``)."""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.components.v1 import declare_component

from graph.drawing import charts
from graph.drawing.component import write_component

#: The drawing component's name (Streamlit prefixes it with this module's name).
COMPONENT = "regkg_graph"


@st.cache_resource(show_spinner=False)
def _component_dir() -> Path:
    """The component's files, written once per process into a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="regkg-component-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return write_component(folder)


def drawing_frame(data: Mapping[str, Any], *, key: str, height: int, alt: str) -> None:
    """Draw ``data`` (from :func:`graph.drawing.render.graph_payload`) in the drawing component.

    The component's frame is made once per ``key`` and stays while the page keeps drawing:
    later drawings reach it as new arguments and are drawn in place, so vis-network's script is
    loaded once (:mod:`graph.drawing.component`). ``height`` is the frame's height in CSS pixels,
    ``alt`` its accessible name."""
    component = declare_component(COMPONENT, path=_component_dir())
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()
    component(graph=data, digest=digest, height=height, alt=alt, key=key, default=None)


def chart_frame(chart: charts.Chart) -> None:
    """A chart from :mod:`graph.drawing.charts` in a frame that runs no script and fetches
    nothing."""
    st.iframe(chart.page(), height=chart.height, alt=chart.title)
