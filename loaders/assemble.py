"""From paragraphs and metadata to a finished :class:`Article` (cleaning, spans, id)."""
from __future__ import annotations

import html as _html
import os
import re

from .article import Article, article_id
from .clean import clean_paragraphs, normalize_inline
from .dates import parse_date
from .errors import LoadFailure
from .segment import build_text

_ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+", re.I)
_SPACE = re.compile(r"\s")


def normalize_url(url: object) -> str | None:
    """An absolute http(s) url, whitespace stripped and fragment dropped; otherwise None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    if not _ABSOLUTE_URL.match(url) or _SPACE.search(url):
        return None
    return url.split("#", 1)[0]


def clean_title(title: object) -> str:
    if title is None:
        return ""
    t = str(title)
    if "&" in t:
        t = _html.unescape(t)
    return normalize_inline(t)


def clean_source(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = normalize_inline(str(value))
    return s or None


def finish(paragraphs, *, title: object = "", date: object = None, url: object = None,
           source: object = None, fallback_source: object = None, path: str | None = None,
           format: str = "text", metadata: dict | None = None, warnings: list[str] | None = None,
           fallback_name: str | None = None) -> Article:
    """Clean ``paragraphs`` and build the Article.

    ``source`` (an explicit source field) wins over a ``（文章来源：X）`` line in the body,
    which wins over ``fallback_source`` (e.g. a Hexo ``author``).
    """
    warnings = list(warnings or [])
    metadata = dict(metadata or {})
    title_s = clean_title(title)
    cleaned = clean_paragraphs(paragraphs, title=title_s)
    if not cleaned.paragraphs:
        raise LoadFailure("no article text found" + (" (only boilerplate)" if cleaned.dropped else ""))
    text, pspans, sspans = build_text(cleaned.paragraphs)
    published = parse_date(date)
    if date not in (None, "") and published is None:
        warnings.append(f"unreadable date {str(date)!r}; published_at left empty")
        metadata.setdefault("date_raw", str(date))
    url_n = normalize_url(url)
    src = clean_source(source) or clean_source(cleaned.source) or clean_source(fallback_source)
    if cleaned.source and cleaned.source != src:
        metadata.setdefault("text_source", cleaned.source)
    if not title_s:
        warnings.append("no title found")
    if fallback_name is None:
        fallback_name = os.path.basename(path) if path else ""
    aid = article_id(url=url_n, title=title_s, published_at=published, fallback=fallback_name or text[:200])
    return Article(id=aid, text=text, title=title_s, published_at=published, url=url_n, source=src,
                   path=path, format=format, paragraphs=pspans, sentences=sspans,
                   metadata=metadata, warnings=warnings)
