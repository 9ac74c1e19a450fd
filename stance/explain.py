"""Explain a head's score: the terms that pushed it most, with their spans in the text.

A term's weight is its score direction (``StanceModel.directions_``) times its TF-IDF value: for a
stance head the pull of favor over against, for framing of hawkish over
cooperative. Positive weights push the score up.
"""
from __future__ import annotations

import re
from collections import defaultdict

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


def term_spans(model, text: str, head: str) -> dict[str, list[tuple[int, int]]]:
    """Return ``{feature name: [(start, end), ...]}`` for the n-grams of ``text`` as ``head`` sees them."""
    if model.mask == "none":
        masked, replacements = text, []
    else:
        masked, replacements = model.targets_.mask_with_offsets(text)
    tokens = [(m.group().lower(), *_original_span(m.start(), m.end(), replacements))
              for m in _TOKEN.finditer(masked)]
    if model.views_ is not None and head != FRAMING:
        token = next(t.token for t in model.targets_.targets if t.id == head)
        all_tokens = frozenset(t.token for t in model.targets_.targets)
        tokens = [(view_name(word, token, all_tokens), start, end) for word, start, end in tokens]
    low, high = model.ngram_range
    spans = defaultdict(list)
    for n in range(low, high + 1):
        for i in range(len(tokens) - n + 1):
            gram = tokens[i:i + n]
            spans[" ".join(word for word, _, _ in gram)].append((gram[0][1], gram[-1][2]))
    return spans


def explain(model, text: str, head: str, row=None, top: int = 6) -> list[dict]:
    """Return the ``top`` terms that moved ``head``'s score most for ``text``.

    Parameters
    ----------
    row : sparse matrix of shape (1, n_features), optional
        The shared TF-IDF row of ``text`` when the caller has it already.

    Returns
    -------
    list of dict
        ``{"term", "feature", "weight", "spans"}``, largest ``|weight|`` first;
        ``spans`` are ``[start, end]`` pairs in ``text``.
    """
    if row is None:
        row = model.transform([text])
    row = model.head_matrix(row, head).tocsr()
    weights = model.directions_[head][row.indices] * row.data
    order = np.argsort(-np.abs(weights))[:top]
    names = model.feature_names(head)
    spans = term_spans(model, text, head)
    result = []
    for i in order:
        if weights[i] == 0:
            continue
        feature = str(names[row.indices[i]])
        where = spans.get(feature, [])
        term = text[where[0][0]:where[0][1]] if where else feature
        result.append({"term": term, "feature": feature, "weight": round(float(weights[i]), 4),
                       "spans": [list(s) for s in where]})
    return result
