// WorkingCalendar: which days are working days in Kazakhstan, for deadlines such as "within five
// working days" (Rules clauses 140 and 143).
//
// The calendar is data, not code (docs/formats/calendar.md): recurring public holidays, which move
// to the next working day when they fall on a weekend (Labour Code art. 85); recurring days off that
// never move (7 January, Orthodox Christmas); one-year days off (the first day of Kurban Ait, whose
// date follows the lunar calendar) and the yearly transfers the Government announces, which may also
// turn a Saturday or Sunday into a working day. The operator updates the file each year; `year`
// lines state which years it is complete for.
// Immutable after loading: safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace abis::core {

class WorkingCalendar {
 public:
  static Result<WorkingCalendar> parse(std::string_view text);
  static Result<WorkingCalendar> load(const std::filesystem::path& path);

  bool is_working_day(Date date) const;
  // Why a day is not a working day ("Nauryz meyramy", "weekend", "moved from 2026-03-21 ..."),
  // empty for a working day.
  std::string day_off_reason(Date date) const;

  // The date n working days after `from` (n >= 0); `from` itself is not counted. With n == 0 the
  // result is `from` if it is a working day, else the next working day.
  Date add_working_days(Date from, int n) const;
  // Working days in (from, to].
  int working_days_between(Date from, Date to) const;

  // True when the file declares the year complete (its lunar holidays and transfers entered).
  // Dates in other years are still computed, from the recurring rules alone.
  bool covers_year(int year) const { return complete_years_.count(year) > 0; }
  const std::set<int>& complete_years() const { return complete_years_; }

 private:
  struct MonthDay {
    int month;
    int day;
    auto operator<=>(const MonthDay&) const = default;
  };
  // Days off of one year, computed on first use from the rules.
  const std::map<Date, std::string>& days_off_in(int year) const;
  std::map<Date, std::string> compute_year(int year) const;

  std::map<MonthDay, std::string> moving_holidays_;
  std::map<MonthDay, std::string> fixed_days_off_;
  std::map<Date, std::string> extra_days_off_;
  std::map<Date, std::string> extra_working_days_;
  std::set<int> weekend_ = {6, 7};
  std::set<int> complete_years_;
  // Cache of computed years. Filled eagerly for the declared years by parse(); others are
  // computed on demand without caching, so the object stays immutable and thread-safe.
  std::map<int, std::map<Date, std::string>> years_;
};

}  // namespace abis::core
