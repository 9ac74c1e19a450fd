"""The whole path: labels -> stance-train -> published model -> scores."""
import json
import os

from support import SEED_LABELS, read_seed
from stance import load_model, score_article
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
