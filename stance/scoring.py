"""Score paragraphs and whole articles: labels, probabilities, scores, explanations, aggregates."""
from __future__ import annotations

import numpy as np

from .explain import explain_rows
from .labels import head_values, score_poles
from .model import FRAMING
from .segment import split_paragraphs

ABSENT = "absent"


def head_score(head: str, probs: dict) -> float:
    """Return the score of one head from its probabilities, as LABELING.md defines it."""
    positive, negative = score_poles(head)
    return probs[positive] - probs[negative]


def _head_results(model, matrix) -> list[dict]:
    """Return, per row, ``{head: {"label", "score", "probs"}}`` (vectorized per head)."""
    columns = {}
    for head, proba in model.predict_proba(None, matrix=matrix).items():
        values = head_values(head)
        positive, negative = (values.index(v) for v in score_poles(head))
        labels = [values[i] for i in proba.argmax(axis=1)]
        scores = np.round(proba[:, positive] - proba[:, negative], 4).tolist()
        probs = [dict(zip(values, row)) for row in np.round(proba, 4).tolist()]
        columns[head] = [{"label": label, "score": score, "probs": p}
                         for label, score, p in zip(labels, scores, probs)]
    return [dict(zip(columns, row)) for row in zip(*columns.values())]


def score_texts(model, texts, explain_top: int = 0) -> list[dict]:
    """Score each text as one paragraph (no segmentation).

    Returns one ``{head: {"label", "score", "probs"}}`` per text, with
    ``"explanation": {head: [...]}`` added when ``explain_top`` > 0.
    """
    texts = list(texts)
    if not texts:
        return []
    matrix = model.transform(texts)
    results = _head_results(model, matrix)
    if explain_top:
        for result, explanation in zip(results, explain_rows(model, texts, matrix, explain_top)):
            result["explanation"] = explanation
    return results


def _shift(terms, offset):
    for term in terms:
        term["spans"] = [[start + offset, end + offset] for start, end in term["spans"]]
    return terms


def score_article(model, article: str, explain_top: int = 6) -> dict:
    """Split ``article`` into paragraphs and score every content paragraph.

    Returns
    -------
    dict
        ``{"paragraphs": [...], "summary": {...}}``. Each paragraph has
        ``index, start, end, kind, content, mentions`` and, if content,
        ``scores`` (and ``explanation`` when ``explain_top`` > 0); offsets
        and spans index into ``article``.
    """
    paragraphs = split_paragraphs(article)
    content = [p for p in paragraphs if p.is_content]
    scored = score_texts(model, [p.text for p in content], explain_top)
    by_index = dict(zip((p.index for p in content), scored))
    out = []
    for p in paragraphs:
        item = {"index": p.index, "start": p.start, "end": p.end, "kind": p.kind, "content": p.is_content,
                "mentions": [{"targets": list(m.targets), "start": m.start + p.start, "end": m.end + p.start,
                              "text": m.text} for m in model.targets_.find(p.text)]}
        if p.is_content:
            result = by_index[p.index]
            item["scores"] = {head: result[head] for head in model.heads_}
            if explain_top:
                item["explanation"] = {head: _shift(terms, p.start)
                                       for head, terms in result["explanation"].items()}
        out.append(item)
    return {"paragraphs": out, "summary": summarize(model.heads_, out)}


def summarize(heads, paragraphs) -> dict:
    """Aggregate content paragraphs, weighted by length.

    A target's score averages the paragraphs where its predicted label is not
    ``absent``; framing averages all content paragraphs.
    """
    scored = [p for p in paragraphs if p["content"]]
    summary = {"content_paragraphs": len(scored)}
    for head in heads:
        rows = [p for p in scored if head == FRAMING or p["scores"][head]["label"] != ABSENT]
        weights = np.array([p["end"] - p["start"] for p in rows], dtype=float)
        scores = np.array([p["scores"][head]["score"] for p in rows])
        counts = {v: sum(p["scores"][head]["label"] == v for p in scored) for v in head_values(head)}
        summary[head] = {"score": round(float(weights @ scores / weights.sum()), 4) if rows else None,
                         "paragraphs": len(rows), "labels": counts}
    if scored:
        framing = [p["scores"][FRAMING]["score"] for p in scored]
        summary["most_hawkish"] = scored[int(np.argmax(framing))]["index"]
        summary["most_cooperative"] = scored[int(np.argmin(framing))]["index"]
    else:
        summary["most_hawkish"] = summary["most_cooperative"] = None
    return summary
