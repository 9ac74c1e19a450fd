"""The application factory."""
from __future__ import annotations

from flask import Flask

import stance

from . import metrics as metrics_module
from . import problems, schemas
from .admin import admin
from .api import api, json_response
from .classroom import classroom
from .config import configure
from .health import health
from .holder import ModelHolder
from .openapi import build_spec


def create_app(test_config: dict | None = None) -> Flask:
    """Build the scoring service; load and verify its model unless ``LOAD_MODEL`` is false.

    Settings come from ``service.config.DEFAULTS``, then ``STANCE_*``
    environment variables, then ``test_config``.
    """
    app = Flask(__name__)
    configure(app, test_config)
    metrics = metrics_module.Metrics()
    holder = ModelHolder(app.config["MODEL_DIR"], app.config["RELOAD_FILE"],
                         on_change=metrics.model_changed, on_reload=metrics.reloaded)
    spec = build_spec(app.config["MAX_BATCH"], stance.__version__)
    app.extensions["stance"] = {"holder": holder, "metrics": metrics, "openapi": spec,
                                "article_schema": schemas.ArticleSchema(),
                                "batch_schema": schemas.batch_schema(app.config["MAX_BATCH"])()}
    problems.register(app)
    metrics_module.register(app)
    app.before_request(holder.refresh)
    for blueprint in (api, health, admin, classroom):
        app.register_blueprint(blueprint)
    app.add_url_rule("/openapi.json", "openapi", lambda: json_response(spec))
    if app.config["LOAD_MODEL"]:
        holder.load()
    return app
