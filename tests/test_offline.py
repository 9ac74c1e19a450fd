"""The library runs with no downloaded NLTK data."""
import ast
import os
import subprocess
import sys

from support import ROOT, seed_path


def test_segmentation_needs_no_nltk_data(tmp_path):
    code = ("import nltk, stance, sys; "
            "assert nltk.data.path[0] == sys.argv[2], nltk.data.path; "
            "print(len(stance.split_paragraphs(open(sys.argv[1], encoding='utf-8').read())))")
    env = {**os.environ, "NLTK_DATA": str(tmp_path)}
    completed = subprocess.run([sys.executable, "-c", code, seed_path("002"), str(tmp_path)], env=env,
                               capture_output=True, text=True, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert int(completed.stdout) >= 8
    assert list(tmp_path.iterdir()) == []


# NLTK calls that fetch data or need downloaded data; any ``.download(...)`` call is refused too.
NEEDS_DATA = {"sent_tokenize", "word_tokenize", "download"}


def calls_needing_data(source: str) -> list[str]:
    """Return the names of calls in ``source`` that download data or need downloaded data, however imported."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in NEEDS_DATA:
                found.append(name)
    return found


def test_the_check_sees_aliased_and_bare_calls():
    assert calls_needing_data("import nltk as n\nn.download('punkt')") == ["download"]
    assert calls_needing_data("from nltk.tokenize import sent_tokenize as s, word_tokenize\nword_tokenize(t)") == \
        ["word_tokenize"]
    assert calls_needing_data("import nltk\nnltk.data.path.append('x')") == []


def test_nothing_downloads():
    for folder in ("stance", "stance_cli", "training", "service"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                        assert calls_needing_data(handle.read()) == [], os.path.join(dirpath, name)
