// Internal: filtered views of the knowledge graph and the walks the queries share.
//
// A query runs on `boost::filtered_graph<Csr, EdgeOk, VertexOk>` (or on the bare CSR
// when nothing is filtered, which is faster). A Walker follows out-edges (forward hops),
// in-edges (backward hops, for undirected queries) or both.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include <boost/graph/filtered_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include "chipgraph/graph/knowledge_graph.hpp"
#include "chipgraph/graph/paths.hpp"

namespace chipgraph::graph::detail {

// Edge predicate: the edge passes the claim filter and is not banned (Yen's spur searches).
struct EdgeOk {
    const Csr* g = nullptr;
    const std::vector<bool>* mask = nullptr;            // by GraphData edge index; null: every edge
    const std::vector<std::uint32_t>* banned = nullptr;  // GraphData edge indices, sorted
    bool operator()(const Edge& e) const {
        std::uint32_t idx = (*g)[e].edge;
        if (mask && !(*mask)[idx]) return false;
        if (banned && std::binary_search(banned->begin(), banned->end(), idx)) return false;
        return true;
    }
};

// Vertex predicate: not banned; the endpoints of the query always pass; other vertices
// need an allowed entity type.
struct VertexOk {
    const Csr* g = nullptr;
    unsigned type_bits = ~0u;  // bit t set: EntityType t allowed as an intermediate vertex
    Vertex keep_a = kNoVertex, keep_b = kNoVertex;
    const std::vector<Vertex>* banned = nullptr;  // sorted
    bool operator()(Vertex v) const {
        if (banned && std::binary_search(banned->begin(), banned->end(), v)) return false;
        if (v == keep_a || v == keep_b) return true;
        return (type_bits >> static_cast<unsigned>((*g)[v].type)) & 1u;
    }
};

using View = boost::filtered_graph<Csr, EdgeOk, VertexOk>;

inline unsigned type_bits(const Filter& filter) {
    if (filter.types.empty()) return ~0u;
    unsigned bits = 0;
    for (auto t : filter.types) bits |= 1u << static_cast<unsigned>(t);
    return bits;
}

// Walks a graph (the CSR or a filtered view of it) forward, backward or both ways.
template <class G>
struct Walker {
    const G& g;
    bool forward = true;   // along edge direction (out-edges)
    bool backward = false;  // against it (in-edges)

    // f(u, hop, confidence) for each hop v -> u a path may take. When f returns bool,
    // true stops the walk (and out() returns true).
    template <class F>
    bool out(Vertex v, F&& f) const {
        if (forward)
            for (auto e : boost::make_iterator_range(out_edges(v, g)))
                if (call(f, target(e, g), Hop{g[e].edge, true}, g[e].confidence)) return true;
        if (backward)
            for (auto e : boost::make_iterator_range(in_edges(v, g)))
                if (call(f, source(e, g), Hop{g[e].edge, false}, g[e].confidence)) return true;
        return false;
    }
    // f(u, hop, confidence) for each hop u -> v a path may take (the walk seen from its end).
    template <class F>
    bool in(Vertex v, F&& f) const {
        if (forward)
            for (auto e : boost::make_iterator_range(in_edges(v, g)))
                if (call(f, source(e, g), Hop{g[e].edge, true}, g[e].confidence)) return true;
        if (backward)
            for (auto e : boost::make_iterator_range(out_edges(v, g)))
                if (call(f, target(e, g), Hop{g[e].edge, false}, g[e].confidence)) return true;
        return false;
    }

private:
    template <class F>
    static bool call(F& f, Vertex u, Hop h, float c) {
        if constexpr (std::is_same_v<decltype(f(u, h, c)), bool>)
            return f(u, h, c);
        else
            return f(u, h, c), false;
    }
};

// A zero-filled array from calloc: the kernel maps pages only when a search first
// touches them, so a search that visits a few vertices of a huge graph pays for a few
// pages, not for the whole array.
template <class T>
class LazyArray {
public:
    void reset(std::size_t n) {
        void* p = n ? std::calloc(n, sizeof(T)) : nullptr;
        if (n && !p) throw std::bad_alloc();
        data_.reset(static_cast<T*>(p));
        size_ = n;
    }
    void clear_all() { std::memset(static_cast<void*>(data_.get()), 0, size_ * sizeof(T)); }
    T& operator[](std::size_t i) { return data_.get()[i]; }
    const T& operator[](std::size_t i) const { return data_.get()[i]; }
    std::size_t size() const { return size_; }

private:
    struct Free {
        void operator()(T* p) const { std::free(p); }
    };
    std::unique_ptr<T, Free> data_;
    std::size_t size_ = 0;
};

// What a search knows about a vertex; valid only when `stamp` equals the search's epoch.
// One record per vertex and side, so that a visit touches one cache line.
struct Visit {
    std::uint32_t stamp;
    std::uint32_t depth;
    Vertex parent;
    float conf;
    Hop hop;
};

// The vertices one bidirectional BFS has reached, in an open-addressing table sized to
// the search rather than to the graph: a point-to-point query usually reaches a few
// thousand vertices, and a small table stays in cache where a per-vertex array of a big
// graph would cost a cache miss per edge. Reset in O(1) with an epoch stamp; grows by
// doubling (a search that reaches much of the graph ends with a table of that size).
class VisitTable {
public:
    struct Slot {
        std::uint32_t stamp;
        Vertex key;
        Vertex parent_a, parent_b;
        std::uint32_t depth_a, depth_b;  // kUnset when that side has not reached the vertex
    };
    static constexpr std::uint32_t kUnset = ~0u;

