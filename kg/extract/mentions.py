"""Stage 1: find entity mentions (with character offsets) in an article's text.

Recognition is gazetteer lookup plus patterns; jieba is used only to find the
left edge of a company's legal name, the one place where segmentation pays, and its
dictionary to tell an everyday word in quotes from an app's name.
"""
from __future__ import annotations

import heapq
import itertools
from operator import attrgetter
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from ahocorasick_rs import AhoCorasick, MatchKind

from ..gazetteer import Gazetteer
from .numbers import to_number
from .segmenter import Segmenter


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
_LEGAL_ENDINGS = r"(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司)"
# written as branches that each start with a literal, so that the regex engine skips ahead fast
# (中译语通科技（陕西）有限公司: any place of the gazetteer in the brackets, checked in Recognizer._companies)
_COMPANY_SUFFIX = re.compile(
    rf"（[{HAN}]{{2,3}}）" + _LEGAL_ENDINGS +
    r"|集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司")
_LEFT_STOP = set("""被告单位 被告 单位 诉 原告 当事人 对 被 由 向 受 与 和 及 以及 是 为 将 称 据 经 在 从 于 即 系 旗下 其 该
这家 一家 包括 其中 等 或 近日 日前 此前 目前 今年 去年 此外 另外 同时 所属 隶属 所在 来自 通过 使用 采购 购买 起诉
处罚 罚款 通报 约谈 要求 责令 指导 检查 发现 显示 表示 认为 发布 运营 开发 提供 负责 作为 全称 全称为 称为 简称 又称
名叫 叫做 名为 叫 注册 成立 位于 对该 涉事 涉及 了 的 是由 属于 针对 关于 据悉 报道 消息 官网 主体 母公司 子公司 企业
商家 门店 运营商 平台 供应商 服务商 厂商 第三方 判决 审理 认定 查明 指出 分别 均为 向其 对其 为此 此次 以下 简称为""".split())
_PAREN_PLACE = re.compile(r"[（(](?:中国|北京|上海|深圳|广州|杭州|香港|天津|重庆|苏州|南京|成都|武汉|亚洲|亚太|亚洲太平洋|"
                         r"国际|澳门|台湾|新加坡)[）)]")
_PAREN_ANY = re.compile(rf"[（(]([{HAN}]{{2,3}})[）)]")  # (a place of the gazetteer in brackets: 科技（陕西）)
# (the boundary between Latin letters or digits and Chinese characters inside a name: 58同城, 全民K歌)
_MIXED_SCRIPT = re.compile(rf"(?<=[A-Za-z0-9])(?=[{HAN}])|(?<=[{HAN}])(?=[A-Za-z0-9])")
_LEFT_BREAK = re.compile(r"[，。、；：:;,！？!?“”‘’\"'《》「」\s（）()\[\]【】·/|]")


_SEGMENTER: Segmenter | None = None


@lru_cache(maxsize=1)
def _init_jieba(words: tuple[str, ...]) -> None:
    global _SEGMENTER
    _SEGMENTER = Segmenter(words)
    _stop_cut.cache_clear()  # the segmentation of a cached segment may have changed
    _trade_core.cache_clear()


def _company_left_edge(text: str, suffix_start: int, limit: int = 28) -> int:
    lo = max(0, suffix_start - limit)
    # a place in brackets inside the name (同方知网（北京）技术有限公司) does not end it
    window = text[lo:suffix_start]
    if "（" in window or "(" in window:
        window = _PAREN_PLACE.sub(lambda m: "地" * len(m.group(0)), window)
        window = _PAREN_ANY.sub(lambda m: "地" * len(m.group(0)) if m.group(1) in _PLACE_WORDS else m.group(0), window)
    # a parenthesised place inside the name (百度在线网络技术（北京）有限公司) is not a break
    brk = None
    for m in _LEFT_BREAK.finditer(window):
        brk = m
    start = lo + (brk.end() if brk else 0)
    return start + _stop_cut(text[start:suffix_start])


_NUM_TOKEN = re.compile(r"\d+(年|月|日|号)?|[年月日]")


@lru_cache(maxsize=4096)
def _stop_cut(seg: str) -> int:
    """Offset in ``seg`` (the text between the last break and a legal-name suffix) after its
    last stop word (对, 被告单位, 2021年…): the name starts there. Segments recur (the same
    name after the same punctuation), so the jieba call is cached."""
    if len(seg) < 2:
        return len(seg) if seg in _LEFT_STOP or (seg and _NUM_TOKEN.fullmatch(seg)) else 0
    pos = cut = 0
    toks = _SEGMENTER.cut(seg)
    first = 0  # the token the name starts with
    for i, tok in enumerate(toks):
        pos += len(tok)
        if tok in _LEFT_STOP or _NUM_TOKEN.fullmatch(tok) or \
                tok == "以" and i + 1 < len(toks) and toks[i + 1] in _PLACE_WORDS:  # 以宁波保利…公司
            cut = pos
            first = i + 1
    if len(seg) - cut >= 10 and first < len(toks) and toks[first] not in _PLACE_WORDS:
        # 侯明强指使被告人郭辉破解北京字节跳动网络技术有限公司: a long run before the suffix that does not
        # start with a place, with a place after four or more characters of it — the clause before
        # the name ends there (a legal name starts with its place, or has it in brackets)
        pos = cut
        for tok in toks[first:]:
            if tok in _PLACE_WORDS and pos - cut >= 4 and len(seg) - pos >= 4:
                return pos
            pos += len(tok)
    return cut


_PLACE_WORDS: set[str] = set()  # filled by Recognizer from the locations table
# a legal name's core made only of trade words (科技, 网络信息技术) is a suffix, not a name
_GENERIC_CORE = re.compile(
    r"(?:科技|网络|信息|技术|电子|数据|文化|传媒|实业|投资|发展|服务|管理|咨询|贸易|商贸|控股|集团|软件|智能|"
    r"互联网|金融|电子商务|商务|计算机|通信|通讯|系统|工程|建设|置业|房地产|开发|物业|销售|汽车|医疗|健康|"
    r"教育|培训|餐饮|物流|供应链|新能源|环保|能源|广告|营销|人力资源|安全|保险|证券|基金|有限|股份|责任|总|分)+")
# the trade a firm's short name ends with (寿县永良米业公司, 北京旭日美业商贸公司, 新斯科舍电力公司), and words
# that describe a firm instead of naming it (see Recognizer._placed_firms)
_TRADE_TAIL = re.compile(r"(?:米业|粮油|食品|工贸|商贸|贸易|实业|电力|能源|航空|物流|快递|资产管理|投资|科技|网络|信息|技术|"
                         r"电子|数据|传媒|文化|医药|生物|医疗|健康|教育|置业|房地产|地产|物业|汽车|电讯|电信|通信|保险|证券|"
                         r"银行|金融|支付|软件|智能|互联网|电子商务|商务|服务|管理|咨询|发展|集团|控股|股份|工程|建设|制品|"
                         r"商贸|美业|餐饮|酒店|旅游|旅行|广告|营销|安全|环保|化工|制药|工控|广播|电视|出版|水务|燃气)+$")
_TRADE_ENDS = frozenset(w[-2:] for w in re.findall(rf"[{HAN}]+", _TRADE_TAIL.pattern))
_DESCRIPTIVE = re.compile(r"[一某该这那其各每本我等的多几个家所]|大型|中型|小型|知名|著名|最大|头部|主要|国有|民营|外资|跨国|上市|"
                          r"社交|媒体|当地|本地|境外|海外|国内|全球|涉事|相关|有关|同一|其他|一些|问题|违法|违规|"
                          r"第|[二三四五六七八九十两]大|最|公共|关注|合作|伙伴")
_QUOTE_IN_NAME = set("\"'\\`")  # straight quotes and backslashes; “ opens a quoted name
_MASKS = set("*＊×\\")  # a character hidden in a published name, and markdown's escape of *


# --- authorities ---------------------------------------------------------------
# a national financial regulator's local bureau (see Recognizer._financial_regulators)
_FIN_BUREAU_END = re.compile(r"(银保监局|证监局|金融监管局)|监管分局|监管局")
_FIN_PARENT = {"国家金融监督管理总局": "国家金融监督管理总局", "金融监管总局": "国家金融监督管理总局",
               "国家金融监管总局": "国家金融监督管理总局",
               "中国银行保险监督管理委员会": "中国银行保险监督管理委员会", "中国银保监会": "中国银行保险监督管理委员会",
               "银保监会": "中国银行保险监督管理委员会", "中国证监会": "中国证券监督管理委员会",
               "证监会": "中国证券监督管理委员会", "中国证券监督管理委员会": "中国证券监督管理委员会"}
_FIN_SHORT = {"银保监局": "中国银行保险监督管理委员会", "证监局": "中国证券监督管理委员会",
              "金融监管局": "国家金融监督管理总局"}
_FIN_REGULATOR_BEFORE = re.compile("(?:" + "|".join(sorted(_FIN_PARENT, key=len, reverse=True)) + ")$")
# a branch of a bank, named after its place: 珠海市分行, 南宁中心支行, 北京分公司 (see Recognizer._branches)
_BRANCH_END = re.compile(r"中心支行|分行|支行|营业管理部|分公司")
_CENTRAL_BANK_BEFORE = re.compile(r"(?:中国人民银行|人民银行|央行|人行)$")
# the bank (or company) a branch belongs to, written right before its place: 浙商银行股份有限公司, 招商银行
_BANK_BEFORE = re.compile(rf"(?<![{HAN}*＊×\\])[{HAN}](?:[{HAN}]|\\?[*＊×]){{1,11}}?(?:银行(?:股份有限公司|有限责任公司|有限公司)?|"
                          rf"(?:股份有限公司|有限责任公司|有限公司))$|"
                          # 中行福建省分行, 工行东营分行: a big bank's two-character short name
                          r"(?:中行|工行|建行|农行|交行|招行)$")
# a big bank's short name → its gazetteer name (the head of a branch, see FactFinder.find_structure)
BANK_SHORT = {"中行": "中国银行", "工行": "中国工商银行", "建行": "中国建设银行", "农行": "中国农业银行",
              "交行": "交通银行", "招行": "招商银行"}
# the bank a branch belongs to, written after a function word rather than punctuation:
# 对江苏银行股份有限公司北京分行作出… (the name starts after the stop word; see _company_left_edge)
_BANK_TAIL = re.compile(r"银行(?:股份有限公司|有限责任公司|有限公司)?$")
# a local bank or rural credit union named by its place: 邯郸银行, 山西运城农村商业银行, 定兴县农村信用联社,
# 屏南县农村信用合作联社 (the parties of most PBoC and NFRA data-security fines; see Recognizer._local_banks).
# Not 银行业 / 银行间 / 银行保险监督… (the sector, not a bank)
_BANK_NOT_AFTER = ("业", "间", "保", "监")
_UNION_HEADS = frozenset(("农村信用合作", "农村信用", "信用合作", "农村"))  # …联社, 农村信用社
# 央行相关分行, 金融监管总局当地监管分局: an unnamed local office of a national financial regulator
_UNNAMED_BRANCH = re.compile(r"(?:相关|有关|当地|属地|辖内)(?:的)?(?:分行|支行|分支机构|监管分局|监管局|派出机构)")
_NATIONAL_FIN = frozenset(("中国人民银行", "国家金融监督管理总局", "中国银行保险监督管理委员会", "中国证券监督管理委员会"))
# 网信南昌 / 重庆网信: a local cyberspace office's account (see Recognizer._cac_accounts); not 网信办,
# 网信部门, 网信委, 网信工作, 网信事业
_CAC_NOT_ACCOUNT = ("办", "部", "委", "工作", "事业", "系统", "领域", "干部", "中国")
_POLICE_BRANCH = re.compile(rf"([{HAN}]{{2,6}}?)分局")
_COURT_SITE = re.compile(r"网|裁判文书|官网|审判信息|公众号")
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
    # 衡水市市场监督管理综合执法局: the inspection arm of a market regulator, named in its reports
    "市场监督管理综合执法局": ("市场监督管理综合执法局", "market_regulator"),
    # 瓯海警方, 瓯海公安: the police of a place (a district's 分局, a city's 公安局)
    "警方": ("警方", "police"),
    "公安": ("警方", "police"),
}
# a bare 公安 names the police only when no other word follows (公安局, 公安机关, 公安干警)
_AUTH_LOOKAHEAD = {"公安": r"(?![局厅部]|分局|机关|干警|民警|人员|系统|部门|网|大学|院校)"}
_LEVEL_WORDS = {"省": "province", "市": "city", "区": "district", "县": "district"}
_FOREIGN_COUNTRY = (r"(?:英国|意大利|法国|爱尔兰|欧盟|美国|德国|荷兰|西班牙|韩国|日本|澳大利亚|澳洲|加拿大|挪威|瑞典|印度|"
                    r"新加坡|瑞士|比利时|奥地利|波兰|丹麦|芬兰|葡萄牙|希腊|卢森堡|新西兰|巴西|俄罗斯|土耳其|冰岛|捷克|"
                    r"匈牙利|罗马尼亚|克罗地亚|立陶宛|拉脱维亚|爱沙尼亚|马耳他|塞浦路斯|斯洛伐克|斯洛文尼亚|保加利亚|"
                    r"以色列|南非|泰国|越南|马来西亚|印度尼西亚|印尼|菲律宾|墨西哥|阿根廷|智利|哥伦比亚)")
_FOREIGN_SUFFIX = (r"(?:数据保护(?:监管)?(?:机构|委员会|局|专员(?:办公室)?)|信息专员(?:办公室)?|"
                   r"隐私(?:保护)?(?:监管)?(?:机构|委员会|局|专员(?:办公室|公署)?)|个人(?:信息|数据|资料)保护(?:委员会|局)|"
                   r"竞争(?:与消费者|和消费者)?委员会|公平(?:交易|贸易)委员会)")
# 英国与澳大利亚隐私监管机构: the filler never crosses another country or a conjunction
_FOREIGN_AUTH = re.compile(
    _FOREIGN_COUNTRY + r"(?:(?!" + _FOREIGN_COUNTRY + r"|与|和|及)[^，。、；\s]){0,6}?" + _FOREIGN_SUFFIX)
_COUNTRIES = frozenset(_FOREIGN_COUNTRY[3:-1].split("|")) | {
    "黎巴嫩", "科威特", "伊朗", "伊拉克", "沙特", "阿联酋", "乌克兰", "朝鲜", "巴基斯坦", "孟加拉", "埃及", "尼日利亚", "肯尼亚"}


# 英国一大型供水企业: a foreign party left unnamed, written after its country (see _anonymised_firms)
_COUNTRY_END = re.compile(_FOREIGN_COUNTRY + "$")


def _country_before(text: str, pos: int) -> bool:
    """Whether a country's name (美国, 黎巴嫩) ends right before ``pos`` (a space between allowed)."""
    if pos and text[pos - 1] == " ":
        pos -= 1
    return any(text[pos - n:pos] in _COUNTRIES for n in (2, 3, 4) if pos >= n)
# the suffix is rare and found fast; the country before it is looked for only there
_FOREIGN_SUFFIX_RE = re.compile(_FOREIGN_SUFFIX)
_PRAISE = re.compile(r"(?:主要|领先|最大|首要|最高|重要)的")
# 加州总检察长, 纽约州检察长办公室: a US state's attorney general
_STATE_AG = re.compile(r"(?:美国)?(?:加州|加利福尼亚州|纽约州|得克萨斯州|德克萨斯州|德州|佛罗里达州|伊利诺伊州|华盛顿州|"
                       r"马萨诸塞州|新泽西州|宾夕法尼亚州|俄亥俄州|密歇根州|亚利桑那州|科罗拉多州|弗吉尼亚州|康涅狄格州|"
                       r"印第安纳州|佐治亚州|北卡罗来纳州|俄勒冈州|内华达州|田纳西州|明尼苏达州|威斯康星州|马里兰州|"
                       r"密苏里州|路易斯安那州|犹他州|阿肯色州|肯塔基州|佛蒙特州)(?:总)?检察长(?:办公室)?")

# 英国国防部, 以色列国防部, 英国卫生和社会保健部: a foreign government's ministry, named with its country
# (not 美国国防部长, the minister)
_MINISTRY_FIELD = (r"(?:国防|内政|司法|外交|财政|国土安全|卫生|卫生和社会保健|卫生与社会保障|卫生和公众服务|卫生与公众服务|"
                   r"教育|商务|交通|运输|劳工|能源|退伍军人事务|工作和养老金|就业和养老金)部")
_FOREIGN_MINISTRY = re.compile(
    r"(?:" + "|".join(sorted(_COUNTRIES, key=len, reverse=True)) + r")(?:政府)?" + _MINISTRY_FIELD + r"(?![长门])")
