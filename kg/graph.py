"""Nodes, relationships and the merge rules every store applies.

Both stores merge with the functions in this module, so the offline store and
Neo4j hold the same graph for the same input. The rules are associative
(merging A then B into a store equals merging A+B at once), which lets a store
combine a batch of articles in memory before one write.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from typing import Any, Iterable

from .model import model

# Properties holding sets of strings: merged as a sorted union.
LIST_PROPS = frozenset({"aliases", "weak_aliases", "roles", "penalty_ranges", "sources"})
# Relationship types owned by one article (no provenance lists): replaced with it.
ARTICLE_OWNED = frozenset({"MENTIONS", "REPORTS"})


@dataclass
class Node:
    id: str
    labels: tuple[str, ...]
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rel:
    type: str
    start: str
    end: str
    props: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.start, self.end)


@dataclass
class Fragment:
    """Everything one article contributes to the graph. Nodes and relationships are kept
    merged (normalised), so stores can take them as they are."""

    article_id: str
    content_hash: str
    nodes: dict[str, Node] = field(default_factory=dict)
    rels: dict[tuple[str, str, str], Rel] = field(default_factory=dict)

    def add_node(self, node: Node) -> str:
        self.nodes[node.id] = merge_node(self.nodes.get(node.id), node)
        return node.id

    def add_merged(self, node: Node) -> str:
        """Like :meth:`add_node` for a node in merged form already (saves normalising it again)."""
        old = self.nodes.get(node.id)
        self.nodes[node.id] = node if old is None else merge_node(old, node)
        return node.id

    def add_rel(self, rel: Rel) -> None:
        key = (rel.type, rel.start, rel.end)
        self.rels[key] = merge_rel(self.rels.get(key), rel)


def merge_props(old: dict[str, Any], new: dict[str, Any], *, replace: bool = False) -> dict[str, Any]:
    """List properties: sorted union. Scalars: the first non-null value stays,
    unless ``replace`` (an article's own properties: the newest version wins).

    ``old`` must be merged already (its lists sorted, without repeats), as everything a
    store or a fragment holds is: a list that adds nothing new is then kept as it is, and
    when nothing changes ``old`` itself is returned (most merges into a big graph change nothing)."""
    if not old:  # a new node or relationship: every list sorted, without repeats
        return {k: (v if k not in LIST_PROPS else [v[0]] if type(v) is list and len(v) == 1 else sorted(set(v or ())))
                for k, v in new.items()}
    out = None
    for k, v in new.items():
        cur = (old if out is None else out).get(k, _MISSING)
        if k in LIST_PROPS:
            if cur is _MISSING or cur is None:
                v = sorted(set(v or ()))
            elif not v:
                continue
            elif len(cur) > 32:  # a long provenance list (a fact in thousands of articles): insert, do not re-sort
                add = sorted(x for x in set(v) if not _in_sorted(cur, x))
                if not add:
                    continue
                v = list(cur)
                for x in add:
                    insort(v, x)
            elif not set(v).issubset(cur):
                v = sorted(set(cur).union(v))
            else:
                continue
        elif not (replace or cur is None or cur is _MISSING) or (v is None and cur is not _MISSING) \
                or (type(cur) is type(v) and cur == v):
            continue
        if out is None:
            out = dict(old)
        out[k] = v
    return old if out is None else out


_MISSING = object()


def _in_sorted(items: list[str], x: str) -> bool:
    i = bisect_left(items, x)
    return i < len(items) and items[i] == x


def merge_node(old: Node | None, new: Node) -> Node:
    if old is None:
        props = merge_props({}, new.props)
        return Node(new.id, tuple(sorted(new.labels)), _tidy_names(props))
    is_article = "Article" in new.labels
    props = merge_props(old.props, new.props, replace=is_article)
    same_labels = new.labels == old.labels or set(new.labels).issubset(old.labels)
    if props is old.props and same_labels:
        return old  # nothing new, and ``old`` is merged (tidy) already
    labels = old.labels if same_labels else tuple(sorted(set(old.labels) | set(new.labels)))
    return Node(old.id, labels, _tidy_names(props if props is not old.props else dict(props)))


def _tidy_names(props: dict[str, Any]) -> dict[str, Any]:
    name = props.get("name")
    aliases = props.get("aliases")
    if aliases and name in aliases:
        props["aliases"] = aliases = [a for a in aliases if a != name]
    weak = props.get("weak_aliases")
    if weak and (name in weak or (aliases and not set(aliases).isdisjoint(weak))):
        strong = set(aliases or ())
        props["weak_aliases"] = [a for a in weak if a != name and a not in strong]
    return props


def merge_rel(old: Rel | None, new: Rel) -> Rel:
    if old is None:
        return Rel(new.type, new.start, new.end, _cap_evidence(merge_props({}, new.props)))
    props = merge_props(old.props, new.props)
    if props is old.props:
        props = dict(props)  # evidence is set below: never in the dict ``old`` holds
    if new.type == "COLLECTED" and old.props.get("approximate") and new.props.get("approximate") is False:
        # an exact count beats an approximate one for the same fact
        props["count"] = new.props.get("count")
        props["approximate"] = False
    if "evidence_refs" in old.props or "evidence_refs" in new.props:
        props["evidence"], props["evidence_refs"] = _merge_evidence(old.props, new.props)
    return Rel(old.type, old.start, old.end, props)


def _pairs(props: dict[str, Any]) -> list[tuple[str, str]]:
    return list(zip(props.get("evidence_refs") or [], props.get("evidence") or []))


def _merge_evidence(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(evidence, evidence_refs) of ``a`` (merged: sorted, capped) and ``b`` together, capped."""
    old = _pairs(a)
    cap = model().evidence_cap
    add = set(_pairs(b)).difference(old)
    # most merges into a big graph bring a sentence that sorts after a full list: nothing changes
    if not add or (len(old) >= cap and min(add) > old[cap - 1]):
        pairs = old[:cap]
    else:
        pairs = sorted(add.union(old))[:cap]
    return [p[1] for p in pairs], [p[0] for p in pairs]


def _cap_evidence(props: dict[str, Any]) -> dict[str, Any]:
    refs = props.get("evidence_refs")
    if refs is None or len(refs) <= 1:  # one sentence (a fact as resolution makes it): in order already
        return props
    pairs = sorted(set(_pairs(props)))[: model().evidence_cap]
    props["evidence"] = [p[1] for p in pairs]
    props["evidence_refs"] = [p[0] for p in pairs]
    return props


def retract_rel(rel: Rel, article_id: str) -> Rel | None:
    """The relationship without what ``article_id`` contributed; None when nothing is left."""
    sources = [s for s in rel.props.get("sources", []) if s != article_id]
    if not sources:
        return None
    props = dict(rel.props)
    props["sources"] = sources
    pairs = [p for p in _pairs(rel.props) if not p[0].startswith(article_id + "@")]
    props["evidence"] = [p[1] for p in pairs]
    props["evidence_refs"] = [p[0] for p in pairs]
    return Rel(rel.type, rel.start, rel.end, props)


def evidence_ref(article_id: str, start: int, end: int) -> str:
    return f"{article_id}@{start}-{end}"


def combine(fragments: Iterable[Fragment]) -> tuple[dict[str, Node], dict[tuple[str, str, str], Rel]]:
    """Merge a batch of fragments into one delta (same result as applying them one by one)."""
    nodes: dict[str, Node] = {}
    rels: dict[tuple[str, str, str], Rel] = {}
    for f in fragments:
        for nid, n in f.nodes.items():
            old = nodes.get(nid)
            nodes[nid] = n if old is None else merge_node(old, n)  # a fragment's nodes are merged already
        for key, r in f.rels.items():
            old = rels.get(key)
            rels[key] = r if old is None else merge_rel(old, r)
    return nodes, rels


def export_dict(nodes: Iterable[Node], rels: Iterable[Rel]) -> dict[str, Any]:
    """The export contract of DESIGN.md, sorted so that equal graphs give equal files."""
    return {
        "nodes": [
            {"id": n.id, "labels": sorted(n.labels), "properties": _plain(n.props)}
            for n in sorted(nodes, key=lambda n: n.id)
        ],
        "relationships": [
            {"type": r.type, "start": r.start, "end": r.end, "properties": _plain(r.props)}
            for r in sorted(rels, key=lambda r: r.key)
        ],
    }


def _plain(props: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, (list, tuple)) else v)
            for k, v in sorted(props.items()) if v is not None}
