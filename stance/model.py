"""The stance model: one shared feature pipeline and four logistic-regression heads."""
from __future__ import annotations

import copy

import numpy as np
import scipy.sparse as sp
from scipy.special import expit, softmax
from sklearn import config_context
from sklearn.base import BaseEstimator, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .features import apply_view, build_features, build_views
from .labels import head_values, score_poles
from .targets import TargetSet

FRAMING = "framing"
MASK_MODES = ("none", "distinct", "pooled", "shared")
CALIBRATIONS = ("none", "sigmoid", "isotonic")


class ModelError(ValueError):
    """The model cannot be built from these arguments or labels."""


class StanceModel(BaseEstimator):
    """Score paragraphs for stance toward each target and for framing.

    Parameters
    ----------
    targets : TargetSet or None
        Who counts as each target; the packaged set when None.
    mask : {"none", "distinct", "pooled"}
        ``none``: raw text. ``distinct``: each target's mentions become its own
        token and each stance head has its own classifier. ``pooled``: as
        ``distinct``, but one stance classifier sees each target through a view
        where that target reads ``xxself`` and the others ``xxother``.
        ``shared``: as ``pooled``, plus a copy of each target's view in a block
        of its own (feature augmentation), so every label teaches all stance
        heads and each head can still learn its own words; after fitting, the
        shared and own weights are folded into one classifier per head.
    ngram_range, min_df, max_features
        TF-IDF settings.
    C : float
        Inverse regularization strength of every head.
    class_weight : str or None
        Passed to ``LogisticRegression``.
    calibration : {"none", "sigmoid", "isotonic"}
        Recalibrate each head's probabilities with 3-fold cross-validation.
    """

    def __init__(self, targets=None, mask="shared", ngram_range=(1, 2), min_df=2, max_features=None,
                 C=16.0, class_weight="balanced", calibration="none"):
        self.targets = targets
        self.mask = mask
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.calibration = calibration

    def _classifier(self):
        base = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        if self.calibration == "none":
            return base
        # Shuffled folds: pooled and shared heads stack one target's rows after another's,
        # and unshuffled folds would calibrate on targets the fold's model never saw.
        folds = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
        return CalibratedClassifierCV(base, method=self.calibration, cv=folds, ensemble=False)

    def fit(self, texts, y):
        """Learn from paragraph texts and labels.

        Parameters
        ----------
        texts : sequence of str
        y : array-like of shape (n, len(heads_)) or sequence of dicts
            Labels in the order of ``heads_`` (target ids, then ``framing``),
            or one ``{head: label}`` mapping per text.
        """
        if self.mask not in MASK_MODES:
            raise ModelError(f"mask must be one of {MASK_MODES}, not {self.mask!r}")
        if self.calibration not in CALIBRATIONS:
            raise ModelError(f"calibration must be one of {CALIBRATIONS}, not {self.calibration!r}")
        self.targets_ = self.targets if self.targets is not None else TargetSet.from_file()
        self.heads_ = (*self.targets_.ids, FRAMING)
        texts = list(texts)
        labels = self._label_matrix(y, len(texts))
        self.features_ = build_features(self.targets_, self.mask != "none", self.ngram_range,
                                        self.min_df, self.max_features)
        matrix = self.features_.fit_transform(texts)
        self.feature_names_ = self.features_[-1].get_feature_names_out()
        self.views_ = None
        if self.mask in ("pooled", "shared"):
            tokens = {t.id: t.token for t in self.targets_.targets}
            self.views_, self.view_features_ = build_views(self.feature_names_, tokens)
            views = [apply_view(matrix, self.views_[t]) for t in self.targets_.ids]
            stance_labels = labels[:, :-1].T.ravel()
            if self.mask == "pooled":
                pooled = self._classifier().fit(sp.vstack(views), stance_labels)
                self.classifiers_ = {t: pooled for t in self.targets_.ids}
            else:
                shared = self._classifier().fit(augment(views), stance_labels)
                self.classifiers_ = {t: fold(shared, k, len(views), views[0].shape[1])
                                     for k, t in enumerate(self.targets_.ids)}
        else:
            self.classifiers_ = {t: self._classifier().fit(matrix, labels[:, i])
                                 for i, t in enumerate(self.targets_.ids)}
        self.classifiers_[FRAMING] = self._classifier().fit(matrix, labels[:, -1])
        self.classes_ = {head: self.classifiers_[head].classes_ for head in self.heads_}
        self.directions_ = {head: self._score_direction(head) for head in self.heads_}
        return self

    def _score_direction(self, head) -> np.ndarray:
        """Per-feature weight of ``head``'s score: logit(positive pole) - logit(negative pole)."""
        coef, classes = self.head_coefficients(head)
        positive, negative = score_poles(head)
        classes = list(classes)
        if coef.shape[0] == 1:
            logits = {classes[1]: coef[0], classes[0]: np.zeros_like(coef[0])}
        else:
            logits = {value: coef[i] for i, value in enumerate(classes)}
        zero = np.zeros(coef.shape[1])
        return np.asarray(logits.get(positive, zero) - logits.get(negative, zero)).ravel()

    def _label_matrix(self, y, n):
        if len(y) and isinstance(y[0], dict):
            y = [[row[head] for head in self.heads_] for row in y]
        labels = np.asarray(y, dtype=object)
        if labels.shape != (n, len(self.heads_)):
            raise ModelError(f"labels have shape {labels.shape}; expected ({n}, {len(self.heads_)}) "
                             f"in the order {', '.join(self.heads_)}")
        for column, head in enumerate(self.heads_):
            unknown = set(labels[:, column]) - set(head_values(head))
            if unknown:
                raise ModelError(f"unknown {head} label(s): {', '.join(sorted(map(str, unknown)))}")
        return labels

    def transform(self, texts):
        """Return the shared TF-IDF matrix of ``texts``.

        The pipeline's parameters were validated when it was fitted; checking
        them again on every call cost about a tenth of scoring an article.
        """
        with config_context(skip_parameter_validation=True, assume_finite=True):
            return self.features_.transform(texts)

    def head_matrix(self, matrix, head):
        """Return what ``head`` sees of a shared TF-IDF matrix."""
        if self.views_ is not None and head != FRAMING:
            return apply_view(matrix, self.views_[head])
        return matrix

    def predict_proba(self, texts, matrix=None):
        """Return ``{head: array (n, n_values)}`` with columns in ``head_values(head)`` order."""
        if matrix is None:
            matrix = self.transform(texts)
        result = {}
        for head in self.heads_:
            proba = linear_proba(self.classifiers_[head], self.head_matrix(matrix, head))
            result[head] = _reorder(proba, self.classes_[head], head_values(head))
        return result

    def predict(self, texts):
        """Return ``{head: array of labels}``."""
        return {head: np.asarray(head_values(head))[proba.argmax(axis=1)]
                for head, proba in self.predict_proba(texts).items()}

    def head_coefficients(self, head):
        """Return ``(coef, classes)`` of the linear model behind ``head``."""
        classifier = self.classifiers_[head]
        if isinstance(classifier, CalibratedClassifierCV):
            classifier = classifier.calibrated_classifiers_[0].estimator
        return classifier.coef_, classifier.classes_

    def feature_names(self, head):
        """Return the feature names that ``head``'s coefficients refer to."""
        if self.views_ is not None and head != FRAMING:
            return self.view_features_
        return self.feature_names_


