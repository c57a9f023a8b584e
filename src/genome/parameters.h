// Every tunable of the genomic engine in one place, each with what it trades.
//
// These are defaults: the search and statistics functions take their options as arguments, and
// the registry/CLI override them from configuration. Nothing here is tuned to a data set.
// Constants only; safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace abis::genome::params {

// --- Profiles -------------------------------------------------------------------------------

// Largest repeat number accepted for an allele. Real STR alleles stay below 100 repeats, but
// some frequency databases (norSTR) give bp fragment sizes (e.g. 441) for a few markers; a wider
// bound keeps those readable while still refusing obvious garbage such as 123456.
inline constexpr int kMaxAlleleRepeats = 999;

// Alleles one locus may hold in any profile (the CODIS import schema allows 8 per locus).
inline constexpr std::size_t kMaxAllelesPerLocus = 8;

// Single-source profiles carry at most two alleles per locus; a third is accepted only when the
// locus is marked tri-allelic in the profile (a real but rare event, ~1 in 1,000-10,000 per
// locus), so that an undeclared mixture or contamination is refused instead of stored.
inline constexpr std::size_t kMaxSingleSourceAlleles = 2;
inline constexpr std::size_t kMaxTriallelicAlleles = 3;

// Forensic mixtures: NDIS accepts two-person mixtures with up to four alleles per locus. More
// contributors make moderate-stringency searches match almost anything, so the cap is a
// deliberate limit on adventitious hits, not a technical one.
inline constexpr std::size_t kMaxMixtureAlleles = 4;

// Y-STR markers: single-copy markers hold one allele (two tolerated: duplications happen),
// multi-copy markers (DYS385a/b, DYF387S1) up to four.
inline constexpr std::size_t kMaxYSingleCopyAlleles = 2;
inline constexpr std::size_t kMaxYMultiCopyAlleles = 4;

// Minimum autosomal loci for a profile to be accepted into an index. Reference indexes
// (offenders, suspects, staff, relatives, direct references of missing persons) need the 12 loci
// of the European Standard Set that every modern kit types; forensic and remains profiles are
// often partial and need the 8 loci that a search needs anyway. Lower = more partial profiles
// accepted, more adventitious hits.
inline constexpr int kMinLociReferenceIndex = 12;
inline constexpr int kMinLociForensicIndex = 8;

// --- Search ---------------------------------------------------------------------------------

// Loci that must be compared for a candidate to count (CODIS default for NDIS searches: 8).
// Fewer loci = more candidates and more adventitious matches.
inline constexpr int kDefaultMinComparedLoci = 8;

// Loci allowed to disagree at the chosen stringency. 0 is the CODIS default; 1 tolerates a
// typing error or a mutation at the cost of more candidates to review.
inline constexpr int kDefaultMaxMismatches = 0;

// Rows processed together by the indexed search: the per-row counters of one block stay in L1
// while its columns stream from memory. Larger blocks amortise the per-block setup, smaller
// ones keep the working set in L1.
inline constexpr std::size_t kSearchBlockRows = 4096;

// Distinct genotypes one locus column can code in 16 bits (0 = locus absent, 0xFFFF = kept in
// the side table). Genotypes past this go to the side table, which is exact but slower.
inline constexpr std::uint32_t kMaxGenotypeCodesPerLocus = 0xFFFE;

// A search returns at most this many candidates by default; a target that hits more is a
// profile too weak for the database and the caller is told the list was cut.
inline constexpr std::size_t kDefaultMaxSearchResults = 1000;

// --- Statistics ------------------------------------------------------------------------------

// NRC II recommends theta = 0.01 for most populations and 0.03 for small, isolated ones.
inline constexpr double kDefaultTheta = 0.01;

// NRC II minimum allele frequency: an allele seen fewer than 5 times in a database of N persons
// gets 5/2N. Larger = more conservative (smaller likelihood ratios) for rare alleles.
inline constexpr double kMinAlleleCount = 5.0;

// --- Kinship ---------------------------------------------------------------------------------

// Mutation rate per meiosis used when a parent-child pair is inconsistent at a locus. 0 makes
// an inconsistent locus an exclusion (index 0); STR rates are about 1e-3 per locus per meiosis.
inline constexpr double kDefaultMutationRate = 0.0;

// Y-STR haplotypes along a paternal line may differ by a mutation or two (27-marker kits have a
// high combined mutation rate); markers allowed to differ in a paternal-line search.
inline constexpr int kDefaultYMaxDifferences = 1;

// Minimum Y markers compared for a paternal-line candidate.
inline constexpr int kDefaultYMinCompared = 10;

// --- Biological material ---------------------------------------------------------------------

// Storage period of genomic information, from collection (gov.kz: 25 years in most cases).
inline constexpr int kDefaultGenomicStorageYears = 25;

}  // namespace abis::genome::params
