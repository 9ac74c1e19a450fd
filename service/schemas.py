"""Marshmallow schemas: they validate requests and, through apispec, write the OpenAPI document.

Response schemas only document (responses are built as plain dicts for speed);
the schemathesis test checks that real responses match them.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

TARGETS = ("us", "china", "russia")
STANCE_VALUES = ("favor", "against", "neutral", "absent")
FRAMING_VALUES = ("hawkish", "cooperative", "neutral")
# Python's \s and str.strip() agree on what whitespace is.
NOT_BLANK = validate.Regexp(r"[\s\S]*\S", error="must contain some text, not only whitespace")


class StrictBoolean(fields.Boolean):
    """A JSON true or false, nothing else (marshmallow's Boolean also takes "yes", 1, ...)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError("Not a valid boolean; use true or false.")
        return value


class ArticleSchema(Schema):
    text = fields.String(required=True, validate=NOT_BLANK,
                         metadata={"description": "The article; paragraphs separated by blank lines or line breaks."})
    title = fields.String(allow_none=True, validate=validate.Length(max=2000),
                          metadata={"description": "Echoed back; titles are not scored (LABELING.md)."})
    id = fields.String(allow_none=True, validate=validate.Length(max=200),
                       metadata={"description": "Your identifier, echoed back."})
    explain = StrictBoolean(load_default=False,
                            metadata={"description": "Add the terms that moved each score."})


def batch_schema(limit: int) -> type[Schema]:
    """Return the batch request schema for at most ``limit`` articles."""
    return Schema.from_dict({"articles": fields.List(fields.Nested(ArticleSchema), required=True,
                                                     validate=validate.Length(min=1, max=limit))},
                            name="BatchRequest")


def _probs(values):
    return Schema.from_dict({v: fields.Float(required=True, validate=validate.Range(0, 1)) for v in values},
                            name=f"{'Stance' if values == STANCE_VALUES else 'Framing'}Probs")


class StanceHeadSchema(Schema):
    label = fields.String(required=True, validate=validate.OneOf(STANCE_VALUES))
    score = fields.Float(required=True, validate=validate.Range(-1, 1))
    probs = fields.Nested(_probs(STANCE_VALUES), required=True)


class FramingHeadSchema(Schema):
    label = fields.String(required=True, validate=validate.OneOf(FRAMING_VALUES))
    score = fields.Float(required=True, validate=validate.Range(-1, 1))
    probs = fields.Nested(_probs(FRAMING_VALUES), required=True)


ScoresSchema = Schema.from_dict({**{t: fields.Nested(StanceHeadSchema, required=True) for t in TARGETS},
                                 "framing": fields.Nested(FramingHeadSchema, required=True)}, name="Scores")


class TermSchema(Schema):
    term = fields.String(required=True)
    feature = fields.String(required=True)
    weight = fields.Float(required=True)
    spans = fields.List(fields.List(fields.Integer(), validate=validate.Length(2, 2)), required=True)


ExplanationSchema = Schema.from_dict({h: fields.List(fields.Nested(TermSchema), required=True)
                                      for h in (*TARGETS, "framing")}, name="Explanation")


class MentionSchema(Schema):
    targets = fields.List(fields.String(validate=validate.OneOf(TARGETS)), required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(required=True)


class ParagraphSchema(Schema):
    index = fields.Integer(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    kind = fields.String(required=True)
    content = fields.Boolean(required=True)
    mentions = fields.List(fields.Nested(MentionSchema), required=True)
    scores = fields.Nested(ScoresSchema)
    explanation = fields.Nested(ExplanationSchema)


class HeadSummarySchema(Schema):
    score = fields.Float(required=True, allow_none=True, validate=validate.Range(-1, 1))
    paragraphs = fields.Integer(required=True)
    labels = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


SummarySchema = Schema.from_dict({"content_paragraphs": fields.Integer(required=True),
                                  **{h: fields.Nested(HeadSummarySchema, required=True) for h in (*TARGETS, "framing")},
                                  "most_hawkish": fields.Integer(required=True, allow_none=True),
                                  "most_cooperative": fields.Integer(required=True, allow_none=True)},
                                 name="Summary")


class ScoreSchema(Schema):
    id = fields.String(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)
    model_version = fields.String(required=True, allow_none=True)
    summary = fields.Nested(SummarySchema, required=True)
    paragraphs = fields.List(fields.Nested(ParagraphSchema), required=True)


class BatchResultSchema(Schema):
    model_version = fields.String(required=True, allow_none=True)
    results = fields.List(fields.Nested(ScoreSchema), required=True)


class ReloadSchema(Schema):
    ok = fields.Boolean(required=True)
    at = fields.String(required=True)
    error = fields.String(required=True, allow_none=True)
    version = fields.String(required=True, allow_none=True)


class ModelInfoSchema(Schema):
    version = fields.String(required=True, allow_none=True)
    trained_at = fields.String(required=True, allow_none=True)
    loaded_at = fields.String(required=True)
    heads = fields.List(fields.String(), required=True)
    labels = fields.Dict(required=True)
    cv = fields.Dict(required=True, allow_none=True)
    cv_metrics = fields.Dict(required=True)
    fresh = fields.Dict(required=True, allow_none=True)
    params = fields.Dict(required=True, allow_none=True)
    versions = fields.Dict(required=True)
    last_reload = fields.Nested(ReloadSchema, required=True, allow_none=True)


class ReloadResultSchema(Schema):
    reloaded = fields.Boolean(required=True)
    model_version = fields.String(required=True, allow_none=True)
    previous_version = fields.String(required=True, allow_none=True)


class ReadySchema(Schema):
    status = fields.String(required=True)
    model_version = fields.String(required=True, allow_none=True)


class ProblemSchema(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True)
    errors = fields.Dict(metadata={"description": "Field -> messages, for invalid requests."})
    serving = fields.String(allow_none=True, metadata={"description": "The model version still serving (409)."})
