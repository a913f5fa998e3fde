// Sentence splitting and tokenization on the hard cases of French and English news text.
#include <gtest/gtest.h>

#include "chipgraph/ingest/tokenizer.hpp"

namespace chipgraph::ingest {
namespace {

std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    for (auto s : split_sentences(text)) out.push_back(text.substr(s.start, s.end - s.start));
    return out;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& t : tokenize(text, {0, text.size()})) out.push_back(text.substr(t.start, t.end - t.start));
    return out;
}

TEST(Sentences, AbbreviationsDoNotEndSentences) {
    auto s = sentences(
        "M. Dupont a rencontré Mme Li. The U.S. Commerce Department acted. Acme Inc. sold chips, etc. Then it "
        "stopped.");
    ASSERT_EQ(s.size(), 4u) << ::testing::PrintToString(s);
    EXPECT_EQ(s[0], "M. Dupont a rencontré Mme Li.");
    EXPECT_EQ(s[1], "The U.S. Commerce Department acted.");
}

TEST(Sentences, NumbersAndQuotes) {
    auto s = sentences(
        "Les exportations ont atteint 3,4 milliards de dollars. Il a dit : « Il y a de la demande. » "
        "Puis 2.5 millions de puces sont parties.");
    ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
    EXPECT_EQ(s[1], "Il a dit : « Il y a de la demande. »");
}

TEST(Sentences, LineBreaksAndRunTogetherSentences) {
    auto s = sentences("Titre de l'article\nselon deux employés de la question.Le groupe SenseTime a répondu.");
    ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
    EXPECT_EQ(s[2], "Le groupe SenseTime a répondu.");
    // Domain names are not sentence ends.
    EXPECT_EQ(sentences("Le réseau io.net compte 40 000 puces.").size(), 1u);
}

// The splitter scans eight bytes at a time: every sentence end is found wherever it
// falls in a block, and in the tail of the text.
TEST(Sentences, EndsAtEveryPositionOfAScanBlock) {
    for (const char* end : {".", "!", "?", "…"}) {
        for (std::size_t lead = 1; lead <= 17; ++lead) {
            const std::string first = "Wordy" + std::string(lead, 'x') + end;
            auto s = sentences(first + " Second one\nthird");
            ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
            EXPECT_EQ(s[0], first);
            EXPECT_EQ(s[1], "Second one");
            EXPECT_EQ(s[2], "third");
        }
    }
}

TEST(Tokens, FrenchElisionsWithEitherApostrophe) {
    EXPECT_EQ(words("l’intermédiaire d'AW qu’il"),
              (std::vector<std::string>{"l’", "intermédiaire", "d'", "AW", "qu’", "il"}));
    std::string etat = "l’État";
    auto toks = tokenize(etat, {0, etat.size()});
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_TRUE(toks[0].is(kElision));
    EXPECT_EQ(toks[1].folded, "etat");
}

TEST(Tokens, NamesNumbersAndPossessives) {
    EXPECT_EQ(words("AI-Galaxy, io.net et 40 000 puces"),
              (std::vector<std::string>{"AI-Galaxy", ",", "io.net", "et", "40 000", "puces"}));
    EXPECT_EQ(words("Nvidia's H100 chips cost $2.40"),
              (std::vector<std::string>{"Nvidia", "'s", "H100", "chips", "cost", "$", "2.40"}));
    EXPECT_EQ(words("NVDA-0.93% U.S. 3,4"), (std::vector<std::string>{"NVDA", "-", "0.93", "%", "U.S.", "3,4"}));
}

TEST(Tokens, FlagsAndOffsets) {
    std::string text = "  iFlytek SENSETIME Dubaï";
    auto toks = tokenize(text, {0, text.size()});
    ASSERT_EQ(toks.size(), 3u);
    EXPECT_TRUE(toks[0].is(kMixedCase));
    EXPECT_TRUE(toks[1].is(kAllCaps));
    EXPECT_TRUE(toks[2].is(kCapitalized));
    EXPECT_EQ(toks[2].folded, "dubai");
    EXPECT_EQ(text.substr(toks[0].start, toks[0].end - toks[0].start), "iFlytek");
}

// Plain ASCII words take a one-pass path: the same flags as the general path gives a
// word with an accent in the same place.
TEST(Tokens, AsciiWordsGetTheFlagsOfTheGeneralPath) {
    const std::pair<std::string, std::string> pairs[] = {{"Elan", "Élan"},  {"ELAN", "ÉLAN"},   {"iFlytek", "iFlytèk"},
                                                         {"H100", "H100é"}, {"2024", "2024é"},  {"e", "é"},
                                                         {"U.S", "É.U"},    {"x-Ray", "é-Ray"}, {"e2E", "é2E"},
                                                         {"E", "É"},        {"A&b", "É&b"},     {"x.Y", "é.Y"}};
    for (const auto& [ascii, accented] : pairs) {
        auto a = tokenize(ascii, {0, ascii.size()});
        auto b = tokenize(accented, {0, accented.size()});
        ASSERT_EQ(a.size(), 1u) << ascii;
        ASSERT_EQ(b.size(), 1u) << accented;
        EXPECT_EQ(a[0].flags, b[0].flags) << ascii << " / " << accented;
        EXPECT_EQ(a[0].hash, word_hash(a[0].folded)) << ascii;
    }
    auto punct = tokenize("%", {0, 1});
    ASSERT_EQ(punct.size(), 1u);
    EXPECT_TRUE(punct[0].is(kPunct));
}

}  // namespace
}  // namespace chipgraph::ingest
