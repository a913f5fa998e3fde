// Language guess from stopword frequencies, and language tags/names -> ISO 639-1 codes.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "reader_util.hpp"

namespace chipgraph::ingest {

namespace {

constexpr std::array<std::string_view, 7> kLanguages = {"fr", "en", "de", "es", "it", "pt", "nl"};

// About 30-40 of the most frequent function words of each language (lowercase, NFC).
// Words shared by several languages count for each of them, with a smaller weight.
constexpr std::string_view kStopwords[7] = {
    // fr
    "le la les des du de un une et est dans pour que qui sur par pas au aux ce cette il elle ils sont avec ont "
    "été mais ou plus selon l d qu n s leur se son sa ses nous ne en",
    // en
    "the of and to in is was for that with on as by at from it its this are were be been has have had which or "
    "an not but their said will would",
    // de
    "der die das und ist nicht mit den dem des ein eine einer zu von auf für im sich auch wird wurde sind hat "
    "nach bei aus dass oder wie als über",
    // es
    "el la los las de del que y en un una es por con para se no al lo su sus más como pero fue está son ha "
    "sobre entre también",
    // it
    "il lo la gli le di del della dei che e è un una per con non in da al alla sono anche come più ma nel nella "
    "ha si questo delle",
    // pt
    "o a os as de do da dos das que e em um uma para com não no na por se mais como foi são ao pelo pela também "
    "seu sua nos",
    // nl
    "de het een en van in is op te dat die niet met voor zijn aan er als ook bij door maar om wordt uit werd naar "
    "dan heeft",
};

// A word of at most eight bytes as one integer (its bytes, little-endian); longer words
// are no stopword of any of the languages.
constexpr std::size_t kMaxStopwordBytes = 8;
std::uint64_t pack(std::string_view w) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < w.size(); ++i)
        key |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
    return key;
}

// Stopword -> bit per language, by open addressing on the packed word: the text's every
// word is looked up, and hashing strings was most of the detector's time.
class Table {
public:
    Table() {
        for (std::size_t lang = 0; lang < kLanguages.size(); ++lang) {
            std::string_view list = kStopwords[lang];
            while (!list.empty()) {
                std::size_t sp = list.find(' ');
                std::string_view w = list.substr(0, sp);
                if (!w.empty() && w.size() <= kMaxStopwordBytes) slot(pack(w)) |= 1u << lang;
                if (sp == std::string_view::npos) break;
                list.remove_prefix(sp + 1);
            }
        }
    }
    // The languages `w` is a stopword of (a bit each), 0 for none.
    unsigned masks(std::string_view w) const {
        if (w.empty() || w.size() > kMaxStopwordBytes) return 0;
        const std::uint64_t key = pack(w);
        for (std::size_t i = start(key);; i = (i + 1) % kSlots) {
            if (keys_[i] == key) return masks_[i];
            if (keys_[i] == 0) return 0;
        }
    }

private:
    static constexpr std::size_t kSlots = 1024;  // a quarter full
    static std::size_t start(std::uint64_t key) {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 54);
    }
    unsigned& slot(std::uint64_t key) {
        std::size_t i = start(key);
        while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) % kSlots;
        keys_[i] = key;
        return masks_[i];
    }
    std::array<std::uint64_t, kSlots> keys_{};
    std::array<unsigned, kSlots> masks_{};
};

const Table& table() {
    static const Table t;
    return t;
}

constexpr std::size_t kScanBytes = 20 * 1024;
constexpr int kMinHits = 5;

}  // namespace

