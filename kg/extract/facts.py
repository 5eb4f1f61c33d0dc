"""Stage 3: facts between mentions, each with the sentence it was read from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from loaders.article import Article, Span

from .mentions import Mention
from .numbers import Amount, as_int, find_counts, find_money

Key = tuple[str, str]  # (label, canonical name)


@dataclass
class Fact:
    type: str
    start: Key
    end: Key
    sentence: Span
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class PenaltyFact:
    target: Key
    authority: Key | None
    regulation: Key | None
    amount_cny: int | None
    kind: str
    sentence: Span
    currency: str | None = None
    amount: int | None = None
    decided_at: str | None = None


# A sentence about what *may* happen, or a law's scale of penalties, is not a penalty imposed.
_HYPOTHETICAL = re.compile(r"拟|可处|可以处|最高可|或将|可能|将面临|面临|应当|否则|可罚|如果|若|一旦|将被|将处|"
                           r"以下罚款|以上罚款|以下或者|以下的罚款|不得|建议|呼吁|希望|曾警告|是否|会不会|如何")
# the wording of a law ("…的，由…责令改正…") rather than a decision
_LAW_TEXT = re.compile(r"的，由|情节严重|违反本(法|条例|办法|规定)|依照本(法|条例)")
_PERSON_AFTER = re.compile(r"\s*(?:的)?(?:董事长|总裁|副总裁|CEO|首席|法定代表人|负责人|员工|高管|创始人|总经理|实际控制人|技术总监)")
_RANGE = re.compile(r"(?P<lo>[\d.,]+|[一二两三四五六七八九十百千]+)\s*(?P<lmag>万|亿)?元?以上\s*"
                    r"(?P<hi>[\d.,]+|[一二两三四五六七八九十百千]+)\s*(?P<hmag>万|亿)?元?以下(?:的)?罚款")
_PENALTY_WORD = re.compile(r"罚款|罚金|没收|警告|责令|处罚|罚单")
_KINDS = (("罚金", "罚金"), ("罚款|罚单", "罚款"), ("没收", "没收"), ("警告", "警告"),
          ("责令[^，。；]{0,12}(?:改正|整改)|限期改正|限期整改|(?:命令|下令|要求)[^，。；]{0,30}(?:停止|删除|整改|改正)",
           "责令改正"))
_PASSIVE = re.compile(r"被")
_EQUIV = re.compile(r"[（(]\s*约(?:合)?\s*(?:人民币)?\s*")
_LAW_VERB = re.compile(r"违反|依据|根据|依照|按照|违背")
_SUPPLY_AFTER = re.compile(r"^\s*[)）]?\s*(?:[（(][^）)]{1,20}[）)])?\s*(?:公司)?\s*(?:所?提供|生产|研发|开发|出品)?的\s*(?:[^，。；]{0,12}?)"
                           r"(?:产品|设备|摄像头|摄像设备|摄像机|系统|服务|SDK|sdk|技术|软件|解决方案)")
_SUPPLY_BEFORE = re.compile(r"(?:供应商|服务商|厂商|提供商|技术公司|第三方)\s*[（(]?\s*$")
_SUPPLY_VERB = re.compile(r"采购|购买|购置|使用|安装|引入|部署|接入|采用|嵌入")
_PROVIDES = re.compile(r"^\s*(?:为|向|给)\s*$")
_PROVIDES_AFTER = re.compile(r"^[^，。；]{0,20}?提供")
_PRODUCT = re.compile(r"(人脸识别[^，。；、的]{0,6}?(?:摄像头|摄像设备|摄像机|设备|系统|技术)|"
                      r"(?:摄像头|摄像设备|监控设备|客流统计系统|人脸识别系统|SDK|爬虫))")
_COLLECT_VERB = re.compile(r"采集|收集|获取|读取|抓取|保存|存储|储存|窃取|泄露|调用|上传|爬取|买卖|出售|贩卖|叫卖|"
                           r"监测|访问|拍摄|录入|收取|留存|使用")
_PERIOD = re.compile(r"((?:\d{4}年|今年|去年)?\d{1,2}月(?:\d{1,2}日)?\s*(?:至|到|-|—|~)\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?)")
_NEGATED = re.compile(r"不存在|未曾|并未|没有|否认|不会")


def _in(span: Span, m: Mention) -> bool:
    return span.start <= m.start and m.end <= span.end


def _key(m: Mention) -> Key:
    return (m.label, m.name)


class FactFinder:
    def __init__(self, article: Article, mentions: list[Mention]):
        self.a = article
        self.text = article.text
        self.mentions = mentions
        self.by_sentence: list[tuple[Span, list[Mention]]] = []
        i = 0
        ms = sorted(mentions, key=lambda m: m.start)
        for s in article.sentences:
            inside = []
            while i < len(ms) and ms[i].start < s.end:
                if ms[i].start >= s.start:
                    inside.append(ms[i])
                i += 1
            self.by_sentence.append((s, inside))
        self.penalties: list[PenaltyFact] = []
        self.facts: list[Fact] = []
        self.ranges: list[tuple[Key, str, Span]] = []

    # -- salience ------------------------------------------------------------------
    def main_company(self, before: int | None = None) -> Mention | None:
        """The company the article is about: a penalty target, else the most mentioned company."""
        for p in self.penalties:
            for m in self.mentions:
                if _key(m) == p.target:
                    return m
        counts: dict[Key, int] = {}
        first: dict[Key, Mention] = {}
        for m in self.mentions:
            if m.label == "Company" and (before is None or m.start < before):
                counts[_key(m)] = counts.get(_key(m), 0) + 1
                first.setdefault(_key(m), m)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], -first[k].start))
        return first[best]

    def _recent(self, label: str, pos: int, *, within: int = 2000) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.label == label and m.end <= pos and pos - m.end <= within and not m.weak:
                best = m
        return best

    # -- penalties -----------------------------------------------------------------------
    def find_penalties(self) -> None:
        for idx, (s, ms) in enumerate(self.by_sentence):
            sent = s.of(self.text)
            if not _PENALTY_WORD.search(sent):
                continue
            for r in _RANGE.finditer(sent):
                reg = self._regulation_near(idx, any_verb=True)
                if reg:
                    self.ranges.append((reg, r.group(0), s))
            if _RANGE.search(sent) or _HYPOTHETICAL.search(sent) or _LAW_TEXT.search(sent):
                continue
            kinds = [k for word, k in _KINDS if re.search(word, sent)]
            if not kinds:
                continue
            targets = self._targets(s, sent, ms)
            if not targets:
                continue
            authority = self._authority(s, sent, ms, targets[0])
            reg = self._regulation_near(idx)
            # another party's clause ends this one's (…罚款，对其董事长…各处100万元罚款)
            bounds = sorted({m.start for m in ms if m.label == "Company" and m not in targets and
                             (_PERSON_AFTER.match(self.text, m.end) or
                              self.text[max(s.start, m.start - 2):m.start].endswith("对"))} | {s.end})
            for target in targets:
                stop = next((b for b in bounds if b > target.end), s.end)
                if len(targets) > 1 and re.search(r"分别|各", sent):
                    stop = s.end
                money = find_money(self.text, target.end, stop)
                for kind in kinds:
                    amount_cny, currency, amount = self._amount(money, kind)
                    if kind in ("罚款", "罚金") and amount_cny is None and amount is None:
                        continue  # "罚款" without an amount is a word, not a decision we can record
                    pf = PenaltyFact(_key(target), _key(authority) if authority else None, reg,
                                     amount_cny, kind, s, currency, amount, self.a.published_at)
                    if not any((p.target, p.authority, p.amount_cny, p.kind) ==
                               (pf.target, pf.authority, pf.amount_cny, pf.kind) for p in self.penalties):
                        self.penalties.append(pf)

    def _amount(self, money: list[Amount], kind: str) -> tuple[int | None, str | None, int | None]:
        if kind in ("警告", "责令改正") or not money:
            return None, None, None
        if kind == "没收":
            near = [a for a in money if "没收" in self.text[max(0, a.start - 12):a.end + 8]]
            if not near:
                return None, None, None
            money = near
        else:
            near = [a for a in money if re.search(r"罚款|罚金", self.text[max(0, a.start - 10):a.end + 24])
                    and "没收" not in self.text[a.end:a.end + 6]]
            money = near or []
            if not money:
                return None, None, None
        first = money[0]
        if first.currency == "CNY":
            return as_int(first.value), "CNY", as_int(first.value)
        # 750 万英镑（约 6277.5 万元人民币）: the yuan figure the article gives
        for other in money[1:]:
            gap = self.text[first.end:other.start]
            if other.currency == "CNY" and len(gap) <= 8 and _EQUIV.search(gap):
                return as_int(other.value), first.currency, as_int(first.value)
        return None, first.currency, as_int(first.value)

    def _targets(self, s: Span, sent: str, ms: list[Mention]) -> list[Mention]:
        comps = [m for m in ms if m.label == "Company" and not m.weak and
                 not _PERSON_AFTER.match(self.text, m.end)]
        found: list[Mention] = []
        for m in comps:
            before = self.text[max(s.start, m.start - 8):m.start]
            if re.search(r"(?:对|被告单位|给予|责令|命令|下令|要求)[^，。；、]{0,6}$", before):
                found.append(m)
                break
        if not found:
            for bei in re.finditer(r"被[^，。；]{0,30}?(?:罚|处|警告|没收|责令)", sent):
                pos = s.start + bei.start()
                # the subject, not the object of 使用/采购 (…因使用X提供的摄像头，被…罚款)
                before = [m for m in comps if m.end <= pos and
                          not _SUPPLY_VERB.search(self.text[max(s.start, m.start - 4):m.start])]
                if before:
                    found.append(before[-1])
                    break
        if not found and re.search(r"当事人|该公司|该企业|对其|责令其|给予其", sent):
            m = self._recent("Company", s.start + (re.search(r"当事人|该公司|该企业|对其|责令其|给予其", sent).start()),
                             within=400)
            if m and not _PERSON_AFTER.match(self.text, m.end):
                found.append(m)
        if not found and len({_key(m) for m in comps}) == 1 and re.search(r"处以|处罚|罚款|罚金|警告", sent):
            found.append(comps[0])
        if not found:
            return []
        # a list of parties: A、B、C三家企业，分别被处以…
        out = list(found)
        for m in comps:
            last = out[-1]
            if m.start >= last.end and re.fullmatch(r"\s*[、和及与]\s*", self.text[last.end:m.start]):
                out.append(m)
        first = out[0]
        for m in reversed([c for c in comps if c.end <= first.start]):
            if re.fullmatch(r"\s*[、和及与]\s*", self.text[m.end:out[0].start]):
                out.insert(0, m)
        seen, uniq = set(), []
        for m in out:
            if _key(m) not in seen:
                seen.add(_key(m))
                uniq.append(m)
        return uniq

    def _authority(self, s: Span, sent: str, ms: list[Mention], target: Mention) -> Mention | None:
        auths = [m for m in ms if m.label == "Authority"]
        for m in auths:  # 被<authority>罚款
            if self.text[max(s.start, m.start - 2):m.start].endswith("被"):
                return m
        before = [m for m in auths if m.end <= target.start]
        if before:
            return before[-1]
        if auths:
            return auths[0]
        courts = [m for m in self.mentions if m.label == "Authority" and "法院" in m.name]
        if re.search(r"判处|判决|本院", sent) and courts:
            return courts[0]
        return self._recent("Authority", s.start)

    def _regulation_near(self, idx: int, any_verb: bool = False) -> Key | None:
        """The law a sentence rests on: named in it, or in the same paragraph after 违反/依据/根据."""
        s, ms = self.by_sentence[idx]
        regs = [m for m in ms if m.label == "Regulation"]
        if regs:
            return _key(regs[0])
        order = sorted(range(len(self.by_sentence)), key=lambda j: (abs(j - idx), j))
        for j in order[1:]:
            s2, ms2 = self.by_sentence[j]
            if not self._same_paragraph(s, s2):
                continue
            regs = [m for m in ms2 if m.label == "Regulation"]
            if regs and (any_verb or _LAW_VERB.search(s2.of(self.text))):
                return _key(regs[0])
        if any_verb:
            m = self._recent("Regulation", s.start, within=600)
            return _key(m) if m else None
        return None

    def _same_paragraph(self, a: Span, b: Span) -> bool:
        for p in self.a.paragraphs:
            if p.start <= a.start < p.end:
                return p.start <= b.start < p.end
        return False

    # -- vendor links ------------------------------------------------------------------
    def find_supplied(self) -> None:
        for s, ms in self.by_sentence:
            sent = s.of(self.text)
            if _NEGATED.search(sent):
                continue
            comps = [m for m in ms if m.label == "Company"]
            strong = [m for m in comps if not m.weak]
            if not strong:
                continue
            links: list[tuple[Mention, Mention]] = []
            verb = _SUPPLY_VERB.search(self.text, s.start, s.end)
            for v in strong:
                after = self.text[v.end:s.end]
                before = self.text[s.start:v.start]
                if _SUPPLY_AFTER.match(after) and (_SUPPLY_VERB.search(before) or _SUPPLY_BEFORE.search(before)):
                    clients = [m for m in strong if m.end <= v.start and _key(m) != _key(v)
                               and (verb is None or m.end <= verb.start())]
                    client = clients[-1] if clients else self._penalised()
                    if client is not None:
                        links.append((v, client))
                    continue
                # <vendor>为<client>提供…
                nxt = [m for m in strong if m.start > v.end and _key(m) != _key(v)]
                if nxt and _PROVIDES.match(self.text[v.end:nxt[0].start]) and \
                        _PROVIDES_AFTER.match(self.text[nxt[0].end:s.end]):
                    links.append((v, nxt[0]))
            # <client>…使用了该公司…的摄像头: the vendor is the sentence's other company
            if not links and verb and re.match(r"(?:了)?(?:该公司|其|他们|对方)[^，。；]{0,16}?的?[^，。；]{0,10}?"
                                               r"(?:摄像头|摄像设备|设备|系统|产品|SDK|软件)",
                                               self.text[verb.end():s.end]):
                clients = [m for m in strong if m.end <= verb.start()]
                if clients:
                    client = clients[-1]
                    vendors = [m for m in strong if _key(m) != _key(client)]
                    if vendors:
                        links.append((vendors[0], client))
            for v, client in links:
                if _key(client) == _key(v):
                    continue
                prod = _PRODUCT.search(sent) or _PRODUCT.search(self.text, 0, s.start)
                self.facts.append(Fact("SUPPLIED", _key(v), _key(client), s,
                                       {"product": prod.group(0) if prod else None}))
                v.attrs.setdefault("roles", ["vendor"])

    def _penalised(self) -> Mention | None:
        """The fined party, when a vendor's client is not named in the sentence (誤采购…悠洛客的产品)."""
        if not self.penalties:
            return None
        key = self.penalties[0].target
        return next((m for m in self.mentions if _key(m) == key), None)

    # -- data collected --------------------------------------------------------------
    def find_collected(self) -> None:
        for s, ms in self.by_sentence:
            cats = [m for m in ms if m.label == "DataCategory"]
            if not cats or not _COLLECT_VERB.search(s.of(self.text)) or _NEGATED.search(s.of(self.text)):
                continue
            verb = _COLLECT_VERB.search(self.text, s.start, s.end)
            comps = [m for m in ms if m.label == "Company" and not m.weak and m.start < verb.start()
                     and not _PERSON_AFTER.match(self.text, m.end)]
            company = comps[-1] if comps else None
            if company is None and not [m for m in ms if m.label == "Company"]:
                # the subject carries over from the paragraph's previous sentence (该公司…, 其…)
                prev = self._recent("Company", s.start, within=160)
                if prev is not None and self._same_paragraph(s, Span(prev.start, prev.end)):
                    company = prev
            if company is None:
                continue
            counts = find_counts(self.text, s.start, s.end)
            period = _PERIOD.search(s.of(self.text))
            seen = set()
            for c in cats:
                if c.name in seen or (c.name == "个人信息" and len(cats) > 1):
                    continue
                seen.add(c.name)
                near = [n for n in counts if abs(n.start - c.end) <= 12 or abs(c.start - n.end) <= 12]
                props: dict[str, Any] = {"count": None, "approximate": None, "period": None}
                if near:
                    props["count"] = as_int(near[0].value)
                    props["approximate"] = near[0].approximate
                if period:
                    props["period"] = period.group(1)
                self.facts.append(Fact("COLLECTED", _key(company), _key(c), s, props))

    # -- structure -------------------------------------------------------------------
    def find_structure(self, gaz) -> None:
        seen: set[tuple[str, Key, Key]] = set()

        def add(t, a, b, span, props=None):
            if (t, a, b) not in seen and a != b:
                seen.add((t, a, b))
                self.facts.append(Fact(t, a, b, span, props or {}))

        companies = {}
        for m in self.mentions:
            if m.label == "Company" and not m.weak:
                companies.setdefault(m.name, m)
        for name, m in companies.items():
            span = self.a.sentence_at(m.start) or Span(m.start, m.end)
            e = gaz.get("Company", name)
            parent = e.attrs.get("parent") if e else None
            if parent and parent in companies:
                # only where the text supports it: both named in one sentence, or the
                # legal name carries the brand (上海小鹏汽车销售服务有限公司 → 小鹏汽车)
                both = [s for s, ms in self.by_sentence
                        if {name, parent} <= {x.name for x in ms if x.label == "Company"}]
                pe = gaz.get("Company", parent)
                forms = [parent, *(pe.weak_aliases if pe else [])]
                if both or any(len(f) >= 2 and f in name for f in forms):
                    add("SUBSIDIARY_OF", ("Company", name), ("Company", parent), both[0] if both else span)
            elif name.endswith("公司"):
                for other, om in companies.items():
                    oe = gaz.get("Company", other)
                    if other == name or other.endswith("公司") or not oe or oe.attrs.get("parent") == name:
                        continue
                    if any(len(f) >= 2 and f in name for f in [other, *oe.weak_aliases]):
                        add("SUBSIDIARY_OF", ("Company", name), ("Company", other), span)
        for m in self.mentions:
            span = self.a.sentence_at(m.start) or Span(m.start, m.end)
            if m.label == "Authority":
                if m.attrs.get("jurisdiction"):
                    add("JURISDICTION", _key(m), ("Location", m.attrs["jurisdiction"]), span,
                        {"_level": m.attrs.get("level")})
                parent = m.attrs.get("parent_authority") or (
                    gaz.get("Authority", m.name).attrs.get("parent") if gaz.get("Authority", m.name) else None)
                if parent:
                    add("PART_OF", _key(m), ("Authority", parent), span)
            elif m.label == "Company" and m.attrs.get("place"):
                add("LOCATED_IN", _key(m), ("Location", m.attrs["place"][0]), span,
                    {"_level": m.attrs["place"][1]})
