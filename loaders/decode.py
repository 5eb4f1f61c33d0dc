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
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode ``data``; returns ``(text, warnings)`` or raises :class:`LoadFailure`.

    Order: BOMs first (UTF-8, UTF-16), then strict UTF-8, then charset-normalizer.
    GB2312/GBK detections are decoded as GB18030, their superset.
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
    if b"\x00" in data[:_SAMPLE]:
        raise LoadFailure("binary file (not text)")
    try:
        return _check(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only legacy files pay for it

    best = from_bytes(data[:_SAMPLE * 4]).best()
    if best is None:
        raise LoadFailure("binary file (not text)")
    enc = (best.encoding or "").lower().replace("-", "_")
    if enc in _GB_FAMILY:
        enc = "gb18030"
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        # the sample decoded, the whole file does not: keep going with replacement marks
        text = data.decode(enc, errors="replace")
        return _check(text), [f"decoded as {enc} (with undecodable bytes replaced)"]
    return _check(text), [f"decoded as {enc}"]


def _check(text: str) -> str:
    if _looks_binary(text):
        raise LoadFailure("binary file (not text)")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LoadFailure("empty file (only whitespace)")
    return text
