// Shortest connections between two entities, not through articles.
// :param a => 'company:上海悠络客电子科技有限公司'  :param b => 'authority:上海市徐汇区市场监督管理局'  :param hops => 4
MATCH (a {id: $a}), (b {id: $b})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE none(n IN nodes(p) WHERE n:Article)
WITH p WHERE length(p) <= $hops
RETURN [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS types,
       [r IN relationships(p) | startNode(r).id] AS starts
