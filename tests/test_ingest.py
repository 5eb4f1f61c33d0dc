"""Ingest pipeline: parallel extraction equals a single process, incremental ingest,
and faults (killed mid-ingest, unwritable or full disk, damaged store, atomic saves),
each against the real pieces (real files, real processes, a real tmpfs when we may mount one)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import ingest as ingest_mod
from kg.ingest import CHUNK, ingest
from kg.stores import StoreError
from kg.stores.offline import OfflineStore
from loaders import Article, LoadError, iter_articles

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """Generated corpora (mixed formats, JSON Lines batches), made once per session."""
    mc = _make_corpus_module()
    out = tmp_path_factory.mktemp("generated")
    return lambda n: mc.generate(n, out, seed=7)


def _env() -> dict[str, str]:
    """Subprocesses run this checkout's code, whatever the installed copy points to."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("KG_STORE", None)
    env.pop("KG_GAZETTEER", None)
    return env


def _kg(*args: str, **kw) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import main; main()", *args]


def _export(path: Path) -> dict:
    return OfflineStore(path).export()


def _ingest(paths, store_path: Path, **kw):
    store = OfflineStore(store_path)
    report = ingest([str(p) for p in paths], store, **kw)
    return report, store


# --- parallel = single process --------------------------------------------------------------
def test_jobs_1_and_2_give_identical_graphs(tmp_path, corpus_dir):
    r1, s1 = _ingest([corpus_dir, SAMPLES], tmp_path / "one.json", jobs=1)
    r2, s2 = _ingest([corpus_dir, SAMPLES], tmp_path / "two.json", jobs=2)
    assert r1.read == r2.read and r1.read >= 50
    assert (r1.added, r1.failed) == (r2.added, r2.failed)
    e1, e2 = s1.export(), s2.export()
    assert e1 == e2
    assert len(e1["nodes"]) > 100
    # and what was saved is what was built
    assert _export(tmp_path / "one.json") == e1 == _export(tmp_path / "two.json")


def test_jobs_identical_on_generated_mixed_formats(tmp_path, generated):
    folder = generated(600)  # > 2 chunks; .md, .html, .txt and JSON Lines batches
    r1, s1 = _ingest([folder], tmp_path / "one.json", jobs=1)
    r3, s3 = _ingest([folder], tmp_path / "three.json", jobs=3)
    assert r1.read == r3.read == 600 and not r1.failed
    assert s1.export() == s3.export()


