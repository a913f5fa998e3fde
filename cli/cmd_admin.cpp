#include "app.hpp"

namespace chipgraph::cli {

void register_admin_commands(CLI::App& app, GlobalOptions& opts, Runner& run) {}

}  // namespace chipgraph::cli
