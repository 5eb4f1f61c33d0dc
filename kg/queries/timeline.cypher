// Articles, penalties and fines by month (aggregated by kg.queries).
MATCH (art:Article) WHERE art.published_at IS NOT NULL
RETURN substring(art.published_at, 0, 7) AS month, 'article' AS what, null AS amount_cny
UNION ALL
MATCH (a2:Article)-[:REPORTS]->(p:Penalty)
WITH p, min(a2.published_at) AS first_report
RETURN substring(coalesce(p.decided_at, first_report), 0, 7) AS month, 'penalty' AS what, p.amount_cny AS amount_cny
