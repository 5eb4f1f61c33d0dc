"""Penalty facts on text shaped like the enforcement news the extractor was not written from:
lists of cases, unnamed local offices, fines decided without a sum, totals of a group."""
from __future__ import annotations

import textwrap

import pytest

from kg.extract import Extractor
from kg.gazetteer import load
from kg.graph import Fragment
from kg.resolve import Resolver
from loaders import Article, load_text


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load())


def _text(body: str, title: str = "测试") -> Article:
    return load_text(textwrap.dedent(body).strip(), path=f"{title}.txt", format="text")


def _fragment(extractor, article: Article) -> Fragment:
    return Resolver(extractor.gaz).fragment(extractor(article))


def _penalties(frag: Fragment) -> set[tuple[str, str | None, str, int | None]]:
    """(target, authority, kind, amount_cny) of every Penalty in a fragment."""
    out = set()
    for pid, n in frag.nodes.items():
        if "Penalty" not in n.labels:
            continue
        ends = {r.type: frag.nodes[r.end].props["name"] for r in frag.rels.values() if r.start == pid}
        out.add((ends.get("IMPOSED_ON"), ends.get("ISSUED_BY"), n.props["kind"], n.props.get("amount_cny")))
    return out


def _authorities(frag: Fragment) -> set[str]:
    return {n.props["name"] for n in frag.nodes.values() if "Authority" in n.labels}


def test_local_office_of_a_list_of_cases_is_not_the_place_of_an_earlier_case(extractor):
    # each case's 属地网信办 is the office of that case's party, which the text does not name
    art = _text("""
        网信部门通报执法案例
        1. 河南某医院数据泄露风险案。该医院体检系统存在弱口令漏洞。属地网信办已依法责令其改正，予以警告处罚。
        2. 广东某软件技术有限公司个人信息泄露风险案。该企业未采取加密措施保障个人信息安全。属地网信办已依法责令其改正，予以警告处罚。
    """)
    frag = _fragment(extractor, art)
    assert "河南省互联网信息办公室" not in _authorities(frag)
    assert {a for _, a, _, _ in _penalties(frag)} == {None}
    assert ("广东某软件技术有限公司", None, "警告", None) in _penalties(frag)


def test_local_office_named_with_the_place_of_its_sentence(extractor):
    # (must still fire) 南昌市某企业…，当地网信办罚款5万元: the office of the place just named
    frag = _fragment(extractor, _text("""
        企业IP被远控
        南昌市某企业IP疑被黑客远控并滥用，导致用户个人信息泄露，当地网信办罚款5万元。
    """))
    assert ("南昌市某企业", "南昌市互联网信息办公室", "罚款", 50000) in _penalties(frag)


def test_fine_decided_without_its_sum(extractor):
    frag = _fragment(extractor, _text("""
        执法案例
        3. 安徽某数据产业有限公司数据被窃取案。该企业未采取技术措施保障数据安全，违反《数据安全法》。属地网信办已依法责令其改正，予以警告、罚款，并对直接负责的主管人员予以罚款处罚。
    """))
    assert ("安徽某数据产业有限公司", None, "罚款", None) in _penalties(frag)
    assert ("安徽某数据产业有限公司", None, "警告", None) in _penalties(frag)


def test_fine_of_the_persons_alone_is_not_the_party_s(extractor):
    # (must not fire) only the persons are fined; the party is warned
    frag = _fragment(extractor, _text("""
        执法案例
        浙江某信息科技有限公司未履行个人信息保护义务，违反《个人信息保护法》。属地网信办已依法责令其改正，给予警告，并对直接负责的主管人员予以罚款。
    """))
    kinds = {k for t, _, k, _ in _penalties(frag) if t == "浙江某信息科技有限公司"}
    assert kinds == {"警告", "责令改正"}


