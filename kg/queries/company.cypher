// Everything known about one entity, with the sentence each fact came from.
// :param id => 'company:上海小鹏汽车销售服务有限公司'
MATCH (c {id: $id})-[r]-(o)
WHERE NOT type(r) IN ['MENTIONS', 'REPORTS']
OPTIONAL MATCH (o)-[:ISSUED_BY]->(pa:Authority)
RETURN type(r) AS relationship,
       CASE WHEN startNode(r) = c THEN 'out' ELSE 'in' END AS direction,
       o.id AS other_id, o.name AS other_name, labels(o) AS other_labels,
       o.kind AS penalty_kind, o.amount_cny AS penalty_amount_cny, pa.name AS penalty_authority,
       size(r.sources) AS articles, r.evidence[0] AS evidence
