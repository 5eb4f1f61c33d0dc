"""Tests for ``loaders``: the real corpus, the two seed articles sentence by sentence,
every bad-input case, stable ids, spans, streaming of large folders."""
from __future__ import annotations

import builtins
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from loaders import (Article, LoadError, LoadFailure, iter_articles, load_file, load_text,
                     split_sentences)
from loaders.dates import parse_date

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "loaders"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ARTICLES = CORPUS / "articles"
SEED_000 = ARTICLES / "000_e5720ff2d43c7cc3.txt"
SEED_004 = ARTICLES / "004_0b5ff16f295c3703.txt"
# The two files in the corpus that carry no date anywhere (markdown case write-ups).
UNDATED = {"moxie-password-storage-verdict.md", "kuaige-crawler-residence-permit-verdict.md"}
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
TAG_REMNANT = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--|-->|&#\d+;|&[a-z]+;|\{%")
BOILERPLATE = ("责任编辑", "K图", "返回首页", "尽在新浪财经APP", "EM_StockImg", "appendQr")


def _need_corpus():
    if not ARTICLES.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"corpus missing at {CORPUS} (CI=true: corpus tests must run)")
        pytest.skip(f"corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def corpus() -> list[Article | LoadError]:
    _need_corpus()
    return list(iter_articles([str(ARTICLES)]))


def _one(path, **kw) -> Article:
    items = load_file(str(path), **kw)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def _check_spans(a: Article) -> None:
    text = a.text
    assert a.paragraphs and a.sentences
    # paragraphs: cover the text, joined by one newline, no newline inside, stripped
    assert "\n".join(p.of(text) for p in a.paragraphs) == text
    for p in a.paragraphs:
        piece = p.of(text)
        assert piece and piece == piece.strip() and "\n" not in piece
    # sentences: non-empty, stripped, ordered, non-overlapping, each inside one paragraph
    prev_end = -1
    for s in a.sentences:
        piece = s.of(text)
        assert piece and piece == piece.strip(), (a.path, piece)
        assert s.start >= prev_end, (a.path, piece)
        prev_end = s.end
        assert any(p.start <= s.start and s.end <= p.end for p in a.paragraphs), (a.path, piece)
        assert a.sentence_at(s.start) == s
    # together the sentences hold every non-space character of the text
    assert "".join(s.of(text) for s in a.sentences).replace(" ", "") == \
        text.replace("\n", "").replace(" ", "")


# ── the real corpus ────────────────────────────────────────────────────────────
def test_corpus_every_article_loads(corpus):
    errors = [x for x in corpus if isinstance(x, LoadError)]
    assert not errors, [str(e) for e in errors]
    n_files = sum(1 for p in ARTICLES.iterdir() if p.is_file() and not p.name.startswith("."))
    assert len(corpus) == n_files == 43


def test_corpus_metadata_and_clean_text(corpus):
    for a in corpus:
        name = Path(a.path).name
        assert a.title.strip(), name
        assert a.title not in a.text.split("\n"), name  # the title is not part of the text
        if name in UNDATED:
            assert a.published_at is None, name  # no date in the file: none invented
        else:
            assert a.published_at and ISO_WITH_ZONE.match(a.published_at), (name, a.published_at)
        assert a.format in ("jekyll", "hexo", "markdown"), (name, a.format)
        assert len(a.text) > 20, name
        m = TAG_REMNANT.search(a.text)
        assert m is None, (name, m and a.text[max(0, m.start() - 30):m.end() + 30])
        for junk in BOILERPLATE:
            assert junk not in a.text, (name, junk)
        assert "\u3000" not in a.text and "  " not in a.text and "\n\n" not in a.text, name
        # markdown syntax reduced (a lone "A**" in moxie is the article's own redaction)
        assert "](" not in a.text and not re.search(r"\*\*[^*\n]+\*\*|^#+ |^> ", a.text, re.M), name
        assert a.id.startswith("article:"), name


def test_corpus_spans(corpus):
    for a in corpus:
        _check_spans(a)


def test_corpus_formats(corpus):
    by_name = {Path(a.path).name: a for a in corpus}
    assert by_name["neg-finews-ff-cash-ff91.md"].format == "jekyll"
    assert by_name["004_0b5ff16f295c3703.txt"].format == "hexo"
    assert by_name["moxie-password-storage-verdict.md"].format == "markdown"
    # Jekyll dates without a zone are China Standard Time
    assert by_name["neg-finews-ff-cash-ff91.md"].published_at == "2021-12-08T10:18:31+08:00"
    # markdown without front matter: the first heading is the title, link syntax reduced
    moxie = by_name["moxie-password-storage-verdict.md"]
    assert moxie.title == "非法存储公民账号密码2000万余条!魔蝎数据爬虫案判了！"
    assert "杭州市西湖区人民法院 刑事判决书（2020）浙0106刑初437号" in moxie.text
    assert "baijiahao.baidu.com" not in moxie.text  # reference definitions dropped
    kuaige = by_name["kuaige-crawler-residence-permit-verdict.md"]
    assert "“网络爬虫”失控，CTO和程序员双双涉刑的案例" in kuaige.text
    assert "[1]" not in kuaige.text
    # the front matter url of a crawler export
    freebuf = by_name["freebuf-cac-pi-compliance-audit-draft.md"]
    assert freebuf.url == "https://www.freebuf.com/news/373750.html"
    assert freebuf.source == "FreeBuf网络安全行业门户"
    assert "云安全\n" not in freebuf.text  # the site's navigation menu is gone
    assert "处理超过100万人个人信息的个人信息处理者，应当每年至少开展一次个人信息保护合规审计" in freebuf.text
    # nunjucks tags in a Hexo post are not text
    assert "credibility-index" not in by_name["nanke-sustech-dorm-face-complaint.md"].text


# ── the two seeds, sentence by sentence ─────────────────────────────────────────
SEED_000_SENTENCES = [
    "据上海市市场监管局消息，近日，上海小鹏汽车销售服务有限公司被徐汇区市场监督管理局罚款10万元。",
    "处罚事由为，当事人购买具有人脸识别功能的摄像设备22台安装在旗下门店，以此统计进店人数并分析男女比例、年龄等。",
    "今年1月至6月，小鹏汽车共采集上传人脸照片431623张，该行为未经得消费者同意，也无明示、告知消费者收集、使用目的，违反消费者权益保护法。",
    "对此，小鹏汽车官方回应称服从处罚，并向外界深表歉意。",
    "“此次事件，事出上海区域的门店希望通过对于门店客流等数据的收集与分析，改善接待流程，更好的服务于到店客户，"
    "但由于对相关法律条款的不熟悉，误采购并使用了违反了相关法律条款的第三方供应商(悠洛客)的产品。",
    "小鹏汽车对本次行政处罚表示完全服从，并对此事做出深刻反省”。",
    "至于早前采集的数据，小鹏称已全部删除，设备也早已拆除，“小鹏汽车不存在泄露或违法使用个人信息的情况，"
    "仅通过客流到访量等非个人关联的数字数据作为经营状况的参考”。",
    "财报显示，小鹏汽车2021年三季度实现营收57.2亿元，较2020年同期上升187.4%；",
    "普通股东应占净亏损为人民币15.95亿元，2020年同期为20.26亿元，亏损同比收窄21.3%，而2021年第二季度为人民币11.95亿元。",
    "交付方面，小鹏2021年第三季度汽车交付量为25,666辆，为季度新高并较2020年同期的8,578辆上升199.2%，"
    "以及较2021年第二季度的17,398辆上升47.5%。",
    "2021年第三季度P7交付量为19,731辆，为季度新高并较2021年第二季度的11,522辆上升71.2%。",
    "对于2021年第四季度，小鹏汽车预期，汽车交付量将介乎34,500至36,500辆，按年增长约166.1%至181.5%。",
    "总收入将介乎人民币71亿元至人民币75亿元，按年增长约149.0%至163.0%。",
    "值得一提的是，小鹏汽车在回应中所提及的第三方供应商悠洛客，曾被曝出摄像头滥用人脸数据。",
    "2021年，央视“3·15”晚会曝光部分商家安装人脸识别摄像头抓取包括性别、年龄在内的个人信息问题，其中就涉及悠络客等第三方技术服务商。",
    "据了解，悠洛客全称为“上海悠络客电子科技有限公司”，成立于2009年，是联网监控运营商，为连锁企业、物流行业、教育、政府等提供联网监控运营服务。",
    "其官网宣传页显示，悠洛客目前签约门店数量超过165.6万家。",
]

SEED_004_SENTENCES = [
    "据深圳福田政府在线网站12月3日消息，福田公安分局近期答复福田区七届人大七次会议“关于规范人脸识别数据管理的建议”称，"
    "目前，各企业、事业单位、社会组织，在各自的职责范围内开展的非公共区域人脸系统的建设、应用和管理，公安机关尚无抓手进行监管，"
    "人脸识别数据存在公共安全隐患。",
    "下一步，深圳市拟颁发《深圳经济特区公共安全视频图像信息系统管理条例》。",
    "福田公安分局在答复中表示，目前，深圳市公共区域人脸系统的“建设、维护、管理、应用”均由深圳市公安局统一牵头负责。",
    "相关的人脸数据统一存储在深圳公安内网，数据环境高密、安全、可靠。",
    "所有数据的查询、应用均需要报批深圳市公安局统一审核通过。",
    "福田公安分局表示，目前，各企业、事业单位、社会组织，在各自的职责范围内开展的非公共区域人脸系统的建设、应用和管理，"
    "公安机关尚无抓手进行监管，人脸识别数据存在公共安全隐患。",
    "下一步，深圳市拟颁发《深圳经济特区公共安全视频图像信息系统管理条例》，该条例规定了公安机关是公共安全视频图像信息系统的主管部门，"
    "负责公共安全视频图像信息系统的统筹规划和监督管理。",
    "进一步明确各部门职责，公安机关即可依据该条例，对未经过审批擅自安装数据采集设备或擅自应用人脸识别数据等危害数据公共安全的行为"
    "依法进行处罚、设备拆除及数据销毁。",
    "福田公安分局称，以上工作情况已经向市公安局对口单位视频警察支队报告，视频警察支队也正积极同相关部门沟通该项工作。",
    "据圳特媒体今年8月底报道，《深圳经济特区公共安全视频图像信息系统管理条例（草案修改二稿）》提请市人大常委会会议审议。",
    "《条例（草案修改二稿）》完善了查阅、调取和复制系统信息的程序和要求，明确建立公共安全视频图像信息保护投诉举报处理机制。",
    "同时，人脸识别系统不能想装就装，必须符合法律、法规的规定条件。",
    "否则，由公安机关责令限期改正，并对个人处以1万元以上5万元以下罚款，对单位处以5万元以上20万元以下罚款，"
    "对直接负责人主管人员和其他直接责任人员处以1万元以上5万元以下罚款。",
    "《条例（草案修改二稿）》规定，公共浴室、卫生间、更衣室、试衣间、哺乳室；",
    "医疗机构的检查室、诊室、病房；",
    "旅馆客房、集体宿舍以及法律、法规、规章规定的其他场所或者区域等可能泄露公民隐私的场所或者区域禁止安装人脸识别系统。",
    "《条例（草案修改一稿）》中统一要求餐饮场所的公共区域建设安装系统，这一规定提升了餐饮场所的公共安全性，"
    "但从更深层次考虑，可能会过度增加公民、法人和其他组织的负担，且存在个人隐私保护的问题，"
    "因此《条例（草案修改二稿）》将原有餐饮场所相关内容予以删除。",
]


@pytest.mark.parametrize("path, expected", [(SEED_000, SEED_000_SENTENCES), (SEED_004, SEED_004_SENTENCES)],
                         ids=["seed000", "seed004"])
def test_seed_sentences_survive(path, expected):
    _need_corpus()
    a = _one(path)
    sentences = [s.of(a.text) for s in a.sentences]
    for want in expected:
        assert want in a.text, want
        assert any(want == got or want in got for got in sentences), want
    # nothing but these sentences: no boilerplate sentence slipped in
    assert sentences == expected


def test_seed_000_metadata():
    _need_corpus()
    a = _one(SEED_000)
    assert a.format == "jekyll"
    assert a.title == "违法采集43万余张人脸照片被罚 小鹏汽车致歉：未泄露或违法使用"
    assert a.source == "中华网财经"
    assert a.url == "http://choicewzp1.eastmoney.com/html_News/NewsShare.html?infoCode=NW202112142213322168"
    assert a.published_at == "2021-12-14T16:09:37+08:00"
    assert a.metadata["categories"] == ["zhonghuawangcaijing"]
    assert a.metadata["tags"] == ["中华网财经新闻"]
    assert "文章来源" not in a.text and "finews.withounder.com" not in a.text
    assert a.text.startswith("据上海市市场监管局消息")
    assert a.text.endswith("悠洛客目前签约门店数量超过165.6万家。")


def test_seed_004_metadata():
    _need_corpus()
    a = _one(SEED_004)
    assert a.format == "hexo"
    assert a.title == "深圳福田公安答_规范人脸识别_：尚无抓手监管企事业人脸系统"
    assert a.published_at == "2021-12-06T03:01:34+00:00"
    assert a.source == "新浪财经"
    assert a.metadata["author"] == "新浪财经"
    assert a.metadata["categories"] == ["金融", "新浪财经", "新浪财经－国內"]
    assert a.url is None  # the Hexo post carries no link
    assert "appendQr" not in a.text and "{" not in a.text


# ── stable ids ──────────────────────────────────────────────────────────────────
def test_ids_are_stable(tmp_path):
    _need_corpus()
    first = [a.id for a in iter_articles([str(ARTICLES)])]
    second = [a.id for a in iter_articles([str(ARTICLES)])]
    assert first == second
    assert len(set(first)) == len(first)  # 43 different articles, 43 ids
    other = tmp_path / "elsewhere" / "deeper"
    other.mkdir(parents=True)
    for src in (SEED_000, SEED_004, ARTICLES / "moxie-password-storage-verdict.md"):
        shutil.copy(src, other / src.name)
        assert _one(other / src.name).id == _one(src).id


def test_content_hash_changes_with_text_but_id_does_not():
    a = load_text("---\ntitle: 标题\ndate: 2021-01-01\n---\n第一句。\n", path="a.md")
    b = load_text("---\ntitle: 标题\ndate: 2021-01-01\n---\n第一句，更正后。\n", path="b.md")
    assert a.id == b.id
    assert a.content_hash != b.content_hash


# ── bad input: one clear LoadError per file, every other file still read ─────────
GOOD = "某公司因违规收集个人信息被罚款5万元。监管部门责令其限期整改。\n"


def _errors_and_articles(items):
    items = list(items)
    return ([x for x in items if isinstance(x, LoadError)], [x for x in items if isinstance(x, Article)])


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "a_empty.md").write_bytes(b"")
    (tmp_path / "b_blank.txt").write_text("  \n\u3000\t\n\n")
    (tmp_path / "c_good.txt").write_text(GOOD, encoding="utf-8")
    errors, articles = _errors_and_articles(iter_articles([str(tmp_path)]))
    assert [Path(e.path).name for e in errors] == ["a_empty.md", "b_blank.txt"]
    assert errors[0].reason == "empty file"
    assert "empty" in errors[1].reason and "whitespace" in errors[1].reason
    assert [Path(a.path).name for a in articles] == ["c_good.txt"]


