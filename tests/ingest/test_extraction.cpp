// The extractor end to end on short texts: one positive and one near-miss negative per
// rule family, and the clause-level handling (coordination, apposition, passive, negation).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "chipgraph/core/text.hpp"
#include "chipgraph/ingest/extractor.hpp"
#include "chipgraph/ingest/reader.hpp"

namespace chipgraph::ingest {
namespace {

const Extractor& extractor() {
    static const Extractor instance;
    return instance;
}

Extraction extract(const std::string& text, const std::string& language) {
    Document doc;
    doc.source = "test.txt";
    doc.language = language;
    doc.text = text;
    return extractor().extract(doc);
}

int find_entity(const Extraction& ex, const std::string& name) {
    std::string key = text::name_key(name);
    for (std::size_t i = 0; i < ex.entities.size(); ++i) {
        if (text::name_key(ex.entities[i].name) == key) return static_cast<int>(i);
        for (const auto& a : ex.entities[i].aliases)
            if (text::name_key(a) == key) return static_cast<int>(i);
    }
    return -1;
}

const ExtractedClaim* find_claim(const Extraction& ex, const std::string& subject, const std::string& predicate,
                                 const std::string& object) {
    int s = find_entity(ex, subject), o = find_entity(ex, object);
    for (const auto& c : ex.claims)
        if (c.subject == s && c.object == o && c.predicate == predicate) return &c;
    return nullptr;
}

std::string dump(const Extraction& ex) {
    std::string out;
    for (const auto& c : ex.claims)
        out += ex.entities[c.subject].name + " -" + c.predicate + "-> " + ex.entities[c.object].name + " [" + c.rule + "]\n";
    return out;
}

#define EXPECT_CLAIM(ex, s, p, o) EXPECT_NE(find_claim(ex, s, p, o), nullptr) << dump(ex)
#define EXPECT_NO_CLAIM(ex, s, p, o) EXPECT_EQ(find_claim(ex, s, p, o), nullptr) << dump(ex)

TEST(Recognition, GazetteerNamesAreCaseAndAccentInsensitive) {
    auto ex = extract("Des serveurs ont été livrés à Pekin puis à DUBAI par NVIDIA.", "fr");
    EXPECT_GE(find_entity(ex, "Beijing"), 0);
    EXPECT_GE(find_entity(ex, "Dubai"), 0);
    EXPECT_GE(find_entity(ex, "Nvidia"), 0);
    EXPECT_EQ(ex.entities[find_entity(ex, "Beijing")].type, EntityType::place);
}

TEST(Recognition, UnknownCompaniesFromSuffixAndApposition) {
    auto ex = extract("Orbis Compute Pte Ltd rents servers to clients. Later, Veltra, a Shenzhen start-up, "
                      "signed a contract with Orbis Compute Pte Ltd.",
                      "en");
    int orbis = find_entity(ex, "Orbis Compute Pte Ltd");
    ASSERT_GE(orbis, 0);
    EXPECT_EQ(ex.entities[orbis].type, EntityType::organization);
    int veltra = find_entity(ex, "Veltra");
    ASSERT_GE(veltra, 0);
    EXPECT_EQ(ex.entities[veltra].type, EntityType::organization);
    EXPECT_CLAIM(ex, "Veltra", "located_in", "Shenzhen");
}

TEST(Recognition, PersonIntroducedByRoleAndSurnameCoreference) {
    auto ex = extract("Un ancien courtier en cryptomonnaies, Martin Okafor, a convaincu des investisseurs à Doha de "
                      "le financer. Okafor a ensuite acheté des serveurs.",
                      "fr");
    int martin = find_entity(ex, "Martin Okafor");
    ASSERT_GE(martin, 0);
    EXPECT_EQ(ex.entities[martin].type, EntityType::person);
    EXPECT_CLAIM(ex, "investors in Doha", "funds", "Martin Okafor");
}

TEST(Recognition, UnnamedActorsAreDescribedAndPlaced) {
    auto ex = extract("Les serveurs travaillent désormais pour une société basée à Shenzhen, selon le journal.", "fr");
    int company = find_entity(ex, "company based in Shenzhen");
    ASSERT_GE(company, 0);
    EXPECT_TRUE(ex.entities[company].unnamed);
    EXPECT_CLAIM(ex, "company based in Shenzhen", "located_in", "Shenzhen");
    // Near miss: a company named in passing with no place stays out of the graph.
    auto none = extract("Une société a publié ses résultats trimestriels hier.", "fr");
    EXPECT_TRUE(std::none_of(none.entities.begin(), none.entities.end(), [](const auto& e) { return e.unnamed; }));
}

// "la filiale ... de la société" names the subsidiary of the company the article is about,
// not of the last company named in passing.
TEST(Recognition, SubsidiaryOfTheCompanyIsTheArticlesCompany) {
    auto ex = extract(
        "Kestrel Grid a levé des fonds l'an dernier. Kestrel Grid a installé ses serveurs dans un centre "
        "exploité par Selatan DataWorks. La filiale malaisienne de la société, Kestrel Grid Malaysia, loue "
        "cette puissance de calcul.",
        "fr");
    EXPECT_CLAIM(ex, "Kestrel Grid Malaysia", "subsidiary_of", "Kestrel Grid");
    EXPECT_NO_CLAIM(ex, "Kestrel Grid Malaysia", "subsidiary_of", "Selatan DataWorks");
    // Near miss: the article is about the operator this time.
    auto other = extract(
        "Selatan DataWorks exploite trois centres de données. Selatan DataWorks loue de l'espace à Kestrel "
        "Grid. La filiale locale de la société, Lumos Cloud Sdn Bhd, gère le site.",
        "fr");
    EXPECT_CLAIM(other, "Lumos Cloud Sdn Bhd", "subsidiary_of", "Selatan DataWorks");
    EXPECT_NO_CLAIM(other, "Lumos Cloud Sdn Bhd", "subsidiary_of", "Kestrel Grid");
}

TEST(Recognition, PossessiveCompanyOfAPerson) {
    auto ex = extract("Lena Varga, une entrepreneuse hongroise, dirige une start-up. La société de Varga a placé "
                      "plus de 200 serveurs dans un centre de données à Perth.",
                      "fr");
    EXPECT_CLAIM(ex, "Lena Varga", "affiliated_with", "Lena Varga's company");
    EXPECT_CLAIM(ex, "Lena Varga's company", "owns", "plus de 200 serveurs");
}

TEST(Recognition, WashingtonActingIsTheGovernment) {
    auto ex = extract("Washington a placé Kestrel Dynamics sur la liste noire en mars.", "fr");
    EXPECT_CLAIM(ex, "US government", "restricts", "Kestrel Dynamics");
    auto city = extract("The conference took place in Washington last week with many engineers.", "en");
    EXPECT_EQ(find_entity(city, "US government"), -1);
}

// ---- Rule families: a positive and a near miss each ----

TEST(Rules, Supplies) {
    auto ex = extract("Polaris Cloud rents H100 servers to Hanwei Robotics, a company based in Beijing.", "en");
    EXPECT_CLAIM(ex, "Polaris Cloud", "supplies", "Hanwei Robotics");
    auto miss = extract("Polaris Cloud opened an office next to Hanwei Robotics in the park.", "en");
    EXPECT_NO_CLAIM(miss, "Polaris Cloud", "supplies", "Hanwei Robotics");
}

TEST(Rules, SuppliesFromThePurchaserSide) {
    auto ex = extract("La filiale achète du temps de calcul à Gulfstar Hosting, un hébergeur de Dubaï.", "fr");
    EXPECT_CLAIM(ex, "Gulfstar Hosting", "supplies", "subsidiary");
}

TEST(Rules, FundsActiveAndPassive) {
    auto active = extract("Meridian Capital invested in Kestrel Grid last year.", "en");
    EXPECT_CLAIM(active, "Meridian Capital", "funds", "Kestrel Grid");
    auto passive = extract("Kestrel Grid was funded by Meridian Capital and Sahra Ventures.", "en");
    EXPECT_CLAIM(passive, "Meridian Capital", "funds", "Kestrel Grid");
    EXPECT_CLAIM(passive, "Sahra Ventures", "funds", "Kestrel Grid");  // conjunction
    auto miss = extract("Meridian Capital praised Kestrel Grid in a report.", "en");
    EXPECT_NO_CLAIM(miss, "Meridian Capital", "funds", "Kestrel Grid");
}

TEST(Rules, FoundedByImpliesAffiliation) {
    auto ex = extract("Tessellate AI, une société fondée en 2021 par Omar Haddad, loue des GPU.", "fr");
    EXPECT_CLAIM(ex, "Tessellate AI", "founded_by", "Omar Haddad");
    EXPECT_CLAIM(ex, "Omar Haddad", "affiliated_with", "Tessellate AI");
}

TEST(Rules, SubsidiaryOf) {
    auto ex = extract("Polaris Vector is a subsidiary of Hanxing Intelligence.", "en");
    EXPECT_CLAIM(ex, "Polaris Vector", "subsidiary_of", "Hanxing Intelligence");
    auto miss = extract("Polaris Vector competes with Hanxing Intelligence.", "en");
    EXPECT_NO_CLAIM(miss, "Polaris Vector", "subsidiary_of", "Hanxing Intelligence");
}

TEST(Rules, OperatesPassive) {
    auto ex = extract("Ils ont utilisé des centres de données gérés par une filiale singapourienne.", "fr");
    EXPECT_CLAIM(ex, "Singaporean subsidiary", "operates", "centres de données");
}

TEST(Rules, PaysWith) {
    auto ex = extract("Lumos Trading paid in bitcoin for every shipment.", "en");
    EXPECT_CLAIM(ex, "Lumos Trading", "pays_with", "bitcoin");
    auto miss = extract("Lumos Trading wrote a report about bitcoin prices.", "en");
    EXPECT_NO_CLAIM(miss, "Lumos Trading", "pays_with", "bitcoin");
}

TEST(Rules, Restricts) {
    auto ex = extract("The Commerce Department added Yunque Technology to the Entity List in January.", "en");
    EXPECT_CLAIM(ex, "US Department of Commerce", "restricts", "Yunque Technology");
    auto adjective = extract("Les entreprises contournent les sanctions américaines sur les puces H100.", "fr");
    EXPECT_CLAIM(adjective, "US government", "restricts", "H100");
}

TEST(Rules, TransportsTo) {
    auto ex = extract("Des ingénieurs chinois transportent des disques durs en Malaisie.", "fr");
    EXPECT_CLAIM(ex, "Chinese engineers", "transports_to", "Malaysia");
    auto miss = extract("Des ingénieurs chinois parlent de la Malaisie.", "fr");
    EXPECT_NO_CLAIM(miss, "Chinese engineers", "transports_to", "Malaysia");
}

TEST(Rules, ProducesFromMakerPhrase) {
    auto ex = extract("Les ingénieurs utilisent les puces H100 de Nvidia.", "fr");
    EXPECT_CLAIM(ex, "Nvidia", "produces", "H100");
}

TEST(Clauses, CoordinatedPlacesMakeTwoGroups) {
    auto ex = extract("Il a convaincu des investisseurs aux États-Unis et à Dubaï de financer Orion Grid.", "fr");
    EXPECT_CLAIM(ex, "investors in United States", "located_in", "United States");
    EXPECT_CLAIM(ex, "investors in Dubai", "located_in", "Dubai");
    EXPECT_CLAIM(ex, "investors in Dubai", "funds", "Orion Grid");
    EXPECT_CLAIM(ex, "investors in United States", "funds", "Orion Grid");
}

TEST(Clauses, AppositionIsSkippedToReachTheVerb) {
    auto ex = extract("Qiyu Vision, une start-up fondée en 2020 et basée à Canton, loue des puces A100.", "fr");
    EXPECT_CLAIM(ex, "Qiyu Vision", "uses", "A100");
    EXPECT_CLAIM(ex, "Qiyu Vision", "located_in", "Guangzhou");
}

TEST(Clauses, NegationHedgingAndPrediction) {
    auto denied = extract("Sahra Capital n'a jamais financé Kestrel Grid, selon ses avocats.", "fr");
    const auto* c = find_claim(denied, "Sahra Capital", "funds", "Kestrel Grid");
    ASSERT_NE(c, nullptr) << dump(denied);
    EXPECT_EQ(c->status, ClaimStatus::denied);
    auto alleged = extract("Sahra Capital aurait financé Kestrel Grid.", "fr");
    c = find_claim(alleged, "Sahra Capital", "funds", "Kestrel Grid");
    ASSERT_NE(c, nullptr) << dump(alleged);
    EXPECT_EQ(c->status, ClaimStatus::alleged);
    auto predicted = extract("Sahra Capital plans to fund Kestrel Grid next year.", "en");
    c = find_claim(predicted, "Sahra Capital", "funds", "Kestrel Grid");
    ASSERT_NE(c, nullptr) << dump(predicted);
    EXPECT_EQ(c->status, ClaimStatus::predicted);
    auto asserted = extract("Sahra Capital funded Kestrel Grid in 2024.", "en");
    c = find_claim(asserted, "Sahra Capital", "funds", "Kestrel Grid");
    ASSERT_NE(c, nullptr) << dump(asserted);
    EXPECT_EQ(c->status, ClaimStatus::asserted);
    EXPECT_GT(asserted.claims.front().confidence, c == nullptr ? 0 : 0.0);
}

TEST(Clauses, AttributionAndQualifiers) {
    auto ex = extract("According to three officials, Polaris Cloud rented more than 2,000 H100 chips to Hanwei "
                      "Robotics for $2 per hour in March 2024.",
                      "en");
    const auto* c = find_claim(ex, "Polaris Cloud", "supplies", "Hanwei Robotics");
    ASSERT_NE(c, nullptr) << dump(ex);
    EXPECT_EQ(c->attribution, "three officials");
    auto has = [&](const std::string& key, const std::string& value) {
        return std::any_of(c->qualifiers.begin(), c->qualifiers.end(),
                           [&](const Qualifier& q) { return q.key == key && q.value == value; });
    };
    std::string all;
    for (const auto& q : c->qualifiers) all += q.key + "=" + q.value + "; ";
    EXPECT_TRUE(has("quantity", "more than 2,000 H100")) << all;
    EXPECT_TRUE(has("price", "$2 per hour"));
    EXPECT_TRUE(has("date", "March 2024"));
}

TEST(Clauses, EvidenceOffsetsPointIntoTheText) {
    std::string text = "Préambule sans intérêt. Kestrel Grid loue des serveurs à Hanxing Intelligence.";
    auto ex = extract(text, "fr");
    const auto* c = find_claim(ex, "Kestrel Grid", "supplies", "Hanxing Intelligence");
    ASSERT_NE(c, nullptr) << dump(ex);
    EXPECT_EQ(text.substr(c->sentence_start, c->sentence_end - c->sentence_start),
              "Kestrel Grid loue des serveurs à Hanxing Intelligence.");
    EXPECT_EQ(text.substr(c->start, c->end - c->start), "Kestrel Grid loue des serveurs à Hanxing Intelligence");
    EXPECT_EQ(c->rule, "fr.supplies.louer-a");
}

// ---- User data files ----

class TempDir {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / ("chipgraph-test-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(path_ / name) << content;
        return (path_ / name).string();
    }

private:
    std::filesystem::path path_;
};

TEST(UserData, RulePackAddsAPattern) {
    TempDir dir;
    std::string rules = dir.write("mine.json", R"({"language": "en", "rules": [
      {"id": "mine.leases-capacity", "predicate": "supplies", "confidence": 0.8, "pattern": [
        {"ENT_TYPE": "ORG", "SLOT": "subject"}, {"LOWER": "earmarked"}, {"LOWER": "capacity"},
        {"LOWER": "for"}, {"ENT_TYPE": ["ORG", "GROUP"], "SLOT": "object"}]}]})");
    std::string text = "Borealis Compute earmarked capacity for Taskent Labs.";
    Document doc{"a.txt", "", "", "", "en", text};
    auto before = extractor().extract(doc);
    EXPECT_NO_CLAIM(before, "Borealis Compute", "supplies", "Taskent Labs");
    ExtractorConfig config;
    config.rule_packs = {rules};
    Extractor custom(config);
    auto after = custom.extract(doc);
    const auto* c = find_claim(after, "Borealis Compute", "supplies", "Taskent Labs");
    ASSERT_NE(c, nullptr) << dump(after);
    EXPECT_EQ(c->rule, "mine.leases-capacity");
}