# (a ministry's field and 部: the rare part, around which the country is looked for)
_MINISTRY_END = re.compile(_MINISTRY_FIELD)
# a foreign local body named by its place, found from its ending and read back to the place: 白金汉郡议会,
# 伦敦卡姆登议会 (councils), 新南威尔士州警方, 澳大利亚联邦警察, 英国交通警察局 (police forces), 俄勒冈州
# 华盛顿县警长办公室 (a sheriff)
_LOCAL_BODY_END = re.compile(r"议会|州警方|州警察局|州警察(?!局)|联邦警察(?!局)|交通警察局|警长办公室")
_LOCAL_BODY_STOP = set("对被由向据经在与和及是为将从于即其该等或了的也都均还各多个些这那此其受")
# (地方议会, 各地议会: a kind of body, not one named)
_GENERIC_PLACE = frozenset(("地方", "当地", "本地", "国家", "全国", "联邦", "欧洲"))


def _place_start(text: str, lo: int, end: int) -> int:
    """Where a foreign place's name begins in the Han run text[lo:end] before a body's ending: at a country
    named in it (击重创英国格拉斯哥市议会), else after the common words that lead it (虽然市议会)."""
    country = max((text.rfind(c, lo, end) for c in _COUNTRIES), default=-1)
    if country >= 0:
        return country
    seg = _SEGMENTER
    if seg is None:
        return lo
    for t in seg.cut(text[lo:end]):
        if len(t) < 2 or seg.freq(t) < _COMMON_WORD:
            break
        lo += len(t)  # (东洛锡安: a rare name that starts with a common character stays whole)
    return lo

# 伦敦高等法院, 英国最高法院, 美国联邦地区法院: foreign courts are named as written
_FOREIGN_COURT = re.compile(
    r"(?:英国|美国|爱尔兰|欧盟|欧洲|德国|法国|意大利|荷兰|西班牙|韩国|日本|澳大利亚|加拿大|印度|新加坡|"
    r"伦敦|纽约|加州|加利福尼亚州|伊利诺伊州|都柏林|卢森堡|旧金山)"
    r"(?:联邦|地区|地方|巡回|北区|南区)*(?:最高法院|高等法院|上诉法院|法院)")

# --- regulations ------------------------------------------------------------------
_BOOK = re.compile(r"《([^《》\n]{2,60})》")
# (法案, 方案, 要求, 风险提示: 《数据治理法案》, 《…实施方案》, 《个人信息保护合规审计要求》 (a standard), a
# regulator's 《关于警惕…的风险提示》 are documents of the same kind as a 办法 or a 通知)
_REG_END = re.compile(r"(法|法案|条例|办法|规定|规范|标准|规则|细则|意见|通知|决定|解释|方法|指南|准则|指引|公约|条款|"
                      r"方案|要求|风险提示)(（[^）]*）)?$")
# 《通用数据保护条例（GDPR）》, 《控制未经请求的色情和营销攻击 （CAN-SPAM） 法案》: the acronym in brackets is
# no part of the title, wherever it stands
_TITLE_ACRONYM = re.compile(r"\s*（[A-Z][A-Za-z0-9-]{1,11}）\s*")
_DRAFT_WORDS = "草案|征求意见稿|送审稿"
_DRAFT = re.compile(_DRAFT_WORDS)
# 《电力监控系统安全防护规定》（公开征求意见稿）, 《汽车数据出境安全指引（2025版）》公开征求意见: a draft named by
# what follows the title (the key and the graph keep a draft apart from the law it would become)
_DRAFT_AFTER = re.compile(rf"\s*(?:[（(]([^（）()\n]{{0,8}}(?:{_DRAFT_WORDS})[^（）()\n]{{0,6}})[）)]|"
                          r"(?:已|正式|再次)?(?:公开)?征求意见(?!稿))")
_QUOTED_LAW = re.compile(rf"“([{HAN}]{{2,20}}(?:法|法案|条例|办法|规定))”")
_CITED_BEFORE = re.compile(r"(?:违反|根据|依据|依照|按照|遵守|符合|触犯|适用)[^，。；“”]{0,12}$")
_YEAR_BILL = re.compile(rf"(?<![\d.])\d{{4}}(?:财)?年(?:度)?[{HAN}]{{2,16}}?法案")
# 《网络安全技术 身份鉴别产品技术规范》《网络安全技术 …》…, GB/T 20988—2025《…》、GB/T 22080—2025《…》: a
# batch of technical standards a digest lists when they are published; and 《X》等15项国家标准, one named for
# the batch. None is a rule any party of a report is held to, and none is keyed as one
_STANDARD_TITLE = re.compile(r"(?:网络安全技术|信息安全技术|信息技术)\s")
_BATCH_GAP = re.compile(r"\s*[、，,和及与]?\s*(?:(?:GB|YD|GA|JR)(?:/T)?\s*[\d.]+\s*[—–-]\s*\d{4}\s*)?$")
_BATCH_AFTER = re.compile(r"\s*等\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:项|个|部)[^，。；\n]{0,8}标准")

# --- apps named in quotes --------------------------------------------------------------
# (“即梦AI”网站, “X”小程序: a site or mini-program named in a notice is a party like an app)
# (written to start with the literal “, so that the regex engine jumps from quote to quote instead
# of trying the pattern at every character)
_QUOTED_RUN = re.compile(r"(“[^“”\n]{1,20}”[、，,和及与]?\s*(?:“[^“”\n]{1,20}”[、，,和及与]?\s*){0,39})(?:等\s*)?"
                         r"(?:(\d+|[一二两三四五六七八九十百]+)\s*款|(?:App|APP|app|应用程序|客户端|小程序|网站))")
_QUOTED_LIST = re.compile(r"(“[^“”\n]{1,20}”\s*[、，,和及与]\s*(?:“[^“”\n]{1,20}”\s*[、，,和及与]\s*)+“[^“”\n]{1,20}”)")
_APP_WORD = re.compile(r"App|APP|app|应用|软件|小程序|客户端")
_QUOTED = re.compile(r"“([^“”\n]{1,20})”")
_APP_AFTER = re.compile(r"\s*(?:App|APP|app)")
_ALL_HAN = re.compile(rf"[{HAN}]+")
_COMMON_WORD = 5000  # jieba's frequency of everyday words (特别 19119, 安全 9921); app names are rare
# 它们运营的手机知网、知网阅读等14款App: apps listed without quotes, counted after 等
_PLAIN_APP_END = re.compile(r"、[^、，。；\n]{2,12}?\s*等\s*(?:\d+|[一二两三四五六七八九十百]+)\s*款\s*(?:App|APP|app|应用|小程序|软件)")
# (Flow Fit, iNAP Care: a Latin name's inner space is part of it)
_APP_ITEM_CHARS = rf"(?:[{HAN}A-Za-z0-9]|(?<=[A-Za-z0-9]) (?=[A-Za-z0-9]))"
_PLAIN_APP_RUN = re.compile(rf"((?:{_APP_ITEM_CHARS}{{2,16}}、){{1,30}}{_APP_ITEM_CHARS}{{2,12}})\s*等")
# 第6批侵害用户权益App包括，抖音极速版、虎牙直播、迅雷等 / 通报38款App，涉及2345浏览器、YOWA云游戏等: a
# notice's apps listed without quotes after the word for them (the list ends at 等 or the sentence)
_APPS_INCLUDE_CUE = re.compile(r"(?:包括|涉及|包含|分别为|分别是|名单为)\s*[：:，,]?\s*")  # found first
_APPS_BEFORE = re.compile(r"(?:App|APP|app|应用|软件|小程序|SDK)[^，。；\n]{0,3}?[，,]?\s*$")  # then the word for apps
# 应用包含评审报告生成、会议管理、工作台等组件: the parts or features of an app, not apps
_NOT_APPS_AFTER = re.compile(r"\s*(?:\d+|[一二两三四五六七八九十]+)?\s*(?:个|项|类)?\s*(?:组件|功能|模块|板块|环节|场景|方面|内容|"
                             r"问题|行为|权限|字段|类型|类别|服务|业务|特性|插件)")
_VERSION_AFTER = re.compile(r"\s*[（(]\s*(?:版本|版本号|[Vv]\d)")
_APP_ITEM = re.compile(rf"[{HAN}A-Za-z0-9][{HAN}A-Za-z0-9 ]{{0,14}}[{HAN}A-Za-z0-9]")
# 贴着“旺小宝”品牌标识: a quoted brand
_QUOTED_BRAND = re.compile(r"“([^“”\n]{2,12})”\s*(?:品牌|牌)")
# 问卷网（wenjuan.com）: a site named with its domain
_SITE_DOMAIN = re.compile(r"[（(]\s*(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org)\s*[）)]")
_DOMAIN_END = re.compile(r"\.(?:com|cn|net|org)\s*[）)]")  # starts with a literal: found fast
_HAN_BEFORE = re.compile(rf"[{HAN}]{{2,8}}\s*$")
_SITE_VERB = re.compile(r"^.*?(?:联合|通过|登录|访问|使用|打开|据|在|与|和|及|是|为|由|向|对|从)")
# 广西某科技有限公司, 我市某科技有限公司, and (after a break) 某信息技术公司: an anonymised party
# (肖某从某互联网公司: a person's 某 and a verb are not the place of the firm)
_ANON_COMPANY = re.compile(rf"(?<![{HAN}])(?:(?:(?![某从在向对被与和及的了是])[{HAN}]){{2,3}})?某([{HAN}]{{1,8}}?)(有限责任公司|有限公司|公司)(?:[（(][A-Za-z]公司[）)])?")
# 南昌市某企业, 海淀区一家企业, 深圳一家科技公司, 我市某餐饮企业: an anonymised party written with a
# word other than a legal name's ending; 一家/这家 and a bare 某企业 need the place before them (每一家企业
# and 如果某企业… name no one)
# (属地一学校, 重庆一学校: a school or hospital, the party of a decision too, is written with 一/一所)
# (西安一电子科技公司, 三亚一公司: 一 right after a place — the caller checks the place)
_ANON_FIRM = re.compile(rf"(某|一家|这家|一所|一)([{HAN}]{{0,6}}?)(企业|公司|学校|医院)")
_ONE_FIRM = re.compile(r"学校|医院|企业|大型|知名|中型|小型")  # 英国一大型供水企业 (not 加拿大一省级电力公司)
_ANON_MARKS = ("某", "一家", "这家", "一所", "一学校", "一医院", "一企业", "一大型", "一知名")
# 英国一大型供水企业: a foreign party left unnamed, written after its country
_ANON_TAIL = re.compile(rf"某([{HAN}]{{1,8}}?)(有限责任公司|有限公司|公司)(?:[（(][A-Za-z]公司[）)])?")
# (某: 沈某某非法侵入学校 — a person written 某某, then a verb, not an anonymised school)
_TRADE_STOP = set("的被在对和与及是为将从于其该等或了个些家位名某")
# 该科技公司, 该互联网信息服务公司: a later reference to the anonymised party of that trade
_DEFINITE_SUFFIX = r"(?:有限责任公司|有限公司|公司|企业)"
# 瑞景安全全称为“杭州瑞景安全科技有限公司”: the short name is a mention too
_FULL_NAME_CUE = re.compile(rf"(?:的)?(?:全称|全名)(?:为|是)?\s*[：:]?\s*[“\"「]?"
                            rf"(?=[{HAN}（）()]{{4,40}}(?:有限公司|有限责任公司))")
_SHORT_HEAD = re.compile(rf"[{HAN}A-Za-z0-9]{{2,8}}$")
# 一家房地产公司（通报中称“A公司”）: an anonymised party named by a letter
_LETTER_COMPANY = re.compile(r"[“\"]([A-Z]{1,2}(?:公司|企业))[”\"]")
_ACRONYM_PAREN = re.compile(r"[（(]([A-Z]{2,6})[）)]")
_ACRONYM_PARENS = ((re.compile(r"（([A-Z]{2,6})[）)]"), "（"), (re.compile(r"\(([A-Z]{2,6})[）)]"), "("))
# (研究所, 实验室: 美国国家标准与技术研究所（NIST）is an institute, not a business)
_ORG_END = re.compile(r"(?:委员会|办公室|管理局|监管局|[局部署厅院会所]|法院|协会|大学|学院|中心|实验室)$")
# 欧洲经济区（EEA）, 多因素认证（MFA）: a region, a technique, a scheme — not a business
# (远程代码执行（RCE）, 多因素身份验证（MFA）, 攻击面管理（EASM）, 应用防火墙（WAF）, 漏洞库（CNNVD）: security
# techniques and services, spelled out before their acronym like a firm's name)
_NOT_ORG_END = re.compile(r"(?:区|地区|认证|协议|标准|技术|系统|机制|措施|计划|框架|模式|功能|算法|格式|语言|接口|"
                          r"验证|执行|管理|服务|防火墙|漏洞库|漏洞|检测|响应|防护|攻击|注入|加密|扫描|审计|分析|评估|"
                          r"软件|工具|程序|信息|数据|网络|测试|方案|规范|指南|条例|法案|法|"
                          # 本地过程调用（LPC）, 高级持续威胁（APT）, 自动油罐计量（ATG）, 托管文件传输（MFT）,
                          # 常见问题解答（FAQ）, 防泄漏（DLP）: more techniques written like a firm's name
                          r"调用|威胁|计量|传输|解答|泄漏|泄露|生成|平台|工作台|体系|模型|引擎|控制|处理|识别|存储|"
                          r"通信|请求|组件|插件|模块|"
                          # 生命周期终止（EOL）, 软件物料清单（SBOM）, 行政总监(CAO), 门罗币(XMR): a state, a
                          # document, a role or a currency spelled out before its acronym
                          r"终止|清单|名单|总监|主管|官|币|货币|代币|状态|阶段|周期|漏洞编号|产品|"
                          # 社会安全号码（SSN）, 跨站脚本（XSS）, 个人身份信息（PII）: data and attacks
                          r"号码|编号|卡号|日期|地址|密码|口令|脚本|代码|凭证|记录|文件|证书|身份证)$")
_LEFT_STOP_CHARS = set("对被由向据经在与和及是为将从于即其该等或了的")
_PLACE_END = re.compile(r"[省市区县州盟旗]")
# Max Mara专卖店, Smart Eye公司 (a shop or company word after a Latin name); Uber被罚, Free Mobile 被罚,
# Verkada同意支付, X遭数据泄露, Free Mobile 及其母公司, Free和Free Mobile是…旗下 (a capitalised Latin
# name as the party of a penalty, breach or ownership sentence); 对Uber处以 (the object of a fine)
# (a single capital only before a hyphen: X-Mode)
# (Booking.com, Hotels.com, Paradox.ai: a firm named by its web domain)
# (Miljödata, Żabka, Telefónica: letters with diacritics are a name's letters too)
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0100-\u017f"
LATIN_CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_LATIN_WORD = (rf"(?:[{LATIN_CAPITALS}][{LATIN_LETTERS}0-9&]+|[A-Z](?=-[A-Za-z0-9]))(?:-[{LATIN_LETTERS}0-9]+)*"
               r"(?:\.(?:com|ai|io)(?![A-Za-z0-9]))?")
_LATIN_NAME = rf"{_LATIN_WORD}(?: {_LATIN_WORD}){{0,3}}"
_LATIN_RUN = re.compile(_LATIN_NAME)
# 从天盛物联，五洲群创，速亿联，赛美思四家供应商采购: a counted list of suppliers (or firms) names them
_COUNTED_LIST = re.compile(rf"(?:从|向|由|与)\s*((?:[{HAN}A-Za-z0-9]{{2,12}}\s*[，,、和及与]\s*){{1,9}}[{HAN}A-Za-z0-9]{{2,12}})\s*"
                           r"(?:等)?\s*(\d|[两二三四五六七八九十])\s*家(?:供应商|厂商|厂家|公司|企业|服务商)")
_LATIN_COUNTED = re.compile(rf"(?<![A-Za-z0-9&.-])((?:{_LATIN_NAME})(?:\s?[、，,和及与]\s?(?:{_LATIN_NAME}))+)\s?(?:等\s?)?"
                            r"(?:\d+|[两二三四五六七八九十数多]+)\s?[家大][^，。；\n]{0,10}?"
                            r"(?:企业|公司|零售商|厂商|供应商|服务商|银行|航空公司|运营商)")
# (…、Nifty Corporation、Biglobe 六大服务商: "the six big providers" counts them as well as 六家 does)
_COUNTED_FIRMS = re.compile(r"家[^，。；\n]{0,10}?(?:企业|公司|零售商|厂商|供应商|服务商|银行|运营商)")  # found first
_COUNTED_BIG = re.compile(r"大(?<=[\d两二三四五六七八九十数多]大)[^，。；\n]{0,10}?"
                          r"(?:企业|公司|零售商|厂商|供应商|服务商|银行|运营商)")  # (六大服务商)
