"""Latency of the named queries and of the explore page, at each corpus size.

    python benchmarks/bench_queries.py [--sizes 1000 10000] [--repeat 7] [--out DIR]
    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=… python benchmarks/bench_queries.py --neo4j-load

On the offline store of each size (``DIR/nN.graph.json`` as left by ``bench_ingest.py``;
ingested here when missing) this measures, median (and best) of ``--repeat`` runs after one
warm-up, in milliseconds:

* ``vendor-clients`` for the vendor with most clients (and for 悠络客 when present),
  ``penalties``, ``penalties --year``, ``company`` (a client of that vendor), ``top-vendors``,
  ``path`` (vendor → the authority that fined one of its clients), ``timeline``;
* ``explore``: the page build, ``kg.queries.neighbourhood`` + ``kg.explore.render_explore_html``;
* ``lookup``: ``kg.queries.find_node`` alone (name → node), part of every named query;

plus, once each: opening the store file (what every ``kg`` command pays first) and a whole
``kg query vendor-clients`` command in a fresh process. The ratio printed for each query is
its latency relative to the name lookup measured in the same run.

With NEO4J_URI and NEO4J_PASSWORD set the same queries run on Neo4j too. ``--neo4j-load``
first empties that database and ingests the corpus of each size into it (slow at 100k);
without it, the database is measured as it is. Target: vendor query < 50 ms at 100k.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times), result


def _cases(store) -> list[tuple[str, object]]:
    """The queries to time, with arguments taken from the graph itself."""
    from kg.explore import render_explore_html
    from kg.queries import QueryError, find_node, neighbourhood, run_named

    top = run_named(store, "top-vendors", {"limit": 1})
    if not top:
        raise SystemExit("the graph has no vendor (no SUPPLIED relationship): nothing to measure")
    vendor = top[0]["vendor"]
    rows = run_named(store, "vendor-clients", {"name": vendor})
    client = rows[0]["client"]
    fined = next((r for r in rows if r.get("authority")), None)
    target = fined["authority"] if fined else client
    years = [r["date"][:4] for r in run_named(store, "penalties", {}) if r.get("date")]
    year = int(statistics.mode(years)) if years else 2021
    center = find_node(store, vendor)

    def explore():
        sub = neighbourhood(store, center["id"], hops=2, max_nodes=600)
        return render_explore_html(sub, center=center["id"], title=center.get("name") or vendor, hops=2)

    cases = [
        (f"vendor-clients {vendor}", lambda: run_named(store, "vendor-clients", {"name": vendor})),
    ]
    try:
        find_node(store, "悠络客")
        cases.append(("vendor-clients 悠络客", lambda: run_named(store, "vendor-clients", {"name": "悠络客"})))
    except QueryError:
        pass
    cases += [
        ("penalties", lambda: run_named(store, "penalties", {})),
        (f"penalties --year {year}", lambda: run_named(store, "penalties", {"year": year})),
        (f"company {client}", lambda: run_named(store, "company", {"name": client})),
        ("top-vendors", lambda: run_named(store, "top-vendors", {})),
        (f"path {vendor} {target}", lambda: run_named(store, "path", {"a": vendor, "b": target, "hops": 4})),
        ("timeline", lambda: run_named(store, "timeline", {})),
        (f"explore {vendor}", explore),
        (f"lookup {vendor}", lambda: find_node(store, vendor)),
    ]
    return cases


def _rows(result) -> str:
    if isinstance(result, str):
        return f"{len(result) / 1e3:.0f} kB html"
    if isinstance(result, list):
        return f"{len(result)} rows"
    return "1 node"


def measure(store, repeat: int, label: str) -> dict[str, float]:
    out = {}
    cases = _cases(store)
    results = {}
    for name, fn in cases:
        med, best, res = _timed(fn, repeat)
        out[name] = med
        results[name] = (med, best, res)
    lookup = next(v for k, v in out.items() if k.startswith("lookup"))
    for name, (med, best, res) in results.items():
        print(f"  {label:<8} {name[:52]:<52} median {med:9.2f} ms  best {best:9.2f} ms  "
              f"x{med / lookup if lookup else float('nan'):6.1f} lookup  ({_rows(res)})", flush=True)
    return out


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def ensure_store(n: int, args) -> Path:
    import make_corpus

    store = args.out / f"n{n}.graph.json"
    if store.exists():
        return store
    folder = make_corpus.generate(n, args.out, seed=args.seed, jsonl=False)
    print(f"  building {store} (kg ingest {folder}) …", flush=True)
    subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "-q", "--store", str(store),
                    "ingest", str(folder)], env=_env(), check=True)
    return store


def bench_offline(n: int, args) -> dict:
    from kg.stores.offline import OfflineStore

    path = ensure_store(n, args)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    store = OfflineStore(path)
    load_s = time.perf_counter() - t
    rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    g = store.g
    print(f"\n== {n:,} articles: {path} ({path.stat().st_size / 1e6:.1f} MB, {g.number_of_nodes():,} nodes, "
          f"{g.number_of_edges():,} relationships); opened in {load_s:.2f} s, +{rss:.0f} MB peak RSS", flush=True)
    res = {"n": n, "open_s": load_s, "open_mb": rss, "offline": measure(store, args.repeat, "offline")}
    vendor = next(k for k in res["offline"] if k.startswith("vendor-clients")).split(" ", 1)[1]
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "--store", str(path), "query",
                        "vendor-clients", vendor], env=_env(), capture_output=True, text=True)
    res["cli_s"] = time.perf_counter() - t
    print(f"  offline  whole command `kg query vendor-clients {vendor}`: {res['cli_s']:.2f} s "
          f"(exit {r.returncode}; opening the store is {load_s / res['cli_s']:.0%} of it)")
    del store
    return res


def bench_neo4j(n: int, args) -> dict | None:
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD")
    if not (uri and password):
        return None
    import make_corpus
    from kg.ingest import ingest
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore.from_env(uri)
    try:
        if args.neo4j_load:
            folder = make_corpus.generate(n, args.out, seed=args.seed, jsonl=False)
            print(f"  neo4j    emptying {store.describe()} and ingesting {folder} …", flush=True)
            while store.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS c",
                            write=True)[0]["c"]:
                pass
            t = time.perf_counter()
            report = ingest([str(folder)], store)
            print(f"  neo4j    ingested {report.read:,} articles in {time.perf_counter() - t:.0f} s "
                  f"({report.read / (time.perf_counter() - t):.0f} art/s)")
        count = store.run("MATCH (a:Article) RETURN count(a) AS c")[0]["c"]
        if count != n:
            print(f"  neo4j    holds {count:,} articles, not {n:,} (use --neo4j-load): measured as it is")
        return {"articles": count, "neo4j": measure(store, args.repeat, "neo4j")}
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    import make_corpus

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs per query, median reported (default 7)")
    ap.add_argument("--out", type=Path, default=make_corpus.DEFAULT_OUT,
                    help=f"corpora and stores (default {make_corpus.DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--neo4j-load", action="store_true",
                    help="empty the NEO4J_URI database and ingest each corpus into it first")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"bench_queries: repeat={args.repeat}, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    results = []
    for n in args.sizes:
        res = bench_offline(n, args)
        neo = bench_neo4j(n, args)
        if neo:
            res.update(neo)
        results.append(res)

    print("\nSummary: median latency in ms (this run, this machine)")
    names = ["vendor-clients", "penalties", "company", "top-vendors", "path", "timeline", "explore", "lookup"]
    head = f"{'articles':>9} {'store':>8} " + " ".join(f"{x:>14}" for x in names) + f" {'open s':>7} {'kg query s':>10}"
    print(head)
    print("-" * len(head))
    for res in results:
        for kind in ("offline", "neo4j"):
            if kind not in res:
                continue
            row = res[kind]
            cells = []
            for x in names:
                key = next((k for k in row if k.split(" ", 1)[0] == x), None)
                cells.append(f"{row[key]:>14.2f}" if key else f"{'-':>14}")
            extra = f" {res['open_s']:>7.2f} {res['cli_s']:>10.2f}" if kind == "offline" else ""
            print(f"{res['n']:>9,} {kind:>8} " + " ".join(cells) + extra)
    print("target: vendor-clients < 50 ms at 100k articles (query on an open store)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
