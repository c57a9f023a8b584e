#include "registry/iin.h"

#include <gtest/gtest.h>

namespace abis::registry {
namespace {

// Builds a valid IIN from its first 11 digits (when a check digit exists).
std::string with_check(const std::string& eleven) {
  int c = iin_check_digit(eleven);
  return c < 0 ? "" : eleven + std::to_string(c);
}

TEST(Iin, ValidNumbersDecodeBirthDateAndSex) {
  // Needs the second weight set: the first gives 87 mod 11 = 10; the second 112 mod 11 = 2.
  auto second_set = parse_iin("061211600012");
  ASSERT_TRUE(second_set.is_ok()) << second_set.status().to_string();
  EXPECT_EQ(second_set->birth_date.to_string(), "2006-12-11");
  EXPECT_EQ(second_set->sex, Sex::kFemale);

  std::string man_1985 = with_check("85010230013");  // 1985-01-02, digit 3: 1900s male
  ASSERT_FALSE(man_1985.empty());
  auto info = parse_iin(man_1985);
  ASSERT_TRUE(info.is_ok()) << info.status().to_string();
  EXPECT_EQ(info->birth_date.to_string(), "1985-01-02");
  EXPECT_EQ(info->sex, Sex::kMale);

  auto nineteenth = parse_iin(with_check("99123120001"));  // digit 2: 1800s female
  ASSERT_TRUE(nineteenth.is_ok());
  EXPECT_EQ(nineteenth->birth_date.year(), 1899);
}

TEST(Iin, WrongCheckDigitSaysSoAndGivesTheExpectedOne) {
  auto bad = parse_iin("061211600013");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUnprocessable);
  EXPECT_NE(bad.status().message().find("check digit"), std::string::npos);
  EXPECT_NE(bad.status().message().find("give 2"), std::string::npos);
}

TEST(Iin, EveryWrongLastDigitIsCaught) {
  std::string good = with_check("90050640123");
  ASSERT_TRUE(parse_iin(good).is_ok());
  for (char d = '0'; d <= '9'; ++d) {
    if (d == good.back()) continue;
    std::string wrong = good.substr(0, 11) + d;
    EXPECT_FALSE(parse_iin(wrong).is_ok()) << wrong;
  }
}

TEST(Iin, ImpossibleDatesAreNamedAsTheDate) {
  for (const char* eleven : {"85023030012", "85130130012", "85000130012", "01022950001"}) {
    std::string iin = std::string(eleven) + "0";
    auto r = parse_iin(iin);
    ASSERT_FALSE(r.is_ok()) << iin;
    EXPECT_NE(r.status().message().find("date"), std::string::npos) << r.status().message();
  }
  // 29 February exists in 2000 (century digit 5) but not in 1900 (digit 3).
  EXPECT_TRUE(parse_iin(with_check("00022950001")).is_ok());
  std::string feb29_1900 = with_check("00022930001");
  if (!feb29_1900.empty()) EXPECT_FALSE(parse_iin(feb29_1900).is_ok());
}

TEST(Iin, CenturyDigitMustBeOneToSix) {
  for (char c : {'0', '7', '8', '9'}) {
    std::string iin = std::string("850102") + c + "00120";
    auto r = parse_iin(iin);
    ASSERT_FALSE(r.is_ok());
    EXPECT_NE(r.status().message().find("digit 7"), std::string::npos);
  }
}

TEST(Iin, LengthAndCharacters) {
  EXPECT_NE(parse_iin("12345").status().message().find("12 digits"), std::string::npos);
  EXPECT_NE(parse_iin("0612116000a2").status().message().find("digits only"), std::string::npos);
  EXPECT_FALSE(parse_iin("").is_ok());
}

TEST(Iin, NumbersWithoutACheckDigitAreInvalid) {
  // Search for 11 digits where both weight sets give 10, and check they are refused.
  int found = 0;
  for (int serial = 0; serial < 10000 && found < 3; ++serial) {
    char buf[12];
    std::snprintf(buf, sizeof buf, "8501023%04d", serial);
    if (iin_check_digit(buf) < 0) {
      ++found;
      for (char d = '0'; d <= '9'; ++d) {
        auto r = parse_iin(std::string(buf) + d);
        ASSERT_FALSE(r.is_ok());
        EXPECT_NE(r.status().message().find("no check digit"), std::string::npos);
      }
    }
  }
  EXPECT_GT(found, 0);
}

}  // namespace
}  // namespace abis::registry
