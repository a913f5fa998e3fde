#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "app.hpp"

namespace chipgraph::cli {

namespace {

// "#123" (surrounding spaces allowed): the id, else nullopt.
std::optional<EntityId> parse_id(const std::string& name) {
    auto b = name.find_first_not_of(" \t");
    auto e = name.find_last_not_of(" \t");
    if (b == std::string::npos || name[b] != '#' || e == b) return std::nullopt;
    std::string digits = name.substr(b + 1, e - b);
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stoll(digits);
}

}  // namespace

EntityId resolve_entity(const Store& store, const std::string& name) {
    if (auto id = parse_id(name)) {
        if (auto canonical = store.canonical_entity(*id)) return *canonical;
        throw UsageError(fmt::format("no entity #{}", *id));
    }
    auto ids = store.find_entities(name);
    if (ids.size() == 1) return ids.front();
    if (ids.empty()) {
        auto near = store.suggest_names(name);
        if (near.empty()) throw UsageError(fmt::format("no entity named \"{}\"", name));
        throw UsageError(fmt::format("no entity named \"{}\"; did you mean \"{}\"?", name, fmt::join(near, "\", \"")));
    }
    std::vector<std::string> names;
    for (const auto& e : store.entities())
        if (std::find(ids.begin(), ids.end(), e.id) != ids.end())
            names.push_back(fmt::format("{} ({}, #{})", e.name, to_string(e.type), e.id));
    throw UsageError(fmt::format("\"{}\" names {} entities: {}; use a fuller name or #ID", name, ids.size(),
                                 fmt::join(names, "; ")));
}

}  // namespace chipgraph::cli
