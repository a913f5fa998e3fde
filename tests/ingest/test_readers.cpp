// Readers: walking, decoding, text/Markdown/HTML/JSON lines, and their failure modes.
#include <gtest/gtest.h>
#include <gumbo.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/reader.hpp"

namespace fs = std::filesystem;
using namespace chipgraph;
using namespace chipgraph::ingest;

namespace {

const std::string kInputs = std::string(CHIPGRAPH_SOURCE_DIR) + "/tests/data/inputs/";

struct Collected {
    std::vector<Document> docs;
    std::vector<InputIssue> skipped, warnings;
    ReadCallbacks callbacks() {
        ReadCallbacks cb;
        cb.on_document = [this](Document&& d) { docs.push_back(std::move(d)); };
        cb.on_skipped = [this](const InputIssue& i) { skipped.push_back(i); };
        cb.on_warning = [this](const InputIssue& i) { warnings.push_back(i); };
        return cb;
    }
    // The message of the only skip reported for `source` ("" when none).
    std::string skip_for(const std::string& source) const {
        std::string found;
        for (const auto& s : skipped)
            if (s.source == source) found = s.message;
        return found;
    }
};

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "chipgraph-readers-XXXXXX").string();
        path_ = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        // Restore permissions changed by tests so the tree can be removed.
        for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path_, ec);
    }
    std::string file(const std::string& name, std::string_view bytes) const {
        fs::path p = fs::path(path_) / name;
        fs::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return p.string();
    }
    std::string path(const std::string& name = "") const { return name.empty() ? path_ : path_ + "/" + name; }

private:
    std::string path_;
};

Collected read_one(const std::string& path, const ReadOptions& options = {}) {
    Collected c;
    read_inputs({path}, c.callbacks(), options);
    return c;
}

bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

}  // namespace

// ---------------------------------------------------------------- plain text, Markdown

TEST(TextReader, TitleIsFirstShortLineAndTextIsKept) {
    TempDir dir;
    auto path = dir.file("a.txt", "\n\n  Chips found in luggage  \n\nSINGAPORE — Two men were charged.\n\n");
    auto c = read_one(path);
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_TRUE(c.skipped.empty());
    EXPECT_EQ(c.docs[0].source, path);
    EXPECT_EQ(c.docs[0].title, "Chips found in luggage");
    EXPECT_EQ(c.docs[0].text, "Chips found in luggage  \n\nSINGAPORE — Two men were charged.");
    EXPECT_EQ(c.docs[0].language, "");
}

TEST(TextReader, NoTitleWhenFirstLineIsLong) {
    TempDir dir;
    std::string para(250, 'x');
    auto c = read_one(dir.file("long.txt", para + "\nsecond"));
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].title, "");
    // 200 characters, not bytes: 150 "é" (300 bytes) is a title.
    std::string accents;
    for (int i = 0; i < 150; ++i) accents += "é";
    auto d = read_one(dir.file("accents.txt", accents + "\nbody"));
    ASSERT_EQ(d.docs.size(), 1u);
    EXPECT_EQ(d.docs[0].title, accents);
}

TEST(TextReader, MarkdownFixture) {
    auto c = read_one(kInputs + "article.md");
    ASSERT_EQ(c.docs.size(), 1u) << (c.skipped.empty() ? "" : c.skipped[0].message);
    const Document& d = c.docs[0];
    EXPECT_EQ(d.title, "Les puces H200 passent par Dubaï");  // front matter wins
    EXPECT_EQ(d.published, "2025-05-27");
    EXPECT_EQ(d.url, "https://example.org/h200-dubai");
    EXPECT_EQ(d.language, "fr");
    EXPECT_TRUE(d.text.starts_with("À Dubaï, le discret commerce des puces H200\n")) << d.text;
    EXPECT_TRUE(contains(d.text, "zone franche de Jebel Ali, des cartons")) << d.text;
    EXPECT_TRUE(contains(d.text, "chargés, selon Reuters.")) << d.text;
    EXPECT_TRUE(contains(d.text, "des puces H200 de Nvidia.")) << d.text;
    EXPECT_TRUE(contains(d.text, "la société Gulf Compute FZE ;")) << d.text;
    EXPECT_TRUE(contains(d.text, "lot 42 : 120 serveurs")) << d.text;
    EXPECT_TRUE(contains(d.text, "3 * 4 = 12")) << d.text;
    EXPECT_TRUE(contains(d.text, "rapport_final_v2.pdf")) << d.text;
    for (auto junk : {"http", "](", "![", "**", "__", "```", "[nv]", "entrepot.jpg", "---", "title:", "> "})
        EXPECT_FALSE(contains(d.text, junk)) << junk << " in:\n" << d.text;
}

TEST(TextReader, MarkdownTitleFromHeadingWithoutFrontMatter) {
    TempDir dir;
    auto c = read_one(dir.file("n.md", "## **Export** controls ##\n\nBody with a [link](http://x.y/z).\n"));
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].title, "Export controls");
    EXPECT_EQ(c.docs[0].text, "Export controls\n\nBody with a link.");
}

