// SMHPRuntimeManager::pod_logs: what `kubectl logs` shows, for every pod of a job.
#include <fmt/format.h>

#include <algorithm>

#include "aws/eks/cluster_connection.hpp"
#include "aws/kubernetes/kube_client.hpp"
#include "aws/kubernetes/kube_paths.hpp"
#include "aws/session/session_for.hpp"
#include "nova/runtime.hpp"

namespace nova {

void SMHPRuntimeManager::pod_logs(const std::string& job_name, const std::function<bool(std::string_view)>& on_chunk,
                                  bool follow) const {
  namespace k8s = aws::kubernetes;
  const auto session = aws::session_for(aws_options());
  k8s::KubeClient kube(*session, aws::eks::connect_hyperpod_cluster(*session, cluster_name_));
  // The training operator labels the pods of a PyTorchJob with its name and replica type.
  const auto list = kube.list(k8s::core_path(namespace_name_, "pods"), "training.kubeflow.org/job-name=" + job_name);
  std::vector<std::pair<bool, std::string>> pods;  // (not master, name): master sorts first
  for (const auto& pod : list.value("items", nlohmann::json::array())) {
    const auto labels = pod["metadata"].value("labels", nlohmann::json::object());
    pods.emplace_back(labels.value("training.kubeflow.org/replica-type", "") != "master", pod["metadata"].value("name", ""));
  }
  if (pods.empty()) {
    throw ValueError(fmt::format("Job '{}' has no pods in namespace '{}' (yet, or any more): see 'nova job status'.",
                                 job_name, namespace_name_));
  }
  std::sort(pods.begin(), pods.end());
  k8s::LogOptions options;
  options.container = "pytorch";
  if (follow) {
    if (!on_chunk(fmt::format("==> {} <==\n", pods.front().second))) return;
    kube.follow_pod_logs(namespace_name_, pods.front().second, on_chunk, options);
    return;
  }
  for (const auto& [worker, pod] : pods) {
    if (!on_chunk(fmt::format("==> {} <==\n", pod))) return;
    std::string text = kube.pod_logs(namespace_name_, pod, options);
    if (!text.empty() && text.back() != '\n') text += '\n';
    if (!on_chunk(text)) return;
  }
}

}  // namespace nova
