"""End-to-end ingest throughput, memory and store size on generated corpora.

    python benchmarks/bench_ingest.py [--sizes 1000 10000] [--jobs N] [--out DIR] [--seed 1]
    python benchmarks/bench_ingest.py --sizes 100000

For each size N the corpus of ``make_corpus.py`` is generated (or reused) and, each run in
a fresh child process (so that its peak memory is its own), measured in the same run:

* ``loaders``: reading and parsing the folder alone (``iter_articles``): the baseline;
* ``jobs=1``: ``kg ingest`` in one process (skipped from 100k on unless ``--jobs1``), with a
  breakdown of where the time goes (load+parse, extraction, resolution, store writes, saves);
* ``jobs=N``: the default, all cores (``--jobs`` to change);
* ``re-run``: the same corpus again into the same store: every article unchanged (incremental);
* ``jsonl``: the one-file JSON Lines variant of the corpus, jobs=N (``--no-jsonl`` to skip).

Prints articles/s, CPU seconds, peak memory (ru_maxrss of the main process and of the largest
worker), the store file size, and ratios measured in this run: ingest speed relative to the
loaders alone, jobs=N speed-up over jobs=1, and the re-run's cost as a fraction of the first run.
Targets (2-core machine): >= 1,000 articles/s, 100k store in < 2 GB of memory.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


# --- child side ----------------------------------------------------------------------------
def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _child(spec: dict) -> dict:
    from kg.ingest import ingest
    from kg.stores.offline import OfflineStore
    from loaders import Article, iter_articles

    kind = spec["kind"]
    t0 = time.perf_counter()
    out: dict = {}
    if kind == "loaders":
        n = errors = 0
        for item in iter_articles(spec["paths"]):
            if isinstance(item, Article):
                n += 1
            else:
                errors += 1
        out.update(articles=n, errors=errors)
    else:
        stages: dict[str, float] = {}
        if spec.get("breakdown"):
            _instrument(stages)
        t_open = time.perf_counter()
        store = OfflineStore(spec["store"])
        out["store_load_s"] = time.perf_counter() - t_open
        report = ingest(spec["paths"], store, jobs=spec["jobs"])
        out.update(articles=report.read, added=report.added, updated=report.updated,
                   unchanged=report.unchanged, failed=len(report.failed), checkpoints=report.checkpoints,
                   nodes=store.g.number_of_nodes(), relationships=store.g.number_of_edges(),
                   store_mb=os.path.getsize(spec["store"]) / 1e6, stages=stages)
    out["seconds"] = time.perf_counter() - t0
    out["rss_main_mb"] = _rss_mb(resource.RUSAGE_SELF)
    out["rss_worker_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    out["cpu_s"] = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    return out


def _instrument(stages: dict[str, float]) -> None:
    """Time the stages of a jobs=1 run (everything runs in this process)."""
    import kg.ingest as ki
    from kg.extract import Extractor
    from kg.resolve import Resolver
    from kg.stores.offline import OfflineStore

    def wrap(owner, name, key):
        f = getattr(owner, name)

        def timed(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                stages[key] = stages.get(key, 0.0) + time.perf_counter() - t
        setattr(owner, name, timed)

    wrap(Extractor, "__call__", "extract")
    wrap(Resolver, "fragment", "resolve")
    wrap(OfflineStore, "apply", "store apply")
    wrap(OfflineStore, "save", "store save")
    read_file, iter_jsonl = ki.read_file, ki.iter_jsonl

    def timed_load(it):  # the loaders' generator: time each step, not extraction after it
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                stages["load+parse"] = stages.get("load+parse", 0.0) + time.perf_counter() - t
                return
            stages["load+parse"] = stages.get("load+parse", 0.0) + time.perf_counter() - t
            yield item

    ki.read_file = lambda *a, **k: timed_load(read_file(*a, **k))
    ki.iter_jsonl = lambda *a, **k: timed_load(iter_jsonl(*a, **k))


# --- parent side --------------------------------------------------------------------------------
def run_child(spec: dict, timeout: float | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("KG_CHECKPOINT_SECONDS", "60")
    r = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
                       capture_output=True, text=True, env=env, timeout=timeout)
    if r.returncode != 0:
        raise SystemExit(f"benchmark child failed ({spec['kind']}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _fresh(path: Path) -> Path:
    if path.exists():
        path.unlink()
    return path


def bench_size(n: int, args) -> dict:
    import make_corpus

    t = time.perf_counter()
    folder = make_corpus.generate(n, args.out, seed=args.seed, jsonl=not args.no_jsonl)
    print(f"\n== {n:,} articles: {folder} (ready in {time.perf_counter() - t:.1f} s)", flush=True)
    jobs = args.jobs
    res: dict = {"n": n, "jobs": jobs}

    res["loaders"] = r = run_child({"kind": "loaders", "paths": [str(folder)]})
    _line("loaders alone", r)

    if args.jobs1 or n < 100_000:
        res["jobs1"] = r = run_child({"kind": "ingest", "paths": [str(folder)], "jobs": 1, "breakdown": True,
                                      "store": str(_fresh(args.out / f"n{n}-jobs1.graph.json"))})
        _line("ingest jobs=1", r)
        total = r["seconds"]
        parts = ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in
                          sorted(r["stages"].items(), key=lambda kv: -kv[1]))
        rest = total - sum(r["stages"].values())
        print(f"    where jobs=1 spends its time: {parts}, other {rest:.1f} s ({rest / total:.0%})")
        if not args.keep:
            (args.out / f"n{n}-jobs1.graph.json").unlink(missing_ok=True)

    store = _fresh(args.out / f"n{n}.graph.json")  # kept: bench_queries.py reuses it
    res["jobsN"] = r = run_child({"kind": "ingest", "paths": [str(folder)], "jobs": jobs, "store": str(store)})
    _line(f"ingest jobs={jobs}", r)
    res["rerun"] = r = run_child({"kind": "ingest", "paths": [str(folder)], "jobs": jobs, "store": str(store)})
    _line(f"re-run (unchanged) jobs={jobs}", r)
    assert r["unchanged"] == res["jobsN"]["articles"], "re-run did not skip every article"

    if not args.no_jsonl:
        jsonl_store = _fresh(args.out / f"n{n}-jsonl.graph.json")
        res["jsonl"] = r = run_child({"kind": "ingest", "paths": [str(folder) + ".jsonl"], "jobs": jobs,
                                      "store": str(jsonl_store)})
        _line(f"ingest JSON Lines jobs={jobs}", r)
        # the same file with 1 % of the articles edited: each replaces its earlier version
        edited = _edited_copy(Path(str(folder) + ".jsonl"), args.out / f"n{n}-edited.jsonl", every=100)
        res["edited"] = r = run_child({"kind": "ingest", "paths": [str(edited)], "jobs": jobs,
                                       "store": str(jsonl_store)})
        _line(f"  then 1 % edited jobs={jobs}", r)
        print(f"    {r['updated']:,} replaced, {r['unchanged']:,} unchanged; "
              f"{r['seconds'] / max(r['updated'], 1) * 1000:.1f} ms per replaced article, run included")
        # (a few edited records repeat an earlier article's id: the corpus re-reports popular stories)
        assert r["updated"] > 0.9 * edited_count(n, 100), "the edited articles were not replaced"
        jsonl_store.unlink(missing_ok=True)
        edited.unlink(missing_ok=True)

    first, rerun, load = res["jobsN"], res["rerun"], res["loaders"]
    rate = first["articles"] / first["seconds"]
    print(f"  ratios: ingest/loaders speed {rate / (load['articles'] / load['seconds']):.2f}; "
          + (f"jobs={jobs}/jobs=1 speed-up {res['jobs1']['seconds'] / first['seconds']:.2f}x; "
             if "jobs1" in res else "")
          + f"re-run/first time {rerun['seconds'] / first['seconds']:.3f}")
    return res


def edited_count(n: int, every: int) -> int:
    return len(range(0, n, every))


def _edited_copy(src: Path, dst: Path, every: int) -> Path:
    """``src`` (JSON Lines) with one record in ``every`` given an extra closing sentence."""
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i % every == 0 and line.strip():
                rec = json.loads(line)
                rec["content"] = rec.get("content", "") + "\n（本文已更新。）"
                line = json.dumps(rec, ensure_ascii=False) + "\n"
            fout.write(line)
    return dst


def _line(what: str, r: dict) -> None:
    rate = r["articles"] / r["seconds"] if r["seconds"] else 0
    extra = ""
    if "store_mb" in r:
        extra = (f", store {r['store_mb']:.1f} MB, {r['nodes']:,} nodes / {r['relationships']:,} rels"
                 f", store load {r['store_load_s']:.1f} s")
    print(f"  {what:<28} {r['articles']:>7,} articles in {r['seconds']:7.1f} s = {rate:7.0f} art/s; "
          f"CPU {r['cpu_s']:6.1f} s; peak RSS main {r['rss_main_mb']:6.0f} MB, worker {r['rss_worker_mb']:5.0f} MB"
          + extra, flush=True)


def _table(results: list[dict]) -> None:
    print("\nSummary (this run, this machine)")
    head = (f"{'articles':>9} {'loaders/s':>10} {'jobs=1/s':>9} {'jobs=N/s':>9} {'speed-up':>8} "
            f"{'peak MB':>8} {'store MB':>9} {'re-run s':>9} {'re-run/first':>12} {'jsonl/s':>8}")
    print(head)
    print("-" * len(head))
    for res in results:
        n = res["n"]
        load, first, rerun = res["loaders"], res["jobsN"], res["rerun"]
        j1 = res.get("jobs1")
        peak = first["rss_main_mb"] + res["jobs"] * first["rss_worker_mb"]
        print(f"{n:>9,} {load['articles'] / load['seconds']:>10.0f} "
              f"{(j1['articles'] / j1['seconds']) if j1 else float('nan'):>9.0f} "
              f"{first['articles'] / first['seconds']:>9.0f} "
              f"{(j1['seconds'] / first['seconds']) if j1 else float('nan'):>7.2f}x "
              f"{peak:>8.0f} {first['store_mb']:>9.1f} {rerun['seconds']:>9.1f} "
              f"{rerun['seconds'] / first['seconds']:>12.3f} "
              f"{(res['jsonl']['articles'] / res['jsonl']['seconds']) if 'jsonl' in res else float('nan'):>8.0f}")
    print("peak MB = main process + jobs x largest worker (ru_maxrss); targets: >= 1000 art/s, "
          "100k in < 2000 MB")


def main(argv: list[str] | None = None) -> int:
    import make_corpus
    from kg.ingest import default_jobs

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="extraction processes (default: all cores)")
    ap.add_argument("--out", type=Path, default=make_corpus.DEFAULT_OUT,
                    help=f"corpora and stores (default {make_corpus.DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs1", action="store_true", help="also run jobs=1 at 100k and above (slow)")
    ap.add_argument("--no-jsonl", action="store_true", help="skip the JSON Lines variant")
    ap.add_argument("--keep", action="store_true", help="keep every store file (the jobs=N one is always kept)")
    ap.add_argument("--json", type=Path, help="also write the raw results to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(json.loads(args.child))))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"bench_ingest: {os.cpu_count()} CPUs, jobs={args.jobs}, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    results = [bench_size(n, args) for n in args.sizes]
    _table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
