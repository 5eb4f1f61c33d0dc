"""Neo4j Browser assets (kg/browser): the GRASS style sheet and the ``:play`` guide.

* The style sheet is read with a port of Neo4j Browser 5.24's own GRASS parser and
  checked against kg/data/model.yaml (a colour and a caption per label and type).
* The guide's queries are run against a real Neo4j server loaded with samples/,
  with the guide's own ``:param`` values (evaluated on the server, as Browser does).
* The little CORS file server is checked over real HTTP; the Browser setting names
  are checked against the server's own list (``SHOW SETTINGS``).

docs/neo4j-browser.md says how the files are loaded and what was verified by hand.
"""
from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from kg import browser
from kg.model import model

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_VENDOR_ID = "company:上海悠络客电子科技有限公司"


# ----------------------------------------------------------------------------- GRASS


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser 5.24's ``parseGrass`` (app bundle, ``t.parseGrass``), in Python.

    Text outside braces (whitespace dropped) is the selector; quotes are dropped and
    protect braces; a declaration is kept only when it splits on ':' into exactly two.
    """
    in_quote = in_rule = nested = False
    key = value = ""
    raw: dict[str, str] = {}
    for ch in text:
        consumed = True
        if ch == "{":
            if in_quote:
                consumed = False
            elif in_rule:
                nested = True
            else:
                in_rule = True
        elif ch == "}":
            if in_quote:
                consumed = False
            elif nested:
                nested = False
            else:
                in_rule = False
                raw[key], key, value = value, "", ""
        elif ch in "'\"":
            in_quote = not in_quote
        else:
            consumed = False
        if not consumed:
            if in_rule:
                value += ch
            elif not ch.isspace():
                key += ch
    out = {}
    for sel, body in raw.items():
        props = {}
        for decl in body.split(";"):
            parts = decl.split(":")
            if len(parts) == 2:
                props[parts[0].strip()] = parts[1].strip()
        out[sel] = props
    return out


@pytest.fixture(scope="module")
def grass_file() -> str:
    assert browser.STYLE_PATH.name == "style.grass"  # Browser's drop zone wants ".grass"
    return browser.STYLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules(grass_file) -> dict[str, dict[str, str]]:
    return parse_grass(grass_file)


def test_committed_style_sheet_is_the_generated_one(grass_file):
    assert grass_file == browser.grass_text(), (
        "kg/browser/style.grass is out of date: run `python -m kg.browser grass --write`")


def test_style_sheet_is_plain_grass_that_browser_parses_whole(grass_file, rules):
    # no comments (Browser's parser has none: they would glue onto the next selector),
    # single quotes only (the drag-and-drop parser knows no double quotes)
    assert "/*" not in grass_file and "//" not in grass_file and '"' not in grass_file
    declared = len(re.findall(r";\s*$", grass_file, re.M))
    assert declared == sum(len(p) for p in rules.values()), "a declaration was dropped by the parser"
    assert all(re.fullmatch(r"(node|relationship)(\.[A-Za-z_]+)?", sel) for sel in rules)
    # the base rules: a loaded sheet replaces Browser's defaults, sizes must stay defined
    for key in ("diameter", "color", "border-color", "border-width", "text-color-internal", "font-size"):
        assert key in rules["node"]
    for key in ("color", "shaft-width", "font-size", "padding", "text-color-external", "caption"):
        assert key in rules["relationship"]


def test_every_label_has_its_model_colour_and_a_caption_of_existing_properties(rules):
    m = model()
    for label, spec in m.labels.items():
        rule = rules.get(f"node.{label}")
        assert rule, f"no selector node.{label}"
        assert rule["color"].lower() == spec["color"].lower(), label
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", rule["border-color"]), label
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", rule["text-color-internal"]), label
        assert re.fullmatch(r"\d+px", rule["diameter"]) and re.fullmatch(r"\d+px", rule["font-size"])
        placeholders = re.findall(r"\{([^{}]*)\}", rule["caption"])
        assert placeholders, f"node.{label} caption {rule['caption']!r} shows no property"
        for prop in placeholders:
            assert prop in spec["properties"], f"node.{label} caption uses unknown {prop!r}"
    assert rules["node.Company"]["caption"] == "{name}"
    assert rules["node.Article"]["caption"] == "{title}"
    assert "{amount_cny}" in rules["node.Penalty"]["caption"]


def test_secondary_labels_are_styled_before_the_main_ones(rules):
    """Browser applies matching rules in order, and gives a label without a rule a colour
    of its own: Organization/App need rules, placed before Company so Company's wins."""
    m = model()
    order = list(rules)
    first_main = min(order.index(f"node.{label}") for label in m.labels)
    for sec in m.secondary_labels:
        assert f"node.{sec}" in rules and "color" in rules[f"node.{sec}"]
        assert order.index(f"node.{sec}") < first_main
        carriers = [lab for lab, spec in m.labels.items() if sec in spec.get("extra_labels", [])]
        carriers = carriers or ["Company"]  # App is only put on companies
        for prop in re.findall(r"\{([^{}]*)\}", rules[f"node.{sec}"]["caption"]):
            assert all(prop in m.labels[c]["properties"] for c in carriers)


