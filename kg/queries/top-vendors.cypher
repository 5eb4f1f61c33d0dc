// Vendors by number of clients, with how many of those clients were penalised.
MATCH (v:Company)-[:SUPPLIED]->(c:Company)
OPTIONAL MATCH (p:Penalty)-[:IMPOSED_ON]->(t:Company) WHERE t = c OR (t)-[:SUBSIDIARY_OF]->(c)
WITH v, c, count(p) AS penalties
WITH v, c.name AS client, penalties ORDER BY client
WITH v, collect(client) AS names, sum(CASE WHEN penalties > 0 THEN 1 ELSE 0 END) AS penalized
RETURN v.name AS vendor, size(names) AS clients, penalized AS penalized_clients, names AS client_names
ORDER BY clients DESC, vendor
