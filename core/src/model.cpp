#include "chipgraph/core/model.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chipgraph/core/memory.hpp"

namespace chipgraph {

namespace {

// Predicates as small integers numbered in name order, so that comparing numbers compares
// names. A graph has a handful of predicates and a claim usually repeats the one before
// it or one of the first few, so lookups are a short scan, with a hash map for the rare
// store with many.
class PredicateNumbers {
public:
    explicit PredicateNumbers(const std::vector<ClaimRecord>& claims) {
        reserve_populated(numbers_, claims.size());
        for (const auto& c : claims) numbers_.push_back(provisional(c.predicate));
        std::vector<std::uint32_t> by_name(names_.size());
        std::iota(by_name.begin(), by_name.end(), 0u);
        std::sort(by_name.begin(), by_name.end(), [&](auto a, auto b) { return names_[a] < names_[b]; });
        std::vector<std::uint32_t> renumber(names_.size());
        for (std::uint32_t k = 0; k < by_name.size(); ++k) renumber[by_name[k]] = k;
        for (auto& n : numbers_) n = renumber[n];
    }
    // The number of claim i's predicate.
    std::uint32_t operator[](std::size_t i) const { return numbers_[i]; }

private:
    std::uint32_t provisional(std::string_view name) {
        if (!names_.empty() && names_[last_] == name) return last_;
        if (map_.empty()) {
            for (std::uint32_t k = 0; k < names_.size(); ++k)
                if (names_[k] == name) return last_ = k;
            if (names_.size() < 32) return last_ = add(name);
            for (std::uint32_t k = 0; k < names_.size(); ++k) map_.emplace(names_[k], k);
        }
        auto [it, added] = map_.emplace(name, static_cast<std::uint32_t>(names_.size()));
        if (added) add(name);
        return last_ = it->second;
    }
    std::uint32_t add(std::string_view name) {
        names_.push_back(name);
        return static_cast<std::uint32_t>(names_.size() - 1);
    }

    std::vector<std::string_view> names_;  // views of the claims' predicate strings
    std::unordered_map<std::string_view, std::uint32_t> map_;
    std::vector<std::uint32_t> numbers_;  // by claim
    std::uint32_t last_ = 0;
};

// Fills the counts, confidences and dates of edges from their claims. Most edges have one
// claim; the others have a few, summarized with sorted small vectors kept from one edge to
// the next rather than a set and a map per edge.
class EdgeSummarizer {
public:
    explicit EdgeSummarizer(const std::vector<ClaimRecord>& claims) : claims_(claims) {}

    void operator()(EdgeRecord& e) {
        if (e.claims.size() == 1) {
            const auto& c = claims_[e.claims.front()];
            e.best_confidence = std::max(0.0, c.confidence);
            e.combined_confidence = 1.0 - (1.0 - std::max(0.0, c.confidence));
            e.document_count = e.independent_sources = 1;
            e.first_date = e.last_date = c.document_date;
            return;
        }
        docs_.clear();
        groups_.clear();
        for (auto ci : e.claims) {
            const auto& c = claims_[ci];
            docs_.push_back(c.document);
            groups_.emplace_back(c.source_group, std::max(0.0, c.confidence));
            e.best_confidence = std::max(e.best_confidence, c.confidence);
            if (!c.document_date.empty()) {
                if (e.first_date.empty() || c.document_date < e.first_date) e.first_date = c.document_date;
                if (e.last_date.empty() || c.document_date > e.last_date) e.last_date = c.document_date;
            }
        }
        std::sort(docs_.begin(), docs_.end());
        e.document_count = static_cast<int>(std::unique(docs_.begin(), docs_.end()) - docs_.begin());
        // The best claim of each independent source, multiplied in source-group order so
        // that the result does not depend on the order of the claims.
        std::sort(groups_.begin(), groups_.end());
        double miss = 1.0;
        int sources = 0;
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            if (i + 1 < groups_.size() && groups_[i + 1].first == groups_[i].first) continue;  // the last is the best
            miss *= 1.0 - groups_[i].second;
            ++sources;
        }
        e.combined_confidence = 1.0 - miss;
        e.independent_sources = sources;
    }

private:
    const std::vector<ClaimRecord>& claims_;
    std::vector<std::string_view> docs_;
    std::vector<std::pair<std::int64_t, double>> groups_;  // (source group, confidence)
};

}  // namespace

void aggregate_edges(GraphData& data) {
    constexpr std::size_t kPrefetch = 16;  // claims ahead
    const auto& claims = data.claims;
    data.edges.clear();
    if (claims.empty()) return;
    // One sort of the claims by (subject, predicate, object, claim): each run of equal keys
    // is an edge, and the runs come out in edge order.
    const PredicateNumbers predicate(claims);
    struct Key {
        EntityId subject, object;
        std::uint32_t predicate, claim;
        auto tie() const { return std::tie(subject, predicate, object, claim); }
    };
    std::vector<Key> keys;
    reserve_populated(keys, claims.size());
    for (std::size_t i = 0; i < claims.size(); ++i)
        keys.push_back(Key{claims[i].subject, claims[i].object, predicate[i], static_cast<std::uint32_t>(i)});
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.tie() < b.tie(); });
    auto same_edge = [](const Key& a, const Key& b) {
        return a.subject == b.subject && a.predicate == b.predicate && a.object == b.object;
    };
    std::size_t edge_count = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) edge_count += i == 0 || !same_edge(keys[i - 1], keys[i]);
    reserve_populated(data.edges, edge_count);
    EdgeSummarizer summarize(claims);
    for (std::size_t i = 0; i < keys.size();) {
        // The claims of the edges ahead, in sort order, are scattered over `claims`: ask the
        // cache for them early, a miss each otherwise.
        for (std::size_t k = i + kPrefetch; k < std::min(i + kPrefetch + 2, keys.size()); ++k)
            __builtin_prefetch(&claims[keys[k].claim]);
        std::size_t j = i + 1;
        while (j < keys.size() && same_edge(keys[i], keys[j])) ++j;
        EdgeRecord& e = data.edges.emplace_back();
        const auto& first = claims[keys[i].claim];
        e.subject = first.subject;
        e.predicate = first.predicate;
        e.object = first.object;
        e.claims.reserve(j - i);
        for (; i < j; ++i) e.claims.push_back(keys[i].claim);
        summarize(e);
    }
}

}  // namespace chipgraph
