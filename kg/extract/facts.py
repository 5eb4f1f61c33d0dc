"""Stage 3: facts between mentions, each with the sentence it was read from."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from ahocorasick_rs import AhoCorasick, MatchKind

from loaders.article import Article, Span

from ..gazetteer import Gazetteer
from .mentions import _BRANCH_END, _FOREIGN_COUNTRY, BANK_SHORT, CLIENTS_INCLUDE, CLIENTS_NAMED, Mention
from .naming import _LEGAL_SUFFIX
from .numbers import Amount, as_int, find_bare_fines, find_counts, find_money, to_number, yuan_plausible

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
_HYPOTHETICAL = re.compile(r"拟|可处|可以处|最高可|或将|可能|将面临|面临|应当|否则|可罚|如果|若|一旦|将被|将处|将依法|将予以|"
                           r"如继续|如再|"
                           r"以下罚款|以上罚款|以下或者|以下的罚款|不得|建议|呼吁|希望|曾警告|是否|会不会|如何")
# a sum a company agrees or is to pay (Verkada将向FTC支付$2.95m的罚款, 优步同意支付2万美元罚款): a
# settlement or a proposed order, not a decided penalty
_SETTLED = re.compile(r"(?:同意|将|愿意|承诺)(?:向[^，。；]{0,20}?|为[^，。；]{0,20}?)?(?:支付|缴纳|赔付)[^，。；]{0,24}?(?:罚款|罚金|和解金|和解费)")
# the wording of a law ("…的，由…责令改正…") rather than a decision
_LAW_TEXT = re.compile(r"的，由|情节严重|违反本(法|条例|办法|规定)|依照本(法|条例)")
_PERSON_AFTER = re.compile(r"\s*(?:的)?(?:董事长|总裁|副总裁|CEO|首席|法定代表人|负责人|员工|高管|创始人|总经理|实际控制人|技术总监)")
_RANGE = re.compile(r"(?P<lo>[\d.,]+|[一二两三四五六七八九十百千]+)\s*(?P<lmag>万|亿)?元?以上\s*"
                    r"(?P<hi>[\d.,]+|[一二两三四五六七八九十百千]+)\s*(?P<hmag>万|亿)?元?以下(?:的)?罚款")
_PENALTY_LITERALS = "罚款|罚金|被罚|罚没|禁止|没收|警告|责令|勒令|处罚|罚单|命令|下令|下架|整改|改正|谴责|训诫|禁令"
# 对TikTok罚5.3亿欧元: the verb and its sum
_FINED_SUM = r"罚\s*了?\s*(?:约|近|超|逾)?\s*\d[\d.,]*\s*(?:万|亿)*\s*(?:元|欧元|美元|英镑|韩元|日元|澳元|加元|港元|卢布)"
_PENALTY_WORD = re.compile(_PENALTY_LITERALS + "|" + _FINED_SUM)
_PENALTY_WORDS = AhoCorasick(_PENALTY_LITERALS.split("|") + ["罚"], matchkind=MatchKind.LeftmostFirst)
_DEADLINE = re.compile(r"(?:于|在)[^。；]{0,24}?(?:前|内)[^。；]{0,6}?(?:整改|改正)|"
                       r"(?:\d+|[一二两三四五六七八九十]+)\s*个?(?:工作)?日内[^。；]{0,6}?(?:整改|改正)")
# 责令停止违法处理个人信息行为 and 责令删除 are orders to correct too
_KINDS_RE_ORDER = re.compile(r"(?:责令|勒令)[^，。；]{0,12}(?:改正|整改|纠正|停止|删除|符合|合规|制定|采取)|限期改正|限期整改|"
                             r"(?:整改|改正|纠正|纠正措施)(?:命令|令)|"
                             r"(?:命令|下令|要求|督促)[^。；]{0,40}?(?:停止|暂停|删除|整改|改正|合规)|"
                             # 美国联邦贸易委员会已禁止数据经纪人X共享或出售…: a ban on a named party (an
                             # authority must be named before it: 法律禁止… is a rule)
                             r"禁止(?=[^，。；]{0,30}?(?:共享|出售|收集|使用|处理|传输|销售|分享|存储))")
# 分别处以20万元、3万元和2万元的行政处罚: a sum of money imposed is a fine, without the word 罚款
_FINE_IMPOSED = r"(?:处以|并处)\s*(?:人民币)?\s*[\d.,]+\s*(?:万|亿)?元"
_FINE_IMPOSED_BEFORE = re.compile(r"(?:处以|并处)\s*(?:人民币)?\s*$")
# 被罚10万, 因…被罚: the passive 被罚 is a fine decided (its amount still has to be found)
# (处罚金额 / 罚金额 is "the amount of the penalty", not a criminal fine)
_KINDS = ((re.compile("罚金(?!额)"), "罚金"), (re.compile("罚款|罚单|被罚(?!没)|罚没款|" + _FINE_IMPOSED + "|" + _FINED_SUM), "罚款"), (re.compile("没收"), "没收"),
          # a reprimand (受到正式谴责, 予以训诫) is the warning of the GDPR's measures
          # (研究人员警告说, 专家警告称, 警告用户: a caution spoken, not a sanction)
          # (微软警告Linux内核漏洞遭利用, Citrix 警告客户…: a vendor's warning, not a sanction)
          # (“欺诈网站警告”功能, Safari 欺诈网站警告: the name of a feature)
          (re.compile(r"(?<!网站)(?<!安全)(?<!风险)(?<!系统)(?<!弹窗)(?<!浏览器)"
                      r"警告(?![”」]?\s*(?:功能|信息|提示|标志|标识|页面|弹窗|窗口|图标))"
                      r"(?!说|称|道|指出|表示|提醒|[：:]|用户|客户|公众|消费者|民众|网民|广大|开发者|管理员|各方|所有|\s?[A-Za-z])|"
                      r"(?:受到|给予|予以)了?(?:正式|书面|公开)?(?:谴责|训诫)"), "警告"),
          (re.compile(_KINDS_RE_ORDER.pattern + "|" + _DEADLINE.pattern), "责令改正"),
          # app removal ordered by an authority (通知应用商店下架“X”App) is kind 其他
          # (对…App进行了下架处理, 作下架处理: the removal done by the authority that is the subject)
          (re.compile(r"(?:通知|责令|要求|予以|依法|强制)[^，。；]{0,10}(?:下架|下线)|被[^，。；]{0,8}?下架|"
                      r"(?:进行|作出|做出|采取|作)了?(?:下架|下线)(?:处理|处置|措施)|"
                      # 对其服务下达了使用禁令: a ban on a service
                      r"(?:下达|发出|发布|颁布)了?[^，。；]{0,6}禁令|"
                      # 公开披露命令, 公示命令: an order to make the violation public
                      r"(?:公开|披露|公示|公布)(?:命令|令)|"
                      # 责令立即关停相关服务, 责令暂停App新增用户注册: a service shut or suspended on order
                      r"(?:责令|要求|勒令|依法)[^，。；]{0,6}?(?:关停|关闭|暂停)[^，。；]{0,10}?"
                      r"(?:服务|业务|网站|功能|运营|平台|App|APP|注册|更新)"), "其他"))
# the words one of which each kind's pattern needs (a substring test first: most sentences that name a
# penalty name one or two kinds, and each pattern searched in full cost more than the rest of _kinds)
_KIND_WORDS = (("罚金",), ("罚", "处以", "并处"), ("没收",), ("警告", "谴责", "训诫"),
               ("责令", "勒令", "限期", "整改", "改正", "纠正", "禁止", "命令", "下令", "要求", "督促", "令"),
               ("下架", "下线", "禁令", "令", "关停", "关闭", "暂停"))
# “X”App又在应用商店被下架: a removal told in the passive, by whom the sentence may not say
# 处以行政处罚, 被依法行政处罚: a decision whose kind the report does not tell (kind 其他, kept only
# when the article tells no fine, warning or confiscation of the party)
_UNSPECIFIED_SANCTION = re.compile(r"(?:处以|予以|给予|作出|做出|被(?:依法)?(?:予以|处以)?)了?(?:相应的?)?行政处罚(?!决定书|通知书|告知书)")
_SPECIFIC_KINDS = {"罚款", "罚金", "没收", "警告", "其他"}
_PASSIVE_REMOVAL = re.compile(r"被[^，。；]{0,8}?下架")
_ORDER_KINDS = {"责令改正", "其他"}
_ORDER_ONLY = re.compile(r"整改|改正|下架")
_SANCTION_WORD = re.compile(r"罚款|罚金|没收|警告|罚单")
_ORDER_VERBS = ("下架", "要求", "责令", "命令", "下令", "督促", "禁止")
# who orders, when the authority itself is not named in the sentence (后者还下令…)
_ISSUER_WORD = re.compile(r"后者|前者|监管机构|监管部门|主管部门|网信部门|该局|我部|我局|我办|我委|委员会|"
                          r"(?:该|这项|此项|这一)(?:决定|命令|裁决)")
_GUIDES = re.compile(r"\s*(?:指导|督促|指挥)(?:属地|地方|各地|当地|相关|有关)[^，。；]{0,12}?(?:网信办|互联网信息办公室|部门|机关)")
# 上海市网信办在国家网信办指导下，办理一批…案件: the guiding authority, not the one that decides
_GUIDING = re.compile(r"\s*(?:的)?(?:指导|统筹|部署|督导|督办|指挥)下")
# 国家网信办发布近期…执法典型案例: a national office that publishes cases the local offices decided
# (when a case does not name its decider, this is not it; a local office publishes its own)
_PUBLISHES_CASES = re.compile(r"[^，。；]{0,6}?(?:发布|公布|通报)了?[^，。；]{0,30}?案例")
# 属地网信办, 当地公安机关: the decider named only as the party's local office
_LOCAL_ISSUER = re.compile(r"(?:属地|当地|地方|辖区)(?:的)?(?:网信办|网信部门|互联网信息办公室|公安机关|公安局|公安|网安部门|"
                           r"市场监管部门|市场监督管理部门|市场监管局|监管部门|主管部门|通信管理局|人民银行)")
_ORDER_MODAL = re.compile(r"应当|应于|应在|须于|须在")
# 法国对 Clearview 处以…罚款: a country as the party that decides, its authority not named
_COUNTRY_SUBJECT = re.compile(_FOREIGN_COUNTRY + r"(?:政府|当局)?\s*(?:已|曾|还|也|则)?\s*(?:对|向)\s*$")
# 今天创纪录的罚款是对其他人的警告: a fine told as a warning to others, not a warning decided
_WARNING_TO_OTHERS = re.compile(r"(?:是|作为|成为|也是)(?:对|给|向)[^，。；]{0,12}?的?警告")
_WARNING_GIVEN = re.compile(r"(?:给予|予以|处以|作出|并处)(?:行政)?警告|警告(?:处分|处理|的行政处罚)")
_WARNING_BEFORE = re.compile(r"(?:给予|予以|处以|作出|做出|并处|处|被|受到|遭到|分别|给|作|行政|书面|予|以|获|及|和|、|，|：|:)\s*$")
_WARNING_AFTER = re.compile(r"\s*(?:$|[，。；、,;：:）)]|并|和|及|以及|处分|处理|处罚|的|决定|通知|[一1]次|后)")
_WARNING_ISSUED = re.compile(r"(?:发出|发布|发送|发去)了?[^，。；]{0,10}警告")
# the party named earlier: 对该公司…, 责令其…, 后者还下令公司停止…
# (对此案依法作出处理：责令改正并罚款…: the party of the case)
_TARGET_PRONOUN = re.compile(r"当事人|该公司|该企业|对其|责令其|给予其|(?:下架|下线)(?:该|此)(?:小程序|App|APP|app|应用)|(?:命令|下令|要求|督促)(?:该|涉事)?(?:公司|企业|其)|"
                             r"对(?:此|该|本)案|涉案(?:公司|企业|单位)")
# 该企业运营“某助手”应用程序…责令其改正: the product a party runs, named after it, is not what 其 stands for
# (公司的“某某智慧泊车”小程序: the party's own product, named after it)
_OPERATED_BEFORE = re.compile(r"(?:运营|开发|经营|(?:公司|企业)的)(?:的)?\s*[“\"「]?$")
# 对A处以360万韩元罚金，并对B作出警告处理: a second party, in a clause of its own, with its own sanction
_AND_TO = re.compile(r"[，,；;]\s*(?:并|同时|另|还|另外)?\s*对$|并对$")
_TRIGGER_BEFORE = re.compile(r"(对|被告单位|给予|责令|命令|下令|要求|督促|下架|禁止)[^，。；、]{0,6}$")
_LIST_SEP = re.compile(r"\s*(?:[、和及与]|[”\"」]\s*[、和及与，,]?\s*[“\"「])\s*")
# 上述App运营者, 此25款App, 以下16款应用, 相关企业: a notice's listed parties
_GROUP_REF = re.compile(r"(?:(?P<dir>上述|以上|前述|以下|下列|如下|此|这些|该批|相关|涉事|各|存在问题的|问题)\s*"
                        r"(?:(?:\d+|[一二两三四五六七八九十百]+)\s*(?:款|家|个|批))?|"
                        # (一家物业经营管理有限公司: one party, indefinite, not a group)
                        r"(?<![\d.])(?!一\s*[家个])(?:\d+|[一二两三四五六七八九十百]+)\s*(?:款|家|个|批)[^，。；]{0,16}?)\s*"
                        r"(?:App|APP|app|应用程序|应用|小程序|企业|公司|运营者|运营企业|开发者|平台|网站|单位)")
_BACKWARD = ("上述", "以上", "前述", "此", "这些", "该批")
_FORWARD = ("以下", "下列", "如下")
# a numbered list item (1. / 1、/ （1）) or a table row that starts with its number (1 | X | …)
_ENUM_ITEM = re.compile(r"\s*\|?\s*(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．)）](?!\d)|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]|[①-⑳]|"
                        r"\d{1,3}\s*\|(?!\s*\d)|\d{1,3}[ \t]+(?=[^\d\s]))\s*")
_ITEM_HEAD = re.compile(r"[“《「]?([\u4e00-\u9fffA-Za-z0-9·]{2,20}?)[”》」]?\s*(?:App|APP|app|客户端|小程序)?"
                        r"(?:\s*[（(：:，,|]|[ \t]+)")
_CATEGORY_END = ("类", "行业", "领域", "方面", "情况", "问题")
_PASSIVE = re.compile(r"被")
_PASSIVE_FINED = re.compile(r"\s?被(?:罚|处以|处)")
# a digest item's heading: 6、乐天信用卡…, **[5、上饶银行…](…)**, ### 2. Shein母公司…, **1.南昌市某企业…**
_DIGEST_ITEM = re.compile(r"\s*(?:#{1,4}\s*)?(?:\*\*)?\s*\[?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?:\*\*)*\s*"
                          r"(?!\d)[\u4e00-\u9fffA-Za-z“\"]")
_ITEM_FIRST = frozenset("0123456789#*[ 一二三四五六七八九十")
_FINE_WORD_AFTER = re.compile(r"[^，。；\d]{0,6}?(罚款|罚金)")
_FORM_CONTENT = re.compile(r"(?:行政)?处罚(?:内容|结果|种类|决定内容|种类和幅度|措施)\s*[：:|]")
_FORM_PARTY = re.compile(r"(?:被处罚(?:单位|当事人|人|机构)|当事人|单位|机构|企业)(?:名称|全称)?\s*[：:|]\s*")
_FORM_AUTHORITY = re.compile(r"(?:作出|做出)?(?:行政)?处罚(?:决定)?的?(?:机关|机构|单位)(?:名称)?\s*[：:|]\s*|决定机关(?:名称)?\s*[：:|]\s*")
_CONFISCATED_BEFORE = re.compile(r"没收[^，。；、]{0,8}$")
_PASSIVE_SANCTION = re.compile(r"被(?:处以|处|罚款?|判处罚金)(?!没)")
_PERSON_SUBJECT = re.compile(r"[\u4e00-\u9fff]某|员工|男子|女子|被告人|嫌疑人|负责人|董事长|高管|经理|法定代表人|工作人员|个人|他|她")
_TITLE_APPS = re.compile(r"((?:[^、，。；\s]{2,16}、){0,8}[^、，。；\s]{2,16}?)\s*等\s*(\d+|[一二两三四五六七八九十百]+)\s*款\s*"
                         r"(?:App|APP|app|应用|小程序|软件)")
# 逾期未完成整改的，依法依规予以下架处置: what follows a condition is threatened, not decided
_THREAT_BEFORE = re.compile(r"(?:逾期|到期|期满)(?:后)?(?:仍)?(?:未|不|拒不|没有)[^，。；]{0,14}的\s*[，,]\s*[^，。；]{0,14}$")
_SENTENCED = re.compile(r"判处|判决")
# where 罚金 is the criminal fine: a court's sentence (see FactFinder._kinds)
_CRIMINAL = re.compile(r"判处|判决|判令|法院|被告|刑|犯|罪|并处罚金|处罚金|罚金刑|检察|公诉|起诉")
_BREACH_VERBS = frozenset(("窃取", "泄露", "泄漏", "外泄", "获取", "暴露", "爬取", "抓取", "盗取", "盗走"))
_HELD_DATA = re.compile(r"[^，。；]{0,16}?的")
_COUNT_GAP = re.compile(r"\s*了?\s*(?:超过|超|约|近|逾|多达|高达)?\s*[\d.,]+\s*(?:万|亿)?\s*(?:多|余)?\s*(?:条|份|个|名|笔)\s*")
_HELD_RECORDS = re.compile(r"\s*(?:的)?\s*(?:员工|用户|客户|会员|患者|乘客|学生)(?:的)?(?:记录|数据|信息|资料|档案)")
_DECISION_LIST = re.compile(r"如下(?:行政)?处罚|处罚(?:决定)?如下|处罚内容[：:]|作出如下")
_ALSO = re.compile(r"^[^，。；]{0,12}?(?:还|同时|此外|另外|另|并|亦)")
# * [泄露22万余人个人信息，某机构被罚2700万元](https://…): a bulleted link to a related story
# the heading of a list of other stories' titles at the end of a post
_ARCHIVE_HEADING = re.compile(r"往期回顾|往期推荐|往期精选|推荐阅读|相关阅读|延伸阅读|历史文章|精彩回顾|热门文章")
_FULL_STOP = re.compile(r"[。！？]")
_SOURCE_LINE = re.compile(r"\s*(?:消息|信息|新闻)?来源\s*[：:][^。，\n]{1,30}")
_LINK_BULLET = re.compile(r"\s*[*\-+•]\s+\[[^\]\n]{4,120}\]\(https?://")
# 上饶银行因“信息安全管理不足”被罚: the party's own fine, decided, though the report gives no sum
_FINED_SUBJECT = re.compile(r"\s*(?:因[^，。；]{1,24}?|违反《[^》]{1,30}》[，,]?\s*)?被罚(?:款)?(?!没)")
# 属地网信办已依法责令其改正，予以警告、罚款处罚 / 没收违法所得并处罚款: a fine decided, its sum not published
_FINE_DECIDED = re.compile(r"(?:予以|处以|并处|给予|作出)(?:行政)?(?:警告\s*[、，,和及并]\s*)?罚款(?!金额|数额|标准|幅度)")
# …，并对直接负责的主管人员予以罚款处罚: the sanction of the persons, not of the party
# (公司对违规员工予以罚款处理: the company's own discipline of its staff)
_PERSONS_OBJECT = re.compile(r"对[^，。；]{0,8}?(?:主管人员|责任人员?|责任人|直接责任人员|负责人|法定代表人|高管|员工|工作人员)")
# 2700万欧元和1500万欧元的罚款: an amount listed before the one the word 罚款 follows
_SUM_LIST_GAP = re.compile(r"\s*(?:、|，|,|和|及|与|以及)\s*")
_FINE_LIST_AFTER = re.compile(r"\s*(?:[、和及与]|以及)\s*[^，。；]{0,16}?的?(?:罚款|罚金)")
# 两家公司分别被处以…: the parties named before the sentence
_GROUP_PARTIES = re.compile(r"(?:这|该|上述|此)?\s*(两|二|三|四|五|\d)\s*家(?:公司|企业|运营商|机构|平台)\s*(?:均|都|各|分别)?\s*(?:被|遭)")
_USERS_AFTER = re.compile(r"\s?的?(?:用户|客户|员工|会员|账户|账号)")
# a sum added up (合计罚款…, 共计罚没…) and a party named as one of several (X及另外3家企业, X等5家公司)
# (合计罚款129.5亿韩元、罚金1020万韩元: each sum of the clause)
_TOTAL_BEFORE = re.compile(r"(?:合计|共计|总计|累计)[^，。；]{0,30}$")
_MORE_PARTIES = re.compile(r"(?:及|和|与|等)(?:另外|其他|其余|另)?\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:家|个|名)")
# (罚没款共计30万元: a fine and a confiscation told as one sum)
_FINED_BEFORE = re.compile(r"(?:罚了?|罚没款?(?:共计|合计|总计)?)\s*(?:约|近|超过|超|逾)?\s*$")
# 750 万英镑（约 6277.5 万元人民币）, 963900英镑罚款，约合人民币885.4万元: the yuan figure given
_EQUIV = re.compile(r"(?:[（(]|[，,]\s*)\s*(?:约合|约|折合|相当于)\s*(?:人民币)?\s*")
_LAW_VERB = re.compile(r"违反|依据|根据|依照|按照|违背")
_SUPPLY_AFTER = re.compile(r"\s*[)）]?\s*(?:[（(][^）)]{1,20}[）)])?\s*(?:公司)?\s*(?:所?提供|生产|研发|开发|出品)?的\s*(?:[^，。；]{0,12}?)"
                           r"(?:产品|设备|摄像头|摄像设备|摄像机|系统|服务|SDK|sdk|技术|软件|解决方案)")
_SUPPLY_BEFORE = re.compile(r"(?:供应商|服务商|厂商|提供商|技术公司|第三方)\s*[（(]?\s*$")
_PLANNED = re.compile(r"(?:计划|拟|打算|有意|考虑|准备|有望)\s*(?:在[^，。；]{0,8})?$")  # …right before a supply verb
# 谷歌告诉开发人员停止使用X-Mode的软件, 禁止使用: a use that ends or is banned, right before the verb
_CEASED = re.compile(r"(?:停止|不再|禁止|停用|弃用|放弃)\s*$")
_SUPPLY_VERB = re.compile(r"采购|购买|购置|使用|安装|装上|装有|引入|部署|接入|采用|嵌入|内嵌|集成|植入")
# 京东商城App内嵌的腾讯SDK: a vendor's SDK named without 的
_SDK_BEFORE = re.compile(r"(?:SDK|sdk)\s*[“\"（(：:]?\s*$")
_SDK_AFTER = re.compile(r"\s*(?:的)?\s*(?:SDK|sdk|软件开发工具包)")
# 由万店掌为其供应…摄像设备: the vendor supplies the party named before it
_PROVIDES_PRONOUN = re.compile(r"\s*(?:为|向|给)\s*(?:其|该公司|该企业|他们|对方)\s*(?:供应|提供|出售|销售|交付)")
# (普华永道一直为该行提供审计服务, 腾讯云ClawPro为万得提供: an adverb, or the vendor's product's Latin
# name, between the vendor and 为)
_PROVIDES = re.compile(r"\s*(?:[A-Za-z][A-Za-z0-9 .-]{0,20}?)?\s*(?:一直|长期|主要|专门|多年来|还|也|曾|已|负责)?\s*(?:为|向|给)\s*")  # (used with fullmatch)
_SERVICE = re.compile(r"云服务|云存储|云计算|技术服务|技术支持|数据服务|系统|平台|解决方案|软件|SDK|sdk")
_PROVIDES_AFTER = re.compile(r"[^，。；]{0,20}?(?:提供|供应|出售|销售|交付)")
# (苹果的另一家主要代工厂富士康: a contract manufacturer supplies the brand it makes for)
# (市议会的IT供应商CGI, 银行的外包商X, 第三方分包商X: subcontractors and outsourcers supply too)
_SUPPLIER = r"(?:供应商|服务商|提供商|技术提供方|技术服务商|技术供应商|设备商|供货商|代工厂|代工商|代工企业|分包商|外包商|承包商)"
# (苹果与特斯拉的核心供应商——塔塔电子: the name after a dash or colon)
_CLIENT_OF = re.compile(rf"\s*的\s*(?:[^，。；的]{{0,10}}?){_SUPPLIER}\s*(?:为|是|——|—|[：:])?\s*[“\"]?")
# (京东使用的Salesforce平台, X部署的Citrix网关: the client's own use written out)
# (英迈内部的Palo Alto VPN平台: the client's own, written 内部的)
_OF_BEFORE = re.compile(r"\s*(?:所?(?:使用|采用|部署|租用|购买|采购|托管|搭建)的|内部的|的)\s*$")
# 门店使用的人脸识别设备由旷视科技提供, 京东的客服系统由阿里云提供技术支持: the vendor after 由
# (这款AI招聘助手由供应商Paradox.ai开发并提供服务: an assistant, an app or a model too, and the word for a
# supplier between 由 and its name)
_BY_VENDOR_BEFORE = re.compile(r"(?:摄像头|摄像设备|摄像机|设备|系统|平台|服务|软件|SDK|sdk|技术|解决方案|服务器|云服务|"
                               r"助手|机器人|应用|App|APP|程序|工具|产品|模型|网站)\s*"
                               r"(?:均|都|则|也)?\s*由\s*(?:其|第三方)?(?:供应商|服务商|提供商|外包商|承包商|开发商)?\s*$")
_BY_VENDOR_AFTER = re.compile(r"\s*(?:公司)?\s*(?:提供|供应|开发|研发|生产|出品|承建|搭建|部署|运营|运维|负责)")
_THIS_PRODUCT = re.compile(r"(?:这款|该款|这个|该|此|这一|这套|该套)")
_PRONOUN_BEFORE = re.compile(r"(?:该公司|该企业|其)$")
_CLIENT_SERVICE = re.compile(r"\s*(?:[^，。；、的]{0,8}?)(?:服务|系统|平台|账户|账号|帐户|实例|环境|数据库|云|软件|门户|工具|"
                             r"租户|设备|解决方案)")
_BOUGHT_FROM = re.compile(r"\s*(?:从|向|自)\s*[“\"]?")
_BOUGHT_AFTER = re.compile(r"\s*[”\"]?\s*(?:处)?\s*(?:采购|购买|购入|购置|引进)")
# 为丹麦央行以及该国金融业提供 IT 解决方案的 Bankdata: the vendor after what it provides (see find_supplied)
_PROVIDER_REL = re.compile(r"提供[^，。；为]{0,20}?(?:服务|方案|系统|平台|技术|软件|支持|产品|设备)\s*的\s*$")
# Fiverr因所使用的Cloudinary云存储: the client, then what it uses
# (租用的阿里云服务器: a host rented, which the key does not count as a supply)
_USED_BEFORE = re.compile(r"\s*(?:因|由于|因其|其)?\s*所?(?:使用|采用|部署|依赖)的\s*$")
_USED_SERVICE = re.compile(r"\s*(?:公司的)?\s*(?:云存储|云服务|云平台|云盘|存储桶|数据库|系统|平台|软件|服务|SDK|sdk|"
                           r"账户|账号|实例|工具|插件|组件|产品)")
_VENDOR_OF = re.compile(r"\s*(?:是|为|系|作为)\s*")
_VENDOR_WORD = re.compile(rf"\s*的\s*(?:[^，。；的]{{0,10}}?){_SUPPLIER}")
# <client>作为/是<vendor>的(主要)客户(之一): see find_supplied
_MAIN_CLIENTS = ("主要客户", "重要客户", "大客户", " 主要客户", " 重要客户")
_MAIN_CLIENTS_AS = re.compile(r"\s?(?:主要|重要|大)客户(?:包括|有|如|例如|比如)\s*[：:]?\s*")
_AS_CLIENT = re.compile(r"\s*(?:也|还|同样|一直)?\s*(?:作为|是|为|系|成为)\s*$")
_CLIENT_OF_VENDOR = re.compile(r"\s*(?:云|公司)?\s*的\s*(?:主要|重要|大|知名|长期|核心)?(?:客户|用户)")
_SUPPLIER_WORD_BEFORE = re.compile(_SUPPLIER + r"\s*$")
# <vendor>遭(网络)攻击(导致…)，影响(了)A、B: the breach then the companies it reached
_AFFECTS = re.compile(r"影响了?|波及|殃及|牵连")
_BREACH_THEN_AFFECT = re.compile(r"[^。；]{0,6}?(?:遭|发生|被)[^。；]{0,40}?(?:攻击|入侵|泄露|泄漏|勒索|事件)[^。；]{0,30}?"
                                 r"(?:影响了?|波及|殃及|牵连)(?:到)?\s*(?:了)?\s*(?:包括)?")
_OWNED_BY_CLAUSE = re.compile(r"(?:共同|联合|全资|间接)?(?:拥有|控股|持有|所有|运营|成立|创立|投资)的")
_SOLD_TO = re.compile(r"(?:出售|卖|转卖|销售|提供|交付|供应|转让)给\s*")
_BREACH_THEN_CLIENTS = re.compile(r"[^。；]{0,6}?(?:遭|发生|被)[^。；]{0,30}?(?:攻击|入侵|泄露|泄漏|勒索|窃取)[^。；]{0,30}?"
                                  r"(?:其|平台内|平台上|旗下)?(?:多家|部分|众多|大量|数十家|数百家)?客户[^。；]{0,20}?"
                                  r"(?:其中)?(?:涉及|包括|包含|影响了?)(?:到)?\s*")
# <client>使用(了)<vendor>系统: the verb right before the vendor, its product right after (see find_supplied)
_USED_DIRECT = re.compile(r"了?\s*$")
_DIRECT_PRODUCT = re.compile(r"\s*(?:公司)?(?:的)?\s*(?:云服务|云平台|云存储|系统|平台|软件|SDK|sdk|解决方案|服务器|数据库|产品|设备|摄像头)")
_LATIN_TAIL = re.compile(r"(?<![A-Za-z0-9&.-])([A-Z][A-Za-z0-9&.-]+(?: [A-Z][A-Za-z0-9&.-]+){0,2})\s*$")
_NOT_CLIENT_LATIN = frozenset(("AI", "IT", "App", "APP", "SDK", "API", "VPN", "CEO", "SaaS"))
_LATIN_HEAD = re.compile(r"([A-Z][A-Za-z0-9&.-]+(?: [A-Z][A-Za-z0-9&.-]+){0,2})(?![A-Za-z0-9&])")
_EXAMPLE_CUE = re.compile(r"例如|比如|譬如|如")
# procurement awards (see find_awards)
_BUYER_FIELD = re.compile(r"采购(?:人|单位|方)(?:名称)?\s*(?:为)?\s*[：:]\s*")
_ENTRUSTED_BY = re.compile(r"受\s*(?=[^，。；]{2,40}?(?:的)?委托)")
_WINNER_FIELD = re.compile(r"(?:成交|中标|中选)(?:供应商|人|单位|候选人|结果)(?:名称)?\s*(?:为|是)?\s*[：:]?\s*")
_RANKED = ("第一", "第二", "第三", "第四", "第五")
_WON = re.compile(r"(?:成功|顺利|联合|再次|一举)?中标(?!候选|公示|结果|金额|价|方|通知|公告|资格|单位|供应商|人)")
_PROJECT = re.compile(r"项目|采购|招标|标段|包件")
_WINNER_HEAD = re.compile(r"(?:^|[，。；：:\n]|近日|日前|此前|近期)\s*([\u4e00-\u9fffA-Za-z]{2,8}?)\s*(?:成功|顺利|再次|一举)?$")
_NOT_WINNER = frozenset(("该项目", "项目", "该公司", "公司", "企业", "其", "本次", "最终", "他们", "已经"))
_AWARD_RUN = re.compile(r"((?:[\u4e00-\u9fffA-Za-z0-9]{2,12}[、，,和及与]){1,8}[\u4e00-\u9fffA-Za-z0-9]{2,12})(?:联合|共同)?")
_PRODUCT = re.compile(r"(人脸识别[^，。；、的]{0,6}?(?:摄像头|摄像设备|摄像机|设备|系统|技术)|"
                      r"(?:摄像头|摄像设备|监控设备|客流统计系统|人脸识别系统|SDK|爬虫))")
# (违法出境个人信息: a data export is a transfer of the data the exporter holds)
_COLLECT_VERB = re.compile(r"采集|收集|获取|读取|抓取|保存|存储|储存|窃取|处理(?!目的|规则|方式)|传输|共享|泄露|泄漏|外泄|暴露|调用|上传|爬取|买卖|出售|贩卖|叫卖|出境|"
                           r"监测|访问|拍摄|录入|收取|留存|使用|摄取|抓拍|删除|"
                           # (X遭勒索软件攻击，…的个人信息和医疗保健数据被盗; 存有600万客户信息的系统: the
                           # holder's data stolen, or kept)
                           r"被盗|盗取|盗走|存有")
# 魔蝎公司租用的阿里云服务器: the host of the data, not who collected it
_INFRA_AFTER = re.compile(r"\s*(?:的)?\s*(?:云)?(?:服务器|数据库|云盘|机房|云平台)")
# 如淘宝、京东等: companies given as examples (of the sites whose passwords were kept), not actors
_EXAMPLE_BEFORE = re.compile(r"(?:如|例如|比如|诸如|像|譬如)\s*$")
# a breach told by a count of people (see FactFinder._counted_breaches)
_BREACH_WORD = re.compile(r"泄露|泄漏|外泄|窃取|被盗|盗取|暴露|入侵|攻击|勒索|黑客|出售|贩卖|非法获取")
_BREACH_WORDS = AhoCorasick(_BREACH_WORD.pattern.split("|"), matchkind=MatchKind.LeftmostFirst)
_COUNT_HINT = re.compile(r"[\d万亿]")
_DENIED_BREACH = re.compile(r"(?:否认|未发现|没有发现|无证据|没有证据|并未|未曾|不存在)[^，。；]{0,12}(?:泄露|泄漏|外泄|被盗|窃取)")
# 3.5亿条Hot Topic顾客个人和支付数据, 600万客户隐私信息, 2400万用户的数据 (after the count, or after the company)
# (供应商普华永道使用的MOVEit软件…导致银行82217名储户的个人信息被泄露: the vendor and the product are not the
# holder; see FactFinder._breach_subject)
_PRODUCT_AFTER = re.compile(r"\s?(?:的)?\s?(?:软件|系统|平台|产品|工具|漏洞|服务|程序)")
_PEOPLE_DATA = re.compile(r"\s?(?:的)?\s?(?:用户|客户|顾客|会员|员工|患者|乘客|旅客|学生|消费者|个人|储户|居民|市民|公民|儿童|"
                          r"业主|住户|考生|学员|选民)(?:的)?"
                          r"[^，。；、\n]{0,8}?(?:数据|信息|记录|资料|档案)")
# 影响540万人, 影响了约 541 万人, 波及2000万用户 (the count's unit a person), 30万人受影响, 约28万名加拿大用户受到影响
_AFFECTED_BEFORE = re.compile(r"(?:影响|波及|涉及)了?\s*(?:约|超过|超|近|逾|大约|将近|多达|高达)?\s*$")
# 约600万客户信息或泄露, 2400万用户的数据: the count's unit is the people, the data follows it
_PEOPLE_UNIT_END = re.compile(r"(?:用户|客户|人|名)$")
_DATA_AFTER = re.compile(r"(?:的)?[^，。；、\n\d]{0,6}?(?:数据|信息|记录|资料|档案)")
_PEOPLE_UNIT = re.compile(r"人(?!次)|名|位|用户|客户|户|个人")  # (540 万个人: the count's unit read as 个)
_AFFECTED_AFTER = re.compile(r"[^，。；\d]{0,8}?(?:用户|客户|人|员工|患者)?(?:受到?|遭)影响")
_PERIOD = re.compile(r"((?:\d{4}年|今年|去年)?\d{1,2}月(?:\d{1,2}日)?\s*(?:至|到|-|—|~)\s*(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?)")
_SHARED_WITH = re.compile(r"(?:与|和|同|向)\s*(?:其)?(?:母公司|子公司|关联公司)?\s*$")
_DENIED = re.compile(r"(?:否认|未发现|没有发现|并未|未曾|不存在)[^，。；]{0,12}$")
# 可能引发数据泄露风险, 担心…, 如果…被泄露, 以免泄露: a risk, a supposition or a precaution (not a breach
# report's own hedge, 客户资料可能外洩: most breaches are told so before they are confirmed)
_HEDGE = re.compile(r"防止|避免|以免|谨防")
_HEDGE_SENTENCE = re.compile(r"担心|担忧|如果|若是|一旦|假如")  # (the whole sentence is a supposition)
_HEDGE_ANY = re.compile(_HEDGE.pattern + "|" + _HEDGE_SENTENCE.pattern)
_RISK_AFTER = re.compile(r"(?:的)?(?:风险|隐患|可能)")
_NEGATED = re.compile(r"不存在|未曾|并未|没有|否认|不会|无证据|无迹象|未发现")
# 人脸识别系统, 人脸识别技术: the technology, not the data it reads
# (a camera or system with the feature still reads the data: 使用…具有人脸识别功能的摄像头)
_TECH_AFTER = re.compile(r"\s*(?:识别)?\s*(?:技术|产品|算法|模型|解决方案|服务)")
# ownership written out: X旗下(的)(即时通讯应用) Y, X 的(照片分享应用) Y, X的(主要)运营主体为 A、B、C
_PRODUCT_WORD = r"(?:应用程序|应用|软件|App|APP|app|平台|品牌|产品|网站|子公司)"


def _after_its(text: str, pos: int) -> bool:
    """针对其Snowflake部署: the company at ``pos`` is another's (its vendor, its product), not a subject."""
    return text.endswith("其", 0, pos) or text.endswith("其 ", 0, pos)


