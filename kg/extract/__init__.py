"""Extraction pipeline: Article → mentions → canonical names → facts.

Each stage is a plain function over plain objects carrying character offsets
into ``article.text``; nothing here touches a store.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from loaders.article import Article

from ..gazetteer import Gazetteer
from ..gazetteer import load as load_gazetteer
from .facts import Fact, FactFinder, PenaltyFact
from .mentions import AREA_WORDS, DEICTIC_PLACES, Mention, Recognizer
from .naming import context_cities, name_authority, place_for, tie_names
from .script import to_simplified
from .vendors import find_vendor_links

__all__ = ["Extraction", "Extractor", "Mention", "Fact", "PenaltyFact"]

# Facts are read only from articles about personal data; a finance brief that
# names a company and a fine for something else must add nothing but mentions.
PRIVACY_TERMS = re.compile(
    r"个人信息|隐私|人脸|数据安全|数据保护|个人数据|用户数据|敏感信息|信息泄露|数据泄露|刷脸|面部识别|"
    r"生物识别|通讯录|通信录|剪贴板|剪切板|账号密码|身份证照片|违规收集|过度索取|私隐|个人资料|客户资料|客户数据|数据外泄|资料外泄|资料泄露|"
    # a cyber or data enforcement decision, a breach told as an attack (the key counts both as privacy news)
    r"网络安全法|数据安全法|网络攻击|勒索软件|勒索攻击|勒索团伙|黑客(?:入侵|攻击|组织|团伙)|遭黑客|数据被窃|计算机信息系统|"
    # the items of personal data a breach report lists (窃取了500万用户的姓名、电话号码和电子邮件地址)
    r"手机号码|电话号码|身份证号|家庭住址|电子邮件地址|邮箱地址|银行卡号|医疗记录|病历|"
    r"信用信息|征信")
# (the two Latin terms apart: a case-insensitive search of the whole alternation cost five times as
# much, on every article, as the Chinese words searched as they are)
_PRIVACY_LATIN = re.compile(r"privacy|GDPR", re.I)
_AGGREGATOR = re.compile(r"(?:'s|’s)\s+feed$|^(?:RSS|Atom)\b|\bRSS$", re.I)
_TAGLINE = re.compile(r"\s*[-–—|｜_]\s*")
_GENERIC_REG = re.compile(r"^(条例|办法|规定|决定|意见|规范)(（[^）]*）)?$")
_DRAFT_ONLY = re.compile(r"^(?:意见稿|征求意见稿|草案|送审稿)$")
_SENTENCE_BREAK = re.compile(r"[。！？!?\n]")


def _drop_generic_categories(mentions: list[Mention]) -> list[Mention]:
    """个人信息 is a DataCategory only where nothing more specific is the subject: an article
    that names specific kinds (人脸信息, 账号密码) more often than the generic word drops it."""
    generic = [m for m in mentions if m.label == "DataCategory" and m.attrs.get("generic")]
    if not generic:
        return mentions
    specific = sum(1 for m in mentions if m.label == "DataCategory" and not m.attrs.get("generic"))
    if specific < len(generic):
        return mentions
    return [m for m in mentions if not (m.label == "DataCategory" and m.attrs.get("generic"))]


def _place_anonymised(mentions: list[Mention]) -> None:
    """An anonymised party written with 我市/本省 or with no place at all (某信息技术公司) takes the
    place of the nearest authority of that level the article names: 郑州某科技有限公司, so that
    two reports' 某科技有限公司 do not read as one name."""
    renamed: dict[str, str] = {}
    auths = [m for m in mentions if m.label == "Authority" and m.attrs.get("jurisdiction") and m.start >= 0]
    if not auths:
        return
    for m in mentions:
        if m.label != "Company" or not m.attrs.get("anonymised") or m.attrs.get("definite") or \
                "某" not in m.name or m.name in renamed:
            continue
        prefix = m.name[:m.name.index("某")]
        if prefix and prefix not in DEICTIC_PLACES:
            continue
        level = DEICTIC_PLACES.get(prefix)  # (no place at all: an authority of any level)
        cands = [a for a in auths if level is None or a.attrs.get("level") == level]
        if not cands:
            continue
        near = min(cands, key=lambda a: abs(a.start - m.start))
        if not prefix and abs(near.start - m.start) > 600:
            continue  # (攻破某全球性企业, in another item of a digest: not the office's local party)
        place = near.attrs["jurisdiction"]
        if near.attrs.get("level") in ("city", "province") and len(place) > 2 and place[-1] in "市省" and \
                prefix not in AREA_WORDS:
            # (我市某科技有限公司 reads 郑州某…; a party written 市区某…/属地某… keeps the official place
            # name: 衡水市某房地产营销公司)
            place = place[:-1]
        renamed[m.name] = place + m.name[len(prefix):]
    if renamed:
        for m in mentions:
            if m.label == "Company" and m.name in renamed:
                m.name = renamed[m.name]


