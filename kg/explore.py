"""Self-contained HTML page to explore a neighbourhood of the graph visually.

``render_explore_html(graph, center=..., title=..., hops=...)`` turns a graph in
the export format (see DESIGN.md, "Export") into ONE HTML file that needs no
network at all: the graph-drawing library (vis-network, bundled under
``kg/static`` with its licence) and the page's own script and style sheet are
inlined, and a Content-Security-Policy forbids every fetch.

Every string in the graph comes from news articles and is untrusted.  The data
is embedded as JSON in ``<script type="application/json" id="graph-data">`` with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped, parsed in the page with
``JSON.parse(textContent)`` and only ever put into the DOM with ``textContent``
or attribute setters (links only for http/https URLs).  The inline scripts are
allowed by their SHA-256 hashes, so markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import re
from importlib import resources
from typing import Any

import yaml

__all__ = ["render_explore_html", "node_caption", "primary_label", "ARTICLE_HIDE_THRESHOLD"]

# Above this many nodes, Article nodes start hidden (their toggle turns them on).
ARTICLE_HIDE_THRESHOLD = 60
# Graph captions longer than this are cut (the full text is in the tooltip/panel).
CAPTION_MAX = 20
ARTICLE_CAPTION_MAX = 14

VIS_NETWORK_ASSET = "vis-network.min.js"
PAGE_JS_ASSET = "explore.js"
PAGE_CSS_ASSET = "explore.css"

_FALLBACK_COLOR = "#78909c"
_SOURCE_MAP_RE = re.compile(r"\n?//[#@] sourceMappingURL=[^\n]*\s*$")


# --------------------------------------------------------------------------- assets


def _static_text(name: str) -> str:
    return resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _vis_network_js() -> str:
    js = _static_text(VIS_NETWORK_ASSET)
    # The page must not even try to fetch the source map.
    return _SOURCE_MAP_RE.sub("\n", js)


@functools.lru_cache(maxsize=None)
def _model() -> dict:
    text = resources.files("kg").joinpath("data", "model.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def _safe_inline(text: str, what: str) -> str:
    """Code inlined in <script>/<style> must not be able to end the element early."""
    low = text.lower()
    for bad in ("</script", "<!--", "<script", "</style"):
        if bad in low:
            raise ValueError(f"{what} contains {bad!r}; it cannot be inlined safely")
    return text


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# --------------------------------------------------------------------------- captions


def _label_order() -> list[str]:
    return list((_model().get("labels") or {}).keys())


def primary_label(labels: list[str] | None) -> str:
    """The model label a node is drawn as (Company for [Company, Organization, App])."""
    labels = [str(x) for x in (labels or [])]
    known = _model().get("labels") or {}
    for lab in labels:
        if lab in known:
            return lab
    secondary = set(_model().get("secondary_labels") or [])
    for lab in labels:
        if lab not in secondary:
            return lab
    return labels[0] if labels else "Node"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_amount(amount: Any) -> str | None:
    """``100000`` -> ``"¥100,000"``; ``12.5`` -> ``"¥12.50"``; junk -> None."""
    if amount is None or isinstance(amount, bool):
        return None
    try:
        value = float(str(amount).replace(",", "").strip())
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    if value == int(value):
        return f"¥{int(value):,}"
    return f"¥{value:,.2f}"


def node_caption(node: dict, *, short: bool = True) -> str:
    """What the graph shows under a node (``short``) or as the panel heading."""
    props = node.get("properties") or {}
    label = primary_label(node.get("labels"))
    if label == "Penalty":
        text = format_amount(props.get("amount_cny"))
        if text is None:
            text = str(props.get("kind") or "") or _shorten(props.get("text") or "", 12) or "Penalty"
        return text
    if label == "Article":
        title = str(props.get("title") or props.get("url") or node.get("id") or "Article")
        return _shorten(title, ARTICLE_CAPTION_MAX) if short else title
    spec = (_model().get("labels") or {}).get(label) or {}
    key = spec.get("caption") or "name"
    text = props.get(key) or props.get("name") or props.get("title") or node.get("id") or label
    if isinstance(text, list):
        text = text[0] if text else label
    text = str(text)
    return _shorten(text, CAPTION_MAX) if short else text


# --------------------------------------------------------------------------- data


def _jsonable(value: Any) -> Any:
    """Properties as JSON-safe values (numbers stay numbers; odd types become text)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return str(value)


