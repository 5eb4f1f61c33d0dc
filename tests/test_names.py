"""Organisation names the gazetteer does not know, read from how a sentence uses them (made-up
sentences of the shapes real reports have); each test names the rule it checks and why."""
from __future__ import annotations

import pytest

from kg.extract.mentions import Recognizer
from kg.gazetteer import load


@pytest.fixture(scope="module")
def rec():
    return Recognizer(load())


def _companies(rec, text: str) -> set[str]:
    return {m.name for m in rec.find(text) if m.label == "Company"}


# --- a short Chinese name ending with a trade, used as a party (_trade_name_parties) ---------------

def test_brand_with_trade_ending_as_subject_of_saying(rec):
    # brands are written without 有限公司 far more often than legal names: 眼神科技回复…称
    text = "交通银行暂未回应。擎石科技回复记者称，未收到相关通知。"
    assert "擎石科技" in _companies(rec, text)


def test_brand_at_clause_start_winning_a_bid_and_its_later_mentions(rec):
    # 近日，悬镜安全成功中标…: the name starts at the clause; every later mention is that firm too
    text = "近日，砺盾安全成功中标某证券公司采购项目。此后砺盾安全将提供运维服务。"
    ms = [m for m in rec.find(text) if m.label == "Company" and m.name == "砺盾安全"]
    assert len(ms) == 2


def test_brand_after_a_word_describing_a_supplier(rec):
    # 其技术提供方眼神科技 / 服务商眼神科技: the word before describes the party as a firm
    assert "擎石科技" in _companies(rec, "该行人脸识别服务商擎石科技，也为多家银行服务。")


def test_brand_in_a_list_with_a_known_company(rec):
    # 交通银行及眼神科技: joined to a known company, a name with a trade ending is a firm too
    assert "擎石科技" in _companies(rec, "记者联系了交通银行及擎石科技，两者均未答复。")


def test_place_and_telecom_trade_is_a_firm(rec):
    # 该项目总包为西安电信: a place and 电信/移动/银行… names a firm (its local company)
    assert "宁夏电信" in _companies(rec, "该项目总包为宁夏电信。")


def test_generic_phrases_with_trade_endings_are_not_firms(rec):
    # 网络安全, 金融科技 (a field), 这家机场集团 (described, not named), 北京科技 (a place and a
    # trade no firm is called by), 确保安全 (an everyday word before the trade) name no one
    text = ("网络安全表示高度关注。金融科技被广泛应用。这家机场集团被罚超8200万元。"
            "北京科技表示欢迎。需要确保安全被落实。")
    found = _companies(rec, text)
    assert not {"网络安全", "金融科技", "机场集团", "北京科技", "确保安全"} & found


# --- a Latin name used as a party (Recognizer._latin_brands) --------------------------------------

def test_latin_name_as_subject_of_saying(rec):
    # Grubhub告诉BleepingComputer, Kraken明确表示: a firm speaks for itself
    found = _companies(rec, "“我们迅速展开调查”，Zentrix告诉记者。Zentrix明确表示不会支付赎金。")
    assert "Zentrix" in found


def test_latin_name_with_its_officer_and_clients(rec):
    # Kraken首席安全官…表示: a firm has officers
    assert "Zentrix" in _companies(rec, "Zentrix首席安全官表示，该事件并未危及客户资金。")


def test_persons_in_latin_letters_are_not_firms(rec):
    # Caitlin Condon表示 (a full name), Beth Keebler … Keebler表示 (the surname alone later), 研究员
    # Smith称 (a role before the name): persons say things too
    text = ("Caitlin Condon表示，漏洞已被利用。公司发言人Beth Keebler确认了事件。Keebler表示已报警。"
            "研究员Smith称，风险很低。")
    assert not {"Caitlin Condon", "Keebler", "Smith"} & _companies(rec, text)


