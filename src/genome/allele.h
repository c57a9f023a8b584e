// Allele: one STR allele designation kept exactly as the laboratory reports it.
//
// An allele is a whole number of repeats plus a fraction of extra bases (9.3 = nine repeats and
// three bases), stored as two integers and never as floating point, so 9.3 and 9.30000001 can
// never meet. Off-ladder values keep their meaning: "<8" (below the ladder's smallest allele 8),
// ">27" (above 27) and "OL" (off-ladder, not sized). Amelogenin and the Y indel are not alleles
// of this kind and are kept elsewhere (profile.h). A plain value; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace abis::genome {

enum class AlleleKind : std::uint8_t {
  kSized = 0,   // N or N.F
  kBelow = 1,   // <N: shorter than ladder allele N
  kAbove = 2,   // >N: longer than ladder allele N
  kOffLadder = 3,  // OL: outside the ladder, not sized
};

class Allele {
 public:
  constexpr Allele() = default;
  constexpr Allele(int repeats, int fraction = 0, AlleleKind kind = AlleleKind::kSized)
      : repeats_(static_cast<std::uint16_t>(repeats)),
        fraction_(static_cast<std::uint8_t>(fraction)),
        kind_(kind) {}
  static constexpr Allele off_ladder() { return Allele(0, 0, AlleleKind::kOffLadder); }

  // Accepts "12", "9.3", "<8", ">27", "OL" (any case), with surrounding spaces. "9.0" is read as
  // 9. Refuses "9.3.1", "abc", "-1", "9.", ".3", "9.12" (one fraction digit only) and repeats
  // above params::kMaxAlleleRepeats, with a message naming the text.
  static Result<Allele> parse(std::string_view text);

  int repeats() const { return repeats_; }
  int fraction() const { return fraction_; }
  AlleleKind kind() const { return kind_; }
  bool is_sized() const { return kind_ == AlleleKind::kSized; }

  // Canonical text: "12", "9.3", "<8", ">27", "OL". parse(to_string()) == *this.
  std::string to_string() const;

  // Packs the allele into 32 bits, one-to-one and order-preserving (see operator<=>): a hash
  // key and a sort key.
  std::uint32_t packed() const;

  // Ladder order: <N sorts before N, >N after every N.F and before N+1, OL last. Equality is
  // exact identity of the designation ("<8" equals "<8" only, never "7").
  friend bool operator==(const Allele& a, const Allele& b) {
    return a.repeats_ == b.repeats_ && a.fraction_ == b.fraction_ && a.kind_ == b.kind_;
  }
  friend std::strong_ordering operator<=>(const Allele& a, const Allele& b) {
    return a.packed() <=> b.packed();
  }

 private:
  std::uint16_t repeats_ = 0;
  std::uint8_t fraction_ = 0;
  AlleleKind kind_ = AlleleKind::kSized;
};

}  // namespace abis::genome
