// 1:N fingerprint identification over HTTP: POST /api/v1/dactyl/identify queues a search job and
// answers its id at once; GET /api/v1/dactyl/identify/{id} gives its state and, when done, the
// candidates. Both need the dactyl.search permission (migration officers, fingerprint examiners);
// every search request, refused or accepted, and every read of a result is audited.
//
// The gallery searched is the gallery file named by the configuration key dactyl.gallery (built with
// `abis fp gallery build`), loaded on the first search; enrolment through the API comes with the
// registration workflows. Jobs run one at a time on a worker thread (a search already uses every
// core); the last kMaxJobs jobs are kept in memory for their submitters.
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <cmath>

#include "api/routes.h"
#include "core/ids.h"
#include "core/json_reader.h"
#include "dactyl/search/gallery_file.h"
#include "dactyl/search/packed_finger.h"
#include "dactyl/search/searcher.h"

namespace abis::api {
namespace {

using nlohmann::json;
namespace ds = dactyl::search;

constexpr std::size_t kMaxJobs = 1000;

struct Job {
  std::string id, owner;
  std::string state = "queued";  // queued, running, done, failed
  std::vector<ds::ProbeFinger> probe;
  ds::SearchOptions options;
  ds::SearchResult result;
  std::string error;
};

// The gallery and the job queue, alive as long as the routes (captured by their handlers).
class IdentifyService {
 public:
  explicit IdentifyService(std::string gallery_path) : gallery_path_(std::move(gallery_path)) {
    worker_ = std::thread([this] { run(); });
  }
  ~IdentifyService() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    worker_.join();
  }

  bool configured() const { return !gallery_path_.empty(); }

  std::string submit(std::shared_ptr<Job> job) {
    std::lock_guard lock(mutex_);
    jobs_[job->id] = job;
    order_.push_back(job->id);
    queue_.push_back(job);
    while (order_.size() > kMaxJobs) {  // forget the oldest finished jobs
      auto it = jobs_.find(order_.front());
      if (it != jobs_.end() && (it->second->state == "queued" || it->second->state == "running")) break;
      if (it != jobs_.end()) jobs_.erase(it);
      order_.pop_front();
    }
    wake_.notify_one();
    return job->id;
  }

  // A copy of the job's public state (the worker may be writing the original).
  std::optional<json> describe(const std::string& id, const std::string& user) {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->owner != user) return std::nullopt;
    const Job& j = *it->second;
    json out = {{"id", j.id}, {"state", j.state}};
    if (j.state == "failed") out["error"] = j.error;
    if (j.state != "done") return out;
    json list = json::array();
    for (std::size_t i = 0; i < j.result.candidates.size(); ++i) {
      const auto& c = j.result.candidates[i];
      json fingers = json::array();
      for (const auto& f : c.fingers)
        fingers.push_back({{"probe_finger", f.probe_finger}, {"position", f.position}, {"score", f.score}});
      list.push_back({{"rank", i + 1}, {"person_id", c.person_id}, {"score", c.score}, {"fingers", fingers}});
    }
    out["candidates"] = list;
    out["fingers_searched"] = j.result.stats.fingers_scanned;
    out["search_ms"] = j.result.stats.total_ms;
    out["exhaustive"] = j.options.exhaustive;
    return out;
  }

 private:
  void run() {
    for (;;) {
      std::shared_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (stop_) return;
        job = queue_.front();
        queue_.pop_front();
        job->state = "running";
      }
      Status st = load_once();
      Result<ds::SearchResult> r = st.is_ok() ? ds::search(*gallery_.snapshot(), job->probe, job->options)
                                              : Result<ds::SearchResult>(st);
      std::lock_guard lock(mutex_);
      if (r.is_ok()) {
        job->result = std::move(*r);
        job->state = "done";
      } else {
        job->error = r.status().message();
        job->state = "failed";
      }
      job->probe.clear();
    }
  }

  Status load_once() {
    if (loaded_) return Status::ok();
    if (gallery_path_.empty()) return failed_precondition("no gallery configured (set dactyl.gallery)");
    ABIS_RETURN_IF_ERROR(ds::load_gallery(gallery_path_, gallery_, 0));
    loaded_ = true;
    return Status::ok();
  }

  std::string gallery_path_;
  ds::Gallery gallery_;
  bool loaded_ = false;  // worker thread only
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::string> order_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::thread worker_;
};

