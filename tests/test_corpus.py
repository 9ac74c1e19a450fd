"""The hand-labeled corpus in labels/: valid, big and balanced enough, and free of near-duplicates."""
import os
from collections import Counter

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

import stance
from support import LABELS, SEEDS

NEAR_DUPLICATE = 0.8
TARGETS = ("us", "china", "russia")


@pytest.fixture(scope="module")
def corpus():
    return stance.read_labels([LABELS])


@pytest.fixture(scope="module")
def written(corpus):
    return [e for e in corpus if not e.source.startswith("seed-")]


def test_at_least_2400_paragraphs_beyond_the_seeds(written):
    assert len(written) >= 2400


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_has_200_of_each_stance(written, target):
    counts = Counter(e.labels[target] for e in written)
    assert min(counts["favor"], counts["against"], counts["neutral"]) >= 200, counts
    assert counts["absent"] >= 200, counts


def test_framing_has_600_of_each_value(written):
    counts = Counter(e.labels["framing"] for e in written)
    assert min(counts[v] for v in stance.FRAMING_VALUES) >= 600, counts


def test_500_paragraphs_hold_different_stances_toward_different_countries(written):
    mixed = [e for e in written
             if len({e.labels[t] for t in TARGETS if e.labels[t] != "absent"}) >= 2]
    assert len(mixed) >= 500


def test_no_near_duplicates(corpus):
    """TF-IDF cosine above 0.8 means one paragraph was written from the other.

    The seed articles are real text that repeats itself (article 001 prints one
    paragraph twice); pairs inside one seed article are exempt.
    """
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([e.text for e in corpus])
    similar = (matrix @ matrix.T).tocoo()
    pairs = [(corpus[i].id, corpus[j].id, round(float(v), 3))
             for i, j, v in zip(similar.row, similar.col, similar.data)
             if i < j and v > NEAR_DUPLICATE
             and not (corpus[i].source == corpus[j].source and corpus[i].source.startswith("seed-"))]
    assert pairs == []


def test_every_seed_content_paragraph_is_labeled(corpus):
    seeds = {e.text for e in corpus if e.source.startswith("seed-")}
    for name in sorted(os.listdir(SEEDS)):
        with open(os.path.join(SEEDS, name), encoding="utf-8") as handle:
            paragraphs = [p.text for p in stance.split_paragraphs(handle.read()) if p.is_content]
        assert paragraphs and all(p in seeds for p in paragraphs), name


def test_datasheet_counts_are_the_files_counts(corpus):
    """labels/README.md shows the counts stance-corpus-stats prints from the files as they are."""
    from training.corpus_stats import counts_table
    with open(os.path.join(LABELS, "README.md"), encoding="utf-8") as handle:
        datasheet = handle.read()
    assert counts_table(corpus) in datasheet
