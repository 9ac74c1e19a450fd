import numpy as np
import pytest
from sklearn.base import clone

import stance
from stance import ModelError, StanceModel, explain
from stance.evaluate import calibration_error, cross_validate, head_metrics


@pytest.fixture(scope="module")
def data(seed_examples):
    return [e.text for e in seed_examples], [e.labels for e in seed_examples]


@pytest.mark.parametrize("mask", ["none", "distinct", "pooled", "shared"])
def test_every_mask_mode_gives_probabilities_in_guide_order(data, mask):
    texts, labels = data
    model = StanceModel(mask=mask, min_df=1).fit(texts, labels)
    proba = model.predict_proba(texts[:3])
    assert set(proba) == {"us", "china", "russia", "framing"}
    for head, p in proba.items():
        assert p.shape == (3, len(stance.head_values(head)))
        np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-6)


def test_same_labels_same_scores(data):
    texts, labels = data
    first = StanceModel(min_df=1).fit(texts, labels).predict_proba(texts)
    second = StanceModel(min_df=1).fit(texts, labels).predict_proba(texts)
    for head in first:
        np.testing.assert_array_equal(first[head], second[head])


def test_clone_and_params_follow_the_estimator_contract(data):
    model = StanceModel(C=2.0, mask="distinct")
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "classifiers_")
    texts, labels = data
    fitted = copy.set_params(C=1.0, min_df=1).fit(texts, labels)
    assert fitted is copy and fitted.C == 1.0


@pytest.mark.parametrize("calibration", ["none", "sigmoid"])
def test_shared_weights_fold_into_one_classifier_per_head_exactly(calibration):
    """The augmented classifier's probabilities equal its folded per-target classifiers' on the plain views."""
    import scipy.sparse as sp
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize
    from stance.model import augment, fold

    views = [normalize(sp.random(60, 12, density=0.3, random_state=k, format="csr")) for k in range(3)]
    labels = np.random.default_rng(0).choice(["favor", "against", "absent"], 180)
    classifier = LogisticRegression(C=4.0, max_iter=1000)
    if calibration != "none":
        classifier = CalibratedClassifierCV(classifier, method=calibration, cv=3, ensemble=False)
    classifier.fit(augment(views), labels)
    augmented = augment(views)
    for k, view in enumerate(views):
        folded = fold(classifier, k, len(views), view.shape[1])
        np.testing.assert_allclose(folded.predict_proba(view), classifier.predict_proba(augmented[60 * k:60 * (k + 1)]),
                                   atol=1e-12)
    assert not np.allclose(fold(classifier, 0, 3, 12).predict_proba(views[1]),
                           fold(classifier, 1, 3, 12).predict_proba(views[1]))


def test_pooled_heads_see_their_own_target(model):
    """The same words give the US head and the China head different evidence."""
    text = "Washington must counter Beijing before it is too late."
    row = model.transform([text])
    assert (model.head_matrix(row, "us") != model.head_matrix(row, "china")).nnz > 0
    us_terms = {t["feature"] for t in explain(model, text, "us", top=50)}
    china_terms = {t["feature"] for t in explain(model, text, "china", top=50)}
    assert any("xxself" in f for f in us_terms) or any("xxself" in f for f in china_terms)
    assert us_terms != china_terms


def test_explanation_spans_point_at_the_words(model):
    text = "The Kremlin welcomed the deal, and Beijing praised the peaceful station."
    terms = explain(model, text, "framing", top=10)
    assert terms and all(isinstance(t["weight"], float) for t in terms)
    assert terms == sorted(terms, key=lambda t: -abs(t["weight"]))
    for term in terms:
        for start, end in term["spans"]:
            assert text[start:end] == term["term"] or term["term"] == text[term["spans"][0][0]:term["spans"][0][1]]
            assert 0 <= start < end <= len(text)


def test_bad_labels_and_settings_are_refused(data):
    texts, labels = data
    with pytest.raises(ModelError, match="unknown framing"):
        StanceModel(min_df=1).fit(texts[:2], [{**labels[0], "framing": "dovish"}, labels[1]])
    with pytest.raises(ModelError, match="mask must be one of"):
        StanceModel(mask="weird").fit(texts, labels)


def test_head_metrics_and_calibration_error():
    truth = ["favor", "against", "neutral", "absent"]
    perfect = np.eye(4)
    metrics = head_metrics("us", truth, perfect)
    assert metrics["accuracy"] == 1.0 and metrics["macro_f1"] == 1.0 and metrics["ece"] == 0.0
    overconfident = np.array([[0.0, 1.0, 0.0, 0.0]] * 4)
    assert calibration_error(overconfident, np.array([0, 1, 2, 3])) == pytest.approx(0.75)


def test_cross_validation_is_grouped_by_source(seed_examples):
    result = cross_validate(StanceModel(min_df=1), seed_examples, folds=5, seed=0)
    assert set(result["metrics"]) == {"us", "china", "russia", "framing"}
    assert result["proba"]["framing"].shape == (len(seed_examples), 3)
    assert all(m["n"] == len(seed_examples) for m in result["metrics"].values())


def test_direct_probabilities_match_scikit_learn(model, seed_examples):
    from stance.model import linear_proba

    matrix = model.transform([e.text for e in seed_examples])
    for head in model.heads_:
        view = model.head_matrix(matrix, head)
        classifier = model.classifiers_[head]
        np.testing.assert_allclose(linear_proba(classifier, view), classifier.predict_proba(view), rtol=1e-6, atol=1e-9)


def test_views_are_normalized_like_sklearn_normalize():
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize
    from stance.features import apply_view

    dense = sp.random(6, 8, density=0.4, dtype=np.float32, random_state=1).toarray()
    dense[2] = 0  # an empty row stays empty
    matrix = sp.csr_matrix(dense)
    view = sp.csr_matrix((np.ones(8, dtype=np.float32), (np.arange(8), [0, 1, 1, 2, 3, 3, 4, 0])), shape=(8, 5))
    got = apply_view(matrix, view)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got.toarray(), normalize(matrix @ view).toarray(), rtol=1e-6)
    assert got[2].nnz == 0
