"""Fixtures of the service tests: apps built by the factory on the shared small real model."""
from __future__ import annotations

import os
import shutil

import pytest

from service import create_app
SEEDS = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seeds"))
ARTICLE_SEED = "002_"


@pytest.fixture(scope="session")
def article():
    name = next(f for f in sorted(os.listdir(SEEDS)) if f.startswith(ARTICLE_SEED))
    with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def app(model_dir):
    """One app for the tests that only read (building one loads and checks the model)."""
    return create_app({"MODEL_DIR": model_dir, "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def model_copy(model_root, tmp_path):
    """A private models folder (a copy of the shared one) that a test may publish into or break."""
    root = tmp_path / "models"
    shutil.copytree(model_root, root, symlinks=True)
    return root

