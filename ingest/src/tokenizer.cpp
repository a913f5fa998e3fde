#include "chipgraph/ingest/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "chipgraph/core/text.hpp"

namespace chipgraph::ingest {

namespace {

using text::decode;

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x202F || c == 0x2009; }
bool is_alnum(char32_t c) { return text::is_letter(c) || text::is_digit(c); }
constexpr std::array<bool, 256> kAsciiAlnum = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return t;
}();
bool is_ascii_alnum(unsigned char c) { return kAsciiAlnum[c]; }
bool is_closing(char32_t c) {
    return c == '"' || c == 0x00BB || c == 0x201D || c == 0x2019 || c == ')' || c == ']' || c == '\'';
}
bool is_opening(char32_t c) { return c == '"' || c == 0x00AB || c == 0x201C || c == '(' || c == '['; }

char32_t peek(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return 0;
    return decode(s, pos);
}

// Abbreviations after which a period does not end a sentence (folded, without the period).
constexpr std::array<std::string_view, 40> kAbbreviations = {
    "m",   "mm",   "mme",    "mmes", "mlle", "mr",   "mrs", "ms",  "dr",  "st",  "inc", "ltd", "corp",
    "co",  "vs",   "no",     "jr",   "sr",   "prof", "gen", "gov", "sen", "rep", "av",  "cf",  "fig",
    "art", "dept", "approx", "env",  "p",    "pp",   "vol", "ch",  "ste", "cie", "sa",  "bhd"};

bool is_abbreviation(std::string_view word) {
    std::string w = text::fold(word);
    if (std::find(kAbbreviations.begin(), kAbbreviations.end(), w) != kAbbreviations.end()) return true;
    // Initials and dotted acronyms: "J", "U.S", "U.S.A".
    std::size_t letters = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(word[i]);
        if (c == '.') continue;
        if (!(c >= 'A' && c <= 'Z')) return false;
        ++letters;
        if (i + 1 < word.size() && word[i + 1] != '.') return false;
    }
    return letters >= 1;
}

// Start of the word that ends at `end` (letters, digits, periods).
std::size_t word_start(std::string_view s, std::size_t end) {
    std::size_t i = end;
    while (i > 0) {
        unsigned char c = static_cast<unsigned char>(s[i - 1]);
        if (c == '.' || c == '-' || std::isalnum(c) || c >= 0x80)
            --i;
        else
            break;
    }
    return i;
}

// Only these bytes can end a sentence: a line feed, . ! ? and the first byte of "…"
// (E2 80 A6; E2 is never inside another character). The rest is skipped undecoded.
constexpr std::array<unsigned char, 5> kMayEndBytes = {'\n', '.', '!', '?', 0xE2};

// The position of the first byte at or after `pos` that may end a sentence (or the
// text's size): eight bytes at a time, since most of a text cannot.
std::size_t next_byte_that_may_end(std::string_view text, std::size_t pos) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    for (; pos + 8 <= text.size(); pos += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + pos, 8);
        std::uint64_t found = 0;
        for (unsigned char b : kMayEndBytes) {
            const std::uint64_t x = word ^ (kOnes * b);  // zero bytes where word has b
            found |= (x - kOnes) & ~x & kHighs;          // high bit of the first zero byte (and maybe later ones)
        }
        if (found) return pos + static_cast<std::size_t>(std::countr_zero(found)) / 8;  // little-endian
    }
    for (; pos < text.size(); ++pos)
        if (std::find(kMayEndBytes.begin(), kMayEndBytes.end(), static_cast<unsigned char>(text[pos])) !=
            kMayEndBytes.end())
            break;
    return pos;
}

}  // namespace

