"""The embedded store: a networkx graph saved to one JSON file.

The file is written to a temporary file in the same folder, flushed to disk
and renamed over the old one, so a crash or Ctrl-C while saving leaves either
the old graph or the new one, never half of one.

File layout 2 (``{"format", "version", "layout": 2, "nodes", "relationships", "files"}``):
``nodes`` is ``[[id, labels, properties], …]``; ``relationships`` maps each type to
``[[start, end] or [start, end, properties], …]`` where start/end are positions in ``nodes``
(so ids are not repeated a million times); ``files`` is the ingest's file index. Layout 1
files (nodes and relationships as export records) are still read. ``kg export`` writes
the export contract, not this.
"""
from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import sys
import tempfile
import time
from array import array
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from ..graph import ARTICLE_OWNED, Fragment, Node, Rel, export_dict, merge_node, merge_rel, retract_rel
from ..model import EXPORT_FORMAT_VERSION, main_label
from .errors import StoreError
from .subgraph import subgraph_ids

FORMAT_NAME = "privacy-kg-offline"
LAYOUT = 2  # of the file (1: nodes and relationships as export records; still read)

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


@contextlib.contextmanager
def _gc_paused() -> Iterator[bool]:
    """No cyclic garbage collection inside (yields whether it was on before)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield enabled
    finally:
        if enabled:
            gc.enable()


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
        self._names: dict[str, list[str]] | None = None  # name/alias → node ids, built on first use
        # relationship type → end node → start nodes, for the types articles do not own: a company
        # has thousands of MENTIONS coming in, and queries step over none of them this way
        self._typed_in: dict[str, dict[str, list[str]]] | None = None
        # the files articles were read from: path → [fingerprint, article id, content hash], so that
        # a re-run can skip an unchanged file without parsing it (see kg.ingest)
        self.files: dict[str, list] = {}
        if self.path.exists():
            self._load()

    # -- file ----------------------------------------------------------------------
    def _load(self) -> None:
        # A big graph is millions of small objects: the cyclic garbage collector would walk all
        # of them again and again while they are created (5x slower), so it is paused here.
        with _gc_paused() as enabled:
            g, files = self._read()
        self.files = files
        if enabled and len(g._succ) > 50_000:
            # and the loaded records (no reference cycles among them) are left out of every later
            # collection, which would otherwise walk them all (seconds at 100k articles). The graph
            # object itself is made after this, so dropping the store still frees everything.
            gc.freeze()
        self.g = nx.MultiDiGraph()
        self.g._node, self.g._pred = g._node, g._pred
        self.g._adj = self.g._succ = g._succ

    def _read(self) -> tuple[nx.MultiDiGraph, dict[str, list]]:
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
        g = nx.MultiDiGraph()
        files = data.get("files") or {}
        try:
            if not isinstance(files, dict):
                raise TypeError("file index")
            if data.get("layout", 1) == LAYOUT:
                self._typed_in = _build(g, data)
            elif data.get("layout", 1) == 1:
                _build_v1(g, data)
            else:
                raise StoreError(f"{self.path} was written by a newer version (layout {data.get('layout')!r}); "
                                 f"upgrade, or re-ingest into a new --store")
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise StoreError(f"{self.path} is damaged: a record has a missing or wrong {exc}; "
                             f"move it away or use another --store") from None
        return g, files

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
        # what a save killed half-way left behind (never a save in progress: those are recent)
        for old in folder.glob(f".{self.path.name}.*.tmp"):
            try:
                if old.stat().st_mtime < time.time() - 600:
                    old.unlink()
            except OSError:
                pass
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
            # (writing makes millions of short-lived records: a full collection over the graph in
            # the middle of it, as after an ingest unfreezes its objects, tripled a 100k save)
            with os.fdopen(fd, "wb", buffering=1 << 20) as fh, _gc_paused():
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
        """The store file (layout 2): a header, the nodes, then the relationships grouped by type
        with their ends as node positions. Streamed in batches: saving needs little memory
        beyond the graph itself."""
        g = self.g
        fh.write(b'{"format":' + _dumps(FORMAT_NAME) + b',"version":' + _dumps(EXPORT_FORMAT_VERSION)
                 + b',"layout":' + _dumps(LAYOUT) + b',"nodes":[')
        index: dict[str, int] = {}
        batch: list = []
        first = True
        for i, (n, d) in enumerate(g._node.items()):
            index[n] = i
            batch.append((n, d["labels"], d["props"]))
            if len(batch) >= 5000:
                fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
                first, batch = False, []
        if batch:
            fh.write((b"" if first else b",") + _dumps(batch)[1:-1])
        fh.write(b'],"relationships":{')
        # relationships bucketed by type as compact arrays (24 bytes each), not tuples
        by_type: dict[str, tuple[array, array, list]] = {}
        for u, nbrs in g._succ.items():
            iu = index[u]
            for v, keydict in nbrs.items():
                iv = index[v]
                for k, d in keydict.items():
                    bucket = by_type.get(k)
                    if bucket is None:
                        bucket = by_type[k] = (array("q"), array("q"), [])
                    bucket[0].append(iu)
                    bucket[1].append(iv)
                    bucket[2].append(d["props"])
        del index
        for t, rtype in enumerate(sorted(by_type)):
            starts, ends, props = by_type.pop(rtype)
            fh.write((b"," if t else b"") + _dumps(rtype) + b":[")
            for i in range(0, len(props), 5000):
                chunk = [(a, b, p) if p else (a, b)
                         for a, b, p in zip(starts[i:i + 5000], ends[i:i + 5000], props[i:i + 5000])]
                fh.write((b"," if i else b"") + _dumps(chunk)[1:-1])
            fh.write(b"]")
        fh.write(b'},"files":' + _dumps(self.files) + b"}\n")

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

    def typed_in(self) -> dict[str, dict[str, list[str]]]:
        """``{type: {end: [start, …]}}`` for every relationship type but MENTIONS and REPORTS."""
        if self._typed_in is None:
            typed: dict[str, dict[str, list[str]]] = {}
            nodes = self.g._node
            for u, nbrs in self.g._succ.items():
                if "Article" in nodes[u]["labels"]:
                    continue  # only MENTIONS and REPORTS start at an article
                for v, keys in nbrs.items():
                    for k in keys:
                        if k not in ARTICLE_OWNED:  # as _build makes it on loading
                            typed.setdefault(k, {}).setdefault(v, []).append(u)
            self._typed_in = typed
        return self._typed_in

    def name_candidates(self, name: str) -> list[dict[str, Any]]:
        """Entities (not articles or penalties) whose name, alias or weak alias is exactly ``name``,
        in the shape ``kg.queries.find_node`` ranks, from an index instead of a scan of every node.
        An empty list means no exact match (a search for part of a name still has to scan)."""
        if self._names is None:
            names: dict[str, list[str]] = {}
            for n, d in self.g.nodes(data=True):
                labels = d["labels"]
                if "Article" in labels or "Penalty" in labels:
                    continue
                p = d["props"]
                forms = {p.get("name"), *(p.get("aliases") or ()), *(p.get("weak_aliases") or ())}
                for form in forms:
                    if form:
                        names.setdefault(form, []).append(n)
            self._names = names
        g = self.g
        out = []
        for n in self._names.get(name, ()):
            d = g.nodes[n]
            p = d["props"]
            out.append({"id": n, "labels": list(d["labels"]), "name": p.get("name"), "aliases": p.get("aliases"),
                        "weak_aliases": p.get("weak_aliases"), "degree": g.degree(n)})
        return out

    def subgraph(self, center: str, *, hops: int = 2, max_nodes: int = 600) -> dict[str, Any]:
        """Entities within ``hops`` of ``center`` (not through articles), plus the articles cited."""
        g = self.g
        succ, pred = g._succ, g._pred

        def neighbours(ids):
            # article-owned relationships (MENTIONS, REPORTS) are never followed: not even listed
            out = {}
            for n in ids:
                if n not in succ:
                    continue
                out[n] = [(k, v) for v, keys in succ[n].items() for k in keys if k not in ARTICLE_OWNED] + \
                         [(k, u) for u, keys in pred[n].items() for k in keys if k not in ARTICLE_OWNED]
            return out

        def sources(ids):
            inside = set(ids)
            found: set[str] = set()
            for u in ids:
                for v, keys in succ.get(u, {}).items():
                    if v in inside:
                        for d in keys.values():
                            found.update(d["props"].get("sources", ()))
            return found

        keep = subgraph_ids(center, hops, max_nodes, neighbours, sources)
        inside = set(keep)
        nodes = [self.node(n) for n in keep]
        rels = [Rel(k, u, v, d["props"]) for u in keep for v, keys in succ.get(u, {}).items() if v in inside
                for k, d in keys.items()]
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
        self._names = self._typed_in = None
        for f in fragments:
            if f.article_id in g:
                self._retract(f.article_id)
        # fragment by fragment, straight into the graph: the merge rules are associative, so
        # this is the graph combine() + one merge would give, with one merge less per item
        nodes_data, succ = g._node, g._succ
        for f in fragments:
            for nid, n in f.nodes.items():
                d = nodes_data.get(nid)
                if d is None:  # a fragment's nodes are merged (normalised) already
                    g.add_node(nid, labels=n.labels, props=n.props)
                else:
                    merged = merge_node(Node(nid, d["labels"], d["props"]), n)
                    d["labels"], d["props"] = merged.labels, merged.props
            for (rtype, start, end), r in f.rels.items():
                d = succ.get(start, {}).get(end, {}).get(rtype)
                if d is None:
                    g.add_edge(start, end, key=rtype, props=r.props)
                else:
                    d["props"] = merge_rel(Rel(rtype, start, end, d["props"]), r).props
        self.dirty = True

    def _retract(self, article_id: str) -> None:
        """Remove what one article contributed: its own relationships and node, its share of the
        provenance of every fact, the facts only it supported and the nodes left unconnected."""
        g = self.g
        self._names = self._typed_in = None
        touched = set()
        for _, v, k in list(g.out_edges(article_id, keys=True)):
            if k in ARTICLE_OWNED:
                g.remove_edge(article_id, v, key=k)
                touched.add(v)
        # A fact's two ends are both nodes the article mentions (or its penalty), so only the
        # relationships among those are looked at: never a hub's thousands of others.
        nodes = list(touched)
        succ, pred = g._succ, g._pred
        for u in nodes:
            adj = succ.get(u)
            if not adj:
                continue
            for v in nodes:
                keyed = adj.get(v)
                if not keyed:
                    continue
                for k in list(keyed):
                    d = keyed[k]
                    if article_id not in d["props"].get("sources", ()):
                        continue
                    kept = retract_rel(Rel(k, u, v, d["props"]), article_id)
                    if kept is None:
                        g.remove_edge(u, v, key=k)
                    else:
                        d["props"] = kept.props
        touched.discard(article_id)
        for node in touched:
            if node in g and not succ[node] and not pred[node]:
                g.remove_node(node)
        # the new version brings all of the article's own properties; none of the old stay behind
        if article_id in g and not succ[article_id] and not pred[article_id]:
            g.remove_node(article_id)
        self.dirty = True


def _build(g: nx.MultiDiGraph, data: dict) -> dict[str, dict[str, list[str]]]:
    """Layout 2: ``nodes`` = [[id, labels, props]], ``relationships`` = {type: [[start, end(, props)]]}
    with start/end the nodes' positions. Records are freed as the graph is built (low peak).
    Returns the store's index of relationships articles do not own (see ``typed_in``), made on
    the way at little cost, so that the first query after opening does not scan the graph."""
    typed: dict[str, dict[str, list[str]]] = {}
    nodes = data.pop("nodes")
    ids: list[str] = []
    labels_seen: dict[tuple, tuple] = {}
    node_data = g._node
    succ, pred = g._succ, g._pred
    for rec in nodes:
        nid, labels, props = rec
        if not isinstance(props, dict) or not isinstance(nid, str):
            raise TypeError("node record")
        nid = sys.intern(nid)
        labels = tuple(labels)
        labels = labels_seen.setdefault(labels, labels)
        ids.append(nid)
        node_data[nid] = {"labels": labels, "props": props}
        succ[nid] = {}
        pred[nid] = {}
    del nodes
    rels = data.pop("relationships")
    for rtype in list(rels):
        records = rels.pop(rtype)
        key = sys.intern(str(rtype))
        index = None if key in ARTICLE_OWNED else typed.setdefault(key, {})
        for rec in records:
            u, v = ids[rec[0]], ids[rec[1]]
            props = rec[2] if len(rec) > 2 else {}
            if not isinstance(props, dict) or rec[0] < 0 or rec[1] < 0:
                raise TypeError("relationship record")
            keydict = succ[u].get(v)
            if keydict is None:
                keydict = succ[u][v] = pred[v][u] = {}
            keydict[key] = {"props": props}
            if index is not None:
                index.setdefault(v, []).append(u)
        del records
    return typed


def _build_v1(g: nx.MultiDiGraph, data: dict) -> None:
    """Layout 1 (the export record shape), as written before layout 2."""
    nodes, rels = data.pop("nodes"), data.pop("relationships")
    nodes.reverse()
    while nodes:
        n = nodes.pop()
        props = n["properties"]
        if not isinstance(props, dict):
            raise TypeError("properties")
        g.add_node(sys.intern(n["id"]), labels=tuple(n["labels"]), props=props)
    rels.reverse()
    while rels:
        r = rels.pop()
        props = r["properties"]
        if not isinstance(props, dict):
            raise TypeError("properties")
        start, end = r["start"], r["end"]
        if start not in g or end not in g:
            raise KeyError(f"node {start if start not in g else end}")
        g.add_edge(sys.intern(start), sys.intern(end), key=r["type"], props=props)
