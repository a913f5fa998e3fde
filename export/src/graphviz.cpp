// Rendering through Graphviz: the DOT export is piped into `dot` and the image read back.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <ostream>
#include <streambuf>
#include <thread>

#include "chipgraph/exporters/dot.hpp"
#include "support.hpp"

extern char** environ;

namespace chipgraph::exporters {

namespace {

// Unbuffered-by-us streambuf over a file descriptor (the Sink already writes in chunks).
class FdBuf : public std::streambuf {
public:
    explicit FdBuf(int fd) : fd_(fd) {}

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        std::streamsize done = 0;
        while (done < n) {
            ssize_t w = ::write(fd_, s + done, static_cast<std::size_t>(n - done));
            if (w < 0) {
                if (errno == EINTR) continue;
                return done;
            }
            done += w;
        }
        return done;
    }
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        char ch = traits_type::to_char_type(c);
        return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }

private:
    int fd_;
};

struct Pipe {
    int fd[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fd, O_CLOEXEC) != 0) throw ExportError("cannot create a pipe to Graphviz");
    }
    ~Pipe() {
        close(0);
        close(1);
    }
    void close(int i) {
        if (fd[i] >= 0) ::close(fd[i]);
        fd[i] = -1;
    }
};

// Ignores SIGPIPE while alive (a Graphviz that dies early must not kill us).
struct IgnoreSigpipe {
    struct sigaction old {};
    IgnoreSigpipe() {
        struct sigaction ign {};
        ign.sa_handler = SIG_IGN;
        sigemptyset(&ign.sa_mask);
        sigaction(SIGPIPE, &ign, &old);
    }
    ~IgnoreSigpipe() { sigaction(SIGPIPE, &old, nullptr); }
};

}  // namespace

std::string find_on_path(std::string_view program) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        auto colon = dirs.find(':');
        auto dir = dirs.substr(0, colon);
        std::string candidate = dir.empty() ? std::string(".") : std::string(dir);
        candidate.append("/").append(program);
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        if (colon == std::string_view::npos) break;
        dirs.remove_prefix(colon + 1);
    }
    return {};
}

ExportStats render_graphviz(const GraphData& data, std::ostream& out, std::string_view image_format,
                            const ExportOptions& options) {
    if (image_format != "svg" && image_format != "png" && image_format != "pdf")
        throw ExportError("unsupported image format '" + std::string(image_format) + "'");
    std::string dot = find_on_path("dot");
    if (dot.empty()) throw ExportError("Graphviz is not installed: sudo apt-get install graphviz");

    std::size_t nodes = data.entities.size();
    std::string engine = nodes > kLargeGraphNodes ? "sfdp" : "dot";
    std::string k = "-K" + engine, t = "-T" + std::string(image_format);
    std::string command = "dot " + k + " " + t;

    IgnoreSigpipe ignore_sigpipe;
    Pipe in, result;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
    posix_spawn_file_actions_adddup2(&actions, result.fd[1], 1);
    char* argv[] = {dot.data(), k.data(), t.data(), nullptr};
    pid_t pid = 0;
    int rc = posix_spawn(&pid, dot.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw ExportError("cannot run " + dot + ": " + std::strerror(rc));
    in.close(0);
    result.close(1);

    // Feed the DOT from a thread while this one copies the image out (either side may
    // block on a full pipe).
    ExportStats stats;
    std::exception_ptr writer_error;
    std::thread writer([&] {
        try {
            FdBuf buf(in.fd[1]);
            std::ostream dot_in(&buf);
            stats = write_dot(data, dot_in, options);
        } catch (...) {
            writer_error = std::current_exception();
        }
        in.close(1);
    });
    char chunk[1 << 16];
    bool out_failed = false;
    while (true) {
        ssize_t n = ::read(result.fd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (!out_failed && !out.write(chunk, n)) out_failed = true;
    }
    writer.join();
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        throw ExportError(command + " failed (exit status " + std::to_string(code) + ")");
    }
    if (writer_error) std::rethrow_exception(writer_error);
    out.flush();
    if (out_failed || !out) throw ExportError("write failed");
    return stats;
}

}  // namespace chipgraph::exporters
