#include "registry/iin.h"

namespace abis::registry {

int iin_check_digit(std::string_view d) {
  static constexpr int kFirst[11] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  static constexpr int kSecond[11] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  if (d.size() < 11) return -1;
  int sum = 0;
  for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * kFirst[i];
  int check = sum % 11;
  if (check != 10) return check;
  sum = 0;
  for (int i = 0; i < 11; ++i) sum += (d[i] - '0') * kSecond[i];
  check = sum % 11;
  return check == 10 ? -1 : check;
}

Result<IinInfo> parse_iin(std::string_view iin) {
  if (iin.size() != 12) {
    return unprocessable("IIN must have exactly 12 digits, this one has " + std::to_string(iin.size()) +
                         " characters");
  }
  for (std::size_t i = 0; i < iin.size(); ++i) {
    if (iin[i] < '0' || iin[i] > '9') {
      return unprocessable("IIN must contain digits only; character " + std::to_string(i + 1) + " is not a digit");
    }
  }
  int century_digit = iin[6] - '0';
  if (century_digit < 1 || century_digit > 6) {
    return unprocessable("IIN digit 7 (century and sex) is " + std::to_string(century_digit) +
                         "; it must be 1 to 6");
  }
  int century = 1800 + 100 * ((century_digit - 1) / 2);
  int yy = (iin[0] - '0') * 10 + (iin[1] - '0');
  int mm = (iin[2] - '0') * 10 + (iin[3] - '0');
  int dd = (iin[4] - '0') * 10 + (iin[5] - '0');
  auto date = core::Date::make(century + yy, mm, dd);
  if (!date.is_ok()) {
    return unprocessable("IIN digits 1-6 (birth date YYMMDD) are not a real date: " + date.status().message());
  }
  int expected = iin_check_digit(iin.substr(0, 11));
  if (expected < 0) {
    return unprocessable("IIN is invalid: no check digit exists for its first 11 digits (both weight sets give 10)");
  }
  int given = iin[11] - '0';
  if (given != expected) {
    return unprocessable("IIN check digit is wrong: the last digit is " + std::to_string(given) +
                         " but the first 11 digits give " + std::to_string(expected));
  }
  return IinInfo{*date, century_digit % 2 == 1 ? Sex::kMale : Sex::kFemale};
}

}  // namespace abis::registry