TEST(CleanMarkdown, InlineSyntax) {
    EXPECT_EQ(clean_markdown("a [b [c](u1) d](u2 (x)) e"), "a b c d e");
    EXPECT_EQ(clean_markdown("see ![img](a.png) and [ref][1]"), "see  and ref");
    EXPECT_EQ(clean_markdown("*a* _b_ **c** ~~d~~ `e` \\*f\\*"), "a b c d e *f*");
    EXPECT_EQ(clean_markdown("snake_case_name and 2 * 3 and a*b"), "snake_case_name and 2 * 3 and a*b");
    EXPECT_EQ(clean_markdown("<https://example.com> x<br>y <!-- note --> z"), "https://example.com xy  z");
    EXPECT_EQ(clean_markdown("| a | b |\n|---|:-:|\n| 1 | 2 |"), "a | b\n\n1 | 2");
    EXPECT_EQ(clean_markdown("Title\n=====\ntext"), "Title\n\ntext");
    EXPECT_EQ(clean_markdown("1. first\n* second\n  - [x] third"), "1. first\nsecond\nthird");
    EXPECT_EQ(clean_markdown("a <!-- multi\nline --> b"), "a \n b");
    // Pathological brackets stay linear and do not crash.
    std::string brackets(200000, '[');
    EXPECT_EQ(clean_markdown(brackets), brackets);
}

// ---------------------------------------------------------------- decoding

TEST(Decode, BomAndLineEndings) {
    TempDir dir;
    auto c = read_one(dir.file("bom.txt", "\xEF\xBB\xBFTitle\r\nline one\r\nline two\rline three\r\n"));
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].text, "Title\nline one\nline two\nline three");
    EXPECT_EQ(c.docs[0].title, "Title");
    EXPECT_TRUE(c.warnings.empty());
}

TEST(Decode, Latin1FileIsDecodedWithAWarning) {
    TempDir dir;
    // "Les contrôles à l'exportation – société" in Windows-1252.
    auto path = dir.file("latin1.txt", "Les contr\xF4les \xE0 l\x92" "exportation \x96 soci\xE9t\xE9\n");
    auto c = read_one(path);
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].text, "Les contrôles à l’exportation – société");
    ASSERT_EQ(c.warnings.size(), 1u);
    EXPECT_EQ(c.warnings[0].source, path);
    EXPECT_EQ(c.warnings[0].message, "not UTF-8; decoded as Latin-1");
}

TEST(Decode, MostlyUtf8WithOneBadByteKeepsTheUtf8) {
    auto d = decode_text("café \xE9t\xE9 déjà");
    EXPECT_EQ(d.text, "café été déjà");
    EXPECT_TRUE(contains(d.warning, "invalid UTF-8 (2 bytes")) << d.warning;
}

TEST(Decode, OtherEightBitEncodingsAreRefused) {
    // Russian in Windows-1251: nearly every byte is high; decoding it as Latin-1 would be garbage.
    auto d = decode_text("\xCF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0 \xEA\xE0\xEA \xE4\xE5\xEB\xE0");
    EXPECT_TRUE(d.skip_reason.starts_with("not UTF-8")) << d.skip_reason;
}

