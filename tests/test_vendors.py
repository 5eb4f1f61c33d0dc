"""Vendor links (SUPPLIED: vendor -> client) read from general cues (kg/extract/vendors.py).

Made-up sentences of the shapes news prose uses; each ends with a sentence about personal data,
as only articles about personal data give facts."""
from __future__ import annotations

import textwrap

import pytest

from kg.extract import Extractor
from kg.gazetteer import load
from kg.model import main_label
from kg.resolve import Resolver
from loaders import load_text

_PRIVACY = "事件导致用户个人信息泄露。"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load())


def _frag(extractor, body: str):
    art = load_text("测试\n" + textwrap.dedent(body).strip() + "\n" + _PRIVACY, path="t.txt", format="text")
    return Resolver(extractor.gaz).fragment(extractor(art))


def _links(extractor, body: str) -> set[tuple[str, str]]:
    frag = _frag(extractor, body)
    return {(frag.nodes[r.start].props["name"], frag.nodes[r.end].props["name"])
            for r in frag.rels.values() if r.type == "SUPPLIED"}


def _labels(extractor, body: str) -> dict[str, str]:
    frag = _frag(extractor, body)
    return {n.props.get("name"): main_label(n.labels)
            for n in frag.nodes.values()}


# -- R1 provision: <vendor> 为/向/给 <client> 提供 <a service> --------------------------------------

def test_provision_names_the_client_after_the_preposition(extractor):
    # the preposition's object is the client, whoever is the vendor (a cloud, a SaaS, a camera maker)
    assert _links(extractor, "云服务商Snowflake为AT&T提供数据仓库服务。") == {("Snowflake", "AT&T")}


def test_provision_to_a_list_links_every_client(extractor):
    # 为A、B等企业提供: each listed company is a client
    assert _links(extractor, "阿里云为中国联通、招商银行等企业提供云计算服务。") == \
        {("阿里云", "中国联通"), ("阿里云", "招商银行")}


def test_provision_client_no_rule_knew_is_read_from_the_slot(extractor):
    # 深圳地铁集团 is in no gazetteer; between 为 and 提供, with an organisation's ending, it is a name
    assert ("华为云", "深圳地铁集团") in _links(extractor, "华为云为深圳地铁集团提供云平台服务。")


def test_provision_of_data_is_sharing_not_a_supply(extractor):
    # 向第三方提供个人信息 is the data being shared (a privacy violation), not a vendor serving a client
    assert not _links(extractor, "滴滴向第三方提供个人信息。")


def test_no_link_from_negated_or_hypothetical_provision(extractor):
    # a denial or a plan states no supply
    assert not _links(extractor, "腾讯云并未为滴滴提供任何服务。")
    assert not _links(extractor, "阿里云计划为中国联通提供云服务。")


def test_a_regulator_is_never_a_client(extractor):
    # 网信办为企业提供合规指导: guidance from a regulator, not a supply
    assert not _links(extractor, "国家网信办为阿里巴巴提供合规指导服务。")


def test_provision_to_a_kind_of_organisation_then_its_members(extractor):
    # 为<a kind>提供<service>，包括A、B和C: the members named after the kind are the clients; the
    # list stops at 其他 (the ones not named)
    body = "IT服务商Leidos为美国多个政府部门提供IT服务，包括美国国防部、国土安全部和NASA及其他外国机构。"
    assert _links(extractor, body) == {("Leidos", "美国国防部"), ("Leidos", "美国国土安全部"),
                                       ("Leidos", "美国国家航空航天局")}
    # what the service includes is no list of clients
    assert not _links(extractor, "阿里云为众多企业提供云服务，包括数据分析、存储和安全防护。")


# -- R2 adoption: <client> 采用/引入 <vendor> 的 <product> -------------------------------------------

def test_adoption_verb_points_from_client_to_vendor(extractor):
    # the company before the verb uses the product of the company after it
    assert _links(extractor, "招商银行采用了腾讯云的分布式数据库。") == {("腾讯云", "招商银行")}
    assert _links(extractor, "招商银行最终引入商汤科技的人脸识别系统。") == {("商汤科技", "招商银行")}


def test_hosting_on_a_vendors_platform(extractor):
    # 托管在阿里云上: the data or system hosted comes between the client and the platform
    assert _links(extractor, "招商银行将客户数据托管在阿里云上。") == {("阿里云", "招商银行")}


