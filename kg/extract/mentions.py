"""Stage 1: find entity mentions (with character offsets) in an article's text.

Recognition is gazetteer lookup plus patterns; jieba is used only to find the
left edge of a company's legal name, the one place where segmentation pays.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jieba

from ..gazetteer import Gazetteer

jieba.setLogLevel(60)

HAN = "\u4e00-\u9fff"


@dataclass
class Mention:
    label: str
    text: str
    start: int
    end: int
    name: str  # canonical within the article (stage 2 may change it)
    extra_labels: tuple[str, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)
    weak: bool = False  # matched only a weak alias
    source: str = "pattern"  # gazetteer | pattern | quoted | metadata


# --- company legal names -------------------------------------------------------
_COMPANY_SUFFIX = re.compile(
    r"(?:（(?:中国|北京|上海|深圳|广州|杭州|香港|天津)）)?"
    r"(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司)")
_LEFT_STOP = set("""被告单位 被告 单位 当事人 对 被 由 向 与 和 及 以及 是 为 将 称 据 经 在 从 于 即 系 旗下 其 该
这家 一家 包括 其中 等 或 近日 日前 此前 目前 今年 去年 此外 另外 同时 所属 隶属 所在 来自 通过 使用 采购 购买 起诉
处罚 罚款 通报 约谈 要求 责令 指导 检查 发现 显示 表示 认为 发布 运营 开发 提供 负责 作为 全称 全称为 称为 简称 又称
名叫 叫做 名为 叫 注册 成立 位于 对该 涉事 涉及 了 的 是由 属于 针对 关于 据悉 报道 消息 官网 主体 母公司 子公司 企业
商家 门店 运营商 平台 供应商 服务商 厂商 第三方 判决 审理 认定 查明 指出 分别 均为 向其 对其 为此 此次 以下 简称为""".split())
_PAREN_PLACE = re.compile(r"[（(](?:中国|北京|上海|深圳|广州|杭州|香港|天津|重庆|苏州|南京|成都|武汉)[）)]")
_LEFT_BREAK = re.compile(r"[，。、；：:;,！？!?“”‘’\"'《》「」\s（）()\[\]【】·/|]")


@lru_cache(maxsize=1)
def _init_jieba(words: tuple[str, ...]) -> None:
    for w in words:
        jieba.add_word(w, freq=2000)


def _company_left_edge(text: str, suffix_start: int, limit: int = 28) -> int:
    lo = max(0, suffix_start - limit)
    # a place in brackets inside the name (同方知网（北京）技术有限公司) does not end it
    window = _PAREN_PLACE.sub(lambda m: "地" * len(m.group(0)), text[lo:suffix_start])
    # a parenthesised place inside the name (百度在线网络技术（北京）有限公司) is not a break
    brk = None
    for m in _LEFT_BREAK.finditer(window):
        brk = m
    start = lo + (brk.end() if brk else 0)
    tokens = list(jieba.cut(text[start:suffix_start], HMM=False))
    pos = start
    cut = start
    for tok in tokens:
        pos += len(tok)
        if tok in _LEFT_STOP or re.fullmatch(r"\d+(年|月|日|号)?|[年月日]", tok):
            cut = pos
    return cut


# --- authorities ---------------------------------------------------------------
# surface suffix → (canonical suffix, kind)
AUTHORITY_SUFFIXES = {
    "市场监督管理局": ("市场监督管理局", "market_regulator"),
    "市场监管局": ("市场监督管理局", "market_regulator"),
    "公安分局": ("公安分局", "police"),
    "公安局": ("公安局", "police"),
    "互联网信息办公室": ("互联网信息办公室", "cyberspace"),
    "网信办": ("互联网信息办公室", "cyberspace"),
    "通信管理局": ("通信管理局", "telecom"),
    "中级人民法院": ("中级人民法院", "court"),
    "高级人民法院": ("高级人民法院", "court"),
    "人民法院": ("人民法院", "court"),
    "人民检察院": ("人民检察院", "procuratorate"),
    "人大常委会": ("人民代表大会常务委员会", "legislature"),
    "人民代表大会常务委员会": ("人民代表大会常务委员会", "legislature"),
    "消费者权益保护委员会": ("消费者权益保护委员会", "consumer_council"),
    "消保委": ("消费者权益保护委员会", "consumer_council"),
    "消费者协会": ("消费者协会", "consumer_council"),
    "网安支队": ("公安局网络安全保卫支队", "police"),
    "公安厅": ("公安厅", "police"),
    "人民政府": ("人民政府", "government"),
    "教育局": ("教育局", "education"),
    "教育厅": ("教育厅", "education"),
    "卫生健康委员会": ("卫生健康委员会", "health"),
    "人力资源和社会保障局": ("人力资源和社会保障局", "labour"),
    "住房和城乡建设局": ("住房和城乡建设局", "housing"),
    "交通运输局": ("交通运输局", "transport"),
    "数据资源管理局": ("数据资源管理局", "data"),
    "大数据管理局": ("大数据管理局", "data"),
    "大数据局": ("大数据管理局", "data"),
    "网警支队": ("公安局网络安全保卫支队", "police"),
}
_FOREIGN_AUTH = re.compile(
    r"(?:英国|意大利|法国|爱尔兰|欧盟|美国|德国|荷兰|西班牙|韩国|日本|澳大利亚|加拿大|挪威|瑞典)"
    r"[^，。、；\s]{0,6}?(?:数据保护(?:监管)?(?:机构|委员会|局)|信息专员办公室|隐私(?:保护)?(?:监管)?(?:机构|委员会))")


# --- regulations ------------------------------------------------------------------
_BOOK = re.compile(r"《([^《》\n]{2,60})》")
_REG_END = re.compile(r"(法|条例|办法|规定|规范|标准|规则|细则|意见|通知|决定|解释|方法|指南|准则|指引|公约|条款)"
                      r"(（[^）]*）)?$")
_DRAFT = re.compile(r"草案|征求意见稿|送审稿")

# --- apps named in quotes --------------------------------------------------------------
_QUOTED_RUN = re.compile(r"((?:“[^“”\n]{1,20}”[、，,和及与]?\s*){1,40})(?:等\s*)?(?:(\d+|[一二两三四五六七八九十百]+)\s*款|(?:App|APP|app|应用程序|客户端))")
_QUOTED = re.compile(r"“([^“”\n]{1,20})”")
_ANON_COMPANY = re.compile(rf"(?<![{HAN}])[{HAN}]{{2,3}}某[{HAN}]{{1,8}}?(?:有限责任公司|有限公司|公司)(?:[（(][A-Za-z]公司[）)])?")
# 瑞景安全全称为“杭州瑞景安全科技有限公司”: the short name is a mention too
_FULL_NAME_CUE = re.compile(rf"(?:的)?(?:全称|全名)(?:为|是)?\s*[：:]?\s*[“\"「]?"
                            rf"(?=[{HAN}（）()]{{4,40}}(?:有限公司|有限责任公司))")
_SHORT_HEAD = re.compile(rf"[{HAN}A-Za-z0-9]{{2,8}}$")
# 一家房地产公司（通报中称“A公司”）: an anonymised party named by a letter
_LETTER_COMPANY = re.compile(r"[“\"]([A-Z]{1,2}(?:公司|企业))[”\"]")
_NAME_WITH_ACRONYM = re.compile(rf"([{HAN}]{{2,6}})[（(]([A-Z]{{2,6}})[）)]")
_LEFT_STOP_CHARS = set("对被由向据经在与和及是为将从于即其该等或了的")
_PLACE_END = re.compile(r"[省市区县州盟旗]")
_LATIN_BRAND = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z0-9&]+(?: [A-Z][A-Za-z0-9&]+){0,3})\s?(?=专卖店|旗舰店|门店|4S店|公司|集团)")
_SHORT_DEF = re.compile(r"\s*[（(]\s*(?:以下|下文)?(?:简称|下称)(?:为)?\s*[：:]?\s*[“\"「]?([^”\"」）)，,]{2,14})[”\"」]?\s*[）)]")
_APP_SUFFIX = re.compile(rf"([{HAN}A-Za-z0-9]{{2,12}})\s?(?:App|APP)(?![A-Za-z])")


class Recognizer:
    """Finds mentions in a text. Build once per gazetteer; reuse for every article."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        forms = {**{f: v for f, v in gaz.weak.items()}, **gaz.strong}
        self.forms = forms
        ordered = sorted(forms, key=lambda s: (-len(s), s))
        # one regex from a trie of all names: shared prefixes are tried once, and the
        # longest name wins because longer branches come first
        latin = [f for f in ordered if re.match(r"[A-Za-z0-9]", f) or re.search(r"[A-Za-z0-9]$", f)]
        han = [f for f in ordered if f not in set(latin)]
        self.gaz_res = [re.compile(_trie_regex(han))]
        if latin:  # a Latin name must not start or end inside a longer Latin word
            self.gaz_res.append(re.compile(rf"(?<![A-Za-z0-9])(?:{_trie_regex(latin)})(?![A-Za-z0-9])"))
        suffix_alt = "|".join(sorted(map(re.escape, AUTHORITY_SUFFIXES), key=len, reverse=True))
        self.auth_re = re.compile(rf"(?:{suffix_alt})")
        self.max_loc = max(map(len, gaz.location_by_name))
        self._foreign_forms = sorted((f for f, (lab, name) in gaz.strong.items() if lab == "Authority"
                                      and len(f) >= 5 and (gaz.get(lab, name) or None) is not None
                                      and gaz.get(lab, name).attrs.get("level") == "foreign"), key=len, reverse=True)
        locs = gaz.location_by_name
        self.full_places = {loc.name for loc in gaz.locations if len(loc.name) >= 3}
        self.max_full = max(map(len, self.full_places))
        _init_jieba(tuple(sorted(set(ordered) | set(locs) | {"有限公司", "股份有限公司"})))

    # -- public -------------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        found += self._gazetteer(text)
        found += self._authorities(text)
        found += self._foreign_authorities(text)
        found += self._companies(text)
        found += self._regulations(text)
        found += self._apps(text)
        found += self._locations(text)
        found += self._latin_brands(text)
        for m in _FULL_NAME_CUE.finditer(text):
            head = _SHORT_HEAD.search(text, max(0, m.start() - 8), m.start())
            if head:
                found.append(Mention("Company", head.group(0), head.start(), head.end(), head.group(0)))
        found += [Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1), attrs={"anonymised": True})
                  for m in _LETTER_COMPANY.finditer(text)]
        for m in _NAME_WITH_ACRONYM.finditer(text):  # 对知网（CNKI）: a name introduced with its acronym
            start = m.start(1)
            for i in range(m.end(1) - 3, m.start(1) - 1, -1):  # after the last function word
                if text[i] in _LEFT_STOP_CHARS:
                    start = i + 1
                    break
            name = text[start:m.end(1)]
            found.append(Mention("Company", name, start, m.end(1), name))
            found.append(Mention("Company", m.group(2), m.start(2), m.end(2), m.group(2), attrs={"short_for": name}))
        kept = _resolve_overlaps(found)
        return _resolve_overlaps(kept + self._defined_short_names(text, kept))

    def _locations(self, text: str) -> list[Mention]:
        """Full place names (上海市, 徐汇区, 广东省); named later from the article's context."""
        out = []
        for m in _PLACE_END.finditer(text):
            end = m.end()
            for n in range(min(self.max_full, end), 2, -1):
                if text[end - n:end] in self.full_places:
                    name = text[end - n:end]
                    out.append(Mention("Location", name, end - n, end, name, attrs={"loc_forms": [name]}))
                    break
        return out

    def _latin_brands(self, text: str) -> list[Mention]:
        """Max Mara专卖店, Smart Eye公司: a Latin name directly before a shop or company word."""
        return [Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1))
                for m in _LATIN_BRAND.finditer(text)]

    def _defined_short_names(self, text: str, found: list[Mention]) -> list[Mention]:
        """上海小鹏汽车销售服务有限公司（以下简称“小鹏销售公司”）: every later 小鹏销售公司 is that company."""
        out = []
        for m in found:
            if m.label not in ("Company", "Authority"):
                continue
            d = _SHORT_DEF.match(text, m.end)
            if not d:
                continue
            short = d.group(1).strip()
            if len(short) < 2 or short == m.name:
                continue
            for occ in re.finditer(re.escape(short), text):
                out.append(Mention(m.label, short, occ.start(), occ.end(), short,
                                   m.extra_labels, {"short_for": m.name}, source="pattern"))
        return out

    # -- recognisers ----------------------------------------------------------------
    def _gazetteer(self, text: str) -> list[Mention]:
        out = []
        for m in (m for r in self.gaz_res for m in r.finditer(text)):
            form = m.group(0)
            weak = form not in self.gaz.strong
            label, name = (self.gaz.weak if weak else self.gaz.strong)[form]
            e = self.gaz.get(label, name)
            out.append(Mention(label, form, m.start(), m.end(), name,
                               tuple(e.attrs.get("extra_labels", ())) if e else (),
                               dict(e.attrs) if e else {}, weak, "gazetteer"))
        return out

    def _authorities(self, text: str) -> list[Mention]:
        out = []
        for m in self.auth_re.finditer(text):
            canon_suffix, kind = AUTHORITY_SUFFIXES[m.group(0)]
            start = m.start()
            if canon_suffix != "公安分局" and text.endswith("公安", 0, start) and kind == "police":
                start -= 2
            forms = []
            while len(forms) < 3:
                form = self._location_ending_at(text, start)
                if not form:
                    break
                forms.insert(0, form)
                start -= len(form)
            if not forms:
                continue  # "公安机关", a bare "网信办", "市公安局": too generic to name a node
            out.append(Mention("Authority", text[start:m.end()], start, m.end(), text[start:m.end()],
                               attrs={"loc_forms": forms, "suffix": canon_suffix, "kind": kind}))
        return out

    def _location_ending_at(self, text: str, end: int) -> str | None:
        for n in range(min(self.max_loc, end), 1, -1):
            if text[end - n:end] in self.gaz.location_by_name:
                return text[end - n:end]
        return None

    def _foreign_authorities(self, text: str) -> list[Mention]:
        out = []
        for m in _FOREIGN_AUTH.finditer(text):
            # 英国监管机构信息专员办公室 is the ICO of the gazetteer
            known = next((self.gaz.strong[f][1] for f in self._foreign_forms if f in m.group(0)), None)
            out.append(Mention("Authority", m.group(0), m.start(), m.end(), known or m.group(0),
                               attrs={"level": "foreign", "kind": "data_protection"}))
        return out

    def _companies(self, text: str) -> list[Mention]:
        out = [Mention("Company", m.group(0), m.start(), m.end(), m.group(0), attrs={"legal": True, "anonymised": True})
               for m in _ANON_COMPANY.finditer(text)]
        for m in _COMPANY_SUFFIX.finditer(text):
            left = _company_left_edge(text, m.start())
            name = text[left:m.end()]
            core = name[: -len(m.group(0))]
            if len(core) < 2 or not re.search(rf"[{HAN}A-Za-z]", core):
                continue
            out.append(Mention("Company", name, left, m.end(), name, attrs={"legal": True}))
        return out

    def _regulations(self, text: str) -> list[Mention]:
        out = []
        for m in _BOOK.finditer(text):
            title = re.sub(r"\s+", " ", m.group(1)).strip()
            if not _REG_END.search(title) or "白皮书" in title or "报告" in title:
                continue
            status = "draft" if _DRAFT.search(title) else None
            out.append(Mention("Regulation", m.group(0), m.start(), m.end(), title,
                               attrs={"status": status} if status else {}, source="quoted"))
        return out

    def _apps(self, text: str) -> list[Mention]:
        out = []
        for run in _QUOTED_RUN.finditer(text):
            for q in _QUOTED.finditer(text, run.start(1), run.end(1)):
                name = q.group(1).strip()
                if len(name) < 2 or _BOOK.search(name):
                    continue
                out.append(Mention("Company", name, q.start(1), q.end(1), name, ("App",), source="quoted"))
        return out


def _resolve_overlaps(ms: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (earliest on ties); gazetteer wins equal spans."""
    rank = {"gazetteer": 0, "quoted": 1, "pattern": 2, "metadata": 3}
    ms.sort(key=lambda m: (-(m.end - m.start), rank.get(m.source, 9), m.start))
    taken = bytearray(max((m.end for m in ms), default=0) + 1)
    keep = []
    for m in ms:
        if any(taken[m.start:m.end]):
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        keep.append(m)
    keep.sort(key=lambda m: m.start)
    return keep


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
            branches.append(re.escape(ch) + build(node[ch]))
        if not branches:
            return ""
        alt = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alt})?" if end else alt

    return build(trie)


def _depth(node: dict) -> int:
    return max((1 + _depth(v) for k, v in node.items() if k), default=0)