TEST(Decode, BinaryFilesAreSkipped) {
    TempDir dir;
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    auto c = read_one(dir.file("image.txt", png));
    EXPECT_TRUE(c.docs.empty());
    ASSERT_EQ(c.skipped.size(), 1u);
    EXPECT_EQ(c.skipped[0].message, "binary file");
    // NUL bytes, PDF, ZIP, ELF, SQLite, and a lot of control characters.
    EXPECT_TRUE(looks_binary(std::string("text\0more", 9)));
    EXPECT_TRUE(looks_binary("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
    EXPECT_TRUE(looks_binary("PK\x03\x04\x14"));
    EXPECT_TRUE(looks_binary("\x7F" "ELF\x02\x01"));
    EXPECT_TRUE(looks_binary(std::string("SQLite format 3\0", 16)));
    EXPECT_TRUE(looks_binary("ab\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F"));
    EXPECT_FALSE(looks_binary("plain text\twith tabs\r\nand lines\f"));
}

TEST(Decode, EmptyAndWhitespaceFilesAreSkipped) {
    TempDir dir;
    auto c = read_one(dir.file("empty.txt", ""));
    ASSERT_EQ(c.skipped.size(), 1u);
    EXPECT_EQ(c.skipped[0].message, "empty file");
    auto w = read_one(dir.file("blank.md", " \n\t\r\n  \n"));
    ASSERT_EQ(w.skipped.size(), 1u);
    EXPECT_EQ(w.skipped[0].message, "empty file");
    auto b = read_one(dir.file("bom-only.txt", "\xEF\xBB\xBF\n"));
    ASSERT_EQ(b.skipped.size(), 1u);
    EXPECT_EQ(b.skipped[0].message, "empty file");
    EXPECT_TRUE(c.docs.empty() && w.docs.empty() && b.docs.empty());
}

TEST(Decode, ControlCharactersAreStrippedAndTextIsNfc) {
    EXPECT_EQ(normalize_text("a\x01" "b\x1B" "c\x7F" "d\tx\ny \xC2\x85z e\xCC\x81t\xC3\xA9 \xE2\x80\xA8w"),
              "abcd\tx\ny z \xC3\xA9t\xC3\xA9 \nw");  // e + combining acute -> é
    auto d = decode_text("Title\x01 line with one control character among many others\x0B.");
    EXPECT_EQ(d.text, "Title line with one control character among many others.");
    EXPECT_TRUE(d.warning.empty());
    std::string nfd = "Cha\xCC\x82teau\n\xE2\x84\xAB";  // â decomposed, Angstrom sign
    EXPECT_EQ(normalize_text(nfd), "Ch\xC3\xA2teau\n\xC3\x85");
}

TEST(Decode, NfcFastPathRangesAreStable) {
    // The decoder skips NFC for these ranges; check that NFC would not change them.
    auto check = [](char32_t from, char32_t to) {
        for (char32_t cp = from; cp <= to; ++cp) {
            if (cp >= 0xD800 && cp < 0xE000) continue;
            std::string s = "a";
            text::append_utf8(s, cp);
            ASSERT_EQ(text::nfc(s), s) << std::hex << static_cast<unsigned>(cp);
        }
    };
    check(0x80, 0x2FF);
    check(0x2002, 0x20CF);
}

TEST(Decode, Utf16WithBomIsConverted) {
    std::string le("\xFF\xFE" "A\0b\0\xE9\0", 8);
    EXPECT_EQ(decode_text(le).text, "Abé");
    std::string be("\xFE\xFF\0A\0b\xD8\x3D\xDE\x00", 10);
    EXPECT_EQ(decode_text(be).text, "Ab\xF0\x9F\x98\x80");
}

TEST(Decode, TooLargeFilesAreSkipped) {
    TempDir dir;
    ReadOptions options;
    options.max_file_bytes = 1000;
    auto c = read_one(dir.file("big.txt", std::string(2 * 1024 * 1024, 'a')), options);
    ASSERT_EQ(c.skipped.size(), 1u);
    EXPECT_EQ(c.skipped[0].message, "file too large (2.0 MB > 1000 bytes limit)");
    EXPECT_TRUE(c.docs.empty());
}

TEST(Decode, BigFileIsReadWhole) {
    TempDir dir;
    // ~50 MB of French-looking text with accents (exercises validation and the NFC path).
    std::string para =
        "Les autorités de Singapour ont inculpé trois hommes soupçonnés d’avoir acheminé des serveurs "
        "équipés de puces Nvidia vers la Chine, selon l’acte d’accusation « déposé » jeudi.\n";
    std::string big;
    big.reserve(51 * 1024 * 1024);
    while (big.size() < 50u * 1024 * 1024) big += para;
    std::string path = dir.file("big.txt", big);
    auto start = std::chrono::steady_clock::now();
    auto c = read_one(path);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].text.size(), big.size() - 1);  // trailing newline trimmed
    EXPECT_TRUE(c.docs[0].text == std::string_view(big).substr(0, big.size() - 1));
    double mbps = big.size() / (1024.0 * 1024.0) / seconds;
    std::cout << "[ info ] read " << big.size() / (1024 * 1024) << " MB in " << seconds << " s: " << mbps
              << " MB/s\n";
    // Typically 300-1000 MB/s; the bound only catches a pathological regression (a copy
    // per line, quadratic growth) without failing on a busy shared machine.
    EXPECT_GT(mbps, 25.0);
}

// ---------------------------------------------------------------- HTML

