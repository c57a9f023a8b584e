// JPEG 2000 through OpenJPEG: memory streams, captured messages, conversion to GrayImage, and the
// JP2 resolution box (ISO/IEC 15444-1 Annex I.5.3.7), which OpenJPEG neither reads nor writes.
#include "image/jpeg2000.h"

#include <openjpeg.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

constexpr double kMetresPerInch = 0.0254;

// ---- Memory streams
struct ReadBuffer {
  std::span<const std::uint8_t> data;
  std::size_t pos = 0;
};

OPJ_SIZE_T read_cb(void* dst, OPJ_SIZE_T n, void* user) {
  auto* b = static_cast<ReadBuffer*>(user);
  if (b->pos >= b->data.size()) return static_cast<OPJ_SIZE_T>(-1);
  std::size_t take = std::min<std::size_t>(n, b->data.size() - b->pos);
  std::memcpy(dst, b->data.data() + b->pos, take);
  b->pos += take;
  return take;
}
OPJ_OFF_T skip_read_cb(OPJ_OFF_T n, void* user) {
  auto* b = static_cast<ReadBuffer*>(user);
  if (n < 0) return -1;
  std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(n), b->data.size() - b->pos);
  b->pos += take;
  return static_cast<OPJ_OFF_T>(take);
}
OPJ_BOOL seek_read_cb(OPJ_OFF_T n, void* user) {
  auto* b = static_cast<ReadBuffer*>(user);
  if (n < 0 || static_cast<std::size_t>(n) > b->data.size()) return OPJ_FALSE;
  b->pos = static_cast<std::size_t>(n);
  return OPJ_TRUE;
}

struct WriteBuffer {
  std::vector<std::uint8_t> data;
  std::size_t pos = 0;
};
OPJ_SIZE_T write_cb(void* src, OPJ_SIZE_T n, void* user) {
  auto* b = static_cast<WriteBuffer*>(user);
  if (b->pos + n > b->data.size()) b->data.resize(b->pos + n);
  std::memcpy(b->data.data() + b->pos, src, n);
  b->pos += n;
  return n;
}
OPJ_OFF_T skip_write_cb(OPJ_OFF_T n, void* user) {
  auto* b = static_cast<WriteBuffer*>(user);
  if (n < 0) return -1;
  b->pos += static_cast<std::size_t>(n);
  if (b->pos > b->data.size()) b->data.resize(b->pos);
  return n;
}
OPJ_BOOL seek_write_cb(OPJ_OFF_T n, void* user) {
  auto* b = static_cast<WriteBuffer*>(user);
  if (n < 0) return OPJ_FALSE;
  b->pos = static_cast<std::size_t>(n);
  if (b->pos > b->data.size()) b->data.resize(b->pos);
  return OPJ_TRUE;
}

// ---- OpenJPEG objects with their release functions
struct CodecDeleter {
  void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
  void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
  void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};
using CodecPtr = std::unique_ptr<opj_codec_t, CodecDeleter>;
using StreamPtr = std::unique_ptr<opj_stream_t, StreamDeleter>;
using ImagePtr = std::unique_ptr<opj_image_t, ImageDeleter>;

// OpenJPEG reports problems through callbacks; the first error becomes the Status message.
struct Messages {
  std::string error;
};
void on_error(const char* msg, void* user) {
  auto* m = static_cast<Messages*>(user);
  if (m->error.empty()) {
    m->error = msg;
    while (!m->error.empty() && (m->error.back() == '\n' || m->error.back() == ' ')) {
      m->error.pop_back();
    }
  }
}
void on_quiet(const char*, void*) {}

void attach_handlers(opj_codec_t* codec, Messages& messages) {
  opj_set_error_handler(codec, on_error, &messages);
  opj_set_warning_handler(codec, on_quiet, nullptr);
  opj_set_info_handler(codec, on_quiet, nullptr);
}

std::uint32_t be32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         p[3];
}

