// Small text helpers shared by the genomic parsers. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace abis::genome {

// Without leading blanks and tabs, and without trailing blanks, tabs and carriage returns.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). Labels
// that reach JSON output must be: a JSON writer cannot print anything else.
inline bool is_valid_utf8(std::string_view s) {
  static constexpr std::uint32_t kMinOfLength[] = {0, 0x80, 0x800, 0x10000};
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<std::uint8_t>(s[i]);
    std::size_t more;  // continuation bytes after the lead byte
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead >> 5) == 0x6) {
      more = 1;
    } else if ((lead >> 4) == 0xE) {
      more = 2;
    } else if ((lead >> 3) == 0x1E) {
      more = 3;
    } else {
      return false;
    }
    if (s.size() - i <= more) return false;  // truncated sequence
    std::uint32_t cp = lead & (0x3Fu >> more);
    for (std::size_t k = 1; k <= more; ++k) {
      const auto next = static_cast<std::uint8_t>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3Fu);
    }
    if (cp < kMinOfLength[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += more + 1;
  }
  return true;
}

}  // namespace abis::genome
