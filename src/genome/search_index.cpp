#include "genome/search_index.h"

#include <algorithm>
#include <thread>

namespace abis::genome {
namespace {

// Per-row outcome at one locus, as the scan adds it up: bit 0 = compared, bit 1 = disagrees.
constexpr std::uint32_t kAbsent = 0;
constexpr std::uint32_t kAgree = 1;
constexpr std::uint32_t kDisagree = 3;
constexpr std::uint32_t kLookAside = 4;  // genotype in the side table: classify it there

// One locus of the scan over one block. Rows still in the race are kept as packed entries:
// bits 0..15 the row in the block, 16..23 loci compared, 24..31 loci disagreeing. Everything the
// loop reads is a local copy, so the compiler keeps it in registers.
static_assert(params::kSearchBlockRows <= 0x10000, "a row in a block must fit 16 bits");
struct ScanStep {
  const std::uint16_t* codes;     // the column, from the block's first row
  const std::uint8_t* outcome;    // code -> kAbsent / kAgree / kDisagree / kLookAside
  std::uint32_t last_code;        // codes above this are the side-table code
  int max_mismatches;
  int need_compared;              // compared loci a row must have after this locus

  // First locus: every row of the block, filtered by index category.
  template <typename LookAside>
  std::size_t first(std::uint32_t* alive, std::size_t rows, const std::uint8_t* categories,
                    unsigned mask, std::size_t& searched, LookAside&& look_aside) const {
    // A local copy, not the members: stores into `alive` could otherwise alias them.
    const ScanStep k = *this;
    std::size_t kept = 0, in_indexes = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      const std::uint32_t code = k.codes[i];
      std::uint32_t v = k.outcome[code <= k.last_code ? code : k.last_code + 1];
      if (v == kLookAside) [[unlikely]]
        v = look_aside(static_cast<std::uint32_t>(i));
      const std::uint32_t in_index = (mask >> categories[i]) & 1u;  // removed rows: category 0
      in_indexes += in_index;
      alive[kept] = static_cast<std::uint32_t>(i) | ((v & 1u) << 16) | ((v >> 1) << 24);
      kept += in_index & (static_cast<int>(v >> 1) <= k.max_mismatches) &
              (static_cast<int>(v & 1u) >= k.need_compared);
    }
    searched += in_indexes;
    return kept;
  }

  // Further loci: only the rows still in the race.
  template <typename LookAside>
  std::size_t next(std::uint32_t* alive, std::size_t n, LookAside&& look_aside) const {
    const ScanStep k = *this;
    std::size_t kept = 0;
    for (std::size_t j = 0; j < n; ++j) {
      std::uint32_t e = alive[j];
      const std::uint32_t code = k.codes[e & 0xFFFFu];
      std::uint32_t v = k.outcome[code <= k.last_code ? code : k.last_code + 1];
      if (v == kLookAside) [[unlikely]]
        v = look_aside(e & 0xFFFFu);
      e += ((v & 1u) << 16) + ((v >> 1) << 24);
      alive[kept] = e;
      kept += (static_cast<int>(e >> 24) <= k.max_mismatches) &
              (static_cast<int>((e >> 16) & 0xFFu) >= k.need_compared);
    }
    return kept;
  }
};

struct RowHit {
  std::uint32_t row;
  std::uint8_t compared;
  std::uint8_t mismatches;
};

}  // namespace

SearchIndex::SearchIndex(std::uint32_t max_codes_per_locus)
    : max_codes_(std::clamp<std::uint32_t>(max_codes_per_locus, 1, params::kMaxGenotypeCodesPerLocus)) {
  column_of_locus_.fill(-1);
}

void SearchIndex::reserve(std::size_t rows, std::span<const LocusId> loci) {
  keys_.reserve(rows);
  categories_.reserve(rows);
  for (LocusId locus : loci) {
    if (locus_info(locus).kind != LocusKind::kAutosomal) continue;
    column_for(locus).codes.reserve(rows);
  }
}

