"""stance-agreement: the blind second pass over a random sample of the labels.

  stance-agreement sample [--fraction 0.1] [--seed 2026] OUT.jsonl
      write {"id", "text"} for a random sample, for an annotator who must not see the labels
  stance-agreement [--labels FIRST.jsonl] compare SECOND.jsonl
      Cohen's kappa per head between the first pass (default labels/) and the second, and every disagreement

The figures in labels/README.md come from
  stance-agreement --labels labels/review/first_pass.jsonl compare labels/review/second_pass.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import sys

from sklearn.metrics import cohen_kappa_score

import stance

HEADS = ("us", "china", "russia", "framing")


def sample(examples, fraction: float, seed: int) -> list:
    """Return a reproducible random sample of ``fraction`` of the examples."""
    count = max(1, round(len(examples) * fraction))
    return sorted(random.Random(seed).sample(examples, count), key=lambda e: e.id)


def compare(first, second: dict) -> dict:
    """Return per-head kappa and raw agreement, and the disagreements, on the ids in ``second``."""
    shared = [e for e in first if e.id in second]
    result = {"paragraphs": len(shared), "heads": {}, "disagreements": []}
    for head in HEADS:
        a = [e.labels[head] for e in shared]
        b = [second[e.id][head] for e in shared]
        # Both passes giving one same value throughout agree perfectly; kappa's formula is 0/0 there.
        kappa = 1.0 if len(set(a) | set(b)) == 1 else cohen_kappa_score(a, b, labels=list(stance.head_values(head)))
        result["heads"][head] = {"kappa": round(float(kappa), 3),
                                 "agreement": round(sum(x == y for x, y in zip(a, b)) / len(shared), 3)}
    for e in shared:
        differ = {h: [e.labels[h], second[e.id][h]] for h in HEADS if e.labels[h] != second[e.id][h]}
        if differ:
            result["disagreements"].append({"id": e.id, "differ": differ, "text": e.text})
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="stance-agreement", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", action="append",
                        help="first-pass label file or folder, repeatable (default: labels)")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("sample")
    make.add_argument("out")
    make.add_argument("--fraction", type=float, default=0.1)
    make.add_argument("--seed", type=int, default=2026)
    check = commands.add_parser("compare")
    check.add_argument("second")
    args = parser.parse_args(argv)
    try:
        examples = stance.read_labels(args.labels or ["labels"])
        if args.command == "sample":
            with open(args.out, "w", encoding="utf-8") as handle:
                for e in sample(examples, args.fraction, args.seed):
                    handle.write(json.dumps({"id": e.id, "text": e.text}, ensure_ascii=False) + "\n")
            return 0
        second = {e.id: e.labels for e in stance.read_labels([args.second])}
    except stance.LabelError as error:
        print(f"stance-agreement: {error}", file=sys.stderr)
        return 2
    print(json.dumps(compare(examples, second), indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
