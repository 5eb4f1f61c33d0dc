"""Which loader reads a text: by file extension and by content."""
from __future__ import annotations

import os
import re

from .article import Article
from .errors import LoadFailure
from .frontmatter import has_front_matter, load_front_matter_text
from .html import load_html_page, looks_like_html
from .text import load_plain_text

FORMATS = ("jekyll", "hexo", "markdown", "html", "text", "jsonl", "json")
_MD_HINT = re.compile(r"^\s{0,3}(?:#{1,6}\s|>\s|[-*+]\s|\[[^\]]+\]:\s)|\]\((?:https?:|/)|\*\*\S", re.M)
_HTML_DOC = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)", re.I | re.S)


def detect_format(text: str, path: str | None = None) -> str:
    ext = os.path.splitext(path or "")[1].lower()
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext == ".json":
        return "json"
    if has_front_matter(text):
        return "markdown"  # refined to jekyll/hexo by the front matter loader
    if _HTML_DOC.match(text[:4096]) or ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext in (".md", ".markdown", ".mdown", ".mkd"):
        return "markdown"
    if looks_like_html(text):
        return "html"
    if ext == ".txt":
        return "text"
    return "markdown" if _MD_HINT.search(text, 0, 20_000) else "text"


def load_text(text: str, *, path: str | None = None, format: str | None = None,
              warnings: list[str] | None = None, fallback_name: str | None = None) -> Article:
    """One document's text as an Article; raises :class:`LoadFailure` (a ValueError).

    ``format`` forces a loader (jekyll, hexo, markdown, html, text, jsonl, json);
    otherwise it is detected from ``path``'s extension and the content.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LoadFailure("empty file" if not text else "empty file (only whitespace)")
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    fmt = format or detect_format(text, path)
    kw = dict(path=path, warnings=warnings, fallback_name=fallback_name)
    if fmt in ("jsonl", "json"):
        from .jsonl import iter_json_document

        for item in iter_json_document(text, path=path or "<text>", name=fallback_name or ""):
            if isinstance(item, Article):
                return item
            raise LoadFailure(item.reason, item.line)
        raise LoadFailure("no records")
    if fmt in ("jekyll", "hexo") or (fmt == "markdown" and has_front_matter(text)):
        art = load_front_matter_text(text, **kw)
        if fmt in ("jekyll", "hexo"):
            art.format = fmt
        return art
    if fmt == "html":
        return load_html_page(text, **kw)
    return load_plain_text(text, markdown=(fmt == "markdown"), **kw)
