// Loading files: one read of the whole file, clear reasons when it cannot be done.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "reader_util.hpp"

namespace chipgraph::ingest::detail {

std::string errno_message(int err) {
    switch (err) {
        case EACCES:
        case EPERM: return "permission denied";
        case ENOENT: return "no such file or directory";
        case ELOOP: return "symlink loop";
        case EISDIR: return "is a directory";
        case ENOTDIR: return "not a directory";
        case ENAMETOOLONG: return "path too long";
        case EMFILE:
        case ENFILE: return "too many open files";
        case EIO: return "input/output error";
        default: return std::strerror(err);
    }
}

std::string human_size(std::size_t bytes) {
    constexpr double kMB = 1024.0 * 1024.0;
    if (bytes >= 10 * 1024 * 1024) return fmt::format("{:.0f} MB", bytes / kMB);
    if (bytes >= 1024 * 1024) return fmt::format("{:.1f} MB", bytes / kMB);
    if (bytes >= 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
    return fmt::format("{} bytes", bytes);
}

namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Big buffers: ask for transparent huge pages, which cuts the page faults of filling
// the buffer by 512 (they dominate the cost of reading a big file on a virtual machine).
void prefer_huge_pages(std::string& buf) {
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHuge = 2u << 20;
    if (buf.capacity() < 4 * kHuge) return;
    auto begin = reinterpret_cast<std::uintptr_t>(buf.data());
    std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
    std::uintptr_t last = (begin + buf.capacity()) & ~(kHuge - 1);
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)buf;
#endif
}

std::string too_large(std::size_t size, std::size_t limit) {
    return fmt::format("file too large ({} > {} limit)", human_size(size), human_size(limit));
}

}  // namespace

bool load_file(const std::string& path, std::size_t max_bytes, std::string& out, std::string& error) {
    out.clear();
    Fd f;
    // O_NONBLOCK: opening a FIFO must not hang; it is refused just below.
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (f.fd < 0) {
        error = errno_message(errno);
        return false;
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) {
        error = errno_message(errno);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a directory";
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "not a regular file";
        return false;
    }
    auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes) {
        error = too_large(size, max_bytes);
        return false;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(f.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    // One allocation of the known size (+1 to notice a file that grew); read() straight
    // into it. The file may change while we read: we keep what we get, up to the limit.
    out.reserve(size + 1);
    prefer_huge_pages(out);
    out.resize(size + 1);
    std::size_t got = 0;
    for (;;) {
        if (got == out.size()) {
            if (out.size() > max_bytes) {
                error = too_large(out.size(), max_bytes);
                out.clear();
                return false;
            }
            out.resize(std::min(out.size() * 2, max_bytes + 1));
        }
        ssize_t n = ::read(f.fd, out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {  // non-blocking regular files never do this; be safe
                ::fcntl(f.fd, F_SETFL, 0);
                continue;
            }
            error = errno_message(errno);
            out.clear();
            return false;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > max_bytes) {
        error = too_large(got, max_bytes);
        out.clear();
        return false;
    }
    out.resize(got);
    return true;
}

}  // namespace chipgraph::ingest::detail
