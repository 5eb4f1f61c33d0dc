"""Tests of the `kg explore` page: the HTML itself, and the page in headless Chromium.

Browser tests (marked ``browser``) need Chromium (``.ci/install-browser.sh``): they
skip without it, except under CI=true where a missing browser is a failure.

``python tests/test_explore.py [OUT.png]`` renders the fixture vendor graph and
saves a screenshot (default docs/explore.png).
"""

from __future__ import annotations

import html as htmllib
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.explore import (  # noqa: E402
    ARTICLE_HIDE_THRESHOLD,
    format_amount,
    node_caption,
    primary_label,
    render_explore_html,
)

HOSTILE = "<script>alert(1)</script>\"quotes'</script>'}) DETACH DELETE n //"
HOSTILE_ALIAS = "别名<script>alert(2)</script>'}) DETACH DELETE n //"
HOSTILE_TITLE = "标题</script><script>alert(3)</script>\"quotes' & 'x'}) DETACH DELETE n //"
VENDOR = "company:悠络客"
XPENG = "company:上海小鹏汽车销售服务有限公司"
SUPPLY_EVIDENCE = "上海小鹏汽车销售服务有限公司在门店安装了悠络客提供的人脸识别摄像设备。"
PENALTY_EVIDENCE = "徐汇区市场监督管理局对其作出罚款10万元的行政处罚。"
REF_EVIDENCE_A1 = "门店摄像头会在顾客进店10秒内抓取人脸信息。"
REF_EVIDENCE_A3 = "悠络客的系统可识别顾客身份、性别和年龄。"


# --------------------------------------------------------------------------- fixtures


def _node(nid, labels, **props):
    return {"id": nid, "labels": labels, "properties": props}


def _rel(rtype, start, end, sources=(), evidence=(), **props):
    p = dict(props)
    if rtype != "MENTIONS":
        p["sources"] = list(sources)
        p["evidence"] = list(evidence)
    return {"type": rtype, "start": start, "end": end, "properties": p}


