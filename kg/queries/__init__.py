"""Named queries, the same answer from the offline store and from Neo4j.

On Neo4j each query is the Cypher file beside this module. On the offline
store a Python function returns the same raw rows from networkx. Both go
through one shaping function (sorting, totals), so the answers can be compared
row for row.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from typing import Any, Callable

from ..model import main_label


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class Named:
    help: str
    args: tuple[str, ...] = ()


NAMED: dict[str, Named] = {
    "vendor-clients": Named("clients of a vendor and the penalties they received", ("name",)),
    "penalties": Named("penalties imposed (--authority A, --year Y)"),
    "company": Named("everything known about one entity, with evidence", ("name",)),
    "top-vendors": Named("vendors by number of clients"),
    "path": Named("shortest connection between two entities", ("a", "b")),
    "timeline": Named("articles, penalties and fines by month"),
}

_ENTITY_LABELS = ("Company", "Authority", "Media", "Regulation", "DataCategory", "Location")


def cypher_text(name: str) -> str:
    return resources.files("kg").joinpath(f"queries/{name}.cypher").read_text("utf-8")


def _is_neo4j(store) -> bool:
    return getattr(store, "kind", "") == "neo4j"


# --- name lookup ---------------------------------------------------------------------------
def _rank(name: str, c: dict[str, Any]) -> tuple | None:
    """How well a candidate matches what the user typed; None for no match."""
    aliases = c.get("aliases") or []
    weak = c.get("weak_aliases") or []
    cname = c.get("name") or ""
    if cname == name:
        grade = 0
    elif name in aliases:
        grade = 1
    elif name in weak:
        grade = 2
    elif name and (name in cname or any(name in a for a in aliases)):
        grade = 3
    else:
        return None
    label = main_label(c["labels"])
    return (grade, _ENTITY_LABELS.index(label) if label in _ENTITY_LABELS else 9, -int(c.get("degree") or 0), c["id"])


def find_node(store, name: str) -> dict[str, Any]:
    """The entity a user means by ``name``: exact name, alias, weak alias, then part of a name."""
    name = name.strip()
    if not name:
        raise QueryError("empty name")
    if _is_neo4j(store):
        cands = store.run(cypher_text("lookup"), {"name": name, "fulltext": _fulltext_query(name)})
    elif getattr(store, "name_candidates", None) and (exact := store.name_candidates(name)):
        cands = exact  # an exact name or alias outranks every partial match, so no scan is needed
    else:
        g = store.g
        cands = []
        for n, d in g.nodes(data=True):
            if "Article" in d["labels"] or "Penalty" in d["labels"]:
                continue
            p = d["props"]
            cands.append({"id": n, "labels": list(d["labels"]), "name": p.get("name"),
                          "aliases": p.get("aliases"), "weak_aliases": p.get("weak_aliases"),
                          "degree": g.degree(n)})
    ranked = sorted((r, c) for c in cands if (r := _rank(name, c)) is not None and
                    not {"Article", "Penalty"} & set(c["labels"]))
    if not ranked:
        raise QueryError(f"nothing named {name!r} in the graph (searched names and aliases)")
    return ranked[0][1]


def _fulltext_query(name: str) -> str:
    # Lucene syntax characters are escaped so the user's text is searched literally
    return '"' + re.sub(r'([+\-!(){}\[\]^"~*?:\\/&|])', r"\\\1", name) + '"'


# --- shaping shared by both stores ------------------------------------------------------------
def _sort(rows: list[dict], *keys: str, reverse_first: bool = False) -> list[dict]:
    def k(r):
        return tuple((v is None, v if not isinstance(v, list) else str(v)) for v in (r.get(x) for x in keys))
    return sorted(rows, key=k)


def _shape_vendor_clients(rows):
    return _sort(rows, "client", "penalized", "amount_cny", "kind", "authority")


def _shape_penalties(rows):
    return _sort(rows, "date", "authority", "target", "amount_cny", "kind")


def _shape_company(rows):
    out = []
    for r in rows:
        labels = r.pop("other_labels")
        label = main_label(labels)
        if label == "Penalty":
            amount = r.get("penalty_amount_cny")
            other = (r.get("penalty_kind") or "") + (f" {amount:,} 元" if amount is not None else "") + \
                    (f" by {r['penalty_authority']}" if r.get("penalty_authority") else "")
        else:
            other = r.get("other_name")
        out.append({"relationship": r["relationship"], "direction": r["direction"], "other": other,
                    "label": label, "articles": r["articles"], "evidence": r["evidence"]})
    return _sort(out, "relationship", "direction", "other")


def _shape_top_vendors(rows):
    for r in rows:
        r["client_names"] = sorted(r["client_names"])
    return sorted(rows, key=lambda r: (-r["clients"], r["vendor"]))


def _shape_timeline(rows):
    by: dict[str, dict[str, Any]] = {}
    for r in rows:
        if not r["month"]:
            continue
        m = by.setdefault(r["month"], {"month": r["month"], "articles": 0, "penalties": 0, "fines_cny": 0})
        if r["what"] == "article":
            m["articles"] += 1
        else:
            m["penalties"] += 1
            m["fines_cny"] += r["amount_cny"] or 0
    return [by[k] for k in sorted(by)]


# --- offline implementations (same raw rows as the Cypher files) ------------------------------
def _props(g, n):
    return g._node[n]["props"]


def _has(g, n, label):
    return label in g.nodes[n]["labels"]


def _in(store, n, rtype):
    """Start nodes of ``rtype`` relationships ending at ``n`` (from the store's index: a company
    has many MENTIONS coming in, which a scan of its predecessors would step over)."""
    return store.typed_in().get(rtype, {}).get(n, [])


def _penalties_on(store, company):
    """Penalties imposed on ``company`` or on its subsidiaries: (penalty, target) pairs."""
    targets = [company] + _in(store, company, "SUBSIDIARY_OF")
    return [(p, t) for t in targets for p in _in(store, t, "IMPOSED_ON")]


def _out(g, n, rtype):
    return [v for v, keys in g._succ[n].items() if rtype in keys]


def _offline_vendor_clients(store, p):
    g = store.g
    rows = []
    for c, keys in g._succ[p["id"]].items():
        if "SUPPLIED" not in keys:
            continue
        d = keys["SUPPLIED"]
        base = {"client": _props(g, c).get("name"), "product": d["props"].get("product"),
                "articles": len(d["props"].get("sources", []))}
        pens = _penalties_on(store, c)
        if not pens:
            rows.append({**base, "penalized": None, "amount_cny": None, "kind": None,
                         "authority": None, "regulation": None})
        for pen, t in pens:
            auths = _out(g, pen, "ISSUED_BY") or [None]
            regs = _out(g, pen, "CITES") or [None]
            for a in auths:
                for r in regs:
                    pp = _props(g, pen)
                    rows.append({**base, "penalized": _props(g, t).get("name"),
                                 "amount_cny": pp.get("amount_cny"), "kind": pp.get("kind"),
                                 "authority": _props(g, a).get("name") if a else None,
                                 "regulation": _props(g, r).get("name") if r else None})
    return rows


def _first_report(g, pen):
    reports = [a for a, keys in g._pred[pen].items() if "REPORTS" in keys]
    dates = [d for a in reports if (d := _props(g, a).get("published_at"))]
    return (min(dates) if dates else None), len(reports)


def _offline_penalties(store, p):
    g = store.g
    typed = store.typed_in()
    if p.get("authority_id"):
        pens = typed.get("ISSUED_BY", {}).get(p["authority_id"], [])
    else:  # a penalty is imposed on someone, or it gives no row
        pens = {pen for starts in typed.get("IMPOSED_ON", {}).values() for pen in starts}
    rows = []
    for pen in pens:
        d = g._node[pen]
        first, n_articles = _first_report(g, pen)
        date = d["props"].get("decided_at") or (first[:10] if first else None)
        if p.get("year") and not (date or "").startswith(str(p["year"])):
            continue
        for t in _out(g, pen, "IMPOSED_ON"):
            for a in _out(g, pen, "ISSUED_BY") or [None]:
                if p.get("authority_id") and a != p["authority_id"]:
                    continue
                for r in _out(g, pen, "CITES") or [None]:
                    rows.append({"date": date, "authority": _props(g, a).get("name") if a else None,
                                 "target": _props(g, t).get("name"), "amount_cny": d["props"].get("amount_cny"),
                                 "kind": d["props"].get("kind"),
                                 "regulation": _props(g, r).get("name") if r else None,
                                 "articles": n_articles})
    return rows


def _offline_company(store, p):
    g = store.g
    c = p["id"]
    rows = []
    edges = [(u, v, k, d, "out") for u, v, k, d in g.out_edges(c, keys=True, data=True)] + \
            [(u, v, k, d, "in") for u, v, k, d in g.in_edges(c, keys=True, data=True)]
    for u, v, k, d, direction in edges:
        if k in ("MENTIONS", "REPORTS"):
            continue
        o = v if direction == "out" else u
        op = _props(g, o)
        pas = _out(g, o, "ISSUED_BY") or [None]
        for pa in pas:
            rows.append({"relationship": k, "direction": direction, "other_id": o, "other_name": op.get("name"),
                         "other_labels": list(g.nodes[o]["labels"]), "penalty_kind": op.get("kind"),
                         "penalty_amount_cny": op.get("amount_cny"),
                         "penalty_authority": _props(g, pa).get("name") if pa else None,
                         "articles": len(d["props"].get("sources", [])),
                         "evidence": (d["props"].get("evidence") or [None])[0]})
    return rows


def _offline_top_vendors(store, p):
    g = store.g
    by_vendor: dict[str, list[str]] = {}
    for client, vendors in store.typed_in().get("SUPPLIED", {}).items():
        for v in vendors:
            by_vendor.setdefault(v, []).append(client)
    rows = []
    for v, clients in by_vendor.items():
        clients = sorted(set(clients))
        names = [_props(g, c).get("name") for c in clients]
        penalized = sum(1 for c in clients if _penalties_on(store, c))
        rows.append({"vendor": _props(g, v).get("name"), "clients": len(clients), "penalized_clients": penalized,
                     "client_names": names})
    return rows


def _offline_timeline(store, p):
    g = store.g
    rows = []
    for n, d in g.nodes(data=True):
        if "Article" in d["labels"] and d["props"].get("published_at"):
            rows.append({"month": d["props"]["published_at"][:7], "what": "article", "amount_cny": None})
        elif "Penalty" in d["labels"]:
            first, _ = _first_report(g, n)
            date = d["props"].get("decided_at") or first
            rows.append({"month": date[:7] if date else None, "what": "penalty",
                         "amount_cny": d["props"].get("amount_cny")})
    return rows


def _path(store, p) -> list[dict]:
    a = find_node(store, p["a"])["id"]
    b = find_node(store, p["b"])["id"]
    hops = int(p.get("hops") or 4)
    if _is_neo4j(store):
        raw = store.run(cypher_text("path"), {"a": a, "b": b, "hops": hops})
        paths = [(r["ids"], r["types"], r["starts"]) for r in raw]
        names = {}
        for ids, _, _ in paths:
            for i in ids:
                names[i] = None
        if names:
            for r in store.run("UNWIND $ids AS i MATCH (n {id: i}) RETURN n.id AS id, n.name AS name, "
                               "labels(n) AS labels, n.kind AS kind", {"ids": sorted(names)}):
                names[r["id"]] = (r["name"] or r["kind"], main_label(r["labels"]))
    else:
        g = store.g
        node_paths = _shortest_paths(store, a, b, hops)
        paths = [(np_, types, starts) for np_ in node_paths for types, starts in _edge_choices(g, np_)]
        names = {n: (_props(g, n).get("name") or _props(g, n).get("kind"), main_label(g.nodes[n]["labels"]))
                 for ids, _, _ in paths for n in ids}
    if not paths:
        return []
    ids, types, starts = min(paths, key=lambda x: (len(x[0]), x[0], x[1], x[2]))
    rows = []
    for i, n in enumerate(ids):
        step = {"step": i, "node": names[n][0], "label": names[n][1], "via": None}
        if i:
            arrow = "→" if starts[i - 1] == ids[i - 1] else "←"
            step["via"] = f"{arrow}{types[i - 1]}"
        rows.append(step)
    return rows


def _shortest_paths(store, a: str, b: str, hops: int) -> list[list[str]]:
    """Every shortest path from ``a`` to ``b`` of at most ``hops`` relationships, either direction,
    through no article (breadth-first over the adjacency, without copying the graph)."""
    g = store.g
    nodes, succ = g._node, g._succ
    typed = store.typed_in()

    def neighbours(u):
        out = {v for v in succ[u] if "Article" not in nodes[v]["labels"]}
        for ends in typed.values():
            out.update(ends.get(u, ()))
        return out

    if a not in nodes or b not in nodes or "Article" in nodes[a]["labels"] or "Article" in nodes[b]["labels"]:
        return []
    parents: dict[str, list[str]] = {a: []}
    frontier = [a]
    depth = 0
    while frontier and b not in parents and depth < hops:
        depth += 1
        found: dict[str, list[str]] = {}
        for u in frontier:
            for v in neighbours(u):
                if v not in parents:
                    found.setdefault(v, []).append(u)
        parents.update(found)
        frontier = list(found)
    if b not in parents or a == b:
        return [[a]] if a == b else []

    def back(n):
        if n == a:
            return [[a]]
        return [p + [n] for u in parents[n] for p in back(u)]

    return back(b)


def _edge_choices(g, node_path):
    """Every choice of relationship along a node path: (types, start node of each)."""
    choices = [([], [])]
    for u, v in zip(node_path, node_path[1:]):
        opts = [(k, u) for k in (g.get_edge_data(u, v) or {})] + [(k, v) for k in (g.get_edge_data(v, u) or {})]
        choices = [(t + [k], s + [st]) for t, s in choices for k, st in opts]
    return choices


_OFFLINE: dict[str, Callable] = {
    "vendor-clients": _offline_vendor_clients, "penalties": _offline_penalties, "company": _offline_company,
    "top-vendors": _offline_top_vendors, "timeline": _offline_timeline,
}
_SHAPE: dict[str, Callable] = {
    "vendor-clients": _shape_vendor_clients, "penalties": _shape_penalties, "company": _shape_company,
    "top-vendors": _shape_top_vendors, "timeline": _shape_timeline,
}


def run_named(store, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    if name not in NAMED:
        raise QueryError(f"no named query {name!r}")
    p = dict(params or {})
    if name == "path":
        return _path(store, p)
    if "name" in NAMED[name].args:
        p["id"] = find_node(store, p["name"])["id"]
    if name == "penalties":
        p["authority_id"] = find_node(store, p["authority"])["id"] if p.get("authority") else None
        p["year"] = p.get("year")
    if _is_neo4j(store):
        q = {k: v for k, v in p.items() if k in ("id", "authority_id", "year")}
        rows = store.run(cypher_text(name), q)
    else:
        rows = _OFFLINE[name](store, p)
    rows = _SHAPE[name](rows)
    if p.get("limit"):
        rows = rows[: int(p["limit"])]
    return rows


# --- neighbourhood for the explore page ----------------------------------------------------
def neighbourhood(store, center: str, *, hops: int = 2, max_nodes: int = 600) -> dict[str, Any]:
    """The export-format subgraph within ``hops`` of ``center`` (articles included as evidence)."""
    return store.subgraph(center, hops=hops, max_nodes=max_nodes)


# --- stats ------------------------------------------------------------------------------
def stats(store) -> dict[str, list[dict[str, Any]]]:
    labels, types = store.counts()
    top_vendors = run_named(store, "top-vendors", {"limit": 10})
    pens = run_named(store, "penalties", {})
    by_auth: dict[str, dict[str, Any]] = defaultdict(lambda: {"penalties": 0, "fines_cny": 0})
    for r in pens:
        a = r["authority"] or "(unknown)"
        by_auth[a]["penalties"] += 1
        by_auth[a]["fines_cny"] += r["amount_cny"] or 0
    top_auth = sorted(({"authority": a, **v} for a, v in by_auth.items()),
                      key=lambda r: (-r["fines_cny"], -r["penalties"], r["authority"]))[:10]
    months = run_named(store, "timeline", {})
    return {
        "nodes by label": [{"label": k, "count": v} for k, v in sorted(labels.items(), key=lambda x: (-x[1], x[0]))],
        "relationships by type": [{"type": k, "count": v}
                                  for k, v in sorted(types.items(), key=lambda x: (-x[1], x[0]))],
        "top vendors by clients": [{k: r[k] for k in ("vendor", "clients", "penalized_clients")}
                                   for r in top_vendors],
        "top authorities by total fines": top_auth,
        "articles by month": [{"month": m["month"], "articles": m["articles"]} for m in months],
    }


def run_cypher(store, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if _is_neo4j(store):
        return store.run(cypher, params)
    from .offline_cypher import run as run_offline
    return run_offline(store, cypher, params)

