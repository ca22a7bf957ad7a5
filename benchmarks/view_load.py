"""Load time of the HTML view in headless Chromium: a small graph (physics on) against a large one (physics off).

Synthetic graphs of invented names are rendered with kg.viz and opened from file://. The time is measured in the
page, from the start of navigation to the first frame drawn once the layout is done: after vis-network's
stabilization when physics is on, the first frame when positions come from Python. Each size is opened in a
fresh browser context several times and the median is reported.

    python benchmarks/view_load.py [--sizes 100 5000] [--runs 5] [--json FILE] [--chromium PATH]

Needs `pip install playwright` and a Chromium on the machine (never `playwright install`: nothing is downloaded).
"""

from __future__ import annotations

import argparse
import json
import os
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
from kg.viz import write_html  # noqa: E402

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

_TYPES = ("ORG", "PRODUCT", "INITIATIVE", "LOC")
_NAMES = {"ORG": "示例集团", "PRODUCT": "示例卡", "INITIATIVE": "示例计划", "LOC": "示例市"}
_RELATIONS = {"PRODUCT": "launched", "INITIATIVE": "operates", "LOC": "located_in"}
_ENTITIES_PER_DOCUMENT = 50


def find_chromium() -> str | None:
    """The system Chromium: $KG_CHROMIUM, else chromium or chromium-browser on PATH."""
    return os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def synthetic_graph(n: int) -> KnowledgeGraph:
    """n invented entities in groups of four (an organization, its product, its initiative, its city).

    Every organization but the first is a subsidiary of an earlier one, so the graph is connected, has about
    one edge per node, and is the same on every call.
    """

    def label(i: int) -> str:
        return f"{_NAMES[_TYPES[i % 4]]}{i:05d}"

    entities: dict[str, list[EntityRecord]] = {}
    relations: dict[str, list[RelationRecord]] = {}
    for i in range(n):
        doc = f"synthetic-{i // _ENTITIES_PER_DOCUMENT:04d}"
        type_ = _TYPES[i % 4]
        entities.setdefault(doc, []).append(EntityRecord(label(i), type_, mentions=1 + i % 7))
        if i == 0:
            continue
        if type_ == "ORG":
            head, relation, tail = label(i), "subsidiary_of", label(i // 8 * 4)
        else:
            head, relation, tail = label(i // 4 * 4), _RELATIONS[type_], label(i)
        sentence = f"{head}与{tail}的关系见于第{i}句。"
        evidence = Evidence(doc, sentence, 40 * i, 40 * i + len(sentence), "synthetic", 0.9, 2020 + i % 5)
        relations.setdefault(doc, []).append(RelationRecord(head, relation, tail, evidence))
    extractions = [
        Extraction(
            DocumentMeta(id=doc, title=f"示例文档{doc[-4:]}", date="2024-01-01"),
            tuple(ents),
            tuple(relations.get(doc, ())),
        )
        for doc, ents in entities.items()
    ]
    return KnowledgeGraph().update(extractions)


def launch(playwright: Any, executable: str) -> Any:
    """Headless system Chromium; Playwright gives it a fresh, empty profile."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))


def load_time(browser: Any, path: Path) -> dict[str, Any]:
    """Open the view in a fresh context and return when it was first drawn laid out (ms after navigation)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        context.add_init_script(RECORD_LOAD)
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.__kgLoad.drawn !== null", timeout=LOAD_TIMEOUT_MS)
        marks = page.evaluate("() => window.__kgLoad")
        marks["nodes"] = page.evaluate("() => kgView.network.body.nodeIndices.length")
        return marks
    finally:
        context.close()


def measure(browser: Any, sizes: list[int], runs: int, workdir: Path) -> list[dict[str, Any]]:
    """Render each size once, then open it `runs` times; one result row per size."""
    rows = []
    for n in sizes:
        started = time.perf_counter()
        g = synthetic_graph(n)
        path = write_html(g, workdir / f"view-{n}.html")
        render_s = time.perf_counter() - started
        loads = [load_time(browser, path) for _ in range(runs)]
        times = [m["drawn"] for m in loads]
        rows.append(
            {
                "nodes": n,
                "edges": len(g.relations()),
                "drawn_nodes": loads[0]["nodes"],
                "physics": loads[0]["physics"],
                "html_bytes": path.stat().st_size,
                "render_s": round(render_s, 3),
                "load_ms": [round(t, 1) for t in times],
                "median_ms": round(statistics.median(times), 1),
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 5000], help="numbers of nodes")
    parser.add_argument("--runs", type=int, default=5, help="page loads per size (the median is reported)")
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
    print(f"{'nodes':>6} {'edges':>6} {'physics':>8} {'HTML MB':>8} {'render s':>9} {'load ms':>9}")
    for r in rows:
        print(
            f"{r['nodes']:>6} {r['edges']:>6} {r['physics']!s:>8} {r['html_bytes'] / 1e6:>8.2f} "
            f"{r['render_s']:>9.2f} {r['median_ms']:>9.1f}"
        )
    result: dict[str, Any] = {"chromium": version, "runs": args.runs, "sizes": rows}
    if len(rows) >= 2:
        ratio = rows[-1]["median_ms"] / rows[0]["median_ms"]
        result["ratio"] = round(ratio, 2)
        print(f"ratio {rows[-1]['nodes']}/{rows[0]['nodes']}: {ratio:.2f}")
    _write_json(args.json, result)
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
