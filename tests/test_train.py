"""The whole path: labels -> stance-train -> published model -> scores."""
import json
import os

from support import SEED_LABELS, read_seed
from stance import load_model, score_article
from training.train import main


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