def _page_data(graph: dict, center: str | None, title: str, hops: int) -> dict:
    model_labels = _model().get("labels") or {}
    nodes: list[dict] = []
    seen: dict[str, int] = {}
    for raw in graph.get("nodes") or []:
        nid = str(raw.get("id"))
        labels = [str(x) for x in (raw.get("labels") or [])]
        props = _jsonable(dict(raw.get("properties") or {}))
        if nid in seen:  # a DataSet refuses duplicate ids: merge what the copies say
            node = nodes[seen[nid]]
            node["labels"] += [x for x in labels if x not in node["labels"]]
            for k, v in props.items():
                node["properties"].setdefault(k, v)
            continue
        seen[nid] = len(nodes)
        nodes.append({"id": nid, "labels": labels, "properties": props})

    degree = {n["id"]: 0 for n in nodes}
    edges: list[dict] = []
    for i, raw in enumerate(graph.get("relationships") or []):
        start, end = str(raw.get("start")), str(raw.get("end"))
        if start not in degree or end not in degree:
            continue  # cut off by the neighbourhood selection
        degree[start] += 1
        if end != start:
            degree[end] += 1
        edges.append(
            {
                "id": f"e{i}",
                "type": str(raw.get("type") or "RELATED"),
                "from": start,
                "to": end,
                "properties": _jsonable(dict(raw.get("properties") or {})),
            }
        )

    counts: dict[str, int] = {}
    for node in nodes:
        node["label"] = primary_label(node["labels"])
        node["caption"] = node_caption(node)
        node["fullCaption"] = node_caption(node, short=False)
        node["degree"] = degree[node["id"]]
        counts[node["label"]] = counts.get(node["label"], 0) + 1

    many = len(nodes) > ARTICLE_HIDE_THRESHOLD
    order = [lab for lab in model_labels if lab in counts] + sorted(
        lab for lab in counts if lab not in model_labels
    )
    legend = [
        {
            "name": lab,
            "color": str((model_labels.get(lab) or {}).get("color") or _FALLBACK_COLOR),
            "count": counts[lab],
            "hidden": bool(many and lab == "Article"),
        }
        for lab in order
    ]
    return {
        "title": title,
        "center": center if center in degree else None,
        "hops": hops,
        "labels": legend,
        "nodes": nodes,
        "edges": edges,
    }


def _json_for_script(data: Any) -> str:
    """JSON that can sit inside a <script> element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --------------------------------------------------------------------------- page


def render_explore_html(graph: dict, *, center: str | None, title: str = "", hops: int = 2) -> str:
    """One self-contained HTML page that draws ``graph`` centred on node ``center``.

    ``graph`` is in the export format (``{"nodes": [...], "relationships": [...]}``),
    already cut to the neighbourhood of ``center``.  ``title`` defaults to the
    centre node's name.
    """
    center = None if center is None else str(center)
    data = _page_data(graph, center, "", hops)
    if not title:
        centre_node = next((n for n in data["nodes"] if n["id"] == data["center"]), None)
        title = f"{centre_node['fullCaption']} · 知识图谱" if centre_node else "知识图谱 Knowledge graph"
    data["title"] = title

    vis_js = _safe_inline(_vis_network_js(), VIS_NETWORK_ASSET)
    page_js = _safe_inline(_static_text(PAGE_JS_ASSET), PAGE_JS_ASSET)
    page_css = _safe_inline(_static_text(PAGE_CSS_ASSET), PAGE_CSS_ASSET)
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'"
    )
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    esc = html.escape
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(csp, quote=False)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg explore">
<title>{esc(title)}</title>
<style>
{page_css}
</style>
</head>
<body>
<header id="topbar">
  <h1 id="page-title">{esc(title)}</h1>
  <span id="counts"><span id="node-count" data-count="{n_nodes}">{n_nodes}</span> nodes · <span id="rel-count" data-count="{n_edges}">{n_edges}</span> relationships <span id="visible-note">(<span id="visible-count" data-count="{n_nodes}">{n_nodes}</span> shown)</span></span>
  <form id="search-form" role="search" autocomplete="off">
    <input id="search" type="search" placeholder="名称或别名 · name or alias" aria-label="Find a node by name or alias">
    <button type="submit" id="search-button">Find</button>
  </form>
</header>
<main id="layout">
  <aside id="sidebar">
    <h2>Labels</h2>
    <div id="legend"></div>
    <p class="hint">Size = number of relationships. Thick dark ring = centre<span id="hops-note"></span>. Drag to pan, wheel to zoom, click for details.</p>
    <div id="search-results" aria-live="polite"></div>
  </aside>
  <div id="graph-wrap">
    <div id="graph" aria-label="graph"></div>
    <div id="status" aria-live="polite">Laying out…</div>
  </div>
  <aside id="panel" aria-live="polite">
    <p class="hint">Click a node or a relationship to see its details and evidence.</p>
  </aside>
</main>
<noscript>This page needs JavaScript to draw the graph.</noscript>
<script type="application/json" id="graph-data">{_json_for_script(data)}</script>
<script>{vis_js}</script>
<script>{page_js}</script>
</body>
</html>
"""
