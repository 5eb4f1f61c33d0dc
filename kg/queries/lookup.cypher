// Candidates for a name typed by a user: exact name or alias, else the full-text index (CJK).
// :param name => '悠洛客'
CALL {
  MATCH (n) WHERE n.name = $name OR $name IN n.aliases OR $name IN n.weak_aliases
  RETURN n
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $fulltext) YIELD node
  RETURN node AS n LIMIT 50
}
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases,
       n.weak_aliases AS weak_aliases, COUNT { (n)--() } AS degree
