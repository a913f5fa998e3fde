// The shared vocabulary (../shared/ontology.md): entity types and predicates.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace chipgraph {

enum class EntityType { person, organization, government, facility, product, place, instrument, group };

inline constexpr std::array<std::string_view, 8> kEntityTypeNames = {
    "person", "organization", "government", "facility", "product", "place", "instrument", "group"};

std::string_view to_string(EntityType type);
std::optional<EntityType> parse_entity_type(std::string_view name);

// The 15 core predicates, subject -> object. Claims store predicates as text so that
// rule packs may add their own; these are the names every component agrees on.
inline constexpr std::array<std::string_view, 15> kPredicates = {
    "supplies", "uses",          "produces",         "distributes", "funds",
    "owns",     "operates",      "located_in",       "subsidiary_of", "affiliated_with",
    "founded_by", "intermediary_for", "pays_with",   "restricts",   "transports_to"};

bool is_core_predicate(std::string_view predicate);

// How strongly the text states a claim.
enum class ClaimStatus { asserted, alleged, predicted, denied };

std::string_view to_string(ClaimStatus status);
std::optional<ClaimStatus> parse_claim_status(std::string_view name);

}  // namespace chipgraph
