"""Ad-hoc Cypher on the offline store, for the subset grand-cypher understands.

Read-only MATCH … RETURN queries without parameters. Anything else gets a clear
message pointing to Neo4j, never a half-right answer.
"""
from __future__ import annotations

import re
from typing import Any

from . import QueryError

_WRITE = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|LOAD\s+CSV|CALL|FOREACH)\b", re.I)


def _flat(store):
    """networkx view with properties at top level, as grand-cypher expects (built once per store)."""
    cached = getattr(store, "_cypher_view", None)
    if cached is not None and cached[0] == store.g.number_of_nodes() + store.g.number_of_edges():
        return cached[1]
    import networkx as nx
    g = nx.MultiDiGraph()
    for n, d in store.g.nodes(data=True):
        g.add_node(n, __labels__=set(d["labels"]), id=n, **d["props"])
    for u, v, k, d in store.g.edges(keys=True, data=True):
        g.add_edge(u, v, key=k, __labels__={k}, **d["props"])
    store._cypher_view = (store.g.number_of_nodes() + store.g.number_of_edges(), g)
    return g


def run(store, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if params or "$" in cypher:
        raise QueryError("the offline store's Cypher subset takes no parameters; run this query on Neo4j "
                         "(--store bolt://…) or use a named query (kg query --list)")
    if _WRITE.search(cypher):
        raise QueryError("the offline store answers read-only MATCH … RETURN queries; "
                         "writes and procedures need Neo4j (--store bolt://…)")
    try:
        from grandcypher import GrandCypher
    except ImportError:
        raise QueryError("ad-hoc Cypher on the offline store needs grand-cypher: pip install grand-cypher") from None
    try:
        cols = GrandCypher(_flat(store)).run(cypher)
    except Exception as exc:
        raise QueryError(f"the offline store cannot run this Cypher ({type(exc).__name__}: {exc}); "
                         "it supports a subset (MATCH, WHERE, RETURN, ORDER BY, LIMIT) — use Neo4j for the rest")
    names = list(cols)
    n = max((len(v) for v in cols.values()), default=0)
    return [{str(c): _plain(cols[c][i]) for c in names} for i in range(n)]


def _plain(v):
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    if isinstance(v, list) and len(v) == 1 and not isinstance(v[0], (list, dict)):
        return v[0]
    return v
