import json
import os
from pathlib import Path

import pytest

import stance
from stance import persist
from stance import ModelLoadError, load_model, publish_model


def test_load_checks_sidecar(model_dir):
    model, sidecar = load_model(model_dir)
    assert sidecar["version"] == "test-1" and sidecar["versions"]["scikit-learn"]
    assert len(sidecar["artifact_sha256"]) == 64


def _copy(model_dir, tmp_path):
    target = tmp_path / "copy"
    target.mkdir()
    for name in ("model.joblib", "model.json"):
        (target / name).write_bytes((Path(model_dir) / name).read_bytes())
    return target


def test_altered_artifact_is_refused(model_dir, tmp_path):
    copy = _copy(model_dir, tmp_path)
    with open(copy / "model.joblib", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelLoadError, match="SHA-256.*make model"):
        load_model(str(copy))


def test_other_sklearn_version_is_refused(model_dir, tmp_path):
    copy = _copy(model_dir, tmp_path)
    sidecar = json.loads((copy / "model.json").read_text())
    sidecar["versions"]["scikit-learn"] = "0.0.1"
    (copy / "model.json").write_text(json.dumps(sidecar))
    with pytest.raises(ModelLoadError, match="saved with scikit-learn 0.0.1.*retrain"):
        load_model(str(copy))


def test_missing_model_says_what_to_do(tmp_path):
    with pytest.raises(ModelLoadError, match="run `make model`"):
        load_model(str(tmp_path / "nothing"))


def test_failed_publish_leaves_current_untouched(model, tmp_path, monkeypatch):
    root = tmp_path / "models"
    publish_model(model, str(root), "v1", {"note": "first"})
    before = os.readlink(root / "current")

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(persist, "file_sha256", disk_full)
        with pytest.raises(OSError, match="disk full"):
            publish_model(model, str(root), "v2", {"note": "second"})
    assert os.readlink(root / "current") == before == "v1"
    assert sorted(os.listdir(root)) == ["current", "v1"]
    assert load_model(str(root / "current"))[1]["note"] == "first"
    publish_model(model, str(root), "v3", {"note": "third"})
    assert stance.read_sidecar(str(root / "current"))["version"] == "v3"
