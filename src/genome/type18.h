// ANSI/NIST-ITL 1-2011 (Update 2015) Type-18 DNA records <-> profiles (issue 6, exchange).
//
// The record itself (tags, separators, LEN) is read and written by src/formats; this file only
// gives meaning to the fields of a Type-18 record, handed over as numbered fields made of
// subfields made of information items - the standard's own model of a tagged record. Keeping the
// mapping here (and not in formats) keeps the genome's knowledge of loci and alleles in one place.
//
// What we read and write (docs/formats/dna_type18.md):
//   18.002 IDC; 18.015 DNA profile data, item 3 = the profile identifier;
//   18.016 STR profile, one subfield per locus: item 1 STR type (0 = autosomal), item 2 the
//   ANSI/NIST locus number, item 5 the allele indicator (1 = alleles follow), items 6-8 the
//   allele calls, item 13 the kit name. Other fields are not interpreted.
// Locus numbers: only the numbers verified against NIST's own Type-18 sample are built in
// (AnsiNistLocusNumbers::builtin(), 16 loci of Identifiler); an operator can load a fuller table
// from a file. A number we do not know is never guessed: import reports it and skips the locus,
// export refuses (or skips when asked) a locus with no number. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/profile.h"

namespace abis::genome {

// One tagged field of a Type-18 record: 18.<number>, its subfields, each a list of items.
struct Type18Field {
  int number = 0;
  std::vector<std::vector<std::string>> subfields;
};

// ANSI/NIST locus number <-> locus of our table.
class AnsiNistLocusNumbers {
 public:
  struct Entry {
    int number = 0;
    LocusId locus = 0;
  };

  // The numbers verified against NIST's sample (all-supported-types.an2, SRM 2391b 9947A).
  static const AnsiNistLocusNumbers& builtin();
  // A table from text: one "number<TAB or spaces>locus name" per line; '#' starts a comment.
  // Errors name the line. Duplicate numbers or loci are refused.
  static Result<AnsiNistLocusNumbers> parse(std::string_view text);

  std::optional<LocusId> locus(int number) const;
  std::optional<int> number(LocusId locus) const;
  std::span<const Entry> entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;  // sorted by number
};

struct Type18Import {
  Profile profile;
  // What was read but not taken, one sentence each (unknown locus numbers, non-autosomal STR
  // types, amelogenin values other than X/Y): shown to the officer, never silently dropped.
  std::vector<std::string> notes;
};

// The profile in a Type-18 record's fields. Errors (a malformed allele, a field 18.016 with
// too few items) name the field, subfield and item.
Result<Type18Import> profile_from_type18(std::span<const Type18Field> fields,
                                         const AnsiNistLocusNumbers& numbers);

struct Type18ExportOptions {
  // Skip loci that have no ANSI/NIST number instead of refusing the export.
  bool skip_unnumbered = false;
};

struct Type18Export {
  std::vector<Type18Field> fields;  // 18.002 onwards, without 18.001 (LEN is the writer's)
  std::vector<std::string> notes;   // loci skipped
};

// The fields of a Type-18 record for `profile` with information designation character `idc`.
Result<Type18Export> profile_to_type18(const Profile& profile, int idc,
                                       const AnsiNistLocusNumbers& numbers,
                                       const Type18ExportOptions& options = {});

}  // namespace abis::genome
