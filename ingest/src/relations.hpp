// Relation extraction: runs the rule packs over each sentence's units (entity mentions
// and tokens), then applies what rules alone miss: coordination ("X et Y"), apposition
// ("X, une société basée à Shanghai"), status from negation, hedging and reported
// speech, attribution ("selon le Wall Street Journal") and qualifiers (quantity,
// price, date, product).
#pragma once

#include "analysis.hpp"
#include "rules.hpp"

namespace chipgraph::ingest {

class RelationExtractor {
public:
    RelationExtractor(const RuleSet& rules, const Stemmer& stemmer) : rules_(rules), stemmer_(stemmer) {}

    // Adds claims to `a.extraction`; merges appositive phrases into their named entity.
    void extract(Analysis& a) const;

private:
    const RuleSet& rules_;
    const Stemmer& stemmer_;
};

}  // namespace chipgraph::ingest
