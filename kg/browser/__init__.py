"""Neo4j Browser assets: a GRASS style sheet and a ``:play``-able guide.

* ``style.grass`` is generated from ``kg/data/model.yaml`` by :func:`grass_text`
  (``python -m kg.browser grass --write`` rewrites the committed file).
* ``guide.html`` is written by hand in the Browser guide format; :func:`guide_blocks`
  reads its runnable blocks back (the tests run every one of them).
* :func:`serve` serves this folder on loopback with the CORS headers Neo4j Browser
  needs to fetch the two files (``python -m http.server`` does not send them, and
  Browser's guide request has ``pragma``/``cache-control`` headers, so it is
  preflighted with OPTIONS, which ``http.server`` answers with 501).

See docs/neo4j-browser.md for how to load both into Browser.
"""
from __future__ import annotations

import html
import http.server
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

__all__ = [
    "BROWSER_DIR", "STYLE_PATH", "GUIDE_PATH", "DEFAULT_PORT", "DEFAULT_BASE_URL", "grass_text",
    "guide_blocks", "guide_params", "GuideBlock", "conf_lines", "make_server", "serve",
]

BROWSER_DIR = Path(__file__).resolve().parent
STYLE_PATH = BROWSER_DIR / "style.grass"
GUIDE_PATH = BROWSER_DIR / "guide.html"
DEFAULT_PORT = 8001
# Browser's default allowlist is "guides.neo4j.com, localhost": the files must be
# fetched as http://localhost:PORT/... unless the server's allowlist is changed.
DEFAULT_BASE_URL = f"http://localhost:{DEFAULT_PORT}"

# Browser's built-in defaults (neo4j-browser 5.24, GraphStyleModel).  A loaded
# style sheet REPLACES all rules, so these two base rules must be in it.
_NODE_BASE = {
    "diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC", "border-width": "2px",
    "text-color-internal": "#FFFFFF", "font-size": "10px",
}
_REL_BASE = {
    "color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px", "padding": "3px",
    "text-color-external": "#000000", "text-color-internal": "#FFFFFF", "caption": "<type>",
}
# Browser writes a caption on ONE line unless it has spaces, and cuts it to what
# fits across the circle (about diameter / font-size CJK characters).  Chinese
# names have no spaces, so the circles of long-named labels are bigger and their
# font smaller: a 14-character name (上海小鹏汽车销售服务有限公司) fits 120px at 8px,
# a 15-character law (中华人民共和国消费者权益保护法) 130px.  Longer ones end in "…"
# (the full name is in the panel on the right when the node is clicked).
_SIZES = {
    "Company": ("120px", "8px"),
    "Authority": ("120px", "8px"),
    "Regulation": ("130px", "8px"),
    "Media": ("80px", "8px"),
    "Penalty": ("65px", "9px"),
    "DataCategory": ("65px", "9px"),
    "Location": ("65px", "9px"),
    "Article": ("80px", "7px"),
}
# The Penalty caption: its kind and amount ("罚款 500000"; a penalty without an
# amount, e.g. 责令改正, still shows its kind).  Browser puts "" for a null property.
_CAPTIONS = {"Penalty": "{kind} {amount_cny}"}
_SECONDARY_COLOR = "#78909c"


def _model() -> dict[str, Any]:
    from kg.model import model

    m = model()
    return {"labels": m.labels, "secondary_labels": list(m.secondary_labels),
            "relationships": m.relationships}


