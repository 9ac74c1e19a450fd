"""Settings of the service: defaults here, then ``STANCE_*`` environment variables, then a test's overrides."""
from __future__ import annotations

import os

DEFAULTS = {
    # Where the model lives; a ``current`` link is resolved once per (re)load.
    "MODEL_DIR": os.path.join("models", "current"),
    # Largest request body in bytes (Flask's own key); bigger bodies get 413.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # Most articles in one POST /v1/score/batch.
    "MAX_BATCH": 100,
    # Explaining terms per head when a request asks for explanations.
    "EXPLAIN_TOP": 6,
    # Bearer token that guards POST /admin/reload; None disables the endpoint.
    "ADMIN_TOKEN": None,
    # A file whose change tells every worker to reload the model (set by the server).
    "RELOAD_FILE": None,
    # Load the model when the app is built; False leaves the app not ready (for tests of that state).
    "LOAD_MODEL": True,
}


def configure(app, test_config: dict | None) -> None:
    """Fill ``app.config``: defaults, then ``STANCE_*`` variables, then ``test_config``."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("STANCE")
    if test_config is not None:
        app.config.from_mapping(test_config)
    # from_prefixed_env parses values as JSON, so a numeric token arrives as an int.
    if app.config["ADMIN_TOKEN"] is not None:
        app.config["ADMIN_TOKEN"] = str(app.config["ADMIN_TOKEN"])
    for key in ("MAX_CONTENT_LENGTH", "MAX_BATCH", "EXPLAIN_TOP"):
        app.config[key] = int(app.config[key])
