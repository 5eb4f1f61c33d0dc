"""Traditional-Chinese reports (Hong Kong, Taiwan) read as Simplified, offsets unchanged.

The gazetteers and patterns are written in Simplified characters. A Traditional text is mapped
character by character (zhconv's one-character table: 個→个, 資→资, 萬→万, 「→“), never phrase by
phrase, so every offset into the copy is the same offset into the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

# characters common in Traditional text that Simplified text does not use
_TRADITIONAL = re.compile("[們個這來時會說國對發與為經過還點裡後開關資網電話號碼戶專員萬應當從並無樣將產業務於]")
_MIN_HITS = 8  # in the first 3,000 characters: a few stray forms (乾隆, 於) are not a Traditional text


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from zhconv.zhconv import getdict  # imported on first need: most articles never need it

    return {ord(k): v for k, v in getdict("zh-hans").items() if len(k) == 1 and len(v) == 1 and k != v}


def to_simplified(text: str, force: bool = False) -> str | None:
    """``text`` with Traditional characters replaced by Simplified ones (same length), or None when
    ``text`` is not a Traditional-Chinese text (unless ``force``)."""
    if not force and len(_TRADITIONAL.findall(text, 0, 3000)) < _MIN_HITS:
        return None
    return text.translate(_table())
