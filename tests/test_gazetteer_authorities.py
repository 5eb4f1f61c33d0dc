"""The authorities gazetteer's world knowledge (round 9): foreign privacy, consumer, telecom,
competition and financial regulators, the courts and agencies privacy news names, and Chinese
national bodies, recognised by the names the Chinese press gives them (made-up sentences of the
shapes real reports have); and acronyms or words that are something else left unrecognised."""
from __future__ import annotations

import pytest

from kg.extract.mentions import Recognizer
from kg.gazetteer import load


@pytest.fixture(scope="module")
def rec():
    return Recognizer(load())


def _authorities(rec, text: str) -> dict[str, dict]:
    return {m.name: m.attrs for m in rec.find(text) if m.label == "Authority"}


@pytest.mark.parametrize("text, name", [
    ("希腊数据保护局（HDPA）对该电信运营商处以罚款。", "希腊数据保护局"),
    ("匈牙利数据保护局NAIH认定该银行违反GDPR。", "匈牙利国家数据保护与信息自由局"),
    ("葡萄牙数据保护委员会责令国家统计局暂停处理数据。", "葡萄牙国家数据保护委员会"),
    ("罗马尼亚ANSPDCP宣布对一家酒店罚款。", "罗马尼亚国家个人数据处理监管局"),
    ("汉堡数据保护专员对H&M开出3530万欧元罚单。", "汉堡数据保护与信息自由专员"),
    ("欧盟法院（CJEU）裁定隐私盾协议无效。", "欧洲联盟法院"),
    ("英国通信管理局Ofcom表示将调查此事。", "英国通信管理局"),
    ("英国金融行为监管局对该券商处以罚款。", "英国金融行为监管局"),
    ("HHS OCR与该医院达成和解。", "美国卫生与公众服务部民权办公室"),
    ("得州总检察长起诉该公司非法收集生物识别数据。", "美国得克萨斯州总检察长"),
    ("加州隐私保护局对本田公司处以罚款。", "美国加州隐私保护局"),
    ("纽约州金融服务局（NYDFS）对该保险公司罚款。", "美国纽约州金融服务局"),
    ("澳大利亚通信和媒体管理局（ACMA）称该电信公司违反了规定。", "澳大利亚通信和媒体管理局"),
    ("日本总务省对该运营商发出行政指导。", "日本总务省"),
    ("韩国放送通信委员会决定对谷歌和苹果处以罚款。", "韩国放送通信委员会"),
    ("韩国互联网振兴院（KISA）确认了泄露事件。", "韩国互联网振兴院"),
    ("CERT-In要求服务商在6小时内报告网络安全事件。", "印度计算机应急响应小组"),
    ("巴西国家数据保护局ANPD暂停了Meta的数据处理。", "巴西国家数据保护局"),
    ("Roskomnadzor宣布限制访问该网站。", "俄罗斯联邦通信、信息技术和大众传媒监督局"),
    ("澳門個人資料保護局接獲投訴後展開調查。", "澳门个人资料保护局"),
    ("數位發展部表示將檢討資安措施。", "台湾数位发展部"),
    ("国家互联网应急中心（CNCERT）监测发现多款App违规收集个人信息。",
     "国家计算机网络应急技术处理协调中心"),
    ("国家计算机病毒应急处理中心检测发现15款App存在隐私不合规行为。", "国家计算机病毒应急处理中心"),
    ("国家数据局发布了《数据领域常用名词解释》。", "国家数据局"),
])
def test_known_authority(rec, text, name):
    assert name in _authorities(rec, text)


def test_foreign_level_and_kind(rec):
    found = _authorities(rec, "欧盟法院裁定，意大利竞争管理局AGCM有权处罚。")
    assert found["欧洲联盟法院"].get("level") == "foreign"
    assert found["欧洲联盟法院"].get("kind") == "court"
    assert found["意大利竞争管理局"].get("level") == "foreign"


def test_chinese_technical_bodies_are_not_regulators(rec):
    found = _authorities(rec, "中国互联网协会与中国电子技术标准化研究院联合发布指南。")
    assert found["中国互联网协会"].get("kind") == "association"
    assert found["中国电子技术标准化研究院"].get("kind") == "institute"


@pytest.mark.parametrize("text", [
    # NSA: 5G non-standalone networking, not the US agency
    "运营商已完成NSA组网向SA组网的升级。",
    # CMA: China's metrology accreditation mark, not the UK competition authority
    "该检测机构取得了CMA资质认定。",
    # FCA: Fiat Chrysler in car news, not the UK financial regulator
    "FCA集团与标致雪铁龙合并为Stellantis。",
    # OPC: the industrial protocol, not a privacy commissioner
    "设备通过OPC UA协议接入工业互联网平台。",
    # AP: the news agency, not the Dutch data protection authority
    "据AP报道，该公司已经确认数据泄露。",
    # CPPA: also Canada's proposed Consumer Privacy Protection Act
    "加拿大拟议的CPPA将取代PIPEDA。",
    # 金管局 alone: also the mainland's local financial regulators
    "上海市金管局召开座谈会。",
])
def test_ambiguous_acronyms_not_recognised(rec, text):
    assert not _authorities(rec, text)


def test_department_in_general_not_a_ministry(rec):
    # 司法部门, 民政部门, 人社部门, 科技部门: "the judicial (civil, …) departments", not a ministry
    assert not _authorities(rec, "司法部门、民政部门、人社部门和科技部门将加强协作。")



def test_a_ministry_short_name_is_not_a_field_s_departments(rec):
    # 教育部门, 司法部门 are the departments of a field anywhere, not the ministry; 司法部, 人社部 are; a
    # bank's 金融科技部 is its own department
    found = [m.name for m in rec.find("教育部门和司法部门联合检查。司法部发布通知，人社部和文旅部参加。该行金融科技部负责人被罚款。")
             if m.label == "Authority"]
    assert found == ["中华人民共和国司法部", "中华人民共和国人力资源和社会保障部", "中华人民共和国文化和旅游部"]
