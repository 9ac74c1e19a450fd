"""stance: how news paragraphs lean toward the United States, China and Russia, and how they frame relations."""
from .explain import explain
from .labels import (FRAMING_VALUES, STANCE_VALUES, Example, LabelError, checksum_labels, head_values,
                     read_labels)
from .model import FRAMING, ModelError, StanceModel
from .persist import ModelLoadError, load_model, publish_model, read_sidecar, save_model
from .scoring import head_score, score_article, score_texts
from .segment import Paragraph, split_paragraphs
from .targets import Mention, TargetSet

__version__ = "0.1.0"

__all__ = [
    "FRAMING", "FRAMING_VALUES", "STANCE_VALUES", "Example", "LabelError", "Mention", "ModelError",
    "ModelLoadError", "Paragraph", "StanceModel", "TargetSet", "checksum_labels", "explain", "head_score",
    "head_values", "load_model", "publish_model", "read_labels", "read_sidecar", "save_model",
    "score_article", "score_texts", "split_paragraphs",
]
