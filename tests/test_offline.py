"""The library runs with no downloaded NLTK data."""
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


def test_nothing_downloads():
    for folder in ("stance", "stance_cli", "training", "service"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                        text = handle.read()
                    assert "nltk.download" not in text and "sent_tokenize(" not in text, name
