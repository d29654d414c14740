#pragma once
// The `infra` part of validation_config (HyperPod): the cluster exists and is orchestrated by
// EKS, a restricted instance group of the requested type has enough instances, the namespace
// exists and the PyTorchJob CRD is installed.

#include <string>
#include <vector>

namespace nova {
class SMHPRuntimeManager;
}

namespace nova::customizer {

// Problems found, one message each saying what to fix; empty when the cluster can run the job.
std::vector<std::string> check_hyperpod_infrastructure(const SMHPRuntimeManager& manager);

}  // namespace nova::customizer
