"""Read and validate hand-labeled paragraphs (JSON Lines or CSV).

Every problem is reported with its file and line; nothing is guessed or
dropped silently.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass

STANCE_VALUES = ("favor", "against", "neutral", "absent")
FRAMING_VALUES = ("hawkish", "cooperative", "neutral")
REQUIRED_FIELDS = ("id", "source", "text", "us", "china", "russia", "framing", "annotator")
OPTIONAL_FIELDS = ("topic", "voice", "note")


def head_values(head: str) -> tuple[str, ...]:
    """Return the label values of ``head`` (``framing`` or a target id)."""
    return FRAMING_VALUES if head == "framing" else STANCE_VALUES


def score_poles(head: str) -> tuple[str, str]:
    """Return the values whose probabilities make a head's score: P(first) - P(second)."""
    return ("hawkish", "cooperative") if head == "framing" else ("favor", "against")


class LabelError(ValueError):
    """Labels failed validation; ``problems`` lists every ``file line N: ...`` message."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the labels; fix them and run again:\n{shown}{more}")


@dataclass(frozen=True)
class Example:
    """One labeled paragraph and where it was read from."""

    id: str
    source: str
    text: str
    labels: dict
    annotator: str
    path: str
    line: int
    extra: dict


def label_files(folder: str) -> list[str]:
    """Return the label files in ``folder`` (``*.jsonl`` and ``*.csv``), sorted."""
    names = sorted(n for n in os.listdir(folder) if n.endswith((".jsonl", ".csv")))
    return [os.path.join(folder, n) for n in names]


def _rows(path: str):
    """Yield ``(line number, row dict or error message)`` for one file."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            if path.endswith(".csv"):
                reader = csv.DictReader(handle)
                for row in reader:
                    yield reader.line_num, row
                return
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    yield number, f"invalid JSON ({error.msg} at column {error.colno})"
                    continue
                yield number, row if isinstance(row, dict) else "a line must be a JSON object"
    except UnicodeDecodeError as error:
        yield 0, f"not UTF-8 (byte {error.start}); save the file as UTF-8"


def _check(row: dict, heads: tuple[str, ...]) -> list[str]:
    problems = []
    for field in REQUIRED_FIELDS[:3] + heads + REQUIRED_FIELDS[-1:]:
        value = row.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"missing or empty field '{field}'")
    for head in heads:
        value = row.get(head)
        if isinstance(value, str) and value.strip() and value not in head_values(head):
            problems.append(f"unknown {head} '{value}' (expected one of {', '.join(head_values(head))})")
    unknown = set(row) - set(REQUIRED_FIELDS) - set(heads) - set(OPTIONAL_FIELDS)
    if unknown:
        problems.append(f"unknown field(s) {', '.join(sorted(unknown))}")
    return problems


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def read_labels(paths, heads=("us", "china", "russia", "framing")) -> list[Example]:
    """Read and validate label files.

    Parameters
    ----------
    paths : list of str
        ``.jsonl`` or ``.csv`` files; a folder stands for the files in it.
    heads : tuple of str
        Label columns every row must have.

    Raises
    ------
    LabelError
        With every problem found, each naming its file and line.
    """
    files = []
    for path in paths:
        files.extend(label_files(path) if os.path.isdir(path) else [path])
    examples, problems, ids, texts = [], [], {}, {}
    for path in files:
        if not os.path.exists(path):
            problems.append(f"{path}: no such file")
            continue
        for line, row in _rows(path):
            where = f"{path} line {line}"
            if isinstance(row, str):
                problems.append(f"{where}: {row}")
                continue
            found = _check(row, tuple(heads))
            problems.extend(f"{where}: {p}" for p in found)
            if found:
                continue
            if row["id"] in ids:
                problems.append(f"{where}: duplicate id '{row['id']}' (first at {ids[row['id']]})")
            if _normal(row["text"]) in texts:
                problems.append(f"{where}: duplicate text (first at {texts[_normal(row['text'])]})")
            ids.setdefault(row["id"], where)
            texts.setdefault(_normal(row["text"]), where)
            extra = {k: row[k] for k in OPTIONAL_FIELDS if row.get(k)}
            examples.append(Example(row["id"], row["source"], row["text"],
                                    {h: row[h] for h in heads}, row["annotator"], path, line, extra))
    if not files:
        problems.append("no label files given")
    if problems:
        raise LabelError(problems)
    return examples


def checksum_labels(examples: list[Example]) -> str:
    """Return the SHA-256 of the labeled content, independent of file layout."""
    digest = hashlib.sha256()
    for example in sorted(examples, key=lambda e: e.id):
        record = [example.id, example.source, example.text, *sorted(example.labels.items())]
        digest.update(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()
