#include "app.hpp"

namespace chipgraph::cli {

void register_export_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {}

}  // namespace chipgraph::cli