def _border(color: str) -> str:
    """A darker shade of ``#rrggbb`` for the circle's border."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.75) for c in (r, g, b)))


def _text_color(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#2A2C34" if 0.299 * r + 0.587 * g + 0.114 * b > 170 else "#FFFFFF"


def _rule(selector: str, props: dict[str, str]) -> str:
    # No comments: Browser's GRASS parser has none (text outside {} joins the next
    # selector), and a value must not contain ':' or ';'.
    body = "\n".join(f"  {k}: {v};" for k, v in props.items())
    return f"{selector} {{\n{body}\n}}\n"


def grass_text(model: dict[str, Any] | None = None) -> str:
    """The GRASS style sheet for the model: a colour and a caption per label and type.

    Rule order matters: Browser applies every matching rule in file order, so the
    secondary labels (Organization, App) come before the main labels, whose colour
    then wins on a ``:Company:Organization`` node.
    """
    m = model or _model()
    labels: dict[str, dict] = m["labels"]
    rules = [_rule("node", _NODE_BASE), _rule("relationship", _REL_BASE)]
    for sec in m.get("secondary_labels", []):
        rules.append(_rule(f"node.{sec}", {
            "color": _SECONDARY_COLOR, "border-color": _border(_SECONDARY_COLOR),
            "text-color-internal": "#FFFFFF", "caption": "'{name}'",
        }))
    for label, spec in labels.items():
        color = spec["color"].lower()
        diameter, font = _SIZES.get(label, ("65px", "9px"))
        caption = _CAPTIONS.get(label, "{%s}" % spec.get("caption", "name"))
        rules.append(_rule(f"node.{label}", {
            "color": color, "border-color": _border(color),
            "text-color-internal": _text_color(color), "diameter": diameter,
            "font-size": font, "caption": f"'{caption}'",
        }))
    for rel_type, ends in m["relationships"].items():
        # the colour of the label the relationship starts from (Penalty's orange for
        # IMPOSED_ON/ISSUED_BY/CITES, Company's blue for SUPPLIED, ...)
        start = (ends.get("from") or [None])[0]
        color = labels.get(start, {}).get("color", _REL_BASE["color"]).lower()
        weak = rel_type in ("MENTIONS", "REPORTS")
        rules.append(_rule(f"relationship.{rel_type}", {
            "color": color, "shaft-width": "1px" if weak else "2px",
            "font-size": "8px", "caption": "'<type>'",
        }))
    return "\n".join(rules)


# --------------------------------------------------------------------------- guide


@dataclass(frozen=True)
class GuideBlock:
    """One ``<pre class="code runnable">`` of the guide: a ``:param`` line or a query."""

    slide: int
    text: str

    @property
    def is_param(self) -> bool:
        return self.text.lstrip().startswith(":param")

    @property
    def is_command(self) -> bool:
        return self.text.lstrip().startswith(":")


_SLIDE_RE = re.compile(r"<slide\b[^>]*>(.*?)</slide>", re.S)
_PRE_RE = re.compile(r"<pre\b[^>]*\bclass=\"[^\"]*\brunnable\b[^\"]*\"[^>]*>(.*?)</pre>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_PARAM_RE = re.compile(r"^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*;?\s*$", re.S)


def guide_blocks(text: str | None = None) -> list[GuideBlock]:
    """Every runnable block of the guide, in order, as Browser puts it in its editor
    (tags dropped, entities decoded, trimmed)."""
    text = GUIDE_PATH.read_text(encoding="utf-8") if text is None else text
    out = []
    for i, slide in enumerate(_SLIDE_RE.findall(text), start=1):
        for pre in _PRE_RE.findall(slide):
            out.append(GuideBlock(i, html.unescape(_TAG_RE.sub("", pre)).strip()))
    return out


def guide_params(blocks: list[GuideBlock] | None = None) -> dict[str, str]:
    """``{name: cypher expression}`` of the guide's ``:param name => expr`` blocks (the
    last one wins, as in Browser).  Browser evaluates the expression on the server
    (``RETURN expr``); so do the tests."""
    params: dict[str, str] = {}
    for b in guide_blocks() if blocks is None else blocks:
        if b.is_param:
            m = _PARAM_RE.match(b.text.strip())
            if not m:
                raise ValueError(f"cannot read the :param block {b.text!r}")
            params[m.group(1)] = m.group(2)
    return params


# --------------------------------------------------------------------------- serving


def conf_lines(base_url: str = DEFAULT_BASE_URL, allow_host: str | None = None) -> list[str]:
    """neo4j.conf lines that make Browser load the style and play the guide on connect."""
    base = base_url.rstrip("/")
    lines = [f"browser.post_connect_cmd=style {base}/style.grass;play {base}/guide.html"]
    if allow_host:  # the setting replaces the default list, so keep its two hosts
        lines.append(
            f"browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost,{allow_host}")
    return lines


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with ``Access-Control-Allow-Origin: *``; answers the preflight."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".grass": "text/plain; charset=utf-8",
        ".html": "text/html; charset=utf-8",
    }

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        # Whatever the preflight asks for: Browser's own pragma/cache-control, and
        # the sentry-trace/baggage headers its error reporting adds to every fetch.
        asked = self.headers.get("Access-Control-Request-Headers")
        if asked and re.fullmatch(r"[A-Za-z0-9_,\s-]{1,500}", asked):
            self.send_header("Access-Control-Allow-Headers", asked)
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server naming)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _QuietCorsHandler(_CorsHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def make_server(host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                directory: str | Path = BROWSER_DIR,
                quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A threading HTTP server for ``directory`` (port 0: a free one)."""
    handler = partial(_QuietCorsHandler if quiet else _CorsHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(host: str = "127.0.0.1", port: int = DEFAULT_PORT, directory: str | Path = BROWSER_DIR,
          quiet: bool = False) -> None:
    """Serve ``directory`` (this folder) until interrupted."""
    httpd = make_server(host, port, directory, quiet=quiet)
    name = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    print(f"serving {directory} on http://{host}:{httpd.server_port}/  (Ctrl-C stops)\n"
          f"in Neo4j Browser:\n"
          f"  :style http://{name}:{httpd.server_port}/style.grass\n"
          f"  :play http://{name}:{httpd.server_port}/guide.html", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
