"""The real server: gunicorn on a loopback port, real HTTP, a model reload under load."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from service_helpers import break_model, publish, sample

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEADLINE = 60


def wait_for(predicate, what, timeout=DEADLINE):
    """Poll ``predicate`` until it returns something true; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def call(url, data=None, content_type="text/plain"):
    """Return ``(status, parsed body)``."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type} if data is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    is_json = body[:1] in (b"{", b"[")
    return status, json.loads(body) if is_json else body.decode()


@pytest.fixture()
def server(model_copy, tmp_path):
    log = open(tmp_path / "server.log", "w+b")
    env = {**os.environ, "STANCE_MODEL_DIR": str(model_copy / "current"), "STANCE_HOST": "127.0.0.1",
           "STANCE_PORT": "0", "STANCE_WORKERS": "2"}
    env.pop("STANCE_ADMIN_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "service.server"], cwd=ROOT, env=env, stdout=log, stderr=log)

    def port():
        log.seek(0)
        match = re.search(rb"Listening at: http://127\.0\.0\.1:(\d+)", log.read())
        if process.poll() is not None:
            pytest.fail(f"the server exited: {log.read().decode(errors='replace')}")
        return match and int(match.group(1))

    base = f"http://127.0.0.1:{wait_for(port, 'the server to listen')}"
    wait_for(lambda: call(base + "/readyz")[0] == 200, "the server to be ready")
    yield process, base
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        log.close()


class Load:
    """Threads that score an article over and over until stopped, keeping every outcome."""

    def __init__(self, url, article, threads=4, limit=5000):
        self.url, self.data, self.limit = url, article.encode(), limit
        self.outcomes, self.stop = [], threading.Event()
        self.threads = [threading.Thread(target=self.run) for _ in range(threads)]

    def run(self):
        while not self.stop.is_set() and len(self.outcomes) < self.limit:
            try:
                status, body = call(self.url, self.data)
                self.outcomes.append((status, body.get("model_version") if isinstance(body, dict) else body))
            except OSError as error:
                self.outcomes.append((None, repr(error)))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def served_versions(base):
    metrics = call(base + "/metrics")[1]
    return {v for v in ("test-1", "test-2") if sample(metrics, "stance_model_info", version=v) == 1}


def test_real_server_scores_and_reloads_under_load(server, model_copy, article, seed_examples):
    process, base = server
    status, result = call(base + "/v1/score", article.encode())
    assert status == 200
    assert result["model_version"] == "test-1"
    assert result["summary"]["content_paragraphs"] >= 5
    assert call(base + "/v1/score", b"", "text/plain")[0] == 400

    with Load(base + "/v1/score", article) as load:
        wait_for(lambda: len(load.outcomes) >= 20, "requests before the reload")
        publish(model_copy, "test-2", seed_examples)
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: served_versions(base) == {"test-2"}, "every worker to serve test-2")
        after = len(load.outcomes)
        wait_for(lambda: len(load.outcomes) >= after + 20, "requests after the reload")

        break_model(model_copy)
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: sample(call(base + "/metrics")[1], "stance_model_reloads_total", result="failed") >= 2,
                 "both workers to refuse the broken model")
        before_end = len(load.outcomes)
        wait_for(lambda: len(load.outcomes) >= before_end + 20, "requests after the failed reload")

    failures = [o for o in load.outcomes if o[0] != 200]
    assert not failures, failures[:5]
    versions = [version for _, version in load.outcomes]
    assert versions[0] == "test-1" and versions[-1] == "test-2"
    assert call(base + "/readyz") == (200, {"status": "ready", "model_version": "test-2"})
    assert call(base + "/v1/model")[1]["last_reload"]["ok"] is False

    metrics = call(base + "/metrics")[1]
    scored = sample(metrics, "stance_http_requests_total", endpoint="/v1/score", method="POST", status="200")
    assert scored == len(load.outcomes) + 1  # summed over both workers, exactly