def test_hosting_by_a_pronoun_on_a_list_of_platforms(extractor):
    # 其托管在A、B和C上: 其 is the sentence's subject, hosted on every platform listed
    body = "黑客攻击迫使网约车服务公司 Uber 将多个系统下线，并且波及其托管在 Slack、AWS 和 Google Cloud 上的多个云平台。"
    assert _links(extractor, body) == {("Slack", "Uber"), ("亚马逊云科技", "Uber"), ("谷歌云", "Uber")}
    # the platforms the attackers posted on are not hosts of the company
    assert not _links(extractor, "黑客攻击了Uber，并在 Slack 和 Twitter 上发布了其员工的截图。")


def test_passive_adoption_names_the_clients_after_bei(extractor):
    # <vendor>的<product>被A、B等机构采用
    assert _links(extractor, "商汤科技的人脸识别系统被招商银行、平安银行等机构采用。") == \
        {("商汤科技", "招商银行"), ("商汤科技", "平安银行")}


def test_passive_use_counted_then_listed_after_a_pronoun(extractor):
    # 该公司的应用程序已被数百家执法机构使用，包括A、B: 该公司 is the company the sentences before are
    # about; 海关和边境保护局 is one name (written in full before); 当地警方 is no name
    body = """
        美国海关和边境保护局发布了年度报告。一个例子是美国科技初创公司 Clearview AI，它提供面部识别工具。
        这款应用如此强大，可以在半边脸被遮住的情况下识别出某人。
        报道披露，该公司的应用程序已被数百家执法机构使用，包括当地警方以及联邦调查局、海关和边境保护局(CBP)。
        """
    assert _links(extractor, body) == {("Clearview AI", "美国联邦调查局"), ("Clearview AI", "美国海关和边境保护局")}
    # the company's app used by people is no supply
    body = """
        Clearview AI提供面部识别工具。
        该公司的应用程序已被数百万用户使用，包括学生和教师。
        """
    assert not _links(extractor, body)


# -- R3 outsourcing and supplier nouns --------------------------------------------------------------

def test_outsourcing_names_the_vendor_after_the_verb(extractor):
    assert _links(extractor, "京东将客服系统外包给科大讯飞。") == {("科大讯飞", "京东")}


def test_supplier_noun_after_a_pronoun_links_the_subject(extractor):
    # 其第三方供应商: 其 is the company the sentence is about
    assert _links(extractor, "美国电信运营商AT&T表示，其第三方供应商Snowflake遭到入侵。") == {("Snowflake", "AT&T")}


def test_supplier_noun_with_the_vendor_before_it(extractor):
    # <vendor>是其…供应商 and <vendor>（<client>的…供应商）: the vendor is named before the noun
    assert _links(extractor, "AT&T表示，Snowflake是其云服务供应商。") == {("Snowflake", "AT&T")}
    assert _links(extractor, "Snowflake（AT&T的云服务供应商）遭到入侵。") == {("Snowflake", "AT&T")}


def test_supplier_noun_names_a_vendor_no_rule_knew(extractor):
    # 文思海辉 is known to no gazetteer: after 外包商 and before the verb, a made-up word is the vendor
    assert _links(extractor, "平安银行的IT外包商文思海辉遭勒索攻击，导致客户信息泄露。") == {("文思海辉", "平安银行")}


def test_words_after_a_supplier_noun_are_not_names(extractor):
    # 供应商之一: a word of the language after the noun is no company
    frag = _frag(extractor, "该公司是苹果的供应商之一。")
    assert "之一" not in {n.props.get("name") for n in frag.nodes.values()}


def test_an_agent_entrusted_by_a_company_works_for_it(extractor):
    # <vendor>受<client>委托，为…开发/运营…: the agent does the principal's work
    assert _links(extractor, "奇安信受腾讯委托，为其年度活动开发并运营报名网站。") == {("奇安信", "腾讯")}
    # a tender agent entrusted with a purchase is no vendor of the buyer
    assert not _links(extractor, "深圳市国际招标有限公司受腾讯的委托，对腾讯数据中心建设项目进行公开招标。")


