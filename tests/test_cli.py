"""The ``kg`` command as a user runs it: the README quick start, export contract,
idempotent re-ingest, bad inputs, stdin, help texts, and clear errors for broken stores."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
N_SAMPLES = 10  # 7 files + 3 JSON Lines records


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for k in ("KG_STORE", "KG_GAZETTEER", "KG_CHECKPOINT_SECONDS"):
        env.pop(k, None)
    env["COLUMNS"] = "200"
    env.update(extra)
    return env


def kg(*args: str, cwd: Path, input: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the installed ``kg`` command (this checkout's code) in ``cwd``."""
    exe = shutil.which("kg")
    cmd = [exe] if exe else [sys.executable, "-c", "from kg.cli import main; main()"]
    return subprocess.run(cmd + list(args), cwd=cwd, env=_env(), input=input, capture_output=True, text=True,
                          timeout=timeout)


def no_traceback(r) -> None:
    out = (getattr(r, "stdout", "") or "") + (getattr(r, "stderr", "") or "") + (getattr(r, "output", "") or "")
    assert "Traceback" not in out, out


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory) -> Path:
    """The quick start: samples/ copied into a fresh folder and ingested there."""
    cwd = tmp_path_factory.mktemp("quickstart")
    shutil.copytree(SAMPLES, cwd / "samples")
    r = kg("ingest", "samples/", cwd=cwd)
    assert r.returncode == 0, r.stderr
    (cwd / "ingest.out").write_text(r.stdout, encoding="utf-8")
    return cwd


# --- the quick start -------------------------------------------------------------------------
def test_quick_start_ingest_prints_the_summary(sample_graph):
    out = (sample_graph / "ingest.out").read_text("utf-8")
    assert f"Read {N_SAMPLES} article(s)" in out
    assert f"{N_SAMPLES} added" in out and "0 unchanged" in out and "0 failed" in out
    assert "nodes by label" in out and "relationships by type" in out
    for label in ("Company", "Authority", "Penalty", "Article"):
        assert label in out
    for rtype in ("MENTIONS", "IMPOSED_ON", "ISSUED_BY", "SUPPLIED"):
        assert rtype in out
    assert "Graph saved to kg-data/graph.json" in out
    assert "Try next" in out and "kg query vendor-clients" in out and "kg explore" in out
    assert (sample_graph / "kg-data" / "graph.json").is_file()


def test_quick_start_query_stats_explore(sample_graph):
    r = kg("query", "vendor-clients", "悠络客", cwd=sample_graph)
    assert r.returncode == 0, r.stderr
    assert "上海小鹏汽车销售服务有限公司" in r.stdout and "row(s)" in r.stdout

    r = kg("query", "vendor-clients", "悠洛客", "--json", cwd=sample_graph)  # the typo form finds it too
    rows = json.loads(r.stdout)
    assert any(row["client"] == "上海小鹏汽车销售服务有限公司" and row["amount_cny"] == 100000 for row in rows)

    for args in (("penalties",), ("top-vendors",), ("timeline",), ("company", "科勒"),
                 ("path", "悠络客", "徐汇区市场监督管理局")):
        r = kg("query", *args, cwd=sample_graph)
        assert r.returncode == 0, (args, r.stderr)
        assert "row(s)" in r.stdout, args
        no_traceback(r)

    r = kg("stats", cwd=sample_graph)
    assert r.returncode == 0 and "nodes by label" in r.stdout and "top vendors by clients" in r.stdout
    r = kg("stats", "--json", cwd=sample_graph)
    assert json.loads(r.stdout)["nodes by label"]

    r = kg("explore", "悠络客", "-o", "page.html", cwd=sample_graph)
    assert r.returncode == 0, r.stderr
    page = (sample_graph / "page.html").read_text("utf-8")
    assert page.lower().startswith("<!doctype html") and "上海悠络客电子科技有限公司" in page
    assert "http://" not in page.replace("http://www.w3.org", "") or "<script src=" not in page

    r = kg("query", "vendor-clients", "没有这家公司", cwd=sample_graph)
    assert r.returncode != 0 and "nothing named" in r.stderr


