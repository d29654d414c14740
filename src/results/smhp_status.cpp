#include "results/smhp_status.hpp"

#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/session/session_for.hpp"
#include "nova/results.hpp"

namespace nova {
namespace results {

std::pair<JobStatus, std::string> hyperpod_job_status(const std::optional<nlohmann::json>& job) {
  if (!job) return {JobStatus::FAILED, "Stopped"};
  const auto status = job->value("status", nlohmann::json::object());
  const auto conditions = status.value("conditions", nlohmann::json::array());
  std::string latest;
  if (!conditions.is_array()) return {JobStatus::IN_PROGRESS, "Pending"};
  for (const auto& c : conditions)
    if (c.is_object() && c.value("status", "") == "True") latest = c.value("type", "");
  if (latest.empty()) return {JobStatus::IN_PROGRESS, "Pending"};
  if (latest == "Succeeded") return {JobStatus::COMPLETED, latest};
  if (latest == "Failed") return {JobStatus::FAILED, latest};
  // Created, Running, Restarting, Suspended, and whatever a newer operator adds.
  return {JobStatus::IN_PROGRESS, latest};
}

}  // namespace results

namespace {

std::pair<JobStatus, std::string> fetch_hyperpod_status(const std::string& job_id, const std::string& cluster,
                                                        const std::string& ns, const AwsOptions& aws) {
  const auto session = aws::session_for(aws);
  aws::kubernetes::KubeClient kube(*session, aws::eks::connect_hyperpod_cluster(*session, cluster));
  return results::hyperpod_job_status(kube.get_if_exists(aws::kubernetes::pytorchjob_path(ns, job_id)));
}

}  // namespace

std::pair<JobStatus, std::string> SMHPTrainingResult::fetch_job_status() {
  return fetch_hyperpod_status(job_id(), cluster_name(), namespace_name(), aws_options());
}

std::pair<JobStatus, std::string> SMHPEvaluationResult::fetch_job_status() {
  return fetch_hyperpod_status(job_id(), cluster_name(), namespace_name(), aws_options());
}

std::pair<JobStatus, std::string> SMHPBatchInferenceResult::fetch_job_status() {
  return fetch_hyperpod_status(job_id(), cluster_name(), namespace_name(), aws_options());
}

}  // namespace nova