def test_every_relationship_type_has_a_rule_showing_its_type(rules):
    for rel_type, ends in model().relationships.items():
        rule = rules.get(f"relationship.{rel_type}")
        assert rule, f"no selector relationship.{rel_type}"
        assert rule["caption"] == "<type>"
        assert rule["color"].lower() == model().labels[ends["from"][0]]["color"].lower()


# ----------------------------------------------------------------------------- guide (static)


@pytest.fixture(scope="module")
def guide_html() -> str:
    return browser.GUIDE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blocks(guide_html):
    return browser.guide_blocks(guide_html)


def _queries(blocks):
    return [b for b in blocks if not b.is_command]


def test_guide_has_browser_guide_structure(guide_html, blocks):
    assert '<article class="guide">' in guide_html
    assert re.search(r'<carousel class="deck container-fluid">', guide_html)
    slides = re.findall(r'<slide class="row-fluid">', guide_html)
    assert len(slides) >= 6
    assert "<script" not in guide_html.lower()  # Browser strips scripts anyway
    assert {b.slide for b in blocks} == set(range(1, len(slides) + 1)), "a slide without a runnable block"
    assert any(b.text.startswith(":style http") for b in blocks)
    text = re.sub(r"<[^>]+>", " ", guide_html)
    assert re.search(r"[\u4e00-\u9fff]{4}", text) and "penalties" in text  # Chinese and English


def test_guide_queries_use_only_model_labels_types_and_defined_params(blocks):
    m = model()
    params = browser.guide_params(blocks)
    assert {"vendor", "q", "year", "company"} <= set(params)
    assert params["vendor"] == "'悠络客'"
    known_labels = set(m.all_labels())
    for b in _queries(blocks):
        for group in re.findall(r"\(\s*\w*\s*((?::\s*\w+)+)", b.text):
            for label in re.findall(r":\s*(\w+)", group):
                assert label in known_labels, f"slide {b.slide}: unknown label {label}"
        for group in re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", b.text):
            for rel_type in group.split("|"):
                assert rel_type in m.relationships, f"slide {b.slide}: unknown type {rel_type}"
        for quoted in re.findall(r"'([A-Z][A-Z_]{3,})'", b.text):
            assert quoted in m.relationships, f"slide {b.slide}: unknown type {quoted!r}"
        for name in re.findall(r"\$(\w+)", b.text):
            assert name in params, f"slide {b.slide}: ${name} has no :param in the guide"


def test_guide_statements_run_as_browser_sends_them(blocks):
    """One statement per block (Browser would split on ';'), no leftover markup."""
    for b in _queries(blocks):
        assert ";" not in b.text.rstrip(";"), f"slide {b.slide}: two statements in one block"
        assert "<" not in re.sub(r"<-|<>|<=|< ", "", b.text), f"slide {b.slide}: markup in a query"
        assert "&" not in b.text


# ----------------------------------------------------------------------------- guide (real server)


def _store(env):
    from kg.stores.neo4j_store import Neo4jStore

    return Neo4jStore(env["uri"], env["user"], env["password"])


@pytest.fixture(scope="module")
def sample_graph(neo4j_server):
    """The server's database holding exactly samples/ (loaded once for this module)."""
    from kg.ingest import ingest

    store = _store(neo4j_server)
    try:
        store.run("MATCH (n) DETACH DELETE n", write=True)
        report = ingest([str(SAMPLES)], store, jobs=1)
        assert report.ok, report.failed
    finally:
        store.close()
    return neo4j_server


