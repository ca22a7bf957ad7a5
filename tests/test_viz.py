"""The HTML view: offline, one node per entity and one edge per relation, safe against hostile text."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg import viz
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from kg.ontology import load_ontology

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
QUOTES = "\"引号' and\nnew line\u2028sep"


def evidence(doc: str, sentence: str, start: int = 0, year: int | None = None) -> Evidence:
    return Evidence(doc, sentence, start, start + len(sentence), "pattern", 0.8, year)


def unionpay_extractions() -> list[Extraction]:
    return [
        Extraction(
            DocumentMeta(id="a1", title="银联新闻", date="2021-05-01"),
            (
                EntityRecord("中国银联", "ORG", aliases=("银联",), label_en="China UnionPay", mentions=3, known=True),
                EntityRecord("云闪付", "PRODUCT", mentions=2),
                EntityRecord("上海", "LOC"),
            ),
            (
                RelationRecord("中国银联", "launched", "云闪付", evidence("a1", "中国银联推出了云闪付。", 0, 2017)),
                RelationRecord("中国银联", "located_in", "上海", evidence("a1", "银联总部位于上海。", 20)),
            ),
        ),
        Extraction(
            DocumentMeta(id="b2", title="支付合作", date="2022-03-09"),
            (
                EntityRecord("中国银联", "ORG", mentions=1),
                EntityRecord("支付宝", "PRODUCT", label_en="Alipay"),
                EntityRecord("蚂蚁集团", "ORG", label_en="Ant Group"),
                EntityRecord("数字人民币试点", "INITIATIVE"),
            ),
            (
                RelationRecord("蚂蚁集团", "operates", "支付宝", evidence("b2", "蚂蚁集团运营支付宝。", 0)),
                RelationRecord(
                    "中国银联", "partnered_with", "蚂蚁集团", evidence("b2", "中国银联与蚂蚁集团合作。", 30, 2022)
                ),
                RelationRecord("中国银联", "launched", "云闪付", evidence("b2", "银联的云闪付上线。", 50, 2019)),
            ),
        ),
    ]


def hostile_extraction() -> Extraction:
    return Extraction(
        DocumentMeta(id="x<1>", title=f"标题{SCRIPT}{QUOTES}", date="2023-01-01"),
        (
            EntityRecord(f"坏公司{IMG}", "ORG", aliases=(SCRIPT, QUOTES), label_en=IMG),
            EntityRecord(f"产品{SCRIPT}", "PRODUCT"),
        ),
        (
            RelationRecord(
                f"坏公司{IMG}",
                "launched",
                f"产品{SCRIPT}",
                evidence("x<1>", f"句子{IMG}{SCRIPT}{QUOTES}<!--", 0, 2023),
            ),
        ),
    )


def build(extractions: list[Extraction]) -> KnowledgeGraph:
    return KnowledgeGraph().update(extractions)


def embedded_data(document: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', document, re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


class _Resources(HTMLParser):
    """Collects every attribute that could load something, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in {"src", "href", "srcset", "action", "formaction", "poster", "data", "background"}:
                self.links.append((tag, name, value or ""))
            if name == "style":
                self.styles.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def test_page_loads_nothing_from_any_host() -> None:
    document = viz.render_html(build(unionpay_extractions()))
    parser = _Resources()
    parser.feed(document)
    assert parser.links == []
    assert "link" not in parser.tags
    assert parser.styles, "the CSS must be inlined"
    css = "\n".join(parser.styles)
    assert "@import" not in css
    for target in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", css):
        assert target.startswith("data:"), target
    assert re.search(r"<script[^>]*\ssrc\s*=", document, re.IGNORECASE) is None
    assert "default-src 'none'" in document
    _, vis_js = viz._vis_assets()
    assert vis_js in document


