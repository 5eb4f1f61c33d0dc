"""The Neo4j store, on the official driver.

Writes go in batches: one managed write transaction per batch of articles
(retried by the driver on transient errors), so an article's nodes and
relationships commit together or not at all. Existing properties are read in
the same transaction and merged with the functions of ``kg.graph`` that the
offline store uses, which is what keeps the two stores equal. Every value is a
parameter; only labels and relationship types from the model (checked
identifiers) are written into query text, because Cypher cannot take them as
parameters in MERGE.
"""
from __future__ import annotations

import os
from collections import defaultdict
from typing import Any, Iterable, Iterator

from ..graph import ARTICLE_OWNED, Fragment, Node, Rel, combine, export_dict, merge_node, merge_rel, retract_rel
from ..model import main_label, model
from ..schema import schema_statements
from .errors import StoreError

BATCH_ROWS = 5000


def _label_of(node_id: str) -> str:
    prefix = node_id.split(":", 1)[0]
    for lab in model().labels:
        if lab.lower() == prefix:
            return lab
    raise StoreError(f"node id {node_id!r} has no known label prefix")


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


class Neo4jStore:
    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *,
                 connection_timeout: float = 5.0, retry_seconds: float = 15.0):
        try:
            import neo4j
            from neo4j import GraphDatabase
        except ImportError:  # pragma: no cover - a dependency of the package
            raise StoreError("the neo4j driver is not installed: pip install neo4j") from None
        self._neo4j = neo4j
        self.uri = uri
        self.database = database
        self.driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=connection_timeout,
                                           max_transaction_retry_time=retry_seconds,
                                           connection_acquisition_timeout=connection_timeout + 5)
        self._schema_done = False
        try:
            self.driver.verify_connectivity()
        except Exception as exc:
            self.driver.close()
            raise StoreError(self._explain(exc)) from None

    @classmethod
    def from_env(cls, uri: str) -> "Neo4jStore":
        user = os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j"
        password = os.environ.get("NEO4J_PASSWORD")
        if not password:
            raise StoreError("set NEO4J_PASSWORD (and NEO4J_USERNAME if not 'neo4j') in the environment "
                             "to use a Neo4j store")
        return cls(uri, user, password, os.environ.get("NEO4J_DATABASE") or "neo4j")

    def _explain(self, exc: Exception) -> str:
        e = self._neo4j.exceptions
        if isinstance(exc, e.AuthError):
            return (f"Neo4j at {self.uri} refused the credentials (check NEO4J_USERNAME / NEO4J_PASSWORD)")
        if isinstance(exc, (e.ServiceUnavailable, e.SessionExpired, OSError)):
            return (f"cannot reach Neo4j at {self.uri}: {exc}. Is the server running? "
                    f"(docker/neo4j-local start, or docker compose -f docker/docker-compose.yml up -d)")
        if isinstance(exc, e.ClientError):
            return f"Neo4j rejected the request: {exc.message or exc}"
        return f"Neo4j error: {type(exc).__name__}: {exc}"

    def describe(self) -> str:
        return f"{self.uri} (database {self.database})"

    def close(self) -> None:
        self.driver.close()

    # -- plumbing ---------------------------------------------------------------------
    def run(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        try:
            records, _, _ = self.driver.execute_query(
                cypher, params or {}, database_=self.database,
                routing_=self._neo4j.RoutingControl.WRITE if write else self._neo4j.RoutingControl.READ)
        except Exception as exc:
            raise StoreError(self._explain(exc)) from None
        return [r.data() for r in records]

    def apply_schema(self) -> int:
        stmts = schema_statements()
        try:
            with self.driver.session(database=self.database) as s:
                for st in stmts:
                    s.run(st).consume()
        except Exception as exc:
            raise StoreError(self._explain(exc)) from None
        self._schema_done = True
        return len(stmts)

    # -- reads -----------------------------------------------------------------------------
    def article_hashes(self) -> dict[str, str]:
        return {r["id"]: r["h"] or "" for r in
                self.run("MATCH (a:Article) RETURN a.id AS id, a.content_hash AS h")}

    def alias_entries(self) -> Iterator[tuple[str, str, list[str]]]:
        rows = self.run("MATCH (n) WHERE n:Company OR n:Authority OR n:Media OR n:Regulation "
                        "OR n:DataCategory OR n:Location "
                        "RETURN labels(n) AS labels, n.name AS name, n.aliases AS aliases")
        for r in rows:
            yield main_label(r["labels"]), r["name"] or "", list(r["aliases"] or [])

    def nodes(self) -> Iterator[Node]:
        for r in self.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"):
            props = dict(r["props"])
            nid = props.pop("id")
            yield Node(nid, tuple(sorted(r["labels"])), props)

    def rels(self) -> Iterator[Rel]:
        for r in self.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS props"):
            yield Rel(r["t"], r["s"], r["e"], dict(r["props"]))

    def export(self) -> dict[str, Any]:
        return export_dict(self.nodes(), self.rels())

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels: dict[str, int] = {}
        for r in self.run("MATCH (n) RETURN labels(n) AS labels, count(*) AS c"):
            lab = main_label(r["labels"])
            labels[lab] = labels.get(lab, 0) + r["c"]
        types = {r["t"]: r["c"] for r in self.run("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c")}
        return labels, types

    def subgraph(self, center: str, *, hops: int = 2, max_nodes: int = 600) -> dict[str, Any]:
        from .subgraph import subgraph_ids

        def neighbours(ids: list[str]) -> dict[str, list[tuple[str, str]]]:
            out: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for lab, group in _by_label(ids).items():
                for r in self.run(f"UNWIND $ids AS id MATCH (n:{lab} {{id: id}})-[r]-(m) "
                                  "RETURN n.id AS n, type(r) AS t, m.id AS m", {"ids": group}):
                    out[r["n"]].append((r["t"], r["m"]))
            return out

        keep = subgraph_ids(center, hops, max_nodes, neighbours, self._sources)
        nodes = []
        for lab, group in _by_label(keep).items():
            for r in self.run(f"UNWIND $ids AS id MATCH (n:{lab} {{id: id}}) "
                              "RETURN labels(n) AS labels, properties(n) AS props", {"ids": group}):
                props = dict(r["props"])
                nodes.append(Node(props.pop("id"), tuple(sorted(r["labels"])), props))
        rels = []
        for lab, group in _by_label(keep).items():
            for r in self.run(f"UNWIND $ids AS id MATCH (a:{lab} {{id: id}})-[r]->(b) WHERE b.id IN $all "
                              "RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS props",
                              {"ids": group, "all": keep}):
                rels.append(Rel(r["t"], r["s"], r["e"], dict(r["props"])))
        return export_dict(nodes, rels)

    def _sources(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for lab, group in _by_label(ids).items():
            for r in self.run(f"UNWIND $ids AS id MATCH (n:{lab} {{id: id}})-[r]->(m) "
                              "WHERE m.id IN $all AND r.sources IS NOT NULL RETURN r.sources AS s",
                              {"ids": group, "all": ids}):
                found.update(r["s"])
        return found

    # -- writes -------------------------------------------------------------------------
    def apply(self, fragments: list[Fragment]) -> None:
        if not fragments:
            return
        if not self._schema_done:
            self.apply_schema()
        nodes, rels = combine(fragments)
        article_ids = [f.article_id for f in fragments]
        try:
            with self.driver.session(database=self.database) as s:
                s.execute_write(_write_batch, article_ids, nodes, rels)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(self._explain(exc) + " — the batch being written was rolled back; "
                             "run the same ingest again to finish (stored articles are skipped)") from None


def _by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        out[_label_of(i)].append(i)
    return out


def _chunks(rows: list, n: int = BATCH_ROWS) -> Iterator[list]:
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


def _write_batch(tx, article_ids: list[str], nodes: dict[str, Node], rels: dict[tuple, Rel]) -> None:
    """One transaction: retract changed articles, then merge the batch in (read, merge in Python, write)."""
    m = model()
    existing = [r["id"] for r in tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id",
                                        ids=article_ids)]
    for aid in existing:
        _retract(tx, aid)

    # nodes: read what is stored, merge, write back whole
    old_nodes: dict[str, Node] = {}
    for lab, ids in _by_label(nodes).items():
        m.check_label(lab)
        for chunk in _chunks(ids):
            for r in tx.run(f"UNWIND $ids AS id MATCH (n:{lab} {{id: id}}) "
                            "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props", ids=chunk):
                props = dict(r["props"])
                props.pop("id", None)
                old_nodes[r["id"]] = Node(r["id"], tuple(r["labels"]), props)
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for nid, n in nodes.items():
        merged = merge_node(old_nodes.get(nid), n)
        groups[merged.labels].append({"id": nid, "props": {**_clean(merged.props), "id": nid}})
    for labels, rows in groups.items():
        lab = main_label(labels)
        extra = "".join(f":{m.check_label(x)}" for x in labels if x != lab)
        set_extra = f" SET n{extra}" if extra else ""
        for chunk in _chunks(rows):
            tx.run(f"UNWIND $rows AS row MERGE (n:{m.check_label(lab)} {{id: row.id}}) "
                   f"SET n = row.props{set_extra}", rows=chunk).consume()

    # relationships: same, grouped by type and end labels so the id constraints are used
    rgroups: dict[tuple[str, str, str], list[Rel]] = defaultdict(list)
    for r in rels.values():
        rgroups[(m.check_type(r.type), _label_of(r.start), _label_of(r.end))].append(r)
    for (t, sl, el), group in rgroups.items():
        old: dict[tuple[str, str], dict] = {}
        if t not in ARTICLE_OWNED or existing:
            for chunk in _chunks(group):
                keys = [{"s": r.start, "e": r.end} for r in chunk]
                for rec in tx.run(f"UNWIND $keys AS k MATCH (a:{sl} {{id: k.s}})-[r:{t}]->(b:{el} {{id: k.e}}) "
                                  "RETURN k.s AS s, k.e AS e, properties(r) AS props", keys=keys):
                    old[(rec["s"], rec["e"])] = dict(rec["props"])
        rows = []
        for r in group:
            prev = old.get((r.start, r.end))
            merged = merge_rel(Rel(t, r.start, r.end, prev) if prev is not None else None, r)
            rows.append({"s": r.start, "e": r.end, "props": _clean(merged.props)})
        for chunk in _chunks(rows):
            tx.run(f"UNWIND $rows AS row MATCH (a:{sl} {{id: row.s}}) MATCH (b:{el} {{id: row.e}}) "
                   f"MERGE (a)-[r:{t}]->(b) SET r = row.props", rows=chunk).consume()


def _retract(tx, article_id: str) -> None:
    touched = [r["id"] for r in tx.run(
        "MATCH (a:Article {id: $aid})-[o:MENTIONS|REPORTS]->(n) WITH o, n.id AS id DELETE o RETURN DISTINCT id",
        aid=article_id)]
    if not touched:
        return
    updates, deletes = [], []
    for lab, ids in _by_label(touched).items():
        for rec in tx.run(f"UNWIND $ids AS id MATCH (n:{model().check_label(lab)} {{id: id}})-[r]-(m) "
                          "WHERE $aid IN r.sources "
                          "RETURN DISTINCT elementId(r) AS eid, type(r) AS t, startNode(r).id AS s, "
                          "endNode(r).id AS e, properties(r) AS props", ids=ids, aid=article_id):
            kept = retract_rel(Rel(rec["t"], rec["s"], rec["e"], dict(rec["props"])), article_id)
            if kept is None:
                deletes.append(rec["eid"])
                touched += [rec["s"], rec["e"]]
            else:
                updates.append({"eid": rec["eid"], "props": _clean(kept.props)})
    if updates:
        tx.run("UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props",
               rows=updates).consume()
    if deletes:
        tx.run("UNWIND $eids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r", eids=deletes).consume()
    for lab, ids in _by_label(set(touched)).items():
        if lab == "Article":
            continue
        tx.run(f"UNWIND $ids AS id MATCH (n:{model().check_label(lab)} {{id: id}}) "
               "WHERE NOT (n)--() DELETE n", ids=ids).consume()