TEST(UserData, BrokenRulePackNamesFileAndRule) {
    TempDir dir;
    std::string rules = dir.write("bad.json", R"({"rules": [
      {"id": "ok.one", "predicate": "owns", "pattern": [{"ENT_TYPE": "ORG", "SLOT": "subject"}, {"ENT_TYPE": "ORG", "SLOT": "object"}]},
      {"id": "broken.two", "predicate": "owns", "pattern": [{"ENT_TYPE": "COMPANY", "SLOT": "subject"}]}]})");
    ExtractorConfig config;
    config.rule_packs = {rules};
    try {
        Extractor custom(config);
        FAIL() << "a broken rule pack must be rejected";
    } catch (const DataFileError& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("bad.json"), std::string::npos) << msg;
        EXPECT_NE(msg.find("broken.two"), std::string::npos) << msg;
        EXPECT_NE(msg.find("COMPANY"), std::string::npos) << msg;
    }
    std::string syntax = dir.write("syntax.json", "{\"rules\": [ {\"id\": }");
    config.rule_packs = {syntax};
    EXPECT_THROW(Extractor{config}, DataFileError);
}

TEST(UserData, GazetteerAddsEntities) {
    TempDir dir;
    std::string gaz = dir.write("gaz.json", R"({"entries": [{"name": "Zephyr Relay", "type": "organization", "aliases": ["ZRL"]}]})");
    ExtractorConfig config;
    config.gazetteers = {gaz};
    Extractor custom(config);
    Document doc{"a.txt", "", "", "", "en", "Analysts said ZRL moved the cargo."};
    auto ex = custom.extract(doc);
    int z = find_entity(ex, "Zephyr Relay");
    ASSERT_GE(z, 0);
    EXPECT_EQ(ex.entities[z].type, EntityType::organization);
    std::string bad = dir.write("badgaz.json", R"({"entries": [{"name": "X", "type": "spaceship"}]})");
    config.gazetteers = {bad};
    EXPECT_THROW(Extractor{config}, DataFileError);
}

// ---- Held-out error families (docs/extraction.md, "Quality") ----

TEST(Recognition, GivenNamesMakePersonsAndCompanyWordsMakeCompanies) {
    auto ex = extract("The deal was signed by Marcus Teo and Banque Boronia in March. Siam Datahall declined to comment.",
                      "en");
    ASSERT_GE(find_entity(ex, "Marcus Teo"), 0);
    EXPECT_EQ(ex.entities[find_entity(ex, "Marcus Teo")].type, EntityType::person);
    ASSERT_GE(find_entity(ex, "Banque Boronia"), 0);
    EXPECT_EQ(ex.entities[find_entity(ex, "Banque Boronia")].type, EntityType::organization);
    // Two capitalized words with no first name and no cue: a company, not a person.
    ASSERT_GE(find_entity(ex, "Siam Datahall"), 0);
    EXPECT_EQ(ex.entities[find_entity(ex, "Siam Datahall")].type, EntityType::organization);
}

TEST(Recognition, UnknownNameBeforeAKnownPlaceIsAPlace) {
    auto ex = extract("The director lives in Kowloon Bay, Hong Kong, and runs Pelican Trading.", "en");
    int bay = find_entity(ex, "Kowloon Bay");
    ASSERT_GE(bay, 0);
    EXPECT_EQ(ex.entities[bay].type, EntityType::place);
    // Without the place after the comma, nothing says it is a place.
    auto other = extract("The director met Kowloon Bay officials and left.", "en");
    int k = find_entity(other, "Kowloon Bay");
    if (k >= 0) {
        EXPECT_NE(other.entities[k].type, EntityType::place);
    }
}

