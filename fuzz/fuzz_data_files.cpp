// Fuzzes the loaders of user data files: a rule pack, a gazetteer and a lexicon from
// arbitrary bytes either load or fail with DataFileError, never anything else.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "chipgraph/ingest/extractor.hpp"
#include "lexicon.hpp"
#include "rules.hpp"

using namespace chipgraph::ingest;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Stemmer stemmer;
    static const std::string path = "/tmp/chipgraph-fuzz-data-" + std::to_string(::getpid()) + ".json";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        RuleSet rules;
        rules.load(path, stemmer);
    } catch (const DataFileError&) {
    }
    try {
        Gazetteer gazetteer;
        gazetteer.load(path);
    } catch (const DataFileError&) {
    }
    try {
        Lexicon lexicon;
        lexicon.load(path);
    } catch (const DataFileError&) {
    }
    return 0;
}
