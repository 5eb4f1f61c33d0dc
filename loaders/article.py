"""The objects every loader returns and every later stage reads.

An :class:`Article` carries clean text plus the character offsets of its
paragraphs and sentences; extraction refers back to those offsets as evidence,
so the text must never be altered after the loader has built it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A half-open character range ``text[start:end]`` of an article's text.

    A named tuple rather than a dataclass: articles carry thousands of them, and tuples are
    several times cheaper to make and to pass between processes."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass
class Article:
    id: str
    text: str
    title: str = ""
    published_at: str | None = None  # ISO 8601 with time zone
    url: str | None = None
    source: str | None = None  # the media outlet
    path: str | None = None  # where it was read from, as given by the user
    format: str = "text"
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def content_hash(self) -> str:
        """Hash of everything extraction reads: a changed hash means re-extract.
        Computed once: an article is not changed after the loader has built it."""
        h = hashlib.sha256()
        for part in (self.title, self.published_at or "", self.url or "",
                     self.source or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()[:32]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence that contains ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


@dataclass
class LoadError:
    """A file (or JSON Lines record) that could not be read, with a reason a person understands."""

    path: str
    reason: str
    line: int | None = None  # for JSON Lines: the 1-based record line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def article_id(*, url: str | None = None, title: str = "", published_at: str | None = None,
               fallback: str = "") -> str:
    """A stable id: the same article gives the same id on every run and machine.

    The id never depends on the article body, so that a corrected article keeps
    its id and incremental ingest replaces its earlier facts.
    """
    if url:
        key = "url:" + url.strip()
    elif title.strip():
        key = "title:" + title.strip() + "|" + (published_at or "")
    else:
        key = "name:" + fallback
    return "article:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
