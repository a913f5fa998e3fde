// JSON lines (one article per line, streamed) and JSON files (one object, or arrays of
// them). Every parse uses RapidJSON's iterative parser, so deeply nested input cannot
// exhaust the stack.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace {

constexpr auto kParseFlags = rapidjson::kParseIterativeFlag;
constexpr std::string_view kTextFields[] = {"text", "content", "body", "article"};
constexpr std::string_view kTitleFields[] = {"title", "headline"};
constexpr std::string_view kUrlFields[] = {"url", "link"};
constexpr std::string_view kDateFields[] = {"date", "published", "published_at", "pubDate", "datePublished",
                                            "publishedAt"};
constexpr std::string_view kLanguageFields[] = {"language", "lang"};
constexpr std::size_t kChunk = 1 << 20;

const rapidjson::Value* member(const rapidjson::Value& obj, std::string_view name) {
    auto it = obj.FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())));
    return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::string_view string_of(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

// First field present as a non-blank string.
template <std::size_t N>
std::string_view first_string(const rapidjson::Value& obj, const std::string_view (&names)[N]) {
    for (auto name : names)
        if (const auto* v = member(obj, name); v && v->IsString() && !detail::blank(string_of(*v)))
            return string_of(*v);
    return {};
}

// Seconds (or milliseconds) since 1970 -> YYYY-MM-DD (proleptic Gregorian, UTC).
std::string date_from_epoch(double value) {
    if (!(value > 0)) return "";
    if (value >= 1e11) value /= 1000.0;  // milliseconds
    if (value >= 1e11) return "";
    long days = static_cast<long>(std::floor(value / 86400.0));
    // Howard Hinnant's civil_from_days.
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

// "<p>...</p>", "<div class=...>": a text field holding HTML.
bool looks_like_html(std::string_view s) {
    s = detail::trim(s);
    if (s.size() < 3 || s[0] != '<') return false;
    char c = s[1];
    if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '!' || c == '/')) return false;
    return s.find('>') != std::string_view::npos;
}

// One JSON object -> document. Returns "" on success, or why the record is skipped.
std::string record_to_document(const rapidjson::Value& obj, Document& doc) {
    std::string_view text = first_string(obj, kTextFields);
    if (text.empty()) {
        for (auto name : kTextFields)
            if (const auto* v = member(obj, name); v && v->IsString()) return "empty text field";
        return "no text field (expected one of text, content, body, article)";
    }
    Document page;
    if (looks_like_html(text)) {
        try {
            page = read_html(text, doc.source);
        } catch (const InputError& e) {
            return fmt::format("{} field: {}", "text", e.what());
        }
        doc.text = std::move(page.text);
        if (doc.text.empty()) return "no text in the HTML of the text field";
    } else {
        // Validated again: a lone "\udc00" escape decodes to an invalid (surrogate) sequence.
        doc.text = normalize_text(std::string(text));
        std::string_view t = detail::trim(doc.text);
        if (t.size() != doc.text.size()) doc.text = std::string(t);
        if (doc.text.empty()) return "empty text field";
    }
    doc.title = detail::clean_line(first_string(obj, kTitleFields));
    if (doc.title.empty()) doc.title = std::move(page.title);
    doc.url = detail::clean_line(first_string(obj, kUrlFields));
    if (doc.url.empty()) doc.url = std::move(page.url);
    for (auto name : kDateFields) {
        const auto* v = member(obj, name);
        if (!v) continue;
        if (v->IsString() && !detail::blank(string_of(*v))) {
            doc.published = normalize_date(detail::clean_line(string_of(*v)));
            break;
        }
        if (v->IsNumber()) {
            doc.published = date_from_epoch(v->GetDouble());
            if (!doc.published.empty()) break;
        }
    }
    if (doc.published.empty()) doc.published = std::move(page.published);
    doc.language = normalize_language(first_string(obj, kLanguageFields));
    return "";
}

std::string parse_error_message(rapidjson::ParseErrorCode code) {
    std::string msg = rapidjson::GetParseError_En(code);
    if (!msg.empty() && msg.back() == '.') msg.pop_back();
    if (!msg.empty() && msg[0] >= 'A' && msg[0] <= 'Z') msg[0] = static_cast<char>(msg[0] + 32);
    return msg;
}

// 1-based column (in characters) of a byte offset.
std::size_t column_of(std::string_view s, std::size_t offset) {
    offset = std::min(offset, s.size());
    std::size_t col = 1;
    for (std::size_t i = 0; i < offset; ++i) col += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    return col;
}

std::string found_what(const rapidjson::Value& v) {
    if (v.IsArray()) return "an array";
    if (v.IsString()) return "a string";
    if (v.IsNumber()) return "a number";
    if (v.IsBool()) return "a boolean";
    return "null";
}

// The per-line logic of JSON lines, fed one line at a time.
class JsonLines {
public:
    JsonLines(const std::string& source, const ReadCallbacks& cb, const ReadOptions& options)
        : source_(source), cb_(cb), options_(options) {}
    static constexpr std::size_t kPoolBuffer = 64 * 1024;

