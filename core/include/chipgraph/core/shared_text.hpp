// SharedText: an immutable string whose copies share one buffer.
//
// The graph data repeats a few texts millions of times: every claim of a document names
// the document's source and date, the claims of one sentence share the sentence, and a
// store has a handful of predicates and rule names. A SharedText is one pointer: copying
// it costs a reference count, not an allocation, so a graph of five million claims holds
// each of these texts once. It reads like a const std::string (it converts to one and to
// std::string_view, compares with both, formats and prints as text) and is assigned from
// strings; an assignment makes a new buffer and never changes the text of other copies.
// Copies may be used from several threads (the count is atomic).
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace chipgraph {

class SharedText {
public:
    SharedText() noexcept = default;
    explicit SharedText(std::string_view text) : rep_(text.empty() ? nullptr : new Rep{{1}, std::string(text)}) {}
    explicit SharedText(std::string&& text) : rep_(text.empty() ? nullptr : new Rep{{1}, std::move(text)}) {}
    explicit SharedText(const std::string& text) : SharedText(std::string_view(text)) {}
    explicit SharedText(const char* text) : SharedText(std::string_view(text)) {}
    SharedText(const SharedText& o) noexcept : rep_(o.rep_) { retain(); }
    SharedText(SharedText&& o) noexcept : rep_(std::exchange(o.rep_, nullptr)) {}
    ~SharedText() { release(); }

    SharedText& operator=(const SharedText& o) noexcept {
        SharedText(o).swap(*this);
        return *this;
    }
    SharedText& operator=(SharedText&& o) noexcept {
        SharedText(std::move(o)).swap(*this);
        return *this;
    }
    SharedText& operator=(std::string_view text) { return *this = SharedText(text); }
    SharedText& operator=(std::string&& text) { return *this = SharedText(std::move(text)); }
    SharedText& operator=(const std::string& text) { return *this = SharedText(std::string_view(text)); }
    SharedText& operator=(const char* text) { return *this = SharedText(std::string_view(text)); }

    const std::string& str() const noexcept { return rep_ ? rep_->text : empty_string(); }
    operator const std::string&() const noexcept { return str(); }
    operator std::string_view() const noexcept { return str(); }
    std::string_view view() const noexcept { return str(); }

    bool empty() const noexcept { return !rep_; }
    std::size_t size() const noexcept { return str().size(); }
    std::size_t length() const noexcept { return size(); }
    const char* data() const noexcept { return str().data(); }
    const char* c_str() const noexcept { return str().c_str(); }
    auto begin() const noexcept { return str().begin(); }
    auto end() const noexcept { return str().end(); }
    char operator[](std::size_t i) const noexcept { return str()[i]; }

    // True when both share one buffer (then they are equal; equal texts need not share).
    bool shares_with(const SharedText& o) const noexcept { return rep_ == o.rep_; }

    void swap(SharedText& o) noexcept { std::swap(rep_, o.rep_); }

    friend bool operator==(const SharedText& a, const SharedText& b) noexcept {
        return a.rep_ == b.rep_ || a.view() == b.view();
    }
    friend std::strong_ordering operator<=>(const SharedText& a, const SharedText& b) noexcept {
        return a.view() <=> b.view();
    }
    friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.view() == b; }
    friend std::strong_ordering operator<=>(const SharedText& a, std::string_view b) noexcept {
        return a.view() <=> b;
    }
    friend std::ostream& operator<<(std::ostream& os, const SharedText& t) { return os << t.view(); }

private:
    struct Rep {
        std::atomic<std::uint32_t> refs;
        std::string text;
    };
    static const std::string& empty_string() noexcept {
        static const std::string empty;
        return empty;
    }
    void retain() const noexcept {
        if (rep_) rep_->refs.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        if (rep_ && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete rep_;
        rep_ = nullptr;
    }

    Rep* rep_ = nullptr;  // null: the empty text
};

// A string plus a SharedText: "(" + date + ")".
inline std::string operator+(const std::string& a, const SharedText& b) { return a + b.str(); }
inline std::string operator+(const SharedText& a, const std::string& b) { return a.str() + b; }
inline std::string operator+(const char* a, const SharedText& b) { return a + b.str(); }
inline std::string operator+(const SharedText& a, const char* b) { return a.str() + b; }

}  // namespace chipgraph

template <>
struct std::hash<chipgraph::SharedText> {
    std::size_t operator()(const chipgraph::SharedText& t) const noexcept {
        return std::hash<std::string_view>{}(t.view());
    }
};

template <>
struct fmt::formatter<chipgraph::SharedText> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(const chipgraph::SharedText& t, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(t.view(), ctx);
    }
};