SearchIndex::Column& SearchIndex::column_for(LocusId locus) {
  std::int16_t slot = column_of_locus_[locus];
  if (slot >= 0) return columns_[static_cast<std::size_t>(slot)];
  column_of_locus_[locus] = static_cast<std::int16_t>(columns_.size());
  Column& column = columns_.emplace_back();
  column.locus = locus;
  column.codes.assign(keys_.size(), 0);  // rows stored before this locus appeared lack it
  column.live_count.assign(1, 0);
  return column;
}

std::uint16_t SearchIndex::code_for(Column& column, const Genotype& genotype, std::uint32_t row) {
  const std::uint64_t hash = genotype.hash();
  std::uint16_t& recent = column.recent[(hash ^ (hash >> 29)) & (column.recent.size() - 1)];
  if (recent != 0 && column.dictionary[recent - 1u] == genotype) {
    ++column.live_count[recent];
    return recent;
  }
  auto it = column.code_of.find(genotype);
  if (it != column.code_of.end()) {
    ++column.live_count[it->second];
    recent = it->second;
    return it->second;
  }
  if (column.dictionary.size() < max_codes_) {
    column.dictionary.push_back(genotype);
    auto code = static_cast<std::uint16_t>(column.dictionary.size());
    column.code_of.emplace(genotype, code);
    column.live_count.push_back(1);
    recent = code;
    return code;
  }
  column.side.emplace(row, genotype);
  ++column.side_live;
  return kSideCode;
}

Status SearchIndex::add(std::uint64_t key, IndexCategory category, const Profile& profile) {
  if (keys_.size() >= 0xFFFFFFFFu) return too_large("the search index holds 2^32 rows at most");
  if (!keys_.empty() && key <= keys_.back()) {
    if (keys_increasing_ && key == keys_.back())
      return already_exists("profile key " + std::to_string(key) + " is already indexed");
    keys_increasing_ = false;
  }
  auto row = static_cast<std::uint32_t>(keys_.size());
  // Columns first (creating one fills it for the existing rows), then the row itself.
  for (const LocusGenotype& lg : profile.loci) column_for(lg.locus);
  keys_.push_back(key);
  categories_.push_back(static_cast<std::uint8_t>(category));
  for (Column& column : columns_) column.codes.push_back(0);
  for (const LocusGenotype& lg : profile.loci) {
    Column& column = columns_[static_cast<std::size_t>(column_of_locus_[lg.locus])];
    column.codes[row] = code_for(column, lg.genotype, row);
  }
  ++live_rows_;
  return Status::ok();
}

std::optional<std::uint32_t> SearchIndex::find_row(std::uint64_t key) const {
  if (keys_increasing_) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (it == keys_.end() || *it != key) return std::nullopt;
    auto row = static_cast<std::uint32_t>(it - keys_.begin());
    if (categories_[row] == 0) return std::nullopt;
    return row;
  }
  for (std::size_t row = 0; row < keys_.size(); ++row)
    if (keys_[row] == key && categories_[row] != 0) return static_cast<std::uint32_t>(row);
  return std::nullopt;
}

bool SearchIndex::remove(std::uint64_t key) {
  std::optional<std::uint32_t> row = find_row(key);
  if (!row) return false;
  categories_[*row] = 0;
  for (Column& column : columns_) {
    std::uint16_t code = column.codes[*row];
    if (code == kSideCode) {
      column.side.erase(*row);
      --column.side_live;
    } else if (code != 0) {
      --column.live_count[code];
    }
    column.codes[*row] = 0;
  }
  --live_rows_;
  return true;
}

const Genotype* SearchIndex::genotype_at(const Column& column, std::uint32_t row) const {
  std::uint16_t code = column.codes[row];
  if (code == 0) return nullptr;
  if (code == kSideCode) {
    auto it = column.side.find(row);
    return it == column.side.end() ? nullptr : &it->second;
  }
  return &column.dictionary[code - 1];
}

