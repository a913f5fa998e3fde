// Plain text and Markdown files.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace {

bool is_punct(char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x80 && ((u >= '!' && u <= '/') || (u >= ':' && u <= '@') || (u >= '[' && u <= '`') ||
                        (u >= '{' && u <= '~'));
}

// Leading indentation of at most `max` spaces.
std::size_t indent(std::string_view line, std::size_t max = 3) {
    std::size_t i = 0;
    while (i < line.size() && i < max && line[i] == ' ') ++i;
    return i;
}

// "---", "***", "___" (three or more, spaces allowed) or setext underlines "===", "---".
bool rule_line(std::string_view line) {
    line = detail::trim(line);
    if (line.size() < 3) return false;
    char c = line[0];
    if (c != '-' && c != '*' && c != '_' && c != '=') return false;
    std::size_t count = 0;
    for (char d : line) {
        if (d == c)
            ++count;
        else if (d != ' ' && d != '\t')
            return false;
    }
    return count >= 3;
}

// "|---|:---:|" table delimiter rows.
bool table_delimiter(std::string_view line) {
    line = detail::trim(line);
    bool dash = false, pipe = false;
    for (char c : line) {
        if (c == '-')
            dash = true;
        else if (c == '|')
            pipe = true;
        else if (c != ':' && c != ' ' && c != '\t')
            return false;
    }
    return dash && pipe;
}

// "[label]: http://target" reference definitions.
bool reference_definition(std::string_view line) {
    line.remove_prefix(indent(line));
    if (line.empty() || line[0] != '[') return false;
    std::size_t close = line.find("]:");
    return close != std::string_view::npos && close > 1 && line.substr(1, close - 1).find(']') == std::string_view::npos;
}