TEST(HtmlReader, SavedNewsPage) {
    std::string path = kInputs + "saved_page_lemonde.html";
    auto c = read_one(path);
    ASSERT_EQ(c.docs.size(), 1u) << (c.skipped.empty() ? "" : c.skipped[0].message);
    EXPECT_TRUE(c.skipped.empty());
    EXPECT_TRUE(c.warnings.empty());
    const Document& d = c.docs[0];
    EXPECT_EQ(d.source, path);
    EXPECT_EQ(d.title, "Puces Nvidia : le réseau de Singapour démantelé");
    EXPECT_EQ(d.published, "2025-03-04");
    EXPECT_EQ(d.url, "https://www.example-quotidien.fr/economie/article/2025/03/04/puces-nvidia-singapour_123.html");
    for (auto junk : {"SCRIPT_TEXT", "NOSCRIPT_TEXT", "COOKIE_TEXT", "NAV_TEXT", "BREADCRUMB_TEXT", "SHARE_TEXT",
                      "IMG_ALT_TEXT", "ASIDE_TEXT", "AD_TEXT", "NEWSLETTER_TEXT", "HIDDEN_TEXT", "TEMPLATE_TEXT",
                      "SVG_TEXT", "ARTICLE_FOOTER_TEXT", "COMMENT_TEXT", "SIDEBAR_TEXT", "FOOTER_TEXT",
                      "Google Tag Manager", "font-family", "dataLayer", "Tout accepter", "ne pas lire", "<", ">"})
        EXPECT_FALSE(contains(d.text, junk)) << junk << " in:\n" << d.text;
    std::string expected =
        "Puces Nvidia\u00A0: le réseau de Singapour démantelé\n"
        "Trois hommes sont poursuivis pour avoir fait passer des serveurs vers la Chine.\n"
        "Par Claire Vasseur · Publié le 4 mars 2025\n"
        "Les autorités de Singapour ont inculpé jeudi trois hommes soupçonnés d’avoir acheminé des serveurs "
        "équipés de puces Nvidia vers la Chine, en violation des contrôles américains à l’exportation.\n"
        "Des serveurs dans un centre de données. (Photo d'illustration)\n"
        "Selon l'acte déaccusation, la société Megaspeed aurait acheté pour 390\u00A0millions de dollars de "
        "matériel en 2024.\n"
        "Les enquêteurs parlent d'un «\u00A0circuit de contournement\u00A0».\n"
        "Un intermédiaire en Malaisie\n"
        "Les serveurs transitaient par une société de Kuala Lumpur, avant d'être réexpédiés.\n"
        "«\u00A0Nous coopérons pleinement avec les autorités\u00A0», a déclaré un porte-parole.\n"
        "Montant : 390 millions de dollars\n"
        "Destination : la Chine\n"
        "Serveurs 2 000";
    EXPECT_EQ(d.text, expected);
}

TEST(HtmlReader, PageWithoutArticleUsesBodyTitleTagAndTimeElement) {
    auto c = read_one(kInputs + "page_without_article.htm");
    ASSERT_EQ(c.docs.size(), 1u);
    const Document& d = c.docs[0];
    EXPECT_EQ(d.title, "Chip smuggling ring busted in Taiwan");
    EXPECT_EQ(d.published, "2024-11-19");  // "not a date" in DC.date is passed over
    EXPECT_EQ(d.url, "");
    EXPECT_EQ(d.text,
              "Prosecutors in Taipei said on Tuesday that a trading company shipped advanced servers to a buyer in "
              "Hong Kong.\nPublished November 19.\nInvestigators seized 12 servers\u00A0and documents.");
}

TEST(HtmlReader, MetadataSources) {
    auto d = read_html(
        "<html><head><meta name='pubdate' content='2023-07-08'><meta property='og:url' content=' https://x.y/a '>"
        "</head><body><main><h1>Headline &amp; more</h1><p>Body text.</p></main></body></html>",
        "mem");
    EXPECT_EQ(d.title, "Headline & more");
    EXPECT_EQ(d.published, "2023-07-08");
    EXPECT_EQ(d.url, "https://x.y/a");
    EXPECT_EQ(d.text, "Headline & more\nBody text.");
    auto ld = read_html(
        "<script type='application/ld+json'>[{\"@graph\": [{\"headline\": \"From LD\", \"datePublished\": "
        "\"2022-01-31T23:00:00Z\"}]}]</script><p>x</p>",
        "mem");
    EXPECT_EQ(ld.title, "From LD");
    EXPECT_EQ(ld.published, "2022-01-31");
}

TEST(HtmlReader, LongestArticleWinsAndInlineElementsDoNotBreakWords) {
    auto d = read_html(
        "<body><article><p>Teaser</p></article><article><p>N<b>vid</b>ia   ships\n\t<i>chips</i>.</p>"
        "<p>Second paragraph is longer than the teaser by far, which makes this the main article.</p></article>"
        "</body>",
        "mem");
    EXPECT_EQ(d.text,
              "Nvidia ships chips.\nSecond paragraph is longer than the teaser by far, which makes this the main "
              "article.");
}

TEST(HtmlReader, DeepNestingIsRefusedQuickly) {
    TempDir dir;
    std::string deep;
    deep.reserve(100000 * 5 + 100);
    deep += "<html><body>";
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    deep += "deep text";
    std::string path = dir.file("deep.html", deep);
    auto start = std::chrono::steady_clock::now();
    auto c = read_one(path);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(c.docs.empty());
    ASSERT_EQ(c.skipped.size(), 1u);
    EXPECT_TRUE(c.skipped[0].message.starts_with("HTML nested too deeply (100000 levels")) << c.skipped[0].message;
    EXPECT_LT(seconds, 2.0);
    EXPECT_THROW(read_html(deep, "mem"), InputError);

    // Formatting elements and spans nest too; paragraphs and list items do not.
    std::string spans, paras;
    for (int i = 0; i < 100000; ++i) {
        spans += "<span><b>";
        paras += "<p>x<li>y";
    }
    EXPECT_EQ(html_nesting_depth(spans), 200000u);
    EXPECT_LE(html_nesting_depth(paras), 2u);
    EXPECT_EQ(read_html(paras, "mem").text.size(), 2u * 100000 * 2 - 1);

    // Just under the limit: parsed.
    std::string ok;
    for (std::size_t i = 0; i < kMaxHtmlDepth - 10; ++i) ok += "<div>";
    ok += "still fine";
    EXPECT_EQ(read_html(ok, "mem").text, "still fine");
}

