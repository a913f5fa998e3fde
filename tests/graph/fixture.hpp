// Small hand-made graphs for the graph tests.
#pragma once

#include <map>
#include <string>

#include <boost/range/iterator_range.hpp>

#include "chipgraph/core/model.hpp"
#include "chipgraph/graph/knowledge_graph.hpp"
#include "chipgraph/graph/paths.hpp"

namespace chipgraph::graph::testing {

struct Builder {
    GraphData data;
    std::map<std::string, EntityId> ids;
    std::map<std::string, std::int64_t> groups;

    EntityId entity(const std::string& name, EntityType type = EntityType::organization) {
        if (auto it = ids.find(name); it != ids.end()) return it->second;
        EntityRecord e;
        e.id = static_cast<EntityId>(data.entities.size()) + 1;
        e.name = name;
        e.type = type;
        data.entities.push_back(e);
        ids[name] = e.id;
        return e.id;
    }
    // Adds a claim; entities are created on first use. The source group is the document's
    // own unless `group` names a shared one.
    Builder& claim(const std::string& s, const std::string& p, const std::string& o, double confidence = 0.8,
                   const std::string& doc = "a.txt", const std::string& date = "2024-01-01",
                   const std::string& group = "") {
        ClaimRecord c;
        c.id = static_cast<ClaimId>(data.claims.size()) + 1;
        c.subject = entity(s);
        c.object = entity(o);
        c.predicate = p;
        c.confidence = confidence;
        c.document = doc;
        c.document_date = date;
        c.sentence = s + " " + p + " " + o + ".";
        const std::string& key = group.empty() ? doc : group;
        auto [it, added] = groups.try_emplace(key, static_cast<std::int64_t>(groups.size()) + 1);
        c.source_group = it->second;
        data.claims.push_back(c);
        return *this;
    }
    GraphData build() {
        aggregate_edges(data);
        return data;
    }
};

inline Vertex vertex(const KnowledgeGraph& g, const std::string& name) {
    for (Vertex v = 0; v < g.vertex_count(); ++v)
        if (g.entity(v).name == name) return v;
    throw std::runtime_error("no vertex " + name);
}

inline std::string names(const KnowledgeGraph& g, const Path& p) {
    std::string out;
    for (auto v : p.vertices) out += (out.empty() ? "" : ">") + g.entity(v).name;
    return out;
}

}  // namespace chipgraph::graph::testing
