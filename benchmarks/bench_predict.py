"""Benchmark scoring speed: `stance predict` against bare scikit-learn, article latency, load time.

Run with `make bench` (uses models/current and the paragraphs in labels/).
Prints figures; asserts nothing. Pinned to one thread so the figures are per core.
"""
from __future__ import annotations

import io
import json
import os
import statistics
import sys
import tempfile
import time
import subprocess

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import stance  # noqa: E402
from stance_cli.main import _records as records  # noqa: E402
from stance_cli.main import stream_predictions  # noqa: E402

N = 10_000
REPEATS = 5


def paragraphs(n: int) -> list[str]:
    texts = [e.text for e in stance.read_labels(["labels"])]
    return [texts[i % len(texts)] for i in range(n)]


def bare_sklearn(model, texts) -> None:
    matrix = model.features_.transform(texts)
    for head in model.heads_:
        model.classifiers_[head].predict_proba(model.head_matrix(matrix, head))


def best_of_interleaved(fns, repeats=REPEATS) -> list[float]:
    """Return the best time of each function, running them in turn so drift in machine speed hits all alike."""
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, kept in zip(fns, times):
            started = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - started)
    return [min(kept) for kept in times]


def article_of(words: int, texts) -> str:
    chosen, count = [], 0
    for text in texts:
        chosen.append(text)
        count += len(text.split())
        if count >= words:
            break
    return "\n\n".join(chosen)


def main() -> None:
    directory = os.environ.get("STANCE_MODEL_DIR", os.path.join("models", "current"))
    started = time.perf_counter()
    model, sidecar = stance.load_model(directory)
    load_seconds = time.perf_counter() - started
    texts = paragraphs(N)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            handle.write(json.dumps({"id": i, "text": text}) + "\n")
    sink = io.StringIO()
    counted = []

    def run_cli():
        sink.seek(0)
        sink.truncate()
        counted.append(stream_predictions(model, records(handle.name), sink))

    cli, bare = best_of_interleaved([run_cli, lambda: bare_sklearn(model, texts)])
    lines = counted[-1]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stance_cli.main", "--model", directory, "predict", handle.name],
                   stdout=subprocess.DEVNULL, check=True)
    whole = time.perf_counter() - started
    article = article_of(600, texts)
    stance.score_article(model, article)
    latencies, plain = [], []
    for _ in range(200):
        t = time.perf_counter()
        stance.score_article(model, article)
        latencies.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        stance.score_article(model, article, explain_top=0)
        plain.append((time.perf_counter() - t) * 1000)
    os.unlink(handle.name)
    q = lambda xs, p: statistics.quantiles(xs, n=100)[p - 1]  # noqa: E731
    print(f"model {sidecar.get('version')} ({sidecar.get('params', {}).get('mask')} masking), "
          f"{N:,} paragraphs from labels/ (mean {statistics.fmean(len(t.split()) for t in texts):.0f} words), "
          f"best of {REPEATS} with the two paths run in turn, one thread")
    print(f"stance predict streaming path (JSON lines in and out, model loaded): {lines / cli:,.0f} paragraphs/s")
    print(f"stance predict as a command, including start-up and model load: {N / whole:,.0f} paragraphs/s "
          f"({whole:.1f} s)")
    print(f"bare scikit-learn transform + 4 heads predict_proba: {N / bare:,.0f} paragraphs/s")
    print(f"ratio predict / bare: {cli / bare:.2f}x the time")
    print(f"score_article, {len(article.split())}-word article with explanations: "
          f"p50 {q(latencies, 50):.1f} ms, p99 {q(latencies, 99):.1f} ms")
    print(f"score_article, same article without explanations: p50 {q(plain, 50):.1f} ms, p99 {q(plain, 99):.1f} ms")
    print(f"model load: {load_seconds:.2f} s; artifact {os.path.getsize(os.path.join(directory, 'model.joblib')) / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