TEST(HtmlReader, NestingDepthEstimate) {
    EXPECT_EQ(html_nesting_depth("<div><div><p>a</p></div></div>"), 3u);
    EXPECT_EQ(html_nesting_depth("<div><br><img src=x><hr><input></div>"), 1u);
    EXPECT_EQ(html_nesting_depth("<script>if (a<b) '<div><div><div>'</script><div></div>"), 1u);
    EXPECT_EQ(html_nesting_depth("<!-- <div><div> --><div a='>' b=\"<div>\"></div>"), 1u);
    EXPECT_EQ(html_nesting_depth("<ul><li>a<li>b<li>c</ul>"), 2u);
    EXPECT_EQ(html_nesting_depth("<div><span></div></div></div><div>"), 2u);
    EXPECT_EQ(html_nesting_depth("<svg><g/><g/></svg>"), 1u);
    // Cases the fuzzer found (the estimate was far below gumbo's tree).
    EXPECT_EQ(html_nesting_depth("<span a=b=\"c><span><span>"), 3u);  // no quoted value there
    EXPECT_EQ(html_nesting_depth("<b/><b/><b/>"), 3u);                  // "/>" closes nothing in HTML
    EXPECT_EQ(html_nesting_depth("<!--><div><div>"), 2u);               // an empty comment
    EXPECT_EQ(html_nesting_depth("<noscript><div><div>"), 3u);          // parsed, not raw text
    EXPECT_EQ(html_nesting_depth("<svg><frame><frame><p><b>"), 3u);     // SVG: no void elements; <p> breaks out
    EXPECT_EQ(html_nesting_depth("<table><tr><td><table><tr><td>"), 6u);  // a table in a cell nests
    EXPECT_EQ(html_nesting_depth("<table><tr><td>x<table>"), 4u);
    EXPECT_EQ(html_nesting_depth("<dir><tr><dir><tr><dir>"), 3u);  // rows outside a table are ignored
}

// ---------------------------------------------------------------- JSON lines, JSON

TEST(JsonlReader, FixtureGoodAndBadLines) {
    std::string path = kInputs + "articles.jsonl";
    auto c = read_one(path);
    ASSERT_EQ(c.docs.size(), 4u);
    EXPECT_EQ(c.docs[0].source, path + "#1");
    EXPECT_EQ(c.docs[0].title, "Chips seized at Changi");
    EXPECT_EQ(c.docs[0].text, "Singapore customs found 48 Nvidia A100 processors in luggage.");
    EXPECT_EQ(c.docs[0].url, "https://example.com/changi");
    EXPECT_EQ(c.docs[0].published, "2024-10-14");
    EXPECT_EQ(c.docs[0].language, "en");

    EXPECT_EQ(c.docs[1].source, path + "#2");  // `content` field, French date, language name
    EXPECT_EQ(c.docs[1].title, "Des puces saisies à Haiphong");
    EXPECT_EQ(c.docs[1].published, "2025-03-05");
    EXPECT_EQ(c.docs[1].language, "fr");

    EXPECT_EQ(c.docs[2].source, path + "#4");  // HTML in `body`, line 3 blank
    EXPECT_EQ(c.docs[2].text, "First paragraph here.\nSecond\u00A0one.");
    EXPECT_EQ(c.docs[2].published, "2024-03-05");

    EXPECT_EQ(c.docs[3].source, path + "#9");  // `article` field, epoch date
    EXPECT_EQ(c.docs[3].published, "2024-03-05");

    std::vector<std::pair<std::size_t, std::string>> expected = {
        {5, "not a JSON object (found an array)"},
        {6, "no text field (expected one of text, content, body, article)"},
        {7, "invalid JSON: missing a comma or '}' after an object member at column 52"},
        {8, "empty text field"},
        {10, "not a JSON object (found a string)"},
        {11, "truncated last line (the file ends in the middle of a JSON record)"},
    };
    ASSERT_EQ(c.skipped.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(c.skipped[i].source, path);
        EXPECT_EQ(c.skipped[i].line, expected[i].first);
        EXPECT_EQ(c.skipped[i].message, expected[i].second);
    }
}

