#include <nlohmann/json.hpp>

#include "aws/sagemaker/sagemaker_types.hpp"

namespace nova::aws {
namespace {

using Json = nlohmann::ordered_json;  // member order as the API documents it: readable dry runs

Json channel_json(const TrainingChannel& c) {
  Json source = {{"S3DataType", c.s3_data_type},
                 {"S3Uri", c.s3_uri},
                 {"S3DataDistributionType", c.s3_data_distribution_type}};
  Json channel = {{"ChannelName", c.channel_name}, {"DataSource", {{"S3DataSource", std::move(source)}}}};
  if (c.content_type) channel["ContentType"] = *c.content_type;
  if (c.input_mode) channel["InputMode"] = *c.input_mode;
  return channel;
}

Json string_map(const std::map<std::string, std::string>& m) {
  Json out = Json::object();
  for (const auto& [k, v] : m) out[k] = v;
  return out;
}

}  // namespace

std::string to_request_json(const CreateTrainingJobRequest& r) {
  Json body;
  body["TrainingJobName"] = r.training_job_name;
  if (!r.hyper_parameters.empty()) body["HyperParameters"] = string_map(r.hyper_parameters);
  body["AlgorithmSpecification"] = {{"TrainingImage", r.training_image}, {"TrainingInputMode", r.training_input_mode}};
  body["RoleArn"] = r.role_arn;
  if (!r.input_channels.empty()) {
    Json channels = Json::array();
    for (const auto& c : r.input_channels) channels.push_back(channel_json(c));
    body["InputDataConfig"] = std::move(channels);
  }
  Json output = {{"S3OutputPath", r.output_s3_path}};
  if (!r.output_kms_key_id.empty()) output["KmsKeyId"] = r.output_kms_key_id;
  body["OutputDataConfig"] = std::move(output);
  Json resources = {{"InstanceType", r.instance_type},
                    {"InstanceCount", r.instance_count},
                    {"VolumeSizeInGB", r.volume_size_gb}};
  if (!r.volume_kms_key_id.empty()) resources["VolumeKmsKeyId"] = r.volume_kms_key_id;
  body["ResourceConfig"] = std::move(resources);
  // The API requires both lists or neither; a half-given VPC is sent as is so that the
  // service names what is missing.
  if (!r.subnets.empty() || !r.security_group_ids.empty()) {
    body["VpcConfig"] = {{"SecurityGroupIds", r.security_group_ids}, {"Subnets", r.subnets}};
  }
  body["StoppingCondition"] = {{"MaxRuntimeInSeconds", r.max_runtime_seconds}};
  if (!r.tags.empty()) {
    Json tags = Json::array();
    for (const auto& [k, v] : r.tags) tags.push_back({{"Key", k}, {"Value", v}});
    body["Tags"] = std::move(tags);
  }
  body["EnableInterContainerTrafficEncryption"] = r.enable_inter_container_traffic_encryption;
  if (!r.tensorboard_s3_path.empty()) body["TensorBoardOutputConfig"] = {{"S3OutputPath", r.tensorboard_s3_path}};
  if (r.profiler_disabled) body["ProfilerConfig"] = {{"DisableProfiler", true}};
  if (!r.environment.empty()) body["Environment"] = string_map(r.environment);
  return body.dump(2);
}

}  // namespace nova::aws
