// Validation of ANSI/NIST-ITL transactions: every problem as an Issue naming its record and field,
// never a failure of the whole file (abis nist validate, abis nist survey).
//
// Checks (ANSI/NIST-ITL 1-2011 Update 2015): Type-1 mandatory fields and VER (8.1, Table 14),
// LEN first in every tagged record (7.2), IDC present (7.3.1), CNT against the records (8.1.3),
// field numbers unique in a record, the image records' HLL/VLL/CGA/BPX (Table 15 compression codes)
// and, when decode_images is set, that the payload decodes to the declared size.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "formats/ansi_nist.h"

namespace abis::formats::ansi_nist {

struct ValidationOptions {
  bool decode_images = true;
};

// Checks a transaction already read. Issues are ordered by record.
std::vector<Issue> validate_transaction(const Transaction& tx, const ValidationOptions& options = {});

struct ValidationReport {
  bool readable = false;      // the structure could be followed to the end
  std::size_t records = 0;
  std::vector<Issue> issues;  // reader's tolerances, then the checks; an unreadable file gives one
  std::size_t errors() const;
  std::size_t warnings() const;
};

// Reads and validates raw bytes: a structure the reader cannot follow becomes one error issue
// (with its byte offset) instead of a failure.
ValidationReport validate_bytes(std::span<const std::uint8_t> data, const ValidationOptions& options = {});

// The compression codes of Table 15 (and the older "WSQ" of VER 0200-0300) for tagged records.
bool is_known_compression(const std::string& code);

}  // namespace abis::formats::ansi_nist