@dataclass
class Extraction:
    article: Article
    mentions: list[Mention]
    facts: list[Fact] = field(default_factory=list)
    penalties: list[PenaltyFact] = field(default_factory=list)
    ties: list[tuple[str, str, str]] = field(default_factory=list)
    ranges: list = field(default_factory=list)  # (regulation key, text, sentence span)
    privacy_relevant: bool = False


class Extractor:
    """Reusable: build once (gazetteer, regexes, jieba dictionary), call per article."""

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or load_gazetteer()
        self.recognizer = Recognizer(self.gaz)

    def __call__(self, article: Article) -> Extraction:
        original = article
        simplified = to_simplified(article.text)
        if simplified is not None:
            # a Traditional-Chinese report (個人資料私隱專員公署): read on a copy mapped character by
            # character to Simplified, so that the offsets (and the evidence) stay those of the text
            article = copy.copy(article)
            article.text = simplified
            article.title = to_simplified(article.title, force=True)
        text = article.text
        mentions = _drop_generic_categories(self.recognizer.find(text))
        cities = context_cities(mentions, self.gaz, text + article.title)
        mentions = self._place_bare_levels(mentions, cities, text)
        for m in mentions:
            if m.label == "Location":
                place = place_for(m.attrs["loc_forms"], self.gaz, cities)
                m.name = place.name if place else m.name
                m.attrs = {"level": place.level if place else None}
            elif m.label == "Authority":
                name_authority(m, self.gaz, cities)
            elif m.label == "Company" and m.attrs.get("legal"):
                self._place_company(m, cities)
        self._expand_short_regulations(mentions)
        _place_anonymised(mentions)
        media = self._media(article) + self._title_mentions(article, mentions)
        ties = tie_names(text, mentions, self.gaz)
        ex = Extraction(article, mentions + media, ties=ties)
        ex.privacy_relevant = bool(PRIVACY_TERMS.search(text) or PRIVACY_TERMS.search(article.title) or
                                   _PRIVACY_LATIN.search(text) or _PRIVACY_LATIN.search(article.title))
        if ex.privacy_relevant:
            ff = FactFinder(article, mentions, self.gaz)
            ff.find_penalties()
            ff.find_supplied()
            ff.find_awards()
            find_vendor_links(ff)  # general vendor cues (kg/extract/vendors.py)
            ff.find_collected()
            ff.find_structure()
            ex.facts, ex.penalties, ex.ranges = ff.facts, ff.penalties, ff.ranges
            ex.mentions += ff.added
        if article is not original:
            ex.article = original
            for m in ex.mentions:  # the surface as written; names stay Simplified, like the gazetteer's
                if m.start >= 0:
                    m.text = original.text[m.start:m.end]
        return ex

    def _place_bare_levels(self, mentions: list[Mention], cities: set[str], text: str) -> list[Mention]:
        """市人大常委会, 省委网信办: the authority of the last place of that level named before it."""
        if not any(m.attrs.get("bare_level") for m in mentions):
            return mentions
        out = []
        last: dict[str, tuple[str, str | None]] = {}  # level → (place name, its city)
        latest_end = -1  # where the place named last ends
        for m in mentions:
            level = m.attrs.get("bare_level")
            if level == "local":  # 当地网信办: of the place named last, in the same sentence
                level = last.get("latest", (None, None))[0]
                if level is None or _SENTENCE_BREAK.search(text, latest_end, m.start):
                    # (4. 河南某医院…。…属地网信办已依法责令其改正: an unnamed local office; a list of
                    # cases names each party's place, and the next case's 属地网信办 is not that one's)
                    continue
            if level:
                if level not in last:
                    continue
                place, city = last[level]
                short = place[len(city):] if level == "district" and city and place.startswith(city) else place
                m.attrs["loc_forms"] = [city, short] if level == "district" and city and short != place else [place]
                out.append(m)
                continue
            # (an anonymised party is named with its place: 南昌市某企业…，当地网信办)
            forms = m.attrs.get("loc_forms") if m.label in ("Location", "Authority") or \
                m.attrs.get("anonymised") else None
            if forms and m.label == "Company" and any(f in DEICTIC_PLACES for f in forms):
                forms = None  # 我市某企业: the place is the authority's, named later
            if forms:
                p = place_for(forms, self.gaz, cities)
                if p:
                    last[p.level] = (p.name, p.city)
                    last["latest"] = (p.level, None)
                    latest_end = m.end
                    if p.level == "district" and p.city:
                        last.setdefault("city", (p.city, p.city))
                        last["city"] = (p.city, p.city)
            out.append(m)
        return out

    def _place_company(self, m: Mention, cities: set[str]) -> None:
        name = m.name
        for n in range(min(6, len(name) - 2), 1, -1):
            if name[:n] in self.gaz.location_by_name:
                forms = [name[:n]]
                rest = name[n:]
                for k in range(min(6, len(rest) - 2), 1, -1):
                    if rest[:k] in self.gaz.location_by_name:
                        forms.append(rest[:k])
                        break
                place = place_for(forms, self.gaz, cities) or place_for(forms[:1], self.gaz, cities)
                if place:
                    m.attrs["place"] = (place.name, place.level)
                return

    def _expand_short_regulations(self, mentions: list[Mention]) -> None:
        """《条例（草案修改二稿）》 after 《深圳经济特区…管理条例》 names that regulation's draft; a bare
        《办法》 or 《条例》 is the last full title with that ending (else the next one), and
        《意见稿》/《草案》 the last draft named."""
        regs = [m for m in mentions if m.label == "Regulation"]
        last_full: dict[str, str] = {}
        last_draft: str | None = None
        pending: list[tuple[Mention, str]] = []  # bare names before any full title
        for m in regs:
            g = _GENERIC_REG.match(m.name)
            if g:
                full = last_full.get(g.group(1))
                if full:
                    m.name = full + (g.group(2) or "")
                elif not g.group(2):
                    pending.append((m, g.group(1)))
                continue
            if _DRAFT_ONLY.match(m.name):
                if last_draft:
                    m.name = last_draft
                continue
            base = re.sub(r"（[^）]*）$", "", m.name)
            for head in ("条例", "办法", "规定", "决定", "意见", "规范"):
                # a title in 《》, not an abbreviation (GDPR) the gazetteer knows
                if base.endswith(head) and m.text.startswith("《"):
                    last_full[head] = base
                    for p, h in pending:
                        if h == head:
                            p.name = base
                    pending = [(p, h) for p, h in pending if h != head]
            if m.attrs.get("status") == "draft":
                last_draft = m.name

    def _title_mentions(self, article: Article, mentions: list[Mention]) -> list[Mention]:
        """Known companies and authorities the headline names and the text does not (工信部通报微信等43款APP
        over a text that only discusses it); no offsets, like the publisher. An authority whose
        sub-unit the text names (工业和信息化部信息通信管理局) is not added."""
        title = article.title
        if not title or title in article.text[:len(title) + 200]:
            return []
        out = []
        named = {(m.label, m.name) for m in mentions}
        for m in self.recognizer.known(title):
            if m.source != "gazetteer" or m.weak or m.label not in ("Company", "Authority") or \
                    (m.label, m.name) in named:
                continue
            e = self.gaz.get(m.label, m.name)
            forms = [f for f in (m.name, m.text, *(e.aliases if e else ())) if len(f) >= 3]
            if any(f in x.name for x in mentions if x.label == m.label for f in forms):
                continue
            named.add((m.label, m.name))
            out.append(Mention(m.label, m.text, -1, -1, m.name, m.extra_labels, dict(m.attrs), source="metadata"))
        return out

    def _media(self, article: Article) -> list[Mention]:
        if not article.source:
            # no named source: the outlet whose web domain the article's URL is on
            host = urlsplit(article.url).hostname if article.url else None
            name = self._outlet_for_host(host) if host else None
            return [Mention("Media", host, -1, -1, name, source="metadata", attrs={"publisher": True})] \
                if name else []
        src = article.source.strip()
        if _AGGREGATOR.search(src):
            return []  # "Doonsec's feed": the feed reader that collected the page, not the outlet
        hit = self.gaz.strong.get(src) or self.gaz.strong.get(src.replace(" ", ""))
        if not hit:
            # 安全客-有思想的安全新媒体, 新浪财经_新浪网: the outlet before its tagline or section
            head = _TAGLINE.split(src, 1)[0].strip()
            known = self.gaz.strong.get(head)
            if head != src and known and known[0] == "Media":
                hit = known
        name = hit[1] if hit and hit[0] == "Media" else src
        if hit and hit[0] != "Media":
            return []
        return [Mention("Media", src, -1, -1, name, source="metadata", attrs={"publisher": True})]

    def _outlet_for_host(self, host: str) -> str | None:
        host = host.lower()
        parts = host.split(".")
        for i in range(len(parts) - 1):  # finance.sina.com.cn, then sina.com.cn, com.cn
            outlet = self.gaz.media_by_domain.get(".".join(parts[i:]))
            if outlet:
                return outlet
        return None
