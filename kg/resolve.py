"""Resolution: one node per real-world entity across all articles.

Names an article ties together (全称为, typos) and the gazetteer's aliases feed
one alias index per label; every mention is looked up there and gets the id of
its canonical name. Weak aliases (小鹏, 滴滴) are never entered in the index, so
they can find a node but never merge two.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from .extract import Extraction
from .gazetteer import Gazetteer
from .graph import Fragment, Node, Rel, evidence_ref
from .model import entity_id, hashed_id, model

_DATE_IN_SENTENCE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


class AliasIndex:
    """(label, surface form) → canonical name, fed by the gazetteer, stores and articles."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.learned: dict[str, str] = {}  # company short names articles tied to a full name
        self._learned_re: re.Pattern | None = None
        self.canon: dict[tuple[str, str], str] = {}
        for form, (label, name) in gaz.strong.items():
            self.canon[(label, form)] = name

    def lookup(self, label: str, name: str) -> str:
        seen = set()
        while (label, name) in self.canon and name not in seen:
            seen.add(name)
            nxt = self.canon[(label, name)]
            if nxt == name:
                break
            name = nxt
        return name

    def learn_tie(self, label: str, alias: str, canonical: str) -> None:
        a, c = self.lookup(label, alias), self.lookup(label, canonical)
        if a == c:
            return
        a_known = self.gaz.get(label, a) is not None
        c_known = self.gaz.get(label, c) is not None
        if a_known and c_known:
            return  # two gazetteer entities are never merged by an article
        if a_known:
            a, c = c, a
        self.canon[(label, a)] = c
        self._remember(label, a, c)

    def learned_in(self, text: str) -> list[tuple[int, int, str]]:
        """Where short names tied in other articles (瑞景安全 = 杭州瑞景安全科技有限公司) occur in ``text``."""
        if not self.learned:
            return []
        if self._learned_re is None:
            self._learned_re = re.compile("|".join(map(re.escape, sorted(self.learned, key=len, reverse=True))))
        return [(m.start(), m.end(), m.group(0)) for m in self._learned_re.finditer(text)]

    def learn(self, ex: Extraction) -> None:
        for label, alias, canonical in ex.ties:
            self.learn_tie(label, alias, canonical)

    def learn_node(self, label: str, name: str, aliases: Iterable[str]) -> None:
        for a in aliases:
            if (label, a) not in self.canon and a != name:
                self.canon[(label, a)] = name
                self._remember(label, a, name)

    def _remember(self, label: str, alias: str, canonical: str) -> None:
        if label == "Company" and len(alias) >= 3 and alias not in self.gaz.strong and alias not in self.gaz.weak:
            self.learned[alias] = canonical
            self._learned_re = None