def vendor_graph(hostile: bool = False) -> dict:
    """A camera vendor with five clients, penalties, an authority, a law and articles."""
    a1, a2, a3 = "article:a1", "article:a2", "article:a3"
    nodes = [
        _node(VENDOR, ["Company", "Organization"], name="悠络客",
              aliases=["悠洛客", "上海悠络客电子科技有限公司"], weak_aliases=[], roles=["vendor"]),
        _node(XPENG, ["Company", "Organization"], name="上海小鹏汽车销售服务有限公司",
              aliases=["小鹏汽车上海门店"], weak_aliases=["小鹏"]),
        _node("company:bmw", ["Company", "Organization"], name="宝马（上海）汽车销售有限公司",
              aliases=[], weak_aliases=["宝马"]),
        _node("company:kohler", ["Company", "Organization"], name="科勒（中国）投资有限公司",
              aliases=["科勒卫浴"], weak_aliases=["科勒"]),
        _node("company:maxmara", ["Company", "Organization"], name="麦丝玛拉商贸（中国）有限公司",
              aliases=["MaxMara"], weak_aliases=[]),
        _node("company:hostile" if hostile else "company:lianjia", ["Company", "Organization"],
              name=HOSTILE if hostile else "上海链家房地产经纪有限公司",
              aliases=[HOSTILE_ALIAS] if hostile else ["链家"], weak_aliases=[]),
        _node("authority:xuhui-amr", ["Authority", "Organization"], name="徐汇区市场监督管理局",
              aliases=["徐汇区市监局"], level="district", jurisdiction="上海市徐汇区"),
        _node("authority:sh-amr", ["Authority", "Organization"], name="上海市市场监督管理局",
              aliases=[], level="city"),
        _node("regulation:pipl", ["Regulation"], name="中华人民共和国个人信息保护法",
              aliases=["个人信息保护法", "个保法"], status="in force"),
        _node("regulation:cpl", ["Regulation"], name="消费者权益保护法", aliases=["消法"]),
        _node("penalty:xpeng", ["Penalty"], amount_cny=100000, kind="罚款", decided_at="2021-06-18",
              text="罚款10万元"),
        _node("penalty:kohler", ["Penalty"], amount_cny=None, kind="警告", text="责令改正并予以警告"),
        _node("penalty:bmw", ["Penalty"], amount_cny=250000.0, kind="罚款", text="罚款25万元"),
        _node("data:face", ["DataCategory"], name="人脸信息", aliases=["人脸识别信息"]),
        _node("location:xuhui", ["Location"], name="上海市徐汇区", level="district"),
        _node("media:cctv", ["Media", "Organization"], name="央视新闻", aliases=["CCTV"]),
        _node(a1, ["Article"], title=HOSTILE_TITLE if hostile else "3·15晚会曝光：多家门店用人脸识别摄像头偷偷抓取顾客信息",
              url="https://news.example.cn/2021/0315/face.html", published_at="2021-03-15T20:00:00+08:00",
              source="央视新闻"),
        _node(a2, ["Article"], title="小鹏汽车门店因违规采集人脸信息被罚10万元",
              url="javascript:alert(4)" if hostile else "http://finance.example.cn/a2.html",
              published_at="2021-06-20", source="澎湃新闻"),
        _node(a3, ["Article"], title="悠络客回应：摄像头人脸识别功能由客户自行开启",
              url="https://tech.example.cn/a3", published_at="2021-03-16", source="新京报"),
    ]
    clients = [XPENG, "company:bmw", "company:kohler", "company:maxmara",
               "company:hostile" if hostile else "company:lianjia"]
    rels = []
    for i, client in enumerate(clients):
        ev = SUPPLY_EVIDENCE if client == XPENG else f"该门店使用的人脸识别摄像头由悠络客提供（客户{i}）。"
        rels.append(_rel("SUPPLIED", VENDOR, client, [a1], [ev], product="人脸识别摄像设备"))
        rels.append(_rel("COLLECTED", client, "data:face", [a1], [f"顾客人脸信息被自动抓取（客户{i}）。"]))
    rels += [
        # evidence_refs as kg.graph writes them: parallel to evidence, "ARTICLE@START-END"
        _rel("COLLECTED", VENDOR, "data:face", [a1, a3], [REF_EVIDENCE_A1, REF_EVIDENCE_A3],
             evidence_refs=[f"{a1}@120-161", f"{a3}@0-24"]),
        _rel("IMPOSED_ON", "penalty:xpeng", XPENG, [a2], [PENALTY_EVIDENCE]),
        _rel("ISSUED_BY", "penalty:xpeng", "authority:xuhui-amr", [a2], [PENALTY_EVIDENCE]),
        _rel("CITES", "penalty:xpeng", "regulation:cpl", [a2], ["依据《消费者权益保护法》第五十六条。"]),
        _rel("IMPOSED_ON", "penalty:kohler", "company:kohler", [a1], ["科勒卫浴被责令改正。"]),
        _rel("ISSUED_BY", "penalty:kohler", "authority:sh-amr", [a1], ["上海市市场监督管理局予以警告。"]),
        _rel("IMPOSED_ON", "penalty:bmw", "company:bmw", [a1], ["宝马门店被罚款25万元。"]),
        _rel("ISSUED_BY", "penalty:bmw", "authority:xuhui-amr", [a1], ["徐汇区市场监督管理局作出处罚。"]),
        _rel("CITES", "penalty:bmw", "regulation:pipl", [a1], ["违反《个人信息保护法》。"]),
        _rel("PART_OF", "authority:xuhui-amr", "authority:sh-amr", [a2], ["徐汇区市场监督管理局隶属上海市市场监督管理局。"]),
        _rel("JURISDICTION", "authority:xuhui-amr", "location:xuhui", [a2], ["徐汇区市场监督管理局。"]),
        _rel("LOCATED_IN", XPENG, "location:xuhui", [a2], ["位于徐汇区的小鹏汽车门店。"]),
        _rel("MENTIONS", a1, VENDOR),
        _rel("MENTIONS", a1, "media:cctv"),
        _rel("MENTIONS", a3, VENDOR),
        _rel("REPORTS", a2, "penalty:xpeng", [a2], [PENALTY_EVIDENCE]),
    ]
    return {"nodes": nodes, "relationships": rels}


