"""Load time of the HTML view in headless Chromium, for corpus-like graphs from a hundred to 25,000 entities.

Synthetic graphs of invented names (half the entities without relations, a few hubs, many leaves) are rendered
with kg.viz and opened from file://. Two times are measured in the page, from the start of navigation: the first
frame drawn once the layout is done (after vis-network's stabilization when physics is on, the first frame when
positions come from Python), and the first interaction: the search box lists a shown entity typed into it, and a
click on that entity's node opens its panel. Each size is opened in a fresh browser context several times and
the medians are reported, with the time render_html takes and the page's size.

    python benchmarks/view_load.py [--sizes 100 3000 25000] [--runs 3] [--json FILE] [--chromium PATH]

Needs `pip install playwright` and a Chromium on the machine (never `playwright install`: nothing is downloaded).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord  # noqa: E402
from kg.viz import render_html, write_html  # noqa: E402

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
"""Offline and quiet: no sandbox (CI runs as root), no GPU, no background requests, and no host resolves."""

LOAD_TIMEOUT_MS = 120_000

RECORD_LOAD = """
(() => {
  const marks = { physics: null, drawn: null, stabilized: null };
  let view;
  window.__kgLoad = marks;
  // view.js assigns window.kgView right after it creates the network, before vis-network draws or stabilizes
  // (both happen in later tasks), so listeners attached here see every event.
  Object.defineProperty(window, "kgView", {
    configurable: true,
    get: () => view,
    set: (value) => {
      view = value;
      const network = value.network;
      marks.physics = network.physics.options.enabled;
      let laidOut = !marks.physics;
      network.on("stabilizationIterationsDone", () => { laidOut = true; });
      network.on("stabilized", () => { if (marks.stabilized === null) marks.stabilized = performance.now(); });
      network.on("afterDrawing", () => { if (laidOut && marks.drawn === null) marks.drawn = performance.now(); });
    },
  });
})();
"""
"""An init script: records, relative to navigation start, when the laid-out graph was first drawn."""

_ENTITIES_PER_DOCUMENT = 5
_ISOLATED = 0.5
_NEW_COMPONENT = 0.05
_SECOND_EDGE = 0.15
_SYLLABLES = "华信达安泰德恒瑞宏兴源新联合通远创益润丰盛嘉景航明智博诚融汇"
_SUFFIXES = {
    "ORG": ("集团", "科技", "银行", "证券", "控股", "股份"),
    "PRODUCT": ("卡", "宝", "通", "云"),
    "INITIATIVE": ("计划", "工程", "试点"),
    "LOC": ("市", "区", "县"),
}
_TYPE_WEIGHTS = {"ORG": 50, "LOC": 15, "PRODUCT": 20, "INITIATIVE": 15}
_RELATIONS = {
    ("ORG", "ORG"): ("partnered_with", "invested_in", "subsidiary_of"),
    ("ORG", "PRODUCT"): ("launched", "operates"),
    ("ORG", "INITIATIVE"): ("launched", "operates", "invested_in"),
    ("ORG", "LOC"): ("located_in",),
    ("PRODUCT", "LOC"): ("deployed_at",),
    ("INITIATIVE", "LOC"): ("deployed_at", "located_in"),
    ("LOC", "LOC"): ("located_in",),
}
"""Which relations an invented pair of types can have, head type first; other pairs are part_of."""


def find_chromium() -> str | None:
    """The system Chromium: $KG_CHROMIUM, else chromium or chromium-browser on PATH."""
    return os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def corpus_like_graph(n: int, *, seed: int = 0) -> KnowledgeGraph:
    """n invented entities shaped like a news corpus: half never related, a few hubs, many leaves.

    Related entities arrive one by one and mostly attach to an entity picked by preferential attachment (an end
    of a random earlier relation), so degrees follow a power law; a few start a small component of their own.
    Names are invented from a list of syllables; the same n and seed give the same graph.
    """
    rng = random.Random(seed)
    types = rng.choices(list(_TYPE_WEIGHTS), weights=list(_TYPE_WEIGHTS.values()), k=n)
    width = max(3, math.ceil(math.log(max(n, 2), len(_SYLLABLES))))

    def label(i: int) -> str:
        code = i * 7919 % len(_SYLLABLES) ** width  # 7919 is prime to 30: every i gets its own syllables
        digits = "".join(_SYLLABLES[code // len(_SYLLABLES) ** p % len(_SYLLABLES)] for p in range(width))
        suffixes = _SUFFIXES[types[i]]
        return digits + suffixes[i % len(suffixes)]

    degree = [0] * n
    ends: list[int] = []
    pairs: list[tuple[int, int]] = []
    previous = None
    for i in range(n):
        if rng.random() < _ISOLATED:
            continue
        if previous is None or rng.random() < _NEW_COMPONENT:
            targets = []
        elif degree[previous] == 0:
            targets = [previous]
        else:
            targets = [rng.choice(ends)]
            if rng.random() < _SECOND_EDGE:
                targets.append(rng.choice(ends))
        for j in dict.fromkeys(targets):
            pairs.append((i, j))
            ends += (i, j)
            degree[i] += 1
            degree[j] += 1
        previous = i

    entities: dict[str, list[EntityRecord]] = {}
    for i in range(n):
        mentions = 1 + degree[i] + rng.randrange(4)
        entities.setdefault(_document(i), []).append(EntityRecord(label(i), types[i], mentions=mentions))
    relations: dict[str, list[RelationRecord]] = {}
    for k, (i, j) in enumerate(pairs):
        head, tail = (i, j) if (types[i], types[j]) in _RELATIONS or (types[j], types[i]) not in _RELATIONS else (j, i)
        relation = rng.choice(_RELATIONS.get((types[head], types[tail]), ("part_of",)))
        doc = _document(i)
        sentence = f"据报道，{label(head)}与{label(tail)}的这项关系见于第{k}篇示例报道的正文。"
        evidence = Evidence(doc, sentence, 40 * k, 40 * k + len(sentence), "synthetic", 0.9, 2015 + k % 10)
        relations.setdefault(doc, []).append(RelationRecord(label(head), relation, label(tail), evidence))
    extractions = [
        Extraction(
            DocumentMeta(id=doc, title=f"示例报道{doc[-5:]}", date="2024-01-01"),
            tuple(records),
            tuple(relations.get(doc, ())),
        )
        for doc, records in entities.items()
    ]
    return KnowledgeGraph().update(extractions)


def _document(i: int) -> str:
    return f"synthetic-{i // _ENTITIES_PER_DOCUMENT:05d}"


def launch(playwright: Any, executable: str) -> Any:
    """Headless system Chromium; Playwright gives it a fresh, empty profile."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))


