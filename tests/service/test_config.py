"""Settings: defaults, then STANCE_* variables, then the test's overrides; server options from the environment."""
from __future__ import annotations

from service import create_app
from service.config import DEFAULTS
from service.server import options_from_env


def test_defaults_then_environment_then_test_config(monkeypatch, model_dir):
    monkeypatch.setenv("STANCE_MAX_BATCH", "7")
    monkeypatch.setenv("STANCE_EXPLAIN_TOP", "3")
    monkeypatch.setenv("STANCE_ADMIN_TOKEN", "12345")
    app = create_app({"MODEL_DIR": model_dir, "EXPLAIN_TOP": 2})
    assert app.config["MAX_BATCH"] == 7
    assert app.config["EXPLAIN_TOP"] == 2
    assert app.config["ADMIN_TOKEN"] == "12345"
    assert app.config["MAX_CONTENT_LENGTH"] == DEFAULTS["MAX_CONTENT_LENGTH"] == 1024 * 1024
    spec = app.test_client().get("/openapi.json").get_json()
    assert spec["components"]["schemas"]["BatchRequest"]["properties"]["articles"]["maxItems"] == 7


def test_server_options_default_to_loopback_8000():
    options = options_from_env({})
    assert options["bind"] == "127.0.0.1:8000"
    assert options["worker_class"] == "sync"
    assert options["workers"] >= 1


def test_server_options_from_environment():
    options = options_from_env({"STANCE_HOST": "0.0.0.0", "STANCE_PORT": "9001", "STANCE_WORKERS": "3"})
    assert (options["bind"], options["workers"]) == ("0.0.0.0:9001", 3)
    assert options_from_env({"STANCE_HOST": "::1"})["bind"] == "[::1]:8000"


def test_root_is_left_to_the_classroom(app):
    assert "classroom" in app.blueprints
    assert all(rule.endpoint.startswith("classroom.") for rule in app.url_map.iter_rules() if rule.rule == "/")
