"""Markdown (and plain text) to clean paragraphs.

Markdown syntax is reduced to its text: headings, ``>`` quotes, list bullets, emphasis,
inline code, ``[text](url)`` and ``[text][1]`` links (their text kept), images dropped,
link reference definitions dropped. Jekyll/Hexo template tags (``{% … %}``) and HTML
comments are dropped; inline HTML is reduced to its text. The Jekyll posts' trailing
``<http…>`` line is returned separately as the article's url, and their
``[返回…](…)｜[返回首页](…)`` navigation is dropped.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field

from .html import _EM_STOCK, html_to_paragraphs, looks_like_html

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.S | re.I)
_TEMPLATE_TAG = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}|\{\{.*?\}\}", re.S)
_AUTOLINK_LINE = re.compile(r"^\s*(?:>\s*)?<(?P<url>https?://[^>\s]+)>\s*$")
_NAV_LINK = re.compile(r"\[\s*返回[^\]]*\]\([^)]*\)")
_NAV_LINE = re.compile(r"^\s*(?:\[\s*返回[^\]]*\]\([^)]*\)|[|｜/\s])+\s*$")
_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT_OR_HR = re.compile(r"^\s{0,3}(?:=+|-{2,}|(?:[-*_]\s*){3,})\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")

_IMAGE = re.compile(r"!\[[^\]]*\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`]+?)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")

# sentence-final characters: a line ending with one is a paragraph of its own
_FINAL = set("。！？；…!?;:：”」』）)】》\"'")
_WRAP_MIN = 30  # a line this long without a sentence end is taken as hard-wrapped


@dataclass
class Body:
    paragraphs: list[str]
    heading: str | None = None  # the first level-1 heading, when it opens the document
    url: str | None = None  # the trailing <http…> link line
    links: list[str] = field(default_factory=list)  # reference-definition targets
    html: bool = False  # the body was HTML


def strip_noise(text: str) -> str:
    """Drop what is never text: stock-chart blocks, comments, scripts, styles, template tags."""
    if "EM_StockImg" in text:
        text = _EM_STOCK.sub("", text)
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    if "<script" in text or "<style" in text or "<SCRIPT" in text or "<STYLE" in text:
        text = _SCRIPT_STYLE.sub("", text)
    if "{%" in text or "{{" in text or "{#" in text:
        text = _TEMPLATE_TAG.sub("", text)
    return text


def take_trailing_url(lines: list[str]) -> str | None:
    """Remove and return the trailing ``<http…>`` line (after it: only blanks and navigation)."""
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip() or _NAV_LINE.match(line):
            continue
        m = _AUTOLINK_LINE.match(line)
        if m:
            del lines[i]
            return m.group("url")
        return None
    return None


def drop_navigation(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if "返回" in line:
            if _NAV_LINE.match(line):
                continue
            line = _NAV_LINK.sub("", line)
        out.append(line)
    return out


def inline_markdown(s: str) -> str:
    """Reduce inline markdown (and inline HTML) of one paragraph to its text."""
    if "![" in s:
        s = _IMAGE.sub("", s)
    if "[" in s:
        s = _LINK.sub(r"\1", s)
        s = _REF_LINK.sub(r"\1", s)
        if "![" in s:
            s = _IMAGE.sub("", s)
    if "<" in s:
        s = _AUTOLINK.sub(r"\1", s)
        s = _TAG.sub("", s)
    if "*" in s or "_" in s:
        s = _BOLD.sub(r"\2", s)
        s = _ITALIC.sub(r"\1", s)
    if "~~" in s:
        s = _STRIKE.sub(r"\1", s)
    if "`" in s:
        s = _CODE.sub(r"\1", s)
    if "\\" in s:
        s = _ESCAPE.sub(r"\1", s)
    if "&" in s:
        s = _html.unescape(s)
    return s


def _join(prev: str, line: str) -> str:
    if prev[-1:].isascii() and prev[-1:].isalnum() or line[:1].isascii() and line[:1].isalnum():
        return prev + " " + line
    return prev + line


def _continues(prev: str | None, line: str) -> bool:
    """Is ``line`` a hard-wrapped continuation of ``prev``?"""
    if not prev or not line:
        return False
    last = prev.rstrip()[-1:]
    return len(prev) >= _WRAP_MIN and last not in _FINAL


def markdown_to_body(text: str, *, markdown: bool = True) -> Body:
    """Paragraphs of a markdown (``markdown=True``) or plain-text document.

    Each line is its own paragraph unless it continues a hard-wrapped long line; blank
    lines, headings, quotes and list items always start a new paragraph.
    """
    text = strip_noise(text)
    lines = text.splitlines()
    url = take_trailing_url(lines)
    if markdown:
        lines = drop_navigation(lines)
    paras: list[str] = []
    links: list[str] = []
    heading = None
    cur: str | None = None  # the paragraph being built (raw line text)
    in_fence = False
    seen_text = False

    def flush():
        nonlocal cur
        if cur is not None:
            paras.append(cur)
            cur = None

    for line in lines:
        if markdown:
            if _FENCE.match(line):
                flush()
                in_fence = not in_fence
                continue
            if in_fence:
                flush()
                paras.append(line)
                continue
            if _REF_DEF.match(line):
                flush()
                links.append(line.split(":", 1)[1].strip())
                continue
            m = _HEADING.match(line)
            if m:
                flush()
                h = (m.group(2) or "").strip()
                if h:
                    if heading is None and not seen_text and len(m.group(1)) == 1:
                        heading = inline_markdown(h).strip()
                    else:
                        paras.append(h)
                    seen_text = True
                continue
            if _SETEXT_OR_HR.match(line):
                flush()
                continue
            block_start = False
            if line.lstrip().startswith(">"):
                line = _QUOTE.sub("", line)
            if _BULLET.match(line):
                line = _BULLET.sub("", line)
                block_start = True
            elif _ORDERED.match(line):
                block_start = True
            if "|" in line:
                if _TABLE_SEP.match(line):
                    continue
                if line.strip().startswith("|"):
                    line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
                    block_start = True
            if "<br" in line or "<BR" in line:
                parts = _BR.split(line)
                for part in parts[:-1]:
                    flush()
                    paras.append(part)
                line = parts[-1]
                block_start = True
        else:
            block_start = False
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        seen_text = True
        if cur is not None and not block_start and _continues(cur, stripped):
            cur = _join(cur, stripped)
        else:
            flush()
            cur = stripped
    flush()
    if markdown:
        paras = [inline_markdown(p) for p in paras]
    elif any("&" in p for p in paras):
        paras = [_html.unescape(p) if "&" in p else p for p in paras]
    return Body(paras, heading=heading, url=url, links=links)


def body_paragraphs(text: str) -> Body:
    """A post body that may be HTML (most Jekyll/Hexo posts here) or markdown."""
    stripped = strip_noise(text)
    lines = stripped.splitlines()
    url = take_trailing_url(lines)
    lines = drop_navigation(lines)
    rest = "\n".join(lines)
    if looks_like_html(rest):
        return Body(html_to_paragraphs(rest), url=url, html=True)
    body = markdown_to_body(rest, markdown=True)
    body.url = body.url or url
    return body
