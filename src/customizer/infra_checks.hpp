#pragma once
// The `infra` part of validation_config (HyperPod): does the cluster have a restricted
// instance group of the requested type with enough instances running?

#include <string>
#include <vector>

namespace nova::aws {
class Session;
}

namespace nova::customizer {

// Problems found, one message each; empty when the cluster can run the job.
std::vector<std::string> check_hyperpod_capacity(const aws::Session& session, const std::string& cluster_name,
                                                 const std::string& instance_type, int instance_count);

}  // namespace nova::customizer