def test_pronoun_stands_for_the_operator_not_the_app_it_runs(extractor):
    frag = _fragment(extractor, _text("""
        执法案例
        2. 北京某网络科技有限公司设置恶意程序案。网信部门核查发现，该企业运营“某助手”应用程序，用户数量约35万。该企业未依法履行网络安全保护义务，违反《网络安全法》等法律规定。属地网信办已依法责令其改正，予以罚款处罚。
    """))
    assert {t for t, _, _, _ in _penalties(frag)} == {"北京某网络科技有限公司"}


def test_brand_named_after_its_owner_is_the_party(extractor):
    frag = _fragment(extractor, _text("""
        TikTok 再被罚
        爱尔兰数据保护委员会周五对字节跳动旗下的TikTok处以5.3亿欧元的罚款，原因是其将欧洲用户的个人数据传输到中国。
    """))
    assert {t for t, _, _, _ in _penalties(frag)} == {"TikTok"}


def test_total_of_a_group_or_of_fine_and_confiscation_is_not_the_party_s_fine(extractor):
    frag = _fragment(extractor, _text("""
        处罚决定
        韩国个人信息保护委员会表示，委员会已审议通过对GS Retail及另外3家企业的处罚决定，合计罚款129.5444亿韩元、罚金1020万韩元。
        其中，GS Retail被处以128.36亿韩元罚款和300万韩元罚金，原因是会员个人信息泄露。
        中国人民银行江苏省分行公示行政处罚决定，苏州银行因违反数据安全管理规定，被予以警告，没收违法所得并处罚款，合计罚没超760万元。
    """))
    p = _penalties(frag)
    assert ("苏州银行", "中国人民银行江苏省分行", "罚款", 7600000) not in p
    assert ("苏州银行", "中国人民银行江苏省分行", "罚款", None) in p
    fines = [n.props for n in frag.nodes.values() if "Penalty" in n.labels and n.props["kind"] == "罚款"
             and n.props.get("currency") == "KRW"]
    assert [f["amount"] for f in fines] == [12836000000]


def test_fine_told_as_a_total_of_one_party_keeps_its_sum(extractor):
    # (must still fire) 罚没款共计 for one party without a separate confiscation is its fine
    frag = _fragment(extractor, _text("""
        罚没
        北京某科技有限公司因违规收集个人信息，被北京市海淀区市场监督管理局罚没款共计30万元。
    """))
    assert {(t, k, a) for t, _, k, a in _penalties(frag)} == {("北京某科技有限公司", "罚款", 300000)}


def test_second_party_in_its_own_clause_gets_its_own_sanction(extractor):
    frag = _fragment(extractor, _text("""
        处罚
        杭州某科技有限公司受杭州某网络有限公司委托运营活动网站，导致1140名用户的个人信息泄露。对此，杭州市网信办对杭州某网络有限公司处以3万元罚款，并对杭州某科技有限公司作出警告处理。
    """))
    got = {(t, k, a) for t, _, k, a in _penalties(frag)}
    assert got == {("杭州某网络有限公司", "罚款", 30000), ("杭州某科技有限公司", "警告", None)}


def test_second_party_whose_clause_decides_nothing_gets_nothing(extractor):
    # (must not fire) 并对B展开调查: B is investigated, not sanctioned
    frag = _fragment(extractor, _text("""
        处罚
        因泄露用户个人信息，杭州市网信办对杭州某网络有限公司予以警告，并对杭州某科技有限公司展开调查。
    """))
    assert {t for t, _, _, _ in _penalties(frag)} == {"杭州某网络有限公司"}


def test_the_office_guided_decides_not_the_one_that_guides(extractor):
    frag = _fragment(extractor, _text("""
        周报
        [1、上海携程因违法出境个人信息被罚1000万元](https://mp.weixin.qq.com/s?__biz=MzI4NDY2MDMwMw==)

        上海市网信办在国家网信办指导下，办理一批属地企业网络数据安全违规执法案件。其中上海携程商务有限公司因违法出境个人信息，依据《个人信息保护法》被处以1000万元罚款，并被责令限期改正。
    """))
    assert ("上海携程商务有限公司", "上海市互联网信息办公室", "罚款", 10000000) in _penalties(frag)
    # (the linked heading tells the same fine: not a second one without its authority)
    assert {a for _, a, _, _ in _penalties(frag)} == {"上海市互联网信息办公室"}


