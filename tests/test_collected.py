"""COLLECTED, SUBSIDIARY_OF and the publishing outlet on texts in the style of the news the tool reads
(made up, each with a text the rule must not fire on)."""
from __future__ import annotations

import textwrap

import pytest

from kg.extract import Extractor
from kg.gazetteer import load
from kg.resolve import Resolver
from loaders import Article, load_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load())


def _text(body: str, title: str = "测试") -> Article:
    return load_text(textwrap.dedent(body).strip(), path=f"{title}.txt", format="text")


def _rels(extractor, art: Article, rtype: str) -> dict[tuple[str, str], dict]:
    frag = Resolver(extractor.gaz).fragment(extractor(art))
    return {(frag.nodes[r.start].props.get("name"), frag.nodes[r.end].props.get("name")): r.props
            for r in frag.rels.values() if r.type == rtype}


def _collected(extractor, body: str) -> dict[tuple[str, str], dict]:
    """(The headline names personal data: the extractor reads facts only from privacy news.)"""
    body = textwrap.dedent(body).strip()
    return _rels(extractor, _text(f"个人信息保护：{body}"), "COLLECTED")


# -- what the clause denies or forbids is not collected ----------------------------------------------

def test_data_the_attackers_could_not_reach_is_not_collected(extractor):
    got = _collected(extractor, """
        泄露事件
        法国电信运营商Free遭黑客入侵，1900万用户的个人数据外泄，包括银行账户号码。但是，攻击者无法访问用户密码和通信内容。
    """)
    assert ("Free", "金融账户信息") in got
    assert ("Free", "账号密码") not in got


def test_a_kind_of_data_the_report_says_was_not_involved_or_not_stored(extractor):
    got = _collected(extractor, """
        ZARA泄露
        快时尚品牌ZARA发生数据泄露，泄露信息包含地理位置、订单ID等，未涉及用户姓名、登录凭证及支付数据。
        Eurail表示，该公司未存储银行卡信息与护照视觉副本。
    """)
    assert ("ZARA", "位置信息") in got
    assert ("ZARA", "账号密码") not in got
    assert not any(a == "Eurail" for a, _ in got)


def test_a_ban_on_sharing_is_not_a_collection(extractor):
    got = _collected(extractor, """
        罚款
        委员会规定Meta在未来五年不得出于广告目的与其他平台共享用户数据。
    """)
    assert not got
    # an unconsented collection is one (未经 is no denial)
    got = _collected(extractor, """
        罚款
        调查发现，Meta未经用户同意收集用户位置信息等个人信息。
    """)
    assert ("Meta", "位置信息") in got


# -- verbs that name a rule, a feature or a sanction ----------------------------------------------------

def test_a_rule_or_feature_about_collection_is_not_a_collection(extractor):
    got = _collected(extractor, """
        通报
        苹果率先在 iOS 14 中给出了剪贴板访问提示。
        “动态壁纸帝”App存在未按规定提供删除或更正个人信息功能问题。
    """)
    assert not got
    # a device with the feature is used, and reads the data
    got = _collected(extractor, """
        315晚会
        工作人员对记者承认，科勒卫浴在全国上千家门店都使用了具有人脸识别功能的摄像头，采集人脸信息。
    """)
    assert ("科勒卫浴", "人脸信息") in got


def test_processing_that_protects_or_punishes_is_no_processing_of_data(extractor):
    got = _collected(extractor, """
        电商平台
        在与其合作的电商平台中，只有拼多多对手机号进行了虚拟号处理。
    """)
    assert not got
    got = _collected(extractor, """
        电商平台
        调查显示，拼多多违规处理用户手机号等个人信息。
    """)
    assert ("拼多多", "手机号码") in got


# -- who collected ------------------------------------------------------------------------------------------

def test_what_a_defendant_took_is_not_collected_by_the_company_named_before(extractor):
    body = """
        判决
        杭州某安全科技有限公司的员工吴某利用职务便利下载数据。经鉴定，被告人吴某非法获取的公民个人信息共计1亿余条。
    """
    assert not any(a.startswith("杭州某安全科技") for a, _ in _collected(extractor, body))
    got = _collected(extractor, """
        通报
        杭州某科技有限公司开发的App违规收集用户通讯录。经查，该App非法获取的通讯录信息共计1万余条。
    """)
    assert any(a.startswith("杭州某科技") and b == "通讯录" for a, b in got)


def test_headlines_of_earlier_stories_are_not_this_report(extractor):
    got = _collected(extractor, """
        AT&T通话记录被盗

        前情回顾·电信业网络安全态势

        美国知名电信运营商遭网络攻击，部分系统关停致使运营中断

        电信巨头AT&T承认超5000万用户数据泄露：已在地下论坛售卖多年

        安全内参7月15日消息，AT&T上周五披露，网络犯罪分子窃取了约1.1亿客户的通话记录。
    """)
    assert ("AT&T", "个人信息") not in got
    assert got[("AT&T", "通话记录")]["count"] == 110000000


def test_generic_personal_data_only_when_nothing_more_specific_is_named(extractor):
    got = _collected(extractor, """
        执法案例
        国家网信办公布一批侵害个人信息权益的执法案例，督促企业依法处理个人信息。
        6. 浙江某信息科技有限公司强制收集使用非必要个人信息案。
        经查，浙江某信息科技有限公司运营的App在用户拒绝后仍频繁申请定位权限，收集用户位置信息。
    """)
    assert any(b == "位置信息" for _, b in got)
    assert not any(b == "个人信息" for _, b in got)
    # with a count of the people reached the generic fact stays
    got = _collected(extractor, """
        泄露
        PowerSchool表示，约6200万名学生的个人信息被窃取，包括住址信息。
    """)
    assert got[("PowerSchool", "个人信息")]["count"] == 62000000
    assert ("PowerSchool", "住址信息") in got