    // `line` has no '\n'; `complete` is false for a last line without one. `size` is
    // the full length of the line when it was too long to keep (`line` is then empty).
    void line(std::string& line, bool complete, bool too_long, std::size_t size) {
        ++number_;
        if (too_long) {
            ++records_;
            detail::skip(cb_, {source_, number_,
                               fmt::format("record too large ({} > {} limit)", detail::human_size(size),
                                           detail::human_size(options_.max_file_bytes))});
            return;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number_ == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
        if (detail::blank(line)) return;
        ++records_;
        if (const void* nul = std::memchr(line.data(), '\0', line.size())) {
            auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - line.data());
            detail::skip(cb_, {source_, number_, fmt::format("invalid JSON: NUL byte at column {}", column_of(line, at))});
            return;
        }
        if (detail::repair_utf8(line) > 0 && latin1_lines_++ == 0) first_latin1_ = number_;
        // Parse memory from buffers kept across lines: no allocation for ordinary records.
        rapidjson::MemoryPoolAllocator<> values(value_buffer_.get(), kPoolBuffer);
        rapidjson::MemoryPoolAllocator<> parse(parse_buffer_.get(), kPoolBuffer);
        rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::MemoryPoolAllocator<>> d(
            &values, 1024, &parse);
        // In place, in a scratch copy (the line stays intact for error columns): strings
        // are unescaped where they are instead of being copied out one by one. The line
        // has no NUL (checked above), so the terminator ends it.
        scratch_.assign(line);
        scratch_.push_back('\0');
        d.ParseInsitu<kParseFlags>(scratch_.data());
        if (d.HasParseError()) {
            std::size_t offset = d.GetErrorOffset();
            std::string msg;
            if (!complete && offset >= line.size())  // the file stops before the record does
                msg = "truncated last line (the file ends in the middle of a JSON record)";
            else
                msg = fmt::format("invalid JSON: {} at column {}", parse_error_message(d.GetParseError()),
                                  column_of(line, offset));
            detail::skip(cb_, {source_, number_, std::move(msg)});
            return;
        }
        if (!d.IsObject()) {
            detail::skip(cb_, {source_, number_, fmt::format("not a JSON object (found {})", found_what(d))});
            return;
        }
        Document doc;
        doc.source = fmt::format("{}#{}", source_, number_);
        std::string error = record_to_document(d, doc);
        if (!error.empty()) {
            detail::skip(cb_, {source_, number_, std::move(error)});
            return;
        }
        detail::emit(cb_, std::move(doc));
    }

    void finish() {
        if (latin1_lines_ > 0)
            detail::warn(cb_, {source_, first_latin1_,
                               latin1_lines_ == 1 ? std::string("not UTF-8; decoded as Latin-1")
                                                  : fmt::format("{} lines not UTF-8 (first here); decoded as Latin-1",
                                                                latin1_lines_)});
        if (records_ == 0) detail::skip(cb_, {source_, 0, "empty file"});
    }

private:
    const std::string& source_;
    const ReadCallbacks& cb_;
    const ReadOptions& options_;
    std::unique_ptr<char[]> value_buffer_{new char[kPoolBuffer]}, parse_buffer_{new char[kPoolBuffer]};
    std::string scratch_;
    std::size_t number_ = 0, records_ = 0, latin1_lines_ = 0, first_latin1_ = 0;
};

// Splits the chunks that `next` returns (a view of the next bytes, empty at the end) into
// lines. Memory: one chunk plus the longest line kept (lines above the limit are
// measured, not kept).
template <class Next>
void split_lines(Next next, const std::string& source, const ReadCallbacks& cb, const ReadOptions& options) {
    JsonLines lines(source, cb, options);
    std::string line;
    bool too_long = false, first = true;
    std::size_t size = 0;
    for (;;) {
        std::string_view chunk = next();
        if (chunk.empty()) break;
        if (first) {
            first = false;
            std::string_view head = chunk.substr(0, 8192);
            if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
            if (looks_binary(head)) {
                detail::skip(cb, {source, 0, "binary file"});
                return;
            }
        }
        std::size_t pos = 0;
        while (pos < chunk.size()) {
            const void* nl = std::memchr(chunk.data() + pos, '\n', chunk.size() - pos);
            std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - chunk.data()) : chunk.size();
            std::size_t seg = end - pos;
            size += seg;
            if (!too_long) {
                if (size > options.max_file_bytes) {
                    too_long = true;
                    std::string().swap(line);
                } else {
                    line.append(chunk.data() + pos, seg);
                }
            }
            if (!nl) break;
            lines.line(line, true, too_long, size);
            line.clear();
            too_long = false;
            size = 0;
            pos = end + 1;
        }
    }
    if (!line.empty() || too_long) lines.line(line, false, too_long, size);
    lines.finish();
}

