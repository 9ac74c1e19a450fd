"""Benchmark the classroom page: a 600-word article scored and drawn, measured in real headless Chromium.

The page times itself from the moment it sends the article to the first paint
after its cards are drawn (``performance.measure("stance:score-and-draw")``);
this script pastes the article, reads that figure per run and prints the
median and the slowest run. It prints figures and asserts nothing.

    .venv/bin/python benchmarks/bench_page.py [--model-dir models/current] [--runs 20]
        [--screenshot docs/classroom.png]

``--screenshot`` also saves the page scoring seed 000, as the README shows it.
Needs Debian's Chromium (``apt-get install chromium``) and Playwright's client.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from werkzeug.serving import make_server  # noqa: E402

from service import create_app  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SEEDS = os.path.join(ROOT, "service", "seeds")
WORDS = 600


def article_of(words: int) -> str:
    """Return an article of exactly ``words`` words, paragraphs taken in order from the seed articles."""
    chosen, count = [], 0
    for name in sorted(os.listdir(SEEDS)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
            for paragraph in handle.read().split("\n\n"):
                tokens = paragraph.split()
                if not tokens:
                    continue
                take = tokens[:words - count]
                chosen.append(" ".join(take))
                count += len(take)
                if count == words:
                    return "\n\n".join(chosen)
    raise SystemExit(f"the seeds hold fewer than {words} words")


def serve(model_dir: str):
    app = create_app({"MODEL_DIR": model_dir})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def score_once(page, article: str, run: int) -> float:
    page.fill("#pane-a .paste-text", article)
    page.click("#pane-a .score-button")
    page.wait_for_selector(f"#pane-a[data-renders='{run}'][data-state='ready']")
    return float(page.get_attribute("#pane-a", "data-last-ms"))


def screenshot(browser, url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1180})
    page.goto(url)
    page.wait_for_selector("#pane-a .seed-select option[value='000']", state="attached")
    page.select_option("#pane-a .seed-select", "000")
    page.wait_for_selector("#pane-a[data-state='ready']")
    page.hover("#pane-a .card:not(.boilerplate) mark.hl.hostile >> nth=1")
    page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": 1180})
    page.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=os.path.join(ROOT, "models", "current"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--screenshot", help="also save the page scoring seed 000 as this PNG")
    args = parser.parse_args(argv)
    chromium = os.environ.get("STANCE_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("needs Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    article = article_of(WORDS)
    server = serve(args.model_dir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            url = f"http://127.0.0.1:{server.server_port}/"
            page.goto(url)
            page.wait_for_selector("body[data-ready='true']")
            page.click("#pane-a .paste summary")
            warm = score_once(page, article, 1)
            times = [score_once(page, article, run) for run in range(2, args.runs + 2)]
            if args.screenshot:
                screenshot(browser, url, args.screenshot)
            browser.close()
    finally:
        server.shutdown()
    paragraphs = article.count("\n\n") + 1
    print(f"classroom page, {WORDS}-word article in {paragraphs} paragraphs, scored over HTTP and drawn "
          f"in Chromium {browser.version}:")
    print(f"  first run {warm:.0f} ms; next {len(times)} runs median {statistics.median(times):.0f} ms, "
          f"slowest {max(times):.0f} ms, fastest {min(times):.0f} ms")


if __name__ == "__main__":
    main()
