// LOAD CSV import (fine for small graphs; for large ones use neo4j-admin, see README.md).
// Copy nodes.csv and relationships.csv into Neo4j's import directory, then run this file
// (cypher-shell -f import.cypher). With dbms.import.csv.legacy_quote_escaping=true (the
// default) a backslash right before a quote inside a field is read as an escape.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.entityId IS UNIQUE;
LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
CREATE (:Entity {entityId: row.`entityId:ID`, name: row.name, type: row.type,
  aliases: coalesce(split(row.`aliases:string[]`, ';'), []),
  unnamed: toBoolean(row.`unnamed:boolean`), mentions: toInteger(row.`mentions:int`)});
MATCH (n:Entity {type: 'person'}) SET n:Person;
MATCH (n:Entity {type: 'organization'}) SET n:Organization;
MATCH (n:Entity {type: 'government'}) SET n:Government;
MATCH (n:Entity {type: 'facility'}) SET n:Facility;
MATCH (n:Entity {type: 'product'}) SET n:Product;
MATCH (n:Entity {type: 'place'}) SET n:Place;
MATCH (n:Entity {type: 'instrument'}) SET n:Instrument;
MATCH (n:Entity {type: 'group'}) SET n:Group;
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'AFFILIATED_WITH'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`AFFILIATED_WITH` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'INTERMEDIARY_FOR'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`INTERMEDIARY_FOR` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'LOCATED_IN'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`LOCATED_IN` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'OWNS'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`OWNS` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'PAYS_WITH'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`PAYS_WITH` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'PRODUCES'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`PRODUCES` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'RESTRICTS'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`RESTRICTS` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'SUBSIDIARY_OF'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`SUBSIDIARY_OF` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'SUPPLIES'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`SUPPLIES` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'USES'
MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})
CREATE (a)-[:`USES` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),
  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);
