"""Fixtures of the classroom tests: the real app on a free local port, and headless Chromium driven by Playwright.

Chromium comes from Debian (``apt-get install chromium``), never from a browser
download. Without it the browser tests skip on a laptop and fail in CI (``CI``
set), where ``.ci/run`` installs it.
"""
from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from service import create_app

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "test-output", "browser")
# Small enough that a test can paste a text the service refuses as too long.
MAX_BODY = 64 * 1024
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("install Debian's Chromium and the test extra: `apt-get update && apt-get install -y chromium` "
                "and `make install` (Playwright drives the system browser; no browser download is needed)")


def find_chromium() -> str | None:
    """Return the path of a system Chromium (``STANCE_CHROMIUM`` overrides), or None."""
    explicit = os.environ.get("STANCE_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing(reason: str):
    """Fail in CI, where the browser must be there; skip on a laptop, saying how to install it."""
    message = f"browser tests need {reason}; {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def classroom_app(model_dir):
    return create_app({"MODEL_DIR": model_dir, "TESTING": True, "MAX_CONTENT_LENGTH": MAX_BODY})


@pytest.fixture(scope="session")
def live_server(classroom_app):
    """Serve the app on 127.0.0.1 at a free port in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, classroom_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        where = os.environ.get("STANCE_CHROMIUM")
        missing(f"Chromium (STANCE_CHROMIUM={where} does not exist)" if where else "Chromium (no `chromium` on PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Playwright client (`pip install playwright`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh page on the classroom; an uncaught script error fails the test that caused it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=live_server,
                                  accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    if errors:
        pytest.fail(f"the page raised script errors: {errors}", pytrace=False)


@pytest.fixture(scope="session")
def shots():
    """Return a function that saves a full-page screenshot as ``test-output/browser/NAME.png``."""
    os.makedirs(SHOTS, exist_ok=True)

    def shot(page, name: str) -> str:
        path = os.path.join(SHOTS, f"{name}.png")
        page.screenshot(path=path, full_page=True)
        return path
    return shot