def test_the_company_the_pronoun_refers_to_is_not_its_own_vendor(extractor):
    # A披露，…针对其Snowflake部署的攻击…。该公司表示: 该公司 is A; Snowflake after 其 is A's vendor
    got = _collected(extractor, """
        在一份违规通知中，零售商 Advance Auto Parts 披露，超过 230 万人在 4 月份针对其 Snowflake 部署的攻击中受到影响。该公司表示，被盗的客户数据可能包括姓名、社会安全号码和驾驶执照号码。
        Snowflake 活动中其他受影响的公司包括 Pure Storage。
    """)
    assert ("Advance Auto Parts", "身份证件信息") in got
    assert ("Snowflake", "身份证件信息") not in got


# -- ownership written out --------------------------------------------------------------------------------

def _owned(extractor, body: str) -> set[tuple[str, str]]:
    return set(_rels(extractor, _text(f"个人信息泄露\n{textwrap.dedent(body).strip()}"), "SUBSIDIARY_OF"))


def test_parent_and_subsidiary_named_either_way(extractor):
    # (UnitedHealth: the gazetteer's 联合健康集团 since round 9)
    assert ("Change Healthcare", "联合健康集团") in _owned(extractor, """
        美国医疗保险巨头UnitedHealth确认，泄露事件是由 UnitedHealth 子公司 Change Healthcare 2 月份遭受的勒索软件攻击引起的。
    """)
    assert ("Change Healthcare", "联合健康集团") in _owned(extractor, """
        Change Healthcare 遭勒索软件攻击。这也是 Change Healthcare 的母公司 UnitedHealth 首次为此次泄露事件提供官方数字。
    """)
    assert ("Steele Compliance Solutions", "Diligent") in _owned(extractor, """
        Diligent发言人表示，这次泄露的数据似乎源自2022年其子公司Steele Compliance Solutions遭遇的黑客事件。
    """)
    # a customer or a partner is no subsidiary
    assert not _owned(extractor, """
        UnitedHealth 的合作伙伴 Change Healthcare 2 月份遭受勒索软件攻击，大量个人信息泄露。
    """)


def test_is_a_subsidiary_of(extractor):
    assert ("Blue Yonder", "索尼") in _owned(extractor, """
        供应链软件公司Blue Yonder遭勒索软件攻击。Blue Yonder（此前名为 JDA Software）是索尼的子公司，年收入超过10亿美元。
    """)
    assert ("Veraset", "SafeGraph") in _owned(extractor, """
        Veraset 是 SafeGraph 公司旗下的一家位置数据代理公司。
    """)
    # a client is not owned by its vendor
    assert not _owned(extractor, """
        供应链软件公司Blue Yonder遭勒索软件攻击。Blue Yonder 是索尼的供应商，为其提供供应链软件。
    """)


def test_a_groups_company_of_one_country_is_its_subsidiary(extractor):
    # Meta Platforms Ireland Limited: the group's name at its head, a country and a legal form
    assert ("Meta Platforms Ireland Limited", "Meta") in _owned(extractor, """
        Meta 表示已通知监管机构。爱尔兰数据保护委员会对 Meta Platforms Ireland Limited 进行了调查。
    """)
    # the group's own legal name is the group, not its subsidiary
    assert not _owned(extractor, """
        Meta 表示已通知监管机构。监管机构对 Meta Platforms, Inc. 进行了调查。
    """)


# -- the outlet that published ----------------------------------------------------------------------------

def _outlets(extractor, body: str) -> set[str]:
    ex = extractor(_text(textwrap.dedent(body).strip()))
    return {m.name for m in ex.mentions if m.label == "Media"}


def test_the_wechat_account_named_before_the_readers_prompts(extractor):
    assert "安全学习那些事儿" in _outlets(extractor, """
        日本数字厅系统遭非法访问 约24万份个人信息或泄露

        安全学习那些事儿

        在小说阅读器读本章

        去阅读

        2026年9月11日，日本数字厅宣布，其核心网络系统遭到非法访问。
    """)
    # the first line of an ordinary report is no outlet
    assert not _outlets(extractor, """
        日本数字厅系统遭非法访问

        日本数字厅宣布

        2026年9月11日，日本数字厅宣布，其核心网络系统遭到非法访问。
    """)


def test_the_account_of_an_archived_pages_dated_first_line(extractor):
    got = _outlets(extractor, """
        建行分行因存在多项网络安全问题被罚

        e安在线 e安在线 2025-06-11 02:01

        5月16日，中国人民银行安阳市分行发布的行政处罚信息显示，建设银行安阳分行被罚50.7万元。
    """)
    assert "e安在线" in got
    assert not _outlets(extractor, """
        建行分行被罚

        发布时间 : 2025-06-11 02:01

        5月16日，中国人民银行安阳市分行发布的行政处罚信息显示，建设银行安阳分行被罚50.7万元。
    """)


def test_an_outlet_cited_by_its_domain_is_the_outlet(extractor):
    got = _outlets(extractor, """
        AT&T通话记录被盗

        FBI发言人向TechCrunch确认了此事。

        参考资料：techcrunch.com
    """)
    assert "TechCrunch" in got and "techcrunch.com" not in got
