// chipgraph: articles in, supply-chain knowledge graph out.
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "app.hpp"
#include "chipgraph/core/store.hpp"

namespace {

// The first word that should have been a command but names none ("chipgraph ingset x").
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--db") {
            ++i;  // its value
            continue;
        }
        if (arg.empty() || arg.front() == '-') continue;
        for (const auto* sub : app.get_subcommands({}))
            if (sub->get_name() == arg) return std::nullopt;
        return std::string(arg);
    }
    return std::nullopt;
}

std::string command_list(const CLI::App& app) {
    std::string out;
    for (const auto* sub : app.get_subcommands({})) out += (out.empty() ? "" : ", ") + sub->get_name();
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace chipgraph::cli;
    CLI::App app{"chipgraph: build a knowledge graph of AI-chip supply chains from news articles", "chipgraph"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "chipgraph 0.1.0");
    GlobalOptions opts;
    app.add_option("--db", opts.db, "SQLite database file")->capture_default_str();
    Runner run;
    register_ingest_commands(app, opts, run);
    register_query_commands(app, opts, run);
    register_export_commands(app, opts, run);
    register_admin_commands(app, opts, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (auto unknown = unknown_command(app, argc, argv)) {
            std::cerr << fmt::format("chipgraph: unknown command '{}'; commands: {} (see chipgraph --help)\n", *unknown,
                                     command_list(app));
            return kExitFatal;
        }
        std::cerr << "chipgraph: " << e.what() << " (see chipgraph --help)\n";
        return kExitFatal;
    }
    try {
        return run ? run() : kExitFatal;
    } catch (const UsageError& e) {
        std::cerr << "chipgraph: " << e.what() << "\n";
        return kExitFatal;
    } catch (const chipgraph::StoreError& e) {
        std::cerr << "chipgraph: " << e.what() << "\n";
        return kExitFatal;
    } catch (const std::exception& e) {
        std::cerr << "chipgraph: error: " << e.what() << "\n";
        return kExitFatal;
    }
}
