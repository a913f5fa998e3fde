// Publication dates as found in meta tags, feeds and JSON records -> ISO dates.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool valid_year(int y) { return y >= 1800 && y <= 2200; }

std::string iso(int y, int m, int d) {
    if (!valid_year(y) || m < 1 || m > 12) return "";
    if (d == 0) return fmt::format("{:04}-{:02}", y, m);
    if (d < 1 || d > days_in_month(y, m)) return "";
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// Month names (English and French, full and abbreviated, with or without accents).
int month_number(std::string_view w) {
    static constexpr std::pair<std::string_view, int> kMonths[] = {
        {"january", 1},   {"jan", 1},     {"janvier", 1},   {"janv", 1},     {"february", 2}, {"feb", 2},
        {"février", 2},   {"fevrier", 2}, {"févr", 2},      {"fevr", 2},     {"fév", 2},      {"fev", 2},
        {"march", 3},     {"mar", 3},     {"mars", 3},      {"april", 4},    {"apr", 4},      {"avril", 4},
        {"avr", 4},       {"may", 5},     {"mai", 5},       {"june", 6},     {"jun", 6},      {"juin", 6},
        {"july", 7},      {"jul", 7},     {"juillet", 7},   {"juil", 7},     {"august", 8},   {"aug", 8},
        {"août", 8},      {"aout", 8},    {"september", 9}, {"sep", 9},      {"sept", 9},     {"septembre", 9},
        {"october", 10},  {"oct", 10},    {"octobre", 10},  {"november", 11}, {"nov", 11},    {"novembre", 11},
        {"december", 12}, {"dec", 12},    {"décembre", 12}, {"decembre", 12}, {"déc", 12}};
    std::string lower = detail::ascii_lower(w);
    // Upper-case accented letters in month names: É (C3 89) and Û (C3 9B).
    for (std::size_t i = 0; i + 1 < lower.size(); ++i)
        if (static_cast<unsigned char>(lower[i]) == 0xC3 && static_cast<unsigned char>(lower[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(lower[i + 1]) <= 0x9E)
            lower[i + 1] = static_cast<char>(lower[i + 1] + 0x20);
    for (auto [name, number] : kMonths)
        if (lower == name) return number;
    return 0;
}

struct Token {
    std::string_view text;
    bool number = false;
    int value = 0;
};

// Splits into runs of digits and runs of letters; everything else separates.
std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size() && out.size() < 32) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= '0' && c <= '9') {
            std::size_t j = i;
            int v = 0;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
                if (v < 100000000) v = v * 10 + (s[j] - '0');
                ++j;
            }
            out.push_back({s.substr(i, j - i), true, v});
            i = j;
        } else if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80) {
            std::size_t j = i;
            while (j < s.size()) {
                auto d = static_cast<unsigned char>(s[j]);
                if (!(((d | 0x20) >= 'a' && (d | 0x20) <= 'z') || d >= 0x80)) break;
                ++j;
            }
            out.push_back({s.substr(i, j - i), false, 0});
            i = j;
        } else {
            ++i;
        }
    }
    return out;
}

// Numeric forms: Y-M-D, Y-M, D/M/Y (or M/D/Y when the day is obviously second).
std::string numeric_date(std::string_view s) {
    // Leading digits and separators only.
    auto digits = [&](std::size_t pos, std::size_t count, int& value) {
        if (pos + count > s.size()) return false;
        value = 0;
        for (std::size_t i = pos; i < pos + count; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    };
    auto sep = [&](std::size_t pos) { return pos < s.size() && (s[pos] == '-' || s[pos] == '/' || s[pos] == '.'); };
    auto end_ok = [&](std::size_t pos) {
        return pos >= s.size() || !(s[pos] >= '0' && s[pos] <= '9');
    };
    int y, m, d;
    if (digits(0, 4, y)) {
        if (sep(4) && digits(5, 2, m)) {
            if (sep(7) && digits(8, 2, d) && end_ok(10)) return iso(y, m, d);
            if (end_ok(7) && !sep(7)) return iso(y, m, 0);
        }
        if (digits(4, 2, m) && digits(6, 2, d) && end_ok(8)) return iso(y, m, d);  // 20240305
        return "";
    }
    // D/M/Y with one- or two-digit day and month.
    std::size_t i = 0;
    int a = 0, b = 0;
    auto small = [&](int& v) {
        std::size_t start = i;
        v = 0;
        while (i < s.size() && i - start < 2 && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
        return i > start;
    };
    if (!small(a) || !sep(i)) return "";
    char separator = s[i++];
    if (!small(b) || i >= s.size() || s[i] != separator) return "";
    ++i;
    if (!digits(i, 4, y) || !end_ok(i + 4)) return "";
    if (a > 12 && b <= 12) return iso(y, b, a);  // day first (European)
    if (b > 12 && a <= 12) return iso(y, a, b);  // month first (US)
    if (a == b) return iso(y, a, b);
    if (separator == '.' ) return iso(y, b, a);  // 05.03.2024 is always day first
    return "";                                   // ambiguous: keep the text as given
}

}  // namespace

std::string normalize_date(std::string_view date) {
    std::string_view s = detail::trim(date);
    if (s.empty()) return "";
    if (auto n = numeric_date(s); !n.empty()) return n;
    // Words: "5 March 2024", "March 5, 2024", "Tue, 05 Mar 2024 10:00:00 GMT",
    // "mardi 5 mars 2024", "1er mars 2024", "5th of March 2024", "March 2024".
    auto tokens = tokenize(s);
    int month = 0, year = 0, day = 0;
    std::size_t month_at = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].number && month == 0) {
            if (int m = month_number(tokens[i].text)) {
                month = m;
                month_at = i;
            }
        }
    }
    if (month == 0) return std::string(s);
    // The year: the first four-digit number; the day: a number of one or two digits
    // next to the month name (before it, or right after it).
    for (const auto& t : tokens)
        if (t.number && t.text.size() == 4 && valid_year(t.value)) {
            year = t.value;
            break;
        }
    auto day_at = [&](std::size_t i) {
        return i < tokens.size() && tokens[i].number && tokens[i].text.size() <= 2 && tokens[i].value >= 1 &&
               tokens[i].value <= 31;
    };
    // Before the month, possibly across short words: "5 mars", "1er mars", "5th of March".
    for (std::size_t back = 1; back <= 3 && back <= month_at; ++back) {
        const Token& t = tokens[month_at - back];
        if (day_at(month_at - back)) {
            day = t.value;
            break;
        }
        if (t.number || t.text.size() > 3) break;
    }
    if (day == 0 && day_at(month_at + 1)) day = tokens[month_at + 1].value;
    if (year == 0) return std::string(s);
    std::string out = iso(year, month, day);
    return out.empty() ? std::string(s) : out;
}

}  // namespace chipgraph::ingest
