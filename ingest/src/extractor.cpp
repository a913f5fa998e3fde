#include "chipgraph/ingest/extractor.hpp"

#include <cstdlib>

namespace chipgraph::ingest {

struct Extractor::Impl {};

Extractor::Extractor(const ExtractorConfig& config) : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

Extraction Extractor::extract(const Document& doc) const { return {}; }

std::string default_data_dir() {
    if (const char* env = std::getenv("CHIPGRAPH_DATA")) return env;
    return CHIPGRAPH_DATA_DIR;
}

}  // namespace chipgraph::ingest
