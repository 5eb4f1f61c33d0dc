"""Amounts of money and counts written the Chinese way (10万元, 1.2亿元, 十万元, 43万余张)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_NUM = r"(?:\d+(?:[,，]\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)"
_MAG = r"(?:千万|百万|十万|万|亿)?"
CURRENCIES = {
    "元": "CNY", "人民币": "CNY", "美元": "USD", "英镑": "GBP", "欧元": "EUR",
    "港元": "HKD", "港币": "HKD", "日元": "JPY", "韩元": "KRW",
}
_CUR = r"(?:元人民币|元|人民币|美元|英镑|欧元|港元|港币|日元|韩元)"
MONEY = re.compile(rf"(?P<rmb>人民币)?\s*(?P<num>{_NUM})\s*(?P<mag>{_MAG})\s*(?P<approx>余|多)?\s*(?P<cur>{_CUR})")
# €91m, US$5 million, £7.5 万: a sum after its currency's sign, as translated security news writes it
_SIGNS = {"€": "EUR", "EUR": "EUR", "$": "USD", "US$": "USD", "USD": "USD", "£": "GBP", "GBP": "GBP",
          "HK$": "HKD", "HKD": "HKD", "RMB": "CNY", "CNY": "CNY", "₩": "KRW", "KRW": "KRW"}
_SIGN_HINTS = ("$", "€", "£", "₩", "EUR", "USD", "GBP", "RMB", "HKD", "CNY", "KRW")  # (the regex only where one occurs)
_SIGN_MAGS = {"m": 1e6, "M": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "K": 1e3}
SIGN_MONEY = re.compile(r"(?<![A-Za-z0-9])(?P<sign>US\$|HK\$|€|\$|£|₩|EUR|USD|GBP|HKD|RMB|CNY|KRW)\s?"
                        r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
                        r"(?:\s?(?P<lat>million|billion|mn|bn|m|M|k|K)(?![A-Za-z])|\s*(?P<mag>千万|百万|十万|万|亿))?")
# (6 个月采集43万张人脸照片: a period, not a count; 1.2万户: households are people's records)
COUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<mag>{_MAG})\s*(?P<approx>余|多)?\s*(?P<unit>张|条|份|人|名|个(?!月|小时|工作日|星期|季度|省|城市)|组|万条|位|用户|客户|户)")
# hedging words only: 多达/高达 ("as many as") state the figure exactly
_APPROX_BEFORE = re.compile(r"(?<![多高])(约|近|超过|超|逾|大约|将近|接近)\s*$")
_MAGS = {"": 1, "万": 10_000, "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    approximate: bool
    start: int
    end: int


def to_number(num: str, mag: str = "") -> float | None:
    num = num.replace(",", "").replace("，", "")
    try:
        base = float(num)
    except ValueError:
        try:
            base = float(cn2an.cn2an(num, "smart"))
        except (ValueError, KeyError, TypeError):
            return None
    return base * _MAGS.get(mag or "", 1)


def as_int(x: float | None) -> int | None:
    return None if x is None else int(round(x))


def find_money(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    out = []
    for m in MONEY.finditer(text, start, len(text) if end is None else end):
        value = to_number(m.group("num"), m.group("mag"))
        if value is None:
            continue
        cur = m.group("cur")
        currency = "CNY" if cur.startswith("元") or cur == "人民币" else CURRENCIES[cur]
        approx = bool(m.group("approx")) or bool(_APPROX_BEFORE.search(text[max(0, m.start() - 4):m.start()]))
        out.append(Amount(value, currency, approx, m.start(), m.end()))
    if any(sign in text for sign in _SIGN_HINTS):
        taken = [(a.start, a.end) for a in out]
        for m in SIGN_MONEY.finditer(text, start, len(text) if end is None else end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # (RMB 10万元: read once, as the yuan sum)
            value = to_number(m.group("num"), m.group("mag") or "")
            if value is None:
                continue
            value *= _SIGN_MAGS.get(m.group("lat") or "", 1)
            approx = bool(_APPROX_BEFORE.search(text[max(0, m.start() - 4):m.start()]))
            out.append(Amount(value, _SIGNS[m.group("sign")], approx, m.start(), m.end()))
        out.sort(key=lambda a: a.start)
    return out


# 被罚10万, 罚款5万: a fine told in 万 without the word 元 is in yuan (a magnitude is required: 罚3次)
_BARE_FINE = re.compile(rf"罚(?:款|了)?\s*(?P<approx0>约|近|超过|超|逾)?\s*(?P<num>{_NUM})\s*(?P<mag>千万|百万|十万|万|亿)"
                        rf"(?P<approx>余|多)?(?!\s*(?:{_CUR}|[张条份人名个组位次户]|用户|客户|美金))")


def find_bare_fines(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    out = []
    for m in _BARE_FINE.finditer(text, start, len(text) if end is None else end):
        value = to_number(m.group("num"), m.group("mag"))
        if value is not None:
            out.append(Amount(value, "CNY", bool(m.group("approx0") or m.group("approx")), m.start("num"), m.end()))
    return out


# rough yuan per unit, only to tell a headline's yuan figure of a foreign fine from another sum
_YUAN_PER = {"USD": 7.0, "EUR": 7.7, "GBP": 9.0, "HKD": 0.9, "JPY": 0.05, "KRW": 0.0052}


def yuan_plausible(yuan: float, currency: str | None, amount: float | None) -> bool:
    """Whether ``yuan`` can be the same sum as ``amount`` in ``currency`` (within a factor of 1.6)."""
    rate = _YUAN_PER.get(currency or "")
    if not rate or not amount or not yuan:
        return False
    return 1 / 1.6 <= yuan / (amount * rate) <= 1.6


def find_counts(text: str, start: int, end: int) -> list[Amount]:
    out = []
    for m in COUNT.finditer(text, start, end):
        value = to_number(m.group("num"), m.group("mag"))
        if value is None or value < 2:
            continue
        if m.group("unit") == "万条":
            value *= 10_000
        approx = bool(m.group("approx")) or bool(_APPROX_BEFORE.search(text[max(0, m.start() - 4):m.start()]))
        out.append(Amount(value, "count", approx, m.start(), m.end()))
    return out
