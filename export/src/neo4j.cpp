#include "chipgraph/exporters/neo4j.hpp"

#include <fstream>
#include <set>

#include "support.hpp"

namespace chipgraph::exporters {

namespace {

using namespace detail;

// One element of a `;`-delimited array field: a `;` inside becomes `,`.
void append_array(std::string& out, const auto& items, std::string& scratch) {
    if (items.empty()) return;  // empty field: no property
    scratch.clear();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) scratch.push_back(';');
        std::size_t from = scratch.size();
        scratch.append(items[i]);
        for (std::size_t k = from; k < scratch.size(); ++k)
            if (scratch[k] == ';') scratch[k] = ',';
    }
    append_csv_quoted(out, scratch);
}

std::string label_of(EntityType type) {
    std::string s(to_string(type));
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::ofstream open_file(const std::filesystem::path& path) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw ExportError("cannot write " + path.string());
    return f;
}

}  // namespace

std::string neo4j_relationship_type(std::string_view predicate) {
    std::string t;
    for (char c : predicate) {
        if (c >= 'a' && c <= 'z')
            t.push_back(static_cast<char>(c - 'a' + 'A'));
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            t.push_back(c);
        else
            t.push_back('_');
    }
    if (t.empty() || (t[0] >= '0' && t[0] <= '9')) t.insert(0, "R_");
    return t;
}

ExportStats write_neo4j(const GraphData& data, const std::filesystem::path& dir, const ExportOptions& options) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw ExportError("cannot create directory " + dir.string() + (ec ? ": " + ec.message() : ""));
    GraphView view(data);
    std::string scratch;
    std::array<bool, 8> types_present{};
    {
        auto file = open_file(dir / "nodes.csv");
        Sink out(file);
        out.raw("entityId:ID,name,type,:LABEL,aliases:string[],unnamed:boolean,mentions:int\n");
        for (std::size_t i = 0; i < data.entities.size(); ++i) {
            if (!view.writable_entity(i)) continue;
            const auto& e = data.entities[i];
            types_present[static_cast<std::size_t>(e.type) % 8] = true;
            out.raw("n").num(e.id).raw(",");
            append_csv_quoted(out.buf(), e.name);
            out.raw(",").raw(to_string(e.type)).raw(",Entity;").raw(label_of(e.type)).raw(",");
            append_array(out.buf(), e.aliases, scratch);
            out.raw(e.unnamed ? ",true," : ",false,").num(e.mention_count).raw("\n");
            out.maybe_flush();
        }
        out.finish();
    }
    std::set<std::string> rel_types;
    {
        auto file = open_file(dir / "relationships.csv");
        Sink out(file);
        out.raw(":START_ID,:END_ID,:TYPE,claims:int,confidence:double,evidence,sources:string[]\n");
        EdgeFacts facts;
        std::string evidence;
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            prefetch_edge(data, i + 8);
            if (!view.writable(i)) continue;
            const auto& edge = data.edges[i];
            facts.collect(data, edge);
            std::string type = neo4j_relationship_type(edge.predicate);
            out.raw("n").num(edge.subject).raw(",n").num(edge.object).raw(",").raw(type).raw(",");
            out.num(static_cast<std::int64_t>(edge.claims.size())).raw(",");
            if (finite(edge.best_confidence)) out.dbl(edge.best_confidence);
            out.raw(",");
            evidence.clear();
            append_truncated_utf8(evidence, facts.evidence, options.evidence_bytes);
            append_csv_quoted(out.buf(), evidence);
            out.raw(",");
            append_array(out.buf(), facts.sources, scratch);
            out.raw("\n");
            out.maybe_flush();
            rel_types.insert(std::move(type));
        }
        out.finish();
    }
    {
        auto file = open_file(dir / "import.cypher");
        Sink out(file);
        out.raw(
            "// LOAD CSV import (fine for small graphs; for large ones use neo4j-admin, see README.md).\n"
            "// Copy nodes.csv and relationships.csv into Neo4j's import directory, then run this file\n"
            "// (cypher-shell -f import.cypher). With dbms.import.csv.legacy_quote_escaping=true (the\n"
            "// default) a backslash right before a quote inside a field is read as an escape.\n"
            "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.entityId IS UNIQUE;\n"
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
            "CREATE (:Entity {entityId: row.`entityId:ID`, name: row.name, type: row.type,\n"
            "  aliases: coalesce(split(row.`aliases:string[]`, ';'), []),\n"
            "  unnamed: toBoolean(row.`unnamed:boolean`), mentions: toInteger(row.`mentions:int`)});\n");
        for (std::size_t t = 0; t < types_present.size(); ++t) {
            if (!types_present[t]) continue;
            auto type = static_cast<EntityType>(t);
            out.raw("MATCH (n:Entity {type: '").raw(to_string(type)).raw("'}) SET n:").raw(label_of(type)).raw(";\n");
        }
        for (const auto& type : rel_types) {
            out.raw("LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n");
            out.raw("WITH row WHERE row.`:TYPE` = '").raw(type).raw("'\n");
            out.raw(
                "MATCH (a:Entity {entityId: row.`:START_ID`}), (b:Entity {entityId: row.`:END_ID`})\n"
                "CREATE (a)-[:`");
            out.raw(type).raw(
                "` {claims: toInteger(row.`claims:int`), confidence: toFloat(row.`confidence:double`),\n"
                "  evidence: row.evidence, sources: coalesce(split(row.`sources:string[]`, ';'), [])}]->(b);\n");
        }
        out.finish();
    }
    {
        auto file = open_file(dir / "README.md");
        Sink out(file);
        out.raw(
            "# Neo4j import\n\n"
            "Bulk import into an empty, stopped database (Neo4j 5), run from this directory:\n\n"
            "    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv "
            "--multiline-fields=true --array-delimiter=';' --overwrite-destination=true neo4j\n\n"
            "`--multiline-fields=true` is required: evidence sentences may contain line breaks inside quoted "
            "fields. Arrays (`aliases`, `sources`) use `;` as the delimiter.\n\n"
            "Small graphs can also be loaded into a running database with `import.cypher` (LOAD CSV):\n"
            "copy the two CSV files into Neo4j's `import/` directory and run\n"
            "`cypher-shell -u neo4j -p PASSWORD -f import.cypher`.\n\n"
            "Nodes carry the labels `Entity` and their type (`Organization`, `Person`, ...); relationship\n"
            "types are the predicates in upper case (`SUPPLIES`, `LOCATED_IN`, ...).\n");
        out.finish();
    }
    return {view.writable_entities(), view.writable_edges(), view.writable_claims(), view.skipped_edges(), 0};
}

}  // namespace chipgraph::exporters
