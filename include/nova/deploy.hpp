#pragma once
/// @file
/// Deployments of trained models: Amazon Bedrock on-demand (OD) deployments, Bedrock
/// provisioned throughput (PT) and SageMaker real-time endpoints. Mirrors the
/// specification's deploy(), DeploymentResult and EndpointInfo, plus what a user needs to
/// look after a deployment later (find, list, status, wait, delete).

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nova/aws.hpp"
#include "nova/enums.hpp"
#include "nova/error.hpp"
#include "nova/wait.hpp"

namespace nova {

class TrainingResult;

/// The default execution role of Bedrock deployments (the specification's default).
inline constexpr const char* kBedrockExecutionRoleName = "BedrockDeployModelExecutionRole";
/// The default execution role of SageMaker endpoints.
inline constexpr const char* kSageMakerExecutionRoleName = "SageMakerDeployModelExecutionRole";

/// Where a deployment answers requests.
struct EndpointInfo {
  DeployPlatform platform{DeployPlatform::BEDROCK_OD};
  std::string endpoint_name;
  /// BEDROCK_OD: the custom-model-deployment ARN; BEDROCK_PT: the provisioned-model ARN;
  /// SAGEMAKER: the endpoint ARN.
  std::string uri;
  /// The checkpoint actually deployed (s3://...).
  std::string model_artifact_path;
  bool operator==(const EndpointInfo&) const = default;
};

/// Which training run a deployment serves: training job -> checkpoint -> imported model -> deployment.
struct DeploymentLineage {
  std::optional<std::string> training_job;  ///< the training job's name, when known
  std::string checkpoint;                   ///< the artifact path deployed
  std::string model_arn;                    ///< the Bedrock custom model (or SageMaker model) ARN
  std::string deployment_arn;               ///< = EndpointInfo::uri
  bool operator==(const DeploymentLineage&) const = default;
};

/// One progress report of a wait: the resource's raw AWS status and the time waited so far.
struct DeployWaitProgress {
  std::string what;    ///< "custom model <name>", "deployment <name>", ...
  std::string status;  ///< raw AWS status ("Creating", "InService", ...)
  std::chrono::milliseconds elapsed{0};
  bool last{false};  ///< the wait ends with this report (done, failed or timed out)
};

/// How waits poll. The defaults are the reference's: every 60 s, no timeout.
struct DeployWaitOptions {
  std::chrono::milliseconds poll_interval{std::chrono::seconds(60)};
  /// none: wait for ever.
  std::optional<std::chrono::milliseconds> timeout;
  /// Called after each poll. Empty: no progress is reported (the library writes nothing to
  /// stderr; the CLI passes a printer that follows its terminal rules).
  std::function<void(const DeployWaitProgress&)> progress;
  /// How to wait between polls (the Python module sleeps in slices to notice Ctrl-C);
  /// empty: sleep the thread.
  std::function<void(std::chrono::milliseconds)> sleep{};
  /// How long polls may fail with a transient error (throttling, 5xx, network; each already
  /// retried by the client) before the wait gives up with that error: failed polls in a row
  /// and time spent failing, as `nova job status --watch` (nova/wait.hpp).
  WaitErrorBudget errors{};
};

/// The arguments of deploy(), same names and defaults as the specification, plus the
/// SageMaker endpoint settings and the waits.
struct DeployOptions {
  /// none: the completed job_result's checkpoint, else the customizer's last training job.
  std::optional<std::string> model_artifact_path;
  DeployPlatform deploy_platform{DeployPlatform::BEDROCK_OD};
  std::optional<int> pt_units;  ///< BEDROCK_PT: required, >= 1
  /// none: "<model>-<method>-<region>" lower-cased ('.' and '_' -> '-').
  std::optional<std::string> endpoint_name;
  std::shared_ptr<TrainingResult> job_result;
  /// The execution role (Bedrock's default; for SAGEMAKER, kSageMakerExecutionRoleName
  /// is used when this is left at the Bedrock default).
  std::string bedrock_execution_role_name{kBedrockExecutionRoleName};
  /// SAGEMAKER only.
  std::string instance_type{"ml.p5.48xlarge"};
  std::optional<int> context_length;
  std::optional<int> max_concurrency;
  /// The import (and, with wait_for_deployment, the deployment) waits.
  DeployWaitOptions wait;
  /// Block until the deployment itself is Active / InService (the reference returns right away).
  bool wait_for_deployment{false};
};

/// A deployment: where it answers, when it was created, and where it came from.
class DeploymentResult {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  DeploymentResult(EndpointInfo endpoint, TimePoint created_at, DeploymentLineage lineage = {}, AwsOptions aws = {});

  const EndpointInfo& endpoint() const noexcept { return endpoint_; }
  TimePoint created_at() const noexcept { return created_at_; }
  const DeploymentLineage& lineage() const noexcept { return lineage_; }
  const AwsOptions& aws_options() const noexcept { return aws_; }
  void set_aws_options(AwsOptions aws) { aws_ = std::move(aws); }

  /// The raw status AWS reports now (asked on every call): "Creating", "Active",
  /// "InService", "Updating", "Failed", ... @throws ServiceError, ConfigError
  std::string status() const;
  /// Blocks until the deployment is Active (OD) / InService (PT, SageMaker).
  /// @return the final status. @throws ServiceError when it failed (with AWS's message)
  ///   or the timeout passed
  std::string wait(const DeployWaitOptions& options = {}) const;

  /// One JSON object: endpoint_name, platform, uri, model_artifact_path, created_at
  /// (ISO 8601 UTC), lineage; with `status` when given.
  std::string to_json(const std::optional<std::string>& status = std::nullopt) const;
  /// Reads what to_json() wrote. @throws ValueError naming the missing or invalid field
  static DeploymentResult from_json(const std::string& json);
  /// Writes to_json() atomically to `file_path`/`file_name` (default `<endpoint_name>_deployment.json`).
  std::filesystem::path dump(const std::optional<std::string>& file_path = std::nullopt,
                             const std::optional<std::string>& file_name = std::nullopt) const;
  /// @throws ValueError for an unreadable file or a missing field
  static DeploymentResult load(const std::string& file_path);

 private:
  EndpointInfo endpoint_;
  TimePoint created_at_;
  DeploymentLineage lineage_;
  AwsOptions aws_;
};

/// A deployment found by find_deployment / list_deployments, with what AWS says about it now.
struct DeploymentSummary {
  EndpointInfo endpoint;
  std::string status;
  std::string created_at;  ///< ISO 8601 UTC as AWS reports it
  DeploymentLineage lineage;
};

/// Finds an OD deployment, a PT or a SageMaker endpoint by name or ARN (every page of each list).
/// @throws ValueError naming what was searched when nothing matches; ServiceError, ConfigError
EndpointInfo find_deployment(const std::string& name_or_arn, const AwsOptions& aws = {});
/// find_deployment with the status and the lineage recovered from the resources' tags.
DeploymentSummary describe_deployment(const std::string& name_or_arn, const AwsOptions& aws = {});
/// Every OD deployment, PT and SageMaker endpoint in the region.
std::vector<DeploymentSummary> list_deployments(const AwsOptions& aws = {});
/// Deletes an OD deployment, a PT or a SageMaker endpoint and waits until it is gone.
/// @throws ServiceError (a PT still under its commitment term: a message saying so)
void delete_deployment(const EndpointInfo& endpoint, const DeployWaitOptions& wait = {}, const AwsOptions& aws = {});

}  // namespace nova