TEST(Relations, FrontedParticipleNamesTheFounders) {
    auto ex = extract("Fondée en 2020 par Sophie Tran et Liam Moreau, Kestrel Compute exploite deux centres de données.",
                      "fr");
    EXPECT_CLAIM(ex, "Kestrel Compute", "founded_by", "Sophie Tran");
    EXPECT_CLAIM(ex, "Kestrel Compute", "founded_by", "Liam Moreau");
    auto en = extract("Founded in 2021 by Daniel Ross, Orbis Compute rents servers.", "en");
    EXPECT_CLAIM(en, "Orbis Compute", "founded_by", "Daniel Ross");
    // Mid-sentence, "par X, Y" is X and its apposition, not a fronted clause.
    auto near = extract("Crane Lake a été fondée par deux anciens chercheurs de Mingjing AI, une start-up pékinoise.", "fr");
    EXPECT_NO_CLAIM(near, "Mingjing AI", "founded_by", "chercheurs");
    EXPECT_EQ(std::count_if(near.claims.begin(), near.claims.end(),
                            [](const ExtractedClaim& c) { return c.rule.find("fronted") != std::string::npos; }),
              0)
        << dump(near);
}

TEST(Relations, RoleOfCompanyBeforeOrAfterThePerson) {
    auto fr = extract("Le directeur de Siam Pacific Cargo, Somchai Rattanakul, a été placé en garde à vue.", "fr");
    EXPECT_CLAIM(fr, "Somchai Rattanakul", "affiliated_with", "Siam Pacific Cargo");
    auto en = extract("Omar Nasser, 44, of Sharjah, UAE, the owner of Desert Node Trading FZE, remains at large.", "en");
    EXPECT_CLAIM(en, "Omar Nasser", "affiliated_with", "Desert Node Trading FZE");
    EXPECT_CLAIM(en, "Omar Nasser", "owns", "Desert Node Trading FZE");
    // A role of someone else: no claim for the person named first.
    auto near = extract("Omar Nasser met reporters in Sharjah. A lawyer for Desert Node Trading FZE declined to comment.", "en");
    EXPECT_NO_CLAIM(near, "Omar Nasser", "affiliated_with", "Desert Node Trading FZE");
}

TEST(Relations, SoldByToAndBoughtFrom) {
    auto ex = extract("The servers were sold in 2024 by Orchid Peak Systems to Lanhai Computing.", "en");
    EXPECT_CLAIM(ex, "Orchid Peak Systems", "supplies", "Lanhai Computing");
    auto fr = extract("Vantora Pte Ltd a acheté 2 400 puces H200 auprès de Meridian Systems, un intégrateur.", "fr");
    EXPECT_CLAIM(fr, "Meridian Systems", "distributes", "H200");
    EXPECT_CLAIM(fr, "Meridian Systems", "supplies", "Vantora Pte Ltd");
    // Bought by, not from: the company named is the buyer.
    auto near = extract("The H200 chips were bought by Orchid Peak Systems last year.", "en");
    EXPECT_NO_CLAIM(near, "Orchid Peak Systems", "distributes", "H200");
}

TEST(Relations, FacilityHostsChipsAndItsOperatorUsesThem) {
    auto ex = extract("Kangaroo Compute exploite un campus à Melbourne. Le campus accueille 3 200 puces H200.", "fr");
    EXPECT_CLAIM(ex, "campus in Melbourne", "uses", "H200");
    EXPECT_CLAIM(ex, "Kangaroo Compute", "uses", "H200");
    // Hosting a customer is not holding a chip.
    auto near = extract("The data center in Osaka hosts Kotoba Labs.", "en");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [](const ExtractedClaim& c) { return c.predicate == "uses"; }))
        << dump(near);
}

TEST(Relations, OwnedCompanyIsASubsidiary) {
    auto ex = extract("Ginza Hyperscale, détenu depuis 2022 par le fonds d'investissement Aoyama Partners, n'a pas répondu.",
                      "fr");
    EXPECT_CLAIM(ex, "Aoyama Partners", "owns", "Ginza Hyperscale");
    EXPECT_CLAIM(ex, "Ginza Hyperscale", "subsidiary_of", "Aoyama Partners");
    // A company owning servers does not make the servers a subsidiary.
    auto near = extract("Orbis Compute owns 75 H100 servers in Perth.", "en");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [](const ExtractedClaim& c) { return c.predicate == "subsidiary_of"; }))
        << dump(near);
}

TEST(Relations, CustomerListsGiveEveryMember) {
    auto ex = extract("Hoshizora Cloud's customers include Tokyo-based developer Kotoba Labs, the Singapore start-up Lattice Mind "
                      "and Seoul's Hanbit Robotics.",
                      "en");
    EXPECT_CLAIM(ex, "Hoshizora Cloud", "supplies", "Kotoba Labs");
    EXPECT_CLAIM(ex, "Hoshizora Cloud", "supplies", "Lattice Mind");
    EXPECT_CLAIM(ex, "Hoshizora Cloud", "supplies", "Hanbit Robotics");
    // A list after a full stop is not the customers'.
    auto near = extract("Hoshizora Cloud's customers include Kotoba Labs. Lattice Mind and Hanbit Robotics declined to comment.", "en");
    EXPECT_NO_CLAIM(near, "Hoshizora Cloud", "supplies", "Lattice Mind");
}

TEST(Relations, RestrictionVerbWithAListOfChips) {
    auto ex = extract("The U.S. Commerce Department restricts the export of Nvidia's most advanced processors, including "
                      "the H100 and H200, to China.",
                      "en");
    EXPECT_CLAIM(ex, "US Department of Commerce", "restricts", "H100");
    EXPECT_CLAIM(ex, "US Department of Commerce", "restricts", "H200");
    auto near = extract("The U.S. Commerce Department met Nvidia, which sells processors including the H100.", "en");
    EXPECT_NO_CLAIM(near, "US Department of Commerce", "restricts", "H100");
}

TEST(Relations, NegationInsideASkippedAppositionIsNotTheClaims) {
    auto ex = extract("Kairos Analytics, qui n'a pas de site internet, paie ses factures en bitcoin.", "fr");
    const auto* c = find_claim(ex, "Kairos Analytics", "pays_with", "bitcoin");
    ASSERT_NE(c, nullptr) << dump(ex);
    EXPECT_EQ(c->status, ClaimStatus::asserted);
    auto denied = extract("Kairos Analytics ne paie pas ses factures en bitcoin.", "fr");
    const auto* d = find_claim(denied, "Kairos Analytics", "pays_with", "bitcoin");
    if (d) {
        EXPECT_EQ(d->status, ClaimStatus::denied);
    }
}

// ---- quality2: heldout2 error families ----

int entity_type_of(const Extraction& ex, const std::string& name) {
    int e = find_entity(ex, name);
    return e < 0 ? -1 : static_cast<int>(ex.entities[e].type);
}

TEST(Recognition, MakerInsideAProductAliasProducesIt) {
    auto ex = extract("La société a acheté des puces Nvidia H100 pour son centre de données.", "fr");
    EXPECT_CLAIM(ex, "Nvidia", "produces", "H100");
    auto near = extract("La société a acheté des puces H100 pour son centre de données.", "fr");
    EXPECT_LT(find_entity(near, "Nvidia"), 0) << dump(near);
}

TEST(Recognition, DescriptorWithAPlaceBeforeANamePlacesTheName) {
    auto ex = extract("Les puces ont été fournies par le distributeur taïwanais Chenfeng Tech et le grossiste nantais "
                      "Ligéris Informatique.",
                      "fr");
    EXPECT_CLAIM(ex, "Chenfeng Tech", "located_in", "Taiwan");
    EXPECT_CLAIM(ex, "Ligéris Informatique", "located_in", "Nantes");
    auto near = extract("Les puces ont été fournies par le distributeur Chenfeng Tech, loin de Taïwan.", "fr");
    EXPECT_NO_CLAIM(near, "Chenfeng Tech", "located_in", "Taiwan");
}

TEST(Recognition, DefiniteHeadIsTheActorLastDescribedByIt) {
    auto ex = extract("Orvanta Systems, a server distributor headquartered in Dubai, sells racks to Falconridge Hosting. "
                      "The distributor is backed by Gulfstar Ventures.",
                      "en");
    EXPECT_CLAIM(ex, "Gulfstar Ventures", "funds", "Orvanta Systems");
    EXPECT_NO_CLAIM(ex, "Gulfstar Ventures", "funds", "Falconridge Hosting");
}

TEST(Recognition, FoundersArePeople) {
    auto ex = extract("Founded in 2017 by Rashid Al-Mansoori and Priya Venkataraman, Orvanta Systems employs 140 people.", "en");
    EXPECT_EQ(entity_type_of(ex, "Rashid Al-Mansoori"), static_cast<int>(EntityType::person)) << dump(ex);
    EXPECT_CLAIM(ex, "Orvanta Systems", "founded_by", "Rashid Al-Mansoori");
    auto near = extract("Acquired in 2019 by Nordvik Partners, Orvanta Systems employs 140 people.", "en");
    EXPECT_NE(entity_type_of(near, "Nordvik Partners"), static_cast<int>(EntityType::person)) << dump(near);
}

TEST(Recognition, SpeechAndAgencyHeadsDoNotTypeANameAsACompany) {
    auto ex = extract("The cheapest offer came from Nimbara, a marketplace. Nimbara's founder, Tiit Kaljuvee, said the company "
                      "complies with sanctions.",
                      "en");
    EXPECT_EQ(entity_type_of(ex, "Tiit Kaljuvee"), static_cast<int>(EntityType::person)) << dump(ex);
    EXPECT_CLAIM(ex, "Nimbara", "founded_by", "Tiit Kaljuvee");
    auto fr = extract("Le directeur général des douanes, Olivier Brémond, a détaillé trois dossiers.", "fr");
    EXPECT_EQ(entity_type_of(fr, "Olivier Brémond"), static_cast<int>(EntityType::person)) << dump(fr);
}

