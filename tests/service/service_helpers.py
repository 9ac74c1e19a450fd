"""Helpers shared by the service tests (a distinct module name: several test folders have a conftest)."""
from __future__ import annotations

import os
import re

import stance


def break_model(root) -> None:
    """Damage the current model of ``root``: its artifact no longer matches its sidecar."""
    artifact = os.path.join(os.path.realpath(root / "current"), "model.joblib")
    with open(artifact, "ab") as handle:
        handle.write(b"tampered")


def publish(root, version, seed_examples) -> None:
    """Train a model on the seed labels (a different C, so it differs) and publish it as ``root/version``."""
    model = stance.StanceModel(min_df=1, C=1.0).fit([e.text for e in seed_examples], [e.labels for e in seed_examples])
    stance.publish_model(model, str(root), version, {"labels": {"paragraphs": len(seed_examples)}, "cv_metrics": {},
                                                      "trained_at": "2026-02-02T00:00:00+00:00"})


def sample(text: str, name: str, **labels) -> float:
    """Return the value of one sample in Prometheus text format (0 when absent)."""
    for line in text.splitlines():
        match = re.match(r"([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if match and match.group(1) == name:
            found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
            if all(found.get(k) == v for k, v in labels.items()):
                return float(match.group(3))
    return 0.0
