"""Ingest: loaders → extraction (parallel) → resolution → a store.

The main process only lists the inputs (files of a folder, batches of JSON Lines); the
worker processes read, parse and extract them, and skip articles whose content hash is
already stored without extracting them. Results come back in input order, and resolution
and writes run in the main process in that order, in chunks of ``CHUNK`` extracted
articles, so the graph is the same whatever ``jobs`` is.

Articles whose content hash is already stored are skipped; changed ones replace their
earlier facts; new ones are added. The offline store also remembers which file bytes each
article was read from, so a file that has not changed is skipped without being parsed.
The offline store is saved at checkpoints (every
``checkpoint_seconds``, env ``KG_CHECKPOINT_SECONDS``), always after a whole chunk, so a
run that is killed can simply be run again: what was saved is skipped as unchanged.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing as mp
import queue
import os
import stat
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from loaders import Article, LoadError
from loaders.jsonl import iter_jsonl, stream_lines
from loaders.walk import JSONL_EXT, iter_sources, limited_lines, os_reason, read_file

from .extract import Extraction, Extractor
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .resolve import AliasIndex, MentionedEntities, Resolver, mentioned_entities

CHUNK = 256  # extracted articles resolved and written together (one Neo4j transaction)
JSONL_LINES_PER_UNIT = 32  # JSON Lines records sent to a worker at a time
ARTICLES_PER_TASK = 64  # about this many articles (files or JSON Lines records) per message to a worker
# messages sent ahead of the results consumed, per worker: enough work (about 1.5 s of it with
# two workers) to keep them busy while this process saves a checkpoint of a big store (2 s at
# 100k articles). With 4, each worker of a 30k run saving every 10 s stood idle 0.7 s in all;
# with 16, 0.03 s. Bounds memory (~8 MB of results).
TASKS_IN_FLIGHT_PER_JOB = 16
DEFAULT_CHECKPOINT_SECONDS = 60.0


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
    checkpoints: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def checkpoint_seconds_from_env(default: float = DEFAULT_CHECKPOINT_SECONDS) -> float:
    raw = os.environ.get("KG_CHECKPOINT_SECONDS", "").strip()
    if not raw:
        return default
    try:
        return max(0.0, float(raw))
    except ValueError:
        return default


# --- work units (made in the main process, cheap: no file is read here but JSON Lines) ------
# ("file", path)                          one file, read and extracted by a worker
# ("lines", path, name, first_no, lines)  consecutive JSON Lines records (line numbers from first_no)
# ("end", path)                           end of a JSON Lines file
# ("echo", result)                        a failure found while listing, passed through in order
def _units(paths: Iterable[str], include, exclude, max_bytes: int, stdin) -> Iterator[tuple]:
    """The same inputs, in the same order, as :func:`loaders.iter_articles`, as work units."""
    for source in iter_sources(paths, include=include, exclude=exclude, stdin=stdin):
        if source[0] == "file":
            yield from _file_units(source[1], max_bytes)
        elif source[0] == "stdin":
            yield from _line_units(stream_lines(source[1]), "-", "stdin")
        else:
            yield ("echo", source)


def _file_units(path: str, max_bytes: int) -> Iterator[tuple]:
    name = os.path.basename(path)
    if os.path.splitext(name)[1].lower() not in JSONL_EXT:
        yield ("file", path)
        return
    # JSON Lines: split here so that one big file keeps every worker busy
    try:
        st = os.stat(path)
    except OSError as e:
        yield ("echo", ("error", path, os_reason(e)))
        return
    if stat.S_ISDIR(st.st_mode) or not stat.S_ISREG(st.st_mode):
        yield ("file", path)  # the loader gives the reason
        return
    try:
        f = open(path, "rb")
    except OSError as e:
        yield ("echo", ("error", path, os_reason(e)))
        return
    with f:
        if st.st_size == 0:
            yield ("echo", ("error", path, "empty file"))
            return
        yield from _line_units(limited_lines(f, max_bytes, path), path, name)


def _line_units(lines: Iterable, path: str, name: str) -> Iterator[tuple]:
    batch: list = []
    first = 1
    n = 0
    for n, line in enumerate(lines, 1):
        batch.append(line)
        if len(batch) >= JSONL_LINES_PER_UNIT:
            yield ("lines", path, name, first, batch)
            batch, first = [], n + 1
    if batch:
        yield ("lines", path, name, first, batch)
    yield ("end", path)


# --- workers ------------------------------------------------------------------------------
# Set in the main process before the pool forks (and used directly when jobs == 1).
_CFG: dict[str, Any] = {"gaz": (), "known": {}, "force": False, "max_bytes": 20_000_000, "files": {},
                        "salt": b""}
_EXTRACTORS: dict[tuple[str, ...], Extractor] = {}


def _extractor() -> Extractor:
    gaz = _CFG["gaz"]
    ex = _EXTRACTORS.get(gaz)
    if ex is None:  # built on first need: a re-run of an unchanged corpus never pays for it
        ex = _EXTRACTORS[gaz] = Extractor(load_gazetteer(gaz))
    return ex


def _where(a: Article) -> str:
    line = a.metadata.get("line") if a.metadata else None
    where = a.path or a.id
    return f"{where}:{line}" if line and a.path else where


def _article_result(a: Article) -> tuple:
    where = _where(a)
    if not _CFG["force"] and _CFG["known"].get(a.id) == a.content_hash:
        return ("skip", a.id, where, a.warnings)
    try:
        ex = _extractor()(a)
    except Exception as exc:  # one bad article must not stop the others
        return ("fail", a.id, where, f"extraction failed: {type(exc).__name__}: {exc}", a.warnings)
    # resolution reads the text, the facts' own spans and each distinct entity mentioned, not
    # the article's sentence list nor every mention: sending those to the main process cost
    # more than any other part of the message
    a.content_hash  # noqa: B018 (computed here, in the worker, and sent along)
    a.paragraphs, a.sentences, a.metadata = [], [], {}
    mentioned = mentioned_entities(ex)
    ex.mentions = []
    return ("ex", a.id, where, a.warnings, (ex, mentioned))


def _item_result(item: Article | LoadError) -> tuple:
    if isinstance(item, LoadError):
        return ("error", f"{item.path}:{item.line}" if item.line else item.path, item.reason)
    return _article_result(item)


@functools.lru_cache(maxsize=1)
def loader_fingerprint() -> bytes:
    """Changes whenever the loaders' code does: a file's fingerprint includes it, so a new
    loader never trusts what an older one made of the same bytes."""
    h = hashlib.blake2b(digest_size=16)
    for src in sorted(Path(read_file.__code__.co_filename).parent.glob("*.py")):
        h.update(src.name.encode() + b"\0" + src.read_bytes())
    return h.digest()


def _read_for_fingerprint(path: str) -> tuple[str | None, bytes | None]:
    """A regular file's bytes and their hash (keyed by the loaders' code); (None, None) when it
    cannot or need not be read here (the loader then reads it and gives the reason)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _CFG["max_bytes"]:
            return None, None
        with open(path, "rb") as fh:
            raw = fh.read(_CFG["max_bytes"] + 1)
    except OSError:
        return None, None
    return hashlib.blake2b(raw, digest_size=16, key=_CFG["salt"]).hexdigest(), raw


