// Fuzzes the sentence splitter, the tokenizer and the whole extractor on arbitrary UTF-8
// text, in French and in English: spans stay ordered and inside the text, and every
// claim and mention points at real entities and real bytes.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "chipgraph/ingest/tokenizer.hpp"

using namespace chipgraph;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ingest::Extractor extractor(ingest::ExtractorConfig{CHIPGRAPH_SOURCE_DIR "/ingest/data", {}, {}});
    std::string text(reinterpret_cast<const char*>(data), size);
    if (text::find_invalid_utf8(text)) return 0;  // readers guarantee valid UTF-8
    std::size_t previous = 0;
    for (auto span : ingest::split_sentences(text)) {
        if (span.start < previous || span.start > span.end || span.end > text.size()) std::abort();
        previous = span.end;
        std::size_t last = span.start;
        for (const auto& t : ingest::tokenize(text, span)) {
            if (t.start < last || t.start >= t.end || t.end > span.end) std::abort();
            last = t.end;
        }
    }
    for (const char* language : {"fr", "en"}) {
        Document doc{"fuzz.txt", "", "", "", language, text};
        Extraction ex = extractor.extract(doc);
        const auto n = static_cast<int>(ex.entities.size());
        for (const auto& m : ex.mentions)
            if (m.entity < 0 || m.entity >= n || m.start > m.end || m.end > text.size()) std::abort();
        for (const auto& c : ex.claims)
            if (c.subject < 0 || c.subject >= n || c.object < 0 || c.object >= n || c.start > c.end ||
                c.end > text.size() || c.sentence_end > text.size() || c.confidence <= 0 || c.confidence > 1)
                std::abort();
    }
    return 0;
}
