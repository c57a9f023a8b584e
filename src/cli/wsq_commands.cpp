// `abis wsq ...`: decode, encode and inspect WSQ files, and run the conformance check that
// produces the WSQ section of docs/CONFORMANCE.md.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "core/file_io.h"
#include "image/codecs.h"
#include "image/wsq.h"
#include "image/wsq_conformance.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;

Status decode_command(const std::string& in, const std::string& out) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(in));
  ABIS_ASSIGN_OR_RETURN(image::GrayImage img, image::decode_wsq(bytes));
  image::ImageFormat format = image::format_from_extension(fs::path(out).extension().string());
  core::Bytes encoded;
  if (format == image::ImageFormat::kPng) {
    ABIS_ASSIGN_OR_RETURN(encoded, image::encode_png(img));
  } else if (format == image::ImageFormat::kPgm) {
    ABIS_ASSIGN_OR_RETURN(encoded, image::encode_pgm(img));
  } else {
    return invalid_argument("output " + out + ": give a .png or .pgm file name");
  }
  return core::write_file_atomic(out, encoded);
}

Status encode_command(const std::string& in, const std::string& out,
                      const image::WsqEncodeOptions& options) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(in));
  ABIS_ASSIGN_OR_RETURN(image::GrayImage img, image::decode_image(bytes));
  ABIS_ASSIGN_OR_RETURN(core::Bytes wsq, image::encode_wsq(img, options));
  ABIS_RETURN_IF_ERROR(core::write_file_atomic(out, wsq));
  std::printf("%s: %dx%d, %zu bytes, %.3f bits per pixel\n", out.c_str(), img.width, img.height,
              wsq.size(), 8.0 * double(wsq.size()) / (double(img.width) * img.height));
  return Status::ok();
}

Status info_command(const std::string& in) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(in));
  ABIS_ASSIGN_OR_RETURN(image::WsqInfo info, image::read_wsq_info(bytes));
  std::printf("file            %s (%zu bytes, %zu in comments)\n", in.c_str(), info.file_bytes,
              info.comment_bytes);
  std::printf("size            %d x %d\n", info.width, info.height);
  if (info.ppi > 0) std::printf("ppi             %g\n", info.ppi);
  else std::printf("ppi             unknown (no NISTCOM PPI)\n");
  std::printf("bits per pixel  %.3f\n",
              8.0 * double(info.file_bytes) / (double(info.width) * info.height));
  std::printf("encoder         %d (software %d)\n", info.encoder_number, info.software_number);
  std::printf("shift M         %g\nscale R         %g\n", info.shift, info.scale);
  std::printf("filters         %d/%d taps\n", info.lowpass_taps, info.highpass_taps);
  std::printf("bin center C    %g\n", info.bin_center);
  std::printf("blocks          %d, Huffman tables %d, restart interval %d\n", info.block_count,
              info.huffman_table_count, info.restart_interval);
  int sent = 0;
  for (double q : info.bin_widths) sent += q != 0;
  std::printf("subbands sent   %d of 64\n", sent);
  for (std::size_t k = 0; k < info.bin_widths.size(); ++k) {
    if (info.bin_widths[k] == 0) continue;
    std::printf("  subband %2zu    Q %-10g Z %g\n", k, info.bin_widths[k], info.zero_bin_widths[k]);
  }
  for (const auto& c : info.comments) {
    std::printf("comment         ");
    for (char ch : c) {
      if (ch == '\n') std::printf("\n                ");
      else std::putchar((ch >= 32 && ch < 127) ? ch : '.');
    }
    std::printf("\n");
  }
  return Status::ok();
}