def test_a_table_piped_to_a_file_keeps_each_row_on_one_line(sample_graph):
    # no terminal and no COLUMNS (as in `kg query … > rows.txt`): rows are not folded into 80 columns
    env = _env()
    env.pop("COLUMNS")
    exe = shutil.which("kg")
    cmd = [exe] if exe else [sys.executable, "-c", "from kg.cli import main; main()"]
    r = subprocess.run(cmd + ["query", "vendor-clients", "悠络客"], cwd=sample_graph, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    row = next(line for line in r.stdout.splitlines() if "上海小鹏汽车销售服务有限公司" in line)
    assert "上海市徐汇区市场监督管理局" in row and "100,000" in row
    no_traceback(r)


# --- export contract and idempotency -----------------------------------------------------------
def _export(runner: CliRunner, store: Path, out: Path) -> dict:
    r = runner.invoke(cli, ["--store", str(store), "export", "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text("utf-8"))


def test_export_contract_and_ingesting_twice_changes_nothing(tmp_path):
    runner = CliRunner()
    store = tmp_path / "graph.json"
    r = runner.invoke(cli, ["--store", str(store), "ingest", str(SAMPLES)])
    assert r.exit_code == 0, r.output
    first = _export(runner, store, tmp_path / "a.json")

    assert set(first) == {"nodes", "relationships"}
    ids = set()
    for n in first["nodes"]:
        assert set(n) == {"id", "labels", "properties"}
        assert isinstance(n["id"], str) and n["labels"] and isinstance(n["properties"], dict)
        ids.add(n["id"])
    assert len(ids) == len(first["nodes"])
    for rel in first["relationships"]:
        assert set(rel) == {"type", "start", "end", "properties"}
        assert rel["start"] in ids and rel["end"] in ids
        if rel["type"] == "REPORTS":  # owned by its article (the start node), like MENTIONS
            assert rel["start"].startswith("article:")
        elif rel["type"] != "MENTIONS":
            assert rel["properties"]["sources"] and rel["properties"]["evidence"]

    r = runner.invoke(cli, ["--store", str(store), "ingest", str(SAMPLES)])
    assert r.exit_code == 0 and f"{N_SAMPLES} unchanged" in r.output
    r = runner.invoke(cli, ["--store", str(store), "ingest", "--force", str(SAMPLES)])
    assert r.exit_code == 0 and f"{N_SAMPLES} updated" in r.output
    second = _export(runner, store, tmp_path / "b.json")
    assert second == first  # same ids, counts and properties
    for rel in second["relationships"]:
        for k in ("sources", "evidence", "evidence_refs"):
            v = rel["properties"].get(k, [])
            assert len(v) == len(set(v)), (rel["type"], k)  # provenance never doubled

    for fmt in ("graphml", "cypher"):
        r = runner.invoke(cli, ["--store", str(store), "export", "--format", fmt, "-o", str(tmp_path / f"g.{fmt}")])
        assert r.exit_code == 0 and (tmp_path / f"g.{fmt}").stat().st_size > 1000


# --- the real corpus ---------------------------------------------------------------------------
def test_ingest_the_real_corpus(tmp_path, corpus_dir):
    r = kg("ingest", str(corpus_dir), cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    no_traceback(r)
    if r.returncode == 1:
        failed = [line for line in r.stderr.splitlines() if line.startswith("failed ")]
        assert failed and all(str(corpus_dir) in line and ": " in line for line in failed)
    assert "Read " in r.stdout and "Graph saved to" in r.stdout
    assert (tmp_path / "kg-data" / "graph.json").is_file()


# --- bad inputs ----------------------------------------------------------------------------------
def test_bad_inputs_are_listed_by_name_and_reason_the_rest_is_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "2021-12-14-xpeng-face-capture-fine.md", folder / "good.md")
    shutil.copy(SAMPLES / "kohler-face-capture-fine-2021.html", folder / "good.html")
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    gbk = ("深圳某科技公司违规收集人脸信息被罚\n\n2022年3月1日　来源：示例新闻网\n\n"
           "深圳市南山区市场监督管理局对深圳市示例科技有限公司未经同意收集顾客人脸信息的行为罚款5万元。\n")
    (folder / "gbk.txt").write_bytes(gbk.encode("gbk"))
    (folder / "huge.txt").write_text("很长的文章。" * 20000, encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"title": "x", "content": "某公司泄露个人信息。"}\n{broken\n', encoding="utf-8")

    r = kg("-v", "--store", "g.json", "ingest", "--max-bytes", "50000", str(folder), cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    no_traceback(r)
    err = r.stderr.replace("\n", " ")
    assert f"{folder / 'empty.md'}: empty file" in err
    assert f"{folder / 'binary.txt'}: binary file" in err
    assert f"{folder / 'huge.txt'}: file is" in err and "--max-bytes" in err
    assert f"{folder / 'feed.jsonl'}:2: not valid JSON" in err
    # a GBK file is not a failure: it is decoded (and said so with -v)
    assert f"{folder / 'gbk.txt'}" in err and "gb18030" in err
    assert "4 failed" in r.stdout

    data = json.loads(kg("--store", "g.json", "export", cwd=tmp_path).stdout)
    paths = {n["properties"].get("path") for n in data["nodes"] if "Article" in n["labels"]}
    assert {str(folder / "good.md"), str(folder / "good.html"), str(folder / "gbk.txt"),
            str(folder / "feed.jsonl")} <= paths
    assert "company:深圳市示例科技有限公司" in {n["id"] for n in data["nodes"]}


def test_stdin_json_lines(tmp_path):
    feed = (SAMPLES / "feed.jsonl").read_text("utf-8")
    r = kg("--store", "g.json", "ingest", "-", cwd=tmp_path, input=feed)
    assert r.returncode == 0, r.stderr
    assert "Read 3 article(s)" in r.stdout and "3 added" in r.stdout
    r = kg("--store", "g.json", "ingest", "-", cwd=tmp_path, input=feed)
    assert "3 unchanged" in r.stdout


# --- help texts --------------------------------------------------------------------------------
def _commands(group: click.Group, prefix=()):
    yield prefix, group
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=lambda p: " ".join(p) or "kg")
def test_every_help_shows_an_example(path):
    r = CliRunner().invoke(cli, [*path, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output, f"kg {' '.join(path)} --help has no example"
    assert "kg " in r.output.split("Example", 1)[1]


# --- broken stores ------------------------------------------------------------------------------
@pytest.mark.parametrize("content, message", [
    (b'{"format": "privacy-kg-offline", "version": 1, "nodes": [{"id": "a", "lab', "not a valid graph file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a valid graph file"),
    (b'{"some": "other json"}', "not a privacy-kg graph file"),
    (b'{"format": "privacy-kg-offline", "version": 99, "nodes": [], "relationships": []}', "incompatible version"),
])
@pytest.mark.parametrize("command", [("stats",), ("query", "penalties"), ("export",), ("explore", "x"),
                                     ("ingest", str(SAMPLES / "feed.jsonl"))])
def test_corrupt_or_incompatible_store_gives_a_clear_error(tmp_path, content, message, command):
    store = tmp_path / "graph.json"
    store.write_bytes(content)
    r = CliRunner().invoke(cli, ["--store", str(store), *command])
    assert r.exit_code != 0
    assert message in r.output and "Error" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    no_traceback(r)
    assert store.read_bytes() == content  # never overwritten


def test_corrupt_store_subprocess_has_no_traceback(tmp_path):
    (tmp_path / "graph.json").write_text('{"nodes": [', encoding="utf-8")
    r = kg("--store", "graph.json", "stats", cwd=tmp_path)
    assert r.returncode != 0 and "not a valid graph file" in r.stderr
    no_traceback(r)


def test_unwritable_store_path_gives_a_clear_error(tmp_path):
    (tmp_path / "somefile").write_text("x")
    r = kg("--store", "somefile/graph.json", "ingest", str(SAMPLES), cwd=tmp_path)
    assert r.returncode != 0
    assert "somefile is not a folder" in r.stderr
    no_traceback(r)
    assert (tmp_path / "somefile").read_text() == "x"
