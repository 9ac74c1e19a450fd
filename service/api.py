"""The scoring endpoints: POST /v1/score, POST /v1/score/batch, GET /v1/model."""
from __future__ import annotations

import orjson
from flask import Blueprint, Response, current_app, request

import stance

from . import body
from .problems import Problem

api = Blueprint("api", __name__)

NOT_READY = "No verified model is loaded ({reason}). Run `make model` to train one, then reload or restart."


def serving():
    """Return the ``Loaded`` model for this request, or raise a 503 Problem."""
    holder = current_app.extensions["stance"]["holder"]
    loaded = holder.loaded
    if loaded is None:
        raise Problem(503, NOT_READY.format(reason=holder.error), headers={"Retry-After": "30"})
    return loaded


def json_response(payload) -> Response:
    # orjson encodes a scored article in a tenth of json.dumps' time, as UTF-8 without escapes;
    # body.validate refuses unpaired surrogates, the one thing UTF-8 cannot encode.
    return Response(orjson.dumps(payload), mimetype="application/json")


def _explain_query():
    value = request.args.get("explain")
    if value is None:
        return False
    if value.lower() in ("true", "1"):
        return True
    if value.lower() in ("false", "0"):
        return False
    raise Problem(400, f"Query parameter explain={value!r} is not a boolean; use explain=true or explain=false.")


def _score(loaded, article: dict, explain: bool) -> dict:
    top = current_app.config["EXPLAIN_TOP"] if explain or article["explain"] else 0
    result = stance.score_article(loaded.model, article["text"], explain_top=top)
    current_app.extensions["stance"]["metrics"].scored(result["summary"]["content_paragraphs"])
    return {"id": article.get("id"), "title": article.get("title"), "model_version": loaded.version, **result}


@api.post("/v1/score")
def score():
    """Score one article sent as JSON ``{"text", "title"?, "id"?, "explain"?}`` or as text/plain."""
    explain = _explain_query()
    article = body.read_article(current_app.extensions["stance"]["article_schema"])
    return json_response(_score(serving(), article, explain))


@api.post("/v1/score/batch")
def score_batch():
    """Score up to MAX_BATCH articles sent as ``{"articles": [...]}``; results in order."""
    batch = body.read_batch(current_app.extensions["stance"]["batch_schema"])
    loaded = serving()
    return json_response({"model_version": loaded.version,
                          "results": [_score(loaded, article, False) for article in batch["articles"]]})


@api.get("/v1/model")
def model_info():
    """Describe the model being served, from its sidecar."""
    loaded = serving()
    sidecar = loaded.sidecar
    return json_response({
        "version": sidecar.get("version"), "trained_at": sidecar.get("trained_at"), "loaded_at": loaded.loaded_at,
        "heads": list(loaded.model.heads_), "labels": sidecar.get("labels", {}), "cv": sidecar.get("cv"),
        "cv_metrics": sidecar.get("cv_metrics", {}), "fresh": sidecar.get("fresh"), "params": sidecar.get("params"),
        "versions": sidecar.get("versions", {}),
        "last_reload": current_app.extensions["stance"]["holder"].last_reload})
