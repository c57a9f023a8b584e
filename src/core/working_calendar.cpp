#include "core/working_calendar.h"

#include <sstream>

#include "core/file_io.h"

namespace abis::core {
namespace {

Result<std::pair<int, int>> parse_month_day(std::string_view s) {
  if (s.size() != 5 || s[2] != '-') return invalid_argument("expected MM-DD, got '" + std::string(s) + "'");
  auto ok = [](char c) { return c >= '0' && c <= '9'; };
  if (!ok(s[0]) || !ok(s[1]) || !ok(s[3]) || !ok(s[4])) {
    return invalid_argument("expected MM-DD, got '" + std::string(s) + "'");
  }
  int m = (s[0] - '0') * 10 + (s[1] - '0');
  int d = (s[3] - '0') * 10 + (s[4] - '0');
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(2000, m)) {
    return invalid_argument("'" + std::string(s) + "' is not a day of the year");
  }
  return std::pair{m, d};
}

}  // namespace

Result<WorkingCalendar> WorkingCalendar::parse(std::string_view text) {
  WorkingCalendar cal;
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string keyword, when;
    if (!(words >> keyword)) continue;
    auto where = [&](const Status& s) { return s.with_context("calendar line " + std::to_string(line_no)); };
    std::string name;
    std::getline(words >> std::ws, name);
    // The name is what follows the date; split it off.
    std::istringstream rest(name);
    rest >> when;
    std::getline(rest >> std::ws, name);
    if (keyword == "weekend") {
      cal.weekend_.clear();
      static const char* kDays[] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
      std::istringstream days(when + " " + name);
      std::string day;
      while (days >> day) {
        int found = 0;
        for (int i = 0; i < 7; ++i) if (day == kDays[i]) found = i + 1;
        if (!found) return where(invalid_argument("unknown weekday '" + day + "' (use MON..SUN)"));
        cal.weekend_.insert(found);
      }
    } else if (keyword == "year") {
      int year = 0;
      try {
        year = std::stoi(when);
      } catch (...) {
        return where(invalid_argument("'" + when + "' is not a year"));
      }
      if (year < 1900 || year > 9999) return where(invalid_argument("year out of range"));
      cal.complete_years_.insert(year);
    } else if (keyword == "holiday" || keyword == "fixed") {
      auto md = parse_month_day(when);
      if (!md.is_ok()) return where(md.status());
      if (name.empty()) return where(invalid_argument("a holiday needs a name"));
      auto& target = keyword == "holiday" ? cal.moving_holidays_ : cal.fixed_days_off_;
      target[{md->first, md->second}] = name;
    } else if (keyword == "dayoff" || keyword == "workday") {
      auto date = Date::parse(when);
      if (!date.is_ok()) return where(date.status());
      if (name.empty()) return where(invalid_argument("say why (a name or the decree)"));
      auto& target = keyword == "dayoff" ? cal.extra_days_off_ : cal.extra_working_days_;
      target[*date] = name;
    } else {
      return where(invalid_argument("unknown keyword '" + keyword +
                                    "' (expected weekend, year, holiday, fixed, dayoff, workday)"));
    }
  }
  if (cal.moving_holidays_.empty() && cal.fixed_days_off_.empty()) {
    return invalid_argument("calendar has no holidays at all; is this the right file?");
  }
  for (int year : cal.complete_years_) cal.years_[year] = cal.compute_year(year);
  return cal;
}

Result<WorkingCalendar> WorkingCalendar::load(const std::filesystem::path& path) {
  ABIS_ASSIGN_OR_RETURN(std::string text, read_text_file(path, 1 << 20));
  auto cal = parse(text);
  if (!cal.is_ok()) return cal.status().with_context(path.string());
  return cal;
}

std::map<Date, std::string> WorkingCalendar::compute_year(int year) const {
  std::map<Date, std::string> off;
  auto is_weekend = [&](Date d) { return weekend_.count(d.iso_weekday()) > 0; };
  // Holidays themselves, in date order, then moved days for those on a weekend.
  std::map<Date, std::string> holidays;
  for (const auto& [md, name] : moving_holidays_) holidays[Date(year, md.month, md.day)] = name;
  for (const auto& [md, name] : fixed_days_off_) off[Date(year, md.month, md.day)] = name;
  for (const auto& [date, name] : holidays) off[date] = name;
  for (const auto& [date, name] : extra_days_off_) {
    if (date.year() == year) off[date] = name;
  }
  for (const auto& [date, name] : holidays) {
    if (!is_weekend(date)) continue;
    Date next = date.plus_days(1);
    while (is_weekend(next) || off.count(next)) next = next.plus_days(1);
    off[next] = name + " (moved from " + date.to_string() + ")";
  }
  // Transfers that make a weekend day a working day win over everything else.
  for (const auto& [date, name] : extra_working_days_) {
    if (date.year() == year) off.erase(date);
  }
  return off;
}

const std::map<Date, std::string>& WorkingCalendar::days_off_in(int year) const {
  auto it = years_.find(year);
  if (it != years_.end()) return it->second;
  // Not a declared year: compute each time into thread-local storage (rare: dates outside the
  // years the operator has entered).
  thread_local std::map<int, std::map<Date, std::string>> scratch;
  auto& slot = scratch[year];
  if (slot.empty()) slot = compute_year(year);
  return slot;
}

bool WorkingCalendar::is_working_day(Date date) const {
  if (extra_working_days_.count(date)) return true;
  if (weekend_.count(date.iso_weekday())) return false;
  return days_off_in(date.year()).count(date) == 0;
}

std::string WorkingCalendar::day_off_reason(Date date) const {
  if (is_working_day(date)) return {};
  const auto& off = days_off_in(date.year());
  auto it = off.find(date);
  if (it != off.end()) return it->second;
  return "weekend";
}

Date WorkingCalendar::add_working_days(Date from, int n) const {
  Date d = from;
  if (n <= 0) {
    while (!is_working_day(d)) d = d.plus_days(1);
    return d;
  }
  while (n > 0) {
    d = d.plus_days(1);
    if (is_working_day(d)) --n;
  }
  return d;
}

int WorkingCalendar::working_days_between(Date from, Date to) const {
  int count = 0;
  for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1)) count += is_working_day(d);
  return count;
}

}  // namespace abis::core
