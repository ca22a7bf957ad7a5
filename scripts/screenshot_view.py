"""Regenerates docs/view.png: the view of the bundled examples with 中国银联 selected through search and a click.

From the repository root:

    .venv/bin/kg build examples -o /tmp/exv
    .venv/bin/python scripts/screenshot_view.py /tmp/exv/kg.html docs/view.png
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd() / "benchmarks"))
import view_load
from playwright.sync_api import sync_playwright


def main(source: str, target: str) -> None:
    with sync_playwright() as playwright:
        browser = view_load.launch(playwright, view_load.find_chromium())
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.add_init_script(view_load.RECORD_LOAD)
        page = context.new_page()
        page.goto(Path(source).resolve().as_uri())
        page.wait_for_function("() => window.__kgLoad.stabilized !== null", timeout=60_000)
        page.locator("#kg-search").click()
        page.keyboard.type("银联")
        page.locator("#kg-results li").first.click()
        page.wait_for_timeout(800)
        x, y = page.evaluate(
            """() => {
                const { network, nodes } = kgView;
                const id = nodes.get({ filter: (n) => n.label === "中国银联" })[0].id;
                const point = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + point.x, box.top + point.y];
            }"""
        )
        page.mouse.click(x, y)
        page.evaluate("() => kgView.network.fit()")  # zoom back out so the picture shows the whole graph
        page.mouse.move(700, 890)
        page.wait_for_timeout(300)
        assert page.locator("#kg-panel h2").text_content() == "中国银联"
        page.screenshot(path=target)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