def test_a_firm_engaged_after_a_breach_is_a_vendor(extractor):
    # <client>邀请/聘请<a security firm><vendor>帮助/调查…: the firm works for the company
    assert _links(extractor, "Snowflake邀请网络安全事件响应公司Mandiant帮助通知客户。") == {("Mandiant", "Snowflake")}
    assert _links(extractor, "Uber已聘请Mandiant调查这起事件。") == {("Mandiant", "Uber")}
    # a firm's experts invited to a meeting, and authorities investigating with a company, are no supply
    assert not _links(extractor, "腾讯邀请了网络安全公司奇安信的专家参加大会。")
    assert not _links(extractor, "腾讯邀请网络安全公司奇安信参加大会。")


# -- R4 client nouns and lists --------------------------------------------------------------------

def test_client_list_links_every_member(extractor):
    # 的客户包括A、B和C: the last two joined by 和 are two clients
    assert _links(extractor, "Salesforce的客户包括丰田、可口可乐和联合利华等企业。") >= \
        {("Salesforce", "可口可乐"), ("Salesforce", "联合利华")}


def test_client_list_of_public_bodies_types_them_as_authorities(extractor):
    # 主要客户如美国国防部、能源部和NASA: public buyers; 能源部 (not in the gazetteer) ends like a ministry
    body = "IT服务商Leidos的主要客户如美国国防部、能源部和NASA未回应。"
    # (NASA is the gazetteer's 美国国家航空航天局)
    assert _links(extractor, body) == {("Leidos", "美国国防部"), ("Leidos", "能源部"), ("Leidos", "美国国家航空航天局")}
    assert _labels(extractor, body)["能源部"] == "Authority"


def test_client_list_after_a_colon_is_the_next_sentence(extractor):
    # 9間Fimmick的企業客戶…分別涉及：then a bulleted list, read as the next sentence
    body = """
        数码营销公司Fimmick回应了查询。
        此外，9家Fimmick的企业客户也正调查资料外泄事故，分别涉及：
        • 保柏(亚洲)有限公司 • 可口可乐中国有限公司
        """
    assert _links(extractor, body) >= {("Fimmick", "保柏(亚洲)有限公司"), ("Fimmick", "可口可乐中国有限公司")}


def test_client_list_after_what_the_clients_suffered(extractor):
    # 对X的主要客户产生了影响，其中包括A、B: the clients named after their harm; Latin names with a
    # number inside (Group 1 Automotive) are read whole
    body = "此次网络攻击对 CDK Global 的主要客户产生了深远影响，其中包括 Group 1 Automotive、AutoNation 和 Lithia Motors。"
    assert _links(extractor, body) == {("CDK Global", "Group 1 Automotive"), ("CDK Global", "AutoNation"),
                                       ("CDK Global", "Lithia Motors")}
    # a list of the data the clients lost is no list of clients
    assert not _links(extractor, "此次攻击对 CDK Global 的客户产生了影响，其中包括姓名、电话号码和电子邮件地址。")


def test_client_count_and_pronoun_refer_to_the_company_of_the_sentences_before(extractor):
    # 该公司3000名客户中不乏…如A、B: 该公司 is the company the sentences before are about (not 索尼, named
    # last, nor the chain broken by a sentence about something else)
    body = """
        Blue Yonder是索尼的子公司，员工6000人。该公司向零售商和制造商提供供应链解决方案。
        该公司3000名客户中不乏高级别组织机构如 DHL、星巴克和宝洁等。
        """
    assert _links(extractor, body) == {("Blue Yonder", "DHL"), ("Blue Yonder", "星巴克"), ("Blue Yonder", "宝洁")}
    body = """
        Blue Yonder是索尼的子公司，员工6000人。分析人士认为零售业的数字化仍在加速。
        该公司3000名客户中不乏高级别组织机构如 DHL、星巴克和宝洁等。
        """
    assert not _links(extractor, body)


def test_members_named_before_the_rest_of_a_vendors_clients(extractor):
    # A和其他几十个<vendor>客户, A、B等<vendor>客户: the members are clients (AWS: the gazetteer's
    # 亚马逊云科技 since round 9; Nimbra: a made-up Latin name no rule knows)
    assert _links(extractor, "她利用这些账户进入Capital One和其他几十个AWS客户的系统。") == {("亚马逊云科技", "Capital One")}
    assert _links(extractor, "她利用这些账户进入Capital One和其他几十个Nimbra客户的系统。") == {("Nimbra", "Capital One")}
    assert _links(extractor, "此前，Ticketmaster、AT&T等Snowflake客户也遭遇了数据盗窃。") == \
        {("Snowflake", "Ticketmaster"), ("Snowflake", "AT&T")}
    # other banks' customers are people, and no vendor is named before 客户
    assert not _links(extractor, "招商银行和其他银行的客户收到了诈骗短信。")


