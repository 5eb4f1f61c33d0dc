"""Faults around the Neo4j store, with real servers: bad credentials, no server, a server
stopped in the middle of an ingest (and started again), transient failures retried, and
hostile text that must be stored verbatim and never executed.

Neo4j locks a user for 5 s after 3 failed logins, so the shared test server sees at most
two wrong passwords here. The server-stop tests run their own server
(``docker/neo4j-local start --home <a temporary folder>``), never the shared one.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.graph import Fragment, Node, Rel, evidence_ref
from kg.ingest import CHUNK, ingest
from kg.stores import StoreError
from kg.stores.neo4j_store import Neo4jStore
from kg.stores.offline import OfflineStore
from neo4j_server import new_server_home

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
LAUNCHER = ROOT / "docker" / "neo4j-local"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
HOSTILE_COMPANY = "上海'}) DETACH DELETE n //$param\"有限公司"
HOSTILE_ALIAS = "反斜杠\\公司`) MATCH (m) DETACH DELETE m //"
HOSTILE_TITLE = "标题\"引号' 反斜杠\\ '}) DETACH DELETE n // $param 被罚款"


def _kg(*args: str, env: dict, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                       env=env, timeout=timeout, cwd=ROOT)
    return p, time.monotonic() - t0


def _env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "KG_STORE"}
    env.update({k: v for k, v in overrides.items() if v is not None})
    return env


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- credentials and reachability ---------------------------------------------------------------
def test_wrong_password_fails_fast_with_a_clear_message(neo4j_server):
    wrong = "wrong-" + secrets.token_urlsafe(12)
    p, secs = _kg("--store", neo4j_server["uri"], "ingest", str(SAMPLES), "-j", "1",
                  env=_env(NEO4J_USERNAME=neo4j_server["user"], NEO4J_PASSWORD=wrong))
    out = p.stdout + p.stderr
    assert p.returncode != 0, out
    assert secs < 20, f"took {secs:.1f} s"
    assert "NEO4J_PASSWORD" in out and "NEO4J_USERNAME" in out, out
    assert "credentials" in out
    assert wrong not in out and neo4j_server["password"] not in out
    assert "Traceback" not in out

    # the library says the same (second and last wrong login on this server)
    with pytest.raises(StoreError) as info:
        Neo4jStore(neo4j_server["uri"], neo4j_server["user"], wrong)
    assert "NEO4J_PASSWORD" in str(info.value) and wrong not in str(info.value)


def test_no_server_fails_fast_with_a_clear_message():
    port = _closed_port()
    p, secs = _kg("--store", f"bolt://127.0.0.1:{port}", "ingest", str(SAMPLES), "-j", "1",
                  env=_env(NEO4J_PASSWORD="any-password-123"))
    out = p.stdout + p.stderr
    assert p.returncode != 0, out
    assert secs < 20, f"took {secs:.1f} s"
    assert f"127.0.0.1:{port}" in out and "cannot reach Neo4j" in out, out
    assert "any-password-123" not in out
    assert "Traceback" not in out


def test_missing_password_is_named():
    p, secs = _kg("--store", f"bolt://127.0.0.1:{_closed_port()}", "ingest", str(SAMPLES),
                  env=_env())
    assert p.returncode != 0
    assert "NEO4J_PASSWORD" in p.stdout + p.stderr
    assert secs < 20


# --- hostile text --------------------------------------------------------------------------------
def test_injection_is_stored_verbatim_and_deletes_nothing(neo4j_env, neo4j_store, tmp_path):
    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    before = neo4j_store.export()

    gaz = tmp_path / "hostile.yaml"
    gaz.write_text(json.dumps({"Company": [{"name": HOSTILE_COMPANY, "aliases": ["注入公司", HOSTILE_ALIAS]}]},
                              ensure_ascii=False), encoding="utf-8")
    art = tmp_path / "in" / "hostile.md"
    art.parent.mkdir()
    art.write_text(
        "---\n"
        f"title: {json.dumps(HOSTILE_TITLE, ensure_ascii=False)}\n"
        "date: 2021-12-20 10:00:00 +0800\n"
        "---\n"
        f"上海市徐汇区市场监督管理局近日公开的一则行政处罚信息显示，{HOSTILE_COMPANY}（以下简称“注入公司”）"
        "因未经同意拍摄顾客人脸图像，被上海市徐汇区市场监督管理局罚款12万元。\n\n"
        f"执法人员查明，{HOSTILE_COMPANY}采购了上海悠络客电子科技有限公司提供的人脸识别摄像设备。\n",
        encoding="utf-8")
    p, _ = _kg("--store", neo4j_env["uri"], "ingest", str(art.parent), "--gazetteer", str(gaz), "-j", "1",
               env=_env(NEO4J_USERNAME=neo4j_env["user"], NEO4J_PASSWORD=neo4j_env["password"]))
    assert p.returncode == 0, p.stderr

    rows = neo4j_store.run("MATCH (c:Company {name: $name}) RETURN c.id AS id, c.aliases AS aliases",
                           {"name": HOSTILE_COMPANY})
    assert rows == [{"id": "company:" + HOSTILE_COMPANY, "aliases": sorted(["注入公司", HOSTILE_ALIAS])}]
    titles = neo4j_store.run("MATCH (a:Article {title: $t}) RETURN a.title AS t", {"t": HOSTILE_TITLE})
    assert titles == [{"t": HOSTILE_TITLE}]
    facts = neo4j_store.run("MATCH (p:Penalty)-[r:IMPOSED_ON]->(c:Company {id: $id}) "
                            "RETURN r.evidence AS ev", {"id": "company:" + HOSTILE_COMPANY})
    assert facts and HOSTILE_COMPANY in facts[0]["ev"][0]

    after = neo4j_store.export()
    after_nodes = {n["id"]: n for n in after["nodes"]}
    after_rels = {(r["type"], r["start"], r["end"]) for r in after["relationships"]}
    missing = [n["id"] for n in before["nodes"] if n["id"] not in after_nodes]
    assert not missing, f"nodes deleted: {missing[:5]}"
    assert {(r["type"], r["start"], r["end"]) for r in before["relationships"]} <= after_rels
    for n in before["nodes"]:  # untouched nodes keep their properties
        if n["id"] != "company:上海悠络客电子科技有限公司" and "Authority" not in n["labels"]:
            assert after_nodes[n["id"]]["properties"].keys() >= n["properties"].keys()

    # the same through the offline store: identical graph
    off = OfflineStore(tmp_path / "off.json")
    ingest([str(SAMPLES)], off, jobs=1)
    ingest([str(art.parent)], off, jobs=1, gazetteer_files=(str(gaz),))
    a, b = off.export(), neo4j_store.export()
    # the CLI ingest read the article by the same path, so even Article.path agrees
    assert a == b

    # ad-hoc Cypher takes hostile values as parameters
    p, _ = _kg("--store", neo4j_env["uri"], "query", "--cypher",
               "MATCH (c:Company) WHERE c.name = $n RETURN c.name AS name", "--param", f"n={HOSTILE_COMPANY}",
               "--json", env=_env(NEO4J_USERNAME=neo4j_env["user"], NEO4J_PASSWORD=neo4j_env["password"]))
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == [{"name": HOSTILE_COMPANY}]


def test_hostile_labels_and_types_are_refused_before_any_write(neo4j_store):
    ingest([str(SAMPLES / "2021-12-14-xpeng-face-capture-fine.md")], neo4j_store, jobs=1)
    before = neo4j_store.export()
    f = Fragment("article:cccccccccccccccc", "h")
    f.add_node(Node(f.article_id, ("Article",), {"title": "x", "content_hash": "h"}))
    f.add_node(Node("company:x", ("Company", "X`) DETACH DELETE n //"), {"name": "x"}))
    with pytest.raises((StoreError, ValueError)):
        neo4j_store.apply([f])
    g = Fragment("article:dddddddddddddddd", "h")
    g.add_node(Node(g.article_id, ("Article",), {"title": "y", "content_hash": "h"}))
    g.add_node(Node("company:y", ("Company",), {"name": "y"}))
    g.add_rel(Rel("MENTIONS]->() DETACH DELETE n //", g.article_id, "company:y", {}))
    with pytest.raises((StoreError, ValueError)):
        neo4j_store.apply([g])
    assert neo4j_store.export() == before


# --- a server of our own: stopped mid-ingest, restarted, transient failures ---------------------
def _launcher(*args: str, password: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(LAUNCHER), *args], capture_output=True, text=True,
                          env={**os.environ, "NEO4J_PASSWORD": password}, timeout=timeout)


class FaultServer:
    def __init__(self):
        self.home = new_server_home("kg-neo4j-pytest-fault-")  # its own: restarts keep its data
        # (starting with "-", which a random token does one time in 64: the launcher must hand it to
        # neo4j-admin as the password, not as an option)
        self.password = "-" + secrets.token_urlsafe(18)
        self.user = "neo4j"
        self.uri = None

    def start(self, fresh: bool = False) -> str:
        p = _launcher("start", "--home", self.home, *(["--fresh"] if fresh else []), password=self.password)
        if p.returncode != 0:
            raise RuntimeError(f"neo4j-local start --home {self.home} failed:\n{p.stderr}")
        uri = next((ln.split("=", 1)[1].strip() for ln in p.stdout.splitlines() if ln.startswith("NEO4J_URI=")),
                   None)
        if not uri:
            raise RuntimeError(f"the launcher printed no NEO4J_URI:\n{p.stdout}\n{p.stderr}")
        self.uri = uri
        return uri

    def stop(self) -> None:
        _launcher("stop", "--home", self.home, password=self.password, timeout=120)

    def store(self, **kw) -> Neo4jStore:
        # just after a restart the first connection is sometimes dropped: try for a few seconds
        deadline = time.monotonic() + 30
        while True:
            try:
                return Neo4jStore(self.uri, self.user, self.password, **kw)
            except StoreError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def env(self) -> dict:
        return _env(NEO4J_USERNAME=self.user, NEO4J_PASSWORD=self.password)


@pytest.fixture(scope="module")
def fault_server():
    server = FaultServer()
    try:
        server.start(fresh=True)
    except Exception as exc:  # no Java/Maven here
        if IN_CI or os.environ.get("KG_REQUIRE_NEO4J"):
            pytest.fail(f"could not start a separate Neo4j server: {exc}")
        pytest.skip(f"could not start a separate Neo4j server: {exc}")
    yield server
    server.stop()
    shutil.rmtree(server.home, ignore_errors=True)


def _make_corpus(folder: Path, n: int) -> Path:
    """``n`` varied articles: the samples and the corpus rewritten with other companies, vendors,
    districts and amounts, under new titles and URLs (so new ids) — the benchmark's generator."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_neo4j_push import make_corpus
    finally:
        sys.path.pop(0)
    return make_corpus(n, folder)


