// `abis nist ...`: ANSI/NIST-ITL transactions - dump, validate, extract images and fields, build
// from a JSON spec, and the survey that produces the Formats section of docs/CONFORMANCE.md.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "core/file_io.h"
#include "formats/ansi_nist.h"
#include "formats/ansi_nist_builder.h"
#include "formats/ansi_nist_images.h"
#include "formats/ansi_nist_json.h"
#include "formats/ansi_nist_survey.h"
#include "formats/ansi_nist_validate.h"
#include "image/codecs.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;
namespace an = formats::ansi_nist;

Result<an::ReadResult> read_transaction_file(const std::string& path) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
  auto read = an::read_transaction(bytes);
  if (!read.is_ok()) return read.status().with_context(path);
  return read;
}

Status dump_command(const std::string& path, bool json) {
  ABIS_ASSIGN_OR_RETURN(an::ReadResult read, read_transaction_file(path));
  if (json) {
    std::cout << an::transaction_to_json(read.transaction);
  } else {
    std::cout << an::transaction_to_text(read.transaction);
    for (const auto& issue : read.issues) std::cout << issue.to_string() << "\n";
  }
  return Status::ok();
}

Status validate_command(const std::string& path, bool no_images) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
  an::ValidationOptions options;
  options.decode_images = !no_images;
  an::ValidationReport report = an::validate_bytes(bytes, options);
  for (const auto& issue : report.issues) std::cout << issue.to_string() << "\n";
  std::cout << path << ": " << report.records << " records, " << report.errors() << " errors, "
            << report.warnings() << " warnings\n";
  if (report.errors() > 0) return unprocessable(path + ": not a valid transaction (see the list above)");
  return Status::ok();
}

std::string payload_extension(std::span<const std::uint8_t> data) {
  switch (image::sniff_format(data)) {
    case image::ImageFormat::kWsq: return ".wsq";
    case image::ImageFormat::kJpeg: return ".jpg";
    case image::ImageFormat::kJpeg2000: return ".jp2";
    case image::ImageFormat::kPng: return ".png";
    case image::ImageFormat::kTiff: return ".tif";
    default: return ".bin";
  }
}

Status extract_command(const std::string& path, const std::string& out_dir) {
  ABIS_ASSIGN_OR_RETURN(an::ReadResult read, read_transaction_file(path));
  const an::Transaction& tx = read.transaction;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return io_error(out_dir + ": " + ec.message());
  ABIS_RETURN_IF_ERROR(core::write_file_atomic(fs::path(out_dir) / "fields.json", an::transaction_to_json(tx)));
  int images = 0, kept = 0;
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    const an::Record& r = tx.records[i];
    const std::string stem = "record-" + std::to_string(i) + "-type" + std::to_string(r.type);
    if (an::describe_image(tx, i)) {
      auto img = an::decode_record_image(tx, i);
      if (img.is_ok()) {
        ABIS_ASSIGN_OR_RETURN(core::Bytes png, image::encode_png(*img));
        ABIS_RETURN_IF_ERROR(core::write_file_atomic(fs::path(out_dir) / (stem + ".png"), png));
        std::cout << stem << ".png: " << img->width << "x" << img->height << "\n";
        ++images;
        continue;
      }
      std::cout << stem << ": not decoded: " << img.status().message() << "\n";
    }
    // Payloads we do not turn into PNG are kept as they are (Type-7, 99, undecodable images).
    std::span<const std::uint8_t> data = r.data();
    if (data.empty() || !r.data_field() || (r.type == 1 || r.type == 2 || r.type == 9)) continue;
    const std::string file = stem + payload_extension(data);
    ABIS_RETURN_IF_ERROR(core::write_file_atomic(fs::path(out_dir) / file, data));
    std::cout << file << ": " << data.size() << " bytes as stored\n";
    ++kept;
  }
  std::cout << out_dir << ": fields.json, " << images << " images as PNG, " << kept << " payloads as stored\n";
  return Status::ok();
}

