"""jieba's segmentation with its dictionary read by first character, on demand.

jieba reads its whole prefix dictionary (about 600,000 entries) the first time a process cuts
anything: 0.7 s of CPU in every process, which for the forked workers of an ingest of 10,000
articles was about 7 % of the run. Extraction only cuts short pieces of text (the few
characters left of a legal name's suffix), which touch a few hundred first characters. So the
dictionary is split by first character once (cached on disk) and each part is merged into the
tokenizer's dictionary just before the first text that contains its character is cut.

Every lookup jieba makes while cutting a text is for a piece of that text, so it starts with one
of the text's characters: the parts loaded by then are all it can ask for, and the result is
the one jieba gives with the whole dictionary (``tests/test_segmenter.py`` checks that).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import jieba

jieba.setLogLevel(60)
_FORMAT = 1  # bump when the cache layout changes


class Segmenter:
    """``cut(text)`` = ``jieba.cut(text, HMM=False)`` after ``jieba.add_word(w, freq)`` for
    every word in ``words``, on a tokenizer of its own (the global ``jieba`` is not touched)."""

    def __init__(self, words: Iterable[str], freq: int = 2000):
        total, self._index, self._blob = dictionary_parts()
        self._added: dict[str, list[str]] = defaultdict(list)
        n = 0
        for w in words:
            if w:
                self._added[w[0]].append(w)
                n += 1
        self._freq = freq
        self._tk = tk = jieba.Tokenizer()
        tk.FREQ = {}
        tk.total = total + freq * n  # as n calls of add_word leave it
        tk.initialized = True  # so that jieba never reads the whole dictionary itself
        self._loaded: set[str] = set()

    def cut(self, text: str) -> list[str]:
        missing = set(text).difference(self._loaded)
        for ch in missing:
            self._load(ch)
        return list(self._tk.cut(text, HMM=False))

    def freq(self, word: str) -> int:
        """The word's frequency in the dictionary (0 when it is not a word), as jieba has it."""
        if word and word[0] not in self._loaded:
            self._load(word[0])
        return self._tk.FREQ.get(word, 0)

    def _load(self, ch: str) -> None:
        freq = self._tk.FREQ
        where = self._index.get(ch)
        if where is not None:
            freq.update(marshal.loads(self._blob[where[0]:where[0] + where[1]]))
        # what add_word does: the word with its frequency, its prefixes known (0) if new
        for w in self._added.get(ch, ()):
            freq[w] = self._freq
        for w in self._added.get(ch, ()):
            for i in range(1, len(w)):
                freq.setdefault(w[:i], 0)
        self._loaded.add(ch)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "privacy-kg"


def _cache_name() -> str:
    dict_file = Path(jieba.__file__).with_name("dict.txt")
    try:
        st = dict_file.stat()
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        stamp = "?"
    key = f"{_FORMAT}:{jieba.__version__}:{dict_file}:{stamp}".encode()
    return f"jieba-parts-{hashlib.blake2b(key, digest_size=8).hexdigest()}.marshal"


@lru_cache(maxsize=1)
def dictionary_parts() -> tuple[int, dict[str, tuple[int, int]], bytes]:
    """``(total, {first character: (offset, length)}, blob)``: jieba's prefix dictionary split
    by first character, each part marshalled. Read from the cache, else built from jieba's own
    dictionary (once per machine and jieba version) and cached."""
    path = _cache_dir() / _cache_name()
    try:
        with open(path, "rb") as f:
            data = marshal.load(f)
        if isinstance(data, tuple) and len(data) == 4 and data[0] == _FORMAT:
            return data[1], data[2], data[3]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or a damaged one: build it again
    tk = jieba.Tokenizer()
    tk.initialize()
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    for word, n in tk.FREQ.items():
        parts[word[0]][word] = n
    index: dict[str, tuple[int, int]] = {}
    chunks = []
    offset = 0
    for ch, part in parts.items():
        b = marshal.dumps(part)
        index[ch] = (offset, len(b))
        chunks.append(b)
        offset += len(b)
    data = (_FORMAT, tk.total, index, b"".join(chunks))
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)  # whole or not at all: processes building it at once do not mix
    except OSError:  # a read-only home: every process builds it (slower, same result)
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return data[1], data[2], data[3]
