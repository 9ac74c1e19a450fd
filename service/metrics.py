"""Prometheus metrics: requests and latency by endpoint and status, paragraphs scored, model version.

Under gunicorn, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``service.server``) makes
every worker write its values to files there, and ``GET /metrics`` sums them,
so the figures are right whichever worker answers.
"""
from __future__ import annotations

import os
import time

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram,
                               generate_latest)
from prometheus_client.multiprocess import MultiProcessCollector

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

metrics_blueprint = Blueprint("metrics", __name__)


class Metrics:
    """The service's metrics, in their own registry (one per app)."""

    def __init__(self):
        self.registry = CollectorRegistry(auto_describe=True)
        labels = ("endpoint", "method", "status")
        self.requests = Counter("stance_http_requests", "HTTP requests by endpoint, method and status.",
                                labels, registry=self.registry)
        self.latency = Histogram("stance_http_request_duration_seconds",
                                 "Time from request to response, by endpoint, method and status.",
                                 labels, buckets=LATENCY_BUCKETS, registry=self.registry)
        self.articles = Counter("stance_articles_scored", "Articles scored.", registry=self.registry)
        self.paragraphs = Counter("stance_paragraphs_scored", "Content paragraphs scored.",
                                  registry=self.registry)
        self.model_info = Gauge("stance_model_info", "1 for each model version a live worker serves.",
                                ("version",), multiprocess_mode="livemax", registry=self.registry)
        self.reloads = Counter("stance_model_reloads", "Model reloads by result (ok or failed).", ("result",),
                               registry=self.registry)

    def scored(self, paragraphs: int) -> None:
        self.articles.inc()
        self.paragraphs.inc(paragraphs)

    def model_changed(self, old, new) -> None:
        if old is not None:
            self.model_info.labels(version=str(old.version)).set(0)
        if new is not None:
            self.model_info.labels(version=str(new.version)).set(1)

    def reloaded(self, ok: bool) -> None:
        self.reloads.labels(result="ok" if ok else "failed").inc()

    def exposition(self) -> bytes:
        """Return the text format: summed over workers when running under the server."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)


def _start() -> None:
    g.stance_started = time.perf_counter()


def _record(response):
    started = g.pop("stance_started", None)
    if started is not None:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        labels = {"endpoint": endpoint, "method": request.method, "status": str(response.status_code)}
        metrics = current_app.extensions["stance"]["metrics"]
        metrics.requests.labels(**labels).inc()
        metrics.latency.labels(**labels).observe(time.perf_counter() - started)
    return response


@metrics_blueprint.get("/metrics")
def metrics_view():
    return Response(current_app.extensions["stance"]["metrics"].exposition(), mimetype="text/plain",
                    headers={"Content-Type": CONTENT_TYPE_LATEST})


def register(app) -> None:
    """Time and count every request of ``app`` and serve GET /metrics."""
    app.before_request(_start)
    app.after_request(_record)
    app.register_blueprint(metrics_blueprint)
