// The frequency used for one allele in a calculation, with the rule that produced it.
//
// Rules, each stated in the note so that no number is silently made up:
// - an allele in the table: its frequency, raised to the NRC II minimum 5/2N when below it;
// - an allele missing from the table: the minimum 5/2N;
// - "<N" / ">N": the summed frequencies of the table's alleles below / above N (at least the
//   minimum); "OL": the minimum;
// - no minimum is known (the table states no N and the caller gave none) and one is needed:
//   an error that says so.
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "genome/allele.h"
#include "genome/frequency_table.h"
#include "genome/locus.h"

namespace abis::genome {

struct ResolvedFrequency {
  double value = 0;
  std::string note;  // empty when the table's own frequency was used as is
};

// `min_override`: a minimum frequency chosen by the user, replacing 5/2N.
Result<ResolvedFrequency> resolve_allele_frequency(const FrequencyTable& table, LocusId locus,
                                                   const Allele& allele,
                                                   std::optional<double> min_override);

}  // namespace abis::genome
