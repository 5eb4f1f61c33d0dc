"""Run a real Neo4j Community server on loopback without Docker.

The jars come from Maven Central (resolved once with Maven into a cache folder
outside the repository); the server runs as a plain ``java`` process with the
same JVM flags the official 5.26 launcher takes from its default neo4j.conf.

Command line: ``docker/neo4j-local start|stop|status`` (see ``--help``).
From Python::

    import neo4j_local
    info = neo4j_local.start(name="pytest", password="...", fresh=True)
    ...  # info["uri"], info["http_uri"], info["browser_url"], info["username"]
    neo4j_local.stop(name="pytest")

Standard library only.  Environment:

* ``NEO4J_PASSWORD``   password of user ``neo4j`` (at least 8 characters; never printed)
* ``KG_NEO4J_VERSION`` Neo4j version (default: DEFAULT_VERSION below)
* ``KG_NEO4J_CACHE``   cache root (default ``~/.cache/kg-neo4j``): jars in
  ``<root>/<version>/lib``, servers in ``<root>/run/<name>``
* ``KG_NEO4J_JAVA``    java executable (default: ``$JAVA_HOME/bin/java``, else ``java``)
* ``KG_NEO4J_BROWSER_VERSION`` Neo4j Browser jar version (default 5.24.0, the last on Central)
* ``KG_NEO4J_EXTRA_CONF`` extra neo4j.conf lines (``setting=value``, one a line), e.g. the
  ``browser.*`` settings of docs/neo4j-browser.md (default: none)
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# 5.26 is the LTS line and the last one that runs on Java 17 (2025.x needs Java 21).
DEFAULT_VERSION = "5.26.30"
# org.neo4j.client:neo4j-browser: 5.24.0 is the newest release on Maven Central.
DEFAULT_BROWSER_VERSION = "5.24.0"
# Pinned so that resolution does not depend on whatever plugin version is newest.
DEPENDENCY_PLUGIN_VERSION = "3.6.1"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
USERNAME = "neo4j"
MIN_PASSWORD_LENGTH = 8
DEFAULT_TIMEOUT = 120.0
DEFAULT_HEAP_INITIAL = "512m"
DEFAULT_HEAP_MAX = "1g"
DEFAULT_PAGECACHE = "256m"
EXIT_NOT_RUNNING = 3  # LSB "program is not running"

# The server.jvm.additional lines of the neo4j.conf shipped in the 5.26 tarball,
# minus -XX:+AlwaysPreTouch (touching the whole heap up front only slows a small
# test server's start).  The launcher (org.neo4j.server.startup.Bootloader) adds
# -Dfile.encoding=UTF-8 and -Xms/-Xmx from server.memory.heap.*; we do the same.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
]

PID_FILE = "neo4j.pid"
LOG_FILE = "server.log"  # stdout+stderr of the java process (Neo4j's own logs are in logs/)
STATE_FILE = "state.json"


class Neo4jLocalError(RuntimeError):
    """Anything that keeps the local server from starting or stopping."""


def _say(msg: str) -> None:
    print(f"neo4j-local: {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- paths


def cache_root() -> Path:
    env = os.environ.get("KG_NEO4J_CACHE")
    root = Path(env).expanduser() if env else Path.home() / ".cache" / "kg-neo4j"
    return Path(os.path.abspath(root))  # absolute: it ends up in the java command line


def neo4j_version() -> str:
    return os.environ.get("KG_NEO4J_VERSION") or DEFAULT_VERSION


def browser_version() -> str:
    return os.environ.get("KG_NEO4J_BROWSER_VERSION") or DEFAULT_BROWSER_VERSION


def home_dir(name: str | None = None, home: str | os.PathLike | None = None) -> Path:
    if home:
        return Path(home).expanduser().resolve()
    name = name or "default"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or name in (".", ".."):
        raise Neo4jLocalError(f"bad server name {name!r}: use letters, digits, '.', '_', '-'")
    return cache_root() / "run" / name


@contextlib.contextmanager
def _locked(path: Path):
    """Exclusive advisory lock (serialises concurrent starts/resolutions)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        yield


# ----------------------------------------------------------------------------- java


