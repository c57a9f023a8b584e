// Profile: one DNA profile (autosomal STR genotypes, amelogenin, Y-STR haplotype) with the
// labels that say where it belongs (index category, kit, relationship for relatives).
//
// Profiles are built through ProfileBuilder, which folds locus aliases, parses allele
// designations exactly and refuses what cannot be a genotype; validate_for_index() then checks
// the rules of the index the profile is registered in (alleles per locus, minimum loci).
// A Profile is a plain value; thread-safe for concurrent reads.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/categories.h"
#include "genome/genotype.h"
#include "genome/locus.h"

namespace abis::genome {

struct LocusGenotype {
  LocusId locus = 0;
  Genotype genotype;
  // The laboratory confirmed a third allele at this locus of a single-source profile.
  bool triallelic = false;
};

struct Amelogenin {
  bool typed = false;
  bool x = false;
  bool y = false;
  // "X", "X,Y", "Y" or "" when not typed.
  std::string to_string() const;
};

struct Profile {
  std::string id;
  std::optional<IndexCategory> category;
  std::optional<Relationship> relationship;  // relatives of missing persons only
  std::string kit;                           // canonical kit name, "" when not stated
  std::string population;                    // population label, "" when not stated
  std::vector<LocusGenotype> loci;           // autosomal STRs, ordered by LocusId, unique
  Amelogenin amelogenin;
  std::vector<LocusGenotype> ystr;  // Y-STR haplotype (and the Y indel), ordered by LocusId

  // The genotype at an autosomal or Y locus, or nullptr.
  const LocusGenotype* find(LocusId locus) const;
  const Genotype* genotype(LocusId locus) const {
    const LocusGenotype* lg = find(locus);
    return lg ? &lg->genotype : nullptr;
  }
};

// Builds a Profile from locus names and allele texts, as they come from files.
class ProfileBuilder {
 public:
  explicit ProfileBuilder(std::string id = "") { profile_.id = std::move(id); }

  // Adds one locus. `locus_name` in any known spelling; alleles as text ("9.3", "<8", "OL",
  // "X", "Y"); empty texts are skipped; a locus with no alleles left is not added. Errors name
  // the locus and the allele.
  Status add_locus(std::string_view locus_name, std::span<const std::string> allele_texts);
  // Marks a locus as tri-allelic (may come before or after add_locus).
  Status mark_triallelic(std::string_view locus_name);

  Profile& profile() { return profile_; }
  // The finished profile; checks tri-allelic marks refer to typed loci.
  Result<Profile> build() &&;

 private:
  Profile profile_;
  std::vector<LocusId> triallelic_;
  std::vector<LocusId> seen_;
};

// Parses one allele for a locus: checks the fraction against the locus' repeat unit.
Result<Allele> parse_allele_for_locus(LocusId locus, std::string_view text);

// Checks the rules of `category`: alleles per locus (2 for single-source profiles, 3 on a locus
// marked tri-allelic, params::kMaxMixtureAlleles for mixtures), Y marker copy counts, and the
// minimum number of autosomal loci for the index, and that a stated kit types every locus.
// The message names the locus and the rule.
Status validate_for_index(const Profile& profile, IndexCategory category);

// The number of alleles a locus of a profile in `category` may hold.
std::size_t max_alleles(IndexCategory category, LocusKind kind, bool triallelic);

}  // namespace abis::genome
