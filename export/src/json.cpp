#include "chipgraph/exporters/json.hpp"

#include <rapidjson/writer.h>

#include <cmath>

#include "attributes.hpp"

namespace chipgraph::exporters {

namespace {

using namespace detail;

// RapidJSON output stream appending to the Sink's buffer (RapidJSON's OStreamWrapper
// makes one std::ostream::put call per character, several times slower).
class JsonStream {
public:
    using Ch = char;
    explicit JsonStream(Sink& sink) : buf_(sink.buf()) {}
    void Put(char c) { buf_.push_back(c); }
    void Flush() {}

private:
    std::string& buf_;
};

// One JSON value per record, one record per line: the Writer is reset for each record
// so the file stays line-oriented without holding more than a chunk in memory.
class Json {
public:
    explicit Json(Sink& sink) : sink_(sink), stream_(sink), w_(stream_) {}

    rapidjson::Writer<JsonStream>& w() { return w_; }
    void begin_record() { w_.Reset(stream_); }
    void key(std::string_view k) {
        auto v = valid_utf8(k, scratch_);
        w_.Key(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    void str(std::string_view s) {
        auto v = valid_utf8(s, scratch_);
        w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    void prefixed_id(char prefix, std::int64_t id) {
        char buf[24];
        auto end = fmt::format_to(buf, "{}{}", prefix, id);
        w_.String(buf, static_cast<rapidjson::SizeType>(end - buf));
    }
    void kv(std::string_view k, std::string_view v) {
        key(k);
        str(v);
    }
    void kv_int(std::string_view k, std::int64_t v) {
        key(k);
        w_.Int64(v);
    }
    void kv_real(std::string_view k, double v) {
        if (!std::isfinite(v)) return;
        key(k);
        w_.Double(v);
    }
    void kv_bool(std::string_view k, bool v) {
        key(k);
        w_.Bool(v);
    }
    void strings(const auto& items) {
        w_.StartArray();
        for (const auto& s : items) str(s);
        w_.EndArray();
    }
    Sink& sink() { return sink_; }

private:
    Sink& sink_;
    JsonStream stream_;
    rapidjson::Writer<JsonStream> w_;
    std::string scratch_;
};

// Writes `"name": [` ... `]` with one record per line.
class RecordList {
public:
    RecordList(Json& j, std::string_view name, bool first_member) : j_(j) {
        j_.sink().raw(first_member ? "\n\"" : ",\n\"").raw(name).raw("\": [");
    }
    ~RecordList() { j_.sink().raw(first_ ? "]" : "\n]"); }
    void next() {
        j_.sink().maybe_flush();
        j_.sink().raw(first_ ? "\n" : ",\n");
        first_ = false;
        j_.begin_record();
    }

private:
    Json& j_;
    bool first_ = true;
};

// Attribute visitor writing "name": value pairs.
template <std::size_t N>
struct JsonAttrs {
    Json& j;
    const std::array<AttrDecl, N>& attrs;
    void string(std::size_t i, std::string_view s) { j.kv(attrs[i].name, s); }
    void integer(std::size_t i, std::int64_t v) { j.kv_int(attrs[i].name, v); }
    void real(std::size_t i, double v) { j.kv_real(attrs[i].name, v); }
    void boolean(std::size_t i, bool v) { j.kv_bool(attrs[i].name, v); }
};

void write_qualifiers(Json& j, const std::vector<Qualifier>& qualifiers, std::string& joined) {
    j.w().StartObject();
    for (std::size_t i = 0; i < qualifiers.size(); ++i) {
        const auto& key = qualifiers[i].key;
        bool seen = false;
        for (std::size_t k = 0; k < i && !seen; ++k) seen = qualifiers[k].key == key;
        if (seen) continue;
        joined = qualifiers[i].value;
        for (std::size_t k = i + 1; k < qualifiers.size(); ++k)
            if (qualifiers[k].key == key) joined.append(" | ").append(qualifiers[k].value);
        j.kv(key, joined);
    }
    j.w().EndObject();
}

double round1(double v) { return std::round(v * 10.0) / 10.0; }
double round2(double v) { return std::round(v * 100.0) / 100.0; }

}  // namespace

ExportStats write_json(const GraphData& data, std::ostream& os, const ExportOptions& options) {
    GraphView view(data);
    Sink out(os);
    Json j(out);
    ExportStats stats{view.writable_entities(), 0, 0, 0, 0};
    out.raw("{");
    {
        RecordList list(j, "entities", true);
        for (std::size_t i = 0; i < data.entities.size(); ++i) {
            if (!view.writable_entity(i)) continue;
            const auto& e = data.entities[i];
            list.next();
            j.w().StartObject();
            j.key("id");
            j.prefixed_id('e', e.id);
            j.kv("name", e.name);
            j.kv("type", to_string(e.type));
            j.key("aliases");
            j.strings(e.aliases);
            j.key("documents");
            j.strings(e.documents);
            j.kv_bool("unnamed", e.unnamed);
            j.kv_int("mentions", e.mention_count);
            j.w().EndObject();
        }
    }
    std::string joined;
    {
        RecordList list(j, "claims", false);
        for (const auto& c : data.claims) {
            if (view.index_of(c.subject) == kMissing || view.index_of(c.object) == kMissing) {
                ++stats.skipped;
                continue;
            }
            ++stats.claims;
            list.next();
            j.w().StartObject();
            j.key("id");
            j.prefixed_id('c', c.id);
            j.key("subject");
            j.prefixed_id('e', c.subject);
            j.kv("predicate", c.predicate);
            j.key("object");
            j.prefixed_id('e', c.object);
            j.kv("document", c.document);
            j.kv("date", c.document_date);
            j.kv_real("confidence", c.confidence);
            j.kv("status", to_string(c.status));
            j.kv("rule", c.rule);
            j.kv("attribution", c.attribution);
            j.key("qualifiers");
            write_qualifiers(j, c.qualifiers, joined);
            j.kv_int("source_group", c.source_group);
            j.key("evidence");
            j.w().StartObject();
            j.kv("sentence", c.sentence);
            j.kv_int("start", static_cast<std::int64_t>(c.start));
            j.kv_int("end", static_cast<std::int64_t>(c.end));
            j.w().EndObject();
            j.w().EndObject();
        }
    }
    {
        RecordList list(j, "edges", false);
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            prefetch_edge(data, i + 8);
            if (!view.writable(i)) continue;
            const auto& edge = data.edges[i];
            ++stats.edges;
            list.next();
            j.w().StartObject();
            j.key("subject");
            j.prefixed_id('e', edge.subject);
            j.kv("predicate", edge.predicate);
            j.key("object");
            j.prefixed_id('e', edge.object);
            j.key("claims");
            j.w().StartArray();
            for (std::size_t ci : edge.claims)
                if (ci < data.claims.size()) j.prefixed_id('c', data.claims[ci].id);
            j.w().EndArray();
            j.kv_int("documents", edge.document_count);
            j.kv_int("independent_sources", edge.independent_sources);
            j.kv_real("confidence", edge.best_confidence);
            j.kv_real("combined_confidence", edge.combined_confidence);
            j.kv("first_date", edge.first_date);
            j.kv("last_date", edge.last_date);
            j.w().EndObject();
        }
    }
    out.raw("\n}\n");
    out.finish();
    return stats;
}

ExportStats write_graphology(const GraphData& data, std::ostream& os, const ExportOptions& options) {
    GraphView view(data);
    Sink out(os);
    Json j(out);
    out.raw("{\n\"attributes\": ");
    j.begin_record();
    j.w().StartObject();
    j.kv("name", options.graph_name);
    j.w().EndObject();
    out.raw(",\n\"options\": {\"type\": \"directed\", \"multi\": true, \"allowSelfLoops\": true}");

    AttrScratch scratch;
    {
        RecordList list(j, "nodes", false);
        JsonAttrs<kNodeAttrs.size()> attrs{j, kNodeAttrs};
        std::size_t n = 0;
        for (std::size_t i = 0; i < data.entities.size(); ++i) {
            if (!view.writable_entity(i)) continue;
            const auto& e = data.entities[i];
            list.next();
            j.w().StartObject();
            j.key("key");
            j.prefixed_id('n', e.id);
            j.key("attributes");
            j.w().StartObject();
            visit_node_attrs(e, view.degree(i), scratch, attrs);
            j.kv("color", style_of(e.type).hex);
            j.kv_real("size", node_size(view.degree(i)));
            // Sunflower (golden-angle) layout: deterministic, evenly spread starting positions.
            double r = 10.0 * std::sqrt(static_cast<double>(n) + 0.5);
            double theta = static_cast<double>(n) * 2.399963229728653;
            j.kv_real("x", round2(r * std::cos(theta)));
            j.kv_real("y", round2(r * std::sin(theta)));
            ++n;
            j.w().EndObject();
            j.w().EndObject();
        }
    }
    {
        RecordList list(j, "edges", false);
        JsonAttrs<kEdgeAttrs.size()> attrs{j, kEdgeAttrs};
        for (std::size_t i = 0; i < data.edges.size(); ++i) {
            prefetch_edge(data, i + 8);
            if (!view.writable(i)) continue;
            const auto& edge = data.edges[i];
            scratch.facts.collect(data, edge);
            list.next();
            j.w().StartObject();
            j.key("key");
            j.prefixed_id('e', static_cast<std::int64_t>(i));
            j.key("source");
            j.prefixed_id('n', edge.subject);
            j.key("target");
            j.prefixed_id('n', edge.object);
            j.key("attributes");
            j.w().StartObject();
            visit_edge_attrs(edge, options.evidence_bytes, scratch, attrs);
            j.kv_real("size", round1(0.5 + 2.0 * edge_weight(edge)));
            j.w().EndObject();
            j.w().EndObject();
        }
    }
    out.raw("\n}\n");
    out.finish();
    return {view.writable_entities(), view.writable_edges(), view.writable_claims(), view.skipped_edges(), 0};
}

}  // namespace chipgraph::exporters
