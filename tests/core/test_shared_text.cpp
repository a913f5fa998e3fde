// SharedText: copies share one buffer; it reads, compares and formats like a string.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "chipgraph/core/shared_text.hpp"

using chipgraph::SharedText;

TEST(SharedText, CopiesShareAssignmentsDoNot) {
    SharedText a("supplies");
    SharedText b = a;
    EXPECT_TRUE(a.shares_with(b));
    EXPECT_EQ(a.data(), b.data());
    b = std::string("owns");  // a new buffer: `a` keeps its text
    EXPECT_EQ(a, "supplies");
    EXPECT_EQ(b, "owns");
    EXPECT_FALSE(a.shares_with(b));
    SharedText c(std::string("supplies"));
    EXPECT_EQ(a, c);  // equal texts, separate buffers
    EXPECT_FALSE(a.shares_with(c));
    SharedText moved = std::move(c);
    EXPECT_EQ(moved, "supplies");
}

TEST(SharedText, EmptyText) {
    SharedText e;
    EXPECT_TRUE(e.empty());
    EXPECT_EQ(e.size(), 0u);
    EXPECT_EQ(e, "");
    EXPECT_STREQ(e.c_str(), "");
    EXPECT_TRUE(SharedText("").empty());
    EXPECT_TRUE(SharedText("").shares_with(e));
}

TEST(SharedText, ReadsComparesAndFormatsLikeAString) {
    SharedText date("2024-03-01");
    const std::string& s = date;
    std::string_view v = date;
    EXPECT_EQ(s, "2024-03-01");
    EXPECT_EQ(v.substr(0, 4), "2024");
    EXPECT_LT(date, std::string("2024-04"));
    EXPECT_GT(date, "2024-02-28");
    EXPECT_LT(SharedText("a"), SharedText("b"));
    EXPECT_EQ(std::string("2024-03-01"), date);
    EXPECT_EQ("(" + date + ")", "(2024-03-01)");
    EXPECT_EQ(fmt::format("[{:>12}]", date), "[  2024-03-01]");
    std::ostringstream os;
    os << date;
    EXPECT_EQ(os.str(), "2024-03-01");
    std::map<SharedText, int> ordered{{SharedText("b"), 2}, {SharedText("a"), 1}};
    EXPECT_EQ(ordered.begin()->first, "a");
    std::unordered_set<SharedText> set{SharedText("x"), SharedText("x")};
    EXPECT_EQ(set.size(), 1u);
}

TEST(SharedText, CopiesOnSeveralThreads) {
    SharedText text("shared by every thread");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            std::vector<SharedText> copies(10000, text);
            for (auto& c : copies) EXPECT_TRUE(c.shares_with(text));
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(text, "shared by every thread");
}
