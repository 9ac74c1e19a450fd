"""Write the training report: Markdown tables plus PNG plots of confusion and calibration."""
from __future__ import annotations

import io
from collections import Counter

import numpy as np

from stance import head_values
from stance.evaluate import format_metrics, top_features


def label_counts(examples, heads) -> dict:
    """Return ``{head: {value: count}}``."""
    return {head: {v: Counter(e.labels[head] for e in examples)[v] for v in head_values(head)} for head in heads}


def mention_mismatches(examples, targets) -> list[str]:
    """Rows whose label says absent while a target is named, or present while none is."""
    found = []
    for e in examples:
        present = targets.present(e.text)
        for target in targets.ids:
            labeled = e.labels[target] != "absent"
            if labeled != (target in present):
                how = "labeled present but no known name found" if labeled else "labeled absent but named"
                found.append(f"{e.path} line {e.line} ({e.id}): {target} {how}")
    return found


def plot_confusions(metrics: dict) -> bytes:
    """Return a PNG with one confusion matrix per head."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    figure, axes = plt.subplots(1, len(metrics), figsize=(4.2 * len(metrics), 4))
    for axis, (head, m) in zip(np.atleast_1d(axes), metrics.items()):
        values = list(m["per_value"])
        matrix = np.array(m["confusion"])
        axis.imshow(matrix, cmap="Blues")
        axis.set_xticks(range(len(values)), values, rotation=45, ha="right")
        axis.set_yticks(range(len(values)), values)
        axis.set_title(f"{head} (macro-F1 {m['macro_f1']:.2f})")
        axis.set_xlabel("predicted")
        axis.set_ylabel("true")
        for (i, j), count in np.ndenumerate(matrix):
            axis.text(j, i, str(count), ha="center", va="center",
                      color="white" if count > matrix.max() / 2 else "black")
    figure.tight_layout()
    return _png(figure, plt)


def plot_calibration(proba: dict, truth: dict) -> bytes:
    """Return a PNG reliability diagram (top-label confidence against accuracy) per head."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    figure, axis = plt.subplots(figsize=(5, 5))
    edges = np.linspace(0, 1, 11)
    for head, p in proba.items():
        confidence, correct = p.max(axis=1), p.argmax(axis=1) == truth[head]
        bins = np.clip(np.digitize(confidence, edges[1:-1]), 0, 9)
        xs = [confidence[bins == b].mean() for b in range(10) if (bins == b).any()]
        ys = [correct[bins == b].mean() for b in range(10) if (bins == b).any()]
        axis.plot(xs, ys, marker="o", label=head)
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect")
    axis.set_xlabel("confidence of the predicted value")
    axis.set_ylabel("fraction correct")
    axis.set_title("calibration (cross-validated)")
    axis.legend()
    return _png(figure, plt)


def _png(figure, plt) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return buffer.getvalue()


def _counts_table(counts: dict) -> list[str]:
    lines = []
    for head, values in counts.items():
        lines.append(f"- **{head}**: " + ", ".join(f"{v} {n}" for v, n in values.items()))
    return lines


def write_report(*, version, examples, counts, comparison, chosen, cv, model, mismatches, previous, fresh=None) -> str:
    """Return the report as Markdown."""
    lines = [f"# Training report: model {version}", "",
             f"{len(examples)} labeled paragraphs from {len({e.source for e in examples})} sources; "
             f"cross-validation grouped by source ({chosen['folds']} folds, seed {chosen['seed']}).", "",
             "## Labels", "", *_counts_table(counts), "",
             "## Configurations compared (grouped cross-validation)", "",
             "| mask | C | calibration | mean macro-F1 | mean ECE | " + " | ".join(f"{h} F1" for h in model.heads_) + " |",
             "|---|---|---|---|---|" + "---|" * len(model.heads_)]
    for row in comparison:
        same = all(row[k] == chosen[k] for k in ("mask", "C", "calibration"))
        mark = " **(chosen)**" if same else ""
        lines.append(f"| {row['mask']}{mark} | {row['C']:g} | {row['calibration']} | {row['macro_f1']:.3f} | {row['ece']:.3f} | "
                     + " | ".join(f"{row['heads'][h]:.3f}" for h in model.heads_) + " |")
    if previous:
        lines += ["", "## Against the previous model", "", "| head | previous macro-F1 | new macro-F1 | change |",
                  "|---|---|---|---|"]
        for head in model.heads_:
            old = previous.get(head, {}).get("macro_f1")
            new = cv[head]["macro_f1"]
            change = f"{new - old:+.3f}" if old is not None else "n/a"
            lines.append(f"| {head} | {f'{old:.3f}' if old is not None else 'n/a'} | {new:.3f} | {change} |")
    lines += _fresh_section(fresh, cv, model.heads_)
    lines += ["", "## Cross-validated metrics of the chosen configuration", "", format_metrics(cv), "",
              "![confusion matrices](confusion.png)", "", "![calibration](calibration.png)", "",
              "## Top features per value (look for leakage: bylines, outlet names, one proper noun)", ""]
    shown = {}
    for head in model.heads_:
        shown.setdefault(id(model.classifiers_[head]), []).append(head)
    for heads in shown.values():
        title = ", ".join(heads) + (" (one pooled classifier)" if len(heads) > 1 else "")
        if model.views_ is not None and heads[0] in model.targets_.ids:
            title += " (`xxself` is the head's own target, `xxother` another target)"
        lines += [f"**{title}**", ""]
        for value, features in top_features(model, heads[0]).items():
            lines.append(f"- {value}: " + ", ".join(f"`{f}`" for f in features))
        lines.append("")
    lines += ["## Labels that disagree with the names found", "",
              f"{len(mismatches)} row(s). Each is either a reference the targets file lacks or a label to recheck.", ""]
    lines += [f"- {m}" for m in mismatches[:100]]
    if len(mismatches) > 100:
        lines.append(f"- ... and {len(mismatches) - 100} more")
    return "\n".join(lines) + "\n"


def _fresh_section(fresh, cv, heads) -> list[str]:
    """Return the report lines on the paragraphs the previous model never saw."""
    if fresh is None:
        return []
    lines = ["", "## Paragraphs the previous model never saw", ""]
    if "metrics" not in fresh:
        return lines + [f"None scored: the previous model ({fresh['version']}) was not usable here, "
                        f"because {fresh['reason']}."]
    files = ", ".join(f"{name} ({count})" for name, count in fresh["files"].items())
    lines += [f"{fresh['paragraphs']} paragraphs are new since model {fresh['version']} (by text: relabeled "
              f"rows are not new), from {files}. The previous model scored them before it was replaced: the "
              "nearest thing to a held-out test our labels allow, since cross-validation splits paragraphs "
              "written in the same sittings.", ""]
    if fresh["paragraphs"] < 50:
        lines += ["Fewer than 50 paragraphs: read these figures as a hint.", ""]
    lines += ["| head | n | previous model: accuracy | previous model: macro-F1 | previous model: ECE "
              "| new model: cross-validated macro-F1 |",
              "|---|---|---|---|---|---|"]
    for head in heads:
        m = fresh["metrics"][head]
        lines.append(f"| {head} | {m['n']} | {m['accuracy']:.3f} | {m['macro_f1']:.3f} | {m['ece']:.3f} "
                     f"| {cv[head]['macro_f1']:.3f} |")
    return lines
