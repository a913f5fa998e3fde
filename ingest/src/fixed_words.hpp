// A fixed set of short words for the recognizer's and the relation extractor's many "is
// this token one of ..." tests: open addressing over FNV-1a, so a lookup is a few
// instructions and one cache line, where std::unordered_set hashes with Murmur and chases
// a node pointer.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace chipgraph::ingest {

class FixedWords {
public:
    FixedWords(std::initializer_list<std::string_view> words) {
        std::size_t capacity = 8;
        while (capacity < words.size() * 2) capacity *= 2;  // at most half full
        slots_.resize(capacity);
        mask_ = capacity - 1;
        for (std::string_view w : words) {
            if (w.empty()) continue;  // an empty slot means "free"; no token is empty
            std::size_t i = hash(w) & mask_;
            while (!slots_[i].empty() && slots_[i] != w) i = (i + 1) & mask_;
            slots_[i] = w;
        }
    }

    bool contains(std::string_view w) const {
        if (w.empty()) return false;
        for (std::size_t i = hash(w) & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].empty()) return false;
            if (slots_[i] == w) return true;
        }
    }

private:
    static std::size_t hash(std::string_view w) {
        std::uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : w) h = (h ^ c) * 1099511628211ULL;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }

    std::vector<std::string_view> slots_;  // the words point to string literals
    std::size_t mask_ = 0;
};

}  // namespace chipgraph::ingest
