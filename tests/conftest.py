"""Shared fixtures: paths, the sample and corpus folders, a real Neo4j server."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import neo4j_server as server

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        if IN_CI:
            pytest.fail(f"the real corpus is missing at {CORPUS} (CI clones beside ../shared)")
        pytest.skip("the real corpus (../shared/corpus) is not beside this checkout")
    return CORPUS


@pytest.fixture(scope="session")
def neo4j_server():
    """A real Neo4j server: NEO4J_URI if set, else one started for this test session."""
    try:
        info = server.ensure_server()
    except server.Neo4jServerError as exc:
        if IN_CI or os.environ.get("KG_REQUIRE_NEO4J"):
            pytest.fail(f"no Neo4j server for the tests: {exc}")
        pytest.skip(f"no Neo4j server (Java + Maven needed to start one): {exc}")
    yield info
    server.shutdown()


@pytest.fixture
def neo4j_env(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server["user"])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server["password"])
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    return neo4j_server


@pytest.fixture
def neo4j_store(neo4j_env):
    """An empty Neo4j store (the database is wiped before each test)."""
    from kg.stores.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_env["uri"], neo4j_env["user"], neo4j_env["password"])
    store.run("MATCH (n) DETACH DELETE n", write=True)
    yield store
    store.close()
