// Minimal first reader (plain text only); replaced by the full reader set.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/reader.hpp"

namespace chipgraph::ingest {

namespace fs = std::filesystem;

void read_text_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        cb.on_skipped({path, 0, "cannot open file"});
        return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    if (auto bad = text::find_invalid_utf8(data)) {
        cb.on_skipped({path, 0, fmt::format("invalid UTF-8 at byte {}", *bad)});
        return;
    }
    Document doc;
    doc.source = path;
    doc.text = text::nfc(data);
    cb.on_document(std::move(doc));
}

void read_inputs(const std::vector<std::string>& paths, const ReadCallbacks& cb, const ReadOptions& options) {
    for (const auto& p : paths) {
        if (fs::is_directory(p)) {
            std::vector<std::string> files;
            for (auto& entry : fs::recursive_directory_iterator(p))
                if (entry.is_regular_file()) files.push_back(entry.path().string());
            std::sort(files.begin(), files.end());
            for (auto& f : files) {
                auto ext = fs::path(f).extension().string();
                if (ext == ".txt" || ext == ".md")
                    read_text_file(f, cb, options);
                else
                    cb.on_skipped({f, 0, "unsupported file type"});
            }
        } else if (fs::exists(p)) {
            read_text_file(p, cb, options);
        } else {
            cb.on_skipped({p, 0, "no such file or directory"});
        }
    }
}

Document read_html(std::string_view, const std::string& source) { return Document{source}; }
void read_jsonl(std::istream&, const std::string& source, const ReadCallbacks& cb) {
    cb.on_skipped({source, 0, "JSON lines not supported yet"});
}

std::string detect_language(std::string_view text) {
    int fr = 0, en = 0;
    for (std::string_view w : {" le ", " la ", " les ", " des ", " est ", " une ", " et "})
        for (std::size_t p = text.find(w); p != std::string_view::npos; p = text.find(w, p + 1)) ++fr;
    for (std::string_view w : {" the ", " of ", " and ", " is ", " to ", " was ", " with "})
        for (std::size_t p = text.find(w); p != std::string_view::npos; p = text.find(w, p + 1)) ++en;
    if (fr + en < 3) return "";
    return fr >= en ? "fr" : "en";
}

}  // namespace chipgraph::ingest
