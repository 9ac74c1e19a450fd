"""Split text into sentences offline, with Punkt and explicit news abbreviations."""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

NEWS_ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "u.s.s.r", "d.c", "a.m", "p.m", "e.g", "i.e", "etc", "vs",
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cmdr",
    "adm", "sgt", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "dept", "est", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

# A sentence that ends without a following space, as in "order.Although".
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence in ``text``."""
    spans = []
    for start, end in _tokenizer().span_tokenize(text):
        cuts = [m.start() for m in _GLUED.finditer(text, start, end)]
        for cut in cuts:
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
    return spans