// Chunk buffer for streams: starts small (most inputs are small) and doubles up to
// kChunk while reads keep filling it.
class ChunkBuffer {
public:
    template <class Read>  // std::size_t read(char* buf, std::size_t cap), 0 at the end
    std::string_view fill(Read read) {
        if (buf_.size() < cap_) buf_.resize(cap_);
        std::size_t got = read(buf_.data(), cap_);
        if (got == cap_ && cap_ < kChunk) cap_ *= 2;
        return {buf_.data(), got};
    }

private:
    std::string buf_;
    std::size_t cap_ = 16 * 1024;
};

void read_records(const rapidjson::Value& array, const std::string& source, const ReadCallbacks& cb) {
    std::size_t index = 0;
    for (const auto& v : array.GetArray()) {
        ++index;
        if (!v.IsObject()) {
            detail::skip(cb, {source, 0, fmt::format("record {}: not a JSON object (found {})", index, found_what(v))});
            continue;
        }
        Document doc;
        doc.source = fmt::format("{}#{}", source, index);
        std::string error = record_to_document(v, doc);
        if (!error.empty())
            detail::skip(cb, {source, 0, fmt::format("record {}: {}", index, error)});
        else
            detail::emit(cb, std::move(doc));
    }
    if (index == 0) detail::skip(cb, {source, 0, "no records (empty array)"});
}

}  // namespace

void read_jsonl(std::istream& in, const std::string& source, const ReadCallbacks& cb, const ReadOptions& options) {
    ChunkBuffer buffer;
    split_lines(
        [&] {
            return buffer.fill([&](char* buf, std::size_t cap) -> std::size_t {
                if (!in) return 0;  // a short read set eof: no second, empty read
                in.read(buf, static_cast<std::streamsize>(cap));
                return static_cast<std::size_t>(in.gcount());
            });
        },
        source, cb, options);
}

void read_jsonl_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        detail::skip(cb, {path, 0, detail::errno_message(errno)});
        return;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        detail::skip(cb, {path, 0, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file"});
        return;
    }
    int error = 0;
    ChunkBuffer buffer;
    split_lines(
        [&] {
            return buffer.fill([&](char* buf, std::size_t cap) -> std::size_t {
                for (;;) {
                    ssize_t n = ::read(fd, buf, cap);
                    if (n >= 0) return static_cast<std::size_t>(n);
                    if (errno == EINTR) continue;
                    error = errno;
                    return 0;
                }
            });
        },
        path, cb, options);
    if (error) detail::skip(cb, {path, 0, fmt::format("read error: {}", detail::errno_message(error))});
}

void read_json(std::string_view json, const std::string& source, const ReadCallbacks& cb, const ReadOptions& options) {
    std::string repaired;  // records are taken as valid UTF-8: make sure they are
    if (!detail::valid_utf8(json)) {
        repaired = std::string(json);
        detail::repair_utf8(repaired);
        json = repaired;
    }
    rapidjson::Document d;
    d.Parse<kParseFlags>(json.data(), json.size());
    if (d.HasParseError()) {
        if (d.GetParseError() == rapidjson::kParseErrorDocumentRootNotSingular) {
            // Several values: JSON lines in a .json file.
            bool given = false;
            split_lines(
                [&] {
                    std::string_view all = given ? std::string_view() : json;
                    given = true;
                    return all;
                },
                source, cb, options);
            return;
        }
        std::size_t offset = d.GetErrorOffset(), line = 1, line_start = 0;
        for (std::size_t i = 0; i < offset && i < json.size(); ++i)
            if (json[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        std::string_view rest = json.substr(std::min(line_start, json.size()));
        detail::skip(cb, {source, line,
                          fmt::format("invalid JSON: {} at column {}", parse_error_message(d.GetParseError()),
                                      column_of(rest, offset - line_start))});
        return;
    }
    if (d.IsArray()) {
        read_records(d, source, cb);
        return;
    }
    if (!d.IsObject()) {
        detail::skip(cb, {source, 0, fmt::format("not a JSON object or array of objects (found {})", found_what(d))});
        return;
    }
    if (first_string(d, kTextFields).empty()) {
        // {"articles": [...]} and the like: the first member holding an array of objects.
        for (auto name : {"articles", "items", "data", "documents", "results", "entries", "posts", "records"}) {
            const auto* v = member(d, name);
            if (v && v->IsArray()) {
                read_records(*v, source, cb);
                return;
            }
        }
        // (Indexing, not a range-for: RapidJSON's member iterators trip clang's C++20
        // reversed-operator warning.)
        for (rapidjson::SizeType k = 0; k < d.MemberCount(); ++k) {
            const rapidjson::Value& value = (d.MemberBegin() + k)->value;
            if (value.IsArray() && !value.Empty() && value[0].IsObject()) {
                read_records(value, source, cb);
                return;
            }
        }
    }
    Document doc;
    doc.source = source;
    std::string error = record_to_document(d, doc);
    if (!error.empty())
        detail::skip(cb, {source, 0, std::move(error)});
    else
        detail::emit(cb, std::move(doc));
}

void read_json_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
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
    read_json(decoded.text, path, cb, options);
}

}  // namespace chipgraph::ingest
