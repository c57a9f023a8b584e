// Netpbm PGM, binary (P5) and plain (P2), 8- or 16-bit. 16-bit samples are scaled to 8 bits.
#include <cctype>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

class HeaderReader {
 public:
  explicit HeaderReader(std::span<const std::uint8_t> d) : d_(d) {}

  // Next whitespace-separated decimal number, skipping '#' comments.
  Result<long> number(const char* what) {
    skip_space_and_comments();
    if (pos_ >= d_.size()) return invalid_argument(std::string("PGM: truncated before ") + what);
    if (!std::isdigit(d_[pos_])) {
      return invalid_argument(std::string("PGM: expected a number for ") + what + " at byte " +
                              std::to_string(pos_));
    }
    long value = 0;
    while (pos_ < d_.size() && std::isdigit(d_[pos_])) {
      value = value * 10 + (d_[pos_] - '0');
      if (value > 1'000'000'000) return invalid_argument(std::string("PGM: ") + what + " too big");
      ++pos_;
    }
    return value;
  }
  std::size_t pos() const { return pos_; }
  void advance(std::size_t n) { pos_ += n; }

 private:
  void skip_space_and_comments() {
    while (pos_ < d_.size()) {
      if (std::isspace(d_[pos_])) {
        ++pos_;
      } else if (d_[pos_] == '#') {
        while (pos_ < d_.size() && d_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }
  std::span<const std::uint8_t> d_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<GrayImage> decode_pgm(std::span<const std::uint8_t> data) {
  if (data.size() < 2 || data[0] != 'P' || (data[1] != '5' && data[1] != '2')) {
    return invalid_argument("PGM: missing P5/P2 signature");
  }
  bool binary = data[1] == '5';
  HeaderReader reader(data);
  reader.advance(2);
  ABIS_ASSIGN_OR_RETURN(long width, reader.number("width"));
  ABIS_ASSIGN_OR_RETURN(long height, reader.number("height"));
  ABIS_ASSIGN_OR_RETURN(long maxval, reader.number("maxval"));
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "PGM"));
  if (maxval < 1 || maxval > 65535) {
    return invalid_argument("PGM: maxval " + std::to_string(maxval) + " is outside 1..65535");
  }
  GrayImage image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  image.pixels.resize(count);
  auto scale = [maxval](long v) -> std::uint8_t {
    if (v > maxval) v = maxval;
    return static_cast<std::uint8_t>((v * 255 + maxval / 2) / maxval);
  };
  if (binary) {
    reader.advance(1);  // exactly one whitespace byte after maxval
    std::size_t bytes_per_sample = maxval > 255 ? 2 : 1;
    std::size_t needed = count * bytes_per_sample;
    if (reader.pos() > data.size() || data.size() - reader.pos() < needed) {
      return invalid_argument("PGM: truncated pixel data: " + std::to_string(needed) +
                              " bytes needed for " + std::to_string(width) + "x" +
                              std::to_string(height));
    }
    const std::uint8_t* p = data.data() + reader.pos();
    for (std::size_t i = 0; i < count; ++i) {
      long v = bytes_per_sample == 2 ? (p[2 * i] << 8 | p[2 * i + 1]) : p[i];
      image.pixels[i] = maxval == 255 ? static_cast<std::uint8_t>(v) : scale(v);
    }
  } else {
    for (std::size_t i = 0; i < count; ++i) {
      auto v = reader.number("pixel value");
      if (!v.is_ok()) return v.status().with_context("pixel " + std::to_string(i));
      image.pixels[i] = scale(*v);
    }
  }
  return image;
}

Result<std::vector<std::uint8_t>> encode_pgm(const GrayImage& image) {
  ABIS_RETURN_IF_ERROR(check_dimensions(image.width, image.height, "PGM"));
  std::string header =
      "P5\n" + std::to_string(image.width) + " " + std::to_string(image.height) + "\n255\n";
  std::vector<std::uint8_t> out(header.begin(), header.end());
  out.insert(out.end(), image.pixels.begin(), image.pixels.end());
  return out;
}

}  // namespace abis::image
