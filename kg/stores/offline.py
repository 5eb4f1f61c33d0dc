"""The embedded store: a networkx graph saved to one JSON file.

The file is written to a temporary file in the same folder, flushed to disk
and renamed over the old one, so a crash or Ctrl-C while saving leaves either
the old graph or the new one, never half of one.
"""
from __future__ import annotations

import errno
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

try:  # orjson is several times faster for the multi-hundred-MB files of big graphs
    import orjson

    def _loads(raw: bytes) -> Any:
        return orjson.loads(raw)

    def _dumps(obj: Any) -> bytes:
        return orjson.dumps(obj)
except ImportError:  # pragma: no cover - orjson is a dependency, but keep working without it
    def _loads(raw: bytes) -> Any:
        return json.loads(raw)

    def _dumps(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _reason(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, NotADirectoryError):
        return f"{_first_non_dir(folder)} is not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied in {folder}"
    if exc.errno == errno.EROFS:
        return f"{folder} is on a read-only file system"
    return exc.strerror or str(exc)


def _first_non_dir(folder: Path) -> Path:
    for p in [*reversed(folder.parents), folder]:
        if p.exists() and not p.is_dir():
            return p
    return folder


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
                raw = fh.read()
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            data = _loads(raw)
        except (ValueError, RecursionError) as exc:  # orjson/json decode errors, bad UTF-8
            raise StoreError(f"{self.path} is not a valid graph file (corrupt or truncated: {exc}). "
                             f"Move it away or use another --store.") from None
        del raw
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise StoreError(f"{self.path} is not a privacy-kg graph file (no '{FORMAT_NAME}' header); "
                             f"move it away or use another --store")
        if data.get("version") != EXPORT_FORMAT_VERSION:
            raise StoreError(f"{self.path} was written by an incompatible version "
                             f"(file version {data.get('version')!r}, this program reads {EXPORT_FORMAT_VERSION}); "
                             f"re-ingest into a new --store")
        try:
            nodes, rels = data.pop("nodes"), data.pop("relationships")
            add_node = self.g.add_node
            # records are consumed (and freed) as the graph is built, to keep the peak low
            nodes.reverse()
            while nodes:
                n = nodes.pop()
                props = n["properties"]
                if not isinstance(props, dict):
                    raise TypeError("properties")
                add_node(n["id"], labels=tuple(n["labels"]), props=props)
            rels.reverse()
            add_edge = self.g.add_edge
            g = self.g
            while rels:
                r = rels.pop()
                props = r["properties"]
                if not isinstance(props, dict):
                    raise TypeError("properties")
                start, end = r["start"], r["end"]
                if start not in g or end not in g:
                    raise KeyError(f"node {start if start not in g else end}")
                add_edge(start, end, key=r["type"], props=props)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self.g = nx.MultiDiGraph()
            raise StoreError(f"{self.path} is damaged: a record has a missing or wrong {exc}; "
                             f"move it away or use another --store") from None

    def check_writable(self) -> None:
        """Fail early (before any work) when the store cannot be written where it is."""
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not folder.is_dir():
                raise NotADirectoryError(20, "Not a directory")
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.path}: {_reason(exc, folder)}") from None
        if self.path.is_dir():
            raise StoreError(f"cannot write the store {self.path}: it is a directory")

    def save(self) -> None:
        """Write the graph to a temporary file beside the store, fsync it, rename it over the store."""
        if not self.dirty and self.path.exists():
            return
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot write the store {self.path}: {_reason(exc, folder)}; "
                             f"the previous graph file is unchanged") from None
        try:
            with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
                self._write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                mode = self.path.stat().st_mode & 0o777
            except OSError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            os.replace(tmp, self.path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(exc, OSError):
                raise StoreError(f"could not save {self.path}: {_reason(exc, folder)}; "
                                 f"the previous graph file is unchanged") from None
            raise
        _fsync_dir(folder)
        self.dirty = False

    def _write(self, fh) -> None:
        """The store file: a header, then nodes and relationships in the export record shape.
        Streamed in batches so that saving needs little memory beyond the graph itself."""
        fh.write(b'{"format":' + _dumps(FORMAT_NAME) + b',"version":' + _dumps(EXPORT_FORMAT_VERSION)
                 + b',"nodes":[')
        first = True
        batch: list[dict] = []
        for n, d in self.g.nodes(data=True):
            batch.append({"id": n, "labels": d["labels"], "properties": d["props"]})
            if len(batch) >= 5000:
                fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
                first, batch = False, []
        if batch:
            fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
        fh.write(b'],"relationships":[')
        first, batch = True, []
        for u, v, k, d in self.g.edges(keys=True, data=True):
            batch.append({"type": k, "start": u, "end": v, "properties": d["props"]})
            if len(batch) >= 5000:
                fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
                first, batch = False, []
        if batch:
            fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
        fh.write(b"]}\n")

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
        g = self.g
        for f in fragments:
            if f.article_id in g:
                self._retract(f.article_id)
        nodes, rels = combine(fragments)
        nodes_data = g._node
        for n in nodes.values():
            d = nodes_data.get(n.id)
            if d is None:
                # combine() already normalised it: merging into nothing would give the same node
                g.add_node(n.id, labels=n.labels, props=n.props)
            else:
                merged = merge_node(Node(n.id, d["labels"], d["props"]), n)
                d["labels"], d["props"] = merged.labels, merged.props
        succ = g._succ
        for r in rels.values():
            d = succ[r.start].get(r.end, {}).get(r.type)
            if d is None:
                g.add_edge(r.start, r.end, key=r.type, props=r.props)
            else:
                d["props"] = merge_rel(Rel(r.type, r.start, r.end, d["props"]), r).props
        self.dirty = True

    def _retract(self, article_id: str) -> None:
        """Remove what one article contributed: its own relationships and node, its share of the
        provenance of every fact, the facts only it supported and the nodes left unconnected."""
        g = self.g
        touched = set()
        for _, v, k in list(g.out_edges(article_id, keys=True)):
            if k in ARTICLE_OWNED:
                g.remove_edge(article_id, v, key=k)
                touched.add(v)
        for node in list(touched):
            for u, v, k, d in list(g.out_edges(node, keys=True, data=True)) + \
                    list(g.in_edges(node, keys=True, data=True)):
                if article_id not in d["props"].get("sources", ()):
                    continue
                kept = retract_rel(Rel(k, u, v, d["props"]), article_id)
                if kept is None:
                    g.remove_edge(u, v, key=k)
                    touched.update((u, v))
                else:
                    d["props"] = kept.props
        touched.discard(article_id)
        for node in touched:
            if node in g and g.degree(node) == 0:
                g.remove_node(node)
        # the new version brings all of the article's own properties; none of the old stay behind
        if article_id in g and g.degree(article_id) == 0:
            g.remove_node(article_id)
        self.dirty = True