std::vector<Span> split_sentences(std::string_view text) {
    std::vector<Span> out;
    std::size_t start = 0;
    auto emit = [&](std::size_t end) {
        std::size_t a = start, b = end;
        while (a < b && (std::isspace(static_cast<unsigned char>(text[a])) != 0)) ++a;
        while (b > a && (std::isspace(static_cast<unsigned char>(text[b - 1])) != 0)) --b;
        // Skip leading non-breaking spaces too.
        while (a + 1 < b && static_cast<unsigned char>(text[a]) == 0xC2 &&
               static_cast<unsigned char>(text[a + 1]) == 0xA0)
            a += 2;
        if (b > a) out.push_back({a, b});
        start = end;
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        pos = next_byte_that_may_end(text, pos);
        if (pos >= text.size()) break;
        std::size_t here = pos;
        char32_t c = decode(text, pos);
        if (c == '\n') {
            emit(here);
            continue;
        }
        bool terminal = c == '.' || c == '!' || c == '?' || c == 0x2026;
        if (!terminal) continue;
        // Absorb runs of terminal punctuation and closing quotes/brackets.
        std::size_t after = pos;
        for (;;) {
            std::size_t probe = after;
            char32_t n = peek(text, probe);
            if (n == '.' || n == '!' || n == '?' || n == 0x2026 || is_closing(n)) {
                decode(text, probe);
                after = probe;
            } else {
                break;
            }
        }
        char32_t next = peek(text, after);
        if (c == '.') {
            std::size_t ws = word_start(text, here);
            std::string_view word = text.substr(ws, here - ws);
            if (!word.empty() && text::is_digit(static_cast<unsigned char>(word.back())) && text::is_digit(next))
                continue;  // decimal number
            if (!word.empty() && is_abbreviation(word) && after == pos) continue;
        }
        if (next == 0) {
            emit(after);
            continue;
        }
        if (is_space(next) || next == '\r') {
            // Look at the first character of the next word.
            std::size_t probe = after;
            while (probe < text.size()) {
                std::size_t save = probe;
                char32_t n = decode(text, probe);
                if (!is_space(n)) {
                    probe = save;
                    break;
                }
            }
            char32_t first = peek(text, probe);
            // French spacing before a closing quote: "demande. »" ends after the quote.
            if (first == 0x00BB || first == 0x201D || first == '"') {
                std::size_t q = probe;
                decode(text, q);
                after = q;
                while (q < text.size()) {
                    std::size_t save = q;
                    if (!is_space(decode(text, q))) {
                        q = save;
                        break;
                    }
                }
                probe = q;
                first = peek(text, probe);
            }
            if (first == 0 || first == '\n' || text::is_upper(first) || is_opening(first) || text::is_digit(first) ||
                first == '-' || first == 0x2013 || first == 0x2014 || c != '.')
                emit(after);
            continue;
        }
        // Run-together sentences from scraped pages: "question.Le groupe".
        if (c == '.' && text::is_upper(next)) {
            std::size_t ws = word_start(text, here);
            std::string_view word = text.substr(ws, here - ws);
            bool lower_word = word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char ch) {
                                  return (ch >= 'a' && ch <= 'z') || static_cast<unsigned char>(ch) >= 0x80;
                              });
            // "A100.La capacité", "Xinjiang.Dans": a word, a period, then a capitalized word.
            std::size_t probe = after;
            decode(text, probe);
            bool next_is_word =
                probe < text.size() && text::is_letter(peek(text, probe)) && !text::is_upper(peek(text, probe));
            bool name_word = word.size() >= 3 && !is_abbreviation(word) && word.find('.') == std::string_view::npos;
            if (lower_word || (name_word && next_is_word)) emit(after);
        } else if (is_opening(next) && c != '.') {
            emit(after);
        }
    }
    emit(text.size());
    return out;
}

