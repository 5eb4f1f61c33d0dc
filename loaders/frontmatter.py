"""Markdown/HTML posts with YAML front matter: Jekyll, Hexo and crawler exports.

Front matter is split with python-frontmatter's YAML handler and parsed with a safe YAML
loader that leaves dates as strings (so ``2021-12-14 16:09:37 +0800`` keeps its zone and
``Mon, 06 Dec 2021 03:01:34 GMT`` its meaning). Invalid YAML is reported as a warning and
the body is still read.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import yaml
from frontmatter.default_handlers import YAMLHandler

from .article import Article
from .assemble import finish, normalize_url
from .dates import parse_date
from .errors import LoadFailure
from .html import truncation_reason
from .markdown import body_paragraphs

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe YAML without implicit timestamps: dates stay strings, their zone intact."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in _Base.yaml_implicit_resolvers.items()
}

_HANDLER = YAMLHandler()
_RFC2822 = re.compile(r"^[A-Z][a-z]{2},\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}")
_NUMERIC_ZONE = re.compile(r"\d{2}:\d{2}(?::\d{2})?\s*[+-]\d{4}$")
_HEXO_KEYS = frozenset(("headimg", "thumbnail", "abbrlink", "cover", "updated", "comments", "top_img",
                        "cover_img", "photos", "sticky", "toc", "mathjax", "feature_img"))
_DATE_KEYS = ("date", "published_at", "published", "pubDate", "pubdate", "publish_date", "created", "time")
_URL_KEYS = ("url", "link", "permalink", "canonical_url", "canonical", "source_url", "original_url", "origin_url")
_SOURCE_KEYS = ("source", "media", "publisher", "site", "site_name")
_CONSUMED = frozenset(("title",) + _DATE_KEYS + _URL_KEYS + _SOURCE_KEYS)


def has_front_matter(text: str) -> bool:
    return _HANDLER.detect(text.lstrip("\ufeff \t\r\n"))


def split_front_matter(text: str) -> tuple[str | None, str, list[str]]:
    """``(front_matter, body, warnings)``; front_matter is None when there is none."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not _HANDLER.detect(stripped):
        return None, text, []
    try:
        fm, body = _HANDLER.split(stripped)
    except ValueError:
        return None, text, ["front matter is not closed by a '---' line; read the file as markdown"]
    return fm, body, []


def parse_yaml(fm: str) -> tuple[dict, list[str]]:
    try:
        data = _HANDLER.load(fm, Loader=_Loader)
    except yaml.YAMLError as e:
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        mark = getattr(e, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark is not None else ""
        return {}, [f"invalid YAML front matter: {problem}{where}; read the body without it"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["front matter is not a YAML mapping; read the body without it"]
    return {str(k): v for k, v in data.items()}, []


_PLAIN_LINE = re.compile(r"^(title|date|url|link|source|author|layout)\s*:\s*(.*?)\s*$", re.M)


def salvage_front_matter(fm: str) -> dict:
    """The simple ``key: value`` lines of front matter that is not valid YAML."""
    out: dict = {}
    for key, value in _PLAIN_LINE.findall(fm):
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = value.strip("'\"")
        if value and key not in out:
            out[key] = value
    return out


def _flavour(fm: dict, date_raw: object, path: str | None) -> str:
    if "layout" in fm:
        return "jekyll"
    if _HEXO_KEYS & fm.keys() or (isinstance(date_raw, str) and _RFC2822.match(date_raw.strip())):
        return "hexo"
    if isinstance(date_raw, str) and _NUMERIC_ZONE.search(date_raw.strip()):
        return "jekyll"
    if path and "/_posts/" in path.replace("\\", "/"):
        return "jekyll"
    return "markdown"


def _as_list(value: object, *, split_words: bool) -> list[str]:
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop(0)
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            stack[0:0] = list(v)
        elif isinstance(v, str):
            out.extend(v.split() if split_words else [v.strip()] if v.strip() else [])
        else:
            out.append(str(v))
    return out


def _plain(value: object) -> object:
    """A JSON-friendly copy of a YAML value."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _first(fm: dict, keys) -> object:
    for k in keys:
        v = fm.get(k)
        if v not in (None, ""):
            return v
    return None


def load_front_matter_text(text: str, *, path: str | None = None, fallback_name: str | None = None,
                           warnings: list[str] | None = None) -> Article:
    warnings = list(warnings or [])
    fm_text, body, w = split_front_matter(text)
    warnings += w
    fm: dict = {}
    if fm_text is not None:
        fm, w = parse_yaml(fm_text)
        warnings += w
        if w and not fm:
            fm = salvage_front_matter(fm_text)
            if fm:
                warnings.append(f"took {', '.join(sorted(fm))} from the front matter's plain 'key: value' lines")
    date_raw = _first(fm, _DATE_KEYS)
    flavour = _flavour(fm, date_raw, path) if fm_text is not None else "markdown"

    parsed = body_paragraphs(body)
    paragraphs = parsed.paragraphs
    if parsed.html:
        reason = truncation_reason(body)
        if reason:
            warnings.append(f"HTML looks cut off ({reason}); read what is there")
    title = fm.get("title")
    if isinstance(title, (list, dict)):
        title = None
    if parsed.heading:
        if not title:
            title = parsed.heading
        elif parsed.heading.strip() != str(title).strip():
            paragraphs = [parsed.heading] + paragraphs

    url = None
    for k in _URL_KEYS:
        url = normalize_url(fm.get(k))
        if url:
            break
    url = url or normalize_url(parsed.url)

    metadata: dict = {}
    split_words = flavour == "jekyll"
    for key in ("categories", "tags"):
        if key in fm and fm[key] is not None:
            metadata[key] = _as_list(fm[key], split_words=split_words)
    if fm.get("category") is not None and "categories" not in metadata:
        metadata["categories"] = _as_list(fm["category"], split_words=split_words)
    author = fm.get("author")
    if author not in (None, "") and not isinstance(author, (list, dict)):
        metadata["author"] = str(author).strip()
    if fm.get("updated") not in (None, ""):
        upd = parse_date(fm["updated"])
        if upd:
            metadata["updated_at"] = upd
    for k, v in fm.items():
        if k in _CONSUMED or k in metadata or k in ("category", "updated") or v in (None, "", [], {}):
            continue
        metadata[k] = _plain(v)
    if date_raw is not None:
        metadata["date_raw"] = str(date_raw)
    if parsed.url and parsed.url != url:
        metadata["link"] = parsed.url
    if parsed.links:
        metadata["links"] = parsed.links

    source = _first(fm, _SOURCE_KEYS)
    if isinstance(source, (list, dict)):
        source = None
    fallback_source = metadata.get("author") if flavour == "hexo" else None
    try:
        return finish(paragraphs, title=title or "", date=date_raw, url=url, source=source,
                      fallback_source=fallback_source, path=path, format=flavour, metadata=metadata,
                      warnings=warnings, fallback_name=fallback_name)
    except LoadFailure as e:
        if fm_text is not None and not paragraphs:
            raise LoadFailure("front matter only, no article text") from None
        raise e
