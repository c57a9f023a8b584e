#include "core/date.h"

#include <gtest/gtest.h>

namespace abis::core {
namespace {

TEST(Date, ParsesAndFormatsIso) {
  auto d = Date::parse("2026-03-21");
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 21);
  EXPECT_EQ(d->iso_weekday(), 6);  // Saturday
  EXPECT_EQ(d->to_string(), "2026-03-21");
}

TEST(Date, RefusesImpossibleDates) {
  EXPECT_FALSE(Date::parse("2025-02-29").is_ok());
  EXPECT_TRUE(Date::parse("2024-02-29").is_ok());
  EXPECT_FALSE(Date::parse("2025-13-01").is_ok());
  EXPECT_FALSE(Date::parse("2025-1-01").is_ok());
  EXPECT_FALSE(Date::parse("20x5-01-01").is_ok());
  EXPECT_FALSE(Date::parse("").is_ok());
}

TEST(Date, ArithmeticRoundTripsOverCenturies) {
  for (std::int64_t days = -60000; days < 60000; days += 37) {
    Date d = Date::from_days(days);
    auto back = Date::make(d.year(), d.month(), d.day());
    ASSERT_TRUE(back.is_ok());
    EXPECT_EQ(back->days_since_epoch(), days);
  }
  EXPECT_EQ(Date(2024, 2, 29).plus_years(25).to_string(), "2049-02-28");
  EXPECT_EQ(Date(2000, 1, 1).iso_weekday(), 6);
}

}  // namespace
}  // namespace abis::core
