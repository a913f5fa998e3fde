// Walking files and folders: sorted, symlinks followed, loops and unreadable entries
// reported. The walk is iterative (explicit stack): folder depth cannot exhaust the stack.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace fs = std::filesystem;

InputKind input_kind(const fs::path& path) {
    std::string ext = detail::ascii_lower(path.extension().string());
    if (ext == ".txt") return InputKind::text;
    if (ext == ".md" || ext == ".markdown") return InputKind::markdown;
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return InputKind::html;
    if (ext == ".jsonl" || ext == ".ndjson") return InputKind::jsonl;
    if (ext == ".json") return InputKind::json;
    return InputKind::unsupported;
}

namespace {

std::string unsupported(const std::string& path) {
    std::string ext = detail::ascii_lower(fs::path(path).extension().string());
    if (ext.empty()) return "unsupported file type (no extension)";
    return "unsupported file type " + ext;
}

// Why stat() failed, telling a dangling symlink from a missing file.
std::string stat_failure(const std::string& path, int err) {
    struct stat lst {};
    if (err == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode))
        return "broken symlink (its target does not exist)";
    return detail::errno_message(err);
}

std::string join(const std::string& dir, const std::string& name) {
    if (!dir.empty() && dir.back() == '/') return dir + name;
    return dir + "/" + name;
}

struct DirKey {
    dev_t dev;
    ino_t ino;
    bool operator<(const DirKey& o) const { return dev != o.dev ? dev < o.dev : ino < o.ino; }
    bool operator==(const DirKey& o) const { return dev == o.dev && ino == o.ino; }
};

class Walker {
public:
    Walker(const ReadCallbacks& cb, const ReadOptions& options) : cb_(cb), options_(options) {}

    void top(const std::string& path) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            detail::skip(cb_, {path, 0, stat_failure(path, errno)});
            return;
        }
        if (S_ISDIR(st.st_mode))
            walk(path, {st.st_dev, st.st_ino});
        else if (S_ISREG(st.st_mode))
            read_file(path, cb_, options_);  // named explicitly: read even when hidden
        else
            detail::skip(cb_, {path, 0, "not a regular file"});
    }

private:
    struct Frame {
        std::string path;
        DirKey key;
        std::vector<std::string> names;  // sorted
        std::size_t next = 0;
    };

    // Lists a folder and pushes it; reports it instead when it was read already or
    // cannot be listed.
    void enter(std::vector<Frame>& stack, std::string path, DirKey key) {
        if (auto it = visited_.find(key); it != visited_.end()) {
            detail::skip(cb_, {path, 0, fmt::format("folder already read as {}", it->second)});
            return;
        }
        DIR* dir = ::opendir(path.c_str());
        if (!dir) {
            detail::skip(cb_, {path, 0, detail::errno_message(errno)});
            return;
        }
        Frame frame{std::move(path), key, {}, 0};
        errno = 0;
        while (dirent* e = ::readdir(dir)) {
            std::string name = e->d_name;
            if (name != "." && name != "..") frame.names.push_back(std::move(name));
            errno = 0;
        }
        int err = errno;
        ::closedir(dir);
        if (err != 0) detail::skip(cb_, {frame.path, 0, fmt::format("folder only partly listed: {}", detail::errno_message(err))});
        std::sort(frame.names.begin(), frame.names.end());
        visited_.emplace(key, frame.path);
        stack.push_back(std::move(frame));
    }

    void walk(const std::string& root, DirKey key) {
        std::vector<Frame> stack;
        enter(stack, root, key);
        while (!stack.empty()) {
            Frame& f = stack.back();
            if (f.next == f.names.size()) {
                stack.pop_back();
                continue;
            }
            const std::string& name = f.names[f.next++];
            std::string full = join(f.path, name);
            bool hidden = name[0] == '.';
            struct stat st {};
            if (::stat(full.c_str(), &st) != 0) {
                detail::skip(cb_, {full, 0, stat_failure(full, errno)});
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (hidden) continue;  // .git, .cache, .venv...: quietly skipped
                DirKey k{st.st_dev, st.st_ino};
                auto ancestor = std::find_if(stack.begin(), stack.end(), [&](const Frame& a) { return a.key == k; });
                if (ancestor != stack.end()) {
                    detail::skip(cb_, {full, 0, fmt::format("symlink loop (leads back to {})", ancestor->path)});
                    continue;
                }
                enter(stack, std::move(full), k);  // may reallocate the stack: `f` is not used again
                continue;
            }
            if (hidden) {
                detail::skip(cb_, {full, 0, "hidden file"});
                continue;
            }
            if (!S_ISREG(st.st_mode)) {
                detail::skip(cb_, {full, 0, "not a regular file"});
                continue;
            }
            if (input_kind(full) == InputKind::unsupported) {
                detail::skip(cb_, {full, 0, unsupported(full)});
                continue;
            }
            read_file(full, cb_, options_);
        }
    }

    const ReadCallbacks& cb_;
    const ReadOptions& options_;
    std::map<DirKey, std::string> visited_;  // folder -> the path it was first read as
};

}  // namespace

void read_file(const std::string& path, const ReadCallbacks& cb, const ReadOptions& options) {
    switch (input_kind(path)) {
        case InputKind::text:
        case InputKind::markdown: read_text_file(path, cb, options); break;
        case InputKind::html: read_html_file(path, cb, options); break;
        case InputKind::jsonl: read_jsonl_file(path, cb, options); break;
        case InputKind::json: read_json_file(path, cb, options); break;
        case InputKind::unsupported: detail::skip(cb, {path, 0, unsupported(path)}); break;
    }
}

void read_inputs(const std::vector<std::string>& paths, const ReadCallbacks& cb, const ReadOptions& options) {
    Walker walker(cb, options);
    for (const auto& p : paths) walker.top(p);
}

}  // namespace chipgraph::ingest