// Walks the boxes in data[begin, end) calling visit(type, payload_begin, payload_end, box_begin).
template <typename Visit>
void for_each_box(std::span<const std::uint8_t> data, std::size_t begin, std::size_t end,
                  Visit visit) {
  std::size_t pos = begin;
  while (pos + 8 <= end) {
    std::uint64_t length = be32(&data[pos]);
    std::uint32_t type = be32(&data[pos + 4]);
    std::size_t header = 8;
    if (length == 1) {
      if (pos + 16 > end) return;
      length = (std::uint64_t(be32(&data[pos + 8])) << 32) | be32(&data[pos + 12]);
      header = 16;
    } else if (length == 0) {
      length = end - pos;
    }
    if (length < header || length > end - pos) return;
    visit(type, pos + header, pos + static_cast<std::size_t>(length), pos);
    pos += static_cast<std::size_t>(length);
  }
}

constexpr std::uint32_t box_type(const char (&s)[5]) {
  return (std::uint32_t(std::uint8_t(s[0])) << 24) | (std::uint32_t(std::uint8_t(s[1])) << 16) |
         (std::uint32_t(std::uint8_t(s[2])) << 8) | std::uint8_t(s[3]);
}

// Horizontal resolution in pixels per inch from the JP2 header's capture (preferred) or display
// resolution box; 0 when there is none.
double read_jp2_ppi(std::span<const std::uint8_t> data) {
  double capture = 0, display = 0;
  for_each_box(data, 0, data.size(), [&](std::uint32_t type, std::size_t b, std::size_t e, std::size_t) {
    if (type != box_type("jp2h")) return;
    for_each_box(data, b, e, [&](std::uint32_t t2, std::size_t b2, std::size_t e2, std::size_t) {
      if (t2 != box_type("res ")) return;
      for_each_box(data, b2, e2, [&](std::uint32_t t3, std::size_t b3, std::size_t e3, std::size_t) {
        if (e3 - b3 < 10) return;
        const std::uint8_t* p = &data[b3];
        double hn = (p[4] << 8) | p[5], hd = (p[6] << 8) | p[7];
        int he = static_cast<std::int8_t>(p[9]);
        if (hd == 0) return;
        double per_metre = hn / hd * std::pow(10.0, he);
        double ppi = per_metre * kMetresPerInch;
        if (t3 == box_type("resc")) capture = ppi;
        if (t3 == box_type("resd")) display = ppi;
      });
    });
  });
  return capture > 0 ? capture : display;
}

// A 'res ' box holding a capture resolution box for ppi (same both ways). Pixels per metre are
// N/D x 10^E; with D = 254 and N = ppi x 10^(4-E), an integer ppi is exact: 500 ppi is
// 50000/254 x 10^2. E is the smallest that keeps N in 16 bits.
std::vector<std::uint8_t> resolution_box(double ppi) {
  int exponent = 2;
  while (exponent < 10 && ppi * std::pow(10.0, 4 - exponent) > 65535.0) ++exponent;
  auto numerator = static_cast<std::uint16_t>(
      std::min(65535.0, std::round(ppi * std::pow(10.0, 4 - exponent))));
  constexpr std::uint16_t kDenominator = 254;
  std::vector<std::uint8_t> box = {0, 0, 0, 26, 'r', 'e', 's', ' ', 0, 0, 0, 18, 'r', 'e', 's', 'c'};
  for (int i = 0; i < 2; ++i) {  // vertical, then horizontal
    box.push_back(numerator >> 8);
    box.push_back(numerator & 0xFF);
    box.push_back(kDenominator >> 8);
    box.push_back(kDenominator & 0xFF);
  }
  box.push_back(static_cast<std::uint8_t>(exponent));
  box.push_back(static_cast<std::uint8_t>(exponent));
  return box;
}

// Appends a resolution box to the JP2 header box of a file OpenJPEG wrote.
void insert_resolution(std::vector<std::uint8_t>& file, double ppi) {
  std::size_t jp2h_at = 0, jp2h_end = 0;
  bool found = false;
  for_each_box(file, 0, file.size(), [&](std::uint32_t type, std::size_t, std::size_t e, std::size_t at) {
    if (type == box_type("jp2h") && !found && be32(&file[at]) > 1) {
      jp2h_at = at;
      jp2h_end = e;
      found = true;
    }
  });
  if (!found) return;
  std::vector<std::uint8_t> box = resolution_box(ppi);
  file.insert(file.begin() + static_cast<std::ptrdiff_t>(jp2h_end), box.begin(), box.end());
  std::uint32_t length = be32(&file[jp2h_at]) + static_cast<std::uint32_t>(box.size());
  for (int i = 0; i < 4; ++i) file[jp2h_at + i] = static_cast<std::uint8_t>(length >> (24 - 8 * i));
}