TEST(Recognition, PhraseBeforeANameMergesEvenWithAPlaceInside) {
    auto ex = extract("Enfin, un transitaire du Havre, Seine Fret, a acheminé des serveurs vers le Kazakhstan.", "fr");
    EXPECT_CLAIM(ex, "Seine Fret", "located_in", "Le Havre");
    EXPECT_CLAIM(ex, "Seine Fret", "transports_to", "Kazakhstan");
    auto near = extract("Enfin, un transitaire du Havre et Seine Fret ont acheminé des serveurs vers le Kazakhstan.", "fr");
    EXPECT_NO_CLAIM(near, "Seine Fret", "located_in", "Le Havre");
}

TEST(Recognition, ElleIsTheCompanyThePreviousSentenceWasAbout) {
    auto ex = extract("La plus importante, Straits Nexus Trading, a été créée par un ancien employé de Huayun Servers, Gao Feng. "
                      "Elle aurait revendu des processeurs à Lingxi Cloud.",
                      "fr");
    EXPECT_CLAIM(ex, "Straits Nexus Trading", "supplies", "Lingxi Cloud");
    EXPECT_NO_CLAIM(ex, "Gao Feng", "supplies", "Lingxi Cloud");
}

TEST(Recognition, PluralAnaphorNamesThePair) {
    auto ex = extract("Two Hong Kong companies, Ever Crest Ltd and Harbourline Ltd, were listed. "
                      "The two firms shipped the processors to Wuxi.",
                      "en");
    EXPECT_CLAIM(ex, "Ever Crest Ltd", "transports_to", "Wuxi");
    EXPECT_CLAIM(ex, "Harbourline Ltd", "transports_to", "Wuxi");
    auto near = extract("Two Hong Kong companies, Ever Crest Ltd and Harbourline Ltd, were listed. "
                        "Two firms shipped other processors to Wuxi.",
                        "en");
    EXPECT_NO_CLAIM(near, "Ever Crest Ltd", "transports_to", "Wuxi");
}

TEST(Recognition, UnknownNameAfterBasedInIsAPlace) {
    auto ex = extract("The cheapest offer came from Nimbara, a marketplace based in Tallinn.", "en");
    EXPECT_EQ(entity_type_of(ex, "Tallinn"), static_cast<int>(EntityType::place)) << dump(ex);
    auto near = extract("The cheapest offer came from Nimbara, a marketplace backed by Tallinn Ventures.", "en");
    EXPECT_NE(entity_type_of(near, "Tallinn Ventures"), static_cast<int>(EntityType::place)) << dump(near);
}

TEST(Recognition, PossessiveRoleInAppositionAffiliatesThePerson) {
    auto ex = extract("Thanh Long Import-Export a importé les serveurs. Son gérant, Nguyen Van Hoa, n'a pas répondu.", "fr");
    EXPECT_CLAIM(ex, "Nguyen Van Hoa", "affiliated_with", "Thanh Long Import-Export");
    auto near = extract("Chao Phraya Cargo forwarded the chips. His partner, Anan Sukprasert, remains at large.", "en");
    EXPECT_NO_CLAIM(near, "Anan Sukprasert", "affiliated_with", "Chao Phraya Cargo");
}

TEST(Relations, RestrictionOfAProductNamedAfterItsDestination) {
    auto ex = extract("Les États-Unis interdisent depuis 2022 l'exportation vers la Chine des puces H100.", "fr");
    EXPECT_CLAIM(ex, "United States", "restricts", "H100");
    auto near = extract("Les États-Unis autorisent depuis 2022 l'exportation vers la Chine des puces H20.", "fr");
    EXPECT_NO_CLAIM(near, "United States", "restricts", "H20");
}

TEST(Relations, LicenceRequirementRestrictsTheProduct) {
    auto ex = extract("Washington a durci les règles et imposé une licence pour les puces H100 et B200.", "fr");
    EXPECT_CLAIM(ex, "US government", "restricts", "H100");
    EXPECT_CLAIM(ex, "US government", "restricts", "B200");
    auto near = extract("Nvidia a demandé une licence pour les puces H20.", "fr");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [](const ExtractedClaim& c) { return c.predicate == "restricts"; }))
        << dump(near);
}

TEST(Relations, ListInAppositionToAGroupGivesItsMembers) {
    auto ex = extract("The additions include three Malaysian front companies, Perdana Logic and Lumora Trading, which resold "
                      "chips.",
                      "en");
    EXPECT_CLAIM(ex, "Perdana Logic", "located_in", "Malaysia");
    EXPECT_CLAIM(ex, "Lumora Trading", "located_in", "Malaysia");
    auto near = extract("BIS listed Hanxing, along with its Singapore subsidiary, Polaris Vector, and Meridian Silicon Trading.",
                        "en");
    EXPECT_NO_CLAIM(near, "Meridian Silicon Trading", "located_in", "Singapore");
}

TEST(Relations, NameInOrOfAPlace) {
    auto ex = extract("Desert Node Trading in Sharjah relabeled the boxes. Omar Nasser, 44, of Sharjah, was charged.", "en");
    EXPECT_CLAIM(ex, "Desert Node Trading", "located_in", "Sharjah");
    EXPECT_CLAIM(ex, "Omar Nasser", "located_in", "Sharjah");
    auto bank = extract("The round included the Development Bank of Japan.", "en");
    EXPECT_GE(find_entity(bank, "Development Bank of Japan"), 0) << dump(bank);
}

TEST(Relations, PaymentWithoutPayerIsTheCustomers) {
    auto ex = extract("Gulfline Tech a revendu des puces H200 à des clients chinois. Les paiements étaient réglés en USDT.",
                      "fr");
    EXPECT_CLAIM(ex, "Chinese customers", "pays_with", "USDT");
    auto near = extract("Gulfline Tech a ouvert un entrepôt à Dubaï. Les paiements étaient réglés en USDT.", "fr");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [](const ExtractedClaim& c) { return c.predicate == "pays_with"; }))
        << dump(near);
}

TEST(Relations, SecondVerbAfterPuisKeepsTheSubject) {
    auto ex = extract("Maréva Trading a acheté des cartes A100 auprès de distributeurs allemands, puis les a réexportées vers "
                      "Dubaï.",
                      "fr");
    EXPECT_CLAIM(ex, "Maréva Trading", "transports_to", "Dubai");
    auto near = extract("Maréva Trading a acheté des cartes A100 auprès de distributeurs de Dubaï.", "fr");
    EXPECT_NO_CLAIM(near, "Maréva Trading", "transports_to", "Dubai");
}

TEST(Relations, ShippedByAgentToPlace) {
    auto ex = extract("In March, a consignment of 64 servers shipped by Orvanta Systems to Almaty was held at the port.", "en");
    EXPECT_CLAIM(ex, "Orvanta Systems", "transports_to", "Almaty");
    auto near = extract("In March, a consignment of 64 servers bought by Orvanta Systems in Almaty was held at the port.", "en");
    EXPECT_NO_CLAIM(near, "Orvanta Systems", "transports_to", "Almaty");
}

TEST(Relations, FundingRoundLedByInvestors) {
    auto ex = extract("Tessera Labs raised $30 million in a round led by Northgate Digital Ventures, with participation from "
                      "Sahra Capital.",
                      "en");
    EXPECT_CLAIM(ex, "Northgate Digital Ventures", "funds", "Tessera Labs");
    EXPECT_CLAIM(ex, "Sahra Capital", "funds", "Tessera Labs");
    auto near = extract("Tessera Labs joined a project led by Northgate Digital Ventures.", "en");
    EXPECT_NO_CLAIM(near, "Northgate Digital Ventures", "funds", "Tessera Labs");
}

TEST(Relations, CoordinationWithADescriptorAfterTheConjunction) {
    auto ex = extract("La start-up Kerlanic avait levé 4 millions d'euros auprès du fonds rennais Breizh Amorçage et de la "
                      "banque Crédit Maritime.",
                      "fr");
    EXPECT_CLAIM(ex, "Breizh Amorçage", "funds", "Kerlanic");
    EXPECT_CLAIM(ex, "Crédit Maritime", "funds", "Kerlanic");
    auto near = extract("Kevin Luo is the owner of Arcwave Systems, a server reseller in Fremont.", "en");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [&](const ExtractedClaim& c) {
                                 return c.subject == find_entity(near, "Kevin Luo") && near.entities[c.object].unnamed;
                             }))
        << dump(near);
}

TEST(Relations, OwnCustomerAfterACopula) {
    auto ex = extract("Orvanta Systems resells Dell servers. Its largest customer is Falconridge Hosting.", "en");
    EXPECT_CLAIM(ex, "Orvanta Systems", "supplies", "Falconridge Hosting");
    auto near = extract("Orvanta Systems resells Dell servers. Its largest warehouse is near Falconridge Hosting.", "en");
    EXPECT_NO_CLAIM(near, "Orvanta Systems", "supplies", "Falconridge Hosting");
}

TEST(Relations, UsesEndsAtAProductNotABuilding) {
    auto ex = extract("Kerlanic Compute exploite un centre de données équipé de puces H100.", "fr");
    EXPECT_TRUE(std::any_of(ex.claims.begin(), ex.claims.end(),
                            [&](const ExtractedClaim& c) {
                                return c.predicate == "uses" && ex.entities[c.object].type == EntityType::product;
                            }))
        << dump(ex);
    EXPECT_TRUE(std::none_of(ex.claims.begin(), ex.claims.end(),
                             [&](const ExtractedClaim& c) {
                                 return c.predicate == "uses" && ex.entities[c.object].type == EntityType::facility;
                             }))
        << dump(ex);
}

TEST(Relations, CompanyHandedOverIsOwnedByTheBuyer) {
    auto ex = extract("En 2023, Henri Vasseur a cédé Vasseur Compute Brokers à Tomasz Wrona.", "fr");
    EXPECT_CLAIM(ex, "Tomasz Wrona", "owns", "Vasseur Compute Brokers");
    EXPECT_NO_CLAIM(ex, "Henri Vasseur", "supplies", "Tomasz Wrona");
    auto near = extract("En 2023, Henri Vasseur a cédé des serveurs de Vasseur Compute Brokers à Tomasz Wrona.", "fr");
    EXPECT_NO_CLAIM(near, "Tomasz Wrona", "owns", "Vasseur Compute Brokers");
}

