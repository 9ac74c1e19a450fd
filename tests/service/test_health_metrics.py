"""GET /livez, /readyz, /metrics and /openapi.json."""
from __future__ import annotations

from service import create_app
from service_helpers import break_model, sample


def test_livez(client):
    response = client.get("/livez")
    assert (response.status_code, response.get_json()) == (200, {"status": "alive"})


def test_readyz_when_ready(client):
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()) == (200, {"status": "ready", "model_version": "test-1"})


def test_not_ready_without_a_model(tmp_path):
    client = create_app({"MODEL_DIR": str(tmp_path / "models" / "current")}).test_client()
    assert client.get("/livez").status_code == 200
    for path, kwargs in [("/readyz", {}), ("/v1/model", {}), ("/v1/score", {"method": "POST", "json": {"text": "China"}})]:
        response = client.open(path, **kwargs)
        assert response.status_code == 503
        assert response.mimetype == "application/problem+json"
        assert "make model" in response.get_json()["detail"]
        assert response.headers["Retry-After"] == "30"


def test_not_ready_with_a_tampered_model(model_copy):
    break_model(model_copy)
    response = create_app({"MODEL_DIR": str(model_copy / "current")}).test_client().get("/readyz")
    assert response.status_code == 503
    assert "SHA-256" in response.get_json()["detail"] and "make model" in response.get_json()["detail"]


def test_metrics_count_requests_paragraphs_and_model(model_dir, article):
    client = create_app({"MODEL_DIR": model_dir}).test_client()
    result = client.post("/v1/score", data=article, content_type="text/plain").get_json()
    client.post("/v1/score", json={"text": ""})
    client.post("/v1/score", json={"text": ""})
    text = client.get("/metrics").get_data(as_text=True)
    assert sample(text, "stance_http_requests_total", endpoint="/v1/score", status="200") == 1
    assert sample(text, "stance_http_requests_total", endpoint="/v1/score", status="400") == 2
    assert sample(text, "stance_http_request_duration_seconds_count", endpoint="/v1/score", status="400") == 2
    assert sample(text, "stance_paragraphs_scored_total") == result["summary"]["content_paragraphs"]
    assert sample(text, "stance_articles_scored_total") == 1
    assert sample(text, "stance_model_info", version="test-1") == 1


def test_openapi_document(client):
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/v1/score", "/v1/score/batch", "/v1/model", "/livez", "/readyz", "/metrics"} <= set(document["paths"])
    article = document["components"]["schemas"]["Article"]
    assert article["required"] == ["text"] and article["additionalProperties"] is False
    batch = document["components"]["schemas"]["BatchRequest"]["properties"]["articles"]
    assert batch["maxItems"] == 100
    assert set(document["paths"]["/v1/score"]["post"]["requestBody"]["content"]) == {"application/json", "text/plain"}
