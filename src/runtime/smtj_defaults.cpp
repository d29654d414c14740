#include "runtime/smtj_defaults.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace nova::embedded {
extern const std::string_view smtj_job_defaults;
}

namespace nova::runtime {

const SmtjDefaults& smtj_defaults() {
  static const SmtjDefaults defaults = [] {
    const auto j = nlohmann::json::parse(embedded::smtj_job_defaults);
    SmtjDefaults d;
    d.training_input_mode = j.at("training_input_mode").get<std::string>();
    d.volume_size_gb = j.at("volume_size_gb").get<int>();
    d.max_runtime_seconds = j.at("max_runtime_seconds").get<int>();
    d.train_channel = j.at("train_channel").get<std::string>();
    d.train_data_distribution = j.at("train_data_distribution").get<std::string>();
    d.recipe_channel = j.at("recipe_channel").get<std::string>();
    d.recipe_container_dir = j.at("recipe_container_dir").get<std::string>();
    d.recipe_key_prefix = j.at("recipe_key_prefix").get<std::string>();
    d.default_bucket_format = j.at("default_bucket_format").get<std::string>();
    d.job_name_pattern = j.at("job_name_pattern").get<std::string>();
    d.job_name_max_length = j.at("job_name_max_length").get<std::size_t>();
    const auto& role = j.at("default_execution_role");
    d.default_role_name = role.at("role_name").get<std::string>();
    d.managed_policy_arn_format = role.at("managed_policy_arn_format").get<std::string>();
    d.default_role_trust_policy = role.at("trust_policy").dump();
    return d;
  }();
  return defaults;
}

std::string fill_placeholder(std::string format, const std::string& name, const std::string& value) {
  const std::string token = "{" + name + "}";
  for (auto pos = format.find(token); pos != std::string::npos; pos = format.find(token, pos + value.size())) {
    format.replace(pos, token.size(), value);
  }
  return format;
}

}  // namespace nova::runtime
