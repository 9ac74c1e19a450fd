"""stance-corpus-stats: describe the labeled corpus as Markdown tables for labels/README.md.

Prints counts per head and value, per file, by voice and by length, and the
number of paragraphs that hold different stances toward different countries.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import Counter

import stance

TARGETS = ("us", "china", "russia")


def is_mixed(example) -> bool:
    """True when two or more countries are present with different stances."""
    present = [example.labels[t] for t in TARGETS if example.labels[t] != "absent"]
    return len(set(present)) >= 2


def counts_table(examples) -> str:
    """Return the per-head, per-value counts as a Markdown table."""
    lines = ["| head | " + " | ".join(stance.STANCE_VALUES) + " |", "|---|---|---|---|---|"]
    for head in TARGETS:
        counts = Counter(e.labels[head] for e in examples)
        lines.append(f"| {head} | " + " | ".join(str(counts[v]) for v in stance.STANCE_VALUES) + " |")
    framing = Counter(e.labels["framing"] for e in examples)
    lines += ["", "| framing | " + " | ".join(stance.FRAMING_VALUES) + " |", "|---|---|---|---|",
              "| paragraphs | " + " | ".join(str(framing[v]) for v in stance.FRAMING_VALUES) + " |"]
    return "\n".join(lines)


def describe(examples) -> str:
    """Return every table of the datasheet."""
    files = Counter(os.path.basename(e.path) for e in examples)
    voices = Counter(e.extra.get("voice", "unknown") for e in examples)
    words = [len(e.text.split()) for e in examples]
    quartiles = statistics.quantiles(words, n=4)
    parts = [
        f"{len(examples)} paragraphs from {len({e.source for e in examples})} sources; "
        f"{sum(is_mixed(e) for e in examples)} hold different stances toward different countries; "
        f"{sum(all(e.labels[t] == 'absent' for t in TARGETS) for e in examples)} mention none of the three.",
        "", counts_table(examples), "",
        "| file | paragraphs |", "|---|---|", *[f"| {name} | {n} |" for name, n in sorted(files.items())], "",
        f"Length in words: min {min(words)}, quartiles {quartiles[0]:.0f} / {quartiles[1]:.0f} / "
        f"{quartiles[2]:.0f}, max {max(words)}.", "",
        "| voice | paragraphs |", "|---|---|", *[f"| {v} | {n} |" for v, n in voices.most_common(20)],
    ]
    return "\n".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="stance-corpus-stats", description=__doc__)
    parser.add_argument("labels", nargs="*", default=["labels"])
    args = parser.parse_args(argv)
    try:
        print(describe(stance.read_labels(args.labels)))
    except stance.LabelError as error:
        print(f"stance-corpus-stats: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
