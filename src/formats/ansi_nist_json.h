// JSON views of ANSI/NIST-ITL transactions for people and tools (abis nist dump --json, abis nist
// extract): every record with its fields by tag; text values as strings, or as lists of subfields
// of items when they hold RS/US separators; binary payloads as their size and sniffed format.
// Pure functions, thread-safe.
#pragma once

#include <string>

#include "formats/ansi_nist.h"

namespace abis::formats::ansi_nist {

// Pretty-printed JSON. Bytes that are not UTF-8 are replaced (U+FFFD) so the text is always valid.
std::string transaction_to_json(const Transaction& tx);

// One line per field, separators shown as <RS> and <US>, payloads as "<N bytes, WSQ>".
std::string transaction_to_text(const Transaction& tx);

// "14.011" for record type 14, field 11.
std::string tag_name(int record_type, int field_number);

}  // namespace abis::formats::ansi_nist
