// Every client of a vendor and the penalties those clients (or their subsidiaries) received.
// :param id => 'company:上海悠络客电子科技有限公司'
MATCH (v:Company {id: $id})-[s:SUPPLIED]->(c:Company)
OPTIONAL MATCH (p:Penalty)-[:IMPOSED_ON]->(t:Company)
WHERE t = c OR (t)-[:SUBSIDIARY_OF]->(c)
OPTIONAL MATCH (p)-[:ISSUED_BY]->(a:Authority)
OPTIONAL MATCH (p)-[:CITES]->(g:Regulation)
RETURN c.name AS client, s.product AS product, size(s.sources) AS articles,
       t.name AS penalized, p.amount_cny AS amount_cny, p.kind AS kind,
       a.name AS authority, g.name AS regulation
