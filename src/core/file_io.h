// Reading and writing whole files with the two guarantees every command relies on:
// a read never loads more than the caller's limit, and a write is atomic (a temporary file in the
// same folder, flushed, then renamed), so a crash or a refused input never leaves half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::core {

using Bytes = std::vector<std::uint8_t>;

// Default ceiling for one input file: large enough for a 1000 ppi ten-print card scan or a big
// ANSI/NIST transaction, small enough that a hostile file cannot exhaust memory.
constexpr std::uintmax_t kDefaultMaxFileBytes = 512ull * 1024 * 1024;

Result<Bytes> read_file(const std::filesystem::path& path,
                        std::uintmax_t max_bytes = kDefaultMaxFileBytes);
Result<std::string> read_text_file(const std::filesystem::path& path,
                                   std::uintmax_t max_bytes = kDefaultMaxFileBytes);

// `durable` flushes the data to disk before the rename (fsync): a power cut then leaves the old or
// the new file. Without it, only a killed process is covered, at a fraction of the cost.
Status write_file_atomic(const std::filesystem::path& path, std::span<const std::uint8_t> data,
                         bool durable = true);
Status write_file_atomic(const std::filesystem::path& path, std::string_view text, bool durable = true);

}  // namespace abis::core