def _file_unit(path: str) -> tuple[str | None, list[tuple]]:
    """One file. When its bytes are those an article now stored was read from (the store's file
    index), it is skipped without being parsed: a re-run of an unchanged folder reads each
    file once and parses nothing."""
    fp, raw = _read_for_fingerprint(path)
    seen = _CFG["files"].get(path) if fp and not _CFG["force"] else None
    if seen and seen[0] == fp and _CFG["known"].get(seen[1]) == seen[2]:
        return None, [("skip", seen[1], path, [])]
    items = [_item_result(x) for x in read_file(path, _CFG["max_bytes"], data=raw)]
    if fp and len(items) == 1 and items[0][0] in ("ex", "skip"):
        items.append(("file", path, fp))
    return None, items


def _work(unit: tuple) -> tuple[str | None, list[tuple]]:
    """One unit → (JSON Lines path or None, results in input order)."""
    kind = unit[0]
    if kind == "file":
        return _file_unit(unit[1])
    if kind == "lines":
        _, path, name, first, lines = unit
        return path, [_item_result(x) for x in iter_jsonl(lines, path=path, name=name, first=first)]
    if kind == "end":
        return None, [("end", unit[1])]
    return None, [unit[1]]  # echo


# --- the pipeline ------------------------------------------------------------------------
def _worker_main(tasks, results) -> None:
    """A worker process: units in, results out, until told to stop (None)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for end in (tasks._writer, results._reader):  # so that the main process's death ends the loop
        end.close()
    # Cyclic garbage is collected between tasks only. An automatic collection comes in the middle
    # of an article, when thousands of its objects are alive and get traversed (2-3 % of a
    # worker's time); between tasks next to nothing young is alive, and what an article left in
    # reference cycles is freed there all the same.
    gc.disable()
    done = 0
    while True:
        try:
            msg = tasks.get()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        seq, units = msg
        try:
            out = [_work(u) for u in units]
        except BaseException as exc:  # a bug, not a bad input: the main process re-raises it
            out = ("crash", f"{type(exc).__name__}: {exc}")
        try:
            results.put((seq, out))
        except OSError:  # the main process is gone
            return
        if isinstance(out, tuple):
            return
        del out
        done += 1
        gc.collect(1 if done % 16 == 0 else 0)


class _OrderedPool:
    """Forked worker processes fed by one thread, results handed out in input order.

    Simpler than multiprocessing.Pool for this one pattern, and cheaper: Pool's worker-handler
    thread wakes on every result and, with thousands of small results, burnt a second of CPU
    per thousand articles in this process, which is the one every article must go through.
    Workers pull tasks from one queue (so a slow file does not hold up the others); the main
    process reorders results by sequence number, with at most ``depth`` tasks outstanding.
    """

    def __init__(self, jobs: int, units: Iterable[tuple], depth: int):
        ctx = mp.get_context("fork")
        self.tasks, self.results = ctx.SimpleQueue(), ctx.SimpleQueue()
        self.procs = [ctx.Process(target=_worker_main, args=(self.tasks, self.results), daemon=True)
                      for _ in range(jobs)]
        for p in self.procs:
            p.start()
        self.slots = threading.Semaphore(depth)
        self.stopped = False
        self.feeder = threading.Thread(target=self._feed, args=(iter(units),), daemon=True, name="kg-feeder")
        self.feeder.start()
        # Results are taken off the pipe as they come, even while this process is busy writing a
        # chunk to the store: a pipe holds about ten articles' results, and workers that found it
        # full stood idle for much of every chunk.
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.drainer = threading.Thread(target=self._drain, daemon=True, name="kg-results")
        self.drainer.start()

    def _drain(self) -> None:
        while True:
            try:
                msg = self.results.get()
            except (EOFError, OSError):  # closed: the pool is being torn down
                return
            except BaseException as exc:  # a result that cannot be unpickled is a bug: say so
                msg = (-3, f"{type(exc).__name__}: {exc}")
            self.inbox.put(msg)

    def _feed(self, units: Iterator[tuple]) -> None:
        seq = 0
        try:
            while True:
                batch, weight = [], 0
                for unit in units:  # about ARTICLES_PER_TASK articles per message: fewer, larger messages
                    batch.append(unit)
                    weight += len(unit[4]) if unit[0] == "lines" else 1
                    if weight >= ARTICLES_PER_TASK:
                        break
                if not batch:
                    break
                while not self.slots.acquire(timeout=0.2):
                    if self.stopped:
                        return
                if self.stopped:
                    return
                self.tasks.put((seq, batch))
                seq += 1
            self.results.put((-1, seq))  # the number of tasks: the end of the input
        except BaseException as exc:  # listing failed (or the pool is being torn down)
            if not self.stopped:
                self.results.put((-2, f"{type(exc).__name__}: {exc}"))

    def __iter__(self) -> Iterator[tuple[str | None, list[tuple]]]:
        waiting: dict[int, list] = {}
        nxt, total = 0, None
        while total is None or nxt < total:
            if nxt in waiting:
                out = waiting.pop(nxt)
            else:
                seq, out = self.inbox.get()
                if seq == -3:
                    raise RuntimeError(f"reading a worker's result failed: {out}")
                if seq == -1:
                    total = out
                    continue
                if seq == -2:
                    raise RuntimeError(f"listing the inputs failed: {out}")
                if isinstance(out, tuple):
                    raise RuntimeError(f"an extraction worker crashed: {out[1]}")
                if seq != nxt:
                    waiting[seq] = out
                    continue
            nxt += 1
            self.slots.release()
            yield from out

    def close(self) -> None:
        """Stop the workers (gently when all work is done, at once otherwise)."""
        self.stopped = True
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join(timeout=10)
        # a feeder blocked writing to the task pipe gets a broken pipe once no reader is left
        for q in (self.tasks, self.results):
            try:
                q.close()
            except (OSError, AttributeError):
                pass
        self.feeder.join(timeout=10)
        self.drainer.join(timeout=10)


def _in_order(results: Iterable[tuple[str | None, list[tuple]]]) -> Iterator[tuple]:
    """Worker results, one per input (article or failure), in input order; a JSON Lines file
    that gave nothing at all is reported as empty, as the loaders do."""
    jsonl_items: dict[str, int] = {}
    for jsonl_path, items in results:
        if jsonl_path is not None:
            jsonl_items[jsonl_path] = jsonl_items.get(jsonl_path, 0) + len(items)
        for r in items:
            if r[0] == "end":
                if not jsonl_items.pop(r[1], 0):
                    yield ("error", r[1], "empty file (only whitespace)")
                continue
            yield r


def _quiet_gc() -> bool:
    """No automatic cyclic collection while ingesting: ingest makes next to no reference cycles
    (14 objects in 10,000 articles), but automatic collections came every ~110 articles and
    traversed every young object alive, the results waiting to be resolved among them: 22 % of
    this process's CPU. Objects alive now (a loaded graph) are frozen too, so that forked
    workers do not copy them page by page. Workers collect between tasks (:func:`_worker_main`).
    Undone by :func:`_restore_gc`; returns whether collection was on."""
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    return enabled


def _restore_gc(enabled: bool) -> None:
    # what ingest built is long-lived: into the oldest generation with the rest (left young,
    # the first collection after ingest traversed all of it: 0.5 s at 30k articles)
    gc.freeze()
    gc.unfreeze()
    if enabled:
        gc.enable()


def ingest(paths: Iterable[str], store, *, jobs: int | None = None, include=None, exclude=None,
           max_bytes: int = 20_000_000, gazetteer_files: tuple[str, ...] = (), stdin=None,
           progress: Callable[[int, str], None] | None = None, checkpoint_seconds: float | None = None,
           force: bool = False) -> IngestReport:
    """Read ``paths`` into ``store``. ``progress(n, path)`` is called once per input read.

    ``jobs``: extraction processes (default: all cores; 1 runs everything in this process).
    ``checkpoint_seconds``: save the offline store at least this often (default: env
    ``KG_CHECKPOINT_SECONDS`` or 60 s; 0 saves after every chunk).
    """
    gc_state = _quiet_gc()  # (from the start: reading the gazetteer alone set off 40 collections)
    try:
        return _ingest(paths, store, jobs=jobs, include=include, exclude=exclude, max_bytes=max_bytes,
                       gazetteer_files=gazetteer_files, stdin=stdin, progress=progress,
                       checkpoint_seconds=checkpoint_seconds, force=force)
    finally:
        _restore_gc(gc_state)


def _ingest(paths: Iterable[str], store, *, jobs: int | None, include, exclude, max_bytes: int,
            gazetteer_files: tuple[str, ...], stdin, progress: Callable[[int, str], None] | None,
            checkpoint_seconds: float | None, force: bool) -> IngestReport:
    t0 = time.perf_counter()
    report = IngestReport()
    if checkpoint_seconds is None:
        checkpoint_seconds = checkpoint_seconds_from_env()
    if hasattr(store, "check_writable"):
        store.check_writable()  # before any work: an unwritable store fails now, not at the end
    gaz: Gazetteer = load_gazetteer(tuple(gazetteer_files))
    index = AliasIndex(gaz)
    for label, name, aliases in store.alias_entries():
        index.learn_node(label, name, aliases)
    resolver = Resolver(gaz, index)
    known = store.article_hashes()
    seen: set[str] = set()
    jobs = max(1, jobs or default_jobs())
    files = getattr(store, "files", None)  # the offline store's index: path → (fingerprint, id, hash)
    _CFG.update(gaz=tuple(gazetteer_files), known=known, force=force, max_bytes=max_bytes,
                files=files if files is not None else {}, salt=loader_fingerprint())
    can_save = hasattr(store, "save")
    pending: list[tuple[Extraction, MentionedEntities]] = []
    pending_files: list[tuple[str, list]] = []
    last: tuple[str, str, str] | None = None  # the last article: (id, what became of it, content hash)
    last_save = time.monotonic()

    def flush(final: bool = False) -> None:
        nonlocal last_save
        if not pending:
            return
        for ex, _ in pending:
            index.learn(ex)
        store.apply([resolver.fragment(ex, mentioned) for ex, mentioned in pending])
        pending.clear()
        if files is not None:  # only now are these files' articles in the store
            for path, entry in pending_files:
                files[path] = entry
        pending_files.clear()
        if can_save and not final and time.monotonic() - last_save >= checkpoint_seconds:
            store.save()
            report.checkpoints += 1
            last_save = time.monotonic()

    units = _units(paths, include, exclude, max_bytes, stdin)
    pool = None
    try:
        if jobs > 1:
            gc.freeze()  # the gazetteer and indexes just built: forked workers share their pages unwritten
            pool = _OrderedPool(jobs, units, depth=jobs * TASKS_IN_FLIGHT_PER_JOB)
        for r in _in_order(pool if pool else map(_work, units)):
            kind = r[0]
            if kind == "file":  # the fingerprint of the file the last article was read from
                if files is not None and last is not None:
                    aid, what, chash = last
                    entry = [r[2], aid, chash]
                    if what == "unchanged" and files.get(r[1]) != entry:
                        files[r[1]] = entry
                        store.dirty = True
                    elif what == "pending":
                        pending_files.append((r[1], entry))
                continue
            last = None
            if kind == "error":
                report.failed.append((r[1], r[2]))
                if progress:
                    progress(1, r[1])
                continue
            aid, where, warnings = r[1], r[2], r[4] if kind == "fail" else r[3]
            report.read += 1
            if progress:
                progress(1, where)
            for w in warnings:
                report.warnings.append((where, w))
            if aid in seen:
                report.duplicates += 1
                continue
            seen.add(aid)
            if kind == "skip":
                report.unchanged += 1
                last = (aid, "unchanged", known[aid])
                continue
            if kind == "fail":
                report.failed.append((where, r[3]))
                continue
            if aid in known:
                report.updated += 1
            else:
                report.added += 1
            pending.append(r[4])
            last = (aid, "pending", r[4][0].article.content_hash)
            if len(pending) >= CHUNK:
                flush()
        flush(final=True)
    except KeyboardInterrupt:
        # every chunk applied so far is whole: keep it, so that a re-run skips it
        if pool:
            pool.close()
            pool = None
        if can_save:
            store.save()
        raise
    finally:
        if pool:
            pool.close()
        _CFG.update(known={}, files={})
    if can_save:
        store.save()
    report.seconds = time.perf_counter() - t0
    return report
