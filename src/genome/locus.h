// Loci: the table of STR markers the system knows, by canonical name, with their aliases folded.
//
// Laboratories, kits and frequency databases spell the same locus differently (vWA/VWA,
// Penta D/PENTA_D/PentaD, TH01/THO1, AMEL/Amelogenin, DYS385a/b/DYS385). find_locus() folds case
// and the separators ' ', '_', '-', '.', '/' and then looks the name up among names and aliases;
// a name that is not in the table is an error, never a new locus made up on the fly.
// The table is constant data; every function here is thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace abis::genome {

// Index into the locus table. Stable within one build; persisted data use the canonical name.
using LocusId = std::uint8_t;

enum class LocusKind : std::uint8_t {
  kAutosomal,    // autosomal STR: searched, used in statistics and kinship
  kAmelogenin,   // sex marker, alleles X and Y
  kYSingleCopy,  // Y-STR with one copy (DYS19, DYS391, ...)
  kYMultiCopy,   // Y-STR with several copies typed together (DYS385a/b, DYF387S1)
  kYIndel,       // the Y insertion/deletion marker of GlobalFiler and VeriFiler (values 1, 2)
};

struct LocusInfo {
  std::string_view name;          // canonical spelling, used in output and storage
  LocusKind kind;
  // Repeat unit in bases (4 for tetranucleotide STRs); the fraction of an allele must be smaller.
  // 0 = not checked (markers reported as fragment sizes, or whose unit we do not vouch for).
  int repeat_unit;
  bool codis_core;                // one of the 20 CODIS core loci (2017)
};

std::span<const LocusInfo> all_loci();
const LocusInfo& locus_info(LocusId id);
inline std::string_view locus_name(LocusId id) { return locus_info(id).name; }

// The locus named `name` (any known spelling), or invalid_argument naming it.
Result<LocusId> find_locus(std::string_view name);
// Same lookup without the error message, for hot paths and probing.
std::optional<LocusId> lookup_locus(std::string_view name);

// Upper-case name with ' ', '_', '-', '.', '/' removed: the key aliases are compared on.
std::string fold_locus_name(std::string_view name);

inline bool is_y_marker(LocusKind kind) {
  return kind == LocusKind::kYSingleCopy || kind == LocusKind::kYMultiCopy ||
         kind == LocusKind::kYIndel;
}

}  // namespace abis::genome