    // Empties the table for a new search.
    void start() {
        if (slots_.size() == 0) resize(1u << 12);
        if (++epoch_ == 0) {  // wrapped: clear the stamps once every 2^32 searches
            slots_.clear_all();
            epoch_ = 1;
        }
        used_ = 0;
    }
    // The slot of `v`, created (both sides unset) when absent.
    Slot& at(Vertex v) {
        for (std::size_t i = hash(v);; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.stamp != epoch_) {
                if (2 * (used_ + 1) > mask_ + 1) {
                    grow();
                    return at(v);
                }
                ++used_;
                s = Slot{epoch_, v, kNoVertex, kNoVertex, kUnset, kUnset};
                return s;
            }
            if (s.key == v) return s;
        }
    }
    // The slot of `v` if present.
    const Slot* find(Vertex v) const {
        for (std::size_t i = hash(v);; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.stamp != epoch_) return nullptr;
            if (s.key == v) return &s;
        }
    }
private:
    std::size_t hash(Vertex v) const { return (static_cast<std::uint64_t>(v) * 0x9E3779B97F4A7C15ULL) >> shift_; }
    void resize(std::size_t n) {
        slots_.reset(n);
        mask_ = n - 1;
        shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(n));
    }
    void grow() {
        std::vector<Slot> live;
        live.reserve(used_);
        for (std::size_t i = 0; i <= mask_; ++i)
            if (slots_[i].stamp == epoch_) live.push_back(slots_[i]);
        resize(2 * (mask_ + 1));
        used_ = 0;
        for (const Slot& s : live) {
            Slot& t = at(s.key);
            t = s;
        }
    }

    LazyArray<Slot> slots_;
    std::size_t mask_ = 0, used_ = 0;
    unsigned shift_ = 64;
    std::uint32_t epoch_ = 0;
};

// Per-thread scratch arrays for searches, reset in O(1) with the epoch stamp.
struct Scratch {
    LazyArray<Visit> a, b;  // the forward and the backward search
    VisitTable table;  // for the unfiltered bidirectional BFS
    std::vector<Vertex> frontier_a, frontier_b, next, meets;  // reused between searches
    std::uint32_t epoch = 0;

    void prepare(std::size_t n) {
        if (a.size() != n) {
            a.reset(n);
            b.reset(n);
            epoch = 0;
        }
        if (++epoch == 0) {  // wrapped: clear the stamps once every 2^32 searches
            a.clear_all();
            b.clear_all();
            epoch = 1;
        }
    }
    static Scratch& local() {
        thread_local Scratch s;
        return s;
    }
};

// Fills vertices, confidence and cost (hops or -log confidence) of a path from its hops.
void complete_path(const KnowledgeGraph& g, Vertex from, Path& path, bool weighted);

// Best first: cost, then higher confidence, then the vertex sequence.
bool path_less(const Path& a, const Path& b);

inline double hop_weight(double confidence) { return -std::log(std::max(confidence, 1e-12)); }

}  // namespace chipgraph::graph::detail