NODE_NEAR_CENTRE = """
() => {
  const { network, nodes, nodesView } = kgView;
  const box = document.getElementById("kg-network").getBoundingClientRect();
  let best = null;
  for (const id of nodesView.getIds()) {
    const point = network.canvasToDOM(network.getPosition(id));
    const distance = Math.hypot(point.x - box.width / 2, point.y - box.height / 2);
    if (network.getNodeAt(point) === id && (best === null || distance < best.distance)) {
      best = { id: id, label: nodes.get(id).label, x: box.left + point.x, y: box.top + point.y, distance: distance };
    }
  }
  return best;
}
"""
"""The shown node nearest the middle of the canvas that nothing covers, with where to click it on the page."""


def open_page(browser: Any, path: Path) -> tuple[Any, Any]:
    """A fresh context with the load marks recorded, and its page once the laid-out graph is drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(RECORD_LOAD)
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => window.__kgLoad.drawn !== null", timeout=LOAD_TIMEOUT_MS)
    return context, page


def first_interaction(page: Any) -> dict[str, Any]:
    """Search for the node nearest the centre, then click it: when each answered, in ms after navigation."""
    target = page.evaluate(NODE_NEAR_CENTRE)
    page.fill("#kg-search", target["label"])
    page.wait_for_function(
        "(label) => [...document.querySelectorAll('#kg-results li')].some((li) => li.firstChild.textContent === label)",
        arg=target["label"],
    )
    searched = page.evaluate("() => performance.now()")
    page.keyboard.press("Escape")
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function(
        "(label) => document.querySelector('#kg-panel h2')?.textContent === label", arg=target["label"]
    )
    return {"node": target["id"], "searched": searched, "clicked": page.evaluate("() => performance.now()")}


def load_time(browser: Any, path: Path) -> dict[str, Any]:
    """Open the view in a fresh context: when it was first drawn, first answered, and how much it drew."""
    context, page = open_page(browser, path)
    try:
        marks = page.evaluate("() => window.__kgLoad")
        marks["nodes"] = page.evaluate("() => kgView.network.body.nodeIndices.length")
        marks["interaction"] = first_interaction(page)
        return marks
    finally:
        context.close()


def measure(browser: Any, sizes: list[int], runs: int, workdir: Path) -> list[dict[str, Any]]:
    """Render each size once, then open it `runs` times; one result row per size."""
    rows = []
    for n in sizes:
        g = corpus_like_graph(n)
        g.entities()  # resolve names before the clock starts: render_html is what is timed
        started = time.perf_counter()
        render_html(g)
        render_s = time.perf_counter() - started
        path = write_html(g, workdir / f"view-{n}.html")
        loads = [load_time(browser, path) for _ in range(runs)]
        drawn = [m["drawn"] for m in loads]
        interactive = [m["interaction"]["clicked"] for m in loads]
        size = path.stat().st_size
        rows.append(
            {
                "nodes": n,
                "edges": len(g.relations()),
                "drawn_nodes": loads[0]["nodes"],
                "physics": loads[0]["physics"],
                "html_bytes": size,
                "bytes_per_node": round(size / n),
                "render_s": round(render_s, 3),
                "drawn_ms": [round(t, 1) for t in drawn],
                "interactive_ms": [round(t, 1) for t in interactive],
                "median_drawn_ms": round(statistics.median(drawn), 1),
                "median_interactive_ms": round(statistics.median(interactive), 1),
            }
        )
    return rows


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False, indent=2, sort_keys=True)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 3000, 25000], help="numbers of nodes")
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (the median is reported)")
    parser.add_argument("--json", type=Path, default=Path("view_load.json"), help="where to write the results")
    parser.add_argument("--chromium", default=find_chromium(), help="Chromium executable")
    args = parser.parse_args(argv)
    if not args.chromium:
        print("no Chromium found: install it (Debian: apt-get install chromium) or pass --chromium", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed: pip install playwright", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright, args.chromium)
        try:
            rows = measure(browser, args.sizes, args.runs, Path(tmp))
            version = browser.version
        finally:
            browser.close()

    print(f"Chromium {version}, median of {args.runs} loads")
    print(
        f"{'nodes':>6} {'edges':>6} {'drawn':>6} {'physics':>8} {'HTML MB':>8} {'B/node':>7} {'render s':>9} "
        f"{'drawn ms':>9} {'interactive ms':>15}"
    )
    for r in rows:
        print(
            f"{r['nodes']:>6} {r['edges']:>6} {r['drawn_nodes']:>6} {r['physics']!s:>8} {r['html_bytes'] / 1e6:>8.2f} "
            f"{r['bytes_per_node']:>7} {r['render_s']:>9.2f} {r['median_drawn_ms']:>9.1f} "
            f"{r['median_interactive_ms']:>15.1f}"
        )
    result: dict[str, Any] = {"chromium": version, "runs": args.runs, "sizes": rows}
    _write_json(args.json, result)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
