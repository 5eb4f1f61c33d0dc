"""Generate benchmark corpora by varying the real articles and the samples.

    python benchmarks/make_corpus.py [--sizes 1000 10000 100000] [--out DIR] [--seed 1]

For each size N this writes, under ``--out`` (default ``$TMPDIR/kg-bench``):

* ``nN/``: N articles as files in mixed formats (Jekyll markdown, HTML pages, plain text with
  a dateline, and JSON Lines files of up to 100 records), 1,000 articles per sub-folder;
* ``nN.jsonl``: the same N articles as one JSON Lines file.

Every article is one of the real articles (``../shared/corpus/articles``) or samples
(``samples/``) with its particulars replaced: companies (the gazetteer's and any legal name
that starts with a place) by names like 上海星辰智能科技有限公司 drawn from a pool that grows
with N (vendors from a smaller pool), districts (and so the local authorities) by districts of
``kg/data/locations.tsv``, amounts and counts scaled, years shifted, outlets, URLs and times
changed. Pools are drawn with a skewed (power-law) distribution, so a few vendors and
companies recur in many articles while most appear a few times, and the number of distinct
entities grows with N as it does in a real news archive. Popular stories are re-reported
by several outlets (same particulars, other outlet, URL and day), so one penalty is often
read from several articles.

Deterministic: the same ``--seed`` and N give byte-identical files (each article has its own
random generator seeded from (seed, index)). A folder already generated with the same
parameters is reused (``.make_corpus.json`` records them); ``--force`` regenerates.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 2
DEFAULT_OUT = Path(tempfile.gettempdir()) / "kg-bench"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
SAMPLES = ROOT / "samples"
PER_FOLDER = 1000
JSONL_BATCH = 100

# Characters for made-up brand names: no single-character words that end a name's left edge
# in the extractor (和, 与, 对, 被 …) and no place names on their own.
_BRAND_CHARS = ("星辰云图智联海纳博睿华信达通恒泰康汇鑫腾飞宏卓越瑞祥金科创新宇明诚志嘉优品尚领航锐捷凯"
                "盛润昊昱晟麒麟鼎峰灵犀聚源望弘立方众美佳悦欣蓝橙青澜拓维微视讯易捷迅驰旷启睿翼")
_INDUSTRIES = ("科技", "信息技术", "网络科技", "智能科技", "电子科技", "数据科技", "商贸", "汽车销售服务",
               "置业", "餐饮管理", "教育科技", "健康管理", "金融信息服务", "零售", "物业服务", "文化传媒")
_VENDOR_INDUSTRIES = ("电子科技", "智能科技", "视觉技术", "信息技术", "网络科技", "安防科技", "智慧零售科技")
_CITIES = ("上海", "北京", "深圳市", "广州", "杭州", "苏州", "南京", "成都", "武汉", "西安", "重庆", "天津",
           "厦门", "宁波", "合肥", "长沙", "郑州", "青岛", "济南", "福州")
_OUTLET_KINDS = ("日报", "晚报", "新闻网", "商报", "都市报", "晨报")
_SUFFIX = re.compile(r"(?:集团股份有限公司|股份有限公司|有限责任公司|集团有限公司|有限公司)")
_PUNCT = set("，。、；：:;,！？!?“”‘’\"'《》「」 \t\n（）()[]【】·/|")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(\s*)(万|亿)?元")
_COUNT = re.compile(r"(?<![\d.])(\d{4,})(?=\s*(?:张|条|人次|台|家|名|户|次|个))")
_YEAR = re.compile(r"(?<!\d)(20[0-2]\d)(?=\s*年)")


@dataclass
class Base:
    """One real article, with what a variant may replace."""

    name: str
    title: str
    paragraphs: list[str]
    published_at: str | None
    groups: list[tuple[str, tuple[str, ...]]]  # (kind, surface forms of one entity)
    districts: list[tuple[str, str]]  # (district, its parent city)


# --- base articles --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _gazetteer_companies() -> list[tuple[str, tuple[str, ...]]]:
    from kg.gazetteer import load

    gaz = load(())
    out = []
    for (label, name), e in gaz.entries.items():
        if label != "Company":
            continue
        roles = e.attrs.get("roles") or ()
        kind = "vendor" if "vendor" in roles else ("legal" if _SUFFIX.search(name) else "brand")
        forms = tuple(sorted({name, *e.aliases, *e.weak_aliases}, key=lambda s: (-len(s), s)))
        out.append((kind, forms))
    return out


@lru_cache(maxsize=1)
def _locations() -> tuple[list[tuple[str, str]], frozenset[str]]:
    """(district, parent) pairs and the set of province/city names and short forms."""
    from kg.gazetteer import load

    districts, places = [], set()
    for loc in load(()).locations:
        if loc.level == "district" and len(loc.name) >= 3 and loc.parent:
            districts.append((loc.name, loc.parent))
        elif loc.level in ("province", "city"):
            places.update(f for f in (loc.name, loc.short) if len(f) >= 2)
    return sorted(set(districts)), frozenset(places)


def _legal_names(text: str, places: frozenset[str], known: set[str]) -> list[str]:
    """Legal company names that start with a place (宁波保利实业投资有限公司)."""
    found = []
    for m in _SUFFIX.finditer(text):
        lo = max(0, m.start() - 20)
        for i in range(m.start() - 1, lo - 1, -1):
            if text[i] in _PUNCT:
                lo = i + 1
                break
        for p in range(lo, m.start() - 1):
            if any(text[p:p + k] in places for k in (4, 3, 2)):
                name = text[p:m.end()]
                if name not in known and len(name) - (m.end() - m.start()) >= 3:
                    found.append(name)
                break
    return found


def _make_base(name: str, title: str, paragraphs: list[str], published_at: str | None) -> Base:
    text = title + "\n" + "\n".join(paragraphs)
    groups = []
    known: set[str] = set()
    for kind, forms in _gazetteer_companies():
        present = tuple(f for f in forms if f in text)
        if present:
            groups.append((kind, present))
            known.update(forms)
    districts_all, places = _locations()
    for legal in dict.fromkeys(_legal_names(text, places, known)):
        if not any(legal in f for _, fs in groups for f in fs):
            groups.append(("legal", (legal,)))
    districts = [(d, p) for d, p in districts_all if d in text]
    return Base(name, title, paragraphs, published_at, groups, districts)


@lru_cache(maxsize=1)
def load_bases() -> tuple[Base, ...]:
    """The real corpus (when present beside the checkout) and the samples."""
    from loaders import Article, iter_articles

    folders = [str(p) for p in (CORPUS, SAMPLES) if p.is_dir()]
    bases = []
    for a in iter_articles(folders):
        if not isinstance(a, Article) or not a.text.strip():
            continue
        paras = [s.of(a.text) for s in a.paragraphs] or [a.text]
        name = os.path.basename(a.path or a.id)
        bases.append(_make_base(name, a.title or paras[0][:30], paras, a.published_at))
    if not bases:
        raise SystemExit("no base articles found (samples/ missing?)")
    return tuple(bases)


# --- names ----------------------------------------------------------------------------------
def _skewed(rng: random.Random, pool: int, power: float = 2.5) -> int:
    """An index in [0, pool): small indices much more likely (a few names recur a lot)."""
    return min(pool - 1, int(pool * rng.random() ** power))


def _brand(r: random.Random) -> str:
    a = r.choice(_BRAND_CHARS)
    b = r.choice(_BRAND_CHARS)
    while b == a:
        b = r.choice(_BRAND_CHARS)
    return a + b


@lru_cache(maxsize=200_000)
def company_name(seed: int, kind: str, idx: int) -> str:
    r = random.Random(f"{seed}:{kind}:{idx}")
    industry = r.choice(_VENDOR_INDUSTRIES if kind == "vendor" else _INDUSTRIES)
    return f"{r.choice(_CITIES)}{_brand(r)}{industry}有限公司"


def _outlet(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(("新浪财经", "IT之家", "36氪", "澎湃新闻", "南方都市报", "界面新闻", "每日经济新闻",
                           "北京青年报", "21世纪经济报道", "中国青年报", "快科技", "示例新闻网"))
    city = rng.choice(_CITIES).rstrip("市")
    return city + rng.choice(_OUTLET_KINDS)


# --- one variant --------------------------------------------------------------------------
def _scale_number(s: str, factor: float) -> str:
    v = float(s) * factor
    if "." in s or v < 1:
        return f"{max(v, 0.1):.1f}".rstrip("0").rstrip(".")
    digits = len(str(int(v)))
    keep = 2 if digits > 2 else digits  # round to two significant digits like real figures
    return str(max(1, int(round(v, keep - digits))))


def variant(i: int, n: int, seed: int = 1) -> dict:
    """Article ``i`` of a corpus of ``n``: a dict with title, date, url, source, paragraphs, format.

    Each article reports a *story*: a base article with its particulars replaced. Stories are
    drawn with a skew, so a popular story is re-reported (syndicated) by several outlets on
    nearby days, with the same companies, authorities and amounts, as real news is.
    """
    bases = load_bases()
    rng = random.Random(f"{seed}:article:{i}")
    b = rng.randrange(len(bases))
    base = bases[b]
    story = _skewed(rng, max(2, n // (2 * len(bases))), power=2.0)
    srng = random.Random(f"{seed}:story:{b}:{story}")
    companies = max(60, n // 3)
    vendors = max(8, n // 150)
    mapping: dict[str, str] = {}
    for kind, forms in base.groups:
        keep = {"vendor": 0.15, "legal": 0.15, "brand": 0.6}[kind]
        if srng.random() < keep:
            continue
        if kind == "vendor":
            new = company_name(seed, "vendor", _skewed(srng, vendors))
        else:
            new = company_name(seed, "company", _skewed(srng, companies))
        for f in forms:
            mapping[f] = new
    districts_all, _ = _locations()
    for d, parent in base.districts:
        nd, np_ = districts_all[srng.randrange(len(districts_all))]
        mapping[parent + d] = np_ + nd
        mapping[d] = nd
    dy = srng.choice((-3, -2, -1, -1, 0, 0, 1, 2))
    factor = srng.choice((0.2, 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0))
    cfactor = srng.uniform(0.3, 3.0)
    pattern = re.compile("|".join(map(re.escape, sorted(mapping, key=lambda s: (-len(s), s))))) if mapping else None
    amounts: dict[str, str] = {}

    def sub(text: str) -> str:
        if pattern is not None:
            text = pattern.sub(lambda m: mapping[m.group(0)], text)
        text = _AMOUNT.sub(lambda m: amounts.setdefault(m.group(1), _scale_number(m.group(1), factor))
                           + m.group(2) + (m.group(3) or "") + "元", text)
        text = _COUNT.sub(lambda m: _scale_number(m.group(1), cfactor), text)
        return _YEAR.sub(lambda m: str(int(m.group(1)) + dy), text)

    year, month, day = 2021, srng.randint(1, 12), srng.randint(1, 28)
    if base.published_at and re.match(r"\d{4}-\d\d-\d\d", base.published_at):
        year, month, day = int(base.published_at[:4]), int(base.published_at[5:7]), int(base.published_at[8:10])
    year = min(2025, max(2015, year + dy))
    day = min(28, day + rng.randint(0, 3))  # re-reports follow within days
    date = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(6, 22):02d}:{rng.randrange(60):02d}:00+08:00"
    fmt = rng.choices(("jekyll", "html", "text", "jsonl"), weights=(35, 25, 20, 20))[0]
    return {
        "title": sub(base.title), "date": date, "source": _outlet(rng),
        "url": f"https://news.example.org/{year}/{month:02d}/{i:07d}.html",
        "paragraphs": [sub(p) for p in base.paragraphs], "format": fmt, "base": base.name,
    }


# --- writers --------------------------------------------------------------------------------
def _jekyll(a: dict, i: int) -> str:
    date = a["date"][:10] + " " + a["date"][11:19] + " +0800"
    if i % 2:
        body = "\n".join(f"<p>　　{html.escape(p, quote=False)}</p>" for p in a["paragraphs"])
    else:
        body = "\n\n".join(a["paragraphs"])
    return (f"---\nlayout: post\ntitle: {json.dumps(a['title'], ensure_ascii=False)}\ndate: {date}\n"
            f"source: {json.dumps(a['source'], ensure_ascii=False)}\nurl: {a['url']}\n"
            f"categories: privacy\n---\n{body}\n")


def _html(a: dict, i: int) -> str:
    e = html.escape
    paras = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in a["paragraphs"])
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{e(a['title'])} - {e(a['source'])}</title>
<meta property="og:site_name" content="{e(a['source'])}">
<meta property="article:published_time" content="{a['date']}">
<link rel="canonical" href="{a['url']}">
</head>
<body>
<header class="site-header"><nav class="top-nav"><a href="/">首页</a> | <a href="/tech/">科技</a> |
<a href="/law/">法治</a> | <a href="/login">登录</a></nav><div class="breadcrumb">首页 &gt; 法治 &gt; 正文</div></header>
<main>
<article>
<h1>{e(a['title'])}</h1>
<p class="byline">{a['date'][:10]} {a['date'][11:16]}　来源：{e(a['source'])}</p>
{paras}
</article>
</main>
<footer><p>版权所有 © {e(a['source'])}</p><a href="/about">关于我们</a></footer>
</body>
</html>
"""


