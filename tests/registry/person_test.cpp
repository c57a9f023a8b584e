#include "registry/person.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "registry/person_json.h"

namespace abis::registry {
namespace {

core::Date today() { return core::Date(2026, 11, 25); }

PersonData citizen() {
  PersonData p;
  p.iin = "061211600012";
  p.name_kk = {"Әбілова", "Айгерім", ""};
  p.sex = Sex::kFemale;
  p.category = PersonCategory::kCitizen;
  p.citizenship = "KAZ";
  p.birth_date = core::Date(2006, 12, 11);
  return p;
}

TEST(PersonValidation, AcceptsAConsistentCitizen) { EXPECT_TRUE(validate_person(citizen(), today()).is_ok()); }

TEST(PersonValidation, IinMustAgreeWithBirthDateAndSex) {
  auto p = citizen();
  p.birth_date = core::Date(2006, 12, 12);
  EXPECT_NE(validate_person(p, today()).message().find("birth date"), std::string::npos);
  p = citizen();
  p.sex = Sex::kMale;
  EXPECT_NE(validate_person(p, today()).message().find("sex"), std::string::npos);
  p = citizen();
  p.iin = "061211600013";
  EXPECT_NE(validate_person(p, today()).message().find("iin: IIN check digit"), std::string::npos);
}

TEST(PersonValidation, CategoryAgreesWithCitizenship) {
  auto p = citizen();
  p.citizenship = "UZB";
  EXPECT_FALSE(validate_person(p, today()).is_ok());
  PersonData foreigner;
  foreigner.name_latin = {"KARIMOV", "BOBUR", ""};
  foreigner.category = PersonCategory::kForeigner;
  foreigner.citizenship = "UZB";
  EXPECT_TRUE(validate_person(foreigner, today()).is_ok());  // no IIN is fine for a foreigner
  foreigner.citizenship = "KAZ";
  EXPECT_FALSE(validate_person(foreigner, today()).is_ok());
  foreigner.citizenship = "uzb";
  EXPECT_FALSE(validate_person(foreigner, today()).is_ok());
  PersonData stateless = foreigner;
  stateless.category = PersonCategory::kStateless;
  stateless.citizenship = "";
  EXPECT_TRUE(validate_person(stateless, today()).is_ok());
}

TEST(PersonValidation, NamesDatesAndDocuments) {
  PersonData nameless;
  nameless.category = PersonCategory::kStateless;
  EXPECT_FALSE(validate_person(nameless, today()).is_ok());
  auto p = citizen();
  p.birth_date = core::Date(2027, 1, 1);
  p.iin.reset();
  EXPECT_NE(validate_person(p, today()).message().find("future"), std::string::npos);
  p = citizen();
  p.documents.push_back({"passport", "N123", "KAZ", "MIA", core::Date(2024, 1, 1), core::Date(2023, 1, 1)});
  EXPECT_NE(validate_person(p, today()).message().find("documents[0].expiry_date"), std::string::npos);
  p.documents[0].type = "library_card";
  EXPECT_NE(validate_person(p, today()).message().find("documents[0].type"), std::string::npos);
}

TEST(PersonJson, RoundTripsAndRefusesUnknownFieldsAndWrongTypes) {
  auto p = citizen();
  p.documents.push_back({"id_card", "041234567", "KAZ", "MIA RK", core::Date(2022, 5, 1), core::Date(2032, 4, 30)});
  auto back = person_data_from_json(person_data_to_json(p));
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(*back, p);

  auto j = person_data_to_json(p);
  j["favourite_colour"] = "blue";
  auto unknown = person_data_from_json(j);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("favourite_colour"), std::string::npos);

  j = person_data_to_json(p);
  j["name_kk"]["surname"] = 42;
  EXPECT_NE(person_data_from_json(j).status().message().find("name_kk.surname must be a string"), std::string::npos);
  j = person_data_to_json(p);
  j["documents"][0]["issue_date"] = "2022-13-01";
  EXPECT_NE(person_data_from_json(j).status().message().find("documents[0].issue_date"), std::string::npos);
  j = person_data_to_json(p);
  j.erase("category");
  EXPECT_NE(person_data_from_json(j).status().message().find("category is required"), std::string::npos);
}

}  // namespace
}  // namespace abis::registry