def random_graph(n_nodes: int = 400, seed: int = 1) -> dict:
    """A ~400-node neighbourhood: a vendor, its clients, penalties, articles and the rest."""
    rng = random.Random(seed)
    mix = [("Company", 0.22), ("Authority", 0.08), ("Penalty", 0.15), ("Regulation", 0.04),
           ("DataCategory", 0.02), ("Location", 0.04), ("Media", 0.02), ("Article", 0.43)]
    nodes = [_node(VENDOR, ["Company", "Organization"], name="悠络客", aliases=["悠洛客"])]
    by_label: dict[str, list[str]] = {"Company": [VENDOR]}
    for label, share in mix:
        for i in range(round(share * (n_nodes - 1))):
            if len(nodes) >= n_nodes:
                break
            nid = f"{label.lower()}:{i}"
            if label == "Penalty":
                props = {"amount_cny": rng.choice([None, 50000, 100000, 1.5e6]), "kind": "罚款"}
            elif label == "Article":
                props = {"title": f"第{i}篇报道：某公司违规收集个人信息被查处", "url": f"https://example.cn/{i}",
                         "published_at": "2022-01-01", "source": "新闻"}
            else:
                props = {"name": f"{label}{i}号单位有限公司", "aliases": [f"别名{label}{i}"]}
            extra = ["Organization"] if label in ("Company", "Authority", "Media") else []
            nodes.append(_node(nid, [label] + extra, **props))
            by_label.setdefault(label, []).append(nid)
    while len(nodes) < n_nodes:
        nid = f"company:x{len(nodes)}"
        nodes.append(_node(nid, ["Company", "Organization"], name=f"补充公司{len(nodes)}"))
        by_label["Company"].append(nid)
    rels = []
    arts = by_label["Article"]

    def rel(t, s, e):
        rels.append(_rel(t, s, e, [rng.choice(arts)], [f"{t} 证据句 {len(rels)}。"]))

    for c in by_label["Company"][1:]:
        if rng.random() < 0.6:
            rel("SUPPLIED", VENDOR, c)
    for p in by_label["Penalty"]:
        rel("IMPOSED_ON", p, rng.choice(by_label["Company"]))
        rel("ISSUED_BY", p, rng.choice(by_label["Authority"]))
        if rng.random() < 0.5:
            rel("CITES", p, rng.choice(by_label["Regulation"]))
    for a in by_label["Authority"]:
        rel("JURISDICTION", a, rng.choice(by_label["Location"]))
    for c in by_label["Company"]:
        if rng.random() < 0.5:
            rel("COLLECTED", c, rng.choice(by_label["DataCategory"]))
    others = [n["id"] for n in nodes if not n["id"].startswith(("article:", "penalty:"))]
    for a in arts:
        for target in rng.sample(others, 2):
            rels.append(_rel("MENTIONS", a, target))
    return {"nodes": nodes, "relationships": rels}


# --------------------------------------------------------------------------- unit tests

DATA_RE = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    m = DATA_RE.search(page)
    assert m, "no graph-data element"
    return json.loads(m.group(1))


def model() -> dict:
    return yaml.safe_load((Path(__file__).resolve().parents[1] / "kg" / "data" / "model.yaml").read_text())


def test_page_is_self_contained():
    page = render_explore_html(vendor_graph(), center=VENDOR, title="悠络客")
    assert page.startswith("<!DOCTYPE html>")
    # No external scripts, style sheets, images, frames: nothing with src= or <link>.
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    # The graph library is inlined, and a CSP forbids any fetch.
    assert "vis-network" in page and "new vis.Network" in page
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert "'unsafe-inline'" not in page.split("script-src", 1)[1].split(";", 1)[0]


def test_csp_hashes_match_the_inline_scripts():
    import base64
    import hashlib

    page = render_explore_html(vendor_graph(), center=VENDOR)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    csp = htmllib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    for body in scripts:
        h = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{h}'" in csp


def test_json_data_round_trips():
    graph = vendor_graph()
    data = page_data(render_explore_html(graph, center=VENDOR, hops=3))
    assert data["center"] == VENDOR and data["hops"] == 3
    assert [n["id"] for n in data["nodes"]] == [n["id"] for n in graph["nodes"]]
    for got, want in zip(data["nodes"], graph["nodes"]):
        assert got["labels"] == want["labels"]
        assert got["properties"] == want["properties"]
    assert len(data["edges"]) == len(graph["relationships"])
    for got, want in zip(data["edges"], graph["relationships"]):
        assert (got["type"], got["from"], got["to"]) == (want["type"], want["start"], want["end"])
        assert got["properties"] == want["properties"]


