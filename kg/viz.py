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
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from kg.graph import KnowledgeGraph
from kg.model import SYMMETRIC_RELATIONS
from kg.ontology import load_ontology

LARGE_GRAPH_NODES = 1500
"""Above this many nodes, positions are computed in Python and physics starts off."""

LAYOUT_SEED = 42
LAYOUT_ITERATIONS = 100
_REPULSION_SAMPLE = 200
_REPULSION_PAIRS = 1_000_000  # per step; bigger graphs sample fewer nodes (never under 50) so time stays linear in n
_PIXELS_PER_NODE = 120

_VIS_SHAPES = frozenset({"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon", "ellipse", "box"})
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_FALLBACK_COLOR = "#9D9D9D"
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
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


def script_json(value: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no <, >, & or line separators.

    Those characters can only occur inside JSON strings, where their \\u escapes
    mean the same, so `</script>` or `<!--` in article text cannot end the element.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def graph_data(g: KnowledgeGraph) -> dict[str, Any]:
    """What the page needs, as plain JSON values: legend, nodes, edges with evidence, documents.

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
            "size": round(min(50.0, 10 + 5 * math.log2(1 + e.mentions)), 1),
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
    large = len(nodes) > LARGE_GRAPH_NODES
    if large:
        positions = layout_positions(len(nodes), [(e["from"], e["to"]) for e in edges])
        for node, (x, y) in zip(nodes, positions.tolist(), strict=True):
            node["x"], node["y"] = x, y
    return {
        "types": types,
        "relations": relation_types,
        "documents": {d.id: {"title": d.title, "date": d.date} for d in g.documents},
        "nodes": nodes,
        "edges": edges,
        "physics": not large,
        "layout": "python" if large else "browser",
    }


def layout_positions(n: int, edges: list[tuple[int, int]], *, seed: int = LAYOUT_SEED) -> np.ndarray:
    """Integer pixel positions for n nodes: Fruchterman-Reingold with sampled repulsion.

    Exact repulsion costs n² per step; against a random sample of nodes it costs
    n·s, which keeps 5,000 nodes to about a second without scipy; beyond that the
    sample shrinks, since a fresh one each step averages out. A weak pull to
    the centre keeps disconnected pieces on the canvas. A fixed seed makes the
    layout the same on every run.
    """
    if n == 0:
        return np.zeros((0, 2), dtype=np.int64)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    heads = np.fromiter((u for u, _ in edges), dtype=np.intp, count=len(edges))
    tails = np.fromiter((v for _, v in edges), dtype=np.intp, count=len(edges))
    k = 1.0 / math.sqrt(n)
    sample = min(_REPULSION_SAMPLE, n, max(50, _REPULSION_PAIRS // n))
    repulsion = k * k * n / sample
    step = 0.1
    cooling = step / (LAYOUT_ITERATIONS + 1)
    for _ in range(LAYOUT_ITERATIONS):
        others = pos[rng.choice(n, sample, replace=False)]
        # sum over the sample of (p - q) * w with w = repulsion / |p - q|², as matrix products: p * sum(w) - w @ q
        dist2 = (pos * pos).sum(axis=1)[:, None] + (others * others).sum(axis=1)[None, :] - 2.0 * (pos @ others.T)
        weights = repulsion / np.maximum(dist2, 1e-6)
        disp = pos * weights.sum(axis=1)[:, None] - weights @ others
        delta = pos[heads] - pos[tails]
        pull = delta * (np.sqrt(np.einsum("ij,ij->i", delta, delta)) / k)[:, None]
        for axis in (0, 1):
            disp[:, axis] += np.bincount(tails, pull[:, axis], n) - np.bincount(heads, pull[:, axis], n)
        disp -= pos
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    half_side = _PIXELS_PER_NODE * math.sqrt(n) / 2
    return np.rint(pos * (half_side / extent)).astype(np.int64)


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
