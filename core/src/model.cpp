#include "chipgraph/core/model.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace chipgraph {

void aggregate_edges(GraphData& data) {
    using Key = std::tuple<EntityId, std::string_view, EntityId>;
    std::map<Key, std::size_t> index;
    data.edges.clear();
    for (std::size_t i = 0; i < data.claims.size(); ++i) {
        const auto& c = data.claims[i];
        Key key{c.subject, c.predicate, c.object};
        auto [it, inserted] = index.emplace(key, data.edges.size());
        if (inserted) {
            EdgeRecord e;
            e.subject = c.subject;
            e.predicate = c.predicate;
            e.object = c.object;
            data.edges.push_back(std::move(e));
        }
        data.edges[it->second].claims.push_back(i);
    }
    for (auto& e : data.edges) {
        std::set<std::string_view> docs;
        std::map<std::int64_t, double> best_per_source;
        for (auto ci : e.claims) {
            const auto& c = data.claims[ci];
            docs.insert(c.document);
            auto& best = best_per_source[c.source_group];
            best = std::max(best, c.confidence);
            e.best_confidence = std::max(e.best_confidence, c.confidence);
            if (!c.document_date.empty()) {
                if (e.first_date.empty() || c.document_date < e.first_date) e.first_date = c.document_date;
                if (e.last_date.empty() || c.document_date > e.last_date) e.last_date = c.document_date;
            }
        }
        double miss = 1.0;
        for (auto& [group, conf] : best_per_source) miss *= 1.0 - conf;
        e.combined_confidence = 1.0 - miss;
        e.document_count = static_cast<int>(docs.size());
        e.independent_sources = static_cast<int>(best_per_source.size());
    }
    // Deterministic order: by subject, predicate, object (map order differs from insertion).
    std::sort(data.edges.begin(), data.edges.end(), [](const EdgeRecord& a, const EdgeRecord& b) {
        return std::tie(a.subject, a.predicate, a.object) < std::tie(b.subject, b.predicate, b.object);
    });
}

}  // namespace chipgraph
