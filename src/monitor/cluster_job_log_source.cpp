// SMHP logs: the cluster's log group, filtered to the lines that name the job. HyperPod
// writes no per-job stream, so FilterLogEvents with the job id is the only selector.

#include <map>

#include "monitor/cloudwatch_log_monitor.hpp"

namespace nova::monitor {
namespace {

constexpr const char* kHyperPodStreamPrefix = "SagemakerHyperPodTrainingJob";
// follow() asks again this far behind the newest event it has seen, so events ingested
// late are not lost; event ids keep them from being delivered twice.
constexpr std::int64_t kLateArrivalMs = 2 * 60 * 1000;

class ClusterJobLogSource final : public JobLogSource {
 public:
  ClusterJobLogSource(const aws::Session& session, std::string cluster_name, std::string job_id)
      : logs_(session.logs()),
        sagemaker_(session.sagemaker()),
        cluster_name_(std::move(cluster_name)),
        job_id_(std::move(job_id)) {}

  std::vector<JobLogEvent> read(const LogWindow& window) override {
    std::vector<JobLogEvent> out;
    // From head the first `limit` matches end the search; from the tail every page is read
    // and only the newest `limit` kept (trimmed as it goes, so memory stays bounded).
    const bool stop_at_limit = window.limit && window.from_head;
    each_event(window.start_ms, window.end_ms, [&](const aws::FilteredLogEvent& e) {
      out.push_back({e.timestamp, e.message, e.ingestion_time, e.log_stream_name});
      if (window.limit && !window.from_head && out.size() >= 2 * *window.limit) {
        order_and_trim(out, window.limit, false);
      }
      return !(stop_at_limit && out.size() >= *window.limit);
    });
    order_and_trim(out, window.limit, window.from_head);
    return out;
  }

  std::unique_ptr<LogFollower> follower(std::optional<std::int64_t> start_ms) override;

  // Calls `on_event` for each of the job's events until it returns false.
  template <typename OnEvent>
  void each_event(std::optional<std::int64_t> start_ms, std::optional<std::int64_t> end_ms, OnEvent&& on_event) {
    aws::FilterLogEventsRequest req;
    req.log_group_name = log_group();
    req.log_stream_name_prefix = kHyperPodStreamPrefix;
    req.filter_pattern = "%" + job_id_ + "%";
    req.start_time = start_ms;
    req.end_time = end_ms;
    req.limit = page_limit(std::nullopt);
    req.interleaved = true;  // events of all streams in time order, so the first `limit` are the oldest
    for (;;) {
      aws::FilterLogEventsResult page;
      try {
        page = logs_.filter_log_events(req);
      } catch (const ServiceError& e) {
        if (e.code() == "ResourceNotFoundException") return;  // the cluster has not logged yet
        throw;
      }
      for (const auto& e : page.events) {
        // The pattern already selects these; checked again so an endpoint that ignores
        // regular-expression patterns cannot hand over another job's lines.
        if (e.message.find(job_id_) == std::string::npos) continue;
        if (!on_event(e)) return;
      }
      if (page.next_token.empty() || page.next_token == req.next_token) return;
      req.next_token = page.next_token;
    }
  }

 private:
  // /aws/sagemaker/Clusters/<cluster name>/<cluster id>, the id being the ARN's last segment.
  const std::string& log_group() {
    if (log_group_.empty()) {
      const std::string arn = sagemaker_.describe_cluster(cluster_name_).arn;
      log_group_ = "/aws/sagemaker/Clusters/" + cluster_name_ + "/" + arn.substr(arn.rfind('/') + 1);
    }
    return log_group_;
  }

  aws::LogsClient logs_;
  aws::SageMakerClient sagemaker_;
  std::string cluster_name_;
  std::string job_id_;
  std::string log_group_;
};

class ClusterJobFollower final : public LogFollower {
 public:
  ClusterJobFollower(ClusterJobLogSource& source, std::optional<std::int64_t> start_ms)
      : source_(source), start_ms_(start_ms) {}

  std::vector<JobLogEvent> poll() override {
    std::vector<JobLogEvent> out;
    std::optional<std::int64_t> from = start_ms_;
    if (newest_) from = std::max(from.value_or(*newest_ - kLateArrivalMs), *newest_ - kLateArrivalMs);
    // Ids are recorded only once the whole query succeeded: a failed poll delivers nothing,
    // and the next one reads the same events again.
    std::map<std::string, std::int64_t> fresh;
    source_.each_event(from, std::nullopt, [&](const aws::FilteredLogEvent& e) {
      if (!delivered_.contains(e.event_id) && fresh.try_emplace(e.event_id, e.timestamp).second) {
        out.push_back({e.timestamp, e.message, e.ingestion_time, e.log_stream_name});
      }
      return true;
    });
    delivered_.merge(fresh);
    order_and_trim(out, std::nullopt, true);
    if (!out.empty()) newest_ = std::max(newest_.value_or(out.back().timestamp_ms), out.back().timestamp_ms);
    forget_old_ids();
    return out;
  }

 private:
  // Ids older than the overlap can never come back: the next query starts after them.
  void forget_old_ids() {
    if (!newest_) return;
    for (auto it = delivered_.begin(); it != delivered_.end();) {
      it = it->second < *newest_ - kLateArrivalMs ? delivered_.erase(it) : std::next(it);
    }
  }

  ClusterJobLogSource& source_;
  std::optional<std::int64_t> start_ms_;
  std::optional<std::int64_t> newest_;
  std::map<std::string, std::int64_t> delivered_;  // event id -> timestamp
};

std::unique_ptr<LogFollower> ClusterJobLogSource::follower(std::optional<std::int64_t> start_ms) {
  return std::make_unique<ClusterJobFollower>(*this, start_ms);
}

}  // namespace

std::unique_ptr<JobLogSource> cluster_job_log_source(const aws::Session& session, std::string cluster_name,
                                                     std::string job_id) {
  return std::make_unique<ClusterJobLogSource>(session, std::move(cluster_name), std::move(job_id));
}

}  // namespace nova::monitor