class Resolver:
    def __init__(self, gaz: Gazetteer, index: AliasIndex | None = None):
        self.gaz = gaz
        self.index = index or AliasIndex(gaz)
        self.model = model()

    def fragment(self, ex: Extraction) -> Fragment:
        a = ex.article
        frag = Fragment(a.id, a.content_hash)
        frag.add_node(Node(a.id, ("Article",), {
            "title": a.title, "published_at": a.published_at, "url": a.url, "source": a.source,
            "path": a.path, "content_hash": a.content_hash, "format": a.format,
        }))
        ids: dict[tuple[str, str], str] = {}
        anonymised = {(m.label, m.name) for m in ex.mentions if m.attrs.get("anonymised")}

        def node_for(label: str, name: str, *, extra=(), props=None, surface=None, weak=False,
                     local=False) -> str:
            canon = self.index.lookup(label, name)
            nid = entity_id(label, canon)
            if local or (label, name) in anonymised:
                # "A公司", "广西某科技有限公司": the same words name different parties in other articles
                nid = f"{nid}@{a.id.split(':', 1)[1]}"
            e = self.gaz.get(label, canon)
            p: dict[str, Any] = {"name": canon}
            if label in ("Company", "Authority", "Media", "Regulation", "DataCategory"):
                aliases = set(e.aliases) if e else set()
                if surface and surface != canon and not weak:
                    aliases.add(surface)
                if name != canon:
                    aliases.add(name)
                p["aliases"] = sorted(aliases)
                if label == "Company":
                    weak_set = set(e.weak_aliases) if e else set()
                    if surface and weak:
                        weak_set.add(surface)
                    p["weak_aliases"] = sorted(weak_set)
            if e:
                for k in ("level", "status", "ticker", "roles", "kind", "jurisdiction"):
                    if k in e.attrs:
                        p[k] = e.attrs[k]
                extra = tuple(extra) + tuple(e.attrs.get("extra_labels", ()))
            p.update({k: v for k, v in (props or {}).items() if v is not None})
            frag.add_node(Node(nid, self.model.labels_for(label, tuple(extra)), p))
            ids[(label, name)] = nid
            return nid

        for m in ex.mentions:
            props: dict[str, Any] = {}
            if m.label == "Authority":
                props = {k: m.attrs.get(k) for k in ("level", "jurisdiction", "kind")}
            elif m.label == "Regulation":
                status = m.attrs.get("status") or ("draft" if re.search(r"草案|征求意见稿", m.name) else None)
                props = {"status": status}
            elif m.label == "Location":
                props = {"level": m.attrs.get("level")}
            elif m.label == "Company" and m.attrs.get("roles"):
                props = {"roles": m.attrs["roles"]}
            surface = m.text.strip("《》") if m.label == "Regulation" else m.text
            nid = node_for(m.label, m.name, extra=m.extra_labels, props=props, surface=surface, weak=m.weak)
            frag.add_rel(Rel("MENTIONS", a.id, nid, {}))

        covered = [(m.start, m.end) for m in ex.mentions]
        for start, end, short in self.index.learned_in(a.text):
            if not any(s < end and start < e for s, e in covered):
                nid = node_for("Company", short, surface=short)
                frag.add_rel(Rel("MENTIONS", a.id, nid, {}))

        def rel(t: str, start: str, end: str, span, props=None) -> None:
            sentence = span.of(a.text)
            p = {"sources": [a.id], "evidence": [sentence],
                 "evidence_refs": [evidence_ref(a.id, span.start, span.end)]}
            p.update({k: v for k, v in (props or {}).items() if v is not None and not k.startswith("_")})
            frag.add_rel(Rel(self.model.check_type(t), start, end, p))

        def ref(key: tuple[str, str], level: str | None = None) -> str:
            if key in ids:
                return ids[key]
            label, name = key
            props = {"level": level} if label == "Location" else {}
            nid = node_for(label, name, props=props)
            frag.add_rel(Rel("MENTIONS", a.id, nid, {}))
            return nid

        for f in ex.facts:
            level = f.props.get("_level")
            start = ref(f.start)
            end = ref(f.end, level)
            rel(f.type, start, end, f.sentence, f.props)

        for reg_key, text, span in ex.ranges:
            nid = ref(reg_key)
            frag.add_node(Node(nid, frag.nodes[nid].labels, {"penalty_ranges": [text]}))

        for p in ex.penalties:
            target = ref(p.target)
            authority = ref(p.authority) if p.authority else None
            regulation = ref(p.regulation) if p.regulation else None
            pid = hashed_id("Penalty", target, authority, p.amount_cny if p.amount_cny is not None else p.amount,
                            p.kind)
            sentence = p.sentence.of(a.text)
            frag.add_node(Node(pid, ("Penalty",), {
                "amount_cny": p.amount_cny, "kind": p.kind, "text": sentence,
                "currency": p.currency, "amount": p.amount,
                "decided_at": _decided_at(sentence, a.published_at),
            }))
            frag.add_rel(Rel("REPORTS", a.id, pid, {}))
            rel("IMPOSED_ON", pid, target, p.sentence)
            if authority:
                rel("ISSUED_BY", pid, authority, p.sentence)
            if regulation:
                rel("CITES", pid, regulation, p.sentence)
        return frag


def _decided_at(sentence: str, published_at: str | None) -> str | None:
    """A date the sentence gives (3月29日 → the article's year), else None."""
    m = _DATE_IN_SENTENCE.search(sentence)
    if not m:
        return None
    year = m.group(1) or (published_at[:4] if published_at else None)
    if not year:
        return None
    return f"{int(year):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
