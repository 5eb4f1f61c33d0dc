"""HTML to clean paragraphs (selectolax/lexbor), for whole pages and for the HTML bodies
of Jekyll/Hexo posts and JSON Lines records.

Scripts, styles, comments, hidden elements, forms and the eastmoney stock-chart image
blocks (``<!-- EM_StockImg_Start -->…<!-- EM_StockImg_End -->``) are dropped; block
elements and ``<br>`` end a paragraph; entities are decoded by the parser. For whole
pages the main article is chosen over navigation, headers, footers and sidebars.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .clean import take_dateline

# eastmoney "K图 XPEV_0" stock charts; removed before parsing
_EM_STOCK = re.compile(r"<!--\s*EM_StockImg_Start\s*-->.*?(?:<!--\s*EM_StockImg_End\s*-->|$)", re.S | re.I)
_TAG_START = re.compile(r"<(?!https?:)[a-zA-Z!/]")
_BLOCK_TAG_RE = re.compile(r"<(?:p|div|br|h[1-6]|li|ul|ol|table|tr|center|section|article|figure|blockquote|font|span|img)\b", re.I)

_BLOCK = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section "
    "summary table tbody thead tfoot tr ul caption legend".split()
)
_CELL = frozenset(("td", "th"))
_SKIP = frozenset(
    "script style noscript template iframe object embed svg canvas head title meta link button "
    "select option textarea input map area audio video source track img picture math frame frameset".split()
)
_SKIP_IN_PAGE = frozenset("nav header footer aside".split())
_JUNK_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|footer|header|sidebar|side|comments?|share|sharing|"
    r"social|related|recommend|advert|ads?|adv|banner|toolbar|login|copyright|qr|qrcode|appendqr_wrap|hidden|byline|dateline|post-meta|article-meta|article-info|meta)(?:$|[\s_-])",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAIN_SELECTORS = (
    "[itemprop=articleBody]", "article", "#artibody", "#article_content", "#article-content", ".article-content",
    "#ContentBody", ".post-content", ".entry-content", ".article_body", ".article-body", "#article", ".article",
    "#content", ".content", "main", "#main",
)


def looks_like_html(s: str) -> bool:
    """True when ``s`` is an HTML document or fragment rather than markdown/plain text."""
    head = s.lstrip()[:1]
    if head == "<" and _TAG_START.match(s.lstrip()):
        return True
    n = len(_BLOCK_TAG_RE.findall(s, 0, 200_000))
    return n >= 3 and n * 8 >= s.count("\n", 0, 200_000)


def truncation_reason(raw: str) -> str | None:
    """Why an HTML text looks cut off, or None."""
    tail = raw.rstrip()
    if not tail:
        return None
    if tail.rfind("<") > tail.rfind(">"):
        return "it ends inside a tag"
    low = raw.lower()
    if "<html" in low and "</html>" not in low:
        return "no closing </html>"
    if "<body" in low and "</body>" not in low:
        return "no closing </body>"
    body = _COMMENT.sub("", low)
    opened = len(_OPEN_DIV.findall(body))
    closed = body.count("</div")
    if opened > closed:
        return f"{opened - closed} unclosed <div>"
    return None


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_OPEN_DIV = re.compile(r"<div\b")


def _hidden(node) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return "hidden" in attrs or attrs.get("aria-hidden") == "true"


def _is_junk(node) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    cls = attrs.get("class") or ""
    ident = attrs.get("id") or ""
    return bool((cls and _JUNK_ATTR.search(cls)) or (ident and _JUNK_ATTR.search(ident)))


def node_paragraphs(root, *, page: bool = False) -> list[str]:
    """The text of ``root`` as raw paragraphs (whitespace not yet normalised)."""
    paras: list[str] = []
    buf: list[str] = []
    skip = _SKIP | _SKIP_IN_PAGE if page else _SKIP
    stack: list = [root]
    while stack:
        node = stack.pop()
        if node is None:  # end of a block element
            if buf:
                paras.append("".join(buf))
                buf.clear()
            continue
        tag = node.tag
        if tag == "-text":
            t = node.text_content
            if t:
                buf.append(t)
            continue
        if tag[0] == "-" or tag in skip:  # comments, doctype
            continue
        if tag == "br":
            if buf:
                paras.append("".join(buf))
                buf.clear()
            continue
        if _hidden(node) or (page and node is not root and _is_junk(node)):
            continue
        if tag in _BLOCK:
            if buf:
                paras.append("".join(buf))
                buf.clear()
            stack.append(None)
        elif tag in _CELL:
            buf.append(" ")
        children = list(node.iter(include_text=True))
        children.reverse()
        stack.extend(children)
    if buf:
        paras.append("".join(buf))
    return paras


def _parse(raw: str) -> LexborHTMLParser:
    if "EM_StockImg" in raw:
        raw = _EM_STOCK.sub("", raw)
    return LexborHTMLParser(raw)


def html_to_paragraphs(raw: str) -> list[str]:
    """Paragraphs of an HTML fragment (a post body, a JSON Lines ``html`` field)."""
    tree = _parse(raw)
    root = tree.body or tree.root
    if root is None:
        return []
    return node_paragraphs(root)


# ── whole pages ────────────────────────────────────────────────────────────────
@dataclass
class Page:
    title: str = ""
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


def _metas(tree) -> dict[tuple[str, str], str | None]:
    """The content of the first ``<meta attr="value">`` in the page for each (attr, value), one
    pass over the page (a selector per name walked the whole page each time)."""
    out: dict[tuple[str, str], str | None] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        for attr in ("property", "name", "itemprop"):
            value = attrs.get(attr)
            if value is not None:
                out.setdefault((attr, value), attrs.get("content"))
    return out


def _meta(metas: dict[tuple[str, str], str | None], *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            if (attr, name) in metas:
                val = (metas[(attr, name)] or "").strip()
                if val:
                    return val
    return None


def _text_len(node) -> int:
    return len("".join(node.text(deep=True, separator="").split()))


def _main_node(tree):
    body = tree.body
    if body is None:
        return tree.root
    for sel in _MAIN_SELECTORS:
        for node in tree.css(sel):
            if _text_len(node) >= 80:
                return node
    # density: the element whose <p> children hold the most text
    best, best_score = None, 0
    scores: dict[int, tuple[object, int]] = {}
    for p in body.css("p"):
        parent = p.parent
        if parent is None:
            continue
        n = _text_len(p)
        key = parent.mem_id
        node, score = scores.get(key, (parent, 0))
        scores[key] = (node, score + n)
    for node, score in scores.values():
        if score > best_score:
            best, best_score = node, score
    return best if best is not None and best_score >= 80 else body


def parse_page(raw: str) -> Page:
    """Title, metadata and main-article paragraphs of a whole HTML page."""
    tree = _parse(raw)
    metas = _metas(tree)
    page = Page()
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    h1_text = h1.text(deep=True).strip() if h1 is not None else ""
    page.title = (_meta(metas, "og:title", "twitter:title", "headline") or h1_text
                  or (title_node.text().strip() if title_node is not None else ""))
    page.published = _meta(metas, "article:published_time", "og:article:published_time", "datePublished",
                           "pubdate", "publishdate", "PubDate", "publish_date", "publish-date", "date",
                           "weibo: article:create_at", "og:release_date", "dc.date")
    if not page.published:
        t = tree.css_first("time[datetime]")
        if t is not None:
            page.published = t.attributes.get("datetime")
    canon = tree.css_first('link[rel="canonical"]')
    page.url = (canon.attributes.get("href") if canon is not None else None) or _meta(metas, "og:url")
    page.source = _meta(metas, "og:site_name", "source", "media", "publisher", "application-name")
    page.author = _meta(metas, "author", "article:author")
    kw = _meta(metas, "keywords", "news_keywords")
    if kw:
        page.metadata["keywords"] = [k.strip() for k in re.split(r"[,，;；]", kw) if k.strip()]
    desc = _meta(metas, "description", "og:description")
    if desc:
        page.metadata["description"] = desc
    main = _main_node(tree)
    paras = node_paragraphs(main, page=True) if main is not None else []
    paras, date, source = take_dateline(paras)
    page.published = page.published or date
    page.source = page.source or source
    page.paragraphs = paras
    return page


def load_html_page(raw: str, *, path: str | None = None, fallback_name: str | None = None,
                   warnings: list[str] | None = None):
    """A whole HTML page (or a bare fragment saved as .html) as an Article."""
    from .assemble import finish
    from .errors import LoadFailure

    warnings = list(warnings or [])
    reason = truncation_reason(raw)
    if reason:
        warnings.append(f"HTML looks cut off ({reason}); read what is there")
    page = parse_page(raw)
    metadata = dict(page.metadata)
    if page.author:
        metadata["author"] = page.author
    try:
        return finish(page.paragraphs, title=page.title, date=page.published, url=page.url,
                      fallback_source=page.source, path=path, format="html", metadata=metadata,
                      warnings=warnings, fallback_name=fallback_name)
    except LoadFailure as e:
        if reason:
            raise LoadFailure(f"truncated HTML ({reason}) with no article text") from None
        raise e
