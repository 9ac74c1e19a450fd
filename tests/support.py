"""Paths and readers shared by the tests (a module, so any test folder can import it)."""
from __future__ import annotations

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = os.path.join(ROOT, "labels")
SEED_LABELS = os.path.join(LABELS, "seeds.jsonl")
SEEDS = os.path.normpath(os.path.join(ROOT, "..", "shared", "seeds"))


def seed_path(name: str) -> str:
    """Return the path of a seed article by its number prefix, e.g. ``"000"``."""
    for file in sorted(os.listdir(SEEDS)):
        if file.startswith(name):
            return os.path.join(SEEDS, file)
    raise FileNotFoundError(name)


def read_seed(name: str) -> str:
    """Return the text of a seed article by its number prefix."""
    with open(seed_path(name), encoding="utf-8") as handle:
        return handle.read()