_COUNTED_SEP = re.compile(r"\s*[，,、和及与]\s*")
_COUNTED_TAIL = re.compile(r"家(?:供应商|厂商|厂家|公司|企业|服务商)")  # found first
_PAREN_LATIN = (re.compile(r"（(?=[A-Z])"), re.compile(r"\((?=[A-Z])"))  # each starts with a literal: fast
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_ADDRESS_AFTER = re.compile(r"@|\.[A-Za-z0-9-]+\b")
_LATIN_CUE_AFTER = re.compile(
    r"\s?(?:专卖店|旗舰店|门店|4S店|公司|集团|被(?:罚|处|判|责令|勒令|指控|起诉|控告|黑客|攻击|入侵)|"
    r"同意(?:支付|赔偿|和解)|遭(?:遇|到|受)?了?(?:一起|大规模)?(?:数据|网络|黑客|勒索软件)?(?:泄露|泄漏|外泄|黑客|攻击|入侵|勒索|安全事件)|"
    # Leidos发言人表示: a spokesperson speaks for an organisation
    r"(?:的)?(?:发言人|新闻发言人)|"
    r"发生了?(?:一起|一次|大规模)?的?(?:数据|个人信息|用户信息|客户信息)?(?:泄露|泄漏)|的?(?:客户|用户)(?:数据|信息|资料)(?:遭|被)|"
    r"及其(?:母公司|子公司)|旗下|(?:是|为|均为|同为|系)[^，。；]{0,20}?旗下)")
# Qualys研究人员发现, Akamai 安全情报与响应团队, Zscaler的ThreatLabz研究团队, Emsisoft的安全专家: a
# security firm's researchers (the usual source of a breach or vulnerability report); on the same line
_LATIN_RESEARCH_AFTER = re.compile(r" ?(?:的)? ?(?:[A-Z][A-Za-z]+ ?)?(?:网络安全|安全|威胁|漏洞)?(?:情报)?(?:与响应)?"
                                   r"(?:研究人员|研究团队|研究员|研究小组|研究部门|专家团队|安全专家|团队)")
# Grubhub告诉BleepingComputer, Kraken明确表示, Kraken首席安全官, Kraken遭内部威胁勒索, Snowflake的客户: a Latin name
# as the subject of a verb of saying, with its officers, its clients, or hit by an attack. Persons written in
# Latin letters say things too (Caitlin Condon表示): see _latin_brands for the guards
_LATIN_SPEAKS = re.compile(
    r"\s?(?:(?:近日|日前|此前|也|还|已|曾|则|随后|目前|当时|对此|明确|公开|正式|官方)?"
    r"(?:表示|称(?!之|为)|回应|证实|披露|确认|承认|否认|宣布|告诉|拒绝|透露|指出|发表声明|发布声明)|"
    r"首席[\u4e00-\u9fff]{1,4}官|董事长|总裁|联合创始人|创始人|的客户|"
    r"遭[^，。；\n]{0,8}?(?:勒索|攻击|入侵|泄露|窃取))")
# (not 声明, 的用户: Everest 声明时机存疑, 使用ShowDoc的用户 — a noun, a product's users; not an acronym of
# three letters or fewer: FOI 披露, a request)
_SPEAKS_FIRST = frozenset("近日此也还已曾则随目当对明公正官表称回证披确承否宣告拒透指发首董总联创的遭")  # (checked first)
# (two or three capitalised words are a person's name as often as a firm's: Caitlin Condon表示)
_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
# (研究员Smith称, 副总裁Caitlin Condon: a role before the name makes it a person)
_LATIN_ROLE_BEFORE = re.compile(r"(?:官|总裁|总监|经理|研究员|分析师|专家|创始人|负责人|主任|教授|博士|发言人|记者|作者|"
                                r"律师|法官|CEO|CTO|CISO|CFO)\s?$")
# ShinyHunters宣布, Scattered Spider, LockBit称, APT28, CVE…: hacker groups, malware and bugs say and do things too
_LATIN_GROUP = re.compile(r"(?:Hunters|Spider|Bear|Panda|Kitten|Gang|Team|Group|Bot|Locker|Bit|RAT|Stealer|Loader|"
                          r"Ransomware|Worm|Miner)$|^(?:APT|UNC|FIN|TA|DEV|CVE|Storm)-?\d")
