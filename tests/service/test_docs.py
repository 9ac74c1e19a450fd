"""docs/api.md documents every field the API returns: walk real responses, look each field up."""
from __future__ import annotations

import os
import re

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API_DOC = os.path.join(ROOT, "docs", "api.md")
HEADS = {"us", "china", "russia", "framing"}
VALUES = {"favor", "against", "neutral", "absent", "hawkish", "cooperative"}
# Objects passed through as they are (the model's sidecar, field errors); the doc describes them as wholes.
PASSTHROUGH = {"GET /v1/model": {"labels", "cv", "cv_metrics", "fresh", "params", "versions"}, "problem": {"errors"}}


def field_paths(value, prefix="", passthrough=frozenset()):
    """Yield documented-style paths: ``paragraphs[].scores.<head>.probs.<value>``."""
    if isinstance(value, list):
        for item in value:
            yield from field_paths(item, f"{prefix}[]", passthrough)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = "<head>" if key in HEADS else "<value>" if key in VALUES else key
            path = f"{prefix}.{name}" if prefix else name
            yield path
            if path not in passthrough:
                yield from field_paths(item, path, passthrough)


def documented() -> set[str]:
    with open(API_DOC, encoding="utf-8") as handle:
        return set(re.findall(r"^\|\s*`([^`]+)`", handle.read(), flags=re.MULTILINE))


@pytest.fixture(scope="module")
def responses(app, article):
    client = app.test_client()
    return {
        "POST /v1/score": client.post("/v1/score", json={"text": article, "explain": True, "id": "1"}).get_json(),
        "POST /v1/score/batch": client.post("/v1/score/batch", json={"articles": [{"text": article}]}).get_json(),
        "GET /v1/model": client.get("/v1/model").get_json(),
        "GET /readyz": client.get("/readyz").get_json(),
        "GET /livez": client.get("/livez").get_json(),
        "problem": client.post("/v1/score", json={"text": ""}).get_json(),
    }


@pytest.mark.parametrize("name", ["POST /v1/score", "POST /v1/score/batch", "GET /v1/model", "GET /readyz",
                                  "GET /livez", "problem"])
def test_every_returned_field_is_documented(responses, name):
    paths = set(field_paths(responses[name], passthrough=PASSTHROUGH.get(name, frozenset())))
    # A batch result is a score response; docs/api.md documents that shape once.
    paths = {p.removeprefix("results[].") for p in paths}
    missing = sorted(paths - documented())
    assert not missing, f"document these fields of {name} in docs/api.md: {missing}"


def test_the_walk_sees_nested_fields(responses):
    paths = set(field_paths(responses["POST /v1/score"]))
    assert {"paragraphs[].scores.<head>.probs.<value>", "paragraphs[].explanation.<head>[].spans",
            "summary.<head>.labels.<value>"} <= paths


def test_every_error_status_is_documented():
    with open(API_DOC, encoding="utf-8") as handle:
        text = handle.read()
    for status in (400, 401, 404, 405, 409, 413, 415, 429, 500, 503):
        assert re.search(rf"^\|\s*{status}\b", text, flags=re.MULTILINE), f"status {status} is not in docs/api.md"
