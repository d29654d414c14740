#pragma once
// SageMaker real-time inference operations (json 1.1) on top of the SageMaker client's
// AwsClient. Creates are not retried (SageMaker takes no client token for them; a lost answer
// is resolved by the caller describing the resource by name); reads and deletes are.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/sagemaker/endpoint_types.hpp"
#include "aws/sagemaker/sagemaker_client.hpp"
#include "nova/error.hpp"

namespace nova::aws {

// SageMaker answers a missing model, config or endpoint with ValidationException ("Could not
// find ..."); ResourceNotFound is accepted too.
bool is_sagemaker_not_found(const ServiceError& error);

std::string create_model(SageMakerClient& sm, const CreateModelRequest& request);  // -> ModelArn
std::optional<DescribeModelResult> describe_model(SageMakerClient& sm, const std::string& name);
void delete_model(SageMakerClient& sm, const std::string& name);

std::string create_endpoint_config(SageMakerClient& sm, const CreateEndpointConfigRequest& request);
std::optional<DescribeEndpointConfigResult> describe_endpoint_config(SageMakerClient& sm, const std::string& name);
void delete_endpoint_config(SageMakerClient& sm, const std::string& name);

std::string create_endpoint(SageMakerClient& sm, const std::string& endpoint_name, const std::string& config_name,
                            const std::map<std::string, std::string>& tags);
std::string update_endpoint(SageMakerClient& sm, const std::string& endpoint_name, const std::string& config_name);
std::optional<DescribeEndpointResult> describe_endpoint(SageMakerClient& sm, const std::string& name);
void delete_endpoint(SageMakerClient& sm, const std::string& name);
// Every page of ListEndpoints / ListModels / ListEndpointConfigs, optionally filtered by NameContains.
std::vector<EndpointSummary> list_endpoints(SageMakerClient& sm, const std::string& name_contains = {});
std::vector<std::string> list_model_names(SageMakerClient& sm, const std::string& name_contains = {});
std::vector<std::string> list_endpoint_config_names(SageMakerClient& sm, const std::string& name_contains = {});
// The tags of a model, endpoint config or endpoint (every page of ListTags).
std::map<std::string, std::string> list_tags(SageMakerClient& sm, const std::string& arn);

}  // namespace nova::aws