@pytest.mark.neo4j
def test_every_guide_query_runs_on_the_sample_graph(sample_graph, neo4j_env, blocks):
    store = _store(neo4j_env)
    try:
        exprs = browser.guide_params(blocks)
        # Browser evaluates `:param x => expr` on the server as RETURN expr
        params = {k: store.run(f"RETURN {v} AS v")[0]["v"] for k, v in exprs.items()}
        assert params["vendor"] == "悠络客" and params["year"] == 2021

        failures, rows = [], {}
        for i, b in enumerate(_queries(blocks)):
            try:
                rows[i] = store.run(b.text, params)
            except Exception as exc:  # noqa: BLE001 - collect them all, report at once
                failures.append(f"slide {b.slide}: {b.text.splitlines()[0]} ...\n  {exc}")
            if "$year" in b.text:  # the "every year" form the guide mentions
                try:
                    store.run(b.text, {**params, "year": None})
                except Exception as exc:  # noqa: BLE001
                    failures.append(f"slide {b.slide} with year=null: {exc}")
        assert not failures, "\n".join(failures)

        queries = _queries(blocks)
        vendor_graph = [i for i, b in enumerate(queries) if "MATCH supplied" in b.text]
        vendor_table = [i for i, b in enumerate(queries)
                        if "[s:SUPPLIED]" in b.text and "$vendor" in b.text]
        assert vendor_graph and vendor_table
        for i in vendor_graph + vendor_table:
            assert rows[i], f"the vendor-clients query returns nothing for {params['vendor']}"
        table = rows[vendor_table[0]]
        assert all(r["vendor"] == SAMPLE_VENDOR_ID.split(":", 1)[1] for r in table)
        assert all(r["client"] for r in table)

        fulltext = [i for i, b in enumerate(queries) if "queryNodes('entity_names', $q)" in b.text]
        assert fulltext and any(r["id"] == SAMPLE_VENDOR_ID for r in rows[fulltext[0]])
        company = [i for i, b in enumerate(queries) if "$company" in b.text]
        assert company and all(rows[i] for i in company), "the company example finds nothing"
    finally:
        store.close()


@pytest.mark.neo4j
def test_browser_setting_names_are_known_to_the_server(neo4j_env):
    store = _store(neo4j_env)
    try:
        names = {r["name"] for r in store.run(
            "SHOW SETTINGS YIELD name WHERE name STARTS WITH 'browser.' RETURN name")}
    finally:
        store.close()
    for line in browser.conf_lines("http://localhost:8001", allow_host="127.0.0.1"):
        assert line.split("=", 1)[0] in names, f"{line}: unknown to this server ({sorted(names)})"


# ----------------------------------------------------------------------------- serving


