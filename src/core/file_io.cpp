#include "core/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/ids.h"

namespace abis::core {
namespace fs = std::filesystem;

Result<Bytes> read_file(const fs::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return not_found("no such file: " + path.string());
  if (fs::is_directory(status)) return invalid_argument(path.string() + " is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("cannot open " + path.string() + ": " + std::strerror(errno));
  Bytes data;
  constexpr std::size_t kChunk = 1 << 16;
  while (true) {
    std::size_t old = data.size();
    if (old >= max_bytes + 1) break;
    data.resize(old + kChunk);
    in.read(reinterpret_cast<char*>(data.data() + old), kChunk);
    data.resize(old + static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  if (in.bad()) return io_error("cannot read " + path.string());
  if (data.size() > max_bytes) {
    return too_large(path.string() + " is larger than the limit of " + std::to_string(max_bytes) +
                     " bytes");
  }
  return data;
}

Result<std::string> read_text_file(const fs::path& path, std::uintmax_t max_bytes) {
  ABIS_ASSIGN_OR_RETURN(Bytes data, read_file(path, max_bytes));
  return std::string(data.begin(), data.end());
}

Status write_file_atomic(const fs::path& path, std::span<const std::uint8_t> data, bool durable) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string random = new_id();
  fs::path tmp = dir / ("." + path.filename().string() + ".tmp-" + random);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return io_error("cannot write " + path.string() + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error("cannot flush " + path.string() + ": " + std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error("cannot rename into " + path.string() + ": " + std::strerror(err));
  }
  return Status::ok();
}

Status write_file_atomic(const fs::path& path, std::string_view text, bool durable) {
  return write_file_atomic(
      path, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
      durable);
}

}  // namespace abis::core
