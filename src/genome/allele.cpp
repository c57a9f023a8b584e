#include "genome/allele.h"

#include <charconv>

#include "genome/parameters.h"
#include "genome/text.h"

namespace abis::genome {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Status malformed(std::string_view text, std::string_view why) {
  return invalid_argument("malformed allele '" + std::string(text) + "': " + std::string(why) +
                          " (expected N or N.F with one fraction digit, <N, >N or OL)");
}

// Parses "N" or "N.F" into repeats and fraction.
Status parse_sized(std::string_view original, std::string_view s, int& repeats, int& fraction) {
  if (!s.empty() && s.front() == '-') return malformed(original, "negative");
  if (!s.empty() && s.front() == '+') return malformed(original, "sign not allowed");
  std::size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (!all_digits(whole)) return malformed(original, "the repeat number is not a whole number");
  if (dot != std::string_view::npos) {
    if (frac.find('.') != std::string_view::npos) return malformed(original, "more than one '.'");
    if (!all_digits(frac)) return malformed(original, "the fraction is not a digit");
    if (frac.size() != 1) return malformed(original, "the fraction must be one digit");
  }
  if (whole.size() > 4) return malformed(original, "repeat number too large");
  int value = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), value);
  if (value > params::kMaxAlleleRepeats)
    return malformed(original, "repeat number above " + std::to_string(params::kMaxAlleleRepeats));
  repeats = value;
  fraction = frac.empty() ? 0 : frac[0] - '0';
  return Status::ok();
}

}  // namespace

Result<Allele> Allele::parse(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return malformed(text, "empty");
  if (s.size() == 2 && (s[0] == 'O' || s[0] == 'o') && (s[1] == 'L' || s[1] == 'l'))
    return Allele::off_ladder();
  AlleleKind kind = AlleleKind::kSized;
  if (s.front() == '<' || s.front() == '>') {
    kind = s.front() == '<' ? AlleleKind::kBelow : AlleleKind::kAbove;
    s.remove_prefix(1);
    s = trim(s);
    if (s.find('.') != std::string_view::npos)
      return malformed(text, "an off-ladder bound must be a ladder allele without fraction");
  }
  int repeats = 0, fraction = 0;
  ABIS_RETURN_IF_ERROR(parse_sized(text, s, repeats, fraction));
  return Allele(repeats, fraction, kind);
}

std::uint32_t Allele::packed() const {
  // repeats in bits 8..23; the low byte orders <N (0), N.F (1+F) and >N (0xFE) within N.
  switch (kind_) {
    case AlleleKind::kOffLadder: return 0xFFFFFFu;
    case AlleleKind::kBelow: return std::uint32_t(repeats_) << 8;
    case AlleleKind::kAbove: return (std::uint32_t(repeats_) << 8) | 0xFEu;
    case AlleleKind::kSized: break;
  }
  return (std::uint32_t(repeats_) << 8) | (1u + fraction_);
}

std::string Allele::to_string() const {
  if (kind_ == AlleleKind::kOffLadder) return "OL";
  std::string out;
  if (kind_ == AlleleKind::kBelow) out = '<';
  if (kind_ == AlleleKind::kAbove) out = '>';
  out += std::to_string(repeats_);
  if (kind_ != AlleleKind::kSized) return out;
  if (fraction_ != 0) {
    out += '.';
    out += char('0' + fraction_);
  }
  return out;
}

}  // namespace abis::genome
