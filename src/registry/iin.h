// IIN: the 12-digit individual identification number of Kazakhstan (REQUIREMENTS.md section 2).
//
//   digits 1-6   birth date YYMMDD
//   digit 7      century and sex: 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even female
//   digits 8-11  serial number
//   digit 12     check digit: sum of digits 1-11 times weights 1..11, mod 11; when that is 10, the
//                weights 3,4,5,6,7,8,9,10,11,1,2 instead; when that is 10 again the number is invalid.
// BIN (organisations) uses the same check digit; foreigners may have no IIN at all.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace abis::registry {

enum class Sex { kUnknown, kMale, kFemale };

struct IinInfo {
  core::Date birth_date;
  Sex sex = Sex::kUnknown;
};

// Validates an IIN and decodes its birth date and sex. The error says which part is wrong:
// the length or characters, the century digit, the date, or the check digit (with the expected one).
Result<IinInfo> parse_iin(std::string_view iin);

// The check digit for the first 11 digits, or -1 when neither weight set gives one.
int iin_check_digit(std::string_view first_eleven_digits);

}  // namespace abis::registry
