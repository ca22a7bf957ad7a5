"""The HTML view in a real browser: headless Chromium, driven by Playwright, on pages kg builds.

The page is driven the way a reader uses it (typing, clicking the canvas, ticking boxes) and inspected through
`window.kgView`, the handle view.js keeps on the vis-network objects. Without Playwright or Chromium the module
is skipped, except when the CI environment variable is set: CI must run it (.ci/browser.sh installs Chromium).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import kg
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from kg.viz import LARGE_GRAPH_NODES, write_html

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("view_load", ROOT / "benchmarks" / "view_load.py")
assert _spec is not None and _spec.loader is not None
view_load = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(view_load)

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "</script><script>window.__xss=2</script>"
SVG = "<svg onload=alert(1)>"
HOSTILE_NAME = f"坏集团{IMG}{SCRIPT}"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (.ci/browser.sh installs Chromium)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install playwright)")
    executable = view_load.find_chromium()
    if executable is None:
        _unavailable("Chromium is not installed (apt-get install chromium, or set KG_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = view_load.launch(playwright, executable)
        yield browser
        browser.close()


@dataclass
class View:
    """One open page and everything it did: requests, console errors, uncaught errors and dialogs."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_id(self, label: str) -> int:
        return self.js("(label) => kgView.nodes.get({ filter: (n) => n.label === label })[0].id", label)

    def search(self, text: str) -> list[str]:
        """Type into the search box like a reader and return the suggestions shown."""
        box = self.page.locator("#kg-search")
        box.click()
        box.press_sequentially(text)
        self.page.locator("#kg-results li").first.wait_for()
        return self.js("() => [...document.querySelectorAll('#kg-results li')].map((li) => li.textContent)")

    def click_node(self, node: int) -> None:
        """Click the node where it is drawn on the canvas, checking first that nothing else is drawn there."""
        x, y = self.js(
            """(id) => {
                const { network } = kgView;
                const point = network.canvasToDOM(network.getPositions([id])[id]);
                if (network.getNodeAt(point) !== id) throw new Error("node " + id + " is covered");
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + point.x, box.top + point.y];
            }""",
            node,
        )
        self.page.mouse.move(x, y)
        self.page.mouse.click(x, y)

    def panel(self, selector: str) -> list[str]:
        return self.js("(s) => [...document.querySelectorAll('#kg-panel ' + s)].map((e) => e.textContent)", selector)

    def drawn(self) -> tuple[int, int]:
        return tuple(self.js("() => [kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]"))

    def settle(self) -> None:
        """Wait until vis-network's layout has come to rest, so nodes stay where the mouse is sent."""
        self.page.wait_for_function("() => window.__kgLoad.stabilized !== null || !window.__kgLoad.physics")


@pytest.fixture
def open_view(browser: Any) -> Iterator[Callable[[Path], View]]:
    contexts = []

    def open_(path: Path) -> View:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        context.add_init_script(view_load.RECORD_LOAD)
        page = context.new_page()
        view = View(page, path.resolve().as_uri())
        page.on("request", lambda request: view.requests.append(request.url))
        page.on("console", lambda msg: view.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: view.page_errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            view.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(view.url)
        page.wait_for_function("() => window.__kgLoad.drawn !== null", timeout=view_load.LOAD_TIMEOUT_MS)
        return view

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Path]:
    g = kg.build([ROOT / "examples"])
    return g, write_html(g, tmp_path_factory.mktemp("examples") / "kg.html")


def touching(g: KnowledgeGraph, label: str) -> list[kg.Relation]:
    return [r for r in g.relations() if label in (r.head, r.tail)]


def assert_offline_and_quiet(view: View) -> None:
    assert [u for u in view.requests if u != view.url and not u.startswith("data:")] == []
    assert view.console_errors == []
    assert view.page_errors == []
    assert view.dialogs == []