def test_guidance_named_after_the_deciding_office_is_not_skipped(extractor):
    # (must not fire) 国家网信办指导属地网信办…: the guide comes first and is followed by 指导, not 指导下;
    # the named office that decides on its own is kept
    frag = _fragment(extractor, _text("""
        罚款
        杭州市网信办依据《数据安全法》，对杭州某网络有限公司泄露用户个人信息的行为处以5万元罚款。
    """))
    assert _penalties(frag) == {("杭州某网络有限公司", "杭州市互联网信息办公室", "罚款", 50000)}


def test_titles_listed_after_the_archive_heading_are_other_stories(extractor):
    frag = _fragment(extractor, _text("""
        医疗数据泄露
        Episource 向卫生部门报告，约 541 万人的个人信息在攻击中泄露。

        — 欢迎关注 往期回顾 —

        江苏灌南农商行因违反数据安全管理规定等被罚97.5万

        商丘睢县农信联社被罚64万元，其中涉及网络安全、数据安全
    """))
    assert _penalties(frag) == set()


def test_report_after_a_read_more_heading_is_still_read(extractor):
    # (must still fire) a full sentence after 推荐阅读 is a report, not a title
    frag = _fragment(extractor, _text("""
        罚款
        **推荐阅读**

        杭州市网信办依据《数据安全法》，对杭州某网络有限公司泄露用户个人信息的行为处以5万元罚款。
    """))
    assert _penalties(frag) == {("杭州某网络有限公司", "杭州市互联网信息办公室", "罚款", 50000)}


def test_untold_administrative_penalty_on_one_indefinite_party(extractor):
    # 一家…有限公司 is one party (not a group); 处以行政处罚 without its kind is kind 其他
    frag = _fragment(extractor, _text("""
        物业公司被处罚
        近期，江华瑶族自治县公安局对不履行网络安全保护义务的一家物业经营管理有限公司依法处以行政处罚，责令限期改正。该公司泄露业主个人信息。
    """))
    got = {(t, k) for t, _, k, _ in _penalties(frag)}
    assert got == {("物业经营管理有限公司", "其他"), ("物业经营管理有限公司", "责令改正")}


def test_administrative_penalty_told_elsewhere_as_a_fine_is_that_fine(extractor):
    # (must not add 其他) the report tells the sanction in the next sentence
    frag = _fragment(extractor, _text("""
        罚款
        杭州市网信办对杭州某网络有限公司泄露用户个人信息的行为作出行政处罚。杭州市网信办对杭州某网络有限公司处以5万元罚款。
    """))
    assert _penalties(frag) == {("杭州某网络有限公司", "杭州市互联网信息办公室", "罚款", 50000)}


def test_pronoun_passes_over_the_mini_program_of_the_company(extractor):
    frag = _fragment(extractor, _text("""
        检查
        网安大队对杭州某物业管理有限公司开展网络安全检查，发现公司的“某某智慧泊车”小程序未备案，存在泄露车主个人信息的风险。杭州市公安局对该公司处以警告，并责令其限期改正。
    """))
    assert {t for t, _, _, _ in _penalties(frag)} == {"杭州某物业管理有限公司"}


def test_mini_program_ordered_offline_is_its_operator_s_sanction(extractor):
    frag = _fragment(extractor, _text("""
        执法案例
        9. 四川某科技有限公司运营的小程序未落实生成合成内容标识要求案。该企业运营的微信小程序提供AI文本对话服务，收集用户个人信息，但未添加显式标识，网信部门已依法责令下线该小程序。
    """))
    assert _penalties(frag) == {("四川某科技有限公司", None, "其他", None)}