TEST(JsonlReader, StreamLatin1LinesAndOversizeRecords) {
    std::string data = "{\"text\": \"caf\xE9\"}\r\n{\"text\": \"ok\"}\n{\"text\": \"" + std::string(5000, 'x') +
                       "\"}\n{\"text\": \"d\xE9j\xE0\"}\n{\"text\": [1, 2]}";
    std::istringstream in(data);
    Collected c;
    ReadOptions options;
    options.max_file_bytes = 1000;
    read_jsonl(in, "stream", c.callbacks(), options);
    ASSERT_EQ(c.docs.size(), 3u);
    EXPECT_EQ(c.docs[0].text, "café");
    EXPECT_EQ(c.docs[1].text, "ok");
    EXPECT_EQ(c.docs[2].text, "déjà");
    EXPECT_EQ(c.docs[2].source, "stream#4");
    ASSERT_EQ(c.skipped.size(), 2u);
    EXPECT_EQ(c.skipped[0].line, 3u);
    EXPECT_EQ(c.skipped[0].message, "record too large (4.9 KB > 1000 bytes limit)");
    EXPECT_EQ(c.skipped[1].line, 5u);
    EXPECT_EQ(c.skipped[1].message, "no text field (expected one of text, content, body, article)");
    ASSERT_EQ(c.warnings.size(), 1u);
    EXPECT_EQ(c.warnings[0].line, 1u);
    EXPECT_EQ(c.warnings[0].message, "2 lines not UTF-8 (first here); decoded as Latin-1");
}

TEST(JsonlReader, DeepJsonDoesNotOverflowTheStack) {
    std::string deep(1000000, '[');
    std::istringstream in("{\"text\": \"a\", \"x\": " + deep + "\n" + std::string(1000000, '{'));
    Collected c;
    read_jsonl(in, "deep", c.callbacks());
    EXPECT_EQ(c.docs.size(), 0u);
    EXPECT_EQ(c.skipped.size(), 2u);
}

TEST(JsonlReader, BinaryAndEmptyFiles) {
    TempDir dir;
    auto bin = read_one(dir.file("x.jsonl", std::string("\x89PNG\r\n\x1a\n\0\0", 10)));
    ASSERT_EQ(bin.skipped.size(), 1u);
    EXPECT_EQ(bin.skipped[0].message, "binary file");
    auto empty = read_one(dir.file("e.jsonl", "\n\n  \n"));
    ASSERT_EQ(empty.skipped.size(), 1u);
    EXPECT_EQ(empty.skipped[0].message, "empty file");
}

TEST(JsonReader, ArraySingleObjectWrapperAndJsonLines) {
    auto arr = read_one(kInputs + "articles_array.json");
    ASSERT_EQ(arr.docs.size(), 2u);
    EXPECT_EQ(arr.docs[0].source, kInputs + "articles_array.json#1");
    EXPECT_EQ(arr.docs[1].title, "Second");
    EXPECT_EQ(arr.docs[1].published, "04/03/2025");  // day or month first? kept as given
    ASSERT_EQ(arr.skipped.size(), 2u);
    EXPECT_EQ(arr.skipped[0].message, "record 3: not a JSON object (found a number)");
    EXPECT_EQ(arr.skipped[1].message, "record 4: no text field (expected one of text, content, body, article)");

    auto one = read_one(kInputs + "single_article.json");
    ASSERT_EQ(one.docs.size(), 1u);
    EXPECT_EQ(one.docs[0].source, kInputs + "single_article.json");
    EXPECT_EQ(one.docs[0].title, "One article");
    EXPECT_EQ(one.docs[0].url, "https://example.com/one");
    EXPECT_EQ(one.docs[0].published, "2025-01-02");

    auto wrapped = read_one(kInputs + "wrapped_articles.json");
    ASSERT_EQ(wrapped.docs.size(), 2u);
    EXPECT_EQ(wrapped.docs[1].published, "2025-02-03");

    auto lines = read_one(kInputs + "lines_in_a.json");
    ASSERT_EQ(lines.docs.size(), 2u);
    EXPECT_EQ(lines.docs[1].source, kInputs + "lines_in_a.json#2");

    TempDir dir;
    auto bad = read_one(dir.file("bad.json", "{\n  \"text\": \"a\",\n  oops\n}"));
    ASSERT_EQ(bad.skipped.size(), 1u);
    EXPECT_EQ(bad.skipped[0].line, 3u);
    EXPECT_EQ(bad.skipped[0].message, "invalid JSON: missing a name for object member at column 3");
}

// ---------------------------------------------------------------- dates, languages

TEST(Dates, Normalization) {
    EXPECT_EQ(normalize_date("2024-03-05T10:00:00Z"), "2024-03-05");
    EXPECT_EQ(normalize_date(" 2024-03-05 "), "2024-03-05");
    EXPECT_EQ(normalize_date("2024/3/5"), "2024/3/5");  // not zero-padded: kept
    EXPECT_EQ(normalize_date("2024/03/05"), "2024-03-05");
    EXPECT_EQ(normalize_date("20240305"), "2024-03-05");
    EXPECT_EQ(normalize_date("2024-03"), "2024-03");
    EXPECT_EQ(normalize_date("25/12/2024"), "2024-12-25");
    EXPECT_EQ(normalize_date("12/25/2024"), "2024-12-25");
    EXPECT_EQ(normalize_date("04.03.2025"), "2025-03-04");
    EXPECT_EQ(normalize_date("04/03/2025"), "04/03/2025");  // ambiguous: kept as given
    EXPECT_EQ(normalize_date("Tue, 05 Mar 2024 10:00:00 GMT"), "2024-03-05");
    EXPECT_EQ(normalize_date("March 5, 2024"), "2024-03-05");
    EXPECT_EQ(normalize_date("5th of March 2024"), "2024-03-05");
    EXPECT_EQ(normalize_date("mardi 1er avril 2025"), "2025-04-01");
    EXPECT_EQ(normalize_date("Publié le 27 mai 2025 à 06h00"), "2025-05-27");
    EXPECT_EQ(normalize_date("5 DÉCEMBRE 2024"), "2024-12-05");
    EXPECT_EQ(normalize_date("août 2023"), "2023-08");
    EXPECT_EQ(normalize_date("2024-02-30"), "2024-02-30");  // impossible day: kept
    EXPECT_EQ(normalize_date("yesterday"), "yesterday");
    EXPECT_EQ(normalize_date(""), "");
}

