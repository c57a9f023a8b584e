// Strict reading of JSON objects from requests and files: every field is checked for its type,
// unknown fields are refused, and each error names the field's path ("documents[1].issue_date") so
// that the person who sent it can fix it. Include only from .cpp files (nlohmann/json is heavy).
// A reader is used by one thread.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"

namespace abis::core {

// Parses text as JSON, refusing more than max_bytes and more than max_depth nesting levels.
Result<nlohmann::json> parse_json(std::string_view text, std::size_t max_bytes = 1 << 20,
                                  int max_depth = 32);

class JsonObjectReader {
 public:
  // `path` prefixes error messages ("" for the top level, "documents[0]" for an element).
  JsonObjectReader(const nlohmann::json& object, std::string path);

  // The object itself was not an object: check status() first.
  const Status& status() const { return status_; }

  // Each getter records the key as known. A missing optional field gives nullopt; a present field
  // of the wrong type is an error (kept in status(), first error wins).
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_length = 1000);
  std::string required_string(std::string_view key, std::size_t max_length = 1000);
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> optional_number(std::string_view key);
  std::optional<bool> optional_bool(std::string_view key);
  std::optional<Date> optional_date(std::string_view key);
  // Sub-objects and arrays are returned for the caller to read with their own readers.
  const nlohmann::json* optional_object(std::string_view key);
  const nlohmann::json* optional_array(std::string_view key, std::size_t max_items = 1000);
  // Accept a key without reading it (read elsewhere).
  void allow(std::string_view key);

  // Refuses any key not read or allowed; returns the first error seen.
  Status finish();

  std::string path_of(std::string_view key) const;
  void fail(Status status);

 private:
  const nlohmann::json* find(std::string_view key);
  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
  Status status_;
};

}  // namespace abis::core
