"""Extraction pipeline: Article → mentions → canonical names → facts.

Each stage is a plain function over plain objects carrying character offsets
into ``article.text``; nothing here touches a store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.article import Article

from ..gazetteer import Gazetteer
from ..gazetteer import load as load_gazetteer
from .facts import Fact, FactFinder, PenaltyFact
from .mentions import Mention, Recognizer
from .naming import context_cities, name_authority, place_for, tie_names

__all__ = ["Extraction", "Extractor", "Mention", "Fact", "PenaltyFact"]

# Facts are read only from articles about personal data; a finance brief that
# names a company and a fine for something else must add nothing but mentions.
PRIVACY_TERMS = re.compile(
    r"个人信息|隐私|人脸|数据安全|数据保护|个人数据|用户数据|敏感信息|信息泄露|数据泄露|刷脸|面部识别|"
    r"生物识别|通讯录|通信录|剪贴板|剪切板|账号密码|身份证照片|违规收集|过度索取|privacy|GDPR", re.I)
_GENERIC_REG = re.compile(r"^(条例|办法|规定|决定|意见|规范)(（[^）]*）)$")


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
        text = article.text
        mentions = self.recognizer.find(text)
        cities = context_cities(mentions, self.gaz, text + article.title)
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
        media = self._media(article)
        ties = tie_names(text, mentions, self.gaz)
        ex = Extraction(article, mentions + media, ties=ties)
        ex.privacy_relevant = bool(PRIVACY_TERMS.search(text) or PRIVACY_TERMS.search(article.title))
        if ex.privacy_relevant:
            ff = FactFinder(article, mentions)
            ff.find_penalties()
            ff.find_supplied()
            ff.find_collected()
            ff.find_structure(self.gaz)
            ex.facts, ex.penalties, ex.ranges = ff.facts, ff.penalties, ff.ranges
        return ex

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
        """《条例（草案修改二稿）》 after 《深圳经济特区…管理条例》 names that regulation's draft."""
        last_full: dict[str, str] = {}
        for m in mentions:
            if m.label != "Regulation":
                continue
            g = _GENERIC_REG.match(m.name)
            if g:
                full = last_full.get(g.group(1))
                if full:
                    m.name = full + g.group(2)
                continue
            for head in ("条例", "办法", "规定", "决定", "意见", "规范"):
                base = re.sub(r"（[^）]*）$", "", m.name)
                if base.endswith(head):
                    last_full[head] = base

    def _media(self, article: Article) -> list[Mention]:
        if not article.source:
            return []
        src = article.source.strip()
        hit = self.gaz.strong.get(src) or self.gaz.strong.get(src.replace(" ", ""))
        name = hit[1] if hit and hit[0] == "Media" else src
        if hit and hit[0] != "Media":
            return []
        return [Mention("Media", src, -1, -1, name, source="metadata", attrs={"publisher": True})]
