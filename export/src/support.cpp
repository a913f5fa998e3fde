#include "support.hpp"

#include <algorithm>

namespace chipgraph::exporters::detail {

GraphView::GraphView(const GraphData& data) : data_(data) {
    const auto& ents = data.entities;
    const std::size_t n = ents.size();
    if (n > 0) {
        auto [lo, hi] = std::minmax_element(ents.begin(), ents.end(),
                                            [](const EntityRecord& a, const EntityRecord& b) { return a.id < b.id; });
        min_id_ = lo->id;
        auto range = static_cast<std::uint64_t>(hi->id) - static_cast<std::uint64_t>(lo->id) + 1;
        if (range <= 4 * static_cast<std::uint64_t>(n) + 1024) {
            dense_.assign(range, kMissing);
            for (std::size_t i = 0; i < n; ++i) {
                auto& slot = dense_[static_cast<std::size_t>(ents[i].id - min_id_)];
                if (slot == kMissing) {
                    slot = static_cast<std::uint32_t>(i);
                } else {  // a repeated id resolves to its first position
                    if (duplicate_.empty()) duplicate_.assign(n, false);
                    duplicate_[i] = true;
                    ++duplicates_;
                }
            }
        } else {
            std::vector<std::pair<EntityId, std::uint32_t>> order(n);
            for (std::size_t i = 0; i < n; ++i) order[i] = {ents[i].id, static_cast<std::uint32_t>(i)};
            std::sort(order.begin(), order.end());
            sorted_ids_.resize(n);
            position_.resize(n);
            for (std::size_t i = 0; i < n; ++i) {
                sorted_ids_[i] = order[i].first;
                position_[i] = order[i].second;
                if (i > 0 && order[i].first == order[i - 1].first) {
                    if (duplicate_.empty()) duplicate_.assign(n, false);
                    duplicate_[order[i].second] = true;
                    ++duplicates_;
                }
            }
        }
    }
    degree_.assign(n, 0);
    ends_.resize(data.edges.size());
    for (std::size_t e = 0; e < data.edges.size(); ++e) {
        const auto& edge = data.edges[e];
        ends_[e] = {index_of(edge.subject), index_of(edge.object)};
        if (!writable(e)) continue;
        ++degree_[ends_[e].first];
        ++degree_[ends_[e].second];
        ++writable_edges_;
        writable_claims_ += edge.claims.size();
    }
}

std::uint32_t GraphView::index_of(EntityId id) const {
    if (!dense_.empty()) {
        if (id < min_id_) return kMissing;
        auto k = static_cast<std::uint64_t>(id) - static_cast<std::uint64_t>(min_id_);
        return k < dense_.size() ? dense_[static_cast<std::size_t>(k)] : kMissing;
    }
    auto it = std::lower_bound(sorted_ids_.begin(), sorted_ids_.end(), id);
    if (it == sorted_ids_.end() || *it != id) return kMissing;
    return position_[static_cast<std::size_t>(it - sorted_ids_.begin())];
}

void EdgeFacts::collect(const GraphData& data, const EdgeRecord& edge) {
    evidence = {};
    sources.clear();
    statuses = 0;
    for (std::size_t ci : edge.claims) {
        if (ci >= data.claims.size()) continue;
        const auto& c = data.claims[ci];
        if (evidence.empty()) evidence = c.sentence;
        sources.push_back(c.document);
        statuses |= 1u << static_cast<unsigned>(c.status);
    }
    if (sources.size() > 1) {
        std::sort(sources.begin(), sources.end());
        sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    }
}

void append_statuses(std::string& out, StatusMask mask) {
    bool first = true;
    for (auto s : {ClaimStatus::asserted, ClaimStatus::alleged, ClaimStatus::predicted, ClaimStatus::denied}) {
        if (!(mask & (1u << static_cast<unsigned>(s)))) continue;
        if (!first) out.append(" | ");
        out.append(to_string(s));
        first = false;
    }
}

namespace {
constexpr StatusMask bit(ClaimStatus s) { return 1u << static_cast<unsigned>(s); }
}  // namespace

bool only_hedged(StatusMask mask) {
    return !(mask & bit(ClaimStatus::asserted)) && (mask & (bit(ClaimStatus::alleged) | bit(ClaimStatus::predicted)));
}

bool only_denied(StatusMask mask) { return mask == bit(ClaimStatus::denied); }

double edge_weight(const EdgeRecord& edge) {
    double w = edge.combined_confidence;
    return std::isfinite(w) && w > kMinWeight ? w : kMinWeight;
}

// Tableau 10 colours; shapes from the brief: organization box, person ellipse,
// facility cylinder, product component, place folder, government octagon, instrument
// note, group tab.
const std::array<TypeStyle, 8>& type_styles() {
    static const std::array<TypeStyle, 8> styles = {{
        {"person", 225, 87, 89, "#e15759", "ellipse"},
        {"organization", 78, 121, 167, "#4e79a7", "box"},
        {"government", 242, 142, 43, "#f28e2b", "octagon"},
        {"facility", 118, 183, 178, "#76b7b2", "cylinder"},
        {"product", 89, 161, 79, "#59a14f", "component"},
        {"place", 237, 201, 72, "#edc948", "folder"},
        {"instrument", 176, 122, 161, "#b07aa1", "note"},
        {"group", 255, 157, 167, "#ff9da7", "tab"},
    }};
    return styles;
}

const TypeStyle& style_of(EntityType type) {
    auto i = static_cast<std::size_t>(type);
    return type_styles()[i < 8 ? i : 1];
}

double node_size(std::uint32_t degree) {
    return std::round((10.0 + 4.0 * std::sqrt(static_cast<double>(degree))) * 10.0) / 10.0;
}

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (anything after a 'T' or space ignored).
// Missing parts are 0; returns false when not a date.
bool parse_date(std::string_view s, int& y, int& m, int& d) {
    if (auto cut = s.find_first_of("T "); cut != std::string_view::npos) s = s.substr(0, cut);
    y = m = d = 0;
    if (s.size() < 4 || !all_digits(s.substr(0, 4))) return false;
    y = to_int(s.substr(0, 4));
    if (y < 1) return false;
    if (s.size() == 4) return true;
    if (s.size() < 7 || s[4] != '-' || !all_digits(s.substr(5, 2))) return false;
    m = to_int(s.substr(5, 2));
    if (m < 1 || m > 12) return false;
    if (s.size() == 7) return true;
    if (s.size() != 10 || s[7] != '-' || !all_digits(s.substr(8, 2))) return false;
    d = to_int(s.substr(8, 2));
    return d >= 1 && d <= days_in_month(y, m);
}

}  // namespace

std::uint32_t date_start(std::string_view date) {
    int y, m, d;
    if (!parse_date(date, y, m, d)) return 0;
    return static_cast<std::uint32_t>(y * 10000 + (m ? m : 1) * 100 + (d ? d : 1));
}

std::uint32_t date_end(std::string_view date) {
    int y, m, d;
    if (!parse_date(date, y, m, d)) return 0;
    if (!m) m = 12;
    if (!d) d = days_in_month(y, m);
    return static_cast<std::uint32_t>(y * 10000 + m * 100 + d);
}

void append_date(std::string& out, std::uint32_t v) {
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", v / 10000, v / 100 % 100, v % 100);
}

}  // namespace chipgraph::exporters::detail
