"""Score the paragraphs the previous model never saw: the nearest thing to a held-out test our labels allow.

Every model directory records which paragraph texts it was trained on
(``trained_on.txt``, one digest a line). The next retraining finds the rows
whose text is not in that list, the batches added since, and scores them with
the previous model before it is replaced. Cross-validation splits paragraphs
the team wrote in one sitting; a batch written after the model is further from
it, as published text will be.
"""
from __future__ import annotations

import hashlib
import os
from collections import Counter

import stance
from stance.evaluate import evaluate
from stance.persist import CURRENT

TRAINED_ON = "trained_on.txt"
HEADER = "# SHA-256 (first 16 hex digits) of each training paragraph's text, sorted\n"


def text_digest(text: str) -> str:
    """Return the short digest that identifies a paragraph by its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def trained_on(examples) -> str:
    """Return the ``trained_on.txt`` contents for a model trained on ``examples``."""
    return HEADER + "".join(f"{d}\n" for d in sorted({text_digest(e.text) for e in examples}))


def read_trained_on(directory: str) -> set[str] | None:
    """Return the digests a model directory records, or None if it records none."""
    try:
        with open(os.path.join(directory, TRAINED_ON), encoding="utf-8") as handle:
            return {line.strip() for line in handle if line.strip() and not line.startswith("#")}
    except FileNotFoundError:
        return None


def score_fresh(root: str, examples) -> dict | None:
    """Score the rows of ``examples`` that the current model under ``root`` was not trained on.

    Returns None when there is no current model, else a dict with the previous
    ``version`` and either ``reason`` (why nothing was scored) or
    ``paragraphs``, ``files`` (new rows per file) and ``metrics`` (as
    ``stance.evaluate.evaluate`` returns them).
    """
    directory = os.path.join(root, CURRENT)
    if not os.path.lexists(directory):
        return None
    version = os.path.basename(os.path.realpath(directory))
    seen = read_trained_on(directory)
    if seen is None:
        return {"version": version, "reason": "it did not record which paragraphs it was trained on"}
    fresh = [e for e in examples if text_digest(e.text) not in seen]
    if not fresh:
        return {"version": version, "reason": "every paragraph was in its training set"}
    try:
        model, _ = stance.load_model(directory)
    except stance.ModelLoadError as error:
        return {"version": version, "reason": f"it did not load ({error})"}
    files = Counter(os.path.basename(e.path) for e in fresh)
    return {"version": version, "paragraphs": len(fresh), "files": dict(sorted(files.items())),
            "metrics": evaluate(model, fresh)}


def fresh_summary(fresh: dict | None) -> dict | None:
    """Return ``score_fresh``'s result for the sidecar: per-head figures without the confusion matrices."""
    if fresh is None or "metrics" not in fresh:
        return fresh
    keep = ("n", "accuracy", "macro_f1", "ece")
    return {**fresh, "metrics": {head: {k: m[k] for k in keep} for head, m in fresh["metrics"].items()}}
