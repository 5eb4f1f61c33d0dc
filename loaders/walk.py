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
_JSONL_EXT = (".jsonl", ".ndjson")
_TEXT_EXT = (".md", ".markdown", ".html", ".htm", ".txt", ".xhtml")


def _mb(n: float) -> str:
    return f"{n / 1e6:g}"


def _matches(patterns: tuple[str, ...], name: str, rel: str) -> bool:
    name, rel = name.lower(), rel.lower()
    return any(fnmatchcase(name, p) or fnmatchcase(rel, p) for p in patterns)


def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    return f"cannot read: {e.strerror or e}"


def _load_file(path: str, max_bytes: int) -> Iterator[Article | LoadError]:
    """One file (already known to exist or not) as Articles or LoadErrors."""
    try:
        st = os.stat(path)
    except OSError as e:
        yield LoadError(path, _os_reason(e))
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
    if ext in _JSONL_EXT:
        # streamed record by record: the size limit applies to each line, not the whole file
        try:
            f = open(path, "rb")
        except OSError as e:
            yield LoadError(path, _os_reason(e))
            return
        with f:
            if regular and st.st_size == 0:
                yield LoadError(path, "empty file")
                return
            found = False
            for item in iter_jsonl(_limited_lines(f, max_bytes, path), path=path, name=name):
                found = True
                yield item
            if not found:
                yield LoadError(path, "empty file (only whitespace)")
        return
    if regular and st.st_size > max_bytes:
        yield LoadError(path, f"file is {st.st_size / 1e6:.1f} MB, over the {_mb(max_bytes)} MB limit (--max-bytes)")
        return
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        yield LoadError(path, _os_reason(e))
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


def _limited_lines(f: IO[bytes], max_bytes: int, path: str) -> Iterator[bytes | LineTooLong]:
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


def _walk_dir(root: str, include: tuple[str, ...], exclude: tuple[str, ...],
              max_bytes: int) -> Iterator[Article | LoadError]:
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
            return iter([LoadError(dir_path, _os_reason(e))])
        return ((e, (rel + "/" + e.name) if rel else e.name) for e in entries)

    stack = [listing(root, "")]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        if isinstance(item, LoadError):
            yield item
            continue
        entry, rel = item
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if exclude and _matches(exclude, entry.name, rel):
            continue
        if is_dir:
            stack.append(listing(entry.path, rel))
            continue
        if not _matches(include, entry.name, rel):
            continue
        yield from _load_file(entry.path, max_bytes)


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
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inc = tuple(p.lower() for p in (include or DEFAULT_INCLUDE))
    exc = tuple(p.lower() for p in (exclude or ()))
    for arg in paths:
        arg = os.fspath(arg)
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from iter_jsonl(stream_lines(stream), path="-", name="stdin")
            continue
        if os.path.isdir(arg):
            yield from _walk_dir(arg, inc, exc, max_bytes)
            continue
        if os.path.lexists(arg):
            yield from _load_file(arg, max_bytes)
            continue
        if glob.has_magic(arg):
            matches = sorted(glob.iglob(arg, recursive=True))
            if not matches:
                yield LoadError(arg, "no files match this pattern")
            for m in matches:
                if exc and _matches(exc, os.path.basename(m), m):
                    continue
                if os.path.isdir(m):
                    yield from _walk_dir(m, inc, exc, max_bytes)
                else:
                    yield from _load_file(m, max_bytes)
            continue
        yield LoadError(arg, "no such file or directory")


def load_file(path: str, *, include: list[str] | None = None, exclude: list[str] | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | LoadError]:
    """Everything read from one path (a file, a folder or a glob), as a list."""
    return list(iter_articles([path], include=include, exclude=exclude, max_bytes=max_bytes))