def test_one_node_per_entity_and_one_edge_per_relation() -> None:
    g = build(unionpay_extractions())
    data = embedded_data(viz.render_html(g))
    labels = [n["label"] for n in data["nodes"]]
    assert sorted(labels) == sorted(e.label for e in g.entities())
    assert len(data["edges"]) == len(g.relations()) == 4
    ids = {n["id"]: n for n in data["nodes"]}
    facts = {(ids[e["from"]]["label"], e["relation"], ids[e["to"]]["label"]) for e in data["edges"]}
    assert facts == {(r.head, r.relation, r.tail) for r in g.relations()}

    unionpay = next(n for n in data["nodes"] if n["label"] == "中国银联")
    assert unionpay["aliases"] == ["银联"]
    assert unionpay["label_en"] == "China UnionPay"
    assert unionpay["mentions"] == 4 and unionpay["documents"] == 2
    assert unionpay["size"] > next(n for n in data["nodes"] if n["label"] == "上海")["size"]

    launched = next(e for e in data["edges"] if e["relation"] == "launched")
    assert launched["years"] == [2017, 2019]
    assert [ev["sentence"] for ev in launched["evidence"]] == ["中国银联推出了云闪付。", "银联的云闪付上线。"]
    assert data["documents"]["b2"] == {"title": "支付合作", "date": "2022-03-09"}
    assert data["physics"] is True and "x" not in unionpay


def test_legend_comes_from_the_ontology() -> None:
    ontology = load_ontology()
    data = embedded_data(viz.render_html(build(unionpay_extractions())))
    assert [t["code"] for t in data["types"]] == list(ontology.types)
    assert [t["color"] for t in data["types"]] == [t.color for t in ontology.types.values()]
    assert [r["code"] for r in data["relations"]] == list(ontology.relations)
    partnered = next(r for r in data["relations"] if r["code"] == "partnered_with")
    assert partnered["label_zh"] == ontology.relations["partnered_with"].label_zh
    assert partnered["symmetric"] is True


@pytest.mark.parametrize("payload", [IMG, SCRIPT, "<!--", "\u2028", "\u2029"])
def test_hostile_text_is_escaped(payload: str) -> None:
    document = viz.render_html(build([hostile_extraction()]), title=f"图谱{IMG}")
    assert payload not in document
    assert document.count("</script") == 3  # the data, vis-network and the view's own script
    assert f"<title>图谱{html.escape(IMG)}</title>" in document


def test_hostile_text_round_trips_through_the_json() -> None:
    data = embedded_data(viz.render_html(build([hostile_extraction()])))
    company = next(n for n in data["nodes"] if n["type"] == "ORG")
    assert company["label"] == f"坏公司{IMG}"
    assert company["aliases"] == sorted([SCRIPT, QUOTES])
    assert company["label_en"] == IMG
    (edge,) = data["edges"]
    assert edge["evidence"][0]["sentence"] == f"句子{IMG}{SCRIPT}{QUOTES}<!--"
    assert data["documents"]["x<1>"]["title"] == f"标题{SCRIPT}{QUOTES}"


def test_script_json_escapes_what_could_end_the_element() -> None:
    text = viz.script_json({"k": "</script>&\u2028\u2029<!--"})
    assert text == '{"k":"\\u003c/script\\u003e\\u0026\\u2028\\u2029\\u003c!--"}'
    assert json.loads(text) == {"k": "</script>&\u2028\u2029<!--"}


def test_view_script_never_writes_html() -> None:
    script = (Path(viz.__file__).parent / "templates" / "view.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_notebook_form_is_a_sandboxed_iframe_of_the_page() -> None:
    g = build([hostile_extraction()])
    fragment = viz.render_html(g, notebook=True)
    match = re.fullmatch(r'<iframe [^>]*sandbox="allow-scripts" [^>]*srcdoc="([^"]*)"></iframe>', fragment, re.DOTALL)
    assert match is not None
    assert html.unescape(match.group(1)) == viz.render_html(g)
    assert IMG not in fragment and SCRIPT not in fragment
    assert g._repr_html_() == fragment


def test_output_is_deterministic() -> None:
    extractions = [*unionpay_extractions(), hostile_extraction()]
    first = viz.render_html(build(extractions))
    assert viz.render_html(build(extractions)) == first
    assert viz.render_html(build(list(reversed(extractions)))) == first


def test_above_the_threshold_positions_are_computed_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viz, "LARGE_GRAPH_NODES", 3)
    g = build(unionpay_extractions())
    data = embedded_data(viz.render_html(g))
    assert data["physics"] is False and data["layout"] == "python"
    positions = [(n["x"], n["y"]) for n in data["nodes"]]
    assert all(isinstance(c, int) for xy in positions for c in xy)
    assert len(set(positions)) == len(positions)
    assert viz.render_html(g) == viz.render_html(build(unionpay_extractions()))


