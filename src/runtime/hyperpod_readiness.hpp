#pragma once
// Is a HyperPod cluster ready for a manager's jobs? Each check with what it found and, when
// it is not ready, the fix apart from the finding: `nova doctor` prints them as two fields,
// SMHPRuntimeManager::check_infrastructure joins them into one detail.

#include <string>
#include <vector>

namespace nova {
class SMHPRuntimeManager;
}

namespace nova::runtime {

struct ReadinessCheck {
  std::string name;  // "cluster", "instances", "namespace", "pytorchjob-crd", "rbac"
  bool ready{false};
  std::string detail;
  std::string fix;  // "" when ready
};

// Never throws for what AWS or the cluster answers: a missing piece is a check that is not
// ready. Throws ConfigError without credentials or region.
std::vector<ReadinessCheck> hyperpod_readiness(const SMHPRuntimeManager& manager, bool check_instances);

}  // namespace nova::runtime
