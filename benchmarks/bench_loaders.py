"""Loader throughput on the real corpus.

    python benchmarks/bench_loaders.py [--copies 40] [--rounds 3] [--corpus PATH]

Copies the corpus ``--copies`` times into a temporary folder and measures, in the same
run and over the same bytes:

* baseline: walk the folder, read every file and decode it as UTF-8 (the floor);
* loaders: ``iter_articles(folder)`` (read, decode, parse, clean, segment, ids);
* in memory: ``load_text`` over the already-decoded texts (parsing and cleaning only).

Prints MB/s and articles/s for each and the loader/baseline time ratio. Best of
``--rounds`` rounds.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders import Article, iter_articles, load_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _baseline(folder: str) -> tuple[int, int]:
    """Walk, read and decode: what any loader has to pay at least."""
    n_bytes = n_files = 0
    stack = [folder]
    while stack:
        d = stack.pop()
        with os.scandir(d) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            if e.is_dir():
                stack.append(e.path)
            else:
                with open(e.path, "rb") as f:
                    data = f.read()
                data.decode("utf-8")
                n_bytes += len(data)
                n_files += 1
    return n_bytes, n_files


def _loaders(folder: str) -> tuple[int, int]:
    n_articles = n_errors = 0
    for item in iter_articles([folder]):
        if isinstance(item, Article):
            n_articles += 1
        else:
            n_errors += 1
    return n_articles, n_errors


def _best(fn, rounds: int):
    best, result = float("inf"), None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40, help="how many times to copy the corpus (default 40)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per measurement, best kept (default 3)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"folder of articles (default {DEFAULT_CORPUS})")
    args = ap.parse_args(argv)

    files = _files(args.corpus)
    if not files:
        print(f"no corpus files under {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-loaders-") as tmp:
        for i in range(args.copies):
            dest = Path(tmp) / f"copy{i:03d}"
            dest.mkdir()
            for f in files:
                shutil.copyfile(f, dest / f.name)
        texts = [(f.read_bytes().decode("utf-8"), f.name) for f in files] * args.copies

        t_base, (n_bytes, n_files) = _best(lambda: _baseline(tmp), args.rounds)
        t_load, (n_articles, n_errors) = _best(lambda: _loaders(tmp), args.rounds)
        t_mem, n_mem = _best(lambda: sum(1 for t, name in texts if load_text(t, path=name)), args.rounds)

    mb = n_bytes / 1e6
    print(f"corpus: {len(files)} files x {args.copies} copies = {n_files} files, {mb:.2f} MB "
          f"({args.corpus})")
    print(f"{'':22}{'seconds':>9}{'MB/s':>10}{'articles/s':>12}")
    print(f"{'baseline read+decode':22}{t_base:9.3f}{mb / t_base:10.1f}{n_files / t_base:12.0f}")
    print(f"{'loaders iter_articles':22}{t_load:9.3f}{mb / t_load:10.1f}{n_articles / t_load:12.0f}")
    print(f"{'load_text in memory':22}{t_mem:9.3f}{mb / t_mem:10.1f}{n_mem / t_mem:12.0f}")
    print(f"ratio loaders/baseline: {t_load / t_base:.1f}x   "
          f"articles: {n_articles}, load errors: {n_errors}")
    return 0 if n_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