def test_worker_loading_matches_the_loaders(tmp_path, corpus_dir):
    """Inputs are listed in the main process and read in the workers: the same articles and
    the same failures, in the same order, as loaders.iter_articles."""
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.md").write_bytes(b"")
    (bad / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (bad / "mixed.jsonl").write_text(
        json.dumps({"title": "甲", "content": "某公司收集人脸信息被罚款1万元。"}, ensure_ascii=False) + "\n"
        + "{not json\n\n" + json.dumps({"title": "no text"}) + "\n"
        + "\n".join(json.dumps({"content": f"第{i}条：某公司违规收集个人信息。"}, ensure_ascii=False)
                    for i in range(70)) + "\n", encoding="utf-8")
    (bad / ".hidden.md").write_text("# hidden\n\ntext", encoding="utf-8")
    (bad / "sub").mkdir()
    shutil.copy(SAMPLES / "feed.jsonl", bad / "sub" / "feed.jsonl")
    paths = [str(bad), str(SAMPLES / "*.md"), str(tmp_path / "missing.md"), str(tmp_path / "nomatch*.md")]

    expected = list(iter_articles(paths, max_bytes=1_000_000))
    ingest_mod._CFG.update(known={}, force=False, max_bytes=1_000_000)
    got = [r for r in ingest_mod._in_order(map(ingest_mod._work, ingest_mod._units(paths, None, None, 1_000_000, None)))
           if r[0] != "file"]
    assert len(got) == len(expected)
    for e, g in zip(expected, got):
        if isinstance(e, LoadError):
            assert g[0] == "error" and g[2] == e.reason
            assert g[1] == (f"{e.path}:{e.line}" if e.line else e.path)
        else:
            assert isinstance(e, Article) and g[0] == "ex" and g[1] == e.id
            ex, _mentioned = g[4]
            assert (ex.article.content_hash, ex.article.path, ex.article.text) == (e.content_hash, e.path, e.text)

    # and the report of a real ingest names each failure once
    report, _ = _ingest(paths, tmp_path / "g.json", jobs=2, max_bytes=1_000_000)
    names = [p for p, _ in report.failed]
    assert str(bad / "empty.md") in names
    assert str(bad / "blank.jsonl") in names
    assert str(bad / "binary.txt") in names
    assert f"{bad / 'mixed.jsonl'}:2" in names and f"{bad / 'mixed.jsonl'}:4" in names
    assert str(tmp_path / "missing.md") in names
    assert report.read == sum(isinstance(e, Article) for e in expected)


# --- incremental ------------------------------------------------------------------------------
def test_rerun_of_unchanged_corpus_skips_everything(tmp_path, corpus_dir):
    store_path = tmp_path / "g.json"
    first, _ = _ingest([corpus_dir, SAMPLES], store_path, jobs=2)
    before = store_path.read_bytes()
    export_before = _export(store_path)
    again, store = _ingest([corpus_dir, SAMPLES], store_path, jobs=2)
    assert first.added == first.read > 0 and first.unchanged == 0
    assert (again.read, again.unchanged, again.added, again.updated) == (first.read, first.read, 0, 0)
    assert store.export() == export_before
    assert store_path.read_bytes() == before  # nothing changed: not even rewritten


def _copy_samples(dst: Path) -> Path:
    shutil.copytree(SAMPLES, dst)
    return dst


def _article_id(export: dict, name: str) -> str:
    return next(n["id"] for n in export["nodes"] if "Article" in n["labels"]
                and (n["properties"].get("path") or "").endswith(name))


def test_changed_article_replaces_its_facts_and_new_ones_are_added(tmp_path):
    folder = _copy_samples(tmp_path / "articles")
    store_path = tmp_path / "g.json"
    first, _ = _ingest([folder], store_path, jobs=1)
    before = _export(store_path)
    kohler = _article_id(before, "kohler-face-capture-fine-2021.html")
    old_touched = {r["end"] for r in before["relationships"] if r["start"] == kohler}
    amounts = {n["id"]: n["properties"].get("amount_cny") for n in before["nodes"] if "Penalty" in n["labels"]}
    assert "company:苏州万店掌网络科技有限公司" in old_touched
    assert 500000 in {amounts.get(n) for n in old_touched}

    # the Kohler fine changes amount and vendor; a new article arrives
    page = folder / "kohler-face-capture-fine-2021.html"
    html = page.read_text("utf-8")
    assert "50万元" in html and "万店掌" in html
    page.write_text(html.replace("50万元", "70万元").replace("苏州万店掌网络科技有限公司", "杭州示例视觉科技有限公司")
                    .replace("万店掌", "示例视觉"), encoding="utf-8")
    (folder / "new.md").write_text(
        "---\ntitle: 某地市场监管局处罚一家门店\ndate: 2022-05-01 10:00:00 +0800\nurl: https://example.org/new\n---\n"
        "上海市黄浦区市场监督管理局对上海示例餐饮管理有限公司违规收集消费者人脸信息的行为罚款3万元。\n",
        encoding="utf-8")
    second, store = _ingest([folder], store_path, jobs=2)
    assert (second.read, second.updated, second.added, second.unchanged) == (first.read + 1, 1, 1, first.read - 1)

    inc = store.export()
    clean = _ingest([folder], tmp_path / "clean.json", jobs=1)[1].export()
    # every fact (relationship with its sources and evidence) is what a clean run gives: nothing stale
    assert inc["relationships"] == clean["relationships"]
    assert [n["id"] for n in inc["nodes"]] == [n["id"] for n in clean["nodes"]]
    # Node properties merge first-seen scalars from every article; a node that other articles
    # still support may keep a scalar the old version filled in first (see DESIGN: provenance is
    # kept on relationships). Only such scalars may differ.
    for a, b in zip(inc["nodes"], clean["nodes"]):
        if a != b:
            assert a["id"] in old_touched, a["id"]
            assert a["labels"] == b["labels"]
            for k in set(a["properties"]) | set(b["properties"]):
                if a["properties"].get(k) != b["properties"].get(k):
                    assert not isinstance(a["properties"].get(k, b["properties"].get(k)), list), (a["id"], k)

    amounts = {n["id"]: n["properties"].get("amount_cny") for n in inc["nodes"] if "Penalty" in n["labels"]}
    touched = {r["end"] for r in inc["relationships"] if r["start"] == kohler}
    reported = {amounts[n] for n in touched if n in amounts}
    assert 700000 in reported and 500000 not in reported
    assert not any("万店掌" in n for n in touched)
    from_kohler = [r for r in inc["relationships"] if kohler in r["properties"].get("sources", ())]
    assert from_kohler and not any("万店掌" in r["start"] + r["end"] for r in from_kohler)
    kohler_evidence = [e for r in from_kohler for ref, e in zip(r["properties"]["evidence_refs"],
                                                                r["properties"]["evidence"])
                       if ref.startswith(kohler + "@")]
    assert kohler_evidence and not any("50万元" in e for e in kohler_evidence)
    assert any(r["start"] == _article_id(inc, "new.md") for r in inc["relationships"])


def test_force_re_extracts(tmp_path):
    store_path = tmp_path / "g.json"
    first, _ = _ingest([SAMPLES], store_path, jobs=1)
    export = _export(store_path)
    forced, store = _ingest([SAMPLES], store_path, jobs=1, force=True)
    assert forced.updated == first.read and forced.unchanged == 0
    assert store.export() == export


def test_garbage_collection_is_back_on_after_an_ingest_even_a_failed_one(tmp_path):
    # ingest switches Python's cyclic collector off while it runs: a program that calls it as a
    # library must get it back, also when the ingest stops with an error
    import gc

    assert gc.isenabled()
    _ingest([SAMPLES], tmp_path / "g.json", jobs=2)
    assert gc.isenabled()
    with pytest.raises(StoreError):
        ingest([str(SAMPLES)], OfflineStore(tmp_path / "g.json" / "under-a-file.json"), jobs=1)
    assert gc.isenabled()


def test_duplicates_within_a_run_are_counted_once(tmp_path):
    report, store = _ingest([SAMPLES, SAMPLES / "kohler-face-capture-fine-2021.html"], tmp_path / "g.json", jobs=2)
    assert report.duplicates == 1
    assert report.added == report.read - 1


def test_checkpoint_interval_is_configurable(tmp_path, generated, monkeypatch):
    folder = generated(600)
    saves = []
    orig = OfflineStore.save

    def counting_save(self):
        saves.append(1)
        return orig(self)

    monkeypatch.setattr(OfflineStore, "save", counting_save)
    monkeypatch.setenv("KG_CHECKPOINT_SECONDS", "0")
    report, _ = _ingest([folder], tmp_path / "g.json", jobs=2)
    assert report.checkpoints == 600 // CHUNK  # after every whole chunk
    assert len(saves) == report.checkpoints + 1  # and once at the end
    monkeypatch.setenv("KG_CHECKPOINT_SECONDS", "3600")
    saves.clear()
    report, _ = _ingest([folder], tmp_path / "g2.json", jobs=2)
    assert report.checkpoints == 0 and len(saves) == 1


# --- faults ------------------------------------------------------------------------------------
def test_killed_mid_ingest_then_rerun_equals_a_clean_run(tmp_path, generated):
    folder = generated(3000)
    clean_store = tmp_path / "clean" / "graph.json"
    subprocess.run(_kg("-q", "--store", str(clean_store), "ingest", str(folder)), env=_env(), check=True,
                   capture_output=True, timeout=600)

    store = tmp_path / "killed" / "graph.json"
    env = _env()
    env["KG_CHECKPOINT_SECONDS"] = "0"  # save after every chunk
    proc = subprocess.Popen(_kg("-q", "--store", str(store), "ingest", str(folder)), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not store.exists():
            assert proc.poll() is None, "ingest ended before its first checkpoint"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its workers, with no chance to clean up
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = OfflineStore(store)  # whatever was saved is a whole, readable graph
    saved = len(partial.article_hashes())
    assert 0 < saved < 3000
    assert saved % CHUNK == 0  # checkpoints hold whole chunks

    done = subprocess.run(_kg("--store", str(store), "ingest", str(folder)), env=_env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{saved} unchanged" in done.stdout
    assert _export(store) == _export(clean_store)


def test_store_path_under_a_file_fails_before_any_work(tmp_path):
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder")
    store = OfflineStore(blocker / "graph.json")
    t0 = time.perf_counter()
    with pytest.raises(StoreError) as err:
        ingest([str(SAMPLES)], store, jobs=1)
    assert "somefile" in str(err.value) and "not a folder" in str(err.value)
    assert time.perf_counter() - t0 < 5
    assert blocker.read_text() == "not a folder"


def _mount_tmpfs(path: Path, size: str, *opts: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if not shutil.which("mount") or os.geteuid() != 0:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join((f"size={size}", *opts)), "tmpfs", str(path)],
                       capture_output=True)
    return r.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_disk_full_keeps_the_old_store_intact(tmp_path, corpus_dir):
    # the old store: the samples; the new one (corpus + samples) does not fit beside it
    old = tmp_path / "old.json"
    _ingest([SAMPLES], old, jobs=1)
    old_bytes = old.read_bytes()
    _ingest([corpus_dir, SAMPLES], tmp_path / "new.json", jobs=1)
    new_size = (tmp_path / "new.json").stat().st_size
    assert new_size > 2 * len(old_bytes)
    disk = tmp_path / "disk"
    # room for the old store and half the new one: the save must run out of space
    if not _mount_tmpfs(disk, f"{len(old_bytes) + 8192 + (new_size - len(old_bytes)) // 2}"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount)")
    try:
        store_path = disk / "graph.json"
        shutil.copy(old, store_path)
        r = subprocess.run(_kg("--store", str(store_path), "ingest", str(corpus_dir), str(SAMPLES)), env=_env(),
                           capture_output=True, text=True, timeout=600)
        assert r.returncode != 0
        assert "no space left" in r.stderr.lower()
        assert "previous graph file is unchanged" in r.stderr
        assert "Traceback" not in r.stderr + r.stdout
        assert store_path.read_bytes() == old_bytes
        assert [p.name for p in disk.iterdir()] == ["graph.json"]  # no temporary file left behind
    finally:
        _umount(disk)


def test_read_only_file_system_is_refused_up_front(tmp_path):
    old = tmp_path / "old.json"
    _ingest([SAMPLES], old, jobs=1)
    disk = tmp_path / "ro"
    if not _mount_tmpfs(disk, "1m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount)")
    try:
        shutil.copy(old, disk / "graph.json")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        r = subprocess.run(_kg("--store", str(disk / "graph.json"), "ingest", str(SAMPLES)), env=_env(),
                           capture_output=True, text=True, timeout=120)
        assert r.returncode != 0
        assert "read-only" in r.stderr and "Traceback" not in r.stderr
        assert (disk / "graph.json").read_bytes() == old.read_bytes()
    finally:
        _umount(disk)


def test_save_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    _ingest([SAMPLES], path, jobs=1)
    before = path.read_bytes()
    store = OfflineStore(path)
    store.dirty = True
    calls = []
    real_replace = os.replace

    def spy_replace(src, dst):
        calls.append((Path(src), Path(dst)))
        assert Path(src).parent == path.parent and Path(src).name.startswith(".g.json.")
        assert Path(dst) == path and path.read_bytes() == before  # the old file until the rename
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    store.save()
    assert len(calls) == 1 and not calls[0][0].exists()

    # a crash in the middle of writing (here: an interrupt) leaves the old file and no temp file
    def broken_write(self, fh):
        fh.write(b'{"format":"privacy-kg-offline","nodes":[')
        raise KeyboardInterrupt

    monkeypatch.setattr(OfflineStore, "_write", broken_write)
    store.dirty = True
    with pytest.raises(KeyboardInterrupt):
        store.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


def test_saved_file_keeps_permissions(tmp_path):
    path = tmp_path / "g.json"
    _ingest([SAMPLES], path, jobs=1)
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    path.chmod(0o640)
    _ingest([SAMPLES], path, jobs=1, force=True)
    assert path.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


@pytest.mark.parametrize("content, expected", [
    (b'{"nodes": [', "not a valid graph file"),
    (b"\x00\x01\x02binary", "not a valid graph file"),
    (b"[1, 2, 3]", "not a privacy-kg graph file"),
    (b'{"format": "privacy-kg-offline", "version": 999, "nodes": [], "relationships": []}',
     "incompatible version"),
    (b'{"format": "privacy-kg-offline", "version": 1, "nodes": [{"id": "x"}], "relationships": []}',
     "damaged"),
    (b'{"format": "privacy-kg-offline", "version": 1, "nodes": [], '
     b'"relationships": [{"type": "MENTIONS", "start": "a", "end": "b", "properties": {}}]}', "damaged"),
])
def test_damaged_or_foreign_store_files_give_a_clear_error(tmp_path, content, expected):
    path = tmp_path / "g.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        OfflineStore(path)
    assert expected in str(err.value)
    assert path.read_bytes() == content


def test_name_index_finds_what_a_scan_finds(tmp_path, corpus_dir):
    """OfflineStore.name_candidates: the exact-name candidates of kg.queries.find_node, indexed."""
    from kg.queries import _rank

    _, store = _ingest([corpus_dir, SAMPLES], tmp_path / "g.json", jobs=2)
    g = store.g
    scan = []
    for n, d in g.nodes(data=True):
        if "Article" in d["labels"] or "Penalty" in d["labels"]:
            continue
        p = d["props"]
        scan.append({"id": n, "labels": list(d["labels"]), "name": p.get("name"), "aliases": p.get("aliases"),
                     "weak_aliases": p.get("weak_aliases"), "degree": g.degree(n)})
    names = {c["name"] for c in scan} | {a for c in scan for a in (c["aliases"] or []) + (c["weak_aliases"] or [])}
    assert len(names) > 100
    for name in sorted(names):
        exact = sorted((r, c["id"]) for c in scan if (r := _rank(name, c)) is not None and r[0] < 3)
        got = sorted((_rank(name, c), c["id"]) for c in store.name_candidates(name))
        assert got == exact, name
    assert store.name_candidates("没有这个名字") == []
    # kept current across writes
    report = ingest([str(SAMPLES / "feed.jsonl")], store, jobs=1, force=True)
    assert report.updated == 3
    assert store.name_candidates("悠络客")


def test_rerun_skips_unchanged_files_without_parsing_them(tmp_path, monkeypatch):
    folder = _copy_samples(tmp_path / "articles")
    store_path = tmp_path / "g.json"
    first, _ = _ingest([folder], store_path, jobs=1)
    export = _export(store_path)
    parsed = []
    real_read_file = ingest_mod.read_file

    def counting(path, max_bytes, **kw):
        parsed.append(os.path.basename(path))
        return real_read_file(path, max_bytes, **kw)

    monkeypatch.setattr(ingest_mod, "read_file", counting)
    again, store = _ingest([folder], store_path, jobs=1)
    assert again.unchanged == first.read and parsed == []  # feed.jsonl is read line by line, not parsed here
    assert store.export() == export

    # a changed file is parsed again; touching a file without changing it is not a change
    page = folder / "kohler-face-capture-fine-2021.html"
    page.write_text(page.read_text("utf-8").replace("50万元", "60万元"), encoding="utf-8")
    os.utime(folder / "2022-07-21-didi-cac-fine.md")
    third, _ = _ingest([folder], store_path, jobs=2)
    assert (third.updated, third.unchanged) == (1, first.read - 1)
    assert parsed == []  # jobs=2: parsed in the workers, not counted here
    parsed.clear()
    fourth, _ = _ingest([folder], store_path, jobs=1)
    assert fourth.unchanged == first.read and parsed == []

    # other loaders (a new version) trust nothing they did not read themselves
    monkeypatch.setattr(ingest_mod, "loader_fingerprint", lambda: b"another loader version")
    fifth, _ = _ingest([folder], store_path, jobs=1)
    assert fifth.unchanged == first.read and len(parsed) == 7
    parsed.clear()
    sixth, _ = _ingest([folder], store_path, jobs=1, force=True)
    assert sixth.updated == first.read and len(parsed) == 7


def test_queries_on_an_open_store_see_what_a_later_ingest_added(tmp_path):
    # the offline store keeps an index for queries; a write must not leave it stale
    from kg.queries import run_named

    def clients():
        rows = run_named(store, "top-vendors", {"limit": 5})
        return {c for r in rows if r["vendor"] == "上海悠络客电子科技有限公司" for c in r["client_names"]}

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SAMPLES / "2021-12-14-xpeng-face-capture-fine.md", folder)
    store = OfflineStore(tmp_path / "g.json")
    ingest([folder], store, jobs=1)
    before = clients()
    assert before == {"上海小鹏汽车销售服务有限公司"}
    (folder / "later.txt").write_text(
        "某品牌门店人脸识别违规被查\n\n2022年3月1日，据报道，杭州星辰商贸有限公司采购了上海悠络客电子科技有限公司"
        "提供的人脸识别摄像头，未经同意收集顾客人脸信息。\n", encoding="utf-8")
    ingest([folder], store, jobs=1)
    assert clients() == before | {"杭州星辰商贸有限公司"}
