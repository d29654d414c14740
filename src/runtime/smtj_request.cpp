#include "runtime/smtj_request.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "aws/s3/s3_uri.hpp"
#include "runtime/smtj_defaults.hpp"

namespace nova::runtime {
namespace {

void require(const std::string& value, const char* field, const char* what) {
  if (value.empty()) throw ValueError(fmt::format("JobConfig.{} is required: {}.", field, what));
}

}  // namespace

std::string RecipeLocation::folder_uri() const {
  const auto slash = key.rfind('/');
  return "s3://" + bucket + "/" + (slash == std::string::npos ? std::string() : key.substr(0, slash + 1));
}

std::string default_bucket(const std::string& region, const std::string& account) {
  return fill_placeholder(fill_placeholder(smtj_defaults().default_bucket_format, "region", region), "account",
                          account);
}

RecipeLocation recipe_location(const std::string& bucket, const std::string& recipe_path,
                               std::chrono::system_clock::time_point now) {
  const std::filesystem::path path(recipe_path);
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(now)};
  const std::string date = fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(day.year()),
                                       static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  RecipeLocation loc;
  loc.bucket = bucket;
  loc.file_name = path.filename().string();
  loc.key = fmt::format("{}/{}_{}/{}", smtj_defaults().recipe_key_prefix, date, path.stem().string(), loc.file_name);
  return loc;
}

void validate_job_config(const JobConfig& job) {
  validate_smtj_job_name(job.job_name);
  require(job.image_uri, "image_uri", "the training image (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>)");
  require(job.recipe_path, "recipe_path", "the local recipe YAML file to run");
  const std::string output = job.output_s3_path.value_or("");
  require(output, "output_s3_path", "an s3://bucket/prefix URI for the job's output");
  if (!aws::is_s3_uri(output)) {
    throw ValueError(fmt::format("JobConfig.output_s3_path '{}' must be an s3://bucket/prefix URI.", output));
  }
  if (job.data_s3_path && !job.data_s3_path->empty() && !aws::is_s3_uri(*job.data_s3_path)) {
    throw ValueError(fmt::format("JobConfig.data_s3_path '{}' must be an s3://bucket/key URI.", *job.data_s3_path));
  }
}

aws::CreateTrainingJobRequest build_training_job_request(const SmtjSettings& settings, const JobConfig& job,
                                                         const std::string& role_arn,
                                                         const RecipeLocation& recipe,
                                                         const std::string& model_name_or_path) {
  validate_job_config(job);
  if (model_name_or_path.empty()) {
    throw ValueError("The recipe names no model: set run.model_name_or_path or JobConfig.model_name_or_path.");
  }
  const SmtjDefaults& d = smtj_defaults();
  aws::CreateTrainingJobRequest r;
  r.training_job_name = job.job_name;
  r.training_image = job.image_uri;
  r.training_input_mode = d.training_input_mode;
  r.role_arn = role_arn;
  r.instance_type = settings.instance_type;
  r.instance_count = settings.instance_count;
  r.volume_size_gb = d.volume_size_gb;

  if (job.data_s3_path && !job.data_s3_path->empty()) {
    aws::TrainingChannel train;
    train.channel_name = d.train_channel;
    train.s3_uri = *job.data_s3_path;
    // No data type (RFT) leaves the service default, S3Prefix, as the PySDK does.
    train.s3_data_type = job.input_s3_data_type.value_or("S3Prefix");
    train.s3_data_distribution_type = d.train_data_distribution;
    r.input_channels.push_back(std::move(train));
  }
  aws::TrainingChannel recipe_channel;
  recipe_channel.channel_name = d.recipe_channel;
  recipe_channel.s3_uri = recipe.folder_uri();
  recipe_channel.s3_data_type = "S3Prefix";
  recipe_channel.s3_data_distribution_type = d.train_data_distribution;
  recipe_channel.input_mode = d.training_input_mode;
  r.input_channels.push_back(std::move(recipe_channel));

  r.hyper_parameters["sagemaker_recipe_local_path"] = d.recipe_container_dir + "/" + recipe.file_name;
  r.hyper_parameters[aws::is_s3_uri(model_name_or_path) ? "base_model_location" : "base_model"] = model_name_or_path;

  r.output_s3_path = *job.output_s3_path;
  r.output_kms_key_id = settings.kms_key_id.value_or("");
  r.tensorboard_s3_path = *job.output_s3_path;
  r.profiler_disabled = true;
  r.subnets = settings.subnets;
  r.security_group_ids = settings.security_group_ids;
  r.enable_inter_container_traffic_encryption = settings.encrypt_inter_container_traffic;
  r.max_runtime_seconds = d.max_runtime_seconds;
  return r;
}

}  // namespace nova::runtime
