"""The interactive HTML view: one offline file an analyst can open, search and filter.

Everything is inlined (vis-network from the installed pyvis package, our CSS and
JS, the graph as JSON), so the page makes no request to any host. Article text is
untrusted: it only reaches the page as escaped JSON, and the script puts it into
the DOM with textContent, never as HTML.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import re
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import numpy as np

from kg.graph import KnowledgeGraph
from kg.model import SYMMETRIC_RELATIONS, normalize_name
from kg.ontology import load_ontology
from kg.view_layout import label_box, layout_positions

LARGE_GRAPH_NODES = 1500
"""Above this many nodes, positions are computed in Python and physics starts off."""

OVERVIEW_NODES = 150
"""At most this many related nodes are drawn first: those with the most relations (unless one degree holds more)."""

_VIS_SHAPES = frozenset({"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon", "ellipse", "box"})
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_FALLBACK_COLOR = "#9D9D9D"
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_DATA_ELEMENT = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.DOTALL)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def render_html(g: KnowledgeGraph, *, notebook: bool = False, title: str = "kg") -> str:
    """The whole view as one HTML document; with notebook=True, an iframe that embeds it.

    The notebook form puts the document in a sandboxed iframe's srcdoc, so the
    page's script and styles cannot touch the notebook around it.
    """
    vis_css, vis_js = _vis_assets()
    values = {
        "TITLE": html.escape(title),
        "VIS_CSS": vis_css,
        "VIEW_CSS": _template("view.css"),
        "DATA": script_json(graph_data(g)),
        "VIS_JS": vis_js,
        "VIEW_JS": _template("view.js"),
    }
    document = _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template("view.html"))
    if not notebook:
        return document
    return (
        f'<iframe title="{html.escape(title)}" sandbox="allow-scripts" '
        'style="width:100%;height:640px;border:1px solid #d0d7de" '
        f'srcdoc="{html.escape(document, quote=True)}"></iframe>'
    )


def write_html(g: KnowledgeGraph, path: Path, *, title: str = "kg") -> Path:
    """Write the view as UTF-8, atomically, so a reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = render_html(g, title=title).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def focus_url(page: Path, name: str, depth: int) -> str:
    """The page's file URL that opens on the neighbourhood of `name` (its label or any alias), `depth` steps out.

    The page reads `#focus=LABEL&depth=N` when it loads. Raises LookupError, with a sentence a reader can act on,
    when no entity of the page has that name or the file is no page of kg's.
    """
    try:
        data = page_data(Path(page).read_text(encoding="utf-8"))
    except ValueError as error:
        raise LookupError(f"{page}: {error}") from None
    key = normalize_name(name)
    for node in data["nodes"]:
        if any(normalize_name(n) == key for n in (node["label"], node["label_en"] or "", *node["aliases"])):
            fragment = urlencode({"focus": node["label"], "depth": depth}, quote_via=quote)
            return f"{Path(page).resolve().as_uri()}#{fragment}"
    raise LookupError(f"{page}: no entity is named {name!r}; search the page for a name or alias it has")


def page_data(document: str) -> dict[str, Any]:
    """The graph data embedded in a page that render_html wrote."""
    match = _DATA_ELEMENT.search(document)
    if match is None:
        raise ValueError("not a page written by kg: it has no kg-data element")
    return json.loads(match.group(1))