namespace {

constexpr std::array<std::string_view, 14> kElisions = {"l", "d", "qu",    "n",      "s",      "j",      "c",
                                                        "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};

bool is_elision(std::string_view folded) {
    return std::find(kElisions.begin(), kElisions.end(), folded) != kElisions.end();
}

unsigned flags_of(std::string_view word) {
    unsigned flags = 0;
    std::size_t pos = 0, letters = 0, uppers = 0;
    bool first = true, any_alnum = false;
    while (pos < word.size()) {
        // ASCII without a Unicode lookup: most tokens of either language are plain ASCII.
        const auto byte = static_cast<unsigned char>(word[pos]);
        char32_t c = byte;
        bool digit = false, letter = false, up = false;
        if (byte < 0x80) {
            ++pos;
            digit = byte >= '0' && byte <= '9';
            up = byte >= 'A' && byte <= 'Z';
            letter = up || (byte >= 'a' && byte <= 'z');
        } else {
            c = decode(word, pos);
            digit = text::is_digit(c);
            letter = !digit && text::is_letter(c);
            up = letter && text::is_upper(c);
        }
        if (digit) {
            flags |= kHasDigit;
            if (first) flags |= kNumber;
            any_alnum = true;
        } else if (letter) {
            ++letters;
            any_alnum = true;
            uppers += up;
            if (first && up) flags |= kCapitalized;
            if (!first && up) flags |= kMixedCase;
        }
        if (!is_apostrophe(c) && c != '.' && c != '-') first = false;
    }
    if (!any_alnum) flags |= kPunct;
    if (letters >= 2 && uppers == letters) flags |= kAllCaps;
    if ((flags & kAllCaps) != 0) flags &= ~static_cast<unsigned>(kMixedCase);
    return flags;
}

// The folded form, flags and hash of a word of printable ASCII (most words of either
// language) in one pass, as text::fold(), flags_of() and word_hash() give them; false for
// any other word.
bool fold_ascii_word(std::string_view word, Token& t) {
    t.folded.resize(word.size());
    char* out = t.folded.data();
    std::uint64_t h = 1469598103934665603ULL;  // word_hash() of the folded word, on the way
    unsigned flags = 0;
    std::size_t letters = 0, uppers = 0;
    bool first = true, any_alnum = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c <= ' ' || c >= 0x80) return false;
        const bool up = c >= 'A' && c <= 'Z';
        const auto lower = static_cast<unsigned char>(up ? c + 32 : c);
        out[i] = static_cast<char>(lower);
        h = (h ^ lower) * 1099511628211ULL;
        if (c >= '0' && c <= '9') {
            flags |= kHasDigit | (first ? kNumber : 0u);
            any_alnum = true;
        } else if (up || (c >= 'a' && c <= 'z')) {
            ++letters;
            any_alnum = true;
            uppers += up;
            if (up) flags |= first ? kCapitalized : kMixedCase;
        }
        if (c != '\'' && c != '.' && c != '-') first = false;
    }
    if (!any_alnum) flags |= kPunct;
    if (letters >= 2 && uppers == letters) flags = (flags | kAllCaps) & ~static_cast<unsigned>(kMixedCase);
    t.flags = flags;
    const auto folded = static_cast<std::uint32_t>(h ^ (h >> 32));
    t.hash = folded ? folded : 1;
    return true;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, Span span) {
    std::vector<Token> tokens;
    std::size_t pos = span.start;
    const std::size_t end = std::min(span.end, text.size());
    tokens.reserve((end - std::min(pos, end)) / 5 + 1);  // about one token per five bytes
    auto push = [&](std::size_t a, std::size_t b, unsigned extra = 0) {
        Token& t = tokens.emplace_back();
        t.start = a;
        t.end = b;
        std::string_view w = text.substr(a, b - a);
        if (!fold_ascii_word(w, t)) {
            t.folded = text::fold(w);
            t.flags = flags_of(w);
            t.hash = word_hash(t.folded);
        }
        t.flags |= extra;
    };
    while (pos < end) {
        std::size_t here = pos;
        char32_t c = decode(text, pos);
        if (is_space(c) || c == '\n' || c == '\r') continue;
        if (!is_alnum(c)) {
            // English possessive after a closing quote or a split word: "'s".
            if (is_apostrophe(c) && (peek(text, pos) == 's' || peek(text, pos) == 'S')) {
                std::size_t p2 = pos + 1;
                if (p2 >= end || !is_alnum(peek(text, p2))) {
                    push(here, p2);
                    pos = p2;
                    continue;
                }
            }
            push(here, pos);
            continue;
        }
        // A word or a number.
        bool number = text::is_digit(c);
        std::size_t word_end = pos;
        for (;;) {
            // Runs of ASCII letters and digits, most of a word, without decoding.
            while (word_end < end && is_ascii_alnum(static_cast<unsigned char>(text[word_end]))) ++word_end;
            std::size_t probe = word_end;
            if (probe >= end) break;
            char32_t n = decode(text, probe);
            if (probe > end) break;
            if (is_alnum(n)) {
                word_end = probe;
                continue;
            }
            char32_t after = probe < end ? peek(text, probe) : 0;
            if (is_apostrophe(n) && text::is_letter(after)) {
                std::string folded = text::fold(text.substr(here, word_end - here));
                if (is_elision(folded)) {
                    word_end = probe;  // the elided word keeps its apostrophe
                    push(here, word_end, kElision);
                    here = word_end;
                    goto next_token;
                }
                // English possessive: stop before 's.
                if ((after == 's' || after == 'S')) {
                    std::size_t p2 = probe;
                    decode(text, p2);
                    if (p2 >= end || !is_alnum(peek(text, p2))) break;
                }
                word_end = probe;  // aujourd'hui, O'Brien
                continue;
            }
            if ((n == '-' || n == '.' || n == '&' || n == '_' || n == '/') && is_alnum(after)) {
                // Tickers glued to price moves: "NVDA-0.93%".
                if (n == '-' && text::is_digit(after) && !number) {
                    unsigned f = flags_of(text.substr(here, word_end - here));
                    if ((f & kAllCaps) != 0) break;
                }
                if (n == '/' && !number) break;
                word_end = probe;
                continue;
            }
            if (number && (n == ',' || n == '.') && text::is_digit(after)) {
                word_end = probe;
                continue;
            }
            // Thousands separated by a space: "40 000", "1 200 000".
            if (number && is_space(n)) {
                std::size_t q = probe;
                int digits = 0;
                while (q < end && text::is_digit(static_cast<unsigned char>(text[q])) && digits < 4) {
                    ++q;
                    ++digits;
                }
                if (digits == 3 && (q >= end || !text::is_digit(static_cast<unsigned char>(text[q])))) {
                    word_end = q;
                    continue;
                }
            }
            // Dotted acronyms keep their final period: "U.S.".
            if (n == '.' && !number) {
                std::string_view w = text.substr(here, word_end - here);
                if (w.size() >= 3 && w[1] == '.' && is_abbreviation(w)) word_end = probe;
            }
            break;
        }
        push(here, word_end);
        pos = word_end;
        continue;
    next_token:
        pos = here;
    }
    return tokens;
}

}  // namespace chipgraph::ingest
