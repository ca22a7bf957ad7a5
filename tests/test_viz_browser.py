"""The HTML view in a real browser: headless Chromium, driven by Playwright, on pages kg builds.

The page is driven the way a reader uses it (typing, clicking the canvas, ticking boxes) and inspected through
`window.kgView`, the handle view.js keeps on the vis-network objects. Without Playwright or Chromium the module
is skipped, except when the CI environment variable is set: CI must run it (.ci/browser.sh installs Chromium).
"""

from __future__ import annotations

import importlib.util
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urldefrag, urlencode

import networkx as nx
import pytest

import kg
from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord
from kg.viz import OVERVIEW_NODES, write_html

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
        box.fill("")
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
def open_view(browser: Any) -> Iterator[Callable[[Path | str], View]]:
    contexts = []

    def open_(target: Path | str) -> View:
        """Open a page, or a URL (with a fragment, say), and wait until its graph is drawn."""
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        context.add_init_script(view_load.RECORD_LOAD)
        page = context.new_page()
        view = View(page, target if isinstance(target, str) else target.resolve().as_uri())
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
    page = urldefrag(view.url).url
    assert [u for u in view.requests if urldefrag(u).url != page and not u.startswith("data:")] == []
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


def test_a_hostile_focus_link_is_shown_literally(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    _, path = examples
    view = open_view(f"{path.resolve().as_uri()}#{urlencode({'focus': IMG + SCRIPT, 'depth': '2'}, quote_via=quote)}")
    assert view.panel("p") == [f"没有名为“{IMG}{SCRIPT}”的实体。No entity is named {IMG}{SCRIPT}."]
    assert view.js("() => window.__xss") is None
    assert view.js("() => document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert view.page.locator("#kg-focus-exit").is_disabled()
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


# ---- a corpus-sized graph --------------------------------------------------------------------------------------
CORPUS_SIZES = (3000, 25000)
INTERACTIVE_MS = 3000
READABLE_PX = 12


@dataclass
class Corpus:
    """An invented corpus-shaped graph, its page, and what the page should show, computed here from the graph."""

    g: KnowledgeGraph
    page: Path
    degree: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for r in self.g.relations():
            self.degree[r.head] += 1
            self.degree[r.tail] += 1

    def labels(self, min_degree: int = 1, min_mentions: int = 0, isolated: bool = False) -> set[str]:
        return {
            e.label
            for e in self.g.entities()
            if e.mentions >= min_mentions
            and (self.degree[e.label] >= min_degree or (isolated and not self.degree[e.label]))
        }

    def overview_degree(self) -> int:
        """The fewest relations that keeps the first picture to OVERVIEW_NODES entities."""
        return min(d for d in set(self.degree.values()) if len(self.labels(d)) <= OVERVIEW_NODES)

    def ego(self, label: str, depth: int) -> tuple[set[str], set[tuple[str, str, str]]]:
        """networkx's ego graph, edges taken both ways: its entities, and the relations among them."""
        nodes = set(nx.ego_graph(self.g.nx, label, radius=depth, undirected=True))
        return nodes, {(r.head, r.relation, r.tail) for r in self.g.relations() if {r.head, r.tail} <= nodes}

    def focus_target(self) -> str:
        """An entity of a few relations whose two-step neighbourhood is neither tiny nor the whole graph."""
        return next(
            label
            for label in sorted(self.degree)
            if 3 <= self.degree[label] <= 10 and 20 <= len(self.ego(label, 2)[0]) <= 400
        )


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Corpus]:
    made: dict[int, Corpus] = {}

    def corpus(n: int) -> Corpus:
        if n not in made:
            g = view_load.corpus_like_graph(n)
            made[n] = Corpus(g, write_html(g, tmp_path_factory.mktemp(f"corpus-{n}") / "kg.html"))
        return made[n]

    return corpus


def shown(view: View) -> set[str]:
    return set(view.js("() => kgView.nodesView.get().map((n) => n.label)"))


def shown_facts(view: View) -> set[tuple[str, str, str]]:
    rows = view.js(
        """() => kgView.edgesView.get().map((e) =>
            [kgView.nodes.get(e.from).label, e.kgRelation, kgView.nodes.get(e.to).label])"""
    )
    return {tuple(row) for row in rows}


@pytest.mark.parametrize("n", CORPUS_SIZES)
def test_a_corpus_opens_on_its_best_connected_entities_and_answers_within_3_s(
    n: int, corpora: Callable[[int], Corpus], open_view, tmp_path: Path
) -> None:
    corpus = corpora(n)
    view = open_view(corpus.page)
    interaction = view_load.first_interaction(view.page)
    view.page.screenshot(path=tmp_path / f"overview-{n}.png")
    print(
        f"\n{n} entities ({corpus.page.stat().st_size / n:.0f} bytes each): drawn at "
        f"{view.js('() => __kgLoad.drawn'):.0f} ms, search answered at {interaction['searched']:.0f} ms, "
        f"panel opened at {interaction['clicked']:.0f} ms"
    )
    assert interaction["clicked"] < INTERACTIVE_MS

    first = shown(view)
    assert first == corpus.labels(corpus.overview_degree())
    assert 0 < len(first) <= OVERVIEW_NODES and view.drawn()[0] == len(first)
    hidden = {label for label in corpus.degree if label not in first}
    assert min(corpus.degree[label] for label in first) > max(corpus.degree[label] for label in hidden)
    smallest = view.js(
        """() => Math.min(...kgView.nodesView.getIds().map((id) => kgView.network.body.nodes[id].options.font.size))
            * kgView.network.getScale()"""
    )
    assert smallest >= READABLE_PX
    assert_offline_and_quiet(view)


@pytest.mark.parametrize("n", CORPUS_SIZES)
def test_kg_view_focus_opens_exactly_the_neighbourhood(
    n: int, corpora: Callable[[int], Corpus], open_view, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    corpus = corpora(n)
    label = corpus.focus_target()
    monkeypatch.delenv("DISPLAY", raising=False)
    assert main(["view", str(corpus.page.parent), "--focus", label, "--depth", "2"]) == 0
    view = open_view(capsys.readouterr().out.strip().removeprefix("kg: view "))
    view.page.screenshot(path=tmp_path / f"focus-{n}.png")
    nodes, facts = corpus.ego(label, 2)
    assert shown(view) == nodes and shown_facts(view) == facts
    assert view.panel("h2") == [label]
    assert_offline_and_quiet(view)


def test_focus_from_the_command_line_takes_an_alias(
    examples: tuple[KnowledgeGraph, Path], open_view, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    g, path = examples
    monkeypatch.delenv("DISPLAY", raising=False)
    assert main(["view", str(path.parent), "--focus", "银联", "--depth", "3"]) == 0
    view = open_view(capsys.readouterr().out.strip().removeprefix("kg: view "))
    neighbourhood = set(nx.ego_graph(g.nx, "中国银联", radius=3, undirected=True))
    assert shown(view) == neighbourhood and 3 < len(neighbourhood) < len(g.entities())
    assert view.page.locator("#kg-focus-name").text_content().startswith("中国银联")


def test_focus_in_the_page_follows_the_depth_and_returns_to_the_overview(
    corpora: Callable[[int], Corpus], open_view, tmp_path: Path
) -> None:
    corpus = corpora(CORPUS_SIZES[0])
    view = open_view(corpus.page)
    overview = shown(view)
    label = corpus.focus_target()
    view.search(label)
    view.page.keyboard.press("Enter")
    view.page.locator("#kg-panel button", has_text="邻域").click()
    assert (shown(view), shown_facts(view)) == corpus.ego(label, 2)
    view.page.screenshot(path=tmp_path / "focus-in-page.png")

    depth = view.page.locator("#kg-depth")
    depth.fill("1")
    depth.press("Tab")
    assert (shown(view), shown_facts(view)) == corpus.ego(label, 1)
    depth.fill("3")
    depth.press("Tab")
    assert (shown(view), shown_facts(view)) == corpus.ego(label, 3)

    view.page.locator("#kg-focus-exit").click()
    assert shown(view) == overview
    assert view.page.locator("#kg-focus-exit").is_disabled()
    assert_offline_and_quiet(view)


def test_isolated_entities_are_counted_and_shown_on_request(corpora: Callable[[int], Corpus], open_view) -> None:
    corpus = corpora(CORPUS_SIZES[0])
    isolated = {e.label for e in corpus.g.entities() if not corpus.degree[e.label]}
    assert len(isolated) > 1000
    view = open_view(corpus.page)
    overview = shown(view)
    assert not overview & isolated
    assert view.page.locator("#kg-isolated-count").text_content() == f"{len(isolated):,}"
    box = view.page.locator("#kg-isolated")
    box.check()
    assert shown(view) == overview | isolated
    box.uncheck()
    assert shown(view) == overview
    assert_offline_and_quiet(view)


def test_sliders_set_the_fewest_relations_and_mentions(corpora: Callable[[int], Corpus], open_view) -> None:
    corpus = corpora(CORPUS_SIZES[0])
    view = open_view(corpus.page)
    first = corpus.overview_degree()
    degrees = sorted({d for d in corpus.degree.values()})
    assert view.page.locator("#kg-min-degree-value").text_content() == str(first)

    view.page.locator("#kg-min-degree").press("ArrowLeft")
    lower = degrees[degrees.index(first) - 1]
    assert view.page.locator("#kg-min-degree-value").text_content() == str(lower)
    assert shown(view) == corpus.labels(lower)
    assert shown_facts(view) == {
        (r.head, r.relation, r.tail) for r in corpus.g.relations() if {r.head, r.tail} <= corpus.labels(lower)
    }

    mentions = sorted({e.mentions for e in corpus.g.entities()})
    steps = next(i for i, m in enumerate(mentions) if corpus.labels(lower, m) < corpus.labels(lower))
    slider = view.page.locator("#kg-min-mentions")
    for _ in range(steps):
        slider.press("ArrowRight")
    assert view.page.locator("#kg-min-mentions-value").text_content() == str(mentions[steps])
    assert shown(view) == corpus.labels(lower, mentions[steps])
    assert_offline_and_quiet(view)


def test_search_finds_a_hidden_entity_and_reveals_it(corpora: Callable[[int], Corpus], open_view) -> None:
    corpus = corpora(CORPUS_SIZES[0])
    view = open_view(corpus.page)
    overview = shown(view)
    leaf = next(label for label in sorted(corpus.degree) if corpus.degree[label] == 1)
    loner = next(e.label for e in corpus.g.entities() if not corpus.degree[e.label])
    for label in (leaf, loner):
        assert label not in shown(view)
        assert view.search(label)[0] == label
        view.page.keyboard.press("Enter")
        assert view.js("() => kgView.network.getSelectedNodes()") == [view.node_id(label)]
        assert view.panel("h2") == [label]
    assert shown(view) == overview | {leaf, loner}
    (relation,) = (r for r in corpus.g.relations() if leaf in (r.head, r.tail))
    other = relation.tail if relation.head == leaf else relation.head
    assert ((relation.head, relation.relation, relation.tail) in shown_facts(view)) is (other in overview)
    assert_offline_and_quiet(view)


def test_show_neighbours_opens_a_hub(corpora: Callable[[int], Corpus], open_view) -> None:
    corpus = corpora(CORPUS_SIZES[0])
    view = open_view(corpus.page)
    overview = shown(view)
    hub = max(sorted(overview), key=lambda label: corpus.degree[label])
    neighbours = corpus.ego(hub, 1)[0]
    assert neighbours - overview
    view.search(hub)
    view.page.keyboard.press("Enter")
    view.page.locator("#kg-panel button", has_text=f"显示 {len(neighbours - overview)} 个邻居").click()
    assert shown(view) == overview | neighbours
    assert view.panel("h2") == [hub]
    assert_offline_and_quiet(view)


def test_labels_use_the_pages_cjk_font_stack(examples: tuple[KnowledgeGraph, Path], open_view) -> None:
    _, path = examples
    view = open_view(path)
    face = view.js("(id) => kgView.network.body.nodes[id].options.font.face", view.node_id("中国银联"))
    assert face == view.js("() => getComputedStyle(document.body).fontFamily")
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"):
        assert f'"{font}"' in face


def test_an_entitys_panel_lists_its_figures_with_time_and_evidence(
    tmp_path: Path, open_view: Callable[[Path | str], View]
) -> None:
    article = tmp_path / "figures.md"
    article.write_text(
        "---\ntitle: 顺捷年报\ndate: 2023-04-20\n---\n顺捷银行于2019年推出顺捷钱包。"
        f"截至2022年底，顺捷钱包累计用户已超过3500万户。今年以来，顺捷钱包的交易额约为10-15亿元{SCRIPT}。\n",
        encoding="utf-8",
    )
    g = kg.build([article])
    figures = g.measurements(subject="顺捷钱包")
    assert len(figures) == 2
    view = open_view(write_html(g, tmp_path / "kg.html"))
    view.settle()
    assert view.search("顺捷钱包") == ["顺捷钱包"]
    view.page.keyboard.press("Enter")
    view.page.wait_for_selector("#kg-panel h2")
    assert "数据 Figures (2)" in view.panel("h3")
    heads = view.panel("li .kg-relation-head")
    assert {f"{m.property}：{m.text}" for m in figures} <= set(heads)
    assert {m.evidence.sentence for m in figures} <= set(view.panel("blockquote"))
    assert any("截至2022年底 (2022-12-31)" in line for line in view.panel(".kg-source"))
    assert view.js("() => window.__xss") is None
    assert_offline_and_quiet(view)
