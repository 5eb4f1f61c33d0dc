"""Vendor links (SUPPLIED: vendor -> client) read from general cues, not from one sentence's shape.

News prose tells a supply in endless ways, but nearly always through one of a few cues between
two organisations of the same clause, or through a breach told at a vendor and then the clients
it reached:

- R1 a provision verb: <vendor>(…)为/向/给<client>(、<client>)提供/开发/交付/承建…<a service>;
- R2 an adoption verb: <client>采用/引入/部署/采购<vendor>(的)<product>, <client>将数据托管在<vendor>
  上, and the passive <vendor>的<product>被A、B采用;
- R3 an outsourcing verb (<client>…外包给/交由/委托<vendor>) or a supplier noun (<client>的/其…供应商/
  服务商/合作伙伴<vendor>, <vendor>是其…供应商, <vendor>（<client>的供应商）);
- R4 a client noun and a list: <vendor>(的/其)(主要)客户(还)包括/如/涉及 A、B和C (a list that runs
  on after a colon is the next sentence);
- R5 a breach chain: a vendor (the gazetteer's, or one the text calls 服务商/分包商/营销公司…) 遭攻击/
  入侵/泄露…, and the same sentence or the next one of the paragraph says whom it 影响/波及/涉及/
  涵盖/隶属于: the listed organisations are its clients;
- R6 a company's instance of a cloud or SaaS vendor the gazetteer knows (A和B的Snowflake账户).

Names a cue's slot holds that no other rule knew (Latin names like Pictet or Recorded Future, short
brand names in a closed list, 深圳地铁集团 between 为 and 提供, 文思海辉 after 外包商) become companies,
but only where a link is read with them.

Guards: no link from a negated or hypothetical clause; the vendor is a company; a client that is an
authority is a public buyer, never a regulator; no link between two outlets; a provision must be of a
service or product, not of data (向第三方提供个人信息 is sharing, not a supply); a platform (平台,
科技公司) is a vendor in a breach only where the report speaks of its clients.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ahocorasick_rs import AhoCorasick, MatchKind

from loaders.article import Span

from .facts import Fact, _after_its
from . import mentions
from .mentions import _COUNTRIES, LATIN_CAPITALS, LATIN_LETTERS, Mention

HAN = "\u4e00-\u9fff"

# (未经授权 is how a breach is told, not a negation; 不仅 adds; 停止/禁止使用: a use that ends)
_NEGATION = re.compile(r"未(?!经|来|知|能及)|没有|没|并非|不是|不再|否认|拒绝|从未|不会|不曾|无关|不涉及|不牵涉|并不|並不|否則|否则|停止|禁止")
_HYPOTHETICAL = re.compile(r"拟|计划|有望|如果|若|假如|一旦|可能|或将|是否|能否|打算|意向|候选")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:\n]")

# a public body buys, a regulator does not (网信办 is never a vendor's client in a news report)
_REGULATOR = re.compile(r"网信|互联网信息办公室|监管|监督管理|市场监督|公安|警|工业和信息化|工信|通信管理|人民银行|央行|"
                        r"金融|证监|银保监|数据保护|信息保护|隐私保护|专员|法院|检察|委员会|消费者|监察|信息专员|CNIL|ICO|FTC|SEC")

# R1 provision: <vendor> 为/向/给 <client> … <verb> … <a service or product>
_PROVIDE_PREP = ("为", "向", "给")
# 沃尔沃正是它服务的客户, A是Conduent服务的客户 (not A是Conduent的客户: R3's)
_CLIENT_OF = re.compile(r"\s*(?:正|也|就|均|都|即|同样)?\s*(?:是|为|系)\s*(?:(?P<ref>它|其|该公司)|(?P<slot>[^，,。；;的]{1,24}?))"
                        r"(?P<tail>\s*(?:所)?(?:服务|合作|签约)的\s*(?:重要|主要|大|长期)?客户)")
_LIST_GOES_ON = re.compile(r"(?:等[^，,。；;]{0,8}?)?\s*[，,]\s*(?:以及|和|及|还有)\s*")
_SUBJECTLESS = re.compile(r"\s*(?:还|也|并|同时|主要|长期|一直|专门|已|曾)?\s*")
_DOES = re.compile(r"开发|研发|提供|负责|建设|承建|运营|运维|维护|处理|管理|进行|实施|搭建|设计")
_USERS_AFTER = re.compile(r"\s*的?(?:用户|客户|会员|员工|乘客|患者|消费者|商户|商家|司机|骑手|学生|网友|粉丝)")
_ANAPHOR = re.compile(r"\s*(该银行|该行|银行|该医院|该公司|该企业|该集团)")
_NOT_PREP_BEFORE = frozenset("行因作成认称更最较视以甚极尤广")  # (行为, 作为, 因为: no preposition)
_PROVIDE_VERB = re.compile(r"提供|供应|开发|研发|交付|承建|建设|搭建|定制|打造|运营|运维|维护|部署|托管")
_SERVICE_OBJ = re.compile(r"服务|系统|平台|技术|软件|方案|产品|设备|支持|云|SDK|算力|环境|底座|防护|工具|模型|审计|咨询|"
                          r"外包|运维|解决|应用|终端|硬件|网络|基础设施|接口|API|客服|营销|数据中心|机房|服务器|存储")
_DATA_OBJ = re.compile(r"个人信息|个人资料|個人資料|数据|資料|信息|资料|号码|名单|记录|证据|线索|材料|报告|说明|意见|建议|帮助|资金|贷款|担保")

# R1b <vendor>为<a kind of organisation>提供<service>，包括A、B: the kind, then its members
_GROUP_SLOT = re.compile(r"[^，,。；;、]{0,10}?(?:部门|机构|企业|公司|客户|银行|医院|学校|单位|组织|品牌|政府|零售商|运营商|商家)"
                         r"\s*(?:提供|供应|开发|交付|承建|建设|运营|运维|托管)")  # (the kind, then the verb)
_INCLUDING = re.compile(r"[^，,。；;]{0,12}?[，,]\s*(?:其中)?(?:包括|包含|涵盖|例如|比如|如)了?\s*[：:]?\s*")
# R2 adoption: <client> 采用/使用/… <vendor>(的)<product>
_ADOPT_VERB = re.compile(r"(?:最终|已经|已|也|还|均|都|正式|全面|目前|一直|长期|曾|先后|率先|开始)?\s*"
                         r"(?:采用|使用|部署|引入|引进|接入|选用|选择|采购|购买|购置|租用|上线|启用|依托|基于)了?\s*$")
_PRODUCT_OF = re.compile(r"\s*(?:公司)?的\s*[^，,。；;被]{0,12}?(?:系统|平台|软件|云|服务|产品|设备|解决方案|技术|SDK|方案|"
                         r"摄像头|摄像机|数据库|模型|工具|终端|一体机|应用|程序|App|APP)\s*(?:已|已经|也|还|均)?\s*")
_PASSIVE_ADOPT = re.compile(r"[^，,。；;]{0,8}?(?:采用|使用|部署|采购|选用|引入|接入|购买)")
_COUNTED_USERS = re.compile(r"[^，,。；;]{0,12}?(?:机构|公司|企业|银行|医院|学校|部门|客户)\s*(?:所)?(?:使用|采用|部署|采购)\s*"
                            r"[，,]\s*(?:包括|其中包括|如|例如)\s*[：:]?\s*")
_HOSTED = re.compile(r"(?:托管|存储|存放|部署|迁移|迁|运行|搭建|放)(?:在|于|至|到)了?\s*$")
_ON_HOST = re.compile(r"\s*(?:上|中)")
# R3d 受<client>(的)委托，(为…)<does>: the work an agent does for its principal
_ENTRUSTED_GAP = re.compile(r"\s*(?:的)?\s*")
_ENTRUSTED_TASK = re.compile(r"[，,]?\s*[^，,。；;]{0,20}?(?:" + _DOES.pattern + r"|制作|研发|建设|代为)")
_TENDER = re.compile(r"招标|采购|磋商|公示|拍卖|代理|评审|中标")
# R3c a firm engaged after a breach: 聘请/邀请 (a firm described as a security or forensics one) <vendor>
_HIRE = re.compile(r"(?:聘请|聘請|委聘|邀请|邀請)了?\s*|(?P<with>合作(?:调查|調查))")
_FIRM_DESC = re.compile(r"[^，,。；;、]{0,10}?(?:安全|保安|取证|取證|事件响应|事件回应|應急響應|应急响应|咨询|諮詢|调查|調查)"
                        r"[^，,。；;、]{0,4}?(?:公司|企业|企業|机构|機構)\s*")
_HIRED_TO = re.compile(r"\s*(?:(?:帮助|幫助|协助|協助)|(?:进行|進行|开展|展开)?[^，,。；;]{0,6}?(?:调查|調查|取证|取證|评估|分析))")
# the words for a supplier (no one the start of another: the order of an alternation of them does not matter)
_SUPPLIER_NOUNS = ("供应商 服务商 提供商 承包商 外包商 分包商 供货商 代理商 集成商 承建商 开发商 合作伙伴 代理伙伴 代理夥伴 "
                   "合作夥伴 技术伙伴 服务提供方 技术提供方")
_NOUN_ANY = re.compile("|".join(_SUPPLIER_NOUNS.split()))
_CUE_WORDS = {
    "provide": "提供 供应 开发 研发 交付 承建 建设 搭建 定制 打造 运营 运维 维护 部署 托管",
    "adopt": "采用 使用 部署 引入 引进 接入 选用 选择 采购 购买 购置 租用 上线 启用 依托 基于 托管 存储 存放 迁移 运行 搭建 放在 放到",
    "outsource": "外包 交由 委托",
    "noun": _SUPPLIER_NOUNS + " 服务提供商",
    "client": "客户",
    "hire": "聘请 聘請 委聘 邀请 邀請 合作调查 合作調查",
    "affected": "受影响 受到影响 受波及 受到波及",
}
_CUE_KIND: dict[str, tuple[str, ...]] = {}
for _kind, _words in _CUE_WORDS.items():
    for _w in _words.split():
        _CUE_KIND[_w] = (*_CUE_KIND.get(_w, ()), _kind)
_BREACH_WORDS = re.compile("攻击|入侵|泄露|泄漏|外泄|勒索|窃取|黑客|漏洞|破解")
# all the cues and the words of a breach in one automaton: one pass over the text (a regex of the
# same words tried at every position of every sentence cost a third of this module)
_AC_WORDS = sorted({*_CUE_KIND, *_BREACH_WORDS.pattern.split("|")}, key=lambda w: (-len(w), w))
_AC_KINDS = [_CUE_KIND.get(w) for w in _AC_WORDS]  # (None: a breach word)
_CUE_AC = AhoCorasick(_AC_WORDS, matchkind=MatchKind.LeftmostLongest)
_PRODUCT_AFTER = re.compile(r"\s*(?:公司)?(?:的|旗下的?)?\s*[^，,。；;、\s]{0,14}?"
                            r"(?:系统|平台|软件|云|服务|产品|设备|解决方案|技术|SDK|sdk|方案|摄像头|摄像机|数据库|大模型|模型|"
                            r"工具|服务器|终端|一体机|应用|App|APP)")

# R3 supplier noun: <client>(的)/其 … 供应商 <vendor>
_SUPPLIER_NOUN = re.compile(r"(?:" + _NOUN_ANY.pattern + r")\s*(?:为|是|——|—|[：:])?\s*[“\"]?\s*")
_CAUSE_BEFORE = re.compile(r"(?:因|由于|通过|经由|源于|源自)(?:其)?(?:所使用的|使用的)?(?:第三方|外部|合作|外包)(?:IT|技术|软件|云|数据)?$")
_COPULA_END = re.compile(r"\s*(?:是|为|系|作为|成为|也是|曾是)\s*$")
_OWNER_OF_NOUN = re.compile(r"(?:的|其)[^，,。；;的]{0,10}$")

# R4 client noun and a list
# (the words that may qualify 客户, in the cue and in the subject before it)
# (3000名客户: a count is a modifier too)
_CLIENT_MODIFIERS = r"(?:一些|部分|多家|众多|其他|多个|企业|主要|重要|知名|大型|大|核心|长期|" \
                    r"(?:逾|超过|超|近|约)?(?:\d[\d,]*|[一二两三四五六七八九十百千万几数]+)(?:多|余)?(?:家|名|个|位)|" \
                    r"(?:逾|超过|超|近|约)(?:\d[\d,]*|[一二两三四五六七八九十百千万几数]+))*"
_CLIENT_CUE = re.compile(r"(?:的|其)?" + _CLIENT_MODIFIERS + r"客户"
                         r"(?:(?:还|也|则|中|群)?\s*[，,]?\s*(?:当中|其中)?\s*(?:包括|包含|涵盖|如|例如|比如|有(?!关)|涉及|分别涉及|分别为|为|是)|"
                         # 客户中不乏高级别组织机构如A、B: the list after its description
                         r"中不乏[^，,。；;]{0,10}?(?:如|例如|比如|包括)|"
                         # 对X的主要客户产生了深远影响，其中包括A、B: what the clients suffered, then who they are
                         # (Snowflake的逾百客户账号被黑客入侵，其中包括了A和B: what befell them)
                         r"[^，,。；;]{0,12}?(?:影响|冲击|波及|入侵|攻击|窃取|泄露|泄漏|被黑)了?\s*[，,]\s*(?:其中|当中)(?:包括|有)了?)"
                         r"\s*[：:]?\s*")
_COLON_CLIENTS = re.compile(r"的[^，,。；;的]{0,6}?客户[^。；;]{0,30}?(?:包括|涉及|分别为|分别是|如下|为)\s*[：:]\s*$")
_PRONOUN_SUBJECT = re.compile(r"(?:该公司|该企业|该集团|这家公司)\s*$")
# A和其他几十个AWS客户, A、B等Snowflake客户: the members named, then the rest of the vendor's clients
_OTHER_CLIENTS_BEFORE = re.compile(r"(?:(?:和|及|以及|与|、)\s*(?:其他|其它|另外)|等)"
                                   r"(?:\d+|[一二两三四五六七八九十百几数]+)?(?:多|余)?(?:个|家|名)?\s*$")
# 这两家公司均为X的客户: a phrase for companies just named, then the vendor
_GROUP_IS = re.compile(r"(?:这|该|上述|以上)(?:两|二|三|四|五|六|几|些)?(?:家|个)?(?:公司|企业|机构|品牌|零售商)\s*"
                       r"(?:均|都|也|同样|同时)?\s*(?:是|为|系)\s*(?:[^，,。；;、的\s]{1,6}?)?\s*$")  # (为代工厂X)
_PRONOUN_LEAD = re.compile(r"\s*(?:该公司|该企业|该集团|这家公司|其|它|这款|该款|该应用|该工具)")
_CLIENT_SUBJECT = re.compile(r"(?:的|其)?" + _CLIENT_MODIFIERS + r"$")

# R5b <vendor>(的)<incident>中…受影响的(其他)公司包括A、B: the vendor's incident, then whom it reached
_AFFECTED_LIST = re.compile(r"(?:受到?|遭受)(?:其)?(?:影响|波及)的?\s*(?:其他|其它|另外)?[^，,。；;的]{0,6}?"
                            r"(?:公司|企业|客户|机构|组织|品牌|零售商|银行|医院)(?:还|也|则)?\s*(?:包括|包含|涵盖|有(?!关)|如)了?\s*[：:]?\s*")
_INCIDENT_AFTER = re.compile(r"\s*(?:的)?[^，,。；;的]{0,6}?(?:事件|攻击|活动|泄露|泄漏|漏洞|入侵|事故|中断|故障|勒索)")
# R5 breach chain
_VENDOR_WORD = re.compile(r"(?:供应商|服务商|提供商|分包商|承包商|外包商|平台|营销公司|软件公司|技术公司|科技公司|代工巨头|代工厂|"
                          r"代工商|服务公司|合作伙伴|软件商|软件供应商|云服务商|厂商)\s*[（(]?\s*$")
# words that make a company a vendor only where the report also speaks of its clients (电商平台淘宝遭攻击 is
# a platform breached, not a supplier's)
_WEAK_VENDOR_WORD = re.compile(r"(?:平台|技术公司|科技公司|厂商)\s*[（(]?\s*$")
_VENDOR_WORD_LAST = frozenset("商台司头厂伴（( ")  # (the last character before the name: checked first)
_BREACH = re.compile(r"(?:遭|被|发生|出现|披露|承认|确认)[^。；]{0,24}?(?:攻击|入侵|泄露|泄漏|外泄|外洩|洩漏|勒索|窃取|黑客|漏洞|破解)|"
                     r"数据泄露|数据泄漏|資料外洩|遭入侵|遭攻击")
_TARGET_BEFORE = re.compile(r"(?:目标|对象|受害者)\s*(?:还|也|则|主要)?\s*$")
_FLAW_AFTER = re.compile(r"[^，,。；;]{0,10}?漏洞")  # (Progress Software的MOVEit漏洞波及…)
_AFFECTED = re.compile(r"影响了?|波及|殃及|牵连|涉及|涵盖|隶属于|包括")

# a list of organisations: items between 、/和/及/与/以及, up to 等 or the clause's end
_LIST_SEP = re.compile(r"\s*(?:、|以及|和|及|与|，|,)\s*")
_THE_REST = ("其他", "其它", "其余", "另外")
_LIST_STOP = re.compile(r"等|在内|[。；;！？!?\n：:]")
# (Group 1 Automotive: a number inside a name, between capitalised words)
_LATIN_ITEM = re.compile(rf"[{LATIN_CAPITALS}][{LATIN_LETTERS}0-9&.'’-]*(?: (?:[{LATIN_CAPITALS}][{LATIN_LETTERS}0-9&.'’-]*|"
                         r"\d+(?= [A-Z]))){0,3}")
_BRACKETS = re.compile(r"\s*[（(][^）)]{1,30}[）)]")
_LATIN_MORE = re.compile(r"(?: [A-Z][A-Za-z0-9&.'’-]*){1,3}")
_HAN_ITEM = re.compile(rf"[{HAN}A-Za-z0-9]{{2,10}}")
_FUNCTION_CHARS = frozenset("之其的了人们个是在有和与及或等被把将对向从于为也都还就")
_LATIN_GENERIC = frozenset(("Agent", "Agents", "Bot", "Cloud", "Web", "Server", "System", "Platform", "Data", "App",
                            "Apps", "Model", "Models", "The", "A", "An", "Android", "iOS", "Windows", "Linux"))
_HAN_SLOT = re.compile(rf"[{HAN}]{{2,12}}")
_ORG_SUFFIX = re.compile(r"(?:集团|公司|银行|医院|大学|学院|学校|政府|委员会|中心|协会|航空|电信|移动|联通|证券|保险|基金|研究院|"
                         r"研究所|科技|软件|网络|信息|技术|智能|数据|云)$")
# where a name after a supplier noun ends: 外包商文思海辉遭勒索攻击
_NAME_END = re.compile(r"遭|被|发生|表示|称|已|在|于|的|为|是|也|还|曾|因|将|向|对|与|和|及|等|[，,。；;：:（(“”\s]")
# R6: the gap between a client and a vendor's service it runs, and what follows the vendor
_INSTANCE_GAP = re.compile(r"\s*(?:的|在)\s*(?:[^，,。；;、的]{0,8}?(?:相关|关联|中|上|内|里|所用|使用)的)?\s*$")
_VENDOR_RUN_AFTER = re.compile(r"(?:\s*(?:和|及|与|、)\s*[A-Za-z][A-Za-z0-9&.-]*)?\s*(?:上|中|里|平台|云|账户|账号|帐户|实例|"
                               r"环境|租户|工作区|数据库|存储|服务器|系统|门户|客户端|服务|部署)")
_LATIN_TAIL = re.compile(r"(?<![A-Za-z0-9&.'’-])([A-Z][A-Za-z0-9&.'’-]*(?: [A-Z][A-Za-z0-9&.'’-]*){0,3})\s*$")
_SEP_BEFORE = re.compile(r"\s*(?:和|及|与|、|以及)\s*$")
_COUNTED_ORGS = re.compile(r"[^。；;]{0,24}?(?:品牌|企业|公司|客户|机构|组织|银行|医院|学校)\s*[，,]?\s*"
                           r"(?:包括|如|例如|其中包括)\s*[：:]?")
_ORG_TAIL = re.compile(r"[^，,。；;]{0,8}?(?:企业|公司|机构|品牌|客户|银行|医院|学校|航空|酒店|集团|组织|单位|厂商|商家|零售商|运营商)")
_BRACKET_TAIL = re.compile(r"\s*[（(][^）)]{1,30}[）)]\s*$")
# a public body named in a list of clients (美国国防部、国土安全部): typed as an authority, like the key
# (国际刑警组织, 世界卫生组织: an intergovernmental body is a public one too)
_PUBLIC_END = re.compile(r"(?:部|局|署|厅|委员会|办公室|议会|政府|军队|部队|军)$|^(?:国际|世界)[^、，]{1,8}组织$")
_ITEM_STOP = set("对被由向据经在与和及是为将从于即其该等或了的也都均还")
# an item that is data or a group, not a name (姓名、电子邮箱; 多家企业); a name may end with 公司 (蜆殼公司)
_NOT_NAME = re.compile(r"信息|数据|资料|資料|号码|地址|记录|文件|凭证|客户|用户|行业|领域|部门|员工|个人|姓名|邮箱|密码|账号|"
                       r"内容|系统|平台|服务|产品|设备|机密|设计|规格|邮件|护照|我们|他们|其他|多家|部分|相关|知名|大型|"
                       r"情况|事件|问题")
_GENERIC_NAME = re.compile(r"^(?:[多各该这那其某数几本我贵][^司]{0,3})?(?:公司|企业|机构|品牌|医院|学校|政府|银行|集团|平台|网站)$|^\d|"
                           r"^(?:大型|中小|小型|知名|国有|民营|外资|上市|头部|海外|国内|本地|地方|金融|证券|保险|科技|互联网|电商|零售|"
                           r"能源|制造|医疗|教育|物流|电信|通信|汽车|游戏|航空|政务|商业|股份制|城商|农商|国有大型|当地|执法)*"
                           r"(?:公司|企业|机构|银行|医院|高校|学校|政府|部门|平台|厂商|商家|运营商|警方|警察)$")
_LATIN_NOT_NAME = frozenset(("AI", "IT", "App", "APP", "SDK", "API", "VPN", "CEO", "SaaS", "PDF", "MFT", "CRM", "ERP",
                             "IoT", "OA", "GB", "TB", "MB", "US", "UK", "EU"))
_DESCRIPTOR_NOUNS = "银行|公司|企业|集团|机构|品牌|巨头|医院|厂商|零售商"
# (瑞士银行UBS: a descriptor before a known name; 银行 Santander: before a Latin one no rule knew)
_DESCRIPTOR = re.compile(rf"[^，,。；;、]{{0,8}}?(?:{_DESCRIPTOR_NOUNS}|客户)\s*$")
_DESCRIPTOR_HEAD = re.compile(rf"[^，,。；;、\sA-Za-z]{{0,8}}?(?:{_DESCRIPTOR_NOUNS})\s*(?=[A-Z])")


_ORG_LABELS = ("Company", "Authority")


def _order(m: Mention) -> tuple[int, int]:
    return m.start, -m.end


def _odd_word(name: str) -> bool:
    """Whether a Han string reads as a made-up name (文思海辉, 速亿联, 网店管家) rather than words of the
    language (之一, 共同发布, 防护不当): jieba cuts it into a rare piece (frequency below 100) or a
    single character that is no function word, and it is not a dictionary word itself."""
    seg = mentions._SEGMENTER
    if seg is None or not 2 <= len(name) <= 6 or seg.freq(name) > 0:
        return False
    for t in seg.cut(name):
        if len(t) == 1 and t in _FUNCTION_CHARS:
            return False
    return any(len(t) == 1 or seg.freq(t) < 100 for t in seg.cut(name))


class VendorLinks:
    def __init__(self, ff):
        self.ff = ff
        self.text = ff.text
        # (the mentions of the sentences are in the order of the text already; names added by the
        # rules that ran before, in find order)
        orgs = [m for _, ms in ff.by_sentence for m in ms if m.label in _ORG_LABELS and not m.weak]
        if ff.added:
            orgs += [m for m in ff.added if m.label in _ORG_LABELS and not m.weak and m.start >= 0]
            orgs.sort(key=_order)
        media = {m.name for m in ff.mentions if m.label == "Media"}
        self.orgs = orgs
        self.starts = [m.start for m in orgs]
        self.media = media
        self._data_starts: list[int] | None = None
        self._any_at: dict[int, Mention] | None = None
        self.links: list[tuple[Mention, Mention, Span]] = []

    # -- helpers -------------------------------------------------------------------------
    @property
    def data_starts(self) -> list[int]:
        if self._data_starts is None:
            self._data_starts = sorted(m.start for ms in (self.ff.mentions, self.ff.added) for m in ms
                                       if m.label == "DataCategory" and m.start >= 0)
        return self._data_starts

    @property
    def any_at(self) -> dict[int, Mention]:
        """Every company mention by its start, weak short names too (三星 in a list of clients)."""
        if self._any_at is None:
            self._any_at = {m.start: m for ms in (self.ff.mentions, self.ff.added) for m in ms
                            if m.label in _ORG_LABELS and m.start >= 0}
        return self._any_at

    def orgs_in(self, lo: int, hi: int) -> list[Mention]:
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [m for m in self.orgs[i:j] if m.end <= hi]

    def org_at(self, pos: int, slack: int = 0) -> Mention | None:
        i = bisect_left(self.starts, pos)
        return self.orgs[i] if i < len(self.orgs) and self.orgs[i].start <= pos + slack else None

    def org_ending(self, pos: int, slack: int = 0) -> Mention | None:
        best = None
        for m in self.orgs[max(0, bisect_left(self.starts, pos - 40)):bisect_right(self.starts, pos)]:
            if pos - slack <= m.end <= pos and (best is None or m.end > best.end):
                best = m
        return best

    def clause(self, s: Span, pos: int) -> tuple[int, int]:
        lo = s.start
        for b in _CLAUSE_BREAK.finditer(self.text, s.start, pos):
            lo = b.end()
        hi = _CLAUSE_BREAK.search(self.text, pos, s.end)
        return lo, hi.start() if hi else s.end

    def blocked(self, lo: int, hi: int) -> bool:
        """A negated or hypothetical clause states no supply."""
        return bool(_NEGATION.search(self.text, lo, hi) or _HYPOTHETICAL.search(self.text, lo, hi))

    def client_ok(self, c: Mention, v: Mention) -> bool:
        if c.name == v.name or v.label != "Company":
            return False
        if c.label == "Authority" and _REGULATOR.search(c.name):
            return False  # a regulator and a company: enforcement, not a supply
        if c.name in self.media and v.name in self.media:
            return False
        return True

    def add(self, v: Mention, c: Mention, s: Span) -> None:
        if self.client_ok(c, v):
            self.links.append((v, c, s))
            for m in (v, c):
                if m.attrs.pop("pending", False):
                    self.register(m)

    def new_company(self, a: int, b: int) -> Mention:
        """A name a cue's slot holds; it joins the article's mentions only when a link is read with it."""
        name = self.text[a:b]
        label = "Authority" if _PUBLIC_END.search(name) else "Company"
        return Mention(label, name, a, b, name, attrs={"list_member": True, "pending": True}, source="list")

    def register(self, m: Mention) -> None:
        self.ff.added.append(m)
        i = bisect_left(self.starts, m.start)
        self.orgs.insert(i, m)
        self.starts.insert(i, m.start)
        if self._any_at is not None:
            self._any_at[m.start] = m

    def listed(self, start: int, limit: int, *, closed_needed: bool = True) -> list[Mention]:
        """The organisations of a list starting at ``start``: known mentions, and unknown Latin names
        or (in a list closed by 等 or holding a known name) short Han names; stops at the clause end."""
        text = self.text
        stop = _LIST_STOP.search(text, start, limit)
        end = stop.start() if stop else limit
        closed = bool(stop and stop.group(0) in ("等", "在内"))
        i = bisect_left(self.data_starts, start)
        if i < len(self.data_starts) and self.data_starts[i] < end:
            return []  # 涉及姓名、电子邮箱、电话号码: a list of the data, not of organisations
        out: list[Mention] = []
        unknown: list[tuple[int, int]] = []
        pos = start
        while pos < end:
            if text.startswith(_THE_REST, pos):
                break  # (…、NASA及其他美国和外国机构: the ones not named)
            if pos not in self.any_at:
                sep = _LIST_SEP.search(text, pos, end)
                de = text.rfind("的", pos, sep.start() if sep else end)
                if de >= 0:
                    pos = de + 1  # 号称有350万客户的Yuu用户计划: the name after its description
            # (瑞士银行UBS, 审计公司KPMG, 医疗企业LabCorp: a descriptor before the name)
            m = self.org_at(pos, slack=8)
            if m is not None and m.start < end and not _CLAUSE_BREAK.search(text, pos, m.start) and \
                    (m.start == pos or _DESCRIPTOR.fullmatch(text, pos, m.start) or text.startswith("包括", pos)):
                nxt = m.end
                if text.startswith("的", nxt):
                    out.append(m)  # 苹果、特斯拉的组件设计: the list ends at the last owner's 的
                    break
                if text.startswith("旗下", nxt):
                    pos = nxt + 2  # 牛奶公司旗下惠康: the brand is the client, not its owner
                    continue
                cont = _LATIN_MORE.match(text, nxt, end) if text[nxt - 1:nxt].isascii() else None
                if cont:
                    nxt = cont.end()  # (Asbury Automotive Group: the known short name, then the rest of it)
                while True:  # (友邦（AIA）: the same company in brackets)
                    br = re.match(r"\s*[（(][^）)]{1,30}[）)]", text[nxt:end])
                    if not br:
                        break
                    nxt += br.end()
                out.append(m)
            else:
                lat = _LATIN_ITEM.match(text, pos, end)
                if lat is None:
                    d = _DESCRIPTOR_HEAD.match(text, pos, end)  # (银行 Santander: a descriptor, then the name)
                    lat = _LATIN_ITEM.match(text, d.end(), end) if d else None
                if lat and lat.group(0) not in _LATIN_NOT_NAME and len(lat.group(0)) >= 3:
                    nxt = lat.end()
                    unknown.append((lat.start(), lat.end()))
                else:
                    # an unknown Han item runs to the next separator (国土安全部和NASA: two items)
                    sep = _LIST_SEP.search(text, pos, end)
                    item_end = sep.start() if sep else end
                    br = _BRACKET_TAIL.search(text, pos, item_end)
                    core_end = br.start() if br else item_end
                    name = text[pos:core_end]
                    whole = self.joined_name(pos, item_end, end) if sep and sep.group(0).strip() in ("和", "与", "及") else None
                    if whole is not None:
                        # 海关和边境保护局: one name with 和 inside, as the article writes it elsewhere
                        out.append(whole[0])
                        nxt = whole[1]
                        br = _BRACKETS.match(text, nxt, end)  # (海关和边境保护局(CBP))
                        nxt = br.end() if br else nxt
                        sep = _LIST_SEP.match(text, nxt, end)
                        if not sep:
                            break
                        pos = sep.end()
                        continue
                    if not _HAN_ITEM.fullmatch(name):
                        break
                    if not _ITEM_STOP.intersection(name) and not _NOT_NAME.search(name) and \
                            not _GENERIC_NAME.search(name) and not self.place(name):
                        # 保柏（亞洲）: a place in brackets is part of the name; (L’Oreal) is another form
                        keep = br is not None and re.search(rf"[{HAN}]", br.group(0)) is not None
                        unknown.append((pos, item_end if keep else core_end, "han"))
                    nxt = item_end
            sep = _LIST_SEP.match(text, nxt, end)
            if not sep:
                # Yuu用户计划、惠康: a short word after the name (its scheme, its app) before the separator
                sep = _LIST_SEP.search(text, nxt, min(end, nxt + 6))
                if not sep or _CLAUSE_BREAK.search(text, nxt, sep.start()) or sep.group(0).strip() in "，,":
                    break
            pos = sep.end()
        # a closed list of unknown Han names is one of organisations when 等 sums them up as such
        # (等9家企业; 奥巴马、比尔盖茨等名人 is not)
        han_ok = not closed_needed or bool(out) or \
            closed and _ORG_TAIL.match(text, stop.end(), min(len(text), stop.end() + 14)) is not None
        for u in unknown:
            if len(u) == 3 and not han_ok:
                continue
            known = self.any_at.get(u[0]) or self.longer_form(text[u[0]:u[1]])
            out.append(known if known is not None else self.new_company(u[0], u[1]))
        return out

    def place(self, name: str) -> bool:
        """瑞典和美国的沃尔沃集团员工: a country or a Chinese division is no organisation of a list."""
        return name in _COUNTRIES or name in self.ff.gaz.location_by_name

    def joined_name(self, pos: int, sep_at: int, end: int) -> tuple[Mention, int] | None:
        """A known organisation whose name holds the separator at ``sep_at`` (海关和边境保护局 of 美国海关和
        边境保护局 named elsewhere): the mention and where its name ends here."""
        for m in self.orgs:
            i = m.name.find(self.text[pos:sep_at + 1])
            if i >= 0 and len(m.name) - i >= 5:
                tail = m.name[i:]
                if self.text.startswith(tail, pos) and pos + len(tail) <= end:
                    return m, pos + len(tail)
        return None

    def longer_form(self, name: str) -> Mention | None:
        """可口可乐中国 after 可口可乐中国有限公司 in the article: the short form of a name already read."""
        key = name.replace("（", "(").replace("）", ")")
        return next((m for m in self.orgs if m.name != name and
                     m.name.replace("（", "(").replace("）", ")").startswith(key)), None)

    def name_between(self, a: int, b: int, *, suffix_needed: bool = True) -> Mention | None:
        """An organisation no other rule knew, named in a cue's slot: the text between two cues (为深圳地铁
        集团提供, 委托东软集团开发) when it reads as a name: a Latin name, or 2-12 Han characters with
        no function word and (unless the cue is a supplier noun) an organisation's ending."""
        name = self.text[a:b].strip()
        if not name or len(name) > 14:
            return None
        a = self.text.find(name, a, b)
        if _LATIN_ITEM.fullmatch(name):
            if any(w in _LATIN_NOT_NAME or w in _LATIN_GENERIC for w in name.split()):
                return None  # (为AI Agent提供运行环境: a kind of software, not a client)
        elif not _HAN_SLOT.fullmatch(name) or _ITEM_STOP.intersection(name) or _NOT_NAME.search(name) or \
                _GENERIC_NAME.search(name):
            return None
        elif not _ORG_SUFFIX.search(name) and (suffix_needed or not _odd_word(name)):
            return None
        known = self.any_at.get(a)
        return known if known is not None and known.end == a + len(name) else self.new_company(a, a + len(name))

    def article_vendors(self) -> dict[str, bool]:
        """Companies the article presents as vendors: the gazetteer's, those called 供应商/服务商/平台…
        right before their name, and those of links already read."""
        out = {f.start[1]: True for f in self.ff.facts if f.type == "SUPPLIED"}
        for m in self.orgs:
            if m.label != "Company" or out.get(m.name):
                continue
            if "vendor" in m.attrs.get("roles", ()):
                out[m.name] = True
            elif self.text[m.start - 1:m.start] in _VENDOR_WORD_LAST:
                word = _VENDOR_WORD.search(self.text, max(0, m.start - 8), m.start)
                if word:  # (True: a supplier; False: a platform, a vendor only where clients are spoken of)
                    out[m.name] = out.get(m.name, False) or not _WEAK_VENDOR_WORD.search(word.group(0))
        return out

    # -- rules -------------------------------------------------------------------------------
    def provide(self, s: Span, verbs: list[int]) -> None:
        """R1 <vendor>(…)为/向/给<client>提供/开发…<service>: the preposition names the client (为俄军
        开发的系统, 为万得AI提供了运行底座); data given to someone (向第三方提供个人信息) is not a supply.
        ``verbs``: where the sentence's verbs of provision start."""
        text = self.text
        first_org = bisect_left(self.starts, s.start)
        if first_org >= len(self.starts):
            return
        for prep in _PROVIDE_PREP:
            pos = text.find(prep, s.start, s.end)
            while pos >= 0:
                # (cheap checks first: a verb after it, a party before it, not 行为/作为/因为)
                if not any(pos < v <= pos + 120 for v in verbs) or self.starts[first_org] >= pos or \
                        prep == "为" and text[pos - 1:pos] in _NOT_PREP_BEFORE:
                    pos = text.find(prep, pos + 1, s.end)
                    continue
                lo, hi = self.clause(s, pos)
                c = self.org_at(pos + 1, slack=2)
                if c is not None and c.start < hi:
                    cs = [x for x in self.listed(c.start, hi) if x.start >= c.start] or [c]
                    after = max(x.end for x in cs)
                    if _USERS_AFTER.match(text, after):
                        cs = []  # 为微信用户提供: the company's users, not the company
                else:
                    # 为银行提供审计服务, 为该公司提供: a noun standing for an organisation named before
                    ref = _ANAPHOR.match(text, pos + 1, hi)
                    c = self.antecedent(ref.group(1), pos) if ref else None
                    cs, after = ([c], ref.end()) if c is not None else ([], pos)
                    if not cs:
                        # 为深圳地铁集团提供云平台服务: a name no rule knew, between the cue and the verb
                        verb = _PROVIDE_VERB.search(text, pos + 1, min(hi, pos + 16))
                        if verb and self.orgs_in(lo, pos):
                            c = self.name_between(pos + 1, verb.start())
                            cs, after = ([c], verb.start()) if c is not None else ([], pos)
                    if not cs:
                        self.provide_to_kind(s, pos, lo, hi)
                if cs:
                    more = _LIST_GOES_ON.match(text, after, s.end)
                    if more:
                        # 为A、B等知名企业，以及美国国防部等政府机构提供: the list goes on past the comma
                        extra = [x for x in self.listed(more.end(), s.end) if x.start >= more.end()]
                        if extra:
                            cs = cs + extra
                            after = max(x.end for x in extra)
                            hi = self.clause(s, after)[1]
                    verb = _PROVIDE_VERB.search(text, after, min(hi, after + 16))
                    if verb:
                        obj_hi = min(hi, verb.end() + 30)
                        obj = _SERVICE_OBJ.search(text, verb.end(), obj_hi)
                        data = _DATA_OBJ.search(text, verb.end(), obj.start() if obj else obj_hi)
                        if data and obj and obj.start() - data.end() <= 2:
                            data = None  # 数据仓库服务, 信息安全服务: the data word names the service
                        vs = [m for m in self.orgs_in(lo, pos) if m.label == "Company"] or \
                            self.sentence_subject(s, lo, pos)
                        if obj and not data and vs and not self.blocked(lo, hi):
                            for c in cs:
                                self.add(vs[0], c, s)
                pos = text.find(prep, pos + 1, s.end)

    def sentence_subject(self, s: Span, lo: int, pos: int) -> list[Mention]:
        """HackerOne管理着…项目，为A、B提供…: a clause that starts with its preposition (an adverb at
        most) has the subject of the sentence, the company it opens with."""
        if lo == s.start or not _SUBJECTLESS.fullmatch(self.text, lo, pos):
            return []
        orgs = self.orgs_in(s.start, lo)
        first = orgs[0] if orgs else None
        if first is None or first.label != "Company" or first.start - s.start > 12 or \
                _CLAUSE_BREAK.search(self.text, s.start, first.start):
            return []
        return [first]

    def provide_to_kind(self, s: Span, pos: int, lo: int, hi: int) -> None:
        """R1b <vendor>为<a kind of organisation>提供<service>，包括A、B和C: the members named after the
        kind are the clients (Leidos为美国重要政府部门提供服务，包括美国国防部、国土安全部、NASA)."""
        text = self.text
        g = _GROUP_SLOT.match(text, pos + 1, hi)
        obj = _SERVICE_OBJ.search(text, g.end(), min(hi, g.end() + 12)) if g else None
        inc = _INCLUDING.match(text, obj.end(), s.end) if obj else None
        vs = [m for m in self.orgs_in(lo, pos) if m.label == "Company"]
        if inc is None or not vs or self.blocked(lo, hi) or _DATA_OBJ.search(text, g.end(), obj.start()):
            return
        for c in self.listed(inc.end(), s.end):
            self.add(vs[0], c, s)

    def antecedent(self, noun: str, pos: int) -> Mention | None:
        """The organisation a noun phrase refers back to: 该公司/其/他们 the last company named before,
        银行/该行 the last one whose name ends with 银行 (within the paragraph's reach)."""
        cands = [m for m in self.orgs if m.end <= pos and pos - m.end <= 1500]
        if noun in ("该行", "该银行", "银行"):
            cands = [m for m in cands if m.name.endswith("银行")]
        elif noun in ("该医院", "医院"):
            cands = [m for m in cands if m.name.endswith("医院")]
        elif noun in ("该公司", "该企业", "该集团"):
            cands = [m for m in cands if m.label == "Company"]
        else:
            return None
        return cands[-1] if cands else None

    def topic(self, idx: int) -> Mention | None:
        """The company a sentence's 该公司 refers to: the subject of the sentence before (Blue Yonder（此前
        名为 JDA Software）是索尼的子公司。该公司…: Blue Yonder, not 索尼, the last one named)."""
        for i in range(idx - 1, max(-1, idx - 4), -1):
            prev = self.ff.by_sentence[i][0]
            _, hi = self.clause(prev, prev.start)
            m = next((m for m in self.orgs_in(prev.start, hi) if m.label == "Company"), None)
            if m is not None:
                return m
            if not _PRONOUN_LEAD.match(self.text, prev.start, prev.end):
                return None  # (该公司 again: the chain of sentences about one company goes on)
        return None

    def adopt(self, s: Span, ends: list[int]) -> None:
        """R2 <client>(最终)采用/引入/部署<vendor>(的)<product>: the verb points from the client to the
        vendor whose product follows (海通证券最终引入悬镜安全源鉴SCA平台). ``ends``: where the
        sentence's verbs of adoption end."""
        text = self.text
        for v in self.orgs_in(s.start, s.end):
            if v.label != "Company" or not any(v.start - 6 <= e <= v.start for e in ends):
                continue
            verb = _ADOPT_VERB.search(text, max(s.start, v.start - 12), v.start)
            if verb:
                c = self.org_ending(verb.start(), slack=4)
            else:
                # <client>将客户数据托管在<vendor>(的云)上: the data or system hosted comes between
                verb = _HOSTED.search(text, max(s.start, v.start - 8), v.start)
                if not verb:
                    continue
                lo, hi = self.clause(s, verb.start())
                cs = self.orgs_in(lo, verb.start())
                c = cs[-1] if cs and cs[-1].end <= verb.start() and verb.start() - cs[-1].end <= 14 else None
                if c is None and text[verb.start() - 1:verb.start()] == "其":
                    # (Uber…，并且波及其托管在 Slack、AWS 和 Google Cloud 上的云平台: 其 is the sentence's
                    # subject, and every platform of the list hosts it)
                    cs = [m for m in self.orgs_in(s.start, verb.start()) if m.label == "Company"]
                    hosts = self.listed(v.start, hi) if cs else []
                    if hosts and _ON_HOST.match(text, max(h.end for h in hosts)) and not self.blocked(lo, hi):
                        for h in hosts:
                            self.add(h, cs[0], s)
                    continue
            if c is None or c.end <= s.start or _CLAUSE_BREAK.search(text, c.end, v.start):
                continue
            if not _PRODUCT_AFTER.match(text, v.end, s.end) and "vendor" not in v.attrs.get("roles", ()) and \
                    not (verb.group(0).rstrip().endswith(("在", "于", "至", "到")) and text.startswith(("上", "中"), v.end)):
                continue  # (托管在阿里云上: the platform, said with 上)
            lo, hi = self.clause(s, v.start)
            if not self.blocked(min(lo, c.start), hi):
                self.add(v, c, s)

    def adopted_by(self, idx: int, s: Span) -> None:
        """R2b <vendor>的<product>被A、B等采用: the passive names the clients after 被; or it counts them
        and a list follows (该公司的应用程序已被数百家执法机构使用，包括A、B和C)."""
        text = self.text
        pos = text.find("被", s.start, s.end)
        while pos >= 0:
            lo, hi = self.clause(s, pos)
            vs = [m for m in self.orgs_in(lo, pos) if m.label == "Company"]
            if not vs:
                # 该公司的应用程序已被数百家执法机构使用，包括…: the company the sentences before are about
                own = _PRONOUN_SUBJECT.search(text, lo, max(lo, text.rfind("的", lo, pos)))
                counted = _COUNTED_USERS.match(text, pos + 1, s.end) if own else None
                v = self.topic(idx) if counted else None
                if v is not None and v.label == "Company" and _PRODUCT_OF.fullmatch(text, own.end(), pos) and \
                        not self.blocked(lo, hi):
                    for c in self.listed(counted.end(), s.end):
                        self.add(v, c, s)
            elif _PRODUCT_OF.fullmatch(text, vs[0].end, pos):
                cs = [c for c in self.listed(pos + 1, hi) if c.start > pos]
                if cs:
                    tail = max(c.end for c in cs)
                    if _PASSIVE_ADOPT.match(text, tail, hi) and not self.blocked(lo, hi):
                        for c in cs:
                            self.add(vs[0], c, s)
            pos = text.find("被", pos + 1, s.end)

    def entrusted(self, s: Span, pos: int) -> None:
        """R3d <vendor>受<client>(的)委托，为…制作/开发/运营…: the agent does work for the principal (Atoz受SK
        Telecom委托，为活动制作并运营活动网站). A tender agent's notice (X招标有限公司受Y的委托，对…项目进行
        采购) is no supply: its winners are read with the awards."""
        text = self.text
        shou = text.rfind("受", max(s.start, pos - 20), pos)
        v = self.org_ending(shou, slack=1)
        c = self.org_at(shou + 1, slack=1)
        if v is None or c is None or v.label != "Company" or c.end > pos or \
                not _ENTRUSTED_GAP.fullmatch(text, c.end, pos):
            return
        task = _ENTRUSTED_TASK.match(text, pos + 2, s.end)
        if task and not _TENDER.search(text, v.start, task.end()) and not self.blocked(v.start, task.end()):
            self.add(v, c, s)

    def hired(self, s: Span) -> None:
        """R3c <client>聘请/邀请<a security firm><vendor>(帮助/调查…), <client>与<a security firm><vendor>
        合作调查: a breached company engages an incident-response or forensics firm (Snowflake邀请网络安全
        事件响应公司Mandiant帮助通知客户). The firm is described as one, or hired to investigate."""
        text = self.text
        for cue in _HIRE.finditer(text, s.start, s.end):
            lo, hi = self.clause(s, cue.start())
            if cue.group("with"):
                # <client>与<firm><vendor>合作调查: the vendor ends right before 合作
                v = self.org_ending(cue.start(), slack=1)
                if v is None or v.label != "Company":
                    continue
                desc = _FIRM_DESC.search(text, max(lo, v.start - 16), v.start)
                wth = text.rfind("与", lo, desc.start()) if desc else -1
                if not desc or wth < 0 or text[wth + 1:desc.start()].strip():
                    continue
                c = self.org_ending(wth, slack=1)
            else:
                # <client>聘请<firm><vendor>: the vendor after the verb and the firm's description
                desc = _FIRM_DESC.match(text, cue.end(), hi)
                after = desc.end() if desc else cue.end()
                v = self.org_at(after, slack=1)
                if v is None or v.start >= hi:
                    lat = _LATIN_ITEM.match(text, after, hi)
                    if not lat or len(lat.group(0)) < 3 or lat.group(0) in _LATIN_NOT_NAME:
                        continue
                    v = self.any_at.get(lat.start()) or self.new_company(lat.start(), lat.end())
                to = _HIRED_TO.match(text, v.end, hi)
                # (邀请 also invites a firm's experts to a meeting: only with a task given to the firm)
                if v.label != "Company" or text.startswith("的", v.end) or \
                        not (desc and to if cue.group(0).startswith(("邀", "委")) else desc or to):
                    continue
                c = self.org_ending(cue.start(), slack=2)
            if c is not None and c.start >= lo and not self.blocked(lo, hi):
                self.add(v, c, s)

    def outsource(self, s: Span) -> None:
        """R3a <client>…外包给/交由/委托<vendor>: outsourcing names the vendor after the verb."""
        text = self.text
        for cue in ("外包给", "外包至", "交由", "委托"):
            pos = text.find(cue, s.start, s.end)
            while pos >= 0:
                if cue == "委托" and text.find("受", max(s.start, pos - 20), pos) >= 0:
                    self.entrusted(s, pos)
                    pos = text.find(cue, pos + 1, s.end)
                    continue
                v = self.org_at(pos + len(cue), slack=2)
                lo, hi = self.clause(s, pos)
                if v is None or v.start >= hi:
                    # 委托东软集团开发: a name no rule knew, between the cue and what it does
                    verb = _DOES.search(text, pos + len(cue), min(hi, pos + len(cue) + 16))
                    v = self.name_between(pos + len(cue), verb.start()) if verb else None
                if v is not None and v.start < hi and v.label == "Company":
                    cs = self.orgs_in(lo, pos) or self.orgs_in(s.start, pos)
                    if cs and not self.blocked(lo, hi):
                        self.add(v, cs[-1] if cs[-1].end <= pos else cs[0], s)
                pos = text.find(cue, pos + 1, s.end)

    def supplier_noun(self, s: Span) -> None:
        """R3b <client>(的)/其…供应商/合作伙伴<vendor>: 市议会的IT供应商CGI, 雀巢香港回覆說，其代理夥伴Fimmick
        (其: the subject named before it in the sentence)."""
        text = self.text
        for cue in _NOUN_ANY.finditer(text, s.start, s.end):
            noun = _SUPPLIER_NOUN.match(text, cue.start(), min(s.end, cue.end() + 6))
            if not noun:
                continue
            v = self.org_at(noun.end(), slack=0)
            if v is not None and v.start >= s.end:
                v = None
            own = _OWNER_OF_NOUN.search(text, max(s.start, noun.start() - 12), noun.start())
            if (v is None or v.label != "Company") and own is not None:
                # <vendor>是其/C的…供应商: the vendor is the subject of the copula before
                cop = _COPULA_END.search(text, max(s.start, own.start() - 4), own.start())
                v = self.org_ending(cop.start(), slack=0) if cop else None
                if v is None and text[own.start()] == "的":
                    # <vendor>（<client>的云服务供应商）: the vendor before the bracket
                    c0 = self.org_ending(own.start(), slack=0)
                    if c0 is not None and text[c0.start - 1:c0.start] in ("（", "("):
                        v = self.org_ending(c0.start - 1, slack=1)
                if v is not None and (v.start < s.start or v.label != "Company"):
                    v = None
            if v is None or v.label != "Company":
                # 平安银行的IT外包商文思海辉遭勒索攻击: the name after the noun, up to the verb
                end = _NAME_END.search(text, noun.end(), min(s.end, noun.end() + 15))
                v = self.name_between(noun.end(), end.start(), suffix_needed=False) if end else None
                if v is None:
                    continue
            own = _OWNER_OF_NOUN.search(text, max(s.start, noun.start() - 12), noun.start())
            if not own:
                # <client>(的数据)因第三方服务商<vendor>遭入侵…: the subject before 因 is the client
                cause = _CAUSE_BEFORE.search(text, max(s.start, noun.start() - 12), noun.start())
                if cause:
                    cs = [m for m in self.orgs_in(s.start, cause.start()) if m.name != v.name]
                    lo, hi = self.clause(s, v.start)
                    if cs and not self.blocked(lo, hi):
                        self.add(v, cs[0], s)
                continue
            if text[own.start()] == "其":
                cs = [m for m in self.orgs_in(s.start, own.start()) if m.name != v.name]
                # (该事件源于其第三方供应商X: 其 is the company named last before the sentence)
                c = cs[0] if cs else self.ff._recent_party(s.start, within=300)
                if c is not None and c.name == v.name:
                    c = None
            else:
                c = self.org_ending(own.start(), slack=1)
                if c is not None and _CLAUSE_BREAK.search(text, c.end, own.start()):
                    c = None
            if c is None:
                continue
            lo, hi = self.clause(s, v.start)
            if not self.blocked(lo, hi):
                self.add(v, c, s)

    def instance(self, s: Span) -> None:
        """R6 <client>(和<client>)的…<known vendor>(账户/实例/上): a company's instance of a cloud or
        SaaS vendor's service (Ticketmaster的Snowflake账户, 与Hot Topic和Torrid的环境相关的Snowflake和
        Looker上, AT&T在Snowflake上的工作区); only for vendors the gazetteer knows as such."""
        text = self.text
        prev: tuple[int, list[Mention]] | None = None  # (the end of a vendor just linked, its clients)
        for v in self.orgs_in(s.start, s.end):
            if "vendor" not in v.attrs.get("roles", ()) or v.label != "Company":
                continue
            after = _VENDOR_RUN_AFTER.match(text, v.end, s.end)
            if not after:
                continue
            gap = _INSTANCE_GAP.search(text, max(s.start, v.start - 14), v.start)
            lo, hi = self.clause(s, v.start)
            if gap:
                cs = self.listed_back(gap.start(), lo)
            elif prev and _SEP_BEFORE.fullmatch(text, prev[0], v.start):
                cs = prev[1]  # Snowflake和Looker上: the second vendor serves the same clients
            elif _after_its(text, v.start):
                # A透露，…针对其Snowflake部署的攻击: 其 is the sentence's subject, named first
                cs = [m for m in self.orgs_in(s.start, v.start)[:1] if m.label == "Company"]
            else:
                continue
            if self.blocked(lo, hi):
                continue
            cs = [c for c in cs if c.name != v.name]
            for c in cs:
                self.add(v, c, s)
            prev = (v.end, cs)

    def listed_back(self, end: int, lo: int) -> list[Mention]:
        """The organisations of a list that ends at ``end`` (A和B, A、B及C): known mentions and Latin
        names, read backwards up to ``lo``."""
        text = self.text
        out: list[Mention] = []
        pos = end
        while pos > lo:
            m = self.org_ending(pos, slack=0)
            if m is not None and m.start >= lo:
                out.append(m)
                start = m.start
            else:
                lat = _LATIN_TAIL.search(text, max(lo, pos - 30), pos)
                if not lat or lat.group(1) in _LATIN_NOT_NAME or any(w in _LATIN_GENERIC for w in lat.group(1).split()):
                    break
                out.append(self.any_at.get(lat.start(1)) or self.new_company(lat.start(1), lat.end(1)))
                start = lat.start(1)
            sep = _SEP_BEFORE.search(text, max(lo, start - 3), start)
            if not sep:
                break
            pos = sep.start()
        return out

    def client_list(self, idx: int, s: Span) -> None:
        """R4 <vendor>(的/其)(主要)客户(还)包括/如/涉及 A、B和C: every listed organisation is a client
        (Leidos主要客户如美国国防部、国土安全部和NASA); a cue ending with a colon lists them in the next
        sentence (9間Fimmick的企業客戶…分別涉及：• A • B)."""
        text = self.text
        pos = text.find("客户", s.start, s.end)
        while pos >= 0:
            cue = _CLIENT_CUE.match(text, pos - 1) if text.startswith("的", pos - 1) or text.startswith("其", pos - 1) \
                else None
            head = _CLIENT_SUBJECT.search(text, max(s.start, pos - 12), pos)
            cue = cue or _CLIENT_CUE.match(text, head.start() if head else pos)
            if not cue:
                self.clients_before(s, pos)
            if cue:
                named_before = False
                lead = text[head.start():pos] if head else ""
                if "其" in lead:
                    vs = [m for m in self.orgs_in(s.start, head.start()) if m.label == "Company"]
                    v = vs[0] if vs else None
                else:
                    v = self.org_ending(head.start() if head else pos, slack=1)
                    if v is None:
                        # 9間Fimmick的企業客戶…: the company before 的
                        v = self.org_ending(pos - len(lead), slack=6)
                    if v is None and _PRONOUN_SUBJECT.search(text, max(s.start, pos - len(lead) - 4), pos - len(lead)):
                        # 该公司3000名客户中不乏…: the company the text is about, named in the sentence before
                        v = self.topic(idx)
                        named_before = v is not None
                if v is not None and (v.start >= s.start or named_before) and v.label == "Company":
                    lo, hi = self.clause(s, pos)
                    if not _NEGATION.search(text, lo, pos) and not _HYPOTHETICAL.search(text, lo, hi):
                        if cue.group(0).rstrip().endswith(("：", ":")) and cue.end() >= s.end - 1:
                            nxt = self.ff.by_sentence[idx + 1][0] if idx + 1 < len(self.ff.by_sentence) else None
                            cs = [m for m in self.orgs_in(nxt.start, nxt.end) if m.label == "Company"] if nxt else []
                        else:
                            cs = self.listed(cue.end(), s.end, closed_needed=False)
                        for c in cs:
                            self.add(v, c, s)
            pos = text.find("客户", pos + 2, s.end)
        if text.endswith(("：", ":"), s.start, s.end) and idx + 1 < len(self.ff.by_sentence):
            # 9間Fimmick的企業客戶也就今次通報正調查…，分別涉及：• A • B — the list is the next sentence
            head = _COLON_CLIENTS.search(text, s.start, s.end)
            if head:
                v = self.org_ending(head.start(), slack=1)
                nxt = self.ff.by_sentence[idx + 1][0]
                if v is not None and v.label == "Company" and not self.blocked(s.start, s.end):
                    cs = [c for c in self.orgs_in(nxt.start, nxt.end) if c.label == "Company"]
                    for a, b in zip(cs, cs[1:] + [None]):
                        # (香港麥當勞 MHK Restaurants Limited: one party named twice; the legal name stays)
                        if b is None or b.start - a.end > 2 or a.name == b.name:
                            self.add(v, a, s)

    def client_of(self, s: Span) -> None:
        """R4c <client>正是它服务的客户, <client>是<vendor>服务的客户: the client named before the copula,
        the vendor named in the slot (它/其: the company named last before the client)."""
        text = self.text
        for m in _CLIENT_OF.finditer(text, s.start, s.end):
            c = self.org_ending(m.start(), slack=0)
            if c is None or c.start < s.start:
                continue
            if m.group("ref"):
                vs = [v for v in self.orgs_in(s.start, c.start) if v.label == "Company" and v.name != c.name]
                v = vs[-1] if vs else None
            else:
                v = self.org_at(m.start("slot"), slack=0)
                if v is not None and v.end > m.start("tail"):
                    v = None
            lo, hi = self.clause(s, m.start())
            if v is not None and v.label == "Company" and not self.blocked(lo, hi):
                self.add(v, c, s)

    def clients_before(self, s: Span, pos: int) -> None:
        """R4b A和其他几十个<vendor>客户, A、B等<vendor>客户: the companies named before are clients of
        the vendor named right before 客户 (a Latin name no rule knew too: Capital One和其他几十个AWS客户)."""
        text = self.text
        de = 1 if text.startswith("的", pos - 1) else 0
        v = self.org_ending(pos - de, slack=1)
        if v is None:
            lat = _LATIN_TAIL.search(text, max(s.start, pos - de - 30), pos - de)
            if not lat or lat.group(1) in _LATIN_NOT_NAME:
                return
            v = self.any_at.get(lat.start(1)) or self.new_company(lat.start(1), lat.end(1))
        if v.label != "Company" or v.start < s.start:
            return
        group = _GROUP_IS.search(text, max(s.start, v.start - 16), v.start)
        if group:
            # A和B的文件…，而这两家公司均为X的客户: the companies named before the phrase for them
            lo, hi = self.clause(s, pos)
            cs = [c for c in self.orgs_in(s.start, group.start()) if c.label == "Company" and c.name != v.name]
            if not self.blocked(lo, hi):
                for c in cs:
                    self.add(v, c, s)
            return
        other = _OTHER_CLIENTS_BEFORE.search(text, max(s.start, v.start - 12), v.start)
        if not other:
            return
        lo, hi = self.clause(s, pos)
        cs = [c for c in self.listed_back(other.start(), lo) if c.name != v.name]
        if cs and not self.blocked(lo, hi):
            for c in cs:
                self.add(v, c, s)

    def breach_chain(self, idx: int, s: Span, vendors: dict[str, bool]) -> None:
        """R5 a vendor's breach, then whom it reached: <vendor>遭攻击…影响了/涉及/涵盖/隶属于 A、B (the
        same sentence, or the next of the paragraph: 至少涉及10個品牌，包括A、B、C)."""
        text = self.text
        vs = [m for m in self.orgs_in(s.start, s.end) if m.name in vendors and m.label == "Company"]
        if not vs:
            return
        v = vs[0]
        br = _BREACH.search(text, v.end, s.end) or _FLAW_AFTER.match(text, v.end, s.end)
        if not br:
            return
        if not vendors[v.name] and text.find("客户", s.start, s.end) < 0:
            return  # (电商平台X遭攻击，影响了…: its users, not clients)
        spans = [Span(br.end(), s.end)]
        if idx + 1 < len(self.ff.by_sentence):
            nxt = self.ff.by_sentence[idx + 1][0]
            first = next((m for m in self.orgs_in(nxt.start, nxt.end) if m.label == "Company"), None)
            cue = _AFFECTED.search(text, nxt.start, nxt.end)
            # (the next sentence goes on about the breach unless it is another company's: its subject
            # named before the cue)
            if self.ff._same_paragraph(s, nxt) and cue and \
                    (first is None or first.name == v.name or first.start >= cue.end()):
                spans.append(nxt)
        for sp in spans:
            for cue in _AFFECTED.finditer(text, sp.start, sp.end):
                lo, hi = self.clause(Span(sp.start, sp.end), cue.start())
                if _NEGATION.search(text, lo, hi) or _TARGET_BEFORE.search(text, max(lo, cue.start() - 6), cue.start()):
                    continue  # (攻击目标涵盖谷歌: whom the attackers aim at, not the vendor's clients)
                start = cue.end()
                # 涉及10個國際及本地品牌，包括A、B: the count, then the list
                m = _COUNTED_ORGS.match(text, start, sp.end)
                if m:
                    start = m.end()
                # (a list announced as brands or companies may hold unknown Han names)
                cs = self.listed(start, sp.end, closed_needed=m is None)
                for c in cs:
                    if c.start >= v.end or sp is not spans[0]:
                        self.add(v, c, s)

    def affected_list(self, s: Span) -> None:
        """R5b <vendor>(的)<incident>中其他受影响的公司包括A和B: the companies its incident reached (Snowflake
        活动中其他受影响的公司包括桑坦德银行和Pure Storage); the vendor is the company named, with
        its incident, before the cue in the sentence."""
        text = self.text
        for cue in _AFFECTED_LIST.finditer(text, s.start, s.end):
            lo, hi = self.clause(s, cue.start())
            v = next((m for m in self.orgs_in(s.start, cue.start()) if m.label == "Company" and
                      _INCIDENT_AFTER.match(text, m.end, cue.start())), None)
            if v is None or self.blocked(lo, hi):
                continue
            for c in self.listed(cue.end(), s.end, closed_needed=False):
                if c.start >= cue.end():
                    self.add(v, c, s)

    # -----------------------------------------------------------------------------------
    def run(self) -> None:
        ff, text = self.ff, self.text
        if not self.orgs:
            return
        # the sentences to read: those with a cue (one scan of the text for all of them), those naming a
        # vendor the gazetteer knows, and those where a vendor is breached
        starts, orgs_at = ff._sentence_starts, self.starts
        kinds: dict[int, set[str]] = {}
        verbs: dict[int, list[int]] = {}  # sentence -> where its verbs of provision start
        adopts: dict[int, list[int]] = {}  # sentence -> where its verbs of adoption end
        breached: dict[int, int] = {}  # sentence -> the end of its last breach word
        # only the sentences naming an organisation are scanned, joined into one string
        # (every rule needs a party in the sentence; this halves the text to scan)
        sents = ff.by_sentence
        idxs: list[int] = []
        last = -1
        for m in self.orgs:
            i = bisect_right(starts, m.start) - 1
            if i > last:
                idxs.append(i)
                last = i
        parts = [text[sents[i][0].start:sents[i][0].end] for i in idxs]
        offs: list[int] = []
        o = 0
        for part in parts:
            offs.append(o)
            o += len(part) + 1
        for k, a, b in _CUE_AC.find_matches_as_indexes("\n".join(parts)):
            j = bisect_right(offs, a) - 1
            i = idxs[j]
            shift = sents[i][0].start - offs[j]
            a += shift
            b += shift
            kind = _AC_KINDS[k]
            if kind is None:
                breached[i] = b
            else:
                kinds.setdefault(i, set()).update(kind)
                if "provide" in kind:
                    verbs.setdefault(i, []).append(a)
                if "adopt" in kind:
                    adopts.setdefault(i, []).append(b)
        vendors = self.article_vendors() if breached else {}
        known: set[int] = set()
        breach: set[int] = set()
        for m in self.orgs:
            roles = m.attrs.get("roles")
            if roles and "vendor" in roles:
                known.add(bisect_right(starts, m.start) - 1)
            if m.name in vendors:
                i = bisect_right(starts, m.start) - 1
                if breached.get(i, -1) > m.end:
                    breach.add(i)
        for idx in sorted({*kinds, *known, *breach}):
            if idx < 0:
                continue
            s = ff.by_sentence[idx][0]
            n = bisect_left(orgs_at, s.end) - bisect_left(orgs_at, s.start)
            kind = kinds.get(idx, ())
            if n:
                # (one organisation named is enough where a cue's slot may hold a name no rule knew)
                if "provide" in kind:
                    self.provide(s, verbs[idx])
                if "outsource" in kind:
                    self.outsource(s)
                if "noun" in kind:
                    self.supplier_noun(s)
                if n >= 2 and "adopt" in kind:
                    self.adopt(s, adopts[idx])
                    self.adopted_by(idx, s)
                if idx in known:
                    self.instance(s)
            if "hire" in kind and n:
                self.hired(s)
            if "client" in kind:
                self.client_list(idx, s)
                if n:
                    self.client_of(s)
            if "affected" in kind and n:
                self.affected_list(s)
            if idx in breach:
                self.breach_chain(idx, s, vendors)
        seen = {(f.start, f.end) for f in ff.facts if f.type == "SUPPLIED"}
        for v, c, s in self.links:
            k = (("Company", v.name), (c.label, c.name))
            if k in seen:
                continue
            seen.add(k)
            ff.facts.append(Fact("SUPPLIED", k[0], k[1], s, {"product": None}))
            v.attrs.setdefault("roles", ["vendor"])


def find_vendor_links(ff) -> None:
    """Add the SUPPLIED facts the general cues give to ``ff`` (a FactFinder of a privacy article)."""
    VendorLinks(ff).run()