TEST(Languages, Normalization) {
    EXPECT_EQ(normalize_language("fr-FR"), "fr");
    EXPECT_EQ(normalize_language("en_US"), "en");
    EXPECT_EQ(normalize_language("French"), "fr");
    EXPECT_EQ(normalize_language("français"), "fr");
    EXPECT_EQ(normalize_language("DE"), "de");
    EXPECT_EQ(normalize_language("sv"), "sv");
    EXPECT_EQ(normalize_language("klingon"), "");
}

// ---------------------------------------------------------------- walking folders

namespace {

std::vector<std::string> sources(const Collected& c) {
    std::vector<std::string> out;
    for (const auto& d : c.docs) out.push_back(d.source);
    return out;
}

}  // namespace

TEST(Walk, SortedRecursiveAndDeterministic) {
    TempDir dir;
    // Created in an order unlike the sorted one.
    dir.file("tree/zeta.jsonl", "{\"text\": \"Zeta record.\"}\n");
    dir.file("tree/b_folder/nested/gamma.txt", "Gamma.");
    dir.file("tree/delta.txt", "Delta.");
    dir.file("tree/a_folder/alpha.txt", "Alpha.");
    dir.file("tree/b_folder/beta.md", "Beta.");
    dir.file("tree/epsilon.html", "<article><p>Epsilon.</p></article>");
    dir.file("tree/report.PDF", "%PDF-1.4");
    dir.file("tree/notes", "no extension");
    dir.file("tree/.DS_Store", "x");
    dir.file("tree/.git/HEAD.txt", "ref: refs/heads/main");
    dir.file("tree/.cache/x.txt", "cached");
    std::string root = dir.path("tree");
    auto c = read_one(root);
    std::vector<std::string> expected = {root + "/a_folder/alpha.txt", root + "/b_folder/beta.md",
                                         root + "/b_folder/nested/gamma.txt", root + "/delta.txt",
                                         root + "/epsilon.html", root + "/zeta.jsonl#1"};
    EXPECT_EQ(sources(c), expected);
    ASSERT_EQ(c.skipped.size(), 3u);
    EXPECT_EQ(c.skipped[0].source, root + "/.DS_Store");
    EXPECT_EQ(c.skipped[0].message, "hidden file");
    EXPECT_EQ(c.skipped[1].source, root + "/notes");
    EXPECT_EQ(c.skipped[1].message, "unsupported file type (no extension)");
    EXPECT_EQ(c.skipped[2].source, root + "/report.PDF");
    EXPECT_EQ(c.skipped[2].message, "unsupported file type .pdf");
    // Same input, same output; a trailing slash changes nothing but the spelling.
    auto again = read_one(root);
    EXPECT_EQ(sources(again), expected);
    auto slash = read_one(root + "/");
    EXPECT_EQ(slash.docs.size(), expected.size());
}

TEST(Walk, MissingPathsAndExplicitFiles) {
    TempDir dir;
    Collected c;
    auto hidden = dir.file(".hidden.txt", "Named on the command line: read.");
    read_inputs({dir.path("nope"), hidden, dir.file("x.pdf", "%PDF")}, c.callbacks());
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].source, hidden);
    ASSERT_EQ(c.skipped.size(), 2u);
    EXPECT_EQ(c.skipped[0].source, dir.path("nope"));
    EXPECT_EQ(c.skipped[0].message, "no such file or directory");
    EXPECT_EQ(c.skipped[1].message, "unsupported file type .pdf");
}

