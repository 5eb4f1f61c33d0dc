"""How fast the Neo4j store loads a graph, against the usual one-MERGE-per-transaction way.

    python benchmarks/bench_neo4j_push.py                 # 3,000 generated articles
    python benchmarks/bench_neo4j_push.py --articles 5000 --naive-rels 3000 --repeat 3

The server: NEO4J_URI / NEO4J_PASSWORD (NEO4J_USERNAME, NEO4J_DATABASE) if set,
otherwise a local one started with ``docker/neo4j-local start --name bench --fresh``
(random password, stopped again at the end). THE DATABASE IS WIPED, several times.

What it does:
1. generates N varied articles from samples/ and the shared corpus with
   ``benchmarks/make_corpus.py`` (other companies, vendors, districts, amounts, outlets and
   URLs, popular stories re-reported; a simpler built-in generator if that file is missing),
   as JSON Lines in a temp dir;
2. loads and extracts them once (kg.extract + kg.resolve, as ``kg ingest`` does);
3. pushes the same fragments (a) with the store's batched loader, ``Neo4jStore.apply``
   called per ingest chunk as ``kg ingest`` does (UNWIND batches per label and type,
   read-merge-write in managed transactions), both synchronously (one transaction per
   call) and the way ``kg`` configures the store (written behind, gathered into bigger
   transactions), and (b) the tutorial
   way: for each node ``MERGE (n:Label {id:$id}) SET n += $props`` in its own
   transaction, for each relationship MATCH/MATCH/MERGE ... SET in its own
   transaction, into a wiped database each time;
4. prints relationships/s for each and the ratio. The naive loader is timed on a
   sample (``--naive-rels`` relationships and the nodes they need, plus as many
   other nodes) and its rate extrapolated to the whole graph, as the output says.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
LAUNCHER = ROOT / "docker" / "neo4j-local"
sys.path.insert(0, str(ROOT))

from kg.gazetteer import load as load_gazetteer  # noqa: E402
from loaders import iter_articles  # noqa: E402


# --- a varied corpus ------------------------------------------------------------------------
def _company_groups(gaz) -> tuple[list[list[str]], list[list[str]]]:
    """Name forms of each known company (name first), split into vendors and others."""
    vendors, others = [], []
    for (label, name), e in gaz.entries.items():
        if label != "Company":
            continue
        forms = [name] + [a for a in e.aliases if len(a) >= 2] + [w for w in e.weak_aliases if len(w) >= 2]
        (vendors if "vendor" in (e.attrs.get("roles") or []) else others).append(forms)
    return vendors, others


def _districts(gaz) -> dict[str, list[str]]:
    """District names (full form) by their city."""
    out: dict[str, list[str]] = {}
    for loc in gaz.locations:
        if loc.level == "district" and len(loc.name) >= 3 and loc.name.endswith("区"):
            out.setdefault(loc.parent, []).append(loc.name)
    return out


def base_articles(paths: list[Path]) -> list[dict]:
    """The articles of ``paths`` as JSON Lines records (clean text, paragraphs kept)."""
    recs = []
    for a in iter_articles([str(p) for p in paths]):
        if not hasattr(a, "text") or not a.text.strip():
            continue
        paras = [a.text[s.start:s.end] for s in a.paragraphs] or [a.text]
        recs.append({"title": a.title or "", "date": a.published_at, "url": a.url or f"https://example.org/{a.id}",
                     "source": a.source, "content": "\n\n".join(paras)})
    return recs


_BRAND_CHARS = "瑞博华鑫创联智安达恒泰盛源通信宏远卓越蓝海天云星辰明德新科融汇力嘉禾佳美诚益"


def _core(forms: list[str]) -> str:
    """The part of a company's names that makes it that company (小鹏 in 上海小鹏汽车…)."""
    cjk = [f for f in forms if len(f) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", f) and f in forms[0]]
    return min(cjk, key=len) if cjk else forms[0]


class Varier:
    """Rewrites an article with other companies, vendors, districts and amounts.

    Each company named in the text (a gazetteer form) becomes, consistently within
    the article, either another known company of the same kind (vendor or not) or
    a made-up brand put in place of its core name (上海小鹏汽车销售服务有限公司 →
    上海瑞博汽车销售服务有限公司), drawn from a pool that grows with the corpus so
    that some companies recur across articles. Districts become other districts of
    the same city; amounts in 万元/亿元 are scaled.
    """

    def __init__(self, n: int, seed: int = 7):
        gaz = load_gazetteer(())
        self.vendors, self.others = _company_groups(gaz)
        self.districts = _districts(gaz)
        self.district_city = {d: c for c, ds in self.districts.items() for d in ds}
        self.seed = seed
        pool = [a + b for a in _BRAND_CHARS for b in _BRAND_CHARS if a != b]
        random.Random(seed).shuffle(pool)
        self.brands = pool[: max(40, min(len(pool), n // 4))]
        forms: dict[str, tuple[str, int, int]] = {}
        for kind, groups in (("v", self.vendors), ("o", self.others)):
            for gi, g in enumerate(groups):
                for fi, f in enumerate(g):
                    forms.setdefault(f, (kind, gi, fi))
        self.forms = forms
        self.cores = {("v", gi): _core(g) for gi, g in enumerate(self.vendors)}
        self.cores.update({("o", gi): _core(g) for gi, g in enumerate(self.others)})
        names = sorted(set(forms) | set(self.district_city), key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(n) for n in names))
        self.amount = re.compile(r"(\d+(?:\.\d+)?)(万元|亿元)")

    def vary(self, rec: dict, i: int) -> dict:
        rnd = random.Random(f"{self.seed}:{i}:{rec['url']}")
        swap: dict[tuple[str, int], object] = {}
        dswap: dict[str, str] = {}

        def replacement(kind: str, gi: int, fi: int, s: str) -> str:
            if (kind, gi) not in swap:
                groups = self.vendors if kind == "v" else self.others
                swap[(kind, gi)] = (rnd.choice(self.brands) if rnd.random() < 0.6
                                    else groups[rnd.randrange(len(groups))])
            to = swap[(kind, gi)]
            if isinstance(to, str):  # a made-up brand in place of the core name
                core = self.cores[(kind, gi)]
                return s.replace(core, to) if core in s else to
            return to[min(fi, len(to) - 1)] if fi else to[0]

        def sub(m: re.Match) -> str:
            s = m.group(0)
            if s in self.forms:
                return replacement(*self.forms[s], s)
            if s not in dswap:
                dswap[s] = rnd.choice(self.districts[self.district_city[s]])
            return dswap[s]

        def money(m: re.Match) -> str:
            v = float(m.group(1)) * rnd.choice((0.5, 1, 2, 3, 5, 8))
            return (f"{v:g}" if v != int(v) else str(int(v))) + m.group(2)

        def rewrite(text: str) -> str:
            return self.amount.sub(money, self.pattern.sub(sub, text))

        out = dict(rec)
        out["title"] = f"{rewrite(rec['title'])}（第{i}稿）"
        out["url"] = f"{rec['url']}{'&' if '?' in rec['url'] else '?'}variant={i}"
        out["content"] = rewrite(rec["content"])
        return out


def make_corpus(n: int, folder: Path, seed: int = 7) -> Path:
    """``n`` varied articles as one JSON Lines file in ``folder``: from ``benchmarks/make_corpus.py``
    (the project's corpus generator) when it is there, else from :class:`Varier`."""
    try:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import make_corpus as shared
    except ImportError:
        shared = None
    finally:
        sys.path.pop(0)
    if shared is not None and hasattr(shared, "generate"):
        shared.generate(n, folder, seed=seed, jsonl=True)
        return Path(folder) / f"n{n}.jsonl"
    sources = [ROOT / "samples"] + ([SHARED_CORPUS] if SHARED_CORPUS.is_dir() else [])
    base = base_articles(sources)
    v = Varier(n, seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "articles.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(v.vary(base[i % len(base)], i), ensure_ascii=False) + "\n")
    return out


_EXTRACTOR = None


def _extract_init() -> None:
    global _EXTRACTOR
    from kg.extract import Extractor
    _EXTRACTOR = Extractor(load_gazetteer(()))


def _extract_one(article):
    return _EXTRACTOR(article)


def extract(path: Path, jobs: int):
    """Fragments of every article: extracted once (in ``jobs`` processes), then resolved in input
    order with one alias index, as ``kg ingest`` does."""
    import multiprocessing as mp

    from kg.resolve import AliasIndex, Resolver

    gaz = load_gazetteer(())
    index = AliasIndex(gaz)
    resolver = Resolver(gaz, index)
    arts = [a for a in iter_articles([str(path)]) if hasattr(a, "text")]
    if jobs > 1:
        with mp.get_context("fork").Pool(jobs, initializer=_extract_init) as pool:
            exs = pool.map(_extract_one, arts, chunksize=16)
    else:
        _extract_init()
        exs = [_extract_one(a) for a in arts]
    fragments = []
    for ex in exs:
        index.learn(ex)
        fragments.append(resolver.fragment(ex))
    return fragments


# --- server -----------------------------------------------------------------------------------
class Server:
    def __init__(self):
        self.started = False
        self.uri = os.environ.get("NEO4J_URI")
        self.user = os.environ.get("NEO4J_USERNAME") or "neo4j"
        self.password = os.environ.get("NEO4J_PASSWORD")
        self.database = os.environ.get("NEO4J_DATABASE") or "neo4j"
        if self.uri:
            if not self.password:
                sys.exit("NEO4J_URI is set but NEO4J_PASSWORD is not")
            return
        self.password = secrets.token_urlsafe(18)
        print("starting a local Neo4j server (docker/neo4j-local start --name bench --fresh) ...", flush=True)
        proc = subprocess.run([sys.executable, str(LAUNCHER), "start", "--name", "bench", "--fresh",
                               "--heap", "2g"],
                              env=dict(os.environ, NEO4J_PASSWORD=self.password), capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"could not start Neo4j:\n{proc.stderr}")
        for line in proc.stdout.splitlines():
            if line.startswith("NEO4J_URI="):
                self.uri = line.split("=", 1)[1].strip()
        self.started = True

    def stop(self):
        if self.started:
            subprocess.run([sys.executable, str(LAUNCHER), "stop", "--name", "bench"], capture_output=True)


def wipe(store) -> None:
    # CALL … IN TRANSACTIONS needs an auto-commit transaction (session.run)
    with store.driver.session(database=store.database) as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


# --- the two loaders ---------------------------------------------------------------------
def push_batched(store, fragments, chunk: int) -> float:
    """``Neo4jStore.apply`` per chunk of articles, as ``kg ingest`` calls it (then ``save``)."""
    t0 = time.perf_counter()
    for i in range(0, len(fragments), chunk):
        store.apply(fragments[i:i + chunk])
    store.save()
    return time.perf_counter() - t0


def push_naive(store, nodes, rels) -> tuple[float, float]:
    """One MERGE per transaction: (seconds for the nodes, seconds for the relationships)."""
    from kg.model import main_label

    driver = store.driver

    def one(cypher, **params):
        with driver.session(database=store.database) as s:
            s.execute_write(lambda tx: tx.run(cypher, **params).consume())

    t0 = time.perf_counter()
    for n in nodes:
        lab = main_label(n.labels)
        extra = "".join(f":{x}" for x in n.labels if x != lab)
        one(f"MERGE (n:{lab} {{id: $id}}) SET n += $props" + (f" SET n{extra}" if extra else ""),
            id=n.id, props={k: v for k, v in n.props.items() if v is not None})
    t1 = time.perf_counter()
    from kg.stores.neo4j_store import _label_of
    for r in rels:
        one(f"MATCH (a:{_label_of(r.start)} {{id: $s}}) MATCH (b:{_label_of(r.end)} {{id: $e}}) "
            f"MERGE (a)-[r:{r.type}]->(b) SET r += $props",
            s=r.start, e=r.end, props={k: v for k, v in r.props.items() if v is not None})
    return t1 - t0, time.perf_counter() - t1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000, help="articles to generate (default 3000)")
    ap.add_argument("--naive-rels", type=int, default=3000,
                    help="relationships the naive loader writes before its rate is extrapolated (default 3000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes")
    ap.add_argument("--corpus", type=Path, default=None, help="use this folder/file instead of generating")
    ap.add_argument("--repeat", type=int, default=3, help="timed batched runs of each mode (best is reported)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed batched runs first, so that the server has planned the statements and "
                         "its JIT has warmed up (default 1)")
    ap.add_argument("--chunk", type=int, default=None,
                    help="articles per transaction (default: kg.ingest.CHUNK, what kg ingest uses)")
    args = ap.parse_args(argv)

    import logging
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    from kg.graph import combine
    from kg.ingest import CHUNK
    from kg.stores.neo4j_store import BATCH_ARTICLES, Neo4jStore

    CHUNK = args.chunk or CHUNK  # noqa: N806

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        t0 = time.perf_counter()
        src = args.corpus or make_corpus(args.articles, Path(tmp))
        fragments = extract(src, args.jobs)
        nodes, rels = combine(fragments)
        import gc
        gc.freeze()  # as kg ingest does: the extracted graph is long-lived, keep it out of collections
        print(f"{len(fragments)} articles → {len(nodes):,} nodes, {len(rels):,} relationships "
              f"(generated and extracted in {time.perf_counter() - t0:.1f} s)", flush=True)

    server = Server()
    try:
        store = Neo4jStore(server.uri, server.user, server.password, server.database)
        version = store.run("CALL dbms.components() YIELD name, versions, edition "
                            "RETURN versions[0] AS v, edition AS e")[0]
        print(f"Neo4j {version['v']} {version['e']} at {server.uri}; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} (the client and the server share this machine)",
              flush=True)
        store.apply_schema()

        for _ in range(max(0, args.warmup)):
            wipe(store)
            push_batched(store, fragments, CHUNK)

        rates = {}
        for mode, label in ((False, f"synchronous, one transaction per apply ({CHUNK} articles)"),
                            (True, f"as `kg ingest` writes: behind (a writer thread commits while the next "
                                   f"batch is prepared), gathered into transactions of {BATCH_ARTICLES} articles")):
            store.write_behind = mode
            store.batch_articles = BATCH_ARTICLES if mode else 0
            best = None
            for _ in range(max(1, args.repeat)):
                wipe(store)
                secs = push_batched(store, fragments, CHUNK)
                best = secs if best is None else min(best, secs)
            got = store.counts()
            assert sum(got[1].values()) == len(rels), f"stored {sum(got[1].values())} relationships, not {len(rels)}"
            assert sum(got[0].values()) == len(nodes), f"stored {sum(got[0].values())} nodes, not {len(nodes)}"
            rates[mode] = len(rels) / best
            print(f"(a) batched loader, Neo4jStore.apply called with {CHUNK} articles at a time, {label}: "
                  f"{best:.2f} s for {len(nodes):,} nodes + {len(rels):,} relationships "
                  f"= {rates[mode]:,.0f} relationships/s" + (f" (best of {args.repeat})" if args.repeat > 1 else ""),
                  flush=True)
        store.write_behind, store.batch_articles = False, 0
        batched_rate = max(rates.values())

        wipe(store)
        rel_list = list(rels.values())[: args.naive_rels]
        need = {x for r in rel_list for x in (r.start, r.end)}
        node_sample = [n for n in nodes.values() if n.id in need]
        node_sample += [n for n in nodes.values() if n.id not in need][: max(0, len(node_sample))]
        tn, tr = push_naive(store, node_sample, rel_list)
        per_node, per_rel = tn / len(node_sample), tr / len(rel_list)
        naive_total = per_node * len(nodes) + per_rel * len(rels)
        naive_rate = len(rels) / naive_total
        sampled = len(rel_list) < len(rels) or len(node_sample) < len(nodes)
        print(f"(b) naive loader (one MERGE per transaction): {len(node_sample):,} nodes in {tn:.2f} s, "
              f"{len(rel_list):,} relationships in {tr:.2f} s"
              + (f"; SAMPLED, extrapolated to the whole graph: {naive_total:.1f} s" if sampled else "")
              + f" = {naive_rate:,.0f} relationships/s", flush=True)
        for mode, rate in rates.items():
            print(f"ratio batched ({'written behind' if mode else 'synchronous'}) / naive: "
                  f"{rate / naive_rate:.1f}x")
        print(f"target >= 20x the naive loader and >= 20,000 relationships/s: "
              f"{'met' if batched_rate / naive_rate >= 20 and batched_rate >= 20000 else 'NOT met'} "
              f"({batched_rate:,.0f} relationships/s, {batched_rate / naive_rate:.1f}x)")
        wipe(store)
        store.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