# 该公司员工再通过微信上传至总公司: an app the party used as a channel is not what 该公司 stands for
_CHANNEL_USED = re.compile(r"(?:通过|利用|借助|使用|经由|经)\s*$")
# 华夏银行丽水分行, 中国人民银行福建省分行, 工行东营分行: the place a branch is of, written before its word
_BRANCH_SUFFIX = re.compile(rf"(?:{_BRANCH_END.pattern})$")
_PERCENT_AFTER = re.compile(r"\s*(?:的)?\s*[\d.]+\s*[%％]")
_TURNOVER_BEFORE = re.compile(r"(?:销售额|营业额|营收|营业收入|收入|年收入|年度营业额)\s*(?:为|达|约|共)?\s*$")
_SOURCE_OF = re.compile(r"(?:据|根据|援引|引述)[^，。；]{0,10}$")
_NATIONAL_ENTITY = re.compile(r" (?:Ireland|UK|United Kingdom|Germany|Deutschland|France|Europe|EMEA|Japan|Korea|"
                              r"China|Hong Kong|Australia|India|Canada|Italia|Italy|Spain|España|Netherlands|"
                              r"Nederland|Singapore|Asia|Pacific|Brazil|Brasil)\b.* (?:Limited|Ltd|GmbH|AG|SAS|S\.A|"
                              r"B\.V|N\.V|LLC|Pty Ltd|S\.p\.A|K\.K)\.?$")
