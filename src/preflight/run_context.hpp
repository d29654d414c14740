#pragma once
// What every pre-flight check shares: the request, the session, who is calling, and the
// run's values (bucket, key, role and cluster ARNs) the permission table is filled with.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nova/preflight.hpp"
#include "preflight/permission_table.hpp"

namespace nova::aws {
class Session;
}

namespace nova::preflight {

struct RunContext {
  PreflightRequest request;
  std::shared_ptr<const aws::Session> session;
  std::string region;
  std::string account;         // "" when the caller is unknown
  std::string caller_arn;      // sts:GetCallerIdentity
  std::string principal_arn;   // what IAM's simulator is asked about; "" for root and others
  std::string identity_error;  // why the caller is unknown
  std::string purpose;         // permission-table purpose ("train", "hyperpod", ...)
  Values values;
};

// Resolves the caller (one sts:GetCallerIdentity; never throws for AWS answers: the
// credentials check reports them) and the run's values.
RunContext make_context(const PreflightRequest& request, std::shared_ptr<const aws::Session> session,
                        PolicyPurpose purpose);

// The KMS key as an ARN (ids and aliases are put in the run's region and account).
std::string kms_key_arn(const std::string& key, const std::string& partition, const std::string& region,
                        const std::string& account);

// The purpose of a request as the checks see it: a deployment when deploy_platform is set,
// else evaluation for the EVALUATION method, else training.
PolicyPurpose purpose_of(const PreflightRequest& request);

// The same request with its empty strings treated as not given.
PreflightRequest normalised(PreflightRequest request);

}  // namespace nova::preflight