// One probe finger: {"position": 0..10, "width", "height", "minutiae": [{"x","y","angle_deg","type"}]}
// - the shape `abis fp extract --format json` prints.
Result<ds::ProbeFinger> finger_from_json(const json& j, std::size_t index) {
  const std::string where = "fingers[" + std::to_string(index) + "]";
  if (!j.is_object()) return invalid_argument(where + ": expected an object");
  ds::ProbeFinger f;
  auto get_int = [&](const json& o, const char* key, long lo, long hi, long fallback, bool required) -> Result<long> {
    auto it = o.find(key);
    if (it == o.end()) {
      if (required) return invalid_argument(where + ": " + key + " is missing");
      return fallback;
    }
    if (!it->is_number()) return invalid_argument(where + ": " + key + " must be a number");
    const double v = it->get<double>();
    if (v < lo || v > hi) return invalid_argument(where + ": " + key + " must be within " + std::to_string(lo) + ".." + std::to_string(hi));
    return static_cast<long>(v);
  };
  auto pos = get_int(j, "position", 0, 10, 0, false);
  if (!pos.is_ok()) return invalid_argument(where + ": unknown finger position (expected 1..10, or 0 for unknown)");
  f.position = static_cast<int>(*pos);
  ABIS_ASSIGN_OR_RETURN(long w, get_int(j, "width", 1, 2047, 2047, false));
  ABIS_ASSIGN_OR_RETURN(long h, get_int(j, "height", 1, 2047, 2047, false));
  f.tpl.width = static_cast<std::uint16_t>(w);
  f.tpl.height = static_cast<std::uint16_t>(h);
  auto m = j.find("minutiae");
  if (m == j.end() || !m->is_array()) return invalid_argument(where + ": minutiae (an array) is missing");
  if (m->size() > ds::kPackedMaxMinutiae) return invalid_argument(where + ": more than 255 minutiae");
  for (std::size_t k = 0; k < m->size(); ++k) {
    const json& mj = (*m)[k];
    if (!mj.is_object()) return invalid_argument(where + ".minutiae[" + std::to_string(k) + "]: expected an object");
    ABIS_ASSIGN_OR_RETURN(long x, get_int(mj, "x", 0, 2047, 0, true));
    ABIS_ASSIGN_OR_RETURN(long y, get_int(mj, "y", 0, 2047, 0, true));
    auto a = mj.find("angle_deg");
    if (a == mj.end() || !a->is_number())
      return invalid_argument(where + ".minutiae[" + std::to_string(k) + "]: angle_deg (a number) is missing");
    dactyl::Minutia mm;
    mm.x = static_cast<std::uint16_t>(x);
    mm.y = static_cast<std::uint16_t>(y);
    // Degrees counter-clockwise, as the template's 256 units (template.h), not image radians.
    const long units = std::lround(a->get<double>() * 256.0 / 360.0);
    mm.angle = static_cast<std::uint8_t>(((units % 256) + 256) % 256);
    const std::string type = mj.value("type", std::string("other"));
    mm.type = type == "ending" ? dactyl::MinutiaType::kEnding
              : type == "bifurcation" ? dactyl::MinutiaType::kBifurcation : dactyl::MinutiaType::kOther;
    f.tpl.minutiae.push_back(mm);
  }
  return f;
}

}  // namespace

