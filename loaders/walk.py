"""Files, folders (recursive, streamed), globs and ``-`` (JSON Lines on stdin) to Articles."""
from __future__ import annotations

import glob
import os
import stat
import sys
from fnmatch import fnmatchcase
from typing import IO, Iterable, Iterator

from .article import Article, LoadError
from .decode import decode_bytes
from .errors import LoadFailure
from .formats import load_text
from .jsonl import LineTooLong, iter_json_document, iter_jsonl, stream_lines

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm", "*.txt", "*.jsonl", "*.json", "*.ndjson")
DEFAULT_MAX_BYTES = 20_000_000
JSONL_EXT = (".jsonl", ".ndjson")
_TEXT_EXT = (".md", ".markdown", ".html", ".htm", ".txt", ".xhtml")


def _mb(n: float) -> str:
    return f"{n / 1e6:g}"


def matches(patterns: tuple[str, ...], name: str, rel: str) -> bool:
    name, rel = name.lower(), rel.lower()
    return any(fnmatchcase(name, p) or fnmatchcase(rel, p) for p in patterns)


def os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read: {e.strerror or e}"


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES, *,
              data: bytes | None = None) -> Iterator[Article | LoadError]:
    """One file (already known to exist or not) as Articles or LoadErrors.

    ``data``: the file's bytes when the caller has read them already (ingest hashes a file
    before deciding to parse it), so that a text file is read from disk once."""
    try:
        st = os.stat(path)
    except OSError as e:
        yield LoadError(path, os_reason(e))
        return
    if stat.S_ISDIR(st.st_mode):
        yield LoadError(path, "is a directory")
        return
    regular = stat.S_ISREG(st.st_mode)
    if not regular and not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        yield LoadError(path, "not a regular file")
        return
    name = os.path.basename(path)
    ext = os.path.splitext(name)[1].lower()
    if ext in JSONL_EXT:
        # streamed record by record: the size limit applies to each line, not the whole file
        try:
            f = open(path, "rb")
        except OSError as e:
            yield LoadError(path, os_reason(e))
            return
        with f:
            if regular and st.st_size == 0:
                yield LoadError(path, "empty file")
                return
            found = False
            for item in iter_jsonl(limited_lines(f, max_bytes, path), path=path, name=name):
                found = True
                yield item
            if not found:
                yield LoadError(path, "empty file (only whitespace)")
        return
    if regular and st.st_size > max_bytes:
        yield LoadError(path, f"file is {st.st_size / 1e6:.1f} MB, over the {_mb(max_bytes)} MB limit (--max-bytes)")
        return
    if data is None:
        try:
            with open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except OSError as e:
            yield LoadError(path, os_reason(e))
            return
    if len(data) > max_bytes:  # it grew since stat()
        yield LoadError(path, f"file is over the {_mb(max_bytes)} MB limit (--max-bytes)")
        return
    try:
        text, warnings = decode_bytes(data)
        if ext == ".json" or (ext not in _TEXT_EXT and text.lstrip()[:1] in ("{", "[")):
            # JSON, or JSON Lines from a pipe such as <(zcat feed.jsonl.gz)
            yield from iter_json_document(text, path=path, name=name)
            return
        yield load_text(text, path=path, warnings=warnings, fallback_name=name)
    except LoadFailure as e:
        yield LoadError(path, e.reason, line=e.line)


def limited_lines(f: IO[bytes], max_bytes: int, path: str) -> Iterator[bytes | LineTooLong]:
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # skip the rest of the over-long line; report it as a bad record
            while line and not line.endswith(b"\n"):
                line = f.readline(1 << 20)
            yield LineTooLong(f"line is over the {_mb(max_bytes)} MB limit (--max-bytes)")
            continue
        yield line


def _walk_dir(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[tuple]:
    """Depth-first, entries of each directory sorted by name; hidden entries skipped.
    Only one directory listing per level is held in memory."""
    seen: set[tuple[int, int]] = set()

    def listing(dir_path: str, rel: str):
        try:
            st = os.stat(dir_path)
            key = (st.st_dev, st.st_ino)
            if key in seen:  # a symlink loop
                return iter(())
            seen.add(key)
            with os.scandir(dir_path) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as e:
            return iter([("error", dir_path, os_reason(e))])
        return ((e, (rel + "/" + e.name) if rel else e.name) for e in entries)

    stack = [listing(root, "")]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        if item[0] == "error":
            yield item
            continue
        entry, rel = item
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if exclude and matches(exclude, entry.name, rel):
            continue
        if is_dir:
            stack.append(listing(entry.path, rel))
            continue
        if not matches(include, entry.name, rel):
            continue
        yield ("file", entry.path)


def iter_sources(paths: Iterable[str], *, include: list[str] | None = None, exclude: list[str] | None = None,
                 stdin=None) -> Iterator[tuple]:
    """What ``paths`` name, in reading order, without reading any file: ``("file", path)``,
    ``("stdin", stream)`` for ``-``, or ``("error", path, reason)`` (a missing path, an empty
    glob, an unreadable folder). :func:`iter_articles` reads these; so does a parallel ingest."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inc = tuple(p.lower() for p in (include or DEFAULT_INCLUDE))
    exc = tuple(p.lower() for p in (exclude or ()))
    for arg in paths:
        arg = os.fspath(arg)
        if arg == "-":
            yield ("stdin", stdin if stdin is not None else sys.stdin)
        elif os.path.isdir(arg):
            yield from _walk_dir(arg, inc, exc)
        elif os.path.lexists(arg):
            yield ("file", arg)
        elif glob.has_magic(arg):
            found = sorted(glob.iglob(arg, recursive=True))
            if not found:
                yield ("error", arg, "no files match this pattern")
            for m in found:
                if exc and matches(exc, os.path.basename(m), m):
                    continue
                if os.path.isdir(m):
                    yield from _walk_dir(m, inc, exc)
                else:
                    yield ("file", m)
        else:
            yield ("error", arg, "no such file or directory")


def iter_articles(paths: Iterable[str], *, include: list[str] | None = None, exclude: list[str] | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> Iterator[Article | LoadError]:
    """Articles (or a LoadError per file/record that failed) from files, folders, globs
    and ``-`` (JSON Lines on ``stdin``, default ``sys.stdin``).

    Folders are walked recursively in sorted order, streaming; ``include``/``exclude``
    are glob patterns matched (case-insensitively) against a file's name or its path
    relative to the folder. Files named explicitly are always read. Hidden files and
    folders are skipped. JSON Lines are read line by line (``max_bytes`` limits each
    line); other files over ``max_bytes`` are refused without being read.
    """
    for source in iter_sources(paths, include=include, exclude=exclude, stdin=stdin):
        if source[0] == "file":
            yield from read_file(source[1], max_bytes)
        elif source[0] == "stdin":
            yield from iter_jsonl(stream_lines(source[1]), path="-", name="stdin")
        else:
            yield LoadError(source[1], source[2])


def load_file(path: str, *, include: list[str] | None = None, exclude: list[str] | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | LoadError]:
    """Everything read from one path (a file, a folder or a glob), as a list."""
    return list(iter_articles([path], include=include, exclude=exclude, max_bytes=max_bytes))