def test_a_matter_told_to_clients_is_no_list(extractor):
    # 通知AT&T客户有关…的情况: 有关 is "about", not 有 introducing a list
    assert not _links(extractor, "发言人表示，将通知约1.1亿AT&T客户有关数据泄露事件的情况。")


def test_client_list_after_what_befell_the_clients_accounts(extractor):
    # Snowflake的逾百客户账号被黑客入侵，其中包括了A和B: a count before 客户, the harm, then who;
    # a Latin name after its descriptor (银行 Santander) is read too
    body = "云服务商Snowflake的逾百客户账号被黑客入侵，其中包括了票务巨头 Ticketmaster 和银行 Santander。"
    assert _links(extractor, body) == {("Snowflake", "Ticketmaster"), ("Snowflake", "Santander")}


def test_companies_then_a_phrase_for_them_as_the_vendors_clients(extractor):
    # 苹果和特斯拉的文件…，而这两家公司均为X的客户
    body = "黑客公布了据称属于苹果和特斯拉的设计文件，而这两家公司均为代工厂塔塔电子的客户。"
    assert _links(extractor, body) == {("塔塔电子", "苹果"), ("塔塔电子", "特斯拉")}


# -- R5 breach chain ----------------------------------------------------------------------------------

def test_breach_at_a_vendor_reaches_the_clients_named_after_it(extractor):
    # 服务提供商X遭攻击，影响了A、B: the vendor is called a provider, the affected are its clients
    assert _links(extractor, "托管服务提供商Sisense遭黑客攻击，影响了Cloudflare、Okta等多家客户。") == \
        {("Sisense", "Cloudflare"), ("Sisense", "Okta")}


def test_breach_chain_continues_into_the_next_sentence(extractor):
    # the report's next sentence lists the brands reached (至少涉及10个品牌，包括…)
    assert _links(extractor, "营销公司Fimmick遭勒索软件攻击。目前至少涉及10个品牌，包括欧莱雅香港、可口可乐中国等。") == \
        {("Fimmick", "欧莱雅香港"), ("Fimmick", "可口可乐")}  # (the gazetteer's brand, 可口可乐)


def test_a_known_vendors_flaw_reaches_the_listed_organisations(extractor):
    # (MOVEit is Progress Software's, a vendor in the gazetteer) its flaw is the breach
    assert ("Progress Software", "英国航空") in _links(extractor, "Progress Software的MOVEit漏洞波及英国航空、BBC和Boots等机构。")


def test_breach_chain_reaches_clients_listed_in_the_next_sentence(extractor):
    # 受影响的客户包括A、B: the next sentence goes on about the vendor's breach
    assert _links(extractor, "托管服务提供商Sisense遭黑客攻击。受影响的客户包括Cloudflare、Okta等企业。") == \
        {("Sisense", "Cloudflare"), ("Sisense", "Okta")}


def test_a_platforms_breach_reaching_people_is_no_supply(extractor):
    # a platform (not a supplier) breached, its users named: 平台 makes a vendor only where clients are
    assert not _links(extractor, "社交平台Twitter遭黑客入侵，影响了奥巴马、比尔盖茨等名人的账户。")


def test_attack_targets_are_not_clients(extractor):
    # 攻击目标涵盖谷歌: whom attackers aim at
    assert not _links(extractor, "Okta发出警示，钓鱼工具包的攻击目标涵盖谷歌等身份提供商。")


def test_a_list_of_data_items_is_not_a_list_of_clients(extractor):
    # 涉及姓名、电子邮箱: the data exposed, not organisations
    frag = _frag(extractor, "数据服务商MC2 Data发生数据泄露，涉及姓名、电子邮箱、电话号码等。")
    assert not any(r.type == "SUPPLIED" for r in frag.rels.values())
    assert "姓名" not in {n.props.get("name") for n in frag.nodes.values()}


def test_other_companies_affected_by_a_vendors_incident(extractor):
    # <vendor>(的)<incident>中其他受影响的公司包括A和B: a known bank and an unknown name of a list
    # announced as companies
    body = "Snowflake攻击活动中其他受影响的公司包括桑坦德银行（Santander Bank）和Pure Storage。"
    assert _links(extractor, body) == {("Snowflake", "Santander"), ("Snowflake", "Pure Storage")}
    # no company's incident before the cue: no vendor
    assert not _links(extractor, "在这次地震中受影响的企业包括丰田和本田。")


