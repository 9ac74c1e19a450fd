"""Errors as ``application/problem+json`` (RFC 9457): 4xx say how to fix the request, 5xx are logged."""
from __future__ import annotations

import json
from http import HTTPStatus

from flask import Response, current_app, request
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"
ACCEPTED = "application/json, text/plain"

# What to do about the errors Flask and Werkzeug raise themselves.
HINTS = {
    404: "There is no such endpoint. GET /openapi.json lists them all.",
    405: "This endpoint does not accept {method}; the Allow header lists the methods it does.",
    413: "The body is larger than the limit of {limit:,} bytes (STANCE_MAX_CONTENT_LENGTH). "
         "Send a shorter article, or split a batch into smaller calls.",
    415: "Send the article as text/plain, or as application/json with a \"text\" field.",
}


class Problem(Exception):
    """A request the service refuses; becomes a problem+json response.

    Parameters
    ----------
    status : int
    detail : str
        What went wrong and how to fix the request.
    headers : dict, optional
    **extra
        Extension members (for instance ``errors``: field -> messages).
    """

    def __init__(self, status: int, detail: str, headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, detail: str, headers=None, **extra) -> Response:
    """Return a problem+json response."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail,
            "instance": request.path, **extra}
    # Escaped: a field name the client sent (even an unpaired surrogate) may appear in the body.
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _on_problem(error: Problem) -> Response:
    return problem_response(error.status, error.detail, error.headers, **error.extra)


def _on_http(error: HTTPException) -> Response:
    status = error.code or 500
    hint = HINTS.get(status)
    detail = hint.format(method=request.method, limit=current_app.config["MAX_CONTENT_LENGTH"]) if hint \
        else error.description
    # Keep what HTTP requires of the status (Allow on 405, Retry-After on 429/503) but not the HTML type.
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    if status == 415:
        headers["Accept-Post"] = ACCEPTED
    if status >= 500:
        current_app.logger.error("%s %s: %s", request.method, request.path, error)
    return problem_response(status, detail, headers)


def _on_bug(error: Exception) -> Response:
    current_app.logger.exception("%s %s failed", request.method, request.path)
    return problem_response(500, "The service failed on this request; this is a bug on our side and it "
                                 "has been logged. Please report it with the request that caused it.")


def register(app) -> None:
    """Install the problem+json error handlers on ``app``."""
    app.register_error_handler(Problem, _on_problem)
    app.register_error_handler(HTTPException, _on_http)
    app.register_error_handler(Exception, _on_bug)
