// Subgraph selection: the part of a GraphData that an export or a query shows.
//
// Every function returns a self-contained GraphData: the kept entities (records copied
// unchanged), the kept claims, and edges re-aggregated over the kept claims (so the
// document and independent-source counts describe what is exported). Entity and claim
// order follows the input. An unknown entity id throws std::invalid_argument.
#pragma once

#include <vector>

#include "chipgraph/core/model.hpp"
#include "chipgraph/graph/filter.hpp"
#include "chipgraph/graph/paths.hpp"

namespace chipgraph::graph {

// Claims passing `filter` between entities whose type passes `filter.types`. Entities
// of an allowed type are kept even when no claim touches them.
GraphData select(const GraphData& data, const Filter& filter);

// Entities within `depth` hops of `center` (either direction) over claims passing
// `filter`, and the claims among them that pass. Entity types outside `filter.types`
// are not entered (the center is always kept). depth 0: the center alone.
GraphData select_around(const GraphData& data, EntityId center, int depth, const Filter& filter = {});

// The entities and claims on the paths that `query` finds from `from` to `to` (all the
// claims of every edge on them that pass query.filter). No path: just the two entities.
GraphData select_path(const GraphData& data, EntityId from, EntityId to, const PathQuery& query = {});

// The given entities and every claim among them (induced subgraph).
GraphData select_entities(const GraphData& data, const std::vector<EntityId>& ids);

}  // namespace chipgraph::graph