def test_an_app_going_offline_by_itself_is_no_sanction(extractor):
    # (must not fire) the company's own decision, no order
    frag = _fragment(extractor, _text("""
        下线
        四川某科技有限公司宣布，因泄露用户个人信息，该公司已主动下线该小程序并致歉。
    """))
    assert _penalties(frag) == set()


def test_cases_a_national_office_publishes_are_not_its_decisions(extractor):
    # each case names its decider only as 属地网信办 / 网信部门: no authority, not the publisher
    frag = _fragment(extractor, _text("""
        执法案例
        近日，国家网信办发布一批个人信息保护执法典型案例。
        1. 广东某软件技术有限公司个人信息泄露风险案。该企业未采取加密措施保障用户个人信息安全。属地网信办已依法责令其改正，予以警告处罚。
        2. 浙江某信息科技有限公司强制收集个人信息案。网信部门核查发现该企业超范围收集个人信息。网信部门已依法责令其改正，予以警告处罚。
    """))
    assert {a for _, a, _, _ in _penalties(frag)} == {None}
    assert ("浙江某信息科技有限公司", None, "警告", None) in _penalties(frag)


def test_a_local_office_publishing_its_own_cases_decided_them(extractor):
    # (must still fire) 上海市网信办通报…案例: the cases it publishes are its own decisions
    frag = _fragment(extractor, _text("""
        数据出境
        上海市网信办依据多部网络安全相关法规，通报两起数据出境违法案例。
        上海某酒店管理有限公司违法向境外提供客户个人信息，被给予警告，并被责令限期改正。
    """))
    assert {a for _, a, _, _ in _penalties(frag)} == {"上海市互联网信息办公室"}


def test_each_passive_sanction_goes_to_its_own_subject(extractor):
    frag = _fragment(extractor, _text("""
        处罚
        据报道，杭州某网络有限公司此前曾因违规收集个人信息被罚款，此次杭州某科技有限公司也被杭州市网信办处以50万元罚款。
        因泄露用户个人信息，上海某网络有限公司被上海市网信办罚款5万元，上海某科技有限公司则被给予警告。
    """))
    p = _penalties(frag)
    assert ("杭州某科技有限公司", "杭州市互联网信息办公室", "罚款", 500000) in p
    assert not any(t == "杭州某网络有限公司" and a == 500000 for t, _, _, a in p)
    assert ("上海某网络有限公司", "上海市互联网信息办公室", "罚款", 50000) in p
    assert ("上海某科技有限公司", "上海市互联网信息办公室", "警告", None) in p
    assert not any(t == "上海某网络有限公司" and k == "警告" for t, _, k, _ in p)


def test_parties_listed_before_one_passive_sanction_share_it(extractor):
    # (must still fire) A和B被…各罚款: one clause for both
    frag = _fragment(extractor, _text("""
        处罚
        因泄露用户个人信息，杭州某网络有限公司和杭州某科技有限公司被杭州市网信办各罚款5万元。
    """))
    assert {(t, a) for t, _, _, a in _penalties(frag)} == {("杭州某网络有限公司", 50000), ("杭州某科技有限公司", 50000)}


@pytest.mark.parametrize("body", [
    # a threat, not a decision
    "网信部门提醒，杭州某网络有限公司等企业如继续违规收集个人信息，将依法予以警告、罚款。",
    # a company's own discipline of its staff
    "据悉，杭州某网络有限公司对违规员工予以罚款处理，并加强个人信息保护培训。",
    # the persons are fined, not the party
    "杭州某网络有限公司违规收集个人信息，监管部门对其负责人予以罚款。",
])
def test_fine_words_that_decide_no_fine_of_the_party(extractor, body):
    assert _penalties(_fragment(extractor, _text("案例\n" + body))) == set()


