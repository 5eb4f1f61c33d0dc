"""JSON Lines (and JSON) records: ``title``, ``date``, ``url``, ``source``, and ``content``
(plain text) or ``html``. A bad line becomes a LoadError with its line number; the other
lines are still read. Files and stdin are streamed line by line."""
from __future__ import annotations

import json
from typing import IO, Iterable, Iterator

from .article import Article, LoadError
from .assemble import finish
from .errors import LoadFailure
from .html import html_to_paragraphs, looks_like_html
from .markdown import markdown_to_body

_DATE_KEYS = ("date", "published_at", "published", "pubDate", "pub_date", "publish_time", "time", "datetime")
_URL_KEYS = ("url", "link", "href", "source_url")
_SOURCE_KEYS = ("source", "media", "site", "publisher")
_TEXT_KEYS = ("content", "text", "body")
_KNOWN = frozenset(("title",) + _DATE_KEYS + _URL_KEYS + _SOURCE_KEYS + _TEXT_KEYS + ("html", "id"))


def _first(rec: dict, keys) -> object:
    for k in keys:
        v = rec.get(k)
        if v not in (None, ""):
            return v
    return None


def record_to_article(rec: object, *, path: str, line: int | None = None, name: str = "") -> Article:
    """One decoded JSON record as an Article (raises LoadFailure)."""
    if not isinstance(rec, dict):
        raise LoadFailure(f"record is a JSON {type(rec).__name__}, not an object", line)
    html = rec.get("html")
    content = _first(rec, _TEXT_KEYS)
    if not (isinstance(html, str) and html.strip()) and not (isinstance(content, str) and content.strip()):
        raise LoadFailure("record has no 'content' or 'html' text", line)
    warnings: list[str] = []
    if isinstance(content, str) and content.strip():
        if looks_like_html(content):
            paragraphs = html_to_paragraphs(content)
        else:
            paragraphs = markdown_to_body(content, markdown=False).paragraphs
    else:
        paragraphs = html_to_paragraphs(html)
    metadata = {k: v for k, v in rec.items() if k not in _KNOWN and v not in (None, "", [], {})}
    if line is not None:
        metadata["line"] = line
    if rec.get("id") not in (None, ""):
        metadata["record_id"] = rec["id"]
    title = rec.get("title")
    date = _first(rec, _DATE_KEYS)
    url = _first(rec, _URL_KEYS)
    source = _first(rec, _SOURCE_KEYS)
    fallback = f"{name}:{line}" if line is not None else name
    try:
        return finish(paragraphs, title=title if isinstance(title, str) else "", date=date,
                      url=url if isinstance(url, str) else None, source=source, path=path, format="jsonl",
                      metadata=metadata, warnings=warnings, fallback_name=fallback)
    except LoadFailure as e:
        raise LoadFailure(e.reason, line) from None


class LineTooLong(str):
    """Stands in for a line that was too long to read; its value is the reason."""


def iter_jsonl(lines: Iterable[bytes | str], *, path: str, name: str = "",
               first: int = 1) -> Iterator[Article | LoadError]:
    """Records from an iterable of lines (bytes or str), numbered from ``first``
    (a worker reading one piece of a big file passes the piece's first line number)."""
    for n, raw in enumerate(lines, first):
        if isinstance(raw, LineTooLong):
            yield LoadError(path, str(raw), line=n)
            continue
        if isinstance(raw, bytes):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                s = raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    s = raw.decode("gb18030")
                except UnicodeDecodeError:
                    yield LoadError(path, "line is not UTF-8 text", line=n)
                    continue
        else:
            s = raw.lstrip("\ufeff") if n == 1 else raw
        s = s.strip()
        if not s:
            continue
        try:
            rec = json.loads(s)
        except json.JSONDecodeError as e:
            yield LoadError(path, f"not valid JSON ({e.msg} at column {e.colno})", line=n)
            continue
        try:
            yield record_to_article(rec, path=path, line=n, name=name)
        except LoadFailure as e:
            yield LoadError(path, e.reason, line=e.line or n)


def iter_json_document(text: str, *, path: str, name: str = "") -> Iterator[Article | LoadError]:
    """A .json file: one record, a list of records, an object with a list under
    ``articles``/``items``/``data``/``records``, or (failing JSON) JSON Lines."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        yield from iter_jsonl(text.splitlines(), path=path, name=name)
        return
    if isinstance(doc, dict):
        for key in ("articles", "items", "data", "records", "results"):
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    records = doc if isinstance(doc, list) else [doc]
    for i, rec in enumerate(records, 1):
        line = i if isinstance(doc, list) else None
        try:
            yield record_to_article(rec, path=path, line=line, name=name)
        except LoadFailure as e:
            yield LoadError(path, e.reason + (f" (record {i})" if line else ""), line=None)


def stream_lines(stream: IO) -> Iterator[bytes | str]:
    """Lines of a text or binary stream (stdin), read lazily; bytes when available."""
    src = getattr(stream, "buffer", None) or stream
    for line in src:
        yield line
