"""POST /admin/reload: load a retrained model while serving, guarded by a bearer token."""
from __future__ import annotations

import hmac

from flask import Blueprint, current_app, request

import stance

from .api import json_response
from .problems import Problem

admin = Blueprint("admin", __name__)


def _authorize() -> None:
    token = current_app.config["ADMIN_TOKEN"]
    if not token:
        raise Problem(404, "The admin endpoint is disabled; start the server with STANCE_ADMIN_TOKEN set "
                           "to enable it, or send SIGHUP to the server to reload the model.")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Problem(401, "Send the admin token as 'Authorization: Bearer <STANCE_ADMIN_TOKEN>'.",
                      headers={"WWW-Authenticate": 'Bearer realm="stance-admin"'})


@admin.post("/admin/reload")
def reload_model():
    """Load the model again here and, if it passes, ask every other worker to load it too."""
    _authorize()
    holder = current_app.extensions["stance"]["holder"]
    previous = holder.loaded.version if holder.loaded else None
    try:
        fresh = holder.reload()
    except stance.ModelLoadError as error:
        raise Problem(409, f"The new model was refused and {previous or 'no model'} is still serving: {error}",
                      serving=previous) from None
    holder.announce()
    return json_response({"reloaded": True, "model_version": fresh.version, "previous_version": previous})
