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
  // The API server's answer is input: json::value() throws on a non-object or a field of
  // another type, so every step checks the shape (a Status or a half-written object is "Pending").
  const auto text = [](const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const auto status = job->is_object() ? job->find("status") : job->end();
  if (status == job->end() || !status->is_object()) return {JobStatus::IN_PROGRESS, "Pending"};
  const auto conditions = status->find("conditions");
  if (conditions == status->end() || !conditions->is_array()) return {JobStatus::IN_PROGRESS, "Pending"};
  std::string latest;
  for (const auto& c : *conditions)
    if (c.is_object() && text(c, "status") == "True") latest = text(c, "type");
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