TEST(Relations, FrontedFounderWithAnApposition) {
    auto ex = extract("Fondée en 2021 par Gwenaël Le Bihan, un ancien ingénieur d'Orange, Kerlanic exploite un centre de "
                      "données. Les clients de Kerlanic et les salariés de Kerlanic sont bretons.",
                      "fr");
    EXPECT_CLAIM(ex, "Kerlanic", "founded_by", "Gwenaël Le Bihan");
    auto near = extract("Fondée en 2021, la société Kerlanic exploite un centre de données à Lannion avec Gwenaël Le Bihan, un "
                        "ancien ingénieur d'Orange, et Kerlanic a levé des fonds.",
                        "fr");
    EXPECT_NO_CLAIM(near, "Kerlanic", "founded_by", "Gwenaël Le Bihan");
}

TEST(Relations, CustomersCountedAndOwnedAfterADate) {
    auto ex = extract("Melaka Grid loue ses serveurs B200 à une dizaine de clients, dont le chinois Zhiyun Labs. "
                      "Bayu Data appartient depuis 2023 au fonds hongkongais Everpeak Capital.",
                      "fr");
    EXPECT_CLAIM(ex, "Melaka Grid", "supplies", "Zhiyun Labs");
    EXPECT_CLAIM(ex, "Everpeak Capital", "owns", "Bayu Data");
    auto near = extract("Melaka Grid loue ses serveurs B200 depuis une dizaine d'années. Bayu Data parle depuis 2023 au fonds "
                        "Everpeak Capital.",
                        "fr");
    EXPECT_NO_CLAIM(near, "Everpeak Capital", "owns", "Bayu Data");
}

TEST(Recognition, BirthplaceIsAPlace) {
    auto ex = extract("Né à Roubaix, ingénieur de formation, il a créé en 2016 sa propre société, Vasseur Compute Brokers.", "fr");
    EXPECT_EQ(entity_type_of(ex, "Roubaix"), static_cast<int>(EntityType::place)) << dump(ex);
}

TEST(Relations, SubsidiaryOfADescribedParent) {
    auto ex = extract("Ishikari GreenCompute, filiale du groupe énergétique japonais Hokuyo Power, exploite le site. "
                      "Lanternfish Holdings is in turn a subsidiary of Shanghai Tianyao Digital Group.",
                      "fr");
    EXPECT_CLAIM(ex, "Ishikari GreenCompute", "subsidiary_of", "Hokuyo Power");
    auto en = extract("Lanternfish Holdings is in turn a subsidiary of Shanghai Tianyao Digital Group.", "en");
    EXPECT_CLAIM(en, "Lanternfish Holdings", "subsidiary_of", "Tianyao Digital Group");
    auto near = extract("Ishikari GreenCompute, cliente du groupe énergétique japonais Hokuyo Power, exploite le site.", "fr");
    EXPECT_NO_CLAIM(near, "Ishikari GreenCompute", "subsidiary_of", "Hokuyo Power");
}

TEST(Recognition, NameIsLaterCalledByItsLastWord) {
    auto ex = extract("BIS listed the Qingyun Advanced Computing Center in Wuxi. Liu Zhenhua, a former procurement officer at "
                      "the center, was named.",
                      "en");
    EXPECT_CLAIM(ex, "Liu Zhenhua", "affiliated_with", "Qingyun Advanced Computing Center");
    auto near = extract("BIS listed the Qingyun Advanced Computing Center in Wuxi. Liu Zhenhua, a former procurement officer at "
                        "the ministry, was named.",
                        "en");
    EXPECT_NO_CLAIM(near, "Liu Zhenhua", "affiliated_with", "Qingyun Advanced Computing Center");
}

TEST(Relations, AdditionsListedAfterTheRestriction) {
    auto ex = extract("On October 14, the Bureau of Industry and Security added nine entities to the Entity List. The additions "
                      "include Zhenhai Compute and Perdana Logic Sdn Bhd.",
                      "en");
    EXPECT_CLAIM(ex, "Bureau of Industry and Security", "restricts", "Zhenhai Compute");
    EXPECT_CLAIM(ex, "Bureau of Industry and Security", "restricts", "Perdana Logic Sdn Bhd");
    auto near = extract("On October 14, the Bureau of Industry and Security published a report. The additions include Zhenhai "
                        "Compute and Perdana Logic Sdn Bhd.",
                        "en");
    EXPECT_NO_CLAIM(near, "Bureau of Industry and Security", "restricts", "Zhenhai Compute");
}

TEST(Relations, InscritSurLaListeNoire) {
    auto ex = extract("Le département américain du Commerce a inscrit jeudi la société Gulfline Tech sur sa liste noire.", "fr");
    EXPECT_CLAIM(ex, "US Department of Commerce", "restricts", "Gulfline Tech");
    auto near = extract("Le département américain du Commerce a reçu jeudi la société Gulfline Tech pour parler de sa liste.",
                        "fr");
    EXPECT_NO_CLAIM(near, "US Department of Commerce", "restricts", "Gulfline Tech");
}

TEST(Recognition, FirstPersonIsTheSpeaker) {
    auto ex = extract("Marcus Teo runs Northwind Compute Brokers. Q: How did you start? A: Marcus Teo says an investor in Dubai "
                      "lent me money last year.",
                      "en");
    EXPECT_CLAIM(ex, "investor in Dubai", "funds", "Marcus Teo");
    // Without a person in the article, "I" is nobody.
    auto near = extract("Northwind Compute Brokers runs servers. An investor in Dubai lent me money last year.", "en");
    EXPECT_TRUE(std::none_of(near.claims.begin(), near.claims.end(),
                             [](const ExtractedClaim& c) { return c.predicate == "funds"; }))
        << dump(near);
}

TEST(Relations, AgentlessShipmentIsTheBuyers) {
    auto ex = extract("Baylight Components bought 1,500 H100 processors from Westmark Computing. The chips were then relabeled "
                      "as gaming cards and flown to Bangkok.",
                      "en");
    EXPECT_CLAIM(ex, "Baylight Components", "transports_to", "Bangkok");
    EXPECT_NO_CLAIM(ex, "Westmark Computing", "transports_to", "Bangkok");
    auto near = extract("Baylight Components bought 1,500 H100 processors from Westmark Computing. The chips were then flown "
                        "to Bangkok by Siam Air Cargo Ltd.",
                        "en");
    EXPECT_NO_CLAIM(near, "Baylight Components", "transports_to", "Bangkok");
}

TEST(Relations, SetUpAsASubsidiary) {
    auto ex = extract("Alder Point AI, a Singapore company set up last year as a subsidiary of Zhejiang Mingdao Intelligence, "
                      "rents servers.",
                      "en");
    EXPECT_CLAIM(ex, "Alder Point AI", "subsidiary_of", "Mingdao Intelligence");
    auto near = extract("Alder Point AI, a Singapore company set up last year, rents servers to a subsidiary of Zhejiang Mingdao "
                        "Intelligence.",
                        "en");
    EXPECT_NO_CLAIM(near, "Alder Point AI", "subsidiary_of", "Mingdao Intelligence");
}

TEST(Relations, AcronymModifiersAndGenericMakerChips) {
    auto ex = extract("Shenzhen Bluepeak Electronics resells high-end graphics processors to AI start-ups in Guangdong.", "en");
    EXPECT_CLAIM(ex, "Shenzhen Bluepeak Electronics", "supplies", "startups in Guangdong");
    // "Nvidia chips" beside the H20 of the same sentence is not a second Nvidia product.
    auto near = extract("Puncak Compute runs 6,000 Nvidia chips, most of them Nvidia H20 processors.", "en");
    EXPECT_CLAIM(near, "Nvidia", "produces", "H20");
    EXPECT_NO_CLAIM(near, "Nvidia", "produces", "Nvidia chips");
}

TEST(Relations, PlacedOnTheEntityListByAnAgency) {
    // "the Entity List" is a title: its "Entity" is no anaphor for the company before it.
    auto ex = extract("In 2022 Norhaven Robotics was placed on the Entity List by the US Commerce Department.", "en");
    EXPECT_CLAIM(ex, "US Department of Commerce", "restricts", "Norhaven Robotics");
    auto fr = extract("Fin 2023, Norhaven Robotics a été inscrite sur la liste des entités par le département américain du "
                      "Commerce.",
                      "fr");
    EXPECT_CLAIM(fr, "US Department of Commerce", "restricts", "Norhaven Robotics");
    EXPECT_LT(find_entity(fr, "entités"), 0);
    auto near = extract("Norhaven Robotics was praised by the US Commerce Department, which keeps the Entity List.", "en");
    EXPECT_NO_CLAIM(near, "US Department of Commerce", "restricts", "Norhaven Robotics");
}

TEST(Recognition, NameOpeningWithItsCityIsCalledByTheRest) {
    auto ex = extract("Wuhan Qinglan Intelligence rents servers in Johor. In 2024 Qinglan was added to the Entity List by the "
                      "Bureau of Industry and Security.",
                      "en");
    EXPECT_CLAIM(ex, "Bureau of Industry and Security", "restricts", "Wuhan Qinglan Intelligence");
    // Next to the city itself, the run is the full name again, not the city and a short name.
    auto near = extract("Wuhan Qinglan Intelligence rents servers. The Bureau of Industry and Security added Wuhan Qinglan "
                        "Intelligence to the Entity List.",
                        "en");
    EXPECT_CLAIM(near, "Bureau of Industry and Security", "restricts", "Wuhan Qinglan Intelligence");
    EXPECT_NO_CLAIM(near, "Bureau of Industry and Security", "restricts", "Wuhan");
}

