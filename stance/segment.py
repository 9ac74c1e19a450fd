"""Cut an article into paragraphs with character offsets, and mark boilerplate.

The rules follow LABELING.md: blank-line or single-line paragraphs; a text with
no breaks is cut at quotation boundaries and into passages of 2 to 5
sentences; titles, datelines, bylines, subheads, source links, author bios and
contact lines are kept but are not content.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .sentences import sentence_spans

CONTENT = "content"
MAX_SENTENCES = 5

_DATELINE = re.compile(r"date\s+\d{4}-\d{2}-\d{2}\b\s*", re.IGNORECASE)
_SOURCE_LINK = re.compile(r"(see|source|read more|read the original|originally published)\b.{0,60}$",
                          re.IGNORECASE)
_BYLINE = re.compile(r"(by|published by|published on|posted by|posted on|updated)\s+\S.{0,80}$",
                     re.IGNORECASE)
_CONTACT = re.compile(r"[\w.+-]+\s?@\s?[\w-]+\.\w+|can be reached at|\btweets at\b|follow (him|her|them) on",
                      re.IGNORECASE)
_BIO = re.compile(r"(the )?(writer|author|columnist|contributor)s? (is|was|are)\b", re.IGNORECASE)
_TERMINAL = tuple('.!?:;…"”’)')
# A quotation closes and the next quotation, or a bracketed citation, opens.
_QUOTE_CUT = re.compile(r"(?<=[”)])\s*(?=[“(])")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: ``text == article[start:end]``; ``kind`` is ``content`` or a boilerplate kind."""

    index: int
    start: int
    end: int
    text: str
    kind: str

    @property
    def is_content(self) -> bool:
        return self.kind == CONTENT


def split_paragraphs(article: str) -> list[Paragraph]:
    """Cut ``article`` into paragraphs, boilerplate marked by ``kind``."""
    spans = [piece for span in _line_paragraphs(article) for piece in _split_dateline(article, span)]
    if "\n" not in article.strip():
        spans = [(s, e, kind) for start, end, kind in spans
                 for s, e in (_cut_run_on(article, start, end) if kind == CONTENT else [(start, end)])]
    kinds = _classify(article, spans)
    return [Paragraph(i, start, end, article[start:end], kind)
            for i, ((start, end, _), kind) in enumerate(zip(spans, kinds))]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs from line breaks; a hard-wrapped line joins the next one."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        start, end = _strip(text, pos, pos + len(line))
        pos += len(line)
        if start == end:
            spans.append(None)
            continue
        previous = spans[-1] if spans else None
        if previous and not text[previous[1] - 1].endswith(_TERMINAL) and text[start].islower():
            spans[-1] = (previous[0], end)
        else:
            spans.append((start, end))
    return [span for span in spans if span]


def _split_dateline(text: str, span: tuple[int, int]) -> list[tuple[int, int, str]]:
    start, end = span
    match = _DATELINE.match(text, start, end)
    if not match:
        return [(start, end, CONTENT)]
    rest = _strip(text, match.end(), end)
    pieces = [(start, _strip(text, start, match.end())[1], "dateline")]
    if rest[0] < rest[1]:
        pieces.append((rest[0], rest[1], CONTENT))
    return pieces


def _cut_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a text with no breaks at quotation boundaries, then into 2-5 sentence passages."""
    pieces, cursor = [], start
    for match in _QUOTE_CUT.finditer(text, start, end):
        pieces.append(_strip(text, cursor, match.start()))
        cursor = match.end()
    pieces.append(_strip(text, cursor, end))
    passages = []
    for piece_start, piece_end in pieces:
        if piece_start == piece_end:
            continue
        sentences = sentence_spans(text[piece_start:piece_end])
        count = math.ceil(len(sentences) / MAX_SENTENCES)
        if count <= 1:
            passages.append((piece_start, piece_end))
            continue
        size, extra = divmod(len(sentences), count)
        first = 0
        for n in range(count):
            last = first + size + (1 if n < extra else 0)
            passages.append(_strip(text, piece_start + sentences[first][0],
                                   piece_start + sentences[last - 1][1]))
            first = last
    return passages


def _words(text: str) -> int:
    return len(text.split())


def _boilerplate_kind(text: str, position: int, total: int) -> str | None:
    if _words(text) <= 12:
        if _SOURCE_LINK.match(text):
            return "source_link"
        if _BYLINE.match(text):
            return "byline"
    near_end = position >= total - 2
    if near_end and _BIO.match(text) and _words(text) <= 90:
        return "bio"
    if _words(text) <= 40 and _CONTACT.search(text):
        return "contact"
    if text.startswith("(") and text.endswith(")") and _words(text) <= 25:
        return "citation"
    return None


def _classify(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    kinds, seen_content = [], False
    for position, (start, end, kind) in enumerate(spans):
        body = text[start:end]
        if kind == CONTENT:
            kind = _boilerplate_kind(body, position, len(spans)) or CONTENT
        if kind == CONTENT and len(spans) > 1 and not body.endswith(_TERMINAL[:1] + _TERMINAL[4:]):
            if not seen_content and _words(body) <= 25:
                kind = "title"
            elif _words(body) <= 12 and not body.endswith(_TERMINAL):
                kind = "subhead"
        seen_content = seen_content or kind == CONTENT
        kinds.append(kind)
    return kinds
