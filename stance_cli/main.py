"""stance: score news paragraphs for stance toward the US, China and Russia, and for framing.

  stance score FILE|-        split an article into paragraphs and print a table (--json: everything)
  stance predict IN.jsonl|-  score each {"id", "text"} line as one paragraph; print one JSON line each
  stance eval LABELS...      print the training report's metrics for the current model on labeled files

The model is read from --model, else $STANCE_MODEL_DIR, else models/current.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import stance
from stance.evaluate import evaluate, format_metrics

HEADS_SHORT = {"us": "US", "china": "CN", "russia": "RU", "framing": "framing"}
CHUNK = 2000


class InputError(Exception):
    """Bad input; the message names the file and line."""


def _load(args):
    directory = args.model or os.environ.get("STANCE_MODEL_DIR") or os.path.join("models", "current")
    return stance.load_model(directory)


def _read_text(path: str) -> str:
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise InputError(f"{path} line {line}: not UTF-8 (byte {error.start}); save the file as UTF-8") from None
    if not text.strip():
        raise InputError(f"{path}: the text is empty")
    return text


def _table(result: dict, article: str) -> str:
    lines = []
    for p in result["paragraphs"]:
        snippet = " ".join(article[p["start"]:p["end"]].split())
        snippet = snippet if len(snippet) <= 90 else snippet[:87] + "..."
        if not p["content"]:
            lines.append(f"[{p['index']}] ({p['kind']}, not scored) {snippet}")
            continue
        heads = "  ".join(f"{HEADS_SHORT[h]} {s['label']} {s['score']:+.2f}" for h, s in p["scores"].items())
        lines += [f"[{p['index']}] {heads}", f"    {snippet}"]
        for head, terms in p.get("explanation", {}).items():
            words = ", ".join(f"{t['term']} {t['weight']:+.2f}" for t in terms[:4])
            lines.append(f"    {HEADS_SHORT[head]:>7}: {words}")
    summary = result["summary"]
    lines.append("")
    lines.append("article: " + "  ".join(
        f"{HEADS_SHORT[h]} {summary[h]['score']:+.2f}" if summary[h]["score"] is not None else f"{HEADS_SHORT[h]} -"
        for h in summary if h in HEADS_SHORT)
        + f"  most hawkish [{summary['most_hawkish']}]  most cooperative [{summary['most_cooperative']}]")
    return "\n".join(lines)


def cmd_score(args) -> None:
    article = _read_text(args.file)
    model, sidecar = _load(args)
    result = stance.score_article(model, article, explain_top=args.top)
    if args.json:
        print(json.dumps({"model_version": sidecar.get("version"), **result}, ensure_ascii=False))
    else:
        print(_table(result, article))


def _records(path: str):
    """Yield ``(line number, id, text)`` from a JSON Lines file, raising InputError on a bad line."""
    handle = sys.stdin.buffer if path == "-" else _open(path)
    try:
        yield from _parse(path, handle)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _parse(path, handle):
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path} line {number}: not UTF-8; save the file as UTF-8") from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{path} line {number}: invalid JSON ({error.msg} at column {error.colno})") from None
        if not isinstance(record, dict) or "text" not in record:
            raise InputError(f'{path} line {number}: expected an object with "text" (and "id")')
        text = record["text"]
        if not isinstance(text, str) or not text.strip():
            raise InputError(f'{path} line {number}: "text" must be a non-empty string')
        yield number, record.get("id"), text


def _open(path):
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(f"{path}: {error.strerror}") from None


def _flush(model, batch, out) -> None:
    results = stance.score_texts(model, [text for _, text in batch])
    for (record_id, _), result in zip(batch, results):
        out.write(json.dumps({"id": record_id, **result}, ensure_ascii=False))
        out.write("\n")


def stream_predictions(model, records, out) -> int:
    """Score ``(line, id, text)`` records in chunks, writing one JSON line each; return the count.

    Lines before a bad record are written before its error propagates.
    """
    batch, done = [], 0
    started = last = time.monotonic()
    try:
        for _, record_id, text in records:
            batch.append((record_id, text))
            if len(batch) == CHUNK:
                _flush(model, batch, out)
                done, batch = done + len(batch), []
                if time.monotonic() - last > 2:
                    last = time.monotonic()
                    print(f"stance: {done:,} paragraphs, {done / (last - started):,.0f}/s", file=sys.stderr)
    finally:
        if batch:
            _flush(model, batch, out)
        out.flush()
    return done + len(batch)


def cmd_predict(args) -> None:
    model, _ = _load(args)
    stream_predictions(model, _records(args.file), sys.stdout)


def cmd_eval(args) -> None:
    model, sidecar = _load(args)
    examples = stance.read_labels(args.labels, heads=model.heads_)
    metrics = evaluate(model, examples)
    if args.json:
        print(json.dumps({"model_version": sidecar.get("version"), "metrics": metrics}))
    else:
        print(f"model {sidecar.get('version')} on {len(examples)} labeled paragraphs\n")
        print(format_metrics(metrics))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="model directory (default: $STANCE_MODEL_DIR or models/current)")
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser("score", help="score an article paragraph by paragraph")
    score.add_argument("file", help="article text file, or - for standard input")
    score.add_argument("--json", action="store_true", help="print the full result as JSON")
    score.add_argument("--top", type=int, default=6, help="explaining terms per head (default 6)")
    score.set_defaults(run=cmd_score)
    predict = commands.add_parser("predict", help="score JSON Lines {id, text}, one paragraph a line")
    predict.add_argument("file", help="JSON Lines file, or - for standard input")
    predict.set_defaults(run=cmd_predict)
    evaluate_ = commands.add_parser("eval", help="metrics of the current model on labeled files")
    evaluate_.add_argument("labels", nargs="+", help="label files or folders (.jsonl, .csv)")
    evaluate_.add_argument("--json", action="store_true", help="print metrics as JSON")
    evaluate_.set_defaults(run=cmd_eval)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (InputError, stance.ModelLoadError) as error:
        print(f"stance: {error}", file=sys.stderr)
        return 2
    except stance.LabelError as error:
        print(f"stance: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
