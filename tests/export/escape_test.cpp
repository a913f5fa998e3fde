// Escaping, UTF-8 sanitizing and truncation used by every exporter.
#include <gtest/gtest.h>

#include "chipgraph/core/text.hpp"
#include "chipgraph/exporters/escape.hpp"
#include "chipgraph/exporters/neo4j.hpp"

namespace chipgraph::exporters {
namespace {

std::string xml(std::string_view s) {
    std::string out;
    append_xml_escaped(out, s);
    return out;
}
std::string dot(std::string_view s) {
    std::string out;
    append_dot_escaped(out, s);
    return out;
}
std::string csv(std::string_view s) {
    std::string out;
    append_csv_quoted(out, s);
    return out;
}

TEST(XmlEscape, EscapesMarkupAndWhitespaceCharacters) {
    EXPECT_EQ(xml("a & b < c > d \"e\" 'f'"), "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'");
    EXPECT_EQ(xml("t\tl\nr\r"), "t&#9;l&#10;r&#13;");
    EXPECT_EQ(xml("plain ASCII"), "plain ASCII");
}

TEST(XmlEscape, DropsForbiddenCharacters) {
    EXPECT_EQ(xml(std::string("a\x01\x02\x1f") + '\0' + "b"), "ab");
    EXPECT_EQ(xml("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
    EXPECT_EQ(xml("\xEF\xBC\x81"), "\xEF\xBC\x81");  // U+FF01 is fine
    EXPECT_EQ(xml("DEL\x7F"), "DEL\x7F");            // allowed in XML 1.0
}

TEST(XmlEscape, ReplacesInvalidUtf8) {
    auto out = xml("a\xff" "b\xc3\x28" "c\xed\xa0\x80");
    EXPECT_FALSE(text::find_invalid_utf8(out).has_value());
    EXPECT_EQ(out.substr(0, 4), "a\xEF\xBF\xBD");
}

TEST(XmlEscape, KeepsMultibyteText) {
    std::string s = "Zürich 上海 🚀 شركة";
    EXPECT_EQ(xml(s), s);
}

TEST(DotEscape, EscapesBackslashQuoteAndNewlines) {
    EXPECT_EQ(dot("say \"hi\""), "say \\\"hi\\\"");
    EXPECT_EQ(dot("C:\\Nvidia\\"), "C:\\\\Nvidia\\\\");
    EXPECT_EQ(dot("a\nb\r\nc\rd"), "a\\nb\\nc\\nd");
    EXPECT_EQ(dot("tab\there"), "tab here");
    EXPECT_EQ(dot("bell\x07\x7f!"), "bell!");
    EXPECT_EQ(dot("x\xEF\xBF\xBF"), "x\xEF\xBF\xBD");
}

TEST(DotEscape, NeverProducesEscStringSequencesOrOddTrailingBackslash) {
    for (std::string s : {"\\N", "\\G", "\\E", "\\T", "\\H", "\\L", "x\\", "\\\\\\", "\\\"", "a\\\nb"}) {
        auto out = dot(s);
        // Count the backslashes before each N/G/E/T/H/L: always even.
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (std::string_view("NGETHL").find(out[i]) == std::string_view::npos) continue;
            std::size_t k = 0;
            while (k < i && out[i - 1 - k] == '\\') ++k;
            EXPECT_EQ(k % 2, 0u) << out;
        }
        std::size_t trailing = 0;
        while (trailing < out.size() && out[out.size() - 1 - trailing] == '\\') ++trailing;
        EXPECT_EQ(trailing % 2, 0u) << out;
    }
}

TEST(CsvQuote, DoublesQuotesAndKeepsNewlines) {
    EXPECT_EQ(csv("plain"), "\"plain\"");
    EXPECT_EQ(csv("say \"hi\", ok"), "\"say \"\"hi\"\", ok\"");
    EXPECT_EQ(csv("a\nb"), "\"a\nb\"");
    EXPECT_EQ(csv(std::string("a\x01") + '\0' + "b"), "\"ab\"");
    EXPECT_EQ(csv(""), "\"\"");
}

TEST(Utf8, PrefixNeverSplitsASequence) {
    std::string s = "ab€🚀";  // 2 + 3 + 4 bytes
    EXPECT_EQ(utf8_prefix(s, 2), "ab");
    EXPECT_EQ(utf8_prefix(s, 3), "ab");
    EXPECT_EQ(utf8_prefix(s, 4), "ab");
    EXPECT_EQ(utf8_prefix(s, 5), "ab€");
    EXPECT_EQ(utf8_prefix(s, 8), "ab€");
    EXPECT_EQ(utf8_prefix(s, 9), s);
    EXPECT_EQ(utf8_prefix(s, 100), s);
}

TEST(Utf8, TruncateAddsEllipsisOnlyWhenCut) {
    EXPECT_EQ(truncate_utf8("short", 300), "short");
    std::string longer(400, 'x');
    auto t = truncate_utf8(longer, 300);
    EXPECT_EQ(t.size(), 303u);
    EXPECT_EQ(t.substr(300), "…");
    std::string emoji;
    for (int i = 0; i < 100; ++i) emoji += "🚀";
    auto e = truncate_utf8(emoji, 10);
    EXPECT_EQ(e, "🚀🚀…");
    EXPECT_FALSE(text::find_invalid_utf8(e).has_value());
}

TEST(Utf8, ValidUtf8ReturnsInputWhenValid) {
    std::string scratch;
    std::string_view ok = "Zürich";
    EXPECT_EQ(valid_utf8(ok, scratch).data(), ok.data());
    auto fixed = valid_utf8("a\xffz", scratch);
    EXPECT_EQ(fixed, "a\xEF\xBF\xBDz");
}

TEST(Neo4j, RelationshipTypes) {
    EXPECT_EQ(neo4j_relationship_type("located_in"), "LOCATED_IN");
    EXPECT_EQ(neo4j_relationship_type("paid via \"cash\""), "PAID_VIA__CASH_");
    EXPECT_EQ(neo4j_relationship_type("3d"), "R_3D");
    EXPECT_EQ(neo4j_relationship_type(""), "R_");
}

}  // namespace
}  // namespace chipgraph::exporters
