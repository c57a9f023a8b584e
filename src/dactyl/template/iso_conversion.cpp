#include "dactyl/template/iso_conversion.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace abis::dactyl {
namespace {

constexpr std::uint16_t kPixelsPerCm500 = 197;  // 500 ppi as the standards write it
constexpr double kCmPerInch = 2.54;

bool is_ansi(formats::MinutiaeStandard s) {
  return s == formats::MinutiaeStandard::kAnsi378_2004 || s == formats::MinutiaeStandard::kAnsi378_2009;
}

}  // namespace

formats::MinutiaeRecord to_minutiae_record(const Template& tpl, formats::MinutiaeStandard standard,
                                           std::uint8_t finger_position) {
  formats::MinutiaeRecord rec;
  rec.standard = standard;
  rec.angle_units_per_turn = is_ansi(standard) ? 180 : 256;
  rec.width = tpl.width;
  rec.height = tpl.height;
  rec.x_resolution = rec.y_resolution = kPixelsPerCm500;
  formats::FingerView view;
  view.finger_position = finger_position;
  view.finger_quality = tpl.quality;
  for (const Minutia& m : tpl.minutiae) {
    formats::RecordMinutia r;
    r.x = m.x;
    r.y = m.y;
    r.angle = static_cast<std::uint16_t>(std::lround(m.angle * rec.angle_units_per_turn / 256.0) %
                                         rec.angle_units_per_turn);
    r.kind = m.type == MinutiaType::kEnding        ? formats::MinutiaKind::kRidgeEnding
             : m.type == MinutiaType::kBifurcation ? formats::MinutiaKind::kBifurcation
                                                   : formats::MinutiaKind::kOther;
    r.quality = m.quality;
    view.minutiae.push_back(r);
  }
  rec.views.push_back(std::move(view));
  return rec;
}

Result<Template> from_minutiae_record(const formats::MinutiaeRecord& rec, std::size_t view_index) {
  if (view_index >= rec.views.size()) {
    return invalid_argument("the minutiae record has " + std::to_string(rec.views.size()) + " finger views, no view " +
                            std::to_string(view_index));
  }
  if (rec.angle_units_per_turn == 0) return invalid_argument("the minutiae record has no angle unit");
  // 0 means "not given": assume the 500 ppi nearly every minutiae record is made at.
  const std::uint16_t xres = rec.x_resolution ? rec.x_resolution : kPixelsPerCm500;
  const std::uint16_t yres = rec.y_resolution ? rec.y_resolution : kPixelsPerCm500;
  const double xppi = xres * kCmPerInch, yppi = yres * kCmPerInch;
  if (xppi < 100 || yppi < 100 || xppi > 5000 || yppi > 5000) {
    return invalid_argument("minutiae record resolution " + std::to_string(xres) + "x" + std::to_string(yres) +
                            " px/cm is outside 40..2000 px/cm");
  }
  // Scale to 500 ppi unless the record is already at 500 ppi (197 px/cm rounds 500 ppi).
  const double sx = xres == kPixelsPerCm500 ? 1.0 : 500.0 / xppi;
  const double sy = yres == kPixelsPerCm500 ? 1.0 : 500.0 / yppi;
  const formats::FingerView& view = rec.views[view_index];
  Template tpl;
  tpl.quality = static_cast<std::uint8_t>(std::min<int>(view.finger_quality, 100));
  int max_x = 0, max_y = 0;
  for (std::size_t i = 0; i < view.minutiae.size(); ++i) {
    const formats::RecordMinutia& r = view.minutiae[i];
    if ((rec.width && r.x >= rec.width) || (rec.height && r.y >= rec.height)) {
      return invalid_argument("minutia " + std::to_string(i) + " at (" + std::to_string(r.x) + ", " +
                              std::to_string(r.y) + ") lies outside the " + std::to_string(rec.width) + "x" +
                              std::to_string(rec.height) + " image");
    }
    if (r.angle >= rec.angle_units_per_turn) {
      return invalid_argument("minutia " + std::to_string(i) + " angle " + std::to_string(r.angle) + " is not below " +
                              std::to_string(rec.angle_units_per_turn));
    }
    Minutia m;
    m.x = static_cast<std::uint16_t>(std::lround(r.x * sx));
    m.y = static_cast<std::uint16_t>(std::lround(r.y * sy));
    m.angle = static_cast<std::uint8_t>(std::lround(r.angle * 256.0 / rec.angle_units_per_turn) % 256);
    m.type = r.kind == formats::MinutiaKind::kRidgeEnding   ? MinutiaType::kEnding
             : r.kind == formats::MinutiaKind::kBifurcation ? MinutiaType::kBifurcation
                                                            : MinutiaType::kOther;
    m.quality = static_cast<std::uint8_t>(std::min<int>(r.quality, 100));
    max_x = std::max<int>(max_x, m.x);
    max_y = std::max<int>(max_y, m.y);
    tpl.minutiae.push_back(m);
  }
  tpl.width = static_cast<std::uint16_t>(rec.width ? std::lround(rec.width * sx) : max_x + 1);
  tpl.height = static_cast<std::uint16_t>(rec.height ? std::lround(rec.height * sy) : max_y + 1);
  tpl.width = static_cast<std::uint16_t>(std::max<int>(tpl.width, max_x + 1));
  tpl.height = static_cast<std::uint16_t>(std::max<int>(tpl.height, max_y + 1));
  return tpl;
}

}  // namespace abis::dactyl
