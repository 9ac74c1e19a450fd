"""Explain a head's score: the terms that pushed it most, with their spans in the text.

A term's weight is its score direction (``StanceModel.directions_``) times its TF-IDF value: for a
stance head the pull of favor over against, for framing of hawkish over
cooperative. Positive weights push the score up.
"""
from __future__ import annotations

import re
import numpy as np

from .features import view_name
from .model import FRAMING

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _original_span(start, end, replacements):
    """Map a span of the masked text back to the original text."""
    shift = 0
    for masked_start, masked_end, orig_start, orig_end in replacements:
        if masked_start <= start < masked_end:
            return orig_start, orig_end
        if masked_end <= start:
            shift = orig_end - masked_end
    end_shift = shift
    for masked_start, masked_end, orig_start, orig_end in replacements:
        if masked_start < end <= masked_end:
            return start + shift, orig_end
        if masked_end <= end:
            end_shift = orig_end - masked_end
    return start + shift, end + end_shift


def _tokens(model, text: str) -> list[tuple[str, int, int]]:
    """Return the text's tokens as the vectorizer sees them, with spans in the original text."""
    if model.mask == "none":
        masked, replacements = text, []
    else:
        masked, replacements = model.targets_.mask_with_offsets(text)
    return [(m.group().lower(), *_original_span(m.start(), m.end(), replacements)) for m in _TOKEN.finditer(masked)]


def _head_tokens(model, tokens, head):
    """Rename target tokens as ``head``'s view sees them (``xxself``, ``xxother``)."""
    if model.views_ is None or head == FRAMING:
        return tokens
    token = next(t.token for t in model.targets_.targets if t.id == head)
    all_tokens = frozenset(t.token for t in model.targets_.targets)
    return [(view_name(word, token, all_tokens), start, end) for word, start, end in tokens]


def _spans_of(feature: str, tokens, starts: dict) -> list[list[int]]:
    """Return every ``[start, end]`` where the n-gram ``feature`` occurs in ``tokens``.

    ``starts`` maps each word to the positions where it occurs in ``tokens``.
    """
    words = feature.split(" ")
    n = len(words)
    return [[tokens[i][1], tokens[i + n - 1][2]] for i in starts.get(words[0], ())
            if i + n <= len(tokens) and all(tokens[i + k][0] == words[k] for k in range(1, n))]


def explain_rows(model, texts, matrix, top: int = 6) -> list[dict]:
    """Explain every head for every text; ``matrix`` is the texts' shared TF-IDF matrix.

    Returns one ``{head: [term, ...]}`` per text, terms as :func:`explain` gives them.
    """
    views = {head: model.head_matrix(matrix, head).tocsr() for head in model.heads_}
    results = []
    for i, text in enumerate(texts):
        tokens = _tokens(model, text)
        results.append({head: _top_terms(model, text, head, views[head][i], _head_tokens(model, tokens, head), top)
                        for head in model.heads_})
    return results


def _top_terms(model, text, head, row, tokens, top):
    weights = model.directions_[head][row.indices] * row.data
    order = np.argsort(-np.abs(weights))[:top]
    names = model.feature_names(head)
    starts = {}
    for position, (word, _, _) in enumerate(tokens):
        starts.setdefault(word, []).append(position)
    result = []
    for i in order:
        if weights[i] == 0:
            continue
        feature = str(names[row.indices[i]])
        where = _spans_of(feature, tokens, starts)
        term = text[where[0][0]:where[0][1]] if where else feature
        result.append({"term": term, "feature": feature, "weight": round(float(weights[i]), 4), "spans": where})
    return result


def explain(model, text: str, head: str, top: int = 6) -> list[dict]:
    """Return the ``top`` terms that moved ``head``'s score most for ``text``.

    Returns
    -------
    list of dict
        ``{"term", "feature", "weight", "spans"}``, largest ``|weight|`` first;
        ``spans`` are ``[start, end]`` pairs in ``text``.
    """
    return explain_rows(model, [text], model.transform([text]), top)[0][head]
