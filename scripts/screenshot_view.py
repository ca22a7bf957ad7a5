"""Regenerates the README's pictures of the view, from the repository root.

docs/view.png, the bundled examples with 中国银联 selected through search and a click, the graph fitted whole:

    .venv/bin/kg build examples -o /tmp/exv
    .venv/bin/python scripts/screenshot_view.py /tmp/exv/kg.html docs/view.png --select 中国银联

docs/view-corpus.png, the 614 finance articles as a reader first sees them (the overview at the default zoom):

    .venv/bin/kg build ../shared/data/finance_stock_news.jsonl.gz -o /tmp/finance
    .venv/bin/python scripts/screenshot_view.py /tmp/finance/kg.html docs/view-corpus.png --size 1200x800

The corpus picture selects nothing, so that no article sentence (the panel's evidence) is in it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd() / "benchmarks"))
import view_load
from playwright.sync_api import sync_playwright


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a page kg wrote (kg.html)")
    parser.add_argument("target", type=Path, help="the PNG to write")
    parser.add_argument("--select", metavar="NAME", help="search for NAME, click its node, then fit the whole graph")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="viewport in CSS pixels (1400x900)")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    with sync_playwright() as playwright:
        browser = view_load.launch(playwright, view_load.find_chromium())
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_init_script(view_load.RECORD_LOAD)
        page = context.new_page()
        page.goto(args.source.resolve().as_uri())
        page.wait_for_function(
            "() => window.__kgLoad.drawn !== null && (window.__kgLoad.stabilized !== null || !window.__kgLoad.physics)",
            timeout=view_load.LOAD_TIMEOUT_MS,
        )
        if args.select:
            select(page, args.select)
        page.mouse.move(0, 0)  # over the header: no node is hovered, no tooltip shows
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.screenshot(path=args.target)
        browser.close()


def select(page, name: str) -> None:
    """Pick NAME from the search box, click its node, then zoom back out so the picture shows the whole graph."""
    page.locator("#kg-search").click()
    page.keyboard.type(name)
    page.evaluate("() => { window.__focused = new Promise((done) => kgView.network.once('animationFinished', done)); }")
    page.locator("#kg-results li").first.click()
    page.evaluate("() => window.__focused")
    x, y = page.evaluate(
        """(name) => {
            const { network, nodes } = kgView;
            const id = nodes.get({ filter: (n) => n.label === name })[0].id;
            const point = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById("kg-network").getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }""",
        name,
    )
    page.mouse.click(x, y)
    page.evaluate("() => kgView.network.fit()")
    if page.locator("#kg-panel h2").text_content() != name:
        raise SystemExit(f"the panel does not show {name} after clicking its node")


if __name__ == "__main__":
    main()