Status build_command(const std::string& spec_path, const std::string& out) {
  ABIS_ASSIGN_OR_RETURN(std::string spec, core::read_text_file(spec_path, 1 << 20));
  auto bytes = an::build_from_spec(spec, fs::path(spec_path).parent_path());
  if (!bytes.is_ok()) return bytes.status().with_context(spec_path);
  ABIS_RETURN_IF_ERROR(core::write_file_atomic(out, *bytes));
  auto back = an::read_transaction(*bytes);
  std::cout << out << ": " << bytes->size() << " bytes, "
            << (back.is_ok() ? back->transaction.records.size() : 0) << " records\n";
  return Status::ok();
}

Status survey_command(const std::string& dir, const std::string& markdown) {
  ABIS_ASSIGN_OR_RETURN(an::SurveyReport report, an::run_survey(dir));
  const std::string section = an::render_survey(report);
  if (markdown.empty()) {
    std::cout << section;
  } else {
    ABIS_RETURN_IF_ERROR(write_marked_section(markdown, "formats-ansi-nist-survey", section));
    std::cout << "wrote the ANSI/NIST survey into " << markdown << "\n";
  }
  for (const auto& f : report.files) {
    if (!f.read_error.empty() || !f.round_trip) return unprocessable("survey: some files failed (see the table)");
  }
  return Status::ok();
}

}  // namespace

void add_nist_commands(CLI::App& app, CliContext& ctx) {
  auto* nist = app.add_subcommand("nist", "ANSI/NIST-ITL 1-2011 transactions (traditional encoding)");
  nist->require_subcommand(1);

  struct DumpOptions {
    std::string file;
    bool json = false;
  };
  auto d = std::make_shared<DumpOptions>();
  auto* dump = nist->add_subcommand("dump", "Print every record and field of a transaction");
  dump->add_option("FILE", d->file, "transaction (.an2, .eft, .nist)")->required();
  dump->add_flag("--json", d->json, "print JSON instead of text");
  dump->callback([&ctx, d] { finish(ctx, dump_command(d->file, d->json)); });

  struct ValidateOptions {
    std::string file;
    bool no_images = false;
  };
  auto v = std::make_shared<ValidateOptions>();
  auto* validate = nist->add_subcommand("validate", "List every problem of a transaction with its record and field");
  validate->add_option("FILE", v->file, "transaction")->required();
  validate->add_flag("--no-images", v->no_images, "do not decode the images");
  validate->callback([&ctx, v] { finish(ctx, validate_command(v->file, v->no_images)); });

  struct ExtractOptions {
    std::string file, out;
  };
  auto x = std::make_shared<ExtractOptions>();
  auto* extract = nist->add_subcommand("extract", "Write the images as PNG and the fields as JSON into a folder");
  extract->add_option("FILE", x->file, "transaction")->required();
  extract->add_option("-o,--output", x->out, "folder to write into")->required();
  extract->callback([&ctx, x] { finish(ctx, extract_command(x->file, x->out)); });

  struct BuildOptions {
    std::string spec, out;
  };
  auto b = std::make_shared<BuildOptions>();
  auto* build = nist->add_subcommand("build", "Build a transaction from a JSON spec (fields and image files)");
  build->add_option("SPEC", b->spec, "JSON spec (docs/formats/ansi-nist.md)")->required();
  build->add_option("-o,--output", b->out, "transaction file to write")->required();
  build->callback([&ctx, b] { finish(ctx, build_command(b->spec, b->out)); });

  struct SurveyOptions {
    std::string dir, markdown;
  };
  auto s = std::make_shared<SurveyOptions>();
  auto* survey = nist->add_subcommand(
      "survey", "Read, validate, rewrite and decode every transaction of a folder (checked against IMAGE-RECORDS.tsv)");
  survey->add_option("DIR", s->dir, "folder (../shared/data/formats/ansi-nist)")->required();
  survey->add_option("--markdown", s->markdown, "write the table into this Markdown file (docs/CONFORMANCE.md)");
  survey->callback([&ctx, s] { finish(ctx, survey_command(s->dir, s->markdown)); });
}

}  // namespace abis::cli