def test_total_of_a_year_s_cases_is_no_party_s_fine(extractor):
    frag = _fragment(extractor, _text("""
        总计
        今年以来，杭州市网信办对杭州某网络有限公司等12家企业作出行政处罚，合计罚款120万元，涉及个人信息泄露。
    """))
    assert not any(a == 1200000 for _, _, _, a in _penalties(frag))


def test_a_fine_told_as_a_warning_to_others_is_no_warning(extractor):
    # 英国 ISP TalkTalk: a provider described by the acronym is a company; "这次罚款是对其他人的警告"
    # says what the fine means, it adds no warning
    frag = _fragment(extractor, _text("""
        英国 ISP TalkTalk 的一次数据泄露导致该公司被信息专员办公室罚款 40 万英镑，客户个人信息遭窃取。
        信息专员补充道：“今天创纪录的罚款是对其他人的警告。”
    """))
    kinds = {(t, k) for t, _, k, _ in _penalties(frag)}
    assert ("TalkTalk", "罚款") in kinds
    assert ("TalkTalk", "警告") not in kinds


def test_a_warning_decided_is_still_a_warning(extractor):
    frag = _fragment(extractor, _text("""
        英国 ISP TalkTalk 因泄露客户个人信息，被信息专员办公室给予警告。
    """))
    assert ("TalkTalk", "警告") in {(t, k) for t, _, k, _ in _penalties(frag)}


# -- foreign fines as translated security news writes them ----------------------------------------

def test_a_sum_written_after_its_currency_sign_is_the_fine(extractor):
    # €91m, $2.95m, £140,000: the sign first, m/bn after; the legal entity investigated is 该公司
    frag = _fragment(extractor, _text("""
        在对 Meta Platforms Ireland Limited （MPIL） 进行调查后，爱尔兰数据保护委员会 （DPC） 因不当处理用户的密码而对该公司处以 €91m （$102m） 的罚款。
        """))
    assert _penalties(frag) == {("Meta Platforms Ireland Limited", "爱尔兰数据保护委员会", "罚款", None)}
    penalty = next(n for n in frag.nodes.values() if "Penalty" in n.labels)
    assert (penalty.props["currency"], penalty.props["amount"]) == ("EUR", 91_000_000)


def test_a_fine_a_company_agrees_or_is_to_pay_is_a_settlement(extractor):
    # 将向FTC支付…罚款 (a proposed order), 同意支付…罚款 (a settlement): not decided penalties
    for body in ("监控摄像头公司Verkada将向美国联邦贸易委员会（FTC）支付 $2.95m 的罚款，用户个人信息遭泄露。",
                 "优步还同意为其未能披露数据泄露支付 2 万美元罚款，涉及用户个人信息。",
                 "监控摄像头公司Verkada 表示，它已自愿同意支付 $2.95m 作为和解金，并坚称美国司法部没有开出罚款。"):
        assert _penalties(_fragment(extractor, _text(body))) == set()
    # a fine decided, and a settlement with the customers beside it
    frag = _fragment(extractor, _text("此后，Capital One因未能确保用户数据安全而被罚款8000万美元并跟受影响的客户达成了和解。"))
    assert {p[0] for p in _penalties(frag)} == {"Capital One"}


def test_warnings_sent_before_a_decision_and_a_feature_called_warning_are_not_sanctions(extractor):
    assert _penalties(_fragment(extractor, _text(
        "尽管 CNIL 多次向 TikTok 发出警告，但TikTok直到 2022 年才实施拒绝按钮，用户个人信息仍被收集。"))) == set()
    assert _penalties(_fragment(extractor, _text(
        "苹果公司用于其“欺诈网站警告”功能的技术会向腾讯发送用户的浏览数据等个人信息。"))) == set()
    assert _penalties(_fragment(extractor, _text(
        "“苹果通过 Safari 欺诈网站警告来保护用户隐私和个人信息，Safari 欺诈网站警告是一种安全功能。"))) == set()
    # a warning given is one
    assert ("湖南某信息技术有限公司", "湖南省互联网信息办公室", "警告", None) in _penalties(_fragment(extractor, _text(
        "湖南省互联网信息办公室对湖南某信息技术有限公司给予警告，该公司泄露个人信息。")))


