// `abis fp ...`: the dactyloscopic engine from the command line - extract a template, compare two
// prints, draw the minutiae, and the accuracy report over a folder of FVC-named images.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli_context.h"
#include "core/file_io.h"
#include "dactyl/eval/dataset_eval.h"
#include "dactyl/extract/extractor.h"
#include "dactyl/match/calibration.h"
#include "dactyl/match/matcher.h"
#include "dactyl/template/iso_conversion.h"
#include "dactyl/template/native_format.h"
#include "formats/iso19794_2.h"
#include "image/codecs.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;

// An input given as an image (extracted), a native template or an ISO 19794-2 / ANSI 378 record
// (its first view; parsed).
Result<dactyl::Template> load_print(const std::string& path, double dpi) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
  if (bytes.size() >= 4 && bytes[0] == 'F' && bytes[1] == 'M' && bytes[2] == 'R' && bytes[3] == 0) {
    auto record = formats::read_minutiae_record(bytes);
    if (!record.is_ok()) return record.status().with_context(path);
    auto tpl = dactyl::from_minutiae_record(*record, 0);
    if (!tpl.is_ok()) return tpl.status().with_context(path);
    return tpl;
  }
  if (dactyl::is_native_template(bytes)) {
    auto tpl = dactyl::decode_native(bytes);
    if (!tpl.is_ok()) return tpl.status().with_context(path);
    return tpl;
  }
  auto img = image::decode_image(bytes);
  if (!img.is_ok()) return img.status().with_context(path);
  dactyl::ExtractOptions options;
  options.fallback_ppi = dpi;
  auto tpl = dactyl::extract_template(*img, options);
  if (!tpl.is_ok()) return tpl.status().with_context(path);
  return tpl;
}

std::string template_json(const dactyl::Template& tpl) {
  std::string out = "{\"format\":\"abis-fingerprint-template\",\"resolution_ppi\":500,\"width\":" +
                    std::to_string(tpl.width) + ",\"height\":" + std::to_string(tpl.height) +
                    ",\"quality\":" + std::to_string(tpl.quality) + ",\"minutiae\":[";
  for (std::size_t i = 0; i < tpl.minutiae.size(); ++i) {
    const auto& m = tpl.minutiae[i];
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s{\"x\":%u,\"y\":%u,\"angle_deg\":%.2f,\"type\":\"%s\",\"quality\":%u}",
                  i ? "," : "", m.x, m.y, m.angle * 360.0 / 256.0,
                  m.type == dactyl::MinutiaType::kEnding ? "ending"
                  : m.type == dactyl::MinutiaType::kBifurcation ? "bifurcation" : "other",
                  m.quality);
    out += buf;
  }
  return out + "]}";
}

// Writes every intermediate stage of the extraction as PNG into a folder.
class StageWriter : public dactyl::ExtractionObserver {
 public:
  explicit StageWriter(fs::path folder) : folder_(std::move(folder)) {}
  void on_stage(std::string_view name, const image::GrayImage& picture) override {
    auto png = image::encode_png(picture);
    if (!png.is_ok()) return;
    const fs::path file = folder_ / (std::to_string(++index_) + "-" + std::string(name) + ".png");
    if (core::write_file_atomic(file, *png).is_ok()) written.push_back(file.string());
  }
  std::vector<std::string> written;

 private:
  fs::path folder_;
  int index_ = 0;
};

void draw_overlay(std::vector<std::uint8_t>& rgb, int w, int h, const dactyl::Template& tpl, double scale) {
  auto plot = [&](int x, int y, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    std::uint8_t* p = &rgb[(static_cast<std::size_t>(y) * w + x) * 3];
    p[0] = r;
    p[1] = g;
    p[2] = b;
  };
  for (const auto& m : tpl.minutiae) {
    const bool ending = m.type == dactyl::MinutiaType::kEnding;
    const std::uint8_t r = ending ? 230 : 0, g = ending ? 0 : 90, b = ending ? 0 : 230;
    const double cx = m.x * scale, cy = m.y * scale, rad = 4 * scale, a = dactyl::angle_to_radians(m.angle);
    for (int k = 0; k < 32; ++k) {
      const double t = k * 2 * 3.14159265358979 / 32;
      plot(static_cast<int>(std::lround(cx + rad * std::cos(t))), static_cast<int>(std::lround(cy + rad * std::sin(t))), r, g, b);
    }
    for (double t = rad; t <= rad + 10 * scale; t += 0.5)
      plot(static_cast<int>(std::lround(cx + t * std::cos(a))), static_cast<int>(std::lround(cy + t * std::sin(a))), r, g, b);
  }
}

}  // namespace