TEST(Walk, SymlinkLoopsAreReportedNotFollowedForever) {
    TempDir dir;
    dir.file("root/a/doc.txt", "Inside a.");
    fs::create_directory_symlink("..", dir.path("root/a/up"));         // a/up -> root
    fs::create_directory_symlink(dir.path("root/a"), dir.path("root/b"));  // b -> a (not a loop)
    fs::create_symlink(dir.path("root/c2.txt"), dir.path("root/c1.txt"));  // c1 -> c2 -> c1
    fs::create_symlink(dir.path("root/c1.txt"), dir.path("root/c2.txt"));
    fs::create_symlink(dir.path("root/missing.txt"), dir.path("root/dangling.txt"));
    auto c = read_one(dir.path("root"));
    ASSERT_EQ(c.docs.size(), 1u);
    EXPECT_EQ(c.docs[0].source, dir.path("root/a/doc.txt"));
    std::string root = dir.path("root");
    EXPECT_EQ(c.skip_for(root + "/a/up"), "symlink loop (leads back to " + root + ")");
    EXPECT_EQ(c.skip_for(root + "/b"), "folder already read as " + root + "/a");
    EXPECT_EQ(c.skip_for(root + "/c1.txt"), "symlink loop");
    EXPECT_EQ(c.skip_for(root + "/c2.txt"), "symlink loop");
    EXPECT_EQ(c.skip_for(root + "/dangling.txt"), "broken symlink (its target does not exist)");
}

TEST(Walk, UnreadableFilesAndFolders) {
    if (geteuid() == 0) GTEST_SKIP() << "root reads anything: permission checks cannot fail";
    TempDir dir;
    auto file = dir.file("root/locked.txt", "secret");
    dir.file("root/closed/inner.txt", "secret");
    fs::permissions(file, fs::perms::none);
    fs::permissions(dir.path("root/closed"), fs::perms::none);
    auto c = read_one(dir.path("root"));
    EXPECT_TRUE(c.docs.empty());
    EXPECT_EQ(c.skip_for(file), "permission denied");
    EXPECT_EQ(c.skip_for(dir.path("root/closed")), "permission denied");
}

TEST(Walk, SpecialFilesDoNotHang) {
    TempDir dir;
    std::string fifo = dir.path("pipe.txt");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    auto c = read_one(dir.path());
    EXPECT_EQ(c.skip_for(fifo), "not a regular file");
    auto direct = read_one(fifo);
    EXPECT_EQ(direct.skip_for(fifo), "not a regular file");
}

TEST(Walk, EveryReaderSurvivesEmptyCallbacks) {
    ReadCallbacks none;
    read_inputs({kInputs}, none);  // must not throw or crash
    SUCCEED();
}

// ---------------------------------------------------------------- fuzz regressions

namespace {

// Depth of the tree gumbo builds for `html` (iteratively).
std::size_t gumbo_depth(const std::string& html) {
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    std::size_t deepest = 0;
    std::vector<std::pair<const GumboNode*, std::size_t>> stack{{out->document, 0}};
    while (!stack.empty()) {
        auto [node, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        const GumboVector* kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                  : (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
                                      ? &node->v.element.children
                                      : nullptr;
        if (kids)
            for (unsigned i = 0; i < kids->length; ++i)
                stack.push_back({static_cast<const GumboNode*>(kids->data[i]), depth + 1});
    }
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return deepest;
}

}  // namespace

// Every input in the committed fuzz corpora (seeds and former crashes) goes through the
// readers in the normal test build too, with the fuzz targets' checks: valid UTF-8 out,
// and a depth estimate never far below the depth of gumbo's tree.
TEST(FuzzCorpus, InputsAreHandled) {
    std::size_t count = 0;
    for (std::string target : {"fuzz_html_reader", "fuzz_jsonl_reader"}) {
        fs::path dir = fs::path(CHIPGRAPH_SOURCE_DIR) / "fuzz" / "corpus" / target;
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::ifstream in(entry.path(), std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            ++count;
            if (target == "fuzz_html_reader") {
                auto decoded = decode_text(bytes);
                if (!decoded.skip_reason.empty()) continue;
                std::size_t estimate = html_nesting_depth(decoded.text);
                if (estimate <= kMaxHtmlDepth) {
                    EXPECT_LE(gumbo_depth(decoded.text), 2 * estimate + 8) << entry.path();
                }
                try {
                    Document d = read_html(decoded.text, entry.path().string());
                    EXPECT_FALSE(text::find_invalid_utf8(d.text)) << entry.path();
                } catch (const InputError&) {
                }
            } else {
                std::istringstream stream(bytes);
                Collected c;
                read_jsonl(stream, "corpus", c.callbacks());
                read_json(bytes, "corpus", c.callbacks());
                for (const auto& d : c.docs) EXPECT_FALSE(text::find_invalid_utf8(d.text)) << entry.path();
            }
        }
    }
    EXPECT_GT(count, 0u);
}

TEST(CleanMarkdown, PathologicalLinesStayFast) {
    auto start = std::chrono::steady_clock::now();
    std::string lt, ticks = "x", comments;
    for (int i = 0; i < 200000; ++i) lt += "a < b ";
    for (int i = 2000; i > 0; --i) ticks += std::string(static_cast<std::size_t>(i), '`') + "x";
    for (int i = 0; i < 200000; ++i) comments += "<!-- ";
    EXPECT_TRUE(clean_markdown(lt) == lt);
    EXPECT_EQ(clean_markdown(ticks).size(), ticks.size());  // no closing runs: all literal
    EXPECT_EQ(clean_markdown(comments), "");                 // an unclosed comment hides the rest
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 2.0);
}