def test_the_owner_named_after_its_brand_is_the_party_fined(extractor):
    # 对Facebook母公司Meta处以…: Meta; one sum called both 罚款 and 罚金 is one fine
    frag = _fragment(extractor, _text(
        "2022年开出的最大单笔罚款，源自 9 月针对 Facebook 母公司 Meta 未能保护儿童个人数据，罚金到达4.05 亿欧元。"))
    assert {(p[0], p[2]) for p in _penalties(frag)} == {("Meta", "罚款")}


def test_the_source_of_a_figure_is_not_the_party_fined(extractor):
    frag = _fragment(extractor, _text("""
        据律师事务所 DLA Piper 分析发现，2022年违反GDPR的罚款金额达到了约 31 亿美元，涉及个人信息保护。
        DLA Piper 表示，这些金额包括所有已知 GDPR 罚款。
        """))
    assert "DLA Piper" in {n.props.get("name") for n in frag.nodes.values()}
    assert _penalties(frag) == set()


def test_a_fine_ticket_issued_to_a_company(extractor):
    # 向其母公司Meta开出…罚单: 向 names the party when the verb is 开出
    frag = _fragment(extractor, _text(
        "爱尔兰数据保护委员会 (DPC) 因2021 年 Facebook 大规模数据泄露事件，向其母公司Meta开出 2.65 亿欧元（约20亿人民币）巨额罚单。"))
    assert _penalties(frag) == {("Meta", "爱尔兰数据保护委员会", "罚款", 2_000_000_000)}


def test_a_regulator_described_is_one_body(extractor):
    # 德国领先的数据保护监管机构 and 德国主要的数据保护监管机构: the German regulator, praised
    frag = _fragment(extractor, _text("""
        德国领先的数据保护监管机构上个月命令脸书停止处理 WhatsApp 用户的个人数据。
        德国主要的数据保护监管机构表示，这一命令有效期三个月。
        """))
    assert _authorities(frag) == {"德国数据保护监管机构"}


def test_a_person_fined_after_the_bank_is_not_the_bank(extractor):
    # 同时，该行林某…被罚款1.5万元: a person's fine in the sentence after the bank's
    frag = _fragment(extractor, _text("""
        中国人民银行浙江省分行公布处罚信息。浙江余杭德商村镇银行因违反数据安全管理规定，被警告，并被罚款38.35万元。同时，该行信息科技部林某对此负有责任，被罚款1.5万元。
        """))
    amounts = {p[3] for p in _penalties(frag) if p[2] == "罚款"}
    assert amounts == {383_500}


def test_an_office_of_one_province_does_not_decide_on_a_party_of_another(extractor):
    # a Fujian office's fine told first, then a Zhejiang bank's case without its office
    frag = _fragment(extractor, _text("""
        中国人民银行福建省分行公布，福建连江农商银行被警告，并被罚款574万元，案由涉及个人信息保护。

        更早前，华夏银行丽水分行因违反数据安全管理规定被警告，并被罚款38.35万元。

        5月9日，中国银行福建省分行因违反数据安全管理规定被警告，并被罚款315万元。
        """))
    fines = {p[0]: p[1] for p in _penalties(frag) if p[2] == "罚款"}
    assert fines["华夏银行丽水分行"] is None
    assert fines["中国银行福建省分行"] == "中国人民银行福建省分行"
    assert fines["福建连江农商银行"] == "中国人民银行福建省分行"