_GANG_WORDS = ("组织", "团伙", "团体", "黑客")  # (勒索软件组织 Everest 声称, Everest 组织声称)
_ACRONYM_TRADE = ("电讯", "电信", "电子", "航空", "银行", "证券", "保险", "集团", "汽车", "化学", "海力士")
_HACKER_BEFORE = re.compile(r"(?:黑客|朝鲜|勒索|犯罪|APT|威胁|攻击者|间谍|犯罪分子)[^，。；\n]{0,4}$")
_PRODUCT_NEXT = re.compile(r"\s?(?:应用|程序|软件|系统|平台|框架|版本|设备|漏洞|插件|组件|服务器|客户端)")
_RESEARCH_FIRST = frozenset(" 的研团安威漏网情专ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # (what such a cue can start with)
_LATIN_OBJECT_BEFORE = re.compile(r"(?:对|向|母公司|子公司)\s?$")
# 数据经纪人X-Mode Social, 美国人工智能公司Clearview AI: a Latin name right after a word for a business
# (not 平台: 开源监控平台Grafana, 学习平台Satchel One name products as often as companies)
# (瑞士第三方分包商ChainIQ, 外包商X: a subcontractor or outsourcer is a business too)
# (英国 ISP TalkTalk: an internet provider is described by the acronym as often as by 运营商)
_BUSINESS_WORD = r"(?:公司|企业|集团|经纪人|经纪商|供应商|服务商|提供商|运营商|开发商|厂商|零售商|巨头|初创企业|分包商|外包商|承包商|ISP)"
# 所使用的Cloudinary云存储: a Latin name between "the … used" and a kind of service is its vendor's
_LATIN_USED_BEFORE = re.compile(r"(?:使用|采用|部署|依赖)的\s?$")
# (a cloud service only: 所使用的MySQL数据库 names a product, not its vendor; str.startswith, as every
# Latin word of a text is tried)
_CLOUD_AFTER = ("云存储", "云服务", "云平台", "存储桶", "托管服务", "云盘")
_LATIN_DESCRIBED = re.compile(r"(?<!有限)(?<!股份)" + _BUSINESS_WORD + r"\s?$")  # (not a legal name's 有限公司)
# 零售公司伍尔沃斯（Woolworths）: a business's Chinese name with its Latin one in brackets
_NAME_WITH_LATIN = re.compile(_BUSINESS_WORD + rf"([{HAN}]{{2,6}}?)[（(]({_LATIN_NAME})[）)]")
# VeriSource Services, Inc.: a Latin legal name
# (MLU B.V., Aegon N.V., Iliad S.A., Allianz AG, Bupa Limited: European legal forms too)
_LATIN_FORMS = r"(?:Inc|LLC|Ltd|Corp|Co|GmbH|PLC|Pty Ltd|B\.V|N\.V|S\.A|S\.p\.A|AG|SAS|Limited|LLP)"
_LATIN_LEGAL = re.compile(rf"(?<![A-Za-z0-9&.-])({_LATIN_NAME}),? {_LATIN_FORMS}\.?(?![A-Za-z])")
_LATIN_LEGAL_END = re.compile(rf" {_LATIN_FORMS}\.?(?![A-Za-z])")  # rare: found first
# VeriSource Services, Inc.（“VSI”）: its short name defined in quotes
_QUOTED_SHORT = re.compile(r"\s*[（(]\s*[“\"]([A-Za-z][A-Za-z0-9&.-]{1,14})[”\"]\s*[）)]")
_LATIN_OBJECT_AFTER = re.compile(r"\s?(?:处以|处|开出|罚款|罚)")
_LATIN_CHAR = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&.-") | \
    {chr(c) for c in range(0xc0, 0x180) if chr(c).isalpha()}
# Free和Free Mobile是…旗下: a Latin name listed before such a party
# Fortinet 收购 Lacework 和 NextDLP: the companies a takeover names after its verb (the name ends the
# object: not 收购MIT孵化的Affectiva)
_LATIN_ACQUIRED_BEFORE = re.compile(rf"(?:收购|并购)了?\s?(?:(?:{_LATIN_NAME})\s?[和及与、]\s?)?$")
_LATIN_ACQUIRED_AFTER = re.compile(r"\s?(?:[和及与、，。；,.）)」”\n]|的|公司|$)")
_LATIN_LIST_BEFORE = re.compile(rf"(?<![A-Za-z0-9&.-])({_LATIN_NAME})\s?[和及与、]\s?$")
# acronyms and words that stand before 公司/被… without naming a company
_LATIN_NOT_COMPANY = {"AI", "IT", "App", "APP", "CEO", "CTO", "CFO", "VPN", "SDK", "API", "IoT", "VR", "AR",
                      "IPO", "HR", "PR", "OS", "UI", "ID", "IP", "PC", "TV", "SaaS", "Web", "DNS", "CDN", "ISP",
                      # (发布 PoC 的研究人员, 恶意URL: a thing the researchers publish or study)
                      "PoC", "POC", "URL", "CVE", "RCE", "IoC", "IOC", "APT", "EXP", "Exp", "AI Agent"}
_SHORT_DEF = re.compile(r"\s*[（(]\s*(?:以下|下文)?(?:简称|下称)(?:为)?\s*[：:]?\s*[“\"「]?([^”\"」）)，,]{2,14})[”\"」]?\s*[）)]")
# 微信公众号“新智元”, 公众号：产品笔记（ID：cpbiji）, 官方微信公众号 @平安南阳: an account as a source
_ACCOUNT = re.compile(rf"公众号\s*(?:[：:]\s*|@\s*)?(?:[“\"「]([^”\"」\n]{{2,20}})[”\"」]|"
                      rf"([{HAN}A-Za-z0-9]{{2,12}}?)(?=\s*[（(]\s*(?:ID|微信号)|\s*消息|\s*发布|\s*报道))")
# a platform named as the channel something came through (微信公众号, 微信号, 微博热搜, 微信：ID)
# (QQ 群, 挂在微博上。: with a space, or "on" the platform at a clause's end)
# (新浪微博分享 (a share button), 微博昵称, 在微信里发一条消息, 支付宝上的一家贷款平台, 在微博平台晒出: the
# platform as the place of a post, a name or a message)
_CHANNEL_AFTER = re.compile(r"\s?(?:公众号|视频号|小程序|号(?![码称])|群(?!体|众)|账号|网友|热搜|话题|扫一扫|扫码|二维码|"
                            r"截图|聊天|好友|朋友圈|红包|上(?=[。，；！？!?,;])|分享|昵称|里|上的|"
                            r"平台上?(?:晒|发|吐槽|曝光|爆料|留言|评论))|"
                            r"\s*[：:]\s*[A-Za-z0-9_]|"
                            r"\s?上(?:有|的)?(?:博主|网友|用户|发文|发帖|发布)")
# 刷微博, 发微博, 添加了微信: the platform used, by the writer or a person, not a party of the report
# (#迅雷#工信部#抖音: a hashtag; 热门微博, 加微信: the posts, a contact)
_CHANNEL_BEFORE = ("刷", "发", "添加", "添加了", "加了", "#", "热门", "加")
# (微信人证核验小程序: a mini-program of that platform, its name between them)
_NAMED_CHANNEL = re.compile(rf"(?:(?![和与及等的或])[{HAN}]){{2,8}}?(?:小程序|公众号)")


def _named_channel(text: str, end: int) -> bool:
    for word in ("小程序", "公众号"):  # (found first: most mentions have neither after them)
        if 0 <= text.find(word, end, end + 11) and _NAMED_CHANNEL.match(text, end):
            return True
    return False


def _furniture_line(text: str, start: int, end: int) -> bool:
    """微信 / 微博 / RSS on lines of their own (share buttons), 官方公众号 企业安全 新浪微博 (a site's footer):
    a platform named as a link of the page, not in the report."""
    if end < len(text) and text[end] not in "\n\r \t":
        return False  # (both shapes end their line with the name: most mentions are not looked at further)
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    line = text[lo:hi].strip()
    return line == text[start:end] or (hi - end <= 1 and "公众号" in text[lo:start])


# the line a report ends with: 来源：新华网、中国人大网 (not 图片来源, 数据来源)
_SOURCE_COLON = re.compile(r"[源处自料][ \t]*[：:]")  # where such a line's cue ends: found fast, checked after
_SOURCE_CUE = re.compile(r"(?<![图片数据])(?:来源|出处|转载自|翻译自|编译自|参考资料)[ \t]*[：:]$")
_SOURCE_REST = re.compile(r"[ \t]*([^\n]{2,60}?)[ \t]*$", re.M)
# an outlet's name: a few Chinese characters, a Latin name of up to three capitalised words, a domain
_SOURCE_NAME = re.compile(rf"[A-Za-z0-9]{{0,6}}[{HAN}]{{2,12}}|[A-Za-z0-9][A-Za-z0-9.&-]{{1,40}}|"
                          r"[A-Z][A-Za-z0-9&.-]*(?: [A-Z][A-Za-z0-9&.-]*){1,2}")
_NOT_OUTLET = {"网络", "网友", "互联网", "本站", "官网", "原创", "综合", "整理", "网络整理", "综合整理", "自媒体", "公众号",
               "微信公众号", "官方", "新闻", "媒体", "媒体报道", "公开资料", "网络资料", "作者", "编辑", "投稿", "企业官网"}
# 据BleepingComputer消息, 据 The Register 报道: a Latin outlet cited as the source
_LATIN_OUTLET = re.compile(r"据\s?([A-Z][A-Za-z0-9.]+(?: [A-Z][A-Za-z0-9.]+){0,2})\s?(?:消息|报道|报导|援引)")
_APP_SUFFIX = re.compile(rf"([{HAN}A-Za-z0-9]{{2,12}})\s?(?:App|APP)(?![A-Za-z])")
# 安全学习那些事儿 / 在小说阅读器读本章 / 去阅读, 安全圈 / 关键词: a WeChat page opens with the name of the account
# that published it, right before the reader's prompts (see _wechat_account)
_READER_PROMPT = re.compile(r"在小说阅读器|关注我们\n|关键词\n")
_ACCOUNT_NAME = re.compile(rf"[{HAN}A-Za-z0-9 ]{{2,16}}")
# e安在线 e安在线 2025-06-11 02:01, 安全圈 2023-08-17 19:00: an archived page's first line, the account and the time
_DATED_BYLINE = re.compile(rf"([{HAN}A-Za-z0-9 ]{{2,16}}?) (?:\1 )?\d{{4}}-\d{{2}}-\d{{2}}")


class Recognizer:
    """Finds mentions in a text. Build once per gazetteer; reuse for every article."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        forms = {**{f: v for f, v in gaz.weak.items()}, **gaz.strong}
        self.forms = forms
        self._form_info: dict[str, tuple] = {}  # surface form → (label, name, extra labels, attrs, weak, national)
        # 58 同城, 全民 K 歌, 东京 FM: typeset text puts a space between Latin letters or digits and
        # Chinese ones; each mixed name is looked for in that form too (named as the gazetteer has it)
        self._spaced = {}
        for f in forms:
            if _MIXED_SCRIPT.search(f):
                v = _MIXED_SCRIPT.sub(" ", f)
                if v not in forms:
                    self._spaced[v] = f
        ordered = sorted(forms, key=lambda s: (-len(s), s))
        words = ordered
        ordered = sorted([*forms, *self._spaced], key=lambda s: (-len(s), s))
        latin = [f for f in ordered if re.match(r"[A-Za-z0-9]", f) or re.search(r"[A-Za-z0-9]$", f)]
        han = [f for f in ordered if f not in set(latin)]
        # Chinese names: an Aho-Corasick automaton, leftmost then longest (what a trie regex of
        # the names gives, at a quarter of its cost: 0.086 -> 0.022 ms per article)
        self._han = AhoCorasick(han, matchkind=MatchKind.LeftmostLongest) if han else None
        # Latin names in the same automaton as the Chinese ones (patterns from len(han) on): one
        # scan of the text, instead of the trie regex below tried at every character a Latin name
        # can start with (a third of the gazetteer lookup's time). A Latin match is kept where it
        # neither starts nor ends inside a longer Latin word, else the regex is tried there (its
        # shorter alternatives: Free of "Free Mobiles"); where a Latin or mixed name (奇安信CERT,
        # 美柚App) was matched, the Chinese names the Chinese-only automaton finds there are given
        # too, as the two lookups gave them apart
        self._n_han = len(han)
        self._all = AhoCorasick(han + latin, matchkind=MatchKind.LeftmostLongest) if han or latin else None
        self._mixed = frozenset(i for i, f in enumerate(latin, len(han)) if re.search(rf"[{HAN}]", f))
        # (爱尔兰数据保护委员会（DPC）: a Chinese name with a Latin one inside, given too)
        self._han_latin = frozenset(i for i, f in enumerate(han) if re.search(r"[A-Za-z0-9]", f))
        self.latin_re = None
        if latin:  # a Latin name must not start or end inside a longer Latin word
            self.latin_re = re.compile(rf"(?<![A-Za-z0-9])(?:{_trie_regex(latin)})(?![A-Za-z0-9])")
            # where a Latin name can start: the regex above is only tried there (a lookbehind at
            # every position of a Chinese text cost more than the rest of the gazetteer lookup)
            # (the check that no letter or digit comes before is made after the character, so that
            # the engine still scans for the character class first)
            self._latin_start = re.compile("[" + "".join(sorted({re.escape(f[0]) for f in latin})) + "]"
                                           "(?<![A-Za-z0-9].)")
        suffix_alt = "|".join(re.escape(x) + _AUTH_LOOKAHEAD.get(x, "")
                              for x in sorted(AUTHORITY_SUFFIXES, key=len, reverse=True))
        self.auth_re = re.compile(rf"(?:{suffix_alt})")
        self.max_loc = max(map(len, gaz.location_by_name))
        self._foreign_forms = sorted((f for f, (lab, name) in gaz.strong.items() if lab == "Authority"
                                      and len(f) >= 5 and (gaz.get(lab, name) or None) is not None
                                      and gaz.get(lab, name).attrs.get("level") == "foreign"), key=len, reverse=True)
        locs = gaz.location_by_name
        self.full_places = {loc.name for loc in gaz.locations if len(loc.name) >= 3}
        self.max_full = max(map(len, self.full_places))
        # the lengths of the place names that end with each character, longest first: the only
        # slices worth looking up at a position
        self._full_lens = _lengths_by_last(self.full_places, 3)
        self._loc_lens = _lengths_by_last(locs, 2)
        _init_jieba(tuple(sorted(set(words) | set(locs) | {"有限公司", "股份有限公司"})))
        _PLACE_WORDS.update(locs)

    # -- public -------------------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        found += self._gazetteer(text)
        found += self._authorities(text)
        found += self._foreign_authorities(text)
        if "分行" in text or "支行" in text or "分公司" in text:
            found += self._branches(text)
        if "监局" in text or "监管局" in text or "监管分局" in text:
            found += self._financial_regulators(text)
        found += self._companies(text)
        bank = "银行" in text  # (each test scans the text: done once, reused below)
        if bank or "信用" in text:  # (农村信用联社, 信用合作联社, 农村信用社)
            found += self._local_banks(text)
        found += self._regulations(text)
        found += self._apps(text)
        found += self._locations(text)
        found += self._latin_brands(text)
        if "罚" in text or "处以" in text:
            found += _sanctioned_han_parties(text, found)
        if "遭" in text:
            found += _breached_han_parties(text, found, self.gaz.location_by_name)
        found += _trade_name_parties(text, found, self.gaz.location_by_name)
        found += _app_editions(text, found)
        for m in _ACCOUNT.finditer(text):
            g = 1 if m.group(1) else 2
            name = m.group(g).strip()
            hit = self.gaz.strong.get(name)
            found.append(Mention("Media", name, m.start(g), m.end(g), hit[1] if hit and hit[0] == "Media" else name))
        found += self._cited_sources(text)
        found += self._wechat_account(text)
        if "网信" in text:
            found += self._cac_accounts(text)
        for m in _LATIN_OUTLET.finditer(text):  # 据BleepingComputer消息
            name = m.group(1)
            hit = self.gaz.strong.get(name)
            if not hit or hit[0] == "Media":
                found.append(Mention("Media", name, m.start(1), m.end(1), hit[1] if hit else name))
        for m in (_FULL_NAME_CUE.finditer(text) if "全称" in text or "全名" in text else ()):
            head = _SHORT_HEAD.search(text, max(0, m.start() - 8), m.start())
            if head:
                found.append(Mention("Company", head.group(0), head.start(), head.end(), head.group(0)))
        found += [Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1), attrs={"anonymised": True})
                  for m in (_LETTER_COMPANY.finditer(text) if "公司”" in text or "企业”" in text or
                            "公司\"" in text or "企业\"" in text else ())]
        for head_start, head_end, m in _names_with_acronym(text):  # 对知网（CNKI）: a name and its acronym
            head = text[head_start:head_end]
            known = self.gaz.strong.get(m.group(1))
            if (known and known[0] != "Company") or _ORG_END.search(head) or _NOT_ORG_END.search(head):
                continue  # 国家信息与自由委员会（CNIL）is an authority, not a company
            start = head_start
            for i in range(head_end - 3, head_start - 1, -1):  # after the last function word
                if text[i] in _LEFT_STOP_CHARS:
                    start = i + 1
                    break
            name = text[start:head_end]
            found.append(Mention("Company", name, start, head_end, name))
            found.append(Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1), attrs={"short_for": name}))
        if "客户" in text:
            found += _client_list(text)
        for m in itertools.chain(*(_near(_NAME_WITH_LATIN, p, text, 24, 60) for p in _PAREN_LATIN)):
            han, latin = m.group(1), m.group(2)
            if latin in _LATIN_NOT_COMPANY or any(self.gaz.strong.get(f) for f in (han, latin)):
                continue  # a known name is the gazetteer's
            found.append(Mention("Company", han, m.start(1), m.end(1), han))
            found.append(Mention("Company", latin, m.start(2), m.end(2), latin, attrs={"short_for": han}))
        for m in _near(_COUNTED_LIST, _COUNTED_TAIL, text, 150, 30):
            items = _COUNTED_SEP.split(m.group(1))
            if len(items) != int(to_number(m.group(2)) or 0):
                continue  # the list is not the parties counted
            pos = m.start(1)
            for item in items:
                a = text.find(item, pos)
                pos = a + len(item)
                hit = self.gaz.strong.get(item)
                if not hit or hit[0] == "Company":
                    found.append(Mention("Company", item, a, pos, hit[1] if hit else item,
                                         attrs={"list_member": True}, source="list"))
        for m in itertools.chain(_near(_LATIN_COUNTED, _COUNTED_FIRMS, text, 120, 16),
                                 _near(_LATIN_COUNTED, _COUNTED_BIG, text, 120, 16) if "大" in text else ()):
            # Hot Topic、Torrid和BoxLunch三家零售企业, Recorded Future、HackerOne等9家知名网络安全企业: Latin
            # names listed and counted as firms (the count may be of a longer list: 等N家)
            pos = m.start(1)
            for item in _COUNTED_SEP.split(m.group(1)):
                a = text.find(item, pos)
                pos = a + len(item)
                hit = self.gaz.strong.get(item)
                if item not in _LATIN_NOT_COMPANY and (not hit or hit[0] == "Company"):
                    found.append(Mention("Company", item, a, pos, hit[1] if hit else item,
                                         attrs={"list_member": True}, source="list"))
        for m in _near(_LATIN_LEGAL, _LATIN_LEGAL_END, text, 120, 12):
            found.append(Mention("Company", m.group(0), m.start(), m.end(), m.group(0), attrs={"legal": True}))
        if "该" in text or "这家" in text:
            found += _definite_refs(text, found)
        central = "央行" in text
        if (central or bank or "监" in text) and ("分行" in text or "支行" in text or "分支机构" in text or
                                                 "监管" in text or "派出机构" in text) and \
                _UNNAMED_BRANCH.search(text):
            # 被央行相关分行处罚: a branch the text does not name decided, not the national body
            found = [m for m in found if not (m.label == "Authority" and m.name in _NATIONAL_FIN and
                                              _UNNAMED_BRANCH.match(text, m.end))]
        if central and "人民银行" not in text:
            # 丹麦央行网站遭攻击 … 央行以及七家私人银行: the bare word then means that country's bank
            foreign = next((m.name for m in found if m.label == "Authority" and m.name.endswith("央行") and
                            m.attrs.get("level") == "foreign"), None)
            if foreign:
                for m in found:
                    if m.label == "Authority" and m.name == "中国人民银行" and m.text == "央行":
                        m.name = foreign
                        m.attrs = {"level": "foreign"}
        # (a known name quoted or listed as a notice's app: “剪映”, 百合婚恋 — the gazetteer's mention wins
        # the span and keeps the role)
        listed = {(m.start, m.end) for m in found if m.attrs.get("listed_app") or
                  m.label == "Company" and m.source in ("quoted", "list")}
        if "版本" in text:
            found = _without_download_sources(text, found)
        kept = _resolve_overlaps(found)
        for m in kept if listed else ():
            if (m.start, m.end) in listed and m.label == "Company":
                m.attrs["listed_app"] = True  # 迅雷 of …App包括抖音极速版、迅雷等: known, and listed
        n = len(kept)
        kept += _list_members(text, kept)  # unknown list items: they overlap nothing
        kept += self._short_company_refs(text, kept)
        if "公司" in text:
            kept += self._placed_firms(text, kept)
        defined = self._defined_short_names(text, kept)
        # (nothing added: ``kept`` is already without overlaps and in text order)
        out = _resolve_overlaps(kept + defined) if defined or len(kept) > n else kept
        _tell_anonymised_apart(text, out)
        return out

    def _cac_accounts(self, text: str) -> list[Mention]:
        """网信南昌, 网信湖南, 重庆网信: the WeChat account of a local cyberspace office, cited as the
        source of its notices (a Media, not the office: 南昌市网信办 is written with 办)."""
        out = []
        locs = self.gaz.location_by_name
        for pos in _positions(text, "网信"):
            end = pos + 2
            if text.startswith(_CAC_NOT_ACCOUNT, end):
                continue  # 网信办, 网信部门: the office itself
            after = next((n for n in (4, 3, 2) if text[end:end + n] in locs), 0)
            if after and not text.startswith(_CAC_NOT_ACCOUNT, end + after) and \
                    text[end:end + after] not in ("中国", "国家"):
                out.append(Mention("Media", text[pos:end + after], pos, end + after, text[pos:end + after]))
                continue
            before = next((n for n in (4, 3, 2) if pos >= n and text[pos - n:pos] in locs), 0)
            if before and (pos - before == 0 or text[pos - before - 1] not in "省市区县州盟旗"):
                out.append(Mention("Media", text[pos - before:end], pos - before, end, text[pos - before:end]))
        return out

    def _wechat_account(self, text: str) -> list[Mention]:
        """The account a WeChat page was published by: the line its first lines end with before the
        reader's prompts (安全学习那些事儿 / 在小说阅读器读本章), or the name an archived page's dated first line
        opens with (e安在线 e安在线 2025-06-11 02:01). Not a word of the page's furniture, not a name the
        gazetteer gives another type."""
        dated = _DATED_BYLINE.match(text)
        if dated:
            start, name = 0, dated.group(1).strip()
        else:
            prompt = _READER_PROMPT.search(text, 0, 400)
            if not prompt or prompt.start() < 3 or text[prompt.start() - 1] != "\n":
                return []
            start = text.rfind("\n", 0, prompt.start() - 1) + 1
            name = text[start:prompt.start() - 1].strip()
        hit = self.gaz.strong.get(name)
        if not _ACCOUNT_NAME.fullmatch(name) or name in _NOT_OUTLET or (hit and hit[0] != "Media"):
            return []
        pos = text.find(name, start)
        return [Mention("Media", name, pos, pos + len(name), hit[1] if hit else name)]

    def _cited_sources(self, text: str) -> list[Mention]:
        """来源：新华网、中国人大网 / 原文来源：E安全 / 本文转载自: infosecurity-magazine: a line that
        ends with the names of the outlets a report was taken from."""
        out = []
        for colon in _SOURCE_COLON.finditer(text):
            if not _SOURCE_CUE.search(text, max(0, colon.start() - 4), colon.end()):
                continue
            line = _SOURCE_REST.match(text, colon.end())
            if not line:
                continue
            pos = line.start(1)
            parts = []
            for part in re.split(r"\s*(?:[、，,；;/]|和|及)\s*", line.group(1)):
                start = text.find(part, pos) if part else -1
                if start < 0:
                    parts = []
                    break
                pos = start + len(part)
                parts.append((part, start))
            if not parts or len(parts) > 4 or not all(_SOURCE_NAME.fullmatch(p) for p, _ in parts):
                continue  # a title or a sentence, not a list of outlets
            for part, start in parts:
                hit = self.gaz.strong.get(part)
                if part in _NOT_OUTLET or (hit and hit[0] != "Media"):
                    continue
                outlet = hit[1] if hit else self.gaz.media_by_domain.get(part.lower(), part)
                out.append(Mention("Media", part, start, start + len(part), outlet))
        return out

    def _short_company_refs(self, text: str, found: list[Mention]) -> list[Mention]:
        """被告单位魔蝎公司 … 杭州魔蝎数据科技有限公司: "<2–4 characters of a legal name>公司" is that
        company (tied to it in stage 2), wherever the article writes it."""
        legal = [m.name for m in found if m.label == "Company" and m.attrs.get("legal")]
        if not legal:
            return []
        taken = [(m.start, m.end) for m in found]
        out = []
        for pos in _positions(text, "公司"):
            for n in (4, 3, 2):
                a = pos - n
                core = text[a:pos] if a >= 0 else ""
                if len(core) == n and _ALL_HAN.fullmatch(core) and core not in self.gaz.location_by_name \
                        and not _GENERIC_CORE.fullmatch(core) and not _LEFT_STOP_CHARS.intersection(core[:1]) \
                        and any(core in name and not name.startswith(core + "公司") for name in legal):
                    if not any(s_ < pos + 2 and a < e_ for s_, e_ in taken):
                        out.append(Mention("Company", core + "公司", a, pos + 2, core + "公司"))
                    break
        return out

    def _placed_firms(self, text: str, found: list[Mention]) -> list[Mention]:
        """寿县永良米业公司, 对安徽香王粮油公司进行查封, 加拿大新斯科舍电力公司: a firm written with its place
        (or country), a name of its own and its trade, then 公司 without the legal ending. The name part
        (what is left after the place and the trade words) must be a rare word: 美国社交媒体公司, 北京大型
        科技公司 and 上海分公司 describe a firm rather than name it."""
        out = []
        # (该公司, 一家公司, 有限公司, 子公司: most are not such a name, and are not looked at further)
        cands = [pos for pos in _positions(text, "公司") if text[pos - 2:pos] in _TRADE_ENDS]
        if not cands:
            return out
        taken = bytearray(len(text) + 1)
        for m in found:
            if m.start >= 0:
                taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        for pos in cands:
            if taken.find(1, pos, pos + 2) >= 0:
                continue
            lo = _company_left_edge(text, pos, 16)
            if text[lo:lo + 1] in _LEFT_STOP_CHARS or text[lo:lo + 1] == "而":
                lo += 1  # (而寿县永良米业公司, 对安徽香王粮油公司: the function word jieba left on the name)
            core = text[lo:pos]
            if not 4 <= len(core) <= 14 or not _ALL_HAN.fullmatch(core) or taken.find(1, lo, pos) >= 0:
                continue
            place = next((core[:n] for n in range(min(5, len(core) - 2), 1, -1)
                          if core[:n] in self.gaz.location_by_name or core[:n] in _COUNTRIES), None)
            if place is None or _SEGMENTER.freq(place) >= 5000 and place not in _COUNTRIES:
                continue  # (合作 is a town of Gansu, and an everyday word: 合作伙伴关注公司)
            rest = core[len(place):]
            while True:  # the second place of 淮南寿县…, 安徽合肥…
                nxt = next((rest[:n] for n in range(min(5, len(rest) - 2), 1, -1)
                            if rest[:n] in self.gaz.location_by_name), None)
                if not nxt:
                    break
                rest = rest[len(nxt):]
            trade = _TRADE_TAIL.search(rest)
            own = rest[:trade.start()] if trade else rest
            if len(own) < 2 or _DESCRIPTIVE.search(own) or _LEFT_STOP_CHARS.intersection(own) or \
                    _GENERIC_CORE.fullmatch(own) or _SEGMENTER.freq(own) >= 300 or own in self.gaz.location_by_name:
                continue
            name = core + "公司"
            out.append(Mention("Company", name, lo, pos + 2, name))
        return out

    def known(self, text: str) -> list[Mention]:
        """Only the gazetteer's names in ``text`` (a headline: no patterns, no segmentation)."""
        return self._gazetteer(text)

    def _locations(self, text: str) -> list[Mention]:
        """Full place names (上海市, 徐汇区, 广东省); named later from the article's context."""
        out = []
        for m in _PLACE_END.finditer(text):
            end = m.end()
            for n in self._full_lens.get(text[end - 1], ()):
                if n <= end and text[end - n:end] in self.full_places:
                    name = text[end - n:end]
                    out.append(Mention("Location", name, end - n, end, name, attrs={"loc_forms": [name]}))
                    break
        return out

    def _latin_brands(self, text: str) -> list[Mention]:
        """Max Mara专卖店, Smart Eye公司: a Latin name directly before a shop or company word; Uber被罚,
        对Uber处以, Verkada同意支付: a Latin name as the party of a penalty, breach or ownership. Every
        other occurrence of a name so found is that company too (Free和Free Mobile是…)."""
        out: list[Mention] = []
        names: set[str] = set()
        acquired = "收购" in text or "并购" in text  # (per text, not per Latin word)
        cloud = "云" in text or "存储桶" in text or "托管服务" in text
        for m in _LATIN_RUN.finditer(text):
            start, end = m.span()
            if start and text[start - 1] in _LATIN_CHAR:
                continue
            if text.startswith("ISP ", start) and end > start + 4:
                m = _LATIN_RUN.match(text, start + 4)  # (ISP TalkTalk: the trade, then the name)
                start = m.start()
            cue = _LATIN_CUE_AFTER.match(text, end) or \
                text[end:end + 1] in _RESEARCH_FIRST and _LATIN_RESEARCH_AFTER.match(text, end)
            if not cue and (text[end:end + 1] in _SPEAKS_FIRST or text[end:end + 1] == " " and
                            text[end + 1:end + 2] in _SPEAKS_FIRST) and \
                    _LATIN_SPEAKS.match(text, end) and not _LATIN_PERSON.fullmatch(m.group(0)) and \
                    not (m.group(0).isupper() and len(m.group(0)) <= 3) and \
                    not _LATIN_GROUP.search(m.group(0)) and \
                    not _LATIN_ROLE_BEFORE.search(text, max(0, start - 6), start) and \
                    not _HACKER_BEFORE.search(text, max(0, start - 8), start) and \
                    not text.endswith(_GANG_WORDS, max(0, start - 4), start - (text[start - 1:start] == " ")) and \
                    not text.startswith(_GANG_WORDS, end + (text[end:end + 1] == " ")) and \
                    not re.search(rf"[A-Z][a-z]*\.? {re.escape(m.group(0))}(?![A-Za-z])", text):
                # (Beth Keebler … Keebler表示: a surname said alone after the person's full name)
                pass  # (a party that speaks: kept without listing the names before it, see below)
            elif not cue and not (_LATIN_OBJECT_BEFORE.search(text, max(0, start - 4), start) and
                                _LATIN_OBJECT_AFTER.match(text, end)) and \
                    not _LATIN_DESCRIBED.search(text, max(0, start - 6), start) and \
                    not (acquired and text.find("购", max(0, start - 24), start) >= 0 and
                         _LATIN_ACQUIRED_BEFORE.search(text, max(0, start - 24), start) and
                         _LATIN_ACQUIRED_AFTER.match(text, end)) and \
                    not (cloud and (text.startswith(_CLOUD_AFTER, end) or
                                    text.startswith(" ", end) and text.startswith(_CLOUD_AFTER, end + 1)) and
                         _LATIN_USED_BEFORE.search(text, max(0, start - 5), start)):
                continue
            name = m.group(0)
            if name in _LATIN_NOT_COMPANY or name[:name.find(" ")] in _LATIN_NOT_COMPANY:
                continue  # (公司CEO Sergio Ermotti: a title before a person's name)
            if _HACKER_BEFORE.search(text, max(0, start - 8), start) and \
                    not _LATIN_DESCRIBED.search(text, max(0, start - 6), start) or _PRODUCT_NEXT.match(text, end):
                continue  # (朝鲜 Lazarus 集团: a hacker group; 企业Java应用: a product, not a firm)
            known = self.gaz.strong.get(name)
            if known and known[0] != "Company":
                continue  # CNIL被…, FTC对…: a known authority or law
            if not known and len(name) <= 4 and name.isupper() and text.startswith(_ACRONYM_TRADE, end):
                # SK电讯, KT电信, LG电子: a firm named by an acronym and its trade (the acronym alone is
                # its group or another firm)
                end += 2
                name = text[start:end]
            out.append(Mention("Company", name, start, end, known[1] if known else name,
                               source="gazetteer" if known else "pattern"))
            if known:
                continue
            if len(name) >= 3:
                names.add(name)
            before = _LATIN_LIST_BEFORE.search(text, max(0, start - 40), start) if cue else None
            if before and before.group(1) not in _LATIN_NOT_COMPANY and \
                    before.group(1) not in self.gaz.strong and len(before.group(1)) >= 3:
                names.add(before.group(1))
        if names:
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            for m in re.finditer(rf"(?<![A-Za-z0-9&.-])(?:{alt})(?![A-Za-z0-9&])", text):
                out.append(Mention("Company", m.group(0), m.start(), m.end(), m.group(0)))
        return out

    def _defined_short_names(self, text: str, found: list[Mention]) -> list[Mention]:
        """上海小鹏汽车销售服务有限公司（以下简称“小鹏销售公司”）: every later 小鹏销售公司 is that company."""
        out = []
        for m in found:
            if m.label not in ("Company", "Authority"):
                continue
            d = _SHORT_DEF.match(text, m.end)
            if not d and m.label == "Company" and m.text[-1:].isascii():
                d = _QUOTED_SHORT.match(text, m.end)
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
        channel = _CHANNEL_AFTER.match
        info = self._form_info
        dot = "·" in text
        for start, end in self._spans(text):
            form = text[start:end]
            hit = info.get(form)
            if hit is None:
                known = self._spaced.get(form, form)
                weak = known not in self.gaz.strong
                label, name = (self.gaz.weak if weak else self.gaz.strong)[known]
                e = self.gaz.get(label, name)
                hit = info[form] = (label, name, tuple(e.attrs.get("extra_labels", ())) if e else (),
                                    e.attrs if e else {}, weak,
                                    label == "Authority" and bool(e) and e.attrs.get("level") == "national")
            label, name, extra, attrs, weak, national = hit
            if national and form.endswith("部") and text.startswith("门", end):
                continue  # 教育部门, 司法部门: the departments of that field, anywhere, not the ministry
            if national and (text.startswith("长", end) and form.endswith("部") or
                             _country_before(text, start)):
                country = _COUNTRY_END.search(text, max(0, start - 6), start) \
                    if not text.startswith("长", end) else None
                if country:
                    # 丹麦央行网站遭攻击, 黎巴嫩交通部: a foreign central bank or ministry, named with its
                    # country (the gazetteer's 美国商务部 is matched whole, before this)
                    name = country.group(0) + form
                    out.append(Mention("Authority", name, country.start(), end, name, attrs={"level": "foreign"}))
                continue  # 交通部长 (a minister), 美国财政部 / 黎巴嫩交通部: not the Chinese ministry
            if dot and label == "Company" and (text.startswith("·", end) or text.endswith("·", 0, start)):
                continue  # 阿里·哈米: part of a transliterated person's name
            if label == "Company" and text.startswith(("截图", " 截图"), end):
                continue  # △ 百度截图: a screenshot of a page, not a party of the report
            if label == "Company" and "App" in extra and (
                    channel(text, end) or text.endswith("官方", 0, start) or text.endswith(_CHANNEL_BEFORE, 0, start) or
                    _named_channel(text, end) or _furniture_line(text, start, end)):
                continue  # 微信公众号“新智元”, 通过官方微博致歉: the platform as a channel, not a party
            out.append(Mention(label, form, start, end, name, extra, dict(attrs), weak, "gazetteer"))
        return out

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the gazetteer's names in ``text`` (see __init__): the Chinese ones,
        then the Latin ones. (Lists built in comprehensions: most matches are Chinese and need
        nothing more.)"""
        if self._all is None:
            return []
        n_han = self._n_han
        found = self._all.find_matches_as_indexes(text)
        spans = [(a, b) for i, a, b in found if i < n_han]
        others = [(i, a, b) for i, a, b in found if i >= n_han or i in self._han_latin]
        if not others:
            return spans
        n, mixed = len(text), self._mixed
        for i, start, end in others:
            if i < n_han:  # (a Chinese name with a Latin one inside)
                if self.latin_re is not None:
                    spans += [(a, b) for _, a, b in self._latin_regex(text, start, end)]
                continue
            if i in mixed and self._han is not None:
                spans += [(start + a, start + b) for _, a, b in self._han.find_matches_as_indexes(text[start:end + 12])
                          if a < end - start]
            if (start and text[start - 1] in _ASCII_ALNUM) or (end < n and text[end] in _ASCII_ALNUM):
                spans += [(a, b) for _, a, b in self._latin_regex(text, start, end)]
            elif not (start and text[start - 1] in "@./" or _ADDRESS_AFTER.match(text, end)):
                spans.append((start, end))  # (not 360 of anquanke@360.cn: part of an e-mail or web address)
        return spans

    def _latin_regex(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, int]]:
        """The regex's matches that start between ``lo`` and ``hi``."""
        pos = lo
        search, match = self._latin_start.search, self.latin_re.match
        while (c := search(text, pos, hi)) is not None:
            m = match(text, c.start())
            if m:
                if not (m.start() and text[m.start() - 1] in "@./" or _ADDRESS_AFTER.match(text, m.end())):
                    yield 0, m.start(), m.end()  # (not 360 of anquanke@360.cn: part of an e-mail or web address)
                pos = m.end()
            else:
                pos = c.start() + 1

    def _authorities(self, text: str) -> list[Mention]:
        out = []
        for m in self.auth_re.finditer(text):
            canon_suffix, kind = AUTHORITY_SUFFIXES[m.group(0)]
            if kind == "court" and _COURT_SITE.match(text, m.end()):
                continue  # 北京法院裁判文书网, 法院网: a website, not the court
            start = m.start()
            if canon_suffix != "公安分局" and text.endswith("公安", 0, start) and kind == "police":
                start -= 2
            elif kind == "cyberspace" and text.endswith("委", 0, start) and \
                    _PLACE_END.match(text, start - 2) and self._location_ending_at(text, start - 1):
                start -= 1  # 海南省委网信办: the office of the provincial Party committee
            forms, start = self._places_before(text, start, 3)
            if not forms:
                # 市公安局, 省委网信办 after a named place: that level's authority of the article's
                # place (named in stage 2; dropped when the article names no such place)
                lvl = start - 1
                if kind == "cyberspace" and text.endswith("委", 0, start):
                    lvl -= 1
                if lvl >= 0 and text[lvl] in _LEVEL_WORDS and (lvl == 0 or text[lvl - 1] not in "全各每外"):
                    out.append(Mention("Authority", text[lvl:m.end()], lvl, m.end(), text[lvl:m.end()],
                                       attrs={"loc_forms": [], "suffix": canon_suffix, "kind": kind,
                                              "bare_level": _LEVEL_WORDS[text[lvl]]}))
                elif text.endswith(("当地", "属地"), 0, start) and kind != "court":
                    # 南昌市某企业…，当地网信办罚款5万元: the office of the place just named, not the
                    # national one a bare 网信办 stands for
                    out.append(Mention("Authority", text[start - 2:m.end()], start - 2, m.end(),
                                       text[start - 2:m.end()],
                                       attrs={"loc_forms": [], "suffix": canon_suffix, "kind": kind,
                                              "bare_level": "local"}))
                continue  # "公安机关", a bare "网信办": too generic to name a node
            if canon_suffix == "公安局" and text.find("分局", m.end() + 2, m.end() + 9) >= 0:
                # 杭州市公安局西湖区分局: the district's branch of the city's police, the one that decides
                branch = _POLICE_BRANCH.match(text, m.end())
                district = branch and self._location_ending_at(text, branch.end(1))
                if district and len(district) == len(branch.group(1)):
                    out.append(Mention("Authority", text[start:branch.end()], start, branch.end(),
                                       text[start:branch.end()],
                                       attrs={"loc_forms": forms + [district], "suffix": "公安分局", "kind": kind}))
                    continue
            out.append(Mention("Authority", text[start:m.end()], start, m.end(), text[start:m.end()],
                               attrs={"loc_forms": forms, "suffix": canon_suffix, "kind": kind}))
            out += self._coordinated_places(text, start, forms[0], canon_suffix, kind)
        if "法院" in text or "检察院" in text:
            out += self._short_courts(text)
        return out

    def _short_courts(self, text: str) -> list[Mention]:
        """闵行区检察院, 西城法院: the short forms news use for a place's 人民检察院 / 人民法院 (a place must
        be written right before them; found from the words, not by the suffix regex, where two
        characters as common as 法 and 检 would make every scan slower)."""
        out = []
        for word, suffix, kind in (("检察院", "人民检察院", "procuratorate"), ("法院", "人民法院", "court")):
            for pos in _positions(text, word):
                if text.endswith(("人民", "中级", "高级", "专门", "最高"), 0, pos) or \
                        kind == "court" and _COURT_SITE.match(text, pos + len(word)):
                    continue  # (the full name is the suffix regex's; 法院网 is a website)
                forms, start = self._places_before(text, pos, 3)
                if forms:
                    end = pos + len(word)
                    out.append(Mention("Authority", text[start:end], start, end, text[start:end],
                                       attrs={"loc_forms": forms, "suffix": suffix, "kind": kind}))
        return out

    def _branches(self, text: str) -> list[Mention]:
        """中国人民银行珠海市分行 / 央行珠海市分行 / 人民银行南宁中心支行: a branch of the central bank, the
        authority of the banking fines it decides (not the national bank); 浙商银行股份有限公司珠海分行,
        中国银行XX支行: a bank's branch is the party fined, a Company of its own."""
        out = []
        for m in _BRANCH_END.finditer(text):
            forms, start = self._places_before(text, m.start(), 2)
            if not forms:
                continue
            suffix = m.group(0)
            head = _CENTRAL_BANK_BEFORE.search(text, max(0, start - 6), start)
            if head:
                out.append(Mention("Authority", text[head.start():m.end()], head.start(), m.end(),
                                   "中国人民银行" + "".join(forms) + suffix,
                                   attrs={"kind": "central_bank"}))
                continue
            bank = _BANK_BEFORE.search(text, max(0, start - 30), start)
            if bank:
                left = bank.start()
                if start - left > 6:
                    # 开户行信息皆为中国农业银行崇左江州支行: the branch's name starts with the known bank
                    # written right before its place, not at the clause's start
                    left = self._known_company_before(text, start, left)
                out.append(Mention("Company", text[left:m.end()], left, m.end(),
                                   text[left:m.end()], attrs={"legal": True, "branch": True}))
                continue
            tail = _BANK_TAIL.search(text, max(0, start - 12), start)
            if tail:  # 对江苏银行股份有限公司北京分行: the bank's name begins after the stop word
                left = _company_left_edge(text, tail.start())
                if tail.end() - left > 6:  # (…记者多次拨打中国农业银行崇左江州支行: see above)
                    left = self._known_company_before(text, tail.end(), left)
                if tail.start() - left >= 2:
                    out.append(Mention("Company", text[left:m.end()], left, m.end(), text[left:m.end()],
                                       attrs={"legal": True, "branch": True}))
        return out

    def _known_company_before(self, text: str, end: int, left: int) -> int:
        """Where the longest known company name that ends at ``end`` starts (after ``left``), else
        ``left``."""
        strong = self.gaz.strong
        return next((end - n for n in range(min(12, end - left - 1), 3, -1)
                     if strong.get(text[end - n:end], ("",))[0] == "Company"), left)

    def _local_banks(self, text: str) -> list[Mention]:
        """邯郸银行, 河北晋州农村商业银行, 定兴县农村信用联社: a bank named by the place(s) written right
        before its kind is a Company (a city or rural commercial bank, a credit union), whatever
        its place. 中国人民银行 (人民 is no place), 银行业 and a bank without a place are not."""
        out = []
        # (found from the literal words, str.find: a regex with an optional head scans every position)
        hits = []
        for pos in _positions(text, "银行"):
            if text.startswith(_BANK_NOT_AFTER, pos + 2):
                continue
            head = 4 if text[pos - 4:pos] in ("农村商业", "农村合作", "城市商业") else \
                2 if text[pos - 2:pos] in ("农商", "村镇") else 0
            end = pos + 2 + (6 if text.startswith("股份有限公司", pos + 2) else 0)
            hits.append((pos - head, end, head))
        for word in ("联社", "信用社"):
            for pos in _positions(text, word):
                head = next((n for n in (6, 4, 2) if text[pos - n:pos] in _UNION_HEADS), -1)
                if head >= 0:
                    hits.append((pos - head, pos + len(word), head))
        for kind_start, end, head in hits:
            forms, start = self._places_before(text, kind_start, 3)
            if not forms and text.startswith("村镇", kind_start):
                # 禹州新民生村镇银行, 浙江余杭德商村镇银行: a village bank is named by its place and its
                # sponsor bank's word (新民生, 德商), written between them
                for n in (2, 3, 4):
                    word = text[kind_start - n:kind_start]
                    if len(word) == n and all("\u4e00" <= ch <= "\u9fff" for ch in word) and \
                            not _LEFT_STOP_CHARS.intersection(word):
                        forms, start = self._places_before(text, kind_start - n, 3)
                        if forms:
                            break
            if not forms or (start and text[start - 1] in "某一各该本"):
                continue  # (某银行, 各银行: no name)
            if not head and len(forms) == 1 and forms[0] in ("中国", "中华"):
                continue  # (中国银行 is the gazetteer's, with its legal name)
            out.append(Mention("Company", text[start:end], start, end, text[start:end], attrs={"legal": True}))
        return out

    def _financial_regulators(self, text: str) -> list[Mention]:
        """国家金融监督管理总局上海监管局, 上海银保监局, 中国证监会浙江监管局, 深圳证监局: the local bureau of a
        national financial regulator (the one that fines banks and insurers over customer data),
        named <regulator><place>监管局 whichever form the text used."""
        out = []
        for m in _FIN_BUREAU_END.finditer(text):
            short = m.group(1)  # 银保监局 / 证监局 / 金融监管局 written after the place
            forms, start = self._places_before(text, m.start(), 2)
            if not forms:
                continue
            head = None if short else _FIN_REGULATOR_BEFORE.search(text, max(0, start - 16), start)
            if short:
                parent = _FIN_SHORT[short]
            elif head:
                parent = _FIN_PARENT[head.group(0)]
                start = head.start()
            else:
                continue
            place = forms[-1]
            place = place[:-1] if len(place) > 2 and place[-1] in "省市" else place
            suffix = "监管分局" if m.group(0).endswith("分局") else "监管局"
            out.append(Mention("Authority", text[start:m.end()], start, m.end(), parent + place + suffix,
                               attrs={"kind": "financial_regulator"}))
        return out

    def _coordinated_places(self, text: str, start: int, first: str, suffix: str, kind: str) -> list[Mention]:
        """辽宁省、浙江省、广东省通信管理局: each place listed before an authority of the same level has
        that authority too (the suffix is written once for the list)."""
        levels = {loc.level for loc in self.gaz.location_by_name.get(first, ())}
        out: list[Mention] = []
        while start >= 3 and text[start - 1] in "、和及与":
            form = self._location_ending_at(text, start - 1)
            if not form or not levels & {loc.level for loc in self.gaz.location_by_name[form]}:
                break
            start -= 1 + len(form)
            out.append(Mention("Authority", form, start, start + len(form), form + suffix,
                               attrs={"loc_forms": [form], "suffix": suffix, "kind": kind, "coordinated": True}))
        return out

    def _places_before(self, text: str, end: int, most: int) -> tuple[list[str], int]:
        """The place names written right before ``end`` (上海市徐汇区: up to ``most``), outermost
        first, and where the first begins."""
        forms: list[str] = []
        while len(forms) < most:
            form = self._location_ending_at(text, end)
            if not form:
                break
            forms.insert(0, form)
            end -= len(form)
        return forms, end

    def _location_ending_at(self, text: str, end: int) -> str | None:
        if end < 1:
            return None
        for n in self._loc_lens.get(text[end - 1], ()):
            if n <= end and text[end - n:end] in self.gaz.location_by_name:
                return text[end - n:end]
        return None

    def _foreign_authorities(self, text: str) -> list[Mention]:
        out = [Mention("Authority", m.group(0), m.start(), m.end(), m.group(0),
                       attrs={"level": "foreign", "kind": "court"})
               for m in (_FOREIGN_COURT.finditer(text) if "法院" in text else ())]
        out += [Mention("Authority", m.group(0), m.start(), m.end(), m.group(0),
                        attrs={"level": "foreign", "kind": "attorney_general"})
                for m in (_STATE_AG.finditer(text) if "检察长" in text else ())]
        if "部" in text:
            for m in _near(_FOREIGN_MINISTRY, _MINISTRY_END, text, 14, 1):
                known = self.gaz.strong.get(m.group(0))
                out.append(Mention("Authority", m.group(0), m.start(), m.end(), known[1] if known else m.group(0),
                                   attrs={"level": "foreign", "kind": "ministry"},
                                   source="gazetteer" if known else "pattern"))
        for m in (_LOCAL_BODY_END.finditer(text) if "议会" in text or "警" in text else ()):
            start = m.start()
            while start > max(0, m.start() - 10) and "\u4e00" <= text[start - 1] <= "\u9fff" and \
                    text[start - 1] not in _LOCAL_BODY_STOP:
                start -= 1
            start = _place_start(text, start, m.start())
            place = text[start:m.start()].rstrip("市郡县区州镇")
            if m.group(0) in ("联邦警察", "交通警察局"):
                if not _COUNTRY_END.search(text, start, m.start()):
                    continue  # (a country's federal or transport police only)
            elif len(place) < 2 or place in _GENERIC_PLACE or place in _COUNTRIES or \
                    m.group(0) == "议会" and text[m.start() - 1] not in "市郡县区" and \
                    any(text.startswith(c, start) for c in _COUNTRIES):
                continue  # (市议会, 地方议会; 英国议会, 伊朗伊斯兰议会: a country's parliament, not a local body)
            if place in self.gaz.location_by_name or text[start:m.start()] in self.gaz.location_by_name:
                continue  # 恩施州警方, 台北市议会: a place of China's (its police are read as 公安)
            name = text[start:m.end()]
            known = self.gaz.strong.get(name)
            if known and known[0] != "Authority":
                continue
            # (英国格拉斯哥市议会 and 格拉斯哥市议会 later: one council, named without its country)
            canon = next((name[len(c):] for c in _COUNTRIES if name.startswith(c) and m.group(0) == "议会"), name)
            out.append(Mention("Authority", name, start, m.end(), known[1] if known else canon,
                               attrs={"level": "foreign", "kind": "local"}, source="gazetteer" if known else "pattern"))
        done = -1
        for suf in _FOREIGN_SUFFIX_RE.finditer(text):
            if suf.end() <= done:
                continue
            m = _FOREIGN_AUTH.search(text, max(done, suf.start() - 12), suf.end())
            if not m:
                continue
            done = m.end()
            # 英国监管机构信息专员办公室 is the ICO of the gazetteer
            known = next((self.gaz.strong[f][1] for f in self._foreign_forms if f in m.group(0)), None)
            # (德国领先的数据保护监管机构 and 德国主要的数据保护监管机构: one body, described)
            out.append(Mention("Authority", m.group(0), m.start(), m.end(), known or _PRAISE.sub("", m.group(0)),
                               attrs={"level": "foreign", "kind": "data_protection"}))
        return out

    def _anonymised_firms(self, text: str) -> list[Mention]:
        """南昌市某企业, 海淀区一家企业, 我市某科技企业: a party the report does not name, written after its
        place; named <place>某<trade><企业|公司> whatever word the text used (一家, 这家)."""
        out = []
        words = _ANON_MARKS if "学校" in text or "医院" in text or "一企业" in text or "一所" in text or \
            "一大型" in text or "一知名" in text else _ANON_MARKS[:3]
        marks = sorted({i for w in (*words, "一") for i in _positions(text, w)})
        for pos in marks:
            if text.startswith("某某", pos) or text.endswith("某", 0, pos):
                continue  # 沈某某非法侵入学校: a person's name, not an anonymised firm
            if text.find("企业", pos, pos + 11) < 0 and text.find("公司", pos, pos + 11) < 0 and \
                    text.find("学校", pos, pos + 11) < 0 and text.find("医院", pos, pos + 11) < 0:
                continue  # (most 一家 and 某 are not a firm's)
            m = _ANON_FIRM.match(text, pos)
            if not m or _TRADE_STOP.intersection(m.group(2)) or \
                    m.group(1) == "某" and m.group(2) and m.group(3) == "公司":
                continue  # (某科技公司 is the legal-name pattern's)
            forms, start = self._places_before(text, m.start(), 2)
            if not forms and text[max(0, start - 2):start] in DEICTIC_PLACES:
                forms, start = [text[start - 2:start]], start - 2
            if not forms and m.group(1) == "一" and m.group(2) and _ONE_FIRM.match(text, m.start() + 1):
                country = _COUNTRY_END.search(text, max(0, start - 6), start)
                if country:
                    forms, start = [country.group(0)], country.start()
            if not forms and (m.group(1) != "某" or not m.group(2)):
                continue  # 每一家企业, 如果某企业…: no one in particular
            name = "".join(forms) + "某" + m.group(2) + m.group(3)
            out.append(Mention("Company", text[start:m.end()], start, m.end(), name,
                               attrs={"legal": True, "anonymised": True, "trade": m.group(2),
                                      "firm_word": m.group(3), "loc_forms": forms}))
        return out

    def _placed_anonymised(self, text: str, done: set[int]) -> list[Mention]:
        """对南京某科技公司…, 监管局对上海某保险公司罚款: an anonymised party whose place follows another
        word without a break (the plain pattern needs a break before the place); the place is read
        from the gazetteer, the party starts after a function word (对, 被, 向…) or at the place."""
        out = []
        for pos in _positions(text, "某"):
            if pos == 0 or not "\u4e00" <= text[pos - 1] <= "\u9fff":
                continue
            m = _ANON_TAIL.match(text, pos)
            if not m or m.end() in done:
                continue
            forms, start = self._places_before(text, pos, 2)
            if not forms or start == 0 or text[start - 1] not in _LEFT_STOP_CHARS and \
                    "\u4e00" <= text[start - 1] <= "\u9fff":
                continue  # (a place after a word that is not a function word may be the end of that word)
            if _TRADE_STOP.intersection(m.group(1)):
                continue
            name = text[start:m.end()]
            out.append(Mention("Company", name, start, m.end(), name, attrs={"legal": True, "anonymised": True}))
        return out

    def _companies(self, text: str) -> list[Mention]:
        out = [Mention("Company", m.group(0), m.start(), m.end(), m.group(0), attrs={"legal": True, "anonymised": True})
               for m in _anonymised_companies(text)]
        if out or "某" in text:
            out += self._placed_anonymised(text, {m.end for m in out})
        if "某" in text or "一" in text or "这家" in text:
            out += self._anonymised_firms(text)
        for m in _COMPANY_SUFFIX.finditer(text):
            if m.group(0)[0] == "（" and m.group(0)[1:m.group(0).index("）")] not in _PLACE_WORDS and \
                    not _PAREN_PLACE.match(m.group(0)):
                continue  # （注）有限公司: no place in the brackets, no legal name
            left = _company_left_edge(text, m.start())
            # 北京反斜杠\引号"科技有限公司: a quote inside a legal name does not start it
            for _ in range(3):
                if not _GENERIC_CORE.fullmatch(text, left, m.start()) or left < 2 or \
                        text[left - 1] not in _QUOTE_IN_NAME or not re.match(rf"[{HAN}A-Za-z0-9]", text[left - 2]):
                    break
                left = _company_left_edge(text, left - 1)
            while left >= 2 and text[left - 1] in _MASKS:
                # 沈阳*达网络科技有限公司, 北京\*\*科技有限公司: a masked character (markdown's escape kept)
                # is inside the name
                j = left - 1
                while j > 0 and text[j - 1] in _MASKS:
                    j -= 1
                if not j or not "\u4e00" <= text[j - 1] <= "\u9fff":
                    break
                left = _company_left_edge(text, j)
            if left and text[left - 1] == "》":
                # 《中国学术期刊（光盘版）》电子杂志社有限公司: a publisher named after its title
                opening = text.rfind("《", max(0, left - 40), left - 1)
                if opening >= 0 and "》" not in text[opening:left - 1] and \
                        _company_left_edge(text, opening, 0) == opening:
                    left = opening
            name = text[left:m.end()]
            core = name[: -len(m.group(0))]
            if len(core) < 2 or not re.search(rf"[{HAN}A-Za-z]", core) or _GENERIC_CORE.fullmatch(core):
                continue
            out.append(Mention("Company", name, left, m.end(), name, attrs={"legal": True}))
        return out

    def _regulations(self, text: str) -> list[Mention]:
        out = []
        drafts: dict[str, str] = {}  # title → its draft, as named in brackets after it
        for m in _BOOK.finditer(text):
            title = re.sub(r"\s+", " ", m.group(1)).strip().replace("(", "（").replace(")", "）")
            # 《通用数据保护条例（GDPR）》: the law, its abbreviation in brackets is not part of the title
            if "（" in title:
                title = _TITLE_ACRONYM.sub("", title)
            if not _REG_END.search(title) or "白皮书" in title or "报告" in title:
                continue
            status = "draft" if _DRAFT.search(title) else None
            end = m.end()
            if status is None and (text.startswith(("（", "(", "公开", "征求", "已", "正式", "再次"), end) or
                                   text.startswith(" ", end)):
                d = _DRAFT_AFTER.match(text, end)
                if d:
                    status = "draft"
                    title += f"（{d.group(1).strip()}）" if d.group(1) else "（征求意见稿）"
                    end = d.end() if d.group(1) else end
                    if d.group(1):
                        drafts[title[:title.rindex("（")]] = title
            out.append(Mention("Regulation", text[m.start():end], m.start(), end, title,
                               attrs={"status": status} if status else {}, source="quoted"))
        for m in out if drafts else ():
            # (…》公开征求意见 and, later, …》（公开征求意见稿）: the draft is named as the text writes it in brackets)
            if m.name.endswith("（征求意见稿）") and drafts.get(m.name[:-7], m.name) != m.name:
                m.name = drafts[m.name[:-7]]
        if len(out) >= 2 or "标准" in text:
            out = _drop_standard_batches(text, out)
        if "“" in text and ("法" in text or "条例" in text):
            # 违反了印度2002年发布的“竞争法”当中的相关法规: a law quoted instead of set in 《》, where the
            # sentence cites it
            for m in _QUOTED_LAW.finditer(text):
                if _CITED_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                    out.append(Mention("Regulation", m.group(0), m.start(), m.end(), m.group(1), source="quoted"))
        if "年" in text and "法案" in text:
            # 通过了…2022财年国防授权法案(NDAA): a bill named with its year, without 《》
            for m in _YEAR_BILL.finditer(text):
                if not any(r.start <= m.start() < r.end for r in out):
                    out.append(Mention("Regulation", m.group(0), m.start(), m.end(), m.group(0)))
        return out

    def _listed_apps(self, text: str) -> list[Mention]:
        """The apps a notice names in an unquoted list after App包括/涉及 (two or more, up to 等 or
        the clause's end); each item is a name, not a phrase (no function word in it)."""
        out: list[Mention] = []
        for cue in _APPS_INCLUDE_CUE.finditer(text):
            if not _APPS_BEFORE.search(text, max(0, cue.start() - 10), cue.start()):
                continue
            end = _CLIENT_LIST_END.search(text, cue.end(), cue.end() + 300)
            if not end or end.group(0) == "等" and _NOT_APPS_AFTER.match(text, end.end()):
                continue
            items, pos = [], cue.end()
            for part in text[cue.end():end.start()].split("、"):
                a, b = pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())
                pos += len(part) + 1
                if not _APP_ITEM.fullmatch(text, a, b) or _ITEM_STOP.intersection(text[a:b]) or \
                        text[a:b].isdigit():
                    items = []
                    break
                items.append((a, b))
            if len(items) < 2:
                continue
            for a, b in items:
                hit = self.gaz.strong.get(text[a:b])
                if hit and hit[0] != "Company":
                    break  # a list of laws, places or kinds of data
                out.append(Mention("Company", text[a:b], a, b, hit[1] if hit else text[a:b], ("App",),
                                   {"listed_app": True}, source="list"))
        return out

    def _apps(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        for end in (_PLAIN_APP_END.finditer(text) if "款" in text else ()):
            # the run of names before 等N款App, found backwards from its end
            run = None
            for run in _PLAIN_APP_RUN.finditer(text, max(0, end.start() - 400), end.end()):
                if run.end() >= end.start():
                    break
            if run is None or run.end() < end.start():
                continue
            pos = run.start(1)
            for part in run.group(1).split("、"):
                a = pos
                pos += len(part) + 1
                # the first item runs back to the clause: it starts after the last function word
                cut = max((i + 1 for i, ch in enumerate(part) if ch in _LEFT_STOP_CHARS), default=0)
                name = part[cut:]
                if 2 <= len(name) <= 12:
                    out.append(Mention("Company", name, a + cut, a + len(part), name, ("App",), source="list"))
        if "包括" in text or "涉及" in text or "分别" in text or "名单" in text:
            out += self._listed_apps(text)
        if "版本" in text and "《" in text:
            # 《友车友货》（版本1.2.2，应用宝）: a notice names each app it examined with the version it
            # examined, in book-title marks
            for m in _BOOK.finditer(text):
                if _VERSION_AFTER.match(text, m.end()) and not _REG_END.search(m.group(1)):
                    out.append(Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1), ("App",),
                                       source="quoted"))
        if "“" in text:
            out += [Mention("Company", m.group(1), m.start(1), m.end(1), m.group(1), source="quoted")
                    for m in _QUOTED_BRAND.finditer(text) if not _BOOK.search(m.group(1))]
        if "." in text:
            for m in _near(_SITE_DOMAIN, _DOMAIN_END, text, 200, 8):
                h = _HAN_BEFORE.search(text, max(0, m.start() - 10), m.start())
                if not h:
                    continue
                head = h.group(0).rstrip()
                v = _SITE_VERB.match(head)
                name = head[v.end():] if v else head
                if len(name) >= 2:
                    out.append(Mention("Company", name, h.start() + len(head) - len(name), h.start() + len(head), name))
        if "“" not in text or not ("款" in text or _APP_WORD.search(text)):
            return out  # both patterns need a quote and a word for apps
        runs = list(_QUOTED_RUN.finditer(text))
        # 分别是：“A”、“B”、“C”。 — three or more quoted names listed where apps are the subject
        for run in _QUOTED_LIST.finditer(text):
            if _APP_WORD.search(text, max(0, run.start() - 60), run.start()) and \
                    not any(r.start(1) <= run.start() < r.end(1) for r in runs):
                runs.append(run)
        for run in runs:
            single = run.group(1).count("“") == 1
            for q in _QUOTED.finditer(text, run.start(1), run.end(1)):
                name = q.group(1).strip()
                if len(name) < 2 or _BOOK.search(name) or name.endswith("类"):
                    continue  # (“地图导航类”App: a kind of app, not one)
                if single and name not in self.forms and _SEGMENTER.freq(name) >= _COMMON_WORD and \
                        not _APP_AFTER.match(text, q.end() + 1):
                    continue  # 提供“特别”应用程序: a common word in quotes for emphasis, not an app's name
                out.append(Mention("Company", name, q.start(1), q.end(1), name, ("App",), source="quoted"))
        return out


