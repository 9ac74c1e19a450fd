"""Measure a model: per-head metrics, calibration error, grouped cross-validation, top features."""
from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from .labels import head_values


def calibration_error(proba: np.ndarray, truth: np.ndarray, bins: int = 10) -> float:
    """Return the expected calibration error of the top-label confidence."""
    confidence = proba.max(axis=1)
    correct = proba.argmax(axis=1) == truth
    edges = np.linspace(0, 1, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return float(error)


def head_metrics(head: str, truth, proba: np.ndarray) -> dict:
    """Return accuracy, macro-F1, per-value precision/recall/F1/support, confusion matrix and ECE."""
    values = list(head_values(head))
    truth_index = np.array([values.index(t) for t in truth])
    predicted = proba.argmax(axis=1)
    precision, recall, f1, support = precision_recall_fscore_support(
        truth_index, predicted, labels=range(len(values)), zero_division=0)
    present = support > 0
    return {
        "n": int(len(truth_index)),
        "accuracy": round(float((predicted == truth_index).mean()), 4),
        "macro_f1": round(float(f1[present].mean()), 4),
        "ece": round(calibration_error(proba, truth_index), 4),
        "per_value": {v: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                          "f1": round(float(f), 4), "support": int(s)}
                      for v, p, r, f, s in zip(values, precision, recall, f1, support)},
        "confusion": confusion_matrix(truth_index, predicted, labels=range(len(values))).tolist(),
    }


def evaluate(model, examples) -> dict:
    """Return ``{head: metrics}`` of a fitted model on labeled examples."""
    proba = model.predict_proba([e.text for e in examples])
    return {head: head_metrics(head, [e.labels[head] for e in examples], proba[head]) for head in model.heads_}


def cross_validate(model, examples, folds: int = 5, seed: int = 0, progress=None) -> dict:
    """Cross-validate grouped by source, so no article is on both sides of a split.

    Returns ``{"metrics": {head: metrics}, "proba": {head: out-of-fold array}}``.
    ``progress(fold, folds)`` is called after each fold.
    """
    texts = [e.text for e in examples]
    groups = [e.source for e in examples]
    n_groups = len(set(groups))
    if n_groups < 2:
        raise ValueError(f"cross-validation needs labels from at least 2 sources; found {n_groups}")
    splitter = GroupKFold(n_splits=min(folds, n_groups), shuffle=True, random_state=seed)
    proba = None
    for fold, (train, test) in enumerate(splitter.split(texts, groups=groups), start=1):
        fitted = clone(model).fit([texts[i] for i in train], [examples[i].labels for i in train])
        predicted = fitted.predict_proba([texts[i] for i in test])
        if proba is None:
            proba = {head: np.zeros((len(texts), p.shape[1])) for head, p in predicted.items()}
        for head, p in predicted.items():
            proba[head][test] = p
        if progress:
            progress(fold, splitter.n_splits)
    metrics = {head: head_metrics(head, [e.labels[head] for e in examples], p) for head, p in proba.items()}
    return {"metrics": metrics, "proba": proba}


def top_features(model, head: str, count: int = 15) -> dict:
    """Return, per value of ``head``, the features with the largest coefficients for it."""
    coef, classes = model.head_coefficients(head)
    names = model.feature_names(head)
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0], coef[0]])
    return {str(value): [str(names[i]) for i in np.argsort(-coef[k])[:count]] for k, value in enumerate(classes)}


def top_score_terms(model, head: str, count: int = 15) -> dict:
    """Return the features that push ``head``'s score up and down most."""
    direction = model.directions_[head]
    names = model.feature_names(head)
    order = np.argsort(direction)
    return {"up": [str(names[i]) for i in order[::-1][:count]], "down": [str(names[i]) for i in order[:count]]}


def format_metrics(metrics: dict) -> str:
    """Return per-head metrics as Markdown tables."""
    lines = ["| head | n | accuracy | macro-F1 | ECE |", "|---|---|---|---|---|"]
    for head, m in metrics.items():
        lines.append(f"| {head} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | {m['ece']:.3f} |")
    for head, m in metrics.items():
        values = list(m["per_value"])
        lines += ["", f"**{head}**", "", "| value | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for value, s in m["per_value"].items():
            lines.append(f"| {value} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
        lines += ["", "confusion (rows: true, columns: predicted)", "",
                  "| true \\ predicted | " + " | ".join(values) + " |", "|---" * (len(values) + 1) + "|"]
        for value, row in zip(values, m["confusion"]):
            lines.append(f"| {value} | " + " | ".join(str(c) for c in row) + " |")
    return "\n".join(lines)
