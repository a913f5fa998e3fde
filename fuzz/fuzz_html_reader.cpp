// Fuzzes the HTML path: bytes -> decode_text -> read_html. Checks what every reader
// promises: valid UTF-8 out, no control characters but \n and \t, no crash, no hang.
#include <gumbo.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/reader.hpp"

using namespace chipgraph;

namespace {

void check_text(const std::string& s) {
    if (text::find_invalid_utf8(s)) std::abort();
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) std::abort();
}

// Depth of the tree gumbo builds (iteratively).
std::size_t tree_depth(const GumboNode* root) {
    std::size_t deepest = 0;
    std::vector<std::pair<const GumboNode*, std::size_t>> stack{{root, 0}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        const GumboVector* kids = node->type == GUMBO_NODE_DOCUMENT  ? &node->v.document.children
                                  : node->type == GUMBO_NODE_ELEMENT ? &node->v.element.children
                                  : node->type == GUMBO_NODE_TEMPLATE ? &node->v.element.children
                                                                      : nullptr;
        if (kids)
            for (unsigned i = 0; i < kids->length; ++i)
                stack.push_back({static_cast<const GumboNode*>(kids->data[i]), depth + 1});
    }
    return deepest;
}

// The depth guard relies on html_nesting_depth() not under-estimating what gumbo builds.
void check_depth_estimate(const std::string& html) {
    std::size_t estimate = ingest::html_nesting_depth(html);
    if (estimate > ingest::kMaxHtmlDepth) return;
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    std::size_t real = tree_depth(out->document);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    // document > html > body (+ implied tbody, p...) are not counted by the estimate.
    if (real > 2 * estimate + 8) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    ingest::DecodedText decoded = ingest::decode_text(bytes);
    if (!decoded.skip_reason.empty()) return 0;
    check_text(decoded.text);
    check_depth_estimate(decoded.text);
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