_ANON_DESCRIPTOR = re.compile(r"\s*的\s*([^，。；、的“”\s]{1,16}?)\s*(App|APP|app|系统|平台|网站|小程序)(?![A-Za-z])")


# A、B、C等企业: the list's end, and the kinds of party a list of companies is summed up as
_LIST_END = re.compile(r"\s*等(?:\s*(?:[\u4e00-\u9fff]{0,4}?)(企业|公司|品牌|应用|App|APP|app|平台|厂商|厂家|车企|银行|机构|"
                       r"运营商|巨头|互联网公司|科技公司|软件))?")
_LIST_BREAK = re.compile(r"[，,。；;：:！？!?\n“”\"《》（）()【】]")
_ITEM_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9.&·' -]{0,15}")
_ITEM_STOP = set("对被由向据经在与和及是为将从于即其该等或了的")


# Fimmick客户还包括牛奶公司旗下惠康、Yuu、友邦保险等数十家企业: a vendor's clients, listed
# (海康威视，客户包括…: the vendor, the subject of the clause before, and its clients)
CLIENTS_INCLUDE = re.compile(r"(?:[，,]\s*(?:其|该公司)?)?(?:的)?(?:企业|主要|重要|知名)?客户(?:还|也|则)?(?:包括|包含|涵盖)\s*[：:]?\s*")
# Snowflake的客户Ticketmaster、桑坦德银行: the clients named right after 的客户 (checked: a name must follow at once)
# (Episource 的一些客户，例如 Sharp HealthCare: some of its clients, an example given)
CLIENTS_NAMED = re.compile(r"\s?的(?:一些|部分|多家|众多|其他)?(?:企业|主要|重要|知名|大)?客户(?:[，,]\s*)?(?:例如|比如|如|有)?\s*[“\"]?")
_CLIENTS_SCAN = re.compile(r"客户(?:还|也|则)?(?:包括|包含|涵盖)\s*[：:]?\s*")  # starts with a literal: found fast
_CLIENT_SEP = re.compile(r"、|(?<=[^、\s]{2})[和及](?=[^、\s]{2})")  # (each one character: offsets stay right)
_CLIENT_LIST_END = re.compile(r"等|[，,。；;：:！？!?\n]")


