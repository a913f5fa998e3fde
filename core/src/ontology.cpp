#include "chipgraph/core/ontology.hpp"

#include <algorithm>

namespace chipgraph {

std::string_view to_string(EntityType type) { return kEntityTypeNames[static_cast<std::size_t>(type)]; }

std::optional<EntityType> parse_entity_type(std::string_view name) {
    for (std::size_t i = 0; i < kEntityTypeNames.size(); ++i)
        if (kEntityTypeNames[i] == name) return static_cast<EntityType>(i);
    return std::nullopt;
}

bool is_core_predicate(std::string_view predicate) {
    return std::find(kPredicates.begin(), kPredicates.end(), predicate) != kPredicates.end();
}

namespace {
constexpr std::array<std::string_view, 4> kStatusNames = {"asserted", "alleged", "predicted", "denied"};
}

std::string_view to_string(ClaimStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<ClaimStatus> parse_claim_status(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (kStatusNames[i] == name) return static_cast<ClaimStatus>(i);
    return std::nullopt;
}

}  // namespace chipgraph
