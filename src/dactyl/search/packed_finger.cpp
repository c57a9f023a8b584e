#include "dactyl/search/packed_finger.h"

#include <string>

namespace abis::dactyl::search {

Status check_packable(const Template& tpl) {
  if (tpl.minutiae.empty()) return invalid_argument("the template has no minutiae");
  if (tpl.minutiae.size() > kPackedMaxMinutiae)
    return invalid_argument("the template has " + std::to_string(tpl.minutiae.size()) + " minutiae, more than " +
                            std::to_string(kPackedMaxMinutiae));
  for (std::size_t i = 0; i < tpl.minutiae.size(); ++i) {
    const Minutia& m = tpl.minutiae[i];
    if (m.x > kPackedMaxCoordinate || m.y > kPackedMaxCoordinate)
      return invalid_argument("minutia " + std::to_string(i) + " lies at (" + std::to_string(m.x) + ", " +
                              std::to_string(m.y) + "), beyond the gallery's " +
                              std::to_string(kPackedMaxCoordinate) + "-pixel limit");
  }
  return Status::ok();
}

Template packed_form(const Template& tpl) {
  Template out;
  out.width = tpl.width;
  out.height = tpl.height;
  out.quality = tpl.quality;
  out.minutiae.reserve(tpl.minutiae.size());
  for (const Minutia& m : tpl.minutiae) out.minutiae.push_back(unpack_minutia(pack_minutia(m)));
  return out;
}

}  // namespace abis::dactyl::search
