// Helpers shared by the reader sources (private to ingest/src/readers).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "chipgraph/ingest/reader.hpp"

namespace chipgraph::ingest::detail {

// Callback invocations that tolerate empty callbacks.
inline void emit(const ReadCallbacks& cb, Document&& doc) {
    if (cb.on_document) cb.on_document(std::move(doc));
}
inline void skip(const ReadCallbacks& cb, InputIssue issue) {
    if (cb.on_skipped) cb.on_skipped(issue);
}
inline void warn(const ReadCallbacks& cb, InputIssue issue) {
    if (cb.on_warning) cb.on_warning(issue);
}

// What an errno means to a user: "permission denied", "symlink loop", ...
std::string errno_message(int err);

// "12 MB", "3.5 KB", "800 bytes".
std::string human_size(std::size_t bytes);

// Loads a whole regular file in one read (size known up front, no reallocation).
// Returns false with a user-facing reason: cannot open, not a regular file, too large.
bool load_file(const std::string& path, std::size_t max_bytes, std::string& out, std::string& error);

// Fixes invalid UTF-8 in place: valid sequences are kept, every invalid byte is decoded
// as Windows-1252. Returns the number of invalid bytes (0: `s` was valid and untouched).
std::size_t repair_utf8(std::string& s, std::size_t* valid_multibyte = nullptr);

bool valid_utf8(std::string_view s);

// Whitespace runs (ASCII and Unicode spaces) -> one space, trimmed; controls dropped; NFC.
std::string clean_line(std::string_view s);

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// True when every byte is ASCII whitespace.
inline bool blank(std::string_view s) {
    for (char c : s)
        if (!is_space(c)) return false;
    return true;
}

// Lower-cases ASCII letters.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

}  // namespace chipgraph::ingest::detail
