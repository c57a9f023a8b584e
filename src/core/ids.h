// Identifiers for records we create (persons, users, sessions, jobs...).
//
// An id is a ULID: 48 bits of millisecond time then 80 random bits, written as 26 Crockford
// base-32 characters. Ids sort by creation time, which keeps B-tree inserts local, and reveal
// nothing about the person. Safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace abis::core {

std::string new_id(const Clock& clock = SystemClock::instance());

// True for a well-formed id (26 characters of the Crockford alphabet, first one 0-7).
bool is_valid_id(std::string_view id);

// Cryptographically random bytes from the kernel (getrandom). Aborts only if the kernel cannot
// supply randomness, which no correct system survives anyway.
void random_bytes(void* out, std::size_t size);

}  // namespace abis::core
