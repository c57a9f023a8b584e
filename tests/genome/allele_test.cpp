#include <gtest/gtest.h>

#include "genome/allele.h"

namespace abis::genome {
namespace {

TEST(Allele, ParsesLadderAllelesExactly) {
  auto a = Allele::parse("9.3");
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(a->repeats(), 9);
  EXPECT_EQ(a->fraction(), 3);
  EXPECT_EQ(a->kind(), AlleleKind::kSized);
  EXPECT_EQ(a->to_string(), "9.3");
  EXPECT_EQ(Allele::parse(" 12 ")->to_string(), "12");
  EXPECT_EQ(Allele::parse("9.0")->to_string(), "9");  // stated: 9.0 is read as 9
  EXPECT_EQ(*Allele::parse("9.0"), Allele(9));
}

TEST(Allele, ParsesOffLadderDesignations) {
  EXPECT_EQ(Allele::parse("<8")->kind(), AlleleKind::kBelow);
  EXPECT_EQ(Allele::parse("<8")->repeats(), 8);
  EXPECT_EQ(Allele::parse(">27")->kind(), AlleleKind::kAbove);
  EXPECT_EQ(Allele::parse(">27")->to_string(), ">27");
  EXPECT_EQ(Allele::parse("OL")->kind(), AlleleKind::kOffLadder);
  EXPECT_EQ(Allele::parse("ol")->to_string(), "OL");
}

TEST(Allele, RefusesMalformedText) {
  for (const char* bad : {"9.3.1", "abc", "-1", "-9.3", "9.", ".3", "9.12", "", " ", "+9", "1e3",
                          "10000", "<", ">9.3", "9,3", "0x10", "OLL"}) {
    auto a = Allele::parse(bad);
    EXPECT_FALSE(a.is_ok()) << bad;
    if (!a.is_ok()) {
      EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(a.status().message().find("malformed allele"), std::string::npos);
    }
  }
  EXPECT_NE(Allele::parse("9.3.1").status().message().find("'9.3.1'"), std::string::npos);
  EXPECT_NE(Allele::parse("-1").status().message().find("negative"), std::string::npos);
}

TEST(Allele, LadderOrder) {
  // <8 < 8 < 8.1 < 8.3 < >8 < 9 < OL
  std::vector<Allele> order = {*Allele::parse("<8"), *Allele::parse("8"), *Allele::parse("8.1"),
                               *Allele::parse("8.3"), *Allele::parse(">8"), *Allele::parse("9"),
                               *Allele::parse("OL")};
  for (std::size_t i = 0; i + 1 < order.size(); ++i) {
    EXPECT_LT(order[i], order[i + 1]) << order[i].to_string() << " vs " << order[i + 1].to_string();
    EXPECT_NE(order[i].packed(), order[i + 1].packed());
  }
}

TEST(Allele, RoundTripsEveryDesignation) {
  for (int r = 0; r <= 999; r += 7)
    for (int f = 0; f <= 9; ++f) {
      Allele a(r, f);
      EXPECT_EQ(*Allele::parse(a.to_string()), a);
    }
}

}  // namespace
}  // namespace abis::genome
