"""Bad requests get problem+json that says how to fix them, with the headers HTTP requires; never a 500."""
from __future__ import annotations

import json
import logging

import pytest
from werkzeug.exceptions import TooManyRequests

from service import create_app

PROBLEM = "application/problem+json"


def assert_problem(response, status, *words):
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"] and body["type"] == "about:blank"
    for word in words:
        assert word in body["detail"]
    return body


BAD_SCORE_REQUESTS = [
    # (id, kwargs of client.post, status, words the detail must contain)
    ("malformed-json", {"data": '{"text": "a",}', "content_type": "application/json"}, 400, ["not valid JSON", "line 1"]),
    ("empty-json-body", {"data": "", "content_type": "application/json"}, 400, ["empty", '"text"']),
    ("json-not-object", {"json": ["text"]}, 400, ["Expected a JSON object", '"text"']),
    ("json-null", {"data": "null", "content_type": "application/json"}, 400, ["got null"]),
    ("missing-text", {"json": {"title": "t"}}, 400, ["text", "Missing data"]),
    ("empty-text", {"json": {"text": ""}}, 400, ["text", "whitespace"]),
    ("blank-text", {"json": {"text": " \n\t\u3000 "}}, 400, ["text", "whitespace"]),
    ("text-not-string", {"json": {"text": 42}}, 400, ["text", "Not a valid string"]),
    ("explain-not-boolean", {"json": {"text": "China", "explain": "yes"}}, 400, ["explain", "true or false"]),
    ("explain-number", {"json": {"text": "China", "explain": 1}}, 400, ["explain"]),
    ("id-not-string", {"json": {"text": "China", "id": ["x"]}}, 400, ["id"]),
    ("unknown-field", {"json": {"text": "China", "txt": "x"}}, 400, ["txt", "Unknown field"]),
    ("deep-nesting", {"data": "[" * 100_000, "content_type": "application/json"}, 400, ["JSON"]),
    ("not-utf8-json", {"data": b'{"text": "\xff"}', "content_type": "application/json"}, 400, ["UTF-8"]),
    ("lone-surrogate", {"data": '{"text": "China \\ud800"}', "content_type": "application/json"}, 400,
     ["surrogate"]),
    ("surrogate-field-name", {"data": '{"text": "China", "\\ud800": 1}', "content_type": "application/json"},
     400, ["Unknown field"]),
    ("lone-surrogate-title", {"data": '{"text": "China", "title": "\\udfff"}', "content_type": "application/json"},
     400, ["title", "surrogate"]),
    ("empty-plain", {"data": "  \n", "content_type": "text/plain"}, 400, ["whitespace"]),
    ("not-utf8-plain", {"data": b"China \xff\xfe", "content_type": "text/plain"}, 400, ["utf-8", "byte 6"]),
    ("unknown-charset", {"data": b"China", "content_type": "text/plain; charset=klingon"}, 400, ["klingon"]),
    ("bad-explain-query", {"data": "China", "content_type": "text/plain", "query_string": "explain=maybe"}, 400,
     ["explain=true"]),
    ("form-encoded", {"data": "text=China", "content_type": "application/x-www-form-urlencoded"}, 415,
     ["application/json", "text/plain", "curl -d"]),
    ("no-content-type", {"data": "China"}, 415, ["application/json", "text/plain"]),
    ("xml", {"data": "<text>China</text>", "content_type": "application/xml"}, 415, ["application/json"]),
]


@pytest.mark.parametrize("kwargs, status, words", [c[1:] for c in BAD_SCORE_REQUESTS],
                         ids=[c[0] for c in BAD_SCORE_REQUESTS])
def test_bad_score_request(client, kwargs, status, words):
    response = client.post("/v1/score", **kwargs)
    assert_problem(response, status, *words)
    if status == 415:
        assert response.headers["Accept-Post"] == "application/json, text/plain"


def test_field_errors_are_listed(client):
    body = assert_problem(client.post("/v1/score", json={"text": 1, "explain": "no"}), 400)
    assert set(body["errors"]) == {"text", "explain"}


BAD_BATCHES = [
    ("over-limit", {"articles": [{"text": "China"}] * 101}, ["articles", "100"]),
    ("empty", {"articles": []}, ["articles"]),
    ("missing", {}, ["articles", "Missing data"]),
    ("not-a-list", {"articles": {"text": "China"}}, ["articles", "Not a valid list"]),
    ("bad-item", {"articles": [{"text": "China"}, {"text": ""}]}, ["articles", "1", "text"]),
    ("surrogate-item", {"articles": [{"text": "China"}, {"text": "Russia \udc00"}]}, ["articles[1].text", "surrogate"]),
]


@pytest.mark.parametrize("payload, words", [c[1:] for c in BAD_BATCHES], ids=[c[0] for c in BAD_BATCHES])
def test_bad_batch(client, payload, words):
    assert_problem(client.post("/v1/score/batch", json=payload), 400, *words)


def test_batch_is_json_only(client):
    response = client.post("/v1/score/batch", data="China", content_type="text/plain")
    assert_problem(response, 415, "application/json")
    assert response.headers["Accept-Post"] == "application/json"


@pytest.mark.parametrize("path, body_bytes", [("/v1/score", 2_000_000), ("/v1/score/batch", 1024 * 1024 + 1)])
def test_body_over_the_cap_is_413(client, path, body_bytes):
    data = json.dumps({"text": "x" * body_bytes})
    response = client.post(path, data=data, content_type="application/json")
    assert_problem(response, 413, "1,048,576 bytes", "STANCE_MAX_CONTENT_LENGTH")


def test_configured_cap(model_dir):
    client = create_app({"MODEL_DIR": model_dir, "MAX_CONTENT_LENGTH": 100}).test_client()
    assert client.post("/v1/score", data="China " * 10, content_type="text/plain").status_code == 200
    assert_problem(client.post("/v1/score", data="China " * 20, content_type="text/plain"), 413, "100 bytes")


@pytest.mark.parametrize("method, path, allow", [("get", "/v1/score", {"POST", "OPTIONS"}),
                                                 ("put", "/v1/score/batch", {"POST", "OPTIONS"}),
                                                 ("post", "/v1/model", {"GET", "HEAD", "OPTIONS"}),
                                                 ("delete", "/readyz", {"GET", "HEAD", "OPTIONS"})])
def test_wrong_method_is_405_with_allow(client, method, path, allow):
    response = getattr(client, method)(path)
    assert_problem(response, 405, method.upper(), "Allow")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == allow


def test_unknown_path_is_404(client):
    assert_problem(client.get("/v2/score"), 404, "/openapi.json")


@pytest.fixture()
def bare_app(model_dir):
    return create_app({"MODEL_DIR": model_dir, "LOAD_MODEL": False})


def test_429_keeps_retry_after(bare_app):
    @bare_app.get("/test-busy")
    def busy():
        raise TooManyRequests(retry_after=7)

    response = bare_app.test_client().get("/test-busy")
    assert_problem(response, 429)
    assert response.headers["Retry-After"] == "7"


def test_a_bug_is_a_logged_500_without_internals(app, client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise KeyError("internal detail")

    monkeypatch.setattr("stance.score_article", broken)
    with caplog.at_level(logging.ERROR):
        response = client.post("/v1/score", json={"text": "China"})
    body = assert_problem(response, 500, "bug")
    assert "internal detail" not in json.dumps(body)
    assert any(r.exc_info and "internal detail" in str(r.exc_info[1]) for r in caplog.records)
