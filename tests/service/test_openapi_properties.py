"""Property-based tests from the OpenAPI document: schemathesis against the app in-process.

Every generated request, valid or not, must get a response that the document
describes (status, content type, headers, body) and never a 5xx.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

import stance
from service import create_app
from service.config import DEFAULTS
from service.openapi import build_spec

# schemathesis' lazy from_fixture does not run under pytest 9, so the document is built here
# (a pure function of the settings) and the test checks that the app serves the same one.
DOCUMENT = build_spec(DEFAULTS["MAX_BATCH"], stance.__version__)
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture(scope="module")
def api_app(model_dir):
    return create_app({"MODEL_DIR": model_dir, "ADMIN_TOKEN": "not-guessable"})


def test_the_app_serves_this_document(api_app):
    assert api_app.test_client().get("/openapi.json").get_json() == DOCUMENT


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_response_matches_the_document(case, api_app):
    case.call_and_validate(app=api_app)