def _count(store: Neo4jStore, cypher: str) -> int:
    return store.run(cypher)[0]["c"]


def test_server_stopped_mid_ingest_then_resumed(fault_server, tmp_path):
    from test_parity import export_diff

    n_articles = 2000
    src = _make_corpus(tmp_path / "corpus", n_articles)
    watcher = fault_server.store()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "--store", fault_server.uri, "ingest", str(src),
                             "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=fault_server.env(), cwd=ROOT)
    stopped_at = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if _count(watcher, "MATCH (a:Article) RETURN count(a) AS c") > 0:
                break  # the first batch has committed
            time.sleep(0.1)
        assert proc.poll() is None, "the ingest ended before the server could be stopped: use more articles"
        stopper = threading.Thread(target=lambda: (stopped_at.append(time.monotonic()), fault_server.stop()))
        stopper.start()
        out, err = proc.communicate(timeout=180)
        stopper.join(120)
    finally:
        if proc.poll() is None:
            proc.kill()
        watcher.close()
    secs = time.monotonic() - stopped_at[0]
    print(f"kg ingest exited {proc.returncode} {secs:.1f} s after the stop began; stderr:\n{err}")
    assert proc.returncode != 0, out + err
    assert "Traceback" not in err, err
    assert "Neo4j" in err and "run the same ingest again" in err, err
    assert fault_server.password not in out + err
    assert secs < 60, f"the ingest took {secs:.0f} s to give up after the server stopped"

    fault_server.start()  # same name, data kept
    store = fault_server.store()
    try:
        done = _count(store, "MATCH (a:Article) RETURN count(a) AS c")
        assert 0 < done < n_articles
        assert done % CHUNK == 0, f"{done} articles stored: a batch was half written"

        off = OfflineStore(tmp_path / "clean.json")
        ingest([str(src)], off, jobs=1)
        a = off.export()
        # every article stored before the stop is whole: the same mentions as in a clean run
        clean_mentions: dict[str, set] = {n["id"]: set() for n in a["nodes"] if "Article" in n["labels"]}
        for r in a["relationships"]:
            if r["type"] == "MENTIONS":
                clean_mentions[r["start"]].add(r["end"])
        stored: dict[str, set] = {}
        for row in store.run("MATCH (a:Article) OPTIONAL MATCH (a)-[:MENTIONS]->(m) "
                             "RETURN a.id AS a, collect(m.id) AS ms"):
            stored[row["a"]] = set(row["ms"])
        half = [x for x in stored if stored[x] != clean_mentions[x]]
        assert not half, f"{len(half)} articles stored without all their mentions, e.g. {half[:3]}"

        p, _ = _kg("--store", fault_server.uri, "ingest", str(src), "-j", "2", env=fault_server.env(),
                   timeout=600)
        assert p.returncode == 0, p.stderr
        assert f"{n_articles - done} added" in p.stdout, p.stdout

        b = store.export()
        assert a == b, "resumed Neo4j ingest differs from a clean offline run:\n" + export_diff(a, b)
        assert _count(store, "MATCH (a:Article) RETURN count(a) AS c") == n_articles
    finally:
        store.close()


