#include "chipgraph/graph/filter.hpp"

#include <algorithm>

namespace chipgraph::graph {

bool claim_passes(const ClaimRecord& claim, const Filter& filter) {
    if (!filter.predicates.empty() &&
        std::find(filter.predicates.begin(), filter.predicates.end(), claim.predicate) == filter.predicates.end())
        return false;
    if (claim.confidence < filter.min_confidence) return false;
    // Same rule as Store::load_graph: prefix comparison, undated claims fail a date filter.
    if (!filter.since.empty() && (claim.document_date.empty() || claim.document_date < filter.since)) return false;
    if (!filter.until.empty() && (claim.document_date.empty() || claim.document_date > filter.until + "\xff"))
        return false;
    return true;
}

bool type_passes(EntityType type, const Filter& filter) {
    return filter.types.empty() || std::find(filter.types.begin(), filter.types.end(), type) != filter.types.end();
}

}  // namespace chipgraph::graph
