"""The neighbourhood of one node, chosen the same way by every store."""
from __future__ import annotations

from typing import Callable

from ..graph import ARTICLE_OWNED

Neighbours = Callable[[list[str]], dict[str, list[tuple[str, str]]]]


def subgraph_ids(center: str, hops: int, max_nodes: int, neighbours: Neighbours,
                 sources: Callable[[list[str]], set[str]]) -> list[str]:
    """Breadth-first over facts (not through articles), then the articles those facts came from."""
    seen = {center}
    order = [center]
    frontier = [center]
    for _ in range(hops):
        found = neighbours(frontier)
        nxt = []
        for n in frontier:
            for rtype, m in sorted(found.get(n, [])):
                if rtype in ARTICLE_OWNED or m in seen or len(order) >= max_nodes:
                    continue
                seen.add(m)
                order.append(m)
                nxt.append(m)
        frontier = nxt
        if not frontier:
            break
    return order + sorted(sources(order) - seen)[:200]