TEST(Relations, PassivesAndNominalizationsWithTheAgentLast) {
    auto en = extract("The racks were shipped to Chengdu by Lianfa Express. Auditors traced the sale of the racks to Arunrat "
                      "Tech by Sembrite Distribution. The racks were bought by Orvane Cloud from Supermicro. Invoices are "
                      "settled in USDC by Sairah Holdings.",
                      "en");
    EXPECT_CLAIM(en, "Lianfa Express", "transports_to", "Chengdu");
    EXPECT_CLAIM(en, "Sembrite Distribution", "supplies", "Arunrat Tech");
    EXPECT_CLAIM(en, "Supermicro", "supplies", "Orvane Cloud");
    EXPECT_CLAIM(en, "Sairah Holdings", "pays_with", "USDC");
    auto fr = extract("Les baies ont été expédiées vers Chengdu par Lianfa Express. Le parquet enquête sur la vente de douze "
                      "baies à Korvan Tech par Rhodanie Systèmes. Les loyers sont réglés en USDT par Korvan Tech.",
                      "fr");
    EXPECT_CLAIM(fr, "Lianfa Express", "transports_to", "Chengdu");
    EXPECT_CLAIM(fr, "Rhodanie Systèmes", "supplies", "Korvan Tech");
    EXPECT_CLAIM(fr, "Korvan Tech", "pays_with", "USDT");
    // The agent of another verb, or a government, is not the seller or the payer.
    auto near = extract("The sale of the racks to Arunrat Tech was blocked by the Thai Customs Department. A loan in USDC was "
                        "refused by Sairah Holdings.",
                        "en");
    EXPECT_NO_CLAIM(near, "Thai Customs Department", "supplies", "Arunrat Tech");
    EXPECT_NO_CLAIM(near, "Sairah Holdings", "pays_with", "USDC");
}

TEST(Recognition, FirstPersonPluralIsTheWritingCompany) {
    // A company's own post: "we", "our", "notre" are the company of the header.
    auto ex = extract("Veltra Compute\n\nWe are proud to open our campus in Penang. Our subsidiary Veltra Operations runs "
                      "the site for us.\n\nVeltra Compute, all rights reserved.",
                      "en");
    EXPECT_CLAIM(ex, "Veltra Operations", "subsidiary_of", "Veltra Compute");
    auto fr = extract("Veltra Calcul\n\nNous ouvrons notre campus de Penang. Notre filiale Veltra Opérations exploite le "
                      "site pour nous.\n\nVeltra Calcul, tous droits réservés.",
                      "fr");
    EXPECT_CLAIM(fr, "Veltra Opérations", "subsidiary_of", "Veltra Calcul");
    // A news story that quotes "we" once is not written by the company it names.
    auto near = extract("Veltra Compute opened a campus in Penang. \"We are growing, and our subsidiary Veltra Operations "
                        "runs the site,\" said a manager of Kestrel Labs.",
                        "en");
    EXPECT_NO_CLAIM(near, "Veltra Operations", "subsidiary_of", "Veltra Compute");
}

TEST(Recognition, HyphenatedSurnamesAndNationalitiesBeforeAName) {
    // A known first name and a hyphenated surname make a person; so does a nationality before it.
    auto ex = extract("Amélie Durand-Lefort, associée du fonds Tessaly, a rencontré le Marocain Karim Belhaj, qui dirige "
                      "Atlasnet.",
                      "fr");
    int amelie = find_entity(ex, "Amélie Durand-Lefort");
    ASSERT_GE(amelie, 0);
    EXPECT_EQ(ex.entities[amelie].type, EntityType::person);
    int karim = find_entity(ex, "Karim Belhaj");
    ASSERT_GE(karim, 0);
    EXPECT_EQ(ex.entities[karim].type, EntityType::person);
    // A hyphenated company name without a first name stays a company.
    auto near = extract("Nexa-Grid Vantor loue des serveurs à des start-up de Pékin.", "fr");
    int nexa = find_entity(near, "Nexa-Grid Vantor");
    ASSERT_GE(nexa, 0);
    EXPECT_EQ(near.entities[nexa].type, EntityType::organization);
}

TEST(Recognition, HyphenatedToponymsAndKnownTowns) {
    // "X-sur-Y", "X-en-Y", "X-upon-Y" are towns even when the gazetteer does not know them.
    auto ex = extract("Korvane a ouvert un entrepôt à Villers-sur-Orge et un bureau à Casablanca.", "fr");
    int town = find_entity(ex, "Villers-sur-Orge");
    ASSERT_GE(town, 0);
    EXPECT_EQ(ex.entities[town].type, EntityType::place);
    int casa = find_entity(ex, "Casablanca");
    ASSERT_GE(casa, 0);
    EXPECT_EQ(ex.entities[casa].type, EntityType::place);
    // A hyphenated company name without a connector is not a town.
    auto near = extract("Korvane loue des serveurs à Tian-Data Systems.", "fr");
    int tian = find_entity(near, "Tian-Data Systems");
    ASSERT_GE(tian, 0);
    EXPECT_EQ(near.entities[tian].type, EntityType::organization);
}

TEST(Relations, FrontedPlaceIsNotDescribedByTheNextPhrase) {
    // "À Lille, le courtier X, fondé ... par Y, loue ...": the apposition after X is skipped,
    // not the name itself, so X (not the founder) rents the servers.
    auto ex = extract("À Lille, le courtier Vornex Compute, fondé en mars 2020 par l'ingénieur Paul Girard et son associé Marc "
                      "Dufour, loue depuis deux ans des serveurs H100 à Kaltek Robotics.",
                      "fr");
    EXPECT_CLAIM(ex, "Vornex Compute", "supplies", "Kaltek Robotics");
    EXPECT_NO_CLAIM(ex, "Marc Dufour", "supplies", "Kaltek Robotics");
    // A name, not a place, before the comma still opens an apposition.
    auto near = extract("Vornex Compute, un courtier fondé par Paul Girard, loue des serveurs H100 à Kaltek Robotics.", "fr");
    EXPECT_CLAIM(near, "Vornex Compute", "supplies", "Kaltek Robotics");
    EXPECT_NO_CLAIM(near, "Paul Girard", "supplies", "Kaltek Robotics");
}

TEST(Relations, EnforcementActionsAndAgentlessListings) {
    // Penalties and denial orders restrict their target; a list named by its owner too.
    auto en = extract("The Commerce Department imposed a $2 million penalty on Larkspur Systems. BIS issued a denial order "
                      "against Quenby Trading.",
                      "en");
    EXPECT_CLAIM(en, "US Department of Commerce", "restricts", "Larkspur Systems");
    EXPECT_CLAIM(en, "Bureau of Industry and Security", "restricts", "Quenby Trading");
    auto fr = extract("Le Trésor américain a infligé une amende à Korvane Systems. Doulun Vision figure sur la liste noire "
                      "américaine depuis 2021.",
                      "fr");
    EXPECT_CLAIM(fr, "US Treasury", "restricts", "Korvane Systems");
    EXPECT_CLAIM(fr, "US government", "restricts", "Doulun Vision");
    // An agentless listing is made by the government that restricted something before.
    auto passive = extract("BIS fined Larkspur Systems last year. Quenby Trading was added to the Entity List in March.", "en");
    EXPECT_CLAIM(passive, "Bureau of Industry and Security", "restricts", "Quenby Trading");
    // A penalty paid to a company, a listing denied: no restriction.
    auto near = extract("BIS signed a settlement of a lease dispute... Quenby Trading was not added to the Entity List, BIS said.",
                        "en");
    EXPECT_NO_CLAIM(near, "Bureau of Industry and Security", "restricts", "Quenby Trading");
}

TEST(Relations, FundingRoundsInInvestorWording) {
    // "led a $30 million Series A in X"; those who join the round fund the same company.
    auto ex = extract("In May, Harrow Capital led a $30 million Series A in Quillon Compute. Tidewater Partners and "
                      "Marlowe Holdings joined the round.",
                      "en");
    EXPECT_CLAIM(ex, "Harrow Capital", "funds", "Quillon Compute");
    EXPECT_CLAIM(ex, "Tidewater Partners", "funds", "Quillon Compute");
    EXPECT_CLAIM(ex, "Marlowe Holdings", "funds", "Quillon Compute");
    EXPECT_LT(find_entity(ex, "Series A"), 0);
    auto fr = extract("Quillon Calcul loue des serveurs à Lyon. Premier tour de table : le fonds Altaïr Capital et la banque "
                      "Merle Frères apportent 5 millions d'euros.",
                      "fr");
    EXPECT_CLAIM(fr, "Altaïr Capital", "funds", "Quillon Calcul");
    // An investment house run by a person does not fund the person; leading an inquiry is no round.
    auto near = extract("Harrow Capital, the investment house run by Alistair Moore, led an inquiry into Quillon Compute. "
                        "Tidewater Partners joined the board.",
                        "en");
    EXPECT_NO_CLAIM(near, "Harrow Capital", "funds", "Alistair Moore");
    EXPECT_NO_CLAIM(near, "Harrow Capital", "funds", "Quillon Compute");
    EXPECT_NO_CLAIM(near, "Tidewater Partners", "funds", "Quillon Compute");
}

TEST(Relations, RolesHeldThroughPossessivesBoardsAndRunBy) {
    // "X's co-founder Y" (no comma), "run by Y", "whose director is Y", "sits on X's board".
    auto en = extract("Three people, including Korvane Systems' director of sales, were questioned. Talvik Data's co-founder "
                      "Lee Chun-hao declined to comment. Merrow Capital, the fund run by Alistair Dunmore, led the round. "
                      "Sofia Brandt, who sits on Talvik Data's board, said nothing.",
                      "en");
    EXPECT_CLAIM(en, "Lee Chun-hao", "affiliated_with", "Talvik Data");
    EXPECT_CLAIM(en, "Talvik Data", "founded_by", "Lee Chun-hao");
    EXPECT_CLAIM(en, "Alistair Dunmore", "affiliated_with", "Merrow Capital");
    EXPECT_CLAIM(en, "Sofia Brandt", "affiliated_with", "Talvik Data");
    auto fr = extract("Sahel Ventures, dont le gérant est le Marocain Rami Tazi, détient la société. Lumen Bridge, une "
                      "société écran dirigée par l'ancien directeur financier de Talvik Data, Chen Wei, paie les factures.",
                      "fr");
    EXPECT_CLAIM(fr, "Rami Tazi", "affiliated_with", "Sahel Ventures");
    EXPECT_CLAIM(fr, "Chen Wei", "affiliated_with", "Lumen Bridge");
    // A round led by a fund, a company that sells to a person: no affiliation.
    auto near = extract("Talvik Data's round was led by Merrow Capital. Talvik Data sells servers to Alistair Dunmore.", "en");
    EXPECT_NO_CLAIM(near, "Alistair Dunmore", "affiliated_with", "Talvik Data");
    EXPECT_NO_CLAIM(near, "Merrow Capital", "affiliated_with", "Talvik Data");
}

