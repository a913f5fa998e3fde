// Supply chains: "the customer of the customer of the customer".
//
// A chain is a simple directed path whose hops all use chain predicates and which
// contains at least one `supplies` hop. Besides `supplies` (provider -> customer), the
// hops that carry access to chips one step further count: `owns` and `operates` (the
// owner controls what the servers supply), `funds` (investors -> the venture they pay
// for), `intermediary_for` (broker -> the party served) and `subsidiary_of` (a front ->
// its parent, which gets what the front buys). Example:
//   investors in Dubai --funds--> Derek Aw --owns--> servers in Brisbane
//     --supplies--> company based in Beijing
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "chipgraph/graph/paths.hpp"

namespace chipgraph::graph {

inline constexpr std::array<std::string_view, 6> kChainPredicates = {
    "supplies", "owns", "operates", "funds", "intermediary_for", "subsidiary_of"};

struct ChainQuery {
    std::optional<Vertex> from;  // chains starting here (chains --from)
    std::optional<Vertex> to;    // chains ending here (chains --to); both: chains between them
    int max_hops = 6;
    Filter filter;  // predicates are intersected with kChainPredicates
    std::size_t max_chains = 50;
    // Work bound for the enumeration (visited path prefixes); hitting it sets `capped`.
    std::size_t max_expansions = 2'000'000;
};

struct ChainResult {
    // Maximal chains only (a chain contained in a longer reported chain is dropped),
    // longest first, then by confidence (product of the hops' combined confidences).
    std::vector<Path> chains;
    bool capped = false;  // more chains exist than max_chains, or the work bound was hit
};

// Throws std::invalid_argument when neither `from` nor `to` is set.
ChainResult find_chains(const KnowledgeGraph& g, const ChainQuery& query);

}  // namespace chipgraph::graph
