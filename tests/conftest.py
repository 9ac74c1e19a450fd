"""Shared fixtures: a small real model trained on the hand-labeled seed paragraphs."""
from __future__ import annotations

import pytest

import stance

from support import SEED_LABELS

# What stance-train records about the paragraphs the previous model never saw (made up: there was no previous model).
FRESH = {"version": "test-0", "paragraphs": 12, "files": {"new.jsonl": 12},
         "metrics": {head: {"n": 12, "accuracy": 0.75, "macro_f1": 0.5, "ece": 0.1}
                     for head in ("us", "china", "russia", "framing")}}


@pytest.fixture(scope="session")
def seed_examples():
    return stance.read_labels([SEED_LABELS])


@pytest.fixture(scope="session")
def model_root(tmp_path_factory, seed_examples):
    """A models folder whose ``current`` is a real model trained on the seed labels."""
    root = tmp_path_factory.mktemp("models")
    model = stance.StanceModel(min_df=1).fit([e.text for e in seed_examples], [e.labels for e in seed_examples])
    stance.publish_model(model, str(root), "test-1", {"labels": {"paragraphs": len(seed_examples)},
                                                    "cv_metrics": {}, "trained_at": "2026-01-01T00:00:00+00:00",
                                                    "fresh": FRESH})
    return root


@pytest.fixture(scope="session")
def model_dir(model_root):
    return str(model_root / "current")


@pytest.fixture(scope="session")
def model(model_dir):
    return stance.load_model(model_dir)[0]
