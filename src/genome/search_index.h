// SearchIndex: the in-memory DNA database search structure, columnar and compact.
//
// Layout. Rows are profiles in insertion order. Per row: the caller's 64-bit key and a one-byte
// index category (0 = removed). Per autosomal locus that any stored profile has, one column of
// 16-bit genotype codes: 0 = locus not typed, 1..n = an entry of that locus' genotype dictionary
// (the distinct allele sets seen at the locus, shared by all rows), 0xFFFF = a genotype kept in a
// per-locus side table (only when a locus has more distinct genotypes than 16 bits can code).
// A 20-locus profile thus costs 8 + 1 + 20 * 2 = 49 bytes.
//
// Search. The target's genotype at each locus is classified once against every dictionary entry
// (match.h), giving a small table code -> agree / disagree / not compared. Rows are scanned in
// blocks: the most selective locus first over every row of the requested indexes, then each
// further locus only over the rows still able to match (mismatches <= allowed and compared +
// loci left >= minimum). Blocks are shared among threads. The result is exactly that of
// brute_force_search() on the same profiles (property-tested).
//
// Thread-safety: search() and the other const members may run concurrently; add() and remove()
// need exclusive access (the caller holds a writer lock).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "genome/categories.h"
#include "genome/genotype.h"
#include "genome/parameters.h"
#include "genome/profile.h"
#include "genome/search.h"

namespace abis::genome {

class SearchIndex {
 public:
  // max_codes_per_locus: dictionary capacity per locus before genotypes go to the side table
  // (tests use a small value to exercise the side table).
  explicit SearchIndex(std::uint32_t max_codes_per_locus = params::kMaxGenotypeCodesPerLocus);

  // Pre-sizes the row arrays and the columns of `loci` for `rows` profiles.
  void reserve(std::size_t rows, std::span<const LocusId> loci);

  // Adds the autosomal genotypes of `profile` under `key`. Keys must be unique (the caller's
  // profile ids); adding them in increasing order keeps remove() and find_row() logarithmic.
  Status add(std::uint64_t key, IndexCategory category, const Profile& profile);
  // Marks the row of `key` removed; false when there is no such live row.
  bool remove(std::uint64_t key);

  std::size_t size() const { return live_rows_; }
  std::size_t rows() const { return keys_.size(); }

  // threads <= 0: one per hardware thread.
  Result<SearchResult> search(const Profile& target, const SearchRequest& request,
                              int threads = 0) const;

  // The stored autosomal genotypes of `key` (id and labels are not stored here).
  std::optional<Profile> stored_profile(std::uint64_t key) const;
  std::optional<IndexCategory> category_of(std::uint64_t key) const;

  // Bytes held by the index (capacities of every array, dictionaries and side tables; the
  // hash-map node overhead is estimated).
  std::size_t memory_bytes() const;

 private:
  struct Column {
    LocusId locus = 0;
    std::vector<std::uint16_t> codes;           // one per row
    std::vector<Genotype> dictionary;           // code - 1 -> genotype
    std::unordered_map<Genotype, std::uint16_t, GenotypeHash> code_of;
    std::vector<std::uint32_t> live_count;      // live rows per code (index = code)
    std::unordered_map<std::uint32_t, Genotype> side;  // row -> genotype, code 0xFFFF
    std::uint32_t side_live = 0;
    // Direct-mapped cache hash -> code in front of code_of: most adds are a genotype seen
    // before, and one compare beats a hash-map probe.
    std::array<std::uint16_t, 1024> recent{};
  };
  static constexpr std::uint16_t kSideCode = 0xFFFF;

  Column& column_for(LocusId locus);
  std::uint16_t code_for(Column& column, const Genotype& genotype, std::uint32_t row);
  std::optional<std::uint32_t> find_row(std::uint64_t key) const;
  Profile decode_row(std::uint32_t row) const;
  const Genotype* genotype_at(const Column& column, std::uint32_t row) const;

  std::uint32_t max_codes_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint8_t> categories_;  // IndexCategory value, 0 = removed
  std::vector<Column> columns_;
  std::array<std::int16_t, 256> column_of_locus_;
  std::size_t live_rows_ = 0;
  bool keys_increasing_ = true;
};

}  // namespace abis::genome