_TO_BEFORE = re.compile(r"(向)[^，。；、]{0,6}$")
_TICKET_AFTER = re.compile(r"\s*(?:开出|开具)")
_OWNER_AFTER = re.compile(r"\s*(?:的)?\s*(?:母公司|控股公司|运营商|运营方)\s*")
_OWNED_BY_QIXIA = re.compile(rf"\s*旗下(?:的)?\s*(?:[^，。；、\s]{{0,10}}?{_PRODUCT_WORD}\s*)?")
_OWNED_BY_DE = re.compile(rf"\s*的\s*(?:(?:(?!竞争|对手|合作|伙伴|客户|供应商|对标)[^，。；的]){{0,12}}?{_PRODUCT_WORD}\s*)?")
_OPERATED_BY = re.compile(r"\s*的?\s*(?:主要|实际)?(?:运营主体|运营方|运营公司|运营者|经营主体|开发者|开发商|运营商)"
                          r"\s*(?:为|是|系|包括)\s*[：:]?\s*")
_ACCOUNT_AFTER = re.compile(r"\s?(?:账户|账号|帐户|帐号|电邮|邮箱|主页)")
# ZARA所属Inditex集团, X隶属于Y: the company named first belongs to the second
_BELONGS_TO = re.compile(r"\s*(?:公司|品牌)?\s*(?:所属的?|隶属于|归属于)\s*")
# PowerSchool在2024年被贝恩资本以56亿美元收购 (a takeover done; not 拟/计划收购, which the gap does not allow)
_ACQUIRED_BY = re.compile(r"\s*(?:(?:在|于|已于)?\s*\d{4}\s*年(?:\d{1,2}月)?|已|已经|早已)?\s*被\s*")
_ACQUIRED_AFTER = re.compile(r"\s*(?:以[^，。；]{0,16}?)?(?:全资)?(?:收购|并购)")
# Fortinet 收购 Lacework 和 NextDLP: the owner, the verb, then what it bought
_ACQUIRES = re.compile(r"\s*(?:已|已经|此前|先后|完成了?|宣布)?\s*(?:全资)?(?:收购|并购)了?\s*")
_RUN_GAP = re.compile(r"\s*[）)]?\s*(?:[、和及与]|以及)\s*")
_OWNER_GAP = re.compile(r"\s*旗下(?:的)?\s*")
_PARENT_OF_PREV = re.compile(r"\s*(?:及|和|与|以及)?\s*其\s*母公司\s*")
_IS_PART = re.compile(r"\s*(?:是|为|均为|同为|都是|均是|系)\s*")
_UNDER = re.compile(r"\s*(?:[（(][^（()）]{1,30}[）)])?\s*(?:公司|集团)?\s*旗下")  # (Veraset 是 SafeGraph 公司旗下的…)
_OPEN_PAREN = re.compile(r"\s*[（(]\s*")
_CLOSE_PAREN = re.compile(r"\s*[）)]")
_CLAUSE_END = re.compile(r"[，。；]")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_ALSO_OWNED = re.compile(rf"\s*(?:和|及|与|以及|、)\s*(?:[^，。；、的\s]{{0,8}}?{_PRODUCT_WORD}\s*)?")

# -- ownership: words only find_structure's helpers read ---------------------------------------------
# UnitedHealth 子公司 Change Healthcare, LendingTree的子公司QuoteWizard (the parent first)
_SUBSIDIARY_NAMED = re.compile(r"\s*(?:的|旗下的?)?\s*(?:全资|控股)?子公司\s*")
# Diligent发言人表示，…源自2022年其子公司Steele Compliance Solutions (其: the sentence's first company)
_ITS_SUBSIDIARY = re.compile(r"^[^。；]{0,40}?其(?:全资|控股)?子公司\s*$")
# Change Healthcare 的母公司 UnitedHealth (the child first)
_PARENT_NAMED = re.compile(r"\s*的\s*母公司\s*")
# Blue Yonder（此前名为 JDA Software）是索尼的子公司, Free是法国第二大电信公司，也是…Iliad Group 的子公司
_IS_SUBSIDIARY_BEFORE = re.compile(r"\s*(?:[（(][^（）()]{0,30}[）)])?\s*(?:也|则|均|同样)?(?:是|为|系)[^。；]{0,24}?")
_IS_SUBSIDIARY_AFTER = re.compile(r"\s*(?:[（(][^（）()]{0,20}[）)])?\s*的\s*(?:全资|控股)?子公司")

# -- data collected: words only find_collected and its helpers read ---------------------------
# 攻击者无法访问用户密码, 未涉及登录凭证, 该公司未存储银行卡信息, 尚未确认个人信息外泄, 不得共享用户数据: the
# clause denies the taking or forbids the use (未 alone is no denial: 未经同意收集 is a collection)
_COLLECT_NEGATED = re.compile(_NEGATED.pattern + r"|无法|不能|不得|不一定|尚未|"
                              r"未(?:涉及|包含|包括|存储|保存|储存|收集|采集|泄露|泄漏|外泄|获取|访问)")
# 个人信息收集使用规则, 剪贴板访问提示, 提供删除或更正个人信息功能, 违反信用信息采集提供查询及相关管理规定: the verb
# tells what a rule, a prompt or a feature is about, not a collection done (使用了具有人脸识别功能的摄像头: the
# feature qualifies a device, which is used)
_RULE_AFTER = re.compile(r"[^，。；、：:\s违未不并]{0,10}?(?:规则|规定|提示|功能|政策|机制|制度|流程)(?!的)")
# 对手机号进行了虚拟号处理 (protected, not collected), 对Atoz作出警告处理 (a sanction): 处理 that is no data processing
_NOT_DATA_PROCESSING = re.compile(r"(?:虚拟号|加密|脱敏|匿名化|去标识化|打码|警告|罚款|处罚|依法|严肃|从严|从重|从轻)"
                                  r"\s*(?:进行|作出|做出)?\s*$")
# 被告人吴某非法获取的公民个人信息: a person did it (not the company named earlier)
_PERSON_ACTOR = re.compile(r"被告人|犯罪嫌疑人|嫌疑人|男子|女子")
# 前情回顾·电信业网络安全态势 followed by other stories' headlines (安全内参 puts them above the article)
_EARLIER_STORIES = re.compile(r"\s*\**\s*前情回顾")


def _group_count(ref: str) -> int | None:
    """16 of 以下16款应用, 5 of 5家应用商店; None when the group is not counted."""
    m = re.search(r"(\d+|[一二两三四五六七八九十百]+)\s*(?:款|家|个|批)", ref)
    if not m:
        return None
    n = to_number(m.group(1))
    return int(n) if n else None


def _same_penalty(p: PenaltyFact, q: PenaltyFact) -> bool:
    """One decision read twice: same party, kind, authority and yuan figure, unless each states
    its own foreign sum (5.3亿欧元 now, 3.45亿欧元 in 2023); a foreign fine told again without
    its yuan figure (除了3.1亿欧元的罚款外) is the same one."""
    if (p.target, p.kind) != (q.target, q.kind):
        return False
    if q.currency not in (None, "CNY") and (p.currency, p.amount) == (q.currency, q.amount):
        return True
    if (p.authority, p.amount_cny) != (q.authority, q.amount_cny):
        return False
    return p.amount is None or q.amount is None or (p.currency, p.amount) == (q.currency, q.amount)


def _same_sanction(p: PenaltyFact, q: PenaltyFact) -> bool:
    """The same kind and the same sum (in yuan and as stated), whoever it was told of."""
    return (p.kind, p.amount_cny, p.currency, p.amount) == (q.kind, q.amount_cny, q.currency, q.amount)


def _brand_of(brand: str, legal: str) -> bool:
    """小鹏汽车 / 上海小鹏汽车销售服务有限公司: the brand's name (without 集团/公司) is inside the legal name."""
    core = re.sub(r"(?:集团|公司|有限公司)$", "", brand)
    return len(core) >= 2 and core != legal and core in legal


def _in(span: Span, m: Mention) -> bool:
    return span.start <= m.start and m.end <= span.end


def _key(m: Mention) -> Key:
    return (m.label, m.name)


