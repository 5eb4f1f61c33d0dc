"""Stage 2: give every mention its canonical name within the article.

- Authorities are named from their place: 徐汇区市场监督管理局 → 上海市徐汇区市场监督管理局,
  福田公安分局 → 深圳市公安局福田分局 (PART_OF 深圳市公安局).
- Aliases the text itself ties (全称为, （以下简称…）, 魔蝎公司 inside 杭州魔蝎数据科技有限公司,
  a one-character typo of a name the article ties to a legal name) fold into one name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from ..gazetteer import Gazetteer, Location
from .mentions import Mention

_QUOTE = "“”‘’\"'「」『』"
_TIE_AFTER = re.compile(rf"^\s*[，,]?\s*(?:其)?(?:全称(?:为|是)?|全名(?:为|是)?|正式名称为)\s*[：:]?\s*[{_QUOTE}]?")
_TIE_PAREN = re.compile(rf"^\s*[（(]\s*(?:以下|下文)?(?:简称|又称|下称|简称为)?\s*[：:]?\s*[{_QUOTE}]?")


@dataclass
class Place:
    name: str  # full path, 上海市徐汇区
    level: str
    city: str | None


_PLACEHOLDER_PARENTS = frozenset(("省直辖行政区划", "省直辖县级行政区划", "自治区直辖县级行政区划"))


def place_for(forms: list[str], gaz: Gazetteer, context_cities: set[str]) -> Place | None:
    """The administrative place a run of location words names, using the article's cities to disambiguate."""
    chosen: list[Location] = []
    for form in forms:
        cands = gaz.location_by_name.get(form, [])
        if not cands:
            return None
        if chosen:
            parent = chosen[-1].name
            narrowed = [c for c in cands if c.parent == parent] or cands
        else:
            narrowed = [c for c in cands if c.parent in context_cities] or cands
        # prefer the most general level for a form that is both (北京市 province and city)
        narrowed.sort(key=lambda c: ["province", "city", "district"].index(c.level))
        if len({c.parent for c in narrowed if c.level == narrowed[0].level}) > 1:
            return None  # 西湖区 of 杭州 or of 南昌: the article does not say
        chosen.append(narrowed[0])
    last = chosen[-1]
    if last.level == "district" and last.parent in _PLACEHOLDER_PARENTS:
        # 万宁市, 仙桃市: a county-level city directly under its province (the table files it under
        # a placeholder, 省直辖行政区划) is named on its own, like a city
        return Place(last.name, "city", last.name)
    if last.level == "district":
        city = last.parent
        return Place(city + last.name, "district", city)
    if last.level == "city":
        return Place(last.name, "city", last.name)
    return Place(last.name, "province", None)


def name_authority(m: Mention, gaz: Gazetteer, context_cities: set[str]) -> None:
    forms = m.attrs.get("loc_forms")
    if not forms:
        return
    place = place_for(forms, gaz, context_cities)
    suffix = m.attrs["suffix"]
    if suffix == "警方":
        # the police of a place: an urban district's is a 分局 of the city's 公安局; a county's, or a
        # county-level city's, is a 公安局 of its own (江华瑶族自治县公安局, 昆山市公安局)
        suffix = "公安分局" if place is not None and place.level == "district" and place.name.endswith("区") \
            else "公安局"
        m.attrs["suffix"] = suffix
    if place is None:
        m.name = "".join(forms) + suffix
        return
    m.attrs["level"] = place.level
    m.attrs["jurisdiction"] = place.name
    if suffix == "公安分局" and place.level == "district" and place.city:
        district = place.name[len(place.city):]
        short = district[:-1] if len(district) > 2 and district.endswith(("区", "县")) else district
        m.name = f"{place.city}公安局{short}分局"
        m.attrs["parent_authority"] = f"{place.city}公安局"
    else:
        m.name = place.name + suffix
        if suffix.startswith("公安局") and place.level == "district" and place.city:
            m.attrs["parent_authority"] = f"{place.city}公安局"


def context_cities(mentions: list[Mention], gaz: Gazetteer, text: str) -> set[str]:
    cities = set()
    for m in mentions:
        for form in m.attrs.get("loc_forms", []):
            for loc in gaz.location_by_name.get(form, []):
                if loc.level == "city":
                    cities.add(loc.name)
    for name in ("北京市", "上海市", "天津市", "重庆市"):
        if name[:2] in text:
            cities.add(name)
    return cities


class _Union:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _better(a: str, b: str, gaz_names: set[str]) -> str:
    def key(n: str):
        return (n in gaz_names, n.endswith("公司"), len(n), n)
    return max(a, b, key=key)


