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