def test_page_loads_offline_without_errors(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    _, path = examples
    view = open_view(path)
    assert view.requests[0] == view.url
    assert_offline_and_quiet(view)
    assert view.js("() => typeof vis") == "object"


def test_one_node_drawn_per_entity(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    g, path = examples
    view = open_view(path)
    assert len(g.entities()) > 20
    assert view.drawn() == (len(g.entities()), len(g.relations()))
    assert sorted(view.js("() => kgView.nodes.get().map((n) => n.label)")) == sorted(e.label for e in g.entities())
    stats = view.page.locator("#kg-stats").text_content()
    assert stats.startswith(f"{len(g.entities())} 实体 entities · {len(g.relations())} 关系 relations")


def test_search_by_alias_selects_the_entity(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    g, path = examples
    view = open_view(path)
    suggestions = view.search("银联")
    assert suggestions[0] == "中国银联银联", suggestions  # the label, then the alias that matched
    view.page.keyboard.press("Enter")
    assert view.js("() => kgView.network.getSelectedNodes()") == [view.node_id("中国银联")]
    assert view.panel("h2") == ["中国银联"]
    assert view.page.locator("#kg-search").input_value() == "中国银联"
    assert view.page.locator("#kg-results").is_hidden()
    assert sorted(view.panel("blockquote")) == sorted(e.sentence for r in touching(g, "中国银联") for e in r.evidence)
    assert_offline_and_quiet(view)


def test_clicking_a_node_shows_its_evidence(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    g, path = examples
    view = open_view(path)
    view.settle()
    assert view.panel("h2") == []
    view.click_node(view.node_id("中国银联"))
    assert view.panel("h2") == ["中国银联"]
    relations = touching(g, "中国银联")
    assert f"关系 Relations ({len(relations)})" in view.panel("h3")
    launched = next(r for r in relations if r.relation == "launched")
    assert launched.evidence[0].sentence in view.panel("blockquote")
    assert sorted(view.panel("blockquote")) == sorted(e.sentence for r in relations for e in r.evidence)
    assert_offline_and_quiet(view)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Path]:
    """A graph from an invented article whose title and sentence carry markup, plus an organization named by it.

    The article's HTML escapes the markup, so after reading, the text itself says `<img …>` and `</script>`.
    The extractor does not take markup into names, so the hostile organization comes in as a record, the way
    an imported graph could bring it, with the article's own sentence as its evidence.
    """
    directory = tmp_path_factory.mktemp("hostile")
    escaped = (IMG + SCRIPT).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    article = directory / "hostile.md"
    article.write_text(
        f"---\ntitle: '安全测试{escaped}'\ndate: 2023-06-01\n---\n\n"
        f"<p>2023年，“{escaped}集团”与中国银联合作推出“安全卡”。</p>\n",
        encoding="utf-8",
    )
    g = kg.build([article])
    (launched,) = g.relations(head="中国银联", relation="launched")
    sentence = launched.evidence[0]
    assert IMG in sentence.sentence and SCRIPT in sentence.sentence
    g.add(
        Extraction(
            DocumentMeta(id=f"names{SCRIPT}", title=f"名单{IMG}", date="2023-06-02"),
            (
                EntityRecord(HOSTILE_NAME, "ORG", aliases=(IMG, SCRIPT), label_en=SVG),
                EntityRecord("中国银联", "ORG"),
            ),
            (
                RelationRecord(
                    HOSTILE_NAME,
                    "partnered_with",
                    "中国银联",
                    Evidence(sentence.document, sentence.sentence, sentence.start, sentence.end, "record", 0.9, 2023),
                ),
            ),
        )
    )
    return g, write_html(g, directory / "kg.html", title=HOSTILE_NAME)


def test_hostile_text_is_shown_literally_and_never_runs(hostile: tuple[KnowledgeGraph, Path], open_view) -> None:
    g, path = hostile
    view = open_view(path)
    assert view.page.title() == HOSTILE_NAME
    assert view.page.locator("h1").text_content() == HOSTILE_NAME
    assert view.page.locator("h1").get_attribute("title") == HOSTILE_NAME
    assert view.page.locator("#kg-search").bounding_box()["width"] >= 200  # a long title once squeezed it to 18px

    view.settle()
    suggestions = view.search("坏集团")
    assert suggestions == [HOSTILE_NAME]
    view.js("() => { window.__focused = new Promise((done) => kgView.network.once('animationFinished', done)); }")
    view.page.keyboard.press("Enter")
    node = view.node_id(HOSTILE_NAME)
    assert view.js("() => kgView.network.getSelectedNodes()") == [node]
    view.js("() => window.__focused")  # selecting zooms to the node; click where it ends up
    view.click_node(node)
    view.page.wait_for_selector("div.vis-tooltip", state="visible")

    assert view.js("() => window.__xss") is None
    assert view.dialogs == []
    assert view.panel("h2") == [HOSTILE_NAME]
    assert SVG in view.panel("p")
    assert f"{IMG}、{SCRIPT}" in view.panel("p") or f"{SCRIPT}、{IMG}" in view.panel("p")
    (relation,) = g.relations(head=HOSTILE_NAME)
    assert view.panel("blockquote") == [relation.evidence[0].sentence]
    assert any(f"《安全测试{IMG}{SCRIPT}》" in line for line in view.panel(".kg-source"))
    assert HOSTILE_NAME in view.page.locator("div.vis-tooltip").text_content()
    assert view.js("() => document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert view.js("() => document.scripts.length") == 3  # the data, vis-network and view.js
    assert_offline_and_quiet(view)


def test_filters_hide_nodes_and_edges(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    g, path = examples
    view = open_view(path)
    total = view.drawn()
    products = {e.label for e in g.entities(type="PRODUCT")}
    assert products
    visible_edges = [r for r in g.relations() if r.head not in products and r.tail not in products]

    product_box = view.page.locator('#kg-type-filters label[title^="PRODUCT:"] input')
    product_box.uncheck()
    assert view.drawn() == (total[0] - len(products), len(visible_edges))
    assert not products & set(view.js("() => kgView.nodesView.get().map((n) => n.label)"))
    product_box.check()
    assert view.drawn() == total

    launched = [r for r in g.relations() if r.relation == "launched"]
    assert launched
    view.page.locator('#kg-relation-filters label[title^="launched:"] input').uncheck()
    assert view.drawn() == (total[0], total[1] - len(launched))
    assert "launched" not in view.js("() => kgView.edgesView.get().map((e) => e.kgRelation)")
    assert_offline_and_quiet(view)


def test_physics_toggle_flips_the_network_option(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    _, path = examples
    view = open_view(path)
    enabled = "() => kgView.network.physics.options.enabled"
    toggle = view.page.locator("#kg-physics")
    assert toggle.is_checked() and view.js(enabled) is True
    toggle.click()
    assert not toggle.is_checked() and view.js(enabled) is False
    toggle.click()
    assert toggle.is_checked() and view.js(enabled) is True


def test_small_and_large_graphs_finish_drawing(browser: Any, tmp_path: Path) -> None:
    """The load times of the benchmark, once each: printed, not asserted (machines differ)."""
    times = {}
    for n in (100, 3000):
        marks = view_load.load_time(browser, write_html(view_load.corpus_like_graph(n), tmp_path / f"view-{n}.html"))
        assert marks["drawn"] is not None and marks["physics"] is (n <= LARGE_GRAPH_NODES)
        assert marks["interaction"]["clicked"] > marks["interaction"]["searched"] > marks["drawn"]
        times[n] = marks
    print(
        "\nview load, navigation to first laid-out frame / first answer to a click: "
        + ", ".join(f"{n} nodes {m['drawn']:.0f} / {m['interaction']['clicked']:.0f} ms" for n, m in times.items())
    )
