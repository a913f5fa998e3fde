// Queries shared by the store's source files.
#pragma once

#include <sqlite3.h>

#include <unordered_map>

#include "chipgraph/core/model.hpp"

namespace chipgraph {

// Root entity of each entity merged by the user (from_id -> into_id).
std::unordered_map<EntityId, EntityId> load_merges(sqlite3* db);

}  // namespace chipgraph
