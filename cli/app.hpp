// Shared plumbing of the command-line program: global options, errors and the
// registration functions each command group implements (one file per group).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "chipgraph/core/store.hpp"

namespace chipgraph::cli {

// Exit codes, documented in docs/cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitPartial = 1;  // the command ran, some input was skipped or not found
inline constexpr int kExitFatal = 2;    // usage error or nothing could be done

// Bad usage: unknown entity, invalid option value. Reported as one line, exit 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct GlobalOptions {
    std::string db = "chipgraph.db";
    std::vector<std::string> gazetteers;  // extra gazetteer files
    std::vector<std::string> rules;       // extra rule packs
    bool json = false;                    // machine-readable output
};

// The selected command's body; returns the exit code.
using Runner = std::function<int()>;

void register_ingest_commands(CLI::App& app, GlobalOptions& opts, Runner& run);
void register_query_commands(CLI::App& app, GlobalOptions& opts, Runner& run);
void register_export_commands(CLI::App& app, GlobalOptions& opts, Runner& run);
void register_admin_commands(CLI::App& app, GlobalOptions& opts, Runner& run);

// Finds exactly one entity by any of its names; throws UsageError with suggestions.
EntityId resolve_entity(const Store& store, const std::string& name);

}  // namespace chipgraph::cli
