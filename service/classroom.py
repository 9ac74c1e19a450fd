"""The classroom page at ``/`` and the seed articles it offers, as one blueprint.

The page is plain HTML, CSS and JavaScript under ``service/templates`` and
``service/static``; it calls the app's ``POST /v1/score`` and ``GET /v1/model``.
Every response of this blueprint carries a Content-Security-Policy that forbids
inline script, so pasted article text can never run.
"""
from __future__ import annotations

import json
import os
import re

from flask import Blueprint, jsonify, render_template

import stance

from .problems import Problem

classroom = Blueprint("classroom", __name__, static_folder="static", static_url_path="/classroom/static",
                      template_folder="templates")

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'none'",
    "frame-ancestors 'none'", "object-src 'none'",
])
SEED_INDEX = "index.json"
_SEED_ID = re.compile(r"\d{3}")


def _seed_dir() -> str:
    return os.path.join(classroom.root_path, "seeds")


def read_seed_index() -> list[dict]:
    """Return the seed entries of ``seeds/index.json``: ``{"id", "file", "title"?}``."""
    with open(os.path.join(_seed_dir(), SEED_INDEX), encoding="utf-8") as handle:
        return json.load(handle)["seeds"]


def describe_seed(entry: dict, text: str) -> dict:
    """Return ``{"id", "title", "date", "words"}``: the article's own title line wins over the index's."""
    paragraphs = stance.split_paragraphs(text)
    own = next((p.text for p in paragraphs[:1] if p.kind == "title"), None)
    dateline = next((p.text for p in paragraphs[:2] if p.kind == "dateline"), "")
    date = re.search(r"\d{4}-\d{2}-\d{2}", dateline)
    return {"id": entry["id"], "title": own or entry["title"], "date": date.group() if date else None,
            "words": len(text.split())}


def read_seed(seed_id: str) -> tuple[dict, str]:
    """Return ``(entry, text)`` of seed ``seed_id``; raise ``KeyError`` if there is none."""
    for entry in read_seed_index():
        if entry["id"] == seed_id:
            with open(os.path.join(_seed_dir(), entry["file"]), encoding="utf-8") as handle:
                return entry, handle.read()
    raise KeyError(seed_id)


@classroom.after_request
def add_security_headers(response):
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@classroom.get("/")
def page():
    return render_template("classroom/index.html")


@classroom.get("/v1/seeds")
def list_seeds():
    """List the seed articles: ``{"seeds": [{"id", "title", "date", "words"}]}``."""
    seeds = []
    for entry in read_seed_index():
        seeds.append(describe_seed(entry, read_seed(entry["id"])[1]))
    return jsonify(seeds=seeds)


@classroom.get("/v1/seeds/<seed_id>")
def get_seed(seed_id: str):
    """Return one seed article: ``{"id", "title", "date", "words", "text"}``."""
    try:
        if not _SEED_ID.fullmatch(seed_id):
            raise KeyError(seed_id)
        entry, text = read_seed(seed_id)
    except KeyError:
        raise Problem(404, f"There is no seed article {seed_id!r}; GET /v1/seeds lists them.") from None
    return jsonify(**describe_seed(entry, text), text=text)