// Inline Markdown on one line: images dropped; links keep their text; emphasis, code
// span backticks and backslash escapes removed; inline HTML comments and tags dropped.
void inline_markdown(std::string_view line, std::string& out) {
    const std::size_t n = line.size();
    // Matching brackets and parentheses in one pass (explicit stacks, linear time), as
    // (opener, closer) pairs sorted by opener: memory in proportion to the brackets.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    if (line.find_first_of("[(") != std::string_view::npos) {
        std::vector<std::size_t> brackets, parens;
        for (std::size_t i = 0; i < n; ++i) {
            char c = line[i];
            if (c == '\\') {
                ++i;
                continue;
            }
            if (c == '[') brackets.push_back(i);
            if (c == ']' && !brackets.empty()) {
                pairs.push_back({brackets.back(), i});
                brackets.pop_back();
            }
            if (c == '(') parens.push_back(i);
            if (c == ')' && !parens.empty()) {
                pairs.push_back({parens.back(), i});
                parens.pop_back();
            }
        }
        std::sort(pairs.begin(), pairs.end());
    }
    auto match = [&](std::size_t open) {
        auto it = std::lower_bound(pairs.begin(), pairs.end(), std::pair<std::size_t, std::size_t>{open, 0});
        return it != pairs.end() && it->first == open ? it->second : std::string_view::npos;
    };
    // Ranges to skip when reached: ](target) and [ref] parts of links, LIFO.
    std::vector<std::pair<std::size_t, std::size_t>> skips;
    auto space_at = [&](std::size_t i) { return i >= n || detail::is_space(line[i]); };
    std::size_t comment_end = 0, next_gt = 0;
    // Backtick runs by length: positions in order, and how far each list was consumed.
    std::unordered_map<std::size_t, std::pair<std::vector<std::size_t>, std::size_t>> tick_runs;
    for (std::size_t i = line.find('`'); i != std::string_view::npos; i = line.find('`', i)) {
        std::size_t run = 1;
        while (i + run < n && line[i + run] == '`') ++run;
        tick_runs[run].first.push_back(i);
        i += run;
    }
    for (std::size_t i = 0; i < n;) {
        if (!skips.empty() && skips.back().first == i) {
            i = skips.back().second + 1;
            skips.pop_back();
            continue;
        }
        char c = line[i];
        if (c == '\\' && i + 1 < n && is_punct(line[i + 1])) {
            out.push_back(line[i + 1]);
            i += 2;
            continue;
        }
        if (c == '!' && i + 1 < n && line[i + 1] == '[' && match(i + 1) != std::string_view::npos) {
            std::size_t close = match(i + 1);
            if (close + 1 < n && line[close + 1] == '(' && match(close + 1) != std::string_view::npos) {
                i = match(close + 1) + 1;  // image: dropped whole
                continue;
            }
        }
        if (c == '[' && match(i) != std::string_view::npos) {
            std::size_t close = match(i);
            std::size_t after = close + 1;
            if (after < n && line[after] == '(' && match(after) != std::string_view::npos) {
                skips.push_back({close, match(after)});  // [text](target)
                ++i;
                continue;
            }
            if (after < n && line[after] == '[' && match(after) != std::string_view::npos) {
                skips.push_back({close, match(after)});  // [text][ref]
                ++i;
                continue;
            }
        }
        if (c == '`') {
            std::size_t run = 1;
            while (i + run < n && line[i + run] == '`') ++run;
            // The code span closes at the next run of exactly as many backticks.
            std::size_t close = std::string_view::npos;
            if (auto it = tick_runs.find(run); it != tick_runs.end()) {
                auto& [positions, cursor] = it->second;
                while (cursor < positions.size() && positions[cursor] <= i) ++cursor;
                if (cursor < positions.size()) close = positions[cursor];
            }
            if (close != std::string_view::npos) {
                std::string_view code = line.substr(i + run, close - i - run);
                if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ') code = code.substr(1, code.size() - 2);
                out.append(code);
                i = close + run;
                continue;
            }
            out.append(line.substr(i, run));
            i += run;
            continue;
        }
        if (c == '<') {
            if (line.substr(i, 4) == "<!--") {
                if (comment_end != std::string_view::npos && comment_end < i + 4) comment_end = line.find("-->", i + 4);
                if (comment_end != std::string_view::npos) {
                    i = comment_end + 3;
                    continue;
                }
            }
            // Autolink <https://...>: keep the address; inline tag <br>, </span>: drop.
            // (The next '>' is cached, and only short tags count: linear time.)
            if (next_gt != std::string_view::npos && next_gt <= i) next_gt = line.find('>', i + 1);
            std::size_t close = next_gt;
            if (close != std::string_view::npos && close - i <= 2048) {
                std::string_view inner = line.substr(i + 1, close - i - 1);
                if (inner.find("://") != std::string_view::npos || inner.find('@') != std::string_view::npos) {
                    if (inner.find(' ') == std::string_view::npos) {
                        out.append(inner);
                        i = close + 1;
                        continue;
                    }
                } else if (!inner.empty() && (std::isalpha(static_cast<unsigned char>(inner[0])) ||
                                              (inner[0] == '/' && inner.size() > 1 &&
                                               std::isalpha(static_cast<unsigned char>(inner[1]))))) {
                    i = close + 1;
                    continue;
                }
            }
        }
        if (c == '*' || c == '_' || (c == '~' && i + 1 < n && line[i + 1] == '~')) {
            std::size_t run = 1;
            while (i + run < n && line[i + run] == c) ++run;
            char before = i > 0 ? line[i - 1] : ' ';
            char after = i + run < n ? line[i + run] : ' ';
            bool space_before = i == 0 || detail::is_space(before), space_after = space_at(i + run);
            bool left = !space_after && (!is_punct(after) || space_before || is_punct(before));
            bool right = !space_before && (!is_punct(before) || space_after || is_punct(after));
            if (left != right) {  // opens or closes emphasis; intraword and lone runs stay
                i += run;
                continue;
            }
            out.append(line.substr(i, run));
            i += run;
            continue;
        }
        out.push_back(c);
        ++i;
    }
}

// YAML front matter at the very start: "---" ... "---" (or "...").
struct FrontMatter {
    std::string title, date, url, language;
    std::size_t end = 0;  // bytes of the block, 0 when there is none
};

FrontMatter front_matter(std::string_view text) {
    FrontMatter fm;
    if (text.substr(0, 4) != "---\n") return fm;
    std::size_t pos = 4;
    for (int lines = 0; pos < text.size() && lines < 200; ++lines) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        if (detail::trim(line) == "---" || detail::trim(line) == "...") {
            fm.end = std::min(pos, text.size());
            return fm;
        }
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || line.empty() || line[0] == ' ') continue;
        std::string key = detail::ascii_lower(detail::trim(line.substr(0, colon)));
        std::string_view value = detail::trim(line.substr(colon + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        if (key == "title" && fm.title.empty()) fm.title = detail::clean_line(value);
        if ((key == "date" || key == "published" || key == "pubdate") && fm.date.empty())
            fm.date = normalize_date(value);
        if ((key == "url" || key == "link" || key == "canonical") && fm.url.empty()) fm.url = std::string(value);
        if ((key == "lang" || key == "language") && fm.language.empty()) fm.language = normalize_language(value);
    }
    return FrontMatter{};  // not closed: not front matter
}

// Trims in place: no copy of a big text for a trailing newline.
std::string trimmed(std::string&& s) {
    std::size_t end = s.size();
    while (end > 0 && detail::is_space(s[end - 1])) --end;
    s.resize(end);
    std::size_t start = 0;
    while (start < s.size() && detail::is_space(s[start])) ++start;
    if (start > 0) s.erase(0, start);
    return std::move(s);
}

}  // namespace

