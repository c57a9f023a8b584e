#include <cassert>

#include "store/database.h"

namespace abis::store {

std::int64_t Row::get_int(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  return 0;
}

double Row::get_real(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  return 0;
}

std::string Row::get_text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  return {};
}

const std::vector<std::uint8_t>& Row::get_blob(std::size_t i) const {
  static const std::vector<std::uint8_t> empty;
  const Value& v = values_.at(i);
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  return empty;
}

std::optional<std::string> Row::get_optional_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return get_text(i);
}

std::size_t Row::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_->size(); ++i) {
    if ((*columns_)[i] == name) return i;
  }
  assert(false && "no such column");
  return 0;
}

Result<Row> Transaction::query_one(std::string_view sql, const std::vector<Value>& params) {
  ABIS_ASSIGN_OR_RETURN(std::vector<Row> rows, query(sql, params));
  if (rows.empty()) return not_found("no row");
  return std::move(rows.front());
}

}  // namespace abis::store