def test_large_graph_gets_python_positions_and_no_physics() -> None:
    n = viz.LARGE_GRAPH_NODES + 1
    entities = tuple(EntityRecord(f"公司{i:04d}", "ORG") for i in range(n))
    relations = tuple(
        RelationRecord(f"公司{i:04d}", "invested_in", f"公司{i // 3:04d}", evidence("d", "投资。", i))
        for i in range(1, n)
    )
    g = build([Extraction(DocumentMeta(id="d"), entities, relations)])
    data = embedded_data(viz.render_html(g))
    assert len(data["nodes"]) == n and len(data["edges"]) == n - 1
    assert data["physics"] is False and data["layout"] == "python"
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])


def test_overview_starts_from_the_best_connected_nodes() -> None:
    assert viz.OVERVIEW_NODES == 150
    degrees = [0] * 500 + [1] * 300 + [2] * 100 + [5] * 40 + [9] * 3
    assert viz.overview_min_degree(degrees) == 2  # 143 nodes; from 1 they would be 443
    assert viz.overview_min_degree([0] * 100 + [3] * 40 + [4] * 5) == 3  # a small graph is shown whole
    assert viz.overview_min_degree([2] * 400 + [7] * 200) == 7  # one degree holds more than the budget
    assert viz.overview_min_degree([0] * 400) == 1


def test_nodes_carry_their_degree_and_the_overview_its_threshold() -> None:
    g = build(unionpay_extractions())
    data = embedded_data(viz.render_html(g))
    degree = {n["label"]: n["degree"] for n in data["nodes"]}
    ends = Counter(label for r in g.relations() for label in (r.head, r.tail))
    assert degree == {e.label: ends[e.label] for e in g.entities()}
    assert degree["中国银联"] == 3 and degree["数字人民币试点"] == 0
    assert data["overview"] == {"min_degree": 1, "isolated": True}


def test_page_data_reads_back_what_render_html_wrote() -> None:
    g = build([*unionpay_extractions(), hostile_extraction()])
    assert viz.page_data(viz.render_html(g)) == json.loads(json.dumps(viz.graph_data(g)))
    with pytest.raises(ValueError, match="kg-data"):
        viz.page_data("<html></html>")


def test_focus_url_takes_any_name_of_the_entity(tmp_path: Path) -> None:
    page = viz.write_html(build(unionpay_extractions()), tmp_path / "kg.html")
    expected = page.resolve().as_uri() + "#focus=%E4%B8%AD%E5%9B%BD%E9%93%B6%E8%81%94&depth=2"
    for name in ("中国银联", "银联", "China UnionPay", " 中国银联 "):
        assert viz.focus_url(page, name, 2) == expected
    assert viz.focus_url(page, "上海", 1).endswith("#focus=%E4%B8%8A%E6%B5%B7&depth=1")
    with pytest.raises(LookupError, match="no entity is named '银联卡'"):
        viz.focus_url(page, "银联卡", 2)
    foreign = tmp_path / "other.html"
    foreign.write_text("<html><body>地图</body></html>", encoding="utf-8")
    with pytest.raises(LookupError, match=r"other\.html: not a page written by kg"):
        viz.focus_url(foreign, "银联", 2)


def test_font_stack_names_the_common_cjk_fonts() -> None:
    css = (Path(viz.__file__).parent / "templates" / "view.css").read_text(encoding="utf-8")
    stack = re.search(r"font-family:([^;]*);", css).group(1)
    fonts = ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC")
    for font in (*fonts, "WenQuanYi Zen Hei"):
        assert f'"{font}"' in stack
    assert stack.strip().endswith("sans-serif")


def test_write_html_replaces_the_file_atomically(tmp_path: Path) -> None:
    g = build(unionpay_extractions())
    target = tmp_path / "out" / "graph.html"
    assert viz.write_html(g, target) == target
    target.write_text("old", encoding="utf-8")
    viz.write_html(g, target)
    assert target.read_text(encoding="utf-8") == viz.render_html(g)
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_empty_graph_renders() -> None:
    data = embedded_data(viz.render_html(KnowledgeGraph()))
    assert data["nodes"] == [] and data["edges"] == []


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_view_script_is_valid_javascript() -> None:
    script = Path(viz.__file__).parent / "templates" / "view.js"
    subprocess.run(["node", "--check", str(script)], check=True)
