"""The segmenter cuts as jieba does; its on-demand word frequencies are jieba's, and survive a damaged cache."""
from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from kg.extract import segmenter
from kg.extract.segmenter import Segmenter
from loaders import Article, iter_articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
WORDS = ("悠络客", "上海悠络客电子科技有限公司", "小鹏汽车", "徐汇区", "市场监督管理局", "有限公司", "股份有限公司")


def _texts() -> list[str]:
    paths = [str(ROOT / "samples")] + ([str(CORPUS)] if CORPUS.is_dir() else [])
    return [a.text for a in iter_articles(paths) if isinstance(a, Article)]


def _pieces(texts: list[str]) -> list[str]:
    """What extraction cuts (the text left of a legal-name suffix), and whole sentences."""
    out = []
    for t in texts:
        for m in re.finditer(r"(?:股份)?有限(?:责任)?公司", t):
            out.append(t[max(0, m.start() - 28):m.start()])
        out += [s for s in re.split(r"[。！？\n]", t) if s][:40]
    return out


@pytest.fixture(scope="module")
def reference():
    tk = jieba.Tokenizer()
    for w in WORDS:
        tk.add_word(w, freq=2000)
    return tk


def test_cuts_like_jieba_with_the_whole_dictionary(reference):
    pieces = _pieces(_texts())
    assert len(pieces) > 200
    seg = Segmenter(WORDS)
    for p in pieces:
        assert seg.cut(p) == list(reference.cut(p, HMM=False)), p
    # an added word wins over the dictionary, as with jieba.add_word
    assert "悠络客" in seg.cut("使用悠络客提供的摄像头")


def test_word_frequencies_are_jiebas_and_read_by_first_character(reference):
    seg = Segmenter(WORDS)
    for w in ("特别", "安全", "小鹏汽车", "悠络客", "不是一个词语"):
        assert seg.freq(w) == reference.FREQ.get(w, 0), w
    assert seg.freq("安全") > 5000 and seg.freq("不是一个词语") == 0
    assert 0 < len(seg._freqs) < len(reference.FREQ) / 20  # the parts of five first characters, of thousands


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch, reference):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    segmenter.dictionary_parts.cache_clear()
    try:
        path = tmp_path / "privacy-kg" / segmenter._cache_name()
        path.parent.mkdir(parents=True)
        path.write_bytes(b"not a cache")
        assert Segmenter(WORDS).freq("特别") == reference.FREQ["特别"]
        assert path.stat().st_size > 1_000_000  # rebuilt in place
        segmenter.dictionary_parts.cache_clear()
        assert Segmenter(WORDS).freq("特别") == reference.FREQ["特别"]  # and read back
    finally:
        segmenter.dictionary_parts.cache_clear()
