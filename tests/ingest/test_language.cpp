// Language detection by stopword frequencies.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "chipgraph/ingest/reader.hpp"

using chipgraph::ingest::detect_language;

TEST(Language, French) {
    EXPECT_EQ(detect_language("Les autorités de Singapour ont inculpé jeudi trois hommes soupçonnés d’avoir "
                              "acheminé des serveurs équipés de puces Nvidia vers la Chine, en violation des "
                              "contrôles américains à l’exportation."),
              "fr");
    EXPECT_EQ(detect_language("À Dubaï, le discret commerce des puces H200 vers la Chine. Selon nos informations, "
                              "une partie d’entre eux contient des puces qui sont destinées à la Chine."),
              "fr");
}

TEST(Language, English) {
    EXPECT_EQ(detect_language("Two Chinese nationals were charged in a Singapore court on Monday after customs "
                              "officers allegedly found 48 Nvidia A100 processors hidden in their checked "
                              "luggage at Changi Airport, in what prosecutors described as a paid courier run."),
              "en");
}

TEST(Language, German) {
    EXPECT_EQ(detect_language("Die Behörden in Singapur haben drei Männer angeklagt, die Server mit Nvidia-Chips "
                              "nach China gebracht haben sollen. Nach Angaben der Staatsanwaltschaft wurde die "
                              "Ware über eine Firma in Malaysia verschickt, die auch mit dem Fall zu tun hat."),
              "de");
}

TEST(Language, OtherEuropeanLanguages) {
    EXPECT_EQ(detect_language("Las autoridades de Singapur acusaron a tres hombres de enviar servidores con chips "
                              "de Nvidia a China. Según la fiscalía, la mercancía pasó por una empresa de "
                              "Malasia, pero los investigadores no han dado más detalles sobre el caso."),
              "es");
    EXPECT_EQ(detect_language("Le autorità di Singapore hanno accusato tre uomini di aver spedito in Cina dei "
                              "server con chip Nvidia. Secondo la procura, la merce è passata per una società "
                              "della Malesia, che non ha risposto alle domande dei giornalisti."),
              "it");
    EXPECT_EQ(detect_language("As autoridades de Singapura acusaram três homens de enviar para a China servidores "
                              "com chips da Nvidia. Segundo a promotoria, a mercadoria passou por uma empresa da "
                              "Malásia, que não respondeu aos pedidos de comentário."),
              "pt");
    EXPECT_EQ(detect_language("De autoriteiten in Singapore hebben drie mannen aangeklaagd die servers met chips "
                              "van Nvidia naar China zouden hebben gestuurd. Volgens het openbaar ministerie is de "
                              "lading via een bedrijf in Maleisië verstuurd, maar dat is niet bevestigd."),
              "nl");
}

TEST(Language, TooShortOrNoStopwords) {
    EXPECT_EQ(detect_language(""), "");
    EXPECT_EQ(detect_language("Nvidia H100"), "");
    EXPECT_EQ(detect_language("the chips"), "");                          // one stopword
    EXPECT_EQ(detect_language("Megaspeed Nvidia Singapore Malaysia 2024 A100 H200 Huawei"), "");
    EXPECT_EQ(detect_language("人工智能芯片出口管制规避的新闻报道"), "");
}

TEST(Language, CaseAndTypographyDoNotMatter) {
    EXPECT_EQ(detect_language("LES DOUANES ONT SAISI DES PUCES DANS LE PORT ET ELLES SONT ENVOYÉES À L’ÉTRANGER"),
              "fr");
    EXPECT_EQ(detect_language("THE CUSTOMS OFFICERS SAID THAT THE CHIPS WERE FOUND IN THE LUGGAGE OF A TRAVELLER"),
              "en");
}

TEST(Language, MixedTextGoesToTheDominantLanguage) {
    // A French article quoting one English sentence.
    EXPECT_EQ(detect_language("Selon le ministère, les puces ont été saisies dans le port. « We are cooperating "
                              "with the authorities », a déclaré un porte-parole de la société, qui dément toute "
                              "implication dans le trafic et qui affirme que les contrôles sont respectés."),
              "fr");
}

TEST(Language, OnlyTheStartIsScanned) {
    // A French beginning decides, however much English follows; and it is fast.
    std::string text;
    for (int i = 0; i < 400; ++i) text += "Les douanes ont saisi des puces dans le port de la ville. ";
    std::string tail;
    for (int i = 0; i < 2000000; ++i) tail += "the of and ";
    text += tail;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 100; ++i) EXPECT_EQ(detect_language(text), "fr");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 1.0);  // 100 calls on a 25 MB text: well under 10 ms each
}
