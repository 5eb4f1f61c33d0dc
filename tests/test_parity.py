"""The offline store and Neo4j hold the same graph for the same input, and answer alike.

Each test ingests the same paths with ``kg.ingest.ingest(paths, store, jobs=1)`` into a
fresh offline store and into a wiped real Neo4j (fixture ``neo4j_store``), then compares
``store.export()`` exactly, the rows of every named query, and the explore neighbourhood.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.queries import find_node, neighbourhood, run_named
from kg.stores.offline import OfflineStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
XPENG_SAMPLE = SAMPLES / "2021-12-14-xpeng-face-capture-fine.md"

NAMED_QUERIES = [
    ("vendor-clients", {"name": "悠络客"}),
    ("penalties", {}),
    ("penalties", {"year": 2021}),
    ("company", {"name": "小鹏汽车"}),
    ("top-vendors", {}),
    ("path", {"a": "悠络客", "b": "徐汇区市场监督管理局"}),
    ("timeline", {}),
]


def _short(x, n: int = 600) -> str:
    s = json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)
    return s if len(s) <= n else s[:n] + "…"


def export_diff(a: dict, b: dict, *, names=("offline", "neo4j"), limit: int = 5) -> str:
    """A short description of how two exports differ ('' when equal)."""
    out = []
    for section, key in (("nodes", lambda x: x["id"]),
                         ("relationships", lambda x: (x["type"], x["start"], x["end"]))):
        xa = {key(x): x for x in a[section]}
        xb = {key(x): x for x in b[section]}
        if len(xa) != len(a[section]) or len(xb) != len(b[section]):
            out.append(f"{section}: duplicate keys ({len(a[section])}/{len(xa)} vs {len(b[section])}/{len(xb)})")
        differing = [k for k in sorted(set(xa) | set(xb), key=str) if xa.get(k) != xb.get(k)]
        if differing:
            out.append(f"{len(differing)} of {len(set(xa) | set(xb))} {section} differ "
                       f"({len(xa)} in {names[0]}, {len(xb)} in {names[1]}); first ones:")
            for k in differing[:limit]:
                out.append(f"  {names[0]}: {_short(xa.get(k))}")
                out.append(f"  {names[1]}: {_short(xb.get(k))}")
    if not out and a != b:
        out.append("same records in a different order")
    return "\n".join(out)


def _both(paths, neo4j_store, tmp_path: Path, name: str = "graph.json"):
    off = OfflineStore(tmp_path / name)
    r_off = ingest([str(p) for p in paths], off, jobs=1)
    r_neo = ingest([str(p) for p in paths], neo4j_store, jobs=1)
    assert (r_off.added, r_off.updated, len(r_off.failed)) == (r_neo.added, r_neo.updated, len(r_neo.failed))
    return off


def _assert_same_export(off, neo) -> dict:
    a, b = off.export(), neo.export()
    assert a == b, "offline and Neo4j exports differ:\n" + export_diff(a, b)
    return a


# --- the whole graph --------------------------------------------------------------------------
def test_parity_samples(neo4j_store, tmp_path):
    off = _both([SAMPLES], neo4j_store, tmp_path)
    exp = _assert_same_export(off, neo4j_store)
    assert len(exp["nodes"]) > 20 and len(exp["relationships"]) > 40


def test_parity_corpus(neo4j_store, tmp_path, corpus_dir):
    off = _both([corpus_dir], neo4j_store, tmp_path)
    exp = _assert_same_export(off, neo4j_store)
    assert sum("Article" in n["labels"] for n in exp["nodes"]) >= 30


def test_parity_samples_then_corpus_in_two_ingests(neo4j_store, tmp_path, corpus_dir):
    """Merging into stored data (the second ingest reads what the first wrote) gives the same graph."""
    off = OfflineStore(tmp_path / "g.json")
    for p in (SAMPLES, corpus_dir):
        ingest([str(p)], off, jobs=1)
        ingest([str(p)], neo4j_store, jobs=1)
    _assert_same_export(off, neo4j_store)


# --- named queries and the explore neighbourhood ----------------------------------------------------
@pytest.mark.parametrize("dataset", ["samples", "samples+corpus"])
def test_named_queries_same_rows(neo4j_store, tmp_path, corpus_dir, dataset):
    paths = [SAMPLES] + ([corpus_dir] if "corpus" in dataset else [])
    off = _both(paths, neo4j_store, tmp_path)
    problems = []
    for name, params in NAMED_QUERIES:
        rows_off = run_named(off, name, dict(params))
        rows_neo = run_named(neo4j_store, name, dict(params))
        if rows_off != rows_neo:
            problems.append(f"{name} {params}:\n  offline: {_short(rows_off, 1500)}\n  neo4j:   {_short(rows_neo, 1500)}")
        elif name in ("vendor-clients", "penalties", "path", "timeline", "top-vendors"):
            assert rows_off, f"{name} {params} gave no rows on either store: the test would prove nothing"
    assert not problems, "named queries differ:\n" + "\n".join(problems)


@pytest.mark.parametrize("center,hops,max_nodes", [
    ("悠络客", 2, 600), ("悠络客", 1, 600), ("小鹏汽车", 3, 600), ("徐汇区市场监督管理局", 2, 6),
])
def test_neighbourhood_same(neo4j_store, tmp_path, corpus_dir, center, hops, max_nodes):
    off = _both([SAMPLES, corpus_dir], neo4j_store, tmp_path)
    c_off, c_neo = find_node(off, center), find_node(neo4j_store, center)
    assert c_off["id"] == c_neo["id"]
    a = neighbourhood(off, c_off["id"], hops=hops, max_nodes=max_nodes)
    b = neighbourhood(neo4j_store, c_neo["id"], hops=hops, max_nodes=max_nodes)
    assert a == b, "explore subgraphs differ:\n" + export_diff(a, b)
    assert len(a["nodes"]) > 1
    assert b == neo4j_store.subgraph(c_neo["id"], hops=hops, max_nodes=max_nodes)


# --- incremental change ------------------------------------------------------------------------
def _changed_copy(folder: Path) -> Path:
    """The xpeng sample with another fine and without the vendor paragraph (same title and URL: same id)."""
    text = XPENG_SAMPLE.read_text(encoding="utf-8")
    assert "罚款10万元" in text and "悠络客电子科技有限公司提供的人脸识别摄像设备" in text
    new = text.replace("10万元", "35万元")
    new = re.sub(r"<p>　　执法人员查明.*?</p>\n", "", new, flags=re.S)
    new = re.sub(r"<p>　　小鹏汽车随后表示.*?</p>\n", "", new, flags=re.S)
    assert new != text and "悠络客" not in new.split("---", 2)[2]
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / XPENG_SAMPLE.name
    out.write_text(new, encoding="utf-8")
    return out


def test_incremental_change_parity_and_no_stale_facts(neo4j_store, tmp_path):
    off = _both([SAMPLES], neo4j_store, tmp_path)
    before = _assert_same_export(off, neo4j_store)
    changed = _changed_copy(tmp_path / "changed")

    for store in (off, neo4j_store):
        rep = ingest([str(changed)], store, jobs=1)
        assert (rep.updated, rep.added) == (1, 0)
    after = _assert_same_export(off, neo4j_store)
    assert after != before

    from loaders import iter_articles
    [art] = list(iter_articles([str(changed)]))
    aid = art.id
    # no fact of the old version is left with this article as its source
    for r in after["relationships"]:
        props = r["properties"]
        if aid in props.get("sources", []):
            for ev, ref in zip(props.get("evidence", []), props.get("evidence_refs", [])):
                if ref.startswith(aid + "@"):
                    assert ev in art.text, f"stale evidence kept on {r['type']} {r['start']}→{r['end']}: {ev}"
        assert not ("悠络客" in r["start"] and r["type"] == "SUPPLIED" and aid in props.get("sources", [])), r
    amounts = {n["properties"].get("amount_cny") for n in after["nodes"] if "Penalty" in n["labels"]
               and any(r["start"] == n["id"] and r["type"] == "IMPOSED_ON" and "小鹏" in r["end"]
                       for r in after["relationships"])}
    old_reported = [r for r in after["relationships"] if r["type"] == "REPORTS" and r["start"] == aid]
    assert len(old_reported) >= 1
    assert 350000 in amounts
    penalties = {n["id"]: n for n in after["nodes"] if "Penalty" in n["labels"]}
    for r in old_reported:
        assert penalties[r["end"]]["properties"].get("amount_cny") != 100000, "the old fine is still reported"
    # every article still mentions what it did before (other articles untouched)
    def mentions(exp, art_id):
        return sorted(r["end"] for r in exp["relationships"] if r["type"] == "MENTIONS" and r["start"] == art_id)
    for n in before["nodes"]:
        if "Article" in n["labels"] and n["id"] != aid:
            assert mentions(before, n["id"]) == mentions(after, n["id"])

    # and back to the original: both stores still agree
    orig = tmp_path / "orig"
    orig.mkdir()
    shutil.copy(XPENG_SAMPLE, orig / XPENG_SAMPLE.name)
    for store in (off, neo4j_store):
        ingest([str(orig)], store, jobs=1)
    _assert_same_export(off, neo4j_store)


# --- name lookup and paths on a bigger graph -----------------------------------------------------------
LOOKUPS = ["悠络客", "悠洛客", "悠络", "小鹏", "小鹏汽车", "徐汇区市场监督管理局", "网信办", "人脸", "科技",
           "有限公司", "法", "36", "3D", "信息", "监督管理局"]


def test_name_lookup_finds_the_same_entity(neo4j_store, tmp_path, corpus_dir):
    off = _both([SAMPLES, corpus_dir], neo4j_store, tmp_path)
    differ = []
    for name in LOOKUPS:
        got = []
        for store in (off, neo4j_store):
            try:
                got.append(find_node(store, name)["id"])
            except Exception as exc:  # QueryError: nothing found
                got.append(type(exc).__name__)
        if got[0] != got[1]:
            differ.append(f"{name}: offline {got[0]}, neo4j {got[1]}")
    assert not differ, "find_node differs:\n" + "\n".join(differ)


def test_path_query_on_a_bigger_graph(neo4j_env, tmp_path):
    import random
    import sys

    from kg.stores.neo4j_store import Neo4jStore
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_neo4j_push import make_corpus
    finally:
        sys.path.pop(0)
    src = make_corpus(400, tmp_path / "gen")
    neo = Neo4jStore(neo4j_env["uri"], neo4j_env["user"], neo4j_env["password"], query_timeout=20)
    try:
        neo.run("MATCH (n) DETACH DELETE n", write=True)
        off = _both([src], neo, tmp_path)
        _assert_same_export(off, neo)
        names = sorted({n.props["name"] for n in off.nodes() if "Company" in n.labels and n.props.get("name")})
        rnd = random.Random(3)
        for _ in range(8):
            a, b = rnd.sample(names, 2)
            rows_off = run_named(off, "path", {"a": a, "b": b, "hops": 2})
            rows_neo = run_named(neo, "path", {"a": a, "b": b, "hops": 2})  # StoreError after 20 s
            assert rows_off == rows_neo, (a, b)
    finally:
        neo.close()
