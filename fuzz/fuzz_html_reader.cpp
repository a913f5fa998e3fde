// Fuzzes the HTML path: bytes -> decode_text -> read_html. Checks what every reader
// promises: valid UTF-8 out, no control characters but \n and \t, no crash, no hang.
#include <cstdint>
#include <cstdlib>
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
    ingest::DecodedText decoded = ingest::decode_text(bytes);
    if (!decoded.skip_reason.empty()) return 0;
    check_text(decoded.text);
    try {
        Document doc = ingest::read_html(decoded.text, "fuzz");
        check_text(doc.text);
        check_text(doc.title);
        check_text(doc.published);
        ingest::detect_language(doc.text);
    } catch (const ingest::InputError&) {
    }
    // The Markdown cleaner and the date parser see the same bytes.
    check_text(ingest::clean_markdown(decoded.text));
    ingest::normalize_date(decoded.text.substr(0, 200));
    return 0;
}
