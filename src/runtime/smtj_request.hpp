#pragma once
// Builds the CreateTrainingJob request of an SMTJ job (reference launch.md 4.2) from the
// manager's settings, the JobConfig and what was resolved (role, recipe location, model).
// Pure: no AWS call, so every combination is unit-tested.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "aws/sagemaker/sagemaker_types.hpp"
#include "nova/runtime.hpp"

namespace nova::runtime {

struct SmtjSettings {
  std::string instance_type;
  int instance_count{1};
  std::optional<std::string> kms_key_id;
  bool encrypt_inter_container_traffic{false};
  std::vector<std::string> subnets;
  std::vector<std::string> security_group_ids;
};

// Where the recipe file goes in S3.
struct RecipeLocation {
  std::string bucket;
  std::string key;        // recipes/<YYYY-MM-DD>_<stem>/<file name>
  std::string file_name;  // the recipe's file name
  std::string uri() const { return "s3://" + bucket + "/" + key; }
  // The recipe channel: the folder holding the file.
  std::string folder_uri() const;
};

// The PySDK default bucket: sagemaker-<region>-<account>.
std::string default_bucket(const std::string& region, const std::string& account);

// recipes/<date (UTC)>_<file stem>/<file name> in `bucket`.
RecipeLocation recipe_location(const std::string& bucket, const std::string& recipe_path,
                               std::chrono::system_clock::time_point now);

// Checks what CreateTrainingJob needs from the JobConfig (job name, image, recipe path,
// output path). @throws ValueError naming the missing or invalid field.
void validate_job_config(const JobConfig& job);

// @throws ValueError as validate_job_config, or when `model_name_or_path` is empty.
aws::CreateTrainingJobRequest build_training_job_request(const SmtjSettings& settings, const JobConfig& job,
                                                         const std::string& role_arn,
                                                         const RecipeLocation& recipe,
                                                         const std::string& model_name_or_path);

// The model of the recipe: JobConfig::model_name_or_path, else `run.model_name_or_path`
// of the recipe file. @throws ValueError when the file cannot be read or has neither.
std::string resolve_model_name_or_path(const JobConfig& job);

}  // namespace nova::runtime
