#include "core/ids.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace abis::core {
namespace {
constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

void random_bytes(void* out, std::size_t size) {
  auto* p = static_cast<unsigned char*>(out);
  while (size > 0) {
    ssize_t got = getrandom(p, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::abort();
    }
    p += got;
    size -= static_cast<std::size_t>(got);
  }
}

std::string new_id(const Clock& clock) {
  std::uint64_t millis = static_cast<std::uint64_t>(clock.now_micros() / 1000) & ((1ULL << 48) - 1);
  unsigned char random[10];
  random_bytes(random, sizeof random);
  // 128 bits: 48 time + 80 random, emitted 5 bits at a time from the top (26 chars = 130 bits,
  // the first character carries only 3).
  unsigned __int128 value = static_cast<unsigned __int128>(millis) << 80;
  for (int i = 0; i < 10; ++i) value |= static_cast<unsigned __int128>(random[i]) << (8 * (9 - i));
  std::string id(26, '0');
  for (int i = 25; i >= 0; --i) {
    id[i] = kCrockford[static_cast<unsigned>(value & 31)];
    value >>= 5;
  }
  return id;
}

bool is_valid_id(std::string_view id) {
  if (id.size() != 26) return false;
  if (id[0] < '0' || id[0] > '7') return false;
  for (char c : id) {
    bool found = false;
    for (const char* a = kCrockford; *a; ++a) found |= (*a == c);
    if (!found) return false;
  }
  return true;
}

}  // namespace abis::core
