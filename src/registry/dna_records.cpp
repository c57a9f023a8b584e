#include "registry/dna_records.h"

namespace abis::registry {
namespace {

struct StateName {
  SpecimenState state;
  std::string_view name;
};
constexpr StateName kStates[] = {{SpecimenState::kReceived, "received"},
                                 {SpecimenState::kStored, "stored"},
                                 {SpecimenState::kHandedOver, "handed_over"},
                                 {SpecimenState::kDestroyed, "destroyed"}};

struct ActionName {
  CustodyAction action;
  std::string_view name;
};
constexpr ActionName kActions[] = {
    {CustodyAction::kReceived, "received"}, {CustodyAction::kStored, "store"},
    {CustodyAction::kMoved, "move"},         {CustodyAction::kHandedOver, "hand_over"},
    {CustodyAction::kReturned, "return"},    {CustodyAction::kAnalysed, "analysed"},
    {CustodyAction::kNote, "note"},          {CustodyAction::kDestroyed, "destroyed"},
};

constexpr std::string_view kMaterials[] = {"buccal_swab", "blood", "saliva", "hair",  "tissue",
                                           "bone",        "tooth", "trace",  "other"};

}  // namespace

std::string_view specimen_state_name(SpecimenState state) {
  for (const auto& s : kStates)
    if (s.state == state) return s.name;
  return "received";
}

std::optional<SpecimenState> specimen_state_from_name(std::string_view name) {
  for (const auto& s : kStates)
    if (s.name == name) return s.state;
  return std::nullopt;
}

std::string_view custody_action_name(CustodyAction action) {
  for (const auto& a : kActions)
    if (a.action == action) return a.name;
  return "note";
}

std::optional<CustodyAction> custody_action_from_name(std::string_view name) {
  for (const auto& a : kActions)
    if (a.name == name) return a.action;
  return std::nullopt;
}

bool is_known_material(std::string_view material) {
  for (std::string_view m : kMaterials)
    if (m == material) return true;
  return false;
}

}  // namespace abis::registry
