// Conversion between the native Template and the interchange MinutiaeRecord of ISO/IEC 19794-2
// and ANSI INCITS 378 (formats/minutiae_record.h; the byte-level parser and writer live in
// formats/). Positions are rescaled between the record's resolution and the engine's 500 ppi,
// angles between 256 units (ISO) or 180 units of 2 degrees (ANSI) per turn and the native 256.
// Directions: the native template uses the standards' own convention (template.h), so no offset
// is added.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>

#include "core/status.h"
#include "dactyl/template/template.h"
#include "formats/minutiae_record.h"

namespace abis::dactyl {

// A record holding the template as one view (finger position 0 = unknown unless given).
formats::MinutiaeRecord to_minutiae_record(const Template& tpl, formats::MinutiaeStandard standard,
                                           std::uint8_t finger_position = 0);

// The view_index-th view of a record as a native template. Fails (kInvalidArgument) for a record
// without that view, with an impossible resolution or with a minutia outside the image.
Result<Template> from_minutiae_record(const formats::MinutiaeRecord& record, std::size_t view_index = 0);

}  // namespace abis::dactyl