def _text(a: dict, i: int) -> str:
    y, m, d = a["date"][:4], int(a["date"][5:7]), int(a["date"][8:10])
    dateline = f"{y}年{m}月{d}日 {a['date'][11:16]}　来源：{a['source']}"
    body = "\n\n".join(a["paragraphs"])
    return f"{a['title']}\n\n{dateline}\n\n{body}\n\n<{a['url']}>\n"


def jsonl_record(a: dict) -> str:
    rec = {"title": a["title"], "date": a["date"], "url": a["url"], "source": a["source"],
           "content": "\n\n".join(a["paragraphs"])}
    return json.dumps(rec, ensure_ascii=False)


_WRITERS = {"jekyll": (_jekyll, ".md"), "html": (_html, ".html"), "text": (_text, ".txt")}


def _params(n: int, seed: int) -> dict:
    return {"generator": GENERATOR_VERSION, "n": n, "seed": seed,
            "bases": [b.name for b in load_bases()]}


def generate(n: int, out: str | os.PathLike[str] = DEFAULT_OUT, *, seed: int = 1, jsonl: bool = True,
             force: bool = False, quiet: bool = True) -> Path:
    """Write corpus ``n`` (folder ``out/nN`` and, with ``jsonl``, ``out/nN.jsonl``); return the folder."""
    out = Path(out)
    folder = out / f"n{n}"
    jsonl_path = out / f"n{n}.jsonl"
    stamp = folder / ".make_corpus.json"
    params = _params(n, seed)
    if not force and stamp.is_file() and (not jsonl or jsonl_path.is_file()):
        try:
            if json.loads(stamp.read_text("utf-8")) == params:
                return folder
        except ValueError:
            pass
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    t0 = time.perf_counter()
    batch: list[str] = []
    batch_dir = None
    jf = open(jsonl_path, "w", encoding="utf-8") if jsonl else None

    def flush_batch():
        nonlocal batch
        if batch:
            (batch_dir / f"batch-{len(list(batch_dir.glob('batch-*.jsonl'))):03d}.jsonl").write_text(
                "\n".join(batch) + "\n", encoding="utf-8")
            batch = []

    try:
        for i in range(n):
            sub = folder / f"d{i // PER_FOLDER:03d}"
            if sub != batch_dir:
                if batch_dir is not None:
                    flush_batch()
                sub.mkdir(exist_ok=True)
                batch_dir = sub
            a = variant(i, n, seed)
            if jf:
                jf.write(jsonl_record(a) + "\n")
            if a["format"] == "jsonl":
                batch.append(jsonl_record(a))
                if len(batch) >= JSONL_BATCH:
                    flush_batch()
                continue
            write, ext = _WRITERS[a["format"]]
            (sub / f"{i:07d}{ext}").write_text(write(a, i), encoding="utf-8")
            if not quiet and (i + 1) % 10000 == 0:
                print(f"  {i + 1:,} / {n:,} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        flush_batch()
    finally:
        if jf:
            jf.close()
    stamp.write_text(json.dumps(params), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000],
                    help="corpus sizes in articles (default: 1000 10000 100000)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--no-jsonl", action="store_true", help="skip the single JSON Lines variant")
    ap.add_argument("--force", action="store_true", help="regenerate even when up to date")
    args = ap.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        folder = generate(n, args.out, seed=args.seed, jsonl=not args.no_jsonl, force=args.force, quiet=False)
        files = sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"n={n:>7,}: {folder} ({files:,} files, {size / 1e6:.1f} MB)"
              + ("" if args.no_jsonl else f" and {folder}.jsonl") + f" in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
