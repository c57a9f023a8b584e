// Status and Result<T>: the error values every module returns instead of throwing.
//
// An expected failure (bad input, not found, conflict, forbidden...) is a Status with a code and a
// message a person can act on. Codes map one-to-one to HTTP statuses (api/) and process exit codes
// (cli/), so a layer never has to guess how to report an error it did not make.
// Both types are plain values: copyable, movable, safe to share read-only between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace abis {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // malformed request or input: syntax, types, unknown fields (HTTP 400)
  kUnauthenticated,    // no valid session (HTTP 401)
  kPermissionDenied,   // authenticated but not allowed (HTTP 403)
  kNotFound,           // the named thing does not exist (HTTP 404)
  kAlreadyExists,      // conflicts with existing state, e.g. duplicate IIN (HTTP 409)
  kFailedPrecondition, // the state does not allow the operation now (HTTP 409)
  kTooLarge,           // input bigger than the configured limit (HTTP 413)
  kUnprocessable,      // well-formed but semantically invalid, e.g. bad IIN check digit (HTTP 422)
  kDataCorrupt,        // stored or supplied data fails integrity checks (HTTP 422 for input)
  kUnsupported,        // a valid input using a feature we do not implement (HTTP 422)
  kIoError,            // the file system or the database failed (HTTP 500)
  kUnavailable,        // temporarily unable, e.g. database busy (HTTP 503)
  kInternal,           // a bug: an invariant did not hold (HTTP 500)
};

// Stable lower-case name of a code, used in JSON error bodies ("invalid_argument", ...).
std::string_view status_code_name(StatusCode code);
int http_status_for(StatusCode code);
int exit_code_for(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_argument: IIN check digit is wrong"
  std::string to_string() const;

  // Prefixes the message with context, keeping the code: "template 3: truncated".
  Status with_context(std::string_view context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Shorthands that read well at the call site: return invalid_argument("width must be > 0");
Status invalid_argument(std::string message);
Status unauthenticated(std::string message);
Status permission_denied(std::string message);
Status not_found(std::string message);
Status already_exists(std::string message);
Status failed_precondition(std::string message);
Status too_large(std::string message);
Status unprocessable(std::string message);
Status data_corrupt(std::string message);
Status unsupported(std::string message);
Status io_error(std::string message);
Status unavailable(std::string message);
Status internal_error(std::string message);

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).is_ok() && "Result built from an OK status has no value");
  }

  bool is_ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return is_ok(); }

  // The status: OK when there is a value.
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(data_); }

  // Precondition: is_ok(). Calling these on an error is a programmer error.
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T value_or(T fallback) const { return is_ok() ? std::get<T>(data_) : std::move(fallback); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace abis

#define ABIS_CONCAT_INNER_(a, b) a##b
#define ABIS_CONCAT_(a, b) ABIS_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when expr (a Status) is not OK.
#define ABIS_RETURN_IF_ERROR(expr)                  \
  do {                                              \
    ::abis::Status abis_status_ = (expr);           \
    if (!abis_status_.is_ok()) return abis_status_; \
  } while (0)

// ABIS_ASSIGN_OR_RETURN(auto x, make_x()); declares x from a Result or returns its Status.
#define ABIS_ASSIGN_OR_RETURN(lhs, expr) \
  ABIS_ASSIGN_OR_RETURN_IMPL_(ABIS_CONCAT_(abis_result_, __LINE__), lhs, expr)
#define ABIS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.is_ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
