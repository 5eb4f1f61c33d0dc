"""Plain text and markdown without front matter (moxie-*.md, kuaige-*.md, .txt files).

The title is the first level-1 heading, or else a short first line without a sentence
end; a short dateline near the top (``2021年12月14日 16:09 来源：新浪财经``) gives
published_at and source.
"""
from __future__ import annotations

from .article import Article
from .assemble import finish
from .clean import normalize_inline, take_dateline
from .markdown import markdown_to_body

_TITLE_MAX = 64
_FINAL = set("。！？；…!?;，,：:")


def load_plain_text(text: str, *, path: str | None = None, markdown: bool = False,
                    fallback_name: str | None = None, warnings: list[str] | None = None) -> Article:
    body = markdown_to_body(text, markdown=markdown)
    paras = body.paragraphs
    title = body.heading or ""
    if not title and len(paras) > 1:
        first = normalize_inline(paras[0])
        if first and len(first) <= _TITLE_MAX and first[-1] not in _FINAL:
            title = first
            paras = paras[1:]
    paras, date, source = take_dateline(paras)
    return finish(paras, title=title, date=date, url=body.url, source=source, path=path,
                  format="markdown" if markdown else "text", warnings=warnings,
                  metadata={"links": body.links} if body.links else None, fallback_name=fallback_name)
