"""Resolution: one node per real-world entity across all articles.

Names an article ties together (全称为, typos) and the gazetteer's aliases feed
one alias index per label; every mention is looked up there and gets the id of
its canonical name. Weak aliases (小鹏, 滴滴) are never entered in the index, so
they can find a node but never merge two.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, NamedTuple

from ahocorasick_rs import AhoCorasick, MatchKind

from .extract import Extraction
from .extract.mentions import _DRAFT  # the draft words of a title, written once
from .extract.naming import kept_apart
from .gazetteer import Gazetteer
from .graph import Fragment, Node, Rel, evidence_ref, merge_node
from .model import entity_id, hashed_id, model

_NODE_CACHE = 200_000  # mention → node entries kept (bounded memory)
_DATE_IN_SENTENCE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


class AliasIndex:
    """(label, surface form) → canonical name, fed by the gazetteer, stores and articles."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.learned: dict[str, str] = {}  # company short names articles tied to a full name
        self._learned_names: list[str] = []
        self._learned_ac: AhoCorasick | None = None  # over _learned_names; None when out of date
        self.canon: dict[tuple[str, str], str] = {}
        for form, (label, name) in gaz.strong.items():
            self.canon[(label, form)] = name

    def lookup(self, label: str, name: str) -> str:
        canon = self.canon
        seen: set[str] = set()
        while True:  # follow alias → name links (a cycle stops where it closes)
            nxt = canon.get((label, name))
            if nxt is None or nxt == name or name in seen:
                return name
            seen.add(name)
            name = nxt

    def learn_tie(self, label: str, alias: str, canonical: str) -> None:
        a, c = self.lookup(label, alias), self.lookup(label, canonical)
        if a == c:
            return
        a_known = self.gaz.get(label, a) is not None
        c_known = self.gaz.get(label, c) is not None
        if a_known and c_known:
            return  # two gazetteer entities are never merged by an article
        if kept_apart(self.gaz, label, a, c):
            return
        if a_known:
            a, c = c, a
        self.canon[(label, a)] = c
        self._remember(label, a, c)

    def learned_in(self, text: str) -> list[tuple[int, int, str]]:
        """Where short names tied in other articles (瑞景安全 = 杭州瑞景安全科技有限公司) occur in
        ``text``: leftmost, then longest, not overlapping.

        An Aho-Corasick automaton over the names, rebuilt (in about 2 ms per thousand names)
        once a batch of articles has taught new ones. A regex over the names' first two
        characters cost more as the corpus grew: many learned names start with a city's name,
        so it stopped at every 北京 and 上海 in the text."""
        if not self.learned:
            return []
        if self._learned_ac is None:
            self._learned_names = list(self.learned)
            self._learned_ac = AhoCorasick(self._learned_names, matchkind=MatchKind.LeftmostLongest)
        names = self._learned_names
        return [(start, end, names[i]) for i, start, end in self._learned_ac.find_matches_as_indexes(text)]

    def learn(self, ex: Extraction) -> None:
        for label, alias, canonical in ex.ties:
            self.learn_tie(label, alias, canonical)

    def learn_node(self, label: str, name: str, aliases: Iterable[str]) -> None:
        """A stored node's aliases, learned as a tie from an article would have been."""
        for a in aliases:
            if (label, a) not in self.canon and a != name and not kept_apart(self.gaz, label, a, name):
                self.canon[(label, a)] = name
                self._remember(label, a, name)

    def _remember(self, label: str, alias: str, canonical: str) -> None:
        if label == "Company" and len(alias) >= 3 and alias not in self.gaz.strong and alias not in self.gaz.weak:
            if alias not in self.learned:
                self._learned_ac = None
            self.learned[alias] = canonical


class MentionedEntities(NamedTuple):
    """What resolution needs of an article's mentions. It depends on the article alone, so
    ingest computes it in the worker that extracted the article; an article names most
    entities several times, and only the distinct ones are kept."""

    entities: list[tuple]  # (label, name, extra labels, node properties, surface, weak), first seen first
    spans: list[tuple[int, int]]  # every mention's offsets (a learned short name inside one is not another)
    anonymised: frozenset[tuple[str, str]]  # (label, name) of "A公司", "广西某科技有限公司"


