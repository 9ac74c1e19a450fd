import pytest

from support import read_seed, seed_path
from stance import split_paragraphs
from stance.sentences import sentence_spans


def _kinds(text):
    return [(p.kind, p.text) for p in split_paragraphs(text)]


@pytest.mark.parametrize("text, expected", [
    ("One paragraph here.\n\nAnother one there.", [("content", "One paragraph here."),
                                                   ("content", "Another one there.")]),
    ("First line.\nSecond line.", [("content", "First line."), ("content", "Second line.")]),
    ("A sentence that was hard\nwrapped by an editor.", [("content", "A sentence that was hard\nwrapped by an editor.")]),
    (" date 2021-03-23 Moscow signed it. Beijing agreed.",
     [("dateline", "date 2021-03-23"), ("content", "Moscow signed it. Beijing agreed.")]),
    ("A Title Without A Period\n\nby Jane Doe,\n\nThe body starts here.\n\nSee: Original Article",
     [("title", "A Title Without A Period"), ("byline", "by Jane Doe,"), ("content", "The body starts here."),
      ("source_link", "See: Original Article")]),
    ("Body text one.\n\nA short subhead here\n\nBody text two.",
     [("content", "Body text one."), ("subhead", "A short subhead here"), ("content", "Body text two.")]),
    ("Body.\n\nThe writer is a columnist. He can be reached at a@b.com",
     [("content", "Body."), ("bio", "The writer is a columnist. He can be reached at a@b.com")]),
    ("Only a short line", [("content", "Only a short line")]),
    ("", []),
])
def test_split_paragraphs(text, expected):
    assert _kinds(text) == expected


def test_offsets_index_the_article():
    article = read_seed("003")
    for p in split_paragraphs(article):
        assert article[p.start:p.end] == p.text


def test_run_on_text_is_cut_at_quotes_and_into_short_passages():
    article = read_seed("002")
    paragraphs = split_paragraphs(article)
    assert "\n" not in article.strip()
    assert len(paragraphs) >= 8
    citation = [p for p in paragraphs if p.text.startswith("(Excerpt")]
    assert citation and citation[0].kind == "citation"
    for p in paragraphs:
        if p.is_content:
            assert 1 <= len(sentence_spans(p.text)) <= 5
    assert paragraphs[0].text.startswith("“The announcement") and paragraphs[0].text.endswith("India.”")


def test_seed_boilerplate_is_not_content():
    kinds = {p.text: p.kind for p in split_paragraphs(read_seed("004"))}
    assert kinds["date 2021-11-18"] == "dateline"
    assert kinds["Russia, China cooperate for space advancements"] == "subhead"
    bio = split_paragraphs(read_seed("001"))[-1]
    assert bio.kind == "bio" and "reached at" in bio.text


@pytest.mark.parametrize("text, count", [
    ("The U.S. Sen. Smith met Gen. Jones on Monday. They talked.", 2),
    ("Dr. Li and Mr. Ivanov spoke in Washington, D.C. yesterday. It went well.", 2),
    ("The order.Although it was late, they agreed.", 2),
])
def test_sentences_respect_news_abbreviations(text, count):
    assert len(sentence_spans(text)) == count


def test_an_article_with_its_line_breaks_stripped_is_still_cut():
    """`curl -d @file` drops newlines; the dateline and the run-on text must still come apart."""
    flat = " ".join(read_seed("000").split())
    paragraphs = split_paragraphs(flat)
    assert paragraphs[0].kind == "dateline"
    content = [p for p in paragraphs if p.is_content]
    assert len(content) >= 5
    assert all(len(sentence_spans(p.text)) <= 5 for p in content)
