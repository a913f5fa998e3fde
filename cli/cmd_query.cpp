#include "app.hpp"

namespace chipgraph::cli {

void register_query_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {}

}  // namespace chipgraph::cli
