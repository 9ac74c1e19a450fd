import json
import os

import pytest

from support import LABELS
from training.agreement import main

ROW = {"source": "s", "annotator": "a", "china": "absent", "russia": "absent"}


def _write(path, rows):
    path.write_text("".join(json.dumps({**ROW, **r}) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_compare_counts_agreement_and_lists_disagreements(tmp_path, capsys):
    first = _write(tmp_path / "first.jsonl", [
        {"id": "1", "text": "a", "us": "favor", "framing": "hawkish"},
        {"id": "2", "text": "b", "us": "against", "framing": "neutral"},
        {"id": "3", "text": "c", "us": "neutral", "framing": "cooperative"},
        {"id": "4", "text": "d", "us": "absent", "framing": "neutral"}])
    second = _write(tmp_path / "second.jsonl", [
        {"id": "1", "text": "a", "us": "favor", "framing": "hawkish"},
        {"id": "2", "text": "b", "us": "against", "framing": "neutral"},
        {"id": "3", "text": "c", "us": "favor", "framing": "cooperative"},
        {"id": "4", "text": "d", "us": "absent", "framing": "neutral"}])
    assert main(["--labels", first, "compare", second]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["paragraphs"] == 4
    assert result["heads"]["framing"] == {"kappa": 1.0, "agreement": 1.0}
    assert result["heads"]["us"]["agreement"] == 0.75 and result["heads"]["us"]["kappa"] < 1
    assert [d["id"] for d in result["disagreements"]] == ["3"]
    assert result["disagreements"][0]["differ"] == {"us": ["neutral", "favor"]}


def test_sample_is_reproducible(tmp_path):
    rows = [{"id": str(i), "text": f"text {i}", "us": "absent", "framing": "neutral"} for i in range(50)]
    labels = _write(tmp_path / "labels.jsonl", rows)
    outputs = []
    for name in ("a.jsonl", "b.jsonl"):
        assert main(["--labels", labels, "sample", "--fraction", "0.1", str(tmp_path / name)]) == 0
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 5
    assert set(json.loads(outputs[0].splitlines()[0])) == {"id", "text"}


@pytest.mark.parametrize("suffix", ["", "_long", "_topic", "_voices", "_news", "_round5", "_round6"])
def test_saved_agreement_figures_are_what_the_saved_passes_give(suffix, capsys):
    """labels/review keeps both passes: the kappas in agreement*.json and the datasheet are rerunnable."""
    review = os.path.join(LABELS, "review")
    assert main(["--labels", os.path.join(review, f"first_pass{suffix}.jsonl"),
                 "compare", os.path.join(review, f"second_pass{suffix}.jsonl")]) == 0
    result = json.loads(capsys.readouterr().out)
    with open(os.path.join(review, f"agreement{suffix}.json"), encoding="utf-8") as handle:
        assert result == json.load(handle)
    with open(os.path.join(LABELS, "README.md"), encoding="utf-8") as handle:
        datasheet = handle.read()
    for head, figures in result["heads"].items():
        assert f"| {head} | {figures['kappa']:.3f} | {figures['agreement']:.3f} |" in datasheet
