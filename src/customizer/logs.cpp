// NovaModelCustomizer::get_logs and the log monitor of a job result.

#include <fmt/format.h>

#include <charconv>
#include <iostream>

#include "customizer/customizer_state.hpp"
#include "nova/job_logs.hpp"

namespace nova {
namespace {

std::int64_t epoch_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

std::int64_t parse_log_time(std::string_view text) {
  std::int64_t ms = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return ms;
  try {
    return epoch_ms(parse_python_isoformat(text));
  } catch (const ValueError&) {
    throw ValueError(fmt::format("'{}' is not a log time: give epoch milliseconds (e.g. 1767225600000) or an ISO 8601 "
                                 "time (e.g. 2026-01-01T00:00:00Z; no offset means UTC)",
                                 text));
  }
}

CloudWatchLogMonitor log_monitor_for(const BaseJobResult& result) {
  std::optional<std::string> cluster;
  std::string k8s_namespace = "kubeflow";
  if (const auto* hp = dynamic_cast<const SMHPTrainingResult*>(&result)) {
    cluster = hp->cluster_name();
    k8s_namespace = hp->namespace_name();
  } else if (const auto* hp_eval = dynamic_cast<const SMHPEvaluationResult*>(&result)) {
    cluster = hp_eval->cluster_name();
    k8s_namespace = hp_eval->namespace_name();
  }
  return CloudWatchLogMonitor::from_job_id(result.job_id(), result.platform(), result.started_time(), cluster,
                                           k8s_namespace, result.aws_options());
}

void NovaModelCustomizer::get_logs(std::optional<std::size_t> limit, bool start_from_head,
                                   const std::optional<std::string>& end_time) const {
  get_logs(std::cout, limit, start_from_head, end_time);
}

void NovaModelCustomizer::get_logs(std::ostream& out, std::optional<std::size_t> limit, bool start_from_head,
                                   const std::optional<std::string>& end_time) const {
  const Impl& s = *impl_;
  if (!s.job_id) {
    out << "No job_id and job_started_time found for this model, please call .train() or .evaluate() first.\n";
    return;
  }
  const std::optional<std::int64_t> end_ms = end_time ? std::optional(parse_log_time(*end_time)) : std::nullopt;
  std::optional<std::string> cluster;
  std::string k8s_namespace = "kubeflow";
  if (const auto* hp = dynamic_cast<const SMHPRuntimeManager*>(s.infra.get())) {
    cluster = hp->cluster_name();
    k8s_namespace = hp->namespace_name();
  }
  // A new monitor per call (the reference caches one): it holds no state worth keeping, and
  // the job may have changed since the last call.
  CloudWatchLogMonitor monitor = CloudWatchLogMonitor::from_job_id(*s.job_id, s.infra->platform(), s.job_started_time,
                                                                   cluster, k8s_namespace, s.options.aws);
  monitor.show_logs(out, limit, start_from_head, end_ms);
}

}  // namespace nova
