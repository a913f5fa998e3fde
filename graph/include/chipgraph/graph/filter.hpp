// Filters shared by path queries, chains, neighbourhoods and subgraph selection.
#pragma once

#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"

namespace chipgraph::graph {

// Which claims, edges and entities a query may use. Empty fields mean "no restriction".
//
// A claim passes when its predicate is listed, its confidence is >= min_confidence and
// its document date lies in [since, until] (ISO dates compared as prefixes, as in
// Store::load_graph: "2024-05" until covers the whole of May; claims without a date
// fail a date filter). An edge passes when at least one of its claims passes.
struct Filter {
    std::vector<std::string> predicates;
    double min_confidence = 0.0;
    std::string since, until;
    // Entity types. In path, chain and neighbour queries they restrict the vertices a
    // path may pass *through* (the endpoints are always allowed); in selections they
    // restrict which entities are kept at all.
    std::vector<EntityType> types;

    bool restricts_claims() const {
        return !predicates.empty() || min_confidence > 0.0 || !since.empty() || !until.empty();
    }
    bool empty() const { return !restricts_claims() && types.empty(); }
};

// True when the claim passes the claim part of the filter (predicate, confidence, dates).
bool claim_passes(const ClaimRecord& claim, const Filter& filter);

// True when the entity type passes `filter.types`.
bool type_passes(EntityType type, const Filter& filter);

}  // namespace chipgraph::graph
