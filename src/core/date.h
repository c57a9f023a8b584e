// Date: a civil calendar date (proleptic Gregorian), without time or zone. Used for birth dates,
// deadlines in working days and retention periods. A plain value.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace abis::core {

class Date {
 public:
  Date() = default;  // 1970-01-01
  // Precondition: a valid date (use make() for unchecked input).
  Date(int year, int month, int day);

  // Checks the ranges (year 1800..9999, real month lengths and leap years).
  static Result<Date> make(int year, int month, int day);
  // "YYYY-MM-DD" exactly.
  static Result<Date> parse(std::string_view iso);
  static Date from_days(std::int64_t days_since_epoch);

  int year() const;
  int month() const;
  int day() const;
  // 1 = Monday .. 7 = Sunday (ISO 8601).
  int iso_weekday() const;
  std::int64_t days_since_epoch() const { return days_; }
  Date plus_days(std::int64_t n) const { return from_days(days_ + n); }
  // Same month and day n years later; 29 February becomes 28 February in a common year.
  Date plus_years(int n) const;
  std::string to_string() const;  // "YYYY-MM-DD"

  auto operator<=>(const Date&) const = default;

 private:
  std::int64_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace abis::core
