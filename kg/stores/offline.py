"""The embedded store: a networkx graph saved to one JSON file.

The file is written to a temporary file in the same folder, flushed to disk
and renamed over the old one, so a crash or Ctrl-C while saving leaves either
the old graph or the new one, never half of one.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from ..graph import ARTICLE_OWNED, Fragment, Node, Rel, combine, export_dict, merge_node, merge_rel, retract_rel
from ..model import EXPORT_FORMAT_VERSION, main_label
from .errors import StoreError
from .subgraph import subgraph_ids

FORMAT_NAME = "privacy-kg-offline"


class OfflineStore:
    kind = "offline"

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.g = nx.MultiDiGraph()
        self.dirty = False
        if self.path.exists():
            self._load()

    # -- file ----------------------------------------------------------------------
    def _load(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                data = json.load(fh)
        except json.JSONDecodeError as exc:
            raise StoreError(f"{self.path} is not a valid graph file (corrupt JSON at byte {exc.pos}: "
                             f"{exc.msg}). Move it away or ingest into another --store.") from None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise StoreError(f"{self.path} is not a privacy-kg graph file (no '{FORMAT_NAME}' header)")
        if data.get("version") != EXPORT_FORMAT_VERSION:
            raise StoreError(f"{self.path} was written by an incompatible version "
                             f"(file version {data.get('version')!r}, this program reads {EXPORT_FORMAT_VERSION})")
        try:
            for n in data["nodes"]:
                self.g.add_node(n["id"], labels=tuple(n["labels"]), props=dict(n["properties"]))
            for r in data["relationships"]:
                self.g.add_edge(r["start"], r["end"], key=r["type"], props=dict(r["properties"]))
        except (KeyError, TypeError) as exc:
            raise StoreError(f"{self.path} is damaged: a record lacks {exc}") from None

    def save(self) -> None:
        if not self.dirty and self.path.exists():
            return
        data = {"format": FORMAT_NAME, "version": EXPORT_FORMAT_VERSION, **self.export()}
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot write the store in {folder}: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(exc, OSError):
                raise StoreError(f"could not save {self.path}: {exc.strerror or exc}; "
                                 f"the previous graph file is unchanged") from None
            raise
        self.dirty = False

    def close(self) -> None:
        pass

    def describe(self) -> str:
        return str(self.path)

    # -- reads -------------------------------------------------------------------------
    def article_hashes(self) -> dict[str, str]:
        return {n: d["props"].get("content_hash", "") for n, d in self.g.nodes(data=True)
                if "Article" in d["labels"]}

    def nodes(self) -> Iterator[Node]:
        for n, d in self.g.nodes(data=True):
            yield Node(n, d["labels"], d["props"])

    def rels(self) -> Iterator[Rel]:
        for u, v, k, d in self.g.edges(keys=True, data=True):
            yield Rel(k, u, v, d["props"])

    def node(self, node_id: str) -> Node | None:
        if node_id not in self.g:
            return None
        d = self.g.nodes[node_id]
        return Node(node_id, d["labels"], d["props"])

    def alias_entries(self) -> Iterator[tuple[str, str, list[str]]]:
        for n, d in self.g.nodes(data=True):
            labels = d["labels"]
            if "Article" in labels or "Penalty" in labels:
                continue
            yield main_label(labels), d["props"].get("name", ""), list(d["props"].get("aliases", []))

    def subgraph(self, center: str, *, hops: int = 2, max_nodes: int = 600) -> dict[str, Any]:
        """Entities within ``hops`` of ``center`` (not through articles), plus the articles cited."""
        g = self.g

        def neighbours(ids):
            return {n: [(k, v) for _, v, k in g.out_edges(n, keys=True)] +
                       [(k, u) for u, _, k in g.in_edges(n, keys=True)] for n in ids if n in g}

        def sources(ids):
            inside = set(ids)
            found: set[str] = set()
            for u, v, d in g.edges(ids, data=True):
                if v in inside:
                    found.update(d["props"].get("sources", ()))
            return found

        keep = subgraph_ids(center, hops, max_nodes, neighbours, sources)
        nodes = [self.node(n) for n in keep]
        rels = [Rel(k, u, v, d["props"]) for u, v, k, d in self.g.edges(keep, keys=True, data=True)
                if v in keep]
        return export_dict(nodes, rels)

    def export(self) -> dict[str, Any]:
        return export_dict(self.nodes(), self.rels())

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels: dict[str, int] = {}
        for _, d in self.g.nodes(data=True):
            lab = main_label(d["labels"])
            labels[lab] = labels.get(lab, 0) + 1
        types: dict[str, int] = {}
        for _, _, k in self.g.edges(keys=True):
            types[k] = types.get(k, 0) + 1
        return labels, types

    # -- writes ---------------------------------------------------------------------
    def apply(self, fragments: list[Fragment]) -> None:
        """Replace each fragment's article (if it was stored before) and merge the batch in."""
        if not fragments:
            return
        for f in fragments:
            if f.article_id in self.g:
                self._retract(f.article_id)
        nodes, rels = combine(fragments)
        for n in nodes.values():
            old = self.node(n.id)
            merged = merge_node(old, n)
            self.g.add_node(n.id, labels=merged.labels, props=merged.props)
        for r in rels.values():
            data = self.g.get_edge_data(r.start, r.end, key=r.type)
            old = Rel(r.type, r.start, r.end, data["props"]) if data else None
            merged = merge_rel(old, r)
            self.g.add_edge(r.start, r.end, key=r.type, props=merged.props)
        self.dirty = True

    def _retract(self, article_id: str) -> None:
        touched = set()
        for _, v, k in list(self.g.out_edges(article_id, keys=True)):
            if k in ARTICLE_OWNED:
                self.g.remove_edge(article_id, v, key=k)
                touched.add(v)
        penalties = [v for v in touched if "Penalty" in self.g.nodes[v]["labels"]]
        for node in list(touched):
            for u, v, k, d in list(self.g.out_edges(node, keys=True, data=True)) + \
                    list(self.g.in_edges(node, keys=True, data=True)):
                if article_id not in d["props"].get("sources", ()):
                    continue
                kept = retract_rel(Rel(k, u, v, d["props"]), article_id)
                if kept is None:
                    self.g.remove_edge(u, v, key=k)
                    touched.update((u, v))
                else:
                    d["props"] = kept.props
        for node in touched | set(penalties):
            if node in self.g and node != article_id and self.g.degree(node) == 0:
                self.g.remove_node(node)
        self.dirty = True