def mentioned_entities(ex: Extraction) -> MentionedEntities:
    seen: set[tuple] = set()
    entities: list[tuple] = []
    for m in ex.mentions:
        props: dict[str, Any] = {}
        if m.label == "Authority":
            props = {k: m.attrs.get(k) for k in ("level", "jurisdiction", "kind")}
        elif m.label == "Regulation":
            status = m.attrs.get("status") or ("draft" if _DRAFT.search(m.name) else None)
            props = {"status": status}
        elif m.label == "Location":
            props = {"level": m.attrs.get("level")}
        elif m.label == "Company" and m.attrs.get("roles"):
            props = {"roles": m.attrs["roles"]}
        surface = m.text.strip("《》") if m.label == "Regulation" else m.text
        key = (m.label, m.name, tuple(m.extra_labels), _frozen(props), surface, m.weak)
        if key not in seen:  # (the node a repeat gives is the one already made)
            seen.add(key)
            entities.append((m.label, m.name, tuple(m.extra_labels), props, surface, m.weak))
    return MentionedEntities(entities, [(m.start, m.end) for m in ex.mentions],
                             frozenset((m.label, m.name) for m in ex.mentions if m.attrs.get("anonymised")))


class Resolver:
    def __init__(self, gaz: Gazetteer, index: AliasIndex | None = None):
        self.gaz = gaz
        self.index = index or AliasIndex(gaz)
        self.model = model()
        self._nodes: dict[tuple, Node] = {}

    def fragment(self, ex: Extraction, mentioned: MentionedEntities | None = None) -> Fragment:
        """``mentioned``: :func:`mentioned_entities` of ``ex``, when computed already (ingest's
        workers do, so that ``ex.mentions`` need not be sent to the process that resolves)."""
        return _FragmentBuilder(self, ex, mentioned or mentioned_entities(ex)).build()

    def entity_node(self, label: str, name: str, canon: str, extra: tuple[str, ...], props, surface, weak,
                    frozen: tuple) -> Node:
        """The node a mention gives (merged form). The same mention recurs in many articles, so
        nodes are kept: nothing in them but the mention, its canonical name and the gazetteer."""
        key = (label, name, canon, extra, surface, weak, frozen)
        node = self._nodes.get(key)
        if node is not None:
            return node
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
            extra = extra + tuple(e.attrs.get("extra_labels", ()))
        p.update({k: v for k, v in (props or {}).items() if v is not None})
        node = merge_node(None, Node(entity_id(label, canon), self.model.labels_for(label, extra), p))
        if len(self._nodes) >= _NODE_CACHE:
            self._nodes.clear()
        self._nodes[key] = node
        return node


