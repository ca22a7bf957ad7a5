"""The registry behind the graph's save, sparql, to_rdflib, serialize and _repr_html_: names to functions, imported on
first use."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg import plugins

ROOT = Path(__file__).resolve().parent.parent


def test_the_graph_methods_name_their_implementations() -> None:
    from kg import export, interop, store, viz

    assert plugins.names() == ["html", "measurements_df", "rdflib", "save", "serialize", "sparql"]
    assert plugins.load("save") is export.save_all
    assert plugins.load("rdflib") is interop.to_rdflib
    assert plugins.load("serialize") is interop.serialize
    assert plugins.load("sparql") is store.query_graph
    assert plugins.load("html") is viz.render_html
    assert plugins.load("measurements_df") is interop.measurements_frame


def test_a_registered_name_loads_its_function(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugins, "_PLUGINS", dict(plugins._PLUGINS))
    plugins.register("wrap", "textwrap:wrap")
    assert plugins.load("wrap") is textwrap.wrap
    assert "wrap" in plugins.names()


@pytest.mark.parametrize("target", ["textwrap", "textwrap:", ":wrap", "textwrap.wrap"])
def test_a_target_must_name_a_module_and_a_function(target: str) -> None:
    with pytest.raises(ValueError, match="module:function"):
        plugins.register("bad", target)
    assert "bad" not in plugins.names()


def test_an_unknown_name_says_which_names_exist() -> None:
    with pytest.raises(KeyError, match=r"'graphml'.*html, measurements_df, rdflib, save, serialize, sparql"):
        plugins.load("graphml")


_PROBE = """
import json, sys
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Extraction

lazy = ("kg.export", "kg.store", "kg.viz", "kg.rdf")
g = KnowledgeGraph().update([Extraction(DocumentMeta(id="d"), (EntityRecord("某银行", "ORG"),))])
before = [m for m in lazy if m in sys.modules]
rows = g.sparql("SELECT ?name WHERE { ?x skos:prefLabel ?name }")
after_sparql = [m for m in lazy if m in sys.modules]
html = g._repr_html_()
print(json.dumps({"before": before, "after_sparql": after_sparql, "after_html": [m for m in lazy if m in sys.modules],
                  "rows": rows, "iframe": html.startswith("<iframe")}, ensure_ascii=False))
"""


def test_the_graph_imports_the_store_and_the_view_only_when_asked() -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, check=True, cwd=ROOT, timeout=300)
    result = json.loads(done.stdout)
    assert result["before"] == []
    assert {"kg.store", "kg.rdf"} <= set(result["after_sparql"]) and "kg.viz" not in result["after_sparql"]
    assert "kg.viz" in result["after_html"] and result["iframe"]
    assert result["rows"] == [{"name": "某银行"}]
