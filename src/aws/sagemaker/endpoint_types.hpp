#pragma once
// SageMaker real-time inference resources: models, endpoint configs, endpoints.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::aws {

// CreateModel with one primary container whose artifact is an uncompressed S3 prefix
// (ModelDataSource.S3DataSource{S3DataType "S3Prefix", CompressionType "None"}).
struct CreateModelRequest {
  std::string model_name;
  std::string image;
  std::string model_data_s3_prefix;
  std::map<std::string, std::string> environment;
  std::string execution_role_arn;
  bool enable_network_isolation{true};
  std::map<std::string, std::string> tags;
};

struct DescribeModelResult {
  std::string model_name, model_arn, image, model_data_s3_uri, execution_role_arn;
  std::map<std::string, std::string> environment;
  bool enable_network_isolation{false};
  std::optional<TimePoint> creation_time;
};

struct ProductionVariantSpec {
  std::string variant_name{"primary"};
  std::string model_name;
  std::string instance_type;
  int initial_instance_count{1};
};

struct CreateEndpointConfigRequest {
  std::string endpoint_config_name;
  std::vector<ProductionVariantSpec> variants;
  std::optional<std::string> kms_key_id;
  std::map<std::string, std::string> tags;
};

struct DescribeEndpointConfigResult {
  std::string endpoint_config_name, endpoint_config_arn, kms_key_id;
  std::vector<ProductionVariantSpec> variants;
};

struct DescribeEndpointResult {
  std::string endpoint_name, endpoint_arn, endpoint_config_name;
  std::string status;  // Creating, InService, Updating, Failed, ... (deploy.md §5)
  std::string failure_reason;
  std::optional<TimePoint> creation_time, last_modified_time;
};

struct EndpointSummary {
  std::string endpoint_name, endpoint_arn, status;
  std::optional<TimePoint> creation_time;
};

}  // namespace nova::aws