def test_the_brand_and_its_legal_entity_fined_once(extractor):
    frag = _fragment(extractor, _text("""
        6 月 13 日，上海网信办对携程罚款 1000 万元，这是首张千万级的数据出境罚单。
        上海市网信办通报：上海携程商务有限公司违法出境个人信息，依据《个人信息保护法》罚款 1000 万元，责令限期改正。
        """))
    assert {(p[0], p[2]) for p in _penalties(frag)} == {("上海携程商务有限公司", "罚款"), ("上海携程商务有限公司", "责令改正")}
    # 因谷歌…，对谷歌爱尔兰公司处以…: the company of the decision
    frag = _fragment(extractor, _text(
        "爱尔兰数据保护委员会宣布，因谷歌在处理用户位置数据过程中违反GDPR，对谷歌爱尔兰公司处以总计4.03亿欧元罚款。"))
    assert {p[0] for p in _penalties(frag)} == {"谷歌爱尔兰公司"}


def test_a_verb_warning_someone_is_no_sanction(extractor):
    assert _penalties(_fragment(extractor, _text(
        "美国网络安全和基础设施安全局（CISA）警告安全团队，勒索软件团伙利用VMware vCenter漏洞窃取个人信息。"))) == set()
    assert ("某科技公司", "北京市互联网信息办公室", "警告", None) in {
        (p[0].replace("北京", ""), p[1], p[2], p[3]) for p in _penalties(_fragment(extractor, _text(
            "北京市网信办依法对北京某科技公司作出警告、罚款五万元的行政处罚，该公司泄露个人信息。")))}


def test_the_verb_fine_with_its_sum(extractor):
    # 对TikTok罚5.3亿欧元 (罚 and the sum, without 罚款)
    frag = _fragment(extractor, _text(
        "爱尔兰数据保护委员会 2025 年 5 月对 TikTok 罚 5.3 亿欧元，案由是用户个人数据向境外传输缺乏充分保障。"))
    assert {(p[0], p[1], p[2]) for p in _penalties(frag)} == {("TikTok", "爱尔兰数据保护委员会", "罚款")}


def test_a_fine_as_a_share_of_turnover_is_the_sum_not_the_turnover(extractor):
    frag = _fragment(extractor, _text(
        "市场监管总局依法作出行政处罚决定，并处以美团2020年中国境内销售额1147.48亿元3%的罚款，计34.42亿元，涉及用户个人信息。"))
    assert {p[3] for p in _penalties(frag) if p[2] == "罚款"} == {3_442_000_000}


def test_the_office_heading_a_digest_item_is_no_party(extractor):
    frag = _fragment(extractor, _text("""
        本周安全资讯

        1、某公司回应数据泄露

        某公司表示，用户个人信息未受影响。

        2、Aura 公司证实数据泄露

        美国数字安全公司 Aura 证实发生数据泄露事件，近 90 万条个人信息遭曝光。

        3、西安市网信办公布网络与数据安全典型案例，三家企业因违规受罚

        西安市网信办通报一批典型案例。西安一电子科技公司因系统防护缺失遭境外攻击，被警告并罚款。

        4、星巴克回应用户个人信息问题

        星巴克表示正在调查。
        """))
    assert {p[0] for p in _penalties(frag)} == {"西安某电子科技公司"}


def test_the_title_of_the_source_an_item_retells_is_no_second_fine(extractor):
    frag = _fragment(extractor, _text("""
        爱尔兰数据保护委员会宣布，对谷歌爱尔兰公司处以总计4.03亿欧元罚款，涉及用户位置数据等个人信息。

        消息来源：中国新闻社

        谷歌被欧盟开出逾4亿欧元“罚单”
        """))
    assert {p[0] for p in _penalties(frag)} == {"谷歌爱尔兰公司"}


def test_a_breach_or_a_negation_before_the_fine_is_no_name(extractor):
    frag = _fragment(extractor, _text(
        "这张罚单的参照物，是 2025 年 8 月 SK 电讯因 USIM 数据泄露被罚的 1348 亿韩元，涉及用户个人信息。"))
    assert {p[0] for p in _penalties(frag)} == {"SK电讯"}
