"""A real Neo4j server for tests (helper module: no tests in here).

``ensure_server()`` returns ``{"uri", "user", "password"}``:

* if ``NEO4J_URI`` is set, that server is used, with ``NEO4J_USERNAME``
  (default ``neo4j``) and ``NEO4J_PASSWORD`` (required then);
* otherwise a fresh local Neo4j Community server is started with
  ``docker/neo4j-local start --home <a new temporary folder>`` under a random
  password (given to the launcher subprocess only), and ``shutdown()`` stops it
  and deletes the folder (also registered with ``atexit`` as a safety net).
  A folder of its own per test session: two test runs at once (two checkouts,
  or a developer's run next to a helper's) each get their own server, where a
  shared one was wiped and restarted under the other's password.

It never skips: if no server can be had it raises ``Neo4jServerError`` with
the launcher's message (missing Java or Maven, a port clash, the server log).

Use from a conftest.py, e.g.::

    @pytest.fixture(scope="session")
    def neo4j_server():
        yield neo4j_server.ensure_server()
        neo4j_server.shutdown()

Environment: ``KG_NEO4J_START_TIMEOUT`` (seconds to wait for Bolt, default 120),
plus the launcher's own (``KG_NEO4J_VERSION``, ``KG_NEO4J_CACHE``, ``KG_NEO4J_JAVA``).
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

LAUNCHER = Path(__file__).resolve().parent.parent / "docker" / "neo4j-local"

_lock = threading.Lock()
_started: dict | None = None  # the server this process started, if any


class Neo4jServerError(RuntimeError):
    """No Neo4j server could be reached or started."""


def new_server_home(prefix: str = "kg-neo4j-pytest-") -> str:
    """A run folder for one test server (one per session and pytest-xdist worker)."""
    return tempfile.mkdtemp(prefix=prefix)


def _parse_env_lines(text: str) -> dict:
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("NEO4J_"):
            out[key] = value.strip()
    return out


def ensure_server() -> dict:
    """Return connection details of a usable Neo4j server, starting one if needed."""
    global _started
    uri = os.environ.get("NEO4J_URI")
    if uri:
        password = os.environ.get("NEO4J_PASSWORD")
        if not password:
            raise Neo4jServerError(
                f"NEO4J_URI is set ({uri}) but NEO4J_PASSWORD is not: set both, or unset "
                "NEO4J_URI to let the tests start their own server"
            )
        return {"uri": uri, "user": os.environ.get("NEO4J_USERNAME") or "neo4j", "password": password}

    with _lock:
        if _started is not None:
            return dict(_started)
        password = secrets.token_urlsafe(24)
        env = dict(os.environ, NEO4J_PASSWORD=password)
        timeout = os.environ.get("KG_NEO4J_START_TIMEOUT", "120")
        home = new_server_home()
        cmd = [sys.executable, str(LAUNCHER), "start", "--home", home, "--timeout", timeout]
        try:
            # generous outer limit: the first run also downloads ~140 MB of jars with Maven
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True,
                                  timeout=float(timeout) + 900)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise Neo4jServerError(f"could not run {' '.join(cmd)}: {e}") from e
        if proc.returncode != 0:
            shutil.rmtree(home, ignore_errors=True)
            raise Neo4jServerError(
                f"could not start a local Neo4j server ({' '.join(cmd[1:])} exited "
                f"{proc.returncode}):\n{proc.stderr.strip()}"
            )
        lines = _parse_env_lines(proc.stdout)
        if "NEO4J_URI" not in lines:
            raise Neo4jServerError(
                f"the launcher printed no NEO4J_URI:\n{proc.stdout}\n{proc.stderr}"
            )
        _started = {
            "uri": lines["NEO4J_URI"],
            "user": lines.get("NEO4J_USERNAME", "neo4j"),
            "password": password,
            "http_uri": lines.get("NEO4J_HTTP_URI"),
            "browser_url": lines.get("NEO4J_BROWSER_URL"),
            "home": home,
        }
        atexit.register(shutdown)
        return dict(_started)


def shutdown() -> None:
    """Stop the server that ensure_server() started (no-op otherwise)."""
    global _started
    with _lock:
        if _started is None:
            return
        home, _started = _started["home"], None
        proc = subprocess.run(
            [sys.executable, str(LAUNCHER), "stop", "--home", home],
            capture_output=True, text=True, timeout=120,
        )
        if proc.returncode == 0:
            shutil.rmtree(home, ignore_errors=True)
        else:
            raise Neo4jServerError(f"stopping the test Neo4j server failed:\n{proc.stderr.strip()}")
