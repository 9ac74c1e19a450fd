"""Liveness and readiness: GET /livez and GET /readyz."""
from __future__ import annotations

from flask import Blueprint

from .api import json_response, serving

health = Blueprint("health", __name__)


@health.get("/livez")
def livez():
    """The process is up and answering."""
    return json_response({"status": "alive"})


@health.get("/readyz")
def readyz():
    """200 only when a verified model is loaded (it passed its smoke prediction); 503 otherwise."""
    loaded = serving()
    return json_response({"status": "ready", "model_version": loaded.version})
