"""Features: target masking, TF-IDF, and per-target views of one shared matrix.

The text is vectorized once. Each stance head may then see the same row
through a *view* in which its own target's token reads ``xxself`` and the
other targets' tokens read ``xxother``, so one classifier can learn "who is
praised" from all targets' labels at once. A view is a sparse 0/1 matrix
product, far cheaper than vectorizing the text again.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

from .targets import TargetSet

SELF_TOKEN = "xxself"
OTHER_TOKEN = "xxother"


class TargetMasker(BaseEstimator, TransformerMixin):
    """Replace target mentions by target tokens (``xxus`` ...), or pass text through.

    Parameters
    ----------
    targets : TargetSet or None
        Who counts as each target; the packaged set when None.
    enabled : bool
        False passes the text through unchanged (the unmasked baseline).
    """

    def __init__(self, targets=None, enabled=True):
        self.targets = targets
        self.enabled = enabled

    def fit(self, texts, y=None):
        self.targets_ = self.targets if self.targets is not None else TargetSet.from_file()
        return self

    def transform(self, texts):
        if not self.enabled:
            return list(texts)
        return [self.targets_.mask(text) for text in texts]


def build_features(targets=None, mask=True, ngram_range=(1, 2), min_df=2, max_features=None) -> Pipeline:
    """Return the unfitted text-to-matrix pipeline: masking, then TF-IDF."""
    return Pipeline([
        ("mask", TargetMasker(targets=targets, enabled=mask)),
        ("tfidf", TfidfVectorizer(ngram_range=ngram_range, min_df=min_df, max_features=max_features,
                                  sublinear_tf=True, dtype=np.float32)),
    ])


def view_name(feature: str, token: str, all_tokens: frozenset[str]) -> str:
    """Rename target tokens in one feature name as seen by the target whose token is ``token``."""
    words = feature.split(" ")
    return " ".join(SELF_TOKEN if w == token else OTHER_TOKEN if w in all_tokens else w for w in words)


def build_views(feature_names, tokens: dict[str, str]):
    """Return ``(views, names)``: per target a sparse map from features to view features.

    Parameters
    ----------
    feature_names : sequence of str
        The fitted vectorizer's feature names.
    tokens : dict
        Target id to its token.
    """
    all_tokens = frozenset(tokens.values())
    names: dict[str, int] = {}
    mapped = {}
    for target, token in tokens.items():
        mapped[target] = [names.setdefault(view_name(f, token, all_tokens), len(names)) for f in feature_names]
    views = {}
    rows = np.arange(len(feature_names))
    for target, columns in mapped.items():
        ones = np.ones(len(feature_names), dtype=np.float32)
        views[target] = sp.csr_matrix((ones, (rows, np.asarray(columns))), shape=(len(feature_names), len(names)))
    ordered = np.empty(len(names), dtype=object)
    for name, index in names.items():
        ordered[index] = name
    return views, ordered


def apply_view(matrix, view):
    """Project a TF-IDF matrix through a view and L2-normalize its rows again.

    The normalization is done on the CSR arrays directly: ``sklearn.preprocessing.normalize``
    validates its input on every call, which cost more than the projection
    itself for an article's few paragraphs.
    """
    projected = sp.csr_matrix(matrix @ view)
    rows = np.repeat(np.arange(projected.shape[0]), np.diff(projected.indptr))
    norms = np.sqrt(np.bincount(rows, weights=np.square(projected.data, dtype=np.float64),
                                minlength=projected.shape[0]))
    norms[norms == 0] = 1.0
    projected.data /= norms[rows].astype(projected.data.dtype)
    return projected