std::uint8_t to_8bit(std::int32_t v, const opj_image_comp_t& c) {
  std::int64_t x = v;
  if (c.sgnd) x += std::int64_t(1) << (c.prec - 1);
  if (c.prec > 8) x >>= (c.prec - 8);
  else if (c.prec < 8) x <<= (8 - c.prec);
  return static_cast<std::uint8_t>(std::clamp<std::int64_t>(x, 0, 255));
}

}  // namespace

Result<GrayImage> decode_jpeg2000(std::span<const std::uint8_t> data) {
  OPJ_CODEC_FORMAT format;
  if (data.size() >= 12 && data[4] == 'j' && data[5] == 'P' && data[6] == ' ' && data[7] == ' ') {
    format = OPJ_CODEC_JP2;
  } else if (data.size() >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF &&
             data[3] == 0x51) {
    format = OPJ_CODEC_J2K;
  } else {
    return invalid_argument("JPEG 2000: neither a JP2 signature box nor a J2K codestream (SOC)");
  }
  Messages messages;
  CodecPtr codec(opj_create_decompress(format));
  if (!codec) return internal_error("JPEG 2000: OpenJPEG could not create a decoder");
  attach_handlers(codec.get(), messages);
  opj_dparameters_t params;
  opj_set_default_decoder_parameters(&params);
  if (!opj_setup_decoder(codec.get(), &params)) {
    return internal_error("JPEG 2000: decoder setup failed: " + messages.error);
  }
  ReadBuffer buffer{data, 0};
  StreamPtr stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
  opj_stream_set_user_data(stream.get(), &buffer, nullptr);
  opj_stream_set_user_data_length(stream.get(), data.size());
  opj_stream_set_read_function(stream.get(), read_cb);
  opj_stream_set_skip_function(stream.get(), skip_read_cb);
  opj_stream_set_seek_function(stream.get(), seek_read_cb);

  opj_image_t* raw = nullptr;
  if (!opj_read_header(stream.get(), codec.get(), &raw)) {
    return invalid_argument("JPEG 2000: unreadable header: " +
                            (messages.error.empty() ? std::string("truncated or corrupt")
                                                    : messages.error));
  }
  ImagePtr image(raw);
  // Check the size before OpenJPEG allocates the decoded planes.
  std::int64_t width = std::int64_t(image->x1) - image->x0;
  std::int64_t height = std::int64_t(image->y1) - image->y0;
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "JPEG 2000"));
  if (image->numcomps == 0 || image->numcomps > 4) {
    return unsupported("JPEG 2000: " + std::to_string(image->numcomps) +
                       " components; expected gray (1) or colour (3, 4)");
  }
  if (!opj_decode(codec.get(), stream.get(), image.get()) ||
      !opj_end_decompress(codec.get(), stream.get())) {
    return invalid_argument("JPEG 2000: decoding failed: " +
                            (messages.error.empty() ? std::string("truncated or corrupt")
                                                    : messages.error));
  }
  const opj_image_comp_t& c0 = image->comps[0];
  if (c0.data == nullptr || c0.w == 0 || c0.h == 0 || c0.prec == 0 || c0.prec > 31) {
    return invalid_argument("JPEG 2000: the first component has no samples");
  }
  GrayImage out;
  out.width = static_cast<int>(c0.w);
  out.height = static_cast<int>(c0.h);
  ABIS_RETURN_IF_ERROR(check_dimensions(out.width, out.height, "JPEG 2000"));
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  bool colour = image->numcomps >= 3 && image->color_space != OPJ_CLRSPC_SYCC &&
                image->color_space != OPJ_CLRSPC_EYCC;
  for (int i = 1; colour && i < 3; ++i) {
    const opj_image_comp_t& c = image->comps[i];
    if (c.w != c0.w || c.h != c0.h || c.data == nullptr || c.prec == 0 || c.prec > 31) {
      colour = false;  // subsampled chroma: the first component is the luma
    }
  }
  const std::size_t n = out.pixels.size();
  if (colour) {
    for (std::size_t i = 0; i < n; ++i) {
      double r = to_8bit(image->comps[0].data[i], image->comps[0]);
      double g = to_8bit(image->comps[1].data[i], image->comps[1]);
      double b = to_8bit(image->comps[2].data[i], image->comps[2]);
      out.pixels[i] = static_cast<std::uint8_t>(std::lround(0.299 * r + 0.587 * g + 0.114 * b));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out.pixels[i] = to_8bit(c0.data[i], c0);
  }
  if (format == OPJ_CODEC_JP2) out.ppi = read_jp2_ppi(data);
  return out;
}

