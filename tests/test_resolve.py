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
