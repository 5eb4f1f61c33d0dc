"""Paragraph and sentence spans over an article's clean text.

Paragraphs are joined by a single newline; every sentence lies inside one paragraph.
Chinese sentences end at 。！？；… (closing quotes and brackets stay with the sentence);
English ones at . ! ? followed by a space and a new sentence. A full stop between digits
(57.2亿元), a middle dot (3·15), abbreviations (Mr. U.S. e.g.) and URLs never split.
"""
from __future__ import annotations

import re

from .article import Span

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CLOSERS = "”’\"'」』》〉）)】〕］\\]}"
_BREAK = (
    "(?:"
    "[。！？；]"  # Chinese full stops
    "|…+"  # ellipsis
    rf"|[!?](?=[\s{_CLOSERS}“‘{_CJK}]|$)"  # ASCII ! ? (not inside URLs: ?id=…)
    rf"|;(?=\s*[{_CJK}])"  # an ASCII semicolon used in Chinese text
    rf"|\.(?=[{_CLOSERS}]*(?:\s+[A-Z0-9“‘\"'(\[{_CJK}]|\s*$))"  # English full stop
    ")"
)
# one or more breaks, written "X X*" rather than "(?:X)+": the regex engine can then skip
# ahead to the characters a break starts with instead of trying every position (25% faster)
_BOUNDARY = re.compile(
    _BREAK + _BREAK + "*"
    f"(?:[{_CLOSERS}]+(?:[。！？；]|…+)+)*"  # "？）。": a full stop after a closing bracket
    f"[{_CLOSERS}]*"
)
_LAST_TOKEN = re.compile(r"([A-Za-z0-9][A-Za-z0-9.]*)\.$")
_LIST_BEFORE = frozenset("。！？；：!?;: \t")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc inc ltd co corp dept gov jan feb mar apr jun jul aug sep sept "
    "oct nov dec no nos fig vol pp approx est mt ft".split()
)


def _is_abbreviation(para: str, dot: int) -> bool:
    """The ``.`` at ``para[dot]`` ends an abbreviation or an initial, not a sentence."""
    m = _LAST_TOKEN.search(para, max(0, dot - 24), dot + 1)
    if not m:
        return False
    tok = m.group(1)
    if len(tok) == 1 and tok.isalpha():  # "J. Smith"
        return True
    if "." in tok:  # "U.S." "e.g."
        return True
    if tok.isdigit():  # "1. " list marker at the start of a paragraph or after a sentence
        return len(tok) <= 2 and (m.start(1) == 0 or para[m.start(1) - 1] in _LIST_BEFORE)
    return tok.lower() in _ABBREVIATIONS


def sentence_spans(para: str, offset: int = 0) -> list[Span]:
    """Sentences of one paragraph (a string without newlines), shifted by ``offset``."""
    spans: list[Span] = []
    start = 0
    n = len(para)
    for m in _BOUNDARY.finditer(para):
        b, end = m.span()
        if end - b == 1 and para[b] == "." and _is_abbreviation(para, b):
            continue
        _add(spans, para, start, end, offset)
        start = end
    if start < n:
        _add(spans, para, start, n, offset)
    return spans


def _add(spans: list[Span], para: str, start: int, end: int, offset: int) -> None:
    # trim spaces inside [start, end) without copying the piece
    if para[start].isspace() or para[end - 1].isspace():
        while start < end and para[start].isspace():
            start += 1
        while end > start and para[end - 1].isspace():
            end -= 1
        if start == end:
            return
    spans.append(Span(offset + start, offset + end))


def build_text(paragraphs: list[str]) -> tuple[str, list[Span], list[Span]]:
    """Join clean paragraphs with "\\n"; return the text, paragraph spans, sentence spans."""
    pspans: list[Span] = []
    sspans: list[Span] = []
    pos = 0
    for p in paragraphs:
        pspans.append(Span(pos, pos + len(p)))
        sspans.extend(sentence_spans(p, pos))
        pos += len(p) + 1
    return "\n".join(paragraphs), pspans, sspans


def split_sentences(text: str) -> list[str]:
    """Convenience: the sentences of any text (newlines end sentences too)."""
    out: list[str] = []
    pos = 0
    for line in text.split("\n"):
        out.extend(s.of(text) for s in sentence_spans(line, pos))
        pos += len(line) + 1
    return out
