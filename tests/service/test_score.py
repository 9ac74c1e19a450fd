"""POST /v1/score and /v1/score/batch, GET /v1/model: what a correct request gets back."""
from __future__ import annotations

import pytest

HEADS = ("us", "china", "russia", "framing")


def check_result(result, text):
    assert set(result) == {"id", "title", "model_version", "summary", "paragraphs"}
    assert result["model_version"] == "test-1"
    for paragraph in result["paragraphs"]:
        assert 0 <= paragraph["start"] <= paragraph["end"] <= len(text)
        for mention in paragraph["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
        if paragraph["content"]:
            for head in HEADS:
                scores = paragraph["scores"][head]
                assert abs(sum(scores["probs"].values()) - 1) < 1e-3
                assert -1 <= scores["score"] <= 1
                assert scores["label"] == max(scores["probs"], key=scores["probs"].get)
        else:
            assert "scores" not in paragraph
    assert result["summary"]["content_paragraphs"] == sum(p["content"] for p in result["paragraphs"])


def test_score_plain_text(client, article):
    response = client.post("/v1/score", data=article.encode(), content_type="text/plain")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    result = response.get_json()
    check_result(result, article)
    assert result["summary"]["content_paragraphs"] >= 5
    assert all("explanation" not in p for p in result["paragraphs"])


def test_score_json_echoes_id_and_title_and_explains(client, app, article):
    response = client.post("/v1/score", json={"text": article, "id": "a-1", "title": "Moon race", "explain": True})
    result = response.get_json()
    assert response.status_code == 200
    check_result(result, article)
    assert (result["id"], result["title"]) == ("a-1", "Moon race")
    content = [p for p in result["paragraphs"] if p["content"]]
    for paragraph in content:
        assert set(paragraph["explanation"]) == set(HEADS)
        for terms in paragraph["explanation"].values():
            assert len(terms) <= app.config["EXPLAIN_TOP"]
            for term in terms:
                for start, end in term["spans"]:
                    assert paragraph["start"] <= start < end <= paragraph["end"]


@pytest.mark.parametrize("query, explained", [("?explain=true", True), ("?explain=false", False), ("", False)])
def test_explain_query_for_plain_text(client, article, query, explained):
    result = client.post("/v1/score" + query, data=article, content_type="text/plain").get_json()
    assert any("explanation" in p for p in result["paragraphs"]) is explained


def test_plain_text_charset_and_bom(client):
    text = "Beijing and Moscow signed a pact. Washington criticized the pact."
    latin = client.post("/v1/score", data="Café talks: " .encode("latin-1") + text.encode(),
                        content_type="text/plain; charset=latin-1")
    assert latin.status_code == 200
    bom = client.post("/v1/score", data=b"\xef\xbb\xbf" + text.encode(), content_type="text/plain")
    mentions = [m["text"] for p in bom.get_json()["paragraphs"] for m in p["mentions"]]
    assert mentions == ["Beijing", "Moscow", "Washington"]


@pytest.mark.parametrize("text", [
    "Washington\u200b and Beijing\u200d agreed to talk about the Moon.",
    "\u202eMoscow warned Washington\u202c about the missile test.",
    "موسكو وبكين وقعتا اتفاقا. Russia and China signed a deal.",
    "China 🚀🌕 landed on the Moon; NASA 👏 congratulated Beijing.",
    "Russia\x00 and the U.S.\x00 traded prisoners.",
    "\ufeff\ufffe\U0010ffff odd code points around China.",
], ids=["zero-width", "rtl-override", "arabic", "emoji", "nul", "noncharacters"])
def test_unicode_oddities_score(client, text):
    response = client.post("/v1/score", json={"text": text})
    assert response.status_code == 200
    check_result(response.get_json(), text)


def test_one_paragraph_of_200k_characters(client):
    sentence = "China and Russia pledged cooperation while Washington warned of rivalry "
    text = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    response = client.post("/v1/score", json={"text": text})
    assert response.status_code == 200
    result = response.get_json()
    check_result(result, text)
    assert result["paragraphs"][-1]["end"] <= 200_000


def test_batch_keeps_order(client, article):
    texts = ["China and Russia held joint drills aimed at America.", article,
             "NASA and Roscosmos will keep sharing the station."]
    response = client.post("/v1/score/batch", json={"articles": [{"text": t, "id": str(i)} for i, t in enumerate(texts)]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["model_version"] == "test-1"
    assert [r["id"] for r in body["results"]] == ["0", "1", "2"]
    for text, result in zip(texts, body["results"]):
        check_result(result, text)
    assert body["results"][1] == client.post("/v1/score", json={"text": article, "id": "1"}).get_json()


def test_batch_at_the_limit(client, app):
    articles = [{"text": f"Beijing spoke to Moscow, day {i}."} for i in range(app.config["MAX_BATCH"])]
    response = client.post("/v1/score/batch", json={"articles": articles})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == app.config["MAX_BATCH"]


def test_model_info(client, model_dir):
    import stance
    sidecar = stance.read_sidecar(model_dir)
    info = client.get("/v1/model").get_json()
    assert info["version"] == sidecar["version"] == "test-1"
    assert info["trained_at"] == sidecar["trained_at"]
    assert info["labels"] == sidecar["labels"]
    assert info["cv_metrics"] == sidecar["cv_metrics"]
    assert info["fresh"] == sidecar.get("fresh")
    assert info["heads"] == list(HEADS)
    assert info["last_reload"] is None
