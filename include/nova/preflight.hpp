#pragma once
/// @file
/// Pre-flight: will this exact run start? Checks made before any money is spent (`nova
/// doctor`), and the least-privilege IAM policies the run needs (`nova iam policy`).
///
/// Every check says pass, warn or fail, what it found, and the fix. A failing check means the
/// run would not start (or would fail at once); a warning means something could not be seen
/// or will be created on the way. The same checks run inside train(), evaluate() and deploy()
/// (validation_config), where failures become one ValueError listing each with its fix.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nova/aws.hpp"
#include "nova/enums.hpp"

namespace nova {

enum class CheckStatus { PASS, WARN, FAIL };
/// "pass" | "warn" | "fail"
std::string_view to_string(CheckStatus status);

struct PreflightCheck {
  std::string name;    ///< "credentials", "region", "recipe", "instance", "quota", "execution-role", ...
  CheckStatus status{CheckStatus::PASS};
  std::string detail;  ///< what was found
  std::string fix;     ///< what to change; empty when nothing is to be done
};

struct PreflightReport {
  bool ok{true};  ///< no check failed (warnings allowed)
  std::vector<PreflightCheck> checks;
  bool cached{false};  ///< reused from a run of the same checks less than a minute ago
  /// `{"ok": bool, "checks": [{"name", "status", "detail", "fix"}]}`
  std::string to_json() const;
};

/// The planned run. Only what is set is checked: without a model and method there is no
/// recipe check, without a data path no data check, and so on.
struct PreflightRequest {
  Platform platform{Platform::SMTJ};
  std::optional<Model> model;
  std::optional<TrainingMethod> method;
  std::optional<std::string> instance_type;
  std::optional<int> instance_count;
  std::optional<std::string> data_s3_path;
  std::optional<std::string> output_s3_path;
  std::optional<std::string> execution_role_arn;
  std::optional<std::string> kms_key_id;  ///< key id, key ARN or alias
  std::optional<std::string> cluster_name;  ///< SMHP
  std::string namespace_name{"kubeflow"};   ///< SMHP
  /// A deployment instead of a training run: the endpoint quota (SAGEMAKER) and deploy permissions.
  std::optional<DeployPlatform> deploy_platform;
  std::optional<std::string> endpoint_name;  ///< scopes deploy permissions to one endpoint
  std::optional<std::string> job_name;  ///< scopes sagemaker:CreateTrainingJob to the job-name prefix
  AwsOptions aws;
};

/// Runs every applicable check. A report whose checks all passed is cached for 60 seconds,
/// in this process and in ~/.cache/nova/preflight/ (one 0600 file per run, named by a hash
/// of the request, the profile and region, and the caller), so `nova doctor` followed by
/// `nova train` for the same run does not repeat the calls. Failing reports are never
/// cached: a fix is seen at once.
/// @throws ValueError for malformed input (an S3 URI that is not one, a bad cluster name)
PreflightReport run_preflight(const PreflightRequest& request, bool use_cache = true);

/// What a policy is for: the run's kind.
enum class PolicyPurpose { TRAIN, EVALUATE, DEPLOY, HYPERPOD };
/// Whose policy: the caller's identity policy, the execution role's, or the role's trust policy.
enum class PolicyKind { CALLER, ROLE, TRUST };

/// The least-privilege policy document (JSON) for the planned run. Resources are the run's
/// exact ARNs (the account from sts:GetCallerIdentity; a HyperPod cluster's ARN from
/// DescribeCluster when it can be read); a statement with a `*` resource says why in its Sid.
/// @throws ValueError when the purpose needs what the request lacks (DEPLOY: deploy_platform)
std::string iam_policy_document(const PreflightRequest& request, PolicyPurpose purpose, PolicyKind kind);

}  // namespace nova