def script_json(value: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no <, >, & or line separators.

    Those characters can only occur inside JSON strings, where their \\u escapes
    mean the same, so `</script>` or `<!--` in article text cannot end the element.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def graph_data(g: KnowledgeGraph) -> dict[str, Any]:
    """What the page needs, as plain JSON values: legend, nodes (with their figures), edges with evidence, documents.

    Nodes and edges are numbered in the graph's sorted order, so the output is
    the same for the same graph; labels never become ids or attributes.
    """
    ontology = load_ontology()
    entities = sorted(g.entities(), key=lambda e: e.label)
    relations = g.relations()
    node_id = {e.label: i for i, e in enumerate(entities)}

    types = [
        {
            "code": t.code,
            "label_zh": t.label_zh,
            "label_en": t.label_en,
            "comment": t.comment,
            "color": t.color if _COLOR.fullmatch(t.color) else _FALLBACK_COLOR,
            "shape": t.shape if t.shape in _VIS_SHAPES else "dot",
        }
        for t in ontology.types.values()
    ]
    known_types = {t["code"] for t in types}
    for code in sorted({e.type for e in entities} - known_types):
        types.append(
            {"code": code, "label_zh": code, "label_en": code, "comment": "", "color": _FALLBACK_COLOR, "shape": "dot"}
        )

    relation_types = [
        {"code": r.code, "label_zh": r.label_zh, "label_en": r.label_en, "comment": r.comment, "symmetric": r.symmetric}
        for r in ontology.relations.values()
    ]
    known_relations = {r["code"] for r in relation_types}
    for code in sorted({r.relation for r in relations} - known_relations):
        relation_types.append(
            {"code": code, "label_zh": code, "label_en": code, "comment": "", "symmetric": code in SYMMETRIC_RELATIONS}
        )

    nodes = [
        {
            "id": node_id[e.label],
            "label": e.label,
            "label_en": e.label_en,
            "type": e.type,
            "aliases": e.aliases,
            "mentions": e.mentions,
            "documents": len(e.documents),
            "size": round(min(30.0, 8 + 3 * math.log2(1 + e.mentions)), 1),
        }
        for e in entities
    ]
    edges = [
        {
            "id": i,
            "from": node_id[r.head],
            "to": node_id[r.tail],
            "relation": r.relation,
            "years": r.years,
            "confidence": round(r.confidence, 3),
            "evidence": [
                {
                    "document": ev.document,
                    "sentence": ev.sentence,
                    "rule": ev.rule,
                    "confidence": round(ev.confidence, 3),
                    "year": ev.year,
                }
                for ev in r.evidence
            ],
        }
        for i, r in enumerate(relations)
    ]
    for m in g.measurements():
        node = nodes[node_id[m.subject]]
        node.setdefault("figures", []).append(
            {
                "property": m.property,
                "text": m.text,
                "value": m.value,
                "upper": m.upper,
                "unit": m.unit,
                "time": m.time,
                "time_text": m.time_text,
                "object": node_id.get(m.object) if m.object else None,
                "document": m.evidence.document,
                "sentence": m.evidence.sentence,
                "rule": m.evidence.rule,
                "confidence": round(m.evidence.confidence, 3),
                "year": m.evidence.year,
            }
        )
    pairs = [(e["from"], e["to"]) for e in edges]
    degrees = np.bincount(np.array(pairs, dtype=np.intp).ravel(), minlength=len(nodes)).tolist()
    for node, degree in zip(nodes, degrees, strict=True):
        node["degree"] = degree
    min_degree = overview_min_degree(degrees)
    large = len(nodes) > LARGE_GRAPH_NODES
    if large:
        core = [i for i, d in enumerate(degrees) if d >= min_degree]
        mentions = [node["mentions"] for node in nodes]
        boxes = [label_box(node["label"], node["size"]) for node in nodes]
        positions = layout_positions(len(nodes), pairs, core=core, mentions=mentions, boxes=boxes)
        for node, (x, y) in zip(nodes, positions.tolist(), strict=True):
            node["x"], node["y"] = x, y
    return {
        "types": types,
        "relations": relation_types,
        "documents": {d.id: {"title": d.title, "date": d.date} for d in g.documents},
        "nodes": nodes,
        "edges": edges,
        "overview": {"min_degree": min_degree, "isolated": len(nodes) <= OVERVIEW_NODES},
        "physics": not large,
        "layout": "python" if large else "browser",
    }


def overview_min_degree(degrees: list[int]) -> int:
    """The fewest relations a node needs to be in the first picture: the least that keeps it to OVERVIEW_NODES.

    A graph of no more than OVERVIEW_NODES nodes is shown whole (from 1, and its isolated nodes with it).
    """
    counts = Counter(d for d in degrees if d > 0)
    if len(degrees) <= OVERVIEW_NODES or not counts:
        return min(counts, default=1)
    shown = sum(counts.values())
    for degree in sorted(counts):
        if shown <= OVERVIEW_NODES:
            return degree
        shown -= counts[degree]
    return max(counts)


@functools.cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS from the newest copy bundled with pyvis; never downloaded."""
    lib = resources.files("pyvis") / "lib"
    versions = [d for d in lib.iterdir() if d.is_dir() and d.name.startswith("vis-")]
    if not versions:
        raise RuntimeError("the installed pyvis package does not bundle vis-network")
    newest = max(versions, key=lambda d: tuple(int(p) for p in re.findall(r"\d+", d.name)))
    css = (newest / "vis-network.css").read_text(encoding="utf-8")
    js = (newest / "vis-network.min.js").read_text(encoding="utf-8")
    for name, text in (("vis-network.css", css), ("vis-network.min.js", js)):
        if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
            raise RuntimeError(f"{name} from pyvis cannot be inlined safely: it contains an end tag")
    return css, js


@functools.cache
def _template(name: str) -> str:
    return (resources.files("kg") / "templates" / name).read_text(encoding="utf-8")
