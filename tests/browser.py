"""A small, dependency-free driver for headless Chromium (for the browser tests).

It speaks the Chrome DevTools Protocol over ``--remote-debugging-pipe`` (two
pipes on file descriptors 3 and 4, messages separated by NUL bytes), so it needs
no websocket library, no Selenium/Playwright and no chromedriver: only the
Chromium binary (Debian's ``chromium`` package, see ``.ci/install-browser.sh``).

    with Browser.launch() as browser:
        page = browser.new_page(width=1280, height=800)
        page.goto(path_or_url)
        page.evaluate("document.title")
        page.click(100, 200)
        page.screenshot("shot.png")
        assert not page.errors and not page.dialogs
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
    # Nothing the page asks for may leave the machine, not even a DNS query.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
)


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    """Path of a Chromium-like browser: $KG_CHROMIUM, /usr/bin/chromium, or one on PATH."""
    env = os.environ.get("KG_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One Chromium process, driven over the DevTools pipe."""

    def __init__(self, proc: subprocess.Popen, to_child: int, from_child: int, profile: str):
        self.proc = proc
        self._out = to_child
        self._in = from_child
        self._profile = profile
        self._next_id = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._listeners: list[Callable[[dict], None]] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, name="cdp-reader", daemon=True)
        self._reader.start()

    # ------------------------------------------------------------ process
    @classmethod
    def launch(cls, executable: str | None = None, extra_args: tuple[str, ...] = ()) -> "Browser":
        exe = executable or find_chromium()
        if not exe:
            raise BrowserError("no Chromium found (install it with .ci/install-browser.sh)")
        profile = tempfile.mkdtemp(prefix="kg-chromium-")
        # Our ends and the child's ends; the child gets its ends as fds 3 (commands
        # in) and 4 (answers out).  Four fresh descriptors here means 3 and 4 are
        # already taken in this process, so subprocess' own error pipe is elsewhere.
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        for fd in (to_child, from_child):
            os.set_inheritable(fd, False)

        def wire_fds() -> None:  # runs in the child, between fork and exec
            a = fcntl.fcntl(child_in, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(child_out, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.close(a)
            os.close(b)

        args = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra_args, "about:blank"]
        log = open(os.path.join(profile, "chromium.log"), "wb")
        try:
            proc = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                pass_fds=(3, 4),
                preexec_fn=wire_fds,
            )
        finally:
            log.close()
            os.close(child_in)
            os.close(child_out)
        browser = cls(proc, to_child, from_child, profile)
        try:
            browser.send("Browser.getVersion", timeout=30)
        except Exception:
            browser.close()
            raise
        return browser

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._write({"id": -1, "method": "Browser.close"})
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def log_text(self) -> str:
        try:
            return Path(self._profile, "chromium.log").read_text(errors="replace")
        except OSError:
            return ""

    # ------------------------------------------------------------ protocol
    def _write(self, msg: dict) -> None:
        data = json.dumps(msg).encode("utf-8") + b"\0"
        with self._lock:
            while data:
                n = os.write(self._out, data)
                data = data[n:]

    def _read_loop(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._in, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed_by_peer = True
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self._cond:
                        self._responses[msg["id"]] = msg
                        self._cond.notify_all()
                else:
                    for listener in list(self._listeners):
                        listener(msg)
                    with self._cond:
                        self._cond.notify_all()

    def send_nowait(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        with self._lock:
            self._next_id += 1
            mid = self._next_id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self._write(msg)
        return mid

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        mid = self.send_nowait(method, params, session)
        deadline = time.monotonic() + timeout
        with self._cond:
            while mid not in self._responses:
                if getattr(self, "_closed_by_peer", False):
                    raise BrowserError(f"Chromium went away during {method}\n{self.log_text[-2000:]}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no answer to {method} within {timeout}s")
                self._cond.wait(left)
            msg = self._responses.pop(mid)
        if "error" in msg:
            raise BrowserError(f"{method}: {msg['error']}")
        return msg.get("result", {})

    def add_listener(self, fn: Callable[[dict], None]) -> None:
        self._listeners.append(fn)

    def new_page(self, width: int = 1280, height: int = 800, scale: float = 1.0) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, target, session, width, height, scale)


class Page:
    """One tab: navigation, evaluation, real input events, screenshots, and a record
    of console errors, uncaught exceptions, dialogs and network requests."""

    def __init__(self, browser: Browser, target: str, session: str, width: int, height: int,
                 scale: float):
        self.browser = browser
        self.target = target
        self.session = session
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.events: list[dict] = []
        self._cond = threading.Condition()
        browser.add_listener(self._on_event)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def _on_event(self, msg: dict) -> None:
        if msg.get("sessionId") != self.session:
            return
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{params.get('type')}: {params.get('message')}")
            # Answer it at once (from the reader thread: do not wait for the reply).
            self.browser.send_nowait("Page.handleJavaScriptDialog", {"accept": False}, self.session)
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.errors.append("exception: " + str(d.get("exception", {}).get("description") or d.get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            e = params["entry"]
            self.errors.append(f"log ({e.get('source')}): {e.get('text')} {e.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        with self._cond:
            self.events.append(msg)
            self._cond.notify_all()

    def wait_event(self, method: str, timeout: float = 30, since: int = 0) -> dict:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ev in self.events[since:]:
                    if ev.get("method") == method:
                        return ev
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"no {method} within {timeout}s")
                self._cond.wait(left)

    # ------------------------------------------------------------ actions
    def goto(self, where: str | os.PathLike, timeout: float = 60) -> None:
        url = str(where)
        if "://" not in url and not url.startswith(("about:", "data:")):
            url = Path(url).resolve().as_uri()
        with self._cond:
            mark = len(self.events)
        res = self.send("Page.navigate", {"url": url}, timeout=timeout)
        if res.get("errorText"):
            raise BrowserError(f"navigation to {url} failed: {res['errorText']}")
        self.wait_event("Page.loadEventFired", timeout=timeout, since=mark)

    def evaluate(self, expression: str, await_promise: bool = False, timeout: float = 30) -> Any:
        res = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": await_promise,
        }, timeout=timeout)
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise BrowserError("JS error: " + str(d.get("exception", {}).get("description") or d.get("text")))
        return res.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 30, interval: float = 0.05) -> Any:
        """Poll a JS expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out after {timeout}s waiting for: {expression}")
            time.sleep(interval)

    def click(self, x: float, y: float) -> None:
        """A real left click at viewport coordinates (CSS pixels)."""
        base = {"x": x, "y": y, "button": "left", "clickCount": 1}
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        self.send("Input.dispatchMouseEvent", {"type": "mousePressed", "buttons": 1, **base})
        self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "buttons": 0, **base})

    def type_text(self, text: str) -> None:
        self.send("Input.insertText", {"text": text})

    def press_enter(self) -> None:
        key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "nativeVirtualKeyCode": 13}
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": "\r", **key})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **key})

    def screenshot(self, path: str | os.PathLike | None = None) -> bytes:
        png = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"}, timeout=60)["data"])
        if path is not None:
            Path(path).write_bytes(png)
        return png

    def close(self) -> None:
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target})
        except BrowserError:
            pass
