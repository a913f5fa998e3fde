// User corrections and store maintenance: alias, merge, unmerge (split), check.
//
// Corrections live in the store (user aliases, the merges table) and survive re-ingest:
// named entities keep their rows when a document is replaced.
#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>
#include <iostream>

#include "app.hpp"

namespace chipgraph::cli {

namespace {

std::unique_ptr<Store> open_existing(const GlobalOptions& opts) {
    if (!std::filesystem::exists(opts.db))
        throw UsageError(fmt::format("{}: no such database (create it with `chipgraph ingest`)", opts.db));
    return std::make_unique<Store>(opts.db);
}

std::string label(const Store& store, EntityId id) {
    if (auto e = store.entity(id)) return fmt::format("{} ({}, #{})", e->name, to_string(e->type), id);
    return fmt::format("#{}", id);
}

struct AliasOptions {
    std::string entity, alias;
};

int run_alias(const GlobalOptions& opts, const AliasOptions& o) {
    auto store = open_existing(opts);
    EntityId id = resolve_entity(*store, o.entity);
    auto others = store->find_entities(o.alias);
    others.erase(std::remove(others.begin(), others.end(), id), others.end());
    store->add_alias(id, o.alias);
    std::cout << fmt::format("\"{}\" now names {}\n", o.alias, label(*store, id));
    for (EntityId other : others)
        std::cout << fmt::format("note: \"{}\" also names {}; `chipgraph merge` them if they are the same\n", o.alias,
                                 label(*store, other));
    return kExitOk;
}

struct MergeOptions {
    std::string into, from;
};

int run_merge(const GlobalOptions& opts, const MergeOptions& o) {
    auto store = open_existing(opts);
    EntityId into = resolve_entity(*store, o.into), from = resolve_entity(*store, o.from);
    if (into == from) {
        std::cout << fmt::format("\"{}\" and \"{}\" are already the same entity: {}\n", o.into, o.from,
                                 label(*store, into));
        return kExitOk;
    }
    auto a = store->entity(into), b = store->entity(from);
    std::string from_label = label(*store, from);
    store->merge(into, from);
    std::cout << fmt::format("merged {} into {}\n", from_label, label(*store, into));
    if (a && b && a->type != b->type)
        std::cout << fmt::format("note: the types differ ({} and {}); the merged entity is a {}\n", to_string(a->type),
                                 to_string(b->type), to_string(a->type));
    if (b && b->unnamed)
        std::cout << "note: an unnamed entity belongs to its document; re-ingesting a changed version of that "
                     "document creates a new one\n";
    std::cout << fmt::format("undo with: chipgraph unmerge \"{}\"\n", b ? b->name : o.from);
    return kExitOk;
}

struct UnmergeOptions {
    std::string name;
};

int run_unmerge(const GlobalOptions& opts, const UnmergeOptions& o) {
    auto store = open_existing(opts);
    const std::string& name = o.name;
    if (!name.empty() && name[0] == '#')
        throw UsageError("unmerge takes the name of the merged entity (B of `merge A B`), not an id");
    if (!store->unmerge(name)) {
        std::cout << fmt::format("nothing to unmerge: \"{}\" names no merged entity\n", name);
        return kExitPartial;
    }
    std::cout << fmt::format("unmerged \"{}\": it is a separate entity again\n", name);
    return kExitOk;
}

int run_check(const GlobalOptions& opts) {
    auto store = open_existing(opts);
    HealthReport r = store->check();
    const auto& st = r.stats;
    if (opts.json) {
        rapidjson::StringBuffer buf;
        rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
        w.StartObject();
        w.Key("ok");
        w.Bool(r.ok);
        w.Key("problems");
        w.StartArray();
        for (const auto& p : r.problems) w.String(p.c_str());
        w.EndArray();
        w.Key("counts");
        w.StartObject();
        for (auto [k, v] : {std::pair<const char*, long>{"documents", st.documents}, {"entities", st.entities},
                            {"aliases", st.aliases}, {"mentions", st.mentions}, {"claims", st.claims},
                            {"qualifiers", st.qualifiers}}) {
            w.Key(k);
            w.Int64(v);
        }
        w.EndObject();
        w.EndObject();
        std::cout << buf.GetString() << "\n";
        return r.ok ? kExitOk : kExitPartial;
    }
    std::cout << fmt::format("{}: {} documents, {} entities, {} aliases, {} mentions, {} claims, {} qualifiers\n",
                             opts.db, st.documents, st.entities, st.aliases, st.mentions, st.claims, st.qualifiers);
    if (r.ok) {
        std::cout << "ok: integrity check passed, no foreign-key violation, no orphan\n";
        return kExitOk;
    }
    for (const auto& p : r.problems) std::cout << "problem: " << p << "\n";
    return kExitPartial;
}

}  // namespace

void register_admin_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {
    {
        auto o = std::make_shared<AliasOptions>();
        auto* cmd = app.add_subcommand("alias", "Teach the store another name for an entity");
        cmd->add_option("entity", o->entity, "The entity (name, alias or #ID)")->required();
        cmd->add_option("alias", o->alias, "The new name")->required();
        cmd->footer(
            "The alias is kept across re-ingest; queries then accept it.\n"
            "Exit status: 0 done, 2 unknown entity.");
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_alias(opts, *o); }; });
    }
    {
        auto o = std::make_shared<MergeOptions>();
        auto* cmd = app.add_subcommand("merge", "Merge entity B into entity A (the same actor under two names)");
        cmd->add_option("a", o->into, "The entity that stays")->required();
        cmd->add_option("b", o->from, "The entity merged into it")->required();
        cmd->footer(
            "Claims about B are shown as claims about A everywhere. Kept across re-ingest; undo with unmerge.\n"
            "Exit status: 0 done, 2 unknown entity.");
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_merge(opts, *o); }; });
    }
    {
        auto o = std::make_shared<UnmergeOptions>();
        auto* cmd = app.add_subcommand("unmerge", "Undo a merge: make a merged entity separate again");
        cmd->alias("split");
        cmd->add_option("name", o->name, "Name or alias of the entity that was merged in (B of `merge A B`)")
            ->required();
        cmd->footer("Exit status: 0 done, 1 no merge found for that name.");
        cmd->callback([&opts, &run, o] { run = [&opts, o] { return run_unmerge(opts, *o); }; });
    }
    {
        auto* cmd = app.add_subcommand("check", "Check the database: integrity, foreign keys, orphans, counts");
        cmd->add_flag("--json", opts.json, "Print one JSON document instead of text");
        cmd->footer("Exit status: 0 healthy, 1 a problem was found, 2 the file is not a chipgraph database.");
        cmd->callback([&opts, &run] { run = [&opts] { return run_check(opts); }; });
    }
}

}  // namespace chipgraph::cli
