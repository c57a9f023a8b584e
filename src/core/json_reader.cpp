#include "core/json_reader.h"

namespace abis::core {
namespace {

int depth_of(const nlohmann::json& j, int limit) {
  if (limit < 0) return 1 << 20;
  int deepest = 0;
  if (j.is_object() || j.is_array()) {
    for (const auto& item : j) deepest = std::max(deepest, depth_of(item, limit - 1));
    return deepest + 1;
  }
  return 0;
}

std::string type_name(const nlohmann::json& j) {
  if (j.is_null()) return "null";
  if (j.is_boolean()) return "a boolean";
  if (j.is_number()) return "a number";
  if (j.is_string()) return "a string";
  if (j.is_array()) return "an array";
  return "an object";
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, std::size_t max_bytes, int max_depth) {
  if (text.size() > max_bytes) {
    return too_large("JSON body of " + std::to_string(text.size()) + " bytes is over the limit of " +
                     std::to_string(max_bytes));
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return invalid_argument("malformed JSON at byte " + std::to_string(e.byte) + ": " +
                            std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
  }
  if (depth_of(j, max_depth) > max_depth) {
    return invalid_argument("JSON nests deeper than " + std::to_string(max_depth) + " levels");
  }
  return j;
}

JsonObjectReader::JsonObjectReader(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    status_ = invalid_argument((path_.empty() ? std::string("the body") : path_) + " must be a JSON object, not " +
                               type_name(object_));
  }
}

std::string JsonObjectReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonObjectReader::fail(Status status) {
  if (status_.is_ok()) status_ = std::move(status);
}

const nlohmann::json* JsonObjectReader::find(std::string_view key) {
  known_.insert(std::string(key));
  if (!object_.is_object()) return nullptr;
  auto it = object_.find(std::string(key));
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonObjectReader::allow(std::string_view key) { known_.insert(std::string(key)); }

std::optional<std::string> JsonObjectReader::optional_string(std::string_view key, std::size_t max_length) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(invalid_argument(path_of(key) + " must be a string, not " + type_name(*v)));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_length) {
    fail(unprocessable(path_of(key) + " is longer than " + std::to_string(max_length) + " characters"));
    return std::nullopt;
  }
  return s;
}

std::string JsonObjectReader::required_string(std::string_view key, std::size_t max_length) {
  auto s = optional_string(key, max_length);
  if (!s) {
    if (status_.is_ok()) fail(invalid_argument(path_of(key) + " is required"));
    return {};
  }
  return *s;
}

std::optional<std::int64_t> JsonObjectReader::optional_int(std::string_view key, std::int64_t min,
                                                          std::int64_t max) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(invalid_argument(path_of(key) + " must be a whole number, not " + type_name(*v)));
    return std::nullopt;
  }
  std::int64_t n = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)
                       ? INT64_MAX
                       : v->get<std::int64_t>();
  if (n < min || n > max) {
    fail(unprocessable(path_of(key) + " = " + std::to_string(n) + " is outside " + std::to_string(min) +
                       ".." + std::to_string(max)));
    return std::nullopt;
  }
  return n;
}

std::optional<double> JsonObjectReader::optional_number(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(invalid_argument(path_of(key) + " must be a number, not " + type_name(*v)));
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<bool> JsonObjectReader::optional_bool(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(invalid_argument(path_of(key) + " must be true or false, not " + type_name(*v)));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<Date> JsonObjectReader::optional_date(std::string_view key) {
  auto s = optional_string(key, 10);
  if (!s) return std::nullopt;
  auto d = Date::parse(*s);
  if (!d.is_ok()) {
    fail(unprocessable(path_of(key) + ": " + d.status().message()));
    return std::nullopt;
  }
  return *d;
}

const nlohmann::json* JsonObjectReader::optional_object(std::string_view key) {
  const auto* v = find(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(invalid_argument(path_of(key) + " must be an object, not " + type_name(*v)));
    return nullptr;
  }
  return v;
}

const nlohmann::json* JsonObjectReader::optional_array(std::string_view key, std::size_t max_items) {
  const auto* v = find(key);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(invalid_argument(path_of(key) + " must be an array, not " + type_name(*v)));
    return nullptr;
  }
  if (v->size() > max_items) {
    fail(too_large(path_of(key) + " has more than " + std::to_string(max_items) + " items"));
    return nullptr;
  }
  return v;
}

Status JsonObjectReader::finish() {
  if (!status_.is_ok()) return status_;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!known_.count(it.key())) return invalid_argument("unknown field " + path_of(it.key()));
  }
  return Status::ok();
}

}  // namespace abis::core
