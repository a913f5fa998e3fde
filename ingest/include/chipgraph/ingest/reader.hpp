// Readers: files and folders in, documents out (plain text, Markdown, HTML, JSON lines).
//
// Inputs are streamed one document at a time. Nothing is dropped silently: every input
// that cannot be read is reported with its source (and line, for JSON lines) and reason.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "chipgraph/core/model.hpp"

namespace chipgraph::ingest {

struct InputIssue {
    std::string source;    // file path
    std::size_t line = 0;  // 1-based line for JSON lines, 0 otherwise
    std::string message;   // what is wrong, e.g. "binary file", "invalid UTF-8 at byte 812"
};

struct ReadCallbacks {
    std::function<void(Document&&)> on_document;
    std::function<void(const InputIssue&)> on_skipped;  // the input (or record) was not ingested
    std::function<void(const InputIssue&)> on_warning;  // ingested, with a remark (e.g. decoded as Latin-1)
};

struct ReadOptions {
    std::size_t max_file_bytes = 512ull << 20;  // larger files are skipped with a message
};

// Reads every supported file under `paths` (files or folders, recursively; symlink
// loops and unreadable entries reported). Supported: .txt .md .html .htm .jsonl .json.
void read_inputs(const std::vector<std::string>& paths, const ReadCallbacks& callbacks,
                 const ReadOptions& options = {});

// Individual readers, for tests and tools. `source` names the input in messages.
void read_text_file(const std::string& path, const ReadCallbacks& callbacks, const ReadOptions& options = {});
Document read_html(std::string_view html, const std::string& source);
void read_jsonl(std::istream& in, const std::string& source, const ReadCallbacks& callbacks);

// Guesses the language of an article: "fr", "en", another ISO 639-1 code when it is
// clearly something else, or "" when too short to tell.
std::string detect_language(std::string_view text);

}  // namespace chipgraph::ingest
