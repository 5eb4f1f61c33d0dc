// Candidates for a name typed by a user: the name or an alias, equal or containing it
// (the same rule the offline store applies), plus the full-text index (CJK bigrams)
// for near matches. kg.queries ranks them: exact name, alias, weak alias, part of a name.
// :param name => '悠洛客'
CALL {
  MATCH (n) WHERE (n:Company OR n:Authority OR n:Media OR n:Regulation OR n:DataCategory OR n:Location)
    AND (n.name CONTAINS $name OR any(a IN coalesce(n.aliases, []) WHERE a CONTAINS $name)
         OR $name IN coalesce(n.weak_aliases, []))
  RETURN n
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $fulltext) YIELD node
  RETURN node AS n LIMIT 50
}
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases,
       n.weak_aliases AS weak_aliases, COUNT { (n)--() } AS degree
