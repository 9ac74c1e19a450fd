import json
import subprocess
import sys

import pytest

from support import seed_path
from stance_cli.main import main


@pytest.fixture
def run(model_dir, capsys):
    def run(*args, stdin=None, monkeypatch=None):
        code = main(["--model", model_dir, *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_score_prints_every_content_paragraph(run):
    code, out, err = run("score", seed_path("000"))
    assert code == 0 and err == ""
    assert "(dateline, not scored)" in out
    assert sum(line.startswith("[") and "framing" in line for line in out.splitlines()) == 10
    assert "article:" in out


def test_score_json(run):
    code, out, _ = run("score", "--json", seed_path("004"))
    result = json.loads(out)
    assert code == 0 and result["model_version"] == "test-1"
    assert any(p["kind"] == "subhead" for p in result["paragraphs"])


def test_predict_contract(run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "Beijing threatens Washington."}\n\n'
                    '{"id": "b", "text": "Moscow offers talks."}\n', encoding="utf-8")
    code, out, _ = run("predict", str(path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in lines] == [1, "b"]
    for record in lines:
        assert list(record) == ["id", "us", "china", "russia", "framing"]
        assert list(record["us"]) == ["label", "score", "probs"]
        assert list(record["us"]["probs"]) == ["favor", "against", "neutral", "absent"]
        assert list(record["framing"]["probs"]) == ["hawkish", "cooperative", "neutral"]


@pytest.mark.parametrize("content, message", [
    (b'{"id": 1, "text": "ok"}\n{"id": 2, "text": \n', "line 2: invalid JSON"),
    (b'{"id": 1, "text": "   "}\n', 'line 1: "text" must be a non-empty string'),
    (b'{"id": 1}\n', 'line 1: expected an object with "text"'),
    (b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "\xff"}\n', "line 2: not UTF-8"),
])
def test_predict_bad_input_names_the_line(run, tmp_path, content, message):
    path = tmp_path / "in.jsonl"
    path.write_bytes(content)
    code, out, err = run("predict", str(path))
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["score", "/no/such/file.txt"], "No such file"),
    (["predict", "/no/such/file.jsonl"], "No such file"),
])
def test_missing_files(run, args, message):
    code, _, err = run(*args)
    assert code == 2 and message in err


def test_empty_and_binary_articles(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert run("score", str(empty))[2].startswith("stance: ") and run("score", str(empty))[0] == 2
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"ok line\n\xff\xfe")
    code, _, err = run("score", str(binary))
    assert code == 2 and "line 2: not UTF-8" in err


def test_missing_model_is_a_clear_error(tmp_path, capsys):
    assert main(["--model", str(tmp_path), "score", seed_path("000")]) == 2
    assert "make model" in capsys.readouterr().err


def test_eval_prints_metrics(run, seed_examples):
    code, out, _ = run("eval", seed_examples[0].path)
    assert code == 0 and "| framing |" in out and "macro-F1" in out


def test_stdin_and_console_script(model_dir):
    completed = subprocess.run([sys.executable, "-m", "stance_cli.main", "--model", model_dir, "predict", "-"],
                               input='{"id": 7, "text": "The Kremlin praised NASA."}\n', capture_output=True,
                               text=True, check=True)
    assert json.loads(completed.stdout)["id"] == 7
