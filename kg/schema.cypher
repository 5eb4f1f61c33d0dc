// Constraints and indexes for the privacy-incident graph (Neo4j 5.x).
// Applied idempotently by the Neo4j store on first write and by `kg schema apply`.

// Every node is found by its stable id.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT company_id IF NOT EXISTS FOR (n:Company) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT authority_id IF NOT EXISTS FOR (n:Authority) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT media_id IF NOT EXISTS FOR (n:Media) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT app_id IF NOT EXISTS FOR (n:App) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT regulation_id IF NOT EXISTS FOR (n:Regulation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT penalty_id IF NOT EXISTS FOR (n:Penalty) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT datacategory_id IF NOT EXISTS FOR (n:DataCategory) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;

// Lookups by name.
CREATE INDEX company_name IF NOT EXISTS FOR (n:Company) ON (n.name);
CREATE INDEX authority_name IF NOT EXISTS FOR (n:Authority) ON (n.name);
CREATE INDEX media_name IF NOT EXISTS FOR (n:Media) ON (n.name);
CREATE INDEX regulation_name IF NOT EXISTS FOR (n:Regulation) ON (n.name);
CREATE INDEX datacategory_name IF NOT EXISTS FOR (n:DataCategory) ON (n.name);
CREATE INDEX location_name IF NOT EXISTS FOR (n:Location) ON (n.name);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published_at);
CREATE INDEX penalty_amount IF NOT EXISTS FOR (n:Penalty) ON (n.amount_cny);

// Search by any name form, Chinese-aware (CJK bigrams).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Company|Authority|Media|Regulation|DataCategory|Location)
ON EACH [n.name, n.aliases, n.weak_aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