# -- R6 a company's instance of a known cloud or SaaS vendor ---------------------------------------

def test_instance_of_a_known_vendors_service(extractor):
    # Ticketmaster和Santander的Snowflake账户: each company runs an instance of the vendor's service
    assert _links(extractor, "Ticketmaster和Santander的Snowflake账户被黑客访问。") == \
        {("Snowflake", "Ticketmaster"), ("Snowflake", "Santander")}
    # the second vendor of 的Snowflake和Looker上 serves the same clients
    assert _links(extractor, "研究人员在与Hot Topic的环境相关的Snowflake和Looker上发现了凭证。") == \
        {("Snowflake", "Hot Topic"), ("Looker", "Hot Topic")}


def test_its_instance_of_a_known_vendor_is_the_subjects(extractor):
    # A透露，…针对其Snowflake部署的攻击: 其 is the subject named first in the sentence
    body = "零售商Advance Auto Parts透露，客户数据在针对其Snowflake部署的攻击中被泄露。"
    assert _links(extractor, body) == {("Snowflake", "Advance Auto Parts")}



def test_no_vendor_link_outside_privacy_articles(extractor):
    # the privacy gate: a procurement brief with no personal data gives no facts
    art = load_text("测试\n阿里云为中国联通提供云计算服务。", path="t.txt", format="text")
    ex = extractor(art)
    assert not ex.privacy_relevant and not [f for f in ex.facts if f.type == "SUPPLIED"]


# -- what is not a supply (shapes older rules read as links) ------------------------------------------

def test_data_given_a_plan_and_a_companys_users_are_not_supplies(extractor):
    # data handed over is sharing; a plan to adopt is not a supply yet; 微信用户 are the app's users
    assert _links(extractor, "某科技公司向腾讯提供了用户数据，涉及个人信息。") == set()
    assert _links(extractor, "阿里巴巴计划采用腾讯云的服务，存储用户个人信息。") == set()
    assert _links(extractor, "腾讯为微信用户提供个人信息保护服务。") == set()
    # while a service named after data is still a service
    assert _links(extractor, "云服务商Snowflake为AT&T提供数据仓库服务，存储个人信息。") == {("Snowflake", "AT&T")}
    assert _links(extractor, "阿里巴巴采用腾讯云的服务，存储用户个人信息。") == {("腾讯云", "阿里巴巴")}


def test_a_use_that_ends_or_is_banned_is_no_supply(extractor):
    # 谷歌告诉开发人员停止使用 X-Mode 的跟踪软件: the platform bans the vendor, it does not buy from it
    assert not _links(extractor, "谷歌已经告诉应用程序开发人员停止使用 X-Mode 的跟踪软件。")
    assert not _links(extractor, "苹果公司禁止使用 X-Mode 的软件。")
    # (the use itself still reads as a supply)
    assert ("X-Mode Social", "谷歌") in _links(extractor, "谷歌使用了 X-Mode 的跟踪软件。")


def test_clients_named_after_a_clause_about_the_vendor(extractor):
    # the vendor is the sentence's subject; the list of clients goes on past "，以及"
    links = _links(extractor, """
        Salesforce管理着超过1950个项目，为通用汽车、高盛等知名企业，以及美国国防部等政府机构提供漏洞披露和代码安全服务。
        """)
    assert links == {("Salesforce", "通用汽车"), ("Salesforce", "高盛"), ("Salesforce", "美国国防部")}


def test_a_client_of_the_vendor_named_before(extractor):
    assert _links(extractor, "起因是美国商业服务巨头Conduent的IT系统遭到入侵，通用汽车正是它服务的客户。") == \
        {("Conduent", "通用汽车")}
    assert _links(extractor, "通用汽车不是Conduent服务的客户。") == set()


def test_names_with_diacritics_and_no_country_as_a_client(extractor):
    body = "2025年8月，IT服务供应商Miljödata遭到入侵，导致150万人的信息被暴露，其中包括瑞典和美国的员工。"
    assert _labels(extractor, body).get("Miljödata") == "Company"
    assert not {c for v, c in _links(extractor, body)} & {"瑞典", "美国"}
