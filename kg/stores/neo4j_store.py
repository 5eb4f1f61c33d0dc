"""The Neo4j store, on the official driver.

Writes go in batches: one managed write transaction per batch of articles
(retried by the driver on transient errors such as a server restart or a
deadlock), so an article's nodes and relationships commit together or not at
all. Existing properties are read in the same transaction and merged with the
functions of ``kg.graph`` that the offline store uses, which is what keeps the
two stores equal. A batch costs a handful of round trips whatever its size:
UNWIND statements per label, per relationship type and kind of write (see
``_write_batch``); relationships are written through the element ids of their
ends, which is cheaper than index seeks. ``kg`` writes behind: a batch commits
in a writer thread while the next one is prepared (``save()`` waits and raises
its error).

Every value is a parameter; only labels and relationship types from the model
(checked identifiers) are written into query text, because Cypher cannot take
them as parameters in MERGE and dynamic labels do not use the indexes. Errors
are explained in terms of what to do (which variable to set, is the server
running) and never show the password, even if the driver's message quotes it.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..graph import Fragment, Node, Rel, combine, export_dict, merge_node, merge_rel, retract_rel
from ..model import main_label, model
from ..schema import schema_statements
from .errors import StoreError

BATCH_ROWS = 5000
# Articles per transaction when writing behind (kg ingest hands over 256 at a time): bigger
# transactions mean fewer commits and fewer re-reads of the entities that recur in every batch.
BATCH_ARTICLES = 1024
# Reads (named queries, kg query --cypher, exports) are stopped by the server after this many
# seconds, so a runaway query cannot hang the command; env KG_NEO4J_QUERY_TIMEOUT, 0 for none.
QUERY_TIMEOUT = 600.0


@lru_cache(maxsize=None)
def _label_by_prefix() -> dict[str, str]:
    return {lab.lower(): lab for lab in model().labels}


def _label_of(node_id: str) -> str:
    """The model label of a node, from the prefix of its id (``company:…`` → Company)."""
    lab = _label_by_prefix().get(node_id.split(":", 1)[0])
    if lab is None:
        raise StoreError(f"node id {node_id!r} has no known label prefix")
    return lab


def _redact(uri: str) -> str:
    """The URI without any user:password@ part, for messages."""
    return re.sub(r"//[^@/\s'\"]*@", "//", uri)


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


class Neo4jStore:
    kind = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str = "neo4j", *,
                 connection_timeout: float = 5.0, retry_seconds: float = 15.0,
                 query_timeout: float | None = None, write_behind: bool = False, batch_articles: int = 0):
        try:
            import neo4j
            from neo4j import GraphDatabase
        except ImportError:  # pragma: no cover - a dependency of the package
            raise StoreError("the neo4j driver is not installed: pip install neo4j") from None
        self._neo4j = neo4j
        self.uri = _redact(uri)
        # error texts from the driver may quote the URI or the password: never show them
        self._scrub = lambda text: _redact(text.replace(password, "***") if password else text)
        self.database = database
        if query_timeout is None:
            query_timeout = float(os.environ.get("KG_NEO4J_QUERY_TIMEOUT") or QUERY_TIMEOUT)
        self.query_timeout = query_timeout or None  # 0: no limit
        try:
            self.driver = GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=connection_timeout,
                max_transaction_retry_time=retry_seconds,
                connection_acquisition_timeout=connection_timeout + 5,
                # the server's hints ("label does not exist" on an empty database) are not for users
                notifications_min_severity="OFF")
        except Exception as exc:  # a malformed URI or option
            raise StoreError(self._scrub(f"cannot use Neo4j URI {self.uri}: {exc}")) from None
        self._schema_done = False
        self.write_behind = write_behind
        self.batch_articles = batch_articles
        self._writer: ThreadPoolExecutor | None = None
        self._pending: Future | None = None
        self._gathered: list[Fragment] = []
        self._gathered_ids: set[str] = set()
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
        # the command line writes behind (the next batch is resolved while one commits), in
        # transactions of about BATCH_ARTICLES articles
        write_behind = os.environ.get("KG_NEO4J_WRITE_BEHIND", "1").strip().lower() not in ("0", "false", "no")
        try:
            batch = int(os.environ.get("KG_NEO4J_BATCH_ARTICLES") or BATCH_ARTICLES)
        except ValueError:
            raise StoreError("KG_NEO4J_BATCH_ARTICLES must be a whole number of articles") from None
        return cls(uri, user, password, os.environ.get("NEO4J_DATABASE") or "neo4j", write_behind=write_behind,
                   batch_articles=batch)

    def _explain(self, exc: Exception) -> str:
        return self._scrub(self._describe_error(exc))

    def _describe_error(self, exc: Exception) -> str:
        e = self._neo4j.exceptions
        code = getattr(exc, "code", None) or ""
        if isinstance(exc, e.AuthError) or code.startswith("Neo.ClientError.Security."):
            why = ("too many failed logins: the user is locked for a few seconds; "
                   if "RateLimit" in code else "")
            return (f"Neo4j at {self.uri} refused the credentials ({why}check the environment variables "
                    f"NEO4J_USERNAME / NEO4J_PASSWORD)")
        if isinstance(exc, (e.ServiceUnavailable, e.SessionExpired, OSError)):
            return (f"cannot reach Neo4j at {self.uri}: {exc}. Is the server running? "
                    f"(docker/neo4j-local start, or docker compose -f docker/docker-compose.yml up -d)")
        if code.endswith("DatabaseNotFound") or "Graph not found" in str(exc):
            return (f"Neo4j at {self.uri} has no database {self.database!r} "
                    f"(check the environment variable NEO4J_DATABASE)")
        if "TransactionTimedOut" in code:
            limit = f" than {self.query_timeout:g} s" if self.query_timeout else ""
            return (f"the query ran longer{limit} and the server stopped it "
                    f"(set KG_NEO4J_QUERY_TIMEOUT to allow more, 0 for no limit)")
        if isinstance(exc, e.ClientError):
            return f"Neo4j rejected the request: {exc.message or exc}"
        return f"Neo4j error: {type(exc).__name__}: {exc}"

    def describe(self) -> str:
        return f"{self.uri} (database {self.database})"

    def close(self) -> None:
        """Write what is gathered and wait for it (``save``), then close the connections."""
        try:
            self.save()
        finally:
            self._pending = None
            if self._writer is not None:
                self._writer.shutdown(wait=True)
                self._writer = None
            self.driver.close()

    # -- plumbing ---------------------------------------------------------------------
    def run(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict]:
        """Rows of one query in its own managed transaction (reads time out after ``query_timeout``)."""
        self.save()  # reads see every batch applied before
        query = cypher if write or not self.query_timeout else self._neo4j.Query(cypher, timeout=self.query_timeout)
        try:
            records, _, _ = self.driver.execute_query(
                query, params or {}, database_=self.database,
                routing_=self._neo4j.RoutingControl.WRITE if write else self._neo4j.RoutingControl.READ)
        except Exception as exc:
            raise StoreError(self._explain(exc)) from None
        return [r.data() for r in records]

    def apply_schema(self) -> int:
        """Create the constraints and indexes of schema.cypher (idempotent) and wait until they are online."""
        self.save()
        stmts = schema_statements()
        try:
            with self.driver.session(database=self.database) as s:
                for st in stmts:
                    s.run(st).consume()
                # new indexes are populated in the background; wait so the next query can use them
                s.run("CALL db.awaitIndexes(300)").consume()
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
        # nodes someone made by hand without an id (in Neo4j Browser) are not part of the graph
        for r in self.run("MATCH (n) WHERE n.id IS NOT NULL RETURN labels(n) AS labels, properties(n) AS props"):
            props = dict(r["props"])
            nid = props.pop("id")
            yield Node(nid, tuple(sorted(r["labels"])), props)

    def rels(self) -> Iterator[Rel]:
        for r in self.run("MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL "
                          "RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS props"):
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
        """Write a batch of articles in one managed transaction (retried on transient errors):
        the whole batch commits, or nothing of it.

        With ``write_behind`` the transaction runs in a writer thread while the caller prepares
        the next batch; at most one transaction is in flight, and batches are gathered until
        ``batch_articles`` articles (fewer, bigger transactions). An error is raised by the next
        call to this store (``apply``, ``save``, any read); ``save()`` writes what is gathered and
        waits for it.
        """
        if not fragments:
            return
        if self.write_behind and self.batch_articles > 1:
            if {f.article_id for f in fragments} & self._gathered_ids:
                self._flush()  # the same article again: keep the order of its versions
            self._gathered.extend(fragments)
            self._gathered_ids.update(f.article_id for f in fragments)
            if len(self._gathered) >= self.batch_articles:
                self._flush()
            return
        self._submit(fragments)

    def _flush(self) -> None:
        fragments, self._gathered, self._gathered_ids = self._gathered, [], set()
        if fragments:
            self._submit(fragments)

    def _submit(self, fragments: list[Fragment]) -> None:
        nodes, rels = combine(fragments)
        _check_names(nodes, rels)
        article_ids = [f.article_id for f in fragments]
        self._wait()  # the batch before this one is committed (or its error raised) first
        if not self._schema_done:
            self.apply_schema()
        if not self.write_behind:
            self._write(article_ids, nodes, rels)
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-neo4j-writer")
        self._pending = self._writer.submit(self._write, article_ids, nodes, rels)

    def check_writable(self) -> None:
        """Fail now rather than after the first batch is extracted: apply the schema (a write)."""
        if not self._schema_done:
            self.apply_schema()

    def save(self) -> None:
        """Write what ``apply`` gathered, wait until everything is committed; raise the error of a
        batch that failed (what was gathered after it is dropped: the run is to be repeated)."""
        try:
            self._flush()
        finally:
            self._wait()

    def _wait(self) -> None:
        fut, self._pending = self._pending, None
        if fut is not None:
            try:
                fut.result()
            except BaseException:
                self._gathered, self._gathered_ids = [], set()
                raise

    def _write(self, article_ids: list[str], nodes: dict[str, Node], rels: dict[tuple, Rel]) -> None:
        try:
            with self.driver.session(database=self.database) as s:
                s.execute_write(_write_batch, article_ids, nodes, rels)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(self._explain(exc) + " — the batch being written was rolled back; "
                             "run the same ingest again to finish (stored articles are skipped)") from None


def _check_names(nodes: dict[str, Node], rels: dict[tuple, Rel]) -> None:
    """Labels and relationship types go into query text: refuse any the model does not define."""
    m = model()
    try:
        for labels in {n.labels for n in nodes.values()}:
            for lab in labels:
                m.check_label(lab)
        for t in {r.type for r in rels.values()}:
            m.check_type(t)
        for nid in {x for r in rels.values() for x in (r.start, r.end)} | set(nodes):
            _label_of(nid)
    except ValueError as exc:
        raise StoreError(f"refusing to write to Neo4j: {exc}") from None


def _by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        out[_label_of(i)].append(i)
    return out


def _chunks(rows: list, n: int | None = None) -> Iterator[list]:
    n = n or BATCH_ROWS
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


@lru_cache(maxsize=None)
def _node_read_query() -> str:
    # one statement for every label (a UNION of unique-index seeks), the same text for every
    # batch so that the server plans it once
    m = model()
    return ("CALL { " + " UNION ALL ".join(f"UNWIND $ids[{i}] AS id MATCH (n:{m.check_label(lab)} {{id: id}}) RETURN n"
                                           for i, lab in enumerate(m.labels))
            + " } RETURN collect([n.id, elementId(n), labels(n), properties(n)]) AS found")


def _read_nodes(tx, ids: Iterable[str]) -> tuple[dict[str, Node], dict[str, str]]:
    """The stored version of these nodes and their element ids."""
    labels = list(model().labels)
    out: dict[str, Node] = {}
    eids: dict[str, str] = {}
    by_label = _by_label(ids)
    for part in _parts(by_label):
        # one record holding a list: far fewer messages for the driver to decode than one per node
        rec = tx.run(_node_read_query(), ids=[part.get(lab, []) for lab in labels]).single()
        for nid, eid, node_labels, props in rec["found"]:
            props.pop("id", None)
            out[nid] = Node(nid, tuple(sorted(node_labels)), props)
            eids[nid] = eid
    return out, eids


@lru_cache(maxsize=None)
def _rel_read_query() -> str:
    m = model()
    return ("CALL { " + " UNION ALL ".join(
        f"UNWIND $keys[{i}] AS k MATCH (a) WHERE elementId(a) = k[0] MATCH (b) WHERE elementId(b) = k[1] "
        f"MATCH (a)-[r:{m.check_type(t)}]->(b) RETURN k, r" for i, t in enumerate(m.relationships))
            + " } RETURN collect([type(r), k[2], k[3], elementId(r), properties(r)]) AS found")


def _read_rels(tx, keys: dict[str, list[list]]) -> dict[tuple[str, str, str], tuple[str, dict]]:
    """Element id and stored properties of relationships by (type, start id, end id); ``keys``
    holds, per type, [start element id, end element id, start id, end id] rows."""
    types = list(model().relationships)
    out: dict[tuple[str, str, str], tuple[str, dict]] = {}
    for part in _parts(keys):
        rec = tx.run(_rel_read_query(), keys=[part.get(t, []) for t in types]).single()
        for t, start, end, eid, props in rec["found"]:
            out[(t, start, end)] = (eid, props)
    return out


def _parts(groups: dict[Any, list]) -> Iterator[dict[Any, list]]:
    """The groups split so that no statement gets more than BATCH_ROWS rows in all."""
    part: dict[Any, list] = {}
    size = 0
    for key, rows in groups.items():
        for chunk in _chunks(rows):
            if part and size + len(chunk) > BATCH_ROWS:
                yield part
                part, size = {}, 0
            part.setdefault(key, []).extend(chunk)
            size += len(chunk)
    if part:
        yield part


_BY_EID = "UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[0] MATCH (b) WHERE elementId(b) = row[1] "
# How each kind of relationship row is written (rows: [start eid, end eid, props] or [rel eid, props]).
# Small statements, one per label, type and kind, rather than one big statement with many
# subqueries: the server plans a big one slowly, and plans it again as the statistics of a
# growing database change, which cost more than the round trips saved.
_REL_WRITES = {
    "bare": _BY_EID + "CREATE (a)-[:{t}]->(b)",  # an end is new, no properties
    "create": _BY_EID + "CREATE (a)-[r:{t}]->(b) SET r = row[2]",  # an end is new
    "merge": _BY_EID + "MERGE (a)-[r:{t}]->(b) SET r = row[2]",  # both ends stored, no such relationship read
    "update": "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row[0] SET r = row[1]",  # stored one
}
# (an update finds the relationship by its own element id: one statement serves every type)


def _write_nodes(tx, groups: dict[tuple[str, ...], list[dict]]) -> dict[str, str]:
    """MERGE the rows of each label set; the element id of each node, by node id."""
    m = model()
    eids: dict[str, str] = {}
    for labels, rows in groups.items():
        lab = m.check_label(main_label(labels))
        extra = "".join(f":{m.check_label(x)}" for x in labels if x != lab)
        q = (f"UNWIND $rows AS row MERGE (n:{lab} {{id: row.id}}) SET n = row.props"
             + (f" SET n{extra}" if extra else "") + " RETURN collect([row.id, elementId(n)]) AS written")
        for chunk in _chunks(rows):
            eids.update(tx.run(q, rows=chunk).single()["written"])
    return eids


def _write_rels(tx, groups: dict[tuple[str, str], list[list]]) -> None:
    """Write the relationship rows of each type and kind. Not consumed: the server runs one
    statement while the driver sends the next, and the results are fetched at commit."""
    m = model()
    updates = [row for (t, kind), rows in groups.items() if kind == "update" for row in rows]
    for (t, kind), rows in list(groups.items()) + [(("", "update"), updates)]:
        if kind == "update" and t:
            continue  # all types at once, below
        q = _REL_WRITES[kind].format(t=m.check_type(t) if t else "")
        for chunk in _chunks(rows):
            tx.run(q, rows=chunk)


def _write_batch(tx, article_ids: list[str], nodes: dict[str, Node], rels: dict[tuple, Rel]) -> None:
    """One transaction: retract changed articles, then merge the batch in (read, merge in Python, write).

    The number of statements depends on the model, not on the size of the batch (more only past
    BATCH_ROWS rows, or for a changed article): read every stored node of the batch with its
    element id (one UNWIND per label), write the nodes that are new or changed (one UNWIND … MERGE
    per label set), read the stored relationships that may already exist (one per type), write
    the relationships (one UNWIND per type and kind of write). Nodes and relationships
    whose merged version equals the stored one are not written again. Relationships are found by
    the element ids of their ends (cheaper than index seeks); one with an end created in this
    transaction cannot exist yet and is CREATEd, a stored one is SET through its own element id,
    the others are MERGEd.
    """
    wanted = set(nodes) | set(article_ids) | {x for r in rels.values() for x in (r.start, r.end)}
    old_nodes, eids = _read_nodes(tx, wanted)
    existing = [aid for aid in article_ids if aid in old_nodes]
    if existing:
        for aid in existing:
            _retract(tx, aid)
        old_nodes, eids = _read_nodes(tx, wanted)  # retraction may have deleted some

    # nodes: merge with the stored version, write back whole when it changed
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for nid, n in nodes.items():
        old = old_nodes.get(nid)
        merged = merge_node(old, n) if old is not None else n  # combine() already tidied n
        props = _clean(merged.props)
        if old is not None and props == old.props and set(merged.labels) <= set(old.labels):
            continue
        groups[tuple(sorted(merged.labels))].append({"id": nid, "props": {**props, "id": nid}})
    eids.update(_write_nodes(tx, groups))

    # relationships: new when an end is new; else read the stored one and merge
    for r in rels.values():
        if r.start not in eids or r.end not in eids:
            raise StoreError(f"relationship {r.type} {r.start} → {r.end}: no such node in the batch or the store")
    maybe_old: dict[str, list[list]] = defaultdict(list)
    for r in rels.values():
        if r.start in old_nodes and r.end in old_nodes:
            maybe_old[r.type].append([eids[r.start], eids[r.end], r.start, r.end])
    old_rels = _read_rels(tx, maybe_old)
    writes: dict[tuple[str, str], list[list]] = defaultdict(list)
    for r in rels.values():
        old = old_rels.get(r.key)
        if old is None:
            props = _clean(r.props)
            if r.start in old_nodes and r.end in old_nodes:
                writes[(r.type, "merge")].append([eids[r.start], eids[r.end], props])
            elif props:
                writes[(r.type, "create")].append([eids[r.start], eids[r.end], props])
            else:
                writes[(r.type, "bare")].append([eids[r.start], eids[r.end]])
            continue
        rid, prev = old
        props = _clean(merge_rel(Rel(r.type, r.start, r.end, prev), r).props)
        if props != prev:
            writes[(r.type, "update")].append([rid, props])
    _write_rels(tx, writes)


def _retract(tx, article_id: str) -> None:
    touched = [r["id"] for r in tx.run(
        "MATCH (a:Article {id: $aid})-[o:MENTIONS|REPORTS]->(n) WITH o, n.id AS id DELETE o RETURN DISTINCT id",
        aid=article_id)]
    if not touched:
        return
    # A fact's two ends are both nodes the article mentions (or its penalty), so only the
    # relationships among those are read (expand-into), never a hub's thousands of others.
    eids: list[str] = []
    for lab, ids in _by_label(touched).items():
        eids += [r["eid"] for r in tx.run(f"UNWIND $ids AS id MATCH (n:{model().check_label(lab)} {{id: id}}) "
                                          "RETURN elementId(n) AS eid", ids=ids)]
    updates: dict[str, dict] = {}
    deletes: set[str] = set()
    for rec in tx.run("UNWIND $eids AS a MATCH (n) WHERE elementId(n) = a "
                      "UNWIND $eids AS b MATCH (m) WHERE elementId(m) = b "
                      "MATCH (n)-[r]->(m) WHERE $aid IN r.sources "
                      "RETURN elementId(r) AS eid, type(r) AS t, n.id AS s, m.id AS e, properties(r) AS props",
                      eids=eids, aid=article_id):
        kept = retract_rel(Rel(rec["t"], rec["s"], rec["e"], dict(rec["props"])), article_id)
        if kept is None:
            deletes.add(rec["eid"])
        else:
            updates[rec["eid"]] = {"eid": rec["eid"], "props": _clean(kept.props)}
    if updates:
        tx.run("UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props",
               rows=list(updates.values())).consume()
    if deletes:
        tx.run("UNWIND $eids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r",
               eids=sorted(deletes)).consume()
    for lab, ids in _by_label(set(touched)).items():
        if lab == "Article":
            continue
        tx.run(f"UNWIND $ids AS id MATCH (n:{model().check_label(lab)} {{id: id}}) "
               "WHERE NOT (n)--() DELETE n", ids=ids).consume()