std::string detect_language(std::string_view text) {
    const Table& stopwords = table();
    if (text.size() > kScanBytes) text = text.substr(0, kScanBytes);
    int weights[7] = {};  // weight of a word in k languages: 60 / k
    int hits = 0;
    char word[16];
    std::size_t len = 0;
    bool too_long = false;
    auto flush = [&] {
        if (len > 0 && !too_long) {
            if (const unsigned mask = stopwords.masks(std::string_view(word, len))) {
                ++hits;
                int k = __builtin_popcount(mask);
                for (std::size_t l = 0; l < kLanguages.size(); ++l)
                    if (mask & (1u << l)) weights[l] += 60 / k;
            }
        }
        len = 0;
        too_long = false;
    };
    auto push = [&](char c) {
        if (len < sizeof word)
            word[len++] = c;
        else
            too_long = true;
    };
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                push(static_cast<char>(c + 32));
            else if (c >= 'a' && c <= 'z')
                push(static_cast<char>(c));
            else
                flush();
            ++i;
            continue;
        }
        // Latin-1 supplement: C3 80..C3 9E are upper-case letters (but x C3 97), C3 9F..BF
        // lower-case; C2 xx is punctuation and no-break space.
        if (c == 0xC3 && i + 1 < n) {
            unsigned char d = p[i + 1];
            if (d == 0x97 || d == 0xB7) {
                flush();
            } else {
                push(static_cast<char>(c));
                push(static_cast<char>(d >= 0x80 && d <= 0x9E ? d + 0x20 : d));
            }
            i += 2;
            continue;
        }
        if (c == 0xC2) {
            flush();
            i += 2;
            continue;
        }
        if (c == 0xE2 && i + 1 < n && (p[i + 1] == 0x80 || p[i + 1] == 0x81)) {
            flush();  // general punctuation: typographic apostrophes, quotes, dashes, spaces
            i += 3;
            continue;
        }
        // Any other letter: part of the word (never a stopword, but keeps words whole).
        push(static_cast<char>(c));
        ++i;
    }
    flush();
    if (hits < kMinHits) return "";
    std::size_t best = 0, second = 1;
    if (weights[second] > weights[best]) std::swap(best, second);
    for (std::size_t l = 2; l < kLanguages.size(); ++l) {
        if (weights[l] > weights[best]) {
            second = best;
            best = l;
        } else if (weights[l] > weights[second]) {
            second = l;
        }
    }
    // Clearly above the others: 30% more, and at least two distinctive words more.
    if (weights[best] * 10 < weights[second] * 13 || weights[best] - weights[second] < 120) return "";
    return std::string(kLanguages[best]);
}

std::string normalize_language(std::string_view language) {
    std::string s = detail::ascii_lower(detail::trim(language));
    std::size_t cut = s.find_first_of("-_");
    if (cut != std::string::npos) s.resize(cut);
    static const std::unordered_map<std::string_view, std::string_view> kNames = {
        {"fr", "fr"},         {"fre", "fr"},         {"fra", "fr"}, {"french", "fr"},     {"français", "fr"},
        {"francais", "fr"},   {"en", "en"},          {"eng", "en"}, {"english", "en"},    {"anglais", "en"},
        {"de", "de"},         {"ger", "de"},         {"deu", "de"}, {"german", "de"},     {"deutsch", "de"},
        {"allemand", "de"},   {"es", "es"},          {"spa", "es"}, {"spanish", "es"},    {"español", "es"},
        {"espagnol", "es"},   {"it", "it"},          {"ita", "it"}, {"italian", "it"},    {"italiano", "it"},
        {"italien", "it"},    {"pt", "pt"},          {"por", "pt"}, {"portuguese", "pt"}, {"português", "pt"},
        {"portugais", "pt"},  {"nl", "nl"},          {"dut", "nl"}, {"nld", "nl"},        {"dutch", "nl"},
        {"nederlands", "nl"}, {"néerlandais", "nl"}, {"zh", "zh"},  {"chinese", "zh"},    {"ja", "ja"},
        {"ko", "ko"},         {"ru", "ru"},          {"ar", "ar"}};
    if (auto it = kNames.find(s); it != kNames.end()) return std::string(it->second);
    // Other two-letter codes are kept as they are.
    if (s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z') return s;
    return "";
}

}  // namespace chipgraph::ingest
