"""sopgen's DotGraph writes byte for byte the DOT graphviz.Digraph writes, for charts and for awkward strings."""

from __future__ import annotations

import warnings

import graphviz
import pytest

from sample_flows import BRANCHING, chain_flow, flow_from
from sopgen.analysis.figures import analyse
from sopgen.blueprints.library import builtin_references
from sopgen.charts import dot_graph
from sopgen.charts.flowchart import flowchart
from sopgen.charts.lifecycle import lifecycle_chart
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

AWKWARD = [
    "",
    "plain_id",
    "with space",
    "-4.2",
    ".42",
    "42abc",
    "node",
    "Graph",
    "subgraph",
    'say "hi"',
    'already \\"escaped\\"',
    "back\\slash",
    "ends in \\",
    "line\\lbreak",
    "<<b>html</b>>",
    "<not closed",
    "<x>\n",
    "中文 標籤",
    "Æblegrød · 3 min",
    "a:b",
    "a:b:sw",
    "a b:c d",
    "pos=1.5,2",
]


def _both(build) -> tuple[str, str]:
    ours = dot_graph.DotGraph(name="g")
    theirs = graphviz.Digraph(name="g")
    build(ours)
    build(theirs)
    return ours.source, theirs.source


@pytest.mark.parametrize("text", AWKWARD)
def test_nodes_and_edges_with_awkward_strings(text: str):
    def build(graph: graphviz.Digraph) -> None:
        graph.attr(label=text)
        graph.node(text, text, tooltip=text, **{"class": text})
        graph.node("other", graphviz.escape(text), _attributes={"xlabel": text})
        graph.edge(text, "other", text, id=text, pos=text)
        with graph.subgraph(name=f"cluster_{len(text)}") as cluster:
            cluster.attr(label=text, style="rounded")
            cluster.node("inner", label=None, _attributes=[("z", text), ("a", None)])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the library warns about a final backslash; both warn alike
        ours, theirs = _both(build)
    assert ours == theirs


def test_attributes_keep_the_librarys_order():
    ours, theirs = _both(lambda graph: graph.node("n", "label", zeta="1", alpha="2", _attributes={"m": "3", "b": "4"}))
    assert ours == theirs
    assert "alpha=2 zeta=1 b=4 m=3" in ours


def _charts(monkeypatch: pytest.MonkeyPatch, graph_class: type) -> list[str]:
    monkeypatch.setattr(dot_graph, "DotGraph", graph_class)
    sources = []
    flows = [*builtin_references().flows, flow_from(BRANCHING), flow_from(chain_flow(120, 5))]
    for locale in ("da", "en", "zh_Hant_TW", "id"):
        localizer = Localizer.for_locale(locale)
        for flow in flows:
            localized = Localization(localizer, None).record(flow)
            sources.append(flowchart(localized, analyse(flow), localizer).source)
        sources.append(lifecycle_chart(_sops_by_phase(), localizer).source)
    return sources


def _sops_by_phase() -> dict[str, list[tuple[str, str]]]:
    from sopgen.blueprints.library import builtin_library, document_id

    library = builtin_library()
    by_phase: dict[str, list[tuple[str, str]]] = {}
    for sop in library.sops:
        by_phase.setdefault(sop.phase, []).append((document_id(sop, library), sop.title))
    return by_phase


def test_every_built_in_chart_is_the_same_dot_as_the_librarys(monkeypatch: pytest.MonkeyPatch):
    ours = _charts(monkeypatch, dot_graph.DotGraph)
    theirs = _charts(monkeypatch, graphviz.Digraph)
    assert len(ours) == 4 * (len(builtin_references().flows) + 3)
    assert ours == theirs