def linear_proba(classifier, matrix) -> np.ndarray:
    """Return ``classifier.predict_proba(matrix)``, computed directly for a plain logistic regression.

    scikit-learn validates its input on every call, which costs more than the
    arithmetic for an article's ten paragraphs; the heads' input is our own
    TF-IDF matrix, so the product and softmax are done here instead.
    """
    if type(classifier) is not LogisticRegression:
        return classifier.predict_proba(matrix)
    scores = np.asarray(matrix @ classifier.coef_.T) + classifier.intercept_
    if scores.shape[1] == 1:
        positive = expit(scores[:, 0])
        return np.column_stack([1 - positive, positive])
    return softmax(scores, axis=1)


def augment(views: list) -> sp.csr_matrix:
    """Stack per-target views as ``[view | 0 .. view .. 0 | indicator]`` rows, divided by sqrt(2).

    Target ``k``'s rows hold its view in the shared block and again in block
    ``k``, and a 1 in indicator column ``k`` (its own intercept). Dividing by
    sqrt(2) keeps each row's two view copies at unit norm together.
    """
    n_targets, (n_rows, width) = len(views), views[0].shape
    blocks = []
    for k, view in enumerate(views):
        own = [None] * n_targets
        own[k] = view
        for j in range(n_targets):
            if own[j] is None:
                own[j] = sp.csr_matrix((n_rows, width), dtype=view.dtype)
        indicator = sp.csr_matrix((np.ones(n_rows, dtype=view.dtype), (np.arange(n_rows), np.full(n_rows, k))),
                                  shape=(n_rows, n_targets))
        blocks.append(sp.hstack([view, *own, indicator], format="csr"))
    stacked = sp.vstack(blocks, format="csr")
    stacked.data /= np.sqrt(2)  # in place, keeping the views' dtype (float32 halves the model)
    return stacked


def fold(classifier, k: int, n_targets: int, width: int):
    """Return ``classifier``, fitted on :func:`augment` rows, as one for target ``k``'s plain view.

    On an augmented row ``(v, .., v, .., 1) / sqrt(2)`` the scores are
    ``v @ (w_shared + w_k) / sqrt(2) + (b + c_k / sqrt(2))``: the same
    probabilities from a classifier over the view alone, so scoring and
    explanations need no augmented matrix.
    """
    folded = copy.deepcopy(classifier)
    linear = folded.calibrated_classifiers_[0].estimator if isinstance(folded, CalibratedClassifierCV) else folded
    coef = linear.coef_
    shared, own = coef[:, :width], coef[:, width * (k + 1):width * (k + 2)]
    own_intercept = coef[:, width * (n_targets + 1) + k]
    root2 = np.sqrt(2).astype(coef.dtype)
    linear.coef_ = (shared + own) / root2
    linear.intercept_ = linear.intercept_ + own_intercept / root2
    linear.n_features_in_ = width
    if folded is not linear:
        folded.n_features_in_ = width
    return folded


def _reorder(proba, classes, order):
    """Put probability columns in ``order``; a value never seen in training gets 0."""
    out = np.zeros((proba.shape[0], len(order)))
    index = {value: i for i, value in enumerate(classes)}
    for j, value in enumerate(order):
        if value in index:
            out[:, j] = proba[:, index[value]]
    return out


def clone_model(model: StanceModel, **params) -> StanceModel:
    """Return an unfitted copy of ``model`` with ``params`` changed."""
    return clone(model).set_params(**params)