def test_counts_in_markup():
    graph = vendor_graph()
    page = render_explore_html(graph, center=VENDOR)
    n, m = len(graph["nodes"]), len(graph["relationships"])
    assert f'<span id="node-count" data-count="{n}">{n}</span> nodes' in page
    assert f'<span id="rel-count" data-count="{m}">{m}</span> relationships' in page


def test_hostile_strings_are_escaped():
    graph = vendor_graph(hostile=True)
    graph["nodes"][0]["properties"]["note"] = "line\u2028sep\u2029end & <b>"
    page = render_explore_html(graph, center="company:hostile", title=HOSTILE)
    low = page.lower()
    assert "<script>alert" not in low
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Exactly our three script elements open and close; the data cannot end its element.
    assert low.count("<script") == 3 and low.count("</script") == 3
    m = DATA_RE.search(page)
    raw = m.group(1)
    for ch in "<>&\u2028\u2029":
        assert ch not in raw
    data = json.loads(raw)
    names = {n["id"]: n["properties"].get("name") for n in data["nodes"]}
    assert names["company:hostile"] == HOSTILE  # the data itself is intact
    assert data["nodes"][0]["properties"]["note"] == "line\u2028sep\u2029end & <b>"
    assert data["title"] == HOSTILE


def test_captions_and_labels():
    assert primary_label(["Organization", "Company", "App"]) == "Company"
    assert primary_label(["Penalty"]) == "Penalty"
    assert primary_label([]) == "Node"
    assert format_amount(100000) == "¥100,000"
    assert format_amount("1,500,000") == "¥1,500,000"
    assert format_amount(12.5) == "¥12.50"
    assert format_amount(None) is None and format_amount("n/a") is None
    assert node_caption(_node("p", ["Penalty"], amount_cny=100000, kind="罚款")) == "¥100,000"
    assert node_caption(_node("p", ["Penalty"], amount_cny=None, kind="警告")) == "警告"
    long_title = "小鹏汽车门店因违规采集人脸信息被罚10万元，监管部门称将继续严查"
    cap = node_caption(_node("a", ["Article"], title=long_title))
    assert cap.endswith("…") and len(cap) <= 16 and long_title.startswith(cap[:-1])
    assert node_caption(_node("a", ["Article"], title=long_title), short=False) == long_title
    assert node_caption(_node("c", ["Company", "Organization"], name="悠络客")) == "悠络客"


def test_colours_come_from_the_model():
    data = page_data(render_explore_html(vendor_graph(), center=VENDOR))
    colours = {lab: spec["color"] for lab, spec in model()["labels"].items()}
    assert data["labels"], "legend is empty"
    for entry in data["labels"]:
        assert entry["color"] == colours[entry["name"]]
    assert [e["name"] for e in data["labels"]] == [lab for lab in colours if lab in {e["name"] for e in data["labels"]}]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[VENDOR]["degree"] == 8 and by_id["penalty:xpeng"]["caption"] == "¥100,000"


def test_articles_hidden_by_default_only_for_big_graphs():
    small = page_data(render_explore_html(vendor_graph(), center=VENDOR))
    assert not any(e["hidden"] for e in small["labels"])
    big_graph = random_graph(400)
    assert len(big_graph["nodes"]) == 400 > ARTICLE_HIDE_THRESHOLD
    big = page_data(render_explore_html(big_graph, center=VENDOR))
    assert {e["name"]: e["hidden"] for e in big["labels"]}["Article"] is True
    assert sum(e["hidden"] for e in big["labels"]) == 1


def test_dangling_edges_and_duplicate_nodes():
    graph = vendor_graph()
    graph["nodes"].append(_node(VENDOR, ["Company", "App"], name="dup", extra="x"))
    graph["relationships"].append(_rel("SUPPLIED", VENDOR, "company:not-in-cut", ["a"], ["x"]))
    data = page_data(render_explore_html(graph, center=VENDOR))
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids)) == len(graph["nodes"]) - 1
    vendor = data["nodes"][0]
    assert vendor["properties"]["name"] == "悠络客" and vendor["properties"]["extra"] == "x"
    assert "App" in vendor["labels"]
    assert len(data["edges"]) == len(graph["relationships"]) - 1