Result<std::vector<std::uint8_t>> encode_jpeg2000(const GrayImage& image,
                                                  const Jpeg2000EncodeOptions& options) {
  ABIS_RETURN_IF_ERROR(check_dimensions(image.width, image.height, "JPEG 2000 encoder"));
  if (image.pixels.size() != static_cast<std::size_t>(image.width) * image.height) {
    return invalid_argument("JPEG 2000 encoder: the image holds " +
                            std::to_string(image.pixels.size()) + " pixels, not width x height");
  }
  if (options.compression_ratio < 0 || (options.compression_ratio > 0 && options.compression_ratio < 1)) {
    return invalid_argument("JPEG 2000 encoder: compression ratio must be 0 (lossless) or >= 1");
  }
  opj_cparameters_t params;
  opj_set_default_encoder_parameters(&params);
  params.tcp_numlayers = 1;
  params.cp_disto_alloc = 1;
  params.tcp_rates[0] = static_cast<float>(options.compression_ratio);  // 0: lossless
  params.irreversible = options.compression_ratio > 0 ? 1 : 0;
  // Fewer resolution levels for small images (each level halves the size).
  int levels = 0;
  while (levels < 5 && (image.width >> (levels + 1)) >= 1 && (image.height >> (levels + 1)) >= 1) {
    ++levels;
  }
  params.numresolution = levels + 1;

  opj_image_cmptparm_t component{};
  component.dx = component.dy = 1;
  component.w = static_cast<OPJ_UINT32>(image.width);
  component.h = static_cast<OPJ_UINT32>(image.height);
  component.prec = 8;
  component.sgnd = 0;
  ImagePtr img(opj_image_create(1, &component, OPJ_CLRSPC_GRAY));
  if (!img) return internal_error("JPEG 2000 encoder: OpenJPEG could not create an image");
  img->x0 = img->y0 = 0;
  img->x1 = component.w;
  img->y1 = component.h;
  for (std::size_t i = 0; i < image.pixels.size(); ++i) img->comps[0].data[i] = image.pixels[i];

  Messages messages;
  CodecPtr codec(opj_create_compress(options.jp2_container ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
  if (!codec) return internal_error("JPEG 2000 encoder: OpenJPEG could not create an encoder");
  attach_handlers(codec.get(), messages);
  if (!opj_setup_encoder(codec.get(), &params, img.get())) {
    return internal_error("JPEG 2000 encoder: setup failed: " + messages.error);
  }
  WriteBuffer buffer;
  StreamPtr stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_FALSE));
  opj_stream_set_user_data(stream.get(), &buffer, nullptr);
  opj_stream_set_write_function(stream.get(), write_cb);
  opj_stream_set_skip_function(stream.get(), skip_write_cb);
  opj_stream_set_seek_function(stream.get(), seek_write_cb);
  if (!opj_start_compress(codec.get(), img.get(), stream.get()) ||
      !opj_encode(codec.get(), stream.get()) || !opj_end_compress(codec.get(), stream.get())) {
    return internal_error("JPEG 2000 encoder: encoding failed: " + messages.error);
  }
  stream.reset();
  std::vector<std::uint8_t> out = std::move(buffer.data);
  if (options.jp2_container && image.ppi > 0) insert_resolution(out, image.ppi);
  return out;
}

}  // namespace abis::image
