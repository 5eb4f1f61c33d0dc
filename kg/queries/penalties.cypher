// Penalties imposed, optionally by one authority and/or year (decided_at, else the first report).
// :param authority_id => null   :param year => null
MATCH (p:Penalty)-[:IMPOSED_ON]->(t:Company)
OPTIONAL MATCH (p)-[:ISSUED_BY]->(a:Authority)
OPTIONAL MATCH (p)-[:CITES]->(g:Regulation)
OPTIONAL MATCH (art:Article)-[:REPORTS]->(p)
WITH p, t, a, g, min(art.published_at) AS first_report, count(DISTINCT art) AS articles
WITH p, t, a, g, articles, coalesce(p.decided_at, substring(first_report, 0, 10)) AS date
WHERE ($authority_id IS NULL OR a.id = $authority_id)
  AND ($year IS NULL OR date STARTS WITH toString($year))
RETURN date, a.name AS authority, t.name AS target, p.amount_cny AS amount_cny, p.kind AS kind,
       g.name AS regulation, articles