def test_hacker_groups_products_and_short_acronyms_are_not_firms(rec):
    # 勒索软件组织 Everest 声称, ShinyHunters宣布 (groups), 使用ShowDoc的用户 (a product's users),
    # FOI 披露 (a request): they say and have users too, but are no firm
    text = ("勒索软件组织 Everest 宣布入侵了系统。ShinyHunters宣布窃取了数据。建议使用ShowDoc的用户更新。"
            "但 FOI 披露了更多细节。")
    assert not {"Everest", "ShinyHunters", "ShowDoc", "FOI"} & _companies(rec, text)


def test_latin_names_counted_as_the_big_providers(rec):
    # …、Nifty Corporation、Biglobe 六大服务商: "the N big providers" counts a list of firms like N家
    text = "本次泄露覆盖 Alnet、Borealis Web Services、Cirrotel 三大服务商。"
    assert {"Alnet", "Borealis Web Services", "Cirrotel"} <= _companies(rec, text)


# --- legal names and the gazetteer ------------------------------------------------------------------

def test_legal_name_with_any_province_in_brackets(rec):
    # 中译语通科技（陕西）有限公司: the place in brackets is part of the name, whatever place it is
    assert "星河数智科技（陕西）有限公司" in _companies(rec, "服务由星河数智科技（陕西）有限公司提供。")


def test_mixed_script_name_written_with_spaces(rec):
    # 58 同城: typeset text puts spaces between digits or Latin letters and Chinese characters
    assert "58同城" in _companies(rec, "其中 58 同城参与了天使轮投资。")


def test_well_known_brands_without_legal_suffix(rec):
    # 万豪发布公告称…旗下酒店喜达屋: well-known firms are the gazetteer's (with the brand's parent)
    found = _companies(rec, "同年，万豪发布公告称旗下酒店喜达屋 5 亿房客信息被泄露。")
    assert {"万豪国际", "喜达屋"} <= found


# --- foreign public bodies (_foreign_authorities) ---------------------------------------------------

def _authorities(rec, text: str) -> set[str]:
    return {m.name for m in rec.find(text) if m.label == "Authority"}


def test_foreign_ministry_with_its_country(rec):
    # breach news about a government's contractor names the ministry it serves
    text = "威胁人员从为英国国防部提供薪资服务的一家企业窃取了数据，以色列国防部拒绝置评。"
    assert {"英国国防部", "以色列国防部"} <= _authorities(rec, text)
    # the minister is a person, not the ministry
    assert not _authorities(rec, "英国国防部长当天表示将加强审查。")


def test_foreign_local_councils_and_police_read_back_to_their_place(rec):
    text = ("据报道，伦敦卡姆登议会也受到了影响。白金汉郡议会 5 月 16 日表示数据已泄露。"
            "该大学已与新南威尔士州警方合作，澳大利亚联邦警察也在调查。")
    assert {"伦敦卡姆登议会", "白金汉郡议会", "新南威尔士州警方", "澳大利亚联邦警察"} <= _authorities(rec, text)


def test_councils_not_named_are_no_authority(rec):
    # 受影响的议会, 英国多个议会, 虽然市议会: no place named; 伊朗伊斯兰议会 is a country's parliament
    text = "英国多个议会警告称数据可能泄露。受影响的议会警告居民。虽然市议会已恢复系统。伊朗伊斯兰议会通过了法案。"
    assert not {n for n in _authorities(rec, text) if n.endswith("议会")}


def test_council_named_with_and_without_its_country_is_one(rec):
    ms = [m for m in rec.find("攻击重创英国格拉斯哥市议会。格拉斯哥市议会表示正在调查。") if m.label == "Authority"]
    assert {m.name for m in ms} == {"格拉斯哥市议会"}


def test_a_chinese_prefecture_s_police_is_no_foreign_body(rec):
    # 恩施州警方, 黔东南州警方 (autonomous prefectures written X州) and 台北市议会 are places of China's
    text = "恩施州警方通报一起案件。黔东南州警方破获一起侵犯公民个人信息案。台北市议会通过法案。"
    assert not [m for m in rec.find(text) if m.label == "Authority" and m.attrs.get("level") == "foreign"]
