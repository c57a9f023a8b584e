#include "core/date.h"

#include <cstdio>

namespace abis::core {
namespace {

// Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  int y;
  int m;
  int d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date::Date(int year, int month, int day)
    : days_(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) {}

Result<Date> Date::make(int year, int month, int day) {
  if (year < 1800 || year > 9999) return invalid_argument("year " + std::to_string(year) + " is out of range");
  if (month < 1 || month > 12) return invalid_argument("month " + std::to_string(month) + " does not exist");
  if (day < 1 || day > days_in_month(year, month)) {
    return invalid_argument("day " + std::to_string(day) + " does not exist in " +
                            std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                            std::to_string(month));
  }
  return Date(year, month, day);
}

Result<Date> Date::parse(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
    return invalid_argument("date '" + std::string(s) + "' is not in the form YYYY-MM-DD");
  }
  int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) {
    return invalid_argument("date '" + std::string(s) + "' is not in the form YYYY-MM-DD");
  }
  return make(y, m, d);
}

Date Date::from_days(std::int64_t days) {
  Date date;
  date.days_ = days;
  return date;
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  std::int64_t w = (days_ + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

Date Date::plus_years(int n) const {
  Civil c = civil_from_days(days_);
  int y = c.y + n;
  int d = c.d;
  if (c.m == 2 && d == 29 && !is_leap_year(y)) d = 28;
  return Date(y, c.m, d);
}

std::string Date::to_string() const {
  Civil c = civil_from_days(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

}  // namespace abis::core
