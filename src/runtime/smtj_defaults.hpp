#pragma once
// The defaults of a SageMaker training job launched for a Nova recipe, read once from the
// embedded table data/smtj_job_defaults.json.

#include <string>

namespace nova::runtime {

struct SmtjDefaults {
  std::string training_input_mode;
  int volume_size_gb{0};
  int max_runtime_seconds{0};
  std::string train_channel;
  std::string train_data_distribution;
  std::string recipe_channel;
  std::string recipe_container_dir;  // where SageMaker mounts the recipe channel
  std::string recipe_key_prefix;
  std::string default_bucket_format;  // {region}, {account}
  std::string job_name_pattern;
  std::size_t job_name_max_length{0};
  std::string default_role_name;
  std::string managed_policy_arn_format;  // {partition}
  std::string default_role_trust_policy;  // JSON text
};

const SmtjDefaults& smtj_defaults();

// Replaces every "{name}" in `format` by `value`.
std::string fill_placeholder(std::string format, const std::string& name, const std::string& value);

}  // namespace nova::runtime
