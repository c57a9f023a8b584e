// `abis chip ...`: data groups read from an identity document's chip (ICAO 9303). DG3: the finger
// images, written as PNG with a JSON summary of the CBEFF headers and ISO/IEC 19794-4 records.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "core/file_io.h"
#include "formats/icao_dg3.h"
#include "formats/iso_survey.h"
#include "image/codecs.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;

std::string hex(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  char buf[4];
  for (auto b : bytes) {
    std::snprintf(buf, sizeof buf, "%02X", b);
    out += buf;
  }
  return out;
}

Status dg3_command(const std::string& path, const std::string& out_dir) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
  auto dg3 = formats::read_dg3(bytes);
  if (!dg3.is_ok()) return dg3.status().with_context(path);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return io_error(out_dir + ": " + ec.message());
  nlohmann::json summary = {{"file", path}, {"declared_instances", dg3->declared_instances}};
  nlohmann::json templates = nlohmann::json::array();
  for (std::size_t t = 0; t < dg3->templates.size(); ++t) {
    const auto& tp = dg3->templates[t];
    nlohmann::json header = nlohmann::json::object();
    for (const auto& [tag, value] : tp.header) {
      char name[8];
      std::snprintf(name, sizeof name, "%02X", tag);
      header[name] = hex(value);
    }
    nlohmann::json images = nlohmann::json::array();
    for (std::size_t i = 0; i < tp.record.images.size(); ++i) {
      const auto& fi = tp.record.images[i];
      const std::string file = "template-" + std::to_string(t + 1) + "-finger-" + std::to_string(fi.position) + ".png";
      nlohmann::json ji = {{"position", fi.position}, {"quality", fi.quality}, {"impression_type", fi.impression_type},
                           {"width", fi.width}, {"height", fi.height},
                           {"compression", formats::finger_image_compression_name(tp.record.compression)}};
      auto img = formats::decode_finger_image(tp.record, i);
      if (img.is_ok()) {
        ABIS_ASSIGN_OR_RETURN(core::Bytes png, image::encode_png(*img));
        ABIS_RETURN_IF_ERROR(core::write_file_atomic(fs::path(out_dir) / file, png));
        ji["file"] = file;
        std::cout << file << ": " << img->width << "x" << img->height << ", quality " << int(fi.quality) << "\n";
      } else {
        ji["error"] = img.status().message();
        std::cout << "template " << t + 1 << " image " << i + 1 << ": not decoded: " << img.status().message() << "\n";
      }
      images.push_back(std::move(ji));
    }
    templates.push_back({{"header", header},
                         {"bdb_offset", tp.bdb_offset},
                         {"bdb_bytes", tp.bdb.size()},
                         {"acquisition_level", tp.record.acquisition_level},
                         {"image_resolution", {tp.record.image_x_resolution, tp.record.image_y_resolution}},
                         {"images", images},
                         {"warnings", tp.warnings}});
  }
  summary["templates"] = std::move(templates);
  return core::write_file_atomic(fs::path(out_dir) / "dg3.json", summary.dump(2) + "\n");
}

Status survey_command(const std::string& dir, const std::string& markdown) {
  ABIS_ASSIGN_OR_RETURN(auto files, formats::run_iso_survey(dir));
  const std::string section = formats::render_iso_survey(files);
  if (markdown.empty()) {
    std::cout << section;
    return Status::ok();
  }
  ABIS_RETURN_IF_ERROR(write_marked_section(markdown, "formats-iso-survey", section));
  std::cout << "wrote the ISO/IEC 19794 survey into " << markdown << "\n";
  return Status::ok();
}

}  // namespace

void add_chip_commands(CLI::App& app, CliContext& ctx) {
  auto* chip = app.add_subcommand("chip", "Identity-document chips (ICAO 9303 DG3) and ISO/IEC 19794 records");
  chip->require_subcommand(1);
  struct Dg3Options {
    std::string file, out;
  };
  auto o = std::make_shared<Dg3Options>();
  auto* dg3 = chip->add_subcommand("dg3", "Write the finger images of an EF.DG3 as PNG (plus dg3.json)");
  dg3->add_option("FILE", o->file, "EF.DG3 as read from the chip")->required();
  dg3->add_option("-o,--output", o->out, "folder to write into")->required();
  dg3->callback([&ctx, o] { finish(ctx, dg3_command(o->file, o->out)); });

  struct SurveyOptions {
    std::string dir, markdown;
  };
  auto s = std::make_shared<SurveyOptions>();
  auto* survey = chip->add_subcommand(
      "survey", "Read every ISO/IEC 19794-2/-4 record, ANSI 378 record and DG3 of a folder, with the outcome of each");
  survey->add_option("DIR", s->dir, "folder (../shared/data/formats/iso19794)")->required();
  survey->add_option("--markdown", s->markdown, "write the table into this Markdown file (docs/CONFORMANCE.md)");
  survey->callback([&ctx, s] { finish(ctx, survey_command(s->dir, s->markdown)); });
}

}  // namespace abis::cli
