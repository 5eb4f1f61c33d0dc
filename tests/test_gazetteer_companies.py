"""World knowledge in the company and media gazetteers (round 9): firms and outlets that privacy and
data-breach news names, by their mainland, Hong Kong/Taiwan and English names, are recognised; an
everyday word that contains or equals a short form is not.

Made-up sentences of the shapes news prose uses; each ends with a sentence about personal data."""
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


def _nodes(extractor, body: str) -> dict[str, tuple[str, dict]]:
    art = load_text("测试\n" + textwrap.dedent(body).strip() + "\n" + _PRIVACY, path="t.txt", format="text")
    frag = Resolver(extractor.gaz).fragment(extractor(art))
    return {n.props.get("name"): (main_label(n.labels), n.props) for n in frag.nodes.values()}


def test_global_firms_by_simplified_traditional_and_english_names(extractor):
    nodes = _nodes(extractor, """
        据《华盛顿邮报》报道，美国医疗支付平台Change Healthcare遭勒索软件攻击，其母公司UnitedHealth证实已支付赎金。
        滙豐銀行與渣打銀行均表示，客戶資料未受影響；微軟公司則稱其雲端服務未被入侵。
        韩联社援引SK电讯的公告称，2700万用户的USIM信息或已泄露。
    """)
    for name, label in (("华盛顿邮报", "Media"), ("Change Healthcare", "Company"), ("联合健康集团", "Company"),
                        ("汇丰控股", "Company"), ("渣打集团", "Company"), ("微软", "Company"),
                        ("韩联社", "Media"), ("SK电讯", "Company")):
        assert nodes.get(name, (None,))[0] == label, name


def test_vendors_carry_the_vendor_role(extractor):
    nodes = _nodes(extractor, """
        安全公司披露，攻击者利用思爱普（SAP）系统漏洞入侵，数据经纪商律商联讯和安客诚亦在名单之中。
        此前亞馬遜雲端服務（AWS）上的存储桶配置错误。
    """)
    for name in ("思爱普", "律商联讯", "安客诚", "亚马逊云科技"):
        assert "vendor" in nodes[name][1].get("roles", ()), name


def test_everyday_words_are_not_firms_or_outlets(extractor):
    nodes = _nodes(extractor, """
        该小区要求业主刷脸以提高通行效率，当日经过核查，两家法国电信公司和多家上海康复机构也收集了人脸。
        社会大众普遍联想到现代生活中的隐私风险，私有云从去年起成为热点。
    """)
    for name in ("高通公司", "日本经济新闻", "Orange S.A.", "海康威视", "大众汽车", "联想集团", "现代汽车",
                 "云从科技"):
        assert name not in nodes, name