def find_java() -> str:
    cand = os.environ.get("KG_NEO4J_JAVA")
    if not cand and os.environ.get("JAVA_HOME"):
        j = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
        if j.exists():
            cand = str(j)
    cand = cand or shutil.which("java")
    if not cand:
        raise Neo4jLocalError(
            "no java found: install a JDK 17 or 21 (e.g. apt-get install openjdk-17-jre-headless) "
            "or set KG_NEO4J_JAVA / JAVA_HOME"
        )
    return cand


def java_major(java: str) -> int:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except OSError as e:
        raise Neo4jLocalError(f"cannot run {java}: {e}") from e
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        raise Neo4jLocalError(f"cannot read the version of {java}: {out.stderr.strip()}")
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 else major


# ----------------------------------------------------------------------------- jars


def _pom(version: str, browser: str) -> str:
    deps = [
        ("org.neo4j", "neo4j", version),
        ("org.neo4j.app", "neo4j-server", version),
        ("org.neo4j.client", "neo4j-browser", browser),
    ]
    dep_xml = "\n".join(
        f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
        f"<version>{v}</version></dependency>"
        for g, a, v in deps
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- generated by docker/neo4j_local.py: only used to copy the Neo4j jars -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.kg</groupId>
  <artifactId>kg-neo4j-jars</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
{dep_xml}
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>{DEPENDENCY_PLUGIN_VERSION}</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


def resolve_jars(version: str | None = None, quiet: bool = False) -> Path:
    """Return ``<cache>/<version>/lib`` holding the runtime jars, resolving them once with Maven."""
    version = version or neo4j_version()
    browser = browser_version()
    vdir = cache_root() / version
    lib = vdir / "lib"
    marker = vdir / "complete.json"
    with _locked(vdir / ".lock"):
        if marker.exists() and lib.is_dir():
            try:
                jars = json.loads(marker.read_text())["jars"]
            except (ValueError, KeyError):
                jars = None
            if jars and all((lib / j).exists() for j in jars):
                return lib
        mvn = shutil.which("mvn")
        if not mvn:
            raise Neo4jLocalError(
                "Maven ('mvn') is needed once to fetch the Neo4j jars from Maven Central: "
                "install it (apt-get install maven) or put it on PATH"
            )
        if not quiet:
            _say(f"resolving Neo4j {version} + Browser {browser} jars with Maven into {lib} ...")
        t0 = time.monotonic()
        build = Path(tempfile.mkdtemp(prefix="build-", dir=vdir))
        try:
            (build / "pom.xml").write_text(_pom(version, browser))
            out_dir = build / "lib"
            cmd = [
                mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(build / "pom.xml"),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={out_dir}",
                "-DincludeScope=runtime",
            ]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                text = (proc.stdout + proc.stderr).strip().splitlines()
                errors = [line for line in text if "ERROR" in line] or text
                raise Neo4jLocalError(
                    f"Maven could not resolve Neo4j {version} (exit {proc.returncode}):\n"
                    + "\n".join(errors[-40:])
                )
            jars = sorted(p.name for p in out_dir.glob("*.jar"))
            if not any(j.startswith(f"neo4j-{version}") for j in jars):
                raise Neo4jLocalError(f"Maven finished but no neo4j-{version}.jar in {out_dir}")
            if lib.exists():
                shutil.rmtree(lib)
            out_dir.rename(lib)
            size = sum((lib / j).stat().st_size for j in jars)
            marker.write_text(
                json.dumps(
                    {"version": version, "browser": browser, "jars": jars, "bytes": size},
                    indent=1,
                )
            )
        finally:
            shutil.rmtree(build, ignore_errors=True)
        if not quiet:
            _say(f"{len(jars)} jars, {size / 1e6:.0f} MB, in {time.monotonic() - t0:.1f} s")
        return lib


# ----------------------------------------------------------------------------- ports / process


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _pid_alive(pid: int) -> bool:
    try:  # reap it if it is our own (exited) child, so it does not linger as a zombie
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _is_our_server(pid: int, home: Path) -> bool:
    if not _pid_alive(pid):
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        return MAIN_CLASS.encode() in args and f"--home-dir={home}".encode() in args
    return True  # no /proc (macOS): trust the pid file


def _read_pid(home: Path) -> int | None:
    try:
        return int((home / PID_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def _read_state(home: Path) -> dict:
    try:
        return json.loads((home / STATE_FILE).read_text())
    except (OSError, ValueError):
        return {}


def bolt_handshake(port: int, host: str = "127.0.0.1", timeout: float = 2.0) -> tuple[int, int] | None:
    """Do the Bolt version handshake; return the agreed (major, minor) or None."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.settimeout(timeout)
            # magic, then four proposals: 5.0-5.8 (range), 4.4, 4.3, 3.0
            s.sendall(
                b"\x60\x60\xb0\x17"
                + bytes([0, 8, 8, 5]) + bytes([0, 0, 4, 4]) + bytes([0, 0, 3, 4]) + bytes([0, 0, 0, 3])
            )
            data = b""
            while len(data) < 4:
                chunk = s.recv(4 - len(data))
                if not chunk:
                    return None
                data += chunk
    except OSError:
        return None
    _, _, minor, major = struct.unpack("4B", data)
    return (major, minor) if major else None


def _http_query(http_port: int, password: str, database: str = "neo4j", timeout: float = 5.0):
    """RETURN 1 over the HTTP transaction API; return (status, json or None)."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{http_port}/db/{database}/tx/commit",
        data=json.dumps({"statements": [{"statement": "RETURN 1 AS one"}]}).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": "Basic "
            + base64.b64encode(f"{USERNAME}:{password}".encode()).decode(),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read().decode() or "null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except (OSError, ValueError):
        return None, None


def _log_tail(home: Path, lines: int = 30) -> str:
    out = []
    for f, n in ((home / LOG_FILE, lines), (home / "logs" / "debug.log", lines // 2)):
        with contextlib.suppress(OSError):
            text = f.read_text(errors="replace").splitlines()
            if text:
                out.append(f"--- last lines of {f} ---")
                out.extend(text[-n:])
    return "\n".join(out) or f"(no log in {home})"


# ----------------------------------------------------------------------------- config


def _check_password(password: str | None) -> str:
    if not password:
        raise Neo4jLocalError(
            "NEO4J_PASSWORD is not set: export NEO4J_PASSWORD=<at least 8 characters> "
            "(the password of user 'neo4j'; it is never printed)"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Neo4jLocalError(
            f"NEO4J_PASSWORD is too short ({len(password)} characters): Neo4j requires at least "
            f"{MIN_PASSWORD_LENGTH}"
        )
    return password


def _heap_sizes(heap_max: str) -> tuple[str, str]:
    """(initial, max) heap: initial is DEFAULT_HEAP_INITIAL unless max is smaller."""
    if _size_bytes(heap_max) < _size_bytes(DEFAULT_HEAP_INITIAL):
        return heap_max, heap_max
    return DEFAULT_HEAP_INITIAL, heap_max


def _write_conf(home: Path, lib: Path, bolt_port: int, http_port: int, heap: str) -> None:
    heap_initial, heap_max = _heap_sizes(heap)
    conf = f"""# generated by docker/neo4j_local.py -- rewritten on every start
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{bolt_port}
server.bolt.advertised_address=127.0.0.1:{bolt_port}
server.bolt.tls_level=DISABLED
server.http.enabled=true
server.http.listen_address=127.0.0.1:{http_port}
server.http.advertised_address=127.0.0.1:{http_port}
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false
server.memory.heap.initial_size={heap_initial}
server.memory.heap.max_size={heap_max}
server.memory.pagecache.size={DEFAULT_PAGECACHE}
server.directories.data={home / 'data'}
server.directories.logs={home / 'logs'}
server.directories.run={home / 'run'}
server.directories.import={home / 'import'}
server.directories.plugins={home / 'plugins'}
server.directories.lib={lib}
# Bolt's netty groups wait 5 s each (10 s in all) for quiet on shutdown; the
# databases are already checkpointed and closed by then, so 1 s is enough.
internal.dbms.bolt.netty_server_shutdown_quiet_period=1
"""
    conf += "".join(f"server.jvm.additional={f}\n" for f in JVM_FLAGS if f != "-Dfile.encoding=UTF-8")
    conf += _extra_conf()
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(conf)


def _extra_conf() -> str:
    """Lines of env KG_NEO4J_EXTRA_CONF (one ``setting=value`` a line), appended to neo4j.conf.

    E.g. the Neo4j Browser settings of docs/neo4j-browser.md.  Neo4j validates the
    names strictly: an unknown one makes the server refuse to start.
    """
    lines = [ln.strip() for ln in os.environ.get("KG_NEO4J_EXTRA_CONF", "").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    for ln in lines:
        if "=" not in ln:
            raise Neo4jLocalError(f"KG_NEO4J_EXTRA_CONF: not a setting=value line: {ln!r}")
    return "".join(f"{ln}\n" for ln in ["# from KG_NEO4J_EXTRA_CONF", *lines]) if lines else ""


def _size_bytes(s: str) -> int:
    m = re.fullmatch(r"(\d+)([kmg]?)", s.strip().lower())
    if not m:
        raise Neo4jLocalError(f"bad memory size {s!r} (use e.g. 512m or 1g)")
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2)]


def _set_initial_password(java: str, home: Path, lib: Path, password: str) -> None:
    """neo4j-admin dbms set-initial-password, via a 0600 picocli @file (not on the command line)."""
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    fd, argfile = tempfile.mkstemp(prefix=".pw-", dir=home)
    try:
        quoted = password.replace("\\", "\\\\").replace('"', '\\"')
        with os.fdopen(fd, "w") as fh:
            # (--: a password that starts with "-" is the password, not an option)
            fh.write(f'--\n"{quoted}"\n')
        proc = subprocess.run(
            [java, "-cp", f"{lib}/*", ADMIN_CLASS, "dbms", "set-initial-password", f"@{argfile}"],
            capture_output=True, text=True, env=env, cwd=home, timeout=300,
        )
    finally:
        with contextlib.suppress(OSError):
            os.unlink(argfile)
    if proc.returncode != 0 or not (home / "data" / "dbms" / "auth.ini").exists():
        raise Neo4jLocalError(
            f"neo4j-admin dbms set-initial-password failed (exit {proc.returncode}):\n"
            + (proc.stdout + proc.stderr).strip()[-3000:]
        )


# ----------------------------------------------------------------------------- public API


def _info(home: Path, state: dict, pid: int | None) -> dict:
    bolt, http = state["bolt_port"], state["http_port"]
    return {
        "name": state.get("name", home.name),
        "home": str(home),
        "pid": pid,
        "version": state.get("version"),
        "bolt_port": bolt,
        "http_port": http,
        "uri": f"bolt://127.0.0.1:{bolt}",
        "http_uri": f"http://127.0.0.1:{http}",
        "browser_url": f"http://127.0.0.1:{http}/browser/",
        "username": USERNAME,
        "log": str(home / LOG_FILE),
    }


def env_lines(info: dict) -> str:
    """Shell-evaluable lines (never the password)."""
    return (
        f"NEO4J_URI={info['uri']}\n"
        f"NEO4J_HTTP_URI={info['http_uri']}\n"
        f"NEO4J_BROWSER_URL={info['browser_url']}\n"
        f"NEO4J_USERNAME={info['username']}\n"
    )


def status(name: str | None = None, home: str | os.PathLike | None = None) -> dict | None:
    """Return the info dict of the running server, or None when it is not running."""
    h = home_dir(name, home)
    pid = _read_pid(h)
    state = _read_state(h)
    if pid is None or not state or not _is_our_server(pid, h):
        return None
    return _info(h, state, pid)


def stop(name: str | None = None, home: str | os.PathLike | None = None, timeout: float = 60.0,
         quiet: bool = False) -> bool:
    """Stop the server (SIGTERM, wait up to ``timeout`` s, then SIGKILL). True if one was stopped."""
    h = home_dir(name, home)
    pid = _read_pid(h)
    if pid is None or not _is_our_server(pid, h):
        with contextlib.suppress(OSError):
            (h / PID_FILE).unlink()
        return False
    if not quiet:
        _say(f"stopping Neo4j (pid {pid}) in {h} ...")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.2)
    if _pid_alive(pid):
        if not quiet:
            _say(f"still running after {timeout:.0f} s: SIGKILL")
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _pid_alive(pid):
            time.sleep(0.1)
    with contextlib.suppress(OSError):
        (h / PID_FILE).unlink()
    return True


def start(
    name: str | None = None,
    home: str | os.PathLike | None = None,
    password: str | None = None,
    fresh: bool = False,
    bolt_port: int | None = None,
    http_port: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    version: str | None = None,
    heap: str = DEFAULT_HEAP_MAX,
    quiet: bool = False,
) -> dict:
    """Start (or find already running) a local Neo4j server; return its info dict.

    ``password`` defaults to env NEO4J_PASSWORD.  ``fresh=True`` wipes the data
    (restarting the server if it is running); otherwise data is kept and a
    running server is returned as it is.
    """
    password = _check_password(password if password is not None else os.environ.get("NEO4J_PASSWORD"))
    version = version or neo4j_version()
    h = home_dir(name, home)
    h.mkdir(parents=True, exist_ok=True)
    with _locked(h / ".lock"):
        running = status(home=h)
        if running and not fresh:
            code, _ = _http_query(running["http_port"], password)
            if code == 401:
                raise Neo4jLocalError(
                    f"a server is running in {h} but NEO4J_PASSWORD does not match its password "
                    "(start with --fresh to wipe it and set the new one)"
                )
            if not quiet:
                _say(f"already running (pid {running['pid']}) in {h}")
            return running
        if running:
            stop(home=h, quiet=quiet)

        java = find_java()
        major = java_major(java)
        if major < 17:
            raise Neo4jLocalError(f"{java} is Java {major}; Neo4j {version} needs Java 17 or 21")
        if version.startswith("5.") and major not in (17, 21) and not quiet:
            _say(f"warning: {java} is Java {major}; Neo4j 5.x supports Java 17 and 21 only")

        lib = resolve_jars(version, quiet=quiet)

        state = _read_state(h)
        if fresh:
            for d in ("data", "logs", "run"):
                shutil.rmtree(h / d, ignore_errors=True)
            with contextlib.suppress(OSError):
                (h / LOG_FILE).unlink()
        for d in ("data", "logs", "run", "import", "plugins"):
            (h / d).mkdir(parents=True, exist_ok=True)

        def pick(wanted, previous, other=None):
            if wanted:
                if not port_is_free(wanted):
                    raise Neo4jLocalError(f"port {wanted} on 127.0.0.1 is already in use")
                return wanted
            if previous and previous != other and port_is_free(previous):
                return previous
            while True:
                p = free_port()
                if p != other:
                    return p

        bolt = pick(bolt_port, state.get("bolt_port"))
        http = pick(http_port, state.get("http_port"), bolt)
        _write_conf(h, lib, bolt, http, heap)

        # The initial password only takes effect before the system database exists.
        system_exists = (h / "data" / "databases" / "system").exists()
        if not system_exists:
            _set_initial_password(java, h, lib, password)

        state = {"name": h.name, "version": version, "bolt_port": bolt, "http_port": http,
                 "java": java}
        (h / STATE_FILE).write_text(json.dumps(state, indent=1))

        cmd = [
            java,
            "-cp", f"{h / 'plugins'}/*:{h / 'conf'}/*:{lib}/*",
            *JVM_FLAGS,
            # what the launcher derives from server.memory.heap.initial_size / max_size
            *(f"-X{x}{_size_bytes(v) // 1024}k" for x, v in zip(("ms", "mx"), _heap_sizes(heap))),
            MAIN_CLASS,
            f"--home-dir={h}",
            f"--config-dir={h / 'conf'}",
            "--console-mode",
        ]
        if not quiet:
            _say(f"starting Neo4j {version} (Java {major}) in {h}, bolt {bolt}, http {http} ...")
        t0 = time.monotonic()
        env = dict(os.environ, NEO4J_HOME=str(h), NEO4J_CONF=str(h / "conf"))
        env.pop("NEO4J_PASSWORD", None)  # the server does not need it
        with open(h / LOG_FILE, "ab") as log:
            log.write(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} start ===\n".encode())
            log.flush()
            proc = subprocess.Popen(
                cmd, cwd=h, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        (h / PID_FILE).write_text(f"{proc.pid}\n")

        def fail(why: str):
            with contextlib.suppress(Exception):
                stop(home=h, timeout=15, quiet=True)
            raise Neo4jLocalError(f"{why}\n{_log_tail(h)}")

        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                fail(f"Neo4j exited with code {proc.returncode} during start-up")
            if bolt_handshake(bolt):
                code, body = _http_query(http, password)
                if code == 401:
                    fail(
                        "Neo4j is up but refuses NEO4J_PASSWORD: the kept data was created with "
                        "another password (use --fresh to wipe it)"
                    )
                if code == 200 and body is not None and not body.get("errors"):
                    break
            if time.monotonic() > deadline:
                fail(f"Neo4j did not answer on bolt://127.0.0.1:{bolt} within {timeout:.0f} s")
            time.sleep(0.25)
        info = _info(h, state, proc.pid)
        info["start_seconds"] = round(time.monotonic() - t0, 1)
        if not quiet:
            _say(f"ready in {info['start_seconds']} s; Browser at {info['browser_url']}")
        return info


# ----------------------------------------------------------------------------- CLI


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="neo4j-local",
        description="Run a Neo4j Community server (jars from Maven Central) on 127.0.0.1 without Docker.",
        epilog=(
            "Typical use:  export NEO4J_PASSWORD=...; set -a; eval \"$(docker/neo4j-local start)\"; set +a\n"
            "Environment: NEO4J_PASSWORD (required for start, >= 8 chars), KG_NEO4J_VERSION "
            f"(default {DEFAULT_VERSION}), KG_NEO4J_CACHE (default ~/.cache/kg-neo4j), KG_NEO4J_JAVA."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        g = sp.add_mutually_exclusive_group()
        g.add_argument("--name", default=None, help="server name (default: default); run folder "
                       "<cache>/run/<name>")
        g.add_argument("--home", default=None, help="run folder to use instead of <cache>/run/<name>")

    s = sub.add_parser("start", help="start the server (or report the running one) and print "
                       "NEO4J_URI=... lines for eval")
    common(s)
    d = s.add_mutually_exclusive_group()
    d.add_argument("--data", dest="fresh", action="store_false", help="keep existing data (default)")
    d.add_argument("--fresh", dest="fresh", action="store_true",
                   help="wipe data first (restarts a running server)")
    s.set_defaults(fresh=False)
    s.add_argument("--bolt-port", type=int, default=None, help="Bolt port (default: a free one)")
    s.add_argument("--http-port", type=int, default=None, help="HTTP port (default: a free one)")
    s.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds to wait for Bolt (default {DEFAULT_TIMEOUT:.0f})")
    s.add_argument("--heap", default=DEFAULT_HEAP_MAX, help=f"max heap (default {DEFAULT_HEAP_MAX})")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")

    t = sub.add_parser("stop", help="stop the server (SIGTERM, then SIGKILL)")
    common(t)
    t.add_argument("--timeout", type=float, default=60.0, help="seconds before SIGKILL (default 60)")

    st = sub.add_parser("status", help="exit 0 if running (prints its URI), 3 if not")
    common(st)
    st.add_argument("--env", action="store_true", help="print the NEO4J_URI=... lines when running")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "start":
            info = start(name=args.name, home=args.home, fresh=args.fresh, bolt_port=args.bolt_port,
                         http_port=args.http_port, timeout=args.timeout, heap=args.heap,
                         quiet=args.quiet)
            sys.stdout.write(env_lines(info))
            return 0
        if args.command == "stop":
            stopped = stop(name=args.name, home=args.home, timeout=args.timeout)
            _say("stopped" if stopped else "was not running")
            return 0
        if args.command == "status":
            info = status(name=args.name, home=args.home)
            where = home_dir(args.name, args.home)
            if info is None:
                print(f"not running ({where})")
                return EXIT_NOT_RUNNING
            up = "running" if bolt_handshake(info["bolt_port"]) else "running (Bolt not answering yet)"
            print(f"{up}: {info['uri']} http {info['http_uri']} pid {info['pid']} ({where})")
            if args.env:
                sys.stdout.write(env_lines(info))
            return 0
    except Neo4jLocalError as e:
        _say(f"error: {e}")
        return 1
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