class FactFinder:
    def __init__(self, article: Article, mentions: list[Mention], gaz: Gazetteer):
        self.a = article
        self.gaz = gaz
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
        self._sentence_starts = [s.start for s in article.sentences]
        self._para_starts = [p.start for p in article.paragraphs]
        self.added: list[Mention] = []  # list items named only as a notice's parties
        self.penalties: list[PenaltyFact] = []
        self.facts: list[Fact] = []
        self.ranges: list[tuple[Key, str, Span]] = []
        self._company_ends: tuple[list[int], list[Mention]] | None = None
        self._items: list[int] | None = None  # starts of a digest's items
        self._inferred: set[int] = set()
        self._archive: int | None = None  # where the list of the account's other stories starts (see _archive_title)
        self._unspecified: set[int] = set()  # sentences whose 其他 is an untold 行政处罚 (see _kinds)
        self._decided: tuple[Span, Mention, Mention | None] | None = None  # the last decision read: sentence, party, authority
        self._breached: tuple[Mention, ...] | None = None  # see _breached_company  # penalties whose authority was taken from an earlier sentence

    # -- salience ------------------------------------------------------------------
    def _recent(self, label: str, pos: int, *, within: int = 2000, skip: re.Pattern | None = None) -> Mention | None:
        """The last mention with ``label`` before ``pos`` (not one that ``skip`` matches right after)."""
        best = None
        for m in self.mentions:
            if m.label == label and m.end <= pos and pos - m.end <= within and not m.weak and \
                    not (skip and skip.match(self.text, m.end)):
                best = m
        return best

    def _recent_party(self, pos: int, within: int) -> Mention | None:
        """The company a pronoun (对其, 该公司) stands for: the last one named before ``pos``, passing
        over a possessor of users (以Meta强迫 WhatsApp 用户…，对其…: Meta) and a company's own vendor
        (A披露，…针对其Snowflake部署的攻击。该公司表示: A)."""
        best = None
        for m in self.mentions:
            if m.label == "Company" and m.end <= pos and pos - m.end <= within and not m.weak and \
                    not (best is not None and (_USERS_AFTER.match(self.text, m.end) or
                                               _OPERATED_BEFORE.search(self.text, max(0, m.start - 6), m.start) or
                                               _after_its(self.text, m.start))) and \
                    not ("App" in m.extra_labels and _CHANNEL_USED.search(self.text, max(0, m.start - 4), m.start)):
                best = m
        if best is None:
            # 市区某房地产营销公司… (a page of the inspection later) …该公司被责令改正: a report about one
            # anonymised party refers back to it from further away than to a named company
            anon = [m for m in self.mentions if m.label == "Company" and m.attrs.get("anonymised") and
                    not m.weak and m.end <= pos and pos - m.end <= 3000]
            if len({m.name for m in anon}) == 1:
                best = anon[-1]
        return best

    # -- penalties -----------------------------------------------------------------------
    def _sentences_naming(self, label: str) -> list[int]:
        """Indexes (in order) of the sentences that may hold a mention with ``label``; the caller
        still checks the sentence's own mentions. Most sentences name no company and no data."""
        starts = self._sentence_starts
        found = {bisect_right(starts, m.start) - 1 for m in (*self.mentions, *self.added)
                 if m.label == label and m.start >= 0}
        return sorted(i for i in found if i >= 0)

    def _sentences_with(self, word: AhoCorasick) -> list[int]:
        """Indexes of the sentences in which one of ``word``'s words (two characters each) occurs:
        one scan of the text instead of one search per sentence (an automaton: a regex of the
        alternatives cost twice as much)."""
        starts = self._sentence_starts
        out: list[int] = []
        lo, hi = 0, -1  # the span of positions that fall in the sentence found last
        n = len(starts)
        for _, a, b in word.find_matches_as_indexes(self.text):
            if lo <= a and b - 1 < hi:
                continue  # (another word of the sentence just found: no search)
            for pos in (a, b - 1):
                i = bisect_right(starts, pos) - 1
                if i >= 0 and (not out or out[-1] < i):
                    out.append(i)
                    lo, hi = starts[i], starts[i + 1] if i + 1 < n else len(self.text) + 1
        return out

    def find_penalties(self) -> None:
        links = "](http" in self.text
        for idx in self._sentences_with(_PENALTY_WORDS):
            s, ms = self.by_sentence[idx]
            if not _PENALTY_WORD.search(self.text, s.start, s.end):
                continue
            sent = s.of(self.text)
            if links and _LINK_BULLET.match(self.text, self._paragraph_start(s.start)):
                continue  # * [另一起案件的标题](https://…): a link to another story, not this one's report
            if self._source_title(s.start):
                continue
            if self._archive_title(s):
                continue
            ranged = False
            for r in _RANGE.finditer(sent) if "以下" in sent else ():  # (a range needs both ends: 以上…以下)
                ranged = True
                reg = self._regulation_near(idx, any_verb=True)
                if reg:
                    self.ranges.append((reg, r.group(0), s))
            if ranged:
                continue
            kinds = self._kinds(s, sent, ms)
            if not kinds:
                continue
            triggered, targets = self._targets(s, sent, ms)
            group = None
            if not targets and set(kinds) <= _ORDER_KINDS | {"警告"}:
                # 要求上述App运营者于15个工作日内完成整改: every party the notice lists
                group = self._group_ref(sent)
                if group:
                    targets = self._listed_parties(idx, s.start + group.start(), group.group("dir"),
                                                   count=_group_count(group.group(0))) or \
                        self._title_parties(_group_count(group.group(0)))
                    if group.group(0).endswith(("App", "APP", "app", "应用程序", "应用", "小程序")):
                        # 要求涉事APP及SDK整改: the apps; a bank or a legal entity named earlier in
                        # a digest is another item's party
                        legal = {_key(m) for m in self.mentions if m.label == "Company" and m.attrs.get("legal")}
                        targets = [t for t in targets if _key(t) not in legal]
            carried = None
            if not targets and not any(m.label == "Company" for m in ms):
                carried = self._carried_penalty(idx, sent) or self._form_penalty(s) or \
                    self._subjectless_passive(s, sent)
                targets = [carried[0]] if carried else []
            if not targets:
                continue
            authority = self._authority(s, sent, ms, targets[0]) if carried is None else carried[1]
            delegated = authority is not None and any(a is authority for a in ms) and \
                _GUIDES.match(self.text, authority.end, s.end) is not None
            if delegated:
                # 国家网信办指导属地网信办，依法对上述网站平台采取…警告: the guided (local) office decides,
                # and the text does not name it
                authority = None
            if set(kinds) == {"其他"} and _PASSIVE_REMOVAL.search(sent) and \
                    not any(m.label == "Authority" for m in ms):
                authority = None  # removed from the stores, by an authority the sentence does not name
            if group is not None and authority is None and not delegated:
                continue  # a rectification "order" nobody issued is a report of the company's own steps
            if authority is not None and not any(a is authority for a in ms) and \
                    self._other_province(targets[0], authority):
                # 更早前，华夏银行丽水分行…被警告 after a report on 中国人民银行福建省分行's fine: an office of
                # one province does not decide on a party of another (the text does not say who did)
                authority = None
            self._decided = (s, targets[0], authority)
            reg = self._regulation_near(idx)
            # another party's clause ends this one's (…罚款，对其董事长…各处100万元罚款)
            bounds = sorted({m.start for m in ms if m.label == "Company" and m not in targets and
                             (_PERSON_AFTER.match(self.text, m.end) or
                              self.text[max(s.start, m.start - 2):m.start].endswith("对"))} | {s.end})
            # 下架“X”App，要求Y公司…整改: each party gets the sanctions of its own clause
            clause_kinds = self._clause_kinds(s, triggered, kinds) if len(triggered) > 1 else {}
            # Free Mobile 被罚 2700 万欧元，母公司 Free 被罚 1500 万欧元: each party's own clause
            direct = [t.start for t in targets if _PASSIVE_FINED.match(self.text, t.end)] or \
                [t.start for t, pos in triggered if pos == t.start]
            if len(direct) > 1:
                bounds = sorted(set(bounds) | set(direct))
            respectively = len(targets) > 1 and re.search(r"分别|各", sent)
            # A和B分别被处以2700万欧元和1500万欧元的罚款: the n-th amount is the n-th party's
            paired: list[Amount] = []
            if respectively and group is None:
                fines = [a for a in find_money(self.text, max(s.start, *(t.end for t in targets)), s.end)
                         if self._amount([a], "罚款")[2] is not None or
                         _FINE_LIST_AFTER.match(self.text, a.end)]
                if fines and len(fines) < len(targets):
                    # 罚款金额分别为225.34万元、190.37万元、30.88万元: the sums listed right after the
                    # first fine are fines too (only the first has the word near it)
                    every = find_money(self.text, fines[0].start, s.end)
                    chain = [every[0]]
                    for a in every[1:]:
                        if not _SUM_LIST_GAP.fullmatch(self.text, chain[-1].end, a.start):
                            break
                        chain.append(a)
                    if len(chain) == len(targets):
                        fines = chain
                if len(fines) == len(targets):
                    paired = fines
            for i, target in enumerate(targets):
                stop = next((b for b in bounds if b > target.end), s.end)
                if respectively:
                    stop = s.end
                money = find_money(self.text, max(s.start, target.end), stop) if group is None else []
                money = [a for a in money if not self._total_of_more(s, target, a)]
                if len(money) > 1:
                    # 处以其2020年中国境内销售额1147.48亿元3%的罚款，计34.42亿元: the turnover is the base
                    money = [a for a in money if not (_PERCENT_AFTER.match(self.text, a.end) or
                                                      _TURNOVER_BEFORE.search(self.text, max(0, a.start - 8), a.start))] \
                        or money
                if not money and group is None:
                    money = find_bare_fines(self.text, max(s.start, target.end), stop)
                if paired:
                    money = [paired[i]]
                for kind in clause_kinds.get(_key(target), kinds):
                    amount_cny, currency, amount = self._amount(money, kind)
                    if paired and kind == "罚款" and amount is None:
                        # (the n-th sum of a list after 罚款金额分别为: paired above, far from the word)
                        a = paired[i]
                        currency, amount = a.currency, as_int(a.value)
                        amount_cny = amount if a.currency == "CNY" else None
                    if kind in ("罚款", "罚金") and amount_cny is None and amount is None and \
                            not (kind == "罚款" and (_FINED_SUBJECT.match(self.text, target.end, s.end) or
                                                    self._fine_without_sum(s, target))):
                        continue  # "罚款" without an amount is a word, not a decision we can record
                    pf = PenaltyFact(_key(target), _key(authority) if authority else None, reg,
                                     amount_cny, kind, s, currency, amount, self.a.published_at)
                    if not any(_same_penalty(p, pf) for p in self.penalties):
                        self.penalties.append(pf)
                        if authority is not None and not any(a is authority for a in ms):
                            self._inferred.add(id(pf))
        self._drop_told_unspecified()
        self._merge_restated_fines()

    def _drop_told_unspecified(self) -> None:
        """处以行政处罚 (kind 其他) where another sentence tells the sanction (罚款5万元): the same decision."""
        told = {p.target for p in self.penalties if p.kind in _SPECIFIC_KINDS and
                not (p.kind == "其他" and p.sentence.start in self._unspecified)}
        self.penalties = [p for p in self.penalties if not (
            p.kind == "其他" and p.sentence.start in self._unspecified and p.target in told)]

    def _total_of_more(self, s: Span, target: Mention, a: Amount) -> bool:
        """合计罚款129.5亿韩元 after 对GS Retail及另外3家企业的处罚决定 (the total of a group of parties),
        合计罚没超760万元 after 没收违法所得并处罚款 (the fine and the confiscation added up): a sum
        that is not this party's fine."""
        start = max(s.start, target.start)
        total = _TOTAL_BEFORE.search(self.text, start, a.start)
        if total is None:
            return False
        if "罚没" in total.group(0) and "没收" in self.text[start:a.start]:
            return True
        return _MORE_PARTIES.search(self.text, start, total.start()) is not None

    def _fine_without_sum(self, s: Span, target: Mention) -> bool:
        """予以罚款处罚 in the party's own clause (the text after it, or the whole sentence when the
        party was named in an earlier one): a fine decided whose sum the report does not give."""
        start = target.end if s.start <= target.start < s.end else s.start
        m = _FINE_DECIDED.search(self.text, start, s.end)
        return m is not None and not _PERSONS_OBJECT.search(self.text, start, m.start())

    def _archive_title(self, s: Span) -> bool:
        """往期回顾 (a short heading) followed by title lines (江苏灌南农商行因违反数据安全管理规定等被罚97.5万):
        the account's list of its other stories, not this one's report; a title is a short paragraph
        without a full stop."""
        if self._archive is None:
            m = _ARCHIVE_HEADING.search(self.text)
            while m and self._paragraph_length(m.start()) > 40:
                m = _ARCHIVE_HEADING.search(self.text, m.end())
            self._archive = m.start() if m else len(self.text)
        if s.start < self._archive:
            return False
        para = self._paragraph_at(s.start)
        return para is not None and para.end - para.start <= 80 and \
            not _FULL_STOP.search(self.text, para.start, para.end)

    def _province(self, m: Mention) -> str | None:
        """The province (the first two digits of its division code) a party or an office is of, where
        its name tells it without doubt: 福建连江农商银行, 华夏银行丽水分行, 中国人民银行福建省分行."""
        locs = self.gaz.location_by_name
        place = m.attrs.get("jurisdiction") or (m.attrs.get("place") or (None,))[0]
        if place:  # 杭州市余杭区: its first division names the province
            forms = [place[:n] for n in range(min(7, len(place)), 1, -1)]
        else:
            b = _BRANCH_SUFFIX.search(m.name)
            if not b:
                return None
            end = b.start() - (m.name[b.start() - 1] in "省市")
            forms = [m.name[end - n:end] for n in (4, 3, 2) if end - n >= 0]
        for form in forms:
            codes = {loc.code[:2] for loc in locs.get(form, ())}
            if codes:
                return codes.pop() if len(codes) == 1 else None
        return None

    def _other_province(self, party: Mention, office: Mention) -> bool:
        a, b = self._province(party), self._province(office)
        return a is not None and b is not None and a != b

    def _source_title(self, pos: int) -> bool:
        """消息来源：中国新闻社 / 谷歌被欧盟开出逾4亿欧元“罚单” (a link, its title kept): the title of the
        source an item retells, on the line after the one naming it — the same story again."""
        i = bisect_right(self._para_starts, pos) - 1
        if i < 1:
            return False
        p, prev = self.a.paragraphs[i], self.a.paragraphs[i - 1]
        return p.end - p.start <= 60 and self.text.find("。", p.start, p.end) < 0 and \
            _SOURCE_LINE.fullmatch(self.text, prev.start, prev.end) is not None

    def _paragraph_length(self, pos: int) -> int:
        p = self._paragraph_at(pos)
        return p.end - p.start if p is not None else len(self.text)

    def _carried_penalty(self, idx: int, sent: str) -> tuple[Mention, Mention | None] | None:
        """同时，委员会还发布了整改命令: a sentence that adds sanctions (还, 同时, 此外) without naming the
        party adds them to the decision of the sentence before it, in the same paragraph: that
        decision's party and authority."""
        if idx == 0:
            return None
        s = self.by_sentence[idx][0]
        prev, _ = self.by_sentence[idx - 1]
        # 对当事人作出如下处罚：1.责令改正；2.罚款20000元。: the items of a decision's list
        listed = _ENUM_ITEM.match(self.text, s.start, s.end) is not None and \
            _DECISION_LIST.search(self.text, max(0, s.start - 200), s.start) is not None
        if not listed and not _ALSO.search(sent):
            return None
        bei = _PASSIVE_SANCTION.search(sent)
        if bei and _PERSON_SUBJECT.search(sent, 0, bei.start()) or _PERSONS_OBJECT.search(sent):
            return None  # 同时，该分行林某对…负有责任，被罚款1.5万元: a person's fine, not the bank's
        if listed and (not self.penalties or self.penalties[-1].sentence != prev):
            # 作出如下处罚：(a line of its own) 1.责令改正；2.罚款…: the party of the lead sentence
            for j in range(idx - 1, max(-1, idx - 4), -1):
                s2, ms2 = self.by_sentence[j]
                if _DECISION_LIST.search(self.text, s2.start, s2.end):
                    _, targets = self._targets(s2, s2.of(self.text), ms2)
                    if targets:
                        return targets[0], self._authority(s2, s2.of(self.text), ms2, targets[0])
                    return None
            return None
        # (the decision the sentence before told, even when it recorded nothing: 对GS Retail及另外3家企业的
        # 处罚决定，合计罚款… gives only the group's total)
        if self._decided is None:
            return None
        last, target, authority = self._decided
        if last != prev or not (listed or self._same_paragraph(s, prev)):
            return None
        return target, authority

    def _subjectless_passive(self, s: Span, sent: str) -> tuple[Mention, Mention | None] | None:
        """此前Uber的两次罚款。第一次是2018年11月因数据访问控制不力而被处以600,000欧元的罚款。: a passive
        sanction without a subject is about the company the sentence before named (not a person's:
        员工/被告人/王某 被处以…)."""
        bei = _PASSIVE_SANCTION.search(sent)
        if not bei or _PERSON_SUBJECT.search(sent, 0, bei.start()):
            return None
        m = self._recent_party(s.start, within=120)
        if m is None or m.attrs.get("anonymised") and s.start - m.end > 120:
            return None
        return m, self._authority(s, sent, [], m)

    def _form_penalty(self, s: Span) -> tuple[Mention, Mention | None] | None:
        """被处罚单位：X；…处罚内容：罚款30万元；作出处罚决定的机关：Y — a penalty told as the fields of
        an announcement form (the banking and market regulators' 行政处罚信息公示表): the party and the
        authority are the values of their own fields, within a few lines of the sanction's."""
        content = _FORM_CONTENT.search(self.text, max(0, s.start - 12), s.end)
        if not content:
            return None
        lo, hi = max(0, s.start - 400), min(len(self.text), s.end + 300)
        party = None
        for f in _FORM_PARTY.finditer(self.text, lo, s.end):
            party = next((m for m in self.mentions if m.label == "Company" and not m.weak and
                          f.end() <= m.start <= f.end() + 2), None) or party
        if party is None:
            return None
        auth = None
        for f in _FORM_AUTHORITY.finditer(self.text, lo, hi):
            auth = next((m for m in self.mentions if m.label == "Authority" and f.end() <= m.start <= f.end() + 2),
                        None) or auth
        return party, auth

    def _merge_restated_fines(self) -> None:
        """One fine told twice: without its sum (上饶银行被罚) and with it, or in yuan by a headline
        (被罚超4400万元) and in its own currency by the text (处以96.2亿韩元罚款): one penalty, with the
        authority and the currency of the one and the yuan figure of the other."""
        fines = [p for p in self.penalties if p.kind == "罚款"]
        drop: list[PenaltyFact] = []
        for p in fines:
            if p.amount_cny is None and p.amount is None and \
                    any(q is not p and q.target == p.target and (q.amount or q.amount_cny) for q in fines):
                drop.append(p)
                continue
            if p.currency != "CNY" or p.amount_cny is None:
                continue
            foreign = [q for q in fines if q.target == p.target and q.currency not in (None, "CNY") and
                       q.amount_cny is None and p.authority in (None, q.authority) and
                       yuan_plausible(p.amount_cny, q.currency, q.amount)]
            if len(foreign) == 1:
                foreign[0].amount_cny = p.amount_cny
                drop.append(p)
        # 该公司被责令改正并罚款8万元 (a heading) … 衡水市市场监督管理局…责令改正并罚款8万元: one decision,
        # told once without who decided it (or with the authority of an earlier sentence: the inspectors);
        # 小鹏汽车…被罚10万 (the brand, in a headline) … 上海小鹏汽车销售服务有限公司被…罚款10万元 (its legal
        # entity, with the authority): the same fine; a linked heading (上海携程…被罚1000万元) over the
        # report whose authority an earlier sentence names (其中上海携程商务有限公司…被处以1000万元罚款) too
        for p in self.penalties:
            if (p.authority is None or id(p) in self._inferred) and \
                    any(q is not p and q.authority is not None and
                        (id(q) not in self._inferred or p.authority is None) and
                        (q.target == p.target or (q.amount_cny is not None or q.amount is not None) and
                         _brand_of(p.target[1], q.target[1])) and
                        _same_sanction(p, q) for q in self.penalties):
                drop.append(p)
        # 上海网信办对携程罚款1000万元 … 上海携程商务有限公司…罚款1000万元; 因谷歌…，对谷歌爱尔兰公司处以…:
        # the brand's fine and its legal entity's, by the same office with the same sum, are one decision
        for p in self.penalties:
            if any(q is not p and q.authority == p.authority and _same_sanction(p, q) and
                   _brand_of(p.target[1], q.target[1]) for q in self.penalties) and \
                    "某" not in p.target[1] and not _LEGAL_SUFFIX.search(p.target[1]):
                drop.append(p)  # (北京某有限公司 and 北京某科技公司: two anonymised parties)
        if drop:
            self.penalties = [p for p in self.penalties if not any(p is d for d in drop)]

    def _kinds(self, s: Span, sent: str, ms: list[Mention]) -> list[str]:
        """The sanctions a sentence decides, in _KINDS order; [] for a hypothetical or a law's wording.

        An order (要求/命令/下令…整改, 下架, 于…前完成整改) counts only when an authority gives it:
        one named before it in the sentence, or, in a notice addressed to listed parties, the
        authority of the notice (checked by the caller)."""
        kinds = []
        last = 0  # where the last kind word found ends
        threat = "逾期" in sent or "到期" in sent or "期满" in sent
        for (word, kind), needed in zip(_KINDS, _KIND_WORDS):
            for w in needed:
                if w in sent:
                    break
            else:
                continue
            m = word.search(sent)
            if not m:
                continue
            if threat and _THREAT_BEFORE.search(sent, max(0, m.start() - 40), m.start()):
                # 责令限期1个月完成整改，逾期未完成整改的，依法依规予以下架处置: the removal is the threat
                m = word.search(sent, m.end())
                if not m or _THREAT_BEFORE.search(sent, max(0, m.start() - 40), m.start()):
                    continue
            last = max(last, m.end())
            if kind == "其他" and m.group(0).startswith("被"):
                # 被苹果下架: a company's own decision about its store, not a sanction
                if any(c.label == "Company" and s.start + m.start() < c.start < s.start + m.end() for c in ms):
                    continue
            elif kind in _ORDER_KINDS and m.group(0)[:2] not in ("责令", "勒令", "限期"):
                issuer = any(a.label == "Authority" and a.end <= s.start + m.start() for a in ms) or \
                    _ISSUER_WORD.search(sent, 0, m.start())
                if not issuer and not _GROUP_REF.search(sent):
                    continue
            elif kind == "罚金" and "罚款" not in sent and not _CRIMINAL.search(sent):
                # 系年内支付行业第二笔超大罚金: news calls an administrative fine 罚金 too; the
                # criminal fine is a court's (判处罚金, 被告单位); 罚款 and 罚金 side by side are two
                # sums (处以96.2亿韩元行政罚款，并追加480万韩元罚金)
                if "罚款" not in kinds and re.search(r"被?处罚|被罚|处以", sent):
                    kinds.append("罚款")
                continue
            elif kind == "罚金" and not _CRIMINAL.search(sent) and len(find_money(sent)) < 2:
                continue  # 最大单笔罚款…，罚金到达4.05亿欧元: one sum, called both
            elif kind == "警告" and _WARNING_ISSUED.search(sent) and not _WARNING_GIVEN.search(sent):
                # 谷歌向开发商发出了7天警告: a company's notice; CNIL多次向TikTok发出警告: cautions
                # before a decision. The sanction is given (给予/予以/处以警告)
                continue
            elif kind == "警告" and _WARNING_TO_OTHERS.search(sent):
                continue
            elif kind == "警告" and m.group(0) == "警告" and \
                    not _WARNING_BEFORE.search(sent, max(0, m.start() - 8), m.start()) and \
                    not _WARNING_AFTER.match(sent, m.end()):
                # CISA警告安全团队, 监管机构警告称: the verb, a caution to someone; the sanction is a noun
                # (给予警告, 被警告, 处警告并罚款, 警告、罚款, 警告处分)
                continue
            kinds.append(kind)
        if not _SPECIFIC_KINDS & set(kinds) and "行政处罚" in sent:
            # 对该公司…处以行政处罚，并责令其限期改正: a sanction decided, its kind not told
            if _UNSPECIFIED_SANCTION.search(sent):
                kinds.append("其他")
                self._unspecified.add(s.start)
        if not kinds:
            return []
        if set(kinds) <= _ORDER_KINDS:
            # a notice's order reads 应当/应于…前完成整改; what follows (逾期未整改的，由…依法处置)
            # is the threat, not the decision
            order = _DEADLINE.search(sent) or _KINDS_RE_ORDER.search(sent)
            end = sent.find("，", order.end()) if order else -1
            head = sent[:end if end >= 0 else len(sent)]
            bad = _HYPOTHETICAL.search(_ORDER_MODAL.sub("", head)) or _LAW_TEXT.search(head)
        else:
            # up to the end of the clause that decides: what the sentence adds after it (…的罚款，
            # 该事件引发了人们对公司如何处理用户数据的关注) does not make the decision hypothetical
            end = _CLAUSE_END.search(sent, last)
            head = sent[:end.start() if end else len(sent)]
            bad = _HYPOTHETICAL.search(head) or _LAW_TEXT.search(sent) or _SETTLED.search(head)
        return [] if bad else kinds

    def _clause_kinds(self, s: Span, triggered: list[tuple[Mention, int]], kinds: list[str]) -> dict[Key, list[str]]:
        out: dict[Key, list[str]] = {}
        starts = [pos for _, pos in triggered]
        for i, (m, _) in enumerate(triggered):
            # from the previous party to the next party's verb: 通知应用商店下架“X”App，| 要求Y…整改
            # (…，并对B作出警告处理: the sanction follows a party named after 对)
            after = i and (self.text.startswith("对", starts[i]) or starts[i] == m.start)  # (or 被-sanctioned)
            begin = starts[i] if after else triggered[i - 1][0].end if i else s.start
            end = starts[i + 1] if i + 1 < len(starts) else s.end
            clause = self.text[begin:end]
            own = [k for word, k in _KINDS if k in kinds and word.search(clause)]
            if not own and "罚款" in kinds and "罚金" not in kinds and _KINDS[0][0].search(clause):
                own = ["罚款"]  # (the administrative fine news calls 罚金: read as 罚款 in _kinds)
            if (own or after) and _key(m) not in out:
                out[_key(m)] = own  # (并对B展开调查: a clause that decides nothing gives B nothing)
        return out

    @staticmethod
    def _group_ref(sent: str) -> re.Match | None:
        """The parties an order is given to: of 通报了138款App，并督促5家应用商店整改, the group
        named last before the order's end (5家应用商店), else the first one."""
        order = _KINDS_RE_ORDER.search(sent) or _DEADLINE.search(sent)
        refs = list(_GROUP_REF.finditer(sent))
        if not refs:
            return None
        before = [g for g in refs if order and g.start() < order.end()]
        return before[-1] if before else refs[0]

    def _listed_parties(self, idx: int, ref: int, direction: str | None, far: bool = True,
                        count: int | None = None) -> list[Mention]:
        """The apps or companies a notice lists before (上述, 此, 相关) or after (以下, 下列) a sentence."""
        s, ms = self.by_sentence[idx]
        if direction not in _BACKWARD and direction not in _FORWARD:
            # 16款App, 相关运营者: the nearest list, the one before the sentence on a tie
            back = self._listed_parties(idx, ref, "上述", far=False, count=count)
            return back or self._listed_parties(idx, ref, "以下", count=count) or self._notice_list(idx)
        forward = direction in _FORWARD
        here = [m for m in self._party_mentions(s, ms, count) if (m.start > ref if forward else m.end <= ref)]
        if here:
            return here
        out: list[Mention] = []
        gap = 0
        tolerance = 3  # sentences between the order and the list
        step = 1 if forward else -1
        j = idx + step
        item = self._item_start(s.start)
        while 0 <= j < len(self.by_sentence) and abs(j - idx) <= 150:
            s2, ms2 = self.by_sentence[j]
            if self._item_start(s2.start) != item:
                break  # (a digest's next item reports another case)
            found = self._party_mentions(s2, ms2, count)
            if found:
                out = out + found if forward else found + out
                gap = 0
                # a numbered list goes on after an item's description; a run of quoted names does not
                tolerance = 6 if _ENUM_ITEM.match(self.text, s2.start, s2.end) else 0
            else:
                gap += 1
                if gap > tolerance:
                    break
            j += step
        if not out and not forward and far:
            out = self._notice_list(idx)
            if not out:
                # 上述145款App应在…前完成整改。具体来看，…App包括A、B、C等: a report that retells the
                # notice names the apps after the order
                out = self._listed_parties(idx, ref, "以下", count=count)
        seen, uniq = set(), []
        for m in out:
            if _key(m) not in seen:
                seen.add(_key(m))
                uniq.append(m)
        return uniq

    def _title_parties(self, count: int | None) -> list[Mention]:
        """抖音等 105 款 App 被通报 (the headline) over a notice whose lists are images: the apps the
        headline names are the notice's parties (when the counts agree)."""
        title = self.a.title or ""
        m = _TITLE_APPS.search(title) if "款" in title else None
        if not m or count is not None and count != int(to_number(m.group(2)) or 0):
            return []
        out = []
        for part in m.group(1).split("、"):
            cut = max((i + 1 for i, ch in enumerate(part) if ch in "对被由向据经在与和及是为将从于即其该等或了的：:，, "),
                      default=0)
            name = part[cut:].strip("“”\"")
            if 2 <= len(name) <= 12:
                mention = Mention("Company", name, -1, -1, name, ("App",), source="title")
                self.added.append(mention)
                out.append(mention)
        return out

    def _notice_list(self, idx: int) -> list[Mention]:
        """The list a notice gave before its numbered requirements (一是…二是…三是…各平台应于…前完成整改):
        the nearest earlier sentence naming three or more listed parties, when no other company is
        named between it and the order."""
        for j in range(idx - 1, max(-1, idx - 25), -1):
            s2, ms2 = self.by_sentence[j]
            found = self._party_mentions(s2, ms2)
            if len({_key(m) for m in found}) >= 3:
                return found
            if any(m.label == "Company" and not m.weak for m in ms2):
                return []
        return []

    def _party_mentions(self, s: Span, ms: list[Mention], count: int | None = None) -> list[Mention]:
        """Parties a list item names: quoted apps (“X”App), the first company of a numbered item, or,
        where the order counted them (督促5家应用商店整改), a list of exactly that many companies."""
        apps = [m for m in ms if m.label == "Company" and not m.weak and
                (m.source in ("quoted", "list") or m.attrs.get("listed_app"))]
        item = _ENUM_ITEM.match(self.text, s.start, s.end)
        if not apps and count and count >= 2:
            run = next((r for r in self._company_runs(ms) if len(r) == count), None)
            if run:
                return run
        if apps or not item:
            return apps
        comps = [m for m in ms if m.label == "Company" and not m.weak]
        if comps and comps[0].start <= item.end():
            return comps[:1]
        head = _ITEM_HEAD.match(self.text, item.end(), s.end)
        if comps and (not head or head.end(1) > comps[0].start):
            return comps[:1]
        if head and not head.group(1).endswith(_CATEGORY_END) and \
                not any(m.label == "Authority" and head.start(1) <= m.start < head.end(1) for m in ms):
            # (4、西安市网信办公布…典型案例: the office that tells the cases heads the item, no party)
            # 1 海口出行 海口某科技有限公司 …: the app the row is about (not 一、短视频类App情况, a heading
            # of the kind of apps that follow)
            name = head.group(1).strip()
            m = Mention("Company", name, head.start(1), head.start(1) + len(name), name, ("App",), source="list")
            self.added.append(m)
            ms.append(m)
            return [m]
        return []

    def _company_runs(self, ms: list[Mention]) -> list[list[Mention]]:
        """Companies written as one list (A、B、C和D): runs of distinct names joined by list separators."""
        runs: list[list[Mention]] = []
        for m in ms:
            if m.label != "Company" or m.weak:
                continue
            last = runs[-1][-1] if runs else None
            if last is not None and m.start >= last.end and _LIST_SEP.fullmatch(self.text, last.end, m.start) \
                    and _key(m) not in {_key(x) for x in runs[-1]}:
                runs[-1].append(m)
            else:
                runs.append([m])
        return runs

    def _amount(self, money: list[Amount], kind: str) -> tuple[int | None, str | None, int | None]:
        if kind in ("警告", "责令改正", "其他") or not money:
            return None, None, None
        if kind == "没收":
            near = [a for a in money if "没收" in self.text[max(0, a.start - 12):a.end + 8]]
            if not near:
                return None, None, None
            money = near
        else:
            # 处以…罚款, 被罚 2700 万欧元, 开出…罚单
            near = [a for a in money if (re.search(r"罚款|罚金|罚单", self.text[max(0, a.start - 10):a.end + 24])
                                         or _FINED_BEFORE.search(self.text, max(0, a.start - 6), a.start)
                                         or _FINE_IMPOSED_BEFORE.search(self.text, max(0, a.start - 8), a.start))
                    and "没收" not in self.text[a.end:a.end + 6]
                    # 没收违法所得5000元，并处罚款10万元: the sum confiscated is not the fine
                    and not _CONFISCATED_BEFORE.search(self.text, max(0, a.start - 10), a.start)]
            money = near or []
            if not money:
                return None, None, None
            # 处以96.2亿韩元行政罚款，并追加480万韩元罚金: each kind its own sum
            words = [(a, w.group(1) if w else None) for a in money
                     for w in (_FINE_WORD_AFTER.match(self.text, a.end),)]
            if len({w for _, w in words if w}) > 1:  # (only where both words follow a sum)
                money = [a for a, w in words if w == kind] or money
        first = money[0]
        if first.currency == "CNY":
            return as_int(first.value), "CNY", as_int(first.value)
        # 750 万英镑（约 6277.5 万元人民币）: the yuan figure the article gives
        for other in money[1:]:
            gap = self.text[first.end:other.start]
            if other.currency == "CNY" and len(gap) <= 8 and _EQUIV.search(gap):
                return as_int(other.value), first.currency, as_int(first.value)
        return None, first.currency, as_int(first.value)

    def _targets(self, s: Span, sent: str, ms: list[Mention]) -> tuple[list[tuple[Mention, int]], list[Mention]]:
        """(parties named right after their own sanction verb, all targets of the sentence)."""
        comps = [m for m in ms if m.label == "Company" and (not m.weak or m.attrs.get("definite")) and
                 not _PERSON_AFTER.match(self.text, m.end)]
        found: list[Mention] = []
        triggered: list[tuple[Mention, int]] = []  # (party, where its own verb starts)
        orders = False  # the first party's verb is an order (下架, 要求…): more ordered parties may follow
        for m in comps:
            lo = max(s.start, m.start - 8)
            t = _TRIGGER_BEFORE.search(self.text, lo, m.start)
            if not t and _TICKET_AFTER.match(self.text, m.end):
                t = _TO_BEFORE.search(self.text, lo, m.start)  # 向其母公司Meta开出…罚单
            if not t:
                continue
            owned = _OWNED_BY_QIXIA.match(self.text, m.end) or _OWNER_AFTER.match(self.text, m.end)
            # (a weak name too: the apposition says it is the company)
            brand = owned and next((c for c in ms if c.label == "Company" and c.start == owned.end()), None)
            if brand is not None:
                # 对字节跳动旗下的TikTok处以罚款: the brand named after its owner; 对Facebook母公司Meta:
                # the owner named after its brand
                m = brand
            if not found:
                found.append(m)
                triggered.append((m, t.start()))
                orders = t.group(1) in _ORDER_VERBS
            elif (orders and t.group(1) in _ORDER_VERBS or _AND_TO.search(self.text, lo, m.start)) and \
                    t.start() >= found[-1].end and _key(m) not in {_key(x) for x in found}:
                found.append(m)
                triggered.append((m, t.start()))
        # Free Mobile 被罚…，母公司 Free 被罚…: every party directly before its own 被罚 (a 合计 clause
        # before them gives only the total)
        direct = [m for m in comps if _PASSIVE_FINED.match(self.text, m.end)]
        if len({_key(m) for m in direct}) > 1:
            found, triggered = direct, []
        g = _GROUP_PARTIES.search(sent) if not found else None
        if g and not any(0 <= s.start + g.start() - m.end <= 1 for m in comps):
            # 两家公司分别被处以… after a clause naming someone else: the parties named before
            found = self._group_parties(s, g)
            if not found:
                return [], []
        if not found:
            # 美团此前曾因…被罚款，此次饿了么也被…处以50万元罚款: each passive sanction's own subject,
            # named after the one before (each party then gets its own clause: see _clause_kinds)
            after = s.start
            for bei in re.finditer(r"被[^，。；]{0,30}?(?:罚|处|警告|没收|责令|下架)", sent):
                pos = s.start + bei.start()
                # the subject, not the object of 使用/采购 (…因使用X提供的摄像头，被…罚款)
                before = [m for m in comps if after <= m.start and m.end <= pos and
                          not _SUPPLY_VERB.search(self.text[max(s.start, m.start - 4):m.start])]
                if before and _key(before[-1]) not in {_key(x) for x in found}:
                    found.append(before[-1])
                    triggered.append((before[-1], before[-1].start))
                after = s.start + bei.end()
            if len(found) < 2:
                triggered = []
        if not found and _GROUP_REF.search(sent) and _ORDER_ONLY.search(sent) and \
                not _SANCTION_WORD.search(sent):
            return [], []  # 要求上述App运营者…整改: the notice's list, not the last company named
        pron = _TARGET_PRONOUN.search(sent) if not found else None
        if pron and not _PERSON_AFTER.match(sent, pron.end()):  # 该公司董事长…各被处以: persons
            m = self._recent_party(s.start + pron.start(), within=400)
            if m and not _PERSON_AFTER.match(self.text, m.end):
                found.append(m)
        if not found and len({_key(m) for m in comps}) == 1 and re.search(r"处以|处罚|罚款|罚金|警告|罚单", sent):
            # 四家公司因使用Google Analytics…被罚款: a product used is not the party fined
            # 据律师事务所DLA Piper分析，罚款金额达到…: the source of a figure is not the party fined
            if not _SUPPLY_VERB.search(self.text, max(s.start, comps[0].start - 4), comps[0].start) and \
                    not _SOURCE_OF.search(self.text, max(s.start, comps[0].start - 12), comps[0].start):
                found.append(comps[0])
        if not found:
            return [], []
        # a list of parties: A、B、C三家企业，分别被处以…
        out = []
        for head in found:
            group = [head]
            for m in comps:
                last = group[-1]
                if m.start >= last.end and _LIST_SEP.fullmatch(self.text[last.end:m.start]):
                    group.append(m)
            if head is found[0]:
                for m in reversed([c for c in comps if c.end <= head.start]):
                    if _LIST_SEP.fullmatch(self.text[m.end:group[0].start]):
                        group.insert(0, m)
            out += group
        seen, uniq = set(), []
        for m in out:
            if _key(m) not in seen:
                seen.add(_key(m))
                uniq.append(m)
        return triggered, uniq

    def _group_parties(self, s: Span, g: re.Match) -> list[Mention]:
        """两家公司分别被处以…: the last that many companies named before the sentence (in the
        previous 300 characters), in the order the text names them."""
        n = int(to_number(g.group(1)) or 0)
        if n < 2:
            return []
        picked: dict[Key, Mention] = {}
        for m in reversed(self.mentions):
            if m.label != "Company" or m.weak or m.start < 0 or m.end > s.start:
                continue
            if s.start - m.end > 300 or len(picked) == n:
                break
            if _key(m) not in picked and not _PERSON_AFTER.match(self.text, m.end):
                picked[_key(m)] = m
        if len(picked) != n:
            return []
        return sorted(picked.values(), key=lambda m: m.start)

    def _authority(self, s: Span, sent: str, ms: list[Mention], target: Mention) -> Mention | None:
        # (上海市网信办在国家网信办指导下…: the one guided decides)
        auths = [m for m in ms if m.label == "Authority" and not _GUIDING.match(self.text, m.end)]
        if _SENTENCED.search(sent):
            # 经闵行区检察院提起公诉，…被法院判处罚金20万元: a court sentences; the prosecutor does not
            auths = [m for m in auths if m.attrs.get("kind") != "procuratorate" and "检察" not in m.name]
        for m in auths:  # 被<authority>罚款
            if self.text[max(s.start, m.start - 2):m.start].endswith("被"):
                return m
        before = [m for m in auths if m.end <= target.start]
        if before:
            return before[-1]
        if auths:
            return auths[0]
        if _COUNTRY_SUBJECT.search(self.text, max(s.start, target.start - 12), max(s.start, target.start)):
            return None
        courts = [m for m in self.mentions if m.label == "Authority" and "法院" in m.name]
        if re.search(r"判处|判决|本院", sent) and courts:
            return courts[0]
        if _LOCAL_ISSUER.search(sent):
            return None  # 属地网信办已依法责令其改正: an office the text does not name (not the one that publishes the case)
        m = self._recent("Authority", s.start, skip=_GUIDING)
        if m is not None and m.attrs.get("level") == "national" and _PUBLISHES_CASES.match(self.text, m.end):
            return None
        return m if m is None or m.start >= self._item_start(s.start) else None

    def _item_subject(self, s: Span) -> Mention | None:
        """In a digest, the company the heading of the item holding ``s`` names first (6、立讯精密遇勒索攻击,
        多家科技巨头…: 立讯精密), when ``s`` is in that item's report: the report's later sentences are
        about it, not about the companies its first sentence names in passing (苹果、英伟达等巨头)."""
        items = self._digest_items()
        start = self._item_start(s.start)
        if not items or start > s.start or start not in items:
            return None
        heading = self._paragraph_at(start)
        if heading is None or heading.end > s.start:
            return None
        comps = [m for m in self.mentions if m.label == "Company" and not m.weak and heading.start <= m.start < s.start]
        if not comps or comps[0].end > heading.end:
            return None
        return comps[0]

    def _paragraph_start(self, pos: int) -> int:
        p = self._paragraph_at(pos)
        return p.start if p is not None else pos

    def _is_digest(self) -> bool:
        return bool(self._digest_items())

    def _item_start(self, pos: int) -> int:
        """Where the digest item holding ``pos`` starts (0 when the article is not a digest): a weekly
        digest's items (1、…, ### 2. …) each report another case, so the authority of one item is not
        the authority of the next."""
        items = self._digest_items()
        i = bisect_right(items, pos) - 1
        return items[i] if i >= 0 else 0

    def _digest_items(self) -> list[int]:
        """Where a digest's items start (empty when the article is not a digest); found once."""
        if self._items is None:
            # a heading followed by its report (not the next item: a notice's numbered list of apps)
            paras = self.a.paragraphs
            text = self.text
            # (a heading starts with its number, a # or a *: most paragraphs are not looked at further)
            numbered = [text[p.start:p.start + 1] in _ITEM_FIRST and bool(_DIGEST_ITEM.match(text, p.start, p.end))
                        for p in paras]
            short = [n and p.end - p.start <= 120 for n, p in zip(numbered, paras)]
            heads = sum(1 for i in range(len(paras) - 1) if short[i] and not numbered[i + 1])
            self._items = [p.start for i, p in enumerate(paras) if short[i]] if heads >= 3 else []
        return self._items

    def _regulation_near(self, idx: int, any_verb: bool = False) -> Key | None:
        """The law a sentence rests on: named in it, or in the same paragraph after 违反/依据/根据."""
        s, ms = self.by_sentence[idx]
        regs = [m for m in ms if m.label == "Regulation"]
        if regs:
            return _key(regs[0])
        para = self._paragraph_at(s.start)
        if para is not None:
            # nearest sentences first (the earlier one on a tie), within the paragraph
            n = len(self.by_sentence)
            lo, hi = idx - 1, idx + 1
            while lo >= 0 or hi < n:
                for j in (lo, hi):
                    if not 0 <= j < n:
                        continue
                    s2, ms2 = self.by_sentence[j]
                    if not para.start <= s2.start < para.end:
                        # sentences are in order: this side has left the paragraph
                        if j == lo:
                            lo = -1
                        else:
                            hi = n
                        continue
                    regs = [m for m in ms2 if m.label == "Regulation"]
                    if regs and (any_verb or _LAW_VERB.search(s2.of(self.text))):
                        return _key(regs[0])
                lo = lo - 1 if lo >= 0 else -1
                hi = hi + 1 if hi < n else n
        if any_verb:
            m = self._recent("Regulation", s.start, within=600)
            return _key(m) if m else None
        return None

    def _paragraph_at(self, offset: int) -> Span | None:
        i = bisect_right(self._para_starts, offset) - 1
        if i >= 0:
            p = self.a.paragraphs[i]
            if offset < p.end:
                return p
        return None

    def _same_paragraph(self, a: Span, b: Span) -> bool:
        p = self._paragraph_at(a.start)
        return p is not None and p.start <= b.start < p.end

    # -- vendor links ------------------------------------------------------------------
    def _supplier_keys(self) -> set[Key]:
        """Companies the article calls suppliers (供应商X, 第三方分包商X) or the gazetteer knows as vendors."""
        out = set()
        for m in self.mentions:
            if m.label != "Company" or m.weak:
                continue
            if "vendor" in m.attrs.get("roles", ()) or \
                    _SUPPLIER_WORD_BEFORE.search(self.text, max(0, m.start - 6), m.start):
                out.add(_key(m))
        return out

    def _affected_clients(self, s: Span, strong: list[Mention], vendors: set[Key]) -> list[tuple[Mention, Mention]]:
        links = []
        for v in strong:
            if _key(v) not in vendors:
                continue
            hit = _BREACH_THEN_AFFECT.match(self.text, v.end, s.end)
            if not hit:
                continue
            for c in strong:
                if hit.end() <= c.start <= hit.end() + 40 and _key(c) != _key(v) and \
                        not _CLAUSE_END.search(self.text, hit.end(), c.start):
                    links.append((v, c))
        return links

    def _breached_clients(self, s: Span, strong: list[Mention]) -> list[tuple[Mention, Mention]]:
        links = []
        for v in strong:
            hit = _BREACH_THEN_CLIENTS.match(self.text, v.end, s.end)
            if not hit:
                continue
            run: list[Mention] = []
            for c in strong:
                if c.start < hit.end() or _key(c) == _key(v):
                    continue
                if not run and c.start - hit.end() > 4 or run and not _RUN_GAP.fullmatch(self.text, run[-1].end, c.start):
                    break
                run.append(c)
            links += [(v, c) for c in run]
            if run:
                break
        return links

    def find_supplied(self) -> None:
        vendor_keys = self._supplier_keys()
        for idx in self._sentences_naming("Company"):
            s, ms = self.by_sentence[idx]
            comps = [m for m in ms if m.label == "Company"]
            strong = [m for m in comps if not m.weak]
            if not strong:
                continue  # (checked first: most sentences name no company)
            sent = s.of(self.text)
            vendors_named = any("roles" in m.attrs for m in strong)
            if _NEGATED.search(sent):
                # (…而该服务没有启用多因素身份验证: a negation in another clause)
                if vendors_named:
                    self._add_supplied(self._service_links(s, strong, clause_negation=True), s, sent)
                continue
            links: list[tuple[Mention, Mention]] = []
            verb = _SUPPLY_VERB.search(self.text, s.start, s.end)
            sdk = "SDK" in sent or "sdk" in sent
            provides = "提供" in sent  # (the two shapes below are looked for only where their words are)
            uses = "使用的" in sent or "采用的" in sent or "部署的" in sent or "依赖的" in sent
            for v in strong:
                # (matched in place: no slices of the text for every company of every sentence)
                client_before = None  # (the client is then named before this position)
                verb_before = verb is not None and verb.end() <= v.start
                if (_SUPPLY_AFTER.match(self.text, v.end, s.end) or sdk and _SDK_AFTER.match(self.text, v.end, s.end)) and \
                        (verb_before or _SUPPLY_BEFORE.search(self.text, s.start, v.start)) or \
                        sdk and verb_before and _SDK_BEFORE.search(self.text, max(s.start, v.start - 8), v.start):
                    # (京东接入了第三方SDK“友盟+”: the SDK named after the word)
                    client_before = min(v.start, verb.start()) if verb else v.start
                elif verb_before and _USED_DIRECT.match(self.text, verb.end(), v.start) and \
                        _DIRECT_PRODUCT.match(self.text, v.end, s.end):
                    # Leidos使用Diligent系统来托管…: the vendor's product named without 的; the client
                    # is the company right before the verb (not a party of another clause)
                    client = next((m for m in reversed(strong) if m.end <= verb.start() and
                                   verb.start() - m.end <= 8 and _key(m) != _key(v) and
                                   not _CLAUSE_END.search(self.text, m.end, verb.start())), None)
                    if client is not None:
                        links.append((v, client))
                        continue
                elif _PROVIDES_PRONOUN.match(self.text, v.end, s.end) and \
                        (_PRODUCT.search(self.text, v.end, s.end) or _SERVICE.search(self.text, v.end, s.end)):
                    # (由阿里云为其提供云存储服务: a service is supplied as a product is)
                    client_before = v.start  # <vendor>为其供应…: the company named before it
                if client_before is not None:
                    if verb_before and (_PLANNED.search(self.text, max(s.start, verb.start() - 6), verb.start()) or
                                        _CEASED.search(self.text, max(s.start, verb.start() - 4), verb.start())):
                        continue  # 阿里巴巴计划采用腾讯云的服务: a plan, not a supply
                    clients = [m for m in strong if m.end <= client_before and _key(m) != _key(v)]
                    client = clients[-1] if clients else self._penalised(s.start)
                    if client is not None:
                        links.append((v, client))
                    continue
                # 为<client>(以及…)提供IT解决方案的<vendor>(公司): the vendor described by what it provides
                rel = _PROVIDER_REL.search(self.text, max(s.start, v.start - 40), v.start) if provides else None
                if rel:
                    wei = self.text.rfind("为", max(s.start, rel.start() - 30), rel.start())
                    # (a public body buys too: 为丹麦央行…提供…的Bankdata)
                    client = next((m for m in ms if wei >= 0 and m.start == wei + 1 and not m.weak and
                                   m.label in ("Company", "Authority") and _key(m) != _key(v)), None)
                    if client is not None:
                        links.append((v, client))
                        continue
                # <client>因所使用的<vendor>云存储配置不当: the client's instance of the vendor's service
                used = _USED_BEFORE.search(self.text, max(s.start, v.start - 12), v.start) if uses else None
                if used and _USED_SERVICE.match(self.text, v.end, s.end):
                    client = next((m for m in reversed(strong) if m.end == used.start() and
                                   _key(m) != _key(v)), None)
                    if client is None:
                        # 全球最大零工平台Fiverr因所使用的Cloudinary云存储: a Latin name no rule knew is
                        # the client of the shape
                        tail = _LATIN_TAIL.search(self.text, max(s.start, used.start() - 30), used.start())
                        if tail and tail.group(1) not in _NOT_CLIENT_LATIN:
                            client = Mention("Company", tail.group(1), tail.start(1), tail.end(1), tail.group(1))
                            self.added.append(client)
                    if client is not None:
                        links.append((v, client))
                        continue
                # <client>的供应商<vendor>, <vendor>是<client>的供应商, <client>从/向<vendor>采购
                # (<vendor>为<client>提供… is read by kg/extract/vendors.py, which checks what is provided)
                nxt = [m for m in strong if m.start > v.end and _key(m) != _key(v)]
                prev = [m for m in strong if m.end <= v.start and _key(m) != _key(v)]
                if prev and _CLIENT_OF.fullmatch(self.text, prev[-1].end, v.start):
                    # 苹果与特斯拉的核心供应商: every client of the list before 的
                    run = [prev[-1]]
                    for m in reversed(prev[:-1]):
                        if not _RUN_GAP.fullmatch(self.text, m.end, run[0].start):
                            break
                        run.insert(0, m)
                    links += [(v, c) for c in run]
                elif prev and _BOUGHT_FROM.fullmatch(self.text, prev[-1].end, v.start) and \
                        _BOUGHT_AFTER.match(self.text, v.end, s.end):
                    links.append((v, prev[-1]))
                elif nxt and _VENDOR_OF.fullmatch(self.text, v.end, nxt[0].start) and \
                        _VENDOR_WORD.match(self.text, nxt[0].end, s.end):
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
            if not links and vendors_named:
                links = self._service_links(s, strong)
            if not links and self.text.find("由", s.start, s.end) >= 0:
                # <client>(使用)的<product>由<vendor>提供: the client is the company named before the product
                for v in strong:
                    if _BY_VENDOR_BEFORE.search(self.text, max(s.start, v.start - 16), v.start) and \
                            _BY_VENDOR_AFTER.match(self.text, v.end, s.end):
                        clients = [m for m in strong if m.end <= v.start - 2 and _key(m) != _key(v)]
                        client = clients[-1] if clients else self._penalised(s.start)
                        if client is None and _THIS_PRODUCT.search(self.text, max(s.start, v.start - 30), v.start):
                            # 麦当劳AI招聘助手暴露了…。这款AI招聘助手由供应商Paradox.ai开发: "this" product is
                            # the one of the company the item or the paragraph is about
                            client = self._breach_subject(s, [], s.start)
                            client = client if client is not None and _key(client) != _key(v) else None
                        if client is not None:
                            links.append((v, client))
            if not links and "客户" in sent:
                # Shopify作为Google云的主要客户, 美国疾控中心（CDC）也是 SafeGraph 的客户之一: the
                # subject is a client of the company named before 的客户
                for v in strong:
                    if not _CLIENT_OF_VENDOR.match(self.text, v.end, s.end):
                        continue
                    cue = _AS_CLIENT.search(self.text, max(s.start, v.start - 12), v.start)
                    if cue is None:
                        continue
                    end = cue.start() - 1 if self.text[cue.start() - 1:cue.start()] in "）)" else cue.start()
                    client = next((m for m in reversed(ms) if m.label in ("Company", "Authority") and not m.weak and
                                   m.end in (end, cue.start()) and _key(m) != _key(v)), None)
                    if client is not None:
                        links.append((v, client))
            if vendor_keys and _AFFECTS.search(self.text, s.start, s.end):
                # 第三方分包商ChainIQ遭网络攻击，影响了UBS、KPMG等: a supplier's breach reaches the
                # companies it works for (the vendor is one the article calls a supplier)
                links += self._affected_clients(s, strong, vendor_keys)
            if not links and "给" in sent:
                # X…将其打包出售给美国海关和边境保护局（CBP）, X向…提供给Y: what a company sells or hands
                # over to an organisation named right after 给 (a public body too) is supplied to it
                for g in _SOLD_TO.finditer(self.text, s.start, s.end):
                    client = next((m for m in ms if m.start == g.end() and not m.weak and
                                   m.label in ("Company", "Authority")), None)
                    sellers = [m for m in strong if m.end <= g.start() and (client is None or _key(m) != _key(client))
                               and not _PERSON_AFTER.match(self.text, m.end) and not self._owner_clause(s, m)]
                    if client is not None and sellers and \
                            not _NEGATED.search(self.text, sellers[-1].end, g.start()):
                        links.append((sellers[-1], client))
            if not links and "客户" in sent and len(strong) >= 2:
                # 平台Klue遭遇网络入侵，…窃取平台内多家客户的内部数据，其中涉及A、B等9家企业: the
                # companies a breach's "clients" are said to include are the breached firm's clients
                links += self._breached_clients(s, strong)
            # <vendor>(的)客户(还)包括A、B、C等: every listed company is its client
            for v in strong:
                inc = CLIENTS_INCLUDE.match(self.text, v.end)
                named = None
                if not inc and self.text.startswith(("的", " 的"), v.end):
                    named = CLIENTS_NAMED.match(self.text, v.end)
                elif not inc and self.text.startswith(_MAIN_CLIENTS, v.end):
                    # Leidos主要客户如美国国防部、国土安全部和NASA: the clients an example names (public
                    # bodies among them) without 的
                    named = _MAIN_CLIENTS_AS.match(self.text, v.end)
                    if named:
                        comps = sorted([*comps, *(m for m in ms if m.label == "Authority" and not m.weak and
                                                  m.start >= named.end())], key=lambda m: m.start)
                if named:
                    if not any(m.start == named.end() and _key(m) != _key(v) for m in comps):
                        # Episource 的一些客户，例如 Sharp HealthCare: a Latin name given as the example
                        lat = _LATIN_HEAD.match(self.text, named.end()) if _EXAMPLE_CUE.search(named.group(0)) else None
                        if lat and lat.group(1) not in _NOT_CLIENT_LATIN:
                            extra = Mention("Company", lat.group(1), lat.start(1), lat.end(1), lat.group(1))
                            self.added.append(extra)
                            comps = sorted([*comps, extra], key=lambda m: m.start)
                        else:
                            named = None  # 京东的客户信息: its customers' data, not a client named
                    inc = named
                if not inc or _NEGATED.search(self.text, s.start, v.start):
                    continue
                run: list[Mention] = []
                last_end = -1
                for m in comps:  # a weak short name (三星) in such a list is a client too
                    if m.start < inc.end() or _key(m) == _key(v):
                        continue
                    if not run and m.start - inc.end() > 20:
                        break
                    if run and _key(m) == _key(run[-1]) and self.text[last_end:m.start].strip() in "（(":
                        last_end = m.end  # 友邦保险（AIA）: the same company in brackets
                        continue
                    if run and not (_RUN_GAP.fullmatch(self.text, last_end, m.start) or
                                    _OWNER_GAP.fullmatch(self.text, last_end, m.start)):
                        break
                    run.append(m)
                    last_end = m.end
                owned = {_key(m) for a, m in zip(run, run[1:]) if _OWNER_GAP.fullmatch(self.text, a.end, m.start)}
                owners = {_key(a) for a, m in zip(run, run[1:]) if _OWNER_GAP.fullmatch(self.text, a.end, m.start)}
                links += [(v, c) for c in run if _key(c) not in owners or _key(c) in owned]
            self._add_supplied(links, s, sent)

    def find_awards(self) -> None:
        """Procurement awards (a vendor wins a client's contract) in an article about personal data,
        like every fact: 采购人：Y … 成交供应商为：X (a result notice), 受Y委托…采购 (an agent's
        notice), X成功中标Y…项目, and Y推进…项目…该项目由X中标 / 分别由A、B、C中标 (the project's
        owner named before). Ranked bid candidates (第一中标候选人) and a given-up award (放弃) are
        not a supply."""
        text = self.text
        if "中标" not in text and "成交" not in text:
            return
        orgs = sorted((m for m in (*self.mentions, *self.added) if m.label in ("Company", "Authority") and
                       m.start >= 0 and not m.weak), key=lambda m: m.start)
        if not orgs:
            return
        starts = [m.start for m in orgs]

        def at(pos: int, limit: int = 4) -> Mention | None:  # the organisation named right at pos
            i = bisect_right(starts, pos - 1)
            return orgs[i] if i < len(orgs) and orgs[i].start <= pos + limit else None

        links: list[tuple[Mention, Mention, int]] = []
        # (a) a result notice's form: 采购人：Y; 成交供应商为：X / 中标人：X / 成交候选人名称：X
        client = None
        for m in _BUYER_FIELD.finditer(text):
            client = at(m.end())
            if client is not None:
                break
        if client is None:
            for m in _ENTRUSTED_BY.finditer(text):
                client = at(m.end())
                if client is not None:
                    break
        if client is not None:
            for m in _WINNER_FIELD.finditer(text):
                if text.endswith(_RANKED, max(0, m.start() - 3), m.start()):
                    continue  # 第一中标候选人: one of the bids ranked, not the award
                v = at(m.end())
                if v is not None and v.label == "Company" and _key(v) != _key(client):
                    links.append((v, client, m.start()))
        # (b) X(成功)中标Y…项目 / …由X中标 / 分别由A、B、C中标
        for m in _WON.finditer(text):
            idx = bisect_right(self._sentence_starts, m.start()) - 1
            if idx < 0:
                continue
            s = self.a.sentences[idx]
            if text.find("放弃", s.start, s.end) >= 0 or text.find("候选", s.start, s.end) >= 0:
                continue
            ms = [o for o in orgs if s.start <= o.start < s.end]
            before = [o for o in ms if o.end <= m.start()]
            by = text.rfind("由", s.start, m.start())
            if by >= 0 and m.start() - by <= 60:
                vendors = [o for o in before if o.start > by and o.label == "Company"]
                run = _AWARD_RUN.fullmatch(text, by + 1, m.start())
                if run and vendors:
                    # 分别由科大讯飞、交互未来、数巅科技中标: the unknown names of the list are winners too
                    pos = by + 1
                    for part in re.split(r"[、，,和及与]", run.group(1)):
                        a, pos = pos, pos + len(part) + 1
                        if 2 <= len(part) <= 12 and not any(o.start == a for o in vendors):
                            extra = Mention("Company", part, a, a + len(part), part, source="list",
                                            attrs={"list_member": True})
                            self.added.append(extra)
                            vendors.append(extra)
                if not vendors:
                    continue
                # the owner of the project: the organisation the paragraph names before the vendors
                para = self._paragraph_at(s.start)
                lo = para.start if para else s.start
                owners = [o for o in orgs if lo <= o.start < by and _key(o) not in {_key(v) for v in vendors}]
                if owners:
                    links += [(v, owners[-1], m.start()) for v in vendors]
                continue
            if not before or before[-1].end < m.start() - 6:
                # 近日，悬镜安全成功中标海通证券…项目: the winner, unknown, is the clause's subject
                head = _WINNER_HEAD.search(text, max(s.start, m.start() - 12), m.start())
                if head and head.group(1) not in _NOT_WINNER:
                    extra = Mention("Company", head.group(1), head.start(1), head.end(1), head.group(1))
                    before = [extra]
                    if _PROJECT.search(text, m.end(), min(s.end, m.end() + 60)):
                        self.added.append(extra)
            if before and _PROJECT.search(text, m.end(), min(s.end, m.end() + 60)):
                v = before[-1]
                after = [o for o in ms if o.start >= m.end() and o.start - m.end() <= 16 and _key(o) != _key(v)]
                if after and v.end >= m.start() - 6:
                    links.append((v, after[0], m.start()))
        seen = set()
        for v, c, pos in links:
            if (_key(v), _key(c)) in seen:
                continue
            seen.add((_key(v), _key(c)))
            idx = bisect_right(self._sentence_starts, pos) - 1
            s = self.a.sentences[idx] if idx >= 0 else Span(pos, pos)
            self.facts.append(Fact("SUPPLIED", _key(v), _key(c), s, {"product": None}))
            v.attrs.setdefault("roles", ["vendor"])

    def _add_supplied(self, links: list[tuple[Mention, Mention]], s: Span, sent: str) -> None:
        for v, client in links:
            if _key(client) == _key(v):
                continue
            prod = _PRODUCT.search(sent) or _PRODUCT.search(self.text, 0, s.start)
            self.facts.append(Fact("SUPPLIED", _key(v), _key(client), s,
                                   {"product": prod.group(0) if prod else None}))
            v.attrs.setdefault("roles", ["vendor"])

    def _service_links(self, s: Span, strong: list[Mention], clause_negation: bool = False) -> list[tuple[Mention, Mention]]:
        """该公司的 Citrix 远程访问服务, Ticketmaster的Snowflake账户: a known vendor's (gazetteer role vendor)
        service or account that a company runs; a breach report names the client's instance it came
        through."""
        links: list[tuple[Mention, Mention]] = []
        for v in strong:
            if "roles" not in v.attrs or "vendor" not in v.attrs["roles"] or \
                    not _CLIENT_SERVICE.match(self.text, v.end, s.end):
                continue
            de = _OF_BEFORE.search(self.text, max(s.start, v.start - 10), v.start)
            if not de:
                continue
            if clause_negation:
                lo = max([c.end() for c in _CLAUSE_MARK.finditer(self.text, s.start, v.start)], default=s.start)
                hi = _CLAUSE_MARK.search(self.text, v.end, s.end)
                if _NEGATED.search(self.text, lo, hi.start() if hi else s.end):
                    continue
            # (可口可乐欧洲太平洋合作伙伴（CCEP）的 Salesforce 数据库: the client's short name in brackets)
            end = de.start() - 1 if self.text[de.start() - 1:de.start()] in "）)" else de.start()
            client = next((m for m in reversed(strong) if m.end == end and _key(m) != _key(v)), None)
            if client is None and _PRONOUN_BEFORE.search(self.text, max(s.start, de.start() - 4), de.start()):
                client = self._recent_party(de.start(), within=1500)
            if client is not None and _key(client) != _key(v):
                links.append((v, client))
        return links

    def _penalised(self, pos: int) -> Mention | None:
        """The fined party, when a vendor's client is not named in the sentence (誤采购…悠洛客的产品).
        In a digest, only the party of the same item (郑州某公司's fine is not the client of the
        vendor of the next item's breach)."""
        if not self.penalties:
            return None
        p = self.penalties[0]
        if self._is_digest() and self._item_start(p.sentence.start) != self._item_start(pos):
            return None
        key = p.target
        return next((m for m in self.mentions if _key(m) == key), None)

    # -- data collected --------------------------------------------------------------
    def _recent_subject(self, pos: int, within: int) -> Mention | None:
        """The last company named before ``pos`` (within ``within`` characters) that can be the subject
        of a later sentence: not a weak short name, not the host of the data (阿里云服务器), not a
        company's own vendor after 其 (unless no company is named before it)."""
        if self._company_ends is None:
            comps = sorted((m for m in self.mentions if m.label == "Company" and not m.weak), key=lambda m: m.end)
            self._company_ends = ([m.end for m in comps], comps)
        ends, comps = self._company_ends
        for i in range(bisect_right(ends, pos) - 1, -1, -1):
            m = comps[i]
            if pos - m.end > within:
                return None
            if not _INFRA_AFTER.match(self.text, m.end) and not (i and _after_its(self.text, m.start)):
                return m  # (A披露，…针对其Snowflake部署的攻击。该公司表示…: A, not its vendor)
        return None

    def _collect_verb(self, s: Span) -> re.Match | None:
        """The first collection verb of the sentence whose clause is not negated: in 科勒中国共抓取人脸信息
        2202264条，整个过程中没有取得消费者的明示同意, the 没有 is about consent. A verb that only names what
        a rule or a feature is about (收集使用规则), or a 处理 that is no processing of data, is passed over."""
        pos = s.start
        while True:
            v = _COLLECT_VERB.search(self.text, pos, s.end)
            if not v:
                return None
            pos = v.end()
            if _RULE_AFTER.match(self.text, v.end(), s.end) or v.group(0) == "处理" and \
                    _NOT_DATA_PROCESSING.search(self.text, max(s.start, v.start() - 8), v.start()):
                continue
            lo = s.start
            for lo_m in _CLAUSE_MARK.finditer(self.text, s.start, v.start()):
                lo = lo_m.end()
            hi_m = _CLAUSE_MARK.search(self.text, v.end(), s.end)
            if not _COLLECT_NEGATED.search(self.text, lo, hi_m.start() if hi_m else s.end):
                return v

    def _hedged(self, s: Span, verb: re.Match) -> bool:
        """Whether the clause of ``verb`` tells a possibility or a risk rather than a fact."""
        if _RISK_AFTER.match(self.text, verb.end()):
            return True
        if not _HEDGE_ANY.search(self.text, s.start, verb.start()):
            return False  # (most sentences: no word of either kind before the verb)
        if _HEDGE_SENTENCE.search(self.text, s.start, verb.start()):
            return True
        lo = s.start
        for c in _CLAUSE_MARK.finditer(self.text, s.start, verb.start()):
            lo = c.end()
        return _HEDGE.search(self.text, lo, verb.start()) is not None

    def _negated_clause(self, s: Span, m: Mention) -> bool:
        """Whether the clause naming ``m`` denies it (…个人信息遭外泄，目前无证据显示用户金融支付信息被获取:
        the payment data was not taken)."""
        lo = s.start
        for c in _CLAUSE_MARK.finditer(self.text, s.start, m.start):
            lo = c.end()
        return bool(_COLLECT_NEGATED.search(self.text, lo, m.start))

    def _passive_agent(self, s: Span, ms: list[Mention]) -> Mention | None:
        """X in 被X(二次)使用/收集: the company a passive collection verb names as its agent."""
        for m in ms:
            if m.label == "Company" and not m.weak and self.text.endswith("被", max(s.start, m.start - 1), m.start):
                v = _COLLECT_VERB.search(self.text, m.end, min(s.end, m.end + 8))
                if v and not _CLAUSE_END.search(self.text, m.end, v.start()):
                    return m
        return None

    def _example(self, m: Mention, ms: list[Mention]) -> bool:
        """Whether ``m`` is one of a list given as examples (如淘宝、京东等)."""
        head = m
        for x in reversed([c for c in ms if c.label == "Company" and c.end <= m.start]):
            if not _LIST_SEP.fullmatch(self.text, x.end, head.start):
                break
            head = x
        return bool(_EXAMPLE_BEFORE.search(self.text, max(0, head.start - 3), head.start))

    def find_collected(self) -> None:
        last: tuple[Mention, Span] | None = None  # the subject of the previous fact
        vendors = {f.start: f.end for f in self.facts if f.type == "SUPPLIED"}
        supplied_here = {(f.sentence.start, f.start): f.end for f in self.facts if f.type == "SUPPLIED"}
        others = self._earlier_stories()
        for idx in self._sentences_naming("DataCategory"):
            s, ms = self.by_sentence[idx]
            if not any(m.label == "DataCategory" for m in ms) or not _COLLECT_VERB.search(self.text, s.start, s.end):
                continue
            if others.start <= s.start < others.end:
                continue  # another story's headline
            negation = _COLLECT_NEGATED.search(self.text, s.start, s.end) is not None
            cats = [m for m in ms if m.label == "DataCategory" and not _TECH_AFTER.match(self.text, m.end)
                    and not (negation and self._negated_clause(s, m))]
            if not cats:
                continue
            verb = self._collect_verb(s)
            if not verb or _DENIED.search(self.text, max(s.start, verb.start() - 14), verb.start()):
                continue  # 均否认泄露用户信息, 未发现用户信息泄露: a denial
            if self._hedged(s, verb):
                continue  # 担心…可能引发数据泄露风险, 客户数据可能已被泄露: a risk, not a collection reported
            comps = [m for m in ms if m.label == "Company" and (not m.weak or m.attrs.get("definite"))
                     and m.start < verb.start()
                     # (安全资讯导视 • A因勒索攻击… • 超1.84亿条账号密码泄露: another item of a list of headlines)
                     and self.text.find("•", m.end, verb.start()) < 0
                     # (由达美航空、美国航空等共同拥有的数据代理商X…收集: the owners qualify the subject)
                     and not self._owner_clause(s, m)
                     and not _PERSON_AFTER.match(self.text, m.end) and not self._example(m, ms)
                     and not _ACCOUNT_AFTER.match(self.text, m.end)  # Facebook账户: a data item
                     and not _INFRA_AFTER.match(self.text, m.end)]
            if comps and verb.group(0) in ("共享", "传输") and \
                    _SHARED_WITH.search(self.text, max(s.start, comps[-1].start - 8), comps[-1].start):
                comps = comps[:-1]  # 将与其母公司 Meta 共享用户数据: Meta receives, the subject shares
            company = comps[-1] if comps else None
            if company is not None and (s.start, _key(company)) in supplied_here:
                # 美团采购了商汤科技的人脸识别系统，采集了…: the client that uses the product collects,
                # not the vendor named last
                client = supplied_here[(s.start, _key(company))]
                company = next((m for m in comps if _key(m) == client), company)
            subjects: list[Mention] = []
            agent = self._passive_agent(s, ms) if "被" in s.of(self.text) else None
            if agent is not None:  # 被魔蝎公司二次使用: the agent of a passive verb
                company = agent
            elif company is None and not any(m.label == "Company" and m.start < verb.start() for m in ms):
                # 对非法摄取人脸信息的行为…：A、B、C三家企业分别被处以罚款: the parties penalised for it
                fined = {p.target for p in self.penalties if p.sentence == s}
                subjects = [m for m in ms if _key(m) in fined and not m.weak]
                company = subjects[0] if subjects else None
            if company is None and verb.group(0) in _BREACH_VERBS:
                # 黑客窃取了麦当劳超过500万用户的姓名、电话号码: the company whose data was taken holds it
                # (泄露了超过13万条UBS员工记录: a count between the verb and the holder, whose staff's or
                # customers' records they are)
                held = next((m for m in ms if m.label == "Company" and not m.weak and
                             (verb.end() <= m.start <= verb.end() + 2 or
                              _COUNT_GAP.fullmatch(self.text, verb.end(), m.start)) and
                             (_HELD_DATA.match(self.text, m.end, s.end) or
                              _HELD_RECORDS.match(self.text, m.end, s.end))), None)
                if held is not None:
                    company = held
            if company is None:
                # only a generic short name before the verb (滴滴…收集): it is still the subject
                weak = [m for m in ms if m.label == "Company" and m.weak and m.start < verb.start()]
                company = weak[-1] if weak and len({_key(m) for m in ms if m.label == "Company"}) == 1 else None
            head = self._item_subject(s) if company is None and self._is_digest() and \
                not any(m.label == "Company" for m in ms) else None
            if head is not None:
                company = head  # a digest item's report is about the party its heading names
            if company is None and not [m for m in ms if m.label == "Company"] and \
                    not _PERSON_ACTOR.search(self.text, s.start, verb.start()):
                # the subject carries over from the paragraph's previous sentence (该公司…, 其…),
                # or from the previous item of a list of violations (…；过度收集…；); a vendor's
                # devices (这批设备…拍摄并上传) collect for its client
                prev = self._recent_subject(s.start, 160)
                if prev is not None and self._same_paragraph(s, Span(prev.start, prev.end)) and \
                        self._item_start(prev.start) == self._item_start(s.start):  # (not another item's)
                    company = prev
                    if _key(prev) in vendors:
                        company = next((m for m in self.mentions if _key(m) == vendors[_key(prev)]), prev)
                elif last is not None and self._same_paragraph(s, last[1]) and \
                        self.text[last[1].end - 1:last[1].end] in "；;":
                    company = last[0]
                elif verb.group(0) in _BREACH_VERBS and not self._is_digest():
                    # 黑客窃取的信息…包括姓名、地址、电话号码: in a report of one company's breach, what
                    # was taken is that company's (named in the headline with its breach)
                    company = self._breached_company()
            if company is None:
                continue
            last = (company, s)
            # “A”“B”…“P”16 款 App 存在…收集个人信息: every party of the list is the subject
            subjects = subjects or [company]
            if company in comps and agent is None:
                for m in reversed(comps[:comps.index(company)]):
                    if not _LIST_SEP.fullmatch(self.text, m.end, subjects[0].start):
                        break
                    subjects.insert(0, m)
            counts = find_counts(self.text, s.start, s.end)
            period = _PERIOD.search(s.of(self.text))
            seen = set()
            kinds = {c.name for c in cats}
            for c in cats:
                if c.name in seen or (c.name == "个人信息" and len(kinds) > 1):
                    continue
                seen.add(c.name)
                near = [n for n in counts if abs(n.start - c.end) <= 12 or abs(c.start - n.end) <= 12]
                props: dict[str, Any] = {"count": None, "approximate": None, "period": None}
                if near:
                    props["count"] = as_int(near[0].value)
                    props["approximate"] = near[0].approximate
                if period:
                    props["period"] = period.group(1)
                for subject in subjects:
                    self.facts.append(Fact("COLLECTED", _key(subject), _key(c), s, dict(props)))
        self._counted_breaches()
        self._drop_generic_collected()
        # the count a fact states is kept where the same fact is read again without one (the
        # first value read stays when facts merge)
        collected = [f for f in self.facts if f.type == "COLLECTED"]
        if collected:
            rest = [f for f in self.facts if f.type != "COLLECTED"]
            self.facts = rest + sorted(collected, key=lambda f: f.props.get("count") is None)

    def _earlier_stories(self) -> Span:
        """Where the headlines of other stories stand (前情回顾·… then a run of headlines without a full
        stop, 安全内参's links to earlier reports above the article); an empty span when there are none."""
        for p in self.a.paragraphs[:12]:
            if not _EARLIER_STORIES.match(self.text, p.start, p.end):
                continue
            end = p.end
            for q in self.a.paragraphs:
                if q.start < p.end:
                    continue
                if "。" in q.of(self.text) or q.start - end > 2:
                    break
                end = q.end
            return Span(p.start, end)
        return Span(0, 0)

    def _drop_generic_collected(self) -> None:
        """个人信息 only when nothing more specific is named: a company the article shows collecting a
        specific kind (位置信息, 账号密码) keeps its generic fact only when it carries a count (the people
        reached: 约1.1亿客户的个人信息). 浙江某公司强制收集使用非必要个人信息案 … 收集用户位置信息.
        (儿童个人信息 tells whose data, not which kind: the other users' data stays.)"""
        specific = {f.start for f in self.facts if f.type == "COLLECTED" and
                    f.end not in (("DataCategory", "个人信息"), ("DataCategory", "儿童个人信息"))}
        if specific:
            self.facts = [f for f in self.facts if not (
                f.type == "COLLECTED" and f.start in specific and f.end == ("DataCategory", "个人信息") and
                f.props.get("count") is None)]

    def _counted_breaches(self) -> None:
        """A breach told by how many people's records it reached, with no kind of data named next to
        the count: 包含3.5亿条Hot Topic顾客个人和支付数据, 存有大约600万客户隐私信息的系统, 数据泄露，影响540万人,
        约28万名加拿大用户受到影响. The holder of the records (the company written inside the phrase, else
        the sentence's subject, else the company of the item or paragraph the sentence reports on) holds
        个人信息 of that many people."""
        # (the sentences of a breach, and the one after each: one scan of the text for the breach
        # words, then the counts of those sentences only; 系统宕机影响数百万人 is an outage, not a breach)
        breach = self._sentences_with(_BREACH_WORDS)
        if not breach:
            return
        n_sent = len(self.by_sentence)
        idxs = sorted({j for i in breach for j in (i, i + 1) if j < n_sent})
        done = {(f.start, f.sentence.start) for f in self.facts if f.type == "COLLECTED" and f.props.get("count")
                and f.end == ("DataCategory", "个人信息")}
        breached = set(breach)
        others = self._earlier_stories()
        for idx in idxs:
            s, ms = self.by_sentence[idx]
            if not _COUNT_HINT.search(self.text, s.start, s.end) or others.start <= s.start < others.end:
                continue
            if idx not in breached and not self._same_paragraph(s, self.by_sentence[idx - 1][0]):
                continue
            sent = s.of(self.text)
            if _DENIED_BREACH.search(sent):
                continue
            hit = None
            for n in find_counts(self.text, s.start, s.end):
                holder = next((m for m in ms if m.label == "Company" and not m.weak and m.start >= n.end and
                               not self.text[n.end:m.start].strip()), None)
                tail = holder.end if holder else n.end
                data = _PEOPLE_DATA.match(self.text, tail) or holder is None and \
                    _PEOPLE_UNIT_END.search(self.text, n.end - 2, n.end) and _DATA_AFTER.match(self.text, n.end)
                if data and not self._category_in(ms, tail, data.end()) or \
                        _AFFECTED_BEFORE.search(self.text, max(s.start, n.start - 8), n.start) and \
                        _PEOPLE_UNIT.match(self.text, n.end - 1) or _AFFECTED_AFTER.match(self.text, n.end):
                    hit = (n, holder)
                    break
            if hit is None:
                continue
            n, holder = hit
            company = holder or self._breach_subject(s, ms, n.start)
            if company is None or (_key(company), s.start) in done:
                continue
            self.facts.append(Fact("COLLECTED", _key(company), ("DataCategory", "个人信息"), s,
                                   {"count": as_int(n.value), "approximate": n.approximate, "period": None}))

    def _owner_clause(self, s: Span, m: Mention) -> bool:
        """Whether ``m`` is named in a clause that qualifies another party: 由达美航空、美国航空等…共同拥有的
        数据代理商 (the broker is the subject, not its owners)."""
        by = self.text.rfind("由", max(s.start, m.start - 30), m.start)
        if by < 0 or _CLAUSE_MARK.search(self.text, by, m.start):
            return False
        own = _OWNED_BY_CLAUSE.search(self.text, m.end, min(s.end, m.end + 40))
        return own is not None and not _CLAUSE_MARK.search(self.text, m.end, own.start())

    def _breached_company(self) -> Mention | None:
        """The company a breach report is about: the one its headline (the first of its first
        sentences to name a company; a link or a byline may come before) names with a breach or an
        attack, when it names one company only."""
        if self._breached is None:
            self._breached = ()
            for s, ms in self.by_sentence[:4]:
                comps = {_key(m): m for m in ms if m.label == "Company" and not m.weak}
                if not comps:
                    continue
                if len(comps) == 1 and _BREACH_WORD.search(self.text, s.start, s.end):
                    # (and the report is about it: most of the companies it names are that one; not
                    # a digest's first topic among others)
                    key = next(iter(comps))
                    named = [_key(m) for m in self.mentions if m.label == "Company" and not m.weak]
                    if named.count(key) >= 3 and 5 * named.count(key) >= 2 * len(named):
                        self._breached = tuple(comps.values())
                break
        return self._breached[0] if self._breached else None

    @staticmethod
    def _category_in(ms: list[Mention], start: int, end: int) -> bool:
        """Whether a kind of data other than the generic one is named between ``start`` and ``end`` (600万
        客户的手机号码 is a count of phone numbers, read with them; 1亿人的个人信息和医疗保健数据 is not)."""
        return any(m.label == "DataCategory" and not m.attrs.get("generic") and start <= m.start < end for m in ms)

    def _breach_subject(self, s: Span, ms: list[Mention], pos: int) -> Mention | None:
        """The company a breach sentence is about: the last one it names before ``pos`` (not a host, a
        person's employer or an example), else the one of the digest item's heading, else the last one
        named in the paragraph or item before it."""
        comps = [m for m in ms if m.label == "Company" and not m.weak and m.end <= pos and
                 self.text.find("•", m.end, pos) < 0 and not self._owner_clause(s, m) and
                 not _PERSON_AFTER.match(self.text, m.end) and not _INFRA_AFTER.match(self.text, m.end) and
                 not self._example(m, ms) and not _PRODUCT_AFTER.match(self.text, m.end) and
                 not _SUPPLIER_WORD_BEFORE.search(self.text, max(s.start, m.start - 6), m.start)]
        if comps:
            return comps[-1]
        head = self._item_subject(s) if self._is_digest() else None
        if head is not None:
            return head
        prev = self._recent_subject(s.start, 400)
        return prev if prev is not None and self._same_paragraph(s, Span(prev.start, prev.end)) else None

    # -- structure -------------------------------------------------------------------
    def _renamed(self, a: str, b: str) -> bool:
        """A（B）or B（A）: the text gives one name in brackets after the other."""
        for m in self.mentions:
            if m.label == "Company" and m.name in (a, b):
                other = b if m.name == a else a
                opening = _OPEN_PAREN.match(self.text, m.end)
                if opening and any(x.name == other and x.start == opening.end() and
                                   _CLOSE_PAREN.match(self.text, x.end) for x in self.mentions):
                    return True
        return False

    def _written_ownership(self, add) -> None:
        """SUBSIDIARY_OF the text states: Alphabet 旗下的 YouTube Kids, Facebook 的照片分享应用 Instagram
        和通讯应用 Messenger, 知网的主要运营主体为A、B、C三家公司 (child first, parent second)."""
        for s, ms in self.by_sentence:
            comps: list[Mention] = []
            for m in ms:
                # Blue Yonder（此前名为 JDA Software）: a second name of the same company in brackets
                # is part of the first mention, so that what follows relates to the first
                if m.label == "Company" and not (comps and comps[-1].name == m.name and
                                                 _OPEN_PAREN.search(self.text, comps[-1].end, m.start)):
                    comps.append(m)
            if len(comps) < 2:
                continue
            for i, x in enumerate(comps[:-1]):
                y = comps[i + 1]
                owner = x
                # Meta（Facebook）旗下: the name before the bracket owns
                close = _CLOSE_PAREN.match(self.text, x.end)
                if i and close and _OPEN_PAREN.fullmatch(self.text, comps[i - 1].end, x.start):
                    owner = comps[i - 1]
                end = close.end() if owner is not x else x.end
                gap = self.text[end:y.start]
                children: list[Mention] = []
                if _PARENT_OF_PREV.fullmatch(gap) and not x.weak and not y.weak:
                    add("SUBSIDIARY_OF", _key(x), _key(y), s)  # Free Mobile 及其母公司 Free
                    continue
                if _IS_PART.fullmatch(gap) and _UNDER.match(self.text, y.end) and not y.weak:
                    # Free和Free Mobile是伊利亚特集团（Iliad）旗下…: the names before 是 belong to y
                    subs = [x]
                    for z in reversed(comps[:i]):
                        if not _LIST_SEP.fullmatch(self.text[z.end:subs[0].start]):
                            break
                        subs.insert(0, z)
                    for c in subs:
                        if not c.weak:
                            add("SUBSIDIARY_OF", _key(c), _key(y), s)
                    continue
                if not x.weak and not y.weak and (_SUBSIDIARY_NAMED.fullmatch(gap) or
                                                  i == 0 and _ITS_SUBSIDIARY.search(gap)):
                    add("SUBSIDIARY_OF", _key(y), _key(x), s)  # UnitedHealth 子公司 Change Healthcare
                    continue
                if not x.weak and not y.weak and (_PARENT_NAMED.fullmatch(gap) or
                                                  _IS_SUBSIDIARY_BEFORE.fullmatch(gap) and
                                                  _IS_SUBSIDIARY_AFTER.match(self.text, y.end, s.end)):
                    add("SUBSIDIARY_OF", _key(x), _key(y), s)  # Change Healthcare 的母公司 UnitedHealth
                    continue
                if _BELONGS_TO.fullmatch(gap) and not x.weak and not y.weak:
                    add("SUBSIDIARY_OF", _key(x), _key(y), s)  # ZARA所属Inditex集团
                    continue
                if _ACQUIRED_BY.fullmatch(gap) and _ACQUIRED_AFTER.match(self.text, y.end, s.end) and \
                        not x.weak and not y.weak:
                    add("SUBSIDIARY_OF", _key(x), _key(y), s)  # PowerSchool在2024年被贝恩资本以56亿美元收购
                    continue
                if _ACQUIRES.fullmatch(gap) and not x.weak:
                    # Fortinet 收购 Lacework 和 NextDLP: every company listed after the verb
                    bought = [y]
                    for z in comps[i + 2:]:
                        if not _RUN_GAP.fullmatch(self.text, bought[-1].end, z.start):
                            break
                        bought.append(z)
                    for c in bought:
                        if not c.weak:
                            add("SUBSIDIARY_OF", _key(c), _key(x), s)
                    continue
                if _OWNED_BY_QIXIA.fullmatch(gap):
                    children = [y]
                elif _OWNED_BY_DE.fullmatch(gap) and not x.weak and \
                        ("App" in y.extra_labels or re.search(_PRODUCT_WORD + r"\s*$", gap)):
                    children = [y]
                elif _OPERATED_BY.fullmatch(gap):
                    children = [y]
                    for z in comps[i + 2:]:
                        if not _LIST_SEP.fullmatch(self.text[children[-1].end:z.start]):
                            break
                        children.append(z)
                    for c in children:
                        add("SUBSIDIARY_OF", _key(c), _key(owner), s)
                    continue
                if not children:
                    continue
                for z in comps[i + 2:]:  # …应用 Instagram 和通讯应用 Messenger
                    if y.attrs.get("list_member"):
                        break  # 客户包括牛奶公司旗下惠康、Yuu…: the items after are the list's, not the owner's
                    if not _ALSO_OWNED.fullmatch(self.text[children[-1].end:z.start]):
                        break
                    children.append(z)
                for c in children:
                    if not c.weak:
                        add("SUBSIDIARY_OF", _key(c), _key(owner), s)

    def find_structure(self) -> None:
        seen: set[tuple[str, Key, Key]] = set()

        def add(t, a, b, span, props=None):
            if (t, a, b) not in seen and a != b:
                seen.add((t, a, b))
                self.facts.append(Fact(t, a, b, span, props or {}))

        self._written_ownership(add)
        companies = {}
        sentence_names = None
        for m in self.mentions:
            if m.label == "Company" and not m.weak:
                companies.setdefault(m.name, m)
        def span_of(m: Mention) -> Span:  # (looked up only for a fact to add)
            return self.a.sentence_at(m.start) or Span(m.start, m.end)

        for name, m in companies.items():
            e = self.gaz.get("Company", name)
            parent = e.attrs.get("parent") if e else None
            if parent and parent in companies:
                # only where the text supports it: both named in one sentence, or the
                # legal name carries the brand (上海小鹏汽车销售服务有限公司 → 小鹏汽车)
                if sentence_names is None:
                    sentence_names = [{x.name for x in ms if x.label == "Company"} for _, ms in self.by_sentence]
                both = [s for (s, _), names in zip(self.by_sentence, sentence_names) if {name, parent} <= names]
                if both and self._renamed(name, parent):
                    continue  # Meta（Facebook）: one company under its old and new names, not two
                pe = self.gaz.get("Company", parent)
                forms = [parent, *(pe.weak_aliases if pe else [])]
                if both or any(len(f) >= 2 and f in name for f in forms):
                    add("SUBSIDIARY_OF", ("Company", name), ("Company", parent), both[0] if both else span_of(m))
            elif name.isascii() and _NATIONAL_ENTITY.search(name):
                # Meta Platforms Ireland Limited, Vodafone UK Ltd: a group's company of one country,
                # named with the group's name at its head
                for other in companies:
                    oe = self.gaz.get("Company", other)
                    forms = [f for f in [other, *(oe.aliases + oe.weak_aliases if oe else [])] if f.isascii()]
                    if other != name and any(len(f) >= 3 and name.startswith(f + " ") for f in forms):
                        add("SUBSIDIARY_OF", ("Company", name), ("Company", other), span_of(m))
                        break
            elif name.endswith("公司"):
                for other, om in companies.items():
                    oe = self.gaz.get("Company", other)
                    if other == name or other.endswith("公司") or not oe or oe.attrs.get("parent") == name:
                        continue
                    if any(len(f) >= 2 and f in name for f in [other, *oe.weak_aliases]):
                        add("SUBSIDIARY_OF", ("Company", name), ("Company", other), span_of(m))
        branches = {m.name: m for m in self.mentions if m.label == "Company" and m.attrs.get("branch")}
        for name, m in branches.items():
            # 工商银行东营分行, 江苏银行股份有限公司北京分行: a bank's branch belongs to the bank written at
            # its head (the gazetteer's name of it, or its legal name where the text gives it)
            if not name.endswith("行"):
                continue
            head = name[:2] if name[:2] in BANK_SHORT else name[:name.find("银行") + 2] if "银行" in name else ""
            if len(head) < 2:
                continue
            hit = self.gaz.strong.get(BANK_SHORT.get(head, head))
            if hit and hit[0] == "Company":
                add("SUBSIDIARY_OF", ("Company", name), ("Company", hit[1]), span_of(m))
                continue
            legal = next((o for o in companies if o != name and o.startswith(head) and
                          o.endswith(("股份有限公司", "有限责任公司", "有限公司")) and
                          len(o) <= len(head) + 6), None)
            if not legal:  # 江苏银行股份有限公司北京分行: the bank's legal name is written inside
                inner = re.match(r".{2,12}?银行(?:股份有限公司|有限责任公司|有限公司)(?=.)", name)
                legal = inner.group(0) if inner else None
            if legal:
                add("SUBSIDIARY_OF", ("Company", name), ("Company", legal), span_of(m))
        for m in self.mentions:
            if m.label == "Authority":
                if m.attrs.get("jurisdiction"):
                    add("JURISDICTION", _key(m), ("Location", m.attrs["jurisdiction"]), span_of(m),
                        {"_level": m.attrs.get("level")})
                parent = m.attrs.get("parent_authority") or (
                    self.gaz.get("Authority", m.name).attrs.get("parent") if self.gaz.get("Authority", m.name) else None)
                if parent:
                    add("PART_OF", _key(m), ("Authority", parent), span_of(m))
            elif m.label == "Company" and m.attrs.get("place"):
                add("LOCATED_IN", _key(m), ("Location", m.attrs["place"][0]), span_of(m),
                    {"_level": m.attrs["place"][1]})
