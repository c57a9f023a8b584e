// Clock: the one source of "now" for the whole system, injectable so that tests can fake time
// (session expiry, retention periods, working-day deadlines).
// Implementations must be safe to call from many threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace abis::core {

// Microseconds since the Unix epoch, UTC.
using UnixMicros = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMicros now_micros() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  UnixMicros now_micros() const override;
  // A process-wide instance; never destroyed.
  static const SystemClock& instance();
};

// A clock that only moves when told to. For tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixMicros start) : now_(start) {}
  UnixMicros now_micros() const override { return now_.load(); }
  void set(UnixMicros t) { now_.store(t); }
  void advance_seconds(std::int64_t seconds) { now_.fetch_add(seconds * 1'000'000); }

 private:
  std::atomic<UnixMicros> now_;
};

// "2026-11-25T13:42:07.123456Z"
std::string format_utc(UnixMicros t);

}  // namespace abis::core
