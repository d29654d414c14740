#pragma once
// SageMaker real-time endpoints serving a Nova model: model (Nova inference image, artifact
// as an uncompressed S3 prefix, network isolation), endpoint config and endpoint, created or
// updated per DeploymentMode, waited on, described and deleted. Beyond the reference SDK's
// specification (deploy.md §2).

#include <map>
#include <optional>
#include <string>

#include "deploy/wait_options.hpp"
#include "nova/enums.hpp"

namespace nova::aws {
class Session;
}

namespace nova::deploy {

struct SageMakerEndpointRequest {
  std::string endpoint_name;
  std::string model_artifact_s3_uri;  // uncompressed S3 prefix (a trailing '/' is added)
  nova::Model model{nova::Model::NOVA_MICRO};
  std::string instance_type{"ml.p5.48xlarge"};
  std::string execution_role_arn;
  std::optional<int> context_length;   // CONTEXT_LENGTH; default 4000
  std::optional<int> max_concurrency;  // MAX_CONCURRENCY; default 1
  std::optional<std::string> kms_key_id;  // endpoint config's volume key
  nova::DeploymentMode mode{nova::DeploymentMode::FAIL_IF_EXISTS};
  std::map<std::string, std::string> tags;  // lineage tags put on the model and the endpoint
  int initial_instance_count{1};
};

struct SageMakerEndpointState {
  std::string endpoint_arn, endpoint_name, status, failure_reason, model_name, config_name;
  std::string created_at;  // ISO 8601 UTC, empty when unknown
  // Filled by describe_sagemaker_endpoint: the lineage (model ARN, its artifact, the endpoint's tags).
  std::string model_arn, model_data_s3_uri;
  std::map<std::string, std::string> tags;
};

// Creates the model, endpoint config and endpoint (FAIL_IF_EXISTS refuses an existing
// endpoint; UPDATE_IF_EXISTS creates a new model + config and calls UpdateEndpoint). Returns
// at once after the create/update call; wait with wait_for_sagemaker_endpoint.
// @throws nova::ValueError bad instance type / context length / concurrency / S3 URI / name,
//         or an existing endpoint under FAIL_IF_EXISTS
// @throws nova::ServiceError AWS refused a call
SageMakerEndpointState deploy_sagemaker_endpoint(const aws::Session& session, const SageMakerEndpointRequest& request);

// The endpoint by name or ARN with its lineage, or nullopt when SageMaker does not know it.
std::optional<SageMakerEndpointState> describe_sagemaker_endpoint(const aws::Session& session,
                                                                  const std::string& name_or_arn);

// Polls DescribeEndpoint until InService. Failed (or UpdateRollbackFailed) throws
// nova::ServiceError carrying the FailureReason; the timeout throws nova::TimeoutError-like
// ServiceError with code "Timeout" naming the last status.
SageMakerEndpointState wait_for_sagemaker_endpoint(const aws::Session& session, const std::string& name,
                                                   const WaitOptions& wait);

// Deletes the endpoint, waits until DescribeEndpoint no longer finds it, then deletes the
// endpoint config and model it served and those earlier UPDATE_IF_EXISTS runs left
// (`<endpoint>-config-<epoch>`, `<endpoint>-model-<epoch>`). A missing endpoint is not an error.
void delete_sagemaker_endpoint(const aws::Session& session, const std::string& name, const WaitOptions& wait);

}  // namespace nova::deploy