def _client_list(text: str) -> list[Mention]:
    """The names of a list that follows 客户包括 (up to 等 or the clause's end) are companies; an item
    written 牛奶公司旗下惠康 names the client and its owner."""
    out = []
    for m in _CLIENTS_SCAN.finditer(text):
        end_m = _CLIENT_LIST_END.search(text, m.end(), m.end() + 300)
        if not end_m:
            continue
        region = text[m.end():end_m.start()]
        if "、" not in region:
            continue
        pos = m.end()
        # (丰田、可口可乐和联合利华: the last two joined by 和/及 are two clients; 和硕 keeps its 和)
        for part in _CLIENT_SEP.split(region):
            a, b = pos, pos + len(part)
            pos = b + 1
            cut = part.rfind("的") + 1  # 号称有350万客户的Yuu用户计划: the name after the description
            owner = part.find("旗下", cut)
            for x, y in ((a + cut, a + owner), (a + owner + 2, b)) if owner > cut else ((a + cut, b),):
                x, y = x + len(text[x:y]) - len(text[x:y].lstrip()), y - (len(text[x:y]) - len(text[x:y].rstrip()))
                name = text[x:y]
                if 2 <= len(name) <= 16 and _ITEM_OK.fullmatch(name) and not _ITEM_STOP.intersection(name[:1]):
                    out.append(Mention("Company", name, x, y, name, attrs={"list_member": True}, source="list"))
    return out


