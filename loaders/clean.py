"""Text cleaning shared by every loader: whitespace normalisation and boilerplate removal.

Works on a list of paragraphs (strings without newlines) and never rewrites an article's
own sentences: boilerplate is dropped as whole paragraphs, except for a few well-marked
fragments (``责任编辑：…``, a trailing ``（文章来源：…）``) that are cut out of a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026"
# a newline between two CJK characters (or CJK punctuation) is a hard wrap, not a space
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t\u3000]*[\r\n]+[ \t\u3000\r\n]*(?=[{_CJK}{_CJK_PUNCT}])")
_WS = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(rf"[\w{_CJK}]")


def normalize_inline(s: str) -> str:
    """One paragraph's whitespace: hard wraps between CJK characters removed, every other
    run of whitespace (full-width U+3000 and NBSP included) collapsed to one space, edges
    stripped. Spaces between Latin words are kept."""
    if not s:
        return ""
    if s.isprintable():
        # the common case, three times faster: no control, invisible or non-ASCII space
        # character (all of them are non-printable), so ASCII spaces are the only whitespace
        return _WS.sub(" ", s).strip() if "  " in s else s.strip()
    s = _INVISIBLE.sub("", s)
    if "\n" in s or "\r" in s:
        s = _CJK_WRAP.sub("", s)
    return _WS.sub(" ", s).strip()


# ── boilerplate ────────────────────────────────────────────────────────────────
# （文章来源：中华网财经） as a paragraph of its own, or at the end of the last paragraph
_SOURCE_LINE = re.compile(r"^[（(【\[]?\s*(?:文章|稿件)来源\s*[:：]\s*(?P<v>[^（）()【】\[\]]{1,40}?)\s*[）)】\]]?$")
_SOURCE_TAIL = re.compile(r"\s*[（(]\s*(?:文章|稿件)来源\s*[:：]\s*(?P<v>[^（）()]{1,40}?)\s*[）)]\s*$")
# 责任编辑：尹悦 / （责任编辑：张三） / 责任编辑：振亭文章纠错
_EDITOR = re.compile(r"[（(【\[]?\s*(?:责任编辑|責任編輯)\s*[:：]\s*[^\s（）()【】\[\]，。,]{0,12}\s*[）)】\]]?\s*(?:文章纠错)?")
_BOILER_START = re.compile(  # (matched at the paragraph's start only)
    r"返回\S{0,20}$|[|｜]|(?:Copyright|版权所有|©)|\s*(?:K图|分时图)\s|(?:点击|扫描|扫码|长按)\S{0,12}(?:二维码|下载|关注)|"
    r"(?:本文为|本文系)\s*\S{0,6}(?:独立观点|原创)|本文由.{0,40}(?:原创发布|授权发布|发布于)|题图来自|给作者打赏|"
    r"话题标签\s*[:：]|(?:文|编辑|责编|校对|审核|美编)\s*[/／]\s*\S|联系请加微信|原文链接\s*[:：]?$|"
    r"商务合作[，,]\s*文章发布请联系|转载[，,]\s*请参考转载声明|如需授权、对文章有疑问或需删除稿件",
    re.IGNORECASE,
)
_BOILER_ANYWHERE = re.compile(
    r"尽在\S{0,10}APP|海量资讯、精准解读|返回首页|ICP备\d|ICP证\d|公网安备\d|未经(?:授权|许可)[，,]?\s*禁止转载。?$|新闻出品$",
    re.IGNORECASE,
)


def _is_boilerplate(p: str) -> bool:
    # (a paragraph without a word of _BOILER_ANYWHERE is spared its search, which tries every
    # alternative at every character)
    return bool(_BOILER_START.match(p) or
                ("备" in p or "证" in p or "尽在" in p or "海量资讯" in p or "返回首页" in p or "禁止转载" in p or
                 "新闻出品" in p) and _BOILER_ANYWHERE.search(p))


_BOILER_MAX = 80  # only short paragraphs are dropped as boilerplate
_URL_ONLY = re.compile(r"^<?(?:https?:)?//\S+>?$")
# navigation menus: long runs of very short paragraphs without any punctuation
_PUNCT = re.compile(r"[，。！？；：、,.!?;:]")
_NAV_RUN = 6
_NAV_LEN = 12


@dataclass
class Cleaned:
    paragraphs: list[str]
    source: str | None = None  # the value of a （文章来源：X） line
    dropped: list[str] = field(default_factory=list)  # boilerplate paragraphs, for debugging


def clean_paragraphs(paragraphs, *, title: str = "", drop_title: bool = True) -> Cleaned:
    """Normalise and filter ``paragraphs`` (an iterable of raw strings)."""
    title_n = normalize_inline(title) if drop_title else ""
    out: list[str] = []
    dropped: list[str] = []
    source = None
    for raw in paragraphs:
        p = normalize_inline(raw)
        if not p:
            continue
        if "来源" in p:  # both patterns need it; most paragraphs are spared two searches
            m = _SOURCE_LINE.match(p)
            if m:
                source = source or m.group("v").strip()
                dropped.append(p)
                continue
            m = _SOURCE_TAIL.search(p)
            if m:
                source = source or m.group("v").strip()
                p = p[:m.start()].rstrip()
        if "责任编辑" in p or "責任編輯" in p:
            p = normalize_inline(_EDITOR.sub(" ", p))
        if not p:
            continue
        if len(p) <= _BOILER_MAX and _is_boilerplate(p):
            dropped.append(p)
            continue
        if not _WORD.search(p) or _URL_ONLY.match(p):
            dropped.append(p)
            continue
        if title_n and p == title_n:
            continue
        out.append(p)
    out = _drop_tail(_drop_nav_runs(out, dropped), dropped)
    return Cleaned(out, source, dropped)


# Where a page's own furniture starts after the article: WeChat's reader ("微信扫一扫可打开此内容，
# 使用完整服务", then 赞/在看/分享 buttons) and the reading lists news sites and accounts append.
_TAIL_START = re.compile(r"^(?:微信扫一扫可打开此内容[，,]?|预览时标签不可点|推荐阅读|阅读推荐|往期推荐|往期回顾|"
                         r"相关阅读|延伸阅读|相关文章|相关推荐|热门推荐|热门文章|精彩推荐|猜你喜欢|发表评论|"
                         r"分享[到至]\s*[：:]?|被以下专辑收录[，,]?\s*发现更多精彩内容|如若转载[，,]?\s*请注明原文地址|"
                         r"←?\s*扫码关注我们|[-—–\s]*END[-—–\s]*)$", re.IGNORECASE)


def _drop_tail(paras: list[str], dropped: list[str]) -> list[str]:
    """Everything from the first tail marker on, once at least half the text lies before it
    (so that a marker near the top never takes the article with it)."""
    total = sum(map(len, paras))
    seen = 0
    for i, p in enumerate(paras):
        if seen * 2 >= total and _TAIL_START.match(p):
            dropped.extend(paras[i:])
            return paras[:i]
        seen += len(p)
    return paras


def _is_navish(p: str) -> bool:
    return len(p) <= _NAV_LEN and not _PUNCT.search(p)


def _drop_nav_runs(paras: list[str], dropped: list[str]) -> list[str]:
    if len(paras) < _NAV_RUN:
        return paras
    keep: list[str] = []
    run: list[str] = []
    for p in paras + [None]:  # sentinel flushes the last run
        if p is not None and _is_navish(p):
            run.append(p)
            continue
        if len(run) >= _NAV_RUN:
            dropped.extend(run)
        else:
            keep.extend(run)
        run = []
        if p is not None:
            keep.append(p)
    return keep


# a dateline near the top: "2021年12月14日 16:09 来源：新浪财经", "2020年11月21日　示例新闻网",
# "发布时间：2021-01-22"
_DATELINE = re.compile(
    r"^(?:(?:发布|发表|更新)?时间\s*[:：]\s*)?"
    r"(?P<date>\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[-/.]\d{1,2}[-/.]\d{1,2})"
    r"(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?)"
    r"(?:\s*(?:[|｜/]\s*)?(?:(?:来源|文章来源|作者)\s*[:：]\s*(?P<source>\S{1,30})"
    r"|\s(?P<media>[^\s，。！？；：:,.!?;]{2,20})))?\s*$"
)
_SOURCE_ONLY = re.compile(r"^(?:文章)?来源\s*[:：]\s*(?P<source>\S{1,30})$")


def take_dateline(paras: list[str], *, within: int = 3) -> tuple[list[str], str | None, str | None]:
    """Find and remove a short dateline among the first ``within`` paragraphs.

    Returns ``(paragraphs, date_text, source)``; a "来源：X" paragraph right after the
    dateline is taken as the source too.
    """
    for i, p in enumerate(paras[:within]):
        p_n = normalize_inline(p)
        if len(p_n) > 60:
            continue
        m = _DATELINE.match(p_n)
        if not m:
            continue
        date, source = m.group("date"), m.group("source") or m.group("media")
        rest = paras[:i] + paras[i + 1:]
        if source is None and i < len(rest):
            m2 = _SOURCE_ONLY.match(normalize_inline(rest[i]))
            if m2:
                source = m2.group("source")
                rest = rest[:i] + rest[i + 1:]
        return rest, date, source
    return paras, None, None
