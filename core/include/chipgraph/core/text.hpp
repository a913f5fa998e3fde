// UTF-8 text utilities shared by every module (backed by utf8proc).
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chipgraph::text {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// Decodes Latin-1 (ISO-8859-1 / Windows-1252 printable range) into UTF-8.
std::string latin1_to_utf8(std::string_view s);

// NFC normalization. The input must be valid UTF-8.
std::string nfc(std::string_view s);

// Case-folded, accent-stripped form used for matching names: "États-Unis" -> "etats-unis".
// Typographic apostrophes become "'"; whitespace runs become one space; trimmed.
std::string fold(std::string_view s);

// Like fold(), and also drops punctuation and leading articles (le, la, the, a...):
// the key under which names are compared (same rules as the evaluation).
std::string name_key(std::string_view s);

// The key under which named entities are merged across articles: name_key() without a
// trailing legal form ("NVIDIA Corp." = "Nvidia", "Polaris Vector Pte. Ltd." = "Polaris
// Vector", "Hanxing Intelligence Technology Co." = "Hanxing Intelligence").
std::string entity_key(std::string_view name);

// Decodes one code point at `pos` (advancing it); returns U+FFFD on bad input.
// ASCII, most of any text, is handled inline; the rest by utf8proc.
char32_t decode_multibyte(std::string_view s, std::size_t& pos);
inline char32_t decode(std::string_view s, std::size_t& pos) {
    auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
        ++pos;
        return c;
    }
    return decode_multibyte(s, pos);
}
void append_utf8(std::string& out, char32_t cp);

bool is_upper_multibyte(char32_t cp);
bool is_letter_multibyte(char32_t cp);
inline bool is_upper(char32_t cp) { return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : is_upper_multibyte(cp); }
inline bool is_letter(char32_t cp) {
    return cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : is_letter_multibyte(cp);
}
inline bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// Removes C0 control characters other than TAB, LF and CR (illegal in XML 1.0).
std::string strip_controls(std::string_view s);

std::string to_lower(std::string_view s);

// Appends the decimal digits of `n`, without a formatting library's parsing.
inline void append_number(std::string& out, std::int64_t n) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

}  // namespace chipgraph::text
