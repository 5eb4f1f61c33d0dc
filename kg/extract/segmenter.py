"""jieba's segmentation, cut by jieba-rs, and jieba's word frequencies, read on demand.

Extraction cuts short pieces of text (the few characters left of a legal name's suffix) with
jieba's dictionary plus the gazetteer's words. The cutting is done by ``rjieba``, the binding of
jieba-rs: the same dictionary and the same algorithm as jieba's ``cut(HMM=False)``, about ten
times faster per piece (``tests/test_segmenter.py`` checks that the tokens are jieba's).

Word frequencies (is this app name an everyday word?) come from jieba's own dictionary, which
Python jieba reads whole (about 600,000 entries, 0.7 s of CPU) before its first answer: in
every forked worker of an ingest. So the dictionary is split by first character once (cached
on disk) and a part is read the first time a word starting with its character is asked for.
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
import rjieba

jieba.setLogLevel(60)
_FORMAT = 2  # bump when the cache layout changes (2: no total, no prefixes of frequency 0)


class Segmenter:
    """``cut(text)`` = ``jieba.cut(text, HMM=False)`` after ``jieba.add_word(w, freq)`` for
    every word in ``words``, on a tokenizer of its own (the global ``jieba`` is not touched);
    ``freq(word)`` = that tokenizer's frequency of ``word``."""

    def __init__(self, words: Iterable[str], freq: int = 2000):
        self._words = [w for w in words if w]
        self._freq = freq
        self._rs: rjieba.Jieba | None = None  # built on the first cut (0.2 s, 56 MB)
        self._index, self._blob = dictionary_parts()
        self._added: dict[str, list[str]] = defaultdict(list)
        for w in self._words:
            self._added[w[0]].append(w)
        self._freqs: dict[str, int] = {}
        self._loaded: set[str] = set()

    def cut(self, text: str) -> list[str]:
        rs = self._rs
        if rs is None:
            rs = self._rs = rjieba.Jieba()
            for w in self._words:
                rs.add_word(w, self._freq, None)
        return rs.cut(text, False)

    def freq(self, word: str) -> int:
        """The word's frequency in the dictionary (0 when it is not a word), as jieba has it."""
        if word and word[0] not in self._loaded:
            self._load(word[0])
        return self._freqs.get(word, 0)

    def _load(self, ch: str) -> None:
        freqs = self._freqs
        where = self._index.get(ch)
        if where is not None:
            freqs.update(marshal.loads(self._blob[where[0]:where[0] + where[1]]))
        for w in self._added.get(ch, ()):  # what add_word does
            freqs[w] = self._freq
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
def dictionary_parts() -> tuple[dict[str, tuple[int, int]], bytes]:
    """``({first character: (offset, length)}, blob)``: jieba's words and their frequencies split
    by first character, each part marshalled. Read from the cache, else built from jieba's own
    dictionary (once per machine and jieba version) and cached."""
    path = _cache_dir() / _cache_name()
    try:
        with open(path, "rb") as f:
            data = marshal.load(f)
        if isinstance(data, tuple) and len(data) == 3 and data[0] == _FORMAT:
            return data[1], data[2]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or a damaged one: build it again
    tk = jieba.Tokenizer()
    tk.initialize()
    parts: dict[str, dict[str, int]] = defaultdict(dict)
    for word, n in tk.FREQ.items():
        if n:  # (jieba's prefixes of words, frequency 0, are no words)
            parts[word[0]][word] = n
    index: dict[str, tuple[int, int]] = {}
    chunks = []
    offset = 0
    for ch, part in parts.items():
        b = marshal.dumps(part)
        index[ch] = (offset, len(b))
        chunks.append(b)
        offset += len(b)
    data = (_FORMAT, index, b"".join(chunks))
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
    return data[1], data[2]
