import pytest

from support import read_seed
from stance import score_article, score_texts


def test_score_texts_shape_and_score_definition(model):
    [result] = score_texts(model, ["Moscow and Beijing signed a peaceful space agreement open to all."])
    assert set(result) == {"us", "china", "russia", "framing"}
    for head, values in result.items():
        assert values["label"] in values["probs"]
        assert sum(values["probs"].values()) == pytest.approx(1.0, abs=1e-3)
        if head == "framing":
            expected = values["probs"]["hawkish"] - values["probs"]["cooperative"]
        else:
            expected = values["probs"]["favor"] - values["probs"]["against"]
        assert values["score"] == pytest.approx(expected, abs=1e-3)
        assert -1 <= values["score"] <= 1


def test_score_article_on_a_seed(model):
    article = read_seed("000")
    result = score_article(model, article)
    paragraphs = result["paragraphs"]
    content = [p for p in paragraphs if p["content"]]
    assert len(content) == 10 and paragraphs[0]["kind"] == "dateline" and "scores" not in paragraphs[0]
    for p in content:
        assert set(p["scores"]) == {"us", "china", "russia", "framing"}
        for terms in p["explanation"].values():
            for term in terms:
                for start, end in term["spans"]:
                    assert p["start"] <= start < end <= p["end"]
        for mention in p["mentions"]:
            assert article[mention["start"]:mention["end"]] == mention["text"]
    summary = result["summary"]
    assert summary["content_paragraphs"] == 10
    framing = {p["index"]: p["scores"]["framing"]["score"] for p in content}
    assert framing[summary["most_hawkish"]] == max(framing.values())
    assert framing[summary["most_cooperative"]] == min(framing.values())
    assert -1 <= summary["framing"]["score"] <= 1


def test_summary_averages_only_where_the_target_is_present(model):
    result = score_article(model, "A dry paragraph about rainfall totals in the valley.", explain_top=0)
    [paragraph] = result["paragraphs"]
    assert "explanation" not in paragraph
    for target in ("us", "china", "russia"):
        if paragraph["scores"][target]["label"] == "absent":
            assert result["summary"][target]["score"] is None


def test_empty_article_has_no_paragraphs(model):
    result = score_article(model, "   ")
    assert result["paragraphs"] == [] and result["summary"]["most_hawkish"] is None