std::string clean_markdown(std::string_view md) {
    std::string out;
    out.reserve(md.size());
    bool in_fence = false, in_comment = false;
    char fence_char = 0;
    std::size_t fence_len = 0;
    std::size_t pos = 0;
    while (pos < md.size()) {
        std::size_t eol = md.find('\n', pos);
        if (eol == std::string_view::npos) eol = md.size();
        std::string_view line = md.substr(pos, eol - pos);
        bool last = eol >= md.size();
        pos = eol + 1;
        auto newline = [&] {
            if (!last) out.push_back('\n');
        };
        std::string_view body = line.substr(indent(line));
        if (in_fence) {
            std::size_t run = 0;
            while (run < body.size() && body[run] == fence_char) ++run;
            if (run >= fence_len && detail::blank(body.substr(run))) {
                in_fence = false;  // closing fence: dropped
            } else {
                out.append(line);  // code is kept verbatim
            }
            newline();
            continue;
        }
        if (in_comment) {
            std::size_t close = line.find("-->");
            if (close == std::string_view::npos) {
                newline();
                continue;
            }
            in_comment = false;
            line = line.substr(close + 3);
            body = line;
        }
        if (body.substr(0, 3) == "```" || body.substr(0, 3) == "~~~") {
            fence_char = body[0];
            fence_len = 0;
            while (fence_len < body.size() && body[fence_len] == fence_char) ++fence_len;
            in_fence = true;
            newline();
            continue;
        }
        if (rule_line(line) || table_delimiter(line) || reference_definition(line)) {
            newline();
            continue;
        }
        if (std::size_t open = line.find("<!--"); open != std::string_view::npos &&
                                                  line.find("-->", open + 4) == std::string_view::npos) {
            in_comment = true;
            line = line.substr(0, open);
            body = line.substr(indent(line));
        }
        // Block markers: blockquotes, headings, bullets, task boxes.
        while (!body.empty() && body[0] == '>') {
            body.remove_prefix(1);
            if (!body.empty() && body[0] == ' ') body.remove_prefix(1);
            body.remove_prefix(indent(body));
        }
        std::size_t hashes = 0;
        while (hashes < body.size() && hashes < 7 && body[hashes] == '#') ++hashes;
        if (hashes >= 1 && hashes <= 6 && (hashes == body.size() || body[hashes] == ' ' || body[hashes] == '\t')) {
            body = detail::trim(body.substr(hashes));
            std::size_t end = body.size();
            while (end > 0 && body[end - 1] == '#') --end;
            if (end < body.size() && (end == 0 || body[end - 1] == ' ')) body = detail::trim(body.substr(0, end));
        } else {
            std::string_view rest = body.substr(indent(body, 8));
            if (rest.size() >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ') {
                body = rest.substr(2);
                if (body.substr(0, 4) == "[ ] " || body.substr(0, 4) == "[x] " || body.substr(0, 4) == "[X] ")
                    body.remove_prefix(4);
            }
        }
        if (!body.empty() && body.front() == '|' && body.size() > 1 && body.back() == '|')
            body = detail::trim(body.substr(1, body.size() - 2));
        inline_markdown(body, out);
        newline();
    }
    return out;
}

std::string title_from_text(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = detail::trim(text.substr(pos, eol - pos));
        pos = eol + 1;
        if (line.empty()) continue;
        std::size_t chars = 0;
        for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (chars >= 200) return "";
        return detail::clean_line(line);
    }
    return "";
}

void read_text_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
    std::string bytes, error;
    if (!detail::load_file(path, options.max_file_bytes, bytes, error)) {
        detail::skip(cb, {path, 0, std::move(error)});
        return;
    }
    DecodedText decoded = decode_text(std::move(bytes));
    if (!decoded.skip_reason.empty()) {
        detail::skip(cb, {path, 0, std::move(decoded.skip_reason)});
        return;
    }
    if (!decoded.warning.empty()) detail::warn(cb, {path, 0, std::move(decoded.warning)});
    Document doc;
    doc.source = path;
    if (input_kind(path) == InputKind::markdown) {
        FrontMatter fm = front_matter(decoded.text);
        doc.title = std::move(fm.title);
        doc.published = std::move(fm.date);
        doc.url = std::move(fm.url);
        doc.language = std::move(fm.language);
        doc.text = trimmed(clean_markdown(std::string_view(decoded.text).substr(fm.end)));
    } else {
        doc.text = trimmed(std::move(decoded.text));
    }
    if (doc.text.empty()) {
        detail::skip(cb, {path, 0, "empty file"});
        return;
    }
    if (doc.title.empty()) doc.title = title_from_text(doc.text);
    detail::emit(cb, std::move(doc));
}

}  // namespace chipgraph::ingest
