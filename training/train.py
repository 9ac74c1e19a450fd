"""stance-train: validate the labels, compare configurations by grouped cross-validation,
fit the best on all labels, and publish it beside a report, swapping it in atomically.

A failed or interrupted run leaves the model in use untouched.
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys
import time

import numpy as np

import stance
from stance.evaluate import cross_validate
from stance.persist import CURRENT

from .fresh import TRAINED_ON, fresh_summary, score_fresh, trained_on
from .report import label_counts, mention_mismatches, plot_calibration, plot_confusions, write_report

MASKS = ("none", "distinct", "pooled", "shared")
STRENGTHS = (2.0, 8.0, 32.0)
CALIBRATIONS = ("none", "sigmoid")
# Mean macro-F1 within this much of a stage's best counts as a tie (fold-to-fold
# noise on our corpus is about this size); among ties the lower mean ECE wins.
TIE = 0.01


def _say(message: str) -> None:
    print(f"stance-train: {message}", file=sys.stderr, flush=True)


def _summary(metrics: dict) -> tuple[float, float]:
    return (float(np.mean([m["macro_f1"] for m in metrics.values()])),
            float(np.mean([m["ece"] for m in metrics.values()])))


def _run_cv(params, examples, folds, seed):
    started = time.monotonic()
    model = stance.StanceModel(**params)
    result = cross_validate(model, examples, folds=folds, seed=seed,
                            progress=lambda k, n: _say(f"  {params}: fold {k}/{n}"))
    f1, ece = _summary(result["metrics"])
    _say(f"  {params}: mean macro-F1 {f1:.3f}, mean ECE {ece:.3f} ({time.monotonic() - started:.0f} s)")
    return result, {**params, "macro_f1": f1, "ece": ece,
                    "heads": {h: m["macro_f1"] for h, m in result["metrics"].items()}}


def pick(rows: list[dict], top: float) -> dict:
    """Return the row with the lowest mean ECE among those within TIE of ``top``, the best macro-F1 so far."""
    return min((row for row in rows if row["macro_f1"] >= top - TIE), key=lambda row: row["ece"])


def choose(examples, folds, seed, masks=MASKS, strengths=STRENGTHS, calibrations=CALIBRATIONS, run_cv=None):
    """Cross-validate configurations; return ``(chosen params, its CV result, comparison rows)``.

    Three stages, each settled by `pick` (macro-F1 first, calibration among
    near-ties): masking modes at the default strength, then the winner at
    other regularization strengths, then with calibration. Ties are measured
    from the best macro-F1 of every configuration run so far, so a chain of
    ties cannot drift below it.
    """
    run_cv = run_cv or _run_cv
    rows, results = [], {}

    def run(params):
        result, row = run_cv(params, examples, folds, seed)
        rows.append(row)
        results[tuple(sorted(params.items()))] = result
        return row

    default_c = stance.StanceModel().C
    def top():
        return max(row["macro_f1"] for row in rows)

    chosen = pick([run({"mask": m, "C": default_c, "calibration": "none"}) for m in masks], top())
    chosen = pick([chosen] + [run({"mask": chosen["mask"], "C": c, "calibration": "none"})
                              for c in strengths if c != default_c], top())
    chosen = pick([chosen] + [run({"mask": chosen["mask"], "C": chosen["C"], "calibration": calibration})
                              for calibration in calibrations if calibration != "none"], top())
    params = {"mask": chosen["mask"], "C": chosen["C"], "calibration": chosen["calibration"]}
    return params, results[tuple(sorted(params.items()))], rows


def _previous_metrics(root):
    try:
        return stance.read_sidecar(os.path.join(root, CURRENT)).get("cv_metrics")
    except stance.ModelLoadError:
        return None


def train(labels, root, folds=5, seed=0, masks=MASKS, strengths=STRENGTHS, calibrations=CALIBRATIONS) -> str:
    """Run the whole retraining; return the new model directory."""
    _say(f"reading labels from {', '.join(labels)}")
    examples = stance.read_labels(labels)
    digest = stance.checksum_labels(examples)
    _say(f"{len(examples)} paragraphs valid, labels SHA-256 {digest[:12]}")
    fresh = score_fresh(root, examples)
    if fresh and "metrics" in fresh:
        _say(f"{fresh['paragraphs']} paragraphs are new since model {fresh['version']}, which scored them "
             "macro-F1 " + ", ".join(f"{h} {m['macro_f1']:.3f}" for h, m in fresh["metrics"].items()))
    params, cv_result, comparison = choose(examples, folds, seed, masks, strengths, calibrations)
    _say(f"chosen: {params}; fitting on all {len(examples)} paragraphs")
    model = stance.StanceModel(**params).fit([e.text for e in examples], [e.labels for e in examples])
    now = datetime.datetime.now(datetime.timezone.utc)
    version = f"{now:%Y%m%d-%H%M%S}-{digest[:8]}"
    counts = label_counts(examples, model.heads_)
    metrics = cv_result["metrics"]
    truth = {h: np.array([stance.head_values(h).index(e.labels[h]) for e in examples]) for h in model.heads_}
    report = write_report(version=version, examples=examples, counts=counts, comparison=comparison,
                          chosen={**params, "folds": folds, "seed": seed}, cv=metrics, model=model,
                          mismatches=mention_mismatches(examples, model.targets_),
                          previous=_previous_metrics(root), fresh=fresh)
    metadata = {"trained_at": now.isoformat(timespec="seconds"), "params": model.get_params(deep=False) | {"targets": None},
                "labels": {"sha256": digest, "paragraphs": len(examples), "sources": len({e.source for e in examples}),
                           "files": sorted({os.path.basename(e.path) for e in examples}), "counts": counts},
                "cv": {"folds": folds, "seed": seed, "grouped_by": "source"},
                "cv_metrics": metrics, "comparison": comparison, "fresh": fresh_summary(fresh)}
    directory = stance.publish_model(model, root, version, metadata, extra_files={
        "report.md": report, TRAINED_ON: trained_on(examples), "confusion.png": plot_confusions(metrics),
        "calibration.png": plot_calibration(cv_result["proba"], truth)})
    _say(f"published {directory}; report at {os.path.join(directory, 'report.md')}")
    return directory


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance-train", description=__doc__)
    parser.add_argument("--labels", nargs="+", default=["labels"], help="label files or folders (default: labels)")
    parser.add_argument("--models", default="models", help="where model versions live (default: models)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="fold shuffling seed (default 0)")
    parser.add_argument("--quick", action="store_true",
                        help="skip the comparison: the model's defaults (for tests and smoke runs)")
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    options = {"masks": (stance.StanceModel().mask,), "strengths": (), "calibrations": ("none",)} if args.quick else {}
    try:
        train(args.labels, args.models, folds=args.folds, seed=args.seed, **options)
    except stance.LabelError as error:
        print(f"stance-train: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stance-train: interrupted; the current model is unchanged", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
