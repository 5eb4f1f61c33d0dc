"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030 and other
legacy encodings via charset-normalizer; binary files are refused."""
from __future__ import annotations

import codecs
import re

from .errors import LoadFailure

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "euc_cn", "cp936"}
# C0 control characters other than \t \n \v \f \r, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 64 * 1024


def _looks_binary(text: str) -> bool:
    """Decoded text with many control characters is not a news article."""
    sample = text[:_SAMPLE]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > max(10, len(sample) // 50)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; returns ``(text, warnings)`` or raises :class:`LoadFailure`.

    Order: BOMs (UTF-8, UTF-16); NUL bytes mean binary; strict UTF-8; UTF-8 cut inside
    its last character; UTF-8 with a few damaged bytes (replaced, with a warning); then
    charset-normalizer, where GB2312/GBK detections (and short Chinese texts it misreads)
    are decoded as GB18030, their superset.
    """
    if not data:
        raise LoadFailure("empty file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        try:
            return _check(data.decode("utf-8")), []
        except UnicodeDecodeError as e:
            raise LoadFailure(f"starts with a UTF-8 byte order mark but is not UTF-8 ({e.reason} at byte {e.start + 3})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check(data.decode("utf-16")), ["decoded as utf-16"]
        except UnicodeDecodeError:
            raise LoadFailure("binary file (not text)") from None
    if b"\x00" in data[:_SAMPLE]:  # as git and grep decide: text has no NUL bytes
        raise LoadFailure("binary file (not text)")
    try:
        return _check(data.decode("utf-8")), []
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3:
            # cut off in the middle of a character: a truncated UTF-8 file
            return _check(data[:e.start].decode("utf-8")), ["file ends inside a UTF-8 character (truncated?)"]
    # mostly UTF-8 with a few damaged bytes: keep it, say so
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # well-formed non-ASCII
    if good > 0 and bad <= max(2, 0.02 * good):
        return _check(text), [f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"]
    from charset_normalizer import from_bytes  # imported lazily: only legacy files pay for it

    best = from_bytes(data[:_SAMPLE * 4]).best()
    enc = (best.encoding or "").lower().replace("-", "_") if best is not None else ""
    if enc in _GB_FAMILY or _reads_as_simplified_chinese(data):
        # charset detection is unreliable on short Chinese texts (it guesses big5, cp949…);
        # text that decodes as GB18030 into mostly common hanzi is GB18030
        enc = "gb18030"
    elif best is None:
        raise LoadFailure("binary file (not text)")
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        # the sample decoded, the whole file does not: keep going with replacement marks
        text = data.decode(enc, errors="replace")
        return _check(text), [f"decoded as {enc} (with undecodable bytes replaced)"]
    return _check(text), [f"decoded as {enc}"]


_HANZI = re.compile(r"[\u4e00-\u9fff]")
_SPACED_HANZI = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")


def _reads_as_simplified_chinese(data: bytes) -> bool:
    """GB18030 decodes without error into text whose hanzi are mostly common ones
    (GB2312 level 1, the 3755 most frequent). Big5 or Korean bytes read as GB18030 give
    rare characters instead."""
    try:
        text = data[:_SAMPLE].decode("gb18030")
    except UnicodeDecodeError:
        # the sample may end inside a character
        try:
            text = data[:_SAMPLE - 1].decode("gb18030") if len(data) > _SAMPLE else ""
        except UnicodeDecodeError:
            return False
    hanzi = _HANZI.findall(text)
    if len(hanzi) < 2:
        return False
    common = 0
    for ch in hanzi:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if 0xB0 <= b[0] <= 0xD7:
            common += 1
    if common < 0.8 * len(hanzi):
        return False
    # Korean (EUC-KR) also lands in that range, but its words are separated by spaces
    return len(_SPACED_HANZI.findall(text)) <= max(2, 0.05 * len(hanzi))


def _check(text: str) -> str:
    if _looks_binary(text):
        raise LoadFailure("binary file (not text)")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LoadFailure("empty file (only whitespace)")
    return text
