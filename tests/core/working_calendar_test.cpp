#include "core/working_calendar.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace abis::core {
namespace {

WorkingCalendar shipped() {
  auto cal = WorkingCalendar::load(abis::testing::source_dir() / "data/calendar/kazakhstan.calendar");
  EXPECT_TRUE(cal.is_ok()) << cal.status().to_string();
  return *cal;
}

Date d(const char* s) { return *Date::parse(s); }

TEST(WorkingCalendar, FiveWorkingDaysAcrossTheMarchHolidays2026) {
  auto cal = shipped();
  // 8 March 2026 is a Sunday: the day off moves to Monday 9 March. Nauryz 21-23 March: 21 and 22
  // are Saturday and Sunday, so 24 and 25 are days off too.
  EXPECT_FALSE(cal.is_working_day(d("2026-03-09")));
  for (const char* off : {"2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25"}) {
    EXPECT_FALSE(cal.is_working_day(d(off))) << off;
  }
  // An application on Thursday 19 March: Fri 20, Thu 26, Fri 27, Mon 30, Tue 31.
  EXPECT_EQ(cal.add_working_days(d("2026-03-19"), 5).to_string(), "2026-03-31");
  EXPECT_EQ(cal.working_days_between(d("2026-03-19"), d("2026-03-31")), 5);
}

TEST(WorkingCalendar, FiveWorkingDaysAcrossTheMarchHolidays2025) {
  auto cal = shipped();
  // 2025: 8 March is a Saturday -> Monday 10 March off; Nauryz 21 (Fri), 22-23 (weekend) -> 24, 25.
  EXPECT_FALSE(cal.is_working_day(d("2025-03-10")));
  EXPECT_FALSE(cal.is_working_day(d("2025-03-24")));
  EXPECT_FALSE(cal.is_working_day(d("2025-03-25")));
  EXPECT_TRUE(cal.is_working_day(d("2025-03-26")));
  // From Wed 19 March: Thu 20, Wed 26, Thu 27, Fri 28, Mon 31.
  EXPECT_EQ(cal.add_working_days(d("2025-03-19"), 5).to_string(), "2025-03-31");
}

TEST(WorkingCalendar, TransfersAndFixedDaysOff) {
  auto cal = shipped();
  EXPECT_FALSE(cal.is_working_day(d("2025-01-03")));  // transferred from Sunday 5 January
  EXPECT_TRUE(cal.is_working_day(d("2025-01-05")));   // that Sunday became a working day
  EXPECT_FALSE(cal.is_working_day(d("2025-01-07")));  // Orthodox Christmas
  EXPECT_FALSE(cal.is_working_day(d("2025-06-06")));  // Kurban Ait
  EXPECT_FALSE(cal.is_working_day(d("2026-05-27")));
  EXPECT_FALSE(cal.is_working_day(d("2026-05-11")));  // Victory Day, Sat 9 May, moved
  EXPECT_FALSE(cal.is_working_day(d("2026-08-31")));  // Constitution Day, Sun 30 Aug, moved
  EXPECT_FALSE(cal.is_working_day(d("2026-10-26")));  // Republic Day, Sun 25 Oct, moved
  EXPECT_FALSE(cal.is_working_day(d("2025-10-27")));  // Republic Day, Sat 25 Oct 2025, moved
  EXPECT_TRUE(cal.is_working_day(d("2026-12-15")));
  EXPECT_FALSE(cal.is_working_day(d("2026-12-16")));
  EXPECT_NE(cal.day_off_reason(d("2026-03-24")).find("moved from 2026-03-2"), std::string::npos);
  EXPECT_TRUE(cal.covers_year(2026));
  EXPECT_FALSE(cal.covers_year(2030));
}

TEST(WorkingCalendar, YearTotalsMatchThePublishedCalendar) {
  // Published production calendar for 2026 (five-day week): 246 working days.
  auto cal = shipped();
  EXPECT_EQ(cal.working_days_between(d("2025-12-31"), d("2026-12-31")), 246);
}

TEST(WorkingCalendar, RefusesBrokenFilesWithTheLineNumber) {
  auto bad = WorkingCalendar::parse("holiday 01-01 New Year\nholidy 03-08 Typo\n");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(WorkingCalendar::parse("holiday 02-30 Nope\n").is_ok());
  EXPECT_FALSE(WorkingCalendar::parse("dayoff 2025-02-29 Nope\n").is_ok());
  EXPECT_FALSE(WorkingCalendar::parse("").is_ok());
}

TEST(WorkingCalendar, ZeroDaysLandsOnAWorkingDay) {
  auto cal = shipped();
  EXPECT_EQ(cal.add_working_days(d("2026-03-21"), 0).to_string(), "2026-03-26");
  EXPECT_EQ(cal.add_working_days(d("2026-03-26"), 0).to_string(), "2026-03-26");
}

}  // namespace
}  // namespace abis::core
