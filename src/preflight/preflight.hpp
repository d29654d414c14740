#pragma once
// The pre-flight checks as the customizer runs them (validation_config): the groups of
// checks it asks for, on its own session, and the one error a failing report becomes.

#include <memory>
#include <string>

#include "nova/preflight.hpp"

namespace nova::aws {
class Session;
}

namespace nova::preflight {

enum Group : unsigned {
  kCredentials = 1u << 0,
  kRegion = 1u << 1,
  kRecipe = 1u << 2,
  kQuota = 1u << 3,
  kPermissions = 1u << 4,  // the caller's and the execution role's
  kStorage = 1u << 5,      // buckets and the KMS key
  kData = 1u << 6,
  kHyperPod = 1u << 7,
  kAll = (1u << 8) - 1,
};

// Runs the checks of `groups` (the credentials check always). Reuses a passing report of the
// same run and groups younger than a minute (see nova::run_preflight).
PreflightReport run_checks(const PreflightRequest& request, std::shared_ptr<const aws::Session> session, unsigned groups,
                           bool use_cache = true);

// "Cannot <what>: N checks failed" and each failure with its fix; "" when nothing failed.
std::string failure_message(const PreflightReport& report, const std::string& what);

}  // namespace nova::preflight