def tie_names(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[tuple[str, str, str]]:
    """Fold names the text ties together; returns the ties (label, alias, canonical) it used."""
    by_label: dict[str, list[Mention]] = {}
    for m in mentions:
        by_label.setdefault(m.label, []).append(m)
    ties: list[tuple[str, str, str]] = []
    for label, ms in by_label.items():
        if label not in ("Company", "Authority", "Regulation"):
            continue
        uf = _Union()
        gaz_names = {m.name for m in ms if m.source == "gazetteer"}
        for m in ms:
            uf.find(m.name)
        strong = [m for m in ms if not m.weak]
        for m in strong:  # defined short names (以下简称…)
            if m.attrs.get("short_for"):
                if not kept_apart(gaz, label, m.name, m.attrs["short_for"]):
                    uf.union(m.name, m.attrs["short_for"])
        # adjacent ties: X全称为“Y”, Y（以下简称“X”）
        for a, b in zip(ms, ms[1:]):
            if b.start - a.end > 12:
                continue  # (most neighbours are far apart: no slice of the text for them)
            between = text[a.end:b.start]
            # 可口可樂中國有限公司 Coca-Cola China Limited: a legal name and its English legal name
            bilingual = label == "Company" and between.strip(" \u3000") == "" and \
                a.name.endswith("公司") and b.name.isascii() and b.attrs.get("legal")
            if (_TIE_AFTER.match(between) or _TIE_PAREN.match(between) or bilingual) \
                    and not (a.weak or b.weak) and not _two_known(a, b, gaz) \
                    and not kept_apart(gaz, label, a.name, b.name):
                uf.union(a.name, b.name)
        if label == "Company":
            legal = [m for m in strong if m.attrs.get("legal") or m.name.endswith("公司")]
            for m in strong:
                # 魔蝎公司 inside 杭州魔蝎数据科技有限公司
                if m.text.endswith("公司") and not m.attrs.get("legal") and len(m.text) >= 4:
                    core = m.text[:-2]
                    for full in legal:
                        if full.name != m.name and core in full.name and m.source != "gazetteer":
                            uf.union(m.name, full.name)
            # 江苏银行股份有限公司北京分行 … 江苏银行北京分行, 屏南县农村信用合作联社 … 屏南农信社: a bank
            # and the short forms news gives it (see _bank_short_forms)
            banks = [m for m in strong if "行" in m.name or "联社" in m.name]
            present = {m.name for m in strong} if banks else set()
            for m in banks:
                if "银行" in m.name or "联社" in m.name:
                    for short in _bank_short_forms(m.name):
                        if short in present:
                            uf.union(m.name, short)
            # 建行分行 (a headline) … 建设银行安阳分行: a branch written without its place is the one
            # branch of that bank the article names (none tied when it names two)
            for m in banks:
                if m.name.endswith("分行") and len(m.name) <= 6 and "银行" not in m.name[:-2] or \
                        m.name.endswith("银行分行"):
                    head = m.name[:-2]
                    heads = {head} | {f for f, sh in _BIG_BANK_SHORT if sh == head}
                    branches = {n for n in present if n != m.name and n.endswith(("分行", "支行")) and
                                len(n) > len(m.name) and n.startswith(tuple(heads))}
                    if len(branches) == 1:
                        uf.union(m.name, branches.pop())
            # 河南某公司 (a digest item's headline) … 我市某公司 → 郑州某公司 (its text, after the 郑州市网信办):
            # one party, named once by its province and once by its city, within one item
            # (distinct names grouped by what follows 某: few pairs to try, however often each recurs)
            by_tail: dict[str, dict[str, list[int]]] = {}
            for m in strong:
                if "某" in m.name and m.start >= 0 and m.attrs.get("anonymised"):
                    k = m.name.index("某")
                    by_tail.setdefault(m.name[k:], {}).setdefault(m.name[:k], []).append(m.start)
            for tail, places in by_tail.items():
                if len(places) < 2:
                    continue
                for pa, starts_a in places.items():
                    for pb, starts_b in places.items():
                        if _place_within(gaz, pb, pa) and \
                                any(abs(x - y) <= 400 for x in starts_a for y in starts_b):
                            uf.union(pa + tail, pb + tail)
            # a one-character typo of a name already tied in this article (悠洛客 / 悠络客)
            names = sorted({m.name for m in strong if m.source != "gazetteer" and len(m.name) >= 3})
            # the same Latin name in another case (VeriSource / Verisource Services, Inc.)
            folded: dict[str, str] = {}
            for x in names:
                if x.isascii():
                    y = folded.setdefault(x.casefold(), x)
                    if y != x:
                        uf.union(y, x)
            # VeriSource … VeriSource Services, Inc.: the head of a Latin legal name is that company
            latin_legal = [m.name for m in legal if m.name.isascii()]
            for x in names:
                for y in latin_legal:
                    if x != y and x.isascii() and y.casefold().startswith((x.casefold() + " ", x.casefold() + ",")):
                        uf.union(x, y)
            # (only names of the same length, first and last character can be such typos)
            alike: dict[tuple[int, str, str], list[str]] = {}
            for x in names:
                alike.setdefault((len(x), x[0], x[-1]), []).append(x)
            for group in alike.values():
                for i, x in enumerate(group):
                    for y in group[i + 1:]:
                        if Levenshtein.distance(x, y) == 1 and re.search(r"[\u4e00-\u9fff]", x):
                            uf.union(x, y)
        groups: dict[str, list[str]] = {}
        for n in list(uf.parent):
            groups.setdefault(uf.find(n), []).append(n)
        canon: dict[str, str] = {}
        # an anonymised party (当地一家房地产公司（通报中称“A公司”）) is folded in this article only: its
        # words name other parties elsewhere, so the tie is not returned to be learned for all articles
        local: set[str] | None = None
        for members in groups.values():
            best = members[0]
            for n in members[1:]:
                best = _better(best, n, gaz_names)
            if len(members) > 1 and local is None:
                local = {m.name for m in ms if m.attrs.get("anonymised")}
            anonymous = len(members) > 1 and local and local.intersection(members)
            for n in members:
                canon[n] = best
                if n != best and not anonymous:
                    ties.append((label, n, best))
        for m in ms:
            if canon.get(m.name, m.name) != m.name:
                m.attrs.setdefault("alias_of", canon[m.name])
                m.name = canon[m.name]
    return ties


_LEGAL_SUFFIX = re.compile(r"(?:有限公司|有限责任公司|股份有限公司)$")
_BANK_LEGAL_INSIDE = re.compile(r"(银行)(?:股份有限公司|有限责任公司|有限公司)(?=.{2,8}[分支]行$)")
_BANK_KIND_SHORT = ((re.compile(r"农村商业银行(?:股份有限公司)?$"), ("农商银行", "农商行")),
                    (re.compile(r"农村信用(?:合作)?联社$"), ("农信社", "农信联社")),
                    (re.compile(r"银行股份有限公司$"), ("银行",)))


_BIG_BANK_SHORT = (("中国工商银行", "工行"), ("工商银行", "工行"), ("中国建设银行", "建行"), ("建设银行", "建行"),
                   ("中国农业银行", "农行"), ("农业银行", "农行"), ("中国银行", "中行"), ("交通银行", "交行"),
                   ("招商银行", "招行"))


def _place_within(gaz: Gazetteer, inner: str, outer: str) -> bool:
    """郑州 lies in 河南 (a city's or district's parent province or city is ``outer``)."""
    if not inner or not outer or inner == outer:
        return False
    outs = {loc.name for loc in gaz.location_by_name.get(outer, ()) if loc.level in ("province", "city")}
    return any(loc.parent in outs and loc.level in ("city", "district")
               for loc in gaz.location_by_name.get(inner, ()))


def _bank_short_forms(name: str) -> set[str]:
    """The short forms of a bank's name: 江苏银行股份有限公司北京分行 → 江苏银行北京分行;
    屏南县农村信用合作联社 → 屏南县农信社, 屏南农信社; 北京农村商业银行 → 北京农商银行, 北京农商行."""
    out = set()
    inner = _BANK_LEGAL_INSIDE.sub(r"\1", name)
    if inner != name:
        out.add(inner)
    for full, short in _BIG_BANK_SHORT:  # 中国银行福建省分行 → 中行福建省分行
        if inner.startswith(full) and len(inner) > len(full) + 2:
            out.add(short + inner[len(full):])
            break
    for kind, shorts in _BANK_KIND_SHORT:
        k = kind.search(name)
        if not k:
            continue
        place = name[:k.start()]
        places = {place}
        if len(place) >= 3 and place[-1] in "县市":
            places.add(place[:-1])
        out.update(p + x for p in places for x in shorts if len(p) >= 2)
    return out


def kept_apart(gaz: Gazetteer, label: str, a: str, b: str) -> bool:
    """Names no tie may fold together: a registered legal name is its own company, neither another
    registered name (a subsidiary is not its parent) nor a known entity the gazetteer does not
    give it to, unless the two are one-character variants (上海悠洛客… / 上海悠络客…)."""
    if label != "Company" or a == b:
        return False
    a_legal, b_legal = _LEGAL_SUFFIX.search(a), _LEGAL_SUFFIX.search(b)
    if a_legal and b_legal:
        return not (len(a) == len(b) and Levenshtein.distance(a, b) <= 1)
    return bool((a_legal and gaz.get(label, b) is not None) or (b_legal and gaz.get(label, a) is not None))


def _two_known(a: Mention, b: Mention, gaz: Gazetteer) -> bool:
    return a.source == "gazetteer" and b.source == "gazetteer" and a.name != b.name
