#include "genome/profile_nist.h"

#include "formats/ansi_nist.h"
#include "formats/ansi_nist_builder.h"

namespace abis::genome {

namespace nist = formats::ansi_nist;

bool looks_like_ansi_nist(std::string_view bytes) {
  return bytes.starts_with("1.001:") || bytes.starts_with("1.01:");
}

Result<NistProfiles> read_profiles_ansi_nist(std::string_view bytes,
                                             const AnsiNistLocusNumbers& numbers) {
  auto data = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                            bytes.size());
  ABIS_ASSIGN_OR_RETURN(nist::ReadResult read, nist::read_transaction(data));
  NistProfiles out;
  const nist::Transaction& tx = read.transaction;
  std::vector<std::size_t> dna = tx.indices_of_type(18);
  if (dna.empty()) return invalid_argument("the transaction holds no Type-18 DNA record");
  for (std::size_t index : dna) {
    const nist::Record& record = tx.records[index];
    std::string context = "record " + std::to_string(index) + " (Type-18)";
    std::vector<Type18Field> fields;
    for (const nist::Field& f : record.fields) {
      if (f.number == nist::data_field_number(record.type)) continue;  // binary payload
      fields.push_back({f.number, f.subfields()});
    }
    Result<Type18Import> imported = profile_from_type18(fields, numbers);
    if (!imported) return imported.status().with_context(context);
    for (const std::string& n : imported->notes) out.notes.push_back(context + ": " + n);
    out.profiles.push_back(std::move(imported->profile));
  }
  return out;
}

Result<NistExport> write_profile_ansi_nist(const Profile& profile,
                                           const AnsiNistLocusNumbers& numbers,
                                           const NistExportOptions& options) {
  nist::TransactionBuilder builder("0502", "DNA");
  builder.set_type1(7, options.destination_agency)
      .set_type1(8, options.originating_agency)
      .set_type1(9, options.control_number.empty() ? profile.id : options.control_number);
  nist::Record& record = builder.add(18);
  int idc = static_cast<int>(record.integer(2, 1));
  ABIS_ASSIGN_OR_RETURN(Type18Export fields, profile_to_type18(profile, idc, numbers, options.type18));
  for (const Type18Field& f : fields.fields) {
    if (f.number == 2) continue;  // the builder's IDC, in the transaction's own format
    record.set(f.number, nist::join_subfields(f.subfields));
  }
  NistExport out;
  ABIS_ASSIGN_OR_RETURN(out.bytes, builder.build());
  out.notes = std::move(fields.notes);
  return out;
}

}  // namespace abis::genome
