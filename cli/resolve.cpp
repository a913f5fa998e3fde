#include <fmt/format.h>

#include "app.hpp"

namespace chipgraph::cli {

EntityId resolve_entity(const Store& store, const std::string& name) {
    auto ids = store.find_entities(name);
    if (ids.size() == 1) return ids.front();
    if (ids.empty()) {
        auto near = store.suggest_names(name);
        if (near.empty()) throw UsageError(fmt::format("no entity named \"{}\"", name));
        throw UsageError(fmt::format("no entity named \"{}\"; did you mean \"{}\"?", name, fmt::join(near, "\", \"")));
    }
    std::vector<std::string> names;
    for (auto id : ids)
        if (auto e = store.entity(id)) names.push_back(fmt::format("{} ({}, #{})", e->name, to_string(e->type), id));
    throw UsageError(fmt::format("\"{}\" names {} entities: {}; use a fuller name or #ID", name, ids.size(),
                                 fmt::join(names, "; ")));
}

}  // namespace chipgraph::cli