def _list_members(text: str, found: list[Mention]) -> list[Mention]:
    """腾讯、百度、金山软件、迅雷等企业: the unknown names of a list whose other members are known
    companies are companies too. The list must be closed by 等; with a word for companies after
    it (等企业, 等品牌, 等热门应用) one known member is enough, else two and a third of the list."""
    if "、" not in text:
        return []
    comps = {(m.start, m.end): m for m in found if m.label == "Company" and not m.weak}
    if not comps:
        return []
    taken = [(m.start, m.end, m) for m in found]
    out: list[Mention] = []
    done_until = -1
    for (start, end), m in sorted(comps.items()):
        if start < done_until or not (text.startswith("、", end) or text.endswith("、", 0, start)):
            continue
        brk = None
        for brk in _LIST_BREAK.finditer(text, max(0, start - 200), start):
            pass
        lo = brk.end() if brk else max(0, start - 200)
        hi_m = _LIST_BREAK.search(text, end, end + 400)
        hi = hi_m.start() if hi_m else min(len(text), end + 400)
        region = text[lo:hi]
        close = region.find("等", end - lo)
        if close < 0:
            continue
        tail = _LIST_END.match(region, close)
        region = region[:close]
        done_until = lo + close
        # items between 、; the last may join two with 和/及
        items: list[tuple[int, int]] = []
        pos = 0
        for part in region.split("、"):
            a, b = lo + pos, lo + pos + len(part)
            pos += len(part) + 1
            while a < b and text[a] == " ":
                a += 1
            while b > a and text[b - 1] == " ":
                b -= 1
            items.append((a, b))
        if len(items) < 3:
            continue
        known, unknown = 0, []
        for i, (a, b) in enumerate(items):
            over = [x for s_, e_, x in taken if s_ < b and a < e_]
            exact = [x for x in over if x.start == a and x.end == b]
            if i == 0 and not exact:
                # the first item runs back to the clause's start (则包括了 TikTok): only its last mention
                last = [x for x in over if x.end == b]
                exact = last if last and last[0].label == "Company" else exact
                if not exact:
                    continue
            if exact:
                if exact[0].label != "Company":
                    known = -99  # a list of places, laws or data kinds
                    break
                known += 1
            elif not over and _ITEM_OK.fullmatch(text, a, b) and 2 <= b - a <= 16 and \
                    not _ITEM_STOP.intersection(text[a:b]) and not text[a:b].isdigit():
                unknown.append((a, b))
        if known < 1 or not unknown:
            continue
        if not (tail and tail.group(1)) and not (known >= 2 and 3 * known >= len(items)):
            continue
        out += [Mention("Company", text[a:b], a, b, text[a:b], attrs={"list_member": True}) for a, b in unknown]
    return out


# 上饶银行因“信息安全管理不足”被罚, 乐天信用卡违反《个人信息保护法》，被罚…: an unknown Chinese name at the
# start of a clause as the party of a sanction; 对乐天信用卡处以96.2亿韩元罚款: as its object. Four characters
# or more (a person's name is two or three), none of them a function word, not a group or a pronoun
_HAN_PARTY_PASSIVE = re.compile(rf"(?:^|(?<=[\s，。；：:、|*#】\]]))([{HAN}]{{4,10}}?)"
                                rf"(?:因[^，。；\n]{{1,24}}?|违反《[^》\n]{{1,30}}》[，,]?\s*)?被(?:罚|处罚|处以)")
_HAN_PARTY_OBJECT = re.compile(rf"对([{HAN}]{{4,10}}?)(?:依法)?(?:处以|作出|开出)")
# (not 已经 / 曾经: 误以为企业已经被罚 — the 已 of _HAN_PARTY_BAD must still reject such a clause)
_HAN_PARTY_ADVERB_END = ("分别", "同时", "先后", "再次", "近日", "日前", "此前")
_HAN_PARTY_CUE = re.compile(r"被(?:罚|处罚|处以)")  # found first
# (向/从/在/将/把, 有涉事…: 针对向俄罗斯传输数据作出…, 有涉事企业被罚款 — a preposition or 有 starts a phrase;
# not 有 alone: 有赞支付 is a name)
_HAN_PARTY_BAD_START = re.compile(r"[两二三四五六七八九十多]+[家名个款位起批]|[多各该其此这一每某本我涉违对向从在将把]|"
                                  r"有(?:涉|关|部分|多家|一家|些)|上述|前者|后者|相关|有关|部分|个别|"
                                  r"全部|所有|当事|当地|属地|疑似|持续|频繁|屡|多次|一直|长期|曾经|仍")
_HAN_PARTY_BAD = re.compile(r"[的了是在和与及或等均都也还已曾将被其没]|(?<=.)因|行为|违法|违规|责任|人员|负责|主管|用户|员工|个人|"
                            r"知名|著名|大型|国内|海外|境外|头部|巨头|"  # 知名医学检测机构: a description
                            r"(?:某|人|员|者|方|局|办|委|院|部|厅|会|所|队|处|庭|中心|政府|机关|机构|男子|女子|网友|问题|泄露|泄漏|攻击|事件)$")


def _sanctioned_han_parties(text: str, found: list[Mention]) -> list[Mention]:
    """Unknown Chinese names read as parties of a sanction (see _HAN_PARTY_PASSIVE), and every other
    occurrence of such a name in the text."""
    names: set[str] = set()
    taken = [(m.start, m.end) for m in found if m.label not in ("Company", "Location")]
    # (the passive form is looked for only before a 被罚, and must end with it)
    # (from after the previous cue: A分别被处以…，而B因…被罚 — B's window must not find A first)
    def passive_parties():
        prev = 0
        for cue in _HAN_PARTY_CUE.finditer(text):
            yield _HAN_PARTY_PASSIVE.search(text, max(0, cue.start() - 40, prev), cue.end()), cue.end()
            prev = cue.end()
    passive = passive_parties()
    objects = ((m, m.end()) for m in _HAN_PARTY_OBJECT.finditer(text)) \
        if "处以" in text or "作出" in text or "开出" in text else ()
    for m, end in itertools.chain(passive, objects):
        if m is None or m.end() != end:
            continue
        name = m.group(1)
        if name.endswith(_HAN_PARTY_ADVERB_END):  # 淮南楚丰工贸公司分别被处以: the adverb is not the name
            name = name[:-2]
            if len(name) < 4:
                continue
        if name[0] in "而但且" and len(name) >= 5:  # …，而琪艾美公司因广告违法被罚: nor the conjunction
            name = name[1:]
        if _HAN_PARTY_BAD_START.match(name) or _HAN_PARTY_BAD.search(name) or \
                any(a < m.end(1) and m.start(1) < b for a, b in taken):
            continue
        names.add(name)
    out = []
    for name in names:
        for occ in re.finditer(re.escape(name), text):
            out.append(Mention("Company", name, occ.start(), occ.end(), name))
    return out


# 2.澳洲航空遭遇重大网络攻击, 立讯精密遭勒索攻击: an unknown Chinese name starting a clause (a headline's
# or a report's) as the party a cyber attack or a breach hit; three characters or more
_HAN_BREACHED = re.compile(rf"(?:^|(?<=[\s，。；：:、|*#】\].]))([{HAN}]{{3,8}}?)(?:近日|日前|近期|此前|再次|又)?"
                           r"(?:遭遇|遭到|遭受|遭)了?(?:一起|一次|重大|严重|大规模|大型|疑似)*(?:的)?"
                           r"(?:网络|黑客|勒索软件|勒索|数据|网路)?(?:攻击|入侵|泄露|泄漏|勒索|窃取)")
_HAN_BREACHED_CUE = re.compile(r"遭(?:遇|到|受)?")  # found first
# (乌克兰一城市供暖系统, 美国多家医院, 政务网站, 某平台数据库: no firm's name)
_HAN_BREACHED_BAD = re.compile(r"(?:系统|网站|平台|服务器|数据库|设备|网络|用户|客户|账号|账户|电脑|手机|官网|城市|政府|"
                               r"部门|机构|组织|行业|领域|企业|公司|学校|医院|银行|客户端|应用|软件|供应商|服务商|厂商|运营商|"
                               # (亿条信息疑遭泄露, 市民数据恐遭窃取: the data itself and a hedge)
                               r"[疑恐或均已曾也还再]|外部|内部|第三方)$|数据|信息|记录|资料|文件|[条份万亿]")


def _breached_han_parties(text: str, found: list[Mention], places) -> list[Mention]:
    """Unknown Chinese names read as the party of an attack or a breach (see _HAN_BREACHED), and every
    other occurrence of such a name."""
    names: set[str] = set()
    taken = [(m.start, m.end) for m in found if m.label != "Location"]  # (澳洲 of 澳洲航空)
    prev = 0
    for cue in _HAN_BREACHED_CUE.finditer(text):
        m = _HAN_BREACHED.search(text, max(prev, cue.start() - 12), cue.end() + 16)
        prev = cue.end()
        if m is None or m.end(1) > cue.start() or text.find("遭", m.end(1), m.end(1) + 4) != cue.start():
            continue
        name, start = m.group(1), m.start(1)
        for adverb in _HAN_PARTY_ADVERB_END:
            if name.endswith(adverb):
                name = name[:-len(adverb)]
        country = next((n for n in (4, 3, 2) if name[:n] in _COUNTRIES), 0)
        if country and len(name) - country >= 3:
            name, start = name[country:], start + country  # (加拿大皇家山大学: the country is not the name)
        if len(name) < 3 or _HAN_PARTY_BAD_START.match(name) or _HAN_PARTY_BAD.search(name) or \
                _HAN_BREACHED_BAD.search(name) or name in places or name in _COUNTRIES or \
                _country_before(name, len(name)) and len(name) <= 4 or \
                any(a < start + len(name) and start < b for a, b in taken):
            continue
        names.add(name)
    out = []
    for name in names:
        for occ in re.finditer(re.escape(name), text):
            out.append(Mention("Company", name, occ.start(), occ.end(), name))
    return out


_EDITION = re.compile(r" ?([A-Z][a-z]{1,11})(?![A-Za-z0-9])")


# 《坦克风云OL》（版本1.6.13，豌豆荚）: an app store named as where the version of an app examined was
# downloaded is no party of the report (a store told to remove an app is: 要求华为应用市场、…下架)
_APP_STORE = re.compile(r"(?:应用宝|应用商店|应用市场|软件商店|豌豆荚|手机助手|App Store|Google Play)$")


def _without_download_sources(text: str, found: list[Mention]) -> list[Mention]:
    stores = [m for m in found if m.label == "Company" and _APP_STORE.search(m.name)]
    if not stores:
        return found
    drop = {id(m) for m in stores if text.find("版本", max(0, m.start - 16), m.start) >= 0}
    return [m for m in found if id(m) not in drop] if drop else found


def _app_editions(text: str, found: list[Mention]) -> list[Mention]:
    """Messenger Kids, YouTube Kids, WhatsApp Business: a known app's edition is an app of its own."""
    out = []
    for m in found:
        if m.label == "Company" and "App" in m.extra_labels and m.source == "gazetteer" and \
                text[m.end - 1:m.end].isascii() and text[m.end - 1:m.end].isalnum():
            e = _EDITION.match(text, m.end)
            if e:
                name = text[m.start:e.end()]
                out.append(Mention("Company", name, m.start, e.end(), name, ("App",), source="pattern"))
    return out


