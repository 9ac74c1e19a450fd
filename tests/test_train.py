"""The whole path: labels -> stance-train -> published model -> scores."""
import json
import os

from support import LABELS, SEED_LABELS, read_seed
from stance import load_model, read_labels, score_article
from stance.evaluate import evaluate
from training.fresh import TRAINED_ON
from training.train import choose, main


def test_train_publishes_a_model_and_report(tmp_path, capsys):
    root = tmp_path / "models"
    assert main(["--labels", SEED_LABELS, "--models", str(root), "--folds", "3", "--quick"]) == 0
    current = root / "current"
    model, sidecar = load_model(str(current))
    assert sidecar["labels"]["paragraphs"] == 55 and len(sidecar["labels"]["sha256"]) == 64
    assert set(sidecar["cv_metrics"]) == {"us", "china", "russia", "framing"}
    report = (current / "report.md").read_text(encoding="utf-8")
    for section in ("## Labels", "## Configurations compared", "macro-F1", "## Top features per value"):
        assert section in report
    assert (current / "confusion.png").read_bytes()[:4] == b"\x89PNG"
    result = score_article(model, read_seed("002"))
    assert result["summary"]["content_paragraphs"] >= 8
    assert "published" in capsys.readouterr().err


def test_bad_labels_stop_training_and_keep_the_model(tmp_path, capsys):
    root = tmp_path / "models"
    assert main(["--labels", SEED_LABELS, "--models", str(root), "--folds", "3", "--quick"]) == 0
    before = os.readlink(root / "current")
    bad = tmp_path / "bad.jsonl"
    with open(SEED_LABELS, encoding="utf-8") as handle:
        row = json.loads(handle.readline())
    bad.write_text(json.dumps({**row, "framing": "dovish"}) + "\n", encoding="utf-8")
    assert main(["--labels", str(bad), "--models", str(root), "--quick"]) == 2
    assert "line 1: unknown framing 'dovish'" in capsys.readouterr().err
    assert os.readlink(root / "current") == before



def _new_batch(tmp_path, rows=30):
    """Write the first ``rows`` paragraphs of a written batch as a file the seed-only model never saw."""
    batch = tmp_path / "batch.jsonl"
    with open(os.path.join(LABELS, "space.jsonl"), encoding="utf-8") as handle:
        batch.write_text("".join(handle.readline() for _ in range(rows)), encoding="utf-8")
    return str(batch)


def test_retraining_scores_the_new_paragraphs_with_the_previous_model(tmp_path):
    root = tmp_path / "models"
    train = ["--models", str(root), "--folds", "3", "--quick"]
    assert main(["--labels", SEED_LABELS, *train]) == 0
    previous, previous_sidecar = load_model(str(root / "current"))
    assert (root / "current" / TRAINED_ON).read_text(encoding="utf-8").count("\n") == 1 + 55
    batch = _new_batch(tmp_path)
    assert main(["--labels", SEED_LABELS, batch, *train]) == 0
    sidecar = load_model(str(root / "current"))[1]
    fresh = sidecar["fresh"]
    assert fresh["version"] == previous_sidecar["version"] and fresh["paragraphs"] == 30
    assert fresh["files"] == {"batch.jsonl": 30}
    expected = evaluate(previous, read_labels([batch]))
    assert {h: m["macro_f1"] for h, m in fresh["metrics"].items()} == {h: m["macro_f1"] for h, m in expected.items()}
    report = (root / "current" / "report.md").read_text(encoding="utf-8")
    assert "## Paragraphs the previous model never saw" in report
    assert f"30 paragraphs are new since model {previous_sidecar['version']}" in report
    assert f"| framing | 30 | {expected['framing']['accuracy']:.3f} | {expected['framing']['macro_f1']:.3f} |" in report

    assert main(["--labels", SEED_LABELS, batch, *train]) == 0
    assert load_model(str(root / "current"))[1]["fresh"]["reason"] == "every paragraph was in its training set"


def test_a_previous_model_that_recorded_no_paragraphs_is_named_not_scored(tmp_path):
    root = tmp_path / "models"
    train = ["--models", str(root), "--folds", "3", "--quick"]
    assert main(["--labels", SEED_LABELS, *train]) == 0
    os.remove(root / "current" / TRAINED_ON)
    assert main(["--labels", SEED_LABELS, _new_batch(tmp_path), *train]) == 0
    report = (root / "current" / "report.md").read_text(encoding="utf-8")
    assert "because it did not record which paragraphs it was trained on" in report
    assert "previous model: macro-F1" not in report

def _fake_cv(scores):
    """A cross-validation stand-in: (macro-F1, ECE) per configuration, keyed by (mask, C, calibration)."""
    def run_cv(params, examples, folds, seed):
        f1, ece = scores[(params["mask"], params["C"], params["calibration"])]
        return {"params": params}, {**params, "macro_f1": f1, "ece": ece}
    return run_cv


def test_choose_prefers_the_better_calibrated_of_near_ties_and_the_clear_winner_otherwise():
    scores = {("none", 16.0, "none"): (0.70, 0.07), ("distinct", 16.0, "none"): (0.720, 0.08),
              ("pooled", 16.0, "none"): (0.713, 0.03),
              ("pooled", 2.0, "none"): (0.75, 0.20), ("pooled", 8.0, "none"): (0.715, 0.02),
              ("pooled", 2.0, "sigmoid"): (0.745, 0.05)}
    params, result, rows = choose([], 5, 0, masks=("none", "distinct", "pooled"), strengths=(2.0, 8.0),
                                  run_cv=_fake_cv(scores))
    # pooled ties distinct on F1 and is better calibrated; C=2 then wins clearly; sigmoid ties it, better calibrated.
    assert params == {"mask": "pooled", "C": 2.0, "calibration": "sigmoid"}
    assert result == {"params": params}
    assert len(rows) == 6


def test_choose_keeps_a_clear_f1_winner_even_if_worse_calibrated():
    scores = {("none", 16.0, "none"): (0.60, 0.01), ("pooled", 16.0, "none"): (0.70, 0.09),
              ("pooled", 16.0, "sigmoid"): (0.65, 0.01)}
    params, _, _ = choose([], 5, 0, masks=("none", "pooled"), strengths=(), run_cv=_fake_cv(scores))
    assert params == {"mask": "pooled", "C": 16.0, "calibration": "none"}


def test_choose_measures_ties_from_the_best_so_far_so_they_cannot_drift():
    scores = {("distinct", 16.0, "none"): (0.720, 0.08), ("pooled", 16.0, "none"): (0.712, 0.026),
              ("pooled", 32.0, "none"): (0.709, 0.024)}
    params, _, _ = choose([], 5, 0, masks=("distinct", "pooled"), strengths=(32.0,), calibrations=("none",),
                          run_cv=_fake_cv(scores))
    # 0.709 ties 0.712 but not the 0.720 seen first: pooled at C=16 stays.
    assert params == {"mask": "pooled", "C": 16.0, "calibration": "none"}
