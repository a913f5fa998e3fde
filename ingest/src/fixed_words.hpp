// A set of words for the recognizer's and the relation extractor's many "is this token
// one of ..." tests: open addressing over word_hash(), so a lookup of a token (whose hash
// the tokenizer computed) is a probe, a compare of hashes and, on a match, one memcmp;
// std::unordered_set hashes the string again at every lookup and chases a node pointer.
// Literal word lists point to their string literals; inserted words are copied.
#pragma once

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chipgraph/ingest/tokenizer.hpp"

namespace chipgraph::ingest {

class FixedWords {
public:
    FixedWords() { slots_.resize(8); }
    FixedWords(std::initializer_list<std::string_view> words) {
        slots_.resize(8);
        for (std::string_view w : words) add(w);
    }
    // Slots point into owned_: a copy would point into the original's words. Moving a
    // deque keeps its elements where they are.
    FixedWords(const FixedWords&) = delete;
    FixedWords& operator=(const FixedWords&) = delete;
    FixedWords(FixedWords&&) = default;
    FixedWords& operator=(FixedWords&&) = default;

    void insert(std::string_view word) {
        if (word.empty() || contains(word)) return;
        add(owned_.emplace_back(word));
    }

    bool contains(std::string_view w) const { return !w.empty() && find(w, word_hash(w)); }
    bool contains(const Token& t) const {
        const std::uint32_t h = t.hash ? t.hash : word_hash(t.folded);
        // Most tokens are in none of the small lists: one bit of a 64-bit filter says so.
        return (filter_ >> (h >> 26) & 1) && !t.folded.empty() && find(t.folded, h);
    }
    std::size_t size() const { return size_; }

private:
    struct Slot {
        std::string_view word;  // empty: free
        std::uint32_t hash = 0;
    };

    // Out of line: the filter in contains() is what most calls need, and stays small
    // enough to be inlined into them.
    [[gnu::noinline]] bool find(std::string_view w, std::uint32_t h) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.word.empty()) return false;
            if (s.hash == h && s.word == w) return true;
        }
    }

    // `w` must outlive the set: a string literal or a string in owned_.
    void add(std::string_view w) {
        if (w.empty()) return;  // an empty slot means "free"; no token is empty
        if ((size_ + 1) * 2 > slots_.size()) grow();  // at most half full
        const std::uint32_t h = word_hash(w);
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = h & mask;
        while (!slots_[i].word.empty()) {
            if (slots_[i].hash == h && slots_[i].word == w) return;
            i = (i + 1) & mask;
        }
        slots_[i] = {w, h};
        filter_ |= std::uint64_t{1} << (h >> 26);  // the top 6 bits; the slot index uses the low ones
        ++size_;
    }

    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        size_ = 0;
        for (const Slot& s : old)
            if (!s.word.empty()) add(s.word);
    }

    std::vector<Slot> slots_;
    std::deque<std::string> owned_;  // a deque: its strings never move
    std::size_t size_ = 0;
    std::uint64_t filter_ = 0;  // bit (hash >> 26) of every word
};

// Hash and equality for maps keyed by folded words, which a token finds by the hash the
// tokenizer computed (C++20 heterogeneous lookup: map.find(token)) instead of hashing the
// word again.
struct WordKeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view w) const { return word_hash(w); }
    std::size_t operator()(const Token& t) const { return t.hash ? t.hash : word_hash(t.folded); }
};
struct WordKeyEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    bool operator()(const Token& t, std::string_view b) const { return t.folded == b; }
    bool operator()(std::string_view a, const Token& t) const { return a == t.folded; }
};
template <typename Value>
using WordMap = std::unordered_map<std::string, Value, WordKeyHash, WordKeyEqual>;

}  // namespace chipgraph::ingest
