// Finger minutiae records: ISO/IEC 19794-2:2005 (clause 7: record format) and ANSI INCITS
// 378-2004 (clause 6), plus the INCITS 378-2009 layout of version "030" (per-view geometry and
// quality algorithm). Both read into and write from formats::MinutiaeRecord (minutiae_record.h).
//
// Layouts (big-endian):
//   ISO 2005:  "FMR\0" " 20\0" length(4) equipment(2) width(2) height(2) xres(2) yres(2) views(1) 0(1)
//   ANSI 2004: "FMR\0" " 20\0" length(2, or 0 then 4) CBEFF PID(4) equipment(2) width ... views(1) 0(1)
//   ANSI 2009: "FMR\0" "030\0" length(4) CBEFF PID(4) equipment(2) views(1) 0(1)
//   view (2004/2005): position(1) view<<4|impression(1) quality(1) count(1), minutiae, extended data
//   view (2009): position(1) view(1) impression(1) quality(1) quality vendor(2) algorithm(2)
//                width(2) height(2) xres(2) yres(2) count(1), minutiae, extended data
//   minutia: type<<14|x(2) y(2, top 2 bits reserved) angle(1) quality(1)
//   extended data: length(2) then that many bytes (kept as they are)
// "FMR\0" " 20\0" is the same in ISO 2005 and ANSI 2004: the length field tells them apart (an
// ISO record starts its 4-byte length with two zero bytes; an ANSI one has a 2-byte length or a
// zero escape followed by a 4-byte length), unless the caller says which standard to expect.
// ISO/IEC 19794-2:2011 (also version "030", no CBEFF PID) is recognised and refused (kUnsupported).
//
// Tolerated on read, each with a warning: a length field that disagrees with the bytes (the ISO
// Annex C.2 example), bytes after the last view (zero padding), an extended data block that runs
// past the end (cut to what is there). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "formats/minutiae_record.h"

namespace abis::formats {

struct MinutiaeReadOptions {
  // Which standard the caller expects; nullopt = recognise it from the bytes.
  std::optional<MinutiaeStandard> standard;
};

Result<MinutiaeRecord> read_minutiae_record(std::span<const std::uint8_t> data,
                                            const MinutiaeReadOptions& options = {},
                                            std::vector<std::string>* warnings = nullptr);

struct MinutiaeWriteOptions {
  // Write record.length_as_read (when non-zero) instead of the computed length, for byte-exact
  // copies of records whose length field was wrong.
  bool keep_length_as_read = false;
};

// Writes record.standard's layout. Fails (kInvalidArgument) for values the layout cannot hold:
// more than 255 views or minutiae in a view, coordinates beyond 14 bits, an angle beyond the
// standard's unit count, an extended data block over 65535 bytes, ISO 2011 (not written).
Result<std::vector<std::uint8_t>> write_minutiae_record(const MinutiaeRecord& record,
                                                        const MinutiaeWriteOptions& options = {});

std::string minutiae_standard_name(MinutiaeStandard standard);

}  // namespace abis::formats