def test_empty_graph_and_unknown_centre():
    page = render_explore_html({"nodes": [], "relationships": []}, center="nope")
    data = page_data(page)
    assert data["center"] is None and data["nodes"] == [] and data["edges"] == []
    assert 'data-count="0"' in page


def test_assets_are_package_data():
    from importlib import resources

    static = resources.files("kg").joinpath("static")
    js = static.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    assert "@version 10." in js[:400]
    for name in ("vis-network.LICENSE-MIT", "vis-network.LICENSE-APACHE-2.0", "explore.js", "explore.css"):
        assert static.joinpath(name).is_file(), name
    page_js = static.joinpath("explore.js").read_text(encoding="utf-8")
    assert "innerHTML" not in page_js and "insertAdjacentHTML" not in page_js
    assert "document.write" not in page_js and "eval(" not in page_js


# --------------------------------------------------------------------------- browser tests

from browser import Browser, find_chromium  # noqa: E402


@pytest.fixture(scope="module")
def chromium():
    if find_chromium() is None:
        msg = "headless Chromium not found: run .ci/install-browser.sh (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    with Browser.launch() as b:
        yield b


@pytest.fixture
def open_page(chromium, tmp_path):
    pages = []

    def _open(graph, center=VENDOR, title="", width=1280, height=800):
        path = tmp_path / f"page{len(pages)}.html"
        path.write_text(render_explore_html(graph, center=center, title=title), encoding="utf-8")
        page = chromium.new_page(width=width, height=height)
        pages.append(page)
        page.goto(path)
        page.wait_for("window.kgStabilized === true", timeout=60)
        page.file_url = path.resolve().as_uri()
        return page

    yield _open
    for p in pages:
        p.close()


def node_point(page, node_id):
    """Bring a node to the middle of the view and return its viewport coordinates."""
    js = json.dumps(node_id)
    page.evaluate(f"kgNetwork.focus({js}, {{scale: 1.3, animation: false}})")
    return page.evaluate(
        f"""(() => {{
        const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([{js}])[{js}]);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }})()"""
    )


def panel_text(page):
    return page.evaluate("document.getElementById('panel').textContent")


def assert_clean(page):
    assert page.errors == [], page.errors
    assert page.dialogs == [], page.dialogs
    foreign = [u for u in page.requests if u != page.file_url]
    assert foreign == [], f"the page tried to fetch {foreign}"


@pytest.mark.browser
def test_page_renders(open_page):
    graph = vendor_graph()
    page = open_page(graph)
    assert page.evaluate("document.querySelectorAll('#graph canvas').length") == 1
    assert page.evaluate("document.querySelector('#graph canvas').width") > 100
    shown = page.evaluate("+document.getElementById('node-count').dataset.count")
    assert shown == len(graph["nodes"])
    assert page.evaluate("document.getElementById('node-count').textContent") == str(len(graph["nodes"]))
    assert page.evaluate("+document.getElementById('rel-count').dataset.count") == len(graph["relationships"])
    assert page.evaluate("kgNodes.length") == len(graph["nodes"])
    assert page.evaluate("+document.getElementById('visible-count').dataset.count") == len(graph["nodes"])
    # laid out and frozen
    assert page.evaluate("kgNetwork.physics.options.enabled") is False
    assert_clean(page)


@pytest.mark.browser
def test_click_node_shows_evidence(open_page):
    page = open_page(vendor_graph())
    x, y = node_point(page, XPENG)
    page.click(x, y)
    page.wait_for(f"document.getElementById('panel').dataset.id === {json.dumps(XPENG)}", timeout=10)
    text = panel_text(page)
    assert "上海小鹏汽车销售服务有限公司" in text
    assert SUPPLY_EVIDENCE in text and PENALTY_EVIDENCE in text
    assert "小鹏" in text and "Company" in text  # weak alias and label
    # source articles: title with a safe link and the date
    links = page.evaluate(
        "[...document.querySelectorAll('#panel a')].map(a => [a.textContent, a.href, a.rel, a.target])"
    )
    assert ["小鹏汽车门店因违规采集人脸信息被罚10万元", "http://finance.example.cn/a2.html",
            "noopener noreferrer", "_blank"] in links
    assert "2021-06-20" in text
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [XPENG]
    assert_clean(page)