def test_conf_lines_and_docker_names(capsys):
    from kg.browser.__main__ import main

    lines = browser.conf_lines("http://localhost:8001/")
    assert lines == ["browser.post_connect_cmd=style http://localhost:8001/style.grass;"
                     "play http://localhost:8001/guide.html"]
    assert main(["conf", "--docker", "--allow-host", "127.0.0.1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("NEO4J_browser_post__connect__cmd=style http://localhost:8001/")
    assert out[1] == ("NEO4J_browser_remote__content__hostname__whitelist="
                      "guides.neo4j.com,localhost,127.0.0.1")


def test_file_server_sends_the_cors_headers_browser_needs():
    httpd = browser.make_server("127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    try:
        origin = {"Origin": "http://127.0.0.1:7474"}
        with urllib.request.urlopen(urllib.request.Request(f"{base}/style.grass", headers=origin)) as r:
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            assert r.read().decode("utf-8") == browser.STYLE_PATH.read_text(encoding="utf-8")
        # the guide request carries pragma/cache-control (+ Sentry's headers): preflighted
        asked = "cache-control,pragma,sentry-trace,baggage"
        req = urllib.request.Request(f"{base}/guide.html", method="OPTIONS", headers={
            **origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": asked})
        with urllib.request.urlopen(req) as r:
            assert r.status == 204
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            assert r.headers["Access-Control-Allow-Headers"] == asked
        with urllib.request.urlopen(f"{base}/guide.html") as r:
            assert "text/html" in r.headers["Content-Type"]
            assert "<carousel" in r.read().decode("utf-8")
    finally:
        httpd.shutdown()
        httpd.server_close()


# ----------------------------------------------------------------------------- real Browser

# tests/browser.py lets nothing but "localhost" resolve; Neo4j Browser talks to the
# server at 127.0.0.1 (HTTP and Bolt), which stays on this machine too.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


def _center(page, selector: str):
    xy = page.evaluate(
        "(() => { const e = document.querySelector(%s); if (!e) return null;"
        " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; })()" % json.dumps(selector))
    assert xy, f"no {selector} in the page"
    return xy


def _run(page, text: str) -> None:
    """Type into Browser's editor (replacing its content) and press its Run button."""
    page.click(*_center(page, "#monaco-main-editor"))
    for kind in ("keyDown", "keyUp"):  # Ctrl+A
        page.send("Input.dispatchKeyEvent", {"type": kind, "modifiers": 2, "key": "a", "code": "KeyA",
                                             "windowsVirtualKeyCode": 65})
    page.type_text(text)
    page.click(*_center(page, "[data-testid=editor-Run]"))


def _click_block(page, needle: str) -> None:
    """Click the guide's runnable block containing ``needle`` (Browser copies it to the editor)."""
    find = ("(() => { const e = Array.from(document.querySelectorAll('pre.runnable'))"
            ".find(x => x.textContent.includes(%s)); if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect(); return [r.x + 30, r.y + 12]; })()" % json.dumps(needle))
    in_editor = ("document.querySelector('[data-testid=activeEditor]').innerText"
                 ".replace(/\\s+/g, ' ').includes(%s)" % json.dumps(needle))
    for _ in range(12):  # Browser renders the current slide only: page through the guide
        if page.evaluate(find):
            time.sleep(0.5)  # let the scroll settle, then click where the block is now
            page.click(*page.evaluate(find))
            page.wait_for(in_editor, timeout=10)
            return
        page.click(*_center(page, "[data-testid=nextSlide]"))
        time.sleep(0.5)
    raise AssertionError(f"no runnable block with {needle!r} in the played guide")


@pytest.mark.neo4j
@pytest.mark.browser
def test_browser_loads_style_and_guide_and_draws_the_vendor_graph(sample_graph, neo4j_env):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from browser import Browser, find_chromium

    if not find_chromium():
        pytest.skip("no Chromium (see .ci/install-browser.sh)")
    http_uri = sample_graph.get("http_uri") or os.environ.get("NEO4J_HTTP_URI")
    if not http_uri:
        pytest.skip("the Browser URL of the server is unknown (set NEO4J_HTTP_URI with NEO4J_URI)")

    httpd = browser.make_server("127.0.0.1", 0, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    files = f"http://localhost:{httpd.server_port}"  # "localhost" is on Browser's default allowlist
    try:
        with Browser.launch(extra_args=(LOOPBACK_ONLY,)) as chromium:
            page = chromium.new_page(1400, 950)
            page.goto(f"{http_uri}/browser/")
            page.wait_for("!!document.querySelector('[data-testid=password]')", timeout=60)
            time.sleep(2)  # the form is re-rendered once the server's discovery answer is in
            page.click(*_center(page, "[data-testid=username]"))
            page.type_text(sample_graph["user"])
            page.click(*_center(page, "[data-testid=password]"))
            page.type_text(sample_graph["password"])
            page.click(*_center(page, "[data-testid=connect]"))
            page.wait_for("document.body.innerText.includes('You are connected as user')", timeout=60)

            _run(page, f":style {files}/style.grass")
            page.wait_for("document.body.innerText.includes('node.Company')", timeout=30)
            _run(page, f":play {files}/guide.html")
            page.wait_for("document.body.innerText.includes('隐私事件知识图谱')", timeout=30)

            _click_block(page, ":param vendor")
            page.click(*_center(page, "[data-testid=editor-Run]"))
            page.wait_for("document.body.innerText.includes('\"vendor\": \"悠络客\"')", timeout=30)
            _click_block(page, "MATCH supplied")
            page.click(*_center(page, "[data-testid=editor-Run]"))
            page.wait_for("document.querySelectorAll('svg g.node').length >= 2", timeout=60)
            time.sleep(1)
            nodes = page.evaluate(
                "Array.from(document.querySelectorAll('svg g.node')).map(g => ["
                "Array.from(g.querySelectorAll('circle')).map(c => c.getAttribute('fill')).join(' '),"
                " g.textContent.trim()])")
            rels = page.evaluate("Array.from(document.querySelectorAll('svg g.relationship'))"
                                 ".map(g => g.textContent.trim())")
            problems = [e for e in page.errors if "allowlist" in e or "CORS" in e or files in e]
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert not problems, problems
    fills = {text: fill for fill, text in nodes}
    vendor_name = SAMPLE_VENDOR_ID.split(":", 1)[1]
    assert vendor_name in fills, nodes  # the whole Chinese name is the caption
    assert "#1e88e5" in fills[vendor_name]  # Company's colour from model.yaml
    assert "SUPPLIED" in rels
