"""Publication dates to ISO 8601 with a time zone.

Dates that carry no zone (Jekyll ``2021-12-08 10:18:31``, ``2021年12月14日``) are read
as China Standard Time (+08:00, Asia/Shanghai has had no DST since 1991); RFC 2822
dates (Hexo/RSS ``Mon, 06 Dec 2021 03:01:34 GMT``) keep their own zone.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

CST = timezone(timedelta(hours=8))

_ISO = re.compile(
    r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6})\d*)?)?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d))?\s*$",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"(?:\s*(?:(?P<ampm>上午|下午|晚上|凌晨|中午))?\s*(?P<H>\d{1,2})\s*[:：时点]\s*(?P<M>\d{1,2})?\s*分?"
    r"(?:\s*[:：]?\s*(?P<S>\d{1,2})\s*秒?)?)?",
)
_EPOCH = re.compile(r"^\d{9,13}(?:\.\d+)?$")


def _zone(z: str | None, default: timezone) -> timezone:
    if not z:
        return default
    z = z.upper()
    if z in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if z[0] == "-" else 1
    digits = z[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def parse_date(value: object, *, default_tz: timezone = CST) -> str | None:
    """``value`` (str, datetime, date or epoch number) as ISO 8601 with a zone, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=default_tz)
        return _iso(dt)
    if isinstance(value, date):
        return _iso(datetime(value.year, value.month, value.day, tzinfo=default_tz))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    s = str(value).strip()
    if not s:
        return None
    if _EPOCH.match(s):
        return _from_epoch(float(s))
    m = _ISO.match(s)
    if m:
        try:
            frac = (m["f"] or "0").ljust(6, "0")
            dt = datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0),
                          int(m["S"] or 0), int(frac), tzinfo=_zone(m["z"], default_tz))
            return _iso(dt)
        except ValueError:
            return None
    m = _ZH.search(s)
    if m:
        hour = int(m["H"] or 0)
        if m["ampm"] in ("下午", "晚上") and hour < 12:
            hour += 12
        try:
            return _iso(datetime(int(m["y"]), int(m["m"]), int(m["d"]), hour, int(m["M"] or 0),
                                 int(m["S"] or 0), tzinfo=default_tz))
        except ValueError:
            return None
    try:
        dt = parsedate_to_datetime(s)  # RFC 2822: "Mon, 06 Dec 2021 03:01:34 GMT"
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:  # "-0000" means "zone unknown"; the RSS feeds mean UTC
        dt = dt.replace(tzinfo=timezone.utc)
    return _iso(dt)


def _from_epoch(x: float) -> str | None:
    if x > 1e11:  # milliseconds
        x /= 1000.0
    try:
        return _iso(datetime.fromtimestamp(x, tz=timezone.utc))
    except (OverflowError, OSError, ValueError):
        return None
