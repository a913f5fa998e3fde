// chipgraph: articles in, supply-chain knowledge graph out.
#include <fmt/format.h>

#include <iostream>

#include "app.hpp"
#include "chipgraph/core/store.hpp"

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
