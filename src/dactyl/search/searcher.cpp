#include "dactyl/search/searcher.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "dactyl/match/matcher.h"
#include "dactyl/match/prepared_template.h"
#include "dactyl/search/parallel.h"

namespace abis::dactyl::search {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Total order of the fast stage: higher score first, then gallery order.
inline bool better(const ShortlistEntry& a, const ShortlistEntry& b) {
  if (a.fast_score != b.fast_score) return a.fast_score > b.fast_score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.slot < b.slot;
}

// Fingers per fast-stage task: large enough to amortise the task, small enough to balance cores.
constexpr std::size_t kTaskFingers = 16384;

struct Task {
  std::uint32_t segment;
  std::uint32_t begin, end;
};

// Scores one range of one segment, keeping the best `keep` in a heap whose top is the worst kept.
void scan(const SegmentView& view, std::uint32_t segment, std::uint32_t begin, std::uint32_t end,
          const Descriptor& probe, int position, std::size_t keep, std::vector<ShortlistEntry>& heap) {
  const Segment& seg = *view.data;
  const std::uint64_t* p = probe.bits.data();
  for (std::uint32_t s = begin; s < end; ++s) {
    if (position != 0 && seg.position(s) != position) continue;
    if (!view.live(s)) continue;
    const float score = descriptor_similarity(descriptor_overlap(seg.descriptor(s), p), seg.descriptor_count(s));
    const ShortlistEntry e{segment, s, score};
    if (heap.size() < keep) {
      heap.push_back(e);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (better(e, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = e;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
}

}  // namespace

Status check_probe(std::span<const ProbeFinger> probe) {
  if (probe.empty()) return invalid_argument("empty probe: give at least one finger");
  if (probe.size() > kMaxFingerPosition)
    return invalid_argument("a probe holds at most 10 fingers, got " + std::to_string(probe.size()));
  std::set<int> positions;
  for (std::size_t i = 0; i < probe.size(); ++i) {
    const int pos = probe[i].position;
    if (pos < 0 || pos > kMaxFingerPosition)
      return invalid_argument("probe finger " + std::to_string(i) + ": unknown finger position " +
                              std::to_string(pos) + " (expected 1..10, or 0 for unknown)");
    if (pos != 0 && !positions.insert(pos).second)
      return invalid_argument("probe finger " + std::to_string(i) + ": position " + std::to_string(pos) +
                              " given twice");
    if (probe[i].tpl.minutiae.empty())
      return invalid_argument("probe finger " + std::to_string(i) + " has no minutiae");
  }
  return Status::ok();
}

std::vector<ShortlistEntry> fast_stage(const Snapshot& snapshot, const Descriptor& probe, int position,
                                       std::size_t keep, int threads, std::size_t* scanned) {
  std::vector<Task> tasks;
  std::size_t total = 0;
  for (std::size_t g = 0; g < snapshot.segments.size(); ++g) {
    const std::size_t n = snapshot.segments[g].data->size();
    total += n;
    for (std::size_t b = 0; b < n; b += kTaskFingers)
      tasks.push_back({static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(b),
                       static_cast<std::uint32_t>(std::min(n, b + kTaskFingers))});
  }
  if (scanned) *scanned += total;
  if (keep == 0) keep = total;
  std::vector<std::vector<ShortlistEntry>> partial(tasks.size());
  parallel_for(tasks.size(), resolve_threads(threads), [&](std::size_t t) {
    partial[t].reserve(std::min<std::size_t>(keep, tasks[t].end - tasks[t].begin));
    scan(snapshot.segments[tasks[t].segment], tasks[t].segment, tasks[t].begin, tasks[t].end, probe, position, keep,
         partial[t]);
  });
  // Every task kept its own best `keep`: the global best `keep` are among their union.
  std::vector<ShortlistEntry> all;
  for (const auto& p : partial) all.insert(all.end(), p.begin(), p.end());
  const std::size_t n = std::min(keep, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), better);
  all.resize(n);
  return all;
}

std::vector<ShortlistEntry> pose_check(const Snapshot& snapshot, const Template& probe,
                                       std::vector<ShortlistEntry> candidates, std::size_t keep, int threads) {
  // The probe's pairs grouped by descriptor bit (counting sort), so that each gallery pair finds
  // the probe pairs of its cell directly.
  const auto cells = pair_cells(probe);
  std::vector<std::uint32_t> start(params::kDescriptorBits + 2, 0);
  for (const auto& c : cells) ++start[c.bit + 2];
  for (int b = 2; b < params::kDescriptorBits + 2; ++b) start[b] += start[b - 1];
  std::vector<float> theta(cells.size());
  for (const auto& c : cells) theta[start[c.bit + 1]++] = c.theta;
  constexpr double kTurn = 2 * 3.14159265358979323846;
  parallel_for(candidates.size(), resolve_threads(threads), [&](std::size_t k) {
    ShortlistEntry& e = candidates[k];
    const Segment& seg = *snapshot.segments[e.segment].data;
    std::array<std::uint32_t, params::kPoseBins> votes{};
    for (const auto& g : pair_cells(seg.finger_template(e.slot))) {
      for (std::uint32_t i = start[g.bit]; i < start[g.bit + 1]; ++i) {
        double turn = theta[i] - g.theta;
        turn -= kTurn * std::floor(turn / kTurn);
        ++votes[static_cast<std::size_t>(turn / kTurn * params::kPoseBins) % params::kPoseBins];
      }
    }
    std::uint32_t best = 0;
    for (int b = 0; b < params::kPoseBins; ++b) best = std::max(best, votes[b] + votes[(b + 1) % params::kPoseBins]);
    e.fast_score = descriptor_similarity(best, seg.descriptor_count(e.slot));
  });
  const std::size_t n = std::min(keep, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end(), better);
  candidates.resize(n);
  return candidates;
}

std::vector<ShortlistEntry> shortlist(const Snapshot& snapshot, const Template& probe, int position, std::size_t keep,
                                      int threads, std::size_t* scanned) {
  auto wide = fast_stage(snapshot, make_descriptor(probe), position, keep * params::kPoseCandidatesFactor, threads,
                         scanned);
  return pose_check(snapshot, probe, std::move(wide), keep, threads);
}

Result<SearchResult> search(const Snapshot& snapshot, std::span<const ProbeFinger> probe,
                            const SearchOptions& options) {
  ABIS_RETURN_IF_ERROR(check_probe(probe));
  if (options.top < 1) return invalid_argument("--top must be at least 1");
  if (!options.exhaustive && options.shortlist < 1) return invalid_argument("the short list must hold at least 1 finger");
  const auto t0 = Clock::now();
  SearchResult result;
  result.stats.threads = resolve_threads(options.threads);
  result.stats.snapshot_version = snapshot.version;

  // (1) Fast stage per probe finger.
  std::vector<PreparedTemplate> prepared(probe.size());
  std::vector<std::vector<ShortlistEntry>> lists(probe.size());
  for (std::size_t p = 0; p < probe.size(); ++p) {
    lists[p] = options.exhaustive
                   ? fast_stage(snapshot, make_descriptor(probe[p].tpl), probe[p].position, 0, options.threads,
                                &result.stats.fingers_scanned)
                   : shortlist(snapshot, probe[p].tpl, probe[p].position, static_cast<std::size_t>(options.shortlist),
                               options.threads, &result.stats.fingers_scanned);
  }
  result.stats.fast_ms = ms_since(t0);

  // (2) Re-ranking: each distinct gallery finger is unpacked and prepared once, then compared with
  // every probe finger that kept it.
  const auto t1 = Clock::now();
  parallel_for(probe.size(), result.stats.threads, [&](std::size_t p) { prepared[p] = prepare_template(probe[p].tpl); });
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::pair<int, float>>> wanted;  // finger -> probes
  for (std::size_t p = 0; p < lists.size(); ++p)
    for (const auto& e : lists[p]) wanted[{e.segment, e.slot}].push_back({static_cast<int>(p), e.fast_score});
  struct Job {
    std::uint32_t segment, slot;
    const std::vector<std::pair<int, float>>* probes;
    std::vector<double> scores;
  };
  std::vector<Job> jobs;
  jobs.reserve(wanted.size());
  for (const auto& [key, probes] : wanted) jobs.push_back({key.first, key.second, &probes, {}});
  parallel_for(jobs.size(), result.stats.threads, [&](std::size_t j) {
    Job& job = jobs[j];
    const PreparedTemplate g = prepare_template(snapshot.segments[job.segment].data->finger_template(job.slot));
    for (const auto& [p, fast] : *job.probes) job.scores.push_back(compare(prepared[p], g));
  });
  for (const auto& job : jobs) result.stats.comparisons += job.scores.size();
  result.stats.rerank_ms = ms_since(t1);

  // (3) Fusion per person: best pairs first, each probe finger and each gallery finger used once.
  struct Pair {
    double score;
    int probe;
    std::uint32_t segment, slot;
    int position;
    float fast;
  };
  std::map<std::string, std::vector<Pair>> by_person;
  for (const auto& job : jobs) {
    const Segment& seg = *snapshot.segments[job.segment].data;
    for (std::size_t k = 0; k < job.probes->size(); ++k) {
      const auto& [p, fast] = (*job.probes)[k];
      by_person[seg.person_id(job.slot)].push_back({job.scores[k], p, job.segment, job.slot, seg.position(job.slot), fast});
    }
  }
  std::vector<Candidate> candidates;
  candidates.reserve(by_person.size());
  for (auto& [person, pairs] : by_person) {
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
      return std::tie(b.score, a.probe, a.segment, a.slot) < std::tie(a.score, b.probe, b.segment, b.slot);
    });
    Candidate c;
    c.person_id = person;
    std::set<int> probes_used;
    std::set<std::pair<std::uint32_t, std::uint32_t>> fingers_used;
    for (const auto& pr : pairs) {
      if (probes_used.count(pr.probe) || fingers_used.count({pr.segment, pr.slot})) continue;
      probes_used.insert(pr.probe);
      fingers_used.insert({pr.segment, pr.slot});
      c.score += pr.score;
      c.fingers.push_back({pr.probe, pr.position, pr.score, pr.fast});
    }
    std::sort(c.fingers.begin(), c.fingers.end(),
              [](const FingerScore& a, const FingerScore& b) { return a.probe_finger < b.probe_finger; });
    candidates.push_back(std::move(c));
  }
  const std::size_t top = std::min<std::size_t>(options.top, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(top), candidates.end(),
                    [](const Candidate& a, const Candidate& b) {
                      if (a.score != b.score) return a.score > b.score;
                      return a.person_id < b.person_id;
                    });
  candidates.resize(top);
  result.candidates = std::move(candidates);
  result.stats.total_ms = ms_since(t0);
  return result;
}

}  // namespace abis::dactyl::search
