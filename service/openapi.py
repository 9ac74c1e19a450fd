"""The OpenAPI document, written by apispec from the same marshmallow schemas that validate requests."""
from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from . import schemas

PROBLEM = {"application/problem+json": {"schema": "Problem"}}


def _problem(description):
    return {"description": description, "content": PROBLEM}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


EXPLAIN_QUERY = {"name": "explain", "in": "query", "required": False, "schema": {"type": "boolean"},
                 "description": "Add explanations (as does \"explain\": true in a JSON body)."}
COMMON_ERRORS = {"405": _problem("Method not allowed; see the Allow header.")}


def _score_errors(extra):
    return {"400": _problem("Malformed JSON, missing or empty text, wrong field types."),
            "413": _problem("Body over the size limit."), "415": _problem("Unsupported content type."),
            "503": _problem("No verified model is loaded; run `make model`."), **extra, **COMMON_ERRORS}


def build_spec(max_batch: int, version: str) -> dict:
    """Return the OpenAPI document as a dict."""
    spec = APISpec(title="stance", version=version, openapi_version="3.0.3", plugins=[MarshmallowPlugin()],
                   info={"description": "Stance toward the US, China and Russia, and hawkish/cooperative "
                                        "framing, for each paragraph of a news article. See docs/api.md."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in [("Article", schemas.ArticleSchema), ("BatchRequest", schemas.batch_schema(max_batch)),
                         ("Score", schemas.ScoreSchema), ("BatchResult", schemas.BatchResultSchema),
                         ("ModelInfo", schemas.ModelInfoSchema), ("Ready", schemas.ReadySchema),
                         ("ReloadResult", schemas.ReloadResultSchema),
                         ("Problem", schemas.ProblemSchema)]:
        spec.components.schema(name, schema=schema)
    text_body = {"schema": {"type": "string", "pattern": r"[\s\S]*\S"}}
    spec.path("/v1/score", operations={"post": {
        "summary": "Score one article, paragraph by paragraph.", "parameters": [EXPLAIN_QUERY],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "Article"},
                                                      "text/plain": text_body}},
        "responses": {"200": _json("Score", "Scores of every paragraph and of the article."), **_score_errors({})}}})
    spec.path("/v1/score/batch", operations={"post": {
        "summary": f"Score up to {max_batch} articles; results in order.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": "BatchRequest"}}},
        "responses": {"200": _json("BatchResult", "One result per article, in order."), **_score_errors({})}}})
    spec.path("/v1/model", operations={"get": {
        "summary": "The model being served: version, training date, label counts, cross-validated metrics.",
        "responses": {"200": _json("ModelInfo", "The sidecar of the model in use."),
                      "503": _problem("No verified model is loaded."), **COMMON_ERRORS}}})
    spec.path("/livez", operations={"get": {
        "summary": "The process is up.",
        "responses": {"200": _json({"type": "object", "properties": {"status": {"type": "string"}},
                                    "required": ["status"]}, "Alive."), **COMMON_ERRORS}}})
    spec.path("/readyz", operations={"get": {
        "summary": "A verified model is loaded and passed its smoke prediction.",
        "responses": {"200": _json("Ready", "Ready to score."),
                      "503": _problem("Not ready; the detail says to run `make model`."), **COMMON_ERRORS}}})
    spec.path("/metrics", operations={"get": {
        "summary": "Prometheus metrics, summed over all workers.",
        "responses": {"200": {"description": "Prometheus text format.",
                              "content": {"text/plain": {"schema": {"type": "string"}}}}, **COMMON_ERRORS}}})
    spec.path("/openapi.json", operations={"get": {
        "summary": "This document.",
        "responses": {"200": _json({"type": "object"}, "OpenAPI 3.0 document."), **COMMON_ERRORS}}})
    spec.path("/admin/reload", operations={"post": {
        "summary": "Load a retrained model in every worker; a model that fails its checks is refused.",
        "security": [{"bearer": []}],
        "responses": {"200": _json("ReloadResult", "The new model serves now."),
                      "401": _problem("Missing or wrong bearer token."),
                      "404": _problem("Disabled: no STANCE_ADMIN_TOKEN is set."),
                      "409": _problem("The new model failed its checks; the old one keeps serving."),
                      **COMMON_ERRORS}}})
    return spec.to_dict()
