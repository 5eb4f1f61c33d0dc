"""Resolution across articles: which names an article's ties may fold into one node."""
from kg.gazetteer import load
from kg.resolve import AliasIndex


def _index():
    return AliasIndex(load())


def test_a_short_name_tied_to_a_legal_name_is_learned():
    ix = _index()
    ix.learn_tie("Company", "瑞景安全", "杭州瑞景安全科技有限公司")
    assert ix.lookup("Company", "瑞景安全") == "杭州瑞景安全科技有限公司"
    assert ix.learned_in("据悉，瑞景安全已整改。") == [(3, 7, "瑞景安全")]


def test_two_registered_companies_are_never_folded_by_a_tie():
    # both called "小鹏汽车" in their articles: the sales company is not the carmaker
    ix = _index()
    ix.learn_tie("Company", "上海星辰智能科技有限公司", "广州星辰汽车科技有限公司")
    assert ix.lookup("Company", "上海星辰智能科技有限公司") == "上海星辰智能科技有限公司"
    assert ix.lookup("Company", "广州星辰汽车科技有限公司") == "广州星辰汽车科技有限公司"


def test_a_misspelt_legal_name_is_folded():
    ix = _index()
    ix.learn_tie("Company", "上海星晨智能科技有限公司", "上海星辰智能科技有限公司")
    assert ix.lookup("Company", "上海星晨智能科技有限公司") == "上海星辰智能科技有限公司"


def test_a_legal_name_does_not_become_a_known_brand():
    # "上海星辰智能科技有限公司（以下简称“Facebook”）" in one article must not make every later
    # mention of that company a mention of Facebook
    ix = _index()
    assert ix.gaz.get("Company", "Facebook") is not None
    ix.learn_tie("Company", "上海星辰智能科技有限公司", "Facebook")
    assert ix.lookup("Company", "上海星辰智能科技有限公司") == "上海星辰智能科技有限公司"


def test_stored_aliases_are_learned_as_ties_would_be():
    # a re-run reads the aliases back from the store: it must link what a clean run links, no more
    ix = _index()
    ix.learn_node("Company", "Facebook", ["FB公司", "上海星辰智能科技有限公司"])
    assert ix.lookup("Company", "FB公司") == "Facebook"
    assert ix.lookup("Company", "上海星辰智能科技有限公司") == "上海星辰智能科技有限公司"


def test_an_article_calling_a_company_by_a_known_brand_does_not_fold_them():
    from kg.extract import Extractor
    from kg.resolve import Resolver
    from loaders.article import Article
    from loaders.segment import build_text

    text, paragraphs, sentences = build_text([
        "上海星辰智能科技有限公司（以下简称“Facebook”）违规收集个人信息。",
        "上海星辰智能科技有限公司被上海市徐汇区市场监督管理局罚款5万元。"])
    ex = Extractor()(Article(id="article:0000000000000001", text=text, title="t",
                             paragraphs=paragraphs, sentences=sentences))
    frag = Resolver(load()).fragment(ex)
    fined = [r.end for r in frag.rels.values() if r.type == "IMPOSED_ON"]
    assert fined == ["company:上海星辰智能科技有限公司"]
    assert "上海星辰智能科技有限公司" not in frag.nodes["company:Facebook"].props["aliases"]


def test_learned_names_are_found_where_their_first_characters_overlap():
    # the first characters of one learned name also start another one a character later
    ix = AliasIndex(load())
    ix.learn_tie("Company", "安全猫科技", "杭州安全猫科技有限公司")
    ix.learn_tie("Company", "全景智能", "深圳全景智能科技有限公司")
    assert ix.learned_in("据悉安全景智能与安全猫科技合作") == [(3, 7, "全景智能"), (8, 13, "安全猫科技")]


def test_each_way_an_article_writes_a_name_is_kept_on_its_node(corpus_dir):
    # ingest's workers send each article's distinct mentioned entities, not every mention: no
    # surface form may be lost on the way (an article writes 上海市市场监管局 and 上海市市场监督管理局)
    from kg.extract import Extractor
    from kg.resolve import Resolver, mentioned_entities
    from loaders import Article, iter_articles

    extractor = Extractor(load())
    articles = [a for a in iter_articles([str(corpus_dir)]) if isinstance(a, Article)]
    assert len(articles) > 20
    checked = 0
    for a in articles:
        ex = extractor(a)
        surfaces = {(m.label, m.text.strip("《》") if m.label == "Regulation" else m.text) for m in ex.mentions
                    if m.label in ("Company", "Authority", "Regulation", "Media", "DataCategory") and not m.weak}
        mentioned = mentioned_entities(ex)
        ex.mentions = []
        frag = Resolver(extractor.gaz).fragment(ex, mentioned)
        forms = {(label, form) for n in frag.nodes.values() for label in n.labels
                 for form in [n.props.get("name"), *n.props.get("aliases", ())]}
        assert surfaces <= forms, (a.id, surfaces - forms)
        checked += len(surfaces)
    assert checked > 200