@pytest.mark.browser
def test_click_edge_shows_type_and_evidence(open_page):
    page = open_page(vendor_graph())
    edge_id = page.evaluate(
        "kgEdges.get().find(e => e.from === %s && e.to === %s && e.label === 'SUPPLIED').id"
        % (json.dumps(VENDOR), json.dumps(XPENG))
    )
    # Hide every other edge's neighbourhood from the click: zoom onto the edge's middle.
    x, y = page.evaluate(
        f"""(() => {{
        const e = kgNetwork.body.edges[{json.dumps(edge_id)}];
        const m = e.edgeType.getPoint(0.35);
        kgNetwork.moveTo({{position: m, scale: 1.5, animation: false}});
        const p = kgNetwork.canvasToDOM(m);
        const r = document.getElementById('graph').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }})()"""
    )
    page.click(x, y)
    page.wait_for(f"document.getElementById('panel').dataset.id === {json.dumps(edge_id)}", timeout=10)
    text = panel_text(page)
    assert "SUPPLIED" in text and "人脸识别摄像设备" in text and SUPPLY_EVIDENCE in text
    assert "悠络客" in text and "上海小鹏汽车销售服务有限公司" in text
    assert_clean(page)


@pytest.mark.browser
def test_evidence_is_attributed_to_its_article(open_page):
    graph = vendor_graph()
    page = open_page(graph)
    edge_id = page.evaluate(
        "kgEdges.get().find(e => e.from === %s && e.to === 'data:face').id" % json.dumps(VENDOR))
    page.evaluate(f"kgShowEdge({json.dumps(edge_id)})")
    quotes = page.evaluate("[...document.querySelectorAll('#panel blockquote')].map(q => q.textContent)")
    titles = {n["id"]: n["properties"]["title"] for n in graph["nodes"] if "Article" in n["labels"]}
    assert quotes == [REF_EVIDENCE_A1 + "— " + titles["article:a1"],
                      REF_EVIDENCE_A3 + "— " + titles["article:a3"]]
    assert_clean(page)


@pytest.mark.browser
def test_label_toggle_hides_nodes(open_page):
    graph = vendor_graph()
    page = open_page(graph)
    penalties = [n["id"] for n in graph["nodes"] if "Penalty" in n["labels"]]
    assert penalties
    x, y = page.evaluate(
        """(() => { const r = document.querySelector('input[data-label="Penalty"]').getBoundingClientRect();
                     return [r.left + r.width / 2, r.top + r.height / 2]; })()"""
    )
    page.click(x, y)
    assert page.evaluate("document.querySelector('input[data-label=\"Penalty\"]').checked") is False
    hidden = page.evaluate(f"kgNodes.get({json.dumps(penalties)}).map(n => n.hidden)")
    assert hidden == [True] * len(penalties)
    assert page.evaluate(f"kgNodes.get({json.dumps(VENDOR)}).hidden") is False
    visible = page.evaluate("+document.getElementById('visible-count').dataset.count")
    assert visible == len(graph["nodes"]) - len(penalties)
    # their relationships are hidden too, and they come back
    assert page.evaluate("kgEdges.get().filter(e => e.from.startsWith('penalty:')).every(e => e.hidden)")
    page.click(x, y)
    assert page.evaluate(f"kgNodes.get({json.dumps(penalties)}).every(n => !n.hidden)")
    assert_clean(page)


@pytest.mark.browser
def test_search_finds_node_by_alias(open_page):
    page = open_page(vendor_graph(), center=XPENG)
    page.evaluate("document.getElementById('search').focus()")
    page.type_text("悠洛客")  # an alias of 悠络客
    page.press_enter()
    page.wait_for(f"document.getElementById('panel').dataset.id === {json.dumps(VENDOR)}", timeout=10)
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [VENDOR]
    assert page.evaluate("document.querySelector('#panel h2').textContent") == "悠络客"
    # weak aliases are searchable too; a miss says so
    page.evaluate("document.getElementById('search').value = '宝马'")
    page.evaluate("document.getElementById('search-button').click()")
    page.wait_for("document.getElementById('panel').dataset.id === 'company:bmw'", timeout=10)
    page.evaluate("document.getElementById('search').value = '不存在的公司'")
    page.evaluate("document.getElementById('search-button').click()")
    assert "No node matches" in page.evaluate("document.getElementById('search-results').textContent")
    assert_clean(page)


