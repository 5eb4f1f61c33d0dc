"""Precision/recall of extraction against the hand-made answer key, and extraction speed.

    python benchmarks/eval_extraction.py              # dev, test and all, per type
    python benchmarks/eval_extraction.py --split test --show-errors
    python benchmarks/eval_extraction.py --speed      # articles/s per core, extraction only
    python benchmarks/eval_extraction.py --split dev --prefix i1- --prefix i2-   # one batch

The key (benchmarks/answers/*.yaml, schema in its README) was written by reading
the articles, independently of this code. A predicted entity matches a key
entity when any of its names (name, aliases) is one of the key's forms of it.
A penalty counts only when target, issuing authority and amount are all right.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "benchmarks" / "answers"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.gazetteer import load as load_gazetteer  # noqa: E402
from kg.model import main_label  # noqa: E402
from kg.resolve import Resolver  # noqa: E402
from loaders import Article, load_file  # noqa: E402

ENTITY_LABELS = ("Company", "Authority", "Regulation", "Media", "DataCategory")
FACTS = ("penalties", "supplied", "collected", "subsidiary_of")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.errors += other.errors

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def article_for(key: dict, name: str) -> Article:
    f = key["file"]
    path = SHARED / f if f.startswith("corpus/") else ROOT / f
    items = [x for x in load_file(str(path)) if isinstance(x, Article)]
    if not items:
        raise SystemExit(f"{name}: could not load {path}")
    return items[(key.get("record") or 1) - 1]


# 郑州某科技有限公司（案例二）: an anonymised party keyed with a label that tells it apart
# (上海某物业App运营企业（2025年案例）, 西安一电子科技公司（典型案例）: 某 or 一 marks the party unnamed)
_KEY_LABEL = re.compile(r"^(.*[某一].*?)（[^（）]+）$")


def gold_forms(key: dict) -> dict[str, dict[str, set[str]]]:
    """label → canonical → all forms (canonical and variants). An anonymised party's canonical
    name is also a form without the label the key adds in brackets (the label is no part of
    the name, so the text never has it)."""
    out: dict[str, dict[str, set[str]]] = {}
    for label, ents in (key.get("entities") or {}).items():
        out[label] = {}
        for c, v in (ents or {}).items():
            unlabelled = _KEY_LABEL.match(c)
            out[label][c] = {c, *(v or []), *([unlabelled.group(1)] if unlabelled else [])}
    return out


def forms_of(gold: dict[str, dict[str, set[str]]], name: str | None) -> set[str]:
    if not name:
        return set()
    for ents in gold.values():
        if name in ents:
            return ents[name]
    unlabelled = _KEY_LABEL.match(name)  # (a party the key names only in its facts)
    return {name, unlabelled.group(1)} if unlabelled else {name}


def _pred_forms(node) -> set[str]:
    p = node.props
    return {x for x in [p.get("name"), *(p.get("aliases") or []), *(p.get("weak_aliases") or [])] if x}


def _match(pred: set[str], gold: set[str]) -> bool:
    return bool(pred & gold)


def _pair_score(gold_items: list, pred_items: list, same) -> Score:
    s = Score()
    used = set()
    for g in gold_items:
        hit = next((i for i, p in enumerate(pred_items) if i not in used and same(g, p)), None)
        if hit is None:
            s.fn += 1
            s.errors.append(f"missed {g}")
        else:
            used.add(hit)
            s.tp += 1
    for i, p in enumerate(pred_items):
        if i not in used:
            s.fp += 1
            s.errors.append(f"extra  {p[-1] if isinstance(p, tuple) else p}")
    return s


def evaluate(names: list[str]) -> tuple[dict[str, Score], dict]:
    gaz = load_gazetteer()
    extractor = Extractor(gaz)
    scores: dict[str, Score] = defaultdict(Score)
    extra = {"non_privacy_facts": 0, "counts_right": 0, "counts_total": 0}
    for name in names:
        key = yaml.safe_load((ANSWERS / name).read_text("utf-8"))
        art = article_for(key, name)
        ex = extractor(art)
        frag = Resolver(gaz).fragment(ex)
        gold = gold_forms(key)
        nodes = frag.nodes
        tag = f"[{name}]"

        # entities
        for label in ENTITY_LABELS:
            g_ents = list((gold.get(label) or {}).items())
            p_ents = [n for n in nodes.values() if main_label(n.labels) == label]
            sc = _pair_score([(c, f) for c, f in g_ents],
                             [(_pred_forms(n), f"{tag} {label} {n.props.get('name')}") for n in p_ents],
                             lambda g, p: _match(p[0], g[1]))
            sc.errors = [f"{tag} {label} {e}" if e.startswith("missed") else e for e in sc.errors]
            scores[f"entity {label}"].add(sc)

        def ends(rtype: str):
            return [(frag.nodes[r.start], frag.nodes[r.end], r) for r in frag.rels.values() if r.type == rtype]

        # penalties: target + authority + amount
        preds = []
        for pid, n in nodes.items():
            if "Penalty" not in n.labels:
                continue
            tgt = next((frag.nodes[r.end] for r in frag.rels.values() if r.type == "IMPOSED_ON" and r.start == pid), None)
            auth = next((frag.nodes[r.end] for r in frag.rels.values() if r.type == "ISSUED_BY" and r.start == pid), None)
            preds.append((_pred_forms(tgt) if tgt else set(), _pred_forms(auth) if auth else set(),
                          n.props.get("amount_cny"),
                          f"{tag} penalty {tgt.props.get('name') if tgt else None} / "
                          f"{auth.props.get('name') if auth else None} / {n.props.get('amount_cny')} {n.props.get('kind')}"))
        gp = [(forms_of(gold, p.get("target")), forms_of(gold, p.get("authority")), p.get("amount_cny"),
               f"{tag} {p.get('target')} / {p.get('authority')} / {p.get('amount_cny')} {p.get('kind')}")
              for p in key.get("penalties") or []]
        sc = _pair_score(gp, preds, lambda g, p: _match(p[0], g[0]) and
                         (_match(p[1], g[1]) or not g[1] and not p[1]) and p[2] == g[2])
        sc.errors = [e if not e.startswith("missed") else f"missed {e.split('(', 1)[-1]}" for e in sc.errors]
        scores["fact PENALTY"].add(sc)

        for fact, rtype, a, b in (("supplied", "SUPPLIED", "vendor", "client"),
                                  ("collected", "COLLECTED", "company", "category"),
                                  ("subsidiary_of", "SUBSIDIARY_OF", "child", "parent")):
            gi = [(forms_of(gold, x.get(a)), forms_of(gold, x.get(b)), f"{tag} {x.get(a)} -> {x.get(b)}")
                  for x in key.get(fact) or []]
            pi = [(_pred_forms(s), _pred_forms(e), f"{tag} {s.props.get('name')} -> {e.props.get('name')}")
                  for s, e, _ in ends(rtype)]
            sc = _pair_score(gi, pi, lambda g, p: _match(p[0], g[0]) and _match(p[1], g[1]))
            scores[f"fact {rtype}"].add(sc)
            if fact == "collected":
                for x in key.get(fact) or []:
                    if x.get("count") is None:
                        continue
                    extra["counts_total"] += 1
                    for s, e, r in ends(rtype):
                        if _match(_pred_forms(e), forms_of(gold, x.get(b))) and r.props.get("count") == x["count"]:
                            extra["counts_right"] += 1
                            break
        if not key.get("privacy_relevant", True):
            extra["non_privacy_facts"] += sum(1 for r in frag.rels.values() if r.type not in ("MENTIONS",))
    return scores, extra


def split_names(split: str) -> list[str]:
    sp = yaml.safe_load((ANSWERS / "SPLIT.yaml").read_text("utf-8"))
    if split == "all":
        return sorted((sp["dev"] or []) + (sp["test"] or []))
    return sorted(sp[split] or [])


def print_table(title: str, scores: dict[str, Score], extra: dict) -> None:
    print(f"\n{title}")
    print(f"{'type':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for k in sorted(scores, key=lambda k: (not k.startswith("fact"), k)):
        s = scores[k]
        print(f"{k:<24}{s.p:>7.2f}{s.r:>7.2f}{s.f1:>7.2f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    ents = Score()
    for k, s in scores.items():
        if k.startswith("entity"):
            ents.add(s)
    print(f"{'entity names (all)':<24}{ents.p:>7.2f}{ents.r:>7.2f}{ents.f1:>7.2f}{ents.tp:>6}{ents.fp:>6}{ents.fn:>6}")
    print(f"facts from non-privacy articles: {extra['non_privacy_facts']}; "
          f"collected counts right: {extra['counts_right']}/{extra['counts_total']}")


def speed(repeat: int = 20) -> None:
    arts = []
    for p in sorted((SHARED / "corpus" / "articles").iterdir()) + sorted((ROOT / "samples").iterdir()):
        arts += [x for x in load_file(str(p)) if isinstance(x, Article)]
    ex = Extractor()
    ex(arts[0])  # warm up jieba
    t = time.perf_counter()
    for _ in range(repeat):
        for a in arts:
            ex(a)
    dt = time.perf_counter() - t
    n = repeat * len(arts)
    chars = repeat * sum(len(a.text) for a in arts)
    import jieba
    t = time.perf_counter()
    for _ in range(repeat):
        for a in arts:
            list(jieba.cut(a.text))
    base = time.perf_counter() - t
    print(f"extraction: {n / dt:,.0f} articles/s on one core ({chars / dt / 1e6:.2f} M chars/s, "
          f"{len(arts)} articles x {repeat})")
    print(f"baseline jieba.cut over whole texts: {n / base:,.0f} articles/s; ratio extraction/baseline: "
          f"{base / dt:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["dev", "test", "all"], default=None)
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--prefix", action="append", default=[],
                    help="only answer files whose name starts with this (repeatable), e.g. a batch")
    args = ap.parse_args()
    if args.speed:
        speed()
        return
    for split in ([args.split] if args.split else ["dev", "test", "all"]):
        names = split_names(split)
        if args.prefix:
            names = [n for n in names if n.startswith(tuple(args.prefix))]
            split += " " + "|".join(args.prefix)
        if not names:
            # P/R of an empty split would print as a perfect 1.00
            print(f"\n== {split}: no articles in this split (see benchmarks/answers/SPLIT.yaml)")
            continue
        scores, extra = evaluate(names)
        print_table(f"== {split} ({len(names)} articles)", scores, extra)
        if args.show_errors:
            for k, s in sorted(scores.items()):
                for e in s.errors:
                    print(f"  {k}: {e}")


if __name__ == "__main__":
    main()
