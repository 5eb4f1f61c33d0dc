"""The merge rules both stores share: batching, order and repetition do not change the graph."""
from __future__ import annotations

import random

from kg.extract import Extractor
from kg.gazetteer import load
from kg.graph import Fragment, Node, Rel, combine, evidence_ref, export_dict, merge_rel
from kg.resolve import Resolver
from kg.stores.offline import OfflineStore
from loaders import Article, iter_articles

from conftest import SAMPLES


def _fragments(paths) -> list[Fragment]:
    ex = Extractor(load())
    res = Resolver(ex.gaz)
    return [res.fragment(ex(a)) for a in iter_articles(paths) if isinstance(a, Article)]


def test_one_batch_equals_article_by_article(tmp_path, corpus_dir):
    frags = _fragments([str(SAMPLES), str(corpus_dir)])
    one = OfflineStore(tmp_path / "one.json")
    one.apply(frags)
    step = OfflineStore(tmp_path / "step.json")
    for f in frags:
        step.apply([f])
    assert one.export() == step.export()
    again = OfflineStore(tmp_path / "again.json")
    again.apply(frags)
    again.apply(frags)  # the same input twice: nothing doubles
    assert again.export() == one.export()


def test_evidence_is_capped_the_same_whatever_the_order():
    rels = []
    for i in range(9):
        aid = f"article:{i:02d}"
        rels.append(Rel("SUPPLIED", "company:v", "company:c",
                        {"sources": [aid], "evidence": [f"sentence {i}"], "evidence_refs": [evidence_ref(aid, 0, 5)]}))
    forward = None
    for r in rels:
        forward = merge_rel(forward, r)
    shuffled = rels[:]
    random.Random(7).shuffle(shuffled)
    backward = None
    for r in shuffled:
        backward = merge_rel(backward, r)
    assert forward.props == backward.props
    assert len(forward.props["sources"]) == 9
    assert len(forward.props["evidence"]) == 5 == len(forward.props["evidence_refs"])


def test_exact_count_beats_approximate_for_one_fact():
    a = Rel("COLLECTED", "company:x", "datacategory:人脸信息", {"sources": ["article:a"], "count": 430000,
                                                                "approximate": True})
    b = Rel("COLLECTED", "company:x", "datacategory:人脸信息", {"sources": ["article:b"], "count": 431623,
                                                                "approximate": False})
    for first, second in ((a, b), (b, a)):
        m = merge_rel(merge_rel(None, first), second)
        assert (m.props["count"], m.props["approximate"]) == (431623, False)
        assert m.props["sources"] == ["article:a", "article:b"]


def test_combine_keeps_aliases_as_a_sorted_union():
    f1 = Fragment("article:1", "h1")
    f1.add_node(Node("company:c", ("Company", "Organization"), {"name": "c", "aliases": ["b"]}))
    f2 = Fragment("article:2", "h2")
    f2.add_node(Node("company:c", ("Company", "Organization"), {"name": "c", "aliases": ["a", "b"]}))
    nodes, _ = combine([f1, f2])
    assert export_dict(nodes.values(), [])["nodes"][0]["properties"]["aliases"] == ["a", "b"]