@pytest.mark.browser
def test_hostile_strings_stay_text(open_page):
    graph = vendor_graph(hostile=True)
    page = open_page(graph, center="company:hostile", title=HOSTILE)
    assert page.evaluate("document.title") == HOSTILE
    assert page.evaluate("document.getElementById('page-title').textContent") == HOSTILE
    assert page.evaluate("document.scripts.length") == 3
    x, y = node_point(page, "company:hostile")
    page.click(x, y)
    page.wait_for("document.getElementById('panel').dataset.id === 'company:hostile'", timeout=10)
    assert page.evaluate("document.querySelector('#panel h2').textContent") == HOSTILE
    chips = page.evaluate("[...document.querySelectorAll('#panel .alias')].map(c => c.textContent)")
    assert HOSTILE_ALIAS in chips
    assert HOSTILE_TITLE in panel_text(page)  # the article title, as text
    assert page.evaluate("document.querySelectorAll('#panel script, #panel b, #panel img').length") == 0
    # a javascript: URL never becomes a link
    page.evaluate("kgFocusNode('article:a2')")
    assert page.evaluate("[...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length") == 0
    assert "javascript:alert(4)" in panel_text(page)
    # search with the hostile string itself
    page.evaluate(f"document.getElementById('search').value = {json.dumps(HOSTILE_ALIAS)}")
    page.evaluate("document.getElementById('search-button').click()")
    page.wait_for("document.getElementById('panel').dataset.id === 'company:hostile'", timeout=10)
    time.sleep(0.3)
    assert page.dialogs == []
    assert_clean(page)


@pytest.mark.browser
def test_large_graph_stabilises_and_stays_responsive(open_page):
    graph = random_graph(400)
    started = time.monotonic()
    page = open_page(graph)
    wall = time.monotonic() - started
    ms = page.evaluate("window.kgStabilizeMs")
    print(f"\n400-node graph: stabilised and frozen {ms} ms after script start ({wall:.1f} s incl. load)")
    assert ms < 30000
    n_articles = sum("Article" in n["labels"] for n in graph["nodes"])
    assert page.evaluate("+document.getElementById('node-count').dataset.count") == 400
    assert page.evaluate("+document.getElementById('visible-count').dataset.count") == 400 - n_articles
    assert page.evaluate("document.querySelector('input[data-label=\"Article\"]').checked") is False
    # still responsive: a click is answered quickly
    t = time.monotonic()
    x, y = node_point(page, VENDOR)
    page.click(x, y)
    page.wait_for(f"document.getElementById('panel').dataset.id === {json.dumps(VENDOR)}", timeout=10)
    assert time.monotonic() - t < 5
    # turning Articles on shows them
    page.evaluate("document.querySelector('input[data-label=\"Article\"]').click()")
    assert page.evaluate("+document.getElementById('visible-count').dataset.count") == 400
    assert_clean(page)


@pytest.mark.browser
def test_screenshot(open_page, tmp_path):
    page = open_page(vendor_graph())
    png = page.screenshot(tmp_path / "explore.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000


def save_screenshot(out: Path) -> None:
    import tempfile

    with Browser.launch() as b, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "explore.html"
        path.write_text(render_explore_html(vendor_graph(), center=VENDOR, hops=2), encoding="utf-8")
        page = b.new_page(width=1440, height=860, scale=1)
        page.goto(path)
        page.wait_for("window.kgStabilized === true", timeout=60)
        x, y = node_point(page, XPENG)
        page.click(x, y)
        page.wait_for(f"document.getElementById('panel').dataset.id === {json.dumps(XPENG)}")
        page.evaluate("kgNetwork.fit({animation: false})")
        time.sleep(0.3)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(out)
        assert not page.errors, page.errors
    print(f"wrote {out}")


if __name__ == "__main__":
    save_screenshot(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "explore.png")
