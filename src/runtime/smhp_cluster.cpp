#include "runtime/smhp_cluster.hpp"

#include "aws/eks/cluster_connection.hpp"

namespace nova::runtime {

HyperPodCluster::HyperPodCluster(std::shared_ptr<const aws::Session> session, std::string cluster_name)
    : session_(std::move(session)), cluster_name_(std::move(cluster_name)) {}

aws::kubernetes::KubeClient& HyperPodCluster::kube() {
  std::lock_guard lock(mutex_);
  if (!kube_) {
    kube_ = std::make_unique<aws::kubernetes::KubeClient>(*session_,
                                                          aws::eks::connect_hyperpod_cluster(*session_, cluster_name_));
  }
  return *kube_;
}

}  // namespace nova::runtime
