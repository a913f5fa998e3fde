// Fuzzes the JSON readers: the bytes as a JSON lines stream and as a whole JSON file.
// Every document must carry valid UTF-8 text without control characters and a source
// naming its line; every issue must name a source.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/reader.hpp"

using namespace chipgraph;

namespace {

void check_text(const std::string& s) {
    if (text::find_invalid_utf8(s)) std::abort();
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    ingest::ReadCallbacks cb;
    cb.on_document = [](Document&& doc) {
        if (doc.text.empty() || doc.source.empty()) std::abort();
        check_text(doc.text);
        check_text(doc.title);
        check_text(doc.url);
        check_text(doc.published);
    };
    cb.on_skipped = [](const ingest::InputIssue& issue) {
        if (issue.source.empty() || issue.message.empty()) std::abort();
    };
    cb.on_warning = cb.on_skipped;
    ingest::ReadOptions options;
    options.max_file_bytes = 1 << 16;  // exercise the oversize-record path too
    std::istringstream in(bytes);
    ingest::read_jsonl(in, "fuzz.jsonl", cb, options);
    ingest::DecodedText decoded = ingest::decode_text(bytes);
    if (decoded.skip_reason.empty()) ingest::read_json(decoded.text, "fuzz.json", cb, options);
    return 0;
}
