"""The Neo4j store against a real server: schema, batched writes, provenance, atomicity.

Every test talks to a real Neo4j (fixture ``neo4j_store``, see tests/conftest.py and
docs/neo4j-server.md); nothing of the database is mocked. Under CI=true a test that
cannot get a server fails instead of skipping.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import Fragment, Node, Rel, evidence_ref
from kg.ingest import ingest
from kg.model import model
from kg.stores import StoreError
from kg.stores.neo4j_store import Neo4jStore
from kg.stores.offline import OfflineStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
VENDOR = "company:上海悠络客电子科技有限公司"
XPENG = "company:上海小鹏汽车销售服务有限公司"


def _kg(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, cwd=ROOT)


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _same_fact_records(n: int) -> list[dict]:
    """``n`` articles from different outlets reporting one fine and one supply relationship."""
    leads = ["据上海市市场监管局消息，", "记者获悉，", "公开信息显示，", "据报道，", "近日，", "消息称，",
             "据了解，", "另据消息，"]
    return [{
        "title": f"车企门店人脸抓拍被罚（报道{i}）", "date": f"2021-12-{14 + i:02d}T09:00:00+08:00",
        "url": f"https://example.org/same-fact/{i}", "source": f"示例新闻网{i}",
        "content": (f"{leads[i % len(leads)]}上海小鹏汽车销售服务有限公司因未经同意采集到店顾客的人脸图像，"
                    f"被上海市徐汇区市场监督管理局罚款10万元。\n\n"
                    f"执法人员查明，上海小鹏汽车销售服务有限公司采购了上海悠络客电子科技有限公司提供的"
                    f"人脸识别摄像设备{'，共22台' if i % 2 else ''}。"),
    } for i in range(n)]


# --- schema ------------------------------------------------------------------------------------
def _constraints(store: Neo4jStore) -> list[dict]:
    return store.run("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN *")


def _fulltext(store: Neo4jStore) -> list[dict]:
    return store.run("SHOW FULLTEXT INDEXES YIELD name, state, labelsOrTypes, properties, options "
                     "WHERE name = 'entity_names' RETURN *")


def test_schema_applies_twice_and_has_every_constraint(neo4j_store):
    n1 = neo4j_store.apply_schema()
    n2 = neo4j_store.apply_schema()
    assert n1 == n2 > 0
    m = model()
    unique = {(tuple(c["labelsOrTypes"]), tuple(c["properties"])) for c in _constraints(neo4j_store)
              if c["type"] in ("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS")}
    for label in list(m.labels) + list(m.secondary_labels):
        assert ((label,), ("id",)) in unique, f"no uniqueness constraint on :{label}(id); have {sorted(unique)}"
    assert {"Organization", "App"} <= set(m.secondary_labels)
    # applying again created nothing new
    assert len(_constraints(neo4j_store)) == len({(tuple(c["labelsOrTypes"]), tuple(c["properties"]), c["type"])
                                                 for c in _constraints(neo4j_store)})

    [ft] = _fulltext(neo4j_store)
    assert ft["state"] == "ONLINE"
    assert ft["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    assert set(ft["properties"]) == {"name", "aliases", "weak_aliases"}
    assert {"Company", "Authority", "Regulation"} <= set(ft["labelsOrTypes"])


def test_cli_schema_apply_twice(neo4j_env):
    for _ in range(2):
        p = _kg("--store", neo4j_env["uri"], "schema", "apply")
        assert p.returncode == 0, p.stderr
        assert "Schema applied" in p.stdout
    assert neo4j_env["password"] not in p.stdout + p.stderr


def test_first_write_applies_the_schema(neo4j_env, neo4j_store):
    neo4j_store.apply_schema()
    neo4j_store.run("DROP INDEX entity_names IF EXISTS", write=True)
    neo4j_store.run("DROP CONSTRAINT company_id IF EXISTS", write=True)
    assert not _fulltext(neo4j_store)
    fresh = Neo4jStore(neo4j_env["uri"], neo4j_env["user"], neo4j_env["password"])
    try:
        ingest([str(SAMPLES / "2021-12-14-xpeng-face-capture-fine.md")], fresh, jobs=1)
    finally:
        fresh.close()
    assert (("Company",), ("id",)) in {(tuple(c["labelsOrTypes"]), tuple(c["properties"]))
                                       for c in _constraints(neo4j_store)}
    [ft] = _fulltext(neo4j_store)
    assert ft["state"] == "ONLINE"


def test_fulltext_index_finds_chinese_name_by_two_characters(neo4j_store):
    from kg.queries import find_node

    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    hits = neo4j_store.run("CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score "
                           "RETURN node.id AS id, node.name AS name", {"q": "悠络"})
    assert VENDOR in [h["id"] for h in hits], hits
    hits = neo4j_store.run("CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node "
                           "RETURN node.id AS id", {"q": "小鹏"})
    assert XPENG in [h["id"] for h in hits], hits
    # the named-query lookup goes through the same index
    assert find_node(neo4j_store, "悠络")["id"] == VENDOR


# --- writes: idempotence and provenance ----------------------------------------------------
def test_ingest_twice_gives_identical_export(neo4j_env, neo4j_store):
    r1 = ingest([str(SAMPLES)], neo4j_store, jobs=1)
    assert r1.ok, r1.failed
    first = neo4j_store.export()
    assert first["nodes"] and first["relationships"]

    r2 = ingest([str(SAMPLES)], neo4j_store, jobs=1)
    assert r2.unchanged == r1.added and r2.added == 0
    assert neo4j_store.export() == first

    # forced: every article is extracted again and replaces its stored version
    r3 = ingest([str(SAMPLES)], neo4j_store, jobs=1, force=True)
    assert r3.updated == r1.added
    assert neo4j_store.export() == first

    # the same through the CLI, in another process
    p = _kg("--store", neo4j_env["uri"], "ingest", str(SAMPLES), "--force", "-j", "1")
    assert p.returncode == 0, p.stderr
    assert neo4j_store.export() == first


def test_same_fact_in_two_articles_is_one_relationship_with_two_sources(neo4j_store, tmp_path):
    src = _write_jsonl(tmp_path / "two.jsonl", _same_fact_records(2))
    ingest([str(src)], neo4j_store, jobs=1)
    ids = sorted(r["id"] for r in neo4j_store.run("MATCH (a:Article) RETURN a.id AS id"))
    assert len(ids) == 2
    for rtype, start, end in (("SUPPLIED", VENDOR, XPENG), ("IMPOSED_ON", None, XPENG)):
        rows = neo4j_store.run(
            f"MATCH (a)-[r:{rtype}]->(b {{id: $end}}) WHERE $start IS NULL OR a.id = $start "
            "RETURN a.id AS a, r.sources AS sources, r.evidence AS evidence, r.evidence_refs AS refs",
            {"start": start, "end": end})
        assert len(rows) == 1, f"{rtype}: expected one relationship, got {rows}"
        assert rows[0]["sources"] == ids
        assert len(rows[0]["evidence"]) == 2 and sorted({x.split("@")[0] for x in rows[0]["refs"]}) == ids
    # one penalty node, reported by both
    assert neo4j_store.run("MATCH (p:Penalty) RETURN count(p) AS c")[0]["c"] == 1
    assert neo4j_store.run("MATCH (:Article)-[r:REPORTS]->(:Penalty) RETURN count(r) AS c")[0]["c"] == 2

    # a third, separate ingest of one more report appends its source (read-merge-write on stored data)
    more = _same_fact_records(3)[2:]
    ingest([str(_write_jsonl(tmp_path / "third.jsonl", more))], neo4j_store, jobs=1)
    [row] = neo4j_store.run("MATCH (:Company {id: $v})-[r:SUPPLIED]->(:Company {id: $c}) "
                            "RETURN r.sources AS s", {"v": VENDOR, "c": XPENG})
    assert len(row["s"]) == 3


def test_evidence_is_capped_and_equals_offline(neo4j_store, tmp_path):
    cap = model().evidence_cap
    recs = _same_fact_records(cap + 3)
    # in two ingests, so that the cap is applied when merging with stored evidence too
    a = _write_jsonl(tmp_path / "a" / "a.jsonl", recs[:4])
    b = _write_jsonl(tmp_path / "b" / "b.jsonl", recs[4:])
    off = OfflineStore(tmp_path / "off.json")
    for p in (a, b):
        ingest([str(p)], neo4j_store, jobs=1)
        ingest([str(p)], off, jobs=1)
    [row] = neo4j_store.run("MATCH (:Company {id: $v})-[r:SUPPLIED]->(:Company {id: $c}) "
                            "RETURN r.sources AS s, r.evidence AS e, r.evidence_refs AS refs",
                            {"v": VENDOR, "c": XPENG})
    assert len(row["s"]) == cap + 3
    assert len(row["e"]) == len(row["refs"]) == cap
    assert neo4j_store.export() == off.export()


def test_batched_writes_few_statements_grouped_by_label_and_type(neo4j_store, monkeypatch, tmp_path):
    """A batch is one transaction of UNWIND statements, one per label / relationship type (and
    kind of write): their number depends on the model, not on the number of articles or rows."""
    import neo4j

    import kg.ingest as ing
    from kg.stores import neo4j_store as mod

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_neo4j_push import make_corpus
    finally:
        sys.path.pop(0)
    m = model()
    bound = (1  # node reads: one UNION over the labels
             + len(m.labels) * 2 ** len(m.secondary_labels)  # node writes, per label set
             + 1  # relationship reads: one UNION over the types
             + len(m.relationships) * 3 + 1)  # relationship writes, per type and kind; updates for all

    per_apply: list[list[str]] = []
    inside = []
    real_run, real_apply = neo4j.ManagedTransaction.run, mod.Neo4jStore.apply

    def spy_run(self, query, *args, **kwargs):
        if inside:
            per_apply[-1].append(query)
        return real_run(self, query, *args, **kwargs)

    def spy_apply(self, fragments):
        per_apply.append([])
        inside.append(1)
        try:
            return real_apply(self, fragments)
        finally:
            inside.clear()

    neo4j_store.apply_schema()
    monkeypatch.setattr(neo4j.ManagedTransaction, "run", spy_run)
    monkeypatch.setattr(mod.Neo4jStore, "apply", spy_apply)
    monkeypatch.setattr(ing, "CHUNK", 10_000)  # one batch per ingest
    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    ingest([str(make_corpus(300, tmp_path / "gen"))], neo4j_store, jobs=1)
    assert len(per_apply) == 2
    exp = neo4j_store.export()
    assert len(exp["relationships"]) > 1000
    for statements in per_apply:
        writes = [q for q in statements if " MERGE " in q or " CREATE " in q or " SET " in q]
        assert writes and all(q.startswith("UNWIND $rows AS row") for q in writes), writes
        unwound = ("UNWIND $", "CALL { UNWIND $")  # reads of several labels/types are one UNION
        assert all(q.startswith(unwound) for q in statements), [q for q in statements if not q.startswith(unwound)]
        assert len(statements) <= bound, (len(statements), bound)
    # the big batch (300 articles, thousands of rows) needs hardly more statements than the small one
    assert len(per_apply[1]) <= len(per_apply[0]) + len(m.relationships) * 2


def test_batch_commits_together_or_not_at_all(neo4j_store):
    """A statement failing late in the transaction (the server refuses a mixed-type list) rolls the
    whole batch back, including the replacement of an article stored before."""
    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    before = neo4j_store.export()
    old_article = next(n["id"] for n in before["nodes"] if "Article" in n["labels"])

    good = Fragment("article:aaaaaaaaaaaaaaaa", "h1")
    good.add_node(Node(good.article_id, ("Article",), {"title": "新文章", "content_hash": "h1"}))
    good.add_node(Node("company:原子性测试公司", ("Company", "Organization"), {"name": "原子性测试公司"}))
    good.add_rel(Rel("MENTIONS", good.article_id, "company:原子性测试公司", {}))
    # replaces a stored article: its old facts are retracted inside the same transaction
    replace = Fragment(old_article, "changed")
    replace.add_node(Node(old_article, ("Article",), {"title": "改过的标题", "content_hash": "changed"}))
    bad = Fragment("article:bbbbbbbbbbbbbbbb", "h2")
    bad.add_node(Node(bad.article_id, ("Article",), {"title": "坏文章", "content_hash": "h2"}))
    bad.add_node(Node("company:原子性测试公司", ("Company", "Organization"), {"name": "原子性测试公司"}))
    bad.add_rel(Rel("SUPPLIED", "company:原子性测试公司", "company:原子性测试公司",
                    {"sources": [bad.article_id], "evidence": ["x"],
                     "evidence_refs": [evidence_ref(bad.article_id, 0, 1)], "product": [1, "mixed"]}))
    with pytest.raises(StoreError) as info:
        neo4j_store.apply([good, replace, bad])
    assert "rolled back" in str(info.value)
    assert neo4j_store.export() == before
    assert not neo4j_store.run("MATCH (n) WHERE n.id IN $ids RETURN n.id AS id",
                               {"ids": [good.article_id, bad.article_id, "company:原子性测试公司"]})


def test_small_statement_batches_give_the_same_graph(neo4j_store, monkeypatch, tmp_path):
    """Rows are split into several UNWIND statements when a batch is large (BATCH_ROWS)."""
    import kg.stores.neo4j_store as mod

    monkeypatch.setattr(mod, "BATCH_ROWS", 7)
    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    ingest([str(SAMPLES)], neo4j_store, jobs=1, force=True)
    off = OfflineStore(tmp_path / "g.json")
    ingest([str(SAMPLES)], off, jobs=1)
    assert neo4j_store.export() == off.export()


def test_reads_counts_and_describe(neo4j_store):
    ingest([str(SAMPLES)], neo4j_store, jobs=1)
    labels, types = neo4j_store.counts()
    exp = neo4j_store.export()
    assert sum(labels.values()) == len(exp["nodes"])
    assert sum(types.values()) == len(exp["relationships"])
    assert set(neo4j_store.article_hashes()) == {n["id"] for n in exp["nodes"] if "Article" in n["labels"]}
    assert "bolt" in neo4j_store.describe() or "neo4j" in neo4j_store.describe()


def test_uri_with_credentials_is_never_shown(neo4j_env):
    uri = neo4j_env["uri"].replace("://", f"://neo4j:{neo4j_env['password']}@")
    try:
        store = Neo4jStore(uri, neo4j_env["user"], neo4j_env["password"])
    except StoreError as exc:  # the driver may refuse user info in the URI: then say so, without it
        assert neo4j_env["password"] not in str(exc)
        return
    try:
        assert neo4j_env["password"] not in store.describe()
    finally:
        store.close()


def test_write_behind_gives_the_same_graph_and_reports_errors(neo4j_env, neo4j_store, tmp_path, monkeypatch):
    """The command line writes behind (the next batch is resolved while one commits) and gathers
    batches into bigger transactions: same graph, fewer transactions, and a failed batch is
    reported by save() (which kg ingest calls at the end)."""
    import kg.ingest as ing
    from kg.stores import neo4j_store as mod

    writes: list[int] = []
    real_write = mod.Neo4jStore._write

    def spy(self, article_ids, nodes, rels):
        writes.append(len(article_ids))
        return real_write(self, article_ids, nodes, rels)

    monkeypatch.setattr(mod.Neo4jStore, "_write", spy)
    store = Neo4jStore(neo4j_env["uri"], neo4j_env["user"], neo4j_env["password"], write_behind=True,
                       batch_articles=5)
    try:
        monkeypatch.setattr(ing, "CHUNK", 2)  # several batches, one in flight while the next is made
        report = ingest([str(SAMPLES)], store, jobs=1)
        monkeypatch.setattr(ing, "CHUNK", 256)
        assert sum(writes) == report.added and len(writes) < (report.added + 1) // 2, writes
        assert all(n >= 5 for n in writes[:-1]), writes
        off = OfflineStore(tmp_path / "g.json")
        ingest([str(SAMPLES)], off, jobs=1)
        assert store.export() == off.export()
        before = store.export()

        bad = Fragment("article:ffffffffffffffff", "h")
        bad.add_node(Node(bad.article_id, ("Article",), {"title": "坏", "content_hash": "h"}))
        bad.add_node(Node("company:写后测试", ("Company", "Organization"), {"name": "写后测试", "x": [1, "a"]}))
        bad.add_rel(Rel("MENTIONS", bad.article_id, "company:写后测试", {}))
        store.apply([bad])  # gathered, not written yet
        with pytest.raises(StoreError, match="rolled back"):
            store.save()
        store.save()  # reported once
        assert store.export() == before

        # an article given again while gathered is written in order: its newer version wins
        first = Fragment("article:9999999999999999", "v1")
        first.add_node(Node(first.article_id, ("Article",), {"title": "旧标题", "content_hash": "v1"}))
        second = Fragment("article:9999999999999999", "v2")
        second.add_node(Node(second.article_id, ("Article",), {"title": "新标题", "content_hash": "v2"}))
        store.apply([first])
        store.apply([second])
        store.save()
        assert store.run("MATCH (a:Article {id: $id}) RETURN a.title AS t", {"id": first.article_id}) == \
            [{"t": "新标题"}]
    finally:
        store.close()
    cli_store = Neo4jStore.from_env(neo4j_env["uri"])  # what `kg` uses
    try:
        assert cli_store.write_behind and cli_store.batch_articles > 256
    finally:
        cli_store.close()