TEST(Relations, RentedEquipmentIsUsedByLessorAndCustomer) {
    // Renting out servers that hold chips: both the lessor and the customer use the chips.
    auto en = extract("Korvane Systems leases two clusters of Nvidia H100 servers to Talvik Data.", "en");
    EXPECT_CLAIM(en, "Korvane Systems", "uses", "H100");
    EXPECT_CLAIM(en, "Talvik Data", "uses", "H100");
    auto fr = extract("Korvane Systems loue des grappes de processeurs Nvidia H100 à Talvik Data.", "fr");
    EXPECT_CLAIM(fr, "Talvik Data", "uses", "H100");
    // A rental that is denied, or office space rented to a customer, gives no use.
    auto near = extract("Korvane Systems does not lease Nvidia H100 servers to Talvik Data. Korvane Systems rents offices "
                        "to Merrow Capital.",
                        "en");
    EXPECT_NO_CLAIM(near, "Talvik Data", "uses", "H100");
    EXPECT_NO_CLAIM(near, "Merrow Capital", "uses", "H100");
}

TEST(Recognition, CompanyHeadWithAComplementKeepsItsPlace) {
    // "un intégrateur de systèmes d'Incheon", "un opérateur de centres de données basé à X".
    auto fr = extract("Les serveurs ont été achetés par Daegu Rackline, un intégrateur de systèmes d'Incheon. Il a travaillé "
                      "pour Atlasnet Numérique, un opérateur de centres de données basé à Casablanca.",
                      "fr");
    EXPECT_CLAIM(fr, "Daegu Rackline", "located_in", "Incheon");
    EXPECT_CLAIM(fr, "Atlasnet Numérique", "located_in", "Casablanca");
    auto en = extract("Chaiyo Digital, an operator of data halls in Bangkok, rents H100 servers to Kunlan AI.", "en");
    EXPECT_CLAIM(en, "Chaiyo Digital", "located_in", "Bangkok");
    // Without a place after the complement, the phrase stays as it was.
    auto near = extract("Daegu Rackline, un intégrateur de systèmes, a vendu des serveurs à Kunlan AI.", "fr");
    EXPECT_NO_CLAIM(near, "Daegu Rackline", "located_in", "Incheon");
    EXPECT_CLAIM(near, "Daegu Rackline", "supplies", "Kunlan AI");
}

TEST(Recognition, MoreCompanyHeads) {
    // Charities, vehicles, laboratories, investment houses and family offices are organizations.
    auto ex = extract("Zhenwei Education Foundation, a Hong Kong charity, pays the bills. Tarrow Holdings, a Cayman Islands "
                      "investment vehicle, owns the site. Pearlgate AI Lab, a Guangzhou laboratory, uses the cluster.",
                      "en");
    EXPECT_CLAIM(ex, "Zhenwei Education Foundation", "located_in", "Hong Kong");
    EXPECT_CLAIM(ex, "Tarrow Holdings", "located_in", "Cayman Islands");
    EXPECT_CLAIM(ex, "Pearlgate AI Lab", "located_in", "Guangzhou");
    // A vehicle that is a truck is no company.
    auto near = extract("Police stopped a vehicle in Hong Kong carrying H100 chips.", "en");
    for (const auto& e : near.entities) EXPECT_NE(e.type == EntityType::organization && e.unnamed, true) << e.name;
}

TEST(Relations, PaymentsExcludedPassiveOrNominalized) {
    // "par virement bancaire, sans cryptomonnaies": the excluded instrument is not paid with.
    auto fr = extract("Les clients de Korvane Systems règlent exclusivement par virement bancaire, sans cryptomonnaies ni "
                      "stablecoins.",
                      "fr");
    EXPECT_NO_CLAIM(fr, "customers", "pays_with", "cryptocurrency");
    // "a payment by X to a broker called Y was settled in bitcoin": X pays, Y is paid.
    auto en = extract("Only one payment by a Macau intermediary, Jade Harbor Advisory, to a Dubai broker called Qasr "
                      "Systems was settled in bitcoin. Jade Harbor acted for Talvik Data.",
                      "en");
    EXPECT_CLAIM(en, "Jade Harbor Advisory", "pays_with", "bitcoin");
    EXPECT_NO_CLAIM(en, "Qasr Systems", "pays_with", "bitcoin");
    EXPECT_NO_CLAIM(en, "Qasr Systems", "located_in", "Macau");
    // A magazine's name that opens a longer company name is the company.
    auto named = extract("Fortune Gate Advisory paid in USDT. Fortune Gate acted for Talvik Data.", "en");
    EXPECT_LT(find_entity(named, "Fortune"), 0);
    // The payer stated actively is still the payer.
    auto near = extract("Talvik Data paid Qasr Systems in bitcoin.", "en");
    EXPECT_CLAIM(near, "Talvik Data", "pays_with", "bitcoin");
}

TEST(Relations, ACompanysOwnSiteIsOneItRuns) {
    // "its Batam campus": the company owns and runs the site.
    auto ex = extract("Tembara Compute said its Batam campus is now fully let.", "en");
    int campus = -1;
    for (std::size_t i = 0; i < ex.entities.size(); ++i)
        if (ex.entities[i].type == EntityType::facility) campus = static_cast<int>(i);
    ASSERT_GE(campus, 0) << dump(ex);
    EXPECT_CLAIM(ex, "Tembara Compute", "operates", ex.entities[campus].name);
    // A person's servers are owned, not operated as a site.
    auto near = extract("Derek Lam said his servers are now fully let.", "en");
    for (const auto& c : near.claims) EXPECT_NE(c.predicate, "operates") << dump(near);
}

TEST(Relations, AgentlessShipmentWithSeveralLegs) {
    // "expédiés vers Bangkok, puis vers Shenzhen": the buyer of the sentence before ships to both.
    auto fr = extract("Les serveurs avaient été achetés par Daegu Rackline auprès de Korvane Systems. Ils ont ensuite été "
                      "déclarés comme « équipements de réseau » et expédiés vers Bangkok, puis vers Shenzhen.",
                      "fr");
    EXPECT_CLAIM(fr, "Daegu Rackline", "transports_to", "Bangkok");
    EXPECT_CLAIM(fr, "Daegu Rackline", "transports_to", "Shenzhen");
    // A second place that is not a destination ("then sold in Shenzhen") is not a leg.
    auto near = extract("Daegu Rackline bought servers from Korvane Systems. The servers were then shipped to Bangkok by "
                        "Siam Freight, and repaired in Shenzhen.",
                        "en");
    EXPECT_NO_CLAIM(near, "Daegu Rackline", "transports_to", "Bangkok");
    EXPECT_NO_CLAIM(near, "Daegu Rackline", "transports_to", "Shenzhen");
}

TEST(Relations, AppointmentsAndCompaniesHeldByAPerson) {
    // "X appointed Y", "X a recruté Y", "un distributeur tenu par Y".
    auto en = extract("Korvane Systems appointed Alistair Dunmore as chief executive in May.", "en");
    EXPECT_CLAIM(en, "Alistair Dunmore", "affiliated_with", "Korvane Systems");
    auto fr = extract("Talvik Data a recruté Sofia Brandt en 2023. Jinwei Electronics, une boutique tenue par Li Wenbo, "
                      "vend des H100.",
                      "fr");
    EXPECT_CLAIM(fr, "Sofia Brandt", "affiliated_with", "Talvik Data");
    EXPECT_CLAIM(fr, "Li Wenbo", "affiliated_with", "Jinwei Electronics");
    // Selling to a person, or a person who appointed someone, is no affiliation of the buyer.
    auto near = extract("Korvane Systems sold ten servers last year to a trader from Penang, Alistair Dunmore.", "en");
    EXPECT_NO_CLAIM(near, "Alistair Dunmore", "affiliated_with", "Korvane Systems");
}

TEST(Relations, BrokerWorksForTheBuyerNotTheSeller) {
    // "bought from X through Y": Y is no intermediary for the seller X.
    auto en = extract("Talvik Data bought the servers from Korvane Systems through Lintao Trading.", "en");
    EXPECT_NO_CLAIM(en, "Lintao Trading", "intermediary_for", "Korvane Systems");
    EXPECT_CLAIM(en, "Lintao Trading", "intermediary_for", "Talvik Data");
    // A customer served through a broker keeps it.
    auto near = extract("Korvane Systems rents servers to Talvik Data through Lintao Trading.", "en");
    EXPECT_CLAIM(near, "Lintao Trading", "intermediary_for", "Talvik Data");
}

TEST(Relations, CorrectionsAndViralClaimsAreNotAsserted) {
    // What a correction or a fact check reports as wrong is not asserted.
    auto ex = extract("Correction: an earlier version of this story said Meridan Data Parks was based in Singapore. A viral "
                      "post says Lotara Cloud shipped 10,000 H100 chips to Huanjing AI.",
                      "en");
    const auto* placed = find_claim(ex, "Meridan Data Parks", "located_in", "Singapore");
    ASSERT_NE(placed, nullptr) << dump(ex);
    EXPECT_EQ(placed->status, ClaimStatus::denied);
    for (const auto& c : ex.claims) {
        if (c.predicate == "located_in" || c.predicate == "supplies" || c.predicate == "transports_to") {
            EXPECT_EQ(c.status, ClaimStatus::denied) << dump(ex);
        }
    }
    // A plain statement stays asserted.
    auto near = extract("Meridan Data Parks is based in Cyberjaya, a version of the story says.", "en");
    const auto* c = find_claim(near, "Meridan Data Parks", "located_in", "Cyberjaya");
    ASSERT_NE(c, nullptr) << dump(near);
    EXPECT_EQ(c->status, ClaimStatus::asserted);
}

