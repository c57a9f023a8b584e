#include <gtest/gtest.h>

#include "dactyl/template/iso_conversion.h"

namespace abis::dactyl {
namespace {

formats::MinutiaeRecord ansi_record() {
  formats::MinutiaeRecord rec;
  rec.standard = formats::MinutiaeStandard::kAnsi378_2004;
  rec.angle_units_per_turn = 180;
  rec.width = 512;
  rec.height = 512;
  rec.x_resolution = rec.y_resolution = 197;
  formats::FingerView view;
  view.finger_position = 7;
  view.finger_quality = 90;
  for (int a = 0; a < 180; ++a) {
    view.minutiae.push_back({static_cast<std::uint16_t>(a * 2), static_cast<std::uint16_t>(511 - a),
                             static_cast<std::uint16_t>(a), formats::MinutiaKind(a % 3),
                             static_cast<std::uint8_t>(a % 101)});
  }
  rec.views.push_back(view);
  return rec;
}

TEST(IsoConversion, EveryAnsiAngleSurvivesTheNativeRoundTrip) {
  const formats::MinutiaeRecord rec = ansi_record();
  auto tpl = from_minutiae_record(rec);
  ASSERT_TRUE(tpl.is_ok()) << tpl.status().to_string();
  const formats::MinutiaeRecord back = to_minutiae_record(*tpl, rec.standard, 7);
  ASSERT_EQ(back.views.size(), 1u);
  ASSERT_EQ(back.views[0].minutiae.size(), rec.views[0].minutiae.size());
  for (std::size_t i = 0; i < back.views[0].minutiae.size(); ++i) {
    const auto& a = rec.views[0].minutiae[i];
    const auto& b = back.views[0].minutiae[i];
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
    EXPECT_EQ(a.angle, b.angle) << "minutia " << i;
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.quality, b.quality);
  }
  EXPECT_EQ(back.width, rec.width);
  EXPECT_EQ(back.x_resolution, 197);
  EXPECT_EQ(back.views[0].finger_quality, 90);
}

TEST(IsoConversion, IsoAnglesMapOneToOne) {
  Template t;
  t.width = 300;
  t.height = 300;
  for (int a = 0; a < 256; ++a) t.minutiae.push_back({static_cast<std::uint16_t>(a), 5, static_cast<std::uint8_t>(a), MinutiaType::kEnding, 50});
  const auto rec = to_minutiae_record(t, formats::MinutiaeStandard::kIso19794_2_2005);
  EXPECT_EQ(rec.angle_units_per_turn, 256);
  auto back = from_minutiae_record(rec);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->minutiae, t.minutiae);
}

TEST(IsoConversion, OtherResolutionsAreRescaledTo500Ppi) {
  formats::MinutiaeRecord rec = ansi_record();
  rec.x_resolution = rec.y_resolution = 394;  // 1000 ppi
  auto tpl = from_minutiae_record(rec);
  ASSERT_TRUE(tpl.is_ok());
  EXPECT_NEAR(tpl->width, 256, 1);
  EXPECT_NEAR(tpl->minutiae[100].x, 100, 1);  // 200 px at 1000 ppi
}

TEST(IsoConversion, BadRecordsAreRefusedWithAReason) {
  formats::MinutiaeRecord rec = ansi_record();
  EXPECT_FALSE(from_minutiae_record(rec, 1).is_ok());
  rec.views[0].minutiae[5].x = 600;
  auto r = from_minutiae_record(rec);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("minutia 5"), std::string::npos);
  rec = ansi_record();
  rec.views[0].minutiae[2].angle = 180;
  EXPECT_FALSE(from_minutiae_record(rec).is_ok());
  rec = ansi_record();
  rec.x_resolution = 5;
  EXPECT_FALSE(from_minutiae_record(rec).is_ok());
}

}  // namespace
}  // namespace abis::dactyl
