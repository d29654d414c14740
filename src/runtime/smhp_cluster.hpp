#pragma once
// The Kubernetes client of a HyperPod cluster, connected once per manager and reused.

#include <memory>
#include <mutex>
#include <string>

#include "aws/kubernetes/kube_client.hpp"
#include "aws/session/session.hpp"

namespace nova::runtime {

class HyperPodCluster {
 public:
  HyperPodCluster(std::shared_ptr<const aws::Session> session, std::string cluster_name);
  // Connects on first use (SageMaker DescribeCluster -> EKS DescribeCluster).
  aws::kubernetes::KubeClient& kube();
  const aws::Session& session() const { return *session_; }

 private:
  std::shared_ptr<const aws::Session> session_;
  std::string cluster_name_;
  std::mutex mutex_;
  std::unique_ptr<aws::kubernetes::KubeClient> kube_;
};

}  // namespace nova::runtime