def _tell_anonymised_apart(text: str, ms: list[Mention]) -> None:
    """Two parties written alike (广西某科技有限公司的…培训系统 / 广西某科技有限公司的短视频App) stay
    two: each is named after what it runs; a bare later mention goes with the one before it."""
    by_name: dict[str, list[Mention]] = {}
    for m in ms:
        if m.label == "Company" and m.attrs.get("anonymised") and "某" in m.name:
            by_name.setdefault(m.name, []).append(m)
    for name, group in by_name.items():
        if len(group) < 2:
            continue
        descs = []
        for m in group:
            d = _ANON_DESCRIPTOR.match(text, m.end)
            descs.append(d.group(1) + ("App" if d.group(2).lower() == "app" else d.group(2)) if d else None)
        if len({d for d in descs if d}) < 2:
            continue
        current = next(d for d in descs if d)
        for m, d in zip(group, descs):
            current = d or current
            m.name = f"{name}（{current}）"


def _names_with_acronym(text: str) -> Iterator[tuple[int, int, re.Match]]:
    """知网（CNKI）: (start, end) of the 2 to 6 Chinese characters before an acronym in brackets, and
    the bracket's match; what a regex ``([一-龥]{2,6})[（(]([A-Z]{2,6})[）)]`` finds, without
    trying it at every Chinese character."""
    last = 0
    # (one regex per opening bracket, each starting with a literal; merged in text order)
    streams = [p.finditer(text) for p, ch in _ACRONYM_PARENS if ch in text]
    found = streams[0] if len(streams) == 1 else heapq.merge(*streams, key=lambda m: m.start())
    for m in found:
        end = m.start()
        start = end
        while start > max(end - 6, last) and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        if end - start >= 2:
            last = m.end()
            yield start, end, m


def _near(pattern: re.Pattern, anchor: re.Pattern, text: str, before: int, after: int) -> Iterator[re.Match]:
    """The matches of ``pattern`` around the matches of a rare ``anchor`` (its suffix or a literal in
    it), searched only in that window: a pattern that could start anywhere is not tried everywhere."""
    done = 0
    for a in anchor.finditer(text):
        if a.end() <= done:
            continue
        pos, end = max(done, a.start() - before), min(len(text), a.end() + after)
        while (m := pattern.search(text, pos, end)) is not None and m.start() < a.end():
            if m.end() > a.start():
                done = m.end()
                yield m
                break
            pos = m.start() + 1


def _drop_standard_batches(text: str, regs: list[Mention]) -> list[Mention]:
    """Without the technical standards (网络安全技术 …) listed three or more in a row, or named as one
    of a batch (《X》等15项国家标准): see _STANDARD_TITLE."""
    drop: set[int] = set()
    run: list[int] = []
    for i, m in enumerate(regs):
        if not _STANDARD_TITLE.match(m.name):
            run = []
            continue
        if _BATCH_AFTER.match(text, m.end):
            drop.add(i)
        if run and _BATCH_GAP.fullmatch(text, regs[run[-1]].end, m.start) and m.start - regs[run[-1]].end <= 24:
            run.append(i)
        else:
            run = [i]
        if len(run) >= 3:
            drop.update(run)
    return [m for i, m in enumerate(regs) if i not in drop] if drop else regs


# 属地某企业, 辖区一家物业管理公司, 当地一家企业 (an office's report of a party in its own area): the
# place of the authority nearest to it, of whatever level; 市区某公司: the city's
AREA_WORDS = {"属地": None, "辖区": None, "当地": None, "本地": None, "市区": "city"}
# 我市某科技有限公司 in a report of the 郑州市网信办: "our city" is the place of the authority, at this level
DEICTIC_PLACES = {"我市": "city", "本市": "city", "该市": "city", "我省": "province", "本省": "province",
                  "我区": "district", "本区": "district", "我县": "district", "本县": "district", **AREA_WORDS}


def _definite_refs(text: str, found: list[Mention]) -> list[Mention]:
    """我市某科技有限公司 … 对该科技公司作出…: "该" and the anonymised party's trade (between 某 and
    公司) name that party again. Weak (the words alone name no one), marked ``definite`` so that
    facts may still read it as the party."""
    out: list[Mention] = []
    for m in found:
        if m.label != "Company" or not m.attrs.get("anonymised"):
            continue
        if "firm_word" in m.attrs:  # 南昌市某企业 … 对该企业; 海淀区一家企业 … 这家企业
            trade = m.attrs["trade"]
            if not trade and m.attrs["firm_word"] == "公司":
                continue  # 该公司 alone is any company the text named last
            suffix = re.escape(m.attrs["firm_word"]) if not trade else _DEFINITE_SUFFIX
        else:
            a = _ANON_COMPANY.fullmatch(m.text) if "某" in m.text else None
            if not a:
                continue
            trade, suffix = a.group(1), _DEFINITE_SUFFIX
        for r in re.finditer(rf"(?:该|这家)({re.escape(trade)}{suffix})", text[m.end:]):
            start = m.end + r.start(1)
            out.append(Mention("Company", r.group(1), start, start + len(r.group(1)), m.name, weak=True,
                               attrs={"anonymised": True, "definite": True}))
    return out


def _anonymised_companies(text: str) -> Iterator[re.Match]:
    """``_ANON_COMPANY.finditer(text)``, tried only where a match can start: two or three characters
    before a 某 (the pattern starts with a lookbehind, which the regex engine tries everywhere)."""
    end = 0
    match = _ANON_COMPANY.match
    for pos in _positions(text, "某"):
        for start in (pos - 3, pos - 2, pos):
            if start >= end and start >= 0:
                m = match(text, start)
                if m:
                    end = m.end()
                    yield m
                    break


def _positions(text: str, word: str) -> Iterator[int]:
    """Every offset of ``word`` in ``text`` (str.find: faster than a regex for a literal)."""
    pos = text.find(word)
    while pos >= 0:
        yield pos
        pos = text.find(word, pos + 1)


def _lengths_by_last(names, shortest: int) -> dict[str, tuple[int, ...]]:
    out: dict[str, set[int]] = {}
    for name in names:
        if len(name) >= shortest:
            out.setdefault(name[-1], set()).add(len(name))
    return {ch: tuple(sorted(ns, reverse=True)) for ch, ns in out.items()}


def _resolve_overlaps(ms: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (earliest on ties); gazetteer wins equal spans."""
    rank = _SOURCE_RANK.get
    ms.sort(key=lambda m: (m.start - m.end, rank(m.source, 9), m.start))
    taken = bytearray(max((m.end for m in ms), default=0) + 1)
    keep = []
    find, ones = taken.find, _ONES
    for m in ms:
        a, b = m.start, m.end
        if find(1, a, b) >= 0:
            continue
        taken[a:b] = ones[:b - a] if b - a <= 64 else b"\x01" * (b - a)
        keep.append(m)
    keep.sort(key=_START)
    return keep


_SOURCE_RANK = {"gazetteer": 0, "quoted": 1, "pattern": 2, "metadata": 3}
_ONES = b"\x01" * 64
_START = attrgetter("start")


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


# 眼神科技回复《新视界》称, 近日，悬镜安全成功中标, 该项目总包为西安电信, 其技术提供方眼神科技: a short name
# the gazetteer does not know, ending with an organisation's trade, written as the party of a clause (the
# subject of a verb of saying or of an event, a firm described by the word before it, a member of a list
# with a known company). Brands are written so (without 有限公司) far more often than legal names
# (not 信息, 数据, 网络: the commonest words of a privacy report end its phrases far more often than a name)
_ORG_TRADE = re.compile(r"科技|集团|银行|证券|保险|电信|移动|联通|航空|医院|征信|安全|软件|智能|支付|"
                        r"资本|控股|汽车|电子|通信|传媒|物流|快递|地产|药业|制药|视频|社区|咨询|金服")
# (a place or a country and one of these is a firm: 西安电信, 美国航空; 北京科技 is not said of one)
_PLACE_TRADES = frozenset(("电信", "移动", "联通", "航空", "银行", "医院", "证券", "保险"))
# what the party does or is right after its name: speaks, answers, is hit, wins a bid, has officers
_TRADE_PARTY_AFTER = re.compile(
    r"\s?(?:(?:官方|方面)?(?:近日|日前|此前|昨日|随后|也|还|已|曾|再次|则|均|正式|最终|当时|目前|对此|随即|很快)?"
    r"(?:表示|称|回应|回复|证实|披露|确认|承认|否认|声明|宣布|发布|公告|公布|透露|告诉|指出|拒绝|致歉|道歉|"
    r"遭|被|(?:成功)?中标|向)|(?:相关)?负责人|(?:新闻)?发言人|官方|CEO|CTO|CSO|CFO|董事长|总经理|副总经理|"
    r"总裁|副总裁|创始人|首席|旗下)")
# the word right before that describes the party as a firm (服务商眼神科技, 总包为西安电信, 旗下的考拉征信)
_TRADE_APPOSITION = ("服务商", "提供方", "提供商", "供应商", "厂商", "运营商", "开发商", "承建商", "承建方", "总包为",
                     "叫做", "名为", "旗下的", "旗下", "子公司", "合作伙伴", "收购了", "收购")
# (trades that end everyday phrases too: 确保安全, 机场集团; their name part must be a rare word)
_WEAK_TRADES = frozenset(("安全", "软件", "智能", "视频", "社区", "电子", "通信", "集团", "支付"))
_TRADE_DETERMINERS = ("家", "该", "这", "那", "某", "此", "其", "一", "本", "各", "每")
_JOIN_CHARS = frozenset("和及与、")
_TRADE_LIST_JOIN = ("和", "及", "与", "、", "以及")
# what a name cannot start after without a break: the tokens a party's name starts after
_TRADE_LEFT = frozenset(("方", "、", "而", "但", "也", "即", "因", "由于", "的", "让", "给", "跟", "同", "称", "中标",
                         "提供方", "提供商", "开发商", "承建商", "总包", "叫做", "名为", "旗下", "合作伙伴", "收购"))
# words that say what kind of trade or field is meant (网络安全, 金融科技, 人脸识别科技, 办公软件), not whose
_TRADE_MODIFIER = re.compile(
    r"个人|用户|客户|公民|国家|公共|社会|社交|金融|办公|食品|工控|工业|终端|云端|应用|手机|主机|业务|供应链|开源|"
    r"生产|运营|内容|交通|校园|区块链|隐私|人脸|识别|生物|人工|物联|数字|智慧|硬件|计算|密码|政务|网安|信创|商业|"
    r"零售|电商|民航|航天|军事|国防|关键|核心|基础|高新|前沿|先进|创新|领先|国产|本土|全国|全球|国际|国内|海外|境外|"
    r"中外|移动|电信|征信|支付|医药|医学|健康|卫生|娱乐|游戏|视频|直播|短视频|城市|农业|医疗|教育|汽车|能源|电力|"
    r"通信|通讯|数据|信息|网络|安全|软件|科技|技术|智能|电子|银行|保险|证券|集团|航空|互联网|黑客|恶意|病毒|木马|"
    r"勒索|钓鱼|诈骗|非法|违法|违规|敏感|泄露|账户|账号|身份|系统|平台|服务|产品|行业|领域|机构|部门|组织|团队|"
    r"大型|中型|小型|头部|龙头|知名|著名|新型|传统|相关|有关|其他|上述|涉事|该|这|那|本|某|各|每|此|其|我|你|他|她|它")


_N_TRADES = len(_ORG_TRADE.pattern.split("|"))
_TRADE_WORDS = AhoCorasick(_ORG_TRADE.pattern.split("|") + list(_TRADE_APPOSITION), matchkind=MatchKind.LeftmostLongest)
# (the characters a cue of _TRADE_PARTY_AFTER can start with, \s included)
_TRADE_AFTER_FIRST = frozenset(" \n\t\r\u3000\xa0官方近日此昨随也还已曾再则均正最当目对很表称回证披确承否声宣发公透告指拒致道遭被成中向"
                               "相负新CD董总副创首旗")


@lru_cache(maxsize=4096)
def _trade_core(seg: str) -> tuple[int, str]:
    """The name's part before its trade word at the end of ``seg`` (the text since the last break):
    the last token, or the last up to four single characters jieba could not join into words
    (悬镜, 塔塔); and the token before it ("" at the break)."""
    toks = _SEGMENTER.cut(seg)
    core = ""
    i = len(toks)
    while i > 0:
        t = toks[i - 1]
        if t in _LEFT_STOP or t in _TRADE_LEFT or _NUM_TOKEN.fullmatch(t) or t in _COUNTRIES:
            break
        if core and (len(t) > 1 or len(core) + len(t) > 4 or len(toks[i]) > 1):
            break  # (a word of its own before the name's core is not in it)
        core = t + core
        i -= 1
    return len(seg) - len(core), toks[i - 1] if i > 0 else ""


def _trade_name_parties(text: str, found: list[Mention], places) -> list[Mention]:
    """Unknown short names ending with a trade (see _ORG_TRADE) read as parties, and every other
    occurrence of such a name."""
    names: set[str] = set()
    # where a trade word may end a party's name: one automaton finds the trade words and the words
    # that describe a firm before its name; the word after a trade word is tried only when it can
    # start a cue, a list only next to a known company (most trade words are none of these)
    after = _TRADE_PARTY_AFTER.match
    cands: set[tuple[int, int]] = set()
    starts: dict[int, int] = {}
    appositions = []
    n_trades, first, join = _N_TRADES, _TRADE_AFTER_FIRST, _JOIN_CHARS
    listed: list[tuple[int, int]] = []  # (next to 和/及/与/、: a list, if a known company is its neighbour)
    for i, a, b in _TRADE_WORDS.find_matches_as_indexes(text):
        if i >= n_trades:
            appositions.append(b)
            continue
        if a < 2:
            continue  # (no room for a name before it)
        starts[a] = b
        nxt = text[b:b + 1]
        if nxt in first and after(text, b):
            cands.add((a, b))
        elif nxt in join or join.intersection(text[a - 5 if a > 5 else 0:a - 2]):
            listed.append((a, b))
    # (服务商眼神科技: a name of two to four characters, then its trade)
    for e in appositions:
        a = next((a for a in range(e + 2, e + 5) if a in starts), None)
        if a is not None:
            cands.add((a, starts[a]))
    if not cands and not listed:
        return []
    known = [m for m in found if m.label == "Company" and not m.weak and m.start >= 0]
    known_ends = {m.end for m in known}
    known_starts = {m.start for m in known}
    for a, b in listed:  # (交通银行及眼神科技, 眼神科技和交通银行)
        if b + 1 in known_starts and text[b] in join or text.startswith("以及", b) and b + 2 in known_starts or \
                any(text[a - k] in join and (a - k in known_ends or text[a - k - 1:a - k + 1] == "以及" and
                                              a - k - 1 in known_ends) for k in (3, 4, 5) if a > k):
            cands.add((a, b))
    if not cands:
        return []
    taken = bytearray(len(text) + 1)
    for m in found:
        if m.start >= 0 and m.label != "Location":
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    for pos, end in sorted(cands):
        if pos < 2 or taken.find(1, pos - 2, end) >= 0 or not "\u4e00" <= text[pos - 1] <= "\u9fff":
            continue
        after = _TRADE_PARTY_AFTER.match(text, end)
        t = text[pos:end]
        lo = max(0, pos - 12)
        brk = None
        for brk in _LEFT_BREAK.finditer(text, lo, pos):
            pass
        lo = brk.end() if brk else lo
        off, left = _trade_core(text[lo:pos])
        start = lo + off
        core = text[start:pos]
        if not 2 <= len(core) <= 4 or not _ALL_HAN.fullmatch(core) or _TRADE_MODIFIER.search(core) or \
                _GENERIC_CORE.fullmatch(core) or _DESCRIPTIVE.search(core) or \
                _LEFT_STOP_CHARS.intersection(core) or taken.find(1, start, pos) >= 0:
            continue
        trade = t
        if (core in places or core in _COUNTRIES) and trade not in _PLACE_TRADES:
            continue  # (北京科技, 美国安全: no name)
        name = core + trade
        if _SEGMENTER.freq(name) >= 100 or \
                _SEGMENTER.freq(core) >= (1000 if trade in _WEAK_TRADES else 5000):
            continue  # 网络安全, 信息安全: a word, not a name; 确保安全, 机场集团: an everyday word and a trade
        if text.endswith(_TRADE_DETERMINERS, 0, start):
            continue  # 这家机场集团, 一家征信: a firm described, not named
        before = text[max(0, start - 4):start]
        in_list = before.endswith(_TRADE_LIST_JOIN) and \
            (start - 1 in known_ends or start - 2 in known_ends and before.endswith("以及")) or \
            text.startswith(_TRADE_LIST_JOIN, end) and (end + 1 in known_starts or end + 2 in known_starts)
        if not (after and (not left or left in _LEFT_STOP or left in _TRADE_LEFT or left in _COUNTRIES) or
                before.endswith(_TRADE_APPOSITION) or in_list):
            continue
        names.add(name)
    out = []
    for name in names:
        for occ in _positions(text, name):
            if taken.find(1, occ, occ + len(name)) < 0:
                out.append(Mention("Company", name, occ, occ + len(name), name))
    return out
