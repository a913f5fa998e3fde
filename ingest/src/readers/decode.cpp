// Bytes -> text: BOM, UTF-16, binary detection, invalid UTF-8 (as Windows-1252), line
// ends, control characters, NFC. Built for speed: one validation pass and one cleanup
// pass in place; NFC (utf8proc) only runs on the paragraphs that may need it.
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "chipgraph/core/text.hpp"
#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHigh = 0x8080808080808080ull;

inline std::uint64_t load8(const unsigned char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}

// True when the 8 bytes are all printable ASCII (0x20..0x7E).
inline bool printable8(std::uint64_t x) {
    if (x & kHigh) return false;
    if ((x - 0x20 * kOnes) & ~x & kHigh) return false;  // a byte < 0x20
    if ((x + kOnes) & kHigh) return false;               // a byte == 0x7F
    return true;
}

// Length of the valid UTF-8 sequence starting at p (n bytes available), 0 when invalid.
// Strict: no overlong forms, no surrogates, nothing above U+10FFFF.
inline std::size_t seq_len(const unsigned char* p, std::size_t n) {
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;
        if (c == 0xED && p[1] >= 0xA0) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

inline char32_t seq_cp(const unsigned char* p, std::size_t len) {
    switch (len) {
        case 2: return (char32_t(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
        case 3: return (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        default:
            return (char32_t(p[0] & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) |
                   (p[3] & 0x3F);
    }
}

inline void put_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Offset of the first invalid byte, or npos.
std::size_t first_invalid(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        if (i + 8 <= n && (load8(p + i) & kHigh) == 0) {
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = seq_len(p + i, n - i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Code points that NFC never changes and that never combine with what precedes them:
// everything below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA), general punctuation
// and currency signs (typographic quotes, dashes, narrow no-break space, euro) except the
// two spaces U+2000/U+2001 that decompose canonically, the trade mark sign, U+FFFD.
inline bool nfc_safe(char32_t cp) {
    return cp < 0x300 || (cp >= 0x2002 && cp <= 0x20CF) || cp == 0x2122 || cp == 0xFFFD;
}

// Line ends, control characters and BOMs, in place on valid UTF-8. Returns true when
// every code point kept is nfc_safe (the text is then already NFC).
bool clean_in_place(std::string& s) {
    auto* p = reinterpret_cast<unsigned char*>(s.data());
    std::size_t n = s.size(), r = 0, w = 0;
    bool safe = true;
    while (r < n) {
        if (r + 8 <= n) {
            std::uint64_t x = load8(p + r);
            if (printable8(x)) {
                if (w != r) std::memcpy(p + w, &x, 8);
                r += 8;
                w += 8;
                continue;
            }
        }
        unsigned char c = p[r];
        if (c >= 0x20 && c < 0x7F) {
            p[w++] = c;
            ++r;
        } else if (c == '\n' || c == '\t') {
            p[w++] = c;
            ++r;
        } else if (c == '\r') {
            p[w++] = '\n';
            ++r;
            if (r < n && p[r] == '\n') ++r;
        } else if (c < 0x80) {
            ++r;  // C0 control or DEL
        } else {
            std::size_t len = seq_len(p + r, n - r);
            if (len == 0) len = 1;  // cannot happen on repaired text; be safe anyway
            char32_t cp = len == 1 ? 0xFFFD : seq_cp(p + r, len);
            if ((cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF) {
                r += len;  // C1 control, byte order mark / zero-width no-break space
            } else if (cp == 0x2028 || cp == 0x2029) {
                p[w++] = '\n';
                r += len;
            } else {
                if (!nfc_safe(cp)) safe = false;
                if (w != r) std::memmove(p + w, p + r, len);
                w += len;
                r += len;
            }
        }
    }
    s.resize(w);
    return safe;
}

bool paragraph_safe(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = seq_len(p + i, n - i);
        if (len == 0) return false;
        if (!nfc_safe(seq_cp(p + i, len))) return false;
        i += len;
    }
    return true;
}

// NFC paragraph by paragraph: a line feed never combines with anything, so normalizing
// the lines one by one gives the same result, and the (slow) library only sees the
// lines that need it.
std::string nfc_by_paragraph(const std::string& s) {
    std::string out;
    out.reserve(s.size() + s.size() / 16);
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos) end = s.size();
        std::string_view para(s.data() + start, end - start);
        if (paragraph_safe(para))
            out.append(para);
        else
            out.append(text::nfc(para));
        if (end < s.size()) out.push_back('\n');
        start = end + 1;
    }
    return out;
}

// UTF-16 (either byte order) -> UTF-8; unpaired surrogates and an odd last byte -> U+FFFD.
std::string utf16_to_utf8(std::string_view b, bool little_endian) {
    std::string out;
    out.reserve(b.size() + b.size() / 2);
    auto unit = [&](std::size_t i) -> char32_t {
        auto lo = static_cast<unsigned char>(b[i]), hi = static_cast<unsigned char>(b[i + 1]);
        return little_endian ? (char32_t(hi) << 8 | lo) : (char32_t(lo) << 8 | hi);
    };
    std::size_t i = 0;
    for (; i + 1 < b.size(); i += 2) {
        char32_t u = unit(i);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
            char32_t v = unit(i + 2);
            if (v >= 0xDC00 && v < 0xE000) {
                put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        put_utf8(out, u >= 0xD800 && u < 0xE000 ? 0xFFFD : u);
    }
    if (i < b.size()) put_utf8(out, 0xFFFD);
    return out;
}

// UTF-16 without a BOM: mostly-ASCII text where every other byte is zero.
int utf16_without_bom(std::string_view head) {
    if (head.size() < 16) return 0;
    std::size_t pairs = head.size() / 2, zero_even = 0, zero_odd = 0;
    for (std::size_t i = 0; i + 1 < head.size(); i += 2) {
        zero_even += head[i] == '\0';
        zero_odd += head[i + 1] == '\0';
    }
    if (zero_odd * 10 >= pairs * 9 && zero_even * 10 < pairs) return 1;  // little endian
    if (zero_even * 10 >= pairs * 9 && zero_odd * 10 < pairs) return 2;  // big endian
    return 0;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

namespace detail {

std::size_t repair_utf8(std::string& s, std::size_t* valid_multibyte) {
    std::size_t bad = first_invalid(s);
    if (bad == std::string::npos) return 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t n = s.size(), invalid = 0, multibyte = 0;
    std::string out;
    out.reserve(n + n / 8);
    out.append(s, 0, bad);
    for (std::size_t i = 0; i < bad;) {  // count what came before
        std::size_t len = p[i] < 0x80 ? 1 : seq_len(p + i, n - i);
        multibyte += len > 1;
        i += len;
    }
    std::size_t i = bad;
    while (i < n) {
        if (p[i] < 0x80) {
            out.push_back(static_cast<char>(p[i++]));
            continue;
        }
        std::size_t len = seq_len(p + i, n - i);
        if (len > 0) {
            out.append(reinterpret_cast<const char*>(p + i), len);
            ++multibyte;
            i += len;
            continue;
        }
        std::size_t j = i + 1;  // a run of invalid bytes
        while (j < n && p[j] >= 0x80 && seq_len(p + j, n - j) == 0) ++j;
        out.append(text::latin1_to_utf8(std::string_view(s).substr(i, j - i)));
        invalid += j - i;
        i = j;
    }
    s = std::move(out);
    if (valid_multibyte) *valid_multibyte = multibyte;
    return invalid;
}

bool valid_utf8(std::string_view s) { return first_invalid(s) == std::string_view::npos; }

std::string clean_line(std::string_view s) {
    std::string t = normalize_text(std::string(s));
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    std::size_t n = t.size();
    std::string out;
    out.reserve(n);
    bool space = false;
    for (std::size_t i = 0; i < n;) {
        std::size_t len = p[i] < 0x80 ? 1 : seq_len(p + i, n - i);
        if (len == 0) len = 1;
        bool sp;
        if (len == 1) {
            sp = is_space(static_cast<char>(p[i]));
        } else {
            char32_t cp = seq_cp(p + i, len);
            sp = cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
        }
        if (sp) {
            space = !out.empty();
        } else {
            if (space) out.push_back(' ');
            space = false;
            out.append(t, i, len);
        }
        i += len;
    }
    return out;
}

}  // namespace detail

bool looks_binary(std::string_view head) {
    head = head.substr(0, 8192);
    static constexpr std::string_view kMagic[] = {
        "%PDF-",          "\x89PNG",      "GIF87a",      "GIF89a", "\xFF\xD8\xFF", "PK\x03\x04", "PK\x05\x06",
        "\x1F\x8B",       "\x7F" "ELF",   "BZh91AY&SY",  "\xFD" "7zXZ", "7z\xBC\xAF\x27\x1C", "Rar!\x1A\x07",
        "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "OggS", "wOFF", "wOF2", "\x00asm"};
    if (starts_with(head, std::string_view("SQLite format 3\0", 16))) return true;
    for (auto m : kMagic)
        if (starts_with(head, m)) return true;
    if (head.find('\0') != std::string_view::npos) return true;
    std::size_t controls = 0;
    for (unsigned char c : head)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++controls;
    return controls * 20 > head.size();  // more than 5%
}

std::string normalize_text(std::string s) {
    detail::repair_utf8(s);
    if (clean_in_place(s)) return s;
    return nfc_by_paragraph(s);
}

DecodedText decode_text(std::string bytes) {
    DecodedText r;
    std::string_view v = bytes;
    if (starts_with(v, "\xFF\xFE") && !starts_with(v, std::string_view("\xFF\xFE\0\0", 4))) {
        bytes = utf16_to_utf8(v.substr(2), true);
    } else if (starts_with(v, "\xFE\xFF")) {
        bytes = utf16_to_utf8(v.substr(2), false);
    } else if (int bo = utf16_without_bom(v.substr(0, 8192))) {
        bytes = utf16_to_utf8(v, bo == 1);
    } else if (looks_binary(starts_with(v, "\xEF\xBB\xBF") ? v.substr(3) : v)) {
        r.skip_reason = "binary file";
        return r;
    }
    if (detail::blank(bytes)) {
        r.skip_reason = "empty file";
        return r;
    }
    std::size_t bad = first_invalid(bytes);
    if (bad != std::string::npos) {
        // Western text in Latin-1 has a few accented letters; text in another 8-bit
        // encoding (Cyrillic, Greek, CJK) is mostly high bytes. UTF-8 with a few bad
        // bytes has valid multi-byte sequences.
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
        std::size_t n = bytes.size(), high = 0, visible = 0, multibyte = 0;
        for (std::size_t i = 0; i < n;) {
            unsigned char c = p[i];
            visible += c > 0x20;
            if (c < 0x80) {
                ++i;
                continue;
            }
            std::size_t len = seq_len(p + i, n - i);
            if (len > 1) {
                ++multibyte;
                i += len;
            } else {
                ++high;
                ++i;
            }
        }
        if (multibyte == 0 && high * 10 > visible * 3) {
            r.skip_reason = fmt::format("not UTF-8 (invalid byte at offset {}) and not Latin-1 text: unknown encoding",
                                        bad);
            return r;
        }
        std::size_t invalid = detail::repair_utf8(bytes);
        r.warning = multibyte == 0 ? std::string("not UTF-8; decoded as Latin-1")
                                   : fmt::format("invalid UTF-8 ({} bytes, first at offset {}); decoded those "
                                                 "bytes as Windows-1252",
                                                 invalid, bad);
    }
    if (clean_in_place(bytes))
        r.text = std::move(bytes);
    else
        r.text = nfc_by_paragraph(bytes);
    if (detail::blank(r.text)) {
        r.text.clear();
        r.skip_reason = "empty file";
    }
    return r;
}

}  // namespace chipgraph::ingest