void add_fp_commands(CLI::App& app, CliContext& ctx) {
  auto* fp = app.add_subcommand("fp", "Fingerprints: extract, compare, show, eval");
  fp->require_subcommand(1);

  // ---- extract ----
  struct ExtractArgs {
    std::string input, output, format = "native";
    double dpi = 500;
  };
  auto ea = std::make_shared<ExtractArgs>();
  auto* extract = fp->add_subcommand("extract", "Extract a minutiae template from a fingerprint image");
  extract->add_option("IMAGE", ea->input, "Image file (PNG, TIFF, JPEG, BMP, PGM, WSQ, JPEG 2000)")->required();
  extract->add_option("--dpi", ea->dpi, "Resolution of images that do not carry one (default 500)");
  extract->add_option("-o,--output", ea->output, "Output file (default: standard output for json)");
  extract->add_option("--format", ea->format, "native | json | iso19794-2 | ansi378")
      ->check(CLI::IsMember({"native", "json", "iso19794-2", "ansi378"}));
  extract->callback([&ctx, ea] {
    auto tpl = load_print(ea->input, ea->dpi);
    if (!tpl.is_ok()) return (void)finish(ctx, tpl.status());
    if (ea->format == "iso19794-2" || ea->format == "ansi378") {
      if (ea->output.empty()) {
        return (void)finish(ctx, invalid_argument("--format " + ea->format + " is binary: give -o FILE"));
      }
      const auto standard = ea->format == "ansi378" ? formats::MinutiaeStandard::kAnsi378_2004
                                                    : formats::MinutiaeStandard::kIso19794_2_2005;
      auto record = formats::write_minutiae_record(dactyl::to_minutiae_record(*tpl, standard));
      if (!record.is_ok()) return (void)finish(ctx, record.status());
      Status st = core::write_file_atomic(ea->output, *record);
      if (st.is_ok()) {
        std::cout << ea->output << ": " << formats::minutiae_standard_name(standard) << ", "
                  << tpl->minutiae.size() << " minutiae, " << record->size() << " bytes\n";
      }
      return (void)finish(ctx, st);
    }
    if (ea->format == "json") {
      const std::string text = template_json(*tpl) + "\n";
      if (ea->output.empty()) {
        std::cout << text;
        return (void)finish(ctx, Status::ok());
      }
      return (void)finish(ctx, core::write_file_atomic(ea->output, text));
    }
    auto bytes = dactyl::encode_native(*tpl);
    if (!bytes.is_ok()) return (void)finish(ctx, bytes.status());
    if (ea->output.empty()) {
      return (void)finish(ctx, invalid_argument("the native format is binary: give -o FILE (or --format json)"));
    }
    Status st = core::write_file_atomic(ea->output, *bytes);
    if (st.is_ok()) {
      std::cout << ea->output << ": " << tpl->minutiae.size() << " minutiae, quality " << int(tpl->quality) << ", "
                << bytes->size() << " bytes\n";
    }
    finish(ctx, st);
  });

  // ---- compare ----
  struct CompareArgs {
    std::string a, b;
    double dpi = 500;
    double threshold = dactyl::kDefaultThreshold;
  };
  auto ca = std::make_shared<CompareArgs>();
  auto* cmp = fp->add_subcommand("compare", "Compare two fingerprints (images, native templates or ISO 19794-2 / ANSI 378 records)");
  cmp->add_option("A", ca->a, "First print")->required();
  cmp->add_option("B", ca->b, "Second print")->required();
  cmp->add_option("--dpi", ca->dpi, "Resolution of images that do not carry one (default 500)");
  cmp->add_option("--threshold", ca->threshold, "Decision threshold (default 40 = FMR 1e-4)");
  cmp->callback([&ctx, ca] {
    auto ta = load_print(ca->a, ca->dpi);
    if (!ta.is_ok()) return (void)finish(ctx, ta.status());
    auto tb = load_print(ca->b, ca->dpi);
    if (!tb.is_ok()) return (void)finish(ctx, tb.status());
    const auto details = dactyl::compare_details(dactyl::prepare_template(*ta), dactyl::prepare_template(*tb));
    char buf[256];
    std::snprintf(buf, sizeof buf, "score %.1f (FMR %.2g), %zu paired minutiae, threshold %.1f: %s\n", details.score,
                  dactyl::false_match_rate(details.score), details.pairs.size(), ca->threshold,
                  details.score >= ca->threshold ? "MATCH" : "no match");
    std::cout << buf;
    finish(ctx, Status::ok());
  });

  // ---- show ----
  struct ShowArgs {
    std::string input, output, stages;
    double dpi = 500;
  };
  auto sa = std::make_shared<ShowArgs>();
  auto* show = fp->add_subcommand("show", "Draw the minutiae over the image (and optionally every stage)");
  show->add_option("IMAGE", sa->input, "Fingerprint image")->required();
  show->add_option("-o,--output", sa->output, "Overlay PNG to write")->required();
  show->add_option("--dpi", sa->dpi, "Resolution of images that do not carry one (default 500)");
  show->add_option("--stages", sa->stages, "Folder to write every intermediate stage into, as PNG");
  show->callback([&ctx, sa] {
    auto bytes = core::read_file(sa->input);
    if (!bytes.is_ok()) return (void)finish(ctx, bytes.status());
    auto img = image::decode_image(*bytes);
    if (!img.is_ok()) return (void)finish(ctx, img.status().with_context(sa->input));
    dactyl::ExtractOptions options;
    options.fallback_ppi = sa->dpi;
    std::unique_ptr<StageWriter> writer;
    if (!sa->stages.empty()) {
      std::error_code ec;
      fs::create_directories(sa->stages, ec);
      writer = std::make_unique<StageWriter>(sa->stages);
      options.observer = writer.get();
    }
    auto tpl = dactyl::extract_template(*img, options);
    if (!tpl.is_ok()) return (void)finish(ctx, tpl.status().with_context(sa->input));
    const int w = img->width, h = img->height;
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * h * 3);
    for (std::size_t i = 0; i < img->pixels.size(); ++i) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = img->pixels[i];
    const double ppi = img->ppi > 0 ? img->ppi : sa->dpi;
    draw_overlay(rgb, w, h, *tpl, ppi / 500.0);
    auto png = image::encode_png_rgb(w, h, rgb);
    if (!png.is_ok()) return (void)finish(ctx, png.status());
    Status st = core::write_file_atomic(sa->output, *png);
    if (st.is_ok()) {
      std::cout << sa->output << ": " << tpl->minutiae.size() << " minutiae (red: endings, blue: bifurcations), quality "
                << int(tpl->quality) << "\n";
      if (writer) std::cout << writer->written.size() << " stage images in " << sa->stages << "\n";
    }
    finish(ctx, st);
  });

  // ---- calibrate ----
  // How the score calibration of dactyl/match/calibration.cpp was derived: impostor comparisons
  // within and across the given folders (different fingers only), their raw similarity quantiles
  // at each false match rate, and an exponential fit of the tail beyond the data.
  struct CalibrateArgs {
    std::vector<std::string> folders;
  };
  auto cal = std::make_shared<CalibrateArgs>();
  auto* calibrate = fp->add_subcommand("calibrate", "Derive the score calibration from impostor comparisons");
  calibrate->add_option("DIR", cal->folders, "Folders of FVC-named images, each as DIR or DIR:PPI")->required();
  calibrate->callback([&ctx, cal] {
    std::vector<std::pair<std::string, dactyl::PreparedTemplate>> all;  // finger key, template
    for (const std::string& spec : cal->folders) {
      std::string dir = spec;
      double ppi = 500;
      if (const auto colon = spec.rfind(':'); colon != std::string::npos) {
        dir = spec.substr(0, colon);
        ppi = std::atof(spec.c_str() + colon + 1);
      }
      std::error_code ec;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir, ec))
        if (image::format_from_extension(e.path().extension().string()) != image::ImageFormat::kUnknown)
          files.push_back(e.path());
      if (ec) return (void)finish(ctx, not_found("cannot read folder " + dir));
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        auto tpl = load_print(f.string(), ppi);
        if (!tpl.is_ok()) continue;
        const std::string stem = f.stem().string();
        all.emplace_back(dir + "/" + stem.substr(0, stem.find('_')), dactyl::prepare_template(*tpl));
      }
    }
    std::vector<double> sims;
    for (std::size_t i = 0; i < all.size(); ++i)
      for (std::size_t j = i + 1; j < all.size(); ++j)
        if (all[i].first != all[j].first) sims.push_back(dactyl::compare_details(all[i].second, all[j].second).similarity);
    std::sort(sims.begin(), sims.end(), std::greater<>());
    const double n = static_cast<double>(sims.size());
    std::cout << all.size() << " templates, " << sims.size() << " impostor comparisons\n";
    std::cout << "FMR        similarity\n";
    for (double fmr : {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5}) {
      const std::size_t k = static_cast<std::size_t>(fmr * n);
      if (k < 3) break;
      char line[96];
      std::snprintf(line, sizeof line, "%-10.0e %.5f\n", fmr, sims[k]);
      std::cout << line;
    }
    // Tail fit: log10 FMR = a + b * similarity over the top 1 % of impostor similarities.
    const std::size_t top = std::max<std::size_t>(10, sims.size() / 100);
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t k = 0; k < top && k < sims.size(); ++k) {
      const double x = sims[k], y = std::log10((k + 1) / n);
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const double m = static_cast<double>(std::min(top, sims.size()));
    const double b = (m * sxy - sx * sy) / (m * sxx - sx * sx), a = (sy - b * sx) / m;
    char line[160];
    std::snprintf(line, sizeof line, "tail: log10(FMR) = %.4f %+.4f * similarity (fitted on the top %zu)\n", a, b,
                  static_cast<std::size_t>(m));
    std::cout << line;
    finish(ctx, Status::ok());
  });

  // ---- eval ----
  struct EvalArgs {
    std::string folder;
    double dpi = 500;
    bool json = false;
    std::string scores;
  };
  auto va = std::make_shared<EvalArgs>();
  auto* ev = fp->add_subcommand("eval", "Accuracy report over a folder of <finger>_<impression>.<ext> images");
  ev->add_option("DIR", va->folder, "Folder of images")->required();
  ev->add_option("--dpi", va->dpi, "Resolution of images that do not carry one (default 500; FVC2002 DB2: 569)");
  ev->add_flag("--json", va->json, "Print the figures as one JSON object on the last line");
  ev->add_option("--scores", va->scores, "Write every comparison (a b genuine|impostor score) to this file");
  ev->callback([&ctx, va] {
    auto report = dactyl::eval::evaluate_folder(va->folder, va->dpi);
    if (!report.is_ok()) return (void)finish(ctx, report.status());
    const auto& r = *report;
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "%s: %d images, %d failed extractions, mean %.1f minutiae\n"
                  "genuine %d, impostor %d\n"
                  "EER %.2f %%  FMR100 %.2f %%  FMR1000 %.2f %%  ZeroFMR %.2f %%\n"
                  "extraction median %.2f ms, %.0f comparisons/s (one thread)\n",
                  r.folder.c_str(), r.images, r.failed_extractions, r.mean_minutiae, r.genuine, r.impostor,
                  100 * r.rates.eer, 100 * r.rates.fmr100, 100 * r.rates.fmr1000, 100 * r.rates.zero_fmr,
                  r.extract_ms_median, r.compares_per_s);
    std::cout << buf;
    for (const auto& f : r.failures) std::cout << "  failed: " << f << "\n";
    if (!va->scores.empty()) {
      std::string text;
      for (const auto& c : r.comparisons) {
        char line[256];
        std::snprintf(line, sizeof line, "%s %s %s %.4f\n", c.a.c_str(), c.b.c_str(), c.genuine ? "genuine" : "impostor",
                      c.score);
        text += line;
      }
      Status st = core::write_file_atomic(va->scores, text);
      if (!st.is_ok()) return (void)finish(ctx, st);
    }
    if (va->json) {
      std::snprintf(buf, sizeof buf,
                    "{\"eer\":%.6f,\"fmr100\":%.6f,\"fmr1000\":%.6f,\"zerofmr\":%.6f,\"genuine\":%d,\"impostor\":%d,"
                    "\"failed_extractions\":%d,\"extract_ms_median\":%.3f,\"compares_per_s\":%.0f}\n",
                    r.rates.eer, r.rates.fmr100, r.rates.fmr1000, r.rates.zero_fmr, r.genuine, r.impostor,
                    r.failed_extractions, r.extract_ms_median, r.compares_per_s);
      std::cout << buf;
    }
    finish(ctx, Status::ok());
  });
}

}  // namespace abis::cli
