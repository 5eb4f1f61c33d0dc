"""Stores: the embedded offline store (default) and Neo4j."""
from __future__ import annotations

import os

from .errors import StoreError

DEFAULT_STORE = os.path.join("kg-data", "graph.json")
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def is_neo4j_uri(target: str) -> bool:
    return target.startswith(NEO4J_SCHEMES)


def open_store(target: str | None = None):
    """Open the store named by a file path or a Neo4j URI (credentials from the environment)."""
    target = target or os.environ.get("KG_STORE") or DEFAULT_STORE
    if is_neo4j_uri(target):
        from .neo4j_store import Neo4jStore
        return Neo4jStore.from_env(target)
    from .offline import OfflineStore
    return OfflineStore(target)


__all__ = ["open_store", "is_neo4j_uri", "StoreError", "DEFAULT_STORE"]