def test_write_is_retried_across_a_server_restart(fault_server):
    """ServiceUnavailable while the server is down is a transient error: the managed transaction is
    retried (here for up to 240 s) and commits once the server is back."""
    store = fault_server.store(retry_seconds=240)
    f = Fragment("article:eeeeeeeeeeeeeeee", "h-retry")
    f.add_node(Node(f.article_id, ("Article",), {"title": "重试测试", "content_hash": "h-retry"}))
    f.add_node(Node("company:重试测试公司", ("Company", "Organization"), {"name": "重试测试公司"}))
    f.add_rel(Rel("MENTIONS", f.article_id, "company:重试测试公司", {}))
    f.add_node(Node("datacategory:人脸信息", ("DataCategory",), {"name": "人脸信息"}))
    f.add_rel(Rel("COLLECTED", "company:重试测试公司", "datacategory:人脸信息",
                  {"sources": [f.article_id], "evidence": ["重试测试公司收集人脸信息。"],
                   "evidence_refs": [evidence_ref(f.article_id, 0, 12)]}))
    store.apply_schema()
    fault_server.stop()
    outcome: dict = {}

    def write():
        t0 = time.monotonic()
        try:
            store.apply([f])
            outcome["ok"] = True
        except Exception as exc:  # reported below
            outcome["error"] = exc
        outcome["secs"] = time.monotonic() - t0

    th = threading.Thread(target=write)
    th.start()
    try:
        time.sleep(2)
        assert th.is_alive(), f"the write did not wait for the server: {outcome}"
        uri = fault_server.uri
        t0 = time.monotonic()
        assert fault_server.start() == uri, "the server came back on another port"
        restart = time.monotonic() - t0
        th.join(300)
        assert not th.is_alive(), f"the write still waits {time.monotonic() - t0:.0f} s after the restart began"
        assert outcome.get("ok"), f"{outcome} (server restarted in {restart:.0f} s)"
        rows = store.run("MATCH (a:Article {id: $id})-[:MENTIONS]->(c:Company)-[r:COLLECTED]->(d) "
                         "RETURN c.name AS c, r.sources AS s", {"id": f.article_id})
        assert rows == [{"c": "重试测试公司", "s": [f.article_id]}]
    finally:
        th.join(300)
        store.close()
