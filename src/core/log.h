// Structured logging: an event name plus key=value fields, written as text or as one JSON object
// per line (log.format). Personal data never goes into the log: the audit trail (security/) is
// where who-did-what is recorded. Thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace abis::core::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError };

using Field = std::pair<std::string_view, std::string>;

// Call once at start; before that, text format at info level to stderr.
void configure(std::string_view level, std::string_view format);

void write(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void info(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kInfo, event, fields);
}
inline void warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kWarn, event, fields);
}
inline void error(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kError, event, fields);
}
inline void debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  write(Level::kDebug, event, fields);
}

}  // namespace abis::core::log