TEST(Relations, PlaceOfFounding) {
    // "fonde X à P", "X, fondée en 2019 à P", "founded X in P", "set up in 2021 in P".
    auto fr = extract("En 2021, Julien Marot fonde Vastrel Systèmes à Lyon. Orbane Data, fondée en 2019 à Bordeaux, loue des serveurs.",
                      "fr");
    EXPECT_CLAIM(fr, "Vastrel Systèmes", "located_in", "Lyon");
    EXPECT_CLAIM(fr, "Orbane Data", "located_in", "Bordeaux");
    auto en = extract("In 2020 Priya Raman founded Kestova Labs in Singapore. Orbane Data, set up in 2021 in Penang, "
                      "rents servers.",
                      "en");
    EXPECT_CLAIM(en, "Kestova Labs", "located_in", "Singapore");
    EXPECT_CLAIM(en, "Orbane Data", "located_in", "Penang");
    // A company founded by someone who lives elsewhere is not placed there.
    auto near = extract("Kestova Labs was founded by Priya Raman, who lives in Singapore.", "en");
    EXPECT_NO_CLAIM(near, "Kestova Labs", "located_in", "Singapore");
}

TEST(Relations, StakesAndWorkingForACompany) {
    // "détient 40 % de X": the holder owns X; a person who works for X does not supply it.
    auto fr = extract("Sahel Ventures détient 40 % de Talvik Data depuis 2024. Paul Girard travaille pour Talvik Data.", "fr");
    EXPECT_CLAIM(fr, "Sahel Ventures", "owns", "Talvik Data");
    EXPECT_CLAIM(fr, "Paul Girard", "affiliated_with", "Talvik Data");
    EXPECT_NO_CLAIM(fr, "Paul Girard", "supplies", "Talvik Data");
    auto en = extract("Sofia Brandt works for Talvik Data.", "en");
    EXPECT_NO_CLAIM(en, "Sofia Brandt", "supplies", "Talvik Data");
    // A data center that runs jobs for a lab still serves it.
    auto near = extract("Korvane Systems hosts H100 servers for Talvik Data.", "en");
    EXPECT_CLAIM(near, "Korvane Systems", "supplies", "Talvik Data");
}

TEST(Relations, MinorityStakeIsNoSubsidiary) {
    // "owns a stake in X": X is owned in part, not a subsidiary.
    auto ex = extract("Tarrow Holdings also owns a stake in Talvik Data.", "en");
    EXPECT_CLAIM(ex, "Tarrow Holdings", "owns", "Talvik Data");
    EXPECT_NO_CLAIM(ex, "Talvik Data", "subsidiary_of", "Tarrow Holdings");
    // A company owned outright is one.
    auto near = extract("Talvik Data is owned by Tarrow Holdings.", "en");
    EXPECT_CLAIM(near, "Talvik Data", "subsidiary_of", "Tarrow Holdings");
}

TEST(Relations, ShareholderIsAndCommaOfPlace) {
    // "X's listed shareholder is Y", "l'actionnaire unique de X est Y", "une société appelée X, de Pékin".
    auto en = extract("Saomei Cloud's listed shareholder is a Cayman vehicle, Tarrow Holdings.", "en");
    EXPECT_CLAIM(en, "Tarrow Holdings", "owns", "Saomei Cloud");
    auto fr = extract("L'actionnaire unique de Talvik Data est Sahel Ventures. Les accès étaient ouverts à une société "
                      "appelée Tianlu Zhineng, de Pékin.",
                      "fr");
    EXPECT_CLAIM(fr, "Sahel Ventures", "owns", "Talvik Data");
    EXPECT_CLAIM(fr, "Tianlu Zhineng", "located_in", "Beijing");
    // A customer named after the company is not its shareholder; "de Pékin à Paris" is a route.
    auto near = extract("Saomei Cloud's largest customer is Tarrow Holdings. Talvik Data, de Pékin à Paris, livre des serveurs.",
                        "fr");
    EXPECT_NO_CLAIM(near, "Tarrow Holdings", "owns", "Saomei Cloud");
    EXPECT_NO_CLAIM(near, "Talvik Data", "located_in", "Beijing");
}

TEST(Recognition, MakerBeforeCoordinatedChips) {
    // "Nvidia A100 and H100 processors": Nvidia makes both.
    auto ex = extract("Korvane Systems exported servers containing Nvidia A100 and H100 graphics processors.", "en");
    EXPECT_CLAIM(ex, "Nvidia", "produces", "A100");
    EXPECT_CLAIM(ex, "Nvidia", "produces", "H100");
    // A chip named apart from the maker's list is not linked by it.
    auto near = extract("Korvane Systems sold Nvidia A100 servers; its rival sold MI300X accelerators.", "en");
    EXPECT_NO_CLAIM(near, "Nvidia", "produces", "MI300X");
}

TEST(Relations, DeniedExportPrivileges) {
    // "X is denied export privileges": the article's enforcing agency restricts X.
    auto ex = extract("BIS fined Larkspur Systems in March after a long investigation. Its former sales director, Gregory "
                      "Halvern, is denied export privileges for five years.",
                      "en");
    EXPECT_CLAIM(ex, "Bureau of Industry and Security", "restricts", "Gregory Halvern");
    // Not denied them: no restriction.
    auto near = extract("BIS fined Larkspur Systems in March after a long investigation. Its former sales director, Gregory "
                        "Halvern, was not denied export privileges.",
                        "en");
    EXPECT_NO_CLAIM(near, "Bureau of Industry and Security", "restricts", "Gregory Halvern");
}

TEST(Recognition, SiblingsShareTheirSurname) {
    // "fondé par les frères Karim et Nabil Benali": two founders, one surname.
    auto fr = extract("L'hébergeur Garvane Cloud, fondé en 2019 par les frères Karim et Nabil Benali, loue des serveurs.", "fr");
    EXPECT_CLAIM(fr, "Garvane Cloud", "founded_by", "Karim Benali");
    EXPECT_CLAIM(fr, "Garvane Cloud", "founded_by", "Nabil Benali");
    auto en = extract("Tessaly Labs was founded by brothers David and Mark Holloway in 2020.", "en");
    EXPECT_CLAIM(en, "Tessaly Labs", "founded_by", "David Holloway");
    EXPECT_CLAIM(en, "Tessaly Labs", "founded_by", "Mark Holloway");
    // Two people with their own surnames keep them.
    auto near = extract("Tessaly Labs was founded by David Kerr and Mark Holloway in 2020.", "en");
    EXPECT_LT(find_entity(near, "David Holloway"), 0);
}

TEST(Relations, FundedSiteAndTownAfterASite) {
    // "un second site à Mérignac, financé par X": Mérignac is a town, X funds the company.
    auto fr = extract("Garvane Cloud a ouvert un second site à Mérignac, financé par Altaïr Capital.", "fr");
    int town = find_entity(fr, "Mérignac");
    ASSERT_GE(town, 0);
    EXPECT_EQ(fr.entities[town].type, EntityType::place);
    EXPECT_CLAIM(fr, "Altaïr Capital", "funds", "Garvane Cloud");
    // A customer after "à" following a rental is not a town.
    auto near = extract("Garvane Cloud loue des serveurs à Talvik Data.", "fr");
    int talvik = find_entity(near, "Talvik Data");
    ASSERT_GE(talvik, 0);
    EXPECT_NE(near.entities[talvik].type, EntityType::place);
}

TEST(Relations, PayingAndBillingNameTheSupplier) {
    // "X pays Y" makes Y X's supplier; "Y invoices X" too.
    auto en = extract("Talvik Data pays Korvane Systems in dollars. Korvane Systems invoices Merrow Labs every month.", "en");
    EXPECT_CLAIM(en, "Korvane Systems", "supplies", "Talvik Data");
    EXPECT_CLAIM(en, "Korvane Systems", "supplies", "Merrow Labs");
    auto fr = extract("Crane Vale paie Ishikawa Compute en dollars.", "fr");
    EXPECT_CLAIM(fr, "Ishikawa Compute", "supplies", "Crane Vale");
    // The second verb of a coordination belongs to the first subject, not the object between.
    auto near = extract("Crane Vale paie Ishikawa Compute en dollars, mais facture Mingyu AI en USDT.", "fr");
    EXPECT_NO_CLAIM(near, "Ishikawa Compute", "supplies", "Mingyu AI");
}

TEST(Relations, AcronymInsideAnApposition) {
    // "X, a GPU rental outfit headquartered in Y that was set up by Z": the phrase is X.
    auto ex = extract("Orvena Cloud, a GPU rental outfit headquartered in Kuala Lumpur that was set up in 2021 by Farid "
                      "Rahman, leases H100 servers to Zhuyu Robotics.",
                      "en");
    EXPECT_CLAIM(ex, "Orvena Cloud", "located_in", "Kuala Lumpur");
    EXPECT_CLAIM(ex, "Orvena Cloud", "founded_by", "Farid Rahman");
    // A capitalized word after the article is a name, not a modifier.
    auto near = extract("Orvena Cloud, a Tessaly Labs partner, leases H100 servers to Zhuyu Robotics.", "en");
    EXPECT_NO_CLAIM(near, "Tessaly Labs", "supplies", "Zhuyu Robotics");
}

TEST(Relations, DescriptorOpeningTheSentenceDescribesItsSubject) {
    // "Ancienne société de négoce installée à Penang, Korvane Systems loue ...": the opening
    // descriptor is the subject's.
    auto fr = extract("Ancienne société de négoce installée à Penang, Korvane Systems loue désormais des serveurs H100 à "
                      "Talvik Data.",
                      "fr");
    EXPECT_CLAIM(fr, "Korvane Systems", "located_in", "Penang");
    // A descriptor in the middle of a sentence before another name is not merged into it.
    auto near = extract("Talvik Data loue des serveurs à une société installée à Penang, Korvane Systems étant son seul "
                        "fournisseur.",
                        "fr");
    EXPECT_NO_CLAIM(near, "Korvane Systems", "located_in", "Penang");
}

}  // namespace
}  // namespace chipgraph::ingest