void add_dactyl_routes(Router& router, ApiContext& ctx) {
  auto service = std::make_shared<IdentifyService>(ctx.system.config().get("dactyl.gallery"));
  auto audit = [&ctx](const security::Principal& who, const std::string& action, const std::string& id,
                      const std::string& detail) {
    (void)ctx.system.audit().record(ctx.system.db(), who,
                                    security::AuditEvent{action, "dactyl_search", id, security::AuditOutcome::kOk, detail});
  };
  router.add("POST", "/api/v1/dactyl/identify",
             {"Start a 1:N fingerprint search (one to ten fingers); answers the job id", "dactyl", "dactyl.search",
              "DactylIdentifyRequest", "DactylIdentifyJob", 202},
             with_session(ctx, [&ctx, service, audit](const ApiRequest& req, const security::Principal& who) {
               const std::string action = "dactyl.identify";
               Status allowed = ctx.system.access().require(who, security::Permission::kDactylSearch,
                                                            {action, "dactyl_search", "", security::AuditOutcome::kDenied, ""});
               if (!allowed.is_ok()) return error_response(allowed);
               auto body = read_json_body(ctx, req, who, action);
               if (!body.is_ok()) return error_response(body.status());
               auto job = std::make_shared<Job>();
               Status st = Status::ok();
               const auto fingers = body->find("fingers");
               if (fingers == body->end() || !fingers->is_array()) st = invalid_argument("fingers (an array) is missing");
               for (std::size_t i = 0; st.is_ok() && i < fingers->size(); ++i) {
                 auto f = finger_from_json((*fingers)[i], i);
                 if (f.is_ok()) job->probe.push_back(std::move(*f));
                 else st = f.status();
               }
               if (st.is_ok()) {
                 core::JsonObjectReader r(*body, "");
                 (void)r.optional_array("fingers", 10);
                 job->options.top = static_cast<int>(r.optional_int("top", 1, 100).value_or(ds::params::kDefaultTop));
                 job->options.exhaustive = r.optional_bool("exhaustive").value_or(false);
                 st = r.finish();
               }
               if (st.is_ok()) st = ds::check_probe(job->probe);
               if (st.is_ok() && !service->configured())
                 st = failed_precondition("no gallery configured (set dactyl.gallery)");
               if (!st.is_ok()) {
                 (void)audit_refusal(ctx, who, action, "", st);
                 return error_response(st);
               }
               job->id = core::new_id();
               job->owner = who.username;
               const std::string detail = std::to_string(job->probe.size()) + " finger(s)" +
                                          (job->options.exhaustive ? ", exhaustive" : "");
               audit(who, action, job->id, detail);
               service->submit(job);
               return json_response(202, {{"id", job->id}, {"state", "queued"}});
             }));
  router.add("GET", "/api/v1/dactyl/identify/{id}",
             {"State of a search job and, when done, its candidates", "dactyl", "dactyl.search", "",
              "DactylIdentifyJob"},
             with_session(ctx, [&ctx, service, audit](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               Status allowed = ctx.system.access().require(
                   who, security::Permission::kDactylSearch,
                   {"dactyl.identify.read", "dactyl_search", id, security::AuditOutcome::kDenied, ""});
               if (!allowed.is_ok()) return error_response(allowed);
               auto job = service->describe(id, who.username);
               if (!job) return error_response(not_found("no search job " + id + " of yours"));
               audit(who, "dactyl.identify.read", id, (*job)["state"].get<std::string>());
               return json_response(200, *job);
             }));
}

void add_dactyl_schemas(json& schemas) {
  const json number = {{"type", "number"}}, integer = {{"type", "integer"}}, string = {{"type", "string"}};
  json minutia = {{"type", "object"}};
  minutia["properties"] = {{"x", integer}, {"y", integer}, {"angle_deg", number}, {"type", string}};
  json finger = {{"type", "object"}};
  finger["properties"] = {
      {"position", {{"type", "integer"}, {"description", "1..10 (ANSI/NIST-ITL), 0 or absent = unknown"}}},
      {"width", integer},
      {"height", integer},
      {"minutiae", {{"type", "array"}, {"items", minutia}}}};
  json request = {{"type", "object"}, {"required", json::array({"fingers"})}};
  request["properties"] = {
      {"fingers", {{"type", "array"}, {"items", finger}}},
      {"top", {{"type", "integer"}, {"description", "candidates returned, 1..100 (default 10)"}}},
      {"exhaustive", {{"type", "boolean"}, {"description", "full matcher on every gallery finger"}}}};
  schemas["DactylIdentifyRequest"] = request;
  json candidate = {{"type", "object"}};
  candidate["properties"] = {{"rank", integer},
                             {"person_id", string},
                             {"score", number},
                             {"fingers", {{"type", "array"}, {"items", {{"type", "object"}}}}}};
  json job = {{"type", "object"}};
  job["properties"] = {{"id", string},
                       {"state", {{"type", "string"}, {"enum", json::array({"queued", "running", "done", "failed"})}}},
                       {"error", string},
                       {"candidates", {{"type", "array"}, {"items", candidate}}},
                       {"fingers_searched", integer},
                       {"search_ms", number}};
  schemas["DactylIdentifyJob"] = job;
}

}  // namespace abis::api
