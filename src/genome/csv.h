// A small CSV reader for the tabular files the genomic subsystem imports (profiles, allele
// frequencies): RFC 4180 quoting, ',' or ';' or tab separators, CRLF or LF, a UTF-8 byte order
// mark. It reads the whole text it is given, never past it, and reports the line of a broken
// quote. Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::genome {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Splits `text` into rows. The separator is guessed from the first line (the most frequent of
// ',', ';', '\t' outside quotes) unless given. Blank lines are skipped.
Result<std::vector<CsvRow>> parse_csv(std::string_view text, char separator = 0);

// Lower-case, trimmed header name with spaces, '.' and '-' turned into '_': "Sample Name" ->
// "sample_name".
std::string normalize_header(std::string_view name);

}  // namespace abis::genome