Profile SearchIndex::decode_row(std::uint32_t row) const {
  Profile profile;
  for (const Column& column : columns_)
    if (const Genotype* g = genotype_at(column, row)) profile.loci.push_back({column.locus, *g, false});
  std::sort(profile.loci.begin(), profile.loci.end(),
            [](const LocusGenotype& a, const LocusGenotype& b) { return a.locus < b.locus; });
  return profile;
}

std::optional<Profile> SearchIndex::stored_profile(std::uint64_t key) const {
  std::optional<std::uint32_t> row = find_row(key);
  if (!row) return std::nullopt;
  return decode_row(*row);
}

std::optional<IndexCategory> SearchIndex::category_of(std::uint64_t key) const {
  std::optional<std::uint32_t> row = find_row(key);
  if (!row) return std::nullopt;
  return static_cast<IndexCategory>(categories_[*row]);
}

Result<SearchResult> SearchIndex::search(const Profile& target, const SearchRequest& request,
                                         int threads) const {
  ABIS_RETURN_IF_ERROR(check_searchable(target, request.criteria));
  const MatchCriteria& criteria = request.criteria;

  // One plan per target locus that some stored profile has.
  struct Plan {
    const Column* column;
    const Genotype* target;
    std::vector<std::uint8_t> outcome;  // index: code (0..n), n+1 = side table
    std::uint32_t last_code;            // n
    double survivors;                   // share of live rows that do not disagree
  };
  std::vector<Plan> plans;
  for (const LocusGenotype& lg : target.loci) {
    std::int16_t slot = column_of_locus_[lg.locus];
    if (slot < 0) continue;
    const Column& column = columns_[static_cast<std::size_t>(slot)];
    Plan plan{&column, &lg.genotype, {}, static_cast<std::uint32_t>(column.dictionary.size()), 0};
    plan.outcome.resize(column.dictionary.size() + 2);
    plan.outcome[0] = kAbsent;
    double disagreeing = 0;
    for (std::size_t i = 0; i < column.dictionary.size(); ++i) {
      LocusMatch m = classify_locus(lg.genotype, column.dictionary[i]);
      bool agree = meets(m, criteria.stringency);
      plan.outcome[i + 1] = agree ? kAgree : kDisagree;
      if (!agree) disagreeing += column.live_count[i + 1];
    }
    plan.outcome[column.dictionary.size() + 1] = kLookAside;
    plan.survivors = live_rows_ ? 1.0 - disagreeing / double(live_rows_) : 1.0;
    plans.push_back(std::move(plan));
  }
  // Most selective locus first: fewer rows survive to the next column.
  std::stable_sort(plans.begin(), plans.end(),
                   [](const Plan& a, const Plan& b) { return a.survivors < b.survivors; });

  SearchResult result;
  const std::size_t row_count = keys_.size();
  const int plan_count = static_cast<int>(plans.size());
  const int min_compared = criteria.min_compared_loci;
  const int max_mismatches = criteria.max_mismatches;
  const CategoryMask mask = request.categories & kAllCategories;

  constexpr std::size_t kBlock = params::kSearchBlockRows;
  const std::size_t block_count = (row_count + kBlock - 1) / kBlock;
  int thread_count = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  thread_count = std::max(1, std::min<int>(thread_count, static_cast<int>(block_count)));

  std::vector<std::vector<RowHit>> hits_per_thread(static_cast<std::size_t>(thread_count));
  std::vector<std::size_t> searched_per_thread(static_cast<std::size_t>(thread_count), 0);

  auto scan = [&](int worker) {
    std::vector<RowHit>& hits = hits_per_thread[static_cast<std::size_t>(worker)];
    std::size_t searched = 0;
    std::vector<std::uint32_t> alive(kBlock);
    const std::size_t first_block = block_count * static_cast<std::size_t>(worker) / thread_count;
    const std::size_t end_block = block_count * static_cast<std::size_t>(worker + 1) / thread_count;
    for (std::size_t block = first_block; block < end_block; ++block) {
      const std::size_t base = block * kBlock;
      const std::size_t rows_here = std::min(kBlock, row_count - base);
      const std::uint8_t* cat = categories_.data() + base;
      if (plan_count < min_compared) {  // no row can reach the minimum: only count
        for (std::size_t i = 0; i < rows_here; ++i) searched += (mask >> cat[i]) & 1u;
        continue;
      }
      std::size_t n = 0;
      int loci_left = plan_count;
      for (const Plan& plan : plans) {
        --loci_left;
        const ScanStep step{plan.column->codes.data() + base, plan.outcome.data(), plan.last_code,
                            max_mismatches, min_compared - loci_left};
        auto look_aside = [&](std::uint32_t i) {
          const Genotype* g = genotype_at(*plan.column, static_cast<std::uint32_t>(base + i));
          if (g == nullptr) return kAbsent;
          return meets(classify_locus(*plan.target, *g), criteria.stringency) ? kAgree : kDisagree;
        };
        if (loci_left == plan_count - 1) {
          n = step.first(alive.data(), rows_here, cat, mask, searched, look_aside);
        } else {
          n = step.next(alive.data(), n, look_aside);
        }
        if (n == 0) break;
      }
      for (std::size_t j = 0; j < n; ++j) {
        const std::uint32_t e = alive[j];
        hits.push_back({static_cast<std::uint32_t>(base + (e & 0xFFFFu)),
                        static_cast<std::uint8_t>((e >> 16) & 0xFFu),
                        static_cast<std::uint8_t>(e >> 24)});
      }
    }
    searched_per_thread[static_cast<std::size_t>(worker)] = searched;
  };

  if (thread_count == 1) {
    scan(0);
  } else {
    std::vector<std::thread> workers;
    for (int w = 1; w < thread_count; ++w) workers.emplace_back(scan, w);
    scan(0);
    for (std::thread& t : workers) t.join();
  }

  std::vector<RowHit> all;
  for (int w = 0; w < thread_count; ++w) {
    auto& h = hits_per_thread[static_cast<std::size_t>(w)];
    all.insert(all.end(), h.begin(), h.end());
    result.profiles_searched += searched_per_thread[static_cast<std::size_t>(w)];
  }
  auto before = [&](const RowHit& a, const RowHit& b) {
    if (a.mismatches != b.mismatches) return a.mismatches < b.mismatches;
    if (a.compared != b.compared) return a.compared > b.compared;
    return keys_[a.row] < keys_[b.row];
  };
  result.total_hits = all.size();
  if (all.size() > request.max_results) {
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(request.max_results),
                      all.end(), before);
    all.resize(request.max_results);
    result.truncated = true;
  } else {
    std::sort(all.begin(), all.end(), before);
  }
  result.hits.reserve(all.size());
  for (const RowHit& h : all) {
    ProfileComparison cmp = compare_profiles(target, decode_row(h.row), criteria);
    result.hits.push_back({keys_[h.row], static_cast<IndexCategory>(categories_[h.row]),
                           cmp.compared, cmp.mismatches, std::move(cmp.loci)});
  }
  return result;
}

std::size_t SearchIndex::memory_bytes() const {
  // unordered_map node: the value, a next pointer and the cached hash; plus one bucket pointer.
  constexpr std::size_t kNodeOverhead = 2 * sizeof(void*) + sizeof(std::size_t);
  std::size_t bytes = sizeof(*this);
  bytes += keys_.capacity() * sizeof(std::uint64_t);
  bytes += categories_.capacity();
  for (const Column& c : columns_) {
    bytes += sizeof(Column);
    bytes += c.codes.capacity() * sizeof(std::uint16_t);
    bytes += c.dictionary.capacity() * sizeof(Genotype);
    bytes += c.code_of.size() * (sizeof(Genotype) + sizeof(std::uint16_t) + kNodeOverhead) +
             c.code_of.bucket_count() * sizeof(void*);
    bytes += c.live_count.capacity() * sizeof(std::uint32_t);
    bytes += c.side.size() * (sizeof(std::uint32_t) + sizeof(Genotype) + kNodeOverhead) +
             c.side.bucket_count() * sizeof(void*);
  }
  return bytes;
}

}  // namespace abis::genome
