"""Read a request body as JSON or plain text, and validate it with a schema; refuse with a clear Problem."""
from __future__ import annotations

import codecs
import json

from flask import request
from marshmallow import ValidationError

from .problems import Problem

JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain",)
FORM_HINT = (" (curl -d sends application/x-www-form-urlencoded unless you add "
             "-H 'Content-Type: text/plain')")


def unsupported(accepted) -> Problem:
    """Return the 415 for a content type outside ``accepted``."""
    got = request.mimetype or "no Content-Type"
    hint = FORM_HINT if request.mimetype == "application/x-www-form-urlencoded" else ""
    return Problem(415, f"Unsupported content type {got}{hint}. Send one of: {', '.join(accepted)}.",
                   headers={"Accept-Post": ", ".join(accepted)})


def _is_json(mimetype: str) -> bool:
    return mimetype in JSON_TYPES or mimetype.endswith("+json")


def read_json():
    """Return the parsed JSON body."""
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise Problem(400, 'The body is empty. Send a JSON object such as {"text": "<the article>"}.')
    try:
        return json.loads(raw)
    except UnicodeDecodeError as error:
        raise Problem(400, f"The body is not UTF-8 (byte {error.start}); encode the JSON as UTF-8.") from None
    except json.JSONDecodeError as error:
        raise Problem(400, f"The body is not valid JSON: {error.msg} at line {error.lineno} column "
                           f"{error.colno}. Check quotes, commas and escapes.") from None
    except RecursionError:
        raise Problem(400, "The JSON is nested too deeply; send a flat object.") from None


def read_text() -> str:
    """Return a text/plain body decoded by its charset (UTF-8 when none is given)."""
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise Problem(400, f"Unknown charset {charset!r}; send the text as UTF-8.") from None
    raw = request.get_data(cache=False)
    try:
        return raw.decode("utf-8-sig" if codec.name == "utf-8" else codec.name)
    except UnicodeDecodeError as error:
        raise Problem(400, f"The body is not valid {codec.name} (byte {error.start}); "
                           "save the article as UTF-8 and send it with charset=utf-8.") from None


def validate(schema, data) -> dict:
    """Return ``data`` loaded by ``schema``; a Problem listing the bad fields otherwise."""
    if not isinstance(data, dict):
        raise Problem(400, f"Expected a JSON object, got {type(data).__name__ if data is not None else 'null'}. "
                           'Send {"text": "<the article>"}.')
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        messages = error.normalized_messages()
        fields = "; ".join(f"{name}: {_flatten(msg).rstrip('.')}" for name, msg in messages.items())
        raise Problem(400, f"Invalid request: {fields}. Fix these fields and send it again.",
                      errors=messages) from None
    _check_text(loaded)
    return loaded


def _check_text(item: dict) -> None:
    """Refuse unpaired surrogates (valid JSON escapes, invalid Unicode) so every answer encodes as UTF-8."""
    for number, article in enumerate(item.get("articles", [item])):
        for name in ("text", "title", "id"):
            value = article.get(name) or ""
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                where = f"articles[{number}].{name}" if "articles" in item else name
                raise Problem(400, f"{where}: unpaired surrogate {value[error.start]!r} at character "
                                   f"{error.start}; send valid Unicode.") from None


def _flatten(message) -> str:
    if isinstance(message, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in message.items())
    if isinstance(message, list):
        return " ".join(_flatten(m) for m in message)
    return str(message)


def read_article(schema) -> dict:
    """Return the validated article of a JSON or text/plain request."""
    mimetype = request.mimetype
    if _is_json(mimetype):
        return validate(schema, read_json())
    if mimetype in TEXT_TYPES:
        return validate(schema, {"text": read_text()})
    raise unsupported((*JSON_TYPES, *TEXT_TYPES))


def read_batch(schema) -> dict:
    """Return the validated batch of a JSON request."""
    if not _is_json(request.mimetype):
        raise unsupported(JSON_TYPES)
    return validate(schema, read_json())