Status conformance_command(const std::string& dir, const std::string& markdown, bool decoder,
                           bool encoder, bool quiet) {
  image::WsqConformanceOptions options;
  options.decoder = decoder;
  options.encoder = encoder;
  if (!quiet) options.progress = [](const std::string& line) { std::cerr << line << "\n"; };
  ABIS_ASSIGN_OR_RETURN(image::WsqConformanceReport report,
                        image::run_wsq_conformance(dir, options));
  std::string section = image::render_wsq_conformance(report);
  if (markdown.empty()) {
    std::cout << section;
  } else {
    ABIS_RETURN_IF_ERROR(write_marked_section(markdown, "wsq-conformance", section));
    std::cout << "wrote the WSQ section of " << markdown << "\n";
  }
  bool all_pass = true;
  for (const auto& c : report.decode) all_pass = all_pass && c.ok();
  for (const auto& c : report.encode) all_pass = all_pass && c.pass();
  if (!all_pass) return unprocessable("WSQ conformance: some checks failed (see the table)");
  return Status::ok();
}

}  // namespace

void add_wsq_commands(CLI::App& app, CliContext& ctx) {
  auto* wsq = app.add_subcommand("wsq", "WSQ fingerprint image codec (FBI WSQ specification v3)");
  wsq->require_subcommand(1);

  struct DecodeOptions {
    std::string in, out;
  };
  auto d_opts = std::make_shared<DecodeOptions>();
  auto* decode = wsq->add_subcommand("decode", "Decode a WSQ file to PNG or PGM");
  decode->add_option("input", d_opts->in, "WSQ file")->required();
  decode->add_option("output", d_opts->out, "output image (.png or .pgm)")->required();
  decode->callback([&ctx, d_opts] { finish(ctx, decode_command(d_opts->in, d_opts->out)); });

  struct EncodeOptions {
    std::string in, out;
    image::WsqEncodeOptions options;
  };
  auto e_opts = std::make_shared<EncodeOptions>();
  auto* encode = wsq->add_subcommand("encode", "Encode a grayscale image as WSQ");
  encode->add_option("input", e_opts->in, "image (PNG, TIFF, BMP, PGM, JPEG, JPEG 2000, WSQ)")
      ->required();
  encode->add_option("output", e_opts->out, "WSQ file to write")->required();
  encode
      ->add_option("--bitrate", e_opts->options.bitrate,
                   "target bits per pixel: 0.75 is the FBI's setting for 500 ppi prints (about "
                   "15:1), 2.25 keeps more detail (about 5:1)")
      ->capture_default_str();
  encode->add_option("--ppi", e_opts->options.ppi,
                     "scan resolution for the NISTCOM comment (default: from the input)");
  encode->add_option("--comment", e_opts->options.comments, "extra comment segment (repeatable)");
  encode->callback([&ctx, e_opts] {
    finish(ctx, encode_command(e_opts->in, e_opts->out, e_opts->options));
  });

  auto info_in = std::make_shared<std::string>();
  auto* info = wsq->add_subcommand("info", "Print the headers and tables of a WSQ file");
  info->add_option("input", *info_in, "WSQ file")->required();
  info->callback([&ctx, info_in] { finish(ctx, info_command(*info_in)); });

  struct ConformanceOptions {
    std::string dir, markdown;
    bool decoder_only = false, encoder_only = false, quiet = false;
  };
  auto c_opts = std::make_shared<ConformanceOptions>();
  auto* conf = wsq->add_subcommand(
      "conformance", "Check the decoder and encoder against the NBIS reconstructions and the NIST "
                     "certification reference files");
  conf->add_option("dir", c_opts->dir, "the WSQ data folder (../shared/data/formats/wsq)")
      ->required();
  conf->add_option("--markdown", c_opts->markdown,
                   "write the WSQ section into this Markdown file (docs/CONFORMANCE.md) instead "
                   "of printing it");
  conf->add_flag("--decoder-only", c_opts->decoder_only, "check only the decoder");
  conf->add_flag("--encoder-only", c_opts->encoder_only, "check only the encoder");
  conf->add_flag("--quiet", c_opts->quiet, "no per-file progress on stderr");
  conf->callback([&ctx, c_opts] {
    finish(ctx, conformance_command(c_opts->dir, c_opts->markdown, !c_opts->encoder_only,
                                    !c_opts->decoder_only, c_opts->quiet));
  });
}

}  // namespace abis::cli
