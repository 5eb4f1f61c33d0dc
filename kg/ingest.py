"""Ingest: loaders → extraction (parallel) → resolution → a store.

Articles whose content hash is already stored are skipped; changed ones replace
their earlier facts; the graph is the same whatever ``jobs`` is, because
extraction results are consumed in input order and resolution runs in this process.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from loaders import Article, LoadError, iter_articles

from .extract import Extraction, Extractor
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .resolve import AliasIndex, Resolver

CHUNK = 256  # articles resolved and written together (one Neo4j transaction)


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


_WORKER: Extractor | None = None


def _init_worker(gaz_files: tuple[str, ...]) -> None:
    global _WORKER
    if _WORKER is None:
        _WORKER = Extractor(load_gazetteer(gaz_files))


def _extract_one(article: Article) -> Extraction | tuple[str, str]:
    try:
        assert _WORKER is not None
        return _WORKER(article)
    except Exception as exc:  # one bad article must not stop the others
        return (article.path or article.id, f"extraction failed: {type(exc).__name__}: {exc}")


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    batch = []
    for x in items:
        batch.append(x)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def ingest(paths: Iterable[str], store, *, jobs: int | None = None, include=None, exclude=None,
           max_bytes: int = 20_000_000, gazetteer_files: tuple[str, ...] = (), stdin=None,
           progress: Callable[[int, str], None] | None = None, checkpoint_seconds: float = 60.0,
           force: bool = False) -> IngestReport:
    """Read ``paths`` into ``store``. ``progress(n, path)`` is called once per input read."""
    t0 = time.perf_counter()
    report = IngestReport()
    gaz: Gazetteer = load_gazetteer(tuple(gazetteer_files))
    index = AliasIndex(gaz)
    for label, name, aliases in store.alias_entries():
        index.learn_node(label, name, aliases)
    resolver = Resolver(gaz, index)
    known = store.article_hashes()
    seen: set[str] = set()
    jobs = jobs or default_jobs()

    def todo() -> Iterator[Article]:
        for item in iter_articles(paths, include=include, exclude=exclude, max_bytes=max_bytes, stdin=stdin):
            if isinstance(item, LoadError):
                report.failed.append((item.path if not item.line else f"{item.path}:{item.line}", item.reason))
                if progress:
                    progress(1, item.path)
                continue
            report.read += 1
            if progress:
                progress(1, item.path or item.id)
            for w in item.warnings:
                report.warnings.append((item.path or item.id, w))
            if item.id in seen:
                report.duplicates += 1
                continue
            seen.add(item.id)
            if not force and known.get(item.id) == item.content_hash:
                report.unchanged += 1
                continue
            if item.id in known:
                report.updated += 1
            else:
                report.added += 1
            yield item

    _init_worker(tuple(gazetteer_files))  # before forking, so workers inherit a warm extractor
    pool = None
    if jobs > 1:
        pool = mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(tuple(gazetteer_files),))
    last_save = time.monotonic()
    try:
        results = (pool.imap(_extract_one, todo(), chunksize=8) if pool
                   else map(_extract_one, todo()))
        for batch in _chunks(results, CHUNK):
            extractions = []
            for r in batch:
                if isinstance(r, tuple):
                    report.failed.append(r)
                else:
                    extractions.append(r)
            for ex in extractions:
                index.learn(ex)
            store.apply([resolver.fragment(ex) for ex in extractions])
            if hasattr(store, "save") and time.monotonic() - last_save > checkpoint_seconds:
                store.save()
                last_save = time.monotonic()
    finally:
        if pool:
            pool.terminate()
            pool.join()
    if hasattr(store, "save"):
        store.save()
    report.seconds = time.perf_counter() - t0
    return report
