// Readers: files and folders in, documents out (plain text, Markdown, HTML, JSON lines).
//
// Inputs are streamed one document at a time. Nothing is dropped silently: every input
// that cannot be read is reported with its source (and line, for JSON lines) and reason.
// docs/input-formats.md describes every format and every message.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "chipgraph/core/model.hpp"

namespace chipgraph::ingest {

struct InputIssue {
    std::string source;    // file path
    std::size_t line = 0;  // 1-based line for JSON lines, 0 otherwise
    std::string message;   // what is wrong, e.g. "binary file", "invalid JSON: ... at column 7"
};

// Any callback may be left empty.
struct ReadCallbacks {
    std::function<void(Document&&)> on_document;
    std::function<void(const InputIssue&)> on_skipped;  // the input (or record) was not ingested
    std::function<void(const InputIssue&)> on_warning;  // ingested, with a remark (e.g. decoded as Latin-1)
};

struct ReadOptions {
    // Larger files are skipped with a message. JSON lines files are streamed, so for
    // them the limit applies to each line (one record) instead of the whole file.
    std::size_t max_file_bytes = 512ull << 20;
};

// Thrown by read_html() when a page cannot be read at all (nested too deeply).
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads every supported file under `paths` (files or folders, recursively, in sorted
// order; symlinks followed, loops and unreadable entries reported; dot-folders such as
// .git skipped quietly, hidden files reported). Supported: .txt .md .markdown .html .htm
// .xhtml .jsonl .ndjson .json (extensions are case-insensitive).
void read_inputs(const std::vector<std::string>& paths, const ReadCallbacks& callbacks,
                 const ReadOptions& options = {});

// ---- Individual readers, for tests and tools. `source` names the input in messages. ----

enum class InputKind { text, markdown, html, jsonl, json, unsupported };

// The reader for a file, from its extension.
InputKind input_kind(const std::filesystem::path& path);

// Reads one file of any supported kind (dispatches on the extension).
void read_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});

// .txt and .md/.markdown files (Markdown syntax is cleaned when the extension says so).
void read_text_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});
// .html/.htm/.xhtml files.
void read_html_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});
// .jsonl/.ndjson files, streamed line by line.
void read_jsonl_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});
// .json files: one object, an array of objects, or an object holding such an array
// ({"articles": [...]}); a .json file that holds JSON lines is read as such.
void read_json_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});

// Extracts the article from one HTML page: text (article/main content, boilerplate
// dropped, one line per block), title, date and canonical URL. `html` must be UTF-8.
// Throws InputError when the page is nested more than kMaxHtmlDepth levels deep.
Document read_html(std::string_view html, const std::string& source);
inline constexpr std::size_t kMaxHtmlDepth = 2000;

// JSON lines from a stream: one article per line. Documents are named "<source>#<line>";
// bad lines are reported with their line number and reading goes on.
void read_jsonl(std::istream& in, const std::string& source, const ReadCallbacks& callbacks,
                const ReadOptions& options = {});
// A whole JSON document held in memory (what read_json_file() does after loading).
void read_json(std::string_view json, const std::string& source, const ReadCallbacks& callbacks,
               const ReadOptions& options = {});

// Guesses the language of an article from stopword frequencies over its first 20 KB:
// "fr", "en", "de", "es", "it", "pt" or "nl" when one language clearly wins, "" when the
// text is too short to tell (fewer than 5 stopwords) or no language stands out.
std::string detect_language(std::string_view text);

// ---- Building blocks (used by the readers, exposed for tests and tools) ----

// Bytes of a file turned into text.
struct DecodedText {
    std::string text;         // NFC UTF-8, LF line ends, no control characters but \n and \t
    std::string skip_reason;  // non-empty when the bytes are not text ("binary file", "empty file")
    std::string warning;      // non-empty when decoded with a remark ("not UTF-8; decoded as Latin-1")
};

// Strips a BOM (UTF-8, or UTF-16 which is converted), recognizes binary data, decodes
// invalid UTF-8 as Windows-1252, then normalizes like normalize_text(). Takes the bytes
// by value: pass an rvalue and the common case (valid NFC UTF-8) makes no copy.
DecodedText decode_text(std::string bytes);

// True when the start of a file (the first 8 KB are looked at) is binary data: a known
// magic number (PDF, PNG, JPEG, GIF, ZIP, gzip, ELF, SQLite...), a NUL byte, or too many
// control characters.
bool looks_binary(std::string_view head);

// CRLF and CR -> LF; control characters other than \n and \t removed (C0, DEL, C1);
// U+2028/U+2029 -> LF; NFC. Invalid UTF-8 bytes are decoded as Windows-1252.
std::string normalize_text(std::string text);

// Markdown to prose: headings, emphasis, code fences, link targets, images, reference
// definitions, HTML comments and front matter removed; link texts kept.
std::string clean_markdown(std::string_view markdown);

// The first non-empty line, trimmed, when shorter than 200 characters; "" otherwise.
std::string title_from_text(std::string_view text);

// "2024-03-05T10:00:00Z", "05/03/2024", "5 mars 2024", "Tue, 05 Mar 2024 ..." ->
// "2024-03-05" ("2024-03" when the day is unknown). Text that is not a recognizable date
// comes back trimmed but otherwise unchanged.
std::string normalize_date(std::string_view date);

// Language name or tag ("fr-FR", "French", "français") -> ISO 639-1 code ("fr"); "" when
// not recognized.
std::string normalize_language(std::string_view language);

// Cheap estimate of how deeply an HTML page nests its elements (what a parser's stack
// of open elements would reach), without building a tree.
std::size_t html_nesting_depth(std::string_view html);

}  // namespace chipgraph::ingest