class _FragmentBuilder:
    """One article's fragment: its mentions, facts and penalties as nodes and relationships."""

    def __init__(self, resolver: Resolver, ex: Extraction, mentioned: MentionedEntities):
        self.r = resolver
        self.ex = ex
        self.entities = mentioned  # what resolution needs of the mentions
        self.a = a = ex.article
        self.frag = Fragment(a.id, a.content_hash)
        self.ids: dict[tuple[str, str], str] = {}
        self.anonymised = mentioned.anonymised
        self.done: dict[tuple, str] = {}  # an article names most entities several times: merge each once
        self.mentioned: set[str] = set()  # node ids given a MENTIONS relationship

    def mention(self, nid: str) -> None:
        if nid not in self.mentioned:  # so the relationship is new: nothing to merge
            self.mentioned.add(nid)
            self.frag.rels[("MENTIONS", self.a.id, nid)] = Rel("MENTIONS", self.a.id, nid, {})

    def node_for(self, label: str, name: str, *, extra=(), props=None, surface=None, weak=False,
                 local=False) -> str:
        frozen = _frozen(props)
        key = (label, name, tuple(extra), surface, weak, local, frozen)
        nid = self.done.get(key)
        if nid is None:
            nid = self.done[key] = self._node(label, name, tuple(extra), props, surface, weak, local, frozen)
        return nid

    def _node(self, label: str, name: str, extra: tuple[str, ...], props, surface, weak, local, frozen) -> str:
        canon = self.r.index.lookup(label, name)
        node = self.r.entity_node(label, name, canon, extra, props, surface, weak, frozen)
        if local or (label, name) in self.anonymised:
            # "A公司", "广西某科技有限公司": the same words name different parties in other articles
            node = Node(f"{node.id}@{self.a.id.split(':', 1)[1]}", node.labels, node.props)
        self.frag.add_merged(node)
        self.ids[(label, name)] = node.id
        return node.id

    def rel(self, t: str, start: str, end: str, span, props=None) -> None:
        a = self.a
        p = {"sources": [a.id], "evidence": [span.of(a.text)],
             "evidence_refs": [evidence_ref(a.id, span.start, span.end)]}
        p.update({k: v for k, v in (props or {}).items() if v is not None and not k.startswith("_")})
        self.frag.add_rel(Rel(self.r.model.check_type(t), start, end, p))

    def ref(self, key: tuple[str, str], level: str | None = None) -> str:
        """The node of a fact's end (its mention's node, else a new one)."""
        nid = self.ids.get(key)
        if nid is None:
            label, name = key
            nid = self.node_for(label, name, props={"level": level} if label == "Location" else {})
            self.mention(nid)
        return nid

    def build(self) -> Fragment:
        a, ex, frag = self.a, self.ex, self.frag
        frag.add_node(Node(a.id, ("Article",), {
            "title": a.title, "published_at": a.published_at, "url": a.url, "source": a.source,
            "path": a.path, "content_hash": a.content_hash, "format": a.format,
        }))
        for label, name, extra, props, surface, weak in self.entities.entities:
            self.mention(self.node_for(label, name, extra=extra, props=props, surface=surface, weak=weak))

        covered = self.entities.spans
        for start, end, short in self.r.index.learned_in(a.text):
            if not any(s < end and start < e for s, e in covered):
                self.mention(self.node_for("Company", short, surface=short))

        for f in ex.facts:
            start = self.ref(f.start)
            end = self.ref(f.end, f.props.get("_level"))
            self.rel(f.type, start, end, f.sentence, f.props)

        for reg_key, text, _span in ex.ranges:
            nid = self.ref(reg_key)
            frag.add_node(Node(nid, frag.nodes[nid].labels, {"penalty_ranges": [text]}))

        for p in ex.penalties:
            target = self.ref(p.target)
            authority = self.ref(p.authority) if p.authority else None
            regulation = self.ref(p.regulation) if p.regulation else None
            pid = hashed_id("Penalty", target, authority, p.amount_cny if p.amount_cny is not None else p.amount,
                            p.kind)
            sentence = p.sentence.of(a.text)
            frag.add_node(Node(pid, ("Penalty",), {
                "amount_cny": p.amount_cny, "kind": p.kind, "text": sentence,
                "currency": p.currency, "amount": p.amount,
                "decided_at": _decided_at(sentence, a.published_at),
            }))
            frag.add_rel(Rel("REPORTS", a.id, pid, {}))
            self.rel("IMPOSED_ON", pid, target, p.sentence)
            if authority:
                self.rel("ISSUED_BY", pid, authority, p.sentence)
            if regulation:
                self.rel("CITES", pid, regulation, p.sentence)
        return frag


_PLAIN = frozenset((str, int, float, bool, type(None)))


def _frozen(props: dict[str, Any] | None) -> tuple:
    """``props`` as a hashable key (lists as tuples, anything else unhashable by its repr)."""
    if not props:
        return ()
    if all(type(v) in _PLAIN for v in props.values()):  # the usual case: strings, numbers, None
        return tuple(props.items())
    out = []
    for k, v in props.items():
        if isinstance(v, list):
            v = tuple(v)
        try:
            hash(v)
        except TypeError:
            v = ("repr", repr(v))
        out.append((k, v))
    return tuple(out)


def _decided_at(sentence: str, published_at: str | None) -> str | None:
    """A date the sentence gives (3月29日 → the article's year), else None."""
    m = _DATE_IN_SENTENCE.search(sentence)
    if not m:
        return None
    year = m.group(1) or (published_at[:4] if published_at else None)
    if not year:
        return None
    return f"{int(year):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