def test_binary_file(tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    errors, articles = _errors_and_articles(iter_articles([str(tmp_path)]))
    assert [(Path(e.path).name, e.reason) for e in errors] == [("image.md", "binary file (not text)")]
    assert len(articles) == 1


def test_gbk_file_round_trip(tmp_path):
    text = ("---\ntitle: 某市通报违规App\ndate: 2021年12月14日\n---\n"
            "某市通信管理局通报了十款违规收集个人信息的App，要求在十五个工作日内完成整改。"
            "逾期未整改的，将依法予以处置。\n")
    p = tmp_path / "gbk.md"
    p.write_bytes(text.encode("gbk"))
    a = _one(p)
    assert "decoded as gb18030" in a.warnings
    assert a.title == "某市通报违规App"
    assert a.published_at == "2021-12-14T00:00:00+08:00"
    assert a.text == ("某市通信管理局通报了十款违规收集个人信息的App，要求在十五个工作日内完成整改。"
                      "逾期未整改的，将依法予以处置。")
    # the same article as UTF-8 gives the same id and the same text
    p2 = tmp_path / "utf8" / "gbk.md"
    p2.parent.mkdir()
    p2.write_text(text, encoding="utf-8")
    b = _one(p2)
    assert (b.id, b.text) == (a.id, a.text)
    assert b.warnings == []


def test_gb18030_only_characters(tmp_path):
    text = "㐀㐁是扩展A区的汉字，GBK没有，GB18030有。这个文件里还有更多的中文句子，用来识别编码。\n"
    p = tmp_path / "ext.txt"
    p.write_bytes(text.encode("gb18030"))
    a = _one(p)
    assert "㐀㐁" in a.text and "decoded as gb18030" in a.warnings


def test_damaged_utf8(tmp_path):
    body = "某公司因违规收集个人信息被罚款5万元。监管部门责令其限期整改。".encode("utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(body[:-1])  # cut inside the last character
    a = _one(cut)
    assert a.text == "某公司因违规收集个人信息被罚款5万元。监管部门责令其限期整改"
    assert any("truncated" in w for w in a.warnings)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(body[:30] + b"\xff" + body[30:])
    b = _one(bad)
    assert "\ufffd" in b.text and any("invalid UTF-8" in w for w in b.warnings)


def test_utf8_bom_is_stripped(tmp_path):
    p = tmp_path / "bom.md"
    p.write_bytes(b"\xef\xbb\xbf---\ntitle: \xe5\xb8\xa6BOM\xe7\x9a\x84\xe6\x96\x87\xe4\xbb\xb6\n---\n"
                  + GOOD.encode("utf-8"))
    a = _one(p)
    assert a.title == "带BOM的文件"
    assert "\ufeff" not in a.text and not a.warnings
    assert a.text == GOOD.strip()


def test_invalid_yaml_front_matter_falls_back_to_body():
    a = _one(FIXTURES / "bad_yaml.md")
    assert any(w.startswith("invalid YAML front matter:") and "read the body without it" in w
               for w in a.warnings), a.warnings
    assert a.text == "某地市场监管局对一家超市处以5万元罚款。该超市安装的人脸识别摄像头未经顾客同意采集人脸信息。"
    assert a.title == "引号没有闭合"  # salvaged from the plain "key: value" line
    assert a.published_at == "2021-12-14T16:09:37+08:00"


def test_truncated_html_reads_what_is_there(tmp_path):
    a = _one(FIXTURES / "truncated.html")
    assert any("cut off" in w for w in a.warnings), a.warnings
    assert a.title == "某公司因泄露用户信息被罚"
    assert "据报道，某公司因未履行个人信息保护义务被处以罚款20万元。" in a.text
    assert a.text.endswith("影响用户超过3万")
    # cut inside a tag, in a Hexo-style body
    p = tmp_path / "cut.md"
    p.write_text("---\ntitle: 半截\ndate: Mon, 06 Dec 2021 03:01:34 GMT\nauthor: 新浪财经\n---\n"
                 "<div><p>第一段完整。</p><p>第二段到这里被截断<a hr", encoding="utf-8")
    b = _one(p)
    assert any("cut off" in w for w in b.warnings), b.warnings
    assert b.text == "第一段完整。\n第二段到这里被截断"
    # truncated before any text: an error, not an empty article
    q = tmp_path / "nothing.html"
    q.write_text("<html><head><title>x</title></head><body><div class=", encoding="utf-8")
    [err] = load_file(str(q))
    assert isinstance(err, LoadError) and "no article text" in err.reason


def test_file_over_max_bytes_is_not_read(tmp_path, monkeypatch):
    big = tmp_path / "big.md"
    with open(big, "wb") as f:
        f.truncate(25_300_000)  # sparse: 25.3 MB without writing them
    (tmp_path / "small.md").write_text(GOOD, encoding="utf-8")
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    errors, articles = _errors_and_articles(iter_articles([str(tmp_path)]))
    monkeypatch.setattr(builtins, "open", real_open)
    assert [(Path(e.path).name, e.reason) for e in errors] == [
        ("big.md", "file is 25.3 MB, over the 20 MB limit (--max-bytes)")]
    assert str(big) not in opened
    assert len(articles) == 1
    [err] = load_file(str(big), max_bytes=5_000_000)
    assert err.reason == "file is 25.3 MB, over the 5 MB limit (--max-bytes)"


def test_jsonl_bad_lines_reported_with_line_numbers():
    items = load_file(str(FIXTURES / "records.jsonl"))
    errors, articles = _errors_and_articles(items)
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (3, "not valid JSON"), (5, "record has no 'content' or 'html' text")]
    assert all(str(e).startswith(str(FIXTURES / "records.jsonl") + ":") for e in errors)
    assert [a.title for a in articles] == ["甲公司违规收集人脸信息被罚", "乙平台下架整改", "丙银行App过度索权"]
    first, second, third = articles
    assert first.url == "https://example.com/a.html"  # whitespace and fragment dropped
    assert first.source == "示例日报" and first.format == "jsonl"
    assert first.published_at == "2021-12-14T16:09:37+08:00"
    assert first.text == "甲公司违规收集人脸信息被罚10万元。\n监管部门称，甲公司未经同意采集顾客照片。"
    assert second.text == "乙平台因违规收集个人信息被下架。\n整改完成后方可重新上架。"
    assert second.published_at == "2021-07-04T00:00:00+08:00"
    assert third.published_at == "2022-08-09T07:47:51+00:00"
    for a in articles:
        _check_spans(a)


def test_jsonl_from_stdin():
    lines = [json.dumps({"title": "标准输入", "date": "2021-12-14", "source": "某报", "content": "第一句。第二句。"},
                        ensure_ascii=False), "{broken", ""]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    for stream in (io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"), io.BytesIO(data), io.StringIO(data.decode())):
        items = list(iter_articles(["-"], stdin=stream))
        errors, articles = _errors_and_articles(items)
        assert [a.title for a in articles] == ["标准输入"]
        assert [s.of(articles[0].text) for s in articles[0].sentences] == ["第一句。", "第二句。"]
        assert articles[0].path == "-"
        assert [(e.path, e.line) for e in errors] == [("-", 2)]


def test_json_array_file(tmp_path):
    p = tmp_path / "records.json"
    p.write_text(json.dumps([{"title": "一", "content": "第一篇。"}, {"title": "二", "html": "<p>第二篇。</p>"}],
                            ensure_ascii=False), encoding="utf-8")
    assert [a.text for a in load_file(str(p))] == ["第一篇。", "第二篇。"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_permission(tmp_path):
    p = tmp_path / "secret.md"
    p.write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    p.chmod(0)
    try:
        errors, articles = _errors_and_articles(iter_articles([str(tmp_path)]))
    finally:
        p.chmod(0o644)
    assert [Path(e.path).name for e in errors] == ["secret.md"]
    assert "Permission denied" in errors[0].reason
    assert len(articles) == 1


def test_unreadable_file_reports_os_reason(tmp_path, monkeypatch):
    """The same case without relying on file modes (tests may run as root)."""
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(secret):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    errors, articles = _errors_and_articles(iter_articles([str(tmp_path)]))
    monkeypatch.setattr(builtins, "open", real_open)
    assert [(Path(e.path).name, e.reason) for e in errors] == [("secret.md", "cannot read: Permission denied")]
    assert len(articles) == 1


def test_missing_path_and_empty_glob(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    items = list(iter_articles([str(tmp_path / "nope.md"), str(good), str(tmp_path / "none-*.md")]))
    assert isinstance(items[0], LoadError) and items[0].reason == "no such file or directory"
    assert items[0].path == str(tmp_path / "nope.md")
    assert isinstance(items[1], Article)
    assert isinstance(items[2], LoadError) and "no files match" in items[2].reason


def test_mixed_folder_every_good_file_is_read(tmp_path):
    (tmp_path / "1.md").write_bytes(b"")
    (tmp_path / "2.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "3.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "4.txt").write_bytes(GOOD.encode("gb18030"))
    (tmp_path / "5.jsonl").write_text('{"title": "t", "content": "正文。"}\nnot json\n', encoding="utf-8")
    (tmp_path / "6.md").write_text("---\ntitle: [unclosed\n---\n" + GOOD, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)]))
    kinds = [(Path(x.path).name, type(x).__name__) for x in items]
    assert kinds == [("1.md", "LoadError"), ("2.md", "LoadError"), ("3.md", "Article"), ("4.txt", "Article"),
                     ("5.jsonl", "Article"), ("5.jsonl", "LoadError"), ("6.md", "Article")]


# ── folders, globs, filters ─────────────────────────────────────────────────────
def test_folder_of_3000_files_streams(tmp_path, monkeypatch):
    root = tmp_path / "many"
    for d in range(3):
        sub = root / f"d{d}"
        sub.mkdir(parents=True)
        for i in range(1000):
            (sub / f"{i:04d}.txt").write_text(f"第{d}组第{i}篇\n\n内容{i}。\n", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text(GOOD, encoding="utf-8")
    (root / ".dotfile.md").write_text(GOOD, encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    t0 = time.perf_counter()
    it = iter_articles([str(root)])
    first = next(it)  # streamed: the first article comes before the other files are opened
    assert isinstance(first, Article) and first.path == os.path.join(str(root), "d0/0000.txt")
    assert len(opened) == 1
    rest = list(it)
    monkeypatch.setattr(builtins, "open", real_open)
    elapsed = time.perf_counter() - t0
    items = [first] + rest
    assert len(items) == 3000 and all(isinstance(x, Article) for x in items)
    assert [x.path for x in items[:3]] == [os.path.join(str(root), f"d0/{i:04d}.txt") for i in range(3)]
    assert items[-1].path == os.path.join(str(root), "d2/0999.txt")
    assert len({a.id for a in items}) == 3000  # titled: "第d组第i篇" + no date
    assert items[0].title == "第0组第0篇"
    assert elapsed < 30, elapsed


def test_include_exclude_and_glob(tmp_path):
    for rel in ("a/one.md", "a/two.txt", "b/three.md", "b/skip/four.md", "c.html"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(GOOD if not rel.endswith(".html") else f"<p>{GOOD}</p>", encoding="utf-8")
    names = lambda items: [os.path.relpath(x.path, tmp_path) for x in items]  # noqa: E731
    assert names(iter_articles([str(tmp_path)])) == ["a/one.md", "a/two.txt", "b/skip/four.md", "b/three.md", "c.html"]
    assert names(iter_articles([str(tmp_path)], include=["*.md"])) == ["a/one.md", "b/skip/four.md", "b/three.md"]
    assert names(iter_articles([str(tmp_path)], exclude=["skip", "*.txt"])) == ["a/one.md", "b/three.md", "c.html"]
    assert names(iter_articles([str(tmp_path)], include=["a/*"])) == ["a/one.md", "a/two.txt"]
    assert names(iter_articles([str(tmp_path / "*" / "*.md")])) == ["a/one.md", "b/three.md"]
    assert names(iter_articles([str(tmp_path / "**" / "*.md")])) == ["a/one.md", "b/skip/four.md", "b/three.md"]


def test_path_is_as_given(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [a] = list(iter_articles(["sub"]))
    assert a.path == os.path.join("sub", "x.md")
    [b] = list(iter_articles(["./sub/"]))
    assert b.path == "./sub/x.md"
    assert a.id == b.id


# ── formats ─────────────────────────────────────────────────────────────────────
def test_html_page_main_body_not_navigation():
    a = _one(FIXTURES / "page.html")
    assert a.format == "html"
    assert a.title == "某市网信办通报5款App违规收集个人信息"
    assert a.published_at == "2022-03-30T10:24:49+08:00"
    assert a.url == "https://news.example.com/2022/03/30/app.html"
    assert a.source == "示例网"
    assert a.text.split("\n") == [
        "3月29日，某市互联网信息办公室通报“泡泡乐”等5款App存在违法违规收集使用个人信息问题，责令其在15个工作日内完成整改。",
        "通报显示，上述App存在未经用户同意收集个人信息、超范围索取权限等问题。",
        "The regulator said the apps & their SDKs collected data without consent. Mr. Li confirmed it.",
    ]
    assert [s.of(a.text) for s in a.sentences][-2:] == [
        "The regulator said the apps & their SDKs collected data without consent.", "Mr. Li confirmed it."]


def test_plain_text_title_and_dateline():
    a = _one(FIXTURES / "plain.txt")
    assert a.format == "text"
    assert a.title == "某区法院判决一起侵犯公民个人信息案"
    assert a.published_at == "2021-12-14T16:09:00+08:00"
    assert a.source == "示例法治报"
    assert a.text.startswith("被告人张某通过网络非法购买公民个人信息5万余条")


def test_plain_text_dateline_with_media_name():
    a = load_text("某地法院一审宣判\n\n2020年11月21日\u3000示例新闻网\n\n法院判决被告删除原告的面部信息。\n", path="x.txt")
    assert (a.title, a.published_at, a.source) == ("某地法院一审宣判", "2020-11-21T00:00:00+08:00", "示例新闻网")
    assert a.text == "法院判决被告删除原告的面部信息。"


def test_markdown_without_front_matter():
    a = _one(FIXTURES / "case.md")
    assert a.format == "markdown"
    assert a.title == "某数据公司爬虫案判了"
    assert a.text.split("\n") == [
        "相关新闻", "某数据公司非法存储用户密码案一审宣判", "判决",
        "一、被告单位某数据科技有限公司犯侵犯公民个人信息罪，判处罚金人民币3000万元。",
        "二、被告人周某犯侵犯公民个人信息罪，判处有期徒刑三年，缓刑四年。",
        "本案涉及的数据多达2124万条，详见判决书。",
    ]
    assert a.metadata["links"] == ["https://example.com/news/1"]


def test_jekyll_post_cleaning():
    text = ("---\nlayout: post\ntitle: \"某股票新闻\"\ndate: 2021-12-08 10:18:31\ncategories: emnews\n"
            "tags: 东财滚动新闻\n---\n\n"
            "<!-- EM_StockImg_Start --><p><img alt=\"K图 XPEV_0\" src=\"x.png\"></p><!-- EM_StockImg_End -->"
            "<p>　　某公司&#123;公告&#125;称，已完成整改。</p><p class=\"em_media\">（文章来源：某某财经）</p>\n\n"
            "<http://finance.eastmoney.com/news/1,2.html#frag>\n\n"
            "[返回东财滚动新闻](../emnews/)\n[返回首页](../)\n")
    a = load_text(text, path="x.md")
    assert a.format == "jekyll"
    assert a.text == "某公司{公告}称，已完成整改。"
    assert a.source == "某某财经"
    assert a.url == "http://finance.eastmoney.com/news/1,2.html"
    assert a.published_at == "2021-12-08T10:18:31+08:00"


def test_wechat_reader_and_reading_lists_are_not_article_text():
    body = "某区市场监管局对某公司处以罚款5万元。该公司门店使用人脸识别摄像头收集顾客人脸信息。"
    text = ("---\ntitle: 某公司被罚\nurl: https://mp.weixin.qq.com/s?__biz=abc\nsource: 某公众号\n---\n\n"
            f"# 某公司被罚\n\n{body}\n\n处罚决定书显示，当事人已改正。\n\n推荐阅读\n\n某公司因数据泄露被罚\n\n"
            "微信扫一扫可打开此内容，\n使用完整服务\n\n视频\n\n小程序\n\n赞\n\n，轻点两下取消赞\n\n在看\n\n分享\n\n"
            "留言\n\n收藏\n\n听过\n")
    a = load_text(text, path="wechat.md")
    assert a.text == body + "\n处罚决定书显示，当事人已改正。"
    c = load_text("某公司被罚\n\n" + body + "\n\n分享到：\n\n发表评论\n\n相关文章\n\n谷歌、Meta 被罚\n", path="x.txt")
    assert c.text == body
    # a marker near the top is a heading, not the end of the article
    b = load_text("某公司被罚\n\n导语。\n\n推荐阅读\n\n" + body + "\n", path="x.txt")
    assert b.text == "导语。\n推荐阅读\n" + body


def test_whitespace_normalisation():
    a = load_text("标题\n\n　　第一段  有　多余的   空白。\nHello   big\n  world, this line is long enough to wrap\n"
                  "and continues here. 第二句\u00a0在这里。\n", path="w.txt")
    assert a.text == "第一段 有 多余的 空白。\nHello big\nworld, this line is long enough to wrap and continues here. 第二句 在这里。"


def test_load_text_errors():
    with pytest.raises(LoadFailure):
        load_text("   \n")
    with pytest.raises(LoadFailure, match="front matter only"):
        load_text("---\ntitle: x\n---\n\n")
    with pytest.raises(ValueError):
        load_text("abc", format="pdf")


# ── segmentation and dates ──────────────────────────────────────────────────────
@pytest.mark.parametrize("text, expected", [
    ("营收57.2亿元，同比上升187.4%。央视“3·15”晚会曝光。", ["营收57.2亿元，同比上升187.4%。", "央视“3·15”晚会曝光。"]),
    ("他说：“我们服从处罚。”随后道歉！真的吗？是的……好；再见",
     ["他说：“我们服从处罚。”", "随后道歉！", "真的吗？", "是的……", "好；", "再见"]),
    ("（谁会看用户协议啊？）。下一句。", ["（谁会看用户协议啊？）。", "下一句。"]),
    ("Mr. Smith left the U.S. on Monday. He said \"No!\" Then 3.5 million users left.",
     ["Mr. Smith left the U.S. on Monday.", "He said \"No!\"", "Then 3.5 million users left."]),
    ("访问 https://example.com/a?id=1 查看。完", ["访问 https://example.com/a?id=1 查看。", "完"]),
    ("第一行\n第二行。", ["第一行", "第二行。"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("raw, iso", [
    ("2021-12-14 16:09:37 +0800", "2021-12-14T16:09:37+08:00"),
    ("2021-12-08 10:18:31", "2021-12-08T10:18:31+08:00"),
    ("Mon, 06 Dec 2021 03:01:34 GMT", "2021-12-06T03:01:34+00:00"),
    ("2021年12月14日", "2021-12-14T00:00:00+08:00"),
    ("2021年12月14日 16:09", "2021-12-14T16:09:00+08:00"),
    ("2021-12-14T08:09:37Z", "2021-12-14T08:09:37+00:00"),
    ("2023-08-04", "2023-08-04T00:00:00+08:00"),
    ("not a date", None),
])
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso
