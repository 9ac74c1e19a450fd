"""Reloading a retrained model: the admin endpoint and the reload file the workers watch."""
from __future__ import annotations

import pytest

from service import create_app
from service.holder import request_reload
from service_helpers import break_model, publish

TOKEN = "s3cret-token"


@pytest.fixture()
def admin_client(model_copy, tmp_path):
    app = create_app({"MODEL_DIR": str(model_copy / "current"), "ADMIN_TOKEN": TOKEN,
                      "RELOAD_FILE": str(tmp_path / "reload")})
    return app.test_client()


def reload(client, token=TOKEN):
    return client.post("/admin/reload", headers={"Authorization": f"Bearer {token}"} if token else {})


def version(client):
    return client.get("/readyz").get_json()["model_version"]


def test_admin_disabled_without_token(client):
    response = reload(client)
    assert response.status_code == 404
    assert "STANCE_ADMIN_TOKEN" in response.get_json()["detail"]


@pytest.mark.parametrize("token", [None, "wrong", TOKEN + "x"])
def test_admin_needs_the_token(admin_client, token):
    response = reload(admin_client, token)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert version(admin_client) == "test-1"


def test_reload_swaps_in_a_retrained_model(admin_client, model_copy, seed_examples):
    publish(model_copy, "test-2", seed_examples)
    assert version(admin_client) == "test-1"
    response = reload(admin_client)
    assert response.status_code == 200
    assert response.get_json() == {"reloaded": True, "model_version": "test-2", "previous_version": "test-1"}
    assert version(admin_client) == "test-2"
    info = admin_client.get("/v1/model").get_json()
    assert info["last_reload"]["ok"] is True and info["last_reload"]["version"] == "test-2"
    metrics = admin_client.get("/metrics").get_data(as_text=True)
    assert 'stance_model_info{version="test-2"} 1.0' in metrics
    assert 'stance_model_info{version="test-1"} 0.0' in metrics
    assert 'stance_model_reloads_total{result="ok"} 1.0' in metrics


def test_a_broken_model_leaves_the_old_one_serving(admin_client, model_copy, seed_examples):
    publish(model_copy, "test-3", seed_examples)
    break_model(model_copy)
    response = reload(admin_client)
    assert response.status_code == 409
    body = response.get_json()
    assert body["serving"] == "test-1" and "SHA-256" in body["detail"]
    assert admin_client.post("/v1/score", json={"text": "China and Russia"}).get_json()["model_version"] == "test-1"
    assert admin_client.get("/readyz").status_code == 200
    last = admin_client.get("/v1/model").get_json()["last_reload"]
    assert last["ok"] is False and "SHA-256" in last["error"]
    assert 'stance_model_reloads_total{result="failed"} 1.0' in admin_client.get("/metrics").get_data(as_text=True)


def test_workers_follow_the_reload_file(model_copy, tmp_path, seed_examples):
    """Two apps stand for two gunicorn workers sharing one reload file."""
    config = {"MODEL_DIR": str(model_copy / "current"), "RELOAD_FILE": str(tmp_path / "reload"), "ADMIN_TOKEN": TOKEN}
    first, second = create_app(config).test_client(), create_app(config).test_client()
    publish(model_copy, "test-4", seed_examples)
    assert version(second) == "test-1"
    assert reload(first).status_code == 200
    assert version(second) == "test-4"
    publish(model_copy, "test-5", seed_examples)
    request_reload(str(tmp_path / "reload"))  # what SIGHUP to the master does
    assert (version(first), version(second)) == ("test-5", "test-5")
